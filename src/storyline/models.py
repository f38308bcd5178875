"""Typed records passed between the pipeline stages.

The public contract (`storyline.json`, ../shared/CONTRACT.md) is `Analysis`; its JSON
Schema is generated from these models (`storyline schema`). Per-document extraction
records (`DocExtraction` and the `Local*` records) are internal: they are what the
per-document map hands to the cross-document reduce, so they are compact and carry
offsets into the document's cleaned `text`, never copies of it beyond short spans.

Everything a later stage needs must travel in these records: no stage reaches back
into another stage's internals.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

EntityType = Literal["PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FACILITY", "EVENT", "OTHER"]
DocType = Literal["report", "opinion", "aggregation", "statement", "other"]
PublishedFrom = Literal["metadata", "text", "inferred"]
QuoteKind = Literal["direct", "indirect"]
Approx = Literal["exact", "about", "more_than", "less_than", "range"]
ClaimStatus = Literal["agreed", "conflicting", "single"]
Certainty = Literal["stated", "attributed", "unverified", "denied"]
CERTAINTY_HELP = (
    "How sure the text is: stated (the outlet's own voice), attributed (someone's "
    "statement), unverified (flagged unconfirmed or unnamed sources), denied."
)
Precision = Literal["day", "week", "month", "season", "year", "decade", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- ingest


class Comment(Record):
    """A reader comment split off the article body."""

    author: str | None = None
    text: str


class Problem(Record):
    """An input (or part of one) that could not be used, and why. Never silent."""

    source: str = Field(description="The input as given (path, URL, '-'), as given.")
    line: int | None = Field(None, description="1-based line or row within the input.")
    reason: str
    stage: Literal["read", "decode", "parse", "clean", "language", "extract", "store"] = "read"
    severity: Literal["error", "warning"] = Field(
        "error",
        description="error: the input (or that part of it) was not used; warning: it was "
        "used, with the defect named (undecodable bytes replaced, one extractor failed).",
    )


class Document(Record):
    """One cleaned, dated, typed article."""

    id: str
    source: str = Field(description="Path, URL or '-' exactly as given (plus '#N' for a row).")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 date, possibly partial.")
    published_from: PublishedFrom | None = None
    doc_type: DocType = "report"
    language: str = "en"
    story: str | None = None
    duplicate_of: str | None = Field(None, description="Id of the document this one copies.")
    text: str = Field(description="Cleaned body: no boilerplate, no reader comments.")
    removed: list[str] = Field(default_factory=list, description="Lines removed as boilerplate.")
    comments: list[Comment] = Field(default_factory=list)
    content_hash: str = Field(
        "", description="sha256 of the normalised cleaned text (NFKC, whitespace collapsed)."
    )
    author: str | None = None


class RawInput(Record):
    """One input item before cleaning, as a reader produced it (kept by the store)."""

    source: str
    raw: bytes | str = Field(description="The input exactly as read.")
    line: int | None = None
    format: Literal["txt", "html", "jsonl", "csv", "feed", "stdin", "url"] = "txt"
    title: str | None = None
    body: str | None = Field(None, description="Main text as extracted, before cleaning.")
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    comments_text: str | None = Field(
        None, description="Reader comments the HTML extractor found apart from the body."
    )
    comments: list[Comment] = Field(
        default_factory=list,
        description="Reader comments with their authors, where the page's markup tells them.",
    )


# --------------------------------------------------------------- per-document extract


class Span(Record):
    start: int
    end: int


class LocalMention(Record):
    """A mention of an entity within one document."""

    start: int
    end: int
    text: str
    type: EntityType
    name: str = Field(description="Name with titles stripped; a surname expanded in-document.")
    cluster: str = Field(description="Within-document entity id (same real thing, same id).")
    role: str | None = None
    actor_id: str | None = Field(None, description="Id in the actor list, if matched.")
    stands_for: str | None = Field(
        None, description="Metonymy: the government or country this name stands for."
    )
    within: str | None = Field(
        None,
        description="For a place: the place the text puts it in ('Orvalho, in the "
        "municipality of Oleiros' gives 'Oleiros'); where the gazetteer lacks the place, "
        "it is located at this one.",
    )


class LocalQuote(Record):
    kind: QuoteKind
    start: int
    end: int
    text: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str | None = None
    speaker_cluster: str | None = Field(None, description="LocalMention.cluster of the speaker.")


class LocalAccusation(Record):
    start: int
    end: int
    text: str
    accuser_text: str | None = None
    accuser_cluster: str | None = None
    accused_texts: list[str] = Field(default_factory=list)
    accused_clusters: list[str | None] = Field(default_factory=list)
    negated: bool = Field(False, description="A denial of blame ('X denied responsibility').")


class TimeExpression(Record):
    start: int
    end: int
    text: str
    kind: Literal["date", "time", "duration", "set"] = "date"
    value: str | None = Field(None, description="Normalised ISO value (partial allowed).")
    precision: Precision = "unknown"
    anchored: bool = Field(False, description="True where resolved against the publication date.")
    rule: dict[str, str | int | float | bool | None] | None = Field(
        None, description="How to re-resolve against another anchor date (relative expressions)."
    )


class Quantity(Record):
    start: int
    end: int
    text: str
    value: float
    value_high: float | None = None
    approx: Approx = "exact"
    what: str | None = None
    what_head: str | None = Field(None, description="Lemma of the counted noun.")
    unit: str | None = None
    claimant_text: str | None = None
    claimant_cluster: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    predicate: str | None = Field(
        None,
        description="Toll the count belongs to ('killed', 'injured', …; data/claims.json), "
        "so that '300 fighters killed' is never grouped with '4,000 fighters'.",
    )
    hedge: str | None = Field(None, description="The hedge words as written ('at least').")
    kind: str | None = Field(
        None, description="The counted thing's kind ('rebels', 'bandits': 'fighter')."
    )
    per: str | None = Field(None, description="The rate it is given per ('month', 'share').")


class RejectedNumber(Record):
    """A number judged not to be a claim, with the rule's reason (debug output)."""

    start: int
    end: int
    text: str
    reason: str


