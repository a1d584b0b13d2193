"""From the model's Draft to codebook Incidents, by exact rules: counts parsed from their
verbatim phrases, dates resolved against the article's own date, names put in canonical form,
evidence taken from the article's own sentences, duplicates merged."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import ValidationError

from extractor.parsing import (
    FIGURE_SEPARATOR,
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    locate,
    parse_count,
    parse_figures,
    place_key,
    resolve_date,
)
from extractor.schema import Count, Draft, DraftIncident, EventType, Incident, Location

# (pattern, canonical name, Syrian context only); the first pattern that matches wins, so
# narrower ones go first. Names tied to the Syrian war apply only to Syrian incidents.
_PERPETRATORS: list[tuple[str, str, bool]] = [
    (r"hayat tahrir|\bhts\b|tahrir al.?sham", "Hayat Tahrir al-Sham", False),
    (r"nusra", "Nusra Front", False),
    (r"islamic state|\bisis\b|\bisil\b|daesh", "Islamic State", False),
    (r"iran", "Iran-backed militias", False),
    (
        r"opposition|rebel|insurgent|national (?:liberation )?front|front for liberation|"
        r"failaq|free syrian army|\bfsa\b|ahrar|jaish al|\bnlf\b",
        "Syrian opposition forces",
        True,
    ),
    (r"russia", "Russian forces", False),
    (r"turk", "Turkish forces", False),
    (
        r"regime|assad|syrian (?:government|army|arab army|forces|military|air force|"
        r"warplanes|jets|aircraft|helicopters|troops)|loyalist|pro-government|government-held",
        "Syrian government forces",
        True,
    ),
]
# Said without a country, these mean the state's own forces.
_GENERIC_STATE = re.compile(
    r"^(?:the )?(?:government|army|military|air force|warplanes|jets|aircraft|helicopters|"
    r"troops|forces|government forces|state forces|pro-government forces|"
    r"government (?:jets|warplanes|aircraft|helicopters|troops))$",
    re.IGNORECASE,
)
# Countries by the words that name them, for an incident whose country the model left out.
_COUNTRIES: dict[str, str] = {
    "Syria": r"syria|syrians?", "Iraq": r"iraq|iraqis?", "Yemen": r"yemen|yemenis?",
    "Afghanistan": r"afghanistan|afghans?", "Ukraine": r"ukraine|ukrainians?",
    "Libya": r"libya|libyans?", "Lebanon": r"lebanon|lebanese", "Israel": r"israel|israelis?",
    "Palestine": r"palestine|palestinians?|gaza|west bank", "Sudan": r"sudan|sudanese",
    "South Sudan": r"south sudan", "Somalia": r"somalia|somalis?", "Nigeria": r"nigeria|nigerians?",
    "Mali": r"mali|malians?", "Burkina Faso": r"burkina faso", "Ethiopia": r"ethiopia|ethiopians?",
    "Myanmar": r"myanmar|burma|burmese", "Pakistan": r"pakistan|pakistanis?",
    "Democratic Republic of the Congo": r"congo|congolese", "Mozambique": r"mozambique",
    "Cameroon": r"cameroon|cameroonians?", "Central African Republic": r"central african republic",
    "Colombia": r"colombia|colombians?", "Mexico": r"mexico|mexicans?",
    "Armenia": r"armenia|armenians?", "Azerbaijan": r"azerbaijan|azerbaijanis?",
    "Russia": r"russia", "Turkey": r"turkey",
}  # fmt: skip


_PROVINCE_RE = re.compile(
    r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:[Pp]rovince|[Gg]overnorate|[Oo]blast|[Rr]egion)\b"
    r"|\b(?:[Pp]rovince|[Gg]overnorate) of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)
# Leading words that are not part of a province's name ("the Karsa Province" gives Karsa).
_NOT_NAMES = {"The", "A", "An", "This", "That", "Its", "In", "On", "Northern", "Southern",
              "Eastern", "Western", "Central"}  # fmt: skip


def dominant_province(article: str) -> str | None:
    """The province the article names most often as a province ("Karsa province", "province of
    Karsa"), if one stands out; used for incidents whose province the model did not give."""
    counts: dict[str, int] = {}
    for m in _PROVINCE_RE.finditer(article):
        name = (m.group(1) or m.group(2)).strip()
        words = name.split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if words:
            counts[" ".join(words)] = counts.get(" ".join(words), 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def dominant_country(article: str) -> str | None:
    """The country the article names most often (by name or people), if one stands out."""
    counts = {
        country: len(re.findall(r"\b(?:" + words + r")\b", article, re.IGNORECASE))
        for country, words in _COUNTRIES.items()
    }
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    (top, n), (_, second) = ranked[0], ranked[1]
    return top if n >= 2 and n > second else None


_SOURCES: list[tuple[str, str]] = [
    (r"observatory|\bsohr\b|rami abd", "Syrian Observatory for Human Rights"),
    (r"white helmets|civil defen[cs]e", "White Helmets"),
    (r"\bsana\b|state (?:media|tv|television|news)|syrian (?:state|government) media", "Syrian state media"),
    (r"local coordination committees|\blcc\b", "Local Coordination Committees"),
]  # fmt: skip

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# "Twenty-six people were killed", "killing 26 people": a death toll stated in a sentence.
_TOLL = re.compile(
    r"(?:(?:" + QUALIFIER_PATTERN + r")\s+)?(?<![\w-])(?:" + NUMBER_PATTERN + r")(?![\w-])"
    r"(?:\s+[\w-]+){0,2}?\s+(?:(?:were|was|have been|had been|are)\s+)?(?:killed|dead)\b"
    r"|\bkilling\s+(?:(?:" + QUALIFIER_PATTERN + r")\s+)?(?:" + NUMBER_PATTERN + r")(?:\s+[\w-]+)?",
    re.IGNORECASE,
)
# Words too plain to show that a name comes from the article.
_PLAIN_WORDS = {
    "forces", "force", "group", "groups", "fighters", "said", "according", "spokesman",
    "spokesperson", "sources", "source", "local", "news", "agency", "media", "reports", "with",
    "from", "province", "governorate", "region", "district", "countryside", "the", "and",
}  # fmt: skip
_SUBSET_PATTERNS = [
    (field, re.compile(r"(?<![\w-])(?:" + NUMBER_PATTERN + r")\s+" + words + r"\b", re.IGNORECASE))
    for field, words in (
        ("children_killed", r"(?:children|child|minors|kids|boys|girls)"),
        ("women_killed", r"(?:women|woman)"),
    )
]
_DEATH_WORDS = re.compile(
    r"\b(?:kill\w*|dead|death\w*|died|die|dying|lost|lives|life|slain|bodies|toll|massacre\w*|"
    r"executed|fatalit\w*|perished|among the dead)\b",
    re.IGNORECASE,
)
_INJURY_WORDS = re.compile(r"\b(?:wound\w*|injur\w*|hurt|maimed|casualt\w*)\b", re.IGNORECASE)
# Words that mark each kind of event, for checking the model's event type against the text.
_CUES: dict[EventType, re.Pattern[str]] = {
    EventType.air_strike: re.compile(
        r"\bair ?strikes?\b|\bair ?raids?\b|\braids?\b|warplanes?|\bjets?\b|aircraft|"
        r"helicopters?|barrel bombs?|\bdrones?\b|aerial|\bstrikes?\b|\bstruck\b"
    ),
    EventType.shelling: re.compile(r"\bshell(?:s|ed|ing)?\b|artillery|rockets?|mortars?|missiles?"),
    EventType.chemical_attack: re.compile(r"chlorine|sarin|chemical|\bgas\b|toxic|nerve agent"),
    EventType.bombing: re.compile(
        r"suicide|car bomb|roadside bomb|\bied\b|explosives?|bombers?|booby"
    ),
    EventType.armed_clash: re.compile(r"\bclash\w*|fighting|battles?|fought|firefight|gunfight|ambush"),
    EventType.territory_capture: re.compile(
        r"captur\w+|seiz\w+|took control|taken control|take control|control over|overr[au]n|"
        r"fell to|\bfall of\b|retook|retaken|regain\w*|reclaim\w*|taken back|took back|stormed"
    ),
}
# An actor named right before its weapon: "regime air strikes", "Russian and regime fighter jets".
_ATTACKER = re.compile(
    r"\b((?:[A-Z][\w-]*|regime|government|army)(?:\s+(?:and\s+)?(?:[A-Z][\w-]*|regime|government))*)"
    r"\s+(?:fighter\s+|war)?(?:air ?strikes|air ?raids|warplanes|jets|helicopters|aircraft|"
    r"drones|shelling|artillery|rockets)\b"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"(])|\n+")


def canonical_perpetrators(name: str, country: str | None) -> list[str]:
    """Canonical names for one name the model gave; "Russian and regime fighter jets" is two
    actors. "X-backed" names the backer, not the actor, so it is set aside first."""
    low = name.lower()
    syrian = (country or "").lower() == "syria"
    if re.search(r"iran(?:ian)?-backed|pro-iran", low):
        return ["Iran-backed militias"]
    low = re.sub(r"\b[\w]+-backed\b|\bbacked by [\w\s]+", " ", low)
    found: list[str] = []
    for pattern, canonical, syrian_only in _PERPETRATORS:
        if re.search(pattern, low) and (syrian or not syrian_only or "syria" in low):
            if canonical not in found:
                found.append(canonical)
    if not found and syrian and _GENERIC_STATE.match(name.strip()):
        found.append("Syrian government forces")
    return found or [name.strip()]



def canonical_source(name: str) -> str:
    low = name.lower()
    for pattern, canonical in _SOURCES:
        if re.search(pattern, low):
            return canonical
    return re.sub(r"^(?:the|according to)\s+", "", name.strip(), flags=re.IGNORECASE)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item.lower() not in {k.lower() for k in seen}:
            seen[item] = None
    return list(seen)


def sentences(article: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(article) if s and s.strip()]


class Coder:
    """Codes the drafts of one article. Notes what it had to drop in `warnings`."""

    def __init__(self, article: str, reference: dt.date | None) -> None:
        self.article = article
        self.reference = reference
        self.sentences = sentences(article)
        self._folded_sentences = [s.lower() for s in self.sentences]
        self._sentence_keys = [{place_key(g) for g in _ngrams(s)} for s in self.sentences]
        self._article_keys = set().union(*self._sentence_keys) - {""}
        self.country = dominant_country(article)
        self.province = dominant_province(article)
        self._lower = article.lower()
        self._words = re.findall(r"[\w'’-]+", article)
        self.warnings: list[str] = []

    # -- pieces ---------------------------------------------------------------------------

    def count(self, phrase: str | None, field: str) -> Count:
        if not phrase:
            return Count()
        span = locate(phrase, self.article)
        if span is None:
            self.warnings.append(f"{field}: {phrase!r} is not in the article; count left empty")
            return Count()
        low, high = parse_count(span)
        return Count(min=low, max=high, text=span)

    def fill_subsets(self, incident: Incident) -> None:
        """Subsets the toll states itself: "At least 20 civilians" is also the civilian toll;
        "..., including three women and five children" right after the toll in its sentence
        gives the women and children killed. Fills only what the model left empty; a civilian
        phrase that is part of the toll phrase takes the toll's bounds."""
        toll = incident.killed.text
        if not toll:
            return
        parts = toll.split(FIGURE_SEPARATOR)
        civ = incident.civilians_killed.text
        if civ and any(civ.lower() in part.lower() for part in parts):
            incident.civilians_killed = incident.killed.model_copy()
        if not incident.civilians_killed.text and any(
            re.search(r"\bcivilians?\b", part, re.I) for part in parts
        ):
            incident.civilians_killed = incident.killed.model_copy()
        for part in parts:
            for sentence in self.sentences:
                at = sentence.find(part)
                if at < 0:
                    continue
                # the toll phrase itself ("... including three women") and what follows it
                tail = sentence[at : at + len(part) + 90]
                for field, pattern in _SUBSET_PATTERNS:
                    if not getattr(incident, field).text and (m := pattern.search(tail)):
                        low, high = parse_count(m.group(0))
                        setattr(incident, field, Count(min=low, max=high, text=m.group(0)))

    def about(self, count: Count, field: str) -> Count:
        """A count whose phrase is not about its field (no death word near a toll, no wound
        word near the injured) is dropped: the model put a number in the wrong box."""
        if not count.text:
            return count
        pattern = _INJURY_WORDS if field == "injured" else _DEATH_WORDS
        for part in count.text.split(FIGURE_SEPARATOR):
            at = self.article.find(part)
            window = self.article[max(0, at - 60) : at + len(part) + 60] if at >= 0 else part
            if not pattern.search(window):
                self.warnings.append(f"{field}: {count.text!r} is not about that; dropped")
                return Count()
        return count

    def event_type(self, draft: DraftIncident, places: list[str]) -> EventType:
        """The model's event type, unless the words around the incident's places say another
        kind and nothing of the model's kind (a 'shelling' whose place is hit by 'jets')."""
        keys = {place_key(p) for p in places} - {""}
        if not keys:
            return draft.type
        hits = {t: 0 for t in EventType}
        words = self._words
        for i in range(len(words)):
            for n in (1, 2, 3, 4):
                if place_key(" ".join(words[i : i + n])) in keys:
                    window = " ".join(words[max(0, i - 8) : i + n + 8]).lower()
                    for kind, cue in _CUES.items():
                        hits[kind] += len(cue.findall(window))
                    break
        best = max(hits, key=lambda t: hits[t])
        if hits[draft.type] == 0 and hits[best] > 0:
            self.warnings.append(f"{draft.type.value} at {places[0]} reads as {best.value}")
            return best
        return draft.type

    def other_tolls(self, count: Count, places: list[str], civilians: bool) -> Count:
        """The same toll stated differently elsewhere (a headline's 26, the body's 'at least
        20'): sentences that name this incident's place and state a death toll. The Count then
        spans the lowest to the highest figure, its text every phrase joined by ' / '."""
        if count.text is None or count.min is None and count.max is None:
            return count
        keys = {place_key(p) for p in places} - {""}
        phrases = [count.text]
        for i, sentence in enumerate(self.sentences):
            if not keys & self._sentence_keys[i]:
                continue
            for m in _TOLL.finditer(sentence):
                phrase = m.group(0)
                if civilians and "civilian" not in phrase.lower():
                    continue
                if parse_count(phrase) != (None, None) and phrase.lower() not in (
                    p.lower() for p in phrases
                ) and not any(phrase.lower() in p.lower() or p.lower() in phrase.lower() for p in phrases):
                    phrases.append(phrase)
        if len(phrases) == 1:
            return count
        text = FIGURE_SEPARATOR.join(phrases)
        low, high = parse_figures(text)
        return Count(min=low, max=high, text=text)

    def verbatim(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        return locate(phrase, self.article) or phrase.strip()

    def places(self, draft: DraftIncident) -> list[str]:
        kept = []
        for place in draft.places:
            span = locate(place, self.article)
            if span is not None:
                kept.append(span)
            elif self._mentions_key(place):
                kept.append(place.strip())
            else:
                self.warnings.append(f"place {place!r} is not in the article; dropped")
        return _unique(kept)

    def mentioned(self, name: str) -> bool:
        """Whether a name the model gave comes from this article (each of its telling words, or
        the whole of a short name, is in the text), so names copied from elsewhere drop out."""
        words = [w for w in re.findall(r"[a-z]{4,}", name.lower()) if w not in _PLAIN_WORDS]
        if not words:
            words = [name.strip().lower()]
        return all(re.search(r"\b" + re.escape(w), self._lower) for w in words if w)

    def kept(self, names: list[str], field: str) -> list[str]:
        out = []
        for name in names:
            if self.mentioned(name):
                out.append(name)
            else:
                self.warnings.append(f"{field}: {name!r} is not in the article; dropped")
        return out

    def _mentions_key(self, name: str) -> bool:
        """Whether the article names this place in some transliteration."""
        return place_key(name) in self._article_keys

    def evidence(self, incident: Incident) -> list[str]:
        """The article's sentences that carry this incident's numbers and places."""
        phrases = [
            part.lower()
            for c in (
                incident.killed,
                incident.civilians_killed,
                incident.children_killed,
                incident.women_killed,
                incident.injured,
            )
            if c.text
            for part in c.text.split(FIGURE_SEPARATOR)
        ]
        keys = {place_key(p) for p in incident.location.places} - {""}
        scored: list[tuple[int, int]] = []
        for i, sentence in enumerate(self._folded_sentences):
            score = 3 * sum(p in sentence for p in phrases)
            score += 2 * len(keys & self._sentence_keys[i])
            if incident.date_text and incident.date_text.lower() in sentence:
                score += 1
            if score >= 2:
                scored.append((score, i))
        best = sorted(scored, key=lambda t: (-t[0], t[1]))[:3]
        return [self.sentences[i] for _, i in sorted(best, key=lambda t: t[1])]

    # -- whole incidents ------------------------------------------------------------------

    def incident(self, draft: DraftIncident) -> Incident | None:
        places = self.places(draft)
        province = draft.province.strip() if draft.province else None
        if province and not self._mentions_key(province):
            self.warnings.append(f"province {province!r} is not in the article; dropped")
            province = None
        if province and province.lower() in {c.lower() for c in _COUNTRIES}:
            province = None  # a country given as the province
        if not places and not province:
            self.warnings.append(
                f"{draft.type.value} with no place found in the article "
                f"({', '.join(draft.places) or draft.province or 'none given'}); dropped"
            )
            return None
        province = province or self.province
        country = draft.country.strip() if draft.country else None
        if not country or not self.mentioned(country):
            country = self.country
        date_text = self.verbatim(draft.when)
        date = resolve_date(date_text, self.reference)
        perpetrators = _unique(
            c for p in self.kept(draft.perpetrators, "perpetrator")
            for c in canonical_perpetrators(p, country)
        )  # fmt: skip
        sources = _unique(canonical_source(s) for s in self.kept(draft.sources, "source"))
        target = self.verbatim(draft.target) if draft.target and self.mentioned(draft.target) else None
        incident = Incident(
            event_type=self.event_type(draft, places),
            summary="",
            date=date,
            date_text=date_text,
            location=Location(places=places, admin1=province, country=country),
            perpetrators=perpetrators,
            target=target,
            killed=self.count(draft.killed, "killed"),
            civilians_killed=self.count(draft.civilians_killed, "civilians_killed"),
            children_killed=self.count(draft.children_killed, "children_killed"),
            women_killed=self.count(draft.women_killed, "women_killed"),
            injured=self.count(draft.injured, "injured"),
            sources=sources,
        )
        for name in ("killed", "civilians_killed", "children_killed", "women_killed", "injured"):
            setattr(incident, name, self.about(getattr(incident, name), name))
        incident.killed = self.other_tolls(incident.killed, places, civilians=False)
        self.fill_subsets(incident)
        incident.civilians_killed = self.other_tolls(incident.civilians_killed, places, civilians=True)
        incident = Incident.model_validate(incident.model_dump())  # re-check the subsets
        incident.evidence = self.evidence(incident)
        if not incident.perpetrators:
            incident.perpetrators = self.attackers(incident.evidence, country)
        incident.summary = summarise(incident)
        return incident

    def attackers(self, evidence: list[str], country: str | None) -> list[str]:
        """Who the incident's own sentences name right before the weapon ("regime air
        strikes", "Russian warplanes", "by regime helicopters"), for a model that named none."""
        found: list[str] = []
        for sentence in evidence:
            for m in _ATTACKER.finditer(sentence):
                for name in canonical_perpetrators(m.group(1), country):
                    if name != m.group(1).strip() and name not in found:
                        found.append(name)
        return found


def _ngrams(sentence: str, n: int = 4) -> list[str]:
    words = re.findall(r"[\w'’-]+", sentence)
    return [" ".join(words[i : i + k]) for i in range(len(words)) for k in range(1, n + 1)]


_VERB = {
    EventType.air_strike: "air strike",
    EventType.shelling: "shelling",
    EventType.chemical_attack: "chemical attack",
    EventType.bombing: "bombing",
    EventType.armed_clash: "armed clash",
    EventType.territory_capture: "capture",
}


def summarise(incident: Incident) -> str:
    """One sentence: who did what to whom, where, when, with the toll."""
    who = " and ".join(incident.perpetrators) or "Unattributed"
    what = _VERB[incident.event_type]
    on = f" on {incident.target}" if incident.target else ""
    if incident.event_type is EventType.territory_capture:
        on = f" of {incident.target}" if incident.target else ""
    where = ", ".join(incident.location.places) or ""
    region = ", ".join(x for x in (incident.location.admin1, incident.location.country) if x)
    place = ", ".join(x for x in (where, region) if x)
    when = f" on {incident.date.isoformat()}" if incident.date else ""
    toll = f"; {incident.killed.text}" if incident.killed.text else ""
    return f"{who}: {what}{on} in {place}{when}{toll}."


def _same_event(a: Incident, b: Incident) -> bool:
    if a.event_type != b.event_type or a.date != b.date:
        return False
    if a.killed.text and a.killed.text == b.killed.text:
        return True  # one combined toll for several places is one incident
    ka = {place_key(p) for p in a.location.places} - {""}
    kb = {place_key(p) for p in b.location.places} - {""}
    return bool(ka & kb)


def _merge(a: Incident, b: Incident) -> Incident | None:
    """One record from two tellings of an event; None when they contradict each other."""
    data = a.model_dump()
    data["location"]["places"] = _unique([*a.location.places, *b.location.places])
    data["location"]["admin1"] = a.location.admin1 or b.location.admin1
    data["location"]["country"] = a.location.country or b.location.country
    for name in ("perpetrators", "sources", "evidence"):
        data[name] = _unique([*getattr(a, name), *getattr(b, name)])
    for name in ("killed", "civilians_killed", "children_killed", "women_killed", "injured"):
        if not getattr(a, name).text and getattr(b, name).text:
            data[name] = getattr(b, name).model_dump()
    data["target"] = a.target or b.target
    data["date_text"] = a.date_text or b.date_text
    try:
        merged = Incident.model_validate(data)
    except ValidationError:
        return None
    merged.summary = summarise(merged)
    return merged


_DIRECTIONS = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|central|"
    r"(?:north|south)-?(?:east|west)(?:ern)?)\b",
    re.IGNORECASE,
)


def _general(incident: Incident) -> bool:
    """Placed only by its province or country ("air strikes in Idlib"): how a lead sentence
    tells the event that a later sentence places in its villages."""
    region = {place_key(x) for x in (incident.location.admin1, incident.location.country) if x}
    keys = {place_key(_DIRECTIONS.sub(" ", p)) for p in incident.location.places} - {""}
    return keys <= region


def _absorb_general(incidents: list[Incident]) -> list[Incident]:
    """Fold each general incident into the one specific incident of its kind and date (a
    missing date fits any), when there is exactly one; it then adds what that one lacks."""
    out = list(incidents)
    for general in [i for i in incidents if _general(i)]:
        fits = [
            i for i in out
            if i is not general and not _general(i) and i.event_type == general.event_type
            and (i.date is None or general.date is None or i.date == general.date)
        ]  # fmt: skip
        if len(fits) == 1:
            merged = _merge(fits[0], general)
            if merged is None:
                continue
            merged.location.places = fits[0].location.places
            merged.summary = summarise(merged)
            out[out.index(fits[0])] = merged
            out.remove(general)
    return out


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    out: list[Incident] = []
    for incident in incidents:
        for i, kept in enumerate(out):
            if _same_event(kept, incident) and (merged := _merge(kept, incident)) is not None:
                out[i] = merged
                break
        else:
            out.append(incident)
    return _absorb_general(out)


def to_incidents(
    draft: Draft, article: str, reference: dt.date | None
) -> tuple[list[Incident], list[str]]:
    """Code every drafted incident; raises ValueError when a record breaks the codebook."""
    coder = Coder(article, reference)
    coded = [i for d in draft.incidents if (i := coder.incident(d)) is not None]
    return merge_incidents(coded), coder.warnings


def kinds_to_ask(article: str, found: list[EventType], order: list[str]) -> list[str]:
    """Kinds of event (in `order`) whose words appear in more of the article's sentences than
    incidents of that kind were found: where the model may have stopped too early."""
    lowered = [s.lower() for s in sentences(article)]
    out = []
    for kind in order:
        cue = _CUES[EventType(kind)]
        if sum(1 for s in lowered if cue.search(s)) > found.count(EventType(kind)):
            out.append(kind)
    return out


_NOT_PLACES = re.compile(
    r"^(?:" + "|".join(_WEEKDAY_NAMES) + r"|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|The|A|An|He|She|It|They|We|I)$"
)


def unlisted_sentence(article: str, kind: str, found: list[DraftIncident]) -> str | None:
    """The first sentence after the headline that uses a word of this kind and names something
    (a capitalised word, not a day or month) none of the found incidents is placed at."""
    keys = {place_key(p) for f in found for p in f.places} - {""}
    cue = _CUES[EventType(kind)]
    for sentence in sentences(article)[1:]:
        if not cue.search(sentence.lower()):
            continue
        words = re.findall(r"[\w'’-]+", sentence)
        names = [w for w in words[1:] if w[:1].isupper() and not _NOT_PLACES.match(w)]
        if names and not keys & {place_key(g) for g in _ngrams(sentence)}:
            return sentence
    return None
