"""A corpus run's records as tables analysts load elsewhere: CSV with ACLED-like columns,
GeoJSON points, Parquet with a fixed schema. One row per incident; failed articles are not
rows (the caller reports how many were skipped)."""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.errors import ConfigError
from extractor.schema import COUNT_FIELDS, EventType, ExtractionResult, Incident, Meta

FORMATS = ("csv", "geojson", "parquet")

# The codebook's kinds in ACLED's taxonomy: (disorder_type, event_type, sub_event_type).
_ACLED: dict[EventType, tuple[str, str, str]] = {
    EventType.air_strike: ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    EventType.shelling: ("Political violence", "Explosions/Remote violence",
                         "Shelling/artillery/missile attack"),
    EventType.chemical_attack: ("Political violence", "Explosions/Remote violence",
                                "Chemical weapon"),
    EventType.bombing: ("Political violence", "Explosions/Remote violence",
                        "Remote explosive/landmine/IED"),
    EventType.armed_clash: ("Political violence", "Battles", "Armed clash"),
    EventType.territory_capture: ("Political violence", "Battles",
                                  "Non-state actor overtakes territory"),
    EventType.armed_attack: ("Political violence", "Violence against civilians", "Attack"),
}  # fmt: skip
_SUICIDE = re.compile(r"\bsuicide\b", re.IGNORECASE)

COLUMNS = [
    "event_id", "article", "incident", "event_date", "year", "time_precision", "date_text",
    "disorder_type", "event_type", "sub_event_type", "kind", "actor1", "actors",
    "country", "iso", "admin1", "location", "places", "latitude", "longitude", "geo_precision",
    "geonames_id", "target", "source", "notes", "fatalities",
    *(f"{name}_{part}" for name in COUNT_FIELDS for part in ("min", "max", "text")),
    "evidence", "model", "prompt_version",
]  # fmt: skip
_INTS = {"incident", "reports", "year", "time_precision", "geonames_id", "fatalities",
         *(f"{name}_{part}" for name in COUNT_FIELDS for part in ("min", "max"))}  # fmt: skip
_FLOATS = {"latitude", "longitude"}


@functools.cache
def _state_forces() -> frozenset[str]:
    from extractor.knowledge import load

    return frozenset(c.forces for c in load().countries)


def _acled(incident: Incident) -> tuple[str, str, str]:
    disorder, event, sub = _ACLED[incident.event_type]
    if incident.event_type is EventType.bombing and any(
        _SUICIDE.search(t) for t in (incident.summary, *incident.evidence)
    ):
        sub = "Suicide bomb"
    if incident.event_type is EventType.territory_capture and incident.perpetrators:
        if incident.perpetrators[0] in _state_forces():
            sub = "Government regains territory"
    return disorder, event, sub


def row(article: str, n: int, incident: Incident, meta: Meta | None = None) -> dict[str, Any]:
    """The incident as one flat row (`n` counts from 1 within its article)."""
    disorder, event, sub = _acled(incident)
    loc, geo = incident.location, incident.location.geo
    out: dict[str, Any] = {
        "event_id": f"{article}-{n}",
        "article": article,
        "incident": n,
        "event_date": incident.date.isoformat() if incident.date else None,
        "year": incident.date.year if incident.date else None,
        "time_precision": 1 if incident.date else None,  # ACLED: 1 = the day is known
        "date_text": incident.date_text,
        "disorder_type": disorder,
        "event_type": event,
        "sub_event_type": sub,
        "kind": incident.event_type.value,
        "actor1": incident.perpetrators[0] if incident.perpetrators else None,
        "actors": "; ".join(incident.perpetrators) or None,
        "country": loc.country,
        "iso": geo.country_code if geo else None,
        "admin1": loc.admin1,
        "location": loc.places[0] if loc.places else (loc.admin1 or loc.country),
        "places": "; ".join(loc.places) or None,
        "latitude": geo.lat if geo else None,
        "longitude": geo.lon if geo else None,
        "geo_precision": geo.precision if geo else None,
        "geonames_id": geo.geonames_id if geo else None,
        "target": incident.target,
        "source": "; ".join(incident.sources) or None,
        "notes": incident.summary,
        "fatalities": incident.killed.min,  # the conservative minimum; empty when unstated
        "evidence": " | ".join(incident.evidence) or None,
        "model": meta.model if meta else None,
        "prompt_version": meta.prompt_version if meta else None,
    }
    for name in COUNT_FIELDS:
        count = getattr(incident, name)
        out[f"{name}_min"], out[f"{name}_max"], out[f"{name}_text"] = count.min, count.max, count.text
    return out


def rows(outcomes: Iterable[Any]) -> tuple[list[dict[str, Any]], int]:
    """Rows of every incident of the finished articles, and how many articles failed."""
    table: list[dict[str, Any]] = []
    failed = 0
    for outcome in outcomes:
        if not isinstance(outcome, ExtractionResult):
            failed += 1
            continue
        table += [row(outcome.article, n, i, outcome.meta)
                  for n, i in enumerate(outcome.incidents, 1)]  # fmt: skip
    return table, failed


