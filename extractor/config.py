"""One typed configuration, resolved with a fixed precedence: argument > environment > default.

The library and the CLI resolve it the same way (`Config.from_env(**options)`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from extractor.errors import ConfigError

Strategy = Literal["auto", "list", "stepwise"]
Mode = Literal["auto", "tools", "json_schema", "json_object_schema", "json", "md_json"]
MODES: tuple[str, ...] = ("auto", "tools", "json_schema", "json_object_schema", "json", "md_json")

_ENDPOINT_FIELDS = ("base_url", "model", "api_key")

# A key that is not a secret, sent to endpoints that need none (the openai client insists).
NO_KEY = "no-key"


class Config(BaseModel):
    """How to reach the model and how to ask it. `base_url=None` means the embedded model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = Field(default=None, repr=False)
    mode: Mode = "auto"
    # "list": every incident in one reply. "stepwise": one incident per turn of one
    # conversation: the first, then one per lead sentence, up to follow_ups questions and
    # max_incidents (small local models list one incident, or loop, when asked for all).
    # "auto": stepwise for the embedded model, list for any other endpoint.
    strategy: Strategy = "auto"
    max_incidents: int = 8
    # stepwise: questions after the first incident, each quoting one sentence that may report
    # an incident not listed yet (see extractor.leads); each costs ~2 s on the embedded model
    # when the answer is "none", ~7 s when it is an incident.
    follow_ups: int = 6
    temperature: float = 0.0
    max_tokens: int = 1500
    seed: int | None = 0
    timeout: float = 600.0
    transport_attempts: int = 6
    transport_max_seconds: float = 900.0
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    validation_retries: int = 2
    use_cache: bool = True  # EXTRACTOR_USE_CACHE=0 turns it off
    # Prices per million tokens, for the cost in meta and in a run's summary (0: not counted).
    price_prompt: float = 0.0
    price_completion: float = 0.0
    cache_dir: Path = Field(default_factory=lambda: default_cache_dir())
    # Articles in flight at once in a corpus run; None: what the endpoint serves best
    # (see default_concurrency).
    concurrency: int | None = Field(default=None, ge=1, le=256)
    max_chunk_chars: int = 7000
    chunk_overlap_chars: int = 600

    @classmethod
    def from_env(cls, **options: object) -> Config:
        """Options given (not None) win; then EXTRACTOR_* variables; then OPENAI_*; then defaults.

        The OpenAI key is used only for the endpoint it belongs to (api.openai.com, or the
        OPENAI_BASE_URL it was set with); a local endpoint never receives it."""
        env = os.environ
        given = {k: v for k, v in options.items() if v is not None}
        base_url = given.pop("base_url", None) or env.get("EXTRACTOR_BASE_URL") or env.get(
            "OPENAI_BASE_URL"
        )
        model = given.pop("model", None) or env.get("EXTRACTOR_MODEL")
        key = given.pop("api_key", None) or env.get("EXTRACTOR_API_KEY")
        if key is None and base_url and env.get("OPENAI_API_KEY"):
            if is_openai(base_url) or base_url == env.get("OPENAI_BASE_URL"):
                key = env["OPENAI_API_KEY"]
        for name in cls.model_fields:  # EXTRACTOR_<FIELD> for every other setting
            value = env.get(f"EXTRACTOR_{name.upper()}")
            if name not in given and name not in _ENDPOINT_FIELDS and value not in (None, ""):
                given[name] = value
        if given.get("mode") not in (None, *MODES):
            raise ConfigError(f"unknown mode {given['mode']!r}; choose one of {', '.join(MODES)}")
        if base_url and not urlparse(base_url).scheme.startswith("http"):
            raise ConfigError(f"base URL {base_url!r} must start with http:// or https://")
        try:
            return cls(base_url=base_url, model=model, api_key=key, **given)
        except ValidationError as e:
            problems = "; ".join(f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors())
            raise ConfigError(f"bad configuration: {problems}") from None

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    def resolved_mode(self) -> str:
        """The instructor mode that fits the endpoint, unless one was chosen."""
        if self.mode != "auto":
            return self.mode
        if self.base_url and is_openai(self.base_url):
            return "tools"
        if self.base_url and urlparse(self.base_url).port == 11434:  # Ollama
            return "json_schema"
        return "json_object_schema"  # llama.cpp-family servers, the embedded one included

    def resolved_strategy(self) -> str:
        if self.strategy != "auto":
            return self.strategy
        return "stepwise" if self.embedded else "list"

    def default_concurrency(self) -> int:
        """Articles at once when the caller names no number. The embedded server answers one
        request at a time and keeps the prompt prefix of the last one: articles at once would
        interleave their turns and re-read each other's text, so one at a time is fastest
        there (benchmarks/results/embedded_concurrency.json). A named endpoint serves many."""
        if self.concurrency is not None:
            return self.concurrency
        return 1 if self.embedded else 4

    def sampling(self) -> dict[str, object]:
        """Every parameter that changes what the model writes (part of the cache key)."""
        return {"temperature": self.temperature, "max_tokens": self.max_tokens, "seed": self.seed}


def is_openai(base_url: str) -> bool:
    host = urlparse(base_url).hostname or ""
    return host == "api.openai.com" or host.endswith(".openai.com")


def default_cache_dir() -> Path:
    env = os.environ.get("EXTRACTOR_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("extractor"))
