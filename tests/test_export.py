"""Exports and the offline map of a real corpus run (a loopback endpoint's replies, coded and
geocoded by the real coder and gazetteer)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import GOOD_DRAFT, SEED_000, seed
from fakeserver import ScriptedServer, reply
from test_cli import run

from extractor.export import COLUMNS, parquet_schema


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / f"{SEED_000}.txt").write_text(seed(SEED_000), encoding="utf-8")
    (folder / "second.txt").write_text(seed(SEED_000) + "\nRef 2.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a failed article
    out = folder / "results.jsonl"
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        done = run("extract", str(folder), "--out", str(out), "--base-url", server.base_url)
    assert done.returncode == 1, done.stderr  # the empty article failed
    assert len(out.read_text().splitlines()) == 3
    return out


def test_csv_has_one_row_per_incident_in_acled_columns(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "incidents.csv"
    done = run("export", str(results), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "skipped 1 failed article(s)" in done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 4  # two articles, two incidents each
    assert len({r["event_id"] for r in rows}) == 4
    strike = next(r for r in rows if r["kind"] == "air_strike")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["fatalities"] == "40" and strike["killed_min"] == "40"  # the conservative minimum
    assert strike["event_date"] == "2015-07-26" and strike["year"] == "2015"
    assert strike["iso"] == "SY" and strike["geo_precision"] == "place"
    assert abs(float(strike["latitude"]) - 35.99) < 0.05 and abs(float(strike["longitude"]) - 36.39) < 0.05
    assert strike["source"] == "Syrian Observatory for Human Rights"
    assert all(q in seed(SEED_000) for q in strike["evidence"].split(" | "))
    capture = next(r for r in rows if r["kind"] == "territory_capture")
    assert capture["event_type"] == "Battles" and capture["fatalities"] == ""


def test_geojson_is_points_in_lon_lat_order_and_lists_the_unplaced(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    done = run("export", str(results), "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection"
    placed = data["features"]
    assert len(placed) + len(data["unplaced"]) == 4
    for feature in placed:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["event_id"] == feature["id"]
    strike = next(f for f in placed if f["properties"]["kind"] == "air_strike")
    assert strike["geometry"]["coordinates"][0] > strike["geometry"]["coordinates"][1]  # 36.39 E, 35.99 N


def test_parquet_round_trips_with_the_fixed_schema(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "incidents.parquet"
    done = run("export", str(results), "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.schema.equals(parquet_schema())
    assert table.num_rows == 4
    rows = table.to_pylist()
    strike = next(r for r in rows if r["kind"] == "air_strike")
    assert str(strike["event_date"]) == "2015-07-26" and strike["fatalities"] == 40
    # an empty export keeps the schema
    empty = tmp_path / "empty.parquet"
    failed_only = tmp_path / "failed.jsonl"
    failed_only.write_text(json.dumps({"article": "x", "error": "InputError", "cause": "empty"}) + "\n")
    assert run("export", str(failed_only), "--out", str(empty)).returncode == 0
    assert pq.read_table(empty).schema.equals(parquet_schema())


def test_export_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    done = run("export", str(bad), "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 1 and "bad.jsonl:1: not a result record" in done.stderr
    assert "Traceback" not in done.stderr
    unknown = run("export", str(bad), "--out", str(tmp_path / "x.xlsx"))
    assert unknown.returncode == 2 and "--format" in unknown.stderr


def test_map_page_is_self_contained(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    done = run("map", str(results), "--out", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="incident"') == 4 - page.count("<tr><td>")
    assert page.count('class="land"') > 3  # the country outlines around the points
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<script src" not in page
