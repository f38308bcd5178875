"""Story clustering: documents about the same event grouped, incrementally.

A story is a set of documents about one real-world event. A document joins the story it
scores best against, or opens a new one, from four signals:

- the sentence embedding of its title and lead (what the event is),
- the content words of its whole text, tf-idf weighted (who, where, what in detail),
- the entities it names, rarer ones weighing more (canonical ids once resolved),
- its publication date against the story's anchor, the median date of its reports (two
  captures of the same town three months apart are two stories, however alike they read),
  and a cap on the story's whole span, so a chain of reports a week apart cannot drift,
- its main places against the story's: a report centred on one town does not join a
  story centred on another (the same kind of event, in the same weeks, elsewhere).

`StoryIndex` does this one document at a time and only scores a document against the
stories an approximate-neighbour index proposes (random-hyperplane LSH buckets over the
embeddings, plus postings of the document's rarer entities), so the cost grows about
linearly with the number of documents. `cluster_stories` runs it over a corpus; a store
keeps one index and adds documents as they arrive.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from storyline.config import StoryParams
from storyline.models import DocExtraction, Document, Story, Storyline
from storyline.reconcile.corpus import Corpus

ENTITY_TYPES = {"PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FACILITY", "EVENT"}
PLACE_TYPES = {"GPE", "LOC", "FACILITY"}

PERIOD_DAYS = 30  # width of the time periods that key the LSH buckets of dated stories
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]", re.UNICODE)


# ----------------------------------------------------------------- features


@dataclass
class DocFeatures:
    """What clustering needs of one document: compact, no text."""

    id: str
    vector: np.ndarray | None  # unit-length title+lead embedding
    terms: dict[str, float]  # content word -> sublinear tf
    entities: dict[str, str]  # entity key -> type
    span: tuple[int, int] | None  # publication date as an interval of day ordinals
    published: str | None = None
    places: frozenset[str] = frozenset()  # the places it is about (most named, no country)

    @property
    def day(self) -> int | None:
        """The publication day where the date is precise to a week or better."""
        if self.span is None or self.span[1] - self.span[0] > 7:
            return None
        return (self.span[0] + self.span[1]) // 2


def date_span(value: str | None) -> tuple[int, int] | None:
    """An ISO date, possibly partial ('2016', '2016-12') or an interval ('a/b'), as its
    first and last day ordinal."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = date_span(first), date_span(last)
        return (a[0], b[1]) if a and b else None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3))).toordinal()
            return d, d
        if m.group(2):
            month = int(m.group(2))
            first = date(year, month, 1).toordinal()
            last = (date(year + (month == 12), month % 12 + 1, 1)).toordinal() - 1
            return first, last
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError:
        return None


