"""The eval scorer on hand-made predictions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from extractor.evaluation import (
    COUNT_FIELDS,
    Gold,
    GoldIncident,
    aggregate,
    field_scores,
    load_dataset,
    score_article,
)
from extractor.parsing import FIGURE_SEPARATOR, grounded
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


def gold_of(x: dict[str, object], n: int) -> GoldIncident:
    """The gold labelling of a record: each field's one acceptable value."""
    loc = x["location"]
    out: dict[str, object] = {
        "id": f"g{n}", "optional": x.get("optional", False), "event_type": [x["event_type"]],
        "places": loc["places"], "admin1": [loc["admin1"]], "country": loc["country"],
        "date": [x.get("date")], "perpetrators": x.get("perpetrators", []),
        "sources": x.get("sources", []), "evidence": x.get("evidence", []),
    }  # fmt: skip
    k = x["killed"]
    if k["text"]:
        out["killed"] = {"min": [k["min"]], "max": [k["max"]], "text": k["text"]}
    return GoldIncident.model_validate(out)


GOLD = Gold(article="a", incidents=[gold_of(x, n) for n, x in enumerate((STRIKE, CAPTURE, CAPTION))])


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
    assert o.fields["killed"] == 0.0  # the one pair whose gold states a toll
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


def test_a_toll_pairs_with_the_gold_incident_that_has_it() -> None:
    # two gold incidents at one place on one day: the one without a toll must not take the
    # prediction that gives the other's toll
    no_toll = dict(STRIKE, killed={"min": None, "max": None, "text": None}, perpetrators=[])
    gold = Gold(article="c", incidents=[gold_of(no_toll, 0), gold_of(STRIKE, 1)])
    s = score_article("c", ARTICLE, pred(STRIKE), gold)
    assert [(p.gold, p.predicted) for p in s.pairs] == [(1, 0)]
    s = score_article("c", ARTICLE, pred(no_toll), gold)
    assert [(p.gold, p.predicted) for p in s.pairs] == [(0, 0)]


def test_an_optional_incident_with_no_date_labelled_does_not_take_a_required_ones_match() -> None:
    # a headline's retelling (optional, its date not labelled) and the strike itself: a
    # prediction with a wrong day and a wrong toll is the strike's, a miss on its fields
    headline = {k: v for k, v in incident("air_strike", ["Darkoush"], optional=True).items()}
    undated = gold_of(headline, 0).model_copy(update={"date": None})
    gold = Gold(article="d", incidents=[undated, gold_of(STRIKE, 1)])
    guess = dict(STRIKE, date="2024-01-08", killed={"min": 12, "max": 12, "text": "12"})
    s = score_article("d", ARTICLE, pred(guess), gold)
    assert [(p.gold, p.predicted) for p in s.pairs] == [(1, 0)] and s.fn == 0


def test_gold_without_place_matches_on_admin1() -> None:
    gold = Gold(article="b", incidents=[gold_of(incident("air_strike", []), 0)])
    o = aggregate([score_article("b", ARTICLE, pred(incident("air_strike", ["Binnish"])), gold)])
    assert o.tp == 1


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_gold_files_validate_and_are_verbatim(name: str) -> None:
    ds = load_dataset(name)
    assert len(ds.golds) == {"seeds": 5, "dev": 36}[name]
    for article, gold in ds.golds.items():
        text = ds.texts[article]
        shown = [i.shown() for i in gold.incidents if not i.optional]
        s = score_article(article, text, shown, gold)
        assert s.quotes_grounded == s.quotes, (article, s.quotes, s.quotes_grounded)
        for g in gold.incidents:
            for c in (getattr(g, f) for f in COUNT_FIELDS):
                if c is not None and c.text:
                    assert all(grounded(p, text) for p in c.text.split(FIGURE_SEPARATOR)), (article, c.text)
        assert s.fn == 0 and s.fp == 0


def test_dev_split_is_the_written_rule() -> None:
    ds = load_dataset("dev")
    test, tune = ds.parts["dev/test"], ds.parts["dev/tune"]
    assert test == [f"d{n:03d}" for n in range(4, 37, 4)]
    assert sorted(test + tune) == sorted(ds.golds) and not set(test) & set(tune)
    assert ds.held_out == test  # scored, its misses not printed while tuning


def test_a_held_out_part_that_is_no_part_is_refused(tmp_path: Path) -> None:
    import json

    from extractor.errors import ConfigError

    entry = json.loads((ROOT / "evals" / "datasets.json").read_text())["dev"]
    registry = tmp_path / "datasets.json"
    registry.write_text(json.dumps({"dev": dict(entry, gold=str(ROOT / "evals" / "dev"),
                                                articles=str(ROOT / "evals" / "dev"), held_out="heldout")}))  # fmt: skip
    with pytest.raises(ConfigError, match="held_out names no part"):
        load_dataset("dev", registry)


def test_acceptable_values_and_unlabelled_fields() -> None:
    gold = GoldIncident.model_validate({
        "id": "x", "event_type": ["shelling", "air_strike"], "places": ["Darkoush"],
        "date": ["2024-01-06", "2024-01-07"], "killed": {"min": [5], "max": [8, None], "text": "x"},
    })  # fmt: skip
    p = Incident.model_validate(incident("air_strike", ["Darkush"], (5, None, "At least 5"), date="2024-01-06"))
    scores, misses = field_scores(p, gold)
    assert scores == {"event_type": 1.0, "places": 1.0, "date": 1.0, "killed": 1.0} and not misses


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
