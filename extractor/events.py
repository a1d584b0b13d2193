"""Events across articles: the incidents of a corpus run that report one real-world incident,
grouped as the codebook's "Events" section says, each report kept with what it claimed.

Incidents join when their kinds are compatible, they share a place (the same gazetteer id, or
the same normalised name) and their dates are within a day; an undated incident joins only
when its article's own date is within three days and its counts do not contradict. Incidents
of one article never join each other. Grouping is blocked by place key and day, so it scales
with the number of incidents, not their pairs."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gc
import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from extractor.gazetteer import fold
from extractor.parsing import place_key
from extractor.schema import COUNT_FIELDS, Count, EventType, ExtractionResult, Geo, Incident

DATE_DAYS = 1  # dated reports of one event lie within this many days of each other
UNDATED_DAYS = 3  # an undated report's article is this close to the event
SPELLING = 0.8  # how alike two spellings of one place are (Velna / Welna, Tesha / Teshah)


class Report(BaseModel):
    """One article's incident as a report of an event, and why it joined."""

    article: str
    incident: int
    event_type: EventType
    date: dt.date | None = None
    date_text: str | None = None
    published: dt.date | None = None
    places: list[str] = Field(default_factory=list)
    admin1: str | None = None
    country: str | None = None
    perpetrators: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    counts: dict[str, Count] = Field(default_factory=dict)
    why: list[str] = Field(default_factory=list)


class Event(BaseModel):
    """One real-world incident and every report of it. Counts span the reports (the lowest
    minimum, the highest maximum, every report's phrase); `reports` says who claimed what."""

    id: str
    event_type: EventType
    date: dt.date | None = None
    date_end: dt.date | None = None
    places: list[str] = Field(default_factory=list)
    admin1: str | None = None
    country: str | None = None
    geo: Geo | None = None
    perpetrators: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    killed: Count = Field(default_factory=Count)
    civilians_killed: Count = Field(default_factory=Count)
    children_killed: Count = Field(default_factory=Count)
    women_killed: Count = Field(default_factory=Count)
    injured: Count = Field(default_factory=Count)
    reports: list[Report] = Field(default_factory=list)


# -- the keys an incident is found by ---------------------------------------------------------


class _Item:
    """An incident being grouped, with what grouping reads of it: the keys of its places
    (normalised names and GeoNames ids, each with the name this report gives), those of its
    first (most precise) place, and its country, under which differently spelled places are
    compared."""

    __slots__ = ("article", "index", "incident", "published", "names", "first", "area",
                 "spelling", "order", "why")  # fmt: skip

    def __init__(self, article: str, index: int, incident: Incident, published: dt.date | None,
                 gazetteer: Any) -> None:  # fmt: skip
        self.article = article
        self.index = index
        self.incident = incident
        self.published = published
        loc = incident.location
        code = _country_code(loc.country)
        self.names: dict[str, str] = {}  # key -> the name as this report gives it
        self.first: set[str] = set()
        for n, name in enumerate(loc.places):
            keys = [f"name:{key}"] if (key := _key(name)) else []
            if len(loc.places) == 1 and loc.geo is not None and loc.geo.precision == "place" and loc.geo.geonames_id:
                keys.append(f"id:{loc.geo.geonames_id}")  # (with several, which one it is is not known)
            if gazetteer is not None and (gid := _place_id(gazetteer, name, code)) is not None:
                keys.append(f"id:{gid}")
            for k in keys:
                self.names.setdefault(k, name)
            if n == 0:
                self.first = set(keys)
        self.spelling = _fold(loc.places[0]) if loc.places else ""
        country = _key(loc.country or "")
        self.area = f"country:{country}" if country else None
        if not self.names:  # no place: the province (or country) stands in for it
            region = _key(loc.admin1 or "") or country
            if region:
                self.names[f"area:{region}"] = loc.admin1 or loc.country or ""
                self.first = {f"area:{region}"}
        day = incident.date or published
        self.order = (day or dt.date.max, article, index)
        self.why = ["first report"]


@functools.lru_cache(maxsize=65536)
def _place_id(gazetteer: Any, name: str, code: str | None) -> int | None:
    found = gazetteer.resolve(name, code).place
    return found.geonames_id if found is not None else None


@functools.lru_cache(maxsize=1024)
def _country_code(name: str | None) -> str | None:
    from extractor import knowledge

    c = knowledge.load().country(name) if name else None
    return c.iso if c else None


