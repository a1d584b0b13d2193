"""A self-contained HTML eval report: the overall scores, then each article with predicted and
gold incidents side by side and their evidence highlighted in the article text."""

from __future__ import annotations

import html

from extractor import maps
from extractor.evaluation import EvalReport
from extractor.export import row
from extractor.parsing import FIGURE_SEPARATOR, locate
from extractor.schema import Count, Incident

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2430;background:#fbfbfc}
h1{font-size:22px}h2{font-size:17px;margin-top:36px;border-bottom:1px solid #ccd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d5d8e0;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef0f5}.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.card{border:1px solid #d5d8e0;border-radius:6px;padding:8px 10px;margin:6px 0;background:#fff}
.card.extra{border-left:5px solid #d9534f}.card.missed{border-left:5px solid #f0ad4e}
.card.ok{border-left:5px solid #5cb85c}.card.optional{border-left:5px solid #aab}
.article{white-space:pre-wrap;background:#fff;border:1px solid #d5d8e0;padding:10px;max-height:420px;overflow:auto}
mark.pred{background:#cfe8ff}mark.gold{background:#fff1a8}mark.both{background:#c8f0c0}
.bad{color:#b52a1f;font-weight:600}.tag{font-size:12px;color:#556;margin-right:6px}
.legend span{padding:1px 6px;margin-right:8px}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _count(c: Count) -> str:
    if c.min is None and c.max is None:
        return _e(c.text or "-")
    span = str(c.min) if c.min == c.max else f"{c.min if c.min is not None else '?'}..{c.max if c.max is not None else '?'}"
    return f"{span} <span class=tag>{_e(c.text)}</span>"


def _card(incident: Incident, css: str, label: str, misses: set[str] | None = None) -> str:
    misses = misses or set()

    def row(name: str, value: str) -> str:
        cls = " class=bad" if name in misses else ""
        return f"<tr><th>{name}</th><td{cls}>{value}</td></tr>"

    loc = incident.location
    rows = [
        row("event_type", _e(incident.event_type.value)),
        row("date", f"{_e(incident.date)} <span class=tag>{_e(incident.date_text)}</span>"),
        row("places", _e(", ".join(loc.places))),
        row("admin1", _e(loc.admin1)),
        row("country", _e(loc.country)),
        row("perpetrators", _e("; ".join(incident.perpetrators))),
        row("target", _e(incident.target)),
        *[row(n, _count(getattr(incident, n))) for n in
          ("killed", "civilians_killed", "children_killed", "women_killed", "injured")],
        row("sources", _e("; ".join(incident.sources))),
    ]  # fmt: skip
    return (
        f"<div class='card {css}'><div class=tag>{_e(label)}</div><div>{_e(incident.summary)}</div>"
        f"<table>{''.join(rows)}</table></div>"
    )


def _highlight(text: str, predicted: list[Incident], gold: list[Incident]) -> str:
    marks: list[tuple[int, int, str]] = []
    for kind, incidents in (("pred", predicted), ("gold", gold)):
        for incident in incidents:
            quotes = list(incident.evidence)
            for c in (incident.killed, incident.civilians_killed, incident.injured):
                if c.text:
                    quotes += c.text.split(FIGURE_SEPARATOR)
            for quote in quotes:
                span = locate(quote, text)
                if span:
                    start = text.find(span)
                    if start >= 0:
                        marks.append((start, start + len(span), kind))
    owner = [""] * len(text)
    for start, end, kind in marks:
        for i in range(start, end):
            owner[i] = "both" if owner[i] and owner[i] != kind else kind
    out: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or owner[i] != owner[start]:
            chunk = html.escape(text[start:i])
            kind = owner[start]
            out.append(f"<mark class={kind}>{chunk}</mark>" if kind else chunk)
            start = i
    return "".join(out)


def _datasets(report: EvalReport) -> str:
    """Each dataset and part side by side: incident figures and every field."""
    if not report.datasets:
        return ""
    names = list(report.datasets)
    rows = [("articles", [len(report.members.get(n, [])) for n in names])]
    for key in ("incident_precision", "incident_recall", "incident_f1", "field_average",
                "grounding", "count_violations"):  # fmt: skip
        rows.append((key.replace("_", " "), [getattr(report.datasets[n], key) for n in names]))
    fields = list(next(iter(report.datasets.values())).fields)
    rows += [(f"· {f}", [report.datasets[n].fields.get(f, 0.0) for n in names]) for f in fields]

    def cell(v: object) -> str:
        return f"<td class=num>{v:.3f}</td>" if isinstance(v, float) else f"<td class=num>{v}</td>"

    head = "<tr><th></th>" + "".join(f"<th>{_e(n)}</th>" for n in names) + "</tr>"
    body = "".join(f"<tr><th>{_e(k)}</th>{''.join(cell(v) for v in vs)}</tr>" for k, vs in rows)
    return f"<h3>Datasets</h3><table>{head}{body}</table>"


def render(report: EvalReport, texts: dict[str, str]) -> str:
    o = report.overall
    info = " · ".join(f"{k}: {_e(v)}" for k, v in report.info.items())
    head = [
        ("incident precision", o.incident_precision),
        ("incident recall", o.incident_recall),
        ("incident F1", o.incident_f1),
        ("field average", o.field_average),
        ("grounding", o.grounding),
        ("count violations", o.count_violations),
        ("errors", o.errors),
        ("model seconds / article", o.seconds_per_article),
    ]
    parts = [
        "<!doctype html><html><head><meta charset=utf-8><title>extractor eval</title>",
        f"<style>{_CSS}</style></head><body><h1>extractor eval</h1><p class=tag>{info}</p>",
        "<table>" + "".join(f"<tr><th>{k}</th><td class=num>{v}</td></tr>" for k, v in head),
        "</table>",
        _datasets(report),
        "<h3>Fields (matched pairs)</h3><table>",
        "".join(f"<tr><th>{k}</th><td class=num>{v:.3f}</td></tr>" for k, v in o.fields.items()),
        "</table><h3>Map of the predicted incidents</h3>",
        maps.section([row(a.article, n, i) for a in report.articles
                      for n, i in enumerate(a.predicted, 1)]),  # fmt: skip
        "<h3>Articles</h3><table><tr><th>article</th><th>tp</th><th>fp</th><th>fn</th>"
        "<th>seconds</th><th>note</th></tr>",
    ]
    for a in report.articles:
        parts.append(
            f"<tr><td><a href='#{_e(a.article)}'>{_e(a.article)}</a></td><td class=num>{a.tp}</td>"
            f"<td class=num>{a.fp}</td><td class=num>{a.fn}</td><td class=num>{a.seconds:.1f}"
            f"{' (cached)' if a.cached else ''}</td><td class=bad>{_e(a.error or '')}</td></tr>"
        )
    parts.append("</table>")
    for a in report.articles:
        pairs_by_pred = {p.predicted: p for p in a.pairs}
        pairs_by_gold = {p.gold: p for p in a.pairs}
        left, right = [], []
        for i, incident in enumerate(a.predicted):
            pair = pairs_by_pred.get(i)
            if pair is None:
                left.append(_card(incident, "extra", f"predicted #{i + 1}: no gold match (false positive)"))
            else:
                misses = {m.field for m in pair.misses}
                left.append(_card(incident, "ok", f"predicted #{i + 1} = gold #{pair.gold + 1}", misses))
        for j, incident in enumerate(a.gold):
            pair = pairs_by_gold.get(j)
            css = "optional" if incident.optional else ("ok" if pair else "missed")
            label = f"gold #{j + 1}" + (" (optional)" if incident.optional else "")
            label += f" = predicted #{pair.predicted + 1}" if pair else ("" if incident.optional else ": missed")
            right.append(_card(incident.shown(), css, label))
        parts += [
            f"<h2 id='{_e(a.article)}'>{_e(a.article)} — tp {a.tp}, fp {a.fp}, fn {a.fn}</h2>",
            f"<p class=bad>{_e(a.error)}</p>" if a.error else "",
            "<p class=legend><span class=tag>evidence:</span><mark class=pred>predicted</mark>"
            "<mark class=gold>gold</mark><mark class=both>both</mark></p>",
            f"<div class=article>{_highlight(texts.get(a.article, ''), a.predicted, [g.shown() for g in a.gold])}</div>",
            "<div class=cols><div><h3>Predicted</h3>" + ("".join(left) or "<p>none</p>") + "</div>",
            "<div><h3>Gold</h3>" + "".join(right) + "</div></div>",
        ]
        if a.count_violations:
            parts.append("<p class=bad>" + "<br>".join(_e(v) for v in a.count_violations) + "</p>")
    parts.append("</body></html>")
    return "".join(parts)
