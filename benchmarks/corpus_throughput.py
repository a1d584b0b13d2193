"""Corpus-run throughput against a loopback OpenAI-compatible server with a fixed latency.

- 100 articles at concurrency 16 against 200 ms replies: ideal is 100 x 0.2 / 16 = 1.25 s;
  in-process, and as a whole `extractor extract DIR --out x.jsonl` process (start-up included).
- `extractor --help`: the start-up alone; importing the openai client (a floor for any run).
- the next 100 fresh articles in the same process (start-up paid).
- a fully cached rerun of 1,000 articles: target under 2 s.

    .venv/bin/python benchmarks/corpus_throughput.py
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import ScriptedServer, Step  # noqa: E402

from extractor import Config, Extractor, extract_many  # noqa: E402

REPLY = json.dumps({"incidents": [{"type": "air_strike", "places": ["Velna"], "when": "on Sunday",
                                   "killed": "at least 12 people", "sources": ["the monitor"]}]})  # fmt: skip


def article(i: int) -> tuple[str, str]:
    return (f"a{i:04d}", f"Updated Jan 9, 2024\nAir strikes killed at least 12 people in Velna on "
                         f"Sunday, the monitor said. Report number {i}.")  # fmt: skip


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def serve(port_out: "multiprocessing.Queue[str]", stop: "multiprocessing.Event") -> None:  # type: ignore[type-arg]
    with ScriptedServer([Step(content=REPLY, delay=0.2)]) as server:
        port_out.put(server.base_url)
        stop.wait()


def main() -> None:
    results = {}
    # The server runs in its own process, so the figures measure the client alone.
    urls: multiprocessing.Queue[str] = multiprocessing.Queue()
    stop = multiprocessing.Event()
    child = multiprocessing.Process(target=serve, args=(urls, stop), daemon=True)
    child.start()
    base_url = urls.get(timeout=30)
    # a fresh reply cache, but the gazetteer index already built in the usual cache folder
    os.environ.setdefault("EXTRACTOR_GAZETTEER_DIR", str(Config.from_env().cache_dir))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["EXTRACTOR_CACHE_DIR"] = cache
        config = Config.from_env(base_url=base_url, model="bench")
        extractor = Extractor(config)
        import asyncio

        from extractor.runner import aextract_many

        def run(items: list[tuple[str, str]], concurrency: int) -> None:
            out = asyncio.run(aextract_many(items, concurrency=concurrency, extractor=extractor))
            assert all(not hasattr(r, "cause") for r in out), out[:1]

        folder = Path(cache) / "articles"
        folder.mkdir()
        for name, text in (article(i) for i in range(100, 200)):
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        cli = [sys.executable, "-m", "extractor"]
        results["cli_help_seconds"] = round(min(
            timed(lambda: subprocess.run([*cli, "--help"], check=True, capture_output=True))
            for _ in range(3)), 2)  # fmt: skip
        results["cli_100_articles_c16_seconds"] = round(timed(lambda: subprocess.run(
            [*cli, "extract", str(folder), "--out", str(Path(cache) / "out.jsonl"),
             "--concurrency", "16", "--base-url", base_url, "--model", "bench"],
            check=True, capture_output=True)), 2)  # fmt: skip
        first = [article(i) for i in range(100)]
        results["100_articles_c16_seconds"] = round(timed(lambda: run(first, 16)), 2)
        results["100_articles_c16_ideal_seconds"] = round(100 * 0.2 / 16, 2)
        # the same load again in the same process: start-up (imports, tables) already paid
        results["next_100_articles_c16_seconds"] = round(timed(lambda: run(
            [article(i) for i in range(2000, 2100)], 16)), 2)  # fmt: skip
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import os, openai, instructor; openai.OpenAI(api_key='-').chat; "
                        "os._exit(0)"], check=True)  # fmt: skip
        results["python_openai_instructor_import_seconds"] = round(time.perf_counter() - started, 2)
        many = [article(i) for i in range(1000)]
        results["fill_1000_c64_seconds"] = round(timed(lambda: run(many, 64)), 2)
        results["cached_1000_seconds"] = round(timed(lambda: run(many, 16)), 2)
        results["cached_1000_public_api_seconds"] = round(
            timed(lambda: extract_many(many, config, concurrency=16)), 2
        )
    stop.set()
    child.join(timeout=10)
    print(json.dumps(results, indent=2))
    out = ROOT / "benchmarks" / "results" / "corpus_throughput.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