# -- grouping ----------------------------------------------------------------------------------


class _Group:
    __slots__ = ("items", "articles", "dates", "published", "names", "firsts", "spellings", "areas",
                 "kinds")  # fmt: skip

    def __init__(self, item: _Item) -> None:
        self.items: list[_Item] = []
        self.articles: set[str] = set()
        self.dates: tuple[dt.date, dt.date] | None = None  # earliest and latest report date
        self.published: tuple[dt.date, dt.date] | None = None  # and of their articles
        self.names: dict[str, str] = {}
        self.firsts: set[str] = set()
        self.spellings: set[str] = set()
        self.areas: set[str] = set()
        self.kinds: dict[EventType, int] = {}
        self.add(item)

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.articles.add(item.article)
        if item.incident.date:
            self.dates = _widen(self.dates, item.incident.date)
        if item.published:
            self.published = _widen(self.published, item.published)
        for key, name in item.names.items():
            self.names.setdefault(key, name)
        self.firsts |= item.first
        if item.spelling:
            self.spellings.add(item.spelling)
        if item.area:
            self.areas.add(item.area)
        kind = item.incident.event_type
        self.kinds[kind] = self.kinds.get(kind, 0) + 1


def _range(count: Count) -> tuple[int, float] | None:
    if count.min is None and count.max is None:
        return None
    low = count.min if count.min is not None else 0
    return low, (count.max if count.max is not None else float("inf"))


def _counts_agree(item: _Item, group: _Group) -> bool:
    """Nothing contradicts in the tolls (killed and injured): the ranges overlap, one side
    gives none, or the undated report's is higher, as tolls rise while the dead are found;
    a report of fewer dead than the event already has is another incident."""
    for name in ("killed", "injured"):
        mine = _range(getattr(item.incident, name))
        if mine is None:
            continue
        for other in group.items:
            theirs = _range(getattr(other.incident, name))
            if theirs is not None and mine[1] < theirs[0]:
                return False
    return True


def _widen(span: tuple[dt.date, dt.date] | None, day: dt.date) -> tuple[dt.date, dt.date]:
    return (day, day) if span is None else (min(span[0], day), max(span[1], day))


def _near(day: dt.date, span: tuple[dt.date, dt.date], within: int) -> bool:
    """Within `within` days of every date in the span."""
    return (span[1] - day).days <= within and (day - span[0]).days <= within


def _same_place(item: _Item, group: _Group) -> str | None:
    """How the item's place is the event's: a shared key where one side's most precise place
    is named by the other ("Portside" alone does not make a blast in one district and a strike in
    another one event); else, in the same area, a close spelling of its first place."""
    if not group.names.keys().isdisjoint(item.names):
        if not item.first.isdisjoint(group.names) or not group.firsts.isdisjoint(item.names):
            return "name"
        return None
    day = item.incident.date
    if (
        day is not None and group.dates == (day, day)  # a spelling alone: the same day too
        and item.area in group.areas and item.spelling
        and any(spelled_alike(item.spelling, other) for other in group.spellings)
    ):  # fmt: skip
        return "spelling"
    return None


