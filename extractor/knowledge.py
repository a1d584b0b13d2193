"""World knowledge as data: the countries, armed actors and sources of the wars articles
report, read from `extractor/data/*.json` and, where set, a user's knowledge folder
(`EXTRACTOR_KNOWLEDGE_DIR`) whose files of the same names add entries and win over the shipped
ones. The code that reads sentences asks this module; it names no country, group or outlet."""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ConfigError

DATA = Path(__file__).resolve().parent / "data"
ENV = "EXTRACTOR_KNOWLEDGE_DIR"

# Words that name a state's armed forces or their arms when they follow its adjective
# ("Israeli air strikes", "Russian warplanes") or stand alone in that state's article.
FORCE_WORDS = (
    r"(?:government |state |security |armed |regular |regime |military |air |naval |special )?"
    r"(?:forces?|army|armies|military|troops|soldiers|air ?force|navy|warplanes?|war ?planes?|"
    r"fighter jets?|jets?|aircraft|helicopters?|gunships?|drones?|artillery|tanks?|"
    r"air ?strikes?|air ?raids?|strikes?|raids?|shelling|missiles?|rockets?|bombardment|"
    r"units?|police|gendarmes?|gendarmerie|junta)"
)
_GENERIC_FORCES = re.compile(
    r"^(?:the |a |an )?(?:(?:government|state|security|military|pro-government|regime|"
    r"national|federal)\s+)*"
    r"(?:forces|army|military|troops|soldiers|air ?force|warplanes|jets|aircraft|helicopters|"
    r"gunships|government|junta|regime|security forces|police)"
    r"(?:\s+(?:units?|troops|soldiers|personnel|forces))?"  # "army units", "police personnel"
    r"(?:\s+(?:fighter\s+|war)?(?:air ?strikes?|air ?raids?|raids?|strikes?|warplanes?|planes?|"
    r"jets?|helicopters?|aircraft|drones?|shelling|artillery|rockets?|missiles?|bombardment))?$",
    re.IGNORECASE,
)
_GENERIC_REBELS = re.compile(
    r"^(?:the |a |an )?(?:armed |local |opposition |anti-government )?"
    r"(?:rebels?|insurgents?|opposition fighters|opposition forces|militants|rebel groups?|"
    r"rebel forces|resistance fighters|resistance forces)$",
    re.IGNORECASE,
)


# A group named as another's backer or parent: "Iran-backed", "al-Qaeda affiliate", "backed by X".
_BACKER_AFTER = re.compile(
    r"(?:[\s-]+(?:backed|linked|affiliated|inspired|allied|aligned|sponsored|supported|trained)\b"
    r"|\s+(?:affiliates?|offshoots?|allies|ally|proxies|proxy)\b)",
    re.IGNORECASE,
)
_BACKER_BEFORE = re.compile(
    r"\b(?:backed|supported|armed|sponsored|trained) by (?:the )?$|\b(?:affiliate|offshoot|ally|"
    r"proxy|branch|wing) of (?:the )?$",
    re.IGNORECASE,
)


def _flexible(alias: str) -> str:
    """An alias whose spaces and hyphens match either ("al-Sham" = "al Sham")."""
    return r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", alias))


def _alias_pattern(aliases: list[str]) -> re.Pattern[str] | None:
    """Whole-word alternatives; an alias in capitals (an acronym: "IS", "RSF") matches only in
    capitals, so "is" and "saf" in running text are not actors."""
    upper = [a for a in aliases if a.isupper() or re.fullmatch(r"[A-Z0-9/.-]+", a)]
    lower = [a for a in aliases if a not in upper]
    parts = []
    if lower:
        alts = "|".join(_flexible(a) for a in sorted(lower, key=len, reverse=True))
        parts.append(r"(?i:(?<![\w'’-])(?:" + alts + r")(?![\w'’-]))")
    if upper:
        alts = "|".join(re.escape(a) for a in sorted(upper, key=len, reverse=True))
        parts.append(r"(?<![\w'’-])(?:" + alts + r")(?![\w'’-])")
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class Entry:
    name: str
    pattern: re.Pattern[str]
    countries: frozenset[str] = frozenset()
    armed: bool = False

    def applies(self, country: str | None) -> bool:
        return not self.countries or (country or "") in self.countries


