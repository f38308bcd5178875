"""The cited briefing: 5 to 10 sentences per story, each resting on named documents.

The briefing is extractive first: the story's most central lead sentence says what
happened, then sentences are picked from the documents by centrality (closeness to
what the story's documents say most) and coverage (words not yet said), so that the
briefing does not repeat itself. Around them go a few template sentences built from
the reconciled records, each citing the documents and passages they rest on:

- when and where (from the timeline's events, or the reports' dates and places),
- who said what (the most-cited speakers' quotes),
- where numbers agree or conflict (claim groups).

Every sentence carries `sources` (documents) and `passages` (offsets of the span in
each document it rests on). A sentence with no source is never written.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.lexicon.cues import Cues
from storyline.models import BriefingSentence, Claim, Document, MentionRef, Quote, Story
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.stories import content_terms, date_span

MIN_SENTENCES, MAX_SENTENCES = 5, 10
LEAD_SENTENCES = 12  # sentences per document considered: the body's opening carries the news
MAX_DOCUMENTS = 40  # the most central documents of a large story are read, not all
MIN_WORDS, MAX_WORDS = 7, 55
SAME_SENTENCE = 0.6  # term cosine above which two sentences say the same thing
_JUNK = re.compile(r"(?i)^(read more|related|click|subscribe|share|advertisement|source:)")


class _Candidate:
    __slots__ = ("doc", "end", "position", "start", "terms", "text")

    def __init__(self, doc: str, start: int, end: int, text: str, position: int):
        self.doc, self.start, self.end, self.text, self.position = doc, start, end, text, position
        self.terms = content_terms(text)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _usable(text: str) -> bool:
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or _JUNK.match(text):
        return False
    if text[-1] not in ".!?”\"'’)" or text.endswith("..") or text[0] in "[(-":
        return False  # a headline, caption, list item or cut line, not a sentence
    letters = sum(c.isalpha() for c in text)
    return letters > 0.6 * len(text) and not text.isupper()


def _candidates(corpus: Corpus, doc_ids: Iterable[str]) -> list[_Candidate]:
    by_id = corpus.by_id
    out = []
    for doc_id in doc_ids:
        extraction = corpus.extractions.get(doc_id)
        document = by_id.get(doc_id)
        if extraction is None or document is None:
            continue
        for i, span in enumerate(extraction.sentences[:LEAD_SENTENCES]):
            raw = document.text[span.start : span.end]
            text = _clean(raw)
            if _usable(text):
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw) - len(raw.rstrip())
                out.append(_Candidate(doc_id, span.start + lead, span.end - trail, text, i))
    return out


def _ref(doc: str, start: int | None, end: int | None) -> list[MentionRef]:
    if start is None or end is None:
        return []
    return [MentionRef(document=doc, start=start, end=end)]


def _sentence(text: str, refs: list[MentionRef], sources: Iterable[str]) -> BriefingSentence:
    refs = list({(r.document, r.start, r.end): r for r in refs}.values())
    docs = list(dict.fromkeys([*sources, *(r.document for r in refs)]))
    return BriefingSentence(text=text, sources=docs, passages=refs)


# ------------------------------------------------------------------ extractive


def _profile(candidates: list[_Candidate]) -> Counter:
    """What the story's documents say most: summed term weights, one vote per document."""
    per_doc: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        per_doc[c.doc].update(c.terms)
    profile: Counter = Counter()
    for terms in per_doc.values():
        profile.update(terms)
    return profile


def _support(best: _Candidate, candidates: list[_Candidate]) -> list[_Candidate]:
    """Sentences in other documents that say the same thing (they become co-sources)."""
    seen = {best.doc}
    out = []
    for c in sorted(candidates, key=lambda c: -_cosine(best.terms, c.terms)):
        if c.doc not in seen and _cosine(best.terms, c.terms) >= SAME_SENTENCE:
            seen.add(c.doc)
            out.append(c)
    return out[:3]