def write_csv(table: list[dict[str, Any]], path: Path, columns: list[str] = COLUMNS) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(table)


def feature_collection(table: list[dict[str, Any]]) -> dict[str, Any]:
    """Points for the rows with coordinates ([lon, lat], as GeoJSON orders them); the rows
    without any are listed under "unplaced", not dropped."""
    features, unplaced = [], []
    for r in table:
        if r["latitude"] is None or r["longitude"] is None:
            unplaced.append({k: r[k] for k in ("event_id", "article", "location", "admin1",
                                               "country") if k in r})  # fmt: skip
            continue
        properties = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "id": r["event_id"],
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "properties": properties,
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features, "unplaced": unplaced}


def write_geojson(table: list[dict[str, Any]], path: Path) -> dict[str, Any]:
    collection = feature_collection(table)
    path.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return collection


_DATES = ("event_date", "event_date_end")


def parquet_schema(columns: list[str] = COLUMNS) -> Any:
    """The Parquet schema: the same for every export, whatever the rows hold."""
    pa = _pyarrow()
    types = {c: pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string()
             for c in columns}  # fmt: skip
    for c in _DATES:
        if c in types:
            types[c] = pa.date32()
    return pa.schema([pa.field(c, types[c], nullable=c != "event_id") for c in columns])


def write_parquet(table: list[dict[str, Any]], path: Path, columns: list[str] = COLUMNS) -> None:
    import datetime as dt

    pa = _pyarrow()
    import pyarrow.parquet as pq

    data = {c: [r[c] for r in table] for c in columns}
    for c in _DATES:
        if c in data:
            data[c] = [dt.date.fromisoformat(d) if d else None for d in data[c]]
    pq.write_table(pa.table(data, schema=parquet_schema(columns)), path)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ConfigError(
            'Parquet needs pyarrow: pip install -e ".[export]" (or choose csv or geojson)'
        ) from None
    return pyarrow


