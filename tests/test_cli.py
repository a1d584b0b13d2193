"""The command line, run as a user runs it: a real process against a loopback server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import GOOD_DRAFT, SEED_000, SEEDS
from fakeserver import ScriptedServer, error, reply

EXE = [sys.executable, "-m", "extractor"]


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*EXE, *args], input=stdin.decode() if stdin else None, capture_output=True, text=True,
        env=full_env, timeout=120,
    )  # fmt: skip


def seed_path() -> Path:
    return next(SEEDS.glob(f"{SEED_000}*.txt"))


def test_extract_json_one_file() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("extract", str(seed_path()), "--json", "--base-url", server.base_url, "--model", "m")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["article"] == SEED_000
    assert data["incidents"][0]["event_type"] == "air_strike"
    assert set(data["meta"]) >= {"model", "endpoint", "prompt_version", "cached", "usage", "seconds"}
    assert data["meta"]["usage"] == {"prompt_tokens": 100, "completion_tokens": 20}
    assert data["meta"]["endpoint"] == server.base_url


def test_extract_text_output_and_environment_endpoint() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("extract", str(seed_path()), env={"EXTRACTOR_BASE_URL": server.base_url})
    assert out.returncode == 0, out.stderr
    assert "Darkoush" in out.stdout and "killed 40..53" in out.stdout


def test_extract_several_files_gives_a_list_and_stdin_works(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(seed_path().read_text())
    b.write_text(seed_path().read_text() + "\nMore text.")
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("extract", str(a), str(b), "--json", "--base-url", server.base_url)
        assert out.returncode == 0, out.stderr
        assert [d["article"] for d in json.loads(out.stdout)] == ["a", "b"]
        out = run("extract", "-", "--json", "--base-url", server.base_url, stdin=a.read_bytes())
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["article"] == "stdin"
        assert json.loads(out.stdout)["meta"]["cached"] is True  # same text as a.txt


def test_a_folder_gives_its_articles_but_not_its_readme(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(seed_path().read_text())
    (folder / "two.md").write_text(seed_path().read_text() + "\nMore text.")
    (folder / "README.md").write_text("Articles collected for a test.")
    (folder / "notes.csv").write_text("a,b")
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("extract", str(folder), "--json", "--base-url", server.base_url)
    assert out.returncode == 0, out.stderr
    assert [d["article"] for d in json.loads(out.stdout)] == ["one", "two"]


def test_out_dir_writes_one_file_per_article(tmp_path: Path) -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("extract", str(seed_path()), "--out", str(tmp_path / "res"), "--base-url", server.base_url)
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / "res" / f"{SEED_000}.json").read_text())
    assert len(data["incidents"]) == 2
    assert "done 1 (cached 0), failed 0" in out.stderr


def test_failure_is_one_line_and_nonzero_exit() -> None:
    with ScriptedServer([error(500)]) as server:
        out = run("extract", str(seed_path()), "--base-url", server.base_url,
                  env={"EXTRACTOR_TRANSPORT_ATTEMPTS": "3", "EXTRACTOR_BACKOFF_INITIAL": "0.01"})
        assert server.requests == 3
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = [x for x in out.stderr.splitlines() if x.startswith("error:")]
    assert lines == [lines[0]] and SEED_000 in lines[0] and "HTTP 500" in lines[0]


def test_bad_input_names_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("extract", str(empty), str(binary), str(seed_path()), "--base-url", server.base_url)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "error: empty: the article is empty" in out.stderr
    assert "error: blob: binary data" in out.stderr
    assert "Darkoush" in out.stdout  # the good article was still done


def test_missing_file_and_bad_mode_are_usage_errors() -> None:
    out = run("extract", "/nonexistent/file.txt")
    assert out.returncode == 2 and "no such file" in out.stderr and "Traceback" not in out.stderr
    out = run("extract", str(seed_path()), "--base-url", "ftp://x")
    assert out.returncode == 1 and "must start with http" in out.stderr


def test_cache_stats_and_clear() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        run("extract", str(seed_path()), "--base-url", server.base_url)
    stats = run("cache", "stats")
    assert stats.returncode == 0 and "entries 1" in stats.stdout
    cleared = run("cache", "clear")
    assert "removed 1" in cleared.stdout
    assert "entries 0" in run("cache", "stats").stdout


def test_eval_writes_reports_and_enforces_min_f1(tmp_path: Path) -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        out = run("eval", "--out", str(tmp_path / "ev"), "--base-url", server.base_url, "--min-f1", "0.99")
    assert out.returncode == 1, out.stderr
    assert "below --min-f1" in out.stderr
    report = json.loads((tmp_path / "ev" / "report.json").read_text())
    assert len(report["articles"]) == 41  # the seeds and the dev set
    assert set(report["datasets"]) == {"seeds", "dev", "dev/tune", "dev/test", "all"}
    assert report["info"]["model"] == "gpt-4o-mini" or report["info"]["endpoint"] == server.base_url
    assert "<html>" in (tmp_path / "ev" / "report.html").read_text()
    assert "incident F1" in out.stdout
    # the misses of dev/test (every fourth article) are scored but not printed by default
    assert "\nd001: " in out.stdout and "\nd004: " not in out.stdout
    assert "misses of 9 held-out article(s) not shown" in out.stdout
    out2 = run("eval", "--out", str(tmp_path / "ev2"), "--base-url", server.base_url,
               "--compare", str(tmp_path / "ev" / "report.json"), "--show-held-out")  # fmt: skip
    assert out2.returncode == 0, out2.stderr
    assert "delta" in out2.stdout and "+0.000" in out2.stdout
    assert "\nd004: " in out2.stdout and "not shown" not in out2.stdout


def test_eval_out_that_is_a_file_is_refused_before_any_work(tmp_path: Path) -> None:
    taken = tmp_path / "report"
    taken.write_text("not a folder\n")
    out = run("eval", "--out", str(taken), "--base-url", "http://127.0.0.1:9/v1")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "is a file" in out.stderr and taken.read_text() == "not a folder\n"


def test_bad_setting_in_environment_is_one_line() -> None:
    out = run("extract", str(seed_path()), env={"EXTRACTOR_MAX_TOKENS": "lots"})
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0 and "max_tokens" in out.stderr
