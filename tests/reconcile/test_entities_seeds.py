"""Acceptance on the reference seeds: canonical entities, roles and geocoding."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow

# Real-world coordinates (world knowledge, not read from the seeds).
PLACES = {
    "Aleppo": (36.20, 37.16),
    "Raqqa": (35.95, 39.01),
    "Mosul": (36.34, 43.13),
    "Baghdad": (33.34, 44.40),
    "Homs": (34.73, 36.71),
    "al-Bab": (36.37, 37.52),
    "Al-Qaryatain": (34.23, 37.24),
    "Paris": (48.86, 2.35),
    "Palmyra": (34.56, 38.27),
}


def _km(a, b):
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def _by_alias(analysis, alias):
    hits = [e for e in analysis.entities if alias in e.aliases or e.name == alias]
    return hits


def test_islamic_state_is_one_entity(seeds_analysis):
    names = ["Islamic State", "IS", "ISIS", "ISIL", "Daesh"]
    ids = {e.id for n in names for e in _by_alias(seeds_analysis, n)}
    assert len(ids) == 1
    (entity,) = [e for e in seeds_analysis.entities if e.id in ids]
    assert entity.type == "ARMED_GROUP"
    assert set(names) <= set(entity.aliases)


def test_palmyra_is_one_entity_in_syria(seeds_analysis):
    hits = _by_alias(seeds_analysis, "Palmyra") + _by_alias(seeds_analysis, "Tadmur")
    ids = {e.id for e in hits}
    assert len(ids) == 1
    palmyra = hits[0]
    assert palmyra.type == "GPE"
    assert palmyra.geo is not None and palmyra.geo.country == "SY"
    assert _km((palmyra.geo.lat, palmyra.geo.lon), PLACES["Palmyra"]) < 161


@pytest.mark.parametrize(
    ("surname", "roles"),
    [
        ("Townsend", ["Lt. Gen.", "commander of Operation Inherent Resolve"]),
        ("Earnest", ["Press spokesperson"]),
        ("Peskov", ["Kremlin spokesman"]),
        ("Caillet", ["expert on terror groups"]),
        ("Winter", ["senior fellow"]),
    ],
)
def test_people_are_one_person_with_roles(seeds_analysis, surname, roles):
    people = [
        e
        for e in seeds_analysis.entities
        if any(a.split()[-1] == surname for a in [e.name, *e.aliases])
    ]
    assert len(people) == 1, [p.name for p in people]
    person = people[0]
    assert person.type == "PERSON"
    assert len(person.name.split()) >= 2  # the full name, not the bare surname
    for role in roles:
        assert any(r.startswith(role) for r in person.roles), person.roles


@pytest.mark.parametrize("name", [n for n in PLACES if n != "Palmyra"])
def test_places_geocoded_within_161_km(seeds_analysis, name):
    hits = [e for e in _by_alias(seeds_analysis, name) if e.type in {"GPE", "LOC", "FACILITY"}]
    if name == "Homs":  # the seeds name the province; it is geocoded at its seat
        hits += [e for e in seeds_analysis.entities if e.name.startswith("Homs")]
    assert hits, name
    for e in hits:
        assert e.geo is not None, e.geo_note
        assert _km((e.geo.lat, e.geo.lon), PLACES[name]) < 161


def test_kremlin_stands_for_russia(seeds_analysis):
    (kremlin,) = _by_alias(seeds_analysis, "Kremlin")
    assert kremlin.type == "ORG"
    russia = next(e for e in seeds_analysis.entities if e.id == kremlin.stands_for)
    assert russia.type == "GPE" and russia.geo is not None and russia.geo.country == "RU"


def test_mentions_point_into_the_text(seeds_analysis):
    docs = {d.id: d for d in seeds_analysis.documents}
    for e in seeds_analysis.entities:
        for m in e.mentions:
            surface = docs[m.document].text[m.start : m.end]
            assert " ".join(surface.split()) in e.aliases


def test_entity_ids_are_stable(seeds_analysis):
    ids = [e.id for e in seeds_analysis.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
