"""Offline geocoding: each place entity resolved to a gazetteer record, by context.

Candidates come from the gazetteer by name (towns, countries, curated regions and the
derived states and counties; exact, then transliteration-tolerant). They are scored by
a population and notability prior, the feature type (a bare country name means the
country, a city comes before the division named after it, capitals first), whether the
name is the place's own or only an alternate one, and the context: every other place
name of the entity's documents votes for the countries and states of its readings
(strongly), the whole corpus weakly. A name with no record of its own may be located by
a place named inside it ('Walker County Sheriff's Office'), with a note. Where no record
matches, or two far-apart records score alike with nothing to choose between them, the
place gets `geo: null` and the reason in `geo_note`: never a guess.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.lexicon.gazetteer import Gazetteer, distance_km, fold
from storyline.models import Entity, Geo, LocalMention
from storyline.reconcile.corpus import Corpus

PLACE_TYPES = {"GPE", "LOC", "FACILITY"}
_FEATURE_PRIOR = {"country": 3.0, "admin1": 1.5, "continent": 2.0, "region": 1.0, "sea": 1.0}
_SAINT_WORDS = {"st", "saint", "ste", "sainte"}  # a saint's name before a possessive
_TOO_BROAD_FOR_A_SITE = {"continent", "region", "sea", "country"}
_CONTEXT_WEIGHT = 3.0  # share of the document's country context
_CORPUS_WEIGHT = 1.0  # share of the corpus's country context
_ADMIN1_BONUS = 2.0  # the place's state/province is named in the document
_SMALL_ABROAD_POP = 20_000  # a town this small, abroad, is no reading of a name
_ABROAD_SHARE = 0.1  # the town's country has at most this share of the document's places
_HOME_SHARE = 0.6  # ... where the document's other places are this much in one country
_TIE_MARGIN = 0.35  # scores this close, far apart, and no context: ambiguous
_DIVISIONS = {"admin1", "admin2"}
# A division's population is that of all its towns: discounted, so that the city of New
# York stays the default reading of 'New York' and the state needs context to win.
_DIVISION_DISCOUNT = 4.0
_ALTERNATE_PENALTY = 3.0  # a place's other or former name ('Salisbury' for Harare)
_CAPITAL_BONUS = 2.0
_MIN_RIVAL_POP = 10_000
_SEAT_PENALTY = 1.0  # a division named after its own city ('New York'): the city first
_VOTE_SPAN = 2.0  # readings this far below a name's best share its context vote
_DIVISION_VOTE = 0.5  # a state/province counts as named from this much vote
_MIN_EMBEDDED_POP = 5000  # a one-word place inside a longer name must be a real town
_EMBEDDED_STOP = {
    "university",
    "city",
    "county",
    "state",
    "center",
    "centre",
    "north",
    "south",
    "east",
    "west",
    "central",
    "national",
    "royal",
    "saint",
    "st",
}


@dataclass
class Context:
    """What a document (or corpus) says about where things are: votes for countries and
    for first-level divisions, with each name's own votes kept apart so that a name is
    resolved by what the *other* names say."""

    countries: Counter = field(default_factory=Counter)  # ISO2 -> weight
    divisions: Counter = field(default_factory=Counter)  # (ISO2, admin1 code) -> weight
    own: dict[str, tuple[Counter, Counter]] = field(default_factory=dict)  # name -> votes
    names: set[str] = field(default_factory=set)  # folded place names mentioned

    @property
    def admin1(self) -> set[tuple[str, str]]:
        return {k for k, w in self.divisions.items() if w >= _DIVISION_VOTE}

    def share(self, iso: str, key: str | None = None) -> float:
        own = self.own.get(key) if key else None
        total = sum(self.countries.values())
        mine = self.countries[iso]
        if own is not None:
            total -= sum(own[0].values())
            mine -= own[0][iso]
        return mine / total if total > 1e-9 else 0.0

    def division(self, iso: str, code: str, key: str | None = None) -> float:
        own = self.own.get(key) if key else None
        return self.divisions[(iso, code)] - (own[1][(iso, code)] if own is not None else 0.0)

    def add(self, other: Context, weight: float = 1.0) -> None:
        for k, v in other.countries.items():
            self.countries[k] += v * weight
        for k, v in other.divisions.items():
            self.divisions[k] += v * weight
        for key, (countries, divisions) in other.own.items():
            mine = self.own.setdefault(key, (Counter(), Counter()))
            for k, v in countries.items():
                mine[0][k] += v * weight
            for k, v in divisions.items():
                mine[1][k] += v * weight
        self.names |= other.names


def document_context(mentions: Iterable[LocalMention], gz: Gazetteer) -> Context:
    """Countries and divisions a document names. Each distinct place name casts one
    vote, shared among its readings by their prior ('Kent': mostly the English county
    and the town in Washington), so that names that are each ambiguous agree on the
    country and state they have in common; a metonym ('the Kremlin') counts 0.5."""
    ctx = Context()
    empty = Context()
    for m in mentions:
        if m.stands_for:
            iso = gz.country_of_name(m.stands_for)
            if iso:
                ctx.countries[iso] += 0.5
            continue
        if m.type not in PLACE_TYPES:
            continue
        key = fold(m.name)
        if not key or key in ctx.names:
            continue
        ctx.names.add(key)
        prior = {i: score(gz, i, True, empty, empty, pr) for i, pr in gz.candidates(m.name)}
        if not prior:
            continue
        top = max(prior.values())
        weights = {i: 10 ** (s - top) for i, s in prior.items() if s > top - _VOTE_SPAN}
        total = sum(weights.values())
        own: tuple[Counter, Counter] = (Counter(), Counter())
        for i, w in weights.items():
            p = gz.places[i]
            if p[4]:
                own[0][p[4]] += w / total
            if p[4] and p[5] and p[7] in {"city", "admin1", "admin2"}:
                own[1][(p[4], p[5])] += w / total
        ctx.countries.update(own[0])
        ctx.divisions.update(own[1])
        ctx.own[key] = own
    return ctx


def score(
    gz: Gazetteer,
    i: int,
    name_exact: bool,
    doc: Context,
    corpus: Context,
    primary: bool = True,
    key: str | None = None,
) -> float:
    """Higher is likelier: prior (population, notability, feature) plus context (the
    votes of the names other than `key`, the folded name being resolved)."""
    p = gz.places[i]
    pop = p[6] / _DIVISION_DISCOUNT if p[7] in _DIVISIONS else p[6]
    s = math.log10(pop + 10) + 0.5 * math.log2(1 + p[8])
    s += _FEATURE_PRIOR.get(p[7], 0.0)
    if (
        p[7] == "city"
        and p[4]
        and gz.capitals.get(fold(p[1])) == p[4]
        and key in (None, fold(p[1]))
    ):
        s += _CAPITAL_BONUS  # news names capitals far more than their namesakes
    if p[4]:
        s += _CONTEXT_WEIGHT * doc.share(p[4], key) + _CORPUS_WEIGHT * corpus.share(p[4])
    vote = doc.division(p[4], p[5], key) if p[5] else 0.0
    if vote >= _DIVISION_VOTE:  # more names in the same state, more weight, up to a cap
        s += _ADMIN1_BONUS * min(vote, 1.5)
    if not primary:
        s -= _ALTERNATE_PENALTY
    if not name_exact:
        s -= 1.0  # a fuzzy match must earn its place
    return s


def _score_names(
    names: Iterable[str], doc: Context, corpus: Context, gz: Gazetteer
) -> dict[int, float]:
    scored: dict[int, float] = {}
    for name in names:
        iso = gz.demonyms.get(fold(name))
        if iso in gz.country_of_iso:  # 'Syrian' -> Syria: a demonym names its country
            scored[gz.country_of_iso[iso]] = 100.0
            continue
        cands = gz.candidates(name)
        exact = True
        if not cands:
            cands = gz.candidates(_strip_admin_suffix(name))
        if not cands:
            # a spelling variant only in a country its own document names: 'La Gabarra'
            # in a Colombian story is not 'La Habra', California (the corpus is too
            # broad a context: 'Orinoco' in a Venezuelan story is not Oronoco, Minnesota)
            key0 = fold(name)
            cands = [(i, True) for i in gz.fuzzy(name) if doc.share(gz.places[i][4], key0) > 0]
            exact = False
        seats = {(gz.places[i][4], gz.places[i][5]) for i, pr in cands if pr}
        key = fold(name)
        # An alternate name loses to a real place of that very name ('Salisbury': the
        # English city, not Harare's colonial name), not to hamlets ('Palmyra').
        rival = any(pr and gz.places[i][6] >= _MIN_RIVAL_POP for i, pr in cands)
        for i, primary in cands:
            sc = score(gz, i, exact, doc, corpus, primary or not rival, key)
            p = gz.places[i]
            if (
                p[7] in _DIVISIONS
                and (p[4], p[5]) in seats - {(p[4], "")}
                and (any(gz.places[j][7] == "city" and pr for j, pr in cands))
            ):
                sc -= _SEAT_PENALTY
            if sc > scored.get(i, -1e9):
                scored[i] = sc
    return scored


def _embedded(
    names: Iterable[str], doc: Context, corpus: Context, gz: Gazetteer
) -> tuple[dict[int, float], str | None]:
    """Places named inside an unresolved name ('Colorado State University' -> Colorado,
    'Walker County Sheriff's Office' -> Walker County, 'Russian Embassy' -> Russia):
    the longest capitalised run of words that is a place's own name or a demonym; of
    runs of one length, the best scored. A one-word run must name a country, a division
    or a region, or a town that is large or that the document names on its own."""
    for name in names:
        raw = name.split()
        owner = [w.endswith(("'s", "’s")) and k < len(raw) - 1 for k, w in enumerate(raw)]
        words = [w[:-2] if own else w for w, own in zip(raw, owner, strict=True)]
        n = len(words)
        for size in range(n - 1, 0, -1):
            best: dict[int, float] = {}
            best_sub = None
            for start in range(0, n - size + 1):
                part = words[start : start + size]
                if not (part[0][:1].isupper() and part[-1][:1].isupper()):
                    continue
                if owner[start + size - 1] and any(
                    fold(w).rstrip(".") in _SAINT_WORDS
                    for w in words[max(0, start - 1) : start + 1]
                ):
                    continue  # 'St. Anselm's Basilica': the saint it is named for, no town
                sub = " ".join(part)
                key = fold(sub)
                if key in _EMBEDDED_STOP:
                    continue
                iso = gz.demonyms.get(key)
                if iso in gz.country_of_iso:
                    scored = {gz.country_of_iso[iso]: 100.0}
                else:
                    scored = {
                        i: score(gz, i, True, doc, corpus, True, key)
                        for i, primary in gz.candidates(sub)
                        if primary and (size > 1 or _standalone(gz, i, key, doc))
                    }
                if scored and max(scored.values()) > max(best.values(), default=-1e9):
                    best, best_sub = scored, sub
            if best:
                return best, best_sub
    return {}, None


def _standalone(gz: Gazetteer, i: int, key: str, doc: Context) -> bool:
    p = gz.places[i]
    if p[7] != "city":
        return p[7] not in _DIVISIONS or fold(p[1]) == key  # 'Summit' is not Summit County
    return p[6] >= _MIN_EMBEDDED_POP and (key in doc.names or p[6] >= 20 * _MIN_EMBEDDED_POP)


def resolve_place(
    names: Iterable[str], doc: Context, corpus: Context | None, gz: Gazetteer
) -> tuple[int | None, str | None]:
    """The gazetteer record for a place known by these names, or None and why. A name
    with no record of its own may be located by a place named inside it, with a note."""
    corpus = corpus or Context()
    names = list(names)
    scored = _score_names(names, doc, corpus, gz)
    inner = None
    if not scored:
        scored, inner = _embedded(names, doc, corpus, gz)
    if not scored:
        return None, f"not in the gazetteer: {', '.join(sorted(set(names)))}"
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], gz.places[kv[0]][0]))
    best = ranked[0]
    if len(ranked) > 1:
        second = ranked[1]
        a, b = gz.places[best[0]], gz.places[second[0]]
        far = distance_km(a[2], a[3], b[2], b[3]) > 161
        key = fold(names[0])
        no_context = not doc.share(a[4], key) and not corpus.share(a[4])
        if far and no_context and best[1] - second[1] < _TIE_MARGIN:
            return None, (
                f"ambiguous: {a[1]} ({a[4]}) and {b[1]} ({b[4]}) fit equally, "
                "and the text names no country to choose between them"
            )
    a = gz.places[best[0]]
    if inner is None and a[7] == "city" and a[6] < _SMALL_ABROAD_POP:
        key = fold(names[0])
        if doc.share(a[4], key) < _ABROAD_SHARE:
            home = max(doc.countries, key=lambda iso: doc.share(iso, key), default=None)
            if home is not None and doc.share(home, key) >= _HOME_SHARE:
                # 'Croft, Yorkshire' among English counties: no small town abroad
                return None, (
                    f"only namesake: {a[1]} ({a[4]}), a small town in a country the text "
                    f"hardly names, while its places are in {home}"
                )
    if inner is not None:
        return best[0], f"located by the place in its name: {inner}"
    return best[0], None


def _strip_admin_suffix(name: str) -> str:
    """'Homs province' -> 'Homs': a division is geocoded at its namesake seat."""
    low = name.lower()
    for suffix in (" province", " governorate", " region", " district", " county", " state"):
        if low.endswith(suffix):
            return name[: -len(suffix)]
    return name


def to_geo(gz: Gazetteer, i: int) -> Geo:
    p = gz.places[i]
    return Geo(
        lat=round(p[2], 5),
        lon=round(p[3], 5),
        country=p[4] or None,
        gazetteer_id=f"geonames:{p[0]}"
        if p[0].isdigit()
        else f"storyline:{p[0].removeprefix('x:')}",
        name=p[1],
        feature=p[7],
    )


def contexts(corpus: Corpus, gz: Gazetteer) -> tuple[dict[str, Context], Context]:
    """Per-document contexts and the corpus context (their sum)."""
    per_doc = {doc_id: document_context(x.mentions, gz) for doc_id, x in corpus.extractions.items()}
    whole = Context()
    for ctx in per_doc.values():
        whole.add(ctx)
    return per_doc, whole


def geocode_entity(
    entity: Entity,
    per_doc: dict[str, Context],
    whole: Context,
    gz: Gazetteer,
    summed: dict[tuple[str, ...], Context] | None = None,
) -> None:
    """Set entity.geo (or geo_note) from its names and its documents' context.

    `summed` caches the context of each set of documents: the places of one long
    document all share its (large) context instead of each summing a copy of it."""
    docs = tuple(d for d in dict.fromkeys(m.document for m in entity.mentions) if d in per_doc)
    ctx = summed.get(docs) if summed is not None else None
    if ctx is None:
        ctx = Context()
        for doc_id in docs:
            ctx.add(per_doc[doc_id])
        if summed is not None:
            summed[docs] = ctx
    names = list(dict.fromkeys([entity.name, *entity.aliases]))
    i, note = resolve_place(names, ctx, whole, gz)
    if i is None:
        entity.geo, entity.geo_note = None, note
        return
    # A place located by a place inside its name keeps that as a note (a coarse point).
    entity.geo, entity.geo_note = to_geo(gz, i), note
    if entity.type == "FACILITY" and note and entity.geo.feature in _TOO_BROAD_FOR_A_SITE:
        # 'the SM Mall of Asia' is somewhere in Asia: no point is better than a wrong one
        entity.geo = None
        entity.geo_note = f"{note}; too broad to place a site, left unlocated"
        return
    if entity.geo.feature == "country" and entity.geo.name:
        entity.name = entity.geo.name  # 'United States', not whichever of US/U.S. came first


def geocode_entities(corpus: Corpus, gz: Gazetteer) -> None:
    """Resolve every place entity (GPE, LOC, FACILITY) in place."""
    places = [e for e in corpus.entities if e.type in PLACE_TYPES]
    if not places:
        return
    per_doc, whole = contexts(corpus, gz)
    summed: dict[tuple[str, ...], Context] = {}
    for entity in places:
        if entity.geo is None:
            geocode_entity(entity, per_doc, whole, gz, summed)
    _place_by_container(corpus, places)


def _place_by_container(corpus: Corpus, places: list[Entity]) -> None:
    """A village the gazetteer lacks, which the text puts in a place that was resolved
    ('Orvalho, in the municipality of Oleiros'), takes that place's point: a coarse
    location, said so in its note."""
    within = {
        (doc_id, m.start): m.within
        for doc_id, x in corpus.extractions.items()
        for m in x.mentions
        if m.within
    }
    if not within:
        return
    located: dict[str, list[Entity]] = {}
    for e in places:
        if e.geo is not None:
            for name in dict.fromkeys(fold(n) for n in (e.name, *e.aliases)):
                located.setdefault(name, []).append(e)
    for entity in places:
        note = entity.geo_note or ""
        if entity.geo is not None or not note.startswith("not in the gazetteer"):
            continue
        docs = {ref.document for ref in entity.mentions}
        containers = dict.fromkeys(
            w for ref in entity.mentions if (w := within.get((ref.document, ref.start)))
        )
        for container in containers:
            # the container named in the same document, not a namesake elsewhere
            found = next(
                (
                    e
                    for e in located.get(fold(container), [])
                    if e is not entity and docs & {ref.document for ref in e.mentions}
                ),
                None,
            )
            if found is not None:
                entity.geo = found.geo
                entity.geo_note = f"{note}; placed at {container}, which the text says contains it"
                break
