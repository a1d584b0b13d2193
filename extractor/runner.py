"""The pipeline for one article, and for many: article -> prompt -> model (or cache) ->
validated Draft -> coded Incidents -> ExtractionResult."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor import local, prompts
from extractor.cache import ReplyCache, cache_key
from extractor.config import NO_KEY, Config
from extractor.errors import Cancelled, ExtractionError, InputError, ReplyError
from extractor.leads import Leads, names_any
from extractor.llm import LLM, Reply, json_schema
from extractor.parsing import article_date, place_key
from extractor.postprocess import merge_incidents, to_incidents
from extractor.schema import (
    Draft,
    DraftIncident,
    EventType,
    ExtractionResult,
    Incident,
    Meta,
    NextIncident,
    Usage,
    next_incident_of,
)

_SLOT = "\x00article\x00"  # where the article goes, for a key computed once


class Article(BaseModel):
    id: str
    text: str


class ExtractionFailure(BaseModel):
    """An article that could not be extracted: what went wrong, after how many requests."""

    article: str
    error: str
    cause: str
    attempts: int = 0


_ENCODINGS = ("utf-8-sig", "utf-16", "cp1252")


def decode(data: bytes, article_id: str) -> str:
    """Article text from bytes: UTF-8, UTF-16 with a BOM, or Windows-1252; binary is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise InputError(article_id, "binary data (NUL bytes), not an article")
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
        if controls > max(2, len(text) // 100):
            raise InputError(article_id, "binary data (control characters), not an article")
        return text
    raise InputError(article_id, f"not text in any of {', '.join(_ENCODINGS)}")


def read_article(path: Path) -> Article:
    article_id = path.stem
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(article_id, f"cannot read {path}: {e.strerror or e}") from None
    return Article(id=article_id, text=decode(data, article_id))


def chunks(text: str, limit: int, overlap: int) -> list[str]:
    """The article in pieces of at most `limit` characters, cut at paragraph (else sentence)
    boundaries, each starting with up to `overlap` characters of the previous piece's end."""
    if len(text) <= limit:
        return [text]
    units: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        if not para.strip():
            continue
        if len(para) <= limit - overlap:
            units.append(para)
        else:
            units.extend(s for s in re.split(r"(?<=[.!?])\s+", para) if s.strip())
    pieces: list[list[str]] = [[]]
    size = 0
    for unit in units:
        unit = unit[: limit - overlap]
        if pieces[-1] and size + len(unit) + 1 > limit:
            carry: list[str] = []
            carried = 0
            for prev in reversed(pieces[-1]):
                if carried + len(prev) > overlap:
                    break
                carry.insert(0, prev)
                carried += len(prev) + 1
            if not carry and overlap > 0:  # the last paragraph is long: carry its last words
                tail = pieces[-1][-1][-overlap:]
                tail = tail[tail.find(" ") + 1 :] if " " in tail else tail
                carry, carried = [tail], len(tail) + 1
            pieces.append(carry)
            size = carried
        pieces[-1].append(unit)
        size += len(unit) + 1
    return ["\n".join(p) for p in pieces if p]


def _same_draft(a: DraftIncident, b: DraftIncident) -> bool:
    """The model named this incident already: same kind at a place it gave before, or the
    same toll at the same places under another kind."""
    ka = {place_key(p) for p in a.places} - {""}
    kb = {place_key(p) for p in b.places} - {""}
    if a.type != b.type:
        return bool(a.killed and a.killed == b.killed and ka and ka == kb)
    if ka or kb:
        return bool(ka & kb)
    return (a.province or "").lower() == (b.province or "").lower()


class Extractor:
    """Extracts incidents with one configuration. Thread-safe; reuse it for many articles."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config.from_env()
        self.prompt = prompts.load()
        self._cache = ReplyCache(self.config.cache_dir) if self.config.use_cache else None
        self._llm: LLM | None = None
        self._stopping = threading.Event()
        if self.config.embedded:
            self.endpoint, default_model = local.embedded_identity()
            self.model = self.config.model or default_model
        else:
            assert self.config.base_url is not None
            self.endpoint = self.config.base_url.rstrip("/")
            self.model = self.config.model or "gpt-4o-mini"

    @property
    def cancelled(self) -> bool:
        return self._stopping.is_set()

    def cancel(self) -> None:
        """Stops this extractor for good: no new request or retry starts, requests in flight
        are abandoned (connections closed; the embedded server, which answers one request at a
        time, is stopped so that its request ends now). Articles already finished are kept by
        whoever received them; the ones cut short raise `Cancelled`, never a failure record.
        Safe to call from a signal handler's thread or any other."""
        self._stopping.set()
        if self._llm is not None:
            self._llm.close()
        if self.config.embedded:
            local.stop_embedded()

    def _client(self) -> LLM:
        if self.cancelled:
            raise Cancelled()
        if self._llm is None:
            if self.config.embedded:
                base_url, model = local.embedded_endpoint(self.config.cache_dir)
                self._llm = LLM(self.config, base_url=base_url, model=model, api_key=NO_KEY)
            else:
                key = self.config.api_key.get_secret_value() if self.config.api_key else NO_KEY
                self._llm = LLM(self.config, base_url=self.endpoint, model=self.model, api_key=key)
        return self._llm

    @functools.cached_property
    def _request_key(self) -> str:
        """Everything but the article that shapes what is sent and how it is read: the first
        request's messages around the article (prompt text, worked example), the later turns'
        fixed text, the reply schema, the model, the endpoint, the mode and the sampling
        parameters. Never the API key. Computed once."""
        strategy = self.config.resolved_strategy()
        if strategy == "stepwise":
            first, schema = self.prompt.first_messages(_SLOT), NextIncident
            extra = [self.prompt.follow_up_template, self.prompt.kinds]
        else:
            first, schema, extra = self.prompt.messages(_SLOT), Draft, ""
        return cache_key(
            {
                "messages": first,
                "later_turns": extra,
                "schema": json_schema(schema),
                "model": self.model,
                "endpoint": self.endpoint,
                "mode": self.config.resolved_mode(),
                "strategy": strategy,
                "sampling": self.config.sampling(),
                "validation_retries": self.config.validation_retries,
            }
        )

    def _ask(
        self,
        article_id: str,
        messages: list[dict[str, str]],
        check: Callable[[Draft], None],
        response_model: type[BaseModel],
        fresh: bool,
    ) -> tuple[Reply, float, bool]:
        """One exchange, from the cache when the same request was answered before: the key is
        the whole conversation sent, the reply schema and everything else that shapes the
        request, so a conversation that changes at a later turn reuses its earlier turns.
        Returns the reply, the model's seconds for it (also when cached) and whether cached."""
        key = cache_key({
            "request": self._request_key, "messages": messages,
            "schema": json_schema(response_model),
        })  # fmt: skip
        if self._cache is not None and not fresh and (hit := self._cache.get(key)) is not None:
            try:
                # no coding check here: extract() codes the whole draft once and asks again
                # if the current coder rejects a cached reply
                parsed = response_model.model_validate(hit["parsed"])
                reply = Reply(parsed=parsed, content=hit["content"],
                              usage=Usage.model_validate(hit["usage"]))  # fmt: skip
                return reply, float(hit.get("seconds", 0.0)), True
            except (ValidationError, ValueError, KeyError, TypeError):
                pass  # written by an older version, or rejected by the current coder: ask again
        client = self._client()  # starting the embedded server is not the model's time
        started = time.perf_counter()
        reply = client.ask(article_id, messages, check, response_model)
        seconds = round(time.perf_counter() - started, 3)
        if self._cache is not None:
            self._cache.set(key, {
                "parsed": reply.parsed.model_dump(mode="json"), "content": reply.content,
                "usage": reply.usage.model_dump(), "seconds": seconds,
            })  # fmt: skip
        return reply, seconds, False

    def _draft(
        self,
        article_id: str,
        piece: str,
        check: Callable[[Draft], None],
        reference: dt.date | None,
        *,
        fresh: bool = False,
    ) -> tuple[Draft, dict[str, Any], bool]:
        """The model's draft of one piece of the article, and the record of what it cost;
        `hit` when every exchange came from the cache."""
        exchanges: list[tuple[Reply, float, bool]] = []

        def ask(messages: list[dict[str, str]], model: type[BaseModel]) -> Reply:
            exchanges.append(self._ask(article_id, messages, check, model, fresh))
            return exchanges[-1][0]

        if self.config.resolved_strategy() == "stepwise":
            draft = self._stepwise(piece, reference, ask)
        else:
            draft = ask(self.prompt.messages(piece), Draft).parsed
        fresh_replies = [r for r, _, hit in exchanges if not hit]
        record = {
            "usage": sum((r.usage for r, _, _ in exchanges), Usage()).model_dump(),
            "seconds": round(sum(s for _, s, _ in exchanges), 3),
            "requests": sum(r.requests for r in fresh_replies),
            "validation_retries": sum(r.validation_retries for r in fresh_replies),
            "transport_retries": sum(r.transport_retries for r in fresh_replies),
        }
        return draft, record, not fresh_replies

    def _stepwise(
        self,
        piece: str,
        reference: dt.date | None,
        ask: Callable[[list[dict[str, str]], type[BaseModel]], Reply],
    ) -> Draft:
        """The first incident; then, for each lead (a sentence that may report an incident
        not listed yet, see `leads`), a question quoting it, at most `follow_ups` of them.
        The conversation grows by one question and one reply each time, so a server that
        reuses the longest common prompt prefix evaluates only the new turn."""
        messages = self.prompt.first_messages(piece)
        found: list[DraftIncident] = []

        def turn(lead: str | None = None, kinds: tuple[EventType, ...] = ()) -> DraftIncident | None:
            reply = ask(list(messages), next_incident_of(kinds))
            messages.append({"role": "assistant", "content": reply.content})
            incident = reply.parsed.draft()
            if incident is None:
                return None
            same = [f for f in found if _same_draft(incident, f)]
            if (lead is not None and same and incident.killed
                    and all(f.killed and f.killed != incident.killed for f in same)):  # fmt: skip
                # a listed incident's places, some of them with a toll of their own: as the
                # codebook says, a place with its own figures is its own incident
                mine = {place_key(p) for p in incident.places} - {""}
                for f in same:
                    theirs = {place_key(p) for p in f.places}
                    if mine < theirs:
                        f.places = [p for p in f.places if place_key(p) not in mine]
                same = [f for f in found if _same_draft(incident, f)]
            if (lead is not None and leads.new_places and incident.places and same
                    and all(f.killed != incident.killed or not f.killed for f in same)
                    and all(names_any(lead, [p]) for p in incident.places)):  # fmt: skip
                # asked about a sentence for the place in it no listed incident is at, the
                # model answered with a listed place the sentence also names, and a toll of
                # its own: the incident is at the new place
                incident.places = list(leads.new_places)
                same = [f for f in found if _same_draft(incident, f)]
            if same:
                return None
            listed = {place_key(p) for f in found for p in f.places}
            if (lead is not None and not incident.killed and incident.places and not leads.names_place(lead)
                    and {place_key(p) for p in incident.places} <= listed):  # fmt: skip
                return None  # a sentence naming no place, answered with a listed one and no toll: told again
            if lead is not None and not leads.reports_at(lead, incident):
                return None
            incident.lead = lead
            found.append(incident)
            return incident

        leads = Leads(piece, reference)
        turn()
        for _ in range(self.config.follow_ups):
            if len(found) >= self.config.max_incidents or (lead := leads.next(found)) is None:
                break
            sentence, kinds = lead
            messages.append(self.prompt.follow_up(sentence, kinds))
            if turn(sentence, tuple(kinds)) is None:
                leads.decline(kinds)
        return Draft(incidents=found)

    def extract(self, text: str, article_id: str = "article") -> ExtractionResult:
        started = time.perf_counter()
        if not text or not text.strip():
            raise InputError(article_id, "the article is empty")
        reference = article_date(text)
        warnings: list[str] = []

        checked: dict[str, tuple[list[Incident], list[str]]] = {}

        def check(draft: Draft) -> None:  # codes a fresh reply; its records are kept for below
            checked[draft.model_dump_json()] = to_incidents(draft, text, reference)

        def code(draft: Draft) -> tuple[list[Incident], list[str]]:
            return checked.pop(draft.model_dump_json(), None) or to_incidents(draft, text, reference)

        pieces = chunks(text, self.config.max_chunk_chars, self.config.chunk_overlap_chars)
        incidents: list[Incident] = []
        usage = spent = Usage()  # all tokens of the replies; those spent by this call
        model_seconds = 0.0
        cached = True
        counters = {"requests": 0, "validation_retries": 0, "transport_retries": 0}
        for piece in pieces:
            draft, record, hit = self._draft(article_id, piece, check, reference)
            try:
                coded, notes = code(draft)
            except ValueError as e:
                if not hit:  # a fresh reply was checked; only a changed coder gets here
                    raise ReplyError(article_id, f"the reply cannot be coded: {e}") from None
                # a cached reply the current coder rejects: ask again, with the check
                draft, record, hit = self._draft(article_id, piece, check, reference, fresh=True)
                coded, notes = code(draft)
            incidents.extend(coded)
            warnings.extend(notes)
            piece_usage = Usage.model_validate(record.get("usage", {}))
            usage = usage + piece_usage
            spent = spent if hit else spent + piece_usage
            model_seconds += float(record.get("seconds", 0.0))
            cached = cached and hit
            for name in counters:
                counters[name] += 0 if hit else int(record.get(name, 0))
        if len(pieces) > 1:
            incidents = merge_incidents(incidents)
        meta = Meta(
            model=self.model,
            endpoint=self.endpoint,
            prompt_version=self.prompt.version,
            cached=cached,
            usage=usage,
            seconds=round(time.perf_counter() - started, 3),
            model_seconds=round(model_seconds, 3),
            cost=round(
                (spent.prompt_tokens * self.config.price_prompt
                 + spent.completion_tokens * self.config.price_completion) / 1e6, 6
            ),  # fmt: skip
            chunks=len(pieces),
            published=reference,
            warnings=warnings,
            **counters,
        )
        return ExtractionResult(article=article_id, incidents=incidents, meta=meta)

    def extract_article(self, article: Article) -> ExtractionResult | ExtractionFailure:
        """Like `extract`, but a failure is returned as a record instead of raised. Raises
        `Cancelled` if the extractor was cancelled before the article finished."""
        try:
            return self.extract(article.text, article.id)
        except Cancelled:
            raise
        except ExtractionError as e:
            if self.cancelled:  # the request was cut off by cancel(): not the article's fault
                raise Cancelled() from None
            return ExtractionFailure(
                article=article.id, error=type(e).__name__, cause=e.cause, attempts=e.attempts
            )
        except Exception as e:  # a fault in coding one article must not end a corpus run
            if self.cancelled:
                raise Cancelled() from None
            cause = f"internal error while coding the reply: {type(e).__name__}: {e}"
            return ExtractionFailure(article=article.id, error="InternalError", cause=cause)


def extract(text: str, config: Config | None = None, *, article_id: str = "article") -> ExtractionResult:
    """Incidents in one article. Raises ExtractionError (naming the article) on failure."""
    return Extractor(config).extract(text, article_id)


ArticleLike = Article | tuple[str, str] | str


def _as_article(item: ArticleLike, n: int) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, tuple):
        return Article(id=item[0], text=item[1])
    return Article(id=f"article-{n}", text=item)