def export(outcomes: list[Any], fmt: str, path: Path) -> tuple[int, int, int]:
    """Writes the table; returns (rows, failed articles skipped, rows without coordinates)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    table, failed = rows(outcomes)
    path.parent.mkdir(parents=True, exist_ok=True)
    unplaced = sum(r["latitude"] is None for r in table)
    if fmt == "csv":
        write_csv(table, path)
    elif fmt == "geojson":
        write_geojson(table, path)
    else:
        write_parquet(table, path)
    return len(table), failed, unplaced


# -- events ------------------------------------------------------------------------------------

EVENT_FORMATS = ("jsonl", "csv", "geojson", "parquet", "sqlite")
EVENT_COLUMNS = [
    "event_id", "event_date", "event_date_end", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "kind", "actor1", "actors", "country", "iso", "admin1",
    "location", "places", "latitude", "longitude", "geo_precision", "geonames_id", "source",
    "fatalities", *(f"{name}_{part}" for name in COUNT_FIELDS for part in ("min", "max", "text")),
    "reports", "articles",
]  # fmt: skip


def event_row(event: Any) -> dict[str, Any]:
    """One event as a row: ACLED's columns where they mean the same, the Counts spanning its
    reports, how many reports it has and which (`article:incident`)."""
    disorder, acled_type, sub = _acled(Incident(event_type=event.event_type, summary="",
                                                perpetrators=event.perpetrators))  # fmt: skip
    geo = event.geo
    out: dict[str, Any] = {
        "event_id": event.id,
        "event_date": event.date.isoformat() if event.date else None,
        "event_date_end": event.date_end.isoformat() if event.date_end else None,
        "year": event.date.year if event.date else None,
        "time_precision": (1 if event.date_end is None else 2) if event.date else None,
        "disorder_type": disorder, "event_type": acled_type, "sub_event_type": sub,
        "kind": event.event_type.value,
        "actor1": event.perpetrators[0] if event.perpetrators else None,
        "actors": "; ".join(event.perpetrators) or None,
        "country": event.country, "iso": geo.country_code if geo else None,
        "admin1": event.admin1, "location": event.places[0] if event.places else None,
        "places": "; ".join(event.places) or None,
        "latitude": geo.lat if geo else None, "longitude": geo.lon if geo else None,
        "geo_precision": geo.precision if geo else None,
        "geonames_id": geo.geonames_id if geo else None,
        "source": "; ".join(event.sources) or None,
        "fatalities": event.killed.min,
        "reports": len(event.reports),
        "articles": "; ".join(f"{r.article}:{r.incident}" for r in event.reports),
    }  # fmt: skip
    for name in COUNT_FIELDS:
        count = getattr(event, name)
        out[f"{name}_min"], out[f"{name}_max"], out[f"{name}_text"] = count.min, count.max, count.text
    return out


SQLITE_SCHEMA = """
CREATE TABLE articles (
    article TEXT PRIMARY KEY, published TEXT, status TEXT NOT NULL, incidents INTEGER, error TEXT
);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY, kind TEXT NOT NULL, event_date TEXT, event_date_end TEXT,
    month TEXT, country TEXT, iso TEXT, admin1 TEXT, location TEXT, places TEXT,
    latitude REAL, longitude REAL, geo_precision TEXT, geonames_id INTEGER,
    perpetrators TEXT, sources TEXT,
    killed_min INTEGER, killed_max INTEGER, killed_text TEXT,
    civilians_killed_min INTEGER, civilians_killed_max INTEGER, civilians_killed_text TEXT,
    children_killed_min INTEGER, children_killed_max INTEGER, children_killed_text TEXT,
    women_killed_min INTEGER, women_killed_max INTEGER, women_killed_text TEXT,
    injured_min INTEGER, injured_max INTEGER, injured_text TEXT,
    reports INTEGER NOT NULL
);
CREATE TABLE reports (
    event_id TEXT NOT NULL REFERENCES events(event_id),
    article TEXT NOT NULL REFERENCES articles(article), incident INTEGER NOT NULL,
    kind TEXT NOT NULL, date TEXT, date_text TEXT, places TEXT, admin1 TEXT, country TEXT,
    perpetrators TEXT, sources TEXT,
    killed_min INTEGER, killed_max INTEGER, killed_text TEXT,
    civilians_killed_min INTEGER, civilians_killed_max INTEGER, civilians_killed_text TEXT,
    children_killed_min INTEGER, children_killed_max INTEGER, children_killed_text TEXT,
    women_killed_min INTEGER, women_killed_max INTEGER, women_killed_text TEXT,
    injured_min INTEGER, injured_max INTEGER, injured_text TEXT,
    why TEXT NOT NULL,
    PRIMARY KEY (article, incident)
);
CREATE INDEX events_place_month ON events (country, admin1, month);
"""


def write_sqlite(events: list[Any], outcomes: list[Any], path: Path) -> None:
    """A database of the events (`events`), every report of each (`reports`) and every
    article of the run, done or failed (`articles`), written whole or not at all."""
    import sqlite3

    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SQLITE_SCHEMA)
        for o in outcomes:
            done = isinstance(o, ExtractionResult)
            published = o.meta.published.isoformat() if done and o.meta.published else None
            _insert(db, "articles", (
                o.article, published, "done" if done else "failed",
                len(o.incidents) if done else None, None if done else getattr(o, "cause", None),
            ))  # fmt: skip
        counts = [f"{n}_{p}" for n in COUNT_FIELDS for p in ("min", "max", "text")]
        for e in events:
            r = event_row(e)
            _insert(db, "events", (
                e.id, e.event_type.value, r["event_date"], r["event_date_end"],
                r["event_date"][:7] if r["event_date"] else None, e.country, r["iso"], e.admin1,
                r["location"], r["places"], r["latitude"], r["longitude"], r["geo_precision"],
                r["geonames_id"], r["actors"], r["source"], *(r[c] for c in counts),
                len(e.reports),
            ))  # fmt: skip
            for rep in e.reports:
                cols = []
                for n in COUNT_FIELDS:
                    c = rep.counts.get(n)
                    cols += [c.min, c.max, c.text] if c else [None, None, None]
                _insert(db, "reports", (
                    e.id, rep.article, rep.incident, rep.event_type.value,
                    rep.date.isoformat() if rep.date else None, rep.date_text,
                    "; ".join(rep.places) or None, rep.admin1, rep.country,
                    "; ".join(rep.perpetrators) or None, "; ".join(rep.sources) or None,
                    *cols, "; ".join(rep.why),
                ))  # fmt: skip
        db.commit()
    finally:
        db.close()
    tmp.replace(path)


def _insert(db: Any, table: str, values: tuple[Any, ...]) -> None:
    db.execute(f"INSERT OR REPLACE INTO {table} VALUES ({', '.join('?' * len(values))})", values)


def export_events(events: list[Any], outcomes: list[Any], fmt: str, path: Path) -> None:
    """Writes the events as JSONL (whole Events with their reports), CSV, GeoJSON, Parquet
    (one row per event) or an SQLite database."""
    if fmt not in EVENT_FORMATS:
        raise ConfigError(f"unknown events format {fmt!r}; choose one of {', '.join(EVENT_FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for e in events:
                f.write(e.model_dump_json() + "\n")
    elif fmt == "sqlite":
        write_sqlite(events, outcomes, path)
    else:
        table = [event_row(e) for e in events]
        if fmt == "csv":
            write_csv(table, path, EVENT_COLUMNS)
        elif fmt == "geojson":
            write_geojson(table, path)
        else:
            write_parquet(table, path, EVENT_COLUMNS)
