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
_INTS = {"incident", "year", "time_precision", "geonames_id", "fatalities",
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


def write_csv(table: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(table)


def feature_collection(table: list[dict[str, Any]]) -> dict[str, Any]:
    """Points for the rows with coordinates ([lon, lat], as GeoJSON orders them); the rows
    without any are listed under "unplaced", not dropped."""
    features, unplaced = [], []
    for r in table:
        if r["latitude"] is None or r["longitude"] is None:
            unplaced.append({k: r[k] for k in ("event_id", "article", "location", "admin1",
                                               "country")})  # fmt: skip
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


def parquet_schema() -> Any:
    """The Parquet schema: the same for every export, whatever the rows hold."""
    pa = _pyarrow()
    types = {c: pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string()
             for c in COLUMNS}  # fmt: skip
    types["event_date"] = pa.date32()
    return pa.schema([pa.field(c, types[c], nullable=c != "event_id") for c in COLUMNS])


def write_parquet(table: list[dict[str, Any]], path: Path) -> None:
    import datetime as dt

    pa = _pyarrow()
    import pyarrow.parquet as pq

    columns = {c: [r[c] for r in table] for c in COLUMNS}
    columns["event_date"] = [dt.date.fromisoformat(d) if d else None for d in columns["event_date"]]
    pq.write_table(pa.table(columns, schema=parquet_schema()), path)


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