@dataclass(frozen=True)
class Country:
    name: str
    iso: str | None
    words: tuple[str, ...]
    forces: str
    rebels: str
    pattern: re.Pattern[str]  # any of its words, case as written
    force_pattern: re.Pattern[str]  # its adjective before a force word: "Russian warplanes"
    army: str = ""  # the forces a bare "the army" or "troops" means there (its own by default)
    adjective: str = ""  # its first adjective ("Syrian"), for the bodies of its state

    @property
    def bare_army(self) -> str:
        """The forces a bare "the army" or "troops" means there."""
        return self.army or self.forces


@dataclass
class Knowledge:
    countries: list[Country] = field(default_factory=list)
    actors: list[Entry] = field(default_factory=list)
    sources: list[Entry] = field(default_factory=list)

    # -- countries ---------------------------------------------------------------------------

    def country(self, name: str | None) -> Country | None:
        if not name:
            return None
        key = name.strip().lower()
        for c in self.countries:
            if c.name.lower() == key or key in (w.lower() for w in c.words):
                return c
        return None

    def country_by_iso(self, code: str) -> Country | None:
        return next((c for c in self.countries if c.iso == code), None)

    def army_state(self, country: str | None) -> Country | None:
        """The state whose forces a bare "the army" means in this country: its own, or the
        one its `army` names (in an occupied territory, the occupier)."""
        home = self.country(country)
        if home is None:
            return None
        return next((c for c in self.countries if c.forces == home.bare_army), home)

    def country_counts(self, text: str) -> dict[str, int]:
        """How often the text names each country (by name, adjective or people) as where
        things happen: "Russian warplanes" names an actor, not the setting, and is not counted."""
        return {
            c.name: len(c.pattern.findall(text)) - len(c.force_pattern.findall(text))
            for c in self.countries
        }

    def is_country_word(self, name: str) -> bool:
        key = name.strip().lower()
        return any(key == w.lower() for c in self.countries for w in (c.name, *c.words))

    # -- actors ------------------------------------------------------------------------------

    def actors_in(self, text: str, country: str | None) -> list[str]:
        """The canonical actors a stretch of text names, in the order it names them: named
        groups (from the table, for this country), a state's forces by its adjective ("Russian
        warplanes"), generic forces or rebels ("the army", "insurgents") as this country's."""
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []

        def free(m: re.Match[str]) -> bool:
            return not any(a < m.end() and m.start() < b for a, b in taken)

        for entry in self.actors:
            if not entry.applies(country):
                continue
            for m in entry.pattern.finditer(text):
                if _BACKER_AFTER.match(text, m.end()) or _BACKER_BEFORE.search(text, 0, m.start()):
                    continue  # "al-Qaeda-linked", "an affiliate of IS": the backer, not the actor
                if free(m):
                    found.append((m.start(), entry.name))
                    taken.append(m.span())
        for c in self.countries:
            for m in c.force_pattern.finditer(text):
                # "Russian and regime fighter jets": Russian forces though "regime" is taken
                if not any(a <= m.start() < b for a, b in taken):
                    # one branch named as such stays named: "Nigerian Air Force" (the codebook)
                    branch = re.search(r"\b(?:Air Force|Navy)\b", m.group(0))
                    found.append((m.start(), f"{c.adjective} {branch.group(0)}" if branch else c.forces))
                    taken.append(m.span())
        home = self.country(country)
        if not found and home is not None:
            bare = text.strip()
            if _GENERIC_FORCES.match(bare):
                found.append((0, home.bare_army))
            elif _GENERIC_REBELS.match(bare):
                found.append((0, home.rebels))
        out: list[str] = []
        for _, name in sorted(found):
            if name not in out:
                out.append(name)
        return out

    def is_actor_word(self, text: str) -> bool:
        """Whether a name is an actor's (a group, or a state's forces) rather than a place."""
        return any(e.pattern.search(text) for e in self.actors) or any(
            c.force_pattern.search(text) for c in self.countries
        )

    # -- sources -----------------------------------------------------------------------------

    def source(self, name: str, country: str | None = None) -> Entry | None:
        for entry in self.sources:
            if entry.applies(country) and any(
                not _NAME_BEFORE.search(name, 0, m.start()) for m in entry.pattern.finditer(name)
            ):
                return entry  # not when the alias ends a longer name: "Kastrel Observatory" is no "Observatory"
        return None

    def canonical_source(self, name: str, country: str | None = None) -> str:
        entry = self.source(name, country)
        if entry is not None:
            return entry.name
        name = name.strip()
        if name.startswith("The "):
            return name  # part of the name: the coder keeps it only where the article writes it
            # so mid-sentence ("told The Velna Courier")
        return re.sub(r"^(?:(?:according to|the)\s+)+", "", name, flags=re.IGNORECASE)

    def is_reporter(self, name: str, country: str | None = None) -> bool:
        """A monitor, service, ministry or outlet: it reports, it does not strike."""
        entry = self.source(name, country)
        return entry is not None and not entry.armed