def extractive(candidates: list[_Candidate], k: int) -> list[BriefingSentence]:
    """Pick k sentences by centrality and coverage (maximal marginal relevance)."""
    if not candidates or k <= 0:
        return []
    profile = _profile(candidates)
    n_docs = len({c.doc for c in candidates})

    def centrality(c: _Candidate) -> float:
        shared = sum(w * (profile[t] - 1) for t, w in c.terms.items()) / max(1, n_docs - 1)
        size = math.sqrt(sum(w * w for w in c.terms.values())) or 1.0
        return shared / size + (0.3 if c.position == 0 else 0.0) - 0.01 * c.position

    scored = sorted(candidates, key=lambda c: (-centrality(c), c.doc, c.position))
    chosen: list[_Candidate] = []
    for c in scored:
        if len(chosen) >= k:
            break
        if any(_cosine(c.terms, o.terms) >= 0.35 for o in chosen):
            continue  # says what an earlier pick said
        chosen.append(c)
    out = []
    for c in chosen:
        refs = [MentionRef(document=c.doc, start=c.start, end=c.end)]
        support = _support(c, candidates)
        refs += [MentionRef(document=o.doc, start=o.start, end=o.end) for o in support]
        out.append(_sentence(c.text, refs, [c.doc]))
    return out


# ------------------------------------------------------------------ templated


def _when_where(corpus: Corpus, story: Story) -> BriefingSentence | None:
    """The dated core event of the story, from the timeline where there is one."""
    events = [
        e
        for e in corpus.events
        if e.story == story.id and e.date and e.documents and _within(e.date, story)
    ]
    if events:  # the story's own event: dated within its reports' days, most reported
        events.sort(key=lambda e: (-len(e.documents), e.date or ""))
        e = events[0]
        place = _entity_name(corpus, e.place)
        where = f" in {place}" if place else ""
        desc = _clean(e.description).strip(" .…")
        on = "Between" if " and " in _human_date(e.date) else "On"
        text = f"{on} {_human_date(e.date)}{where}: {desc}."
        refs = [_date_ref(corpus, d, e.date or "") for d in e.documents]
        return _sentence(text, refs, e.documents)
    dated = [(d.published, d.id) for d in _story_docs(corpus, story) if d.published]
    if not dated:
        return None
    dated.sort()
    places = _top_places(corpus, story)
    where = f", placing it in {_join(places)}" if places else ""
    first, last = dated[0][0], dated[-1][0]
    if len(dated) == 1:
        text = f"The report is dated {_human_date(first)}{where}."
    elif first == last:
        text = f"The dated reports all appeared on {_human_date(first)}{where}."
    else:
        text = f"Reports date from {_human_date(first)} to {_human_date(last)}{where}."
    refs = [_date_ref(corpus, d, p) for p, d in dated] + _place_refs(corpus, story, places)
    return _sentence(text, refs, [doc_id for _, doc_id in dated])


def _within(value: str, story: Story, slack_days: int = 7) -> bool:
    """Whether a date falls within the story's reported days (give or take a week)."""
    when, first, last = date_span(value), date_span(story.start), date_span(story.end)
    if when is None or first is None or last is None:
        return False
    return first[0] - slack_days <= when[0] and when[1] <= last[1] + slack_days


def _date_ref(corpus: Corpus, doc_id: str, published: str) -> MentionRef:
    """The passage a publication date rests on: the dateline if the text has one, else
    the report's opening sentence."""
    extraction = corpus.extractions.get(doc_id)
    if extraction is not None:
        for t in extraction.times:
            if t.value and t.value[:10] == published[:10]:
                return MentionRef(document=doc_id, start=t.start, end=t.end)
        if extraction.sentences:
            first = extraction.sentences[0]
            return MentionRef(document=doc_id, start=first.start, end=first.end)
    return MentionRef(document=doc_id, start=0, end=0)


