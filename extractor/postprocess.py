"""From the model's Draft to codebook Incidents, by exact rules: counts parsed from their
verbatim phrases, dates resolved against the article's own date, names put in canonical form,
evidence taken from the article's own sentences, duplicates merged."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from pydantic import ValidationError

from extractor import gazetteer, knowledge
from extractor.events import spelled_alike
from extractor.parsing import (
    AGED_PATTERN,
    FIGURE_SEPARATOR,
    align_count,
    find_date,
    MONTH_NAMES,
    MONTH_WORDS,
    NUMBER_PATTERN,
    ONE_PERSON_NOUNS,
    ONE_PERSON_PATTERN,
    QUALIFIER_PATTERN,
    VAGUE_PATTERN,
    WEEKDAY_NAMES,
    locate,
    parse_count,
    parse_figures,
    place_key,
    resolve_date,
    words_to_int,
)
from extractor.schema import Count, Draft, DraftIncident, EventType, Geo, Incident, Location

_PROVINCE_RE = re.compile(
    r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:[Pp]rovince|[Gg]overnorate|[Oo]blast|[Rr]egion)\b"
    r"|\b(?:[Pp]rovince|[Gg]overnorate) of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)
# Leading words that are not part of a province's name ("the Karsa Province" gives Karsa).
_NOT_NAMES = {"The", "A", "An", "This", "That", "Its", "In", "On", "Northern", "Southern",
              "Eastern", "Western", "Central"}  # fmt: skip


def _region_name(m: re.Match[str]) -> str:
    """The name a province match gives, without leading words that are not part of it."""
    words = (m.group(1) or m.group(2)).split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    if len(words) > 1 and re.fullmatch(r"[\w-]+['’]s?", words[0]):
        words = words[1:]  # "Atlantis's Oruna region", "Velna's Kastrel province": the province, not its owner
    return " ".join(words)


def dominant_province(article: str) -> str | None:
    """The province the article names most often as a province ("Karsa province", "province of
    Karsa"), if one stands out; used for incidents whose province the model did not give."""
    counts: dict[str, int] = {}
    for m in _PROVINCE_RE.finditer(article):
        if name := _region_name(m):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def dominant_country(article: str, places: gazetteer.Gazetteer | None = None) -> str | None:
    """The country the article names most often (by name or people), if one stands out; with
    the gazetteer, a province named as such ("Oruna state") counts for the one country that
    has a province of that name."""
    kb = knowledge.load()
    counts = kb.country_counts(article)
    if places is not None and rule_on("map"):
        for m in _REGION.finditer(article):
            codes = places.province_countries(_region_name(m) or "")
            if len(codes) == 1 and (c := kb.country_by_iso(codes.pop())) is not None:
                counts[c.name] = counts.get(c.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 1 and n > second else None


# Capitalised names, with their Arabic-style articles ("al-Qahira", "Jisr al-Shughur"); a word
# keeps its inner apostrophe ("Ma’arshamarin") but not the "’s" of "Idlib’s".
_ARTICLE = r"(?:\b(?:al|el|ad|ar|as|ash|at|az)[-\s])"
_WORD = r"[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)*"
NAME = re.compile(_ARTICLE + "?" + _WORD + r"(?:\s+" + _ARTICLE + "?" + _WORD + ")*")

# Words that put a name where something happened: "in the Velna area", "the town of Velna",
# "at Velna square".
_IN_PLACE = re.compile(
    r"\b(?:in|at|near|outside|on)\s+(?:the\s+)?(?:(?:town|village|city|area|district|"
    r"neighbou?rhood|camp|hamlet|suburb)\s+of\s+)?$|\b(?:town|village|city|hamlet)\s+of\s+$"
)
_PLACE_NOUN = re.compile(
    r"^\s+(?:area|district|neighbou?rhood|village|town|camp|square|market|township|suburb)\b"
)

_REGION_NOUN = re.compile(
    r"^\s+(?:province|governorate|region|state|department|county|oblast|prefecture)\b", re.IGNORECASE
)


def placed(sentence: str, start: int) -> bool:
    """Whether the name at `start` stands where a place does."""
    name = NAME.match(sentence, start)
    if name is None:
        return False
    first = re.search(r"[A-Z]", name.group(0))
    before = sentence[: start + (first.start() if first else 0)]
    after = sentence[name.end() :]
    if _REGION_NOUN.match(after):
        return False  # "in Velna department": a region, not the place hit
    return bool(_IN_PLACE.search(before) or _PLACE_NOUN.match(after))


# Provinces and regions as an article names them ("Idlib province", "the Hama countryside",
# "Latakia provinces", "the province of Karsa").
_REGION = re.compile(
    r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:[Pp]rovinces?|[Gg]overnorates?|[Oo]blasts?|"
    r"[Rr]egions?|countryside|states?)\b|\b(?:[Pp]rovince|[Gg]overnorate) of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)


def region_names(article: str) -> dict[str, str]:
    """The provinces and regions the article names as such, by place key."""
    out: dict[str, str] = {}
    for m in _REGION.finditer(article):
        if (name := _region_name(m)) and (key := place_key(name)):
            out.setdefault(key, name)
    return out


# A time phrase has a day, a date or a part of the day in it.
_DATE_WORD = re.compile(
    r"\b(?:" + WEEKDAY_NAMES + "|" + MONTH_NAMES + r"|jan|feb|mar|apr|jun|jul|"
    r"aug|sep|sept|oct|nov|dec|yesterday|today|tonight|overnight|night|morning|afternoon|"
    r"evening|dawn|dusk|midnight|noon|day|days|week|weekend|\d{1,4})\b",
    re.IGNORECASE,
)
# What names a place as a landmark for another: "south of X", "near X".
_CARED = (r"hospitals?\s+(?:in|at)|(?:taken|rushed|evacuated|transferred|brought|flown|moved|airlifted|"
          r"fled|flee|fleeing)\s+to|treated\s+(?:in|at)|speaking\s+(?:by\s+(?:tele)?phone\s+)?from")
_UP_TO_NAME = r"\s+(?:the\s+)?(?:(?:nearby\s+)?(?:city|town|village)\s+of\s+)?$"  # "... the town of " right before the name
_LANDMARK = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside|close to|"
    r"(?:km|kilometres|kilometers|miles)\s+from|" + _CARED + r")" + _UP_TO_NAME,
    re.IGNORECASE,
)
# Where the wounded were taken, people fled or a witness spoke from, not where the event was.
_CARED_AT = re.compile(r"\b(?:" + _CARED + r")" + _UP_TO_NAME, re.IGNORECASE)
# A headline's subject and its violent verb: "Tesh rebels take ...", "Atlantis missiles kill ...".
_HEADLINE_VERBS = (r"kills?|killing|takes?|seizes?|captures?|raids?|hits?|strikes?|shells?|bombs?|attacks?|"
                   r"overruns?|storms?|hacks?|massacres?|ambush(?:es)?")
_HEADLINE_VERB = re.compile(r"\b(?:" + _HEADLINE_VERBS + r")\b")
_NOUN_BEFORE = re.compile(
    r"\b(?:in|on|of|the|a|an|fresh|new|deadly|separate|twin|latest|more|two|three|several|\d+)\s+$", re.IGNORECASE
)  # the word before a headline's verb that makes it a noun ("in fresh attacks", "two strikes")
_HEADLINE_SUBJECT = re.compile(
    r"(?:^(?:[A-Z][\w .'-]{0,30}:\s+)?|\b(?:as|after|when|while)\s+)"
    r"(?P<who>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}?)\s+(?:(?:is\s+|are\s+)?accused\s+of\s+)?"
    r"(?P<verb>" + _HEADLINE_VERBS + r")\b"
)  # headlines tell in the present: "Tesh rebels take", not "Ten soldiers killed as ..."
# A byline: who wrote the report, and where ("By Dana Ostrova, Velna").
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*(?:,|$)")
# A day in a sentence: "on Sunday", "late Monday", "yesterday", "on March 3".
_DAY_PHRASE = re.compile(
    r"\b(?:(?:on|late|early|last|since)\s+)?(?:" + WEEKDAY_NAMES + r")"
    r"(?:\s+(?:night|morning|afternoon|evening))?(?:\s+(?:of\s+)?last\s+week)?\b|"
    r"\b(?:a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?:days?|weeks?)\s+ago\b|"
    r"\b(?:yesterday|overnight|last night)\b|"
    r"\b(?:on\s+)?(?:" + MONTH_WORDS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![:.]\d)|"
    r"\b(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + MONTH_WORDS + r")\b|"
    r"\bon\s+the\s+\d{1,2}(?:st|nd|rd|th)\b"
)
# What follows the date of a dateline: "VELNA, Jan 11 (Wire) -".
_DATELINE_AFTER = re.compile(r",?\s*(?:\d{4}\s*)?(?:\([^)]{1,30}\)\s*)?[-–—:]\s")
# Who the article cites, in a sentence: "according to X", "X said", "said X", "X, a monitor, said".
_SAY = (  # a verb of saying, or giving a figure: "put the number of dead at seven"
    r"(?:said|says|told|reported|confirmed|claimed|claims|announced|added|stated|denied|denies|"
    r"insisted|insists|insist|wrote|posted|tweeted|documented|"
    r"put\s+the\s+(?:death\s+)?(?:toll|number|figure)|"
    r"gave\s+(?:a|the)\s+(?:[\w-]+\s+)?(?:death\s+)?(?:toll|figure))"
)
_SAID_BEFORE = re.compile(r"\b" + _SAY + r"\s*$")  # right before a day: the day of the saying
# Titles and roles that stand before a name: "regional governor Dana Ostrova".
_ROLES = (
    r"outlet|agency|newspaper|channel|mayor|governor|spokes(?:man|woman|person)|minister|"
    r"official|chief|head|commander|director|doctor|dr\.?|general|colonel|president|secretary|"
    r"activist|correspondent|journalist|reporter|administrator|councillor|lawmaker|MP|leader|"
    r"officer|commissioner|superintendent|inspector|ombudsman|prosecutor|senator|chairman|"
    r"chairwoman|chairperson|envoy|ambassador|coordinator|representative|captain|major|emir|"
    r"lieutenant|brigadier|sergeant|prefect|sheriff"
)
# A name, then a verb of saying: "The Velna Monitor said", "Dana Ostrova, the governor, said".
_NAMED_SAYER = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|"
    r"al-[\w'’-]+|for|of|the|de|agency|group|monitor|media|television|ministry|sources|"
    r"spokesman|spokesperson|military|army|police|government))*)(?:\s+\([A-Z]{2,6}\))?(?:,[^,]{3,140},)?"
    r"(?:\s+(?:also|later|earlier|separately|has|have|had))?\s+" + _SAY + r"\b"
)
# What a sayer felt about the incident, right after the verb of saying: "... said he was
# horrified by the images", "... said she was appalled".
_REACTION = re.compile(
    r"\s+(?:that\s+)?(?:he|she|they|it|we|I)\s+(?:was|were|is|are|had\s+been|felt)\s+(?:\w+ly\s+)?"
    r"(?:horrified|appalled|shocked|saddened|outraged|dismayed|alarmed|heartbroken|sickened|disgusted|"
    r"devastated|concerned|troubled|deeply)\b",
    re.IGNORECASE,
)
# A title whose holder the article names elsewhere: "the governor said" (Dana Ostrova).
_TITLE_SAYS = re.compile(
    r"\b[Tt]he\s+((?:(?:regional|local|district|provincial|city|state)\s+)?(?:governor|mayor|commissioner|prefect|"
    r"spokes(?:man|woman|person)))\s+(?:also\s+|later\s+)?(?:said|says|told|added)\b"
)
# One speaker named by role only, the sentence's subject: "a military source said", "An aid
# worker said", "a witness told". Who that is says no more where a named source speaks too.
_ONE_BY_ROLE = re.compile(
    r"(?<![\w'’-])(?:[Aa]n?|[Tt]he|[Oo]ne)\s+((?:(?!said\b|says\b|told\b)[a-zA-Z][\w-]*\s+){1,3}"
    r"(?:spokes(?:man|woman|person)|source|official|officer|worker|commander)|witness|resident|survivor)"
    r"\s+(?:also\s+)?(?:said|says|told)\b"
)
_CITE_PATTERNS = [
    re.compile(r"\b[Aa]ccording to (?:a |an |the )?([^,.;:“”\"]{3,70})"),
    _NAMED_SAYER,
    re.compile(
        r"(?<![\w'’-])((?:[A-Z][\w-]*['’]s\s+)?(?:[\w-]+\s+){0,2}(?:sources|activists|groups|residents|witnesses|eyewitnesses|"
        r"officials|media|television|TV|monitor|medics|rescuers|agency|ministry))\s+" + _SAY + r"\b"
    ),
    re.compile(  # a state's forces by no name: "the army said", "The military later said"
        r"\b[Tt]he\s+((?:army|military))(?:\s+(?:also|later|earlier))?\s+(?:said|says|reported|stated|announced)\b"
    ),
    re.compile(  # the first of two speakers: "Mayor Tesh Orun and governor Velna Kast said"
        r"(?<![\w'’-])([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+)\s+and\s+(?:[a-z][\w-]*\s+){0,3}"
        r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:also\s+)?" + _SAY + r"\b"
    ),
    re.compile(  # a name set off by commas: "the city's mayor, Dana Ostrova, said"
        r",\s+((?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de)-?[\w'’-]*)(?:\s+(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de)-[\w'’-]+)){1,3}),"
        r"\s+(?:also\s+)?" + _SAY + r"\b"
    ),
    re.compile(  # "Velna Radio reported, citing the Kastrel Monitor"
        r"\bciting\s+(?:the\s+|a\s+|an\s+)?([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|(?:for|of)\b|al-[\w'’-]+))*)"
    ),
    re.compile(  # "said the chairman, Ivo Marek": the holder named after the title
        r"\b(?:said|says|added)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z-]+\s+){0,3}(?i:" + _ROLES + r"),\s+"
        r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+[A-Z][\w'’-]*)"
    ),
    re.compile(  # "said the Velna Monitor", "said military prosecutor Colonel Dana Ostrova"
        r"\b(?:said|says|reported|confirmed|claimed|announced|added|stated)\s+(?:the\s+)?"
        r"(?:(?:[a-z]+\s+)?(?i:" + _ROLES + r")\s+)?"
        r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|for|of|al-[\w'’-]+))*)"
    ),
]
# An outlet someone told: "told Velna Radio", "speaking to the Kastrel Courier channel". It
# is a source when the tables know it or a word says it is an outlet, in its name or after it.
_OUTLET_NOUNS = r"channel|television|TV|radio|newspaper|daily|agency|outlet|website|news|times|post"
_TOLD_OUTLET = re.compile(
    r"\b(?:told|gave|(?i:speaking)\s+to|spoke\s+to|(?i:talking)\s+to)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})(?P<kind>\s+(?:news\s+)?(?:" + _OUTLET_NOUNS + r")\b)?"
)
_OUTLET_WORD = re.compile(r"\b(?:" + _OUTLET_NOUNS + r")$", re.IGNORECASE)
# The article's own outlet, in its dateline: "TESH, March 3 (Velna Radio) - ...".
_DATELINE_OUTLET = re.compile(r"^[^\n(]{2,80}\((?P<outlet>[A-Z][\w .'’-]{1,40})\)\s*[-–—]", re.M)
# A weapon or a method named where an actor belongs.
_WEAPONS_ONLY = re.compile(
    r"(?:the\s+)?(?:(?:suicide|car|roadside|barrel|heavy|deadly|fierce|drone|missile|rocket|"
    r"artillery|mortar|aerial|fighter|military|the)\s+)*(?:air ?strikes?|air ?raids?|drones?|missiles?|"
    r"warplanes?|war\s+planes?|jets?|aircraft|planes?|helicopters?|gunships?|"
    r"raids?|strikes?|shelling|bombs?|bombings?|bombers?|explosions?|blasts?|rockets?|missiles?|"
    r"mortars?|artillery|attacks?|gunmen|fighting|clashes|shells?|shellfire|gunfire)",
    re.IGNORECASE,
)
# A label one side gives the other, with no name: "armed terrorist groups", "terrorists".
_LABEL_ONLY = re.compile(
    r"(?:the\s+)?(?:armed\s+)?terrorists?(?:\s+(?:groups?|organi[sz]ations?|gangs?|cells?|elements))?", re.IGNORECASE
)
# Not a source: a pronoun, a day, or a source with no name ("sources", "local sources").
_NOT_SOURCES = re.compile(
    # a bare "sources" names no one (the codebook); "medical sources" says who
    r"(?:he|she|they|it|we|i|this|that|(?:(?:some|other|informed)\s+)?"
    r"sources|reports|(?:on\s+)?(?:" + WEEKDAY_NAMES + r"|yesterday|today)(?:['’]s)?(?:\s+\w+)?|"
    # a clause's tail, not a name: "of Police", "No group", "group", "agency"
    r"(?:of|no|in|on|at|for)\s+.*|group|agency|organi[sz]ation|"
    r"channel|television|TV|radio|newspaper|station|broadcaster|outlet)",  # "according to the channel"
    re.IGNORECASE,
)
# A role right after a name, set off as who that is: ", the governor of ...", ", a spokesman".
_HOLDER_AFTER = re.compile(r",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}?(?i:" + _ROLES + r")\b")
# What a name of an outlet may end in that is no part of its name: "Velna television".
_OUTLET_TAIL = re.compile(r"(?<=[\w'’-])\s+(?:television|channel|TV)$")
# A role, then who holds it: "regional governor Dana Ostrova", "opposition outlet Voice of
# Kastrel", "Velmora Mayor Ivo Marek"; after several, the last ("army spokesman Major General
# Dana Ostrova": Dana Ostrova).
_ROLE_THEN_NAME = re.compile(
    r"^.*\b(?:" + _ROLES + r")\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:of|for|the|al|el|bin|ibn|de|da)[\s-]+)?[A-Z][\w'’-]+){1,4})$",
    re.IGNORECASE,
)
# Who reports, treats or watches, never who strikes.
_NOT_ACTOR = re.compile(
    r"\b(?:hospitals?|clinics?|medical|medics?|doctors?|ministry|observatory|monitor(?:ing)?|agency|"
    r"news|media|television|newspaper|red cross|red crescent|spokes\w+|officials?|residents?|"
    r"witness\w*|activists?|sources?|rescuers?|civil defen[cs]e|health)\b",
    re.IGNORECASE,
)
# What an actor's name goes on to say about how they came: not part of the name.
_HOW_THEY_CAME = re.compile(
    r"\s+(?:riding|armed with|wielding|carrying|driving|dressed in|wearing|on motorcycles|"
    r"on motorbikes|on foot|in pickup trucks|in vehicles)\b.*$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"\b(?:was|were|is|are|had|has|have|been|being|that|which|who|in an effort)\b", re.I)
# A name and the short form the article gives it after: "the Velna Defence Force (VDF)".
_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|the|and)\s+)?){1,7})\(([A-Z]{2,6})\)"
)
_FUNCTION_WORDS = {"the", "this", "that", "these", "those", "they", "he", "she", "it", "we", "its",
                   "his", "her", "their", "monitor", "source", "sources", "reports", "report"}  # fmt: skip
_PERSON_ROLE = re.compile(
    r"\b(director|head|chief|founder|spokes(?:man|woman|person)|official|commander)\b", re.I
)

