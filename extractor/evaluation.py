"""Scoring predicted incidents against hand-labelled gold, as the codebook's Matching section
says: pair by shared place (transliteration-tolerant) by optimal assignment, then incident
precision / recall / F1, accuracy per field, and grounding. Knows nothing of HTTP."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from collections.abc import Callable, Collection
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from scipy.optimize import linear_sum_assignment

from extractor.errors import ConfigError
from extractor.parsing import FIGURE_SEPARATOR, grounded, parse_figures, place_key
from extractor.schema import COUNT_FIELDS, Count, EventType, ExtractionResult, Incident, Location

# The named datasets and their splits (a file of the source tree, next to the gold).
DATASETS = Path(__file__).resolve().parent.parent / "evals" / "datasets.json"

FIELDS = (
    "event_type", "date", "places", "admin1", "country", "perpetrators", "sources", *COUNT_FIELDS,
)  # fmt: skip


class GoldCount(BaseModel):
    """The acceptable values of each bound (null = open) and the verbatim phrase."""

    model_config = ConfigDict(extra="forbid")

    min: list[int | None]
    max: list[int | None]
    text: str | None = None

    def accepts(self, count: Count) -> bool:
        return count.min in self.min and count.max in self.max


class GoldIncident(BaseModel):
    """One hand-labelled incident (`evals/dev/README.md`): a field that lists values accepts any
    of them; a field left out is not scored."""

    model_config = ConfigDict(extra="forbid")

    id: str
    optional: bool = False
    event_type: list[EventType] = Field(min_length=1)
    places: list[str] = Field(default_factory=list)
    admin1: list[str] | None = None
    country: str | None = None
    date: list[dt.date | None] | None = None
    perpetrators: list[str] | None = None
    sources: list[str] | None = None
    target: str | None = None
    killed: GoldCount | None = None
    civilians_killed: GoldCount | None = None
    children_killed: GoldCount | None = None
    women_killed: GoldCount | None = None
    injured: GoldCount | None = None
    evidence: list[str] = Field(default_factory=list)
    note: str | None = None

    def shown(self) -> Incident:
        """The incident with each field's preferred value, for reading in reports."""

        def count(g: GoldCount | None) -> Count:
            if g is None:
                return Count()
            return Count.model_construct(min=g.min[0], max=g.max[0], text=g.text)

        # built without validation: gold may state numbers the shown text does not carry
        return Incident.model_construct(
            event_type=self.event_type[0],
            summary=self.note or self.id,
            date=self.date[0] if self.date else None,
            date_text=None,
            location=Location(places=self.places, admin1=(self.admin1 or [None])[0],
                              country=self.country),  # fmt: skip
            perpetrators=self.perpetrators or [],
            target=self.target,
            sources=self.sources or [],
            evidence=self.evidence,
            **{name: count(getattr(self, name)) for name in COUNT_FIELDS},
        )


class Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: str
    published: dt.date | None = None
    notes: list[str] = Field(default_factory=list)
    incidents: list[GoldIncident]


class FieldMiss(BaseModel):
    field: str
    gold: Any
    predicted: Any


class Pair(BaseModel):
    gold: int
    predicted: int
    optional: bool
    fields: dict[str, float]
    misses: list[FieldMiss] = Field(default_factory=list)


class ArticleScore(BaseModel):
    article: str
    dataset: str = ""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pairs: list[Pair] = Field(default_factory=list)
    missed_gold: list[int] = Field(default_factory=list)
    extra_predicted: list[int] = Field(default_factory=list)
    predicted: list[Incident] = Field(default_factory=list)
    gold: list[GoldIncident] = Field(default_factory=list)
    quotes: int = 0
    quotes_grounded: int = 0
    count_violations: list[str] = Field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    cached: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Overall(BaseModel):
    incident_precision: float = 0.0
    incident_recall: float = 0.0
    incident_f1: float = 0.0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, float] = Field(default_factory=dict)
    field_average: float = 0.0
    grounding: float = 1.0
    count_violations: int = 0
    errors: int = 0
    seconds_per_article: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class GroupingScore(BaseModel):
    """How a grouping of incidents into events agrees with the gold grouping, over the gold's
    required incidents: pairwise (pairs put together) and B-cubed (per incident)."""

    incidents: int
    gold_events: int
    predicted_events: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    not_same_kept_apart: int
    not_same_total: int
    joined_wrongly: list[list[str]] = Field(default_factory=list)  # pairs put together, gold apart
    split_wrongly: list[list[str]] = Field(default_factory=list)  # gold together, put apart
    unmatched: list[str] = Field(default_factory=list)  # gold incidents no prediction matched


