"""The model client: instructor over the openai client, in the mode that fits the endpoint.

Two kinds of retry, counted apart:
- transport faults (refused, reset, timeout, 408/409/429/5xx) are retried here with tenacity,
  exponential backoff, Retry-After honoured, bounded in attempts and in total time; the openai
  client's own retries are off so the two never stack;
- a reply that does not validate is re-asked by instructor, `validation_retries` times at most.
"""

from __future__ import annotations

import email.utils
import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import instructor
import openai
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorRetryException,
)
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
)

from extractor.config import NO_KEY, Config
from extractor.errors import Cancelled, EndpointError, ReplyError
from extractor.schema import Draft, Usage, coding_check

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    # llama.cpp-family servers: {"type": "json_object", "schema": ...} makes the server decode
    # under a grammar built from the schema (set in `_request_extras`).
    "json_object_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
# instructor logs every failed attempt at ERROR; with no handler configured Python would print
# them. Failures reach the user once, as our own exceptions.
logging.getLogger("instructor").addHandler(logging.NullHandler())

_RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 120.0


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # refused, reset, timed out
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in _RETRY_STATUS


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return min(max(float(value), 0.0), _MAX_RETRY_AFTER)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return min(max(parsed.timestamp() - time.time(), 0.0), _MAX_RETRY_AFTER)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "the endpoint timed out"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc
        return f"cannot connect to the endpoint ({type(cause).__name__}: {cause})"
    if isinstance(exc, openai.APIStatusError):
        body = (exc.response.text or "")[:200].replace("\n", " ")
        return f"the endpoint answered HTTP {exc.status_code}: {body}"
    return f"{type(exc).__name__}: {exc}"


@dataclass
class Reply:
    """What one exchange with the model produced: the validated object and its raw text."""

    parsed: Any
    content: str = ""
    usage: Usage = field(default_factory=Usage)
    requests: int = 0
    validation_retries: int = 0
    transport_retries: int = 0


@dataclass
class _Tally:
    usage: Usage = field(default_factory=Usage)
    requests: int = 0
    responses: int = 0
    transport_retries: int = 0
    content: str = ""


