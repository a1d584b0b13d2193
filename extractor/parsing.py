"""What code can read exactly: numbers in a count phrase, the article's own date, and a
relative date phrase resolved against it. Pure functions, no I/O."""

from __future__ import annotations

import datetime as dt
import functools
import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "half a dozen": 6, "a single": 1, "single": 1,
    "a hundred": 100, "a thousand": 1000, "a couple of": 2, "a couple": 2,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + r")"
# A number: digits (1,300 / 1.5 million) or number words joined by spaces, hyphens or "and".
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?:hundred|thousand|million))?"
    r"|(?<!\b[Nn]o\s)" + _WORD + r"(?:(?:[\s-]+|\s+and\s+)" + _WORD + r")*"  # not "No one was killed"
)
_NUMBER_RE = re.compile(r"(?<![\w-])(" + _NUMBER + r")(?![\w])", re.IGNORECASE)

_AT_LEAST = r"at least|no fewer than|no less than|not less than|a minimum of|minimum of"
_MORE_THAN = r"more than|over|upwards of|in excess of|above"
_UP_TO = r"up to|as many as|at most|no more than|not more than|a maximum of"
_FEWER_THAN = r"fewer than|less than|under"
_ABOUT = (
    r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|estimated"
)
NUMBER_PATTERN = _NUMBER
QUALIFIER_PATTERN = "|".join([_AT_LEAST, _MORE_THAN, _UP_TO, _FEWER_THAN, _ABOUT])
_RANGE_RE = re.compile(
    r"between\s+(" + _NUMBER + r")\s+and\s+(" + _NUMBER + r")(?![\w])"
    # "at least 12 and as many as 20", "at least 40, possibly up to 60"
    r"|(?:" + _AT_LEAST + r")\s+(" + _NUMBER + r")(?![\w])(?:\s+[a-z]+)?\s*,?\s*(?:and|but|or|to)?\s*"
    r"(?:possibly\s+|perhaps\s+|maybe\s+)?(?:up\s+to|as\s+many\s+as|as\s+high\s+as)\s+(" + _NUMBER + r")(?![\w])"
    r"|(?<![\w-])(" + _NUMBER + r")\s+(?:to|or)\s+(" + _NUMBER + r")(?![\w])"
    r"|(?<![\w-])(\d+)\s*[-–]\s*(\d+)(?![\w])",
    re.IGNORECASE,
)
_QUALIFIED_RE = re.compile(
    r"(?:(?P<q>" + "|".join([_AT_LEAST, _MORE_THAN, _UP_TO, _FEWER_THAN, _ABOUT]) + r")\s+)?"
    r"(?<![\w-])(?<!\bno\s)(?P<n>" + _NUMBER + r")(?![\w])",  # "no one": nobody
    re.IGNORECASE,
)
VAGUE_PATTERN = r"dozens|scores|hundreds|thousands|many|several|numerous|a number of|a few|some"
_VAGUE_RE = re.compile(r"\b(" + VAGUE_PATTERN + r")\b", re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """'fifty-three' -> 53, '1,300' -> 1300, 'two hundred and five' -> 205, 'a dozen' -> 12."""
    s = text.strip().lower().replace("–", "-")
    digits = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\s+(hundred|thousand|million))?", s)
    if digits:
        value = int(digits.group(1).replace(",", ""))
        return value * _SCALES[digits.group(2)] if digits.group(2) else value
    tokens = re.findall(r"half a dozen|a dozen|a single|a hundred|a thousand|a couple of|a couple|[a-z]+",
                        s.replace("-", " "))
    total = current = 0
    seen = False
    for tok in tokens:
        if tok == "and":
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in _SCALES:
            current = max(current, 1) * _SCALES[tok]
            if _SCALES[tok] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


FIGURE_SEPARATOR = " / "