class EvalReport(BaseModel):
    info: dict[str, Any] = Field(default_factory=dict)
    overall: Overall
    datasets: dict[str, Overall] = Field(default_factory=dict)
    members: dict[str, list[str]] = Field(default_factory=dict)  # the articles of each dataset
    articles: list[ArticleScore]
    events: dict[str, GroupingScore] = Field(default_factory=dict)  # "resolver", "end_to_end"


# --- loading -------------------------------------------------------------------------------


class Grouping(BaseModel):
    """The gold grouping of a dataset's required incidents into events ("article:id" each)."""

    events: dict[str, str]  # incident -> its event
    not_same: list[tuple[str, str]] = Field(default_factory=list)


class Dataset(BaseModel):
    """Gold files and their articles, with named parts (a tune/test split) of its articles,
    and the gold grouping into events where the dataset has one."""

    name: str
    golds: dict[str, Gold]
    texts: dict[str, str]
    parts: dict[str, list[str]] = Field(default_factory=dict)
    held_out: list[str] = Field(default_factory=list)  # a part's articles whose misses are not shown
    grouping: Grouping | None = None


def load_grouping(path: Path, golds: dict[str, Gold]) -> Grouping:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        events = {item: e["event"] for e in data["events"] for item in e["incidents"]}
        not_same = [(p["pair"][0], p["pair"][1]) for p in data.get("not_same", [])]
    except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
        raise ConfigError(f"{path}: not an events grouping: {e}") from None
    required = {f"{a}:{i.id}" for a, g in golds.items() for i in g.incidents if not i.optional}
    if missing := sorted(required - set(events)):
        raise ConfigError(f"{path}: required incidents in no event: {missing[:5]}")
    return Grouping(events={k: v for k, v in events.items() if k in required}, not_same=not_same)


def load_gold(directory: Path, skip: Path | None = None) -> dict[str, Gold]:
    golds = {}
    for path in sorted(directory.glob("*.json")):
        if skip is not None and path.resolve() == skip.resolve():
            continue  # the events grouping beside the gold files
        try:
            gold = Gold.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as e:
            raise ConfigError(f"{path}: not a gold file: {str(e).splitlines()[0]}") from None
        golds[gold.article] = gold
    return golds


def load_articles(directory: Path, golds: dict[str, Gold]) -> dict[str, str]:
    texts = {}
    for article in golds:
        path = directory / f"{article}.txt"
        if not path.is_file():
            raise ConfigError(f"{article}: no article text at {path}")
        texts[article] = path.read_text(encoding="utf-8")
    return texts


def load_dataset(spec: str, registry: Path = DATASETS) -> Dataset:
    """A dataset by its name in `evals/datasets.json` ("seeds", "dev"), or a folder that holds
    gold `<article>.json` files next to their `<article>.txt`."""
    named = json.loads(registry.read_text(encoding="utf-8")) if registry.is_file() else {}
    if spec in named:
        entry = named[spec]
        gold_dir = registry.parent / entry["gold"]
        grouping_path = registry.parent / entry["grouping"] if "grouping" in entry else None
        golds = load_gold(gold_dir, skip=grouping_path)
        texts = load_articles(registry.parent / entry.get("articles", entry["gold"]), golds)
        parts = {f"{spec}/{k}": v for k, v in entry.get("parts", {}).items()}
        for part, ids in parts.items():
            if unknown := sorted(set(ids) - set(golds)):
                raise ConfigError(f"dataset {spec}: part {part} names unknown articles {unknown}")
        grouping = load_grouping(grouping_path, golds) if grouping_path is not None else None
        held = entry.get("held_out")
        if held is not None and f"{spec}/{held}" not in parts:
            raise ConfigError(f"dataset {spec}: held_out names no part ({held!r})")
        held_out = parts[f"{spec}/{held}"] if held is not None else []
        return Dataset(name=spec, golds=golds, texts=texts, parts=parts, held_out=held_out, grouping=grouping)
    path = Path(spec)
    if not path.is_dir():
        known = ", ".join(sorted(named)) or "none"
        raise ConfigError(f"dataset {spec!r}: neither a named dataset ({known}) nor a folder")
    golds = load_gold(path)
    if not golds:
        raise ConfigError(f"dataset {spec!r}: no gold .json files in {path}")
    return Dataset(name=path.name, golds=golds, texts=load_articles(path, golds))


