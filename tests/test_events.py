"""Events across articles: the resolver on gold incidents, its outputs, and the command."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import evaluation
from extractor.events import resolve_events
from extractor.export import export_events
from extractor.runner import ExtractionFailure
from extractor.schema import Count, EventType, ExtractionResult, Incident, Location, Meta

ROOT = Path(__file__).resolve().parent.parent
EXE = [sys.executable, "-m", "extractor"]


def _result(article: str, *incidents: Incident, published: dt.date | None = None) -> ExtractionResult:
    meta = Meta(model="m", endpoint="e", prompt_version="p", cached=True, published=published)
    return ExtractionResult(article=article, incidents=list(incidents), meta=meta)


def _incident(kind: str, places: list[str], day: dt.date | None, killed: tuple[int, int | None, str] | None = None,
              country: str = "Syria", admin1: str | None = None) -> Incident:  # fmt: skip
    count = Count(min=killed[0], max=killed[1], text=killed[2]) if killed else Count()
    return Incident(event_type=EventType(kind), summary="", date=day, killed=count,
                    location=Location(places=places, admin1=admin1, country=country))  # fmt: skip


def test_the_two_seeds_shared_incidents_are_three_events_of_two_reports() -> None:
    results, _ = evaluation.gold_results(evaluation.load_dataset("seeds"))
    events = resolve_events(results)
    shared = [e for e in events if len(e.reports) > 1]
    assert len(shared) == 3
    assert all({r.article[:3] for r in e.reports} == {"000", "002"} for e in shared)
    market = next(e for e in shared if e.event_type is EventType.air_strike)
    assert (market.killed.min, market.killed.max) == (40, 53)
    assert {"Darkoush", "Darkush"} <= set(market.places)
    assert {e.event_type for e in shared} == {EventType.air_strike, EventType.territory_capture}
    joined = next(r for r in market.reports if r.why != ["first report"])
    assert any(w.startswith("same place Darkush=Darkoush") for w in joined.why), joined.why
    # every other seed incident is an event of its own
    assert sum(len(e.reports) for e in events) == sum(len(r.incidents) for r in results)
    assert len(events) == sum(len(r.incidents) for r in results) - 3


def test_resolver_alone_on_the_events_set() -> None:
    ds = evaluation.load_dataset("events")
    score = evaluation.score_events(ds, None)["resolver"]
    assert score.pairwise_f1 >= 0.95, score
    assert score.not_same_kept_apart == score.not_same_total == 11


def test_ids_are_stable_across_reruns_and_input_order() -> None:
    results, _ = evaluation.gold_results(evaluation.load_dataset("events"))
    first = {e.id: sorted((r.article, r.incident) for r in e.reports) for e in resolve_events(results)}
    shuffled = list(results)
    random.Random(3).shuffle(shuffled)
    again = {e.id: sorted((r.article, r.incident) for r in e.reports) for e in resolve_events(shuffled)}
    assert first == again


def test_incidents_of_one_article_never_join_and_other_days_stay_apart() -> None:
    d = dt.date(2024, 5, 1)
    results = [
        _result("a", _incident("air_strike", ["Tesh"], d), _incident("air_strike", ["Tesh"], d)),
        _result("b", _incident("air_strike", ["Tesh"], d + dt.timedelta(days=3))),
        _result("c", _incident("air_strike", ["Tesh"], d + dt.timedelta(days=1))),
        _result("d", _incident("shelling", ["Velna"], d)),
        ExtractionFailure(article="e", error="ReplyError", cause="no valid reply"),
    ]
    events = resolve_events(results, gazetteer=None)
    groups = sorted(sorted(r.article for r in e.reports) for e in events)
    assert groups == [["a"], ["a", "c"], ["b"], ["d"]]


def test_undated_report_joins_only_when_nothing_contradicts() -> None:
    d = dt.date(2024, 5, 1)
    results = [
        _result("a", _incident("air_strike", ["Tesh"], d, (12, 12, "12 people")), published=d),
        # no date, article two days later, a higher toll: the same strike
        _result("b", _incident("air_strike", ["Tesh"], None, (15, None, "at least 15")), published=d + dt.timedelta(days=2)),
        # no date, article ten days later: another
        _result("c", _incident("air_strike", ["Tesh"], None), published=d + dt.timedelta(days=10)),
        # no date, fewer dead than already counted: another
        _result("e", _incident("air_strike", ["Tesh"], None, (3, 3, "three people")), published=d),
        # no date, another kind: another
        _result("f", _incident("territory_capture", ["Tesh"], None), published=d),
    ]  # fmt: skip
    events = resolve_events(results, gazetteer=None)
    groups = sorted(sorted(r.article for r in e.reports) for e in events)
    assert groups == [["a", "b"], ["c"], ["e"], ["f"]]
    strike = next(e for e in events if len(e.reports) == 2)
    assert (strike.killed.min, strike.killed.max, strike.killed.text) == (12, None, "12 people / at least 15")


def test_a_shared_city_does_not_join_incidents_at_different_places_in_it() -> None:
    d = dt.date(2019, 8, 1)
    results = [
        _result("a", _incident("bombing", ["Sheikh Ahmed", "Portside"], d, country="Yemen")),
        _result("b", _incident("shelling", ["Old Camp", "Portside"], d, country="Yemen")),
        _result("c", _incident("bombing", ["Portside"], d, country="Yemen")),
    ]
    events = resolve_events(results, gazetteer=None)
    groups = sorted(sorted(r.article for r in e.reports) for e in events)
    assert ["a", "b"] not in groups


def test_outputs_csv_geojson_parquet_jsonl_and_sqlite(tmp_path: Path) -> None:
    ds = evaluation.load_dataset("events")
    results, _ = evaluation.gold_results(ds)
    outcomes = [*results, ExtractionFailure(article="broken", error="ReplyError", cause="cut off")]
    events = resolve_events(outcomes)
    for fmt in ("csv", "geojson", "parquet", "jsonl", "sqlite"):
        export_events(events, outcomes, fmt, tmp_path / f"events.{fmt}")
    with open(tmp_path / "events.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(events) and rows[0]["event_id"].startswith("ev-")
    collection = json.loads((tmp_path / "events.geojson").read_text())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) + len(collection["unplaced"]) == len(events)
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "events.parquet").num_rows == len(events)
    lines = (tmp_path / "events.jsonl").read_text().splitlines()
    assert len(lines) == len(events) and json.loads(lines[0])["reports"]
    db = sqlite3.connect(tmp_path / "events.sqlite")
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == len(events)
    assert db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == sum(len(e.reports) for e in events)
    assert db.execute("SELECT status FROM articles WHERE article = 'broken'").fetchone()[0] == "failed"
    # the README's query: deaths per province per month, each event counted once
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    table = db.execute(query).fetchall()
    homs = [r for r in table if r[1] == "Homs" and r[2] == "2023-10"]
    assert homs and homs[0][3] == 1  # four reports of the academy attack: one event
    by_events = sum(e.killed.min or 0 for e in events if e.date)
    assert sum(r[4] or 0 for r in table) == by_events


def test_events_command_and_eval_end_to_end_from_a_results_file(tmp_path: Path) -> None:
    ds = evaluation.load_dataset("events")
    results, _ = evaluation.gold_results(ds)
    run = tmp_path / "run.jsonl"
    run.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    out = subprocess.run([*EXE, "events", str(run), "--out", str(tmp_path / "ev.sqlite")],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "-> 19 event(s)" in out.stdout and (tmp_path / "ev.sqlite").is_file()
    out = subprocess.run([*EXE, "eval", "--dataset", "events", "--events", "--results", str(run),
                          "--out", str(tmp_path / "report")], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "pairwise F1" in out.stdout
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["events"]["end_to_end"]["pairwise_f1"] == 1.0  # gold as the run: every pair right
    assert report["events"]["resolver"]["not_same_kept_apart"] == 11
    bad = subprocess.run([*EXE, "eval", "--events", "--results", str(run)], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "gold grouping" in bad.stderr


@pytest.mark.parametrize("fmt", ["xlsx"])
def test_unknown_events_format_is_a_usage_error(tmp_path: Path, fmt: str) -> None:
    run = tmp_path / "run.jsonl"
    run.write_text("", encoding="utf-8")
    out = subprocess.run([*EXE, "events", str(run), "--out", str(tmp_path / f"ev.{fmt}")],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 2 and "pass --format" in out.stderr
