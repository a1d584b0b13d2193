"""Corpus throughput on Ray against two loopback OpenAI-compatible endpoints.

1,000 articles; each endpoint answers every request in 200 ms and gets 16 requests at once, so
the ideal is 1,000 x 0.2 / 32 = 6.25 s. Measured on a local Ray cluster (`ray.init(num_cpus=2)`,
started before the clock runs), writing shards and a manifest as `extractor extract --ray` does,
next to one process (`extract_many`) with the same 32 requests in flight to one endpoint.
The endpoints run in their own processes, so the figures measure the client side; on a 2-core
machine they still share the cores with it.

    .venv/bin/python benchmarks/ray_throughput.py
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import ScriptedServer, Step  # noqa: E402

REPLY = json.dumps({"incidents": [{"type": "air_strike", "places": ["Velna"], "when": "on Sunday",
                                   "killed": "at least 12 people", "sources": ["the monitor"]}]})  # fmt: skip
N = 1000
TEXT = ("Updated Jan 9, 2024\nAir strikes killed at least 12 people in Velna on Sunday, the monitor "
        "said. Report number {i}.")  # fmt: skip


def serve(urls: "multiprocessing.Queue[str]", stop: "multiprocessing.Event") -> None:  # type: ignore[type-arg]
    with ScriptedServer([Step(content=REPLY, delay=0.2)]) as server:
        urls.put(server.base_url)
        stop.wait()


def main() -> None:
    urls: multiprocessing.Queue[str] = multiprocessing.Queue()
    stop = multiprocessing.Event()
    servers = [multiprocessing.Process(target=serve, args=(urls, stop), daemon=True) for _ in range(2)]
    for s in servers:
        s.start()
    endpoints = [urls.get(timeout=30), urls.get(timeout=30)]
    results: dict[str, object] = {"articles": N, "endpoints": 2, "latency_seconds": 0.2,
                                  "in_flight_per_endpoint": 16, "ideal_seconds": N * 0.2 / 32}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        # fresh reply caches; the gazetteer index already built in the usual cache folder
        from extractor.config import default_cache_dir

        os.environ.setdefault("EXTRACTOR_GAZETTEER_DIR", str(default_cache_dir()))
        os.environ["EXTRACTOR_CACHE_DIR"] = str(Path(tmp) / "cache-ray")
        import ray

        from extractor import Article, Config
        from extractor.distributed import extract_to_folder

        articles = [Article(id=f"a{i:04d}", text=TEXT.format(i=i)) for i in range(N)]
        started = time.perf_counter()
        from extractor.distributed import connect

        connect(None, num_cpus=2)
        results["ray_start_seconds"] = round(time.perf_counter() - started, 2)
        config = Config.from_env(model="bench")
        started = time.perf_counter()
        done, failed = extract_to_folder(articles, Path(tmp) / "out", config,
                                         endpoints=endpoints, concurrency=16)  # fmt: skip
        results["ray_seconds"] = round(time.perf_counter() - started, 2)
        assert (done, failed) == (N, 0), (done, failed)
        # The pool's start (a process per actor importing the client, the first batches with
        # cold caches) is paid once per run. What each further 1,000 articles cost: the same
        # run with 3,000 articles, less the 1,000-article run, over 2.
        more = [Article(id=f"b{i:04d}", text=TEXT.format(i=10_000 + i)) for i in range(3 * N)]
        started = time.perf_counter()
        assert extract_to_folder(more, Path(tmp) / "out3", config, endpoints=endpoints,
                                 concurrency=16) == (3 * N, 0)  # fmt: skip
        results["ray_3000_seconds"] = round(time.perf_counter() - started, 2)
        results["ray_each_further_1000_seconds"] = round(
            (results["ray_3000_seconds"] - results["ray_seconds"]) / 2, 2)  # type: ignore[operator]
        # a rerun finds everything done
        started = time.perf_counter()
        assert extract_to_folder(articles, Path(tmp) / "out", config, endpoints=endpoints) == (0, 0)
        results["ray_rerun_all_done_seconds"] = round(time.perf_counter() - started, 2)
        ray.shutdown()

        from extractor import extract_many

        os.environ["EXTRACTOR_CACHE_DIR"] = str(Path(tmp) / "cache-one")
        one = Config.from_env(base_url=endpoints[0], model="bench")
        started = time.perf_counter()
        outcomes = extract_many(articles, one, concurrency=32)
        results["one_process_32_in_flight_seconds"] = round(time.perf_counter() - started, 2)
        assert all(hasattr(o, "incidents") for o in outcomes)
    stop.set()
    results["ray_vs_ideal"] = round(results["ray_seconds"] / results["ideal_seconds"], 2)  # type: ignore[operator]
    print(json.dumps(results, indent=2))
    out = ROOT / "benchmarks" / "results" / "ray_throughput.json"
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