# A capitalised word right before an alias, making it part of another body's name ("the
# Kastrel Observatory"): not an article, not a word that opens a sentence or a citation.
_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?!(?:The|A|An|According|Its|Their)\s)[A-Z][\w'’]*\s+$")


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"knowledge file {path}: {e}") from None


def _entries(items: list[dict], path: Path) -> list[Entry]:
    out = []
    for item in items:
        try:
            pattern = _alias_pattern([item["name"], *item.get("aliases", [])])
            assert pattern is not None
            out.append(Entry(name=item["name"], pattern=pattern,
                             countries=frozenset(item.get("countries", [])),
                             armed=bool(item.get("armed", False))))  # fmt: skip
        except (KeyError, TypeError, AssertionError, re.error) as e:
            raise ConfigError(f"knowledge file {path}: bad entry {item!r}: {e}") from None
    return out


def _country(item: dict, path: Path) -> Country:
    try:
        name, words = item["name"], tuple(item.get("words", [])) or (item["name"],)
    except (KeyError, TypeError) as e:
        raise ConfigError(f"knowledge file {path}: bad country {item!r}: {e}") from None
    adjective = item.get("adjective") or next((w for w in words[1:] if w != name), name)
    alts = "|".join(re.escape(w) for w in sorted({name, *words}, key=len, reverse=True))
    return Country(
        name=name,
        iso=item.get("iso"),
        words=words,
        forces=item.get("forces") or f"{adjective} forces",
        rebels=item.get("rebels") or f"{name} rebels",
        army=item.get("army") or "",
        adjective=adjective,
        pattern=re.compile(r"(?<![\w'’-])(?:" + alts + r")(?=['’]s\b|[^\w'’-]|$)"),
        force_pattern=re.compile(
            r"(?<![\w'’-])(?:" + alts + r")(?:['’]s)?(?:\s+[\w'’]+){0,2}?"
            r"\s+" + FORCE_WORDS + r"(?![\w'’-])",
            re.IGNORECASE,
        ),
    )


def _merge(shipped: list[dict], extra: list[dict]) -> list[dict]:
    """The user's entries first (they win a match), then the shipped ones they do not rename."""
    names = {e.get("name") for e in extra}
    return [*extra, *(e for e in shipped if e.get("name") not in names)]


_load_lock = threading.Lock()


def load(folder: str | None = None) -> Knowledge:
    """The shipped tables, extended by the folder's (or `EXTRACTOR_KNOWLEDGE_DIR`'s) files;
    read once per process, also when many threads ask at once."""
    with _load_lock:
        return _load(folder)


@functools.cache
def _load(folder: str | None) -> Knowledge:
    folder = folder if folder is not None else os.environ.get(ENV) or None
    tables = {}
    for name, key in (("countries.json", "countries"), ("actors.json", "actors"),
                      ("sources.json", "sources")):  # fmt: skip
        shipped = _read(DATA / name).get(key, [])
        extra: list[dict] = []
        if folder:
            path = Path(folder) / name
            if path.is_file():
                extra = _read(path).get(key, [])
        tables[key] = (_merge(shipped, extra), Path(folder or DATA) / name)
    countries, cpath = tables["countries"]
    actors, apath = tables["actors"]
    sources, spath = tables["sources"]
    return Knowledge(
        countries=[_country(c, cpath) for c in countries],
        actors=_entries(actors, apath),
        sources=_entries(sources, spath),
    )
