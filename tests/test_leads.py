"""Which sentences the stepwise strategy asks about, and how the coder reads the sentence an
incident was asked about. Real seed articles and the worked example, no model."""

from __future__ import annotations

import datetime as dt

from conftest import seed

from extractor.leads import Leads
from extractor.parsing import article_date
from extractor.postprocess import Coder, to_incidents
from extractor.postprocess import sentences as sentences_of
from extractor.prompts import load
from extractor.schema import Draft, DraftIncident, EventType, next_incident_of

S001 = "001_c7c414955f2a24e7"
S002 = "002_69ba249cb100d0c6"
S003 = "003_14ee107d61377790"
S004 = "004_63edf3e539841a1e"


def leads_of(text: str, found: list[DraftIncident], limit: int = 12) -> list[tuple[str, list[EventType]]]:
    """Every lead in the order asked, as if the model answered each with nothing new."""
    leads = Leads(text, article_date(text))
    out = []
    while len(out) < limit and (lead := leads.next(found)) is not None:
        out.append(lead)
        leads.decline(lead[1])
    return out


def test_leads_new_places_first_then_another_day() -> None:
    text = seed(S001)
    first = DraftIncident(type="air_strike", places=["Idlib city center", "Binnish", "Sahil Roj"], when="Tuesday")
    leads = leads_of(text, [first])
    starts = [s.split()[0:3] for s, _ in leads]
    assert [k for _, k in leads][:3] == [[EventType.air_strike], [EventType.territory_capture],
                                         [EventType.territory_capture]]  # fmt: skip
    assert "Fua village" in leads[0][0]
    assert "Saraqib" in leads[1][0]  # "taken back control of ... Saraqib": the capture, not the clashes
    assert "reclaimed control" in leads[2][0]
    # a sentence naming no new place but another day than the listed strike's
    assert any(s.startswith("This attack came one day after airstrikes") for s, _ in leads)
    # background is never asked about: war-wide totals, agreements, a year-long offensive
    assert not any(s.startswith(("In September 2018", "But more than 1,300", "Backed by heavy")) for s, _ in leads)
    assert len(starts) == len(leads)


def test_an_aim_is_no_event_and_ongoing_fighting_no_incident() -> None:
    text = seed(S001)
    first = DraftIncident(type="air_strike", places=["Idlib city center", "Binnish", "Sahil Roj"], when="Tuesday")
    key_town = next(s for s, k in leads_of(text, [first]) if s.startswith("This attack came"))
    assert key_town  # asked as an air strike ("in an effort to regain control" is no capture)
    kinds = dict(leads_of(text, [first]))[key_town]
    assert kinds == [EventType.air_strike]
    assert not any("currently engaged in clashes" in s for s, _ in leads_of(text, [first]))


def test_people_outlets_and_routes_are_not_places() -> None:
    text = seed(S003)
    first = DraftIncident(type="air_strike", places=["Jabal al Dweila"], when="on Monday")
    # Hammoud, the National Liberation Front, "Ankara-backed", the photo caption: nothing new
    assert leads_of(text, [first]) == []
    text = seed("000_7301b764a34a7bf9")
    found = [
        DraftIncident(type="air_strike", places=["Darkoush"], when="on Sunday"),
        DraftIncident(type="territory_capture", places=["Jisr al-Shughour"]),
        DraftIncident(type="territory_capture", places=["al Qarmeed camp"]),
    ]
    # "between Aleppo and the coastal provinces" is a way, not a place that was hit
    assert not any("Aleppo" in s for s, _ in leads_of(text, found))


def test_another_kind_at_a_listed_place_and_a_sentence_that_goes_on() -> None:
    text = seed(S002)
    found = [
        DraftIncident(type="territory_capture", places=["Al-Qarmid"]),
        DraftIncident(type="territory_capture", places=["Jisr al-Shughur"]),
    ]
    leads = leads_of(text, found)
    darkush = next(s for s, _ in leads if "Darkush" in s)
    assert darkush.endswith("killing 53 people, including eight children and nine women.")  # "Raids there"
    assert ("fierce clashes around Al-Qarmid" in s and k == [EventType.armed_clash] for s, k in leads)
    assert any(k == [EventType.bombing] for _, k in leads)  # suicide bombers at the base
    # weapons named as things are no event: "stored several tanks and heavy artillery pieces"
    assert not any("stored several tanks" in s for s, _ in leads)