class LLM:
    """A client for one endpoint and model."""

    def __init__(self, config: Config, *, base_url: str, model: str, api_key: str) -> None:
        self.config = config
        self.base_url = base_url
        self.model = model
        self.mode = config.resolved_mode()
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key, max_retries=0, timeout=config.timeout
        )
        self.stopping = threading.Event()

    def close(self) -> None:
        """Stops asking: no new request or retry starts, open connections are closed."""
        self.stopping.set()
        self._client.close()

    def _request_extras(self, response_model: type[BaseModel]) -> dict[str, Any]:
        extras: dict[str, Any] = {"temperature": self.config.temperature}
        extras["max_tokens"] = self.config.max_tokens
        if self.config.seed is not None:
            extras["seed"] = self.config.seed
        if self.mode == "json_object_schema":
            extras["extra_body"] = {
                "response_format": {"type": "json_object", "schema": json_schema(response_model)}
            }
        return extras

    def _transport(self, tally: _Tally) -> Callable[..., Any]:
        """`chat.completions.create` with transport retries, counting usage and requests."""
        cfg = self.config
        backoff = wait_exponential(multiplier=cfg.backoff_initial, max=cfg.backoff_max)

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            after = _retry_after(exc)
            return after if after is not None else backoff(state)

        def before_sleep(state: RetryCallState) -> None:
            tally.transport_retries += 1

        def create(*args: Any, **kwargs: Any) -> Any:
            # The messages (and our own response_format) go as they are, in the body: the
            # client would otherwise walk every message against its typed-dict schema, ~3 ms
            # of CPU per request, which is most of a corpus run's client time. Instructor's
            # response_format is dropped where the body carries its own.
            body = dict(kwargs.pop("extra_body", None) or {})
            if "response_format" in body:
                kwargs.pop("response_format", None)
            body["messages"] = kwargs.pop("messages")
            kwargs.update(messages=[], extra_body=body)
            for attempt in Retrying(
                retry=retry_if_exception(lambda e: _transient(e) and not self.stopping.is_set()),
                stop=stop_after_attempt(cfg.transport_attempts)
                | stop_after_delay(cfg.transport_max_seconds),
                wait=wait,
                before_sleep=before_sleep,
                reraise=True,
            ):
                with attempt:
                    if self.stopping.is_set():
                        raise Cancelled()
                    tally.requests += 1
                    response = self._client.chat.completions.create(*args, **kwargs)
            tally.responses += 1
            choices = getattr(response, "choices", None) or []
            tally.content = (choices[0].message.content or "") if choices else ""
            usage = getattr(response, "usage", None)
            if usage is not None:
                tally.usage = tally.usage + Usage(
                    prompt_tokens=usage.prompt_tokens or 0,
                    completion_tokens=usage.completion_tokens or 0,
                )
            return response

        return create

    def ask(
        self,
        article_id: str,
        messages: list[dict[str, str]],
        check: Callable[[Any], None] | None = None,
        response_model: type[BaseModel] = Draft,
    ) -> Reply:
        """One validated `response_model` for the messages, or an ExtractionError naming the
        article."""
        tally = _Tally()
        create = instructor.patch(create=self._transport(tally), mode=_MODES[self.mode])
        extras = self._request_extras(response_model)

        def validate(draft: BaseModel) -> None:
            if check is not None:
                try:
                    check(draft)  # type: ignore[arg-type]
                except ValidationError as e:  # re-raise as a plain error instructor re-asks
                    raise ValueError(_first_error(e)) from None

        try:
            with coding_check(validate):
                parsed = create(
                    model=self.model,
                    messages=[dict(m) for m in messages],
                    response_model=_prepared(response_model),
                    max_retries=self.config.validation_retries,
                    strict=False,
                    **extras,
                )
        except IncompleteOutputException:
            raise ReplyError(
                article_id,
                f"the reply was cut off at max_tokens={self.config.max_tokens} "
                "(finish_reason 'length'); raise max_tokens or split the article",
                attempts=tally.requests,
            ) from None
        except InstructorRetryException as e:
            cause = e.__cause__
            if isinstance(cause, openai.APIError):
                raise EndpointError(
                    article_id,
                    f"{_describe(cause)} (after {tally.requests} requests)",
                    attempts=tally.requests,
                ) from None
            raise ReplyError(
                article_id,
                f"no valid reply after {tally.responses} replies: {_short(e)}",
                attempts=tally.requests,
            ) from None
        except openai.APIError as e:
            raise EndpointError(
                article_id, f"{_describe(e)} (after {tally.requests} requests)", attempts=tally.requests
            ) from None
        return Reply(
            parsed=parsed,
            content=tally.content,
            usage=tally.usage,
            requests=tally.requests,
            validation_retries=max(tally.responses - 1, 0),
            transport_retries=tally.transport_retries,
        )


def preload() -> None:
    """Imports what the client imports on its first request (the API's resource types, about a
    second), for a worker that should be ready before its first article."""
    _ = openai.OpenAI(api_key=NO_KEY, base_url="http://127.0.0.1:1/v1").chat.completions


@functools.cache
def _prepared(model: type[BaseModel]) -> type[BaseModel]:
    """The reply model as instructor wants it, made once: given a plain model, instructor
    builds a new wrapper class (and its JSON schema) on every request."""
    return instructor.openai_schema(model)  # type: ignore[no-any-return]


@functools.cache
def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema, made once (pydantic takes ~20 ms each time); never mutate it."""
    return model.model_json_schema()


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    return str(err.get("msg", e)).removeprefix("Value error, ")


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return (text[0] if text else type(e).__name__)[:300]