# --- matching ------------------------------------------------------------------------------


def _keys(places: list[str]) -> set[str]:
    return {place_key(p) for p in places} - {""}


def _norm(s: str | None) -> str:
    return place_key(s) if s else ""


def _admin1_right(pred: Incident, gold: GoldIncident) -> bool:
    return _norm(pred.location.admin1) in {_norm(a) for a in gold.admin1 or []}


def candidates(pred: Incident, gold: GoldIncident) -> bool:
    if gold.places:
        return bool(_keys(pred.location.places) & _keys(gold.places))
    return _admin1_right(pred, gold)


def _date_right(pred: Incident, gold: GoldIncident) -> bool:
    return gold.date is None or pred.date in gold.date


def _killed_matches(pred: Incident, gold: GoldIncident) -> bool:
    """The killed count matches: gold accepts it, or neither gives one (a toll told for an
    incident pairs with the gold incident that has that toll, not with one that has none)."""
    if gold.killed is None:
        return pred.killed.min is None and pred.killed.max is None and pred.killed.text is None
    return gold.killed.accepts(pred.killed)


def similarity(pred: Incident, gold: GoldIncident) -> float:
    return (
        1.0
        + (pred.event_type in gold.event_type)
        + 0.5 * (gold.date is not None and _date_right(pred, gold))  # a date gold leaves out matches nothing
        + 0.5 * _killed_matches(pred, gold)
        + 0.01 * (not gold.optional)  # at equal similarity a required incident is paired first
    )


def _country_key(name: str | None) -> str:
    return " ".join(re.sub(r"\bthe\b", " ", (name or "").lower()).split())


def _set_f1(pred: list[str], gold: list[str]) -> float:
    p = {x.strip().lower() for x in pred}
    g = {x.strip().lower() for x in gold}
    if not p and not g:
        return 1.0
    if not p or not g:
        return 0.0
    tp = len(p & g)
    if tp == 0:
        return 0.0
    precision, recall = tp / len(p), tp / len(g)
    return 2 * precision * recall / (precision + recall)


def field_scores(pred: Incident, gold: GoldIncident) -> tuple[dict[str, float], list[FieldMiss]]:
    """Scores of the fields the gold labels (a field it leaves out is not scored), and the
    misses with what gold accepts and what was predicted."""
    loc = pred.location
    scored: dict[str, tuple[float, Any, Any]] = {
        "event_type": (float(pred.event_type in gold.event_type),
                       [t.value for t in gold.event_type], pred.event_type.value),
        "places": (float(bool(_keys(loc.places) & _keys(gold.places))
                         or (not loc.places and not gold.places)), gold.places, loc.places),
    }  # fmt: skip
    if gold.date is not None:
        scored["date"] = (float(_date_right(pred, gold)), [str(d) for d in gold.date], str(pred.date))
    if gold.admin1 is not None:
        scored["admin1"] = (float(_admin1_right(pred, gold)), gold.admin1, loc.admin1)
    if gold.country is not None:
        right = _country_key(loc.country) == _country_key(gold.country)
        scored["country"] = (float(right), gold.country, loc.country)
    for name in ("perpetrators", "sources"):
        if (names := getattr(gold, name)) is not None:
            scored[name] = (_set_f1(getattr(pred, name), names), names, getattr(pred, name))
    for name in COUNT_FIELDS:
        if (g := getattr(gold, name)) is not None:
            p: Count = getattr(pred, name)
            scored[name] = (float(g.accepts(p)), [g.min, g.max, g.text], [p.min, p.max, p.text])
    scores = {name: s for name, (s, _, _) in scored.items()}
    misses = [
        FieldMiss(field=name, gold=g, predicted=p) for name, (s, g, p) in scored.items() if s < 1.0
    ]
    return scores, misses


