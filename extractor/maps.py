"""An offline map of incident rows (see extractor.export): one self-contained SVG with the
country outlines of the area (GeoJSON shipped in the countryinfo package), a point per placed
incident sized by deaths and coloured by kind, and a few lines of inlined JavaScript to zoom,
pan and show a record and its evidence on click. No tiles, no network, no external script."""

from __future__ import annotations

import functools
import html
import json
import math
from typing import Any

WIDTH, HEIGHT = 960, 560

KIND_COLOURS = {
    "air_strike": "#d62728",
    "shelling": "#ff7f0e",
    "chemical_attack": "#9467bd",
    "bombing": "#8c564b",
    "armed_clash": "#1f77b4",
    "territory_capture": "#2ca02c",
    "armed_attack": "#e377c2",
}

Ring = list[tuple[float, float]]


@functools.cache
def outlines() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """(country name, outer rings as (lon, lat)) for every country the package outlines."""
    from countryinfo import CountryInfo

    shapes = []
    for info in CountryInfo.all().values():
        for feature in (info.get("geoJSON") or {}).get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            elif geometry.get("type") != "MultiPolygon":
                continue
            rings = tuple([(float(x), float(y)) for x, y, *_ in poly[0]] for poly in polygons if poly)
            shapes.append((str(info.get("name", "")), rings))
    return tuple(shapes)