# What a body that reports is called by, at the end of its name ("the Velna Rights Monitor"),
# and alone once it has been named ("the monitor said").
_BODY_NOUN = re.compile(
    r"monitor|observatory|network|committee|council|agency|service|commission|authority|directorate|"
    r"society|mission|office|ministry|department|coalition|alliance|movement|centre|center|union|association",
    re.IGNORECASE,
)
# A site that stands in a town: "the Military College", "Velna market".
_SITE = re.compile(
    r"\b(?:college|academy|school|university|hospital|clinic|market|mosque|church|camp|base|"
    r"airport|prison|stadium|factory|station|hotel|bridge|square|compound|headquarters)s?$",
    re.IGNORECASE,
)
# A sentence that gives a toll again, after the one that tells of the incident: "Police later
# gave a toll of 13 dead", "the toll rose to 9", "put the number of dead at 7", "Her first
# count was five dead".
# Another account of a toll told before: "a lower toll", "a different breakdown".
_OTHER_ACCOUNT = re.compile(
    r"\b(?:lower|higher|different|revised|conflicting|smaller|larger|another)\s+(?:death\s+)?"
    r"(?:toll|figures?|count|tally|account|breakdown)\b",
    re.IGNORECASE,
)
_TOLL_AGAIN = re.compile(r"\b(?:toll|later|rose|risen|climbed|number|figures?|count|tally|updates?|preliminary)\b")
# A photo's caption, which dates the photo: "Photo: Survivors in Tesh on Sunday."
_PHOTO_LINE = re.compile(r"\W*(?:Photo|Caption|Picture|Image)\b")
# A source cited by its name ("Dana Ostrova", "Velna Referral Hospital"), and one cited by
# what it is only ("officials", "regional officials", "medical sources"), which says no more
# where a named one speaks for the incident.
_NAMED_SOURCE = re.compile(r"(?:[A-Z][a-z'’-]+(?:-[A-Z][a-z'’]+)?\s+){1,3}[A-Z][a-z'’-]+(?:-[A-Z][a-z'’]+)?")
_UNNAMED_SOURCE = re.compile(r"(?:\w+\s+)?(?:officials|medics|sources)", re.IGNORECASE)
# An attack on those who fight back: soldiers or police, an army post, or fire exchanged.
_FOUGHT_BACK = re.compile(
    r"\b(?:soldiers|troops|servicemen|policemen|police\s+officers|gendarmes|militiamen|fighters|militants|"
    r"(?:assailants|attackers)\s+(?:were\s+)?(?:killed|dead)|"
    r"(?:army|military|police)\s+(?:camp|post|position|base|checkpoint|outpost|barracks)s?|"
    r"gunfire|exchange\w*\s+(?:of\s+)?fire|gun\s?battles?|repel\w*|fought\s+back)\b",
    re.IGNORECASE,
)
# Those who do not: civilians by any name.
_UNARMED = re.compile(
    r"\b(?:civilians?|villagers|residents|women|children|worshippers|passengers|farmers|"
    r"students|pupils|mourners|families|displaced)\b",
    re.IGNORECASE,
)
# A sentence that opens on the dead just told: "Seven of the dead ...", "Of them, ...", "Among the dead".
_BACK_TO_THE_DEAD = re.compile(
    r"\W*(?:(?:[\w-]+\s+){0,2}of\s+(?:the\s+(?:dead|victims|those\s+killed)|them|those)\b|"
    r"(?:of|among)\s+(?:them|the\s+(?:dead|victims))\b)",
    re.IGNORECASE,
)
# A day told as another incident's: "The same day, ...", "later that day".
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b", re.IGNORECASE)
# A day counted from the incident told before: "A day earlier, ...", "two days later", "the
# previous day", "the next day" (not "a day after the truce": counted from what it names).
_DAYS_APART = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|six|\d)\s+days?\s+(?P<way>earlier|before|later)(?![\w-])(?!\s+(?:the|a|an|his|her|its|their)\b)|"
    r"the\s+(?:previous|preceding)\s+day|the\s+day\s+before(?=\s*[,.;])|the\s+(?P<next>next|following)\s+day)",
    re.IGNORECASE,
)
# A sentence that goes back to the incident by what it was: "wounded in the attack".
_IN_THE_ATTACK = re.compile(
    r"\b(?:in|by|during|from)\s+the\s+(?:attack|strike|air\s?strike|shelling|bombing|blast|explosion|raid|assault)\b"
)
# A sentence that goes back to the place just told by what it is ("the assault on the village,
# which lies close to Tesh"): the other name it places only says where that one is.
_BACK_TO_IT = re.compile(r"\b(?:on|in|into|at|of|near|outside|around|for) the (?:village|town|city|camp|base)\b")
# A line between sentences that is none: a photo's credit ("Photo: Tesh Agency").
_FRAGMENT = re.compile(r"[^.!?]{1,80}")
# The words before a place's name: "at Velna", "road near Velna", "the outskirts of Velna".
_BEFORE_NAME = re.compile(
    r"^(?:(?:[a-z]+\s+){0,3}(?:at|in|on|near|outside|inside|around|of|off|along|by|from|into)\s+)?"
    r"(?:(?:the|a|an)\s+)?(?=[A-Z])"
)


# A figure standing as a word of its own: "12", "twenty-six", not the "12" of "12-year-old".
_FIGURE_WORD = r"(?<![\w-])(?:" + NUMBER_PATTERN + r")(?![\w-])"


def _words_no_figure(most: int, word: str = r"[\w'’-]+") -> str:
    """Up to `most` words, none of them a figure (lazily, so the first fit ends them)."""
    return r"(?:\s+(?!(?:" + NUMBER_PATTERN + r")(?![\w-]))" + word + r"){0," + str(most) + "}?"


# Not a figure of those already told: "two of the wounded", "three of the dead".
_NOT_A_PART = r"(?!\s+of\s+(?:them|whom|the\s+(?:wounded|injured|dead|victims|casualties))\b)"


def _figure_pattern(states: str, verbs: str, tolls: str = "", *, one: bool = False) -> re.Pattern[str]:
    """A figure, or one told by age ("a 46-year-old man"), and what befell them ("12 people
    were killed", "was also wounded"), the verb then the figure
    ("killing 12 people"), or the number of them (or the toll) put at a figure, with no other
    figure between ("the number of dead at 7", "the number of people killed in the clashes
    has risen to 32", "the toll climbed to six")."""
    no_figure = _words_no_figure(16, r"[\w'’,-]+")
    nouns = states + (r"|deaths|fatalities" if tolls else "")  # the toll's own nouns: "the number of fatalities at 89"
    told = r"number\s+of\s+(?:[\w-]+\s+){0,2}?(?:" + nouns + r")" + (f"|{tolls}" if tolls else "")
    # with `one`, one person told by "a" or "another" too: "another woman was injured"
    # (not the last of a list: "six of their colleagues and a policeman were injured")
    single = r"|(?<![\w-])(?<!and\s)(?<!,\s)(?:a|an|another)\s+(?:[a-z-]+\s+)?" + ONE_PERSON_PATTERN if one else ""
    return re.compile(
        r"(?:(?:" + QUALIFIER_PATTERN + r")\s+)?(?:" + _FIGURE_WORD + r"|(?<![\w-])(?:a|an)\s+" + AGED_PATTERN + single + r")"
        + _NOT_A_PART + r"(?:\s+(?!and\b)[\w-]+){0,2}?\s+(?:(?:were|was|have been|had been|are)\s+)?(?:also\s+)?(?:" + states + r")\b"
        # two groups: "two soldiers and a civilian were killed", "six of their colleagues and a policeman were injured"
        r"|(?:(?:" + QUALIFIER_PATTERN + r")\s+)?" + _FIGURE_WORD + r"(?:\s+(?!and\b)[\w'’-]+){1,3}?\s+and\s+(?:"
        + NUMBER_PATTERN + r"|a|an)(?:\s+[\w'’-]+){1,2}?\s+(?:were|was|have been|had been)\s+(?:also\s+)?(?:" + states + r")\b"
        r"|\b(?:" + verbs + r")\s+(?:(?:" + QUALIFIER_PATTERN + r")\s+)?(?:" + NUMBER_PATTERN + r")(?![\w-])(?:\s+[\w-]+)?"
        r"|\b(?:" + told + r")\b" + no_figure + r"\s+(?:at|to|as|of)\s+(?:(?:" + QUALIFIER_PATTERN + r")\s+)?"
        r"(?:" + NUMBER_PATTERN + r")(?![\w-])" + _NOT_A_PART,
        re.IGNORECASE,
    )


# "Twenty-six people were killed", "killing 26 people": a death toll stated in a sentence.
_DIED = (r"killed|dead|died|martyred|slain|perished|bodies|deaths|fatalities|massacred|beheaded|shot\s+dead|"
         r"(?:hacked|burned|burnt|stabbed|beaten)\s+to\s+death|lost\s+their\s+lives")
_DEATH_TOLL = r"(?:death\s+)?toll"
_TOLL = _figure_pattern(_DIED, r"killing|bodies\s+of|claimed\s+the\s+lives\s+of|shot\s+dead", _DEATH_TOLL)  # "15 bodies", "the bodies of 29 children"
# One person killed, in the incident's own sentence: "killing a soldier", "shot dead an aid
# worker and his driver", "a policeman was killed".
_ONE_KILLED_VERB = re.compile(r"^(?:killing|killed|shot\s+dead|shooting\s+dead|assassinated)\s+")
_ONE_KILLED = re.compile(
    r"\b(?:killing|killed|shot\s+dead|shooting\s+dead|assassinated)\s+(?:a|an)\s+(?:[a-z-]+\s+){0,2}?"
    + ONE_PERSON_PATTERN + r"(?:\s+and\s+(?:his|her|their)\s+[a-z]+)?"
    r"|(?<![\w-])(?:[Aa]n?)\s+(?:[a-z-]+\s+){0,2}?" + ONE_PERSON_PATTERN + r"\s+(?:was\s+)?(?:killed|shot\s+dead)\b"
)
# In the incident's own sentence, the active voice too: "the strike killed two people".
_OWN_TOLL = _figure_pattern(_DIED, r"killing|killed|bodies\s+of|claimed\s+the\s+lives\s+of|shot\s+dead", _DEATH_TOLL)
# The same for the wounded: "16 wounded", "27 people were injured", "wounding 5 others".
_HURT = (r"wounded|injured|hurt|(?:sustained|suffered|received)\s+(?:[a-z-]+\s+){0,2}?(?:injuries|wounds)|"
         r"left\s+(?:injured|wounded)|"  # "30 others sustained injuries", "suffered serious wounds"
         r"escaped\s+with\s+(?:[a-z-]+\s+){0,2}?(?:injuries|wounds)|"  # "three others escaped with gunshot wounds"
         r"(?:still\s+)?(?:being\s+)?treated\s+for\s+(?:[a-z-]+\s+){0,2}?(?:injuries|wounds)|"  # "61 were being treated for shrapnel wounds"
         r"(?:taken|admitted|rushed|brought)\s+to\s+(?:a\s+|the\s+)?(?:[a-z-]+\s+)?hospitals?\s+with\s+(?:[a-z-]+\s+){0,2}?(?:injuries|wounds)")
_WOUNDED = _figure_pattern(_HURT, "wounding|injuring", one=True)
# In the incident's own sentence, the active voice too: "killed 5 people and wounded 10".
_OWN_WOUNDED = _figure_pattern(_HURT, "wounding|injuring|wounded|injured", one=True)
# The fighting a toll refers back to: "killed in the battle", "during that assault".
_IN_THE_BATTLE = re.compile(
    r"[^,.;]{0,40}?\s+(?:in|during)\s+(?:the|that|this)\s+(?:[\w-]+\s+)?(?:battle|fighting|clashes|assault|offensive|operation)\b"
)
_BATTLES = {EventType.territory_capture, EventType.armed_clash}
# A toll whose figure stands far from its verb: "six fighters, five of them from the front,
# were killed", "four fighters from the ethnic alliance were killed".
_TOLL_SET_OFF = re.compile(
    r"(?:(?:" + QUALIFIER_PATTERN + r")\s+)?" + _FIGURE_WORD +
    r"(?:(?:\s+[\w-]+){0,2},[^.;]{3,90}?,|" + _words_no_figure(6) + r")"
    r"\s+(?:were|was|had been|have been)\s+(?:" + _DIED + r")\b",
    re.IGNORECASE,
)
# Words too plain to show that a name comes from the article.
_PLAIN_WORDS = {
    "forces", "force", "group", "groups", "fighters", "said", "according", "spokesman",
    "spokesperson", "sources", "source", "local", "news", "agency", "media", "reports", "with",
    "from", "province", "governorate", "region", "district", "countryside", "the", "and",
}  # fmt: skip
_THE_DEAD = (r"(?:the\s+(?:(?:" + NUMBER_PATTERN + r")\s+(?:people\s+)?)?(?:dead|killed|victims|fatalities)"
             r"|those\s+killed)")  # "the dead", "the five killed", "those killed"
# Words that may stand between a figure and the part it counts: "four elderly women", "three
# young children", "two teenage girls".
_PART_ADJECTIVES = r"(?:(?:elderly|old|older|young|little|small|teenage|pregnant|infant|baby|school)\s+)?"
# Not a figure of two parts together: "15 of the dead were women and children".
_NOT_JOINT = r"(?!\s+(?:and|or)\s+(?:children|women|minors|girls|boys)\b)"
_SUBSET_PATTERNS = [
    (field, re.compile(
        r"(?<![\w-])(?:(?:(?:" + QUALIFIER_PATTERN + r")\s+|between\s+(?:" + NUMBER_PATTERN + r")\s+and\s+)?"
        r"(?:" + NUMBER_PATTERN + r")\s+(?:of\s+(?:them|whom|" + _THE_DEAD + r")\s+(?:(?:were|was|are)\s+)?)?"
        + _PART_ADJECTIVES + words
        + r"|(?:(?:a|an)\s+)?" + AGED_PATTERN + r"\s+" + one + r")\b" + _NOT_JOINT, re.IGNORECASE
    ))  # "three women", "four elderly women", "16 of them civilians", or one told by age: "a 67-year-old woman"
    for field, words, one in (
        ("children_killed", r"(?:children|child|minors|kids|boys|girls)(?:\s+and\s+(?:" + NUMBER_PATTERN + r")\s+"
         + _PART_ADJECTIVES + r"(?:boys|girls))?", r"(?:child|boy|girl)"),  # "seven girls and two boys": nine
        ("women_killed", r"(?:women|woman)", r"(?:woman|mother|grandmother)"),
        ("civilians_killed", r"(?:civilians|civilian)", r"civilian"),
    )
]
# A toll whose dead are all of one part: "killing 17 people, all of them civilians".
_ALL_OF_THEM = re.compile(
    r"\s*,\s*(?:all|each)\s+(?:of\s+(?:them|whom)\s+)?(?:(?:were|being)\s+)?(civilians|children|women)\b",
    re.IGNORECASE,
)
_ALL_PARTS = {"civilians": "civilians_killed", "children": "children_killed", "women": "women_killed"}
# One of a part of the dead told by "a", where the sentence says it is among them: "including a
# pregnant woman", "a baby was among the dead" (only there: "a woman said" counts no one).
_ONE_PARTS = [
    (field, re.compile(r"(?<![\w-])(?:a|an)\s+(?:[a-z-]+\s+){0,2}?" + noun + r"\b(?!-)", re.IGNORECASE))
    for field, noun in ONE_PERSON_NOUNS.items()
]
# A toll told as a list of people: "a woman and her three children", "two soldiers and a civilian".
_LIST_OF_PEOPLE = re.compile(r"\s(?:and|as well as)\s", re.IGNORECASE)
# The dead, then a part of them: "killing civilians including ", "killed, among them ".
_KILLED_INCLUDING = re.compile(
    r"\b(?:killing|killed|dead)\b[^.;]{0,40}?\b(?:including|among\s+them|among\s+whom)\s+(?:a\s+|an\s+)?$", re.IGNORECASE
)
# A part of the dead named as among them: "A six-year-old boy was among the dead", "Among
# those killed were three women".
_AMONG_THE_DEAD = r"among\s+" + _THE_DEAD
_OF_THE_DEAD = re.compile(r"\bof\s+" + _THE_DEAD, re.IGNORECASE)  # "three of the dead were children"
_AMONG_THE_DEAD_AFTER = re.compile(r"\s+(?:was|were|is|are)\s+" + _AMONG_THE_DEAD + r"\b", re.IGNORECASE)
# A part of the dead named as among them, after the rest of its list: "Two children(, a
# woman) and an elderly man were among the dead".
_LISTED_AMONG_THE_DEAD = re.compile(
    r"(?:(?:\s*,\s*|\s+and\s+)(?:[\w'’-]+\s+){0,3}?[\w'’-]+){0,3}?" + _AMONG_THE_DEAD_AFTER.pattern, re.IGNORECASE
)
_AMONG_THE_DEAD_BEFORE = re.compile(  # "Among the dead were ", "The dead included two men, ", "... and "
    r"(?:\b" + _AMONG_THE_DEAD + r"(?:\s+[a-z]+){0,2}?\s+(?:was|were|is|are)|\b" + _THE_DEAD
    + r"\s+(?:included|include|includes))\s+(?:(?:[\w'’-]+\s+){1,3}?(?:and\s+|,\s*))?$", re.IGNORECASE
)
# A ministry the article names by its topic: "the Defence Ministry", "the Ministry of Health".
_MINISTRY_NAMED = re.compile(r"\b[A-Z][a-z]+\s+Ministry\b(?!\s+of)|\bMinistry\s+of(?:\s+[A-Z][a-z]+){1,3}")
# A ministry written in lower case, with its owner if named: "the Velna interior ministry".
_MINISTRY_TOPIC = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+)?(?!(?:the|its|their|this|that|whose|said)\b)[a-z]{4,}\s+ministry)\b(?!\s+of)"
)
# An owner that is the state itself: "the regime's Ministry of Health".
_STATE_OWNER = re.compile(r"regime|government|state", re.IGNORECASE)
# A possessive right before a name: "the rebels' ", "Velna's ".
_OWNER_BEFORE = re.compile(r"\b(?P<word>[\w-]+)(?:['’]s?|s['’])\s+$")
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTH_NAMES.split("|"), start=1)}
# A month with no year after it: "in December", "in early March" (not "in March 2024", "in May 5").
_MONTH_ALONE = re.compile(r"\b[Ii]n (?:(?:early|late|mid-?)\s*)?(?P<month>" + MONTH_NAMES + r")\b(?![\s,]+\d)")
# A month or a year with no day: "in December 2023", "in 2014".
_PERIOD = re.compile(r"\b[Ii]n (?:(?:early|late|mid-?)\s*)?(?:(?P<month>" + MONTH_NAMES + r")\s+)?(?P<year>(?:19|20)\d\d)\b")


def long_before(sentence: str, reference: dt.date | None) -> bool:
    """Whether the sentence dates what it tells to a month or a year that ended three months
    or more before the article's month ("The rebels seized the city in December 2023, and ..."
    or "in December" in June 2024): history, not the news (an attack two months back is still
    told as news); unless it also tells of a recent day ("Velna, taken in 2014, was hit on
    Monday")."""
    if reference is None:
        return False
    for m in _DAY_PHRASE.finditer(sentence):
        day = resolve_date(m.group(0), reference)
        if day is not None and abs((reference - day).days) <= 31:
            return False
    for m in _PERIOD.finditer(sentence):
        year = int(m.group("year"))
        month = _MONTH_NUMBER[m.group("month")] if m.group("month") else 12
        if (reference.year - year) * 12 + reference.month - month > 3:
            return True
    for m in _MONTH_ALONE.finditer(sentence):  # "in December": the last December before the article
        month = _MONTH_NUMBER[m.group("month")]
        if (reference.month - month) % 12 > 3:
            return True
    return False


