"""How the embedded model serves a corpus best on this machine: articles per minute for

  one-server    one server with every core, one article at a time (prefix cache kept)
  two-servers   one server per core, one article at a time on each
  interleaved   one server with every core, two articles at once (their turns interleave)

Same seed articles, no reply cache, stepwise conversations as the embedded default. The
default `--concurrency` for the embedded model follows the winner. Run:

    .venv/bin/python benchmarks/embedded_concurrency.py [--articles 4]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import Config, Extractor  # noqa: E402
from extractor.local import Server, assemble, chosen_model  # noqa: E402


def _extractor(server: Server) -> Extractor:
    config = Config.from_env(
        base_url=server.base_url, model=server.alias, mode="json_object_schema",
        strategy="stepwise", use_cache=False,
    )  # fmt: skip
    return Extractor(config)


def _run(lanes: list[tuple[Extractor, list[Path]]]) -> tuple[float, list[dict[str, object]]]:
    """Each lane works through its articles one by one; lanes run at the same time."""
    rows: list[dict[str, object]] = []

    def lane(extractor: Extractor, paths: list[Path]) -> None:
        for path in paths:
            t = time.perf_counter()
            result = extractor.extract(path.read_text(encoding="utf-8"), path.stem)
            rows.append({"article": path.stem, "seconds": round(time.perf_counter() - t, 1),
                         "completion_tokens": result.meta.usage.completion_tokens,
                         "incidents": len(result.incidents)})  # fmt: skip

    started = time.perf_counter()
    threads = [threading.Thread(target=lane, args=lane_args) for lane_args in lanes]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - started, rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=4)
    ap.add_argument("--out", type=Path,
                    default=ROOT / "benchmarks" / "results" / "embedded_concurrency.json")  # fmt: skip
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    paths = sorted((ROOT / "seeds").glob("*.txt"))[: args.articles]
    model = chosen_model()
    gguf = assemble(model, Config.from_env().cache_dir / "models")
    logs = Path("/tmp") / "extractor-bench-logs"
    logs.mkdir(exist_ok=True)

    def servers(n: int, threads: int) -> list[Server]:
        started = [Server(gguf, model.alias, threads=threads, log_path=logs / f"s{i}.log")
                   for i in range(n)]  # fmt: skip
        for s in started:
            s.start()
        return started

    table = []
    for name, n_servers, threads, per_server in (
        ("one-server", 1, cores, 1),
        ("two-servers", 2, max(1, cores // 2), 1),
        ("interleaved", 1, cores, 2),
    ):
        running = servers(n_servers, threads)
        try:
            lanes_n = n_servers * per_server
            lanes = [(_extractor(running[i % n_servers]), paths[i::lanes_n]) for i in range(lanes_n)]
            # warm each server's static prefix with one short request, as a long run would
            for s in running:
                _extractor(s).extract("Shelling hit a market in Velmora on Monday, killing 2.", "warm")
            seconds, rows = _run(lanes)
        finally:
            for s in running:
                s.stop()
        table.append({
            "setup": name, "servers": n_servers, "threads_per_server": threads,
            "articles_at_once": lanes_n, "seconds": round(seconds, 1),
            "articles_per_minute": round(len(paths) / seconds * 60, 2), "articles": rows,
        })  # fmt: skip
        print(json.dumps({k: v for k, v in table[-1].items() if k != "articles"}), flush=True)
    summary = {
        "model": model.alias,
        "machine": f"{cores} cores, {platform.machine()}",
        "articles": [p.stem for p in paths],
        "best": max(table, key=lambda r: r["articles_per_minute"])["setup"],
        "table": table,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps({"best": summary["best"]}))


if __name__ == "__main__":
    main()