# Irregular past forms of clause-taking verbs; regular ones are undone by suffix below.
_IRREGULAR = {"said": "say", "told": "tell", "thought": "think", "wrote": "write"}


def _reports_a_clause(cue: str | None, verbs: frozenset[str]) -> bool:
    """Whether a cue ('said', 'warns', 'believed') reports a clause ('X said that …')
    rather than a stance towards a thing ('X praised Y'): its lemma is an indirect-speech
    verb of the cue lists (`Cues.indirect_verbs`)."""
    if not cue:
        return False
    word = cue.lower().split()[-1]
    guesses = {word, _IRREGULAR.get(word, word), word[:-1], word[:-2], word[:-3] + "y"}
    return bool(guesses & verbs)


def _who_said(
    corpus: Corpus, story: Story, verbs: frozenset[str], limit: int = 2
) -> list[BriefingSentence]:
    """The story's most-cited speakers, one direct quote each."""
    docs = set(story.documents)
    quotes = [q for q in corpus.quotes if q.document in docs and q.speaker_name and q.text]
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        by_speaker[q.speaker or q.speaker_name].append(q)
    ranked = sorted(
        by_speaker.values(),
        key=lambda qs: (-len({q.document for q in qs}), -len(qs), qs[0].id),
    )
    out = []
    for qs in ranked[:limit]:
        direct = [q for q in qs if q.kind == "direct" and 4 <= len(q.text.split()) <= 40]
        reported = [q for q in qs if q.kind == "indirect" and _reports_a_clause(q.cue, verbs)]
        if not direct and not reported:
            continue  # only stances ('X praised Y'): nothing that reads as 'X said that …'
        q = (direct or reported)[0]
        who = q.speaker_name
        if q.speaker_role and q.speaker_role.lower() not in who.lower():
            who = f"{who} ({q.speaker_role})"
        verb = q.cue or "said"
        body = _clean(q.text).strip("“”\"' ")
        text = (
            f"{who} {verb}: “{body}”" if q.kind == "direct" else f"{who} {verb} that {body}"
        ).rstrip(".,;") + "."
        # The speaker's quotes in other documents, cited at their own passages.
        elsewhere = {x.document: x for x in reversed(qs) if x.document != q.document}
        if elsewhere:
            text = (
                f"{text[:-1]} ({q.speaker_name} is quoted in {', '.join(sorted(elsewhere))} too)."
            )
        refs = [r for x in (q, *elsewhere.values()) for r in _ref(x.document, x.start, x.end)]
        out.append(_sentence(text, refs, [q.document, *sorted(elsewhere)]))
    return out


def _recognisable(members: list[Claim], what: str | None) -> bool:
    """A group a reader takes for one quantity: it says what it counts, every figure is
    about the story (no background toll), and all share one predicate."""
    predicate = members[0].predicate if members else None
    named = re.sub(r"\bper \w+$", "", what or "")
    if predicate:
        named = named.replace(predicate, "")
    return (
        bool(named.strip())  # 'earned', 'paid': a predicate alone says not what is counted
        and all(c.scope == "story" for c in members)
        and len({c.predicate for c in members}) == 1
    )


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


def _says(claim: Claim) -> str:
    name = claim.claimant_name
    if name in (None, "reporter"):
        who = f"{claim.document} reports"
    elif name.lower() in _PRONOUNS:
        who = f"a source in {claim.document} says"  # an unresolved pronoun names nobody
    else:
        who = f"{name} says"
    return f"{who} {_clean(claim.text)}"


