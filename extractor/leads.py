"""Where to ask next: the article's sentences that may report an incident the model has not
listed yet. A small model tends to stop after the headline event; asking it about one quoted
sentence at a time finds the rest, and costs only the sentence when the answer is "none".

A sentence is a lead when it uses the words of an event (a strike, a capture, a bombing...),
is not background (war-wide totals, displacement, agreements, vows, photo captions) and
- names a place none of the listed incidents is at, or
- names a listed place with a kind of event not listed there (a bombing at a captured base), or
- uses the words of a kind no listed incident has, or
- dates its event on a day no listed incident of its kind has.
The leads are asked in that order of likelihood, each in the article's order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from extractor.parsing import MONTH_NAMES, MONTH_WORDS, WEEKDAY_NAMES, place_key, resolve_date
from extractor import knowledge
from extractor.events import spelled_alike
from extractor.postprocess import (
    _BACKGROUND,
    _DAY_PHRASE,
    _SUBORDINATE,
    NAME,
    _ngrams,
    _split_lists,
    long_before,
    placed,
    region_names,
    sentences,
)
from extractor.schema import DraftIncident, EventType

# Words that report an event of each kind. Stricter than the words that check a kind at a
# place: weapons named as things ("stored tanks and artillery") are no event.
_EVENTS: dict[EventType, re.Pattern[str]] = {
    EventType.air_strike: re.compile(
        r"\bair ?strikes?\b|\bair ?raids?\b|\braids?\b|\bwarplanes?\b|\bjets?\b|\baircraft\b|"
        r"\bhelicopters?\b|barrel bombs?|\bdrones?\b|\baerial\b|\bstrikes?\b|\bstruck\b|\bbombed\b|"
        r"\bbombardment\b"
    ),
    EventType.shelling: re.compile(
        r"\bshell(?:s|ed|ing)\b|\b(?:artillery|mortar|rocket|missile)s? (?:fire|attacks?|barrages?|"
        r"strikes?|rounds?|hit|struck|landed|fell|destroyed|damaged|slammed)\b|\bfired? (?:\w+ )?"
        r"(?:rockets|mortars|missiles|shells)\b|\b(?:came|come|comes|coming) under (?:\w+ )?fire\b"
    ),
    EventType.chemical_attack: re.compile(
        r"\bchlorine\b|\bsarin\b|\bchemical\b|\bgas attacks?\b|\btoxic gas\b|\bnerve agent\b"
    ),
    EventType.bombing: re.compile(
        r"\bsuicide (?:bomb\w*|attack\w*|car)\b|\bcar bombs?\b|\broadside bombs?\b|\bied\b|"
        r"(?<!barrel )\bbomb(?:s|ings?)?\b|\bexplosions?\b|\bblasts?\b|\bbombers?\b|"
        r"\bexplosives?\b"
    ),
    EventType.armed_clash: re.compile(
        r"\bclash\w*|\bfighting\b|\bbattles?\b|\bfought\b|\bfirefights?\b|\bgunfights?\b|"
        r"\bambush\w*"
    ),
    EventType.territory_capture: re.compile(
        r"\bcaptur\w+|\bseiz\w+|\b(?:took|taken|take|takes|taking|seized|regained|gained) "
        r"(?:back )?control\b|\boverr[au]n\b|\bfell to\b|\bfall of\b|\bretook\b|\bretaken\b|"
        r"\bregain\w*|\breclaim\w*|\btaken back\b|\btook back\b|\bstormed\b|\brecaptur\w+"
    ),
    EventType.armed_attack: re.compile(
        r"\bmassacr\w+|\bgunmen\b|\bassailants\b|\bopened fire\b|\bshot (?:dead|and killed)\b|"
        r"\babduct\w*|\bkidnapp?\w*|\bmachetes?\b|\b(?:attacked|raided|stormed) (?:the |a )?villages?\b|"
        r"\bexecut(?:ed|ions?)\b"
    ),
}
# People harmed, with no word for how: "killing 17 terrorists", "an attack on an outpost".
_HARM = re.compile(
    r"\bkill(?:ed|ing|s)?\b|\bdead\b|\bdied\b|\bwound(?:ed|ing)\b|\binjur(?:ed|ing|ies)\b|\bhurt\b|"
    r"\battack(?:ed|s)?\b|\bassault(?:ed)?\b"
)
# So many places in one reply are several incidents lumped together.
_LUMPED = 4
# An aim is no event: "in an effort to regain control of a town".
_INTENT = re.compile(
    r"\b(?:effort|attempt|bid|push|drive|offensive|trying|tried|try|sought|seeking|seek|aim\w*|"
    r"fighting|fought|battl\w+|vowed|plans?|planning) to (?:\w+ )?(?=\w)",
    re.IGNORECASE,
)
# Guns that strike from the ground, and words that put a strike in the air.
_GUNS = re.compile(r"\b(?:artillery|howitzers?|mortars?|tanks?|rocket launchers?|multiple-launch)\b")
_AIR = re.compile(
    r"\bair\b|\bairstrikes?\b|\bwarplanes?\b|\bjets?\b|\baircraft\b|\bhelicopters?\b|\bdrones?\b|"
    r"\baerial\b|\bbarrel bombs?\b|\bplanes?\b|\baviation\b"
)
# A photo caption ends with the date the photo was taken.
_CAPTION = re.compile(
    r"\b(?:" + MONTH_NAMES + r") \d{1,2}, \d{4}\.?\s*$"
)
# Words that make a name an actor, an outlet or a person, not a place.
_NOT_PLACE = re.compile(
    r"\b(?:Front|Army|Movement|Observatory|Helmets|Defen[cs]e|Agency|TV|Television|Forces?|"
    r"Council|Committees?|Coalition|Alliance|Brigades?|Battalions?|Group|Groups|Ministry|News|"
    r"Press|Media|Twitter|Facebook|Telegram|UN|President|Minister|Director|"
    r"State|Islamic|Regime|Government|Rights|Monitor|Network|Organi[sz]ation|Union|Party|"
    r"Guard|Police|Militia|Units?|Operation|Room|Battle|Victory|Liberation|"
    r"Islamists?|Jihadists?|\w+-(?:backed|based|"
    r"affiliated|linked|led|held))\b"
)
_NOT_NAMES = re.compile(
    r"^(?:" + WEEKDAY_NAMES + "|" + MONTH_WORDS + r"|The|A|An|He|She|It|They|We|I|"
    r"This|That|These|Those|But|And|Meanwhile|However|Since|In|On|At|Early|Late|Initial|"
    r"Moreover|Many|More|Some|Several|Backed|Last|Updated|Read|More)$"
)
# A person or an outlet: "..., Abdel Rahman said", "Youssef Hammoud, a spokesperson".
_SPEAKER = re.compile(
    r"^\s*(?:,\s*)?(?:said|says|told|added|confirmed|denounced|reported|claim(?:s|ed)?)\b|"
    r"^\s*,\s*(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}(?:spokes\w+|director|head|chief|commander|"
    r"official|minister|activist|correspondent|reporter|analyst|researcher)\b"
)
_ROUTE = re.compile(r"\b(?:between|towards?|to|from|into)\s+(?:the\s+)?$|\bbetween\s+\S+\s+and\s+$", re.IGNORECASE)
_CITED = re.compile(r"(?:according to|told|quoted|quoting|by)\s+$|\($")
# A sentence that goes on telling the event of the one before it.
_ANAPHOR = re.compile(
    r"\bthere\b|^(?:The|That|This|Those|These) (?:attack|strike|raid|bombing|blast|explosion|"
    r"shelling|assault|offensive)s?\b",
    re.IGNORECASE,
)


def _is_actor_or_source(name: str) -> bool:
    kb = knowledge.load()
    if all(kb.is_country_word(w) for w in re.split(r"[\s-]+", name) if w):
        return True  # "Turkish-Russian" (a deal), "Syrian": peoples, not places
    return kb.is_actor_word(name) or any(e.pattern.search(name) for e in kb.sources)


def names_any(text: str, places: Iterable[str]) -> bool:
    """Whether the text names any of these places (in any transliteration)."""
    keys = {place_key(g) for g in _ngrams(text)} - {""}
    return any(place_key(p) in keys for p in places)


class Leads:
    """The sentences of one article that may report an incident not listed yet."""

    def __init__(self, article: str, reference: dt.date | None) -> None:
        self.sentences = sentences(article)
        self.reference = reference
        regions = set(region_names(article).values())
        self._regions = {place_key(r) for r in regions} | {
            place_key(w) for r in regions for w in r.split()
        }
        kb = knowledge.load()
        self._regions |= {place_key(w) for c in kb.countries for w in (c.name, *c.words)}
        self._regions -= {""}
        self._proper = {
            m.group(0) for m in re.finditer(r"(?<=[\w,;:] )[A-Z][\w'’-]*", article)
        }  # words capitalised in mid-sentence: names, not just sentence starts
        self._speakers: set[str] = set()  # people and outlets the article quotes, by key
        for sentence in self.sentences:
            for m in NAME.finditer(sentence):
                if _SPEAKER.match(sentence[m.end() :]) or _CITED.search(sentence[: m.start()]):
                    self._speakers |= {place_key(w) for w in m.group(0).split()}
                    self._speakers.add(place_key(m.group(0)))
        self._speakers -= {""}
        self._kinds = [self._events(s) for s in self.sentences]
        self._keys = [{place_key(g) for g in _ngrams(s)} - {""} for s in self.sentences]
        self._names = [self._place_names(s) for s in self.sentences]
        self.new_places: list[str] = []  # of the last lead: names no listed incident is at
        self._dates = [self._date(s) for s in self.sentences]
        self.asked: set[int] = set()
        self.declined: set[EventType] = set()

    # -- what each sentence says -----------------------------------------------------------

    def _events(self, sentence: str) -> list[EventType]:
        if (_BACKGROUND.search(sentence) or _CAPTION.search(sentence) or sentence.rstrip()[-1:] not in ".!?\"”"
                or long_before(sentence, self.reference)):  # fmt: skip
            return []  # background, history, a caption, or a headline (no full stop)
        low = _SUBORDINATE.sub(" ", _INTENT.sub(" ", sentence)).lower()
        kinds = [kind for kind, pattern in _EVENTS.items() if pattern.search(low)]
        if EventType.air_strike in kinds and _GUNS.search(low) and not _AIR.search(low):
            # "artillery units carried out strikes": the guns' strikes are shelling
            kinds = [EventType.shelling if k is EventType.air_strike else k for k in kinds if k is not EventType.shelling]
        if not kinds and _HARM.search(low):
            return list(EventType)  # "the units foiled the attempt, killing scores": any kind
        return kinds

    def _place_names(self, sentence: str) -> dict[str, tuple[int, str]]:
        """Keys of the names in the sentence that may be places (not the first word, a day,
        a month, a country or people, a province, an actor, an outlet or a speaker), with
        where each starts and how the sentence spells it."""
        keys: dict[str, tuple[int, str]] = {}
        for m in NAME.finditer(sentence):
            name = m.group(0)
            words = name.split()
            if m.start() == len(sentence) - len(sentence.lstrip("\"“‘'([ ")) and words and words[0] not in self._proper:
                words = words[1:]  # "Capturing Jisr al-Shughur ..."
            while words and _NOT_NAMES.match(words[0]):
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            if _NOT_PLACE.search(name) or _is_actor_or_source(name):
                continue
            if _ROUTE.search(sentence[: m.start()]):
                continue  # "between Velmora and the coast", "towards Kastrel": a way, not a place hit
            key = place_key(name)
            if key in self._speakers:
                continue  # "..., Abdel Rahman said", "according to Hammoud", "(Outlet)"
            town = re.search(r"\b(?:city|town|village) of\s+$", sentence[: m.start()])
            if key and (town or key not in self._regions):  # "the city of Oruna" in "Oruna region"
                keys.setdefault(key, (m.start(), name))
        return keys

    def _date(self, sentence: str) -> dt.date | None:
        m = _DAY_PHRASE.search(sentence)
        return resolve_date(m.group(0), self.reference) if m else None

    # -- the next lead ---------------------------------------------------------------------

    def next(self, found: Iterable[DraftIncident]) -> tuple[str, list[EventType]] | None:
        """The first sentence not asked about yet that may report an unlisted incident, with
        the kinds of event it may be (and the next sentence, when it goes on telling it)."""
        found = list(found)
        at = [({place_key(p) for p in f.places} - {""} - self._regions, f.type) for f in found]
        # a reply listing many places lumps several incidents: a sentence naming one of them
        # on its own may tell its own
        listed_keys = set().union(*(k for k, _ in at if len(k) < _LUMPED)) if at else set()
        # a kind counts as listed where it has a place more precise than a region
        listed_kinds = {f.type for f, (keys, _) in zip(found, at, strict=True) if keys}
        listed_dates = {
            (f.type, resolve_date(f.when, self.reference) if f.when else None)
            for f in found
        }
        best: tuple[int, int, list[EventType], bool] | None = None
        for i, kinds in enumerate(self._kinds):
            if not kinds or i in self.asked:
                continue
            here = {kind for keys, kind in at if keys & self._keys[i]}
            rank, lead, with_before = 0, [], False
            new_places = [start for key, (start, _) in self._names[i].items() if key not in listed_keys]
            if len(kinds) == len(EventType):  # harm told with no kind's words: last, at a new place
                with_before = not new_places and self._placed_before(i, listed_keys)
                if not new_places and not with_before:
                    continue
                rank, lead = 5, kinds
            elif new_places:
                rank, lead = 1, self._nearest(i, kinds, new_places)  # a place no listed incident is at
            elif here and (new := [k for k in kinds if k not in here]):
                rank, lead = 2, new  # another kind of event at a listed place
            elif not here and (new := [k for k in kinds if k not in listed_kinds | self.declined]):
                rank, lead = 3, new  # a kind of event not listed at all
            elif not here and self._dates[i] is not None:
                lead = [k for k in kinds if k in listed_kinds and (k, self._dates[i]) not in listed_dates]
                rank = 4  # another day than the listed events of its kind
            if lead and (best is None or (rank, i) < best[:2]):
                best = (rank, i, lead, with_before)
        if best is None:
            return None
        _, i, lead, with_before = best
        self.asked.add(i)
        text, named = self.sentences[i], i
        if with_before:  # "X intercepted fighters near Y. The units foiled it, killing scores": both
            named = i - 1
            self.asked.add(named)
            text = f"{self.sentences[named]} {text}"
        self.new_places = [
            name for key, (start, name) in self._names[named].items()
            if key not in listed_keys and not name.isupper() and placed(text, text.find(name, start))
        ]
        if i + 1 < len(self.sentences) and _ANAPHOR.search(self.sentences[i + 1]):
            text = f"{text} {self.sentences[i + 1]}"
        return text, lead

    def _placed_before(self, i: int, listed: set[str]) -> bool:
        """Whether the sentence before this one names a place no listed incident is at and
        tells of no event of its own words (nor is background): what this one's harm, told
        with no place, happened at."""
        return (i > 0 and not self._kinds[i - 1] and not _BACKGROUND.search(self.sentences[i - 1])
                and any(k not in listed for k in self._names[i - 1]))  # fmt: skip

    def _names_in(self, lead: str) -> dict[str, str]:
        """The places a lead names, by key, as it spells them."""
        return {k: name for s in sentences(lead) for k, (_, name) in self._place_names(s).items()}

    def names_place(self, lead: str) -> bool:
        """Whether the lead names any place ("the rocket hit the vehicle head-on" names none)."""
        return bool(self._names_in(lead))

    def reports_at(self, lead: str, draft: DraftIncident) -> bool:
        """Whether a reply to a question about `lead` is at a place the lead names; a lead that
        names no place ("the base", "there") fits any. A reply elsewhere answers another
        sentence (a small model made to pick a kind may restate an incident listed before)."""
        named = self._names_in(lead)
        if not named or names_any(lead, _split_lists(draft.places, lead)):
            return True
        # the article's other spelling of a place the lead names ("Velna" in the lead,
        # "Welna" elsewhere): the lead's spelling is taken
        respelled = [next((n for k, n in named.items() if spelled_alike(place_key(p), k)), None)
                     for p in draft.places]  # fmt: skip
        if draft.places and all(respelled):
            draft.places = [n for n in respelled if n]
            return True
        return False

    def _nearest(self, i: int, kinds: list[EventType], places: list[int]) -> list[EventType]:
        """Of the kinds a sentence names, the one whose words stand nearest a new place
        ("the capture of Jisr" in a sentence about air strikes elsewhere); all when tied."""
        if len(kinds) < 2 or len(kinds) == len(EventType):
            return kinds
        sentence = self.sentences[i]
        low = _INTENT.sub(lambda m: " " * len(m.group(0)), sentence).lower()

        def words_before(pos: int) -> int:
            return len(sentence[:pos].split())

        def distance(kind: EventType) -> tuple[int, int]:
            """Words between the kind's words and a new place; a verb before its object wins
            a tie ("took control of X, adding that clashes...")."""
            return min(
                (min(abs(words_before(m.start()) - words_before(p)),
                     abs(words_before(m.end()) - words_before(p))), int(m.start() > p))
                for m in _EVENTS[kind].finditer(low)
                for p in places
            )  # fmt: skip

        gaps = {kind: distance(kind) for kind in kinds}
        best = min(gaps.values())
        return [k for k in kinds if gaps[k] == best]

    def decline(self, kinds: Iterable[EventType]) -> None:
        """The model found nothing new in a lead of these kinds: do not ask about them again
        for want of a place."""
        self.declined.update(kinds)