class _View:
    """An equirectangular projection fitted to the points, wider east-west by 1/cos(lat)."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        lons = [p[0] for p in points] or [0.0]
        lats = [p[1] for p in points] or [20.0]
        mid_lat = (max(lats) + min(lats)) / 2
        self.k = max(math.cos(math.radians(mid_lat)), 0.2)
        span_x = max((max(lons) - min(lons)) * self.k, 3.0) * 1.4  # margin around the points
        span_y = max(max(lats) - min(lats), 3.0) * 1.4
        if not points:  # nothing placed: the whole world
            self.k, span_x, span_y = 1.0, 360.0, 150.0
        # keep the page's aspect ratio
        if span_x / span_y < WIDTH / HEIGHT:
            span_x = span_y * WIDTH / HEIGHT
        else:
            span_y = span_x * HEIGHT / WIDTH
        self.cx = (max(lons) + min(lons)) / 2
        self.cy = mid_lat
        self.scale = WIDTH / span_x
        self.west = self.cx - span_x / 2 / self.k
        self.east = self.cx + span_x / 2 / self.k
        self.south = self.cy - span_y / 2
        self.north = self.cy + span_y / 2

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = WIDTH / 2 + (lon - self.cx) * self.k * self.scale
        y = HEIGHT / 2 - (lat - self.cy) * self.scale
        return round(x, 1), round(y, 1)

    def sees(self, ring: Ring) -> bool:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        return not (max(lons) < self.west or min(lons) > self.east
                    or max(lats) < self.south or min(lats) > self.north)  # fmt: skip


def _radius(fatalities: int | None) -> float:
    return round(min(5 + 2.2 * math.sqrt(fatalities or 0), 34), 1)


def svg(table: list[dict[str, Any]]) -> str:
    """The map as an inline <svg>: outlines, then points (the largest drawn first)."""
    placed = [r for r in table if r.get("latitude") is not None and r.get("longitude") is not None]
    view = _View([(r["longitude"], r["latitude"]) for r in placed])
    parts = [f'<svg id="map" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
             'role="img" aria-label="map of incidents">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" class="sea"/>', '<g id="layer">']  # fmt: skip
    for name, rings in outlines():
        d = "".join(
            "M" + "L".join(f"{x},{y}" for x, y in (view.xy(lon, lat) for lon, lat in ring)) + "Z"
            for ring in rings
            if view.sees(ring)
        )
        if d:
            parts.append(f'<path class="land" d="{d}"><title>{html.escape(name)}</title></path>')
    for r in sorted(placed, key=lambda r: -(r.get("fatalities") or 0)):
        x, y = view.xy(r["longitude"], r["latitude"])
        colour = KIND_COLOURS.get(r.get("kind") or "", "#555")
        label = f"{r.get('location') or ''}: {r.get('kind')}, {r.get('fatalities') or 0} killed"
        parts.append(
            f'<circle class="incident" data-id="{html.escape(r["event_id"])}" cx="{x}" cy="{y}" '
            f'r="{_radius(r.get("fatalities"))}" fill="{colour}"><title>{html.escape(label)}'
            "</title></circle>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


_SHOWN = ("event_id", "notes", "event_date", "kind", "location", "admin1", "country",
          "geo_precision", "actors", "source", "fatalities", "killed_text", "civilians_killed_text",
          "children_killed_text", "women_killed_text", "injured_text", "evidence")  # fmt: skip


def _records_json(table: list[dict[str, Any]]) -> str:
    data = {r["event_id"]: {k: r.get(k) for k in _SHOWN} for r in table}
    # inside <script>: no "</" may end the element early, whatever the articles say
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


_CSS = """
.incident-map .wrap{display:flex;gap:16px;align-items:flex-start}
.incident-map #map{width:960px;max-width:100%;height:auto;border:1px solid #bbb;cursor:grab}
.incident-map .sea{fill:#eef4f8}
.incident-map .land{fill:#f4f1ea;stroke:#8a8a8a;stroke-width:.7;vector-effect:non-scaling-stroke}
.incident-map .incident{fill-opacity:.72;stroke:#222;stroke-width:.8;
vector-effect:non-scaling-stroke;cursor:pointer}
.incident-map .incident.on{stroke:#000;stroke-width:2.5}
.incident-map #record{width:320px;min-height:120px;border:1px solid #ddd;padding:8px;
background:#fafafa;overflow-wrap:anywhere}
.incident-map #record dt{font-weight:600;margin-top:4px}.incident-map #record dd{margin:0 0 0 8px}
.incident-map .keys span{display:inline-block;margin-right:12px}.incident-map .keys i{
display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:4px;vertical-align:-1px}
.incident-map table{border-collapse:collapse;margin-top:8px}
.incident-map td,.incident-map th{border:1px solid #ddd;padding:2px 6px}
"""

_JS = """
(function(){
const records = JSON.parse(document.getElementById('records').textContent);
const svg = document.getElementById('map'), panel = document.getElementById('record');
let vb = svg.viewBox.baseVal, drag = null;
function show(id){
  const r = records[id]; if(!r) return;
  svg.querySelectorAll('.incident.on').forEach(c => c.classList.remove('on'));
  svg.querySelector('[data-id="'+CSS.escape(id)+'"]').classList.add('on');
  const dl = document.createElement('dl');
  for (const [k, v] of Object.entries(r)) {
    if (v === null || v === '') continue;
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    dl.append(dt, dd);
  }
  panel.replaceChildren(dl);
}
if (location.hash.startsWith('#show=')) show(decodeURIComponent(location.hash.slice(6)));
svg.addEventListener('click', e => { const id = e.target.dataset && e.target.dataset.id; if (id) show(id); });
svg.addEventListener('wheel', e => {
  e.preventDefault();
  const f = e.deltaY < 0 ? 0.8 : 1.25, pt = svg.createSVGPoint();
  pt.x = e.clientX; pt.y = e.clientY;
  const p = pt.matrixTransform(svg.getScreenCTM().inverse());
  vb.x = p.x - (p.x - vb.x) * f; vb.y = p.y - (p.y - vb.y) * f; vb.width *= f; vb.height *= f;
}, {passive: false});
svg.addEventListener('mousedown', e => { drag = {x: e.clientX, y: e.clientY}; });
window.addEventListener('mouseup', () => { drag = null; });
window.addEventListener('mousemove', e => {
  if (!drag) return;
  const s = vb.width / svg.clientWidth;
  vb.x -= (e.clientX - drag.x) * s; vb.y -= (e.clientY - drag.y) * s;
  drag = {x: e.clientX, y: e.clientY};
});
})();
"""


def section(table: list[dict[str, Any]]) -> str:
    """The map, its legend, the record panel and the list of incidents it cannot place: an
    HTML fragment with its own style and script, for a page of its own or the eval report."""
    placed = sum(r.get("latitude") is not None for r in table)
    legend = "".join(
        f'<span><i style="background:{c}"></i>{k.replace("_", " ")}</span>'
        for k, c in KIND_COLOURS.items()
    )
    unplaced = [r for r in table if r.get("latitude") is None]
    rows = "".join(
        f"<tr><td>{html.escape(str(r['event_id']))}</td><td>{html.escape(str(r.get('kind')))}</td>"
        f"<td>{html.escape(str(r.get('location') or ''))}</td>"
        f"<td>{html.escape(str(r.get('country') or ''))}</td></tr>"
        for r in unplaced
    )
    missing = (
        f"<h3>Not on the map ({len(unplaced)}): no place, province or country resolved</h3>"
        f"<table><tr><th>record</th><th>kind</th><th>place</th><th>country</th></tr>{rows}</table>"
        if unplaced else ""
    )  # fmt: skip
    return (
        f'<div class="incident-map"><style>{_CSS}</style>'
        f'<p class="keys">{placed} of {len(table)} incidents placed; circle area grows with '
        f"deaths. {legend}</p>"
        f'<div class="wrap">{svg(table)}<div id="record"><em>Click a point to see the record and '
        "its evidence (or open the page at #show=RECORD). Scroll to zoom, drag to pan.</em></div>"
        "</div>"
        f"{missing}"
        f'<script type="application/json" id="records">{_records_json(table)}</script>'
        f"<script>{_JS}</script></div>"
    )


def page(table: list[dict[str, Any]], title: str = "Incidents") -> str:
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>"
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}</style>"
        f"</head><body><h1>{html.escape(title)}</h1>{section(table)}</body></html>"
    )
