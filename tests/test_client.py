"""The extraction path against a real HTTP server on loopback, scripted per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD_DRAFT, SEED_000, good_reply, seed
from fakeserver import ScriptedServer, Step, error, reply

from extractor import Config, EndpointError, ReplyError, extract
from extractor.schema import EventType


def config(server: ScriptedServer, **kw: object) -> Config:
    kw.setdefault("backoff_initial", 0.01)
    kw.setdefault("backoff_max", 0.05)
    return Config.from_env(base_url=server.base_url, model="scripted", **kw)


def test_valid_reply_is_coded_and_then_served_from_cache() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server), article_id=SEED_000)
        assert server.requests == 1
        strike, capture = result.incidents
        assert strike.event_type is EventType.air_strike
        assert strike.location.places == ["Darkoush"]
        assert strike.date.isoformat() == "2015-07-26"  # "on Sunday" before Jul 28, 2015
        assert (strike.killed.min, strike.killed.max) == (40, 53)  # body 40, headline 53
        assert (strike.children_killed.min, strike.children_killed.max) == (8, 8)
        assert (strike.women_killed.min, strike.women_killed.max) == (9, 9)
        assert strike.perpetrators == ["Syrian government forces"]
        assert all(q in seed(SEED_000) for q in strike.evidence) and strike.evidence
        assert capture.event_type is EventType.territory_capture
        assert set(capture.perpetrators) == {"Syrian opposition forces", "Nusra Front"}
        meta = result.meta
        assert meta.cached is False and meta.requests == 1
        assert (meta.usage.prompt_tokens, meta.usage.completion_tokens) == (100, 20)

        again = extract(seed(SEED_000), config(server), article_id=SEED_000)
        assert server.requests == 1  # nothing sent
        assert again.meta.cached is True
        assert again.incidents == result.incidents


def test_request_carries_schema_for_llama_cpp_servers() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(seed(SEED_000), config(server))
        body = server.seen[0].body
        assert body["response_format"]["type"] == "json_object"
        assert body["response_format"]["schema"]["properties"]["incidents"]
        assert body["temperature"] == 0.0
        assert body["messages"][-1]["content"].count("Darkoush") >= 2


def test_500_then_valid_is_retried() -> None:
    with ScriptedServer([error(500), reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server))
        assert server.requests == 2
        assert result.meta.transport_retries == 1 and result.meta.validation_retries == 0
        assert len(result.incidents) == 2


def test_429_waits_for_retry_after() -> None:
    with ScriptedServer([error(429, headers={"Retry-After": "1"}), reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server))
        assert server.requests == 2
        gap = server.seen[1].at - server.seen[0].at
        assert gap >= 0.9, f"retried after {gap:.2f} s, before Retry-After's 1 s"
        assert len(result.incidents) == 2


def test_non_json_then_valid_is_reasked() -> None:
    with ScriptedServer([reply("Sure! Here are the incidents: air strike"), reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server))
        assert server.requests == 2
        assert result.meta.validation_retries == 1 and result.meta.transport_retries == 0
        assert len(result.incidents) == 2


def test_min_above_max_is_reasked_with_the_error() -> None:
    bad = json.loads(good_reply())
    bad["incidents"][1]["killed"] = "eight children"  # exactly 8 killed...
    bad["incidents"][1]["children_killed"] = "nine women"  # ...of whom 9 children: impossible
    with ScriptedServer([reply(bad), reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server))
        assert server.requests == 2
        assert result.meta.validation_retries == 1
        reask = server.seen[1].body["messages"][-1]["content"]
        assert "children_killed" in reask and "above the exact total" in reask
        assert (result.incidents[0].killed.min, result.incidents[0].killed.max) == (40, 53)


def test_count_min_above_max_is_reasked() -> None:
    article = "Updated Jan 5, 2024\nShelling killed between 9 and 4 people in Ardan on Sunday."
    bad = {"incidents": [{"type": "shelling", "places": ["Ardan"], "killed": "between 9 and 4 people"}]}
    good = {"incidents": [{"type": "shelling", "places": ["Ardan"], "killed": None}]}
    with ScriptedServer([reply(bad), reply(good)]) as server:
        result = extract(article, config(server))
        assert server.requests == 2
        assert "min 9 is above max 4" in server.seen[1].body["messages"][-1]["content"]
        assert result.incidents[0].killed.min is None


def test_always_500_raises_naming_the_article() -> None:
    with ScriptedServer([error(500)]) as server:
        with pytest.raises(EndpointError) as info:
            extract(seed(SEED_000), config(server, transport_attempts=3), article_id="a-17")
        assert server.requests == 3
        assert str(info.value).startswith("a-17: ")
        assert "HTTP 500" in str(info.value)


def test_never_valid_gives_reply_error_after_bounded_reasks() -> None:
    with ScriptedServer([reply("not json at all")]) as server:
        with pytest.raises(ReplyError) as info:
            extract(seed(SEED_000), config(server, validation_retries=2), article_id="a-3")
        assert server.requests == 3
        assert "a-3" in str(info.value)


def test_cut_off_reply_is_an_error_not_a_silent_drop() -> None:
    with ScriptedServer([reply(good_reply()[:80], finish_reason="length")]) as server:
        with pytest.raises(ReplyError, match="cut off"):
            extract(seed(SEED_000), config(server), article_id="long-one")


def test_connection_refused_is_an_endpoint_error() -> None:
    cfg = Config.from_env(
        base_url="http://127.0.0.1:9/v1", model="m", transport_attempts=2, backoff_initial=0.01
    )
    with pytest.raises(EndpointError, match="cannot connect"):
        extract("Updated Jan 5, 2024\nShelling hit Ardan.", cfg, article_id="x")


def test_cache_key_changes_with_model_and_sampling() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(seed(SEED_000), config(server))
        extract(seed(SEED_000), config(server, temperature=0.3))
        extract(seed(SEED_000), Config.from_env(base_url=server.base_url, model="other"))
        assert server.requests == 3
        extract(seed(SEED_000), config(server, temperature=0.3))
        assert server.requests == 3


def test_no_cache_always_asks() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(seed(SEED_000), config(server, use_cache=False))
        extract(seed(SEED_000), config(server, use_cache=False))
        assert server.requests == 2


def test_api_key_never_reaches_the_cache(isolated: Path) -> None:
    secret = "sk-test-SECRET-0123456789"
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(seed(SEED_000), config(server, api_key=secret))
        assert server.seen[0].headers["authorization"] == f"Bearer {secret}"
    blobs = b"".join(p.read_bytes() for p in isolated.rglob("*") if p.is_file())
    assert blobs and secret.encode() not in blobs


def test_local_endpoint_never_gets_the_openai_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-users-own-key")
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(seed(SEED_000), config(server))
        assert "sk-openai-users-own-key" not in json.dumps(server.seen[0].headers)


def test_openai_key_goes_with_openai_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-for-that-endpoint")
        cfg = Config.from_env(model="m", backoff_initial=0.01)
        assert cfg.base_url == server.base_url
        extract(seed(SEED_000), cfg)
        assert server.seen[0].headers["authorization"] == "Bearer sk-for-that-endpoint"


def test_modes_fit_the_endpoint() -> None:
    assert Config.from_env(base_url="https://api.openai.com/v1").resolved_mode() == "tools"
    assert Config.from_env(base_url="http://localhost:11434/v1").resolved_mode() == "json_schema"
    assert Config.from_env(base_url="http://127.0.0.1:8080/v1").resolved_mode() == "json_object_schema"
    assert Config.from_env().resolved_mode() == "json_object_schema"  # embedded
    assert Config.from_env(base_url="http://x:1/v1", mode="md_json").resolved_mode() == "md_json"


def test_json_schema_mode_sends_a_json_schema() -> None:
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(seed(SEED_000), config(server, mode="json_schema"))
        assert server.seen[0].body["response_format"]["type"] == "json_schema"


def test_slow_reply_times_out_then_recovers() -> None:
    with ScriptedServer([Step(content=good_reply(), delay=1.5), reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server, timeout=0.5))
        assert server.requests == 2 and result.meta.transport_retries == 1


def test_dropped_connection_is_retried() -> None:
    with ScriptedServer([Step(drop=True), reply(GOOD_DRAFT)]) as server:
        result = extract(seed(SEED_000), config(server))
        assert server.requests == 2 and len(result.incidents) == 2


def test_stepwise_without_follow_ups_asks_once() -> None:
    first = GOOD_DRAFT["incidents"][0]
    with ScriptedServer([reply({"incident": first})]) as server:
        result = extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=0))
        assert server.requests == 1 and len(result.incidents) == 1
        assert result.meta.usage.completion_tokens == 20
        extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=0))
        assert server.requests == 1  # cached


def test_stepwise_asks_about_each_lead_sentence_in_turn() -> None:
    strike, capture = GOOD_DRAFT["incidents"]
    jisr = {"type": "territory_capture", "places": ["Jisr al-Shughour"], "perpetrators": ["the opposition"]}
    script = [reply({"incident": strike}), reply({"incident": capture}), reply({"incident": jisr}),
              reply({"incident": None})]  # fmt: skip
    with ScriptedServer(script) as server:
        result = extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=4))
        bodies = [s.body for s in server.seen]
    asked = [b["messages"][-1]["content"] for b in bodies]
    # first the sentences naming a place no listed incident is at, in the article's order
    assert "«The attack came after a coalition" in asked[1] and "reports a capture not listed" in asked[1]
    assert "«These incidents came a day after" in asked[2]  # Qarmeed listed: the next place
    assert "«Moreover, anti-regime activists said regime used Chlorine gas" in asked[3]
    assert "chemical attack" in asked[3] and "capture" not in asked[3]
    assert server.requests == 5  # the first incident + the budget of 4 questions
    # each question's reply is decoded under a schema that allows only the kinds asked about
    def kinds(body: dict) -> object:
        return body["response_format"]["schema"]["$defs"]["DraftIncident"]["properties"]["type"]

    assert kinds(bodies[0]) == {"$ref": "#/$defs/EventType", "description": "the main kind of violence"}
    assert kinds(bodies[1])["const"] == "territory_capture"
    assert kinds(bodies[3])["const"] == "chemical_attack"
    # the conversation grows: earlier turns are sent again unchanged (a reusable prefix)
    assert bodies[2]["messages"][: len(bodies[1]["messages"])] == bodies[1]["messages"]
    assert json.loads(bodies[2]["messages"][-2]["content"]) == {"incident": capture}
    assert [i.location.places[0] for i in result.incidents] == ["Darkoush", "al Qarmeed camp", "Jisr al-Shughour"]
    (jisr_capture,) = [i for i in result.incidents if i.location.places == ["Jisr al-Shughour"]]
    assert jisr_capture.evidence[0].startswith("These incidents came a day after")


def test_a_larger_question_budget_asks_only_the_new_questions() -> None:
    strike = GOOD_DRAFT["incidents"][0]
    script = [reply({"incident": strike}), reply({"incident": None}), reply({"incident": None})]
    with ScriptedServer(script) as server:
        extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=1))
        assert server.requests == 2
        # the budget decides how many exchanges there are, not what one sends: those asked
        # before come from the cache
        extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=2, max_incidents=9))
        assert server.requests == 3


def test_stepwise_a_repeated_incident_is_listed_once() -> None:
    strike, capture = GOOD_DRAFT["incidents"]
    script = [reply({"incident": strike}), reply({"incident": capture})]  # then the same again
    with ScriptedServer(script) as server:
        result = extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=2))
        assert server.requests == 3
    assert [i.event_type for i in result.incidents] == [EventType.air_strike, EventType.territory_capture]


def test_stepwise_a_reply_of_a_kind_not_asked_about_is_asked_again() -> None:
    strike, capture = GOOD_DRAFT["incidents"]
    wrong = {**strike, "places": ["al Qarmeed camp"]}  # an air strike, asked about a capture
    script = [reply({"incident": strike}), reply({"incident": wrong}), reply({"incident": capture})]
    with ScriptedServer(script) as server:
        result = extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=1))
        assert server.requests == 3 and result.meta.validation_retries == 1
    assert [i.event_type for i in result.incidents] == [EventType.air_strike, EventType.territory_capture]


def test_names_the_article_does_not_contain_are_dropped() -> None:
    draft = json.loads(good_reply())
    draft["incidents"][0]["sources"] = ["Coastal Monitor", "Syrian Observatory for Human Rights"]
    draft["incidents"][0]["province"] = "Karsa"
    draft["incidents"][0]["perpetrators"] = ["Government jets", "regime"]
    draft["incidents"][1]["places"] = ["Atlantis"]
    draft["incidents"][1]["province"] = None
    with ScriptedServer([reply(draft)]) as server:
        result = extract(seed(SEED_000), config(server))
    (strike,) = result.incidents  # the incident at a place the article never names is gone
    # the model's "Coastal Monitor" is in no sentence; the article's one incident has whom it cites
    assert "Coastal Monitor" not in strike.sources and strike.sources[0] == "Syrian Observatory for Human Rights"
    assert strike.location.admin1 == "Idlib"  # "Karsa" dropped; the article's own province
    assert strike.location.country == "Syria"
    assert strike.perpetrators == ["Syrian government forces"]
    assert any("Atlantis" in w for w in result.meta.warnings)


def test_prompt_examples_validate_and_are_verbatim() -> None:
    from extractor.prompts import load
    from extractor.schema import Draft, NextIncident

    prompt = load()
    draft = Draft.model_validate_json(prompt.example_reply)
    for incident in draft.incidents:
        for phrase in [*incident.places, incident.when, incident.killed, incident.injured,
                       incident.children_killed, incident.civilians_killed, incident.target]:  # fmt: skip
            assert phrase is None or phrase in prompt.example_article, phrase
    turns = prompt.first_messages("ARTICLE")
    answers = [json.loads(t["content"]) for t in turns if t["role"] == "assistant"]
    questions = [t["content"] for t in turns[3:] if t["role"] == "user"][:-1]
    # the example conversation is the one the code would hold: the first incident, then a
    # question quoting each lead sentence of the example article, answered or null
    assert len(questions) == len(answers) - 1
    assert all("«" in q and q.split("«")[1].split("»")[0] in prompt.example_article for q in questions)
    listed = [a["incident"] for a in answers if a["incident"] is not None]
    expected = json.loads(prompt.example_reply)["incidents"]
    assert sorted(map(json.dumps, listed)) == sorted(map(json.dumps, expected))  # each once
    assert {"incident": None} in answers  # it also shows a lead that reports nothing new
    for answer in answers:
        NextIncident.model_validate(answer)
    assert len(prompt.version) == 12


def test_attackers_named_before_the_weapon_fill_empty_perpetrators() -> None:
    draft = json.loads(good_reply())
    draft["incidents"][0]["perpetrators"] = []  # the model named nobody
    with ScriptedServer([reply(draft)]) as server:
        result = extract(seed(SEED_000), config(server))
    # "Fifty-three civilians were killed by regime air strikes on marketplace in Darkoush"
    assert result.incidents[0].perpetrators == ["Syrian government forces"]


def test_subsets_inside_the_toll_phrase_are_read() -> None:
    draft = json.loads(good_reply())
    first = draft["incidents"][0]
    first["killed"] = "At least 40 civilians including nine women and eight children"
    for name in ("civilians_killed", "children_killed", "women_killed"):
        first.pop(name)
    with ScriptedServer([reply(draft)]) as server:
        strike = extract(seed(SEED_000), config(server)).incidents[0]
    assert (strike.women_killed.min, strike.children_killed.min) == (9, 8)
    assert (strike.civilians_killed.min, strike.civilians_killed.max) == (40, 53)


def test_stepwise_a_reply_at_a_place_the_sentence_does_not_name_is_not_taken() -> None:
    strike = GOOD_DRAFT["incidents"][0]
    jisr = {"type": "territory_capture", "places": ["Jisr al-Shughour"]}
    script = [reply({"incident": strike}), reply({"incident": jisr})]  # jisr to every question
    with ScriptedServer(script) as server:
        result = extract(seed(SEED_000), config(server, strategy="stepwise", follow_ups=2))
        asked = [s.body["messages"][-1]["content"] for s in server.seen]
    assert "captured al Qarmeed camp" in asked[1]  # answered with Jisr: another sentence's
    assert "«These incidents came a day after" in asked[2]  # asked next, answered in place
    assert [i.location.places for i in result.incidents] == [["Darkoush"], ["Jisr al-Shughour"]]


def test_stepwise_turns_are_cached_one_by_one() -> None:
    """A conversation that failed at its third turn is resumed: the turns answered before come
    from the cache and only the failed one reaches the server again; a rerun asks nothing."""
    strike, capture = GOOD_DRAFT["incidents"]
    script = [reply({"incident": strike}), reply({"incident": capture}), Step(status=500),
              reply({"incident": None})]  # fmt: skip
    with ScriptedServer(script) as server:
        cfg = config(server, strategy="stepwise", follow_ups=2, transport_attempts=1)
        with pytest.raises(EndpointError):
            extract(seed(SEED_000), cfg)
        assert server.requests == 3
        resumed = extract(seed(SEED_000), cfg)
        assert server.requests == 4 and resumed.meta.requests == 1 and not resumed.meta.cached
        again = extract(seed(SEED_000), cfg)
        assert server.requests == 4 and again.meta.cached
    assert [i.model_dump() for i in again.incidents] == [i.model_dump() for i in resumed.incidents]


def test_article_text_reaches_the_endpoint_verbatim_even_with_template_braces() -> None:
    # Text such as "{{ name }}" or "{% if %}" appears in scraped pages; nothing may render it.
    text = seed(SEED_000) + "\nCaption: {{ photo.credit }} {% raw %} {#1#}"
    with ScriptedServer([reply(GOOD_DRAFT)]) as server:
        extract(text, config(server), article_id="braces")
        sent = json.dumps(server.seen[0].body["messages"])
    assert json.dumps("{{ photo.credit }} {% raw %} {#1#}")[1:-1] in sent


# An invented wire report: a strike on a town, then one in a district of it, then one on a
# village the article spells two ways.
_TWO_PLACES = (
    "Strikes hit Velna and nearby villages\n\n"
    "VELNA, March 3, 2031 (Wire) - An air strike on the market in Velna killed five people on "
    "Monday, the town's mayor said.\n\n"
    "Separately, a drone hit a car in the Tesh area of Velna on Monday, killing two people, "
    "the Oruna Monitor said.\n\n"
    "Warplanes also struck Welnah on Monday, killing three residents, according to the monitor.\n\n"
    "The village of Wellna lies north of the town.\n"
)


def test_stepwise_a_reply_at_the_listed_place_of_a_sentence_about_a_new_one_is_put_there() -> None:
    """Asked about the Tesh sentence, the model answers with Velna (the town the sentence
    also names) and a toll of its own: the incident is at Tesh, not dropped as a repeat."""
    market = {"type": "air_strike", "places": ["Velna"], "when": "on Monday", "killed": "five people"}
    car = {"type": "air_strike", "places": ["Velna"], "when": "on Monday", "killed": "two people"}
    again = {**market}  # the first incident again, same toll: a repeat, dropped
    script = [reply({"incident": market}), reply({"incident": car}), reply({"incident": again})]
    with ScriptedServer(script) as server:
        result = extract(_TWO_PLACES, config(server, strategy="stepwise", follow_ups=2))
        asked = [s.body["messages"][-1]["content"] for s in server.seen]
    assert "Tesh area of Velna" in asked[1]
    places = [(i.location.places, i.killed.max) for i in result.incidents]
    assert places == [(["Velna"], 5), (["Tesh"], 2)]


def test_stepwise_a_reply_in_the_articles_other_spelling_takes_the_sentences() -> None:
    market = {"type": "air_strike", "places": ["Velna"], "when": "on Monday", "killed": "five people"}
    village = {"type": "air_strike", "places": ["Wellna"], "when": "on Monday", "killed": "three residents"}
    script = [reply({"incident": market}), reply({"incident": None}), reply({"incident": village})]
    with ScriptedServer(script) as server:
        result = extract(_TWO_PLACES, config(server, strategy="stepwise", follow_ups=2))
        asked = [s.body["messages"][-1]["content"] for s in server.seen]
    assert "struck Welnah" in asked[2]
    assert [(i.location.places, i.killed.max) for i in result.incidents] == [(["Velna"], 5), (["Welnah"], 3)]


def test_stepwise_a_listed_place_with_a_toll_of_its_own_becomes_its_own_incident() -> None:
    """The first reply puts two markets in one incident; asked about the sentence that gives
    one of them its own toll, the model answers with that market alone: it is split off
    (the codebook: a place with its own figures is its own incident), not dropped."""
    text = ("Markets bombed in Velna and Oruna\n\n"
            "VELNA, March 3, 2031 (Wire) - Suicide bombers struck markets in Velna and Oruna on "
            "Monday, killing at least 12 people, officials said.\n\n"
            "The second bomber blew himself up at the Oruna market in eastern Portside, where "
            "police said at least six people were killed.\n")  # fmt: skip
    both = {"type": "bombing", "places": ["Velna", "Oruna"], "when": "on Monday",
            "killed": "at least 12 people"}  # fmt: skip
    oruna = {"type": "bombing", "places": ["Oruna"], "killed": "at least six people"}
    script = [reply({"incident": both}), reply({"incident": None}), reply({"incident": oruna}),
              reply({"incident": None})]  # fmt: skip
    with ScriptedServer(script) as server:
        result = extract(text, config(server, strategy="stepwise", follow_ups=3))
        asked = [s.body["messages"][-1]["content"] for s in server.seen]
    assert "Oruna market in eastern Portside" in asked[2]
    places = [(i.location.places, i.killed.min) for i in result.incidents]
    assert places == [(["Velna"], 12), (["Oruna"], 6)]


def test_stepwise_a_sentence_naming_no_place_answered_with_a_listed_one_is_a_retelling() -> None:
    """Asked about "the rocket hit the vehicle head-on" (no place), the model answers
    with the listed place under another kind and no toll: the same incident told again."""
    text = ("Drone kills two in Velna\n\n"
            "VELNA, March 3, 2031 (Wire) - An Israeli-made drone hit a car in Velna on Sunday, "
            "killing two people, officials said.\n\n"
            "A witness said the rocket hit the vehicle head-on and set it alight.\n")  # fmt: skip
    car = {"type": "air_strike", "places": ["Velna"], "when": "on Sunday", "killed": "two people"}
    again = {"type": "shelling", "places": ["Velna"], "target": "car"}
    script = [reply({"incident": car}), reply({"incident": None}), reply({"incident": again})]
    with ScriptedServer(script) as server:
        result = extract(text, config(server, strategy="stepwise", follow_ups=2))
        asked = [s.body["messages"][-1]["content"] for s in server.seen]
    assert "hit the vehicle head-on" in asked[2]
    assert [(i.event_type.value, i.location.places) for i in result.incidents] == [("air_strike", ["Velna"])]
