"""Scoring predicted incidents against hand-labelled gold, as the codebook's Matching section
says: pair by shared place (transliteration-tolerant) by optimal assignment, then incident
precision / recall / F1, accuracy per field, and grounding. Knows nothing of HTTP."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from scipy.optimize import linear_sum_assignment

from extractor.parsing import FIGURE_SEPARATOR, grounded, parse_figures, place_key
from extractor.schema import Count, ExtractionResult, Incident

COUNT_FIELDS = ("killed", "civilians_killed", "children_killed", "women_killed", "injured")
FIELDS = (
    "event_type", "date", "places", "admin1", "country", "perpetrators", "sources", *COUNT_FIELDS,
)  # fmt: skip


class GoldIncident(Incident):
    optional: bool = False
    note: str | None = None


class Gold(BaseModel):
    article: str
    article_date: dt.date | None = None
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


class EvalReport(BaseModel):
    info: dict[str, Any] = Field(default_factory=dict)
    overall: Overall
    articles: list[ArticleScore]


# --- loading -------------------------------------------------------------------------------


def load_gold(directory: Path) -> dict[str, Gold]:
    golds = {}
    for path in sorted(directory.glob("*.json")):
        gold = Gold.model_validate_json(path.read_text(encoding="utf-8"))
        golds[gold.article] = gold
    return golds


def load_articles(directory: Path, golds: dict[str, Gold]) -> dict[str, str]:
    texts = {}
    for article in golds:
        path = directory / f"{article}.txt"
        texts[article] = path.read_text(encoding="utf-8")
    return texts


# --- matching ------------------------------------------------------------------------------


def _keys(places: list[str]) -> set[str]:
    return {place_key(p) for p in places} - {""}


def _norm(s: str | None) -> str:
    return place_key(s) if s else ""


def candidates(pred: Incident, gold: Incident) -> bool:
    if gold.location.places:
        return bool(_keys(pred.location.places) & _keys(gold.location.places))
    return bool(gold.location.admin1) and _norm(pred.location.admin1) == _norm(gold.location.admin1)


def similarity(pred: Incident, gold: Incident) -> float:
    return (
        1.0
        + (pred.event_type == gold.event_type)
        + 0.5 * (pred.date == gold.date)
        + 0.5 * _count_right(pred.killed, gold.killed)
    )


def _count_right(pred: Count, gold: Count) -> bool:
    return pred.min == gold.min and pred.max == gold.max


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


def field_scores(pred: Incident, gold: Incident) -> tuple[dict[str, float], list[FieldMiss]]:
    scores: dict[str, float] = {
        "event_type": float(pred.event_type == gold.event_type),
        "date": float(pred.date == gold.date),
        "places": float(bool(_keys(pred.location.places) & _keys(gold.location.places))
                        or (not pred.location.places and not gold.location.places)),
        "admin1": float(_norm(pred.location.admin1) == _norm(gold.location.admin1)),
        "country": float(_norm(pred.location.country) == _norm(gold.location.country)),
        "perpetrators": _set_f1(pred.perpetrators, gold.perpetrators),
        "sources": _set_f1(pred.sources, gold.sources),
    }  # fmt: skip
    for name in COUNT_FIELDS:
        scores[name] = float(_count_right(getattr(pred, name), getattr(gold, name)))
    values = {
        "event_type": (gold.event_type.value, pred.event_type.value),
        "date": (str(gold.date), str(pred.date)),
        "places": (gold.location.places, pred.location.places),
        "admin1": (gold.location.admin1, pred.location.admin1),
        "country": (gold.location.country, pred.location.country),
        "perpetrators": (gold.perpetrators, pred.perpetrators),
        "sources": (gold.sources, pred.sources),
    }
    for name in COUNT_FIELDS:
        g, p = getattr(gold, name), getattr(pred, name)
        values[name] = ([g.min, g.max, g.text], [p.min, p.max, p.text])
    misses = [
        FieldMiss(field=name, gold=values[name][0], predicted=values[name][1])
        for name, score in scores.items()
        if score < 1.0
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
    fields = {
        name: (sum(p.fields[name] for p in required) / len(required) if required else 0.0)
        for name in FIELDS
    }
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
        field_average=round(sum(fields.values()) / len(fields), 4),
        grounding=round(sum(a.quotes_grounded for a in articles) / quotes, 4) if quotes else 1.0,
        count_violations=sum(len(a.count_violations) for a in articles),
        errors=sum(a.error is not None for a in articles),
        seconds_per_article=round(sum(a.seconds for a in timed) / len(timed), 2) if timed else 0.0,
        prompt_tokens=sum(a.prompt_tokens for a in articles),
        completion_tokens=sum(a.completion_tokens for a in articles),
    )


def score_run(golds: dict[str, Gold], texts: dict[str, str], outcomes: list[Any]) -> EvalReport:
    by_id = {o.article: o for o in outcomes}
    articles = []
    for article, gold in golds.items():
        outcome = by_id.get(article)
        if isinstance(outcome, ExtractionResult):
            score = score_article(article, texts[article], outcome.incidents, gold)
            score.seconds = outcome.meta.model_seconds
            score.cached = outcome.meta.cached
            score.prompt_tokens = outcome.meta.usage.prompt_tokens
            score.completion_tokens = outcome.meta.usage.completion_tokens
        else:
            score = score_article(article, texts[article], [], gold)
            score.error = getattr(outcome, "cause", "no result")
        articles.append(score)
    return EvalReport(overall=aggregate(articles), articles=articles)


def run_info(extractor: Any) -> dict[str, Any]:
    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], capture_output=True, text=True, timeout=5)
        except OSError:
            return None
        return out.stdout.strip() or None if out.returncode == 0 else None

    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "model": extractor.model,
        "endpoint": extractor.endpoint,
        "mode": extractor.config.resolved_mode(),
        "prompt_version": extractor.prompt.version,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# --- printing helpers (strings only; the CLI prints) ----------------------------------------


def format_table(report: EvalReport) -> str:
    o = report.overall
    lines = [
        f"incidents  P {o.incident_precision:.3f}  R {o.incident_recall:.3f}  "
        f"F1 {o.incident_f1:.3f}  (tp {o.tp}, fp {o.fp}, fn {o.fn})",
        f"fields     average {o.field_average:.3f}",
    ]
    lines += [f"  {name:<17} {value:.3f}" for name, value in o.fields.items()]
    lines.append(
        f"grounding  {o.grounding:.3f}   count violations {o.count_violations}   "
        f"errors {o.errors}   s/article {o.seconds_per_article:.1f}"
    )
    for a in report.articles:
        head = f"{a.article}: tp {a.tp} fp {a.fp} fn {a.fn}"
        lines.append(head + (f"  ERROR {a.error}" if a.error else ""))
        for j in a.missed_gold:
            g = a.gold[j]
            lines.append(f"  missed  {g.event_type.value} {g.location.places} {g.date}")
        for i in a.extra_predicted:
            p = a.predicted[i]
            lines.append(f"  extra   {p.event_type.value} {p.location.places} {p.date}")
        for pair in a.pairs:
            if pair.optional:
                continue
            for m in pair.misses:
                lines.append(
                    f"  wrong   {a.gold[pair.gold].location.places} {m.field}: "
                    f"gold {json.dumps(m.gold, default=str)} got {json.dumps(m.predicted, default=str)}"
                )
        for v in a.count_violations:
            lines.append(f"  count   {v}")
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
