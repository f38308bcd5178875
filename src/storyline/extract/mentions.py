"""Entity mentions in one document: spaCy's NER, corrected.

The small model mislabels places as people ("Palmyra" PERSON), groups as places
("Daesh" GPE) and surnames as organisations or dates ("Caillet" ORG, "Winter" DATE).
Each candidate span (actor-list matches first, then NER entities, then proper-noun runs
the model missed) is typed again from the curated actor list, the gazetteer (a dict
probe per span, not an entity ruler with a million patterns) and its context: in-document
surnames, a locative preposition before it, a capital city acting as the subject of a
speech or action verb (metonymy). Titles are stripped from people's names and kept as
roles; surnames and acronyms share the cluster of the full name they stand for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.extract.alias_cues import link_alias_cues
from storyline.extract.roles import Roles
from storyline.lexicon import Knowledge
from storyline.lexicon.actors import Actor, ActorMatcher
from storyline.lexicon.gazetteer import Gazetteer, fold
from storyline.models import LocalMention

MENTIONS = "storyline_mentions"
"""The pipeline component that finds mentions; they are kept on `doc._.storyline_mentions`."""

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FACILITY"}
_KEEP_AS_IS = {"EVENT": "EVENT"}
_LOCATIVE = {
    "in", "at", "near", "from", "to", "into", "outside", "around", "toward", "towards",
    "across", "through", "via", "inside", "throughout", "between", "past", "nearby",
}  # fmt: skip
_PLACE_NOUNS = {
    "city", "town", "village", "province", "region", "district", "governorate", "state",
    "capital", "port", "county", "suburb", "outskirts", "municipality", "country",
}  # fmt: skip
_FACILITY_WORDS = {
    "airport", "base", "airbase", "air", "bridge", "dam", "hospital", "school", "university",
    "stadium", "prison", "camp", "field", "fields", "station", "square", "street", "road",
    "palace", "mosque", "church", "temple", "museum", "college", "center", "centre",
}  # fmt: skip
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame"}  # stripped, not roles
_ADMIN_SUFFIXES = ("province", "governorate", "region", "district", "state", "county")
_PLACE_FEATURES = {"country", "admin1"}
_LOC_FEATURES = {"continent", "region", "sea", "river"}
_MIN_CITY_POP = 5000  # an untagged proper noun after 'in'/'near' is a place above this
_MIN_UNTAGGED_POP = 100_000  # an untagged proper noun with no context, above this
_MIN_RETYPE_POP = 1000  # a PERSON/ORG single token becomes a place above this


@dataclass
class _Cand:
    start: int  # token offsets
    end: int
    label: str | None  # spaCy's label (mapped), or None where we must decide
    actor: Actor | None = None
    type: str | None = None
    name: str = ""
    cluster: str = ""
    roles: list[str] = field(default_factory=list)
    stands_for: str | None = None
    actor_id: str | None = None
    role_start: int = 0  # first token of a role phrase written before the name


class MentionFinder:
    """The mention finder as a pipeline component: the actor matcher, the gazetteer and
    the word lists of one `Knowledge`, loaded once per pipeline."""

    def __init__(self, vocab, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.actors = knowledge.actors
        self.matcher = ActorMatcher(vocab, self.actors)
        self.gz: Gazetteer = knowledge.gazetteer
        self.words = knowledge.entity_words
        self.roles = Roles(self.words)
        self.governments = {
            a.stands_for: a
            for a in self.actors.values()
            if a.id.startswith("gov-") and a.stands_for
        }

    # -------------------------------------------------------------- candidates

    def candidates(self, doc: Doc) -> list[_Cand]:
        taken = [False] * len(doc)
        out: list[_Cand] = []
        for span in self.matcher(doc):
            if not any(c.isupper() for c in span.text):
                continue  # 'amnesty', 'red cross' in lower case are words, not actors
            s, e = _trim(doc, span.start, span.end)
            if s >= e:
                continue
            out.append(_Cand(s, e, None, actor=self.actors[span.label_]))
            for i in range(span.start, span.end):
                taken[i] = True
        for ent in doc.ents:
            label = _LABELS.get(ent.label_) or _KEEP_AS_IS.get(ent.label_)
            free = [i for i in range(ent.start, ent.end) if not taken[i]]
            if not free:
                continue
            pieces = _runs(free, doc)
            whole = len(free) == len(ent) and len(pieces) == 1
            for s, e in pieces:
                if not whole and not any(doc[i].pos_ == "PROPN" for i in range(s, e)):
                    continue
                s, e = _trim(doc, s, e)
                # a name has a capital: 'army' in 'army spokesman' is a word, whatever its tag
                if s < e and _capitalised(doc, s, e):
                    piece = label if whole or len(pieces) > 1 else None
                    if len(pieces) > 1 and self.gz.max_population(doc[s:e].text) >= 1000:
                        piece = "GPE"  # 'Palmyra' in 'Palmyra -- L.A. Times'
                    out.append(_Cand(s, e, piece))
            for i in free:
                taken[i] = True
        # Proper nouns the model left out (or put in a DATE: 'Winter said'), and surnames
        # of the document's full names whatever their tag ('Townsend' tagged NOUN).
        surnames = {
            doc[e.end - 1].lower_
            for e in doc.ents
            if len(e) >= 2
            and (e.label_ == "PERSON" or (e.label_ == "ORG" and _titled(doc, e.start, self.roles)))
        }
        run: list[int] = []
        for tok in doc:
            if (
                not taken[tok.i]
                and (tok.pos_ == "PROPN" or tok.lower_ in surnames)
                and tok.text[:1].isupper()
                and not tok.is_stop
                and not tok.like_num
            ):
                run.append(tok.i)
                continue
            if run and not taken[tok.i] and _name_hyphen(doc, tok.i):
                run.append(tok.i)  # 'Yangongo-Wali' is one word of a name
                continue
            _close_run(doc, run, out)
            run = []
        _close_run(doc, run, out)
        for ent in doc.ents:  # single capitalised words inside other entities
            if (
                ent.label_ in {"DATE", "TIME", "PRODUCT", "WORK_OF_ART"}
                and len(ent) == 1
                and ent[0].text[:1].isupper()
                and not taken[ent.start]
            ):
                out.append(_Cand(ent.start, ent.end, None))
        out.extend(self._national_governments(doc, taken))
        out = _join_actor_prefixes(doc, out)
        out.sort(key=lambda c: (c.start, -c.end))
        dedup: list[_Cand] = []
        last_end = -1
        for c in out:
            if c.start >= last_end:
                dedup.append(c)
                last_end = c.end
        return dedup

    def _national_governments(self, doc: Doc, taken: list[bool]) -> list[_Cand]:
        """'the Moldovan leadership', 'Ukrainian authorities', 'the Kishinev authorities':
        a demonym or a capital before a word for a government names that government."""
        out = []
        heads = self.words["government_nouns"]
        for t in doc:
            if t.lemma_.lower() not in heads and t.lower_ not in heads:
                continue
            for d in t.children:
                if (
                    d.dep_ in ("amod", "compound", "nmod")
                    and t.i - 2 <= d.i < t.i
                    and d.text[:1].isupper()
                    and not taken[t.i]  # the demonym may be a (dropped) NER name
                    and self._nation_of(d.text) is not None
                ):
                    out.append(_Cand(d.i, t.i + 1, "GOVERNMENT"))
        return out

    def _nation_of(self, word: str) -> str | None:
        """ISO code of a demonym ('Moldovan') or a capital ('Kishinev authorities')."""
        key = fold(word)
        return self.gz.demonyms.get(key) or self.gz.capital_of(word)

    # -------------------------------------------------------------- typing

    def __call__(self, doc: Doc) -> Doc:
        # A failure stays on this Doc (find_mentions raises it there): inside `nlp.pipe`
        # it would otherwise cost the whole batch, not just this document's mentions.
        try:
            doc._.set(MENTIONS, link_alias_cues(doc.text, self.find(doc), self.knowledge))
        except Exception as exc:
            doc._.set(MENTIONS, [])
            doc._.set(MENTION_ERROR, f"{type(exc).__name__}: {exc}")
        return doc

    def find(self, doc: Doc) -> list[LocalMention]:
        """The typed, named and clustered mentions of a parsed document."""
        cands = self.candidates(doc)
        for c in cands:
            # 'Col. Marta Ilves, commander of …' is a person whatever the tagger said.
            if (
                c.label in {"ORG", None}
                and c.actor is None
                and (
                    _person_shaped(doc, c, self.roles, self.words["org_words"])
                    or self.roles.ranked_name_start(doc, c.start, c.end) is not None
                )
            ):
                c.label = "PERSON"
        for c in cands:
            if c.label == "PERSON" or c.label is None:
                s, titles = self.roles.strip_titles(doc, c.start, c.end)
                if titles:
                    c.roles.append(" ".join(titles))
                    c.start = s
        surnames = self._surnames(doc, cands)
        acronyms: dict[str, str] = {}
        self._acronyms(doc, cands, acronyms)
        for c in cands:
            self._type(doc, c, surnames)
        kept = [c for c in cands if c.type]
        for c in kept:
            self._cluster(doc, c, surnames, acronyms)
            if c.type == "PERSON":
                self._roles(doc, c)
        role_tokens = {i for c in kept if c.type == "PERSON" for i in range(c.role_start, c.start)}
        kept = [
            c
            for c in kept
            if c.actor_id
            or c.type != "ORG"
            or not all(i in role_tokens for i in range(c.start, c.end))
        ]
        # Acronyms point at their expansion's first token ('@12'): take its cluster.
        at = {f"@{c.start}": c for c in kept}
        for c in kept:
            if c.cluster.startswith("@"):
                target = at.get(c.cluster)
                if target is None:
                    c.cluster = f"o:{fold(c.name)}"
                else:
                    c.cluster, c.name, c.type = target.cluster, target.name, target.type
                    c.actor_id, c.stands_for = target.actor_id, target.stands_for
        return [
            LocalMention(
                start=doc[c.start].idx,
                end=doc[c.end - 1].idx + len(doc[c.end - 1]),
                text=doc[c.start : c.end].text,
                type=c.type,  # type: ignore[arg-type]
                name=c.name,
                cluster=c.cluster,
                role="; ".join(_unique(c.roles)) or None,
                actor_id=c.actor_id,
                stands_for=c.stands_for,
            )
            for c in kept
        ]

    def _surnames(self, doc: Doc, cands: list[_Cand]) -> dict[str, list[tuple[int, str]]]:
        """Surname -> (token position, full name) of each full PERSON name in the doc."""
        out: dict[str, list[tuple[int, str]]] = {}
        for c in cands:
            if c.label != "PERSON" or c.end - c.start < 2:
                continue
            span = doc[c.start : c.end]
            if self._is_big_place(span.text) or self._not_person(span):
                continue  # 'FM' is no surname of 'Radio Beira FM'
            last = doc[_last_word_start(doc, c.start, c.end) : c.end].text
            out.setdefault(fold(last), []).append((c.start, span.text))
        return out

    def _acronyms(self, doc: Doc, cands: list[_Cand], acronyms: dict[str, str]) -> None:
        """'Syrian Democratic Forces (SDF)': the acronym shares the expansion's cluster."""
        starts = {c.start: c for c in cands}
        for c in cands:
            e = c.end
            place = _place_after(doc, e, starts)
            if place is not None and c.label != "GPE":
                e = place.end  # 'the X Mission in the Central African Republic (MINUSCA)'
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
                acr = doc[e + 1].text
                if 2 <= len(acr) <= 8 and acr.isupper() and acr.isalpha():
                    acronyms.setdefault(acr, f"@{c.start}")  # the body, not its country

    def _type(self, doc: Doc, c: _Cand, surnames: dict) -> None:
        span = doc[c.start : c.end]
        text = span.text
        key = fold(text)
        single = _last_word_start(doc, c.start, c.end) == c.start  # one word, hyphens and all
        if c.label == "GOVERNMENT":
            self._government_of(c, self._nation_of(doc[c.start].text) or "")
            return
        if c.actor is not None:
            c.type, c.actor_id, c.name = c.actor.type, c.actor.id, c.actor.name
            if c.actor.stands_for:
                c.stands_for = self.gz.country_names.get(c.actor.stands_for, c.actor.stands_for)
            return
        if (
            single
            and key in surnames
            and text[:1].isupper()
            and (c.label != "GPE" or not self.gz.candidates(text))
        ):
            c.type = "PERSON"  # 'said Mbrindi' after 'Steve Mbrindi': no place of that name
            return
        if single and key in self.words["not_names"]:
            return  # 'Winter' alone, with no Charlie Winter in the document
        named = self._event_name_start(doc, c)  # 'Operation Desert Rain' is no person
        if c.label == "EVENT" or named is not None:
            c.type, c.name = "EVENT", doc[c.start if named is None else named : c.end].text
            return
        if c.label in {"PERSON", None} and self._not_person(span):
            if key in self.words["not_people"] or self.gz.demonyms.get(key):
                return  # a platform, a movement, a demonym: no entity of ours
            c.label = "ORG"  # 'Ouham Patriotic Rally', 'Harbour Times'
        place = self._place_type(doc, c, text)
        if c.label == "PERSON":
            if place and (single or self._is_big_place(text) or self._named_place(doc, c)):
                c.type = place
            elif not _looks_like_name(span, self.roles):
                return
            else:
                c.type = "PERSON"
        elif c.label == "ORG":
            named_place = not single and place and self._named_place(doc, c)
            located = single and self._locative(doc, c.start)
            c.type = place if place and (located or named_place) else "ORG"
            if c.type == "ORG" and self._facility_head(span):
                c.type = "FACILITY"  # 'Coimbra University Hospital', 'Kakuma Refugee Camp'
        elif c.label in {"GPE", "LOC", "FACILITY"}:
            c.type = c.label
            if c.label == "FACILITY" and place and not _facility_words(span):
                c.type = place
            elif c.label == "FACILITY" and not _facility_words(span) and self._org_named(span):
                c.type = "ORG"  # 'Horizon Wire', 'Radio Barka FM': an outlet, not a building
            elif c.label == "GPE" and place == "LOC":
                c.type = "LOC"
        elif place:
            c.type = place
        if c.type in {"GPE", "LOC", "FACILITY"}:
            c.name = _place_name(text)
            self._metonymy(doc, c)
        elif c.type == "ORG":
            c.name = text

    def _place_type(self, doc: Doc, c: _Cand, text: str) -> str | None:
        """'GPE' / 'LOC' where the gazetteer (and, for small places, context) says place."""
        gz = self.gz
        cands = gz.exact(text)
        if not cands:
            base = _strip_admin_suffix(text)
            if base != text:
                cands = gz.exact(base)
        if not cands and c.label in {"GPE", "LOC", "FACILITY"}:
            cands = gz.fuzzy(text)  # 'Al-Qaryatain' for 'Al Qaryatayn'
        if not cands:
            return None
        best = gz.places[cands[0]]
        if best[7] in _LOC_FEATURES:
            return "LOC"
        if best[7] in _PLACE_FEATURES:
            return "GPE"
        pop = max(gz.places[i][6] for i in cands)
        if c.label is None:
            # A proper noun the model did not tag: a place only with a locative context
            # or as a large city ('Roman-era' is not Roman, Romania).
            nxt = doc[c.end].text if c.end < len(doc) else ""
            if nxt in {"-", "–"}:
                return None
            if pop >= _MIN_UNTAGGED_POP or (pop >= _MIN_CITY_POP and self._locative(doc, c.start)):
                return "GPE"
            return None
        if pop >= _MIN_RETYPE_POP or self._locative(doc, c.start):
            return "GPE"
        return None

    def _event_name_start(self, doc: Doc, c: _Cand) -> int | None:
        """Where an operation's name starts when the candidate is one ('Operation X')."""
        for i in (c.start, c.start - 1):
            if i >= 0 and doc[i].text.istitle() and doc[i].lower_ in self.words["event_heads"]:
                return None if i == c.start and c.end - c.start == 1 else i
        return None

    def _not_person(self, span: Span) -> bool:
        """A platform, a demonym, or a name holding an organisation word."""
        words = [t.lower_ for t in span if t.text[:1].isalpha()]
        if len(words) == 1 and (
            words[0] in self.words["not_people"] or self.gz.demonyms.get(words[0])
        ):
            return True
        org_words = self.words["org_words"]
        # accents as written or not: 'Rádio Beira FM' holds 'radio'
        return any(
            t.text[:1].isupper() and (t.lower_ in org_words or fold(t.text) in org_words)
            for t in span
        )

    def _org_named(self, span: Span) -> bool:
        return any(t.text[:1].isupper() and t.lower_ in self.words["org_words"] for t in span)

    def _facility_head(self, span: Span) -> bool:
        """A several-word name ending in a facility word, or in one plus 'Centre'."""
        words = [t.lower_ for t in span if t.text[:1].isalpha()]
        if len(words) >= 2 and words[-1] in ("centre", "center", "complex"):
            words = words[:-1]
        return len(words) >= 2 and words[-1] in self.words["facility_heads"]

    def _named_place(self, doc: Doc, c: _Cand) -> bool:
        """A several-word name that is a populated place of the gazetteer, with no title
        before it and no organisation word in it ('Castelo Branco', 'Vila de Rei')."""
        span = doc[c.start : c.end]
        if len(span) < 2 or c.roles or _titled(doc, c.start, self.roles):
            return False
        if any(t.lower_ in self.words["org_words"] for t in span):
            return False
        return self.gz.max_population(span.text) >= _MIN_RETYPE_POP

    def _is_big_place(self, text: str) -> bool:
        return self.gz.max_population(text) >= 100_000

    def _locative(self, doc: Doc, start: int) -> bool:
        j = start - 1
        if j >= 0 and doc[j].lower_ in {"the", "of"}:
            # 'the city of Palmyra', 'near the town of Nokia'
            if doc[j].lower_ == "of" and j >= 1 and doc[j - 1].lower_ in _PLACE_NOUNS:
                return True
            j -= 1
        return j >= 0 and doc[j].lower_ in _LOCATIVE

    def _metonymy(self, doc: Doc, c: _Cand) -> None:
        """A capital acting or speaking stands for its government: 'Damascus vowed'."""
        iso = self.gz.capital_of(doc[c.start : c.end].text)
        if iso is None or _dateline(doc, c.start):
            return
        root = doc[c.start : c.end].root
        subj = root
        if root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"}:
            subj = root.head
        if subj.dep_ not in {"nsubj", "nsubjpass"}:
            return
        if not self._acts(subj.head):
            return
        self._government_of(c, iso)

    def _government_of(self, c: _Cand, iso: str) -> None:
        country = self.gz.country_names.get(iso, iso)
        gov = self.governments.get(iso)
        c.type = "ORG"
        c.actor_id = gov.id if gov else f"gov-{iso.lower()}"
        c.name = gov.name if gov else f"Government of {country}"
        c.stands_for = country

    def _acts(self, verb) -> bool:
        """The verb (or a verb it governs: 'were likely to push') is an action or speech."""
        frontier, verbs = [verb], self.words["metonymy"]
        for _ in range(3):
            if any(v.lemma_.lower() in verbs for v in frontier):
                return True
            frontier = [
                ch for v in frontier for ch in v.children if ch.dep_ in {"xcomp", "acomp", "ccomp"}
            ]
        return False

    # -------------------------------------------------------------- clusters

    def _cluster(self, doc: Doc, c: _Cand, surnames: dict, acronyms: dict) -> None:
        text = doc[c.start : c.end].text
        if c.type == "PERSON":
            name = _person_name(text)
            key = fold(name)
            if c.end - c.start == 1 or len(name.split()) == 1:
                full = _nearest_full(surnames.get(key, []), c.start)
                if full:
                    name = _person_name(full)
                    key = fold(name)
            c.name, c.cluster = name, f"p:{key}"
            return
        if c.actor_id:
            c.cluster = f"a:{c.actor_id}"
            return
        if text in acronyms:
            c.name = c.name or text
            c.cluster = acronyms[text]
            return
        prefix = "g" if c.type in {"GPE", "LOC", "FACILITY"} else "o"
        c.name = c.name or text
        c.cluster = f"{prefix}:{fold(c.name)}"

    def _roles(self, doc: Doc, c: _Cand) -> None:
        roles = [r for r in c.roles if r.lower().rstrip(".") not in _HONORIFICS]
        c.role_start = c.start
        before = self.roles.role_before(doc, c.start)
        if before:
            roles.append(before[0])
            c.role_start = before[1]
        after = self.roles.role_after(doc, c.end)
        if after:
            roles.append(after)
        c.roles = roles