async def aextract_many(
    articles: Iterable[ArticleLike],
    config: Config | None = None,
    *,
    concurrency: int | None = None,
    on_result: Callable[[ExtractionResult | ExtractionFailure], None] | None = None,
    extractor: Extractor | None = None,
) -> list[ExtractionResult | ExtractionFailure]:
    """Extract many articles, at most `concurrency` at a time (default: what the endpoint
    serves best, see `Config.default_concurrency`). A failed article becomes an
    ExtractionFailure in its place; the others go on. Results keep the input order;
    `on_result` sees each as soon as it is done, in the event loop's thread.

    `extractor.cancel()` (from any thread) ends the run within a fraction of a second: it
    raises `Cancelled`, whose `results` are the articles that finished. Articles run on daemon
    threads, so a request still in flight never keeps the process alive."""
    ex = extractor or Extractor(config)
    items = [_as_article(a, i) for i, a in enumerate(articles)]
    width = concurrency or ex.config.default_concurrency()
    loop = asyncio.get_running_loop()
    results: list[ExtractionResult | ExtractionFailure | None] = [None] * len(items)
    todo: queue.SimpleQueue[tuple[int, Article]] = queue.SimpleQueue()
    for pair in enumerate(items):  # taken in the input's order
        todo.put(pair)
    done: asyncio.Queue[tuple[int, ExtractionResult | ExtractionFailure]] = asyncio.Queue()

    def deliver(pair: tuple[int, ExtractionResult | ExtractionFailure]) -> None:
        try:
            loop.call_soon_threadsafe(done.put_nowait, pair)
        except RuntimeError:  # the loop is gone: the run was abandoned
            pass

    def work() -> None:
        while not ex.cancelled:
            try:
                i, item = todo.get_nowait()
            except queue.Empty:
                return
            try:
                deliver((i, ex.extract_article(item)))
            except Cancelled:
                return

    for n in range(min(max(1, width), len(items))):
        threading.Thread(target=work, name=f"extractor-worker-{n}", daemon=True).start()

    def take(pair: tuple[int, ExtractionResult | ExtractionFailure]) -> None:
        results[pair[0]] = pair[1]
        if on_result is not None:
            on_result(pair[1])

    for _ in items:
        getter = asyncio.ensure_future(done.get())
        while not (await asyncio.wait({getter}, timeout=0.2))[0]:
            if ex.cancelled:
                getter.cancel()
                while not done.empty():  # finished just before the stop: kept
                    take(done.get_nowait())
                raise Cancelled([r for r in results if r is not None])
        take(getter.result())
    return [r for r in results if r is not None]


def extract_many(
    articles: Iterable[ArticleLike],
    config: Config | None = None,
    *,
    concurrency: int | None = None,
    on_result: Callable[[ExtractionResult | ExtractionFailure], None] | None = None,
) -> list[ExtractionResult | ExtractionFailure]:
    """Synchronous `aextract_many`."""
    return asyncio.run(
        aextract_many(articles, config, concurrency=concurrency, on_result=on_result)
    )