class Reference(Record):
    """How one reference to a party (a speaker, accuser, accused or claimant written as a
    pronoun, a descriptor or a name) was resolved, or why it was left unresolved."""

    start: int
    end: int
    text: str
    how: str = Field(description="name, pronoun, descriptor, possessive, apposition, issuer, none")
    name: str | None = Field(None, description="The entity it resolved to; None if unresolved.")
    cluster: str | None = None
    reason: str | None = Field(None, description="Why it was left unresolved.")


class LocalControl(Record):
    """One sentence's word on who holds a place (`storyline.extract.control`).

    `kind` is `change` (the place changed hands), or `deny` (a side says it did not:
    'has never fallen', 'our units remain in P'). Sides are within-document clusters
    where the text names them, else the words used and their kind (`state`/`rebel`)."""

    kind: Literal["change", "deny"] = "change"
    start: int = Field(description="Sentence start (the passage cited).")
    end: int
    cue: str
    cue_start: int
    place_text: str
    place_cluster: str | None = None
    gainer_text: str | None = None
    gainer_cluster: str | None = None
    gainer_kind: Literal["state", "rebel"] | None = None
    loser_text: str | None = None
    loser_cluster: str | None = None
    loser_kind: Literal["state", "rebel"] | None = None
    time: int | None = Field(None, description="Index in DocExtraction.times of its date.")
    on_published: bool = Field(
        False,
        description="Undated but told as news of the day ('has retaken'): the publication date.",
    )
    background: bool = Field(False, description="Told as history ('held P from A to B').")
    attributed: Literal["said", "claim"] | None = Field(
        None, description="Under a reporting verb ('said') or a claim verb ('claimed')."
    )
    claimant_cluster: str | None = None
    denied: bool = Field(False, description="The sentence calls the assertion false.")


class Hedge(Record):
    """A certainty marker and what the parse says it hedges (`extract/hedges.py`)."""

    reading: Literal["attributed", "unverified", "denied"]
    start: int = Field(description="The marker's words.")
    end: int
    scope_start: int = Field(
        description="What it hedges: a clause, the sentence, or the one before."
    )
    scope_end: int
    how: str = Field(description="main, clause, phrase or back: the reach the parse gave it.")


class DocExtraction(Record):
    """Everything the per-document map found in one document."""

    document: str
    sentences: list[Span] = Field(default_factory=list)
    mentions: list[LocalMention] = Field(default_factory=list)
    quotes: list[LocalQuote] = Field(default_factory=list)
    accusations: list[LocalAccusation] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    rejected_numbers: list[RejectedNumber] = Field(
        default_factory=list, description="Numbers that are not claims, and why (debug)."
    )
    references: list[Reference] = Field(
        default_factory=list, description="Resolved and unresolved references to parties."
    )
    controls: list[LocalControl] = Field(default_factory=list)
    hedges: list[Hedge] = Field(
        default_factory=list, description="Certainty markers and their scope (none in old files)."
    )
    embedding: list[float] | None = Field(None, description="Title+lead sentence embedding.")
    error: str | None = Field(
        None,
        description="Why extraction failed on this document: wholly (its records are then "
        "empty) or for one extractor (only that extractor's records are missing).",
    )


# ------------------------------------------------------------------ reconcile / output


class Geo(Record):
    lat: float
    lon: float
    country: str | None = None
    gazetteer_id: str | None = None
    name: str | None = Field(None, description="Gazetteer name of the resolved place.")
    feature: str | None = Field(None, description="Gazetteer feature class (city, country…).")


class MentionRef(Record):
    document: str
    start: int
    end: int