def content_terms(text: str) -> dict[str, float]:
    """Content words of a text with sublinear term frequency (stop words dropped)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts = Counter(
        w
        for w in (m.group(0).lower().replace("’", "'") for m in _WORD.finditer(text))
        if len(w) > 2 and w not in ENGLISH_STOP_WORDS
    )
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


def entity_keys(
    extraction: DocExtraction | None, entity_of: dict[tuple[str, str], str] | None = None
) -> dict[str, str]:
    """The entities a document names: canonical ids where resolved, else folded names."""
    out: dict[str, str] = {}
    if extraction is None:
        return out
    for m in extraction.mentions:
        if m.type not in ENTITY_TYPES:
            continue
        key = (entity_of or {}).get((extraction.document, m.cluster))
        if key is None:
            key = "name:" + " ".join(m.name.lower().split())
        out.setdefault(key, m.type)
    return out


BROAD_PLACES = {"country", "continent", "region", "sea"}


def main_places(
    extraction: DocExtraction | None,
    entity_of: dict[tuple[str, str], str] | None = None,
    broad: set[str] | frozenset[str] = frozenset(),
) -> frozenset[str]:
    """The places a document is about: the place keys it names most (at least twice, or
    at least half as often as the most named one). Keys in `broad` (countries, regions)
    are left out: many events share a country."""
    if extraction is None:
        return frozenset()
    counts: Counter = Counter()
    for m in extraction.mentions:
        if m.type not in PLACE_TYPES:
            continue
        key = (entity_of or {}).get((extraction.document, m.cluster))
        if key is None:
            key = "name:" + " ".join(m.name.lower().split())
        if key not in broad:
            counts[key] += 1
    if not counts:
        return frozenset()
    top = max(counts.values())
    floor = max(2, math.ceil(top / 2))
    return frozenset(k for k, c in counts.items() if c >= floor)


def broad_places(corpus: Corpus) -> set[str]:
    """Entity ids of places the gazetteer resolved to a country, continent or region."""
    return {e.id for e in corpus.entities if e.geo is not None and e.geo.feature in BROAD_PLACES}


def doc_features(
    document: Document,
    extraction: DocExtraction | None,
    entity_of: dict[tuple[str, str], str] | None = None,
    broad: set[str] | frozenset[str] = frozenset(),
) -> DocFeatures:
    """Features of one document for `StoryIndex.add`."""
    vector = None
    if extraction is not None and extraction.embedding:
        vector = np.asarray(extraction.embedding, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm > 0 else None
    return DocFeatures(
        id=document.id,
        vector=vector,
        terms=content_terms(f"{document.title or ''}\n{document.text}"),
        entities=entity_keys(extraction, entity_of),
        span=date_span(document.published),
        published=document.published,
        places=main_places(extraction, entity_of, broad),
    )


# ----------------------------------------------------------------- the index


@dataclass
class StoryState:
    """One story as the index keeps it: sums, not members' raw records."""

    key: int
    members: list[str] = field(default_factory=list)
    vector_sum: np.ndarray | None = None
    terms: Counter = field(default_factory=Counter)
    terms_norm: float = 0.0
    entities: Counter = field(default_factory=Counter)  # entity key -> documents naming it
    entity_types: dict[str, str] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    days: list[int] = field(default_factory=list)  # precise publication days, sorted
    places: Counter = field(default_factory=Counter)  # main place -> members about it
    # the unit centroid, kept until the next member changes `vector_sum` (`_attach`)
    _centroid: np.ndarray | None = field(default=None, repr=False, compare=False)
    _centroid_fresh: bool = field(default=False, repr=False, compare=False)
    # the (table, bucket) and (table, bucket, period) entries that already hold this story
    lsh_entries: set = field(default_factory=set, repr=False, compare=False)

    @property
    def anchor(self) -> tuple[int, int] | None:
        """The story's date: the median precise day, else its whole span. Fixed by the
        bulk of its reports, it does not creep along with each late one."""
        if self.days:
            d = self.days[len(self.days) // 2]
            return d, d
        return self.span

    def main_places(self, share: float) -> set[str]:
        n = max(1, len(self.members))
        return {e for e, c in self.places.items() if c / n >= share}

    @property
    def centroid(self) -> np.ndarray | None:
        if not self._centroid_fresh:
            if self.vector_sum is None:
                self._centroid = None
            else:
                norm = float(np.linalg.norm(self.vector_sum))
                self._centroid = self.vector_sum / norm if norm > 0 else None
            self._centroid_fresh = True
        return self._centroid


class StoryIndex:
    """Incremental story clustering over an approximate-neighbour index.

    >>> index = StoryIndex()
    >>> key = index.add(features)  # doctest: +SKIP

    `add` scores the new document only against candidate stories: those whose members
    share an LSH bucket with it in any table, and those naming one of its rarer entities.
    The hyperplanes come from a fixed seed, so the same input gives the same stories.
    """

    def __init__(self, params: StoryParams | None = None, dim: int = 384, seed: int = 13):
        self.params = params or StoryParams()
        rng = np.random.default_rng(seed)
        self.planes = rng.standard_normal(
            (self.params.lsh_tables, self.params.lsh_bits, dim)
        ).astype(np.float32)
        # per table: bucket -> stories (for undated documents, which may join any story),
        # and (bucket, period) -> stories, a period being PERIOD_DAYS of a member's date
        # (None: undated), so that a dated document only votes over the stories of its own
        # time window: the cost per document stays flat as the corpus grows
        self.buckets: list[dict[int, list[int]]] = [
            defaultdict(list) for _ in range(self.params.lsh_tables)
        ]
        self.timed: list[dict[tuple[int, int | None], list[int]]] = [
            defaultdict(list) for _ in range(self.params.lsh_tables)
        ]
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.stories: list[StoryState] = []
        self.story_of: dict[str, int] = {}
        self.term_df: Counter = Counter()
        self.entity_df: Counter = Counter()
        self.n_docs = 0

    # -- scoring helpers

    def _idf(self, df: int) -> float:
        return math.log((1 + self.n_docs) / (1 + df)) + 1.0

    def _bucket_keys(self, vector: np.ndarray) -> list[int]:
        bits = (self.planes @ vector) > 0  # (tables, bits)
        weights = 1 << np.arange(bits.shape[1])
        return [int(k) for k in bits.astype(np.int64) @ weights]

    @staticmethod
    def _period(day: int | None) -> int | None:
        return None if day is None else day // PERIOD_DAYS

    def _periods_near(self, day: int) -> range:
        """The periods that can hold a dated member of a story this document may join.
        Joining must not stretch the story's dated reports past `max_span_days` (`drifts`),
        so every dated member of such a story lies within `max_span_days` of the document's
        day: a story whose entries all lie further off scores `-inf`, and a story that can
        join keeps every entry, so its votes are the same as over a wider reach. (The
        reach was `max_gap_days + max_span_days`: the stories of 150 days proposed, of
        which those of 90 could never join, and at a dense intake they crowded the
        candidates.)"""
        reach = self.params.max_span_days
        return range(int((day - reach) // PERIOD_DAYS), int((day + reach) // PERIOD_DAYS) + 1)

    def _candidates(self, doc: DocFeatures, keys: list[int] | None) -> list[int]:
        votes: Counter = Counter()
        if keys is not None and doc.day is not None:
            periods = [*self._periods_near(doc.day), None]
            for table, k in zip(self.timed, keys, strict=True):
                for period in periods:
                    for s in table.get((k, period), ()):
                        votes[s] += 1
        elif keys is not None:
            for table, k in zip(self.buckets, keys, strict=True):
                for s in table.get(k, ()):
                    votes[s] += 1
        for e in doc.entities:
            posting = self.postings.get(e)
            if posting and len(posting) <= self.params.entity_postings:
                for s in posting:
                    votes[s] += 1
        ranked = sorted(votes, key=lambda s: (-votes[s], -s))
        return ranked[: self.params.max_candidates]

    def _terms_vector(self, terms: dict[str, float]) -> tuple[dict[str, float], float]:
        weighted = {t: w * self._idf(self.term_df[t]) for t, w in terms.items()}
        return weighted, math.sqrt(sum(v * v for v in weighted.values())) or 1.0

    def _prepared(self, doc: DocFeatures) -> tuple:
        """What scoring a document against any story needs of the document alone, worked
        out once per `add` rather than once per candidate: its tf-idf vector and norm,
        the idf of its terms and of its entities, and its entities' idf mass."""
        vec, vnorm = self._terms_vector(doc.terms)
        idf = {t: self._idf(self.term_df[t]) for t in vec}
        ent_idf = {e: self._idf(self.entity_df[e]) for e in doc.entities}
        mass = sum(ent_idf[e] for e in doc.entities)
        return vec, vnorm, idf, ent_idf, mass

    def _story_terms_norm(self, story: StoryState) -> float:
        return (
            math.sqrt(sum((w * self._idf(self.term_df[t])) ** 2 for t, w in story.terms.items()))
            or 1.0
        )

    def time_gap(self, a: tuple[int, int] | None, b: tuple[int, int] | None) -> float | None:
        """Days between two date intervals (0 where they overlap); None if either unknown."""
        if a is None or b is None:
            return None
        return float(max(0, a[0] - b[1], b[0] - a[1]))

    def score(self, doc: DocFeatures, story: StoryState, weighted=None) -> float:
        """How well a document fits a story; `-inf` where their dates rule it out."""
        return self.components(doc, story, weighted)[0]

    def drifts(self, doc: DocFeatures, story: StoryState) -> bool:
        """Whether the document would stretch the story's dated reports past
        `max_span_days` (a chain of reports each a week after the last is not one event)."""
        day = doc.day
        if day is None or not story.days:
            return False
        lo, hi = min(story.days[0], day), max(story.days[-1], day)
        return hi - lo > self.params.max_span_days

    def place_conflict(self, doc: DocFeatures, story: StoryState) -> bool:
        """Both are about known places and none is the same: another town, or another
        site in the same town (a country never counts, see `main_places`)."""
        if not doc.places:
            return False
        core = story.main_places(self.params.place_share)
        if not core:
            return False
        return not (doc.places & core)

    def components(self, doc: DocFeatures, story: StoryState, weighted=None):
        """The score and its parts: (total, embedding, terms, entities, gap in days)."""
        p = self.params
        gap = self.time_gap(doc.span, story.anchor)
        if (gap is not None and gap > p.max_gap_days) or self.drifts(doc, story):
            return float("-inf"), 0.0, 0.0, 0.0, gap
        if weighted is None:
            weighted = self._prepared(doc)
        vec, vnorm, idf, ent_idf, mass = weighted
        st = story.terms
        # terms the story lacks add 0.0: the same sum as over every term
        dot = sum(w * c * idf[t] for t, w in vec.items() if (c := st.get(t, 0.0)))
        lex = dot / (vnorm * (story.terms_norm or 1.0))
        ent = 0.0
        if doc.entities:
            named = story.entities
            shared = sum(ent_idf[e] for e in doc.entities if e in named)
            ent = shared / mass if mass else 0.0
        centroid = story.centroid
        emb = None
        if doc.vector is not None and centroid is not None:
            emb = float(doc.vector @ centroid)
            total = p.w_embedding * emb + p.w_terms * lex + p.w_entities * ent
        else:  # no embeddings (turned off): the words carry their weight too
            total = (p.w_embedding + p.w_terms) * lex + p.w_entities * ent
        if gap is not None:
            if gap <= p.grace_days:  # same days, same subject: very likely the same event
                total += p.w_near
            else:
                late = (gap - p.grace_days) / max(1.0, p.max_gap_days - p.grace_days)
                total -= p.w_time * min(1.0, late)
        if self.place_conflict(doc, story):
            total -= p.w_place
        return total, emb, lex, ent, gap

    # -- updates

    def add(self, doc: DocFeatures) -> int:
        """Put one document into its story (opening one if none fits); return the story key."""
        if doc.id in self.story_of:
            return self.story_of[doc.id]
        keys = self._bucket_keys(doc.vector) if doc.vector is not None else None
        weighted = self._prepared(doc)
        best, best_score = None, self.params.join_threshold
        for key in self._candidates(doc, keys):
            s = self.score(doc, self.stories[key], weighted)
            if s >= best_score:
                best, best_score = key, s
        if best is None:
            best = len(self.stories)
            self.stories.append(StoryState(key=best))
        self._attach(doc, self.stories[best], keys)
        return best

    def open(self, doc: DocFeatures) -> int:
        """Open a new story with this document, without scoring it; return its key."""
        key = len(self.stories)
        self.stories.append(StoryState(key=key))
        self.join(doc, key)
        return key

    def join(self, doc: DocFeatures, key: int) -> None:
        """Put a document into a given story (a copy joining its original's story)."""
        if doc.id not in self.story_of:
            keys = self._bucket_keys(doc.vector) if doc.vector is not None else None
            self._attach(doc, self.stories[key], keys)

    def _attach(self, doc: DocFeatures, story: StoryState, keys: list[int] | None) -> None:
        self.n_docs += 1
        self.term_df.update(doc.terms.keys())
        for e, kind in doc.entities.items():
            self.entity_df[e] += 1
            if e not in story.entities:
                self.postings[e].append(story.key)
            story.entities[e] += 1
            story.entity_types.setdefault(e, kind)
        story.members.append(doc.id)
        self.story_of[doc.id] = story.key
        if doc.vector is not None:
            story.vector_sum = (
                doc.vector.copy() if story.vector_sum is None else story.vector_sum + doc.vector
            )
            story._centroid_fresh = False
            period = self._period(doc.day)
            entries = story.lsh_entries
            for n, (table, timed, k) in enumerate(
                zip(self.buckets, self.timed, keys or (), strict=False)
            ):
                # a set of the entries already holding the story, not a scan of each
                # bucket's list (which grows with the corpus)
                if (n, k) not in entries:
                    entries.add((n, k))
                    table[k].append(story.key)
                if (n, k, period) not in entries:
                    entries.add((n, k, period))
                    timed[(k, period)].append(story.key)
        story.places.update(doc.places)
        if doc.day is not None:
            bisect.insort(story.days, doc.day)
        story.terms.update(doc.terms)
        story.terms_norm = self._story_terms_norm(story)
        if doc.span is not None:
            story.span = (
                doc.span
                if story.span is None
                else (min(story.span[0], doc.span[0]), max(story.span[1], doc.span[1]))
            )


# ----------------------------------------------------------------- corpus level


def _arrival_order(features: Sequence[DocFeatures]) -> list[DocFeatures]:
    """Dated documents first, oldest first, then the undated in input order: the undated
    then choose among stories whose dates are already known."""
    dated = [f for f in features if f.span is not None]
    undated = [f for f in features if f.span is None]
    dated.sort(key=lambda f: f.span[0])  # stable: input order among same-day documents
    return dated + undated


def _story_title(
    state: StoryState, members: list[str], feats: dict[str, DocFeatures], by_id
) -> str:
    """The title of the member closest to the story's centre (its most typical report)."""
    centroid = state.centroid

    def centrality(doc_id: str) -> float:
        f = feats.get(doc_id)
        if f is None or f.vector is None or centroid is None:
            return 0.0
        return float(f.vector @ centroid)

    titled = [m for m in members if (by_id[m].title or "").strip()]
    if not titled:
        text = by_id[members[0]].text.strip()
        return text.split("\n", 1)[0][:120]
    # a headline says what happened; a caption or a dateline used as title does not
    headlines = [m for m in titled if len(by_id[m].title.split()) >= 5] or titled
    best = max(headlines, key=lambda m: (centrality(m), -members.index(m)))
    return by_id[best].title.strip()


def cluster_stories(
    corpus: Corpus, params: StoryParams | None = None
) -> tuple[list[Story], list[Storyline]]:
    """Group the corpus into stories and link stories into storylines.

    Sets `Document.story` on every document (copies join their original's story). Story
    ids `s1`.. and storyline ids `l1`.. follow the earliest document (undated last).
    """
    if not corpus.documents:
        return [], []
    by_id = corpus.by_id
    originals = corpus.originals()
    broad = broad_places(corpus)
    feats = {
        d.id: doc_features(d, corpus.extractions.get(d.id), corpus.entity_of, broad)
        for d in originals
    }
    index = StoryIndex(params, dim=_dim(feats.values()))
    # Documents that already belong to a story (a store adding new articles) keep it and
    # are attached without scoring; only the others are placed.
    prior = {d.id: d.story for d in originals if d.story}
    opened: dict[str, int] = {}
    # Stored documents first, then the new ones by date: a new report is placed knowing
    # every story the store holds, not only those whose documents are older than it.
    arrival = _arrival_order([feats[d.id] for d in originals])
    arrival = [f for f in arrival if f.id in prior] + [f for f in arrival if f.id not in prior]
    for f in arrival:
        story = prior.get(f.id)
        if story is None:
            index.add(f)
        elif story in opened:
            index.join(f, opened[story])
        else:
            opened[story] = index.open(f)
    groups: dict[int, list[str]] = defaultdict(list)
    position = {d.id: i for i, d in enumerate(corpus.documents)}
    for d in corpus.documents:
        root = _original_of(d, by_id)
        key = index.story_of.get(root.id)
        if key is None:  # a copy of a document that is not in this corpus
            key = index.add(doc_features(root, None))
        groups[key].append(d.id)
    numbered = _number_stories(groups, index, feats, by_id, position)
    stories = [s for _, s in numbered]
    for story in stories:
        for doc_id in story.documents:
            by_id[doc_id].story = story.id
    storylines = link_storylines(stories, index, {s.id: k for k, s in numbered})
    return stories, storylines


def replace_newly_dated(
    corpus: Corpus, undated: set[str], params: StoryParams | None = None
) -> tuple[list[Story], list[Storyline]] | None:
    """Place again the documents that were placed without a date and whose date, inferred
    since (a year-less dateline takes its year from the story), lies further from their
    story's dated reports than `max_gap_days`: placed blind, they joined on content alone
    ('army retakes the town' with the reports of its fall). None where none moves."""
    params = params or StoryParams()
    by_story: dict[str, list[int]] = defaultdict(list)
    for d in corpus.originals():
        span = date_span(d.published) if d.id not in undated else None
        if d.story and span is not None:
            by_story[d.story].append((span[0] + span[1]) // 2)
    moved: set[str] = set()
    for d in corpus.originals():
        span = date_span(d.published) if d.id in undated else None
        days = sorted(by_story.get(d.story or "", []))
        if span is None or not days:
            continue
        anchor = days[len(days) // 2]
        if min(abs(span[0] - anchor), abs(span[1] - anchor)) > params.max_gap_days:
            moved.add(d.id)
    if not moved:
        return None
    by_id = corpus.by_id
    for d in corpus.documents:
        if d.id in moved or _original_of(d, by_id).id in moved:
            d.story = None
    return cluster_stories(corpus, params)


def _dim(features: Iterable[DocFeatures]) -> int:
    for f in features:
        if f.vector is not None:
            return int(f.vector.shape[0])
    return 384


def _original_of(doc: Document, by_id: dict[str, Document]) -> Document:
    seen = set()
    while doc.duplicate_of and doc.duplicate_of in by_id and doc.id not in seen:
        seen.add(doc.id)
        doc = by_id[doc.duplicate_of]
    return doc


def _sort_key(span: tuple[int, int] | None, first: int) -> tuple[int, int, int]:
    return (0, span[0], first) if span is not None else (1, 0, first)


def _number_stories(groups, index, feats, by_id, position) -> list[tuple[int, Story]]:
    ordered = sorted(
        groups.items(),
        key=lambda kv: _sort_key(index.stories[kv[0]].span, min(position[m] for m in kv[1])),
    )
    stories = []
    for n, (key, members) in enumerate(ordered, 1):
        members.sort(key=lambda m: position[m])
        dates = sorted(by_id[m].published for m in members if by_id[m].published)
        story = Story(
            id=f"s{n}",
            title=_story_title(index.stories[key], members, feats, by_id),
            documents=members,
            start=dates[0] if dates else None,
            end=dates[-1] if dates else None,
        )
        stories.append((key, story))
    return stories


# ----------------------------------------------------------------- storylines


def _profile(state: StoryState, kinds: set[str], min_share: float) -> set[str]:
    """Entities that a fair share of the story's documents name (its core cast)."""
    n = max(1, len(state.members))
    return {
        e
        for e, c in state.entities.items()
        if state.entity_types.get(e) in kinds and c / n >= min_share
    }


def storyline_score(a: StoryState, b: StoryState) -> float:
    """How much two stories share their setting and cast: 0 unless they share a core
    place; then mostly how alike their leads read, plus the share of the cast in common."""
    cast_a, cast_b = _profile(a, ENTITY_TYPES, 0.5), _profile(b, ENTITY_TYPES, 0.5)
    shared = cast_a & cast_b
    places = {e for e in shared if a.entity_types.get(e) in PLACE_TYPES}
    if not places:
        return 0.0
    overlap = len(shared) / (min(len(cast_a), len(cast_b)) or 1)
    ca, cb = a.centroid, b.centroid
    emb = float(ca @ cb) if ca is not None and cb is not None else overlap
    return 0.3 * overlap + 0.7 * emb


def link_storylines(
    stories: list[Story], index: StoryIndex, key_of: dict[str, int]
) -> list[Storyline]:
    """Stories about the same place and actors, over time, linked into storylines."""
    parent = {s.id: s.id for s in stories}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key = {key_of[s.id]: s for s in stories}
    for s in stories:
        state = index.stories[key_of[s.id]]
        # candidate partners: stories naming its core cast (postings, not all pairs)
        partners: set[int] = set()
        for e in _profile(state, ENTITY_TYPES, 0.5):
            posting = index.postings.get(e, ())
            if len(posting) <= 4 * index.params.entity_postings:
                partners.update(posting)
        for k in sorted(partners):
            if k == key_of[s.id] or k not in by_key:
                continue
            if storyline_score(state, index.stories[k]) >= index.params.storyline_threshold:
                ra, rb = find(s.id), find(by_key[k].id)
                if ra != rb:
                    first, second = sorted((ra, rb), key=lambda x: int(x[1:]))
                    parent[second] = first
    lines: dict[str, list[Story]] = defaultdict(list)
    for s in stories:  # stories are already in order of their earliest document
        lines[find(s.id)].append(s)
    out = []
    for n, members in enumerate(sorted(lines.values(), key=lambda m: int(m[0].id[1:])), 1):
        line_id = f"l{n}"
        for s in members:
            s.storyline = line_id
        out.append(Storyline(id=line_id, title=members[0].title, stories=[s.id for s in members]))
    return out
