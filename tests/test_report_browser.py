"""The HTML eval report opened in a real browser (headless Chromium from Debian's packages)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor import report
from extractor.evaluation import load_dataset, score_run
from extractor.schema import ExtractionResult, Meta

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _report_html(tmp_path: Path) -> tuple[Path, list[str]]:
    seeds = load_dataset("seeds")
    golds, texts = seeds.golds, seeds.texts
    meta = Meta(model="m", endpoint="e", prompt_version="p", cached=False)
    # predictions: the gold's required incidents for two articles, nothing for the others
    outcomes = [
        ExtractionResult(article=name, incidents=[i.shown() for i in gold.incidents if not i.optional], meta=meta)
        for name, gold in list(golds.items())[:2]
    ]
    path = tmp_path / "report.html"
    path.write_text(report.render(score_run([seeds], outcomes), texts), encoding="utf-8")
    return path, list(golds)


def test_report_opens_shows_every_article_and_renders(tmp_path: Path) -> None:
    path, articles = _report_html(tmp_path)
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-500:]
    for article in articles:
        assert f'id="{article}"' in dom.stdout
    assert dom.stdout.count("<mark") > 10  # evidence highlighted in the article texts
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
         "--window-size=1280,2400", path.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a page of text, not a blank


def test_map_page_loads_offline_with_every_point_and_shows_a_record(tmp_path: Path) -> None:
    from extractor import maps
    from extractor.evaluation import EvalReport
    from extractor.export import row

    report = EvalReport.model_validate_json(
        (Path(__file__).parent.parent / "evals" / "results" / "v17-dev" / "report.json").read_text()
    )
    table = [row(a.article, n, i) for a in report.articles for n, i in enumerate(a.predicted, 1)]
    placed = [r for r in table if r["latitude"] is not None]
    assert len(placed) > 100
    page = tmp_path / "map.html"
    page.write_text(maps.page(table), encoding="utf-8")
    chosen = max(placed, key=lambda r: r["fatalities"] or 0)
    offline = [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--proxy-server=127.0.0.1:9",
               "--host-resolver-rules=MAP * ~NOTFOUND"]  # fmt: skip
    dom = subprocess.run(
        [CHROMIUM, *offline, "--dump-dom", page.as_uri() + "#show=" + chosen["event_id"]],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-500:]
    for r in placed:
        assert f'data-id="{r["event_id"]}"' in dom.stdout
    # the record panel shows the chosen record and its evidence, put there by the page's script
    panel = dom.stdout.split('id="record"', 1)[1].split("</div>", 1)[0]
    assert "<dl>" in panel and chosen["evidence"].split(" | ")[0][:40] in panel.replace("&amp;", "&")
    shot = tmp_path / "map.png"
    subprocess.run([CHROMIUM, *offline, f"--screenshot={shot}", "--window-size=1320,800",
                    page.as_uri()], capture_output=True, timeout=120, check=True)  # fmt: skip
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 50_000