def test_a_declined_kind_is_not_asked_again_for_want_of_a_place() -> None:
    text = seed(S004)
    first = DraftIncident(type="air_strike", places=["Ma’asaran", "Bdama", "Ma'arshamarin"], when="on Tuesday")
    leads = Leads(text, article_date(text))
    asked = []
    while (lead := leads.next([first])) is not None:
        asked.append(lead)
        leads.decline(lead[1])
    assert len(asked) <= 1  # at most the claim of fighting; the barrel bombs are the air strike


def test_capture_across_regions_is_one_incident_per_region() -> None:
    text = seed(S001)
    lead = next(s for s, _ in leads_of(text, []) if "reclaimed control" in s)
    draft = DraftIncident(
        type="territory_capture", places=["Anqawi", "al-Qahira", "Tal Zajran villages", "Hama countryside"],
        when="on Saturday", perpetrators=["moderate opposition forces"], sources=["Syrian Observatory"], lead=lead,
    )  # fmt: skip
    incidents, _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert [(i.location.admin1, i.location.places) for i in incidents] == [
        ("Hama", ["Anqawi", "al-Qahira", "al-Manara", "Tal Zajran"]),
        ("Idlib", ["al-Halluba", "Kukfin", "Kafr Avid", "Sfuhan", "Fattara"]),
    ]
    for i in incidents:
        assert i.date == dt.date(2020, 2, 29)  # "Since Saturday" in its own sentence, not the model's "on Saturday"
        assert i.sources == []  # the sentence cites nobody; the model's guess is not kept
        assert i.perpetrators == ["Syrian opposition forces"]
        assert i.evidence[0] == lead


def test_the_lead_sentence_keeps_the_kind_and_gives_toll_day_and_sources() -> None:
    text = seed(S002)
    leads = dict(leads_of(text, [DraftIncident(type="territory_capture", places=["Al-Qarmid"])]))
    bombers = next(s for s, k in leads.items() if k == [EventType.bombing])
    darkush = next(s for s in leads if "Darkush" in s)
    drafts = [
        # no bombing word near "Al-Qarmid" anywhere, but the sentence asked about is a bombing
        DraftIncident(type="bombing", places=["Al-Qarmid"], perpetrators=["suicide bombers"], lead=bombers),
        # the model gave no toll: the sentence's own; a monitor is no perpetrator
        DraftIncident(type="air_strike", places=["Darkush"], when="on Sunday", lead=darkush,
                      perpetrators=["regime", "Syrian state television"]),
    ]
    bombing, strike = to_incidents(Draft(incidents=drafts), text, article_date(text))[0]
    assert bombing.event_type is EventType.bombing and bombing.perpetrators == []
    assert strike.killed.text == "killing 53 people" and (strike.killed.min, strike.killed.max) == (53, 53)
    assert (strike.children_killed.min, strike.women_killed.min) == (8, 9)
    assert strike.perpetrators == ["Syrian government forces"]
    assert strike.sources == ["Syrian Observatory for Human Rights"]  # "Abdel Rahman said": its director


