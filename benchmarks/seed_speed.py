"""Seconds and tokens per seed article with the embedded model, cold and warm.

Cold: the first article after the server starts (nothing in its prompt cache). Warm: the next
ones (the static prompt prefix is reused). Then the whole `extractor extract seeds/` command,
as a user runs it. No reply cache. Run:

    .venv/bin/python benchmarks/seed_speed.py [--out benchmarks/results/seed_speed.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import Config, Extractor  # noqa: E402
from extractor.local import chosen_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "seed_speed.json")
    ap.add_argument("--model-dir", type=Path, default=None,
                    help="cache folder holding models/ (default: EXTRACTOR_CACHE_DIR or the user cache)")  # fmt: skip
    args = ap.parse_args()
    base = args.model_dir or Config.from_env().cache_dir
    os.environ["EXTRACTOR_CACHE_DIR"] = str(base)
    config = Config.from_env(use_cache=False)
    extractor = Extractor(config)
    rows = []
    for n, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        t = time.perf_counter()
        result = extractor.extract(path.read_text(encoding="utf-8"), path.stem)
        rows.append({
            "article": path.stem,
            "state": "cold" if n == 0 else "warm",
            "seconds": round(time.perf_counter() - t, 1),
            "prompt_tokens": result.meta.usage.prompt_tokens,
            "completion_tokens": result.meta.usage.completion_tokens,
            "requests": result.meta.requests,
            "incidents": len(result.incidents),
        })  # fmt: skip
        print(json.dumps(rows[-1]), flush=True)
    extractor.cancel()  # stops the embedded server: the command below starts its own
    # the command a user runs, start-up and the server's cold start included
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "extractor", "extract", str(ROOT / "seeds"), "--out", out,
                        "--no-cache"], check=True, capture_output=True)  # fmt: skip
        cli = time.perf_counter() - t
    import llama_cpp

    warm = [r["seconds"] for r in rows if r["state"] == "warm"]
    summary = {
        "model": chosen_model().alias,
        "strategy": config.resolved_strategy(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "cold_seconds": rows[0]["seconds"],
        "warm_mean_seconds": round(sum(warm) / len(warm), 1) if warm else None,
        "mean_seconds": round(sum(r["seconds"] for r in rows) / len(rows), 1),
        "total_seconds": round(sum(r["seconds"] for r in rows), 1),
        "cli_extract_seeds_seconds": round(cli, 1),
        "cli_seconds_per_article": round(cli / len(rows), 1),
        "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor(),
        "llama_cpp_build": llama_cpp.llama_print_system_info().decode().strip(),
        "articles": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k != "articles"}))


if __name__ == "__main__":
    main()
