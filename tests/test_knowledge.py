"""World knowledge as data: the shipped tables, a user's folder that extends them, and the
rules that read names with them (no country, group or outlet named in the code)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor import knowledge
from extractor.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    knowledge._load.cache_clear()


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Russian and regime fighter jets", "Syria", ["Russian forces", "Syrian government forces"]),
        ("al-Qaeda affiliate Nusra Front", "Syria", ["Nusra Front"]),  # the parent is not the actor
        ("Islamic State-linked insurgents", "Mozambique", []),
        ("Iran-backed militias", "Iraq", ["Iran-backed militias"]),
        ("Israeli drone strikes", "Lebanon", ["Israeli forces"]),
        ("the army", "Sudan", ["Sudanese Armed Forces"]),
        ("the army", None, []),  # no country: nobody's army
        ("rebels", "Colombia", ["Colombia rebels"]),
        ("rebels", "Syria", ["Syrian opposition forces"]),
        ("what is left of the town", "Iraq", []),  # "is" is no acronym
        ("IS fighters", "Iraq", ["Islamic State"]),
        ("army units", "Syria", ["Syrian government forces"]),  # generic forces and their units
        ("police personnel", "Sudan", ["Sudanese Armed Forces"]),
        ("units", "Syria", []),
        ("suspected Islamist fighters", None, ["jihadists"]),  # generic attackers with no group named
        ("armed bandits on motorbikes", None, ["bandits"]),
        ("troops", "Palestine", ["Israeli forces"]),  # a territory another state's army holds
        ("Palestinian security forces", "Palestine", ["Palestinian security forces"]),
        ("a Russian Air Force jet", "Syria", ["Russian Air Force"]),  # a branch named as such stays
        ("Russian air force jets", "Syria", ["Russian forces"]),
    ],
)
def test_actors_in(text: str, country: str | None, expected: list[str]) -> None:
    assert knowledge.load().actors_in(text, country) == expected


def test_sources_tied_to_one_war_apply_only_there() -> None:
    kb = knowledge.load()
    assert kb.canonical_source("civil defence", "Syria") == "White Helmets"
    assert kb.canonical_source("civil defence", "Palestine") == "civil defence"
    assert kb.canonical_source("the Observatory", None) == "Syrian Observatory for Human Rights"
    assert kb.is_reporter("Reuters") and not kb.is_reporter("Israeli military")


def test_a_users_country_can_say_whose_army_a_bare_army_is(tmp_path: Path) -> None:
    (tmp_path / "countries.json").write_text(json.dumps({"countries": [
        {"name": "Atlantis", "words": ["Atlantis", "Atlantean"], "army": "Lemurian forces"},
    ]}), encoding="utf-8")  # fmt: skip
    kb = knowledge.load(str(tmp_path))
    assert kb.actors_in("the army", "Atlantis") == ["Lemurian forces"]
    assert kb.actors_in("Atlantean troops", "Atlantis") == ["Atlantean forces"]


def test_a_countrys_adjective_is_its_first_word_after_the_name_unless_given(tmp_path: Path) -> None:
    (tmp_path / "countries.json").write_text(json.dumps({"countries": [
        {"name": "Atlantis", "words": ["Atlantis", "Atlantean"]},
        {"name": "Lemuria", "words": ["Lemuria", "Mu", "Lemurian"], "adjective": "Lemurian"},
    ]}), encoding="utf-8")  # fmt: skip
    kb = knowledge.load(str(tmp_path))
    assert (kb.country("Atlantis").adjective, kb.country("Mu").adjective) == ("Atlantean", "Lemurian")


def test_country_counts_leave_out_foreign_forces() -> None:
    counts = knowledge.load().country_counts("Russian warplanes hit Idlib in Syria's north.")
    assert counts["Syria"] == 1 and counts["Russia"] == 0


def test_a_users_folder_adds_actors_and_wins(tmp_path: Path) -> None:
    (tmp_path / "actors.json").write_text(json.dumps({"actors": [
        {"name": "Northern Legion", "aliases": ["Legionnaires", "NL"], "countries": ["Atlantis"]},
        {"name": "Houthi movement", "aliases": ["Houthis", "Houthi"]},
    ]}), encoding="utf-8")  # fmt: skip
    kb = knowledge.load(str(tmp_path))
    assert kb.actors_in("Legionnaires shelled the port", "Atlantis") == ["Northern Legion"]
    assert kb.actors_in("Legionnaires shelled the port", "Yemen") == []
    assert kb.actors_in("Houthi rebels", "Yemen") == ["Houthi movement"]  # renamed by the user
    assert kb.actors_in("Hamas fighters", None) == ["Hamas"]  # the shipped table still holds


def test_the_environment_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sources.json").write_text(json.dumps({"sources": [
        {"name": "Coastal Monitor", "aliases": ["the monitor"]}]}), encoding="utf-8")  # fmt: skip
    monkeypatch.setenv(knowledge.ENV, str(tmp_path))
    assert knowledge.load().canonical_source("the monitor said") == "Coastal Monitor"


def test_a_broken_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "countries.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="countries.json"):
        knowledge.load(str(tmp_path))
    (tmp_path / "countries.json").write_text(json.dumps({"countries": [{"words": []}]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="bad country"):
        knowledge.load(str(tmp_path))


def test_code_that_reads_sentences_names_no_country_group_or_outlet() -> None:
    kb = knowledge.load()
    names = {w for c in kb.countries for w in (c.name, *c.words) if len(w) > 3}
    names |= {e.name for e in (*kb.actors, *kb.sources) if len(e.name) > 3}
    for module in ("postprocess", "leads", "runner", "parsing"):
        code = (ROOT / "extractor" / f"{module}.py").read_text(encoding="utf-8")
        code = re.sub(r'""".*?"""|#[^\n]*', "", code, flags=re.S)  # docs and comments may
        found = sorted(n for n in names if re.search(r"\b" + re.escape(n) + r"\b", code))
        assert not found, f"{module}.py names {found}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bandits riding motorcycles", ["bandits"]),  # how they came is not their name
        ("gunmen on motorcycles", ["gunmen"]),
        ("the army armed with rifles", ["Nigerian military"]),
        ("Riding Club", ["Riding Club"]),  # a name that only starts like it stays
    ],
)
def test_perpetrator_names_lose_how_they_came(name: str, expected: list[str]) -> None:
    from extractor.postprocess import canonical_perpetrators

    assert canonical_perpetrators(name, "Nigeria") == expected


def test_the_state_a_bare_army_belongs_to() -> None:
    kb = knowledge.load()
    assert kb.army_state("Sudan").name == "Sudan"  # its own
    assert kb.army_state("Palestine").name == "Israel"  # the `army` the table gives there
    assert kb.army_state("Atlantis") is None