def parse_figures(text: str | None) -> tuple[int | None, int | None]:
    """(min, max) over every figure the article gives for one count, its phrases joined with
    ' / ' ("At least 20 people / Twenty-six people" -> 20, 26): min is the lowest figure
    stated and max the highest (the codebook's rule for a headline and a body that differ)."""
    if not text or FIGURE_SEPARATOR not in text:
        return parse_count(text)
    points = [x for part in text.split(FIGURE_SEPARATOR) for x in parse_count(part) if x is not None]
    if not points:
        return None, None
    return min(points), max(points)


_AGE_RE = re.compile(r"\b[\w-]+[- ]years?[- ]old\b|\baged\s+\d+\b", re.IGNORECASE)
AGED_PATTERN = r"[\w-]+[- ]year[- ]old"  # one person's age: "61-year-old", "eight-year-old"
# One person told by age: "a 61-year-old farmer", "67-year-old woman" (not "16-year-old boys").
_ONE_AGED_RE = re.compile(
    r"^\W*(?:(?:a|an|the|one)\s+)?" + AGED_PATTERN + r"\s+(?!(?:men|women|children|people|"
    r"police|personnel|staff|youth|twins)\b)[a-z]+(?<!s)\b",
    re.IGNORECASE,
)

# One person told by "a": "a woman", "a pregnant woman", "an elderly man", "a civilian".
ONE_PERSON_NOUNS = {
    "children_killed": r"(?:child|boy|girl|baby|infant|toddler|schoolboy|schoolgirl)",
    "women_killed": r"(?:woman|mother|grandmother)",
    "civilians_killed": r"civilian",
}
ONE_PERSON_PATTERN = (
    r"(?:" + "|".join(ONE_PERSON_NOUNS.values())
    + r"|man|person|farmer|shepherd|worker|student|teenager|soldier|policeman|officer|fighter|driver|"
    r"commander|journalist|doctor|nurse|teacher|judge|cleric|guard)\b(?!-)"
)
_ONE_PERSON_RE = re.compile(r"^\W*(?:a|an|another)\s+(?:[a-z-]+\s+){0,2}?" + ONE_PERSON_PATTERN, re.IGNORECASE)


# People told as one and their kin: "a mother and her daughter" (2), "a man and his two sons" (3).
_KIN = (
    r"(?:man|woman|mother|father|son|daughter|boy|girl|child|baby|wife|husband|brother|sister|"
    r"grandmother|grandfather|grandson|granddaughter|nephew|niece|cousin|uncle|aunt)"
)
# Also one person and who went with them: "an aid worker and his driver" (2).
_COMPANION = r"(?:driver|bodyguard|guard|colleague|companion|assistant|aide|friend)"
_ONE_AND_KIN_RE = re.compile(
    r"^\W*(?:a|an|one)\s+(?:" + _KIN + r"|(?:[a-z-]+\s+){0,2}?" + ONE_PERSON_PATTERN + r")\s+and\s+(?:his|her|their)\s+"
    r"(?:(?P<n>" + _NUMBER + r")\s+)?(?P<kin>" + _KIN + r"(?![\w-])|" + _COMPANION + r"(?![\w-])|children|sons|"
    r"daughters|brothers|sisters|grandchildren)",
    re.IGNORECASE,
)


# People told as a list of two groups: "two soldiers and a civilian", "six of their colleagues
# and a policeman were injured": one toll, the sum.
_LIST_OF_TWO_RE = re.compile(
    r"^\W*(?:(?P<q>" + "|".join([_AT_LEAST, _MORE_THAN, _ABOUT]) + r")\s+)?(?P<n>" + _NUMBER + r")"
    r"(?P<w1>(?:\s+(?!and\b)[\w'’-]+){1,3}?)\s+and\s+(?P<m>" + _NUMBER + r"|a|an)(?P<w2>(?:\s+[\w'’-]+){1,2}?)"
    r"(?:\s+(?:were|was|have\s+been|had\s+been)\b.*)?$",
    re.IGNORECASE,
)
_STATE_RE = re.compile(
    r"\b(?:killed|dead|died|martyred|slain|wounded|injured|hurt|killing|wounding|injuring|others?|"
    r"more|of\s+them|including|among|year|years|hundred|thousand|million)\b",
    re.IGNORECASE,
)