def test_counts_and_times_the_model_garbles() -> None:
    text = seed(S001)
    first = DraftIncident(
        type="air_strike", places=["Idlib city center", "Binnish"], province="Northern",
        when="after a coalition of fighters",  # not a time phrase
        killed="At least 12 civilians including five children",  # not verbatim: the comma is missing
    )  # fmt: skip
    (strike,), warnings = to_incidents(Draft(incidents=[first]), text, article_date(text))
    assert strike.killed.text == "At least 12 civilians" and (strike.killed.min, strike.killed.max) == (12, None)
    assert (strike.children_killed.min, strike.children_killed.max) == (5, 5)
    assert strike.location.admin1 == "Idlib"  # "Northern" is a direction, not a province
    assert strike.date_text is not None and "Tuesday" in strike.date_text  # the evidence's own day
    assert any("no time phrase" in w for w in warnings)
    text = seed(S004)
    draft = DraftIncident(type="air_strike", places=["Bdama"], killed="14 civilians", perpetrators=["airstrikes"])
    (strike,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert strike.killed.text == "At least 14 civilians" and (strike.killed.min, strike.killed.max) == (14, None)
    assert "airstrikes" not in strike.perpetrators  # a weapon, not an actor


def test_a_reply_schema_can_allow_only_the_kinds_asked_about() -> None:
    only = next_incident_of((EventType.territory_capture,))
    assert only.model_validate({"incident": None}).draft() is None
    reply = only.model_validate({"incident": {"type": "territory_capture", "places": ["Kastrel"]}})
    assert type(reply.draft()) is DraftIncident and reply.draft().type is EventType.territory_capture
    try:
        only.model_validate({"incident": {"type": "air_strike", "places": ["Kastrel"]}})
    except ValueError:
        pass
    else:
        raise AssertionError("an air strike was accepted as the answer to a question about a capture")
    two = next_incident_of((EventType.territory_capture, EventType.armed_clash))
    kinds = two.model_json_schema()["$defs"]["DraftIncident"]["properties"]["type"]["enum"]
    assert kinds == ["territory_capture", "armed_clash"]


def test_the_worked_example_is_reached_by_its_own_leads() -> None:
    prompt = load()
    questions = [t["content"] for t in prompt.example_turns if t["role"] == "user"]
    assert any("Mirna" in q for q in questions)  # a place named in passing: answered null
    assert any("car bomb" in q and "reports a bombing" in q for q in questions)  # another kind at Kastrel
    assert not any("since 2027" in q for q in questions)  # background


def test_a_list_in_one_place_string_is_split_and_garbage_dropped() -> None:
    text = seed(S001)
    lead = next(s for s, _ in leads_of(text, []) if "reclaimed control" in s)
    draft = DraftIncident(
        type="territory_capture", lead=lead, when="since Saturday",
        places=["Anqawi, al-Qahira, al-Manara and Tal Zajran villages in theH",
                "al-Halluba, Kukfin, Kafr Avid, Sfuhan and Fattara in\u5357\u90e8 Idlib"],
    )  # fmt: skip
    hama, idlib = to_incidents(Draft(incidents=[draft]), text, article_date(text))[0]
    assert hama.location.places[0] == "Anqawi" and idlib.location.places[-1] == "Fattara"
    assert not any("\u5357" in p or "theH" in p for p in hama.location.places + idlib.location.places)


def test_a_region_only_incident_does_not_count_its_kind_as_listed() -> None:
    text = seed(S002)
    general = DraftIncident(type="bombing", places=["Idlib"], killed="53 people")  # a mislabelled lead
    leads = leads_of(text, [general])
    assert any(k == [EventType.bombing] and "suicide bombers" in s for s, k in leads)


def test_a_retold_toll_is_one_incident() -> None:
    text = seed(S002)
    leads = dict(leads_of(text, [DraftIncident(type="territory_capture", places=["Al-Qarmid"])]))
    bombers = next(s for s, k in leads.items() if k == [EventType.bombing])
    darkush = next(s for s in leads if "Darkush" in s)
    drafts = [
        DraftIncident(type="bombing", places=["Idlib"], killed="53 people"),  # Darkush's toll, misread
        DraftIncident(type="bombing", places=["Al-Qarmid"], lead=bombers),
        DraftIncident(type="air_strike", places=["Darkush"], killed="53 people", lead=darkush),
    ]
    incidents, _ = to_incidents(Draft(incidents=drafts), text, article_date(text))
    bombing, strike = sorted(incidents, key=lambda i: i.location.places)
    assert [(i.event_type, i.location.places) for i in (bombing, strike)] == [
        (EventType.bombing, ["Al-Qarmid"]), (EventType.air_strike, ["Darkush"])
    ]
    assert bombing.killed.text is None and strike.killed.text == "53 people"


def test_an_attacker_the_article_names_alone_fills_a_strike_whose_sentence_names_none() -> None:
    text = seed(S002)  # "a day after government raids killed 73 civilians": one air attacker
    darkush = next(s for s, _ in leads_of(text, []) if "Darkush" in s)
    (strike,) = to_incidents(Draft(incidents=[DraftIncident(type="air_strike", places=["Darkush"], lead=darkush)]),
                             text, article_date(text))[0]  # fmt: skip
    assert strike.perpetrators == ["Syrian government forces"]
    # Russian and regime jets in seed 001: two attackers, so none is guessed
    assert Coder(seed(S001), None).sole_attacker(EventType.air_strike, "Syria") == []
    assert Coder(text, None).sole_attacker(EventType.bombing, "Syria") == []


def test_sources_are_read_from_every_sentence_naming_the_place_but_not_another_incidents() -> None:
    text = (
        "Tesh, March 3, 2031 - An air strike on the market in Tesh killed nine people on Monday.\n\n"
        "Mayor Dana Ostrova said the market in Tesh was full at the time.\n\n"
        "Shelling of Oruna on Monday killed two people, the Velna Monitor said.\n\n"
        "Residents of Tesh and Oruna buried their dead, Oruna's governor Ilya Marsh said.\n"
    )
    leads = [s for s, _ in leads_of(text, [])]
    strike_lead = next(s for s in leads if "market in Tesh killed" in s)
    shelling_lead = next(s for s in leads if "Shelling of Oruna" in s)
    drafts = [
        DraftIncident(type="air_strike", places=["Tesh"], when="on Monday", killed="nine people", lead=strike_lead),
        DraftIncident(type="shelling", places=["Oruna"], when="on Monday", killed="two people", lead=shelling_lead),
    ]  # fmt: skip
    strike, shelling = to_incidents(Draft(incidents=drafts), text, article_date(text))[0]
    # the mayor names Tesh, the governor both places; the monitor's sentence is the shelling's
    assert strike.sources == ["Dana Ostrova", "Ilya Marsh"]
    assert shelling.sources[0] == "Velna Monitor"


def test_a_place_given_as_the_target_is_the_place_hit() -> None:
    text = (
        "Velna, May 2, 2031 - Helicopters dropped barrel bombs on the Tesh neighbourhood in the east "
        "of Velna on Tuesday, killing four people, rescuers said.\n\n"
        "The Oruna Hotel was not hit.\n"
    )
    drafts = [
        DraftIncident(type="air_strike", places=["Velna"], when="on Tuesday", target="Tesh neighbourhood"),
        DraftIncident(type="air_strike", places=["Velna"], when="on Tuesday", target="the Oruna Hotel"),
    ]
    tesh, hotel = to_incidents(Draft(incidents=drafts[:1]), text, article_date(text))[0] + \
        to_incidents(Draft(incidents=drafts[1:]), text, article_date(text))[0]  # fmt: skip
    assert tesh.location.places[:2] == ["Tesh", "Velna"]
    assert hotel.location.places == ["Velna"]  # a name the article never places: not a place hit


def test_a_toll_in_the_active_voice_is_read_from_the_incidents_own_sentence() -> None:
    text = "Tesh, May 2, 2031 - An Oruna drone strike on a car near Tesh killed two people on Tuesday.\n"
    lead = sentences_of(text)[-1]
    draft = DraftIncident(type="air_strike", places=["Tesh"], when="on Tuesday", lead=lead)
    (strike,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert (strike.killed.text, strike.killed.min, strike.killed.max) == ("killed two people", 2, 2)


def test_a_short_form_the_article_defines_is_spelled_out() -> None:
    text = (
        "Tesh, May 2, 2031 - Fighters of the Velna Defence Force (VDF) and the Oruna National Army "
        "(ONA) captured Tesh on Tuesday, the Tesh News Agency (TNA) said.\n\n"
        "TNA said the fighters held the town by nightfall.\n"
    )
    lead = sentences_of(text)[-1]
    draft = DraftIncident(type="territory_capture", places=["Tesh"], when="on Tuesday",
                          perpetrators=["VDF and ONA"], lead=lead)  # fmt: skip
    (capture,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert capture.perpetrators == ["Velna Defence Force", "Oruna National Army"]
    assert capture.sources == ["Tesh News Agency"]


def test_admin1_is_the_provinces_name_without_its_level() -> None:
    text = ("Velna, May 2, 2031 - Gunmen killed four people in raids on Velna and Tesh, two "
            "communities in Orun local government area of Niassa State, on Tuesday.\n")
    draft = DraftIncident(type="armed_attack", places=["Velna"], when="on Tuesday")
    (attack,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert attack.location.admin1 == "Niassa"


def test_with_no_lead_the_toll_is_read_from_the_sentence_that_first_names_the_place() -> None:
    text = ("Velna, May 2, 2031 - Fighting went on near Oruna.\n\n"
            "An Oruna drone strike on a car near Tesh killed two people on Tuesday.\n")  # fmt: skip
    draft = DraftIncident(type="air_strike", places=["Tesh"], when="on Tuesday")
    (strike,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert (strike.killed.min, strike.killed.max) == (2, 2)


def test_the_first_incidents_kind_is_the_one_its_first_telling_names() -> None:
    text = ("Velna, May 2, 2031 - Helicopters raked a school in Tesh with machine guns on "
            "Tuesday, killing 11 people. Relatives buried them near the school in Tesh.\n")  # fmt: skip
    draft = DraftIncident(type="bombing", places=["Tesh"], when="on Tuesday")  # the model's habit
    (strike,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert strike.event_type is EventType.air_strike


def test_sources_also_from_the_sentence_after_a_telling() -> None:
    text = (
        "Velna, May 2, 2031 - An air strike hit the market in Tesh on Monday, killing nine people, "
        "Mayor Dana Ostrova said.\n\n"
        "By evening, governor Ilya Marsh said the toll had risen to twelve.\n"
    )
    draft = DraftIncident(type="air_strike", places=["Tesh"], when="on Monday", killed="nine people")
    (strike,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert strike.sources == ["Dana Ostrova", "Ilya Marsh"]


def test_the_state_that_launched_the_weapons_in_the_sentence_first_naming_the_place() -> None:
    text = (
        "Tesh, May 2, 2031 - Azerbaijan launched a volley of missiles at three towns at dawn on "
        "Tuesday, killing a farmer in Velna, officials said.\n\n"
        "In Velna, a missile hit a grain store and killed a 58-year-old farmer, the mayor said.\n"
    )
    lead = sentences_of(text)[-1]
    draft = DraftIncident(type="shelling", places=["Velna"], when="on Tuesday", lead=lead)
    (attack,), _ = to_incidents(Draft(incidents=[draft]), text, article_date(text))
    assert attack.perpetrators == ["Azerbaijani forces"]



def test_hurt_and_coming_under_fire_are_leads_and_a_policy_or_a_wars_length_is_not() -> None:
    text = ("Updated Mar 3, 2024\nShells hit Oruna on Friday, killing two people, the governor "
            "said.\n\nThree residents of Velna were hurt, the mayor added. Tesh came under fire "
            "overnight. Two of the wounded were taken to Portside for treatment. The army insists "
            "it targets only fighters in Kastrel. The president visited Dorvik after years of war "
            "in the region.")  # fmt: skip
    asked = [s for s, _ in leads_of(text, [DraftIncident(type="shelling", places=["Oruna"])])]
    assert any("Velna" in s for s in asked) and any("Tesh came under fire" in s for s in asked)
    assert not any(s.startswith(("Two of the wounded", "The army insists", "The president")) for s in asked)


def test_a_quotes_first_word_and_a_datelines_month_are_no_places() -> None:
    text = ("VELNA, Jan 28 (Wire) - Gunmen killed 9 soldiers at a camp in Oruna on Saturday, the "
            "army said.\n\n\"Our men left their posts and the enemy took the guns,\" said an officer, "
            "who confirmed the camp had been overrun.")  # fmt: skip
    quoted = next(s for s in sentences_of(text) if s.startswith('"Our'))
    leads = Leads(text, article_date(text))
    assert leads._place_names(quoted) == {}  # a sentence naming no place: any reply's place fits it
    dateline = next(s for s in sentences_of(text) if s.startswith("VELNA"))
    assert "Jan" not in {name for _, name in leads._place_names(dateline).values()}


def test_harm_told_after_the_sentence_that_places_it_is_asked_with_it() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 3 people, officials said. "
            "In the east, army units intercepted fighters massing near Tesh. "
            "The units foiled the attempt, killing and wounding scores of them.")  # fmt: skip
    found = [DraftIncident(type="shelling", places=["Oruna"], when="on Friday")]
    asked = leads_of(text, found)
    assert any(s.startswith("In the east") and s.endswith("scores of them.") for s, _ in asked)
    # told once, also when it goes on with "there"
    there = text.replace("The units foiled the attempt,", "The units foiled the attempt there,")
    (pair,) = [s for s, _ in leads_of(there, found) if s.startswith("In the east")]
    assert pair.count("foiled") == 1
    # not when the placing sentence is background
    text = text.replace("In the east,", "In the east, as families fled,")
    assert not any("foiled" in s for s, _ in leads_of(text, found))


def test_a_war_total_since_a_possessive_war_is_background() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 3 people, officials said. "
            "More than 9,000 "
            "people have been killed since Velna's war began.")  # fmt: skip
    found = [DraftIncident(type="shelling", places=["Oruna"], when="on Friday")]
    assert leads_of(text, found) == []


def test_a_count_over_a_span_of_years_is_background() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 3 people, officials said. "
            "Jets had been blamed for at least 15 air strikes that killed civilians between 2014 and "
            "2023 across Tesh and Velna.")  # fmt: skip
    found = [DraftIncident(type="shelling", places=["Oruna"], when="on Friday")]
    assert leads_of(text, found) == []


def test_a_place_of_a_reply_that_lumps_many_is_asked_about_on_its_own() -> None:
    text = ("Updated Mar 8, 2024\nHelicopters struck Oruna, Tesh, Velna and Kastrel on Friday, "
            "killing 3 people, monitors said. In the town of Velna, 9 civilians were killed in "
            "air strikes on its market.")  # fmt: skip
    lumped = [DraftIncident(type="air_strike", places=["Oruna", "Tesh", "Velna", "Kastrel"], when="on Friday")]
    assert any(s.startswith("In the town of Velna") for s, _ in leads_of(text, lumped))
    # a reply with a place or two has told of them
    two = [DraftIncident(type="air_strike", places=["Oruna", "Velna"], when="on Friday")]
    assert not any(s.startswith("In the town of Velna") for s, _ in leads_of(text, two))


def test_history_dated_months_or_years_back_and_habits_are_not_asked_about() -> None:
    text = ("Published: 5 June 2024\nShells hit Oruna on Monday, killing 3 people, officials said. "
            "The rebels seized Velna, the provincial capital, in December 2023. Their allies "
            "captured Tesh in 2014. Gunmen have repeatedly attacked police posts in Kastrel. "
            "In May 2024, a car bomb killed 5 people in Dorvik. In March 2024, gunmen killed 4 "
            "people in Bunu.")  # fmt: skip
    found = [DraftIncident(type="shelling", places=["Oruna"], when="on Monday")]
    asked = [s for s, _ in leads_of(text, found)]
    # last month is news, and so is an attack three months back
    assert asked == ["In May 2024, a car bomb killed 5 people in Dorvik.",
                     "In March 2024, gunmen killed 4 people in Bunu."]
    # a month with no year is the last such month before the article
    months = ("Published: 5 June 2024\nShells hit Oruna on Monday, killing 3 people, officials said. "
              "The rebels seized Velna in December and have held it since. In May, gunmen "
              "killed 4 people in Bunu.")  # fmt: skip
    assert [s for s, _ in leads_of(months, found)] == ["In May, gunmen killed 4 people in Bunu."]
    # a place's history in a sentence that tells of a recent day is news
    text = text.replace("In May 2024, a car bomb", "Velna, seized in 2014, was shelled on Monday, and a car bomb")
    assert any(s.startswith("Velna, seized in 2014") for s, _ in leads_of(text, found))


def test_strikes_by_guns_on_the_ground_are_asked_about_as_shelling() -> None:
    text = ("Published: 5 June 2024\nArtillery units of the army carried out intensive strikes on "
            "positions of the rebels in the town of Velna on Monday, state TV said. Army units and "
            "warplanes carried out strikes on Tesh on Tuesday.")  # fmt: skip
    kinds = dict(leads_of(text, []))
    assert kinds[text.split("\n")[1].split(" Army units")[0]] == [EventType.shelling]
    assert kinds["Army units and warplanes carried out strikes on Tesh on Tuesday."] == [EventType.air_strike]


def test_a_camp_for_displaced_people_is_a_target_not_displacement() -> None:
    text = ("Published: 5 June 2024\nShells hit Oruna on Monday, killing 3 people. A drone struck a "
            "camp for internally displaced people in Velna on Tuesday, killing 5. Another hit the "
            "Tesh refugee camp, killing 2. Thousands of people have fled Kastrel.")  # fmt: skip
    found = [DraftIncident(type="shelling", places=["Oruna"], when="on Monday")]
    asked = [s for s, _ in leads_of(text, found)]
    assert asked == ["A drone struck a camp for internally displaced people in Velna on Tuesday, killing 5.",
                     "Another hit the Tesh refugee camp, killing 2."]


def test_people_who_had_fled_are_victims_and_being_made_to_flee_is_displacement() -> None:
    text = ("Published: 5 June 2024\nShells hit Oruna on Monday, killing 3 people. A drone hit "
            "Velna on Tuesday, killing 9 people who had fled the fighting in Tesh.\n\nThe council "
            "accused the rebels of looting homes and said the attack had forced the women and "
            "children of the village to flee towards the nearby town of Kastrel.")  # fmt: skip
    found = [DraftIncident(type="shelling", places=["Oruna"], when="on Monday")]
    asked = [s for s, _ in leads_of(text, found)]
    assert len(asked) == 1 and asked[0].startswith("A drone hit Velna on Tuesday")
