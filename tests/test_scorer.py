"""The eval scorer on hand-made predictions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from extractor.evaluation import Gold, GoldIncident, aggregate, load_gold, score_article
from extractor.schema import Count, EventType, Incident, Location

ARTICLE = (
    "Updated Jan 9, 2024\n"
    "At least 40 civilians were killed in air strikes on a market in Darkoush on Sunday, "
    "a monitor said. Rebels captured Jisr al-Shughour on Saturday. "
    "A photo shows smoke over Idlib."
)


def incident(event_type: str, places: list[str], killed: tuple[int | None, int | None, str | None] = (None, None, None),
             **kw: object) -> dict[str, object]:  # fmt: skip
    return {
        "event_type": event_type,
        "summary": "s",
        "location": {"places": places, "admin1": "Idlib", "country": "Syria"},
        "killed": {"min": killed[0], "max": killed[1], "text": killed[2]},
        "evidence": kw.pop("evidence", []),
        **kw,
    }


STRIKE = incident("air_strike", ["Darkoush"], (40, None, "At least 40 civilians"), date="2024-01-07",
                  perpetrators=["Syrian government forces"], sources=["a monitor"],
                  evidence=["At least 40 civilians were killed in air strikes on a market in Darkoush"])  # fmt: skip
CAPTURE = incident("territory_capture", ["Jisr al-Shughour"], date="2024-01-06",
                   perpetrators=["Syrian opposition forces"])  # fmt: skip
CAPTION = incident("air_strike", ["Idlib"], optional=True)

GOLD = Gold(article="a", incidents=[GoldIncident.model_validate(x) for x in (STRIKE, CAPTURE, CAPTION)])


def pred(*items: dict[str, object]) -> list[Incident]:
    return [Incident.model_validate({k: v for k, v in x.items() if k != "optional"}) for x in items]


def test_perfect_prediction_scores_one() -> None:
    s = score_article("a", ARTICLE, pred(STRIKE, CAPTURE), GOLD)
    o = aggregate([s])
    assert (o.incident_precision, o.incident_recall, o.incident_f1) == (1.0, 1.0, 1.0)
    assert o.field_average == 1.0 and all(v == 1.0 for v in o.fields.values())
    assert o.grounding == 1.0 and o.count_violations == 0


def test_empty_prediction_scores_zero() -> None:
    o = aggregate([score_article("a", ARTICLE, [], GOLD)])
    assert o.incident_recall == 0.0 and o.incident_f1 == 0.0 and o.fn == 2


def test_transliterated_place_still_matches() -> None:
    other = dict(STRIKE, location={"places": ["Darkush"], "admin1": "Idlib", "country": "Syria"})
    capture = dict(CAPTURE, location={"places": ["Jisr al-Shughur"], "admin1": "Idlib", "country": "Syria"})
    o = aggregate([score_article("a", ARTICLE, pred(other, capture), GOLD)])
    assert o.incident_f1 == 1.0 and o.fields["places"] == 1.0


def test_invented_incident_lowers_precision_only() -> None:
    invented = incident("shelling", ["Atlantis"])
    o = aggregate([score_article("a", ARTICLE, pred(STRIKE, CAPTURE, invented), GOLD)])
    assert o.incident_recall == 1.0 and o.incident_precision == pytest.approx(2 / 3, abs=1e-4)
    assert o.field_average == 1.0


def test_wrong_count_lowers_that_field_only() -> None:
    wrong = dict(STRIKE, killed={"min": 40, "max": 40, "text": "At least 40 civilians"})
    s = score_article("a", ARTICLE, pred(wrong, CAPTURE), GOLD)
    o = aggregate([s])
    assert o.incident_f1 == 1.0
    assert o.fields["killed"] == 0.5  # one of two pairs
    assert all(v == 1.0 for k, v in o.fields.items() if k != "killed")
    assert o.count_violations == 1  # 40/40 is not what "At least 40" says


def test_optional_gold_neither_helps_nor_hurts() -> None:
    caption = {k: v for k, v in CAPTION.items() if k != "optional"}
    with_it = aggregate([score_article("a", ARTICLE, pred(STRIKE, CAPTURE, caption), GOLD)])
    without = aggregate([score_article("a", ARTICLE, pred(STRIKE, CAPTURE), GOLD)])
    assert with_it.incident_f1 == without.incident_f1 == 1.0
    assert with_it.tp == without.tp == 2 and with_it.fp == 0


def test_ungrounded_evidence_lowers_grounding() -> None:
    made_up = dict(STRIKE, evidence=["At least 40 civilians were killed", "a sentence nobody wrote"])
    o = aggregate([score_article("a", ARTICLE, pred(made_up, CAPTURE), GOLD)])
    assert o.grounding == 0.5


def test_wrong_event_type_is_still_paired_by_place() -> None:
    shelled = dict(STRIKE, event_type="shelling")
    o = aggregate([score_article("a", ARTICLE, pred(shelled, CAPTURE), GOLD)])
    assert o.incident_f1 == 1.0 and o.fields["event_type"] == 0.5


def test_gold_without_place_matches_on_admin1() -> None:
    gold = Gold(article="b", incidents=[GoldIncident.model_validate(incident("air_strike", []))])
    o = aggregate([score_article("b", ARTICLE, pred(incident("air_strike", ["Binnish"])), gold)])
    assert o.tp == 1


def test_seed_gold_files_validate_and_are_verbatim() -> None:
    golds = load_gold(ROOT / "evals" / "gold")
    assert len(golds) == 5
    for name, gold in golds.items():
        text = (ROOT / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
        s = score_article(name, text, [i for i in gold.incidents if not i.optional], gold)
        assert s.quotes_grounded == s.quotes > 0
        assert s.count_violations == [], s.count_violations
        assert s.fn == 0 and s.fp == 0


def test_count_violation_when_text_is_not_in_article() -> None:
    made_up = dict(STRIKE, killed={"min": 41, "max": None, "text": "more than 40 people"})
    s = score_article("a", ARTICLE, pred(made_up, CAPTURE), GOLD)
    assert any("not in the article" in v for v in s.count_violations)


def test_count_model_rejects_min_above_max() -> None:
    with pytest.raises(ValueError):
        Count(min=9, max=8, text="x")
    assert EventType("air_strike") is EventType.air_strike
    assert Location().places == []
    assert Path(ROOT / "evals" / "gold").is_dir()