# A period, not a day: "since April 2023" (a war's total, not an incident's toll).
_SINCE_MONTH_YEAR = re.compile(r"\bsince (?:" + MONTH_NAMES + r")\s+(?:19|20)\d\d\b")
# A toll of a part of the dead only: "35 children", "at least nine women were killed", "seven men".
_PART_TOLL = re.compile(
    r"^\W*(?:bodies\s+of\s+)?(?:(?:" + QUALIFIER_PATTERN + r")\s+)?(?:" + NUMBER_PATTERN + r")\s+(?:of\s+them\s+)?"
    r"(?:children|child|minors|kids|boys|girls|women|woman|men|man)\b",
    re.IGNORECASE,
)
# What may stand before a figure and change it: a qualifier ("at least") or a vague word.
_BEFORE_FIGURE = re.compile(r"(?:\b(?:" + QUALIFIER_PATTERN + "|" + VAGUE_PATTERN + r"))\s+$", re.IGNORECASE)
_DEATH_WORDS = re.compile(
    r"\b(?:kill\w*|dead|death\w*|died|die|dying|lost|lives|life|slain|bodies|toll|massacre\w*|"
    r"executed|fatalit\w*|perished|martyr\w*|among the dead)\b",
    re.IGNORECASE,
)
# What a source's words came in, before its name: "(according to) figures from ", "a statement by ".
_CITED_HEAD = re.compile(
    r"^(?:(?:the\s+)?(?:latest|new|official|preliminary)\s+)?(?:figures|data|statements?|counts?|tall(?:y|ies)|"
    r"tolls?|reports?|estimates?|lists?|records)\s+(?:from|by|of|issued\s+by|released\s+by|compiled\s+by|"
    r"published\s+by)\s+(?:the\s+)?(?=[A-Z])"
)
# A body's unnamed speaker: "the Velna Monitor's spokesman".
_BODY_SPEAKER = re.compile(
    r"(?P<body>[A-Z][\w'’ -]*?)['’]s?\s+(?:spokes(?:man|woman|person)|press\s+(?:office|service))"
)
_CITED_TAIL = re.compile(
    r"\s+(?:(?:reached|contacted|quoted|cited|interviewed|speaking)\b.*|(?:toll|tally|count|figures?|statement)$)"
)
# Who did it, as an article says it of an attack: the actor before "claimed" or "accused
# of", or after "attributed to", "blamed ... on", "carried out / launched by", "accuses".
_ATTACK_NOUNS = r"(?:attacks?|strikes?|drone strikes?|air ?strikes?|bombings?|blasts?|raids?|killings?|massacres?|shelling)"
_CLAIMS = re.compile(
    r"(?P<before>[^.;:,]{1,90}?),?\s+(?:(?:has|had|have)\s+)?(?:claimed|claims)\b"
    r"(?!\s+(?:that(?!\s+" + _ATTACK_NOUNS + r")|to|by)\b)(?P<what>\s+(?:responsibility|(?:the|that|this)\s+"
    + _ATTACK_NOUNS + r"))?"
    r"|(?P<before2>[^.;:,]{1,60}?)\s+(?:(?:is|was|were|are|has been|have been|had been)\s+)?accused\s+of\b"
    r"|(?P<before3>[^.;:,]{1,60}?),?\s+(?:said|says)\s+(?:it|they)\s+(?:was|were)\s+behind\b"
    r"|\b(?:attributed\s+to|blamed\s+on|claimed\s+by|carried\s+out\s+by|launched\s+by|fired\s+by"
    r"|blame[sd]?\s+(?:the\s+)?" + _ATTACK_NOUNS + r"\s+on"
    r"|accuses?)\s+(?P<after>[^.;:,]{1,80})"
    # "blamed the Tesh Front for the attack", "officials blamed the Tesh Front, an armed group"
    r"|\bblame[sd]?\s+(?P<blamed>(?:(?!\s+(?:on|for)\b)[^.;:,]){1,80}?)"
    r"(?:\s+for\s+(?:the\s+)?(?:" + _ATTACK_NOUNS + r"|deaths?)\b|\s*(?=[,.;]|$))",
    re.IGNORECASE,
)
# "the Tesh strike", "victims of the Tesh attack": the place an event is named by
_PLACE_OF_EVENT = re.compile(
    r"\b(?:the|of)\s+(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:air\s+|drone\s+|missile\s+)?"
    r"(?:strike|attack|bombing|raid|massacre|shelling|blast|explosion)\b"
)
_ALSO_SPELLED = re.compile(
    r"(?P<a>" + _WORD + r"(?:[ -]" + _WORD + r")*)\s*\(\s*(?:also\s+)?(?:spelled|spelt|written|transliterated)\s+"
    r"(?:as\s+)?(?P<b>" + _WORD + r"(?:[ -]" + _WORD + r")*)\s*\)"
)
_NAME_START = re.compile(r"(?:" + _ARTICLE + r")?[A-Z0-9]")
_ROLE_OF = re.compile(
    r"(?:(?:a|an|the)\s+)?(?P<role>member|official|spokesman|spokeswoman|spokesperson|commander|officer)\s+"
    r"(?:of|from|with)\s+(?:the\s+)?(?P<body>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4})",
    re.IGNORECASE,
)
# Right after a figure, the figure is a part of those told: "as two of the wounded were in
# critical condition", "three of them children".
_OF_THE_TOLD = re.compile(
    r"\s+of\s+(?:them|whom|those\s+(?:killed|wounded|injured|hurt)|the\s+(?:wounded|injured|dead|victims|casualties))\b",
    re.IGNORECASE,
)
_AMONG_BEFORE = re.compile(r"\b(?:among\s+(?:them|whom|the\s+\w+)|including|of\s+(?:them|whom))\s+(?:a\s+|an\s+)?$",
                           re.IGNORECASE)  # right before a figure: a part of the toll just told
# The words that bring in a part of a figure just given: "89, among them 31 women".
_AMONG_AFTER = re.compile(r"^[^.;]{0,20}?,?\s+(?:among\s+(?:them|whom)|including|of\s+(?:them|whom))\s", re.IGNORECASE)
_FIGURE = re.compile(_FIGURE_WORD, re.IGNORECASE)
_NOBODY = re.compile(r"\s*(?:no|nobody|none|no one)\b", re.IGNORECASE)
# "Nobody immediately claimed that bombing", "No group has claimed responsibility".
_UNCLAIMED = re.compile(r"\b(?:nobody|no one|no group|none)\b(?:\s+\w+){0,3}?\s+claimed\b", re.IGNORECASE)
# "X claimed responsibility": the claimant speaks of the incident, a source as well as its actor.
_RESPONSIBILITY = re.compile(r"\b(?:claimed|claims|claiming)\s+responsibility\b", re.IGNORECASE)
# A sentence whose sayer is a pronoun: "It also reported that ...", "He said ...".
_PRONOUN_SAYS = re.compile(r"\s*(?:It|He|She)\s+(?:also\s+|later\s+|further\s+)?" + _SAY + r"\b")
_RELATIVE = re.compile(r"\s*(?:which|who)\b", re.IGNORECASE)
# A sentence that opens at a place: its first name takes the preposition's capital ("In Tesh").
_OPENING_IN = re.compile(r"(?:In|At|Near|Outside)\s+(?=[A-Z])")
_HIT_BEFORE = re.compile(r"\b(?:struck|hit|shelled|bombed|attacked|raided|captured|seized|stormed)\s+$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# A clause of its own that tells other people: ", and three others ...", "; two ...".
# (not a part of them: "20 people, 11 of them children, were killed")
_NEXT_CLAUSE = re.compile(
    r"[,;]\s*(?:and\s+|while\s+|but\s+)?(?=" + _FIGURE_WORD + r")(?!" + _FIGURE_WORD + r"\s+(?:of|among)\b)",
    re.IGNORECASE,
)
# "others", "another": the wounded told beside the dead just told ("Nineteen other guests were hurt").
_OTHERS = re.compile(r"\b(?:others?|another)\b", re.IGNORECASE)


def _others_wounded(sentence: str) -> bool:
    """Whether the sentence tells wounded people as others than the dead told before it."""
    return any(_OTHERS.search(m.group(0)) for m in _WOUNDED.finditer(sentence))


_INJURY_WORDS = re.compile(r"\b(?:wound\w*|injur\w*|hurt|maimed|casualt\w*)\b", re.IGNORECASE)
# Words that mark each kind of event, for checking the model's event type against the text.
_CUES: dict[EventType, re.Pattern[str]] = {
    EventType.air_strike: re.compile(
        r"\bair ?strikes?\b|\bair ?raids?\b|warplanes?|\bjets?\b|aircraft|"
        r"helicopters?|barrel bombs?|\bdrones?\b|aerial"
    ),
    EventType.shelling: re.compile(r"\bshell(?:s|ed|ing)?\b|artillery|rockets?|mortars?|missiles?"),
    EventType.chemical_attack: re.compile(r"chlorine|sarin|chemical|\bgas\b|toxic|nerve agent"),
    EventType.bombing: re.compile(
        r"suicide|car bomb|roadside bomb|\bied\b|explosives?|bombers?|booby|land ?mines?"
    ),
    EventType.armed_clash: re.compile(r"\bclash\w*|fighting|battles?|fought|firefight|gunfight|ambush"),
    EventType.territory_capture: re.compile(
        r"captur\w+|seiz\w+|(?:took|taken|take|takes|taking)\s+(?:full\s+|complete\s+|total\s+)?control|"
        r"control over|overr[au]n|fell to|\bfall of\b|retook|retaken|regain\w*|reclaim\w*|"
        r"taken back|took back"
    ),
    EventType.armed_attack: re.compile(
        r"massacr\w+|gunmen|assailants|opened fire|shot dead|abduct\w*|kidnapp?\w*|machetes?|"
        r"(?:attacked|raided|stormed) (?:the |a )?villages?|execut(?:ed|ions?)"
    ),
}
# The kinds that name a weapon: a draft of one of them needs a word of it in the article.
_WEAPON_KINDS = {EventType.air_strike, EventType.shelling, EventType.chemical_attack, EventType.bombing}
# Background, not an event at a place and time: totals over a war or months, displacement,
# agreements, vows and plans, history.
_BACKGROUND = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|it (?:began|started)|then\b|\d{4}|(?:"
    + MONTH_NAMES + r")\b(?! \d))|"
    r"\bsince (?:the |its |their )?(?:[\w'’-]+ ){0,3}(?:invasion|war|conflict|fighting|offensive|uprising|"
    r"revolution|coup|insurgency)\b|"
    r"\bin the (?:conflict|war)\b|\bof the (?:conflict|war)\b|\b\w+-year (?:war|conflict)\b|"
    # displacement, but not a camp for the displaced (a place hit) nor people "who had fled" (who was hit)
    r"(?<!for )(?<!for the )(?<!internally )(?<!who had )(?<!who )(?<!that had )"
    r"(?<!vehicles )(?<!fighters )(?<!militants )(?<!attackers )(?<!gunmen )"  # fighters fleeing: a chase, no flight
    r"\b(?:displac\w+|fled|flee|fleeing|refugees?)\b(?!\s+(?:persons\s+|people\s+)?camps?\b)|"
    r"\b(?:agreed|agreement|ceasefire|cease-fire|truce|"
    r"de-escalation)\b|\b(?:vow\w*|pledg\w*|threat\w*|plans? to|intends? to|would|will)\b|"
    r"\b(?:last|past) (?:month|year)|\b(?:last|past) (?:\w+ )?(?:weeks|months|years)\b|\b(?:months|years) ago\b|\ba (?:month|year) ago\b|"
    r"\b(?:between|from) (?:19|20)\d\d (?:and|to) (?:19|20)\d\d\b|"  # a span of years: a count over them
    r"\brecently\b|\bin recent (?:days|weeks|months)\b|\bcurrently\b|\bongoing\b|\brepeatedly\b|"
    r"\b(?:strikes|targets|attacks) only\b|\bonly (?:strikes|targets|attacks)\b|"  # a policy
    r"\b(?:months|years) of (?:fighting|war|conflict|clashes|siege)\b|"
    r"\b(?:dismantl|defus)\w+",  # weapons found, not used
    re.IGNORECASE,
)
# Context, not the event reported: "despite heavy shelling", "amid clashes", "backed by air strikes".
_SUBORDINATE = re.compile(
    r"\b(?:despite|amid|amidst|backed by|supported by|under cover of|covered by)\b[^,.;]*",
    re.IGNORECASE,
)
# An actor named right before its weapon: "regime air strikes", "Russian and regime fighter jets".
_ATTACKER = re.compile(
    r"\b((?:[A-Z][\w-]*|regime|government|army)(?:\s+(?:and\s+)?(?:[A-Z][\w-]*|regime|government))*)"
    r"\s+(?:fighter\s+|war)?(?P<weapon>air ?strikes?|air ?raids?|raids|warplanes?|jets?|helicopters?|"
    r"aircraft|drones?|shelling|artillery|rockets?|missiles?|shells|mortars)\b"
)
# The actor a weapon belongs to, after it: "Fighter jets of the Velna-led coalition struck".
_WEAPON_OF = re.compile(
    r"\b(?:warplanes?|jets?|aircraft|helicopters?|drones?|artillery|gunships?)\s+(?:of|belonging\s+to)\s+"
    r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|coalition|forces|army|military))*)"
)
# The actor that sent the weapons: "Atlantis launched a wave of missiles at ...".
_LAUNCHER = re.compile(
    r"\b((?:[A-Z][\w-]*)(?:\s+(?:and\s+)?[A-Z][\w-]*)*)\s+(?:launched|fired)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:missiles|rockets|drones|shells|mortars|bombs)\b"
)
# The actor a sentence says did the killing, as its subject: "Suspected jihadists killed 14
# soldiers", "- Armed bandits riding motorcycles have killed 26 people".
_KILLER = re.compile(
    r"(?:^|[-—–:;]\s+|,\s+|\b(?:said|says)\s+(?:that\s+)?)"  # "residents said about 30 bandits stormed"
    r"((?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+(?:have\s+|has\s+|had\s+)?"
    r"(?:killed|shot dead|stormed|raided|ambushed|abducted|kidnapped)\s+"
    r"(?!(?:by|as|when|in|after|on|at|during|while|and|near|there|overnight)\b)"
)  # not a headline's passive: "Nine soldiers killed as gunmen overrun a post"
# The actor an attack is told as made by: "an assault by suspected militants on an army post".
_BY_ATTACKER = re.compile(
    r"\b(?:attacks?|assaults?|raids?|ambush(?:es)?|offensive|incursion)\s+(?:(?:carried\s+out|launched|mounted|led)\s+)?by\s+"
    r"((?:(?!(?:on|in|at|near|against|that|which|who|as|and)\b)[\w'’-]+\s*){1,5})"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"(])|\n+")


# Families of coding rules. Each can be switched off (`EXTRACTOR_WITHOUT=names,map` or
# `extractor eval --without names`) to measure what it gives: the ablation table in
# evals/results/README.md.
RULES = {
    "names": "canonical actor and source names from the knowledge tables",
    "map": "country, province and geo of a place from the gazetteer",
    "align": "a count the model rewrote aligned to the article's own span",
    "lead": "type, date, province, toll and sources read from the sentence the model was asked about",
    "tolls": "a toll stated twice in the article joined into one Count",
    "subsets": "civilians, women and children read from the toll's clause",
    "attackers": "perpetrators from the actor named before the weapon or the capture",
    "landmarks": "landmarks, hospitals and refuges are not places hit",
    "merge": "tellings of one incident merged, province-level tellings folded in",
}
WITHOUT_ENV = "EXTRACTOR_WITHOUT"


def rule_on(name: str) -> bool:
    """Whether a family of rules is on (all are, unless switched off for an ablation)."""
    off = {w.strip() for w in os.environ.get(WITHOUT_ENV, "").split(",") if w.strip()}
    if unknown := off - set(RULES):
        raise ValueError(f"{WITHOUT_ENV}: unknown rule families {sorted(unknown)}; known: {sorted(RULES)}")
    return name not in off


def canonical_perpetrators(name: str, country: str | None) -> list[str]:
    """Canonical names for one name the model gave (`knowledge`: the actor tables, a state's
    forces by its adjective, generic forces or rebels as the incident country's); "Russian and
    regime fighter jets" is two actors. A name it does not know is kept as written."""
    if not rule_on("names"):
        return [name.strip()]
    name = _HOW_THEY_CAME.sub("", name).strip() or name  # "bandits riding motorcycles": bandits
    return knowledge.load().actors_in(name, country) or [name.strip()]


def _actors(text: str, country: str | None) -> list[str]:
    """The canonical actors a stretch of text names (none when it names none it knows)."""
    return knowledge.load().actors_in(text, country)


def canonical_source(name: str, country: str | None = None) -> str:
    if not rule_on("names"):
        return name.strip()
    return knowledge.load().canonical_source(name, country)


# a name, then one or two common nouns in plain lower-case letters ("Tesh market"); not
# "Jisr al-Shughour", whose second word is part of the name
_NAME_THEN_NOUNS = re.compile(r"((?:[A-Z][\w'’-]*)(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w'’-]*)*)((?:\s+[a-z]{3,}){1,2})")


def _named_part(place: str) -> list[str]:
    """The proper name of a place given with common nouns after it ("Tesh market" -> Tesh),
    when it ends in them; none otherwise."""
    m = _NAME_THEN_NOUNS.fullmatch(place.strip())
    return [m.group(1)] if m else []


def _province_name(admin1: str) -> str:
    """A province as articles name it: "Muhafazat al Hudaydah" -> "al Hudaydah"."""
    return re.sub(r"\s+", " ", gazetteer.ADMIN_WORDS.sub(" ", admin1)).strip(" -") or admin1


def _split_actors(names: list[str], country: str | None) -> list[str]:
    """Actors as single names: "the Council's Eastern Guard and its Joint Command,"
    is two; a name the tables know whole ("Russian and regime jets") is kept whole."""
    out = []
    for name in names:
        if rule_on("names") and _actors(name, country) or not re.search(r",|\band\b|&", name):
            out.append(name)
            continue
        for part in re.split(r",|\band\b|&", name):
            part = re.sub(r"^\s*(?:its|their|the)\s+|^\s*[\w-]+['’]s\s+", "", part).strip(" ,.;")
            if part:
                out.append(part)
    return out


def _clean_region(name: str) -> str | None:
    """A province as a name: "Atlantis's Oruna province" -> "Oruna", "the Tesh countryside" -> "Tesh"."""
    name = name.strip()
    if (owner := re.match(r"(?:the\s+)?([\w-]+)['’]s\s+", name)) and knowledge.load().is_country_word(owner.group(1)):
        name = name[owner.end() :]
    name = re.sub(r"^the\s+|\s+(?:province|governorate|region|state|oblast|countryside|district|prefecture)$", "",
                  name, flags=re.IGNORECASE)  # fmt: skip
    return name.strip() or None


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item.lower() not in {k.lower() for k in seen}:
            seen[item] = None
    return list(seen)


def sentences(article: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(article) if s and s.strip()]


# A line that links to other stories: "READ MORE: ...", "Related:", "Read also:".
_LINK_MARK = re.compile(r"^\W*(?:read\s+(?:more|also)|related(?:\s+(?:stories|articles|news))?|see\s+also|also\s+read)\b\s*:", re.I)


def link_lines(article: str) -> set[str]:
    """The lines that link to other stories, not the article's own text: a line opened by
    "READ MORE:", and after a bare "Related:" the headline-like lines (no full stop) below it."""
    out: set[str] = set()
    listing = False
    for line in (raw.strip() for raw in article.splitlines()):
        if not line:
            continue
        if m := _LINK_MARK.match(line):
            out.add(line)
            listing = not line[m.end() :].strip()
        elif listing and line[-1:] not in ".!?\"”" and len(line) <= 160:
            out.add(line)
        else:
            listing = False
    return out