@functools.lru_cache(maxsize=262144)
def spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one name: close as written, or in their consonants."""
    return any(_close(x, y) for x, y in ((a, b), (_key(a), _key(b))))


def _close(a: str, b: str) -> bool:
    if 2 * min(len(a), len(b)) < SPELLING * (len(a) + len(b)):
        return False  # the lengths alone rule it out
    pa, pb = _pairs_of(a), _pairs_of(b)
    if 2 * len(pa & pb) < 0.4 * (len(pa) + len(pb)):
        return False  # hardly a letter pair in common: no close spelling
    m = _matcher(b)  # indexed once per spelling; the cheap upper bound first
    m.set_seq1(a)
    return m.quick_ratio() >= SPELLING and m.ratio() >= SPELLING


_matchers = threading.local()  # a matcher is changed by each comparison: one set per thread


def _matcher(b: str) -> difflib.SequenceMatcher[str]:
    cache: dict[str, difflib.SequenceMatcher[str]] = _matchers.__dict__.setdefault("by_name", {})
    if (m := cache.get(b)) is None:
        if len(cache) > 65536:
            cache.clear()
        m = cache[b] = difflib.SequenceMatcher(None, "", b)
    return m


@functools.lru_cache(maxsize=262144)
def _pairs_of(name: str) -> frozenset[str]:
    return frozenset(name[i : i + 2] for i in range(len(name) - 1))


_key = functools.lru_cache(maxsize=262144)(place_key)
_fold = functools.lru_cache(maxsize=262144)(fold)


def _fits(item: _Item, group: _Group) -> bool:
    if item.article in group.articles:
        return False  # within an article the codebook's granularity already holds
    how = _same_place(item, group)
    if how is None:
        return False
    day = item.incident.date
    if how == "spelling":
        return True  # (the same day, checked with the spelling)
    if day is not None and group.dates:
        return _near(day, group.dates, DATE_DAYS)
    # an undated side: the same kind, the articles' own dates close to the event, and no
    # count contradicts
    if item.incident.event_type not in group.kinds:
        return False
    when = group.dates or group.published
    mine = [day] if day is not None else [item.published] if item.published else []
    if when and mine and not _near(mine[0], when, UNDATED_DAYS):
        return False
    return _counts_agree(item, group)


def _score(item: _Item, group: _Group) -> tuple[int, int, int, int, int]:
    """Which of the events an incident fits it joins: the same kind, the same day, a dated
    event, more places shared, more reports."""
    same_kind = int(item.incident.event_type in group.kinds)
    same_day = int(item.incident.date is not None and group.dates == (item.incident.date,) * 2)
    shared = len(item.names.keys() & group.names.keys())
    return same_kind, same_day, int(group.dates is not None), shared, len(group.items)


def _why(item: _Item, group: _Group) -> list[str]:
    shared = [k for k in item.names if k in group.names]
    if not shared:  # a close spelling in the same area
        other = group.items[0].incident.location.places
        shared_names = f"{item.incident.location.places[0]}~{other[0] if other else '?'} (spelling)"
        return [f"same place {shared_names}", *_why_rest(item, group)]
    places = ", ".join(dict.fromkeys(
        f"{item.names[k]}={group.names[k]}" if item.names[k] != group.names[k] else item.names[k]
        for k in shared
    ))  # fmt: skip
    return [f"same place {places}", *_why_rest(item, group)]


def _why_rest(item: _Item, group: _Group) -> list[str]:
    first = group.items[0].incident
    reasons = []
    if first.date or item.incident.date:
        days = [d.isoformat() if d else "unknown" for d in (first.date, item.incident.date)]
        reasons.append(f"dates {days[0]} / {days[1]}")
    if item.incident.date is None:
        reasons.append(f"article dated {item.published or 'unknown'}; counts compatible")
    reasons.append(f"kinds {first.event_type.value} / {item.incident.event_type.value}")
    return reasons


def _items(results: Iterable[Any], published: dict[str, dt.date] | None, gazetteer: Any) -> list[_Item]:
    items = []
    for outcome in results:
        if not isinstance(outcome, ExtractionResult):
            continue  # a failed article has no incidents
        day = (published or {}).get(outcome.article) or outcome.meta.published
        for n, incident in enumerate(outcome.incidents, start=1):
            items.append(_Item(outcome.article, n, incident, day, gazetteer))
    items.sort(key=lambda i: i.order)
    return items


_OFFSETS = {w: [dt.timedelta(days=k) for k in range(-w, w + 1)] for w in (DATE_DAYS, UNDATED_DAYS)}


def _candidates(item: _Item, day: dt.date | None, window: int,
                by_day: dict[str, dict[dt.date | None, dict[int, None]]],
                by_key: dict[str, dict[int, None]]) -> list[int]:  # fmt: skip
    """The groups at one of the item's places on a day near its own (or undated); every
    group at its places when nothing dates it."""
    found: dict[int, None] = {}
    if day is None:
        for key in item.names:
            found.update(by_key.get(key, {}))
        return list(found)
    days = [None, *(day + k for k in _OFFSETS[window])]
    for key in item.names:
        if (at := by_day.get(key)) is not None:
            for d in days:
                if (groups := at.get(d)) is not None:
                    found.update(groups)
    if item.area and item.spelling and item.incident.date:  # spelled otherwise, the same day
        found.update(by_day.get(item.area, {}).get(item.incident.date, {}))
    return list(found)


def _group(items: list[_Item]) -> list[_Group]:
    groups: list[_Group] = []
    by_day: dict[str, dict[dt.date | None, dict[int, None]]] = defaultdict(lambda: defaultdict(dict))  # key -> day -> groups
    by_key: dict[str, dict[int, None]] = defaultdict(dict)  # for a report with no date at all

    def index(g: int, item: _Item) -> None:
        day = item.incident.date
        for key in item.names:
            by_key[key][g] = None
            by_day[key][day][g] = None
        if item.area and item.spelling and day:  # where a differently spelled report looks
            by_day[item.area][day][g] = None

    for item in items:
        day = item.incident.date or item.published
        window = DATE_DAYS if item.incident.date else UNDATED_DAYS
        best: tuple[tuple[int, ...], int] | None = None
        for g in _candidates(item, day, window, by_day, by_key):
            if _fits(item, groups[g]):
                score = _score(item, groups[g])
                if best is None or score > best[0]:
                    best = (score, g)
        if best is None:
            groups.append(_Group(item))
            index(len(groups) - 1, item)
        else:
            item.why = _why(item, groups[best[1]])
            groups[best[1]].add(item)
            index(best[1], item)
    return groups


def _span(counts: list[Count]) -> Count:
    given = [c for c in counts if c.text]
    if not given:
        return Count()
    if len(given) == 1:
        return given[0].model_copy()
    mins = [c.min for c in given if c.min is not None]
    low = min(mins) if mins else None
    high = max(c.max for c in given if c.max is not None) if all(c.max is not None for c in given) else None
    if low is not None and high is not None and high < low:
        high = None
    texts = list(dict.fromkeys(c.text for c in given if c.text))
    return Count(min=low, max=high, text=" / ".join(texts))


def _event(group: _Group) -> Event:
    first = group.items[0]
    reports = []
    for item in group.items:
        inc = item.incident
        reports.append(Report(
            article=item.article, incident=item.index, event_type=inc.event_type, date=inc.date,
            date_text=inc.date_text, published=item.published, places=inc.location.places,
            admin1=inc.location.admin1, country=inc.location.country,
            perpetrators=inc.perpetrators, sources=inc.sources,
            counts={n: getattr(inc, n) for n in COUNT_FIELDS if getattr(inc, n).text},
            why=item.why,
        ))  # fmt: skip
    incidents = [i.incident for i in group.items]
    kind = max(group.kinds, key=group.kinds.__getitem__)  # the first named of the most told
    geos = [i.location.geo for i in incidents if i.location.geo is not None]
    precision = {"place": 0, "admin1": 1, "country": 2}
    ident = hashlib.sha1(f"{first.article}:{first.index}".encode()).hexdigest()[:12]
    return Event(
        id=f"ev-{ident}",
        event_type=kind,
        date=group.dates[0] if group.dates else None,
        date_end=group.dates[1] if group.dates and group.dates[1] != group.dates[0] else None,
        places=list(dict.fromkeys(p for i in incidents for p in i.location.places)),
        admin1=next((i.location.admin1 for i in incidents if i.location.admin1), None),
        country=next((i.location.country for i in incidents if i.location.country), None),
        geo=min(geos, key=lambda g: precision[g.precision]) if geos else None,
        perpetrators=list(dict.fromkeys(p for i in incidents for p in i.perpetrators)),
        sources=list(dict.fromkeys(s for i in incidents for s in i.sources)),
        reports=reports,
        **{name: _span([getattr(i, name) for i in incidents]) for name in COUNT_FIELDS},
    )


def resolve_events(results: Iterable[Any], *, published: dict[str, dt.date] | None = None,
                   gazetteer: Any = "default") -> list[Event]:  # fmt: skip
    """The events a corpus run's incidents report (failed articles are skipped). `published`
    gives articles' own dates where the results do not carry them; `gazetteer=None` matches
    places by name only (else names that resolve to one GeoNames place match too)."""
    if gazetteer == "default":
        from extractor import gazetteer as places

        gazetteer = places.load()
    collecting = gc.isenabled()
    gc.disable()  # many small objects, none cyclic: the collector would rescan them all, often
    try:
        groups = _group(_items(results, published, gazetteer))
        events = [_event(g) for g in groups]
        events.sort(key=lambda e: (e.date or dt.date.max, e.id))
    finally:
        if collecting:
            gc.enable()
    return events