def count_violations(incident: Incident, article: str) -> list[str]:
    """Numbers not read from their own text, or text not in the article."""
    out = []
    for name in COUNT_FIELDS:
        c: Count = getattr(incident, name)
        if c.text is None:
            if c.min is not None or c.max is not None:
                out.append(f"{name}: numbers {c.min}/{c.max} without a text")
            continue
        if not all(grounded(part, article) for part in c.text.split(FIGURE_SEPARATOR)):
            out.append(f"{name}: text {c.text!r} is not in the article")
        elif (c.min, c.max) != parse_figures(c.text):
            out.append(f"{name}: {c.min}/{c.max} is not what {c.text!r} says")
    return out


def score_article(article: str, text: str, predicted: list[Incident], gold: Gold) -> ArticleScore:
    golds = gold.incidents
    score = ArticleScore(article=article, predicted=predicted, gold=golds)
    matched_pred: set[int] = set()
    matched_gold: set[int] = set()
    if predicted and golds:
        forbidden = -1e6
        sim = np.full((len(predicted), len(golds)), forbidden)
        for i, p in enumerate(predicted):
            for j, g in enumerate(golds):
                if candidates(p, g):
                    sim[i, j] = similarity(p, g)
        rows, cols = linear_sum_assignment(-sim)
        for i, j in zip(rows, cols, strict=True):
            if sim[i, j] <= forbidden:
                continue
            matched_pred.add(int(i))
            matched_gold.add(int(j))
            fields, misses = field_scores(predicted[i], golds[j])
            score.pairs.append(
                Pair(gold=int(j), predicted=int(i), optional=golds[j].optional, fields=fields,
                     misses=misses)  # fmt: skip
            )
            if not golds[j].optional:
                score.tp += 1
    score.extra_predicted = [i for i in range(len(predicted)) if i not in matched_pred]
    score.missed_gold = [
        j for j, g in enumerate(golds) if j not in matched_gold and not g.optional
    ]
    score.fp = len(score.extra_predicted)
    score.fn = len(score.missed_gold)
    for incident in predicted:
        quotes = list(incident.evidence)
        score.quotes += len(quotes)
        score.quotes_grounded += sum(grounded(q, text) for q in quotes)
        score.count_violations += count_violations(incident, text)
    return score


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def aggregate(articles: list[ArticleScore]) -> Overall:
    tp = sum(a.tp for a in articles)
    fp = sum(a.fp for a in articles)
    fn = sum(a.fn for a in articles)
    precision, recall, f1 = _prf(tp, fp, fn)
    required = [p for a in articles for p in a.pairs if not p.optional]
    fields = {}
    for name in FIELDS:  # over the pairs whose gold labels the field; unlabelled: not shown
        if scores := [p.fields[name] for p in required if name in p.fields]:
            fields[name] = sum(scores) / len(scores)
    quotes = sum(a.quotes for a in articles)
    timed = [a for a in articles if a.error is None]
    return Overall(
        incident_precision=round(precision, 4),
        incident_recall=round(recall, 4),
        incident_f1=round(f1, 4),
        tp=tp,
        fp=fp,
        fn=fn,
        fields={k: round(v, 4) for k, v in fields.items()},
        field_average=round(sum(fields.values()) / len(fields), 4) if fields else 0.0,
        grounding=round(sum(a.quotes_grounded for a in articles) / quotes, 4) if quotes else 1.0,
        count_violations=sum(len(a.count_violations) for a in articles),
        errors=sum(a.error is not None for a in articles),
        seconds_per_article=round(sum(a.seconds for a in timed) / len(timed), 2) if timed else 0.0,
        prompt_tokens=sum(a.prompt_tokens for a in articles),
        completion_tokens=sum(a.completion_tokens for a in articles),
    )