def _list_of_two(text: str) -> tuple[int | None, int | None] | None:
    """The sum of a toll told as two groups of people, or None when the phrase is no such list."""
    m = _LIST_OF_TWO_RE.match(text)
    if m is None or _STATE_RE.search(m.group("w1")) or _STATE_RE.search(m.group("w2")):
        return None
    first = words_to_int(m.group("n"))
    second = 1 if m.group("m").lower() in ("a", "an") else words_to_int(m.group("m"))
    if first is None or second is None:
        return None
    total, q = first + second, (m.group("q") or "").lower()
    if re.fullmatch(_AT_LEAST, q):
        return total, None
    if re.fullmatch(_MORE_THAN, q):
        return total + 1, None
    return total, total


def parse_count(text: str | None) -> tuple[int | None, int | None]:
    """(min, max) from a verbatim count phrase, by the codebook's rules.

    The head figure of the phrase counts: in 'at least 20 people including three women' it is
    20. Vague words give (None, None); so does a phrase with no number at all."""
    if not text:
        return None, None
    if kin := _ONE_AND_KIN_RE.search(text):
        one_more = re.fullmatch(_KIN + "|" + _COMPANION, kin.group("kin"), re.IGNORECASE) is not None
        more = words_to_int(kin.group("n")) if kin.group("n") else (1 if one_more else None)
        return (1 + more, 1 + more) if more is not None else (None, None)
    if (both := _list_of_two(text)) is not None:
        return both
    aged = _ONE_AGED_RE.search(text)
    text = _AGE_RE.sub(" ", text)  # "a 61-year-old farmer": an age, not a count
    head = _QUALIFIED_RE.search(text)
    if head is None and (aged or _ONE_PERSON_RE.search(text)) and not _RANGE_RE.search(text):
        return 1, 1  # "a 61-year-old farmer", "a pregnant woman": one person
    rng = _RANGE_RE.search(text)
    if rng and (head is None or rng.start() <= head.start("n")):
        low_s, high_s = [g for g in rng.groups() if g is not None]
        low, high = words_to_int(low_s), words_to_int(high_s)
        if low is not None and high is not None:
            return low, high
    if head is None:
        return None, None
    vague = _VAGUE_RE.search(text)
    if vague and vague.start() < head.start() and vague.group(1).lower() != "some":
        return None, None
    n = words_to_int(head.group("n"))
    if n is None:
        return None, None
    q = (head.group("q") or "").lower()
    if re.fullmatch(_AT_LEAST, q):
        return n, None
    if re.fullmatch(_MORE_THAN, q):
        return n + 1, None
    if re.fullmatch(_UP_TO, q):
        return None, n
    if re.fullmatch(_FEWER_THAN, q):
        return None, max(n - 1, 0)
    return n, n


