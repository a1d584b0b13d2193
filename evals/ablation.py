"""The ablation table: each family of coding rules switched off in turn, scored on the same
cached replies as the full run (no model call when every reply is cached), dev/tune and dev/test
side by side. Prints a Markdown table for evals/results/README.md.

    .venv/bin/python evals/ablation.py [--out evals/results/ablation] [--family names ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.postprocess import RULES  # noqa: E402


def run(out: Path, without: str | None) -> dict:
    folder = out / (f"without-{without}" if without else "all-rules")
    command = [sys.executable, "-m", "extractor", "eval", "--out", str(folder)]
    if without:
        command += ["--without", without]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))["datasets"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "results" / "ablation")
    parser.add_argument("--family", action="append", choices=sorted(RULES))
    args = parser.parse_args()
    full = run(args.out, None)
    rows = ["| rules off | what they do | dev/tune F1 | dev/tune field avg | dev/test F1 | dev/test field avg | seeds F1 | seeds field avg |",
            "|---|---|---|---|---|---|---|---|"]  # fmt: skip

    def cells(figures: dict, base: dict | None) -> str:
        out = []
        for part in ("dev/tune", "dev/test", "seeds"):
            for key in ("incident_f1", "field_average"):
                value = figures[part][key]
                delta = f" ({value - base[part][key]:+.3f})" if base else ""
                out.append(f"{value:.3f}{delta}")
        return " | ".join(out)

    rows.append(f"| none (all rules on) | | {cells(full, None)} |")
    for family in args.family or list(RULES):
        rows.append(f"| {family} | {RULES[family]} | {cells(run(args.out, family), full)} |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