class Coder:
    """Codes the drafts of one article. Notes what it had to drop in `warnings`."""

    def __init__(self, article: str, reference: dt.date | None) -> None:
        self.article = article
        self.reference = reference
        links = link_lines(article) if rule_on("tolls") else set()  # not to be read as other tellings
        self.sentences = [s for s in sentences(article) if not any(s in line for line in links)]
        self._folded_sentences = [s.lower() for s in self.sentences]
        # names only: "been" and "Bunu" have one key
        self._sentence_keys = [{place_key(g) for g in _ngrams(s) if _NAME_START.match(g)} for s in self.sentences]
        for m in _ALSO_SPELLED.finditer(article):  # "Velmora (also spelled Welmora)": one place
            a, b = place_key(m.group("a")), place_key(m.group("b"))
            for keys in self._sentence_keys:
                keys |= {b} if a in keys else {a} if b in keys else set()
        self._article_keys = set().union(*self._sentence_keys) - {""}
        self._chars = set(article)
        self.gazetteer = gazetteer.load()
        self.country = dominant_country(article, self.gazetteer)
        self._article_provinces: dict[str | None, str | None] = {}
        self.province = dominant_province(article)
        self.regions = region_names(article)
        self._lower = article.lower()
        self._words = re.findall(r"[\w'’-]+", article)
        self.warnings: list[str] = []
        self._near: int | None = None  # where the incident being coded is told
        self._current_lead: list[str] = []  # the sentences of the incident being coded
        self.leads_of_all: list[list[str]] = []  # those of every incident of the reply
        self.places_of_all: list[set[str]] = []  # the place keys the model gave each of them

    # -- pieces ---------------------------------------------------------------------------

    def count(self, phrase: str | None, field: str) -> Count:
        if not phrase:
            return Count()
        span = locate(phrase, self.article)
        words = phrase.split()
        for n in range(len(words) - 1, 1, -1):  # "At least 12 civilians including five children"
            if span is not None:
                break
            head = " ".join(words[:n]).rstrip(",;")
            if parse_count(head) != (None, None):
                span = locate(head, self.article)
        if span is None and rule_on("align") and (span := align_count(phrase, self.article, self._near)):
            self.warnings.append(f"{field}: {phrase!r} is not verbatim; aligned to {span!r}")
        if span is None:
            self.warnings.append(f"{field}: {phrase!r} is not in the article; count left empty")
            return Count()
        told = re.search(r"(?<!\w)" + re.escape(span) + r"(?!\w)", self.article)  # "dozen", not in "dozens"
        at = told.start() if told else -1
        before = _BEFORE_FIGURE.search(self.article[max(0, at - 25) : at])
        if at >= 0 and before and span[:1].isalnum():
            # "14 civilians": "At least 14 civilians"; "dozen": "several dozen", no figure
            span = self.article[at - len(before.group(0)) : at + len(span)]
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
        # "Three policemen and a civilian": a list with civilians in it is no civilian toll
        listed = {p.lower() for p in parts if _LIST_OF_PEOPLE.search(p) and re.search(r"\bcivilians?\b", p, re.I)}
        whole = [part for part in parts if part.lower() not in listed]
        civ = incident.civilians_killed.text
        if civ and civ.lower() in listed:
            incident.civilians_killed, civ = Count(), None  # read again from the list's parts below
        if civ and any(civ.lower() in part.lower() for part in whole):
            incident.civilians_killed = incident.killed.model_copy()
        if not incident.civilians_killed.text and any(re.search(r"\bcivilians?\b", part, re.I) for part in whole):
            incident.civilians_killed = incident.killed.model_copy()
        for part in parts:
            for sentence in self.sentences:
                at = sentence.find(part)
                if at < 0:
                    continue
                # the toll phrase itself ("... including three women") and what follows it
                tail = sentence[at : at + len(part) + 90]
                if (whole := _ALL_OF_THEM.match(sentence, at + len(part))) and not getattr(
                    incident, field := _ALL_PARTS[whole.group(1).lower()]
                ).text:
                    _set_count(incident, field, part)  # "at least 17 people, all of them civilians"
                for field, pattern in _SUBSET_PATTERNS:
                    m = pattern.search(tail)
                    if m and _INJURY_WORDS.search(tail, len(part), m.start()):
                        continue  # "... and 42 wounded, four of them minors": the wounded's
                    if not getattr(incident, field).text and m:
                        _set_count(incident, field, m.group(0))
                if rule_on("subsets") and _LIST_OF_PEOPLE.search(part):  # "a woman and her three children": one woman
                    _fill_parts(incident, [part], _ONE_PARTS, lambda _sentence, _m: True)

    def about(self, count: Count, field: str) -> Count:
        """A count whose phrase is not about its field (no death word near a toll, no wound
        word near the injured) is dropped: the model put a number in the wrong box."""
        if not count.text:
            return count
        pattern = _INJURY_WORDS if field == "injured" else _DEATH_WORDS
        whole = field in ("killed", "injured")
        for part in count.text.split(FIGURE_SEPARATOR):
            if whole and rule_on("tolls") and self._only_as_part(part):
                self.warnings.append(f"{field}: {part!r} is a part of a toll, not the toll; dropped")
                return Count()
            if not any(pattern.search(w) for w in self._windows(part)):
                self.warnings.append(f"{field}: {count.text!r} is not about that; dropped")
                return Count()
        return count

    def _only_as_part(self, phrase: str) -> bool:
        """Whether the article gives the phrase only as a part of a toll ("20 were hurt,
        among them a 13-year-old boy", "the toll could rise as two of the wounded ...")."""
        told = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", self.article)]
        return bool(told) and all(
            _AMONG_BEFORE.search(self.article, max(0, at - 30), at) or _OF_THE_TOLD.match(self.article, end)
            for at, end in told
        )  # fmt: skip

    def _windows(self, phrase: str) -> list[str]:
        """Where the article says the phrase: from a little before each telling to the end of
        its sentence ("Two reporters of the station, its editor and its photographer,
        were killed"); a phrase also in the headline is told again in the body."""
        found = []
        at = self.article.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            stop = _SENTENCE_END.search(self.article, end, end + 200)
            stop_at = stop.start() if stop else end + 60
            if clause := _NEXT_CLAUSE.search(self.article, end, stop_at):
                stop_at = clause.start()  # "Two women were abducted, and three others escaped with wounds"
            found.append(self.article[max(0, at - 60) : stop_at])
            at = self.article.find(phrase, end)
        return found or [phrase]

    def _place_kind(self, draft: DraftIncident, places: list[str]) -> EventType:
        """The model's event type, unless the words around the incident's places say another
        kind and nothing of the model's kind (a 'shelling' whose place is hit by 'jets')."""
        # a long place ("Velmora camp near Kastrel") is also found by its leading name
        # with its particles ("Tel al-Oruna", not "Tel": another place's first word too)
        leading = [m.group(0).strip() for p in places
                   if (m := re.match(r"(?:(?:[A-Z][\w'’-]*|" + _ARTICLE + r"[\w'’-]+)\s?){1,3}", p))]  # fmt: skip
        keys = {place_key(p) for p in [*places, *leading]} - {""}
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

    def _own_parts(self, sentences_: list[str], places: list[str]) -> list[str]:
        """Of each sentence, the parts between semicolons that name one of these places, when
        some part does: "Drones hit Velna, injuring seven; one dead after Tesh attack" tells
        of Velna before the semicolon only."""
        keys = {place_key(p) for p in places} - {""}
        out = []
        for sentence in sentences_:
            parts = re.split(r";\s+", sentence)
            mine = [p for p in parts if keys & {place_key(g) for g in _ngrams(p)}]
            out.extend(mine or parts)
        return out

    def _told_next(self, lead: list[str], places: list[str]) -> list[str]:
        """Where an incident's toll may be told when its own sentence gives none: the
        sentence first naming its place (for an incident asked about with another sentence),
        then the sentence right after its own, unless that one tells of another place or is
        another incident's."""
        naming = self._naming(places)
        after = [n for n in self._told_after((lead or naming)[:1], places)
                 if not _BACKGROUND.search(n) and not _SINCE_MONTH_YEAR.search(n)]  # fmt: skip
        return [*(naming[:1] if lead else []), *after]

    def subsets_told_apart(self, incident: Incident, places: list[str], date: dt.date | None) -> None:
        """Women or children killed, told in a sentence of their own that names the place ("In
        Tesh at least 35 children had been killed"), or as a part of the toll's figure where
        it is told again ("has risen to 89, among them 31 women"), or named as among the dead
        where the toll is told or in the sentence after ("A six-year-old boy was among the
        dead"): the subset the model and the toll's clause left empty."""
        naming = list(self._of_this_incident(self._naming(places), date))
        for sentence in naming:
            for m in _TOLL.finditer(sentence):
                phrase = m.group(0)
                if not _PART_TOLL.match(phrase):
                    continue
                for field, pattern in _SUBSET_PATTERNS:
                    if not getattr(incident, field).text and pattern.search(phrase):
                        _set_count(incident, field, phrase)
        tellings = self._tellings(incident.killed, places)
        if incident.killed.text:
            stating = [*self._stating(incident.killed), *(s for s, _ in self._same_figure(incident.killed))]
            named = [n for s in stating for n in self._told_after([s], places)]
            named += [n for s in named for n in self._told_after([s], places)  # "He said ...", "Among the dead were ..."
                      if _PRONOUN_SAYS.match(n) or (rule_on("subsets") and _BACK_TO_THE_DEAD.match(n))]
            told = list(self._of_this_incident(_unique([*tellings, *stating, *named]), date))
            _fill_parts(incident, told, [*_SUBSET_PATTERNS, *_ONE_PARTS], _among_the_dead)  # "A boy was among the dead"
            if rule_on("subsets"):  # "We have recorded six dead, among them a one-year-old baby," the prosecutor said
                _fill_parts(incident, told, [*_SUBSET_PATTERNS[:2], *_ONE_PARTS[:2]], _part_of_the_dead)
        # "killing civilians including four children": women and children, not the wounded's
        _fill_parts(incident, naming, [*_SUBSET_PATTERNS[:2], *_ONE_PARTS[:2]], _part_of_the_dead)
        figures = {incident.killed.min, incident.killed.max} - {None}
        _fill_parts(incident, self._of_this_incident(tellings, date), _SUBSET_PATTERNS,  # told with the toll again
                    lambda sentence, m: self._part_of_figure(sentence, m, figures))

    @staticmethod
    def _part_of_figure(sentence: str, part: re.Match[str], figures: set[int]) -> bool:
        """Whether a subset follows one of the toll's figures as a part of it, with only other
        subsets between ("the toll has risen to 89, among them 31 women and 5 children")."""
        before = [f for f in _FIGURE.finditer(sentence, 0, part.start()) if parse_count(f.group(0))[0] in figures]
        if not before:
            return False
        gap = sentence[before[-1].end() : part.start()]
        others = functools.reduce(lambda g, sp: sp[1].sub(" ", g), _SUBSET_PATTERNS, gap)
        return bool(_AMONG_AFTER.match(gap + " ")) and not _INJURY_WORDS.search(gap) and not _FIGURE.search(others)

    def _of_this_incident(
        self, sentences_: list[str], date: dt.date | None, others: set[str] | None = None
    ) -> Iterator[str]:
        """Of these sentences, those that may tell this incident's figures: not the sentence
        another incident was asked about, not a war's total, dating nothing to another day
        (the same place on another day is another incident)."""
        others = self._other_leads() if others is None else others
        for sentence in sentences_:
            if sentence in others or _BACKGROUND.search(sentence):
                continue
            days = _not_said(sentence, _DAY_PHRASE.finditer(sentence))
            if date is not None and (day := next(iter(days), None)):  # "said on Thursday": when it was said
                told = resolve_date(day.group(0), self.reference)
                if told is not None and told != date:
                    continue
            yield sentence

    def _sums_up(self, sentence: str, places: list[str]) -> bool:
        """Whether the sentence is a headline that also names the place of another incident
        of the article: its figures sum up several."""
        if sentence.rstrip()[-1:] in ".!?\"”" or sentence != self.sentences[0]:
            return False
        mine = {place_key(p) for p in places} - {""}
        keys = self._sentence_keys[0]
        return any(theirs and not theirs & mine and theirs & keys for theirs in self.places_of_all)

    def battle_toll(self, places: list[str], date: dt.date | None) -> Count | None:
        """The dead of a battle told after its place, as the dead "in the battle" ("in that
        battle", "during the fighting", "the number of fighters killed in the battle at 30"):
        every such toll in the sentences that go on from a sentence naming the place, before
        one tells of another, or that name no other incident's place after its telling."""
        runs = []
        for sentence in self._naming(places):
            run = [sentence]
            while len(run) < 6 and (after := self._told_after(run[-1:], places)):
                run.append(after[0])
            runs.append(run)
        phrases = []
        for run in [*runs, self._going_on(places, date)]:
            for told in self._of_this_incident(run, date):
                for m in (*_OWN_TOLL.finditer(told), *_TOLL_SET_OFF.finditer(told)):
                    if _IN_THE_BATTLE.match(told, m.end()) or _IN_THE_BATTLE.match(" " + m.group(0)):
                        phrases.append(m.group(0))
        return _spanning(_unique(phrases)) if phrases else None

    def figures_going_on(self, vague: Count, places: list[str], date: dt.date | None) -> tuple[Count, list[str]]:
        """A toll told only by a vague word ("killing dozens"), given in figures by the
        sentences that go on from the incident's telling and name no place ("The toll stood
        at 80 dead. A monitor said more than 60 had been killed."): every such figure, and
        the sentences that give them."""
        told = [s for s in self._going_on(places, date) if self.figures_in([s], _TOLL)]
        found = self.figures_in(told, _TOLL)
        if found is None:
            return vague, []
        return _spanning(_unique([vague.text or "", found.text or ""])), told  # the vague word gives no figure

    @staticmethod
    def figures_in(sentences_: list[str], pattern: re.Pattern[str]) -> Count | None:
        """Every figure of a whole toll (or of the wounded, by `pattern`) these sentences
        state, as one Count from the lowest to the highest; none when they state none."""
        phrases = _unique(m.group(0) for s in sentences_ for m in pattern.finditer(s)
                          if parse_count(m.group(0)) != (None, None) and not _PART_TOLL.match(m.group(0)))  # fmt: skip
        return _spanning(phrases) if phrases else None

    def _wounded_with(self, toll: Count) -> str | None:
        """The wounded stated with the toll, after it in the sentence that gives it: "12 were
        killed at Velna, while 39 were wounded"; or, for a toll of one figure, after that
        figure's dead told again anywhere ("with 12 confirmed dead and 39 wounded")."""
        for part in (toll.text or "").split(FIGURE_SEPARATOR):
            for sentence in self.sentences:
                if part and (at := sentence.find(part)) >= 0 and (m := _WOUNDED.search(sentence, at + len(part))):
                    return m.group(0)
        for sentence, told in self._same_figure(toll):
            if m := _WOUNDED.search(sentence, told.end()):
                return m.group(0)
        return None

    def _same_figure(self, toll: Count) -> Iterator[tuple[str, re.Match[str]]]:
        """Where a toll of one figure is told again as dead of that figure ("with 12
        confirmed dead"): each sentence and its telling."""
        if toll.min is None or toll.min != toll.max:
            return
        for sentence in self.sentences:
            for told in _TOLL.finditer(sentence):
                if parse_count(told.group(0)) == (toll.min, toll.max):
                    yield sentence, told

    def other_tolls(
        self, count: Count, places: list[str], civilians: bool, date: dt.date | None = None,
        pattern: re.Pattern[str] = _TOLL,
    ) -> Count:
        """The same toll stated differently elsewhere (a headline's 26, the body's 'at least
        20'): sentences that name this incident's place and state a death toll (or the
        wounded, by `pattern`), and date nothing to another day. The Count then spans the
        lowest to the highest figure, its text every phrase joined by ' / '."""
        if count.text is None:
            return count
        phrases = [count.text]  # a vague one too ("dozens"): the figures told elsewhere are its
        for sentence in self._of_this_incident(self._tellings(count, places), date):
            if rule_on("tolls") and self._sums_up(sentence, places):
                continue  # a headline's toll of several incidents ("Three killed as rockets hit X and Y")
            for m in pattern.finditer(sentence):
                phrase = m.group(0)
                if civilians and "civilian" not in phrase.lower():
                    continue
                if parse_count(phrase) != (None, None) and phrase.lower() not in (
                    p.lower() for p in phrases
                ) and not any(phrase.lower() in p.lower() or p.lower() in phrase.lower() for p in phrases):
                    phrases.append(phrase)
        if not civilians and pattern is _TOLL and any(not _PART_TOLL.match(p) for p in phrases):
            # "at least 35 children had been killed" is no other telling of the whole toll
            phrases = [p for p in phrases if not _PART_TOLL.match(p)]
        if len(phrases) == 1:
            return count if phrases == [count.text] else self.count(phrases[0], "killed")
        return _spanning(phrases)

    def _tellings(self, count: Count, places: list[str]) -> list[str]:
        """Where a toll may be told again: the sentences naming the place, and those that go on
        giving it after them or after the sentence stating this count (not that sentence
        itself, where other figures may be other incidents')."""
        naming = self._naming(places)
        told = _unique([*naming, *self._stating(count)])
        accounts = self._other_accounts(self._stating(count), places) if rule_on("tolls") else []
        return [*naming, *self._retold(told, places), *accounts]

    def _same_sayer_after(self, told: list[str], places: list[str]) -> list[str]:
        """The sentence after the incident's telling when the one who told it goes on
        speaking there ("..., killing one person, governor Dana Ostrova said. Ostrova said
        three other people were wounded.")."""
        said = {w for s in told for name in self.cited(s) for w in re.findall(r"[A-Z][\w'’-]{2,}", name)}
        return [n for n in self._told_after(told, places)
                if said & {w for name in self.cited(n) for w in re.findall(r"[A-Z][\w'’-]{2,}", name)}]

    def _other_accounts(self, told: list[str], places: list[str]) -> list[str]:
        """The sentences that give another account of a toll ("Two other sources gave a lower
        toll of five dead"), where the last sentence before them that states a toll is one of
        these, which state this incident's; not a sentence another incident was asked about or
        one that puts something at another place."""
        others = self._other_leads()
        out, last = [], None
        for sentence in self.sentences:
            if (_OTHER_ACCOUNT.search(sentence) and last in told and sentence not in told
                    and sentence not in others and not self._elsewhere(sentence, places)):  # fmt: skip
                out.append(sentence)
            if _OWN_TOLL.search(sentence):
                last = sentence
        return out

    def _stating(self, *counts: Count) -> list[str]:
        """The sentences that state a phrase of these counts."""
        parts = [part for c in counts if c.text for part in c.text.split(FIGURE_SEPARATOR) if part]
        return [s for s in self.sentences if any(part in s for part in parts)]

    def _retold(self, told: list[str], places: list[str]) -> list[str]:
        """The sentences that go on giving the toll after these, one after another while each
        gives it again ("Those figures rose through the day. Her first count was five dead.")."""
        out: list[str] = []
        frontier = told
        while frontier := [
            n for s in frontier for n in self._told_after([s], places, days_placed=False)
            if n not in told and n not in out and self._goes_on(s, n, announced=s in out)
        ]:  # fmt: skip
            out.extend(frontier)
        return [n for n in out if not _FRAGMENT.fullmatch(n)]

    def _goes_on(self, sentence: str, after: str, *, announced: bool) -> bool:
        """Whether `after` goes on giving the toll: it says so ("the toll rose", "the number
        of dead"), is a photo credit between sentences, or gives figures in the paragraph of
        a retelling that announced them and gave none ("The toll rose all day. At first, ...")."""
        if _TOLL_AGAIN.search(after) or _FRAGMENT.fullmatch(after) or _AMONG_THE_DEAD_AFTER.search(after):
            return True  # "... rose to 52. A six-year-old boy was among the dead, and six were wounded."
        figures = (_TOLL, _WOUNDED)
        return (announced and bool(_TOLL_AGAIN.search(sentence)) and not any(f.search(sentence) for f in figures)
                and after not in self._paragraph_openings and any(f.search(after) for f in figures))

    def _unclaimed(self, sentences_: list[str], places: list[str]) -> bool:
        """Whether the paragraphs of these sentences say nobody claimed the attack ("Nobody
        immediately claimed that bombing"), not another one elsewhere: the article's one
        claimant claimed another."""
        return any(_UNCLAIMED.search(s) and not self._elsewhere(s, places) for s in self._paragraphs_of(sentences_))

    def _paragraphs_of(self, sentences_: list[str]) -> list[str]:
        """Every sentence of the paragraphs these sentences stand in."""
        out: list[str] = []
        for sentence in sentences_:
            if (at := self._position(sentence)) is None:
                continue
            start = at
            while start > 0 and self.sentences[start] not in self._paragraph_openings:
                start -= 1
            end = at + 1
            while end < len(self.sentences) and self.sentences[end] not in self._paragraph_openings:
                end += 1
            out.extend(self.sentences[start:end])
        return _unique(out)

    @functools.cached_property
    def _paragraph_openings(self) -> set[str]:
        """The sentences that open a paragraph (a line of their own)."""
        out, at = set(), 0
        for sentence in self.sentences:
            found = self.article.find(sentence, at)
            if found < 0:
                continue
            if "\n" in self.article[at:found] or found == 0:
                out.add(sentence)
            at = found + len(sentence)
        return out

    def verbatim(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        return locate(phrase, self.article) or phrase.strip()

    def places(self, draft: DraftIncident) -> list[str]:
        kept = []
        for place in self._not_datelines(_split_lists(draft.places, self.article)):
            # the name, not the words before it: "at Velna", "road near Velna", "the Tesh camp"
            place = _BEFORE_NAME.sub("", place.strip())
            named = re.search(r"[A-Z]", place)
            if not named and (town := self._town_of(place, any_site=True)):
                kept.append(town[0])  # "a bakery in the village of Velna": Velna, as written there
                continue
            if (not named or _actors(place, self.country)
                    or (rule_on("names") and knowledge.load().is_country_word(place))):  # fmt: skip
                self.warnings.append(f"place {place!r} is no place name; dropped")
                continue  # "key town", "Assad regime forces", a country (it is the country)
            span = locate(place, self.article)
            if span is not None:
                kept.append(span)
            elif self._mentions_key(place):
                kept.append(place.strip())
            elif rule_on("align") and (spelled := self._spelled_so(place)):
                self.warnings.append(f"place {place!r} is not verbatim; aligned to {spelled!r}")
                kept.append(spelled)
            else:
                self.warnings.append(f"place {place!r} is not in the article; dropped")
        return _unique(kept)

    def _spelled_so(self, place: str) -> str | None:
        """The article's own spelling of a name the model misspelled ("Kovar-Teli Dasha"
        for "Kovar-Telin Dasha"): the one name of as many words spelled alike."""
        words = len(place.split())
        key = place_key(place)
        if not key or not place[:1].isupper():
            return None
        found = {
            " ".join(name.split()[i : i + words])
            for name in self._article_names for i in range(len(name.split()) - words + 1)
        }  # fmt: skip
        alike = [n for n in found if spelled_alike(place_key(n), key)]
        return alike[0] if len(alike) == 1 else None

    def target_place(self, draft: DraftIncident, places: list[str]) -> str | None:
        """A place the model gave as what was hit ("the Tesh neighbourhood", "the town of
        Tesh") while its places name what is around it: the place hit is that one."""
        if not draft.target:
            return None
        have = {place_key(p) for p in places}
        for m in NAME.finditer(draft.target):
            name = m.group(0)
            key = place_key(name)
            if (not key or key in have or _actors(name, self.country) or self._region_key(name)
                    or knowledge.load().is_country_word(name)):  # fmt: skip
                continue
            for told in re.finditer(r"(?<![\w'’-])" + re.escape(name) + r"(?![\w'’-])", self.article):
                if placed(self.article, told.start()):
                    return told.group(0)
        return None

    def _town_of(self, place: str, *, any_site: bool = False) -> list[str]:
        """The town the article puts a named site in ("the Military College in Velna city",
        with `any_site` also "a bakery and shop in the tiny village of Velna"): a name
        after "in", not a region or a country."""
        if not any_site and not _SITE.search(place):
            return []
        where = (r"\s+in\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+){0,2}?"
                 r"(?:(?:city|town|village|district|neighbou?rhood|area|camp)\s+of\s+)?")  # fmt: skip
        said = f"(?i:{re.escape(place)})" if any_site else re.escape(place)
        for m in re.finditer(said + where + f"(?P<town>{NAME.pattern})", self.article):
            name = m.group("town")
            if not (self._region_key(name) or knowledge.load().is_country_word(name)
                    or _actors(name, None) or name in place):  # fmt: skip
                return [name]
        return []

    def _town_as_province(self, name: str, country: str | None) -> str | None:
        """The province of a town the model gave as the province (a territory or district
        named after its town), when the gazetteer knows no province of that name."""
        c = knowledge.load().country(country)
        if c is None or not c.iso or self.gazetteer.province(name, c.iso) is not None:
            return None
        spot = self.on_map([name], country)
        return self._article_spelling(spot) if spot is not None and spot.admin1 else None

    def _city_of_area(self, places: list[str]) -> str | None:
        """The city the article puts a part of it in: "the Tesh area of east Velna", "Tesh
        district of Velna" -> Velna."""
        for place in places:
            base = re.sub(r"\s+(?:area|district|neighbou?rhood|quarter)$", "", place, flags=re.I)
            m = re.search(re.escape(base) + r"\s+(?:area|district|neighbou?rhood|quarter)\s+of\s+"
                          r"(?:(?:the\s+)?(?:north|south|east|west|central)\w*\s+)?(?P<city>" + NAME.pattern + ")",
                          self.article)  # fmt: skip
            if m and not self._region_key(m.group("city")) and not knowledge.load().is_country_word(m.group("city")):
                return m.group("city")
        return None

    def _not_datelines(self, places: list[str]) -> list[str]:
        """Without a place the article names only in a dateline ("BAGHDAD —", "MARIB:"):
        where the report was filed, not where the event was, unless it is the only place."""
        def dateline_only(place: str) -> bool:
            spots = [m.start() for m in re.finditer(re.escape(place), self.article, re.IGNORECASE)]
            return bool(spots) and all(
                (at == 0 or self.article[at - 1] == "\n")
                and self.article[at : at + len(place)].isupper()
                and re.match(r"\s*(?:,|:|—|–|-|\()", self.article[at + len(place) :])
                for at in spots
            )

        kept = [p for p in places if not dateline_only(p)]
        return kept or places

    def mentioned(self, name: str) -> bool:
        """Whether a name the model gave comes from this article (each of its telling words, or
        the whole of a short name, is in the text), so names copied from elsewhere drop out."""
        words = [w for w in re.findall(r"[a-z]{4,}", name.lower()) if w not in _PLAIN_WORDS]
        if not words:
            words = [name.strip().lower()]
        return all(re.search(r"\b" + re.escape(w), self._lower) for w in words if w)

    @functools.cached_property
    def _acronyms(self) -> dict[str, str]:
        """The short forms the article defines: "the Velna Defence Force (VDF)"."""
        found: dict[str, str] = {}
        for m in _ACRONYM.finditer(self.article):
            words = m.group(1).split()
            short = m.group(2)
            # the name ends where its capitals begin to spell the short form
            for start in range(len(words)):
                full = words[start:]
                if full[0][:1] == short[0] and full[0].lower() not in _FUNCTION_WORDS:
                    found.setdefault(short, " ".join(full))
                    break
        return found

    def spelled_out(self, name: str) -> str:
        """A short form the article defines, spelled out; any other name as it is."""
        return self._acronyms.get(name.strip(), name) if rule_on("names") else name

    def whole_name(self, name: str) -> str:
        """A name the model cut short, whole: where the article writes it, it always goes on
        with the same capitalised words ("Joint Operations" of "its Joint Operations Room")."""
        if not rule_on("names") or not name[:1].isupper():
            return name
        going_on = r"((?:\s+(?!(?:" + WEEKDAY_NAMES + r")\b)[A-Z][\w'’-]*)*)"  # capitalised words, no day
        tails = {m.group(1) for m in re.finditer(r"(?<![\w'’-])" + re.escape(name) + going_on, self.article)}
        return name + tails.pop() if len(tails) == 1 and "" not in tails else name

    def kept(self, names: list[str], field: str) -> list[str]:
        out = []
        for name in names:
            if self.mentioned(name):
                out.append(name)
            else:
                self.warnings.append(f"{field}: {name!r} is not in the article; dropped")
        return out

    def _mentions_key(self, name: str) -> bool:
        """Whether the article names this place in some transliteration (in the article's own
        letters: a name with a character the article never uses is not from it)."""
        return not set(name.replace(" ", "")) - self._chars and place_key(name) in self._article_keys

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

    def lead_sentences(self, draft: DraftIncident) -> list[str]:
        """The article's sentences the model was asked about for this incident, and a quoted
        remark right after them (who said it is often there)."""
        if not draft.lead:
            # the first incident: the one sentence that states the toll the model gave
            return []
        lead = draft.lead
        out = [s for s in self.sentences if s in lead]
        if out:
            i = self.sentences.index(out[-1])
            if i + 1 < len(self.sentences) and self.sentences[i + 1][:1] in "“\"":
                out.append(self.sentences[i + 1])
                attribution = self.sentences[i + 2] if i + 2 < len(self.sentences) else ""
                if len(attribution) < 120 and re.search(_SAY + r"\.$", attribution):
                    out.append(attribution)  # '"...," the monitor's director said.'
        return out

    def incident(self, draft: DraftIncident) -> list[Incident]:
        """The records of one drafted incident (none when it has no place; one per region when
        a capture's sentence lists places across regions)."""
        lead = self.lead_sentences(draft) if rule_on("lead") else []
        self._current_lead = lead
        places = self.places(draft)
        if spot := self.target_place(draft, places):
            places = [spot, *places]
        # A place named only to say where another is ("south of Dorvik") was not hit or taken.
        if rule_on("landmarks"):
            if (struck := self._struck_instead(places, lead)) is not None:
                if not struck or not rule_on("tolls"):
                    self.warnings.append(f"{', '.join(places)}: only where the wounded were cared for; dropped")
                    return []  # the hospital that took the wounded in, not an incident's place
                # "the hospital in Velna, where victims of the Tesh strike were taken, recorded
                # 55 dead": the figures are the Tesh strike's
                self.warnings.append(f"{', '.join(places)}: where the wounded were cared for; {struck[0]!r}")
                places = struck[:1]
            places = [p for p in places if not self._reference_only(p, lead or self._naming([p]))] or places
        # "Tesh market", "Oruna camp": the name alone is the place as other reports give it
        places = _unique(x for p in places for x in (p, *_named_part(p)))
        # "the Military College in Velna": the town a named site is in goes with it
        places = _unique(x for p in places for x in (p, *self._town_of(p)))
        # A region given as a place ("Hama countryside", "Idlib") is where, not what.
        regions = [p for p in places if self._region_key(p)]
        places = [p for p in places if p not in regions]
        province = _clean_region(draft.province) if draft.province else None
        if province and not self._mentions_key(province):
            self.warnings.append(f"province {province!r} is not in the article; dropped")
            province = None
        if province and (
            knowledge.load().is_country_word(province)  # a country given as the province
            or not place_key(_DIRECTIONS.sub(" ", province))  # "Northern"
        ):
            province = None
        named = self.region_after(places, lead) or (
            self.regions[self._region_key(regions[0])] if regions else None
        )
        country = self.country_of(draft, places, named or province or self.province)
        if not places and rule_on("map"):  # only a region named after its town ("the Tesh region")
            places = [_REGION_WORDS.sub("", r).strip() for r in regions if self._is_town(r, country)][:1]
        if not places and regions and not lead and rule_on("map"):  # the one town the article puts in that region
            places = self._town_in(regions[0])
        spot = self.on_map(places, country, named or province) if places and rule_on("map") else None
        if spot is None and places and rule_on("map") and (town := self._city_of_area(places)):
            spot = self.on_map([town], country, named or province)  # "the Tesh area of east Velna": Velna's province
        # the gazetteer's province of the place, as the article spells it if it names it
        mapped = self._article_spelling(spot) if spot is not None and spot.admin1 else None
        if mapped and province and not self._same_province(province, spot):
            self.warnings.append(f"province {province!r} is not where {spot.name} is; {mapped!r}")
            province = None  # a province from elsewhere in the article
        if named and mapped and rule_on("map") and self.gazetteer.province(named, spot.country_code) is None:
            # "Oruna, in the Kastrel region": a region that is no province; the place's province
            self.warnings.append(f"region {named!r} is no province; {mapped!r}")
            named = None
        province = named or province or mapped or self.province_near(places, country) or (
            self.province if lead else None
        )
        if spot is None and province and rule_on("map") and (town := self._town_as_province(province, country)):
            self.warnings.append(f"province {province!r} is a town; its province {town!r}")
            province = town  # "the Tesh district of Velna": the province Velna is in
        if not places and not province:
            self.warnings.append(
                f"{draft.type.value} with no place found in the article "
                f"({', '.join(draft.places) or draft.province or 'none given'}); dropped"
            )
            return []
        province = province or self.article_province(country) or self.province
        province = _clean_region(province) if province else None  # "Tesh State": Tesh
        date_text = self.when(draft.when, lead, places) or (self.day_in(lead) if lead else None)
        date = resolve_date(date_text, self.reference)
        self._near = self._where_told(lead, places)
        perpetrators = _unique(
            c for p in (self.whole_name(self.spelled_out(n))
                        for n in self.kept(_split_actors(draft.perpetrators, country), "perpetrator"))
            if not knowledge.load().is_reporter(p, country)  # a monitor or outlet reports, it does not strike
            and not _NOT_ACTOR.search(p)  # nor do hospitals, officials or witnesses
            and not _CLAUSE.search(p)  # "airstrikes were launched in an effort to": no name
            and not _TOLL.search(p)  # "five attackers killed": a toll, not who did it
            for c in canonical_perpetrators(p, country)
            if not _WEAPONS_ONLY.fullmatch(c)  # "airstrikes": how, not who
            and not _LABEL_ONLY.fullmatch(c)  # "terrorist groups": what one side calls the other, no name
        )  # fmt: skip
        target = self.verbatim(draft.target) if draft.target and self.mentioned(draft.target) else None
        kind = self.event_type(draft, places, lead)
        words = " ".join(lead or self._naming(places)[:1])
        if kind is EventType.armed_attack and rule_on("lead") and _FOUGHT_BACK.search(words) and not _UNARMED.search(words):
            kind = EventType.armed_clash  # an attack on those who fight back is a clash (the codebook)
        incident = Incident(
            event_type=kind,
            summary="",
            date=date,
            date_text=date_text,
            location=Location(places=places, admin1=province, country=country,
                              geo=self.geo(spot, province, country) if rule_on("map") else None),  # fmt: skip
            perpetrators=perpetrators,
            target=target,
            killed=self.count(draft.killed, "killed"),
            civilians_killed=self.count(draft.civilians_killed, "civilians_killed"),
            children_killed=self.count(draft.children_killed, "children_killed"),
            women_killed=self.count(draft.women_killed, "women_killed"),
            injured=self.count(draft.injured, "injured"),
        )
        wounded = incident.killed.text or ""
        if not incident.injured.text and _INJURY_WORDS.search(wounded) and not _DEATH_WORDS.search(wounded):
            incident.injured, incident.killed = incident.killed, Count()  # "wounding five" given as killed
        for name in ("killed", "injured"):  # before a count the model put in the wrong box is looked for
            setattr(incident, name, self.about(getattr(incident, name), name))
        if date_text is None and not lead and rule_on("lead") and (day := self.day_of_toll(incident, places)):
            # the first incident, undated: the day of the sentence that states its toll, before
            # other tellings join it (an earlier event at its place may be told with its day)
            date_text, date = day, resolve_date(day, self.reference)
            incident.date_text, incident.date = date_text, date
        if not incident.killed.text and (toll := self.toll_in(self._own_parts(lead or self._naming(places)[:1], places), _OWN_TOLL)):
            incident.killed = self.count(toll, "killed")
        if not incident.killed.text and rule_on("tolls") and (
            toll := self.toll_in(self._own_parts(lead[:1] or self._body(self._naming(places))[:1], places), _ONE_KILLED)
        ):
            incident.killed = self.count(_ONE_KILLED_VERB.sub("", toll), "killed")  # "shot dead an aid worker and his driver"
        if not incident.killed.text and rule_on("tolls") and (toll := self.toll_in(self._told_next(lead, places), _OWN_TOLL)):
            incident.killed = self.count(toll, "killed")  # "... struck a post at Velna. 23 soldiers were killed"
        if not incident.killed.text and rule_on("tolls") and incident.event_type in _BATTLES and (
            toll := self.battle_toll(places, date)
        ):
            incident.killed = toll  # "... took Velna. Four fighters were killed in the battle"
        # the wounded the model left out, from the sentence that tells of the incident
        if not incident.injured.text and (
            hurt := self.toll_in(self._own_parts((lead or self._naming(places))[:1], places), _OWN_WOUNDED)
        ):
            incident.injured = self.count(hurt, "injured")
        if not incident.injured.text and rule_on("tolls") and (hurt := self._wounded_with(incident.killed)):
            incident.injured = self.count(hurt, "injured")  # "12 were killed, while 39 were wounded"
        if not incident.injured.text and rule_on("tolls") and (
            hurt := self.toll_in(self._own_parts(list(self._of_this_incident(
                self._tellings(incident.killed, places), date)), places), _WOUNDED)
        ):  # "Drones hit Velna, injuring seven; one dead after Tesh attack": not Tesh's wounded
            incident.injured = self.count(hurt, "injured")  # the wounded told where the place is named or the toll again
        if not incident.injured.text and rule_on("tolls") and (
            hurt := self.toll_in([s for s in self._going_on(places, date) if _IN_THE_ATTACK.search(s)], _WOUNDED)
        ):
            incident.injured = self.count(hurt, "injured")  # "A man was also wounded in the attack."
        if not incident.injured.text and rule_on("tolls") and (
            hurt := self.toll_in([s for s in self._going_on(places, date) if _others_wounded(s)], _WOUNDED)
        ):
            incident.injured = self.count(hurt, "injured")  # "... killed 16 people. Nineteen other guests were hurt."
        if not incident.injured.text and rule_on("tolls") and (
            hurt := self.toll_in(self._same_sayer_after((lead or self._naming(places))[:1], places), _WOUNDED)
        ):
            incident.injured = self.count(hurt, "injured")  # "..., governor X said. X said three others were wounded."
        for name in ("killed", "civilians_killed", "children_killed", "women_killed", "injured"):
            setattr(incident, name, self.about(getattr(incident, name), name))
        if rule_on("tolls"):
            if rule_on("subsets") and _PART_TOLL.match(incident.killed.text or ""):
                self.fill_subsets(incident)  # "35 children" as the toll: the children, before a whole toll replaces it
            incident.killed = self.other_tolls(incident.killed, places, civilians=False, date=date)
            if incident.killed.text and incident.killed.min is None and incident.killed.max is None:
                incident.killed, told = self.figures_going_on(incident.killed, places, date)
                if not incident.injured.text and (hurt := self.figures_in(told, _WOUNDED)):
                    incident.injured = hurt  # "... 80 dead, and about 240 people had been wounded"
            incident.injured = self.other_tolls(incident.injured, places, civilians=False, date=date,
                                                pattern=_WOUNDED)
        if rule_on("subsets"):
            self.fill_subsets(incident)
        if rule_on("subsets") and rule_on("tolls"):
            self.subsets_told_apart(incident, places, date)
        if rule_on("tolls"):
            incident.civilians_killed = self.other_tolls(
                incident.civilians_killed, places, civilians=True, date=date
            )
        total = incident.killed.exact
        for name in ("civilians_killed", "children_killed", "women_killed"):
            sub: Count = getattr(incident, name)
            if total is not None and sub.min is not None and sub.min > total and not getattr(draft, name):
                # a subset read by code above a toll read by code: the two tell of different
                # dead; the model's own contradiction is still asked again below
                self.warnings.append(f"{name}: {sub.text!r} is above the toll {incident.killed.text!r}; dropped")
                setattr(incident, name, Count())
        incident = Incident.model_validate(incident.model_dump())  # re-check the subsets
        incident.evidence = _unique([*lead[:2], *self.evidence(incident)])[:3]
        others = self._other_leads() if rule_on("lead") else set()
        told = lead or [e for e in incident.evidence if e not in others]  # not another incident's sentence
        if incident.date_text is None and (day := self.day_in(told)):
            incident.date_text, incident.date = day, resolve_date(day, self.reference)
        naming = self._naming(places)
        if incident.date_text is None and rule_on("lead") and (
            day := self.day_in(naming[:1]) or self.day_in(self._body(naming)[:1])
        ):  # where it is first told, in the headline or in the body
            incident.date_text, incident.date = day, resolve_date(day, self.reference)
        own = lead or [e for e in incident.evidence if e in naming]
        if rule_on("attackers"):
            if incident.event_type is EventType.territory_capture:
                takers = self.capturers(own, country)
                incident.perpetrators = takers or incident.perpetrators
            if found := self.attackers(own, country):
                # the model's actors its own sentences never name give way to those they name
                told = " ".join(own).lower()
                named = {c for raw in draft.perpetrators if raw.lower() in told
                         for c in canonical_perpetrators(raw, country)}  # fmt: skip
                incident.perpetrators = [p for p in incident.perpetrators if p in named or p in found]
            incident.perpetrators = _unique([*incident.perpetrators, *found])
            if not incident.perpetrators:  # the sentence first telling of its place
                incident.perpetrators = self.attackers(naming[:1], country)
            if not incident.perpetrators and not lead:  # the sentences that tell of it
                incident.perpetrators = self.attackers(incident.evidence, country)
            if not incident.perpetrators:
                incident.perpetrators = self.claimed(own, country) or self.claimed(
                    self._claims_after(places), country
                ) or self.sole_attacker(incident.event_type, country) or (
                    [] if self._unclaimed(naming, places) else self.claimed(self.sentences, country, alone=True)
                )
            if not incident.perpetrators:
                incident.perpetrators = self.headline_attacker(places, country)
        others = self._other_leads()
        about = _unique([*(own or incident.evidence), *(s for s in naming if s not in others)])
        about = _unique([*about, *self._told_after(about, places)])
        # who gave a figure of the incident, or of its dead women, children or civilians, speaks of it
        counts = (incident.killed, incident.injured, incident.civilians_killed, incident.children_killed,
                  incident.women_killed)  # fmt: skip
        about = _unique([*about, *(s for s in self._stating(*counts) if s not in others)])
        incident.sources = self.sources(draft.sources, about, country)
        if not incident.sources and rule_on("lead") and (told := (own or incident.evidence)[:1]):
            incident.sources = self.sources([], self._next_sentence(told[0]), country)  # "..., X said."
        if rule_on("names"):
            claimants = [p for a in self.claimed(self._claims_of(places), country) for p in incident.perpetrators
                         if p == a or p.startswith(a + " ")]  # "Islamic State" claims as its branch
            incident.sources = _unique([*incident.sources, *claimants])
        if lead and not places and not incident.killed.text and not incident.injured.text:
            # asked about a sentence, the model answered with a province only and no figure:
            # nothing the sentence tells can be counted or placed
            self.warnings.append(f"{incident.event_type.value} in {province} with no place and no toll; dropped")
            return []
        incident.summary = summarise(incident)
        return self.split_by_region(incident, lead)

    def split_by_region(self, incident: Incident, lead: list[str]) -> list[Incident]:
        """A capture whose sentence goes on listing places it took, across regions ("A and B
        in the Hama countryside, along with the villages of C and D in southern Idlib"): the
        whole list, one incident per region, as admin1 holds one value."""
        if incident.event_type is not EventType.territory_capture or not lead or not incident.location.places:
            return [incident]
        sentence = next((s for s in lead if incident.location.places[0] in s), None)
        if sentence is None:
            return [incident]
        listed = [
            n for n in _enumeration(sentence, incident.location.places[0], self._region_key)
            if not self._reference_only(n, [sentence])
        ]
        if len(listed) <= len(incident.location.places):
            listed = incident.location.places
        groups: dict[str, list[str]] = {}
        for name in listed:
            region = self.region_after([name], [sentence]) or incident.location.admin1 or ""
            groups.setdefault(region, []).append(name)
        if len(groups) == 1 and listed == incident.location.places:
            return [incident]
        out = []
        for region, names in groups.items():
            part = incident.model_copy(deep=True)
            part.location.places = names
            part.location.admin1 = region or None
            part.summary = summarise(part)
            out.append(part)
        return out

    # -- the map ----------------------------------------------------------------------------

    def _codes(self, places: list[str]) -> set[str]:
        """The countries these places may be in (each spelled as the gazetteer has it)."""
        if not rule_on("map"):
            return set()
        return {p.country_code for name in places for p in self.gazetteer.candidates(name, exact=True)}

    def country_of(self, draft: DraftIncident, places: list[str], province: str | None = None) -> str | None:
        """The incident's country: the one its province is in, when only one country has a
        province of that name, no town of that name lies abroad, and its places may be
        there; else the one the article names most, when its places may be there; else the
        one of the countries the article names that its places are in; else the article's
        (a village the gazetteer lacks, or shares with a city abroad, does not move it); else
        the model's; else the one its places are in."""
        kb = knowledge.load()
        given = draft.country.strip() if draft.country and self.mentioned(draft.country) else None
        given = kb.country(given).name if given and kb.country(given) else given
        codes = self._codes(places)
        mapped = bool(province) and rule_on("map")
        region = self.gazetteer.province_countries(province) if mapped else set()
        namesakes = {p.country_code for p in self.gazetteer.candidates(province, exact=True)} if mapped else set()
        if not region & self._named_codes and namesakes & self._named_codes:
            # a province the gazetteer does not know by this spelling, or knows only in a
            # country the article never names, whose namesake town lies in one it names
            region = namesakes = namesakes & self._named_codes
        if len(region) == 1 and (not codes or region <= codes) and (not namesakes or region & namesakes):
            return self._country_name(next(iter(region)))  # "in Oruna province": that country's
        codes = codes or region
        home = kb.country(self.country)
        if home is not None and home.iso in codes:
            return home.name
        named = codes & self._named_codes
        if len(named) == 1:
            return self._country_name(named.pop())
        if self.country or given:
            return self.country or given
        if len(codes) == 1:
            return self._country_name(codes.pop())
        return self._article_country

    def _country_name(self, code: str | None) -> str | None:
        if not code:
            return None
        c = knowledge.load().country_by_iso(code)
        return c.name if c else self.gazetteer.country_names.get(code)

    def _town_in(self, region: str) -> list[str]:
        """The one place the article puts in this region ("at the market in Tesh, in Oruna
        province"), for an incident the model placed only in the region; none when the
        article puts several there."""
        bare = _REGION_WORDS.sub("", region).strip()
        if not bare:
            return []
        inside = re.compile(
            r"(?P<town>" + NAME.pattern + r"),?\s+in\s+(?:the\s+)?(?:[a-z]+\s+)?" + re.escape(bare)
            + r"\s+(?:province|governorate|region|state|countryside|district|oblast)\b"
        )
        towns = {
            m.group("town") for m in inside.finditer(self.article)
            if place_key(m.group("town")) != place_key(bare) and not _actors(m.group("town"), self.country)
            and not self._region_key(m.group("town")) and not knowledge.load().is_country_word(m.group("town"))
        }  # fmt: skip
        return sorted(towns) if len(towns) == 1 else []

    def _is_town(self, name: str, country: str | None) -> bool:
        """Whether this region is a district named after its town: the article calls it a
        district ("Tesh territory") and also names the town bare ("near Tesh"), and the
        gazetteer holds the town in the incident's country, not as a province."""
        c = knowledge.load().country(country)
        bare = _REGION_WORDS.sub("", name).strip()
        if c is None or not bare or self.gazetteer.province(bare, c.iso) is not None:
            return False
        name_ = re.escape(bare)
        district = re.compile(rf"\b{name_}[ \t]+(?:territory|district|area|county|township)\b", re.IGNORECASE)
        alone = re.compile(rf"\b{name_}\b(?![ \t]+(?:{_REGION_WORDS.pattern}))", re.IGNORECASE)
        if not district.search(self.article) or not alone.search(self.article):
            return False
        return self.gazetteer.resolve(bare, c.iso).place is not None

    def on_map(self, places: list[str], country: str | None, province: str | None = None) -> gazetteer.Place | None:
        """The first of the places that resolves, in the incident's country (and province,
        when the article names one that holds it); an ambiguous name is noted and not guessed."""
        c = knowledge.load().country(country)
        code = c.iso if c else None
        for name in places:
            found = self.gazetteer.resolve(name, code, province)
            if found.place is not None:
                return found.place
            if found.ambiguous:
                where = ", ".join(sorted({f"{p.name} ({p.country_code})" for p in found.ambiguous[:4]}))
                self.warnings.append(f"place {name!r} is ambiguous on the map: {where}")
        return None

    def _same_province(self, name: str, spot: gazetteer.Place) -> bool:
        area = self.gazetteer.province(name, spot.country_code)
        return area is None or area.admin1 == spot.admin1  # unknown to the map: not contradicted

    def _article_spelling(self, spot: gazetteer.Place) -> str:
        """The place's province as the article names it ("Oruna"), else as the map does."""
        for name in self.regions.values():
            area = self.gazetteer.province(name, spot.country_code)
            if area is not None and area.admin1 == spot.admin1:
                return name
        mapped = _province_name(spot.admin1 or "")
        low = mapped.lower()
        if rule_on("map") and len(low) >= 5:  # "Velnaya" on the map, "Velnaye" in the article
            for name in (n.split("\n")[0].strip() for n in self._article_names):
                if name.lower()[:2] == low[:2] and name.lower() != low and spelled_alike(name.lower(), low):
                    return name
        return mapped

    def geo(self, spot: gazetteer.Place | None, province: str | None, country: str | None) -> Geo | None:
        """The incident on the map: its place, else its province's centre, else its country's."""
        c = knowledge.load().country(country)
        code = c.iso if c else None
        if spot is not None and (code is None or spot.country_code == code):
            return place_geo(spot)
        if province and (area := self.gazetteer.province(province, code)) is not None:
            return Geo(name=area.name, lat=round(area.lat, 5), lon=round(area.lon, 5),
                       admin1=area.admin1, country_code=area.country_code, precision="admin1")  # fmt: skip
        if code and (land := self.gazetteer.countries.get(code)) is not None:
            return Geo(name=land.name, lat=round(land.lat, 5), lon=round(land.lon, 5),
                       country_code=code, precision="country")  # fmt: skip
        return None

    def _struck_instead(self, places: list[str], lead: list[str]) -> list[str] | None:
        """When the article names every one of these places only as where the wounded were
        cared for ("taken to hospitals in Dorvik"): the places the lead sentences put the
        event at instead (none: there is no incident); else None."""
        told = {p: [s for s in self._naming([p]) if not _BYLINE.match(s)] for p in places}
        if not places or not all(self._reference_only(p, told[p], _CARED_AT) for p in places):
            return None
        return [m.group("place") for s in lead for m in _PLACE_OF_EVENT.finditer(s)
                if place_key(m.group("place")) not in {place_key(p) for p in places}
                and not _actors(m.group("place"), self.country)]  # fmt: skip

    def only_cared_at(self, draft: DraftIncident) -> bool:
        """Whether the drafted incident is none: its places are only where the wounded were
        cared for, and its sentences put the event nowhere else."""
        if not rule_on("landmarks"):
            return False
        warnings = list(self.warnings)
        places = self.places(draft)
        self.warnings = warnings  # asked ahead: its warnings come when it is coded
        struck = self._struck_instead(places, self.lead_sentences(draft) if rule_on("lead") else [])
        return struck is not None and (not struck or not rule_on("tolls"))  # as `incident` drops it

    def _mine_and_theirs(self, places: list[str]) -> tuple[set[str], set[str]]:
        """The keys of this incident's places, and of the places only other incidents are at."""
        mine = {place_key(p) for p in places} - {""}
        return mine, set().union(*self.places_of_all) - mine

    def _going_on(self, places: list[str], date: dt.date | None) -> list[str]:
        """The sentences that name no incident's place where the last sentence before them
        that names one names this incident's ("... shelled Velna. A man was also wounded in
        the attack."), none another incident was asked about."""
        mine, theirs = self._mine_and_theirs(places)
        others = self._other_leads()
        out, last = [], set()
        for sentence, keys in zip(self.sentences, self._sentence_keys, strict=True):
            if named := keys & (mine | theirs):
                last = named
            elif last & mine and sentence not in others:
                out.append(sentence)
        return list(self._of_this_incident(out, date))

    def _where_told(self, lead: list[str], places: list[str]) -> int | None:
        """Where the article tells the incident: its lead sentence, else the first sentence
        that names one of its places (an offset, for aligning rewritten counts)."""
        told = lead[:1] or self._naming(places)[:1]
        return self.article.find(told[0]) if told else None

    def _reference_only(self, place: str, lead: list[str], landmark: re.Pattern[str] = _LANDMARK) -> bool:
        """Whether the incident's own sentence names this place only as a landmark ("south of
        X", "near X")."""
        text = " ".join(lead)
        spots = [m.start() for m in re.finditer(re.escape(place), text)]
        return bool(spots) and all(landmark.search(text[max(0, at - 45) : at]) for at in spots)

    def _region_key(self, name: str) -> str | None:
        """The key of the region this name is ("Hama countryside", "Idlib province"), if it is
        one the article names as a region; a town named after its province is not."""
        bare = re.sub(
            r"\b(?:the|province|governorate|countryside|region|oblast)\b", " ", name, flags=re.IGNORECASE
        ).strip()
        key = place_key(bare)
        if key not in self.regions:
            return None
        # "Idlib", "Hama countryside": the region; "Idlib city center": a place in it
        return key if bare.lower() == self.regions[key].lower() else None

    def region_after(self, places: list[str], lead: list[str]) -> str | None:
        """The region the lead sentence names right after the incident's first place ("the
        villages of X and Y in the Hama countryside")."""
        for sentence in lead:
            for place in places:
                at = sentence.find(place)
                if at < 0:
                    continue
                rest = sentence[at + len(place) :]
                rest = re.split(r"[;.]|,\s*(?:and|but|while|as|along with)\b|\balong with\b", rest)[0]
                for m in re.finditer(r"\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", rest):
                    key = self._region_key(m.group(0)) or self._region_key(m.group(0).split()[0])
                    if key:
                        return self.regions[key]
                return None
        return None

    def when(self, phrase: str | None, lead: list[str], places: Sequence[str] = ()) -> str | None:
        """The model's time phrase, if it is one ("on Sunday", "late Monday"), from the
        sentence it was asked about when there is one, or the next when it goes on telling
        of the place ("... the capture of Tesh. Fighters took it on Nov. 12")."""
        if not phrase:
            return None
        if not _DATE_WORD.search(phrase):
            self.warnings.append(f"when: {phrase!r} is no time phrase; dropped")
            return None
        if rule_on("lead") and self._only_dateline(phrase):
            self.warnings.append(f"when: {phrase!r} is the article's own date; dropped")
            return None
        if lead:
            naming = self._naming(list(places)) if rule_on("lead") else []
            going_on = [n for n in self._next_sentence(lead[-1]) if n in naming and n not in self._other_leads()]
            if not any(locate(phrase, s) for s in [*lead, *going_on]):
                return None  # a day from another sentence: another event's
        if rule_on("lead"):  # "said on Friday that Thursday's strike": the strike's day
            told = lead or [next((s for s in self.sentences if locate(phrase, s)), "")]
            for sentence in told:
                if (m := _DAY_OF_EVENT.search(sentence)) and m.group("day") not in phrase:
                    return m.group("day")
        return self.verbatim(phrase)

    def _only_dateline(self, phrase: str) -> bool:
        """Whether the article writes this time phrase only in the short line that dates the
        article itself ("Sunday 12 October 2025 10:15 GMT"): the day it was published, not
        the incident's."""
        bare = re.sub(r"^(?:on|in|at)\s+", "", phrase.strip(), flags=re.IGNORECASE)
        lines = [line.strip() for line in self.article.splitlines() if locate(bare, line)]
        return self.reference is not None and bool(lines) and all(
            len(line) <= 100 and not line.endswith((".", "!", "?")) and find_date(line) == self.reference
            for line in lines
        )

    def toll_in(self, sentences_: list[str], pattern: re.Pattern[str] = _TOLL) -> str | None:
        """The first death toll (or other `pattern`) stated in the incident's own sentences."""
        for sentence in sentences_:
            if m := pattern.search(sentence):
                return m.group(0)
        return None

    def day_in(self, sentences_: list[str]) -> str | None:
        """The day the incident's own sentences give, when the model gave none: the day of
        the event itself ("Thursday's strike"), else the first weekday, 'yesterday' or date
        phrase in them that is not the day something was said ("said on Thursday that ...
        on Wednesday": Wednesday), unless that is the only one."""
        for sentence in sentences_:
            if rule_on("lead") and (m := _DAY_OF_EVENT.search(sentence)):
                return m.group("day")
            days = [m for m in _DAY_PHRASE.finditer(sentence)
                    if not _DATELINE_AFTER.match(sentence, m.end())]  # "Jan 11 (AFP) -": the article's day
            # "Thursday's barrage came days after a missile hit X on Saturday": another event's day gives way
            days = [m for m in days if not _POSSESSIVE.match(sentence, m.end())] or days
            # "said on Thursday that ... attacked on Wednesday": the saying's day gives way
            if days:
                return (_not_said(sentence, days) or days)[0].group(0)
        return None

    def _body(self, sentences_: list[str]) -> list[str]:
        """Of these sentences, those of the article's body: not its headline, a line with no
        full stop, nor a photo's caption."""
        return [s for s in sentences_ if s != self.sentences[0] and s.rstrip()[-1:] in ".!?\"”"
                and not _PHOTO_LINE.match(s)]  # fmt: skip

    def day_of_toll(self, incident: Incident, places: list[str]) -> str | None:
        """The day of the sentence that states the incident's toll (or its wounded), else of
        the sentence before it when that one names the incident's place: "X's blast hit Y.
        An official said 11 people were killed." """
        for count in (incident.killed, incident.injured):
            told = [s for s in self.sentences if count.text and count.text in s][:1]
            if not told:
                continue
            if day := self.day_in(told):
                return day
            before = self._previous_sentence(told[0])
            return self.day_in(before) if before and before[0] in self._naming(places) else None
        return None

    def _other_leads(self) -> set[str]:
        """The sentences the model was asked about for the other incidents of the article."""
        return {s for told in self.leads_of_all for s in told} - set(self._current_lead)

    def _elsewhere(self, sentence: str, places: list[str], *, days_placed: bool = True) -> bool:
        """Whether the sentence puts something at a place that is none of these ("A day
        later a drone struck Tesh"): it tells of another incident. With `days_placed` off, "on
        Monday" puts nothing anywhere (a toll told again is read so; who is cited is read as
        before)."""
        keys = {place_key(p) for p in places}
        for m in NAME.finditer(sentence):
            name = m.group(0)
            if opening := _OPENING_IN.match(name):  # "In Tesh, ...": a name that opens the sentence
                name = name[opening.end() :]
            if name.lower() in _FUNCTION_WORDS:
                continue  # "The town's mayor said": no place
            if not days_placed and re.fullmatch(r"(?:" + WEEKDAY_NAMES + "|" + MONTH_WORDS + r")\.?", name):
                continue  # "raising the toll to 16, the office said on Monday": a day, no place
            if self.country and name.lower() == self.country.lower():
                continue  # "displaced from elsewhere in Velna": the article's own country is no other place
            if (opening or placed(sentence, m.start()) or _HIT_BEFORE.search(sentence, 0, m.start())) and (
                place_key(name) not in keys
            ):
                return True
        return False

    def _told_after(self, sentences_: list[str], places: list[str], *, days_placed: bool = True) -> list[str]:
        """The sentence after each of these, where it may go on telling of the same incident:
        not the sentence another incident was asked about, not one that puts something at
        another place, unless it goes back to "the village" or "the town" just told."""
        others = self._other_leads()
        return [n for s in sentences_ for n in self._next_sentence(s)
                if n not in others and (not self._elsewhere(n, places, days_placed=days_placed)
                                        or _BACK_TO_IT.search(n))]  # fmt: skip

    def _position(self, sentence: str) -> int | None:
        """Where the sentence stands in the article (its first telling), if it is one of its."""
        try:
            return self.sentences.index(sentence)
        except ValueError:
            return None

    def _next_sentence(self, sentence: str) -> list[str]:
        """The sentence after this one in the article, where an attribution often follows."""
        at = self._position(sentence)
        return [] if at is None else self.sentences[at + 1 : at + 2]

    def _previous_sentence(self, sentence: str) -> list[str]:
        """The sentence before this one in the article, which it may go on telling of."""
        at = self._position(sentence)
        return self.sentences[at - 1 : at] if at else []

    def province_near(self, places: list[str], country: str | None) -> str | None:
        """The one province the first sentence naming the place names ("... in Oruna
        province, killing 17 in the town of Tesh"; "Tesh, in Oruna"): a region the article
        names as such, or a province of the incident's country the gazetteer knows."""
        if not places or not rule_on("map"):
            return None
        c = knowledge.load().country(country)
        own = {place_key(p) for p in places}
        for sentence in self._naming(places[:1])[:1]:
            found: dict[str, str] = {}
            for key, name in self._provinces_in(sentence, c, own):
                found.setdefault(key, name)
            if len(found) == 1:
                return next(iter(found.values()))
        return None

    def _provinces_in(self, sentence: str, c: knowledge.Country | None,
                      own: set[str]) -> Iterator[tuple[str, str]]:  # fmt: skip
        """The provinces a sentence names (key, name as written), but for the places `own`."""
        for m in NAME.finditer(sentence):
            name = m.group(0)
            if place_key(name) in own:
                continue  # the place itself, also when a province shares its name
            if key := self._region_key(name):
                yield key, self.regions[key]
            elif (
                c is not None
                and (area := self.gazetteer.province(name, c.iso)) is not None
                and (  # a city is often named for where the wounded went, or as a landmark
                    not self.gazetteer.candidates(name, c.iso, exact=True)
                    or _ADMIN_AFTER.match(sentence, m.end())
                )
            ):
                yield place_key(area.name), name

    def article_province(self, country: str | None) -> str | None:
        """The province the whole article names most often, of the incident's country, when
        one stands out: where an incident is whose own sentences name none (an article about
        one province names it in its headline, dateline or background)."""
        if not rule_on("map"):
            return None
        if country not in self._article_provinces:
            c = knowledge.load().country(country)
            counts: Counter[str] = Counter()
            names: dict[str, str] = {}
            for sentence in self.sentences:
                for key, name in self._provinces_in(sentence, c, set()):
                    counts[key] += 1
                    names.setdefault(key, name)
            ranked = counts.most_common(2)
            best = None
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                best = names[ranked[0][0]]
            self._article_provinces[country] = best
        return self._article_provinces[country]

    def _naming(self, places: list[str]) -> list[str]:
        """The article's sentences that name any of these places."""
        keys = {place_key(p) for p in places} - {""}
        return [s for s, named in zip(self.sentences, self._sentence_keys, strict=True) if keys & named]

    def capturers(self, sentences_: list[str], country: str | None) -> list[str]:
        """Who took the place, as the capture's own sentence says: the actors named in the
        clause before the capture verb ("the opposition took control of"), or after "fell
        to" / "seized by"."""
        cue = _CUES[EventType.territory_capture]
        for sentence in sentences_:
            m = cue.search(sentence.lower())
            if not m:
                continue
            before = re.sub(r"\w+$", "", sentence[: m.start()])  # "Troops recaptured": not "Troops re"
            before = re.split(r"\b(?:said|says|that|reported|after|when|while)\b|[;:“”\"]", before)[-1]
            passive = re.search(r"(?:fell|seized|captured|taken|retaken)$", sentence[: m.end()].lower())
            after = re.match(r"\s*(?:to|by)\s+([^,.;]+)", sentence[m.end() :]) if passive else None
            for clause in (after.group(1) if after else None, before):
                if clause and (names := _actors(clause, country)):
                    return names
        return []

    def sources(
        self, given: list[str], sentences_: list[str], country: str | None = None, besides: Iterable[str] = ()
    ) -> list[str]:
        """Who the article cites for the incident: the names its own sentences attribute it
        to, and those the model gave that these sentences name, by the names of the
        incident's country (the article may be mostly about another's); a speaker named by
        role only when none of these, nor the sources already found (besides), is named."""
        country = country or self.country
        text = " ".join(sentences_).lower()
        kept = [
            n for n in self.kept(given, "source")
            if all(re.search(r"\b" + re.escape(w), text) for w in re.findall(r"[a-z]{4,}", n.lower())
                   if w not in _PLAIN_WORDS)
        ]  # fmt: skip
        cited = [c for s in sentences_ for c in self.cited(s)]
        by_role = [m.group(1) for s in sentences_ for m in _ONE_BY_ROLE.finditer(s)] if rule_on("names") else []
        names = (self._source_name(self.spelled_out(n), country) for n in cited or kept)
        found = _unique(self._as_named(n, country) for n in names if n)
        if rule_on("names") and any(_NAMED_SOURCE.fullmatch(f) for f in found):
            found = [f for f in found if not _UNNAMED_SOURCE.fullmatch(f)]  # named ones say who
        elif by_role and not any(_NAMED_SOURCE.fullmatch(f) for f in besides):
            found = _unique([*found, *(n for r in by_role if (n := self._source_name(r, country)))])
        if not found and rule_on("lead") and (main := self.main_source):
            found = [main]  # a monitor's own report: its every sentence is its word
        return found

    def one_incident(self, incident: Incident) -> None:
        """The article's one incident: whoever the article cites in any sentence that may tell
        of it (not a war's totals, not another day's, not history, putting nothing at another
        place) speaks of it, and the wounded such a sentence tells are its own when none were
        found ("over 60 wounded villagers were being treated")."""
        places = incident.location.places
        told = [s for s in self._of_this_incident(self._body(self.sentences), incident.date, others=set())
                if not long_before(s, self.reference) and not self._elsewhere(s, places)]  # fmt: skip
        if rule_on("names"):
            more = self.sources([], told, incident.location.country, besides=incident.sources)
            incident.sources = _unique([*incident.sources, *more])
        if rule_on("tolls") and not incident.injured.text and (hurt := self.toll_in(told, _WOUNDED)):
            incident.injured = self.about(self.count(hurt, "injured"), "injured")

    def _as_named(self, name: str, country: str | None) -> str:
        """A cited name as the codebook names a source: a monitor's head as the monitor, then
        by the source tables, a ministry by its country's adjective, a state's army by its
        state, an armed group by the actor tables."""
        name = self._state_forces(self._ministry(canonical_source(self.who(name, country), country), country), country)
        if rule_on("names") and not knowledge.load().source(name, country) and (group := self._armed_group(name, country)):
            return group  # "Atlantis's Northern Legion", "the Legion group": the group as the tables name it
        return name

    def _ministry(self, name: str, country: str | None) -> str:
        """A ministry as the codebook writes it, "<country's adjective> <topic> Ministry": its
        country's adjective for "Lebanon's" or for none ("the Interior Ministry" of the
        incident's country), one topic before "Ministry" ("Ministry of Health": "Health
        Ministry"), and the one ministry the article names for a bare "the ministry". A
        ministry named by more ("the rebels' health ministry") is left as written."""
        if not rule_on("names") or not re.search(r"\bministry\b", name, re.IGNORECASE):
            return name
        tables = knowledge.load()
        owner = re.match(r"(?P<word>[A-Z][\w-]+)(?:['’]s)?\s+(?P<rest>.+)", name)
        of = tables.country(owner.group("word")) if owner else None
        rest = owner.group("rest") if of and owner else name
        if re.fullmatch(r"ministry", rest, re.IGNORECASE):
            named = {m.group(0) for m in _MINISTRY_NAMED.finditer(self.article)}
            if not named:  # "the Velna interior ministry said ... the ministry said": that one
                topics = {m.group(1).lower(): m.group(1) for m in _MINISTRY_TOPIC.finditer(self.article)}
                if len(topics) == 1 and not re.fullmatch(r"ministry", one := topics.popitem()[1], re.I):
                    return self._ministry(one, country)
            if len(named) != 1:
                return name
            rest = named.pop()
        rest = re.sub(r"^ministry\s+of\s+(\w+)$", r"\1 Ministry", rest, flags=re.IGNORECASE)
        if not re.fullmatch(r"(?:[\w-]+\s+)?ministry(?:\s+of(?:\s+[\w-]+){1,3})?", rest, re.IGNORECASE):
            return name
        if not of and self._owned_by_another(name):
            return name
        of = of or tables.country(country)
        return f"{of.adjective} {rest}" if of else rest

    def _state_forces(self, name: str, country: str | None) -> str:
        """A bare "army" or "military" as the codebook names a source: with the adjective of
        the state whose forces a bare "the army" means where the incident is ("Israeli
        military" in the Palestinian territories), or of the state that owns it ("Atlantis's
        army")."""
        if not rule_on("names"):
            return name
        tables = knowledge.load()
        owned = re.fullmatch(r"(?P<owner>[A-Z][\w-]+)['’]s\s+(?P<force>army|military)", name, re.IGNORECASE)
        if owned and (of := tables.country(owned.group("owner"))):  # "Atlantis's army": as "Atlantean army"
            return canonical_source(f"{of.adjective} {owned.group('force').lower()}", country)
        bare = re.sub(r"^the\s+", "", name.lower())  # "The Army" as a sentence's first words
        if bare not in ("army", "military"):
            return name
        state = tables.army_state(country)
        if state is None:
            return name
        return canonical_source(f"{state.adjective} {bare}", country)  # "Israeli army": as the tables name it

    @staticmethod
    def _armed_group(name: str, country: str | None) -> str | None:
        """The armed group the actor tables know by this whole name, without a country that
        owns it ("Atlantis's") or a trailing "group"."""
        tables = knowledge.load()
        owner = re.match(r"(?P<word>[A-Z][\w-]+)['’]s\s+", name)
        bare = name[owner.end() :] if owner and tables.country(owner.group("word")) else name
        bare = re.sub(r"\s+group$", "", bare)
        sides = {n for c in tables.countries for n in (c.forces, c.rebels)}  # a group folded into a side keeps its name
        return next((e.name for e in tables.actors
                     if e.applies(country) and e.pattern.fullmatch(bare) and e.name not in sides), None)  # fmt: skip

    def _owned_by_another(self, name: str) -> bool:
        """Whether the article writes this body as someone's not a country's ("the rebels'
        health ministry", "the Tesh Front's ministry")."""
        return any(
            (owner := _OWNER_BEFORE.search(self.article, 0, m.start())) and not knowledge.load().country(owner.group("word"))
            and not _STATE_OWNER.fullmatch(owner.group("word"))
            for m in re.finditer(re.escape(name), self.article, re.IGNORECASE)
        )

    @functools.cached_property
    def _own_outlets(self) -> set[str]:
        """The outlets the article's datelines name as its own."""
        return {canonical_source(m.group("outlet").strip()) for m in _DATELINE_OUTLET.finditer(self.article)}

    @functools.cached_property
    def _named_codes(self) -> set[str]:
        """The countries the article names at all."""
        return {c.iso for c in knowledge.load().countries if c.iso and c.pattern.search(self.article)}

    @functools.cached_property
    def _headline(self) -> str:
        """The article's first line."""
        return next((line.strip() for line in self.article.split("\n") if line.strip()), "")

    @functools.cached_property
    def _article_names(self) -> list[str]:
        """Every name the article writes, in its order (a name may run across a line break)."""
        return [m.group(0) for m in NAME.finditer(self.article)]

    @functools.cached_property
    def _article_country(self) -> str | None:
        """The country most of the article's names are in, for an incident nothing else places."""
        if not rule_on("map"):
            return None
        return self._country_name(self.gazetteer.country_of(self._article_names))

    @functools.cached_property
    def main_source(self) -> str | None:
        """The source whose report the article is, when its head or dateline names one
        ("Oruna province – The Coastal Monitor:", "Tesh, State Agency –"): a
        monitor, service or agency of the knowledge tables, and only one."""
        paragraphs = [p.strip() for p in self.article.split("\n") if p.strip()]
        body = next((i for i, p in enumerate(paragraphs) if len(p) > 160), len(paragraphs))
        head = " ".join([*paragraphs[:body], *(p[:80] for p in paragraphs[body : body + 1])])
        found = {
            e.name for e in knowledge.load().sources
            if e.applies(self.country) and not e.armed and e.pattern.search(head)
        }  # fmt: skip
        return found.pop() if len(found) == 1 else None

    def _source_name(self, name: str, country: str | None) -> str | None:
        """A cited name as a source: a person or outlet without the role before it ("regional
        governor Dana Ostrova", "opposition outlet Voice of Kastrel"); nothing for a word
        that names no one ("The") or a place of the article. A source the tables know for
        the incident's country is one, whatever else its words spell ("state TV")."""
        name = self._without_article(name.strip())
        if rule_on("names") and (m := _BODY_SPEAKER.fullmatch(name)):
            name = m.group("body")  # "the Velna Monitor's spokesman", unnamed: the monitor
        known = knowledge.load().source(name, country) is not None
        if m := _ROLE_THEN_NAME.match(name):
            name = m.group("name")
        if not re.search(r"[a-z]{3}", name.lower()) or name.lower() in _FUNCTION_WORDS or _NOT_SOURCES.fullmatch(name):
            return None
        if rule_on("names") and (knowledge.load().is_country_word(name) or self._region_key(name) or (
            rule_on("map") and self.gazetteer.province(name) is not None and not known
        )):
            return None  # "Malians", "the Tesh region", "officials in Tesh said": a people or a region
        outlet = rule_on("names") and not known and (m := _OUTLET_TAIL.search(name)) is not None and (
            name[: m.start()].split()[-1][:1].isupper()
        )
        if outlet:
            name = name[: m.start()]  # "Velna television", "Velna TV": the outlet by its name (not "state TV")
        if rule_on("names") and not known and (person := self._person_at_end(name)):
            name = person  # "United Nations Dana Ostrova", her surname alone elsewhere: the person
        if rule_on("names") and (holder := self._holder(name)):
            return holder  # "the governor", who the article names: "regional governor Dana Ostrova"
        if rule_on("names") and (m := _ROLE_OF.fullmatch(name)):
            return f"{m.group('body')} {m.group('role')}"  # "a member of the Tesh Front": "Tesh Front member"
        if re.fullmatch(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?", name) and rule_on("map") and (
            self.gazetteer.candidates(name, exact=True) and not known and not outlet and not self._is_person(name)
        ):
            return None  # a town the article names, not who reported
        return name

    def _holder(self, role: str, sentence: str | None = None) -> str | None:
        """The one person the article names with this bare title ("governor" -> "regional
        governor Dana Ostrova" -> Dana Ostrova); none for a name. When it names several, the
        last named before the sentence that cites the title, if one is given."""
        if not re.fullmatch(r"(?:(?:regional|local|district|provincial|city|state)\s+)?[a-z]+", role, re.I):
            return None
        title = role.split()[-1]
        pattern = r"\b(?i:" + re.escape(title) + r")\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
        named = [(m.start(), m.group("name")) for m in re.finditer(pattern, self.article)]
        holders = {name for _, name in named}
        if len(holders) > 1 and sentence is not None and (at := self.article.find(sentence)) > 0:
            before = [(start, name) for start, name in named if start < at]
            holders = {max(before)[1]} if before else set()
        if len(holders) == 1 and (m := _ROLE_THEN_NAME.match(f"{title} {next(iter(holders))}")):
            return m.group("name")
        return None

    def _without_article(self, name: str) -> str:
        """The name without a leading "a", "an" or "the", unless "The" is part of it: the
        article writes it with a capital mid-sentence somewhere ("told The Velna Courier")."""
        rest = re.sub(r"^(?:an?|the)\s+", "", name, flags=re.IGNORECASE)
        if re.search(r"[a-z,]\s+The\s+" + re.escape(rest) + r"\b", self.article):
            return "The " + rest
        return rest

    def _person_at_end(self, name: str) -> str | None:
        """The person a long run of capitalised words ends in, when the article also writes
        the last of them alone as someone's surname: "... United Nations Dana Ostrova" and
        "Ostrova said"."""
        words = name.split()
        if len(words) < 4 or not all(w[:1].isupper() for w in words) or _BODY_NOUN.fullmatch(words[-1]):
            return None  # "... Human Rights Monitor" and a headline's "Monitor:": a body, not a surname
        alone = re.compile(r"(?<![\w'’-])(?<!" + re.escape(words[-2]) + r" )" + re.escape(words[-1]) + r"(?![\w'’-])")
        return " ".join(words[-2:]) if alone.search(self.article) else None

    def _is_person(self, name: str) -> bool:
        """Whether the article gives this name as a person's: it says or is quoted, and a
        one-word name is someone's surname somewhere ("Saad Maan", later "Maan said"), not a
        capital speaking for its government ("Kyiv said")."""
        if len(name.split()) == 1 and not re.search(r"\b[A-Z][\w'’-]+\s+" + re.escape(name) + r"\b", self.article):
            return False
        return bool(re.search(re.escape(name) + r"(?:,[^,]{3,60},)?\s+" + _SAY, self.article))

    def cited(self, sentence: str, *, back: int = 2) -> list[str]:
        out = []
        if back and rule_on("names") and _PRONOUN_SAYS.match(sentence):
            # "It also reported that ...": the one source the sentence before cites
            said = _unique(c for before in self._previous_sentence(sentence) for c in self.cited(before, back=back - 1))
            if len(said) == 1:
                out.append(said[0])
        for pattern in _CITE_PATTERNS:
            for m in pattern.finditer(sentence):
                if rule_on("names") and _REACTION.match(sentence, m.end()):
                    continue  # "X said he was horrified": a reaction, not a report of the incident
                name = re.sub(r"^(?:(?:but|and|however|meanwhile|moreover)\s+)+", "", m.group(1).strip(), flags=re.I)
                name = self._without_article(name)
                if m.re is _NAMED_SAYER and not re.search(r"[A-Z]", name):
                    continue  # "The government said": a body named by no name
                name = re.split(r"\s+(?:on|in|at|late|early|last|that|who|which)\b", name)[0].strip()
                # "health workers and residents reached by phone": two sources, no clause;
                # "a United Nations toll": the United Nations
                name = _CITED_TAIL.sub("", name)
                name = _CITED_HEAD.sub("", name)  # "figures from the Velna Monitor": the monitor
                if rule_on("names") and _BODY_NOUN.fullmatch(name) and name.lower() != "ministry" and (
                    body := self._one_body(name)
                ):
                    out.append(body)  # "the monitor added": the one monitor the article names
                    continue
                for part in re.split(r"\s+and\s+(?=[a-z])", name) if name[:1].islower() else [name]:
                    if len(part) >= 3 and not _NOT_SOURCES.fullmatch(part):
                        # "According to the governor": the governor last named before, of several
                        near = rule_on("names") and part[:1].islower() and self._holder(part, sentence)
                        out.append(near or part)
        if rule_on("names"):
            for m in _TITLE_SAYS.finditer(sentence):
                if holder := self._holder(m.group(1), sentence):
                    out.append(holder)
            for m in _TOLD_OUTLET.finditer(sentence):  # "residents told Velna Radio": the outlet too
                name = m.group("name")
                if canonical_source(name) not in self._own_outlets and (
                    m.group("kind") or _OUTLET_WORD.search(name) or knowledge.load().is_reporter(name, self.country)
                ):
                    out.append(name)  # not the article's own outlet: its reporter was told
        return out

    def _one_body(self, noun: str) -> str | None:
        """The one body the article names with this noun at the end of its name ("the Velna
        Rights Monitor" for "the monitor"); none when it names several or none."""
        pattern = (r"\b((?:[A-Z][\w'’-]*\s+(?:(?:for|of|the|on)\s+)?)+)" + re.escape(noun.capitalize())
                   + r"\b((?:\s+(?:for|of|on)(?:\s+[A-Z][\w'’-]*)+)?)")  # "... Observatory for Human Rights": whole
        named = {(m.group(1) + noun.capitalize() + m.group(2)).removeprefix("The ")
                 for m in re.finditer(pattern, self.article)
                 if not re.fullmatch(r"(?:The|A|An)\s+", m.group(1))}  # fmt: skip
        return named.pop() if len(named) == 1 else None

    def who(self, name: str, country: str | None) -> str:
        """A person cited by name: the monitor or outlet they head ("Observatory head Rami
        abdul Rahman", "the Velna Fund's executive director, Dana Ostrova"), else their full
        name as the article gives it."""
        if (knowledge.load().source(name, country) or name.startswith("The ")
                or not re.fullmatch(r"(?:[A-Z][\w'’-]+\s?){1,3}", name)):  # fmt: skip
            return name
        last = name.split()[-1]
        heads = re.compile(
            r"((?:[A-Z][\w'’-]*\s+(?:(?:for|of|the)\s+)?)*[A-Z][\w'’-]*)(?:['’]s)?\s+(?:[a-z]+\s+)?"
            r"\b(?:head|director|chief|founder),?\s+"
            r"((?:[A-Z][\w'’-]*\s+|[a-z]+\s+)*?" + re.escape(last) + r")\b"
        )
        for m in heads.finditer(self.article):
            body = self._without_article(re.sub(r"['’]s$", "", m.group(1).strip()))
            if not body or body.lower() in _FUNCTION_WORDS:
                continue  # "The director, Dr Ivo Marek": no body named
            return canonical_source(body, country)  # a monitor's director: the monitor
        if name != last:
            return name  # a full name as cited: not the first longer name that ends like it
        full = re.search(r"\b((?:[A-Z][\w'’-]+\s+){1,2}" + re.escape(last) + r")\b", self.article)
        if not full or _PERSON_ROLE.search(full.group(1)):
            return name
        titled = _ROLE_THEN_NAME.match(full.group(1))  # "Governor Dana Ostrova": the person
        return titled.group("name") if titled else full.group(1)

    def event_type(self, draft: DraftIncident, places: list[str], lead: list[str]) -> EventType:
        """The model's event type, unless the words around the incident's places say another
        kind and nothing of the model's kind (a 'shelling' whose place is hit by 'jets'). The
        sentence the model was asked about counts as the incident's own words."""
        if draft.lead and any(_CUES[draft.type].search(s.lower()) for s in lead):
            return draft.type
        if lead and rule_on("lead") and not any(cue.search(s.lower()) for s in lead for cue in _CUES.values()):
            # "In Tesh, two depots were flattened": no kind's word; the sentence before goes on
            # telling of one kind ("jets carried out strikes near Velna")
            before = " ".join(self._previous_sentence(lead[0]))
            kinds = _kinds_in(before)
            if len(kinds) == 1:
                return kinds[0]
        if not draft.lead and rule_on("lead"):
            # the first incident: the kind the sentence first telling of its place names
            for sentence in self._naming(places):
                kinds = _kinds_in(sentence)
                if kinds:
                    if draft.type not in kinds and len(kinds) == 1:
                        return kinds[0]
                    break
            else:  # no sentence naming its place names a kind: the headline's one kind, if the model's has no word
                kinds = [k for k, cue in _CUES.items() if cue.search(self._headline.lower())]
                if len(kinds) == 1 and kinds[0] is not draft.type and not _CUES[draft.type].search(self._lower):
                    return kinds[0]
        kind = self._place_kind(draft, places)
        if kind is draft.type and kind in _WEAPON_KINDS and rule_on("lead") and not any(
            _CUES[kind].search(s.lower()) for s in [*lead, *self._naming(places)]
        ) and len(first := self._first_kinds()) == 1 and kind not in first:
            # a weapon nothing around the incident names ("militants attacked a checkpoint"
            # given as a bombing): the one kind the article first tells of
            self.warnings.append(f"{kind.value} at {', '.join(places) or 'its province'} names no weapon; {first[0].value}")
            return first[0]
        return kind

    def _first_kinds(self) -> list[EventType]:
        """The kinds the first sentence of the article that names any kind names."""
        for sentence in self.sentences:
            if kinds := _kinds_in(sentence):
                return kinds
        return []

    def date_undated(self, incident: Incident, coded: Sequence[Incident] = ()) -> None:
        """An incident told with no day has the day the article gives another incident at
        its place ("raiders came back to the Tesh barracks that night"), else the
        article's own date: the codebook's date is null only when the article carries no
        date."""
        if incident.date is not None:
            return
        keys = {place_key(p) for p in incident.location.places} - {""}
        dated = [i.date for i in coded if i is not incident and i.date_text and i.date
                 and keys & {place_key(p) for p in i.location.places}]  # fmt: skip
        if rule_on("lead") and (same := self._same_day_as_before(incident, coded)):
            incident.date = same  # "The same day, soldiers repelled an assault on Tesh"
        elif rule_on("lead") and dated:
            incident.date = dated[0]
        elif rule_on("lead") and (before := self._told_right_before(incident, coded)):
            incident.date = before  # "Seven of the dead were killed in Tesh": the day of the sentence before
        elif self.reference is not None:
            incident.date = self.reference

    def _told_right_before(self, incident: Incident, coded: Sequence[Incident]) -> dt.date | None:
        """The day of the incident whose sentence comes right before this one's first, when
        this one's goes back to the dead just told ("Seven of the dead ...", "Of them, ...")."""
        own = [at for s in incident.evidence if _BACK_TO_THE_DEAD.match(s) and (at := self._position(s)) is not None]
        if not own:
            return None
        before = {day for at, day in self._dated_tellings(incident, coded) if min(own) - 1 in at}
        return before.pop() if len(before) == 1 else None

    def _dated_tellings(self, incident: Incident, coded: Sequence[Incident]) -> list[tuple[list[int], dt.date]]:
        """Each other incident dated by a day of its own, with where its evidence stands in the
        article."""
        return [(at, i.date) for i in coded if i is not incident and i.date_text and i.date
                and (at := [a for s in i.evidence if (a := self._position(s)) is not None])]  # fmt: skip

    def _same_day_as_before(self, incident: Incident, coded: Sequence[Incident]) -> dt.date | None:
        """The day of the incident told last before this one, when this one's own sentence
        says it was "the same day" or "that day", or that day counted on or back ("a day
        earlier", "two days later")."""
        own = [at for s in incident.evidence if _SAME_DAY.search(s) and (at := self._position(s)) is not None]
        shift = 0
        if not own:
            apart = [(m, at) for s in incident.evidence if (m := _DAYS_APART.search(s)) and (at := self._position(s)) is not None]
            if not apart:
                return None
            m, at = apart[0]
            own = [at]
            n = words_to_int(m.group("n") or "one") or 1  # "a day earlier": one
            later = (m.group("way") or "").lower() == "later" or m.group("next") is not None
            shift = n if later else -n
        before = [(min(at), day) for at, day in self._dated_tellings(incident, coded) if min(at) < min(own)]
        return max(before, key=lambda b: b[0])[1] + dt.timedelta(days=shift) if before else None

    def headline_attacker(self, places: list[str], country: str | None) -> list[str]:
        """The one actor the headline makes the subject of the violence ("Tesh rebels take
        the town of X", "Atlantis missiles kill eight in Y"), for an incident nothing else
        attributes; none when the headline names none or several. A headline that tells of
        two events ("X seizes a base as a drone attack kills 12 in Y") gives its actor only
        to the incident whose place its clause names."""
        head = self._headline
        m = _HEADLINE_SUBJECT.search(head)
        if not m:
            return []
        verbs = [v.start() for v in _HEADLINE_VERB.finditer(head)
                 if not _NOUN_BEFORE.search(head, 0, v.start())]  # "in fresh attacks on": a noun
        if len(verbs) > 1:
            clause = head[m.start() : next((v for v in verbs if v > m.start("verb")), len(head))]
            keys = {place_key(p) for p in places} - {""}
            if not keys & {place_key(g) for g in _ngrams(clause)}:
                return []
        who = m.group("who")
        found = _actors(who, country) or self.attackers([who + " " + m.group("verb")], country)
        if not found and (state := knowledge.load().country(who.split()[0])):
            found = [state.forces]
        return found if len(found) == 1 and not knowledge.load().is_reporter(found[0], country) else []

    def claimed(self, sentences_: list[str], country: str | None, *, alone: bool = False) -> list[str]:
        """Who these sentences say did it: who claimed it ("X claimed responsibility", "X
        claims market attack"), who it is blamed on or attributed to, who is accused of it,
        whose weapons were launched. `alone`: only when they name one actor in all."""
        found: list[str] = []
        for sentence in sentences_:
            for m in _CLAIMS.finditer(sentence):
                said = m.group("before") or m.group("before2") or m.group("before3") or m.group("after") or m.group("blamed")
                if _NOBODY.match(said or ""):
                    continue  # "No group has claimed the attack"
                if m.group("before") and _RELATIVE.match(said):  # "X (Y), which officials call ..., claimed"
                    said = sentence[: m.start("before")].rstrip(" ,").rsplit(",", 1)[-1]
                named = _actors(said or "", country)
                if not named and m.group("what") and rule_on("attackers"):
                    named = self._claimer(said)  # "a group calling itself X claimed responsibility"
                found += named
        found = _unique(found)
        # "Islamic State" and its branch named in full: the branch
        found = [a for a in found if not any(b != a and b.startswith(a + " ") for b in found)]
        return found if not alone or len(found) == 1 else []

    def _claims_after(self, places: list[str]) -> list[str]:
        """The claims of responsibility or of the attack that name no incident's place and
        follow a telling of this incident: the last sentence before each that names an
        incident's place names this one's ("... stormed the police post in Velna. A group
        calling itself X claimed the attack.", "X said it was behind the attack"). "X claimed
        an attack on a ship" is another."""
        mine, theirs = self._mine_and_theirs(places)
        if not mine or not rule_on("attackers"):
            return []
        out, last = [], set()
        for sentence, keys in zip(self.sentences, self._sentence_keys, strict=True):
            named = keys & (mine | theirs)
            if named:
                last = named
            elif last & mine and not last & theirs and any(
                m.group("what") or m.group("before3") for m in _CLAIMS.finditer(sentence)
            ):
                out.append(sentence)
        return out

    def _claims_of(self, places: list[str]) -> list[str]:
        """The claims of responsibility for this incident: those that name its place, and those
        that name no incident's place where the nearest sentence that names one, before them
        (after them, when none is before), names this one's and no other's."""
        mine, theirs = self._mine_and_theirs(places)
        named = [keys & (mine | theirs) for keys in self._sentence_keys]
        out = []
        for i, sentence in enumerate(self.sentences):
            if not _RESPONSIBILITY.search(sentence) or long_before(sentence, self.reference):
                continue
            before, after = (k for k in reversed(named[:i]) if k), (k for k in named[i + 1 :] if k)
            near = named[i] or next(before, None) or next(after, set())
            if near & mine and not near & theirs:
                out.append(sentence)
        return out

    def _claimer(self, text: str) -> list[str]:
        """The name that claims an attack, when the actor tables do not know it: the last
        name of the claim's subject ("a group calling itself X"), not a country or a people,
        nor a monitor, service or outlet the tables know."""
        names = [m.group(0) for m in NAME.finditer(re.sub(r"\([^)]*\)", " ", text))  # not "(TJP)"
                 if not _DATE_WORD.fullmatch(m.group(0))]  # "X on Friday claimed": not "Friday"
        if not names:
            return []
        name = re.sub(r"^(?:The|A|An)\s+", "", names[-1])
        kb = knowledge.load()
        if (not name or name in _NOT_NAMES or kb.is_reporter(name)
                or all(kb.is_country_word(w) for w in name.split())):  # fmt: skip
            return []
        return [name]

    def sole_attacker(self, kind: EventType, country: str | None) -> list[str]:
        """The one actor the article names before this kind's weapons anywhere ("government
        raids", "regime helicopters"), for an incident whose own sentences name none; none
        when the article names several."""
        weapons = {EventType.air_strike: r"air ?strikes|air ?raids|raids|warplanes|jets|helicopters|aircraft|drones",
                   EventType.shelling: r"shelling|artillery|rockets"}.get(kind)  # fmt: skip
        if weapons is None:
            return []
        actors = {
            name
            for m in _ATTACKER.finditer(self.article)
            if re.fullmatch(weapons, m.group("weapon"))
            for name in _actors(m.group(0), country)
        }
        return sorted(actors) if len(actors) == 1 else []

    def attackers(self, evidence: list[str], country: str | None) -> list[str]:
        """Who the incident's own sentences name right before the weapon ("regime air
        strikes", "Russian warplanes", "by regime helicopters"), for a model that named none."""
        kb = knowledge.load()
        found: list[str] = []
        for sentence in evidence:
            matches = (*_ATTACKER.finditer(sentence), *_LAUNCHER.finditer(sentence), *_KILLER.finditer(sentence),
                       *_BY_ATTACKER.finditer(sentence), *_WEAPON_OF.finditer(sentence))
            for m in matches:
                if m.re in (_KILLER, _BY_ATTACKER, _WEAPON_OF):  # an actor the tables know, no reporter
                    names = [n for n in _actors(m.group(1), country) if not kb.is_reporter(n)]
                else:
                    names = [] if m.re is _LAUNCHER else _actors(m.group(1), country) or _actors(m.group(0), country)
                    state = kb.country(m.group(1)) if not names else None
                    names = [state.forces] if state else names
                for name in names:
                    if name not in found:
                        found.append(name)
        return found


# What may stand between the names of one list: "A, B and C villages in the Hama countryside,
# along with the villages of D and E in southern Idlib".
_LIST_FILLER = re.compile(
    r"^(?:\s|,|and|as well as|along with|together with|plus|the|of|in|villages?|towns?|"
    r"hamlets?|settlements?|areas?|neighbou?rhoods?|districts?|countryside|province|"
    r"governorate|region|northern|southern|eastern|western|central|(?:north|south)-?(?:east|west)ern|"
    r"rural)+$",
    re.IGNORECASE,
)


def place_geo(spot: gazetteer.Place) -> Geo:
    """A record's `geo` for a populated place of the gazetteer."""
    return Geo(name=spot.name, geonames_id=spot.geonames_id, lat=spot.lat, lon=spot.lon,
               admin1=spot.admin1, country_code=spot.country_code, precision="place")  # fmt: skip


def _spanning(phrases: list[str]) -> Count:
    """One Count over several tellings of a figure: their phrases joined with ' / ', from the
    lowest figure stated to the highest (the codebook's rule for figures that differ)."""
    phrases = [p for p in phrases if not any(_part_of_list(p, q) for q in phrases if q != p)]
    # "three others died", "another five were killed": more dead than those told, not the toll
    # told again (the wounded are "30 others" beside the dead as a rule)
    phrases = [p for p in phrases if not (_OTHERS.search(p) and _DEATH_WORDS.search(p))] or phrases
    text = FIGURE_SEPARATOR.join(phrases)
    low, high = parse_figures(text)
    return Count(min=low, max=high, text=text)


def _part_of_list(part: str, whole: str) -> bool:
    """Whether the phrase is the last of the list another phrase is ("nine rebel fighters were
    killed" of "17 soldiers and nine rebel fighters were killed") or its first ("killing four
    medical" of "four medical workers and three patients"): a part of that toll, not a
    telling of its own."""
    at = whole.lower().find(part.lower())
    if at > 0 and at + len(part) == len(whole) and re.search(r"(?:\sand|,)\s+$", whole[:at]):
        return True
    first = re.search(_FIGURE_WORD, part)
    head = part[first.start() :] if first else ""
    return bool(head) and whole.lower().startswith(head.lower()) and bool(
        re.match(r"(?:\s+[\w'’-]+){0,3}?\s+and\s+(?:" + NUMBER_PATTERN + r"|an?)\s", whole[len(head) :], re.IGNORECASE)
    )


def _set_count(incident: Incident, field: str, phrase: str) -> None:
    """Set a count of the incident to what this phrase of the article states."""
    low, high = parse_count(phrase)
    setattr(incident, field, Count(min=low, max=high, text=phrase))


def _not_said(sentence: str, days: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """Of these days in the sentence, those that are not the day something was said ("said
    on Thursday that ...")."""
    return [m for m in days if not _SAID_BEFORE.search(sentence, 0, m.start())]


def _fill_parts(
    incident: Incident, sentences_: Iterable[str], fields: list[tuple[str, re.Pattern[str]]],
    told_as: Callable[[str, re.Match[str]], bool],
) -> None:
    """Each subset still empty from the first of its phrases in these sentences that the
    sentence tells as a part of the dead (by `told_as`)."""
    for sentence in sentences_:
        for field, pattern in fields:
            if getattr(incident, field).text:
                continue
            if m := next((m for m in pattern.finditer(sentence) if told_as(sentence, m)), None):
                _set_count(incident, field, m.group(0))


def _part_of_the_dead(sentence: str, part: re.Match[str]) -> bool:
    """Whether the subset follows the dead as a part of them, not the wounded: "killing
    civilians including four children"."""
    dead = _KILLED_INCLUDING.search(sentence, 0, part.start())
    return dead is not None and not _INJURY_WORDS.search(dead.group(0))


def _among_the_dead(sentence: str, part: re.Match[str]) -> bool:
    """Whether the sentence names this part as among the dead, before or after it, or the
    part says so itself ("three of the dead were children")."""
    return bool(_OF_THE_DEAD.search(part.group(0)) or _LISTED_AMONG_THE_DEAD.match(sentence, part.end())
                or _AMONG_THE_DEAD_BEFORE.search(sentence, 0, part.start()))  # fmt: skip


def _enumeration(sentence: str, first: str, is_region: Callable[[str], object]) -> list[str]:
    """The list of names that starts at `first` in the sentence: names separated only by
    commas, "and", "along with" and words such as "villages of" or "in the X countryside"
    (the regions named in between are not in the list)."""
    at = sentence.find(first)
    if at < 0:
        return []
    names: list[str] = []
    pos = at
    for m in NAME.finditer(sentence, at):
        gap = sentence[pos : m.start()]
        if names and not _LIST_FILLER.match(gap or " "):
            break
        if re.fullmatch(MONTH_WORDS + "|" + WEEKDAY_NAMES, m.group(0)):
            break  # "Oruna, in December": a time, the list is over
        if names and _HOLDER_AFTER.match(sentence, m.end()):
            break  # "in Oruna, Dana Ostrova, the governor, said": a person, the list is over
        if not is_region(m.group(0)):
            names.append(m.group(0))
        pos = m.end()
    return names


def _split_lists(places: list[str], article: str) -> list[str]:
    """Places as single names: a list the model put in one string ("A, B and C villages in
    the X countryside") and did not copy exactly is split into its names."""
    out = []
    for place in places:
        if locate(place, article) is None and re.search(r",|\band\b", place):
            parts = re.split(r",|\band(?![a-zA-Z])|\bin(?![a-zA-Z])|\balong with\b", place)
            out.extend(p.strip() for p in parts if p.strip())
        elif re.search(r"\s(?:in|of)\s", place) and len(names := NAME.findall(place)) > 1:
            # "Dorvik market in Oruna City", "the Tesh neighbourhood of Velmora": the names
            out.extend(n for n in names if not knowledge.load().is_country_word(n))
        else:
            out.append(place)
    return out


def _ngrams(sentence: str, n: int = 4) -> list[str]:
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’-]+", sentence)]  # "Tesh's": Tesh
    return [" ".join(words[i : i + k]) for i in range(len(words)) for k in range(1, n + 1)]


_VERB = {
    EventType.air_strike: "air strike",
    EventType.shelling: "shelling",
    EventType.chemical_attack: "chemical attack",
    EventType.bombing: "bombing",
    EventType.armed_clash: "armed clash",
    EventType.territory_capture: "capture",
    EventType.armed_attack: "attack",
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


# The kinds one strike may be told as, by the weapon each telling names.
_ONE_STRIKE = {EventType.air_strike, EventType.shelling, EventType.bombing}


def _kinds_in(sentence: str) -> list[EventType]:
    """The kinds a sentence's words name, not those of its context ("under cover of air
    strikes")."""
    told = _SUBORDINATE.sub(" ", sentence).lower()
    return [k for k, cue in _CUES.items() if cue.search(told)]


def _same_event(a: Incident, b: Incident) -> bool:
    if a.date != b.date:
        return False
    if a.event_type != b.event_type:
        # a capture told after another kind's incident at its place and day, with no toll of
        # its own or the same one ("stormed the base" after "a suicide car bomb at the
        # base"): one event, of the first telling's kind; so is a strike told again as
        # another weapon's, with no toll, at a place and a day said ("jets struck the
        # market", then "rockets hit the market, wounding five"); not two undated ones,
        # which may be two days
        weapons = {a.event_type, b.event_type} <= _ONE_STRIKE and a.date is not None
        if b.event_type is not EventType.territory_capture and (b.killed.text or not weapons):
            return False
        if b.killed.text and (b.killed.min, b.killed.max) != (a.killed.min, a.killed.max):
            return False
    if a.killed.text and a.killed.text == b.killed.text:
        return True  # one combined toll for several places is one incident
    ka = {place_key(p) for p in a.location.places} - {""}
    kb = {place_key(p) for p in b.location.places} - {""}
    return bool(ka & kb)


def _merge(a: Incident, b: Incident, *, span: bool = False) -> Incident | None:
    """One record from two tellings of an event; None when they contradict each other. With
    `span`, two tellings' different figures for one count are both kept, the Count spanning
    them ("18 people" and "10 persons": 10 to 18), as the codebook counts conflicting reports."""
    data = a.model_dump()
    data["location"]["places"] = _unique([*a.location.places, *b.location.places])
    data["location"]["admin1"] = a.location.admin1 or b.location.admin1
    data["location"]["country"] = a.location.country or b.location.country
    for name in ("perpetrators", "sources", "evidence"):
        data[name] = _unique([*getattr(a, name), *getattr(b, name)])
    for name in ("killed", "civilians_killed", "children_killed", "women_killed", "injured"):
        ca, cb = getattr(a, name), getattr(b, name)
        if not ca.text and cb.text:
            data[name] = cb.model_dump()
        elif (span and rule_on("merge") and ca.text and cb.text
              and (ca.min, ca.max) != (cb.min, cb.max) and not (name == "killed" and any(
                  _PART_TOLL.match(c.text) for c in (ca, cb)))):  # fmt: skip
            # every telling once: "18 people" is told within "18 people were shot dead"
            parts = _unique(p for c in (ca, cb) for p in c.text.split(FIGURE_SEPARATOR))
            parts = _unique(next((q for q in parts if p.lower() in q.lower() and p != q), p) for p in parts)
            data[name] = _spanning(parts).model_dump()
    data["target"] = a.target or b.target
    data["date_text"] = a.date_text or b.date_text
    try:
        merged = Incident.model_validate(data)
    except ValidationError:
        return None
    merged.summary = summarise(merged)
    return merged


_ADMIN_AFTER = re.compile(
    r"[ \t]+(?:district|department|province|governorate|state|region|county|oblast|prefecture)\b",
    re.IGNORECASE,
)
# "Thursday's missile strike", "last Sunday's attack": the day the event itself happened.
_DAY_OF_EVENT = re.compile(
    r"\b(?P<day>(?:last\s+)?(?:" + WEEKDAY_NAMES + r"|yesterday))['’]s?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:strikes?|attacks?|raids?|bombings?|shelling|blasts?|explosions?|assaults?|massacre|"
    r"airstrikes?|air\s+strikes?|bombardment)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?\b")  # right after a day: "Thursday's barrage"
_REGION_WORDS = re.compile(
    r"\b(?:the|region|territory|province|governorate|countryside|area|district|state|oblast)\b",
    re.IGNORECASE,
)
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


def _same_toll(a: str | None, b: str | None) -> bool:
    """Whether two toll texts share a phrase ("53 people" in "killing 53 people / ...")."""
    if not a or not b:
        return False
    pa = {p.lower() for p in a.split(FIGURE_SEPARATOR)}
    pb = {p.lower() for p in b.split(FIGURE_SEPARATOR)}
    return any(x in y or y in x for x in pa for y in pb)


def _absorb_general(incidents: list[Incident]) -> list[Incident]:
    """Fold each general incident into the one specific incident of its kind and date, when
    there is exactly one; it then adds what that one lacks. A dated general incident is not
    folded into an undated one: "strikes on Monday" is not the strike a sentence left undated."""
    out = list(incidents)
    for general in [i for i in incidents if _general(i)]:
        told = [
            i for i in out
            if i is not general and not _general(i) and general.killed.text
            and (_same_toll(i.killed.text, general.killed.text)
                 or (rule_on("tolls") and general.killed.min is not None and not general.location.places
                     and (i.killed.min, i.killed.max) == (general.killed.min, general.killed.max)))
        ]  # fmt: skip
        if told:  # the toll of a placed incident, told again (under a kind the model misread)
            out.remove(general)
            if (len(told) == 1 and told[0].date_text is None and general.date_text is not None
                    and general.killed.min is not None):  # fmt: skip
                told[0].date, told[0].date_text = general.date, general.date_text  # its day, told there
            if len(told) == 1 and not told[0].perpetrators and rule_on("attackers"):
                told[0].perpetrators = general.perpetrators  # who did it, told there
            if len(told) == 1 and general.location.admin1 and rule_on("map"):
                told[0].location.admin1 = general.location.admin1  # its province, told there
            continue
        fits = [
            i for i in out
            if i is not general and not _general(i) and i.event_type == general.event_type
            and (general.date is None or i.date == general.date)
            and (general.location.admin1 is None or i.location.admin1 == general.location.admin1)
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
            if _same_event(kept, incident) and (merged := _merge(kept, incident, span=True)) is not None:
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
    told = [d for d in draft.incidents if not coder.only_cared_at(d)]  # a hospital's town is no incident's
    coder.leads_of_all = [coder.lead_sentences(d) for d in told]
    coder.places_of_all = [
        {place_key(n) for p in d.places for n in (p, *(m.group(0) for m in NAME.finditer(p)))} - {""}
        for d in told
    ]  # "Tesh factory", "road near Velna": Tesh, Velna
    coded = [i for d in draft.incidents for i in coder.incident(d)]
    coded = merge_incidents(coded) if rule_on("merge") else coded
    for incident in coded:  # after merging: a day given by code does not make tellings one
        coder.date_undated(incident, coded)
    if len(coded) == 1:  # every sentence the model was asked about is this incident's
        coder.one_incident(coded[0])
    if rule_on("attackers"):
        _attackers_of_the_same_spot(coded)
    return coded, coder.warnings


def _attackers_of_the_same_spot(incidents: list[Incident]) -> None:
    """An incident no sentence gives an attacker takes those of the one other incident at its
    place on its day (a bomb under a patrol and the gunfire that followed: one attack told as
    two kinds)."""
    for incident in incidents:
        if incident.perpetrators or incident.date is None:
            continue
        keys = {place_key(p) for p in incident.location.places} - {""}
        same = [
            other for other in incidents
            if other is not incident and other.date == incident.date
            and keys & {place_key(p) for p in other.location.places}
        ]  # fmt: skip
        if len(same) == 1 and same[0].perpetrators:
            incident.perpetrators = list(same[0].perpetrators)