# ------------------------------------------------------------------ helpers


_BREAKS = {"--", "—", "–", "|", ":", ";", "(", ")", '"', "“", "”", "/", ","}


def _runs(indices: list[int], doc: Doc | None = None) -> list[tuple[int, int]]:
    """Contiguous runs of token indices, broken at line breaks and separators (an entity
    the model ran across 'Reuters\nSyria army' or 'Palmyra -- L.A. Times')."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if doc is not None and (
            doc[i].is_space or "\n" in doc[i].whitespace_ or doc[i].text in _BREAKS
        ):
            if "\n" in doc[i].whitespace_ and not doc[i].is_space and doc[i].text not in _BREAKS:
                _extend(runs, i)
            runs.append((i + 1, i + 1))  # a closed, empty run
            continue
        _extend(runs, i)
    return [r for r in runs if r[0] < r[1]]


def _extend(runs: list[tuple[int, int]], i: int) -> None:
    if runs and runs[-1][1] == i:
        runs[-1] = (runs[-1][0], i + 1)
    else:
        runs.append((i, i + 1))


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop a leading article and trailing possessives / punctuation."""
    while s < e and (doc[s].lower_ in {"the", "a", "an"} or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (
        doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].lower_ in {"'s", "’s", "s"}
    ):
        if doc[e - 1].lower_ == "s" and (e - 2 < s or doc[e - 2].text not in {"'", "’"}):
            break
        e -= 1
    return s, e


