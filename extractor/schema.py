"""The incident record, as ../CODEBOOK.md defines it, and the shorter reply the model writes.

`Incident` is the public record. `Draft` is what the model is asked for: only what needs
language understanding (kind, places, who, the verbatim phrases that carry numbers and time).
Code turns a Draft into Incidents (see `postprocess`), so numbers, dates and canonical names are
exact and every quote comes from the article.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema


class EventType(StrEnum):
    air_strike = "air_strike"
    shelling = "shelling"
    chemical_attack = "chemical_attack"
    bombing = "bombing"
    armed_clash = "armed_clash"
    territory_capture = "territory_capture"
    armed_attack = "armed_attack"


class Count(BaseModel):
    """A number of people: `min`/`max` bounds and the verbatim phrase they came from."""

    model_config = ConfigDict(extra="forbid")

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    text: str | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Count:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max} in {self.text!r}")
        if (self.min is not None or self.max is not None) and not self.text:
            raise ValueError("a count with a number needs the verbatim text it came from")
        return self

    @property
    def exact(self) -> int | None:
        return self.min if self.min is not None and self.min == self.max else None


class Geo(BaseModel):
    """The incident's first place on the map (GeoNames): the place itself, else its
    province's centre, else its country's (`precision` says which)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    geonames_id: int | None = None
    lat: float
    lon: float
    admin1: str | None = None
    country_code: str
    precision: Literal["place", "admin1", "country"]


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid")

    places: list[str] = Field(default_factory=list)
    admin1: str | None = None
    country: str | None = None
    geo: Geo | None = None


_SUBSETS = ("civilians_killed", "children_killed", "women_killed")
COUNT_FIELDS = ("killed", *_SUBSETS, "injured")


class Incident(BaseModel):
    """One violent event at one place and time, coded as the codebook says."""

    model_config = ConfigDict(extra="forbid")

    event_type: EventType
    summary: str
    date: dt.date | None = None
    date_text: str | None = None
    location: Location = Field(default_factory=Location)
    perpetrators: list[str] = Field(default_factory=list)
    target: str | None = None
    killed: Count = Field(default_factory=Count)
    civilians_killed: Count = Field(default_factory=Count)
    children_killed: Count = Field(default_factory=Count)
    women_killed: Count = Field(default_factory=Count)
    injured: Count = Field(default_factory=Count)
    sources: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _subsets_within_total(self) -> Incident:
        total = self.killed.exact
        if total is None:
            return self
        for name in _SUBSETS:
            sub: Count = getattr(self, name)
            if sub.min is not None and sub.min > total:
                raise ValueError(
                    f"{name} ({sub.text!r}) is above the exact total killed {total} "
                    f"({self.killed.text!r}); a subset never raises the total"
                )
        return self


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Meta(BaseModel):
    model: str
    endpoint: str
    prompt_version: str
    cached: bool
    usage: Usage = Field(default_factory=Usage)
    cost: float = 0.0  # what the usage cost at the configured prices (0 when cached)
    seconds: float = 0.0
    model_seconds: float = 0.0  # what the model took to write the reply (also when cached)
    requests: int = 0
    validation_retries: int = 0
    transport_retries: int = 0
    chunks: int = 1
    published: dt.date | None = None  # the article's own date, as code reads it from the text
    warnings: list[str] = Field(default_factory=list)


class ExtractionResult(BaseModel):
    article: str
    incidents: list[Incident]
    meta: Meta


# --- the reply the model writes ------------------------------------------------------------

_Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
_Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class DraftIncident(BaseModel):
    """One incident as the model reports it. Phrases are copied from the article; a field the
    article does not give is left out."""

    model_config = ConfigDict(extra="ignore")

    type: EventType = Field(description="the main kind of violence")
    places: list[_Short] = Field(
        default_factory=list,
        max_length=6,
        description="towns, villages, neighbourhoods, camps or bases hit or taken, as written",
    )
    province: _Short | None = Field(default=None, description="province / governorate")
    country: _Short | None = Field(default=None, description="only when the article names it")
    when: _Short | None = Field(
        default=None, description="verbatim time phrase, e.g. 'on Sunday', 'March 3'"
    )
    perpetrators: list[_Short] = Field(
        default_factory=list, max_length=4, description="who carried it out, as written"
    )
    target: _Short | None = Field(default=None, description="what was hit or taken")
    killed: _Phrase | None = Field(default=None, description="verbatim phrase with the death toll")
    civilians_killed: _Phrase | None = Field(default=None, description="verbatim: civilians killed")
    children_killed: _Phrase | None = Field(default=None, description="verbatim: children killed")
    women_killed: _Phrase | None = Field(default=None, description="verbatim: women killed")
    injured: _Phrase | None = Field(default=None, description="verbatim: people injured")
    sources: list[_Short] = Field(
        default_factory=list, max_length=3, description="who the article cites for it"
    )
    # The sentence the model was asked about when it gave this incident (set by code, never
    # asked of the model): where its type, date and evidence are read.
    lead: SkipJsonSchema[str | None] = None


# The check that codes a reply while it is validated: a reply whose numbers contradict each
# other then fails validation, and instructor asks the model again with the error. Set for one
# request by `coding_check` (a context variable, not instructor's `context`, which would also
# render the article's text as a template).
_CHECK: contextvars.ContextVar[Callable[[Draft], None] | None] = contextvars.ContextVar(
    "coding_check", default=None
)


@contextlib.contextmanager
def coding_check(check: Callable[[Draft], None] | None) -> Iterator[None]:
    token = _CHECK.set(check)
    try:
        yield
    finally:
        _CHECK.reset(token)


class _Reply(BaseModel):
    """A reply schema: its JSON schema is made once per class (pydantic takes ~20 ms each time
    and instructor asks for it on every request)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return copy.deepcopy(_json_schema(cls, args, tuple(sorted(kwargs.items()))))


@functools.cache
def _json_schema(cls: type[BaseModel], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return BaseModel.model_json_schema.__func__(cls, *args, **dict(kwargs))  # type: ignore[attr-defined]


class Draft(_Reply):
    """Every incident the article reports."""

    model_config = ConfigDict(extra="ignore")

    incidents: list[DraftIncident] = Field(default_factory=list, max_length=8)

    @model_validator(mode="after")
    def _codes_cleanly(self) -> Draft:
        if (check := _CHECK.get()) is not None:
            check(self)
        return self


class NextIncident(_Reply):
    """One more incident of the article, or null when every incident is listed."""

    model_config = ConfigDict(extra="ignore")

    incident: DraftIncident | None = None

    @model_validator(mode="after")
    def _codes_cleanly(self) -> NextIncident:
        if (check := _CHECK.get()) is not None and self.incident is not None:
            check(Draft(incidents=[self.draft()]))
        return self

    def draft(self) -> DraftIncident | None:
        """The incident as a plain DraftIncident (also from a `next_incident_of` reply)."""
        if self.incident is None or type(self.incident) is DraftIncident:
            return self.incident
        return DraftIncident.model_validate(self.incident.model_dump())


@functools.cache
def next_incident_of(kinds: tuple[EventType, ...]) -> type[NextIncident]:
    """A NextIncident whose type can only be one of these kinds: the reply to a question about
    one sentence, decoded under a schema that leaves the model a choice of those kinds or null
    (it cannot answer a question about a capture with the air strike it listed before)."""
    if not kinds:
        return NextIncident
    kind = Literal[tuple(k.value for k in kinds)]  # type: ignore[valid-type]
    draft = create_model(
        "DraftIncident",
        __base__=DraftIncident,
        type=(kind, Field(description="the main kind of violence")),
    )
    return create_model(
        "NextIncident", __base__=NextIncident, incident=(draft | None, None)  # type: ignore[valid-type]
    )
