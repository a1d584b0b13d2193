"""Grouping 100,000 incidents into events: the resolver must take seconds, not minutes.

Synthetic corpus: 20,000 real-world events over two years at 4,000 places in 20 countries,
each reported by 1-9 articles (spellings vary, a third of the reports undated with the
article's date known), plus the same places hit on other days (which must stay apart).

    .venv/bin/python benchmarks/events_scale.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.events import resolve_events  # noqa: E402
from extractor.schema import Count, EventType, ExtractionResult, Incident, Location, Meta  # noqa: E402

KINDS = list(EventType)
SPELLINGS = ("{}", "al-{}", "{}h", "{} town")


def corpus(n_incidents: int, seed: int = 7) -> tuple[list[ExtractionResult], int]:
    rng = random.Random(seed)
    countries = [f"Country{c}" for c in range(20)]
    syllables = ["ka", "ra", "bin", "sh", "al", "mo", "du", "te", "ni", "zor", "qa", "lo", "ve",
                 "han", "dar", "pol", "iv", "su", "mir", "ta", "gu", "ba", "kh", "el"]  # fmt: skip
    names: set[str] = set()
    while len(names) < 4000:  # place names as varied as real ones (not "Place0001", "Place0002")
        names.add("".join(rng.choice(syllables) for _ in range(rng.randrange(2, 5))).capitalize())
    places = [(n, countries[p % 20], f"Province{p % 97}") for p, n in enumerate(sorted(names))]
    start = dt.date(2023, 1, 1)
    results: list[ExtractionResult] = []
    made = events = 0
    while made < n_incidents:
        name, country, province = rng.choice(places)
        day = start + dt.timedelta(days=rng.randrange(730))
        kind = rng.choice(KINDS)
        killed = rng.randrange(1, 60)
        events += 1
        for _ in range(min(rng.randrange(1, 10), n_incidents - made)):
            undated = rng.random() < 0.33
            text = f"at least {killed + rng.randrange(0, 5)} people"
            incident = Incident(
                event_type=kind, summary="", date=None if undated else day,
                location=Location(places=[rng.choice(SPELLINGS).format(name)], admin1=province,
                                  country=country),
                killed=Count(min=killed, max=None, text=text),
            )  # fmt: skip
            meta = Meta(model="synthetic", endpoint="", prompt_version="", cached=True,
                        published=day + dt.timedelta(days=rng.randrange(0, 2)))  # fmt: skip
            results.append(ExtractionResult(article=f"a{len(results):06d}", incidents=[incident], meta=meta))
            made += 1
    return results, events


def main() -> None:
    results, truth = corpus(100_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    events = resolve_events(results, gazetteer=None)
    seconds = time.perf_counter() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    figures = {
        "incidents": sum(len(r.incidents) for r in results),
        "events_made": truth,
        "events_found": len(events),
        "seconds": round(seconds, 2),
        "peak_rss_growth_mib": round(peak / 2**20, 1),
        "target_seconds": 10,
        "note": "names only (gazetteer=None): the synthetic places are not on the map",
    }
    print(json.dumps(figures, indent=2))
    out = ROOT / "benchmarks" / "results" / "events_scale.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