def _numbers(corpus: Corpus, story: Story, limit: int = 3) -> list[BriefingSentence]:
    """The figures' real disputes and revisions first, then where reports agree; only
    over groups a reader would take for one quantity."""
    docs = set(story.documents)
    claims = {c.id: c for c in corpus.claims if c.document in docs}
    groups = [
        g
        for g in corpus.claim_groups
        if g.status in ("agreed", "conflicting") and any(c in claims for c in g.claims)
    ]
    groups.sort(key=lambda g: (g.status != "conflicting", not g.revision, -len(g.documents), g.id))
    out = []
    for g in groups:
        if len(out) >= limit:
            break
        members = [claims[c] for c in g.claims if c in claims]
        what = g.what or members[0].what
        if len({c.document for c in members}) < 2 and g.status == "agreed":
            continue  # its other reports belong to another story
        if not _recognisable(members, what):
            continue
        shown = members[:4]
        if g.status == "agreed":
            parts = [f"{_clean(c.text)} ({_by(c)}, {c.document})" for c in shown]
            text = f"Reports agree on {what}: {'; '.join(parts)}."
        elif g.revision and g.note:
            change = g.note.removeprefix("revised: ").split(" (")[0]
            first = {}
            for c in members:
                first.setdefault(c.claimant_name or "reporter", c)
            shown = list(first.values())[:4]
            text = (
                f"The figure for {what} was revised: it {change} ({'; '.join(map(_says, shown))})."
            )
        else:
            first = {}
            for c in members:
                first.setdefault((c.claimant_name or "reporter", c.value), c)
            shown = list(first.values())[:4]
            if len({c.value for c in shown}) < 2:
                continue
            text = f"Sources disagree on {what}: {'; '.join(map(_says, shown))}."
        refs = [MentionRef(document=c.document, start=c.start, end=c.end) for c in shown]
        out.append(_sentence(text, refs, [c.document for c in members]))
    return out


def _by(claim: Claim) -> str:
    name = claim.claimant_name
    return "in the outlet's own voice" if name in (None, "reporter") else f"according to {name}"


def _story_docs(corpus: Corpus, story: Story):
    by_id = corpus.by_id
    return [by_id[d] for d in story.documents if d in by_id]


def _entity_name(corpus: Corpus, entity_id: str | None) -> str | None:
    if entity_id is None:
        return None
    return next((e.name for e in corpus.entities if e.id == entity_id), None)


def _top_places(corpus: Corpus, story: Story, limit: int = 2) -> list[str]:
    docs = set(story.documents)
    counts: Counter = Counter()
    for e in corpus.entities:
        if e.type in ("GPE", "LOC", "FACILITY"):
            n = len({m.document for m in e.mentions if m.document in docs})
            if n >= 2 or (n and len(docs) == 1):
                counts[e.name] = n
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def _place_refs(corpus: Corpus, story: Story, names: list[str]) -> list[MentionRef]:
    docs = set(story.documents)
    refs = []
    for e in corpus.entities:
        if e.name in names:
            first = next((m for m in e.mentions if m.document in docs), None)
            if first is not None:
                refs.append(first)
    return refs


_MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


def _human_date(value: str | None) -> str:
    """'2016-12-11' -> '11 December 2016' (partial dates kept partial); an interval
    '2016-12-10/2016-12-11' -> '10–11 December 2016'."""
    if not value:
        return "an unknown date"
    if "/" in value:
        first, _, last = value.partition("/")
        if len(first) == len(last) == 10 and first[:7] == last[:7]:  # '10–11 December 2016'
            return f"{int(first[8:])}–{_human_date(last)}"
        return f"{_human_date(first)} and {_human_date(last)}"
    parts = value[:10].split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ------------------------------------------------------------------ per story


def _central_documents(corpus: Corpus, story: Story) -> list[str]:
    originals = [d for d in story.documents if d in corpus.extractions]
    if len(originals) <= MAX_DOCUMENTS:
        return originals
    # a large story: read the documents whose leads are closest to the story's centre
    import numpy as np

    vecs = {
        d: np.asarray(corpus.extractions[d].embedding, dtype=np.float32)
        for d in originals
        if corpus.extractions[d].embedding
    }
    if not vecs:
        return originals[:MAX_DOCUMENTS]
    centre = np.sum(list(vecs.values()), axis=0)
    ranked = sorted(originals, key=lambda d: -float(vecs[d] @ centre) if d in vecs else 0.0)
    return ranked[:MAX_DOCUMENTS]


