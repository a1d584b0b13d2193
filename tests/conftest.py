from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The gazetteer's index is built once (about a minute) and shared by every test and process.
os.environ.setdefault("EXTRACTOR_GAZETTEER_DIR", str(Path(tempfile.gettempdir()) / "extractor-test-gazetteer"))
SEEDS = ROOT / "seeds"

_ENV = (
    "EXTRACTOR_BASE_URL", "EXTRACTOR_MODEL", "EXTRACTOR_API_KEY", "EXTRACTOR_MODE",
    "OPENAI_BASE_URL", "OPENAI_API_KEY", "EXTRACTOR_DEBUG",
)  # fmt: skip


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own cache folder and no endpoint settings from the outside."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(cache))
    yield cache


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}*.txt")).read_text(encoding="utf-8")


SEED_000 = "000_7301b764a34a7bf9"

# A reply the model could give for seed 000: phrases copied from the article.
GOOD_DRAFT = {
    "incidents": [
        {
            "type": "air_strike",
            "places": ["Darkoush"],
            "province": "Idlib",
            "country": "Syria",
            "when": "on Sunday",
            "perpetrators": ["regime"],
            "target": "marketplace",
            "killed": "At least 40 civilians",
            "civilians_killed": "At least 40 civilians",
            "children_killed": "eight children",
            "women_killed": "nine women",
            "sources": ["Syrian Observatory for Human Rights"],
        },
        {
            "type": "territory_capture",
            "places": ["al Qarmeed camp"],
            "province": "Idlib",
            "perpetrators": ["Syrian opposition", "Nusra Front"],
            "target": "army base",
        },
    ]
}


def good_reply() -> str:
    return json.dumps(GOOD_DRAFT)
