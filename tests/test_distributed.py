"""Corpus runs on Ray, in a local cluster (`ray.init(num_cpus=2)`, one for the whole module:
Ray starts slowly), against real loopback servers that speak the chat-completions API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray
from fakeserver import ScriptedServer, error, reply

from extractor import Article, Config, distributed
from extractor.runner import ExtractionFailure
from extractor.schema import ExtractionResult, Meta
from extractor.store import ShardStore, read_results

TEXT = ("Updated Jan 9, 2024\nAir strikes killed at least 12 people in Velna on Sunday, the "
        "monitor said. Report number {n}.")  # fmt: skip
REPLY = {"incidents": [{"type": "air_strike", "places": ["Velna"], "when": "on Sunday",
                        "killed": "at least 12 people", "sources": ["the monitor"]}]}  # fmt: skip


def articles(n: int, start: int = 0) -> list[Article]:
    return [Article(id=f"a{i:03d}", text=TEXT.format(n=i)) for i in range(start, start + n)]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    cache = tmp_path_factory.mktemp("ray-cache")
    os.environ["EXTRACTOR_CACHE_DIR"] = str(cache)  # the workers start with this environment
    started = distributed.connect(None, num_cpus=2)
    yield
    if started:
        ray.shutdown()


def config(base_url: str, tmp: Path) -> Config:
    return Config(base_url=base_url, model="scripted", transport_attempts=1,
                  cache_dir=tmp / "cache", use_cache=True)  # fmt: skip


def test_every_article_once_and_both_endpoints_used(cluster: None, tmp_path: Path) -> None:
    step = reply(REPLY, delay=0.2)
    with ScriptedServer([step]) as a, ScriptedServer([step]) as b:
        out = tmp_path / "out"
        done, failed = distributed.extract_to_folder(
            articles(40), out, config(a.base_url, tmp_path), endpoints=[a.base_url, b.base_url],
            concurrency=4, batch_size=5)  # fmt: skip
        assert (done, failed) == (40, 0)
        assert a.requests > 0 and b.requests > 0 and a.requests + b.requests == 40
    outcomes = read_results(out)
    assert sorted(o.article for o in outcomes) == [f"a{i:03d}" for i in range(40)]
    assert {o.meta.endpoint for o in outcomes} == {a.base_url.rstrip("/"), b.base_url.rstrip("/")}
    assert all(o.incidents[0].killed.min == 12 for o in outcomes)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["done"] == 40 and manifest["failed"] == []
    listed = [x for shard in manifest["shards"] for x in shard["articles"]]
    assert sorted(listed) == sorted(o.article for o in outcomes)
    assert all((out / shard["file"]).is_file() for shard in manifest["shards"])


def test_a_failing_endpoint_gives_failure_records_and_a_rerun_retries_them(
    cluster: None, tmp_path: Path
) -> None:
    with ScriptedServer([reply(REPLY)]) as good, ScriptedServer([error(500)]) as bad:
        out = tmp_path / "out"
        cfg = config(good.base_url, tmp_path)
        urls = [good.base_url, bad.base_url]
        done, failed = distributed.extract_to_folder(articles(12), out, cfg, endpoints=urls,
                                                     concurrency=2, batch_size=3)  # fmt: skip
        assert done + failed == 12 and failed > 0 and done > 0
        store = ShardStore(out)
        assert len(store.failed()) == failed and not store.failed() & store.done()
        failures = [o for o in read_results(out) if not hasattr(o, "incidents")]
        assert {f.error for f in failures} == {"EndpointError"}
        assert all("500" in f.cause for f in failures)
        assert json.loads((out / "manifest.json").read_text())["failed"] == sorted(store.failed())

        bad.script = [reply(REPLY)]  # the endpoint is back
        before = good.requests + bad.requests
        again = distributed.extract_to_folder(articles(12), out, cfg, endpoints=urls,
                                              concurrency=2, batch_size=3)  # fmt: skip
        assert again == (failed, 0)
        assert good.requests + bad.requests - before == failed  # only the failed were asked
    outcomes = read_results(out)
    assert sorted(o.article for o in outcomes) == [f"a{i:03d}" for i in range(12)]
    assert all(hasattr(o, "incidents") for o in outcomes)
    assert not (out / "failures.jsonl").read_text().strip()
    assert distributed.extract_to_folder(articles(12), out, cfg, endpoints=urls) == (0, 0)


def test_dataset_rows_name_every_article(cluster: None, tmp_path: Path) -> None:
    with ScriptedServer([reply(REPLY)]) as a:
        ds = ray.data.from_items([{"id": "x1", "text": TEXT.format(n=1)},
                                  {"id": "x2", "text": "   "}])  # fmt: skip
        rows = distributed.extract_dataset(ds, config(a.base_url, tmp_path)).take_all()
    by_id = {r["article"]: r for r in rows}
    assert set(by_id) == {"x1", "x2"}
    assert by_id["x1"]["ok"] and json.loads(by_id["x1"]["record"])["incidents"]
    assert not by_id["x2"]["ok"]
    assert "empty" in json.loads(by_id["x2"]["record"])["cause"]
    with pytest.raises(Exception, match="columns id and text"):
        distributed.extract_dataset(ray.data.from_items([{"body": "x"}]),
                                    config(a.base_url, tmp_path))  # fmt: skip


def test_cli_joins_a_running_cluster(cluster: None, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for a in articles(6):
        (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    with ScriptedServer([reply(REPLY)]) as a, ScriptedServer([reply(REPLY)]) as b:
        cmd = [sys.executable, "-m", "extractor", "extract", str(folder), "--ray", "auto",
               "--out", str(out), "--base-url", a.base_url, "--base-url", b.base_url,
               "--model", "scripted"]  # fmt: skip
        env = {**os.environ, "EXTRACTOR_CACHE_DIR": str(tmp_path / "cache")}
        run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert run.returncode == 1, run.stderr  # the binary file is a failure record
        assert "error: broken:" in run.stderr and "done 6" in run.stderr
        assert a.requests + b.requests == 6
        again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert "6 article(s) already done" in again.stderr
    ids = sorted(o.article for o in read_results(out))
    assert ids == ["a000", "a001", "a002", "a003", "a004", "a005", "broken"]


def test_cli_refuses_what_cannot_work(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    base = [sys.executable, "-m", "extractor", "extract", str(tmp_path / "a.txt")]
    cases = [
        (["--ray", "--out", str(tmp_path / "x.jsonl")], "give --out a folder"),
        (["--embedded-per-node", "--out", str(tmp_path / "o")], "needs --ray"),
        (["--base-url", "http://127.0.0.1:9/v1", "--base-url", "http://127.0.0.1:8/v1"],
         "only with --ray"),
        (["--ray", "nowhere", "--out", str(tmp_path / "o")], "not a cluster address"),
    ]  # fmt: skip
    for extra, message in cases:
        run = subprocess.run([*base, *extra], capture_output=True, text=True, timeout=60)
        assert run.returncode != 0 and message in run.stderr, (extra, run.stderr)
        assert "Traceback" not in run.stderr


def test_the_openai_key_never_reaches_a_local_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    monkeypatch.delenv("EXTRACTOR_API_KEY", raising=False)
    local, openai_url = "http://127.0.0.1:8000/v1", "https://api.openai.com/v1"
    for first in (local, openai_url):
        cfg = Config.from_env(base_url=first)
        keys = {c.base_url: c.api_key for c in distributed.endpoint_configs(cfg, [local, openai_url])}
        assert keys[local] is None
        assert keys[openai_url] is not None and keys[openai_url].get_secret_value() == "sk-secret"
    monkeypatch.setenv("EXTRACTOR_API_KEY", "given-for-the-run")
    cfg = Config.from_env(base_url=local)
    keys = {c.base_url: c.api_key for c in distributed.endpoint_configs(cfg, [local, openai_url])}
    assert all(k is not None and k.get_secret_value() == "given-for-the-run" for k in keys.values())


def test_shard_store_keeps_each_article_once(tmp_path: Path) -> None:
    def ok(article: str) -> ExtractionResult:
        meta = Meta(model="m", endpoint="e", prompt_version="v", cached=False)
        return ExtractionResult(article=article, incidents=[], meta=meta)

    store = ShardStore(tmp_path)
    store.write_many([ExtractionFailure(article="k1", error="EndpointError", cause="HTTP 500")])
    assert store.failed() == {"k1"} and store.done() == set()
    store.write_many([ok("k1"), ok("k1")])  # the same article twice: kept once
    assert store.done() == {"k1"} and store.failed() == set()
    # a torn temporary file, and a shard the manifest does not list (a kill between the two)
    (tmp_path / ".part-000009.jsonl.1.2.tmp").write_text("{half")
    (tmp_path / "part-000005.jsonl").write_text(ok("k2").model_dump_json() + "\n")
    reopened = ShardStore(tmp_path)
    assert reopened.done() == {"k1", "k2"}
    assert not list(tmp_path.glob(".*.tmp"))
    assert "part-000005.jsonl" in (tmp_path / "manifest.json").read_text()
    assert sorted(o.article for o in read_results(tmp_path)) == ["k1", "k2"]


def test_the_default_install_does_not_import_ray() -> None:
    code = ("import sys, extractor.cli, extractor.runner, extractor.store; "
            "assert 'ray' not in sys.modules, 'ray imported'")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    head = pyproject.split("[project.optional-dependencies]")[0]
    assert "ray" not in head.split("dependencies = [")[1].split("]")[0]



@pytest.mark.e2e
def test_embedded_model_on_every_node(cluster: None, tmp_path: Path) -> None:
    """--embedded-per-node: the actor on this node starts the real embedded model, codes the
    article, and its server goes away with the actor."""
    from test_e2e import SHARED_CACHE

    cfg = Config(cache_dir=SHARED_CACHE, use_cache=False, follow_ups=1)
    text = ("Updated Jan 9, 2024\nAn air strike killed 12 civilians, four of them children, in "
            "the town of Velna on Sunday, the health ministry said.")  # fmt: skip
    out = tmp_path / "out"
    done, failed = distributed.extract_to_folder([Article(id="e1", text=text)], out, cfg,
                                                 embedded_per_node=True)  # fmt: skip
    assert (done, failed) == (1, 0)
    (result,) = read_results(out)
    assert result.meta.endpoint.startswith("embedded:") and not result.meta.cached
    assert any(i.killed.min == 12 for i in result.incidents), [i.summary for i in result.incidents]
    assert all(q in text for i in result.incidents for q in i.evidence)
    def servers() -> list[str]:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if b"extractor._server" in cmdline.read_bytes():
                    found.append(cmdline.parent.name)
            except OSError:
                continue
        return found

    deadline = time.monotonic() + 20  # the pool's actors are shut down as the run ends
    while servers() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not servers(), "the embedded server outlived its actor"