def brief_story(corpus: Corpus, story: Story, cues: Cues) -> list[BriefingSentence]:
    """The briefing of one story: lead, when/where, who said what, numbers, then more;
    `cues` (`Knowledge.cues`) tells reported clauses from stances."""
    candidates = _candidates(corpus, _central_documents(corpus, story))
    lead = extractive(candidates, 1)
    templated: list[BriefingSentence] = []
    when = _when_where(corpus, story)
    if when is not None:
        templated.append(when)
    templated += _who_said(corpus, story, cues.indirect_verbs)
    templated += _numbers(corpus, story)
    room = MAX_SENTENCES - len(lead) - len(templated)
    want = max(MIN_SENTENCES - len(lead) - len(templated), min(room, 4))
    used = {(s.passages[0].document, s.passages[0].start) for s in lead if s.passages}
    taken = {(r.document, r.start) for s in templated for r in s.passages}
    rest = [
        c
        for c in candidates
        if (c.doc, c.start) not in used
        and not any(c.start <= t[1] < c.end and c.doc == t[0] for t in taken)
        and not any(_cosine(c.terms, content_terms(s.text)) >= 0.35 for s in lead)
    ]
    more = extractive(rest, want)
    if (
        when is not None
        and lead
        and _cosine(content_terms(when.text), content_terms(lead[0].text)) >= 0.6
    ):
        # the dated event restates the lead: say it once, dated, citing both
        when = _sentence(when.text, lead[0].passages + when.passages, lead[0].sources)
        templated[0] = when
        lead = []
    body = lead + ([templated[0]] if when is not None else [])
    body += more[:1] + [s for s in templated if s is not when] + more[1:]
    return body[:MAX_SENTENCES]


@dataclass
class _StoryView(Corpus):
    """One story's slice of the corpus: the records that touch its documents, in corpus
    order, so each story reads its own few records instead of scanning all of them."""

    index: dict[str, Document] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, Document]:
        return self.index


def _positions(keys: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """key -> positions of the records filed under it (a record may have several keys)."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, record_keys in enumerate(keys):
        for key in dict.fromkeys(record_keys):
            out[key].append(i)
    return out


def _pick(records: list, positions: dict[str, list[int]], keys: Iterable[str]) -> list:
    return [records[i] for i in sorted({i for k in keys for i in positions.get(k, ())})]


def write_briefings(corpus: Corpus, cues: Cues) -> None:
    """Fill every story's `summary` with its cited briefing."""
    claim_doc = {c.id: c.document for c in corpus.claims}
    quotes = _positions([q.document] for q in corpus.quotes)
    claims = _positions([c.document] for c in corpus.claims)
    groups = _positions(
        [claim_doc[c] for c in g.claims if c in claim_doc] for g in corpus.claim_groups
    )
    events = _positions([e.story or ""] for e in corpus.events)
    entities = _positions(
        [f"id:{e.id}", *(m.document for m in e.mentions)] for e in corpus.entities
    )
    index = corpus.by_id
    for story in corpus.stories:
        docs = story.documents
        story_events = _pick(corpus.events, events, [story.id])
        places = [f"id:{e.place}" for e in story_events if e.place]
        view = _StoryView(
            documents=corpus.documents,
            extractions=corpus.extractions,
            entities=_pick(corpus.entities, entities, [*docs, *places]),
            quotes=_pick(corpus.quotes, quotes, docs),
            claims=_pick(corpus.claims, claims, docs),
            claim_groups=_pick(corpus.claim_groups, groups, docs),
            events=story_events,
            index=index,
        )
        story.summary = [s for s in brief_story(view, story, cues) if s.sources]