def _outcome_score(article: str, text: str, gold: Gold, outcome: Any) -> ArticleScore:
    if isinstance(outcome, ExtractionResult):
        score = score_article(article, text, outcome.incidents, gold)
        score.seconds = outcome.meta.model_seconds
        score.cached = outcome.meta.cached
        score.prompt_tokens = outcome.meta.usage.prompt_tokens
        score.completion_tokens = outcome.meta.usage.completion_tokens
    else:
        score = score_article(article, text, [], gold)
        score.error = getattr(outcome, "cause", "no result")
    return score


def score_run(datasets: list[Dataset], outcomes: list[Any]) -> EvalReport:
    """Scores every dataset's articles; `datasets` of the report holds each dataset, each of
    its parts, and (for more than one dataset) "all"."""
    by_id = {o.article: o for o in outcomes}
    articles: list[ArticleScore] = []
    groups: dict[str, list[ArticleScore]] = {}
    for ds in datasets:
        scores = []
        for article, gold in ds.golds.items():
            score = _outcome_score(article, ds.texts[article], gold, by_id.get(article))
            score.dataset = ds.name
            scores.append(score)
        articles += scores
        groups[ds.name] = scores
        for part, ids in ds.parts.items():
            groups[part] = [s for s in scores if s.article in set(ids)]
    if len(datasets) > 1:
        groups["all"] = articles
    return EvalReport(
        overall=aggregate(articles),
        datasets={name: aggregate(scores) for name, scores in groups.items()},
        members={name: [s.article for s in scores] for name, scores in groups.items()},
        articles=articles,
    )


# --- events -----------------------------------------------------------------------------------


