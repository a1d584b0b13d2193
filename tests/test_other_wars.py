"""The rules on articles from other wars: two invented articles in the wording of wire reports
(Ukraine, Sudan), with replies such as the embedded model gave for them. No model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from extractor import knowledge
from extractor.leads import Leads
from extractor.parsing import article_date
from extractor.postprocess import region_names, to_incidents
from extractor.schema import Draft, DraftIncident, EventType

DATA = Path(__file__).resolve().parent / "data"
UKRAINE = (DATA / "ukraine_invented.txt").read_text(encoding="utf-8")
SUDAN = (DATA / "sudan_invented.txt").read_text(encoding="utf-8")


def code(text: str, *drafts: DraftIncident) -> list:
    return to_incidents(Draft(incidents=list(drafts)), text, article_date(text))[0]


def all_leads(text: str, found: list[DraftIncident]) -> list[tuple[str, list[EventType]]]:
    leads, out = Leads(text, article_date(text)), []
    while (lead := leads.next(found)) is not None:
        out.append(lead)
        leads.decline(lead[1])
    return out


def test_a_city_named_like_its_region_is_a_lead_and_totals_are_not() -> None:
    hroza = DraftIncident(type="shelling", places=["Hroza"], when="on Thursday")
    leads = all_leads(UKRAINE, [hroza])
    assert any("the city of Kharkiv overnight" in s for s, _ in leads)  # "Kharkiv region" too
    assert any("Klishchiivka" in s and k == [EventType.territory_capture] for s, k in leads)
    assert any("Beryslav" in s for s, _ in leads)
    assert not any("full-scale invasion" in s for s, _ in leads)  # a war-wide total


def test_regions_countries_landmarks_and_tolls_in_another_war() -> None:
    leads = dict(all_leads(UKRAINE, [DraftIncident(type="shelling", places=["Hroza"])]))
    city = next(s for s in leads if "city of Kharkiv" in s)
    capture = next(s for s in leads if "Klishchiivka" in s)
    beryslav = next(s for s in leads if "Beryslav" in s)
    strike, retaken, shelled = code(
        UKRAINE,
        # the model named the region for the city: a strike placed by its region only
        DraftIncident(type="shelling", places=["Kharkiv region"], when="on Thursday", killed="two people",
                      injured="30", lead=city),
        DraftIncident(type="territory_capture", places=["Klishchiivka", "Bakhmut"], when="on Sunday",
                      perpetrators=["Ukrainian troops"], lead=capture),
        DraftIncident(type="shelling", places=["Beryslav", "Kherson region"], when="on Friday morning",
                      killed="three civilians", lead=beryslav),
    )
    assert {i.location.country for i in (strike, retaken, shelled)} == {"Ukraine"}
    # the region-only strike in Kharkiv is not folded into the same day's shelling in Kherson
    assert (strike.location.places, strike.location.admin1) == ([], "Kharkiv")
    assert (strike.killed.min, strike.injured.min) == (2, 30)
    assert str(strike.date) == "2023-10-06"  # "overnight" in its own sentence, not the model's day
    assert (retaken.location.places, retaken.location.admin1) == (["Klishchiivka"], "Donetsk")  # "south of Bakhmut"
    assert (shelled.location.admin1, shelled.killed.text, str(shelled.date)) == ("Kherson", None, "2023-10-06")


def test_state_regions_weapons_and_wounded_given_as_killed() -> None:
    strike, capture, bombing = code(
        SUDAN,
        DraftIncident(type="bombing", places=["Abu Shouk displacement camp near El Fasher"], when="on Monday",
                      perpetrators=["drone strike"], killed="killing 12 people"),
        DraftIncident(type="territory_capture", places=["Mellit", "North Darfur"], when="on Sunday",
                      perpetrators=["RSF"]),
        DraftIncident(type="bombing", places=["Omdurman"], killed="wounding at least five soldiers"),
    )
    assert strike.event_type is EventType.air_strike  # "a drone strike hit the ... camp"
    assert strike.perpetrators == [] and strike.location.country == "Sudan"
    assert (capture.location.places, capture.location.admin1) == (["Mellit"], "North Darfur")
    assert bombing.killed.text is None and bombing.injured.text == "wounding at least five soldiers"
    assert (bombing.injured.min, bombing.injured.max) == (5, None)


def test_a_reply_about_another_sentence_is_not_taken() -> None:
    leads = Leads(SUDAN, article_date(SUDAN))
    car_bomb = next(s for s in leads.sentences if "car bomb" in s)
    drone = DraftIncident(type="bombing", places=["Abu Shouk displacement camp near El Fasher"])
    assert not leads.reports_at(car_bomb, drone)
    assert leads.reports_at(car_bomb, DraftIncident(type="bombing", places=["Omdurman"]))
    no_place = "The accounts also carried pictures of explosions before the base was stormed."
    assert leads.reports_at(no_place, drone)  # a sentence that names no place fits any


def test_a_toll_is_read_in_its_whole_sentence_and_wherever_it_is_told() -> None:
    text = ("Three policemen killed in raid on Oruna post\n\nUpdated Mar 3, 2024\n"
            "Gunmen stormed a police post in Oruna on Friday. Two reporters of a local radio "
            "station, its correspondent and its cameraman, were killed in the raid. Three "
            "policemen were martyred in the exchange of fire, officials said, and four were "
            "wounded. Three policemen had guarded the post since March.")  # fmt: skip
    reporters = DraftIncident(type="armed_attack", places=["Oruna"], killed="Two reporters")
    (incident,) = code(text, reporters)
    assert incident.killed.min == 2  # the death word ends the sentence, far from the figure
    police = DraftIncident(type="armed_attack", places=["Oruna"], killed="Three policemen",
                           injured="four")  # fmt: skip
    (incident,) = code(text, police)
    assert incident.killed.min == 3  # "martyred", and the headline's telling counts too
    wrong = DraftIncident(type="armed_attack", places=["Oruna"], killed="a police post")
    (incident,) = code(text, wrong)
    # no death word where the article says it: dropped, and the toll read where it is told
    assert incident.killed.text == "Three policemen killed"


def test_cited_sources_are_split_and_their_trailing_clauses_dropped() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "according to medical sources and witnesses reached by telephone. A day later a "
            "drone struck Tesh, killing 4 people, according to a United Nations tally. "
            "Shells also hit Velna, killing 2 people, sources said.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["medical sources", "witnesses"]
    (drone,) = code(text, DraftIncident(type="air_strike", places=["Tesh"], killed="4 people"))
    assert drone.sources == ["United Nations"]
    (velna,) = code(text, DraftIncident(type="shelling", places=["Velna"], killed="2 people"))
    assert velna.sources == []  # a bare "sources" names no one


def test_whoever_an_article_of_one_incident_cites_is_its_source() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, the "
            "Velna Monitor said.\nStalls burned for hours.\nThe wounded filled every bed, doctor "
            "Dana Ostrova told reporters.\nMore than 10,000 people have been killed since the war "
            "began, the United Nations says.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Velna Monitor", "Dana Ostrova"]  # not who counts the war's dead
    drone = DraftIncident(type="air_strike", places=["Tesh"], killed="2 people",
                          lead="A drone struck Tesh on Saturday, killing 2 people.")  # fmt: skip
    two = text.replace("Stalls burned", "A drone struck Tesh on Saturday, killing 2 people. Stalls burned")
    market, _ = code(two, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"), drone)
    assert market.sources == ["Velna Monitor"]  # of two incidents, the doctor may speak of either


def test_the_wounded_of_an_article_of_one_incident_may_be_told_anywhere() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "officials said.\nStalls burned for hours.\nDoctors said 14 wounded people were being "
            "treated at the main hospital.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert (market.injured.min, market.injured.text) == (14, "14 wounded")
    drone = DraftIncident(type="air_strike", places=["Tesh"], killed="2 people",
                          lead="A drone struck Tesh on Saturday, killing 2 people.")  # fmt: skip
    two = text.replace("Stalls burned", "A drone struck Tesh on Saturday, killing 2 people. Stalls burned")
    market, _ = code(two, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"), drone)
    assert market.injured.text is None  # of two incidents, the wounded may be either's


def test_an_outlet_is_named_without_the_word_for_what_it_is() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, Maroua "
            "TV reported. The depot burned, according to the channel.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Maroua"]  # an outlet named after a town is still an outlet
    state = text.replace("Maroua TV", "Atlantean state TV")
    (market,) = code(state, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Atlantean state TV"]  # "state" is no name


def test_a_person_named_after_a_body_is_the_person() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people. Atlantis's "
            "envoy to the Velna Council Dana Ostrova told the council on Monday that the market held "
            "fighters. Ostrova gave no proof.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Dana Ostrova"]
    (alone,) = code(text.replace(" Ostrova gave no proof.", ""),
                    DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert alone.sources == ["Velna Council Dana Ostrova"]  # no surname alone: no sign of a person


def test_where_a_source_stood_is_no_part_of_who_it_is() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "according to a nurse at the clinic and an official from the Velna Relief Committee.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources[0] == "nurse"


def test_a_part_of_the_dead_told_with_no_toll_is_still_told() -> None:
    text = ("Updated Mar 3, 2024\nJets hit the market of Oruna on Friday, killing shoppers including "
            "three children and wounding others. Officials later said 9 people were killed.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="9 people"))
    assert (market.children_killed.min, market.children_killed.text) == (3, "three children")
    hurt = text.replace("killing shoppers including three children and wounding others",
                        "killing shoppers and wounding others, including three children")
    (market,) = code(hurt, DraftIncident(type="air_strike", places=["Oruna"], killed="9 people"))
    assert market.children_killed.text is None  # the wounded's children


def test_a_source_with_two_titles_is_the_person_after_the_last() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, army "
            "spokesman Major General Dana Ostrova said.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Dana Ostrova"]


def test_who_gives_a_part_of_the_toll_is_a_source() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "officials said. Rescuers searched the stalls all night.\n\nBy morning 9 were "
            "confirmed dead. A nine-year-old girl was among the dead, Dana Ostrova said.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.children_killed.min == 1
    assert market.sources == ["Dana Ostrova"]


def test_who_claimed_or_is_blamed_is_the_perpetrator() -> None:
    text = ("Islamic State claims market bombing in Oruna\n\nUpdated Mar 3, 2024\nA car bomb "
            "exploded in the market of Oruna on Friday, killing 9 people. Nobody claimed a second "
            "blast in Tesh, which killed 2 people.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="9 people"))
    assert market.perpetrators == ["Islamic State"]  # the article names one claimant
    blamed = ("Updated Mar 3, 2024\nDrones hit a school in Velna on Friday, killing 4 people. "
              "Officials blamed the strikes on the Houthis; the group denied it.")  # fmt: skip
    (strike,) = code(blamed, DraftIncident(type="air_strike", places=["Velna"], killed="4 people"))
    assert strike.perpetrators == ["Houthis"]
    two = text + " The Houthis claimed an attack on a ship the same day."
    (tesh,) = code(two, DraftIncident(type="bombing", places=["Tesh"], killed="2 people"))
    assert tesh.perpetrators == []  # two claimants in the article, none in its own sentences


def test_an_incident_told_with_no_day_has_the_articles_date() -> None:
    import datetime as dt

    dated = "Updated Mar 3, 2024\nShells hit the market of Oruna, killing 9 people, officials said."
    (market,) = code(dated, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.date == dt.date(2024, 3, 3) and market.date_text is None
    undated = "Shells hit the market of Oruna, killing 9 people, officials said."
    (market,) = code(undated, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.date is None  # no date to resolve against


def test_the_wounded_the_model_left_out_come_from_the_incidents_sentence() -> None:
    text = ("Updated Mar 3, 2024\nA car bomb exploded in the market of Oruna on Friday, killing 9 "
            "people and wounding at least 16 others, officials said. In Tesh, 40 were wounded "
            "in clashes last month.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="9 people"))
    assert (market.injured.min, market.injured.max) == (16, None)
    assert market.injured.text == "wounding at least 16 others"


def test_a_strike_or_raid_on_the_ground_is_no_air_strike() -> None:
    text = ("Updated Mar 3, 2024\nMilitants strike police post in Oruna\nGunmen opened fire on a "
            "police post in Oruna on Friday in a raid that killed 3 policemen, officials said.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="3 policemen"))
    assert raid.event_type is EventType.armed_clash  # a raid, on police who fight back: a clash


def test_a_weapon_the_article_never_names_near_the_incident_is_its_first_kind() -> None:
    text = ("Updated Mar 3, 2024\nFour guests killed at a wedding\nGunmen opened fire on a wedding "
            "party on Friday, killing four guests, officials said. The wedding was held in Velna, a "
            "town near the border.")  # fmt: skip
    (wedding,) = code(text, DraftIncident(type="bombing", places=["Velna"], killed="four guests"))
    assert wedding.event_type is EventType.armed_attack  # no bomb anywhere: the gunmen's attack
    named = text.replace("Gunmen opened fire on", "A car bomb tore through")
    (blast,) = code(named, DraftIncident(type="bombing", places=["Velna"], killed="four guests"))
    assert blast.event_type is EventType.bombing  # the article names the bomb: the model's kind stands


def test_one_jet_names_its_attacker_as_jets_do() -> None:
    text = "Updated Mar 3, 2024\nA Russian Air Force jet struck the market of Oruna on Friday, killing 9 people."
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="9 people"))
    assert strike.perpetrators == ["Russian Air Force"]


def test_a_person_named_right_after_a_place_taken_is_no_place_of_its_list() -> None:
    lead = "Rebels took the villages of Oruna and Tesh, Dana Ostrova, the governor of Velna, wrote on Friday."
    text = "Updated Mar 3, 2024\n" + lead
    (capture,) = code(text, DraftIncident(type="territory_capture", places=["Oruna"], lead=lead))
    assert capture.location.places == ["Oruna", "Tesh"]  # the list ends at the person


def test_an_attack_told_as_made_by_someone_names_its_attacker() -> None:
    text = ("Updated Mar 3, 2024\nA raid by armed bandits on the market of Oruna on Friday left 3 "
            "traders dead, officials said.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="3 traders"))
    assert raid.perpetrators == ["bandits"]
    followed = text.replace("A raid by armed bandits on", "A raid followed by looting hit")
    (raid,) = code(followed, DraftIncident(type="armed_attack", places=["Oruna"], killed="3 traders"))
    assert raid.perpetrators == []  # what followed the raid did not make it


def test_a_place_named_with_a_particle_is_not_found_by_its_first_word_alone() -> None:
    text = ("Updated Mar 3, 2024\nRebels seized Tel Velna on Monday.\nNine people were killed in Tel "
            "al-Oruna on Friday when a long barrage of heavy shelling hit the market, officials said.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="shelling", places=["Tel al-Oruna"], killed="Nine people"))
    assert strike.event_type is EventType.shelling  # not the capture of Tel Velna


def test_links_to_other_stories_are_not_the_articles_text() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people and "
            "wounding 30, officials said.\n\nRelated:\nShells hit Oruna market | Four killed and 12 "
            "injured\nREAD MORE: Oruna market shelled again, 6 dead\n")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert (market.killed.text, market.injured.text) == ("9 people", "wounding 30")  # no older story's figures


def test_the_number_of_fatalities_is_a_toll_and_the_regimes_ministry_the_states() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna in Sudan's north on Friday, killing 12 people, "
            "the Velna Monitor said.\nThe regime's Ministry of Health put the number of fatalities in "
            "Oruna at 9.")  # fmt: skip
    (oruna,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="12 people"))
    assert (oruna.killed.min, oruna.killed.max) == (9, 12)
    assert oruna.sources == ["Velna Monitor", "Sudanese Health Ministry"]


def test_a_place_given_with_common_nouns_also_goes_by_its_name() -> None:
    text = "Updated Mar 3, 2024\nShells hit the Tesh market on Friday, killing 9 people, officials said."
    (market,) = code(text, DraftIncident(type="shelling", places=["Tesh market"], killed="9 people"))
    assert market.location.places == ["Tesh market", "Tesh"]


def test_a_capital_speaking_for_its_government_is_no_source_but_a_surname_is() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "regional governor Dana Ostrova said. Lusaka says it strikes only military targets. "
            "Ostrova said the market was full.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people",
                                         sources=["Lusaka"]))  # fmt: skip
    assert market.sources == ["Dana Ostrova"]


def test_a_days_possessive_or_a_clauses_tail_is_no_source() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people. "
            "Tuesday's shelling was the worst, said the Commissioner of Police. No group "
            "said it fired the shells.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert not {"Tuesday's", "of Police", "No group"} & set(market.sources)


def test_an_outlet_the_article_writes_with_a_capital_the_keeps_it() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "according to the Velna Courier. Residents told The Velna Courier that the shells came "
            "from the hills. The market was closed, the monitor said.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert "The Velna Courier" in market.sources and "Velna Courier" not in market.sources
    text = text.replace("Residents told The", "Residents told the")
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert "Velna Courier" in market.sources


def test_a_title_before_a_name_is_not_part_of_it() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, "
            "Ombudsman Dana Ostrova said. Ostrova said the market was full.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Dana Ostrova"]


def test_a_place_is_its_name_without_the_words_before_it() -> None:
    text = ("Updated Mar 3, 2024\nA rocket hit a car on a road near Velna on Friday, killing "
            "the driver. Shells also hit al-Tesh Street in Oruna.")  # fmt: skip
    (car,) = code(text, DraftIncident(type="shelling", places=["road near Velna"]))
    assert car.location.places == ["Velna"]
    (street,) = code(text, DraftIncident(type="shelling", places=["al-Tesh Street"]))
    assert street.location.places[0] == "al-Tesh Street"


def test_one_person_told_by_age_is_one_dead_and_fills_the_subset() -> None:
    text = ("Updated Mar 3, 2024\nA rocket landed on a market in Oruna on Friday and killed a "
            "67-year-old woman, officials said.")  # fmt: skip
    (square,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="67-year-old woman"))
    assert (square.killed.min, square.killed.max) == (1, 1)
    assert (square.women_killed.min, square.women_killed.max) == (1, 1)
    assert square.children_killed.text is None


def test_a_states_missiles_are_its_forces() -> None:
    text = ("Updated Mar 3, 2024\nAzerbaijani missiles kill nine in Oruna\n"
            "Missiles hit a market in Oruna on Friday, killing nine people, officials said. "
            "Later, Armenian shelling killed two people in Velna, officials said.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="nine people"))
    assert market.perpetrators == ["Azerbaijani forces"]


def test_a_capture_under_cover_of_air_strikes_stays_a_capture() -> None:
    text = ("Updated Mar 3, 2024\nArmy takes the town of Oruna\nThe army entered Oruna on "
            "Friday, officials said. Backed by air strikes, soldiers stormed the town and took full "
            "control of Oruna by nightfall, a monitor said.")  # fmt: skip
    (taken,) = code(text, DraftIncident(type="territory_capture", places=["Oruna"]))
    assert taken.event_type is EventType.territory_capture


def test_a_named_site_brings_its_town_and_a_wars_total_is_no_toll_of_it() -> None:
    text = ("Updated Mar 3, 2024\nDrones struck the Naval Academy in Velna city on Friday, "
            "killing at least 80 people, officials said. More than 9,000 people have been "
            "killed in Velna since the war began.")  # fmt: skip
    (college,) = code(text, DraftIncident(type="air_strike", places=["Naval Academy"],
                                          killed="at least 80 people"))  # fmt: skip
    assert college.location.places == ["Naval Academy", "Velna"]
    assert (college.killed.min, college.killed.max, college.killed.text) == (80, None, "at least 80 people")


def test_days_in_short_and_day_first_forms_and_not_the_datelines() -> None:
    text = ("VELNA, Mar 3 (Wire) - Drones have killed nine people in Velna province since "
            "the weekend, officials said. A drone hit a market in Oruna on Feb. 28, killing "
            "four people. Jets struck Tesh on 1 March, killing two.")  # fmt: skip
    days = {i.location.places[0]: (i.date_text, i.date) for i in code(
        text + "\nPublished March 3, 2024",
        DraftIncident(type="air_strike", places=["Oruna"], killed="four people"),
        DraftIncident(type="air_strike", places=["Tesh"], killed="two"),
    )}  # fmt: skip
    assert days["Oruna"] == ("on Feb. 28", dt.date(2024, 2, 28))
    assert days["Tesh"] == ("on 1 March", dt.date(2024, 3, 1))


def test_the_date_of_a_dateline_is_the_articles_not_the_events() -> None:
    from extractor.postprocess import Coder

    text = "VELNA, Mar 3 (Wire) - Drones killed nine people in Velna on Monday, officials said."
    coder = Coder(text, dt.date(2024, 3, 3))
    assert coder.day_in([text]) == "on Monday"


def test_an_incident_placed_only_where_the_wounded_were_treated_is_dropped() -> None:
    text = ("Updated Mar 3, 2024\nA bomb hit a police truck on Friday, killing five officers. "
            "Those hurt were taken to Velna Hospital, and two were later flown to Portside.")  # fmt: skip
    assert code(text, DraftIncident(type="bombing", places=["Velna Hospital"])) == []
    assert code(text, DraftIncident(type="bombing", places=["Portside"])) == []


def test_a_month_ends_a_list_of_captured_places() -> None:
    text = ("Updated Mar 3, 2024\nRebels seized the towns of Oruna and Tesh in December and "
            "have held them since, officials said.")  # fmt: skip
    (taken,) = code(text, DraftIncident(type="territory_capture", places=["Oruna"],
                                        lead="Rebels seized the towns of Oruna and Tesh in December "
                                             "and have held them since, officials said."))  # fmt: skip
    assert "December" not in taken.location.places


def test_a_common_noun_place_goes_by_the_village_the_article_puts_it_in() -> None:
    text = ("OSTRA, Velnia — Rockets smashed into a bakery and shop in the tiny village of Ostra "
            "on Thursday, killing 12 people, officials said.\nPublished March 7, 2024")  # fmt: skip
    (cafe,) = code(text, DraftIncident(type="shelling", places=["bakery and shop"], killed="12 people"))
    assert cafe.location.places == ["Ostra"]


def test_a_toll_given_again_in_the_next_sentence_widens_the_count() -> None:
    text = ("Updated Mar 3, 2024\nA car bomb killed at least 12 people at Velna market on Friday, "
            "police said. Hospital officials later gave a toll of 14 dead. In Oruna, a second "
            "blast killed three people.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="bombing", places=["Velna market"], killed="at least 12 people"))
    assert (market.killed.min, market.killed.max) == (12, 14)
    (other,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="three people"))
    assert (other.killed.min, other.killed.max) == (3, 3)


def test_the_wounded_told_with_the_toll_and_again_later_span_both_figures() -> None:
    text = ("Updated Mar 3, 2024\nA bomb went off at the ferry pier of Oruna on Friday. A harbour "
            "guard said 4 people were killed on the pier, while 21 were wounded. Nurses later put "
            "the number of injured from Oruna at 26.")  # fmt: skip
    (pier,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="4 people"))
    assert (pier.injured.min, pier.injured.max) == (21, 26)
    assert pier.injured.text == "21 were wounded / number of injured from Oruna at 26"


def test_the_wounded_told_with_the_same_figure_in_another_paragraph() -> None:
    text = ("Updated Mar 3, 2024\nA missile struck the market of Oruna on Friday, killing 19 "
            "people who had come to shop, officials said.\n\nRescuers dug through the rubble "
            "into the night. By morning the search was over, with 19 confirmed dead and eight "
            "wounded.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="19 people"))
    assert (market.injured.min, market.injured.max) == (8, 8)


def test_a_figure_after_a_vague_word_is_no_count() -> None:
    text = ("Updated Mar 3, 2024\nRaiders leave dozens dead in Oruna\nRaiders on horseback swept "
            "through the hamlet of Oruna on Friday and shot \"several dozen\" herders dead, a "
            "ranger said.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="dozen"))
    assert (raid.killed.min, raid.killed.max) == (None, None)
    assert raid.killed.text == "several dozen"


def test_children_told_as_so_many_of_them_fill_the_subset_but_not_the_woundeds() -> None:
    text = ("Updated Mar 3, 2024\nA glide bomb fell on a sports hall in Oruna on Friday, killing "
            "at least 31 people, five of them children, a coach said.")  # fmt: skip
    (hall,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="at least 31 people"))
    assert (hall.children_killed.min, hall.children_killed.max) == (5, 5)
    text = ("Updated Mar 3, 2024\nShells hit Oruna on Friday, killing five people and wounding "
            "42, four of them minors, officials said.")  # fmt: skip
    (shelling,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="five people"))
    assert shelling.children_killed.text is None
    assert (shelling.injured.min, shelling.injured.max) == (42, 42)


def test_civilians_told_as_so_many_of_the_dead_fill_the_civilian_toll() -> None:
    text = ("Updated Mar 3, 2024\nAt least 19 people, 16 of them civilians, were killed on Friday "
            "when jets struck the market of Oruna, a monitor said. The toll of the raid was later "
            "put at 23, among them 18 civilians.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="At least 19 people"))
    assert (market.civilians_killed.min, market.civilians_killed.max) == (16, 16)
    assert market.civilians_killed.text == "16 of them civilians"


def test_a_child_named_among_the_dead_after_the_toll_fills_the_subset() -> None:
    text = ("Updated Mar 3, 2024\nA missile hit a cafe in Oruna on Friday, killing 19 people, "
            "officials said. A nine-year-old girl was among the dead.\n\nIn Tesh, shells hit a "
            "school.")  # fmt: skip
    (cafe,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="19 people"))
    assert (cafe.children_killed.min, cafe.children_killed.max) == (1, 1)
    text = ("Updated Mar 3, 2024\nA missile hit a cafe in Oruna on Friday, killing 19 people, "
            "officials said.\n\nRescuers searched all night, and by morning 19 were confirmed "
            "dead. Among those killed were three women.")  # fmt: skip
    (cafe,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="19 people"))
    assert (cafe.women_killed.min, cafe.women_killed.max) == (3, 3)


def test_the_children_among_the_dead_are_no_other_telling_of_the_toll() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing at least 64 "
            "people, officials said. In Oruna at least 12 girls had been killed, a charity said.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="at least 64 people"))
    assert (market.killed.min, market.killed.max) == (64, None)
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="12 girls"))
    assert (market.killed.min, market.killed.max) == (64, None)
    assert (market.children_killed.min, market.children_killed.max) == (12, None)  # "at least 12 girls"


def test_a_toll_told_in_the_next_sentence_or_with_the_place_fills_an_empty_count() -> None:
    text = ("Updated Mar 3, 2024\nOn Friday, four raiders drove a tractor laden with explosives "
            "into a customs house at Oruna. Its roof fell in, and 17 guards were slain, the "
            "border service said. In Tesh, 40 people were killed in clashes last month.")  # fmt: skip
    (house,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="four guards"))
    assert (house.killed.min, house.killed.max) == (17, 17)  # not the four raiders, not Tesh's 40


def test_a_headlines_toll_after_a_semicolon_belongs_to_the_place_told_there() -> None:
    text = ("Updated Mar 3, 2024\nDrones hit Oruna hospital, injuring seven; one dead after Tesh "
            "attack\nDrones hit a hospital in Oruna on Saturday and injured seven people, officials "
            "said.")  # fmt: skip
    (hospital,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="seven people"))
    assert hospital.killed.text is None
    assert (hospital.injured.min, hospital.injured.max) == (7, 7)


def test_a_toll_told_in_parts_is_coded_without_contradiction() -> None:
    text = ("Updated Mar 3, 2024\nRaiders struck the hamlet of Oruna on Saturday night, a ranger said. "
            "A teacher counted otherwise: 11 women and three men died in Oruna.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="11 women and 3 men"))
    assert raid.killed.text is not None and raid.killed.max >= 11


def test_the_first_incidents_attacker_may_be_named_where_its_place_is_not() -> None:
    text = ("Updated Mar 3, 2024\nArmy jets bombed a grain store in the south of Azerbaijan on "
            "Friday, killing at least 9 farmers, a miller said. The raid on Oruna farm was the "
            "worst this spring. Armenian drones hit Velna in May.")  # fmt: skip
    (store,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="at least 9 farmers"))
    assert store.perpetrators == ["Azerbaijani forces"]


def test_a_reply_with_a_province_only_and_no_figure_is_no_incident() -> None:
    text = ("Updated Mar 3, 2024\nRaiders burned a granary in Oruna, in the Kastrel region of "
            "Azerbaijan, on Friday, killing 3 millers, a ranger said. The minister said air cover "
            "had forced the raiders back across the river into the Kastrel region.")  # fmt: skip
    lead = "The minister said air cover had forced the raiders back across the river into the Kastrel region."
    coded = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="3 millers"),
                 DraftIncident(type="air_strike", places=["Kastrel region"], lead=lead))  # fmt: skip
    assert [i.location.places for i in coded] == [["Oruna"]]


def test_a_place_a_witness_spoke_from_or_the_bylines_is_no_incidents() -> None:
    text = ("By Dana Ostrova, Portside\nUpdated Mar 3, 2024\nTwo car bombs hit a depot in Oruna "
            "on Friday, killing 6 drivers. The badly hurt were moved to Portside by boat. A "
            "shepherd, speaking by phone from Welnah, said the blasts shook his house.")  # fmt: skip
    assert code(text, DraftIncident(type="bombing", places=["Portside"], lead="The badly hurt were "
                                    "moved to Portside by boat.")) == []  # fmt: skip
    assert code(text, DraftIncident(type="armed_clash", places=["Welnah"], lead="A shepherd, speaking "
                                    "by phone from Welnah, said the blasts shook his house.")) == []  # fmt: skip


def test_an_area_of_a_city_is_in_the_citys_province() -> None:
    text = ("Updated Mar 3, 2024\nA car bomb went off in the Teshlar area of west Kutaisi on Friday, "
            "killing 4 traders, officials said.")  # fmt: skip
    (blast,) = code(text, DraftIncident(type="bombing", places=["Teshlar area"], killed="4 traders"))
    assert blast.location.places[0] == "Teshlar area"
    assert blast.location.admin1 == "Imereti"


def test_a_bare_title_is_the_person_the_article_names_with_it_and_a_people_is_no_source() -> None:
    text = ("Updated Mar 3, 2024\nShells hit the market of Oruna on Friday, killing 9 people, the "
            "Governor said. In Oruna, officials in Imereti said, the stalls were full and Armenians "
            "said the shelling went on all night.\n\nThe market reopened on Monday.\n\nGovernor "
            "Dana Ostrova took office in 2019.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Dana Ostrova"]


def test_a_main_incident_placed_in_a_province_only_goes_to_the_town_the_article_puts_there() -> None:
    text = ("Updated Mar 3, 2024\nJets hit a wedding party in Azerbaijan's Kastrel province on "
            "Friday, killing 14 guests, officials said. The hall stood in the square of Welnah, in "
            "Kastrel province, near the border.")  # fmt: skip
    (party,) = code(text, DraftIncident(type="air_strike", places=["Kastrel province"], killed="14 guests"))
    assert party.location.places == ["Welnah"]
    lead = "Officials said jets also flew over Kastrel province on Saturday."
    assert code(text + " " + lead, DraftIncident(type="air_strike", places=["Kastrel province"], lead=lead)) == []


def test_yesterdays_attack_is_dated_the_day_before_the_report() -> None:
    text = ("Updated Mar 3, 2024\nThe ministry said on Sunday that the toll of yesterday's drone "
            "attack on the Oruna depot had risen to 40 dead.")  # fmt: skip
    (depot,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="40 dead"))
    assert str(depot.date) == "2024-03-02"


def test_storming_a_base_told_after_its_bombing_is_that_bombing() -> None:
    text = ("Updated Mar 3, 2024\nA truck bomb hit the army post at Oruna on Friday, killing 12 "
            "soldiers, officials said. \"Our men stormed the Oruna post,\" a rebel spokesman said.")  # fmt: skip
    lead = "\"Our men stormed the Oruna post,\" a rebel spokesman said."
    coded = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="12 soldiers"),
                 DraftIncident(type="territory_capture", places=["Oruna"], lead=lead))  # fmt: skip
    assert [(i.event_type, i.killed.min) for i in coded] == [(EventType.bombing, 12)]


def test_children_killed_told_in_a_sentence_of_their_own_fill_the_subset() -> None:
    text = ("Updated Mar 3, 2024\nRaiders burned the hamlet of Oruna on Friday, killing at least "
            "48 people, a ranger said. A charity said at least 17 girls had been killed in Oruna.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="at least 48 people"))
    assert (raid.killed.min, raid.killed.max) == (48, None)
    assert (raid.children_killed.min, raid.children_killed.max) == (17, None)


def test_the_headlines_subject_is_the_attacker_nothing_else_names() -> None:
    body = ("\nUpdated Mar 3, 2024\nShells landed on homes in Oruna on Monday, killing 4 people, "
            "a nurse said.")  # fmt: skip
    draft = DraftIncident(type="shelling", places=["Oruna"], killed="4 people")
    (shelled,) = code("More than 500 flee as Armenian forces take the town of Oruna" + body, draft)
    assert shelled.perpetrators == ["Armenian forces"]
    (shelled,) = code("Nine Azerbaijani soldiers killed as gunmen overrun Oruna post" + body, draft)
    assert shelled.perpetrators == []  # a headline in the passive names the dead, not who killed


def test_a_town_given_as_the_province_is_replaced_by_its_province() -> None:
    text = ("Updated Mar 3, 2024\nShells hit Welnah, a hamlet outside Gyumri, on Friday, killing "
            "3 farmers, officials said.")  # fmt: skip
    (shelled,) = code(text, DraftIncident(type="shelling", places=["Welnah"], province="Gyumri", killed="3 farmers"))
    assert shelled.location.places == ["Welnah"] and shelled.location.admin1 == "Shirak"


def test_an_undated_incident_takes_the_day_told_for_another_at_its_place() -> None:
    text = ("Bombers hit Oruna wedding, gunmen return\nUpdated Mar 3, 2024\nBombers struck a wedding in Oruna on Friday, killing 9 guests, "
            "officials said. Gunmen later came back and fired on the Oruna barracks, a soldier "
            "said.")  # fmt: skip
    lead = "Gunmen later came back and fired on the Oruna barracks, a soldier said."
    wedding, barracks = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="9 guests"),
                             DraftIncident(type="armed_clash", places=["Oruna barracks"], lead=lead))  # fmt: skip
    assert str(wedding.date) == "2024-03-01" and str(barracks.date) == "2024-03-01"


def test_the_first_incident_takes_the_day_of_the_sentence_before_its_toll() -> None:
    text = ("Updated Mar 8, 2024\nRaiders had struck Oruna's market on Tuesday, killing 2 guards. "
            "Thursday's blast hit Oruna's main mosque as mourners gathered. An official said at "
            "least 11 people were killed and more than 30 wounded.")  # fmt: skip
    mosque = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="at least 11 people"))[0]
    # the place told in the possessive ("Oruna's") is named there; the toll's sentence has no
    # day, the one before it does: Thursday, not the market raid's Tuesday
    assert str(mosque.date) == "2024-03-07" and mosque.killed.min == 11


def test_the_day_something_was_said_is_not_another_day() -> None:
    text = ("Updated Mar 8, 2024\nGunmen stormed the hamlet of Oruna on Wednesday, killing at least "
            "40 people, a ranger said. A charity said on Thursday that at least 12 children had "
            "been killed in Oruna.")  # fmt: skip
    draft = DraftIncident(type="armed_attack", places=["Oruna"], when="on Wednesday", killed="at least 40 people")
    (raid,) = code(text, draft)
    assert str(raid.date) == "2024-03-06" and (raid.children_killed.min, raid.children_killed.max) == (12, None)


def test_an_undated_incident_takes_its_own_day_not_the_day_it_was_told() -> None:
    text = ("Updated Mar 8, 2024\nA ranger said on Thursday that gunmen had stormed the hamlet of "
            "Oruna on Wednesday, killing at least 40 people.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="at least 40 people"))
    assert str(raid.date) == "2024-03-06"


def test_who_said_it_was_behind_an_attack_and_a_branch_over_its_parent() -> None:
    text = ("Updated Mar 8, 2024\nA bomb tore through a market in Welnah on Thursday, killing 7 "
            "traders, police said. The Islamic State group later claimed the bombing. In a "
            "statement, the Islamic State West Africa Province, known as ISWAP, said it was "
            "behind the attack.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="bombing", places=["Welnah"], killed="7 traders"))
    assert market.perpetrators == ["Islamic State West Africa Province"]


def test_a_group_the_tables_do_not_know_that_claims_an_attack_is_its_attacker() -> None:
    head = ("Updated Mar 8, 2024\nGunmen stormed a police post in Oruna on Thursday, killing 4 "
            "officers, police said. ")  # fmt: skip
    draft = DraftIncident(type="armed_attack", places=["Oruna"], killed="4 officers")
    text = head + ("A little-known group calling itself Ansar al-Kastrel claimed responsibility in "
                   "a message to reporters. No group has claimed the bombing of a bridge near Tesh.")  # fmt: skip
    assert code(text, draft)[0].perpetrators == ["Ansar al-Kastrel"]  # "No group": nobody
    text = head + ("The Dorvik Jamaat (DJ), which officials call a wing of Ansar al-Kastrel, claimed "
                   "that attack.")  # fmt: skip
    assert code(text, draft)[0].perpetrators == ["Dorvik Jamaat"]  # the subject, not the relative clause


def test_a_part_of_the_toll_given_as_the_toll_is_dropped_and_the_toll_found() -> None:
    text = ("Updated Mar 8, 2024\nRockets hit Oruna before dawn on Friday. The mayor said 14 people "
            "were hurt, among them a 9-year-old girl, and that most damage was in the Tesh district. "
            "Medics later gave a figure of 16 wounded in Tesh.")  # fmt: skip
    lead = ("The mayor said 14 people were hurt, among them a 9-year-old girl, and that most "
            "damage was in the Tesh district.")  # fmt: skip
    (shelled,) = code(text, DraftIncident(type="shelling", places=["Tesh"], injured="9-year-old girl", lead=lead))
    assert (shelled.injured.min, shelled.injured.max) == (14, 16)


def test_two_speakers_of_one_statement_are_both_sources() -> None:
    text = ("Updated Mar 8, 2024\nA missile hit a hostel in Oruna on Friday. By evening, Mayor Dara "
            "Velik and regional governor Marko Tesh said the strike had killed 4 people.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="4 people"))
    assert {"Dara Velik", "Marko Tesh"} <= set(strike.sources)


def test_a_place_the_model_misspelled_is_the_articles_spelling() -> None:
    text = ("Updated Mar 8, 2024\nGunmen stormed Kovar-Telin Dasha, a hamlet near Oruna, late on "
            "Monday, killing 7 villagers, residents said.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Kovar-Teli Dasha"], killed="7 villagers"))
    assert raid.location.places[0] == "Kovar-Telin Dasha" and raid.killed.min == 7


def test_a_headline_toll_of_several_incidents_is_no_telling_of_one() -> None:
    text = ("Five killed as shells hit Oruna market and a school in Tesh\nUpdated Mar 8, 2024\n"
            "A shell struck the market in Oruna on Friday, killing 3 traders, medics said. Minutes "
            "later another shell hit the Tesh school, killing 2 pupils.")  # fmt: skip
    lead = "Minutes later another shell hit the Tesh school, killing 2 pupils."
    market, school = code(text, DraftIncident(type="shelling", places=["Oruna market"], killed="3 traders"),
                          DraftIncident(type="shelling", places=["Tesh school"], killed="2 pupils", lead=lead))
    assert (market.killed.min, market.killed.max) == (3, 3) and (school.killed.min, school.killed.max) == (2, 2)


def test_a_headline_noun_is_no_second_event() -> None:
    text = ("Armenian forces kill 9 in fresh attacks on two hamlets\nUpdated Mar 8, 2024\nShells "
            "hit Oruna on Friday, killing 5 farmers, a nurse said. Hours later, 4 people were "
            "killed in Tesh, residents said.")  # fmt: skip
    lead = "Hours later, 4 people were killed in Tesh, residents said."
    oruna, tesh = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="5 farmers"),
                       DraftIncident(type="shelling", places=["Tesh"], killed="4 people", lead=lead))
    assert oruna.perpetrators == tesh.perpetrators == ["Armenian forces"]  # "attacks on": a noun


def test_the_dead_counted_where_they_were_taken_are_the_named_strikes() -> None:
    text = ("Updated Mar 8, 2024\nA drone struck a camp in Tesh late on Thursday. A doctor said the "
            "hospital in Velna, where victims of the Tesh strike were taken, had recorded 31 dead.")  # fmt: skip
    lead = ("A doctor said the hospital in Velna, where victims of the Tesh strike were taken, had "
            "recorded 31 dead.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Velna"], killed="31 dead", lead=lead))
    assert strike.location.places == ["Tesh"] and strike.killed.min == 31 and str(strike.date) == "2024-03-07"


def test_a_region_only_telling_of_a_placed_toll_in_other_words_is_that_incident() -> None:
    text = ("Updated Mar 8, 2024\nGunmen killed 14 soldiers in an assault on a camp in the Velna "
            "region on Saturday, the army said. The attackers stormed the camp at Tesh, in Velna, at "
            "dawn. Fourteen soldiers died and 15 were wounded, it said.")  # fmt: skip
    lead = "Fourteen soldiers died and 15 were wounded, it said."
    coded = code(text, DraftIncident(type="armed_clash", places=["Velna region"], killed="14 soldiers"),
                 DraftIncident(type="armed_clash", places=["Tesh"], killed="Fourteen soldiers died", lead=lead))
    assert [(i.location.places, i.killed.min) for i in coded] == [(["Tesh"], 14)]


def test_the_province_is_spelled_as_the_article_spells_it() -> None:
    text = ("Updated Mar 8, 2024\nShells hit a market in Kutaisi on Friday, killing 3 people, officials "
            "in Imeretti said.")  # fmt: skip
    (shelled,) = code(text, DraftIncident(type="shelling", places=["Kutaisi"], killed="3 people"))
    assert shelled.location.admin1 == "Imeretti"  # the map's "Imereti", as the article writes it


def test_the_models_day_from_the_next_sentence_about_the_place_is_kept() -> None:
    text = ("Updated Dec 1, 2023\nThe offensive gathered pace this month with the capture of Tesh, "
            "a trading town. Rebels stormed two camps in Tesh late on Nov. 12 and raised their flag "
            "over Tesh on Nov. 13.")  # fmt: skip
    lead = "The offensive gathered pace this month with the capture of Tesh, a trading town."
    (taken,) = code(text, DraftIncident(type="territory_capture", places=["Tesh"], when="on Nov. 12", lead=lead))
    assert str(taken.date) == "2023-11-12"


def test_a_spelling_the_article_gives_is_the_same_place() -> None:
    text = ("Updated Dec 1, 2023\nRebels took Welnah (also spelled Velnah) on Friday after three days "
            "of attacks. The army said it had pulled its men back to the hills. Shrapnel killed 4 "
            "residents of Velnah during the clashes, according to Dara Velik.")  # fmt: skip
    (taken,) = code(text, DraftIncident(type="territory_capture", places=["Welnah"], when="on Friday"))
    assert "Dara Velik" in taken.sources


def test_the_wounded_told_where_the_place_is_named_again() -> None:
    text = ("Updated Mar 8, 2024\nRaiders stormed Oruna on Wednesday, killing at least 40 people, a "
            "ranger said. The raiders burned the granaries. A charity said more than 20 children "
            "were injured in the raid on Oruna.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="at least 40 people"))
    assert (raid.injured.min, raid.injured.max) == (21, None)


def test_the_first_incident_told_with_no_kind_word_takes_the_headlines_kind() -> None:
    text = ("Drone strikes kill 9 across Velna province\nUpdated Mar 8, 2024\nThe deadliest of the "
            "latest attacks hit a flour mill in Oruna on Monday, killing 7 workers, an aid worker said.")  # fmt: skip
    (mill,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="7 workers"))
    assert mill.event_type is EventType.air_strike  # no word of a bombing anywhere in the article


def test_a_sentence_with_no_kind_word_takes_the_kind_of_the_one_before() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 3 people, officials said. Jets "
            "carried out several air strikes near Velna on Thursday, destroying a large store of arms and "
            "fuel, the defence ministry said in a statement. In Tesh, to the north, two "
            "depots were flattened and about six fighters killed, according to the ministry.")  # fmt: skip
    lead = "In Tesh, to the north, two depots were flattened and about six fighters killed, according to the ministry."
    shelled, tesh = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="3 people"),
                         DraftIncident(type="bombing", places=["Tesh"], killed="about six fighters", lead=lead))
    assert tesh.event_type is EventType.air_strike


def test_a_common_word_spelled_like_a_short_place_does_not_name_it() -> None:
    text = ("Updated Mar 8, 2024\n\"Our men left their posts,\" said an officer, who confirmed the "
            "camp had been overrun. Two days earlier a bus struck a landmine near Bunu, killing 26 "
            "civilians, officials said.")  # fmt: skip
    (bus,) = code(text, DraftIncident(type="bombing", places=["Bunu"], killed="26 civilians"))
    assert bus.event_type is EventType.bombing  # "been" is no telling of Bunu: no capture there


def test_a_city_named_like_its_province_is_no_region_only_telling() -> None:
    text = ("Updated Mar 8, 2024\nA strike hit a home on the edge of Herat city at dawn on Friday, "
            "killing 9 members of one family, a doctor said. Jets later hit a market in Shindand "
            "on Saturday, leaving 9 residents dead, officials said.")  # fmt: skip
    lead = ("Jets later hit a market in Shindand on Saturday, leaving 9 residents dead, officials "
            "said.")  # fmt: skip
    coded = code(text, DraftIncident(type="air_strike", places=["Herat"], killed="9 members of one family"),
                 DraftIncident(type="air_strike", places=["Shindand"], killed="9 residents dead", lead=lead))
    assert len(coded) == 2  # the same figure at a city named like its province: two strikes


def test_a_role_of_a_body_is_named_body_first() -> None:
    text = ("Updated Mar 8, 2024\nA drone hit the Tesh camp on Wednesday, killing its deputy "
            "commander, according to a member of the Kastrel Defence Force who knew him.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Tesh camp"], killed="its deputy commander"))
    assert strike.sources == ["Kastrel Defence Force member"]


def test_a_toll_given_again_after_its_telling_spans_every_figure() -> None:
    text = ("Updated Mar 8, 2024\nA car bomb hit the market of Velna on Friday. Officials said "
            "at least six people were killed there. Police put the number of dead at "
            "seven. Three soldiers were killed in Tesh on Saturday.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="bombing", places=["Velna"], killed="at least six people"))
    # the sentence after the toll's own gives it again, though it names no place
    assert (market.killed.min, market.killed.max) == (6, 7)
    text = text.replace("killed there. Police put the number of dead at seven.",
                        "killed there and 15 were wounded. An earlier statement gave the number of wounded as 18.")
    (market,) = code(text, DraftIncident(type="bombing", places=["Velna"], killed="at least six people"))
    assert (market.injured.min, market.injured.max) == (15, 18)


def test_a_toll_told_again_runs_past_a_photo_credit_and_from_a_sentence_announcing_it() -> None:
    text = ("Updated Mar 8, 2024\n\nMissiles hit Velna on Friday, the governor said. By evening "
            "he said the strikes on the city had killed eight people.\n\nRescuers at a "
            "destroyed building in Velna on Friday.\n\nPhoto: Kastrel Agency\n\nThose figures "
            "rose through the day. His first count was five dead and at least 42 wounded. The "
            "number of injured later stood at 60.\n\nThe toll rose steadily. In the "
            "morning, medics spoke of at least four people killed and 30 wounded.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Velna"], killed="eight people"))
    assert (strike.killed.min, strike.killed.max) == (4, 8)
    assert (strike.injured.min, strike.injured.max) == (30, 60)


def test_the_number_of_dead_or_the_toll_put_at_a_figure_far_after_it() -> None:
    text = ("Updated Mar 8, 2024\nVELNA — The number of people killed in the fighting that "
            "swept through the city's old quarter on Saturday has risen to 32, the ministry "
            "said. In Tesh, to the north, the death toll from the shelling stood at 7 after the "
            "river rose by two metres.")  # fmt: skip
    clash, shelled = code(text, DraftIncident(type="armed_clash", places=["Velna"]),
                          DraftIncident(type="shelling", places=["Tesh"]))
    assert (clash.killed.min, clash.killed.max) == (32, 32)
    assert (shelled.killed.min, shelled.killed.max, shelled.killed.text) == (7, 7, "death toll from the shelling stood at 7")



def test_a_name_set_off_by_commas_before_said_is_a_source_as_cited() -> None:
    text = ("Updated Mar 8, 2024\nA rally was held in Tesh for Ivo Dan Marek, the late governor. "
            "Shells hit the market of Oruna on Friday, killing 9 people. Oruna's mayor, Dana "
            "Ostrova, said the market was full. The town's traditional ruler, Emir Kel Ado Bunu, "
            "said 20 were hurt. Shells also hit Oruna's school. The head of its staff, Lena Marek, "
            "confirmed the blast.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources[:2] == ["Dana Ostrova", "Kel Ado Bunu"]  # the title is no part of the name
    # a full name is the one cited, not an earlier name that ends like it
    assert "Lena Marek" in market.sources and "Ivo Dan Marek" not in market.sources


def test_who_is_cited_by_a_body_an_acronym_or_a_title_and_in_the_incidents_country() -> None:
    text = ("Updated Mar 8, 2024\nShells hit the market of Oruna on Friday, killing 9 people. The "
            "Kastrel military later said it had fired at a depot. The government said the market "
            "was hit by mistake.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert market.sources == ["Kastrel military"]  # a body named by no name is none
    text = ("Updated Mar 8, 2024\nShells hit the market of Oruna on Friday, killing 9 people, the "
            "state-run Velna News Agency (VNA) said. The toll was 9, said district prosecutor "
            "Colonel Dana Ostrova, and the daily al-Tesh said the shells came from the east.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
    assert sorted(market.sources) == ["Dana Ostrova", "Velna News Agency", "al-Tesh"]
    # an article mostly about another country: the incident's country names its sources
    text = ("Updated Mar 8, 2024\nTurkey said on Friday that Turkish troops would stay. Ankara "
            "and Turkey's allies met in Konya. Shells hit the market of Baniyas in Syria's Tartus "
            "province on Friday, killing 9 people, state TV said. Turkey condemned it.")  # fmt: skip
    (market,) = code(text, DraftIncident(type="shelling", places=["Baniyas"], killed="9 people"))
    assert (market.location.country, market.sources) == ("Syria", ["Syrian state media"])


def test_the_dead_of_a_battle_told_sentences_after_its_place() -> None:
    text = ("Updated Mar 8, 2024\nRebels captured the town of Velna on Wednesday, a spokesman said. "
            "Fighters overran an outpost in Velna held by 50 soldiers. \"We took it at dawn,\" he "
            "said. \"The town is ours. We lost men.\" Eleven soldiers surrendered, he said, and four "
            "fighters from the alliance were killed in the battle.\n\nRebels took Tesh on Friday. "
            "The spokesman said six fighters, five from the front and one from an allied force, "
            "were killed in that battle and more than 10 were wounded.\n\nRebels also seized Kastrel. "
            "Its garrison left for the hills. According to residents, stray shells killed two residents of Kastrel during the "
            "clashes.")  # fmt: skip
    velna, tesh, kastrel = code(text, DraftIncident(type="territory_capture", places=["Velna"]),
                                DraftIncident(type="territory_capture", places=["Tesh"]),
                                DraftIncident(type="territory_capture", places=["Kastrel"]))
    assert (velna.killed.min, velna.killed.max) == (4, 4)
    assert (tesh.killed.min, tesh.injured.min) == (6, 11)  # "more than 10"
    assert kastrel.killed.min == 2  # "killed two residents of Kastrel during the clashes"


def test_a_placed_incident_told_with_no_day_takes_the_day_of_its_toll_told_by_region() -> None:
    text = ("Published: 5 June 2024\nGunmen killed 14 soldiers in an assault on an army camp in "
            "the Oruna region on Saturday, the army said. About 30 fighters stormed the camp at "
            "Velna at 4 a.m. Fourteen soldiers died, it said.")  # fmt: skip
    region = "Gunmen killed 14 soldiers in an assault on an army camp in the Oruna region on Saturday, the army said."
    placed_ = "About 30 fighters stormed the camp at Velna at 4 a.m."
    coded = code(text, DraftIncident(type="armed_clash", places=["Velna"], killed="Fourteen soldiers", lead=placed_),
                 DraftIncident(type="armed_clash", places=["Oruna region"], killed="14 soldiers",
                               when="on Saturday", lead=region))
    assert [(i.location.places, str(i.date)) for i in coded] == [(["Velna"], "2024-06-01")]


def test_an_attack_its_paragraph_says_nobody_claimed_is_not_the_articles_claimants() -> None:
    text = ("Updated Mar 8, 2024\nA car bomb hit the market of Oruna, Iraq, on Friday, killing 9 "
            "people, in an attack claimed by the Islamic State group.\n\nA second bomber struck the market of "
            "Velna, killing 4 people. Police later put the toll at five. Nobody immediately claimed "
            "that bombing, though it bore the hallmarks of the group.")  # fmt: skip
    oruna, velna = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="9 people"),
                        DraftIncident(type="bombing", places=["Velna"], killed="4 people"))
    assert (oruna.perpetrators, velna.perpetrators) == (["Islamic State"], [])


def test_two_tellings_of_one_attack_with_different_tolls_span_both() -> None:
    text = ("Updated Mar 8, 2024\nGunmen raided the village of Velna on Tuesday, and residents "
            "said 18 people were shot dead there.\n\nA council official gave a lower figure. "
            "\"They came into Velna on foot and killed 10 persons,\" he said.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="armed_attack", places=["Velna"], killed="18 people", when="on Tuesday"),
                    DraftIncident(type="armed_attack", places=["Velna"], killed="10 persons"))
    assert (velna.killed.min, velna.killed.max) == (10, 18)
    assert velna.killed.text == "18 people were shot dead / 10 persons"  # each telling once


def test_women_and_children_told_as_part_of_the_toll_told_again() -> None:
    text = ("Updated Mar 8, 2024\nToll of the bombing in Velna rises to 40\n\nA car bomb hit a "
            "wedding hall in Velna on Thursday. The ministry said on Friday that the number of "
            "martyrs of yesterday's cowardly terrorist bombing of the wedding hall in Velna has "
            "risen to 40, among them 12 women and 9 children, while 65 others were wounded, 20 "
            "of them children.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="bombing", places=["Velna"], when="on Thursday",
                                        killed="Toll of the bombing in Velna rises to 40"))
    assert (velna.women_killed.min, velna.children_killed.min) == (12, 9)


def test_a_claim_that_names_no_place_is_of_the_attack_told_before_it() -> None:
    text = ("Updated Mar 8, 2024\nGunmen stormed the police post in Velna on Friday, killing "
            "three policemen, the district police chief said. The attackers were killed after a "
            "gunfight that lasted hours.\n\nA little-known group calling itself the Red Banner "
            "claimed responsibility.\n\nIn a second attack, militants fired on a checkpoint at "
            "Tesh, killing two soldiers. No group claimed it.\n\nOn Tuesday, a bomber struck a "
            "base at Kastrel, killing 23 soldiers. The Kovar Front claimed that attack. The "
            "government accuses the PKK of arming the group.")  # fmt: skip
    velna, tesh, kastrel = code(text, DraftIncident(type="armed_clash", places=["Velna"], killed="three policemen"),
                                DraftIncident(type="armed_clash", places=["Tesh"], killed="two soldiers"),
                                DraftIncident(type="bombing", places=["Kastrel"], killed="23 soldiers"))
    assert (velna.perpetrators, tesh.perpetrators, kastrel.perpetrators) == (["Red Banner"], [], ["Kovar Front"])


def test_an_undated_incident_takes_the_day_of_its_first_telling_in_the_body() -> None:
    text = ("Velna academy attack | Death toll rises to 40\n\nPublished 6 October 2023\n\nPhoto: "
            "Mourners outside the hospital in Velna on Friday.\n\nThe monitor documented a new rise "
            "in the toll of the attack on the military academy in Velna city on Thursday. It said "
            "40 people were killed in Velna. The Velna hospital said 40 people were killed.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="bombing", places=["Velna"], killed="Death toll rises to 40"))
    assert (str(velna.date), velna.date_text) == ("2023-10-05", "on Thursday")


def test_officials_cited_by_what_they_are_give_way_to_a_named_source() -> None:
    text = ("Updated Mar 8, 2024\nA missile hit a block of flats in Velna on Friday, killing 5 people, "
            "regional officials said. Governor Dana Ostrova said rescuers were still at work.\n\nIn "
            "Tesh, shelling killed 2 people, local officials said.")  # fmt: skip
    velna, tesh = code(text, DraftIncident(type="shelling", places=["Velna"], killed="5 people"),
                       DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))
    assert (velna.sources, tesh.sources) == (["Dana Ostrova"], ["local officials"])
    text = text.replace("Dana Ostrova", "Dana Al-Ostrova")  # a name of hyphenated parts names one too
    (velna,) = code(text, DraftIncident(type="shelling", places=["Velna"], killed="5 people"))
    assert velna.sources == ["Dana Al-Ostrova"]


def test_a_ministry_is_named_with_its_countrys_adjective_and_its_topic() -> None:
    text = ("Updated Mar 8, 2024\nA drone hit a bus in Oruna in Sudan's north on Friday, killing 5 "
            "people, the Ministry of Health said. In Tesh, a shell killed 2 people, the ministry said.")  # fmt: skip
    oruna, tesh = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="5 people"),
                       DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))
    assert oruna.sources == tesh.sources == ["Sudanese Health Ministry"]
    text = ("Updated Mar 8, 2024\nIn Velna in Sudan's north, 3 people were killed, Chad's Ministry of "
            "Public Health said.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="shelling", places=["Velna"], killed="3 people"))
    assert velna.sources == ["Chadian Ministry of Public Health"]
    text = ("Updated Mar 8, 2024\nIn Velna in Sudan's north, 3 people were killed, the rebels' health "
            "ministry said.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="shelling", places=["Velna"], killed="3 people"))
    assert velna.sources == ["health ministry"]  # the rebels', not the country's: as cited


def test_a_sentence_going_back_to_the_village_by_what_it_is_goes_on_telling_of_it() -> None:
    text = ("Updated Mar 8, 2024\nRebels took the village of Velna from the army on Monday, a "
            "spokesman said. The assault on the village, which lies near Tesh, began at dawn. "
            "Four fighters were killed in the battle, he said.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="territory_capture", places=["Velna"]))
    assert velna.killed.min == 4


def test_a_toll_of_people_who_had_fled_is_the_incidents() -> None:
    text = ("Updated Mar 8, 2024\nA drone struck a school in Velna on Friday night, a spokesman said. "
            "Officials said the strike on the school had killed 56 civilians, most of them people "
            "who had fled earlier fighting, and gave the toll of wounded as 30.")  # fmt: skip
    (velna,) = code(text, DraftIncident(type="air_strike", places=["Velna"], when="on Friday night"))
    assert (velna.killed.min, velna.civilians_killed.min) == (56, 56)


def test_who_killed_as_the_subject_and_as_the_region_telling_says() -> None:
    text = ("Published: 5 June 2024\nTESH, June 5 (Wire) - Suspected jihadists killed 14 soldiers in "
            "an assault on an army camp in the Oruna region on Saturday, the army said. About 30 "
            "fighters stormed the camp at Velna at 4 a.m. Fourteen soldiers died, it said. The "
            "Kastrel region, where troops fight rebels in the Kastrel region's hills, was calm.")  # fmt: skip
    region = text.split("\n")[1].split(" About 30")[0]
    placed_ = "About 30 fighters stormed the camp at Velna at 4 a.m."
    (velna,) = code(text, DraftIncident(type="armed_clash", places=["Velna"], killed="Fourteen soldiers", lead=placed_),
                    DraftIncident(type="bombing", places=["Oruna region"], killed="14 soldiers", lead=region))
    assert (velna.perpetrators, velna.location.admin1) == (["jihadists"], "Oruna")
    (alone,) = code(text, DraftIncident(type="bombing", places=["Oruna region"], killed="14 soldiers", lead=region))
    assert alone.perpetrators == ["jihadists"]
    counted = "Updated Mar 8, 2024\nTwo suspected jihadists killed a guard at a school in Tesh on Friday."
    (school,) = code(counted, DraftIncident(type="armed_attack", places=["Tesh"], killed="a guard"))
    assert school.perpetrators == ["jihadists"]  # counted attackers are still who did it


def test_an_outlet_someone_told_is_a_source_unless_it_is_the_articles_own() -> None:
    text = ("Updated Mar 8, 2024\nA drone hit a bus in Oruna on Friday, killing 5 people, residents "
            "told Velna Radio. In Tesh, shells killed 2 people, a doctor, Dana Ostrova, told Reuters. Police gave "
            "the Kastrel Courier newspaper a toll of 3 dead in Dorvik.")  # fmt: skip
    oruna, tesh, dorvik = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="5 people"),
                               DraftIncident(type="shelling", places=["Tesh"], killed="2 people"),
                               DraftIncident(type="shelling", places=["Dorvik"], killed="3 dead"))
    assert oruna.sources == ["residents", "Velna Radio"]
    assert tesh.sources == ["Dana Ostrova", "Reuters"]
    assert "Kastrel Courier" in dorvik.sources
    own = text.replace("2024\nA drone", "2024\nLEMURIA, March 8 (Reuters) - A drone")
    _, tesh, _ = code(own, DraftIncident(type="air_strike", places=["Oruna"], killed="5 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"),
                      DraftIncident(type="shelling", places=["Dorvik"], killed="3 dead"))
    assert tesh.sources == ["Dana Ostrova"]  # the article's own reporter was told


def test_who_puts_the_number_at_a_figure_is_a_source() -> None:
    text = ("Updated Mar 8, 2024\nA drone hit a bus in Oruna on Friday, killing 5 people. The Velna "
            "Rescue Service put the number of injured at 12.")  # fmt: skip
    (oruna,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="5 people"))
    assert oruna.sources == ["Velna Rescue Service"]


def test_the_director_of_a_body_speaks_for_it() -> None:
    text = ("Updated Mar 8, 2024\nA drone hit a school in Oruna on Friday, killing 5 children. The "
            "Velna Children's Fund's executive director, Dana Ostrova, said the dead were pupils.")  # fmt: skip
    (oruna,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="5 children"))
    assert oruna.sources == ["Velna Children's Fund"]


def test_another_kinds_telling_at_the_place_and_day_with_no_toll_is_the_same_event() -> None:
    rounds = "In the afternoon, high-explosive rounds hit Oruna on Sunday, wounding five others, the rescue service said."
    text = ("Updated Mar 8, 2024\nJets struck the market of Oruna on Sunday, the monitor said. Six "
            "civilians were killed there.\n\nThe town's school was closed. " + rounds)  # fmt: skip
    strike = DraftIncident(type="air_strike", places=["Oruna"], when="on Sunday", killed="Six civilians")
    second = DraftIncident(type="bombing", places=["Oruna"], when="on Sunday", injured="five others", lead=rounds)
    (incident,) = code(text, strike, second)
    assert incident.event_type is EventType.air_strike
    assert (incident.killed.min, incident.injured.min) == (6, 5)
    undated = text.replace(" on Sunday", "")
    assert len(code(undated, strike.model_copy(update={"when": None}),
                    second.model_copy(update={"when": None, "lead": rounds.replace(" on Sunday", "")}))) == 2


def test_bodies_are_a_toll() -> None:
    text = ("Updated Mar 8, 2024\nA drone hit a bus in Oruna on Friday, killing 9 people. The Oruna "
            "hospital received the bodies of 4 children from the bus, a doctor said.\n\nIn Tesh, "
            "rescuers pulled 12 bodies from the rubble of a block of flats hit by a missile.")  # fmt: skip
    oruna, tesh = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="9 people"),
                       DraftIncident(type="shelling", places=["Tesh"]))
    assert (oruna.killed.min, oruna.children_killed.min) == (9, 4)
    assert (tesh.killed.min, tesh.killed.text) == (12, "12 bodies")


def test_the_wounded_of_a_sentence_going_back_to_the_attack() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 2 people, the governor said. "
            "The shells damaged homes and a school. A 46-year-old man was also wounded in the attack."
            "\n\nIn Tesh, a drone hit a car, killing 1 person, officials said.")  # fmt: skip
    oruna, tesh = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="2 people"),
                       DraftIncident(type="air_strike", places=["Tesh"], killed="1 person"))
    assert (oruna.injured.min, oruna.injured.text) == (1, "A 46-year-old man was also wounded")
    assert tesh.injured.text is None  # told after Oruna's, not after Tesh's


def test_an_attack_on_those_who_fight_back_is_a_clash() -> None:
    text = ("Updated Mar 8, 2024\nGunmen stormed an army post in Oruna on Friday, killing 4 soldiers, "
            "the army said.\n\nGunmen stormed the village of Tesh on Friday, killing 6 villagers and "
            "2 police officers guarding it.")  # fmt: skip
    post, village = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="4 soldiers"),
                         DraftIncident(type="armed_attack", places=["Tesh"], killed="6 villagers"))
    assert post.event_type is EventType.armed_clash
    assert village.event_type is EventType.armed_attack  # villagers killed: a massacre


def test_the_same_day_is_the_day_of_the_incident_told_before() -> None:
    text = ("Updated Mar 9, 2024\nOn Tuesday a drone hit Velna, killing 2 guards.\n\nShells hit Oruna "
            "on Thursday, killing 3 people. The same day, soldiers repelled an assault on an army "
            "post in Tesh, the army said.")  # fmt: skip
    lead = "The same day, soldiers repelled an assault on an army post in Tesh, the army said."
    velna, oruna, tesh = code(text, DraftIncident(type="air_strike", places=["Velna"], killed="2 guards"),
                              DraftIncident(type="shelling", places=["Oruna"], killed="3 people"),
                              DraftIncident(type="armed_clash", places=["Tesh"], lead=lead))
    assert (str(velna.date), str(oruna.date)) == ("2024-03-05", "2024-03-07")
    assert str(tesh.date) == "2024-03-07"  # Oruna's Thursday, not the article's day


def test_a_state_or_group_a_source_is_written_as_owning_is_named_as_the_tables_name_it() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna in Mexico's north on Friday, killing 5 people, "
            "Mexico's army said. The Wagner group said it had fired on army positions.")  # fmt: skip
    (oruna,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="5 people"))
    assert oruna.sources == ["Mexican army", "Wagner Group"]
    owned = text.replace("The Wagner group", "Mexico's JNIM")
    (oruna,) = code(owned, DraftIncident(type="shelling", places=["Oruna"], killed="5 people"))
    assert oruna.sources == ["Mexican army", "JNIM"]  # a group named as a country's


def test_a_bare_army_as_a_source_is_named_by_its_state() -> None:
    text = ("Updated Mar 8, 2024\nGunmen attacked an army post in Oruna in Sudan's north on Friday, "
            "killing 5 soldiers, the army said. In Tesh, shells killed 2 people, the military said.")  # fmt: skip
    oruna, tesh = code(text, DraftIncident(type="armed_clash", places=["Oruna"], killed="5 soldiers"),
                       DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))
    assert (oruna.sources, tesh.sources) == (["Sudanese army"], ["Sudanese military"])
    first = text.replace("killing 5 soldiers, the army said.", "killing 5 soldiers. The Army said so.")
    (oruna,) = code(first, DraftIncident(type="armed_clash", places=["Oruna"], killed="5 soldiers"))
    assert oruna.sources[0] == "Sudanese army"  # "The Army" as a sentence's first words


def test_a_group_that_claims_responsibility_is_also_a_source() -> None:
    text = ("Updated Mar 8, 2024\nAnsar al-Kastrel on Friday claimed responsibility for an attack in "
            "the north a day earlier. Gunmen stormed the police post in Oruna on Thursday, killing 4 "
            "officers, officials said. In Tesh, a roadside bomb killed 2 soldiers on Friday, the army "
            "said.")  # fmt: skip
    post, bomb = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="4 officers"),
                      DraftIncident(type="bombing", places=["Tesh"], killed="2 soldiers"))  # fmt: skip
    assert post.perpetrators == ["Ansar al-Kastrel"]  # not the day it claimed on
    assert post.sources == ["officials", "Ansar al-Kastrel"]  # the claim is told before the post's Oruna
    assert bomb.sources == ["army"]  # Tesh is told after Oruna: not its claim


def test_a_source_told_as_it_or_he_is_the_one_the_sentence_before_cites() -> None:
    text = ("Updated Mar 8, 2024\nThe state-run Kastrel News Agency (KNA) said jets struck Oruna on "
            "Friday, killing 3 people. It also reported that a drone hit a car in Tesh, killing one "
            "person.")  # fmt: skip
    strikes = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="3 people"),
                   DraftIncident(type="air_strike", places=["Tesh"], killed="one person"))  # fmt: skip
    assert [s.sources for s in strikes] == [["Kastrel News Agency"]] * 2


def test_the_wounded_told_with_a_part_of_the_dead_after_the_toll_are_its_own() -> None:
    text = ("Updated Mar 8, 2024\nIn the village of Oruna, the death toll from Thursday's missile strike "
            "on a cafe rose to 12, the governor said on Friday. A six-year-old boy was among the dead, "
            "and four people were wounded. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    strike, _ = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="rose to 12"),
                     DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert (strike.injured.min, strike.injured.max) == (4, 4)


def test_a_part_of_the_dead_keeps_its_range_and_qualifier() -> None:
    text = ("Updated Mar 8, 2024\nJets struck a market in Oruna on Friday, killing as many as 80 people. "
            "A medic said between 20 and 30 children were among the dead. In Tesh, shelling killed 9 "
            "people on Friday; at least 4 women were among the dead.")  # fmt: skip
    market, shelled = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="as many as 80 people"),
                           DraftIncident(type="shelling", places=["Tesh"], killed="9 people"))  # fmt: skip
    assert (market.children_killed.min, market.children_killed.max) == (20, 30)
    assert (shelled.women_killed.min, shelled.women_killed.max) == (4, None)


def test_a_label_with_no_name_is_no_perpetrator() -> None:
    text = ("Updated Mar 8, 2024\nArmed terrorist groups and Houthi fighters attacked an army post in "
            "Oruna on Friday, killing 3 soldiers, the army said.")  # fmt: skip
    (post,) = code(text, DraftIncident(type="armed_clash", places=["Oruna"], killed="3 soldiers",
                                       perpetrators=["armed terrorist groups", "Houthi fighters"]))  # fmt: skip
    assert post.perpetrators == ["Houthis"]


def test_a_day_told_as_days_ago_is_counted_back_from_the_articles_date() -> None:
    text = "Updated Mar 8, 2024\nJets struck the market of Oruna two days ago, killing 3 people, officials said."
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="3 people"))
    assert strike.date == dt.date(2024, 3, 6)


def test_a_party_that_denies_the_attack_is_cited_for_it() -> None:
    text = ("Updated Mar 8, 2024\nA missile hit the market of Oruna on Friday, killing 7 people, the "
            "governor said. The Atlantean Defence Ministry denied that its forces had struck the "
            "market. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    market, _ = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="7 people"),
                     DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert "Atlantean Defence Ministry" in market.sources


def test_counts_told_in_the_active_voice_as_a_relative_or_in_a_list_of_the_dead() -> None:
    def one(sentence: str, killed: str) -> object:
        text = "Updated Mar 8, 2024\n" + sentence + " In Tesh, shelling killed 2 people on Friday."
        return code(text, DraftIncident(type="air_strike", places=["Oruna"], killed=killed),
                    DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))[0]  # fmt: skip

    hit = one("Jets hit Oruna on Friday and killed 5 people and wounded 10, the governor said.", "5 people")
    assert (hit.injured.min, hit.injured.max) == (10, 10)
    hit = one("Jets struck Oruna on Friday, killing 11 people, seven of whom were children.", "11 people")
    assert (hit.children_killed.min, hit.children_killed.max) == (7, 7)
    hit = one("A drone hit a house in Oruna on Friday, killing six people. Two children and an elderly "
              "man were among the dead, medics said.", "six people")  # fmt: skip
    assert (hit.children_killed.min, hit.children_killed.max) == (2, 2)


def test_one_of_the_dead_told_by_a_is_one() -> None:
    text = ("Updated Mar 8, 2024\nJets struck a market in Oruna on Friday, killing six people, including "
            "a pregnant woman and two children. A woman said she heard the jets. In Tesh, shelling killed "
            "2 people on Friday; a baby was among the dead.")  # fmt: skip
    market, shelled = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="six people"),
                           DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert (market.women_killed.min, market.women_killed.max) == (1, 1)
    assert (shelled.children_killed.min, shelled.children_killed.max) == (1, 1)
    assert shelled.women_killed.text is None  # "A woman said": no one of the dead


def test_a_day_told_as_ten_days_ago_is_a_day_of_the_sentence() -> None:
    text = "Updated Mar 18, 2024\nJets struck the market of Oruna 10 days ago, killing 3 people, officials said."
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="3 people"))
    assert strike.date == dt.date(2024, 3, 8)


def test_who_wrote_or_posted_of_the_attack_is_cited() -> None:
    text = ("Updated Mar 8, 2024\nWomen and children were among the dead in Oruna, Dara Velik, the "
            "governor of the region, wrote on X. Shells hit Oruna on Friday, killing 9 people. In Tesh, "
            "shelling killed 2 people on Friday.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert "Dara Velik" in shelled.sources
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 9 people. Atlantean officials "
            "insist that all those killed in Oruna were farmers. In Tesh, shelling killed 2 people.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert "Atlantean officials" in shelled.sources
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 9 people. The Velna Monitor has "
            "documented the death of 9 civilians in Oruna. In Tesh, shelling killed 2 people.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert "Velna Monitor" in shelled.sources


def test_a_sentence_opening_with_according_to_cites_and_the_title_is_the_last_holder() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 9 people. According to the Velna "
            "Monitor, the shells came from the hills. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert shelled.sources == ["Velna Monitor"]
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 9 people, regional governor Dara "
            "Velik said. According to the governor, 30 homes in Oruna were damaged. In Tesh, shelling "
            "killed 2 people on Friday, regional governor Marko Tesh said.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert shelled.sources == ["Dara Velik"]  # the governor named before, of two


def test_a_toll_told_as_dozens_takes_the_figures_the_next_sentences_give() -> None:
    text = ("Updated Mar 8, 2024\nDrones struck a parade in Oruna on Thursday, killing dozens of people. "
            "No group said it was behind the attack. The governor told state radio the toll stood at 40 "
            "dead, and that about 90 people had been wounded. The Velna Monitor said more than 30 people "
            "had been killed. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    parade, _ = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="dozens of people"),
                     DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert (parade.killed.min, parade.killed.max) == (31, 40)
    assert (parade.injured.min, parade.injured.max) == (90, 90)
    assert parade.killed.text.startswith("dozens of people / ")


def test_killing_dozens_is_no_dozen() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Thursday, killing dozens of people. Officials in "
            "Oruna said 40 people were killed.")  # fmt: skip
    (shelled,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="40 people were killed"))
    assert (shelled.killed.min, shelled.killed.max) == (40, 40)


def test_a_sayer_set_off_by_a_long_description_is_cited() -> None:
    text = ("Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 9 people. The Velna Monitor, a "
            "group abroad that tracks the war through a wide network of contacts inside the country, "
            "said more than 9 people died in Oruna. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert shelled.sources == ["Velna Monitor"]


def test_the_articles_own_country_named_in_a_sentence_is_no_other_place() -> None:
    text = ("Updated Mar 8, 2024\nJets hit a home in Oruna in Sudan on Friday, killing 5 civilians, "
            "rescuers said. The Velna Monitor said the dead were all displaced from elsewhere in "
            "Sudan. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    home, _ = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="5 civilians"),
                   DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert "Velna Monitor" in home.sources


def test_a_part_of_the_dead_told_among_the_so_many_killed_or_as_of_the_dead() -> None:
    def parts(sentence: str) -> tuple:
        text = f"Updated Mar 8, 2024\nShelling hit Oruna on Friday, killing five civilians. {sentence}"
        (shelled,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="five civilians"))
        return shelled.children_killed.min, shelled.women_killed.min

    assert parts("Three women were among the five killed, officials said.") == (None, 3)
    assert parts("The dead included two children and a woman.") == (2, 1)
    assert parts("Three of the dead were children.") == (3, None)
    # told in the sentence that states the toll again
    text = ("Updated Mar 8, 2024\nShelling hit Oruna on Friday, killing five civilians, medics said. The "
            "Velna Monitor said the dead were all farmers. Rescuers said three women were among the "
            "five killed. In Tesh, shelling killed 2 people on Friday.")  # fmt: skip
    shelled, _ = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="five civilians"),
                      DraftIncident(type="shelling", places=["Tesh"], killed="2 people"))  # fmt: skip
    assert shelled.women_killed.min == 3


def test_a_day_told_as_another_events_possessive_gives_way_to_the_incidents_own() -> None:
    text = ("Updated Mar 8, 2024\nJets hit Tesh on Thursday, killing 8 people. Thursday's barrage came "
            "days after a missile slammed into a market in Oruna on Saturday, killing 17 people.")  # fmt: skip
    _, market = code(text, DraftIncident(type="air_strike", places=["Tesh"], killed="8 people"),
                     DraftIncident(type="air_strike", places=["Oruna"], killed="17 people"))  # fmt: skip
    assert market.date == dt.date(2024, 3, 2)


def test_an_actors_name_cut_short_is_given_whole() -> None:
    text = ("Updated Mar 8, 2024\nUnits of the Velna Support Force and its Joint Operations Room "
            "stormed Oruna on Friday, killing 4 fighters, officials said.")  # fmt: skip
    (clash,) = code(text, DraftIncident(type="armed_clash", places=["Oruna"], killed="4 fighters",
                                        perpetrators=["Velna Support Force", "Joint Operations"]))  # fmt: skip
    assert clash.perpetrators == ["Velna Support Force", "Joint Operations Room"]


def test_who_residents_say_stormed_the_place_is_its_attacker_not_an_actor_told_elsewhere() -> None:
    text = ("Updated Mar 8, 2024\nIn Tesh, residents said about 30 bandits on motorcycles stormed Oruna "
            "on Monday, killing 11 people. Police said members of a local vigilante group, the Velna "
            "Guard, had gone into the forest to confront the bandits and did not return.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="11 people",
                                       perpetrators=["Velna Guard vigilante group"]))  # fmt: skip
    assert raid.perpetrators == ["bandits"]


def test_sources_cited_by_what_they_gave_or_who_cited_them() -> None:
    def cited(tail: str) -> list[str]:
        text = f"Updated Mar 8, 2024\nShells hit Oruna on Friday, killing 9 people{tail}"
        (shelled,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="9 people"))
        return shelled.sources

    assert cited(", according to figures from the Velna Monitor.") == ["Velna Monitor"]
    assert cited(", according to a statement from the Velna Monitor.") == ["Velna Monitor"]
    assert cited(", the Velna Monitor's spokesman said.") == ["Velna Monitor"]  # unnamed: the body
    assert cited(", Velna Radio reported, citing the Kastrel Monitor.") == ["Velna Radio", "Kastrel Monitor"]
    assert cited(", Velna Radio reported, citing Sudanese officials.") == ["Velna Radio"]  # no name
    assert cited(". Witnesses gave a higher toll of 12 dead.") == ["Witnesses"]
    assert cited(". Speaking to Velna Radio, Dara Velik said the dead were farmers.") == ["Dara Velik", "Velna Radio"]


def test_the_dead_of_a_battle_told_further_on_and_fighters_fleeing_are_no_flight() -> None:
    text = ("Updated Mar 8, 2024\nTroops retook Oruna on Friday after fierce fighting, officials said. "
            "Troops then searched the houses. At least eight militants died in the ground fighting, while "
            "helicopters killed many more as they hunted down militants fleeing the area. A spokesman "
            "put the number of fighters killed in the battle at about 30.")  # fmt: skip
    (taken,) = code(text, DraftIncident(type="territory_capture", places=["Oruna"]))
    assert (taken.killed.min, taken.killed.max) == (8, 30)
    assert "A spokesman" not in taken.sources


def test_a_headlines_wounded_before_a_semicolon_are_not_the_other_places() -> None:
    text = ("Updated Mar 3, 2024\nDrones hit Oruna hospital, injuring seven; one dead after Tesh "
            "attack\nDrones hit a hospital in Oruna on Saturday and injured seven people, officials "
            "said.\n\nA day earlier, drones struck Tesh, killing one person, the governor said.")  # fmt: skip
    _, tesh = code(text, DraftIncident(type="air_strike", places=["Oruna"], injured="seven people"),
                   DraftIncident(type="air_strike", places=["Tesh"], killed="one person"))  # fmt: skip
    assert tesh.injured.text is None


def test_the_jets_of_a_named_side_name_the_attacker() -> None:
    text = ("Updated Mar 8, 2024\nFighter jets of the Saudi-led coalition struck a bus in Oruna in Yemen on "
            "Thursday, killing 43 civilians, according to the health office.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="43 civilians"))
    assert strike.perpetrators == ["Saudi-led coalition"]


def test_one_person_wounded_a_list_summed_and_a_toll_all_of_one_part() -> None:
    text = ("Updated Mar 8, 2024\nShelling hit a home in Oruna on Thursday, killing five people, all of "
            "them civilians. The rescue service said three women were among the five killed in Oruna and "
            "that another woman was injured.\n\nIn Tesh, a drone struck a checkpoint on Friday. Two guards were killed, "
            "while four of their comrades and a driver were wounded, the governor said.")  # fmt: skip
    home, checkpoint = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="five people"),
                            DraftIncident(type="air_strike", places=["Tesh"], killed="Two guards"))  # fmt: skip
    assert (home.civilians_killed.min, home.civilians_killed.max) == (5, 5)
    assert (home.injured.min, home.injured.text) == (1, "another woman was injured")
    assert (checkpoint.injured.min, checkpoint.injured.max) == (5, 5)


def test_an_attack_told_as_two_kinds_at_one_place_and_day_shares_its_attackers() -> None:
    text = ("Updated Mar 8, 2024\nMilitants of al-Shabaab ambushed a police patrol near the border in Somalia "
            "on Friday morning, detonating a roadside bomb under their vehicle, police said. The attack "
            "happened in Oruna.\n\nThe deputy commissioner of Oruna said the police vehicle was badly "
            "damaged by the explosion.")  # fmt: skip
    clash, bomb = code(text, DraftIncident(type="armed_clash", places=["Oruna"], perpetrators=["al-Shabaab"]),
                       DraftIncident(type="bombing", places=["Oruna"], target="police vehicle"))  # fmt: skip
    assert (clash.date, bomb.date) == (dt.date(2024, 3, 8), dt.date(2024, 3, 8))
    assert bomb.perpetrators == ["al-Shabaab"]


def test_who_said_they_were_horrified_reacted_and_is_no_source() -> None:
    text = ("Updated Mar 8, 2024\nDrones struck a school in Oruna in Yemen on Thursday, killing 12 children, "
            "according to the health office. Dara Velik, the envoy of the Velna Fund, said she was horrified by the "
            "images from Oruna.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="12 children"))
    assert strike.sources == ["health office"]


def test_the_day_of_another_incidents_sentence_is_not_this_ones() -> None:
    later = "On Thursday, strikes on Tesh killed two people, and a later strike on Velna killed two more."
    text = ("Published on 8 Mar 2024\nDrones kill four in the south\nA drone strike on a car in Oruna killed "
            f"two people and wounded two others, officials said.\n\n{later}")  # fmt: skip
    car, velna = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="two people"),
                      DraftIncident(type="air_strike", places=["Velna"], killed="two more", lead=later))  # fmt: skip
    assert velna.date == dt.date(2024, 3, 7)
    assert car.date == dt.date(2024, 3, 8)


def test_another_account_of_the_toll_told_apart_is_this_incidents() -> None:
    text = ("Updated Mar 8, 2024\nDrones hit Oruna\nAt least eight people were killed and 27 wounded when "
            "drones struck Oruna on Thursday, officials said.\n\nLoud explosions shook the town as the drones "
            "came down, residents said.\n\nTwo other sources gave Velna Radio a lower toll of five dead and "
            "more than 15 wounded.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="At least eight people",
                                         injured="27 wounded"))  # fmt: skip
    assert (strike.killed.min, strike.killed.max) == (5, 8)
    assert (strike.injured.min, strike.injured.max) == (16, 27)


def test_a_toll_told_as_lives_lost_deaths_or_shot_dead_is_a_toll() -> None:
    for retold, figures in (("The blast in Oruna claimed the lives of 14 people", (12, 14)),
                            ("Officials in Oruna recorded 15 deaths", (12, 15)),
                            ("In Oruna, 13 people lost their lives", (12, 13)),
                            ("In Oruna, 11 people were shot dead", (11, 12))):  # fmt: skip
        text = f"Updated Mar 8, 2024\nA car bomb killed 12 people in Oruna on Friday, police said. {retold}, a doctor said."
        (blast,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="12 people"))
        assert (blast.killed.min, blast.killed.max) == figures, retold


def test_the_wounded_told_as_injuries_sustained_are_the_wounded() -> None:
    text = ("Updated Mar 8, 2024\nA car bomb killed 12 people in Oruna on Friday, police said. In Oruna, "
            "30 others sustained injuries, a doctor said.")  # fmt: skip
    (blast,) = code(text, DraftIncident(type="bombing", places=["Oruna"], killed="12 people"))
    assert (blast.injured.min, blast.injured.text) == (30, "30 others sustained injuries")


def test_the_wounded_the_same_speaker_goes_on_to_give_and_an_update() -> None:
    text = ("Updated Mar 8, 2024\nDrones hit Oruna on Friday, killing one person, governor Dana Ostrova said. "
            "Ostrova said three other people were wounded. An early update from the regional office had "
            "mentioned only one injured person.\n\nIn Tesh, a shell killed two soldiers on Thursday.")  # fmt: skip
    strike, _ = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="one person"),
                     DraftIncident(type="shelling", places=["Tesh"], killed="two soldiers"))  # fmt: skip
    assert (strike.injured.min, strike.injured.max) == (1, 3)


def test_a_province_of_two_words_and_a_figure_of_those_already_told() -> None:
    text = ("Updated Mar 14, 2024\nFighters stormed the village of Um Oruna in the neighbouring province of "
            "South Darfur on Tuesday, killing 12 villagers, residents said.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Um Oruna"], killed="12 villagers"))
    assert raid.location.admin1 == "South Darfur"
    assert list(region_names(text).values()) == ["South Darfur"]  # not "South"
    text = ("Updated Oct 3, 2024\nA missile hit the Kastrel camp in Yemen on Sunday, officials said. One of them "
            "said the death toll could rise as two of the wounded were in critical condition.")  # fmt: skip
    (camp,) = code(text, DraftIncident(type="shelling", places=["Kastrel camp"], killed="death toll could rise as two"))
    assert camp.killed.text is None  # two of the wounded: not the dead


def test_one_speaker_named_by_role_only_is_a_source_unless_a_named_one_speaks() -> None:
    text = ("Updated Mar 8, 2024\nDrones struck a bakery in Oruna in Yemen on Thursday, killing nine people, "
            "an aid worker said. A military source said the drones came from the east, and a witness said "
            "the bakery burned for hours.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="nine people"))
    assert set(strike.sources) == {"aid worker", "military source", "witness"}
    named = text.replace("an aid worker said", "governor Dana Ostrova said")
    (strike,) = code(named, DraftIncident(type="air_strike", places=["Oruna"], killed="nine people"))
    assert strike.sources == ["Dana Ostrova"]


def test_a_day_counted_from_the_incident_told_before() -> None:
    earlier = "A day earlier, a drone attack on the village of Velna wounded two farmers, the governor said."
    later = "Two days later, shells hit the market in Kastrel, killing a man, the governor said."
    text = ("Updated Mar 8, 2024\nShelling hits Oruna\nShells struck Oruna on Wednesday, killing three people, "
            f"regional governor Dana Ostrova said. {earlier} {later}")  # fmt: skip
    oruna, velna, kastrel = code(
        text, DraftIncident(type="shelling", places=["Oruna"], killed="three people", when="on Wednesday"),
        DraftIncident(type="air_strike", places=["Velna"], injured="two farmers", lead=earlier),
        DraftIncident(type="shelling", places=["Kastrel"], killed="a man", lead=later),
    )  # fmt: skip
    assert oruna.date == dt.date(2024, 3, 6)
    assert velna.date == dt.date(2024, 3, 5)
    assert kastrel.date == dt.date(2024, 3, 8)
    assert velna.sources == ["Dana Ostrova"]  # "the governor": the one the article names


def test_one_woman_in_a_toll_told_as_a_list_and_a_part_the_speaker_goes_on_to_give() -> None:
    text = ("Updated Mar 8, 2024\nShells struck Oruna on Wednesday evening, killing a woman and her three "
            "children, the emergency service said.\n\nGunmen stormed the village of Tesh on Sunday, killing at "
            "least 23 people, officials said. The attackers burned homes, district commissioner Ivo Marek told "
            "Velna Radio. He said 11 of the dead were children.")  # fmt: skip
    oruna, tesh = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="a woman and her three children"),
                       DraftIncident(type="armed_attack", places=["Tesh"], killed="at least 23 people"))  # fmt: skip
    assert (oruna.killed.min, oruna.women_killed.min, oruna.children_killed.min) == (4, 1, 3)
    assert (tesh.killed.min, tesh.children_killed.min) == (23, 11)


def test_who_is_blamed_for_the_attack_did_it() -> None:
    for blame in ("Officials blamed the Houthis for the attack.",
                  "No group claimed responsibility, but officials blamed the Houthis, who are active in the area."):  # fmt: skip
        text = ("Updated Mar 8, 2024\nDrones struck a market in Oruna in Yemen on Thursday, killing nine people, "
                f"officials said. {blame}")  # fmt: skip
        (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="nine people"))
        assert strike.perpetrators == ["Houthis"], blame


def test_warplanes_are_how_and_the_wounded_may_be_taken_to_hospital_with_injuries() -> None:
    text = ("Updated Mar 8, 2024\nWarplanes struck a camp in Oruna on Thursday, killing 31 people, officials "
            "said. Twenty-six people were taken to hospital with injuries, six of them in critical condition.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="31 people",
                                         perpetrators=["Warplanes"]))  # fmt: skip
    assert (strike.injured.min, strike.injured.max) == (26, 26)
    assert strike.perpetrators == []


def test_a_part_among_the_dead_where_the_toll_is_stated_without_the_place() -> None:
    text = ("Updated Mar 8, 2024\nOn Thursday, rebels struck the Velna district of Oruna.\n\n\"The rebels killed with "
            "machetes. We have recorded six dead, among them a one-year-old baby,\" said prosecutor Dana Ostrova.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="armed_attack", places=["Velna"], killed="six dead"))
    assert (raid.killed.min, raid.children_killed.min, raid.children_killed.max) == (6, 1, 1)


def test_a_monitor_named_once_is_the_monitor_and_its_parts_keep_the_day() -> None:
    text = ("Monitor: shelling kills 11 in Oruna\n\nPublished on 3 September 2025\n\nGovernment forces shelled "
            "the village of Dorvik on Tuesday, killing 11 civilians, the Velna Human Rights Monitor said. "
            "Seven of the dead were killed in Tesh, a hamlet nearby, the monitor said.\n\nIn the north, a car bomb exploded in the "
            "town of Kastrel on Tuesday evening, killing two fighters, the monitor added.")  # fmt: skip
    dorvik, tesh, kastrel = code(
        text, DraftIncident(type="shelling", places=["Dorvik"], killed="11 civilians", when="on Tuesday"),
        DraftIncident(type="shelling", places=["Tesh"], killed="Seven of the dead", lead="Seven of the dead were killed in Tesh, a hamlet nearby, the monitor said."),
        DraftIncident(type="bombing", places=["Kastrel"], killed="two fighters", when="on Tuesday evening"),
    )  # fmt: skip
    assert dorvik.sources == tesh.sources == kastrel.sources == ["Velna Human Rights Monitor"]
    assert tesh.date == kastrel.date == dt.date(2025, 9, 2)


def test_the_last_of_a_list_toll_is_no_telling_of_its_own() -> None:
    text = ("Rebels seize border town of Velna after three-day battle\n\nUpdated 14 Feb 2025\n\nFighters of the "
            "Tesh Liberation Army captured the town of Velna on the border with Dorvik on Thursday after three days "
            "of fighting with government troops, the group and local sources said.\n\n\"Our forces have taken full "
            "control of Velna,\" group spokesman Ivo Marek said.\n\nAt least 17 soldiers and nine rebel fighters "
            "were killed in the fighting, according to a local official who asked not to be named.")  # fmt: skip
    (capture,) = code(text, DraftIncident(type="territory_capture", places=["Velna"], when="on Thursday",
                                          perpetrators=["Tesh Liberation Army"]))  # fmt: skip
    assert (capture.killed.min, capture.killed.max) == (26, None)


def test_the_wounded_told_as_others_after_the_dead_are_the_incidents() -> None:
    text = ("Drone strike on wedding kills 16 in Kastrel\n\nPublished 2 May 2025\n\nA drone struck a wedding party "
            "in the village of Tesh late on Thursday, killing 16 people, the Oruna Red Crescent said.\n\nA boy aged "
            "eight was among those killed. Nineteen other guests sustained injuries and were taken to hospitals in "
            "Dorvik.")  # fmt: skip
    (strike,) = code(
        text, DraftIncident(type="air_strike", places=["Tesh"], killed="16 people", when="late on Thursday"),
        DraftIncident(type="air_strike", places=["Dorvik"], lead="Nineteen other guests sustained injuries and were "
                      "taken to hospitals in Dorvik."),
    )  # fmt: skip
    assert (strike.location.places, strike.injured.min) == (["Tesh"], 19)  # the hospitals' town is no incident's


def test_the_wounded_who_escaped_or_are_treated_and_not_the_abducted() -> None:
    text = ("Gunmen kill 8 farmers in Velna state\n\nMarch 30, 2025\n\nGunmen killed eight farmers working in "
            "their fields near the village of Oruna on Saturday, police said.\n\nTwo women were abducted, and three "
            "other farmers escaped with gunshot wounds, he said.")  # fmt: skip
    (attack,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="eight farmers",
                                         injured="Two women", when="on Saturday"))  # fmt: skip
    assert (attack.injured.min, attack.injured.text) == (3, "three other farmers escaped with gunshot wounds")
    text = ("Shelling of Oruna market: toll rises to 27\n\nUpdated 21 October 2025\n\nThe toll from Saturday's "
            "shelling of the market in Oruna has risen to 27, the health department said. Another 61 people were "
            "still being treated for shrapnel wounds, the department said.")  # fmt: skip
    (shelling,) = code(text, DraftIncident(type="shelling", places=["Oruna"], killed="27", when="Saturday"))
    assert shelling.injured.min == 61


def test_a_list_toll_is_one_telling_and_a_possessive_ministry_keeps_its_owner() -> None:
    text = ("Air raid on Tesh clinic kills seven\n\nUpdated 11 June 2025\n\nWarplanes bombed a clinic in the town of "
            "Tesh on Monday, killing four medical workers and three patients, according to the Oruna Observer.\n\n"
            "Velna's defence ministry said its forces had struck military targets in Tesh on Monday.")  # fmt: skip
    (raid,) = code(text, DraftIncident(type="air_strike", places=["Tesh"], when="on Monday",
                                       killed="four medical workers and three patients"))  # fmt: skip
    assert (raid.killed.min, raid.killed.max) == (7, 7)  # not 4 to 7: "killing four medical" is its first part
    assert "Velna's defence ministry" in raid.sources  # not "s defence ministry"


def test_parts_of_the_dead_told_with_an_adjective_in_a_list_or_as_a_joint_figure() -> None:
    text = ("Shelling kills 12 in Velna\n\nPublished 9 September 2025\n\nArtillery shells hit the town of Velna on "
            "Friday, killing 12 people, among them four elderly women and three young children, officials said.")  # fmt: skip
    (shelling,) = code(text, DraftIncident(type="shelling", places=["Velna"], killed="12 people", when="on Friday",
                                           perpetrators=["artillery shells"]))  # fmt: skip
    assert (shelling.women_killed.min, shelling.children_killed.min) == (4, 3)
    assert shelling.perpetrators == []  # shells are a weapon, no one's name
    text = ("Airstrike on Oruna shelter kills 22\n\nUpdated 3 March 2025\n\nAt least 22 people were killed when an "
            "airstrike hit a school in the city of Oruna on Sunday, the civil defence said.\n\nFifteen of the dead were "
            "women and children, spokesman Ivo Marek said. Among the dead were seven girls and two boys under the age "
            "of ten, he said.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Oruna"], killed="At least 22 people",
                                         when="on Sunday"))  # fmt: skip
    assert strike.women_killed.text is None  # fifteen women and children together: no count of women
    assert (strike.children_killed.min, strike.children_killed.text) == (9, "seven girls and two boys")


def test_one_person_killed_in_the_incidents_own_sentence() -> None:
    text = ("Gunmen kill aid worker in Dorvik\n\nMay 20, 2025\n\nGunmen shot dead an aid worker and his driver on a "
            "road outside the town of Dorvik on Tuesday, the Kastrel Relief Agency said.")  # fmt: skip
    (attack,) = code(text, DraftIncident(type="armed_attack", places=["Dorvik"], when="on Tuesday"))
    assert (attack.killed.min, attack.killed.text) == (2, "an aid worker and his driver")
    text = ("Commander killed in Dorvik\n\nDORVIK, 14 July 2025 — A car bomb killed a senior militia commander in the "
            "city of Dorvik on Sunday, officials said.")  # fmt: skip
    (bombing,) = code(text, DraftIncident(type="bombing", places=["Dorvik"], when="on Sunday"))
    assert (bombing.killed.min, bombing.killed.max) == (1, 1)


def test_the_articles_own_date_line_is_not_the_incidents_day_and_an_owned_province_is_the_province() -> None:
    text = ("Night raid kills 7 in Kastrel camp\n\nSunday 12 October 2025 10:15 GMT\n\nKASTREL — Air strikes hit the "
            "Um Tesh camp in Oruna's Kastrel province in the early hours of Saturday, killing seven people, including "
            "a child, a camp official said.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="air_strike", places=["Um Tesh camp"], killed="seven people",
                                         when="on Sunday 12 October 2025 10:15 GMT"))  # fmt: skip
    assert strike.date == dt.date(2025, 10, 11)  # Saturday's, not the day the article was published
    assert (strike.location.admin1, strike.children_killed.min) == ("Kastrel", 1)


def test_a_director_named_with_no_body_and_no_one_killed() -> None:
    text = ("Rocket hits Dorvik hospital\n\n12/03/2025\n\nA rocket struck the Al-Noor hospital in Dorvik on Friday, "
            "wounding 11 patients and staff, the hospital director said.\n\nThe director, Dr Ivo Marek, said two of "
            "the wounded were nurses. No one was killed, he said.")  # fmt: skip
    (strike,) = code(text, DraftIncident(type="shelling", places=["Dorvik"], when="on Friday", killed="No one",
                                         injured="11 patients and staff", sources=["Dr Ivo Marek"]))  # fmt: skip
    assert strike.sources == ["Ivo Marek"]  # not "The": "The director" names no body he heads
    assert (strike.killed.min, strike.killed.max) == (None, None)  # "No one" is not one


def test_the_taker_of_a_place_retaken_is_named_before_the_whole_verb() -> None:
    text = ("Army retakes Oruna town from rebels\n\nMarch 9th, 2025 | Staff reporter\n\nGovernment troops recaptured "
            "the town of Oruna in the southern Philippines last Thursday after two weeks of fighting, the army said "
            "on Sunday.")  # fmt: skip
    (capture,) = code(text, DraftIncident(type="territory_capture", places=["Oruna"], when="last Thursday",
                                          perpetrators=["rebels"], country="Philippines"))  # fmt: skip
    assert capture.perpetrators == [knowledge.load().country("Philippines").forces]  # "troops re-": the troops


def test_others_who_died_are_no_telling_of_the_toll_and_the_ministry_is_the_one_named() -> None:
    text = ("Drone strikes hit two provinces\n\nJune 18, 2025\n\nDrone strikes hit targets in the provinces of Tesh and "
            "Kastrel on Tuesday, the Velna interior ministry said.\n\nSix people were killed when a drone hit a fuel "
            "depot in the town of Marek in Tesh province, and three others died in a strike on a checkpoint near "
            "Ostrova, the ministry said.")  # fmt: skip
    (depot,) = code(text, DraftIncident(type="air_strike", places=["Marek"], killed="Six people", when="on Tuesday",
                                        sources=["ministry"]))  # fmt: skip
    assert (depot.killed.min, depot.killed.max) == (6, 6)  # not 3 to 6: the three others died elsewhere
    assert depot.sources == ["Velna interior ministry"]  # not a bare "ministry"


def test_a_monitor_whose_name_ends_in_a_known_alias_is_its_own() -> None:
    kb = knowledge.load()
    assert kb.canonical_source("Kastrel Observatory for Human Rights") == "Kastrel Observatory for Human Rights"
    assert kb.canonical_source("the Observatory") != "Observatory"  # the alias alone still names its body


def test_the_observatory_said_is_the_one_observatory_named_with_its_whole_name() -> None:
    text = ("Car bomb kills 5 in Dorvik\n\nApril 4, 2025\n\nA car bomb exploded in the Bab Tesh area of Dorvik city on "
            "Friday, killing five people, according to the Kastrel Observatory for Human Rights, a war monitor.\n\n"
            "The Observatory said three of the dead were members of a militia.")  # fmt: skip
    (bombing,) = code(text, DraftIncident(type="bombing", places=["Dorvik"], killed="five people", when="on Friday"))
    assert bombing.sources == ["Kastrel Observatory for Human Rights"]  # once, not also as "Kastrel Observatory"


def test_a_toll_raised_the_next_day_and_a_civilian_in_a_list() -> None:
    text = ("Bombing at Tesh checkpoint leaves 14 dead\n\nUpdated 7 July 2025, 08:30\n\nA suicide bombing at a "
            "checkpoint on the outskirts of Tesh on Sunday left 14 dead, the governor's office said.\n\nTwo of the "
            "wounded later succumbed to their injuries in hospital, raising the toll to 16, the office said on "
            "Monday.")  # fmt: skip
    (bombing,) = code(text, DraftIncident(type="bombing", places=["Tesh"], killed="14 dead", when="on Sunday"))
    assert (bombing.killed.min, bombing.killed.max) == (14, 16)  # "said on Monday" puts nothing at another place
    text = ("Attack on Velna police station\n\nMarch 14, 2025\n\nGunmen attacked a police station in the town of Velna "
            "on Wednesday night. Three policemen and a civilian lost their lives, according to a police statement.")  # fmt: skip
    (attack,) = code(text, DraftIncident(type="armed_attack", places=["Velna"], when="on Wednesday night",
                                         killed="Three policemen and a civilian",
                                         civilians_killed="Three policemen and a civilian"))  # fmt: skip
    assert (attack.killed.min, attack.civilians_killed.min, attack.civilians_killed.text) == (4, 1, "a civilian")


def test_said_the_chairman_then_his_name() -> None:
    text = ("Gunmen kill 11 at Velna mosque\n\nPublished On 12 Mar 2025\n\nGunmen opened fire on worshippers at a mosque "
            "in the village of Oruna on Tuesday evening, killing 11 people. \"They shot everyone they saw,\" said the "
            "chairman, Ivo Marek.\n\nSecurity forces later killed two of the attackers, a military spokesman said.")  # fmt: skip
    (attack,) = code(text, DraftIncident(type="armed_attack", places=["Oruna"], killed="11 people",
                                         when="on Tuesday evening"))  # fmt: skip
    assert attack.sources == ["Ivo Marek"]  # the named chairman, who silences a role-only speaker