def _name_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen that joins two capitalised parts of one name, unspaced: 'Yangongo-Wali'."""
    return (
        doc[i].text == "-"
        and 0 < i < len(doc) - 1
        and not doc[i].whitespace_
        and not doc[i - 1].whitespace_
        and doc[i - 1].text[:1].isupper()
        and doc[i + 1].text[:1].isupper()
    )


def _last_word_start(doc: Doc, s: int, e: int) -> int:
    """Token index where the span's last word starts, a hyphenated name counting as one."""
    j = e - 1
    while j - 2 >= s and _name_hyphen(doc, j - 1):
        j -= 2
    return j


def _word_count(doc: Doc, s: int, e: int) -> int:
    return (e - s) - 2 * sum(1 for i in range(s, e) if _name_hyphen(doc, i))


def _close_run(doc: Doc, run: list[int], out: list[_Cand]) -> None:
    while run and doc[run[-1]].text == "-":
        run.pop()
    if run:
        out.append(_Cand(run[0], run[-1] + 1, None))


def _dateline(doc: Doc, start: int) -> bool:
    """'CHISINAU, May 2 -': an upper-case place opening a paragraph is where the report
    was filed, not a government acting."""
    opens = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    return opens and doc[start].text.isupper() and len(doc[start].text) > 2