class Entity(Record):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    geo: Geo | None = None
    geo_note: str | None = Field(None, description="Why a place has no geo.")
    stands_for: str | None = Field(None, description="Entity id a metonym stands for.")
    mentions: list[MentionRef] = Field(default_factory=list)


class Quote(Record):
    id: str
    document: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    certainty: Certainty = Field("attributed", description=CERTAINTY_HELP)


class Claim(Record):
    id: str
    document: str
    text: str
    start: int
    end: int
    value: float
    value_high: float | None = None
    approx: Approx = "exact"
    what: str | None = None
    unit: str | None = None
    claimant: str | None = None
    claimant_name: str | None = None
    predicate: str | None = Field(None, description="Toll the count belongs to ('killed').")
    scope: Literal["story", "background"] = Field(
        "story", description="'background' for a past event's figure ('the 2017 fire killed 66')."
    )
    group: str
    status: ClaimStatus
    revision: bool = Field(
        False, description="True where the group's values change over time (a toll rising)."
    )
    certainty: Certainty = Field("stated", description=CERTAINTY_HELP)


class ClaimGroup(Record):
    """Claims about the same quantity across documents (an addition to the contract)."""

    id: str
    what: str | None = None
    unit: str | None = None
    status: ClaimStatus
    claims: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    revision: bool = False
    note: str | None = Field(None, description="Why the group got its status.")


class Event(Record):
    id: str
    date: str | None = Field(
        description="ISO 8601 date, possibly partial ('2016-12'); weeks, weekends and seasons "
        "as ISO intervals ('2016-12-10/2016-12-11')."
    )
    precision: Precision = "unknown"
    when: str | None = None
    description: str
    story: str | None = None
    documents: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    place: str | None = None
    certainty: Certainty = Field("stated", description=CERTAINTY_HELP)
    type: str = Field(
        "OTHER",
        description="CASE 2021 / ACLED sub-event type (data/event_types.toml), or OTHER.",
    )
    actor: list[str] = Field(default_factory=list, description="Entity ids that acted.")
    target: list[str] = Field(default_factory=list, description="Entity ids acted on.")


ControlStatus = Literal["reported", "claimed", "disputed"]


class ControlChange(Record):
    """One change of control of a place, merged across the documents that tell it."""

    id: str
    place: str | None = Field(description="Entity id of the place.")
    place_name: str
    gained_by: str | None = None
    gained_by_name: str | None = None
    lost_by: str | None = None
    lost_by_name: str | None = None
    date: str | None = Field(description="ISO 8601 date, possibly partial.")
    precision: Precision = "unknown"
    status: ControlStatus = Field(
        description="reported: stated as fact; claimed: one side's word only; disputed: "
        "asserted and denied."
    )
    documents: list[str] = Field(default_factory=list)
    passages: list[MentionRef] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    note: str | None = Field(None, description="How sides or status were inferred.")


class Accusation(Record):
    document: str
    accuser: str | None
    accuser_entity: str | None = None
    accused: list[str] = Field(default_factory=list)
    accused_entities: list[str] = Field(default_factory=list)
    negated: bool = Field(
        False, description="A denial: the accuser says the accused are not to blame."
    )
    text: str
    start: int | None = None
    end: int | None = None


class BriefingSentence(Record):
    text: str
    sources: list[str] = Field(min_length=1, description="Documents this sentence rests on.")
    passages: list[MentionRef] = Field(default_factory=list)


class Story(Record):
    id: str
    title: str
    storyline: str | None = None
    documents: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    summary: list[BriefingSentence] = Field(default_factory=list)


class Storyline(Record):
    id: str
    title: str
    stories: list[str] = Field(default_factory=list)


class FramingTerm(Record):
    entity: str | None = Field(None, description="Entity id the term names, if any.")
    concept: str = Field(description="What is named (entity name or concept).")
    terms: dict[str, int] = Field(default_factory=dict, description="Term -> count.")


class Framing(Record):
    document: str
    outlet: str | None = None
    doc_type: DocType = "report"
    names: list[FramingTerm] = Field(default_factory=list)
    accusations: int = 0
    quoted: list[str] = Field(default_factory=list, description="Entity ids it quotes.")


class Analysis(Record):
    """The whole `storyline.json`."""

    schema_version: str = SCHEMA_VERSION
    generated_by: str = ""
    documents: list[Document] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    storylines: list[Storyline] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    claim_groups: list[ClaimGroup] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    accusations: list[Accusation] = Field(default_factory=list)
    control_changes: list[ControlChange] = Field(default_factory=list)
    framing: list[Framing] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    def frames(self):
        """The analysis as pandas DataFrames keyed by table name (quotes, claims, events,
        accusations, entities, documents, stories); needs `storyline[export]`."""
        from storyline.render.tables import frames  # late-bound: see tests/test_imports.py

        return frames(self)
