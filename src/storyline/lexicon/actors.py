"""The curated actor list (`data/actors.tsv`, extended with `--aliases FILE`) and the
word lists the entity layer reads (`data/entity_words.toml`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from storyline.lexicon.files import DataFiles

ENTITY_TYPES = {"PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FACILITY", "EVENT", "OTHER"}


@dataclass
class Actor:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    stands_for: str | None = None  # ISO2 of the country it represents


def parse_actors(
    text: str, into: dict[str, Actor] | None = None, source: str = ""
) -> dict[str, Actor]:
    """Parse the tab-separated actor format; a repeated id adds aliases."""
    actors = into if into is not None else {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 3 or cols[1] not in ENTITY_TYPES:
            raise ValueError(f"{source or 'actors'}:{n}: expected 'id TAB type TAB name ...'")
        aliases = [a.strip() for a in cols[3].split("|")] if len(cols) > 3 else []
        stands = cols[4].upper() if len(cols) > 4 and cols[4] else None
        actor = actors.get(cols[0])
        if actor is None:
            actor = actors[cols[0]] = Actor(cols[0], cols[1], cols[2], [], stands)
        for a in [cols[2], *aliases]:
            if a and a not in actor.aliases:
                actor.aliases.append(a)
    return actors


def load_actors(files: DataFiles, extra: tuple[Path, ...] = ()) -> dict[str, Actor]:
    """The packaged actor list, users' actors.tsv in the data folders, then `--aliases` files."""
    actors = parse_actors("\n".join(files.lines("actors.tsv")), source="actors.tsv")
    for path in extra:
        parse_actors(Path(path).read_text(encoding="utf-8"), actors, source=str(path))
    return actors


# Sections of entity_words.toml that are plain word lists (`words = [...]`).
_WORD_SECTIONS = (
    *("not_people", "org_words", "facility_heads", "event_heads", "place_nouns"),
    *("name_particles", "spaced_name_particles", "route_nouns", "collective_nouns"),
    *("feature_words", "company_nouns", "government_nouns", "national_bodies"),
    *("work_nouns", "kin_nouns", "legal_forms", "generic_bodies", "company_kinds"),
    *("feature_heads", "body_nouns", "place_bodies", "member_nouns"),
    *("title_case_words", "junction_nouns", "study_words", "degree_words", "product_tiers"),
    *("club_words", "event_tails", "scheme_words", "road_words", "place_abbreviations"),
    *("document_words", "possessive_heads", "compass_words"),
)


def load_entity_words(files: DataFiles) -> dict[str, frozenset[str]]:
    """Titles, role nouns, words that are not names alone, metonymy verbs, words that
    are never people, words that make a name an organisation."""
    raw = files.structured("entity_words.toml")
    return {
        "titles": frozenset(w.lower() for w in raw["titles"]["words"]),
        "roles": frozenset(w.lower() for w in raw["roles"]["nouns"]),
        "not_names": frozenset(w.lower() for w in raw["not_names"]["words"]),
        "metonymy": frozenset(w.lower() for w in raw["metonymy"]["verbs"]),
        **{
            section: frozenset(w.lower() for w in raw.get(section, {}).get("words", []))
            for section in _WORD_SECTIONS
        },
    }


def is_case_sensitive(alias: str) -> bool:
    """Short all-capital aliases ('IS', 'SDF') match only as written."""
    letters = alias.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= 5


class ActorMatcher:
    """Finds actor-list aliases in a Doc: case-sensitive for acronyms, else by lower case."""

    def __init__(self, vocab, actors: dict[str, Actor]) -> None:
        self.actors = actors
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = _tokenizer(vocab)
        for actor in actors.values():
            exact, lower = [], []
            for alias in actor.aliases:
                (exact if is_case_sensitive(alias) else lower).append(tokenizer(alias))
            if exact:
                self.exact.add(actor.id, exact)
            if lower:
                self.lower.add(actor.id, lower)

    def __call__(self, doc: Doc) -> list[Span]:
        spans = [
            Span(doc, s, e, label=m)
            for matcher in (self.exact, self.lower)
            for m, s, e in matcher(doc)
        ]
        return filter_spans(spans)


def _tokenizer(vocab):
    from spacy.lang.en import English

    nlp = English(vocab=vocab)
    return nlp.make_doc


def iter_aliases(actors: dict[str, Actor]) -> Iterable[tuple[str, Actor]]:
    for actor in actors.values():
        for alias in actor.aliases:
            yield alias, actor