def _place_after(doc: Doc, end: int, starts: dict[int, _Cand]) -> _Cand | None:
    """The place an organisation's name ends with: '… Mission in the Central African
    Republic', '… Office for Iraq'."""
    if end >= len(doc) or doc[end].lower_ not in ("in", "for", "of"):
        return None
    i = end + 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    place = starts.get(i)
    return place if place is not None and place.label in ("GPE", "LOC") else None


def _join_actor_prefixes(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """'United Nations' + 'Multidimensional Integrated Stabilization Mission': an
    actor's name run straight into two or more capitalised words is the start of another
    body's name, which is one mention (not the actor)."""
    by_start = {c.start: c for c in cands if c.actor is None and c.label is None}
    out: list[_Cand] = []
    dropped: set[int] = set()
    for c in sorted(cands, key=lambda c: c.start):
        if id(c) in dropped:
            continue
        nxt = by_start.get(c.end) if c.actor is not None else None
        if (
            nxt is not None
            and nxt.end - nxt.start >= 2
            and all(t.is_title for t in doc[nxt.start : nxt.end])
            and not doc[c.end - 1].whitespace_.count("\n")
        ):
            out.append(_Cand(c.start, nxt.end, "ORG"))
            dropped.add(id(nxt))
            continue
        out.append(c)
    return out


def _capitalised(doc: Doc, s: int, e: int) -> bool:
    return any(doc[i].text[:1].isupper() for i in range(s, e))


def _titled(doc: Doc, start: int, roles: Roles) -> bool:
    """A personal title just before: 'Col. Ilves', 'President Putin'."""
    j = start - 1
    while j >= 0 and doc[j].text == ".":
        j -= 1
    return j >= 0 and roles.is_title(doc[j]) and doc[j].text[:1].isupper()


def _person_shaped(doc: Doc, c: _Cand, roles: Roles, org_words: frozenset[str]) -> bool:
    """Two or three capitalised proper nouns (no organisation word among them) after a
    title or a role, or before a role apposition."""
    span = doc[c.start : c.end]
    words = [t for t in span if not _name_hyphen(doc, t.i)]
    if _word_count(doc, c.start, c.end) not in (2, 3) or not all(
        t.pos_ == "PROPN" and t.is_title for t in words
    ):
        return False
    if any(t.lower_ in org_words for t in span):
        return False
    return (
        _titled(doc, c.start, roles)
        or roles.role_after(doc, c.end) is not None
        or roles.role_before(doc, c.start) is not None  # 'its spokesman, Blaise Ngotto'
    )


def _looks_like_name(span: Span, roles: Roles) -> bool:
    """A PERSON span should start with a capital and hold a proper noun."""
    return span.text[:1].isupper() and any(t.pos_ == "PROPN" or roles.is_title(t) for t in span)


def _facility_words(span: Span) -> bool:
    return any(t.lower_ in _FACILITY_WORDS for t in span)


def _strip_admin_suffix(text: str) -> str:
    low = text.lower()
    for suffix in _ADMIN_SUFFIXES:
        if low.endswith(" " + suffix):
            return text[: -len(suffix) - 1]
    return text


def _place_name(text: str) -> str:
    return text.strip()


def _person_name(text: str) -> str:
    return " ".join(w for w in text.replace("’s", "").replace("'s", "").split() if w)


def _nearest_full(fulls: list[tuple[int, str]], position: int) -> str | None:
    """The full name a surname stands for: the last one before it, else the first."""
    if not fulls:
        return None
    before = [name for pos, name in fulls if pos < position]
    return before[-1] if before else fulls[0][1]


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x and x not in seen:
            seen.append(x)
    return seen


# ------------------------------------------------------------------ public API

MENTION_ERROR = "storyline_mentions_error"
for _name in (MENTIONS, MENTION_ERROR):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(MENTIONS, default_config={"data": [], "aliases": []})
def make_mention_finder(nlp: Language, name: str, data: list[str], aliases: list[str]):
    """The mention finder over the knowledge of these data folders and alias files."""
    return MentionFinder(nlp.vocab, Knowledge.shared(data, aliases))


def find_mentions(doc: Doc) -> list[LocalMention]:
    """Entity mentions of one parsed document, typed, named and clustered: those the
    `storyline_mentions` component left on the Doc."""
    if doc._.get(MENTION_ERROR):
        raise RuntimeError(f"the mention finder failed: {doc._.get(MENTION_ERROR)}")
    mentions = doc._.get(MENTIONS)
    if mentions is None:
        raise ValueError(
            f"no mentions on this Doc: parse it with a pipeline that has the {MENTIONS!r} "
            "component (storyline.extract.nlp.load_nlp)"
        )
    return mentions