def _pairs(clusters: dict[str, str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for item, cluster in clusters.items():
        members.setdefault(cluster, []).append(item)
    return {(a, b) for group in members.values() for a in group for b in group if a < b}


def score_grouping(gold: Grouping, predicted: dict[str, str], unmatched: list[str] | None = None) -> GroupingScore:
    """Pairwise and B-cubed agreement of `predicted` (incident -> event) with the gold; an
    incident the prediction lacks is an event of its own."""
    items = sorted(gold.events)
    pred = {i: predicted.get(i, f"alone:{i}") for i in items}
    gold_pairs, pred_pairs = _pairs(gold.events), _pairs(pred)
    both = gold_pairs & pred_pairs
    p, r, f = _prf(len(both), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs))
    by_gold: dict[str, set[str]] = {}
    by_pred: dict[str, set[str]] = {}
    for i in items:
        by_gold.setdefault(gold.events[i], set()).add(i)
        by_pred.setdefault(pred[i], set()).add(i)
    bp = sum(len(by_pred[pred[i]] & by_gold[gold.events[i]]) / len(by_pred[pred[i]]) for i in items)
    br = sum(len(by_pred[pred[i]] & by_gold[gold.events[i]]) / len(by_gold[gold.events[i]]) for i in items)
    bp, br = bp / len(items), br / len(items)
    apart = sum(1 for a, b in gold.not_same if pred.get(a, a) != pred.get(b, b))
    return GroupingScore(
        incidents=len(items), gold_events=len(by_gold), predicted_events=len(by_pred),
        pairwise_precision=round(p, 4), pairwise_recall=round(r, 4), pairwise_f1=round(f, 4),
        bcubed_precision=round(bp, 4), bcubed_recall=round(br, 4),
        bcubed_f1=round(2 * bp * br / (bp + br), 4) if bp + br else 0.0,
        not_same_kept_apart=apart, not_same_total=len(gold.not_same),
        joined_wrongly=[list(x) for x in sorted(pred_pairs - gold_pairs)],
        split_wrongly=[list(x) for x in sorted(gold_pairs - pred_pairs)],
        unmatched=unmatched or [],
    )  # fmt: skip


def gold_results(ds: Dataset) -> tuple[list[ExtractionResult], dict[tuple[str, int], str]]:
    """The dataset's required gold incidents as a corpus run's results (for the resolver
    alone), and which gold incident each (article, n) is."""
    from extractor.parsing import article_date
    from extractor.schema import Meta

    results, names = [], {}
    for article, gold in ds.golds.items():
        incidents = [i for i in gold.incidents if not i.optional]
        for n, incident in enumerate(incidents, start=1):
            names[(article, n)] = f"{article}:{incident.id}"
        published = gold.published or article_date(ds.texts[article])
        meta = Meta(model="gold", endpoint="", prompt_version="", cached=True, published=published)
        shown = [_on_map(i.shown()) for i in incidents]
        for incident in shown:  # gold gives figures, not always the phrase a record carries
            for name in COUNT_FIELDS:
                c = getattr(incident, name)
                if c.text is None and (c.min is not None or c.max is not None):
                    setattr(incident, name, Count.model_construct(
                        min=c.min, max=c.max, text=f"gold {c.min}-{c.max}"))  # fmt: skip
        results.append(ExtractionResult.model_construct(article=article, incidents=shown, meta=meta))
    return results, names


def _on_map(incident: Incident) -> Incident:
    """A gold incident with the `geo` a record of it would carry: its first place that the
    gazetteer resolves in its country."""
    from extractor import gazetteer, knowledge
    from extractor.postprocess import place_geo

    c = knowledge.load().country(incident.location.country)
    for name in incident.location.places:
        spot = gazetteer.load().resolve(name, c.iso if c else None).place
        if spot is not None:
            incident.location.geo = place_geo(spot)
            break
    return incident


def score_events(ds: Dataset, outcomes: list[Any] | None) -> dict[str, GroupingScore]:
    """The event grouping scored on the gold incidents (the resolver alone) and, given a run's
    outcomes, on its incidents (end to end: each gold incident through the prediction the
    incident matcher pairs it with)."""
    from extractor.events import resolve_events
    from extractor.parsing import article_date

    assert ds.grouping is not None
    results, names = gold_results(ds)
    events = resolve_events(results)
    resolver = {names[(r.article, r.incident)]: e.id for e in events for r in e.reports}
    out = {"resolver": score_grouping(ds.grouping, resolver)}
    if outcomes is None:
        return out
    mine = [o for o in outcomes if o.article in ds.golds]
    published = {a: article_date(t) for a, t in ds.texts.items() if article_date(t)}
    events = resolve_events(mine, published=published)
    event_of = {(r.article, r.incident): e.id for e in events for r in e.reports}
    predicted: dict[str, str] = {}
    for o in mine:
        if not isinstance(o, ExtractionResult):
            continue
        gold = ds.golds[o.article]
        score = score_article(o.article, ds.texts[o.article], o.incidents, gold)
        for pair in score.pairs:
            incident = gold.incidents[pair.gold]
            if not incident.optional:
                predicted[f"{o.article}:{incident.id}"] = event_of[(o.article, pair.predicted + 1)]
    unmatched = sorted(set(ds.grouping.events) - set(predicted))
    out["end_to_end"] = score_grouping(ds.grouping, predicted, unmatched)
    return out


def format_events(scores: dict[str, GroupingScore]) -> str:
    lines = [f"{'events':<24}" + "".join(f"{k:>14}" for k in scores)]
    for label, get in [
        ("incidents / events", lambda s: f"{s.incidents}/{s.predicted_events} (gold {s.gold_events})"),
        ("pairwise P / R", lambda s: f"{s.pairwise_precision:.2f} / {s.pairwise_recall:.2f}"),
        ("pairwise F1", lambda s: f"{s.pairwise_f1:.3f}"),
        ("B-cubed P / R", lambda s: f"{s.bcubed_precision:.2f} / {s.bcubed_recall:.2f}"),
        ("B-cubed F1", lambda s: f"{s.bcubed_f1:.3f}"),
        ("not_same kept apart", lambda s: f"{s.not_same_kept_apart}/{s.not_same_total}"),
    ]:
        lines.append(f"{label:<24}" + "".join(f"{get(s):>14}" for s in scores.values()))
    for name, s in scores.items():
        for a, b in s.joined_wrongly:
            lines.append(f"  {name}: joined, gold apart: {a} + {b}")
        for a, b in s.split_wrongly:
            lines.append(f"  {name}: apart, gold joined: {a} + {b}")
    return "\n".join(lines)


def run_info(extractor: Any) -> dict[str, Any]:
    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], capture_output=True, text=True, timeout=5)
        except OSError:
            return None
        return out.stdout.strip() or None if out.returncode == 0 else None

    info: dict[str, Any] = {
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if extractor is None:
        return info
    return info | {
        "model": extractor.model,
        "endpoint": extractor.endpoint,
        "mode": extractor.config.resolved_mode(),
        "prompt_version": extractor.prompt.version,
    }


# --- printing helpers (strings only; the CLI prints) ----------------------------------------


def format_table(report: EvalReport, hidden: Collection[str] = ()) -> str:
    """The figures of each dataset side by side, then the misses article by article, but for
    the `hidden` articles (a held-out part, scored but not looked into while tuning)."""
    groups = report.datasets or {"all": report.overall}
    names = list(groups)
    width = max(9, *(len(n) + 2 for n in names))

    def row(label: str, values: list[str]) -> str:
        return f"{label:<20}" + "".join(f"{v:>{width}}" for v in values)

    def figures(get: Callable[[Overall], float | int], fmt: str = ".3f") -> list[str]:
        return [format(get(o), fmt) for o in groups.values()]

    lines = [row("", names)]
    lines.append(row("articles", [str(len(report.members.get(n, report.articles))) for n in names]))
    lines.append(row("incident P", figures(lambda o: o.incident_precision)))
    lines.append(row("incident R", figures(lambda o: o.incident_recall)))
    lines.append(row("incident F1", figures(lambda o: o.incident_f1)))
    lines.append(row("  tp / fp / fn", [f"{o.tp}/{o.fp}/{o.fn}" for o in groups.values()]))
    lines.append(row("field average", figures(lambda o: o.field_average)))
    for name in FIELDS:
        lines.append(row(f"  {name}", figures(lambda o, n=name: o.fields.get(n, 0.0))))
    lines.append(row("grounding", figures(lambda o: o.grounding)))
    lines.append(row("count violations", figures(lambda o: o.count_violations, "d")))
    lines.append(row("errors", figures(lambda o: o.errors, "d")))
    lines.append(row("s/article", figures(lambda o: o.seconds_per_article, ".1f")))
    for a in report.articles:
        if a.article in hidden:
            continue
        head = f"{a.article}: tp {a.tp} fp {a.fp} fn {a.fn}"
        lines.append(head + (f"  ERROR {a.error}" if a.error else ""))
        for j in a.missed_gold:
            g = a.gold[j]
            lines.append(f"  missed  {g.event_type[0].value} {g.places} {g.date}")
        for i in a.extra_predicted:
            p = a.predicted[i]
            lines.append(f"  extra   {p.event_type.value} {p.location.places} {p.date}")
        for pair in a.pairs:
            if pair.optional:
                continue
            for m in pair.misses:
                lines.append(
                    f"  wrong   {a.gold[pair.gold].places} {m.field}: "
                    f"gold {json.dumps(m.gold, default=str)} got {json.dumps(m.predicted, default=str)}"
                )
        for v in a.count_violations:
            lines.append(f"  count   {v}")
    if withheld := [a.article for a in report.articles if a.article in hidden]:
        lines.append(f"misses of {len(withheld)} held-out article(s) not shown (--show-held-out prints them)")
    return "\n".join(lines)


def format_deltas(old: EvalReport, new: EvalReport) -> str:
    a, b = old.overall, new.overall
    rows = [
        ("incident_f1", a.incident_f1, b.incident_f1),
        ("incident_precision", a.incident_precision, b.incident_precision),
        ("incident_recall", a.incident_recall, b.incident_recall),
        ("field_average", a.field_average, b.field_average),
        ("grounding", a.grounding, b.grounding),
        *[(f"  {k}", a.fields.get(k, 0.0), b.fields.get(k, 0.0)) for k in FIELDS],
        ("count_violations", a.count_violations, b.count_violations),
        ("seconds_per_article", a.seconds_per_article, b.seconds_per_article),
    ]
    lines = [f"{'':<22}{'before':>9}{'after':>9}{'delta':>9}"]
    for name, x, y in rows:
        lines.append(f"{name:<22}{x:>9.3f}{y:>9.3f}{y - x:>+9.3f}")
    return "\n".join(lines)