# --- dates --------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_DMY = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
    + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?:\b|(?=\d{1,2}\s))",  # "4 Mar 20244 Mar 2024": a page's two stamps run together
    re.IGNORECASE,
)  # fmt: skip
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)[-./](?P<month>\d\d?)[-./](?P<day>\d\d?)(?!\d)")  # also "...-04T10:15"
# Numeric day-first dates of page headers: "01.09.2024", "19/06/2023", "05.05.19", "04-03-2024". A slashed
# date whose second number cannot be a month is month-first ("06/19/2023").
_NUMERIC = re.compile(
    r"(?<![\d.:/-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)?\d\d)(?![\d.:/-]\d)"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# The names as alternations for other patterns ("Monday|Tuesday|...", "January|...").
WEEKDAY_NAMES = "|".join(w.capitalize() for w in _WEEKDAYS)
# every month's names, full and short ("November|Nov|..."), longest first
MONTH_WORDS = "|".join(sorted({m.capitalize() for m in _MONTHS}, key=len, reverse=True))
MONTH_NAMES = "|".join(
    {i: m.capitalize() for m, i in reversed(_MONTHS.items())}[i] for i in range(1, 13)
)  # each month's first (full) name

# Markers after which a page states its own date; a date elsewhere (a photo caption, history)
# is not the article's date.
_DATE_MARKER = re.compile(
    r"(?:last\s+updated?|updated|published|posted|first\s+published|date(?:\s+of\s+publication)?)"
    r"\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)


def _make_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric_date(m: re.Match[str]) -> dt.date | None:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    year += 2000 if year < 100 else 0
    day, month = (b, a) if m.group("sep") == "/" and b > 12 >= a else (a, b)
    return _make_date(year, month, day)


def find_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    """The first calendar date written in `text` ("Jul 28, 2015", "3 March 2020", ISO,
    "01.09.2024", "19/06/2023")."""
    best: tuple[int, dt.date] | None = None
    for m in _NUMERIC.finditer(text):
        if (d := _numeric_date(m)) is not None:
            best = (m.start(), d)
            break
    for rx in (_ISO, _MDY, _DMY):
        for m in rx.finditer(text):
            month = m.group("month")
            month_n = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            year = int(m.group("year")) if m.group("year") else default_year
            d = _make_date(year, month_n, int(m.group("day")))
            if d is not None and (best is None or m.start() < best[0]):
                best = (m.start(), d)
            break
    return best[1] if best else None


def _header_lines(article: str) -> list[str]:
    """The page's head: its short lines before the first paragraph of body text."""
    out = []
    for line in article.splitlines()[:20]:
        line = line.strip()
        if len(line) > 160:
            break
        if line:
            out.append(line)
    return out


# A wire dateline opening the body: a full date, the place before or after it (in capitals
# or in brackets), then a dash.
_BODY_DATELINE = re.compile(
    r"(?:[A-Z][A-Z .'’-]+,\s+)?(?P<date>(?:(?:" + MONTH_WORDS + r")\.?\s+\d{1,2}|\d{1,2}\s+(?:" + MONTH_WORDS
    + r")),?\s+(?:19|20)\d\d)\s*(?:\([^)]{1,30}\)\s*)?[-–—]\s",
    re.IGNORECASE,
)


def article_date(article: str) -> dt.date | None:
    """The date the article itself carries: after 'Updated', 'Published', 'Last Updated on',
    a line that is nothing but a date (a dateline), a short line of the page's head that
    states a full date ("By Staff | Aug. 28, 2018 at 11:32 AM", "Published: 01.09.2024"), or
    a wire dateline opening the body ("June 7, 2024 (TESH) –").
    A date in a photo caption or in the body is not the article's. None when it carries none."""
    head = [
        line for line in _header_lines(article)
        if len(line) <= 100 and not line.endswith((".", "?", "!")) and find_date(line)
    ]  # fmt: skip
    marked = [line for line in head if _DATE_MARKER.search(line)]
    if marked or head:
        return find_date((marked or head)[0])
    for m in _DATE_MARKER.finditer(article):
        d = find_date(article[m.end() : m.end() + 40])
        if d is not None and _starts_with_date(article[m.end() : m.end() + 40]):
            return d
    body = [line.strip() for line in article.splitlines() if len(line.strip()) > 60]
    for m in filter(None, map(_BODY_DATELINE.match, body)):
        if d := find_date(m.group("date")):
            return d  # "June 7, 2024 (TESH) – ...", "TESH, June 7, 2024 – ...": a wire dateline
    for line in article.splitlines():
        line = line.strip()
        if 6 <= len(line) <= 40 and _starts_with_date(line) and find_date(line):
            rest = _strip_date(line)
            if not re.search(r"[a-z]{4,}", rest):  # the line is a date (and maybe a time)
                return find_date(line)
    return None


def _starts_with_date(s: str) -> bool:
    s = re.sub(r"^(?:" + "|".join(_WEEKDAYS) + r"),?\s+", "", s.strip(), flags=re.IGNORECASE)
    return any(rx.match(s) for rx in (_ISO, _MDY, _DMY))


def _strip_date(s: str) -> str:
    for rx in (_ISO, _MDY, _DMY):
        s = rx.sub("", s)
    return _WEEKDAY_RE.sub("", s)


def resolve_date(phrase: str | None, reference: dt.date | None) -> dt.date | None:
    """Resolve a date phrase ("on Sunday", "late Monday", "March 3", "yesterday") against the
    article's own date. A full date needs no reference; anything relative without one is None.
    Weekdays mean the latest such day on or before the reference."""
    if not phrase:
        return None
    p = phrase.lower()
    stated = find_date(phrase, default_year=reference.year if reference else None)
    if stated is not None:
        if reference and not re.search(r"(?:19|20)\d\d", phrase) and stated > reference:
            stated = _make_date(stated.year - 1, stated.month, stated.day)
        return stated
    if reference is None:
        return None
    if re.search(r"\b(day before yesterday)\b", p):
        return reference - dt.timedelta(days=2)
    if re.search(r"\b(yesterday|last night)\b", p):
        return reference - dt.timedelta(days=1)
    if ago := re.search(r"\b(a|an|one|\w+)\s+(days?|weeks?)\s+ago\b", p):  # "two days ago", "a week ago"
        n = 1 if ago.group(1) in ("a", "an") else words_to_int(ago.group(1))
        if n is not None:
            return reference - dt.timedelta(days=n * (7 if ago.group(2).startswith("week") else 1))
    wd = _WEEKDAY_RE.search(p)
    if wd:
        target = _WEEKDAYS.index(wd.group(1).lower())
        if re.search(r"\b(?:of\s+)?last\s+week\b", p):  # that day of the calendar week before
            return reference - dt.timedelta(days=reference.weekday() + 7 - target)
        back = (reference.weekday() - target) % 7
        if re.search(r"\blast\s+" + wd.group(1).lower(), p) and back == 0:
            back = 7
        return reference - dt.timedelta(days=back)
    if re.search(r"\b(today|overnight|this morning|this afternoon|this evening|tonight|earlier today)\b", p):
        return reference
    if nth := re.search(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", p):  # "on the 24th": the latest such day
        day = int(nth.group(1))
        month = _make_date(reference.year, reference.month, day)
        if month is not None and month <= reference:
            return month
        earlier = reference.replace(day=1) - dt.timedelta(days=1)
        return _make_date(earlier.year, earlier.month, day)
    return None


# --- text matching --------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "–": "-", "—": "-"})


@functools.lru_cache(maxsize=64)  # an article is folded once for all its phrases
def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-case, quote-normalised text with runs of whitespace as one space, and for each
    folded character the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text.translate(_QUOTES)):
        if ch.isspace():
            if prev_space:
                continue
            ch = " "
            prev_space = True
        else:
            prev_space = False
        out.append(ch.lower())
        index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def locate(phrase: str, article: str) -> str | None:
    """The article's own span for `phrase`, matched whitespace-, quote- and case-insensitively;
    None when the article does not contain it."""
    folded_phrase, _ = _fold(phrase.strip())
    if not folded_phrase:
        return None
    folded, index = _fold(article)
    at = folded.find(folded_phrase)
    while at >= 0:
        end = at + len(folded_phrase)
        # whole words only: "0" is not found inside "220,000"
        before_ok = at == 0 or not (folded[at - 1].isalnum() and folded_phrase[0].isalnum())
        after_ok = end == len(folded) or not (folded[end].isalnum() and folded_phrase[-1].isalnum())
        if before_ok and after_ok:
            return article[index[at] : index[end - 1] + 1]
        at = folded.find(folded_phrase, at + 1)
    return None


def grounded(quote: str, article: str) -> bool:
    """Whether `quote` is verbatim in the article (whitespace- and quote-normalised)."""
    return locate(quote, article) is not None


_GENERIC_PLACE_WORDS = re.compile(
    r"\b(?:the|camp|base|military|army|air|airbase|airport|town|village|city|district|region|"
    r"area|neighbou?rhood|countryside|province|governorate|center|centre|square)\b"
)
_VOWELS_AFTER_FIRST = re.compile(r"(?<=.)[aeiouy]")


@functools.lru_cache(maxsize=1 << 16)
def place_key(name: str) -> str:
    """A transliteration-tolerant key: lower case, no al-/el- article, no punctuation, no vowels
    after the first letter (the codebook's rule: Maarrat = Ma'arat, al-Bab = Bab)."""
    s = name.lower().translate(_QUOTES)
    s = _GENERIC_PLACE_WORDS.sub(" ", s)
    s = re.sub(r"\b(?:al|el|ad|ar|as|ash|at|az)[-\s']", "", s)
    s = re.sub(r"[^a-z0-9]", "", s)
    s = _VOWELS_AFTER_FIRST.sub("", s)
    return re.sub(r"(.)\1+", r"\1", s)


# A figure that counts no one: a day of a month ("6 October", "Oct. 6"), a year, a clock time
# ("6 a.m.", "at 6:30"), an age ("46-year-old", "a six-year-old").
_DAY_OR_TIME_BEFORE = re.compile(r"(?:\b(?:" + MONTH_WORDS + r")\.?\s+|\bat\s+|\d[:.])$", re.IGNORECASE)
_DAY_OR_TIME_AFTER = re.compile(
    r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + MONTH_WORDS + r")\b|[:.]\d|\s*[ap]\.?m\b", re.IGNORECASE
)
_AGE_AFTER = re.compile(r"[-\s]years?[-\s]old\b", re.IGNORECASE)


def _counts_no_one(article: str, m: re.Match[str]) -> bool:
    """Whether the figure this match states is an age, or a year, day or time in digits."""
    n, end = m.group("n"), m.end("n")
    if _AGE_AFTER.match(article, end):
        return True
    if not n.isdigit():
        return False
    before = article[max(0, m.start("n") - 12) : m.start("n")]
    year = re.fullmatch(r"(?:19|20)\d\d", n)
    return bool(year or _DAY_OR_TIME_BEFORE.search(before) or _DAY_OR_TIME_AFTER.match(article, end))


def align_count(phrase: str, article: str, near: int | None = None) -> str | None:
    """The article's own span for a count phrase the model rewrote ("At least 6 civilians" for
    "At least six civilians"): a span stating the same figure, with the qualifier before it
    and as many words after it as the phrase has (to the end of the clause). A figure that
    counts no one (a date, a year, an age, a time) is no such span. A span sharing a word
    with the phrase after its figure ("6 people": "Six people were wounded") wins over one
    that shares none; then the one nearest `near` (an offset: where the incident is told).
    None when no span states the figure."""
    head = _QUALIFIED_RE.search(phrase)
    if head is None:
        return None
    value = words_to_int(head.group("n"))
    if value is None:
        return None
    words = re.findall(r"[\w'’-]+", phrase[head.end() :])
    wanted = {w.lower() for w in words}
    after = re.compile(r"(?:[ \t]+[\w'’-]+){0,%d}" % len(words))
    best: tuple[int, int, str] | None = None
    for m in _QUALIFIED_RE.finditer(article):
        if words_to_int(m.group("n")) != value or _counts_no_one(article, m):
            continue
        start = m.start("q") if m.group("q") else m.start("n")
        tail = after.match(article, m.end("n"))
        end = tail.end() if tail else m.end("n")
        shared = bool(wanted & {w.lower() for w in re.findall(r"[\w'’-]+", article[m.end("n") : end])})
        distance = abs(start - near) if near is not None else start
        if best is None or (-shared, distance) < best[:2]:
            best = (-shared, distance, article[start:end])
    return best[2] if best else None
