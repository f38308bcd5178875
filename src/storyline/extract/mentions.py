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

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.extract.alias_cues import link_alias_cues
from storyline.extract.roles import Roles, signature_blocks
from storyline.lexicon import Knowledge
from storyline.lexicon.actors import Actor, ActorMatcher
from storyline.lexicon.gazetteer import Gazetteer, fold
from storyline.models import LocalMention

MENTIONS = "storyline_mentions"
"""The pipeline component that finds mentions; they are kept on `doc._.storyline_mentions`."""

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FACILITY"}
_KEEP_AS_IS = {"EVENT": "EVENT"}
_BODY_JOINERS = {"of", "for", "and", "&"}  # 'Office of Management and Budget' is a body
_BIG_PLACE_POP = 100_000  # a place this big is read as the place in a list of names
_LOCATIVE = {
    "in", "at", "near", "from", "to", "into", "outside", "around", "toward", "towards",
    "across", "through", "via", "inside", "throughout", "between", "past", "nearby",
}  # fmt: skip
_FACILITY_WORDS = {
    "airport", "base", "airbase", "air", "bridge", "dam", "hospital", "school", "university",
    "stadium", "prison", "camp", "field", "fields", "station", "square", "street", "road",
    "palace", "mosque", "church", "temple", "museum", "college", "center", "centre",
}  # fmt: skip
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame"}  # stripped, not roles
# Honorifics that only ever stand before a person's name ('Mr. Baker' is no town).
_GENDERED_HONORIFICS = {"mr", "mrs", "ms", "miss"}
_PERSON_HONORIFICS = _HONORIFICS | {"dr", "prof", "messrs", "mme", "mlle"}
_ADMIN_SUFFIXES = ("province", "governorate", "region", "district", "state", "county")
_PLACE_FEATURES = {"country", "admin1"}
_LOC_FEATURES = {"continent", "region", "sea", "river"}
_CODE = re.compile(r"[A-Z]{1,2}\d{1,4}[A-Z]?")  # 'B436', 'GT3': a road's or a model's code
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
    same_as: _Cand | None = None  # a name the text gives in brackets after this one
    family: str | None = None  # 'David' of 'David and Jodi Mahler': the shared surname
    kin: bool = False  # named as someone's son, wife, …, or by age: a person, whatever else


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
            actor = self.actors[span.label_]
            if not self._corroborated(doc, doc[s:e].text, actor):
                continue  # 'the FSA' of a financial regulator is no armed group
            out.append(_Cand(s, e, None, actor=actor))
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
        out.extend(self._national_bodies(doc, taken))
        particles = self.words["name_particles"]
        for c in out:
            if c.actor is None:
                c.end = _hyphen_tail(doc, c.end, particles)
        out = self._route_ends(doc, out)
        for c in out:
            if c.actor is None:
                self._feature_name(doc, c)
        out = _join_actor_prefixes(doc, out)
        out = self._other_nations_bodies(doc, out)
        out = _join_particles(doc, out, self.words["spaced_name_particles"])
        out = _join_abbreviated_heads(doc, out, self.words["place_abbreviations"])
        out = _join_by_acronym(doc, out)
        out = _parenthetical_names(doc, out)
        out = self._without_titles_of_works(doc, out)
        out = self._without_title_case_runs(doc, out)
        out = self._join_split_places(doc, out)
        out = self._join_possessive_heads(doc, out)
        out = self._join_over_state_brackets(doc, out)
        out = self._join_legal_forms(doc, out)
        out = self._join_listed_fields(doc, out)
        out = self._join_for_tails(doc, out)
        for c in out:
            if (
                c.actor is None
                and c.label in {"ORG", None}
                and c.end - c.start >= 3
                and doc[c.end - 1].lower_ in self.words["member_nouns"]
            ):
                c.end -= 1  # 'the Joint Opposition MPs': the bloc, not its members
        out = self._bodies_of_places(doc, out)
        out = self._bodies_in_apposition(doc, out)
        out = self._outlet_before_surname(doc, out)
        out = self._join_and_countries(doc, out)
        out.sort(key=lambda c: (c.start, -c.end))
        dedup: list[_Cand] = []
        last_end = -1
        for c in out:
            if c.start >= last_end:
                dedup.append(c)
                last_end = c.end
        return dedup

    def _feature_name(self, doc: Doc, c: _Cand) -> None:
        """'the Serra do Muradal', 'Mount Elgon': a feature word (and name particles)
        before the name belong to it, and make it a location."""
        features = self.words["feature_words"]
        j = c.start - 1
        while j >= 0 and j >= c.start - 2 and doc[j].lower_ in self.words["spaced_name_particles"]:
            j -= 1
        after = doc[c.end] if c.end < len(doc) else None
        if (
            after is not None
            and after.text.islower()
            and after.lower_ in self.words["feature_heads"]
            and after.dep_ not in {"compound", "amod"}
            and "\n" not in doc[c.end - 1].whitespace_
        ):
            # 'the Ouham river' where a place shares the name: the river, named apart
            name = doc[c.start : c.end].text
            if self.gz.exact(name) or fold(name) in self.gz.div_names:
                c.end += 1
            c.label = "LOC"
            return
        if j >= 0 and doc[j].text.istitle() and doc[j].lower_.rstrip(".") in features:
            c.start = j
        elif not (
            doc[c.start].text.istitle()
            and doc[c.start].lower_.rstrip(".") in features
            and c.end - c.start >= 2
            and c.label in {"PERSON", "ORG", "FACILITY", None}
        ):
            return
        # 'Cape Town', 'Cabo Delgado', 'the village of Monte Alto' are towns or provinces
        town = self.gz.exact(doc[c.start : c.end].text) or self._place_noun_before(doc, c.start)
        c.label = "GPE" if town else "LOC"

    def _named_body(self, doc: Doc, c: _Cand) -> bool:
        """'the Séléka rebel coalition', 'the group known as Grey Lynx': a name that
        modifies, or is introduced by, a noun for a body of people."""
        bodies = self.words["collective_nouns"]
        last = doc[c.end - 1]
        head = last
        for _ in range(3):  # 'Séléka' -> 'rebel' -> 'coalition'
            if head.dep_ != "compound" or head.head.i <= head.i:
                break
            head = head.head
            if head.text.islower() and head.lemma_.lower() in bodies:
                return True
        j = c.start - 1
        if j >= 0 and doc[j].lower_ in {"as", "called", "named", "dubbed"}:
            j -= 1 if doc[j].lower_ != "as" else 2  # 'known as'
            return j >= 0 and doc[j].text.islower() and doc[j].lemma_.lower() in bodies
        return False

    def _route_ends(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the Apapa-Oshodi expressway': a hyphenated pair of towns before a route noun
        names two places, not one body."""
        out: list[_Cand] = []
        routes = self.words["route_nouns"]
        for c in cands:
            after = doc[c.end] if c.end < len(doc) else None
            if (
                c.actor is None
                and c.end - c.start == 3
                and _name_hyphen(doc, c.start + 1)
                and after is not None
                and (after.lower_ in routes or after.lemma_.lower() in routes)
                and all(self.gz.exact(doc[i].text) for i in (c.start, c.start + 2))
            ):
                out += [_Cand(c.start, c.start + 1, "GPE"), _Cand(c.start + 2, c.end, "GPE")]
            else:
                out.append(c)
        return out

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
                ):
                    start = self._demonym_start(doc, d.i)
                    if start is not None:
                        out.append(_Cand(start, t.i + 1, "GOVERNMENT"))
        return out

    def _corroborated(self, doc: Doc, text: str, actor: Actor) -> bool:
        """An armed group's three-letter acronym ('FSA', 'LRA') stands for it only where
        the document also names it in full or names its country: three capitals are the
        most overloaded initials, and calling a regulator an armed group costs an
        analyst. Longer ones ('ISIS', 'ISIL') and two-letter ones written in capitals
        ('IS') are taken as they are."""
        raw = text.replace(".", "")
        if actor.type != "ARMED_GROUP" or len(raw) != 3 or not raw.isupper():
            return True
        body = doc.text.lower()
        longer = [a for a in (actor.name, *actor.aliases) if len(a.replace(".", "")) > 4]
        if any(a.lower() in body for a in longer):
            return True
        country = self.gz.country_names.get(actor.stands_for or "")
        return bool(country) and country.lower() in body

    def _other_nations_bodies(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the Colombian Ministry of Defence', 'the Portuguese Red Cross': an actor's
        name after the demonym of another country than the actor's is that country's
        own body (a national society, a ministry), named as written."""
        out = []
        for c in cands:
            j = c.start - 1
            start = self._demonym_start(doc, j) if j >= 0 and doc[j].text[:1].isupper() else None
            if c.actor is not None and start is not None:
                nation = self._nation_of(doc[start : c.start].text)
                if nation != c.actor.stands_for:
                    c = _Cand(start, c.end, "ORG")
            out.append(c)
        return out

    def _join_titled_names(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Dr. Ana' + 'Reyes' (the tagger took the surname alone for a body): a titled
        given name and the capitalised word right after it are one person's name."""

        def joins(c: _Cand, nxt: _Cand) -> str | None:
            first = doc[c.start].lower_.rstrip(".")
            titled = first in _PERSON_HONORIFICS or self.roles.is_title(doc[c.start])
            ok = (
                titled
                and c.end - c.start == 2  # the title and one given name
                and c.label in ("PERSON", None)
                and nxt.label in ("ORG", None)
                and nxt.end - nxt.start == 1
                and doc[nxt.start].is_title
            )
            return "PERSON" if ok else None

        return _join_with_next(cands, lambda c: c.end, joins)

    def _person_after_inner_title(self, doc: Doc, c: _Cand) -> None:
        """'Manitoba Premier Brian Pallister' tagged a body: a title or role inside the
        name, then two or three capitalised proper nouns to its end, is that person, and
        what comes before is the role."""
        if c.actor is not None or c.label not in {"ORG", None} or c.end - c.start < 4:
            return
        for k in range(c.start + 1, c.end - 2):
            t = doc[k]
            if not (self.roles.is_title(t) or self.roles.is_role_noun(t)) or not t.is_title:
                continue
            name = doc[k + 1 : c.end]
            if (
                2 <= len(name) <= 3
                and all(x.pos_ == "PROPN" and x.is_title for x in name)
                and not self._not_person(name)
            ):
                c.roles.append(doc[c.start : k + 1].text)
                c.start, c.label = k + 1, "PERSON"
            return

    def _kin_or_age_before(self, doc: Doc, start: int) -> bool:
        """'his son, Sebastian', 'his wife Ana', 'two-year-old Leo': a kinship noun or an
        age just before a name makes it a person's name, not a town's."""
        j = start - 1
        if j >= 0 and doc[j].text == ",":
            j -= 1
        if j < 0:
            return False
        t = doc[j]
        if t.lower_ in self.words["kin_nouns"] or t.lemma_.lower() in self.words["kin_nouns"]:
            return True
        # 'two-year-old', '3-year-old' (tokens 'year', '-', 'old')
        if t.lower_ != "old" or j < 1:
            return False
        # '8-year old Ava' (no hyphen before 'old')
        units = {"year", "years", "month", "months"}
        return doc[j - 1].lower_ in units or (j >= 2 and doc[j - 2].lower_ in units)

    def _shared_surnames(self, doc: Doc, cands: list[_Cand]) -> None:
        """'David and Jodi Mahler', 'the deaths of Helen, Clarence and Randy Kunz': first
        names listed before 'and' and a full name share its surname. Not a country or a
        big city ('France and Angela Merkel'), not a known actor."""
        by_end = {c.end: c for c in cands}
        # a word that ends another full name here is a surname ('Jane Smith' ... 'Smith and
        # John Brown'), not a first name
        surnames = {
            doc[c.end - 1].lower_ for c in cands if c.label == "PERSON" and c.end - c.start > 1
        }
        for p in cands:
            if p.label != "PERSON" or not 2 <= p.end - p.start <= 3 or p.start < 2:
                continue
            if doc[p.start - 1].lower_ != "and":
                continue
            family = doc[p.end - 1].text
            items: list[_Cand] = []
            j = p.start - 1  # the token after the item before
            if doc[j - 1].text == ",":
                j -= 1  # the serial comma
            listed = False  # the last item seen follows a comma
            while (item := by_end.get(j)) is not None and item.end - item.start == 1:
                tok = doc[item.start]
                if (
                    item.actor is not None
                    or tok.lower_ in surnames
                    or not (tok.is_title and tok.is_alpha)
                    or self.gz.country_of_name(tok.text)
                    or self.gz.max_population(tok.text) >= _BIG_PLACE_POP
                ):
                    items = []
                    break
                items.append(item)
                listed = item.start >= 1 and doc[item.start - 1].text == ","
                if listed:
                    j = item.start - 1
                else:
                    break
            before = by_end.get(j) if listed else None
            if before is not None and before.end - before.start > 1:
                items = []  # 'Storm Cloud, Orvale and Ana de Souza': a list of other things
            for item in items:
                item.label, item.family = "PERSON", family

    def _signatory(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """A statement's signature block ('The National Commander of X' over 'Ana Obi'):
        the name line is a person holding that office, even where the tagger missed it,
        and the office line is her title, not a body."""
        text = doc.text
        for office, name, at, line_at in signature_blocks(text, self.words["roles"]):
            span = doc.char_span(at, at + len(name), alignment_mode="expand")
            line_end = text.find("\n", line_at)
            line = doc.char_span(
                line_at, len(text) if line_end < 0 else line_end, alignment_mode="expand"
            )
            if span is None or line is None:
                continue
            cands = [
                c
                for c in cands
                if c.actor is not None or not (line.start <= c.start and c.end <= line.end)
            ]
            same = [c for c in cands if c.start < span.end and span.start < c.end]
            if not same:
                cands.append(_Cand(span.start, span.end, "PERSON", roles=[office]))
            elif len(same) == 1 and (same[0].start, same[0].end) == (span.start, span.end):
                same[0].label = "PERSON"
                same[0].roles.append(office)
        cands.sort(key=lambda c: (c.start, c.end))
        return cands

    def _without_job_titles(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Ana Ruiz, International Market Development Director of Acme': capitalised words
        before a role noun, after a person and a comma, are her job title, no body."""
        persons = {c.end for c in cands if c.label == "PERSON"}
        out = []
        for c in cands:
            after = doc[c.end] if c.end < len(doc) else None
            if (
                c.actor is None
                and c.label in {"ORG", None}
                and c.start >= 2
                and doc[c.start - 1].text == ","
                and (c.start - 1) in persons
                and after is not None
                and after.is_title
                and self.roles.is_role_noun(after)
            ):
                continue
            out.append(c)
        return out

    def _join_and_countries(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Trinidad and Tobago', 'Antigua and Barbuda': two names joined by 'and' that
        together name a country are that country."""
        out: list[_Cand] = []
        for c in sorted(cands, key=lambda c: c.start):
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.end + 1 == c.start
                and doc[prev.end].lower_ == "and"
                and self.gz.country_of_name(doc[prev.start : c.end].text)
            ):
                out[-1] = _Cand(prev.start, c.end, "GPE")
                continue
            out.append(c)
        return out

    def _join_legal_forms(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Dimond & Rothstein, P.A.', 'Acme Drilling S.A.S.': a legal form after a body's
        name and a comma, or a dotted one right after it, belongs to the name
        ([legal_forms])."""
        forms = self.words["legal_forms"]
        by_end = {c.end: c for c in cands}
        out = []
        for c in sorted(cands, key=lambda c: c.start):
            text = doc[c.start : c.end].text
            if c.start > 0 and doc[c.start - 1].text == ",":
                body = by_end.get(c.start - 1)
            else:
                body = by_end.get(c.start) if "." in text else None
            if (
                body is not None
                and body.actor is None
                and body.label in {"ORG", "PERSON", None}
                and c.end - c.start <= 2
                and text.replace(".", "").replace(" ", "").lower() in forms
            ):
                body.end, body.label = c.end, "ORG"
                continue
            out.append(c)
        return out

    def _join_listed_fields(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Federal Ministry of Labour, Employment and Productivity': a body named by its
        fields, cut by the tagger at the comma; the capitalised 'X and Y' after the comma
        belongs to the name (never a place, a person or an actor)."""
        out = sorted(cands, key=lambda c: c.start)
        heads = self.words["place_bodies"] | self.words["org_words"]
        for c in out:
            of = [i for i in range(c.start + 1, c.end - 1) if doc[i].lower_ == "of"]
            if (
                c.actor is not None
                or c.label not in {"ORG", None}
                or not of
                or doc[of[0] - 1].lower_ not in heads
                or c.end + 3 >= len(doc)
            ):
                continue
            if doc[c.end].lower_ == "and":
                # 'Ministry of Foreign Affairs and International Cooperation': a second
                # field of two or more capitalised words without a body word of its own
                nxt = next((x for x in out if x.start == c.end + 1), None)
                if (
                    nxt is not None
                    and nxt.actor is None
                    and nxt.label in {"ORG", None}
                    and nxt.end - nxt.start >= 2
                    and all(t.is_title and t.is_alpha for t in doc[nxt.start : nxt.end])
                    and not any(t.lower_ in heads for t in doc[nxt.start : nxt.end])
                ):
                    c.end, nxt.start, nxt.end = nxt.end, -1, -1
                continue
            if doc[c.end].text != ",":
                continue
            i, words, ands = c.end + 1, 0, 0
            while i < len(doc) and words + ands < 6:
                t = doc[i]
                if t.lower_ == "and" and words:
                    ands += 1
                elif t.is_title and t.is_alpha:
                    words += 1
                else:
                    break
                i += 1
            if ands != 1 or doc[i - 1].lower_ == "and" or not 2 <= words <= 4:
                continue
            inside = [x for x in out if x is not c and c.end < x.end and x.start < i]
            if any(x.actor or x.label in {"GPE", "PERSON", "LOC"} for x in inside):
                continue
            for x in inside:
                x.start = x.end = -1  # absorbed
            c.end = i
        return [c for c in out if c.start >= 0]

    def _join_for_tails(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the Agency for International Development', 'the Council for Economic
        Affairs': a body word, 'for' and capitalised words are one name that the tagger
        cut at 'for' (never over a place, a person or an actor, nor a label's colon; not
        after an office: 'the Minister for X' is a title)."""
        heads = self.words["org_words"]
        for t in doc:
            i = t.i
            if t.lower_ != "for" or i < 1 or i + 1 >= len(doc):
                continue
            if not (doc[i - 1].is_title and doc[i - 1].lower_ in heads and doc[i + 1].is_title):
                continue
            start = i - 1
            while (
                start > 0 and i - start < 5 and (doc[start - 1].is_title or doc[start - 1].is_upper)
            ):
                start -= 1
            end = i + 1
            while (
                end < len(doc)
                and end - i <= 4
                and (doc[end].is_title or (doc[end].lower_ in _NAME_JOINERS and end + 1 < len(doc)))
                and not (end + 1 < len(doc) and doc[end + 1].text == ":")  # 'Country:'
            ):
                end += 1
            while doc[end - 1].lower_ in _NAME_JOINERS:
                end -= 1
            if start < i - 1 and doc[start].is_sent_start and doc[start].lower_ in {"the", "a"}:
                start += 1
            inside = [c for c in cands if c.start < end and start < c.end]
            if any(c.start <= i < c.end for c in cands):
                continue  # the tagger has the name whole
            if not inside or any(
                c.actor or c.label in {"GPE", "LOC", "PERSON"} or c.start < start or c.end > end
                for c in inside
            ):
                continue
            for c in inside:
                c.start = c.end = -1
            cands.append(_Cand(start, end, "ORG"))
        return sorted((c for c in cands if c.start >= 0), key=lambda c: c.start)

    def _bodies_of_places(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the Diocese of Tibú', 'the Catholic diocese of Tibú': a body named after its
        place by 'of', where the tagger took only the place. A lower-case head counts
        only after a capitalised word ('the diocese of X' is a description)."""
        heads = self.words["place_bodies"]
        for c in cands:
            h = c.start - 2
            if (
                c.actor is not None
                or h < 0
                or doc[h + 1].lower_ != "of"
                or doc[h].lower_ not in heads
                # a place by the tagger or, whatever its tag, by the gazetteer
                or not (c.label in {"GPE", "LOC"} or self.gz.exact(doc[c.start : c.end].text))
            ):
                continue
            # the head alone may be a candidate of its own ('The Diocese'): absorbed
            holder = [x for x in cands if x.start <= h < x.end]
            if holder and (holder[0].actor or holder[0].end != h + 1):
                continue
            start = h
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ in {"PROPN", "ADJ"}:
                start -= 1
            if doc[h].is_lower and start == h:
                continue
            for x in holder:
                x.start = x.end = -1
            c.start, c.label = start, "ORG"
        return [c for c in cands if c.start >= 0]

    def _bodies_in_apposition(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the doctors' union, Zdrowa Praca, told …', 'the terminal operator, Lagos Bulk
        and Container Terminals, says': a name set off by commas after a noun for a kind
        of body is that body, whole up to the closing comma."""
        bodies = self.words["body_nouns"]
        taken = {i for c in cands for i in range(c.start, c.end)}
        for c in cands:
            start = c.start  # the tagger may have left the name's first words out
            while start > 1 and doc[start - 1].is_title and start - 1 not in taken:
                start -= 1
            # 'the operator, X,' or 'the electricity distributor X'
            comma = start > 0 and doc[start - 1].text == ","
            k = start - 2 if comma else start - 1
            if (
                c.actor is not None
                or c.label not in {"PERSON", "ORG", None}
                or k < 1
                or not doc[k].is_lower
                or doc[k].lemma_.lower() not in bodies
            ):
                continue
            # a determiner or possessor before the noun: 'the union', 'their employer'
            if not any(
                doc[i].dep_ in {"det", "poss"} or doc[i].tag_ in {"PRP$", "POS"}
                for i in range(max(0, k - 3), k)
            ):
                continue
            end = c.start
            while end < min(len(doc), c.start + 9) and (
                (doc[end].is_title and not doc[end].is_punct)
                or doc[end].lower_ in _NAME_JOINERS
                or "." in doc[end].text.strip(".")  # 'S.A.'
            ):
                end += 1
            if (
                (comma and end < len(doc) and doc[end].text not in {",", ".", ";", ")"})
                or doc[end - 1].lower_ in _NAME_JOINERS
                or end < c.end
            ):
                continue
            if not comma and c.label == "PERSON" and (start, end) == (c.start, c.end):
                continue  # 'the firm John Smith hired': the tagger's whole person stands
            inside = [x for x in cands if x is not c and c.start <= x.start < end]
            if any(x.actor or x.label in {"GPE", "LOC"} for x in inside):
                continue
            for x in inside:
                x.start = x.end = -1
            c.start, c.end, c.label = start, end, "ORG"
            if comma:  # what the text says the body is: a later 'the doctors' union' is it
                first = max(doc[k].left_edge.i, k - 3)
                while first < k and (
                    doc[first].dep_ == "det" or doc[first].tag_ == "PRP$" or doc[first].is_punct
                ):
                    first += 1
                c.roles.append(doc[first : k + 1].text)
        return [c for c in cands if c.start >= 0]

    def _without_titles_of_works(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the TV series "Below Deck"', 'his book, Transforming the Civil Service, ...',
        'the film Harbour Lights.': the title after a noun for a work is no entity, whatever
        the tagger made of its words."""
        works = self.words["work_nouns"]
        titles: list[tuple[int, int]] = []
        for t in doc:
            if t.lower_ not in works and t.lemma_.lower() not in works:
                continue
            i = t.i + 1
            if i < len(doc) and doc[i].text == ",":
                i += 1
                close = {","}
            elif i < len(doc) and doc[i].is_quote:
                i += 1
                close = {'"', "”", "’", "'", "»"}
            else:
                close = {".", ",", ";", ":", ")", "!", "?"}
            if i >= len(doc) or not doc[i].text[:1].isupper():
                continue
            end = next((k for k in range(i, min(i + 12, len(doc))) if doc[k].text in close), None)
            if end is None or end == i:
                continue
            # unquoted, a title is written in capitals: 'the series Netflix launched' is none
            if "," in close or "." in close:
                minor = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "'s", "’s"}
                if not all(
                    doc[k].text[:1].isupper() or doc[k].lower_ in minor for k in range(i, end)
                ):
                    continue
            titles.append((i, end))
        if not titles:
            return cands
        return [c for c in cands if not any(s <= c.start and c.end <= e for s, e in titles)]

    def _without_title_case_runs(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'when she sang Nobody Has Seen The Rain on tour': a run of four or more
        capitalised words inside a sentence, two of them closed-class words written with
        a capital ('Has', 'The'), is the title of a work; a name does not capitalise its
        verbs and determiners. A run that opens a sentence or a line (a headline) is a
        title only where the same words stand inside a sentence too."""
        minor = self.words["title_case_words"]
        runs: list[tuple[int, int, bool]] = []
        i = 0
        while i < len(doc):
            if not doc[i].text[:1].isupper():
                i += 1
                continue
            j = i
            while j < len(doc) and doc[j].text[:1].isupper() and not doc[j].is_punct:
                j += 1
            prev = doc[i - 1] if i > 0 else None
            inside = (
                prev is not None
                and not prev.is_space
                and "\n" not in prev.whitespace_
                and prev.text[:1].islower()
            )
            closed = sum(1 for k in range(i + 1, j) if doc[k].lower_ in minor)
            if j - i >= 4 and closed >= 2:
                runs.append((i, j, inside))
            i = max(j, i + 1)
        # a title once seen inside a sentence is a title where it opens one too
        titles = {doc[i:j].text for i, j, inside in runs if inside}
        spans = [(i, j) for i, j, _ in runs if doc[i:j].text in titles]
        if not spans:
            return cands
        return [
            c for c in cands if c.actor is not None or not any(s <= c.start < e for s, e in spans)
        ]

    def _join_over_state_brackets(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'the Orvale County (Ga.) Sheriff's Office': a place, a first-level division's
        short name in brackets, then a body's name are one body, named without the
        brackets."""
        by_start = {c.start: c for c in cands if c.actor is None}
        out: list[_Cand] = []
        skip: set[int] = set()
        for c in cands:
            if id(c) in skip:
                continue
            e = c.end
            close = next(
                (k for k in range(e + 1, min(e + 4, len(doc))) if doc[k].text == ")"), None
            )
            ok = c.actor is None and close is not None and doc[e].text == "("
            nxt = by_start.get(close + 1) if ok and close is not None else None
            if (
                nxt is not None
                and close is not None
                and c.label in {"GPE", "LOC", None}
                and self._org_named(doc[nxt.start : nxt.end])
                and self._state_short_name(doc[e + 1 : close].text)
            ):
                out.append(_Cand(c.start, nxt.end, "ORG"))
                skip.add(id(nxt))
                continue
            out.append(c)
        return out

    def _outlet_before_surname(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Orvale Herald Velez was arrested': an outlet's name left over from a credit,
        run by the tagger into the surname of a person the document names in full, is
        the outlet and the person."""
        heads = self.words["org_words"]
        fulls = set()
        for ent in doc.ents:
            s, e = _trim(doc, ent.start, ent.end)  # 'Ramon Diaz’s': Diaz
            if ent.label_ == "PERSON" and e - s >= 2 and doc[e - 2].lower_ not in heads:
                fulls.add(doc[e - 1].lower_)
        out = []
        for c in cands:
            e = c.end
            if (
                c.actor is None
                and e - c.start >= 3
                and doc[e - 1].lower_ in fulls
                and doc[e - 2].lower_ in heads
                and doc[e - 2].is_title
            ):
                c.end, c.label = e - 1, "ORG"
                out.append(c)
                out.append(_Cand(e - 1, e, "PERSON"))
                continue
            out.append(c)
        return out

    def _plural_past_compass(self, doc: Doc, c: _Cand, text: str) -> bool:
        """'west of the Rockies': a plural name after a direction and 'of the'."""
        i = c.start
        return (
            i >= 3
            and text.endswith("s")
            and not text.isupper()
            and doc[i - 1].lower_ == "the"
            and doc[i - 2].lower_ == "of"
            and doc[i - 3].lower_ in self.words["compass_words"]
            and (c.end >= len(doc) or doc[c.end].pos_ not in {"NOUN", "PROPN"})
        )

    def _join_possessive_heads(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'St. Anselm's Basilica': the tagger took the saint (cut at the possessive) and
        the head word apart; a name, its possessive and a building's head word
        ([possessive_heads]) are one facility."""
        heads = self.words["possessive_heads"]
        starts = {c.start: c for c in cands}
        for c in cands:
            h = c.end + 1
            if (
                c.actor is not None
                or c.start < 0
                or h >= len(doc)
                or doc[c.end].text not in {"'s", "’s"}
                or not (doc[h].is_title and doc[h].lower_ in heads)
            ):
                continue
            head = starts.get(h)
            if head is not None:
                if head.actor is not None or head.end != h + 1:
                    continue
                head.start = head.end = -1
            c.end, c.label = h + 1, "FACILITY"
        return [c for c in cands if c.start >= 0]

    def _state_short_name(self, text: str) -> bool:
        """'Ga.', 'N.B.', 'Md.': a first-level division's short name, known to the
        gazetteer or written in the shape such short names take."""
        if any(self.gz.places[i][7] == "admin1" for i in self.gz.exact(text)):
            return True
        return re.fullmatch(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3}", text) is not None

    def _join_split_places(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'living in Boa Vista' cut by the tagger into 'Boa' and 'Vista': two candidates
        one space apart whose joined words are one place's own name in the gazetteer are
        that place."""
        by_start = {c.start: c for c in cands if c.actor is None}
        out: list[_Cand] = []
        skip: set[int] = set()
        for c in cands:
            if id(c) in skip:
                continue
            nxt = by_start.get(c.end) if c.actor is None else None
            if nxt is not None and doc[c.end - 1].whitespace_ == " " and nxt is not c:
                text = doc[c.start : nxt.end].text
                key = fold(text)
                if any(primary for _, primary in self.gz.candidates(text)) and " " in key:
                    out.append(_Cand(c.start, nxt.end, "GPE"))
                    skip.add(id(nxt))
                    continue
            out.append(c)
        return out

    def _demonym_start(self, doc: Doc, i: int) -> int | None:
        """First token of the demonym (or capital) ending at token i: 'Moldovan', and
        two words where the country's adjective has two ('Central African')."""
        if i >= 1 and doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ != "DET":
            two = f"{doc[i - 1].text} {doc[i].text}"
            if self.gz.demonyms.get(fold(two)):
                return i - 1
        return i if self._nation_of(doc[i].text) is not None else None

    def _national_bodies(self, doc: Doc, taken: list[bool]) -> list[_Cand]:
        """'the Romanian foreign ministry', 'the French navy': a demonym, lower-case
        words only, then a word for a body of the state ([national_bodies]) is that body,
        an organisation named as written."""
        out = []
        bodies = self.words["national_bodies"]
        for t in doc:
            if t.lower_ not in bodies and t.lemma_.lower() not in bodies:
                continue
            j = t.i - 1
            while (
                j >= 0
                and j >= t.i - 3
                and doc[j].is_lower
                and doc[j].is_alpha
                and not doc[j].is_stop  # not 'the Ottawa mission and the ministry'
            ):
                j -= 1  # 'foreign', 'health', 'defence'
            if j < 0 or not doc[j].text[:1].isupper() or taken[t.i]:
                continue
            start = self._demonym_start(doc, j)
            if start is not None:
                out.append(_Cand(start, t.i + 1, "ORG"))
        return out

    def _government_named(self, text: str) -> str | None:
        """ISO code for 'Government of X' where X is a country under any of its names."""
        head, _, rest = text.partition(" of ")
        if not rest or fold(head) not in self.words["government_nouns"]:
            return None
        rest = rest[4:] if rest.lower().startswith("the ") else rest
        return self.gz.country_of_name(rest)

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
        cands = self._signatory(doc, self._without_job_titles(doc, self.candidates(doc)))
        cands = self._join_titled_names(doc, cands)
        for c in cands:
            self._person_after_inner_title(doc, c)
        self._shared_surnames(doc, cands)
        for c in cands:
            if (
                c.actor is None
                and self._kin_or_age_before(doc, c.start)
                and not self._not_person(doc[c.start : c.end])
            ):
                c.label, c.kin = "PERSON", True
        for c in cands:
            # 'Col. Marta Ilves, commander of …' is a person whatever the tagger said.
            if (
                c.label in {"ORG", None}
                and c.actor is None
                and not self._named_body(doc, c)
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
        for c in cands:
            # 'General Rentería' tagged a body, after 'General Óscar Iván Rentería'
            i = c.start
            while i < c.end - 1 and self.roles.is_title(doc[i]):
                i += 1
            if (
                c.label == "ORG"
                and c.actor is None
                and i > c.start
                and i == c.end - 1
                and fold(doc[i].text) in surnames
            ):
                c.roles.append(doc[c.start : i].text)
                c.start, c.label = i, "PERSON"
        firsts = _first_names(surnames)
        acronyms: dict[str, str] = {}
        self._acronyms(doc, cands, acronyms)
        for c in cands:
            self._type(doc, c, surnames, firsts)
        self._context_types(doc, cands, surnames)
        self._short_body_names(doc, cands)
        _same_name_same_type(doc, cands)
        kept = [c for c in cands if c.type and not self._no_name(doc, c)]
        self._bare_event_names(doc, kept)
        self._one_type_for_unknown_names(doc, kept)
        for c in kept:
            if c.type == "GPE" and _division_word_after(doc, c.end):
                c.end += 1  # 'the Ouham prefecture': the name as written, clustered as 'Ouham'
            self._cluster(doc, c, surnames, acronyms, firsts)
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
        within = self._containers(doc, kept)
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
        for c in kept:
            body = c.same_as
            if body is not None and any(x is body for x in kept):
                c.cluster, c.name, c.type = body.cluster, body.name, body.type
                c.actor_id, c.stands_for = body.actor_id, body.stands_for
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
                within=within.get(c.start),
            )
            for c in kept
        ]

    def _containers(self, doc: Doc, kept: list[_Cand]) -> dict[int, str]:
        """Place -> the place the text puts it in, by the candidate's first token:
        'Orvalho, in the municipality of Oleiros', 'Vale do Souto, municipality of Sertã',
        'Tibú, Norte de Santander', 'the Al-Shifa Hospital in Gaza City', 'to Cúcuta, where
        they were examined at the X Hospital'. Only a comma or 'in' then a place; nothing
        else between but 'the' and '<place noun> of'."""
        places = {c.start: c for c in kept if c.type in {"GPE", "LOC"}}
        out: dict[int, str] = {}
        for c in kept:
            if c.type not in {"GPE", "LOC", "FACILITY"}:
                continue
            i, linked = c.end, False
            if i < len(doc) and doc[i].text == "," and c.type != "FACILITY":
                i, linked = i + 1, True
            if i < len(doc) and doc[i].lower_ == "in":
                i, linked = i + 1, True
            if i < len(doc) and doc[i].lower_ == "the":
                i += 1
            of = i + 1 < len(doc) and doc[i + 1].lower_ == "of"
            if of and self._place_noun_before(doc, i + 2):
                i += 2
            other = places.get(i)
            if linked and other is not None and other is not c and other.type == "GPE":
                out[c.start] = other.name
            elif c.type == "FACILITY" and (where := self._where_clause_place(doc, c, kept)):
                out[c.start] = where
        return out

    @staticmethod
    def _where_clause_place(doc: Doc, c: _Cand, kept: list[_Cand]) -> str | None:
        """'…to Cúcuta, where they were examined at the X Hospital': the place a 'where'
        clause holding the facility hangs from."""
        head = doc[c.start : c.end].root.head
        if head.dep_ != "prep" or head.lower_ not in {"at", "in", "inside"}:
            return None
        verb = head.head
        if verb.dep_ != "relcl" or not any(t.lower_ == "where" for t in verb.children):
            return None
        target = verb.head.i
        for other in kept:
            if other.type == "GPE" and other.start <= target < other.end:
                return other.name
        return None

    def _one_type_for_unknown_names(self, doc: Doc, kept: list[_Cand]) -> None:
        """A name the gazetteer does not know, typed a body in one place of the document and
        a place in another ('shares in Wavepiston' / 'Wavepiston said'), is the body: the
        tagger's place label had nothing behind it."""
        by_name: dict[str, list[_Cand]] = {}
        for c in kept:
            if c.actor_id is None and c.type in {"ORG", "GPE", "LOC"}:
                by_name.setdefault(fold(doc[c.start : c.end].text), []).append(c)
        for group in by_name.values():
            types = {c.type for c in group}
            if "ORG" not in types or types == {"ORG"}:
                continue
            if self.gz.candidates(doc[group[0].start : group[0].end].text):
                continue  # a real place that also acts ('Moscow said'): both readings stand
            for c in group:
                if c.type != "ORG":
                    c.type, c.name = "ORG", doc[c.start : c.end].text

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
            if c.same_as is not None and _is_acronym_token(doc[c.start]) and c.end == c.start + 1:
                acronyms.setdefault(doc[c.start].text, f"@{c.same_as.start}")
                continue
            e = c.end
            place = _place_after(doc, e, starts)
            if place is not None and c.label != "GPE":
                e = place.end  # 'the X Mission in the Central African Republic (MINUSCA)'
            if (
                e + 2 < len(doc)
                and doc[e].text == "("
                and doc[e + 2].text == ")"
                and not _credit_line(doc, c.start, e + 2)
            ):
                acr = doc[e + 1].text
                if 2 <= len(acr) <= 8 and acr.isupper() and acr.isalpha():
                    acronyms.setdefault(acr, f"@{c.start}")  # the body, not its country

    def _type(self, doc: Doc, c: _Cand, surnames: dict, firsts: dict[str, str]) -> None:
        span = doc[c.start : c.end]
        text = span.text
        key = fold(text)
        if c.same_as is not None:  # typed as its body, below
            c.type, c.name = c.label or "ORG", text
            return
        if c.family is not None:
            c.type, c.name = "PERSON", f"{text} {c.family}"
            return
        if c.kin:
            c.type, c.name = "PERSON", text
            return
        before = doc[c.start - 1] if c.start > 0 else None
        if (
            c.end - c.start == 1
            and c.actor is None
            and c.label in {"PERSON", None}
            and before is not None
            and before.is_lower
            and before.lemma_.lower() in self.words["company_kinds"]
        ):
            c.type, c.name = "ORG", text  # 'the pipeline contractor Tarvex'
            return
        single = _last_word_start(doc, c.start, c.end) == c.start  # one word, hyphens and all
        if c.label == "GOVERNMENT":
            self._government_of(c, self._nation_of(doc[c.start : c.end - 1].text) or "")
            return
        official = self._government_named(text)
        if official is not None:  # 'the Government of the Republic of Moldova'
            self._government_of(c, official)
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
            and not (self._locative(doc, c.start) and self.gz.candidates(text))
            and (
                c.label != "GPE"
                or not self.gz.candidates(text)
                or span.root.dep_ in ("nsubj", "nsubjpass")  # 'Rentería said': he, not the town
            )
        ):
            c.type = "PERSON"  # 'said Mbrindi' after 'Steve Mbrindi': no place of that name
            return
        if (
            single
            and key in firsts
            and key not in surnames
            and c.label in {"PERSON", "GPE", None}
            and text[:1].isupper()
            and not self._locative(doc, c.start)
        ):
            c.type = "PERSON"  # 'Barry said' after 'Barry Okoro': his first name, no town
            return
        if single and key in self.words["not_names"]:
            return  # 'Winter' alone, with no Charlie Winter in the document
        named = self._event_name_start(doc, c)  # 'Operation Desert Rain' is no person
        if c.label == "EVENT" or named is not None:
            c.type, c.name = "EVENT", doc[c.start if named is None else named : c.end].text
            return
        if (
            c.label in {"PERSON", None}
            and _after_honorific(doc, c)
            and _looks_like_name(span, self.roles)
        ):
            c.type, c.name = "PERSON", text
            return
        if c.label == "PERSON" and self._named_body(doc, c):
            c.label = "ORG"  # 'the Séléka rebel coalition'
        if (
            c.label == "PERSON"
            and single
            and c.start > 0
            and doc[c.start - 1].lower_ == "the"
            and not self.gz.exact(text)
        ):
            return  # 'over the Muradal': a name with an article is no one's name
        if c.label in {"PERSON", None} and self._not_person(span):
            if key in self.words["not_people"] or self.gz.demonyms.get(key):
                return  # a platform, a movement, a demonym: no entity of ours
            c.label = "ORG"  # 'Ouham Patriotic Rally', 'Harbour Times'
        place = self._place_type(doc, c, text)
        if c.label == "PERSON":
            if place and (
                single
                or self._is_big_place(text)
                or self._named_place(doc, c)
                or self._place_noun_before(doc, c.start)
            ):
                c.type = place
            elif not _looks_like_name(span, self.roles):
                return
            else:
                c.type = "PERSON"
        elif c.label == "ORG":
            named_place = not single and place and self._named_place(doc, c)
            # 'in Sertã', 'from Norte de Santander', 'Carnaxide, 6 August 2025'
            located = (single or not self._org_named(span)) and (
                self._locative(doc, c.start) or _signature_line(doc, c)
            )
            # 'countries such as Cyprus, Greece or Spain', 'Morocco's lower house': a
            # country's own name is the country, wherever it stands
            country = single and any(self.gz.places[i][7] == "country" for i in self.gz.exact(text))
            c.type = place if place and (located or named_place or country) else "ORG"
            if c.type == "ORG" and single and self._plural_past_compass(doc, c, text):
                c.type = "LOC"  # 'west of the Rockies': a range, no body
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
        if c.type == "GPE" and c.label == "GPE" and self._unknown_body(doc, c, text):
            c.type = "ORG"  # 'Wavepiston signed', 'shares in Wavepiston', 'the firm Wavepiston'
        if c.type == "GPE" and self._small_place_speaking(doc, c, text):
            c.type, c.name = "PERSON", text  # 'Rentería said': a surname, not the town
            return
        if c.type in {"GPE", "LOC", "FACILITY"}:
            c.name = _place_name(text)
            self._metonymy(doc, c)
        elif c.type == "ORG":
            c.name = text

    def _context_types(self, doc: Doc, cands: list[_Cand], surnames: dict) -> None:
        """Types the words around a name settle, after the tagger's label has been read:
        a dateline's place and an island after a fronted 'On' are places wherever the
        name recurs; 'X's Y' is a business; names listed after 'hurricanes' are storms;
        a street of an intersection, a subject of a degree, a degree, a common noun's
        abbreviation and a product's plan are no entities; a city listed beside a club
        is the club; a name ending in 'Day' or 'Festival' is an event; a one-word name
        given an age or a kinship noun is that person's wherever it recurs; a 'person'
        before a lone model letter ('Sport Type R') is a model; a word that opens a
        firm's longer name ('Alvo' of 'Alvo Motori') is the firm, not a town the
        gazetteer knows only by an alternate name; titles then 'of' ('the Inspector
        General of Police') are an office, and '… Scheme' a programme: no bodies; a
        code such as 'B436' is a road where the sentence speaks of roads."""
        w = self.words
        people = set(surnames)
        places: dict[str, str] = {}
        by_end = {c.end: c for c in cands}
        by_start = {c.start: c for c in cands}
        dropped_acronyms: set[str] = set()
        named: set[str] = set()
        for c in cands:
            if c.actor is not None or not c.type:
                continue
            span = doc[c.start : c.end]
            key = fold(span.text)
            if self._dateline_place(doc, c):
                places[key] = "GPE"
            elif c.type == "PERSON" and self._fronted_locative(doc, c) and key not in people:
                places[key] = "LOC"  # 'On Maunaloa, home to ...': an island, no one's name
            if c.kin and c.type == "PERSON" and c.end - c.start == 1:
                named.add(key)  # '8-year old Tia': her name wherever it recurs
        typed = {id(c) for c in cands if c.type}  # dropped below, if at all
        for c in cands:
            if c.actor is not None or not c.type:
                continue
            span = doc[c.start : c.end]
            text, key, n = span.text, fold(span.text), c.end - c.start
            if key in places and c.type in {"GPE", "LOC"} and text.isupper():
                c.name = text.title()  # 'ORVALE' of the dateline is Orvale
            if c.type == "ORG" and "(" in text and ")" in text:
                c.name = re.sub(r"\s*\([^()]*\)", "", text)  # 'X County (Ga.) Police'
            place = places.get(key)
            if (
                place is not None
                and c.type in {"PERSON", "ORG"}
                and key not in people
                and (place == "GPE" or key not in named)  # a dateline beats 'a 40-year-old X man'
            ):
                c.type, c.name, c.kin = places[key], _place_name(text), False
                c.roles = []
                if text.isupper():
                    c.name = text.title()
                continue
            if (
                key in named
                and n == 1
                and c.type in {"ORG", "GPE", "LOC"}
                and key not in places
                and not self._locative(doc, c.start)
            ):
                c.type, c.name = "PERSON", text
                continue
            if c.type == "PERSON" and any(
                t.text in {"'s", "’s"} and t.i + 1 < c.end and doc[t.i + 1].is_title
                for t in span[:-1]
            ):
                c.type, c.name = "ORG", text  # 'Dana's Bakeries': a business
                continue
            if (
                c.type == "PERSON"
                and c.end + 1 < len(doc)
                and len(doc[c.end].text) == 1
                and doc[c.end].text.isupper()
                and doc[c.end].text not in {"I", "A"}
                and doc[c.end - 1].whitespace_ == " "
                and not doc[c.end + 1].is_title
            ):
                c.type = None  # 'a Vireo Sport Type R': a model's name, no one's
                continue
            if (
                n == 1
                and c.type == "GPE"
                and c.label != "GPE"
                and key not in people
                and not self._locative(doc, c.start)
                and not any(primary for _, primary in self.gz.candidates(text))
                and any(
                    o.type == "ORG" and o.end - o.start >= 2 and fold(doc[o.start].text) == key
                    for o in cands
                    if o is not c
                )
            ):
                c.type, c.name = "ORG", text  # 'Alvo' beside 'Alvo Motori': the firm's short name
                continue
            if n == 1 and c.type in {"ORG", "PERSON"} and re.fullmatch(r"[A-Z]+(?:&[A-Z]+)+", text):
                place = self._place_of_initials(doc, text.replace("&", ""), cands)
                if place is not None:  # 'St Avel and Nevis' … 'SA&N'
                    c.type, c.name = "GPE", place
                    continue
            if n == 1 and _CODE.fullmatch(text) and c.type in {"ORG", "GPE", "PERSON", "LOC"}:
                sent = doc[c.start].sent
                codes = sum(1 for t in sent if _CODE.fullmatch(t.text))
                if codes >= 3 or any(t.lower_ in w["road_words"] for t in sent):
                    c.type, c.name = "FACILITY", text  # 'via the B436, B40 and B429': roads
                elif c.type != "ORG":
                    c.type = None  # 'competed in GT3': a class, a model, no place
                continue
            if c.type == "ORG" and n >= 2 and doc[c.end - 1].lower_ in w["scheme_words"]:
                c.type = None  # 'the Rent Support Scheme': a programme, no body
                continue
            if (
                c.type == "ORG"
                and n >= 2
                and doc[c.end - 1].lower_ in w["document_words"]
                and not any(doc[k].lower_ in _BODY_JOINERS for k in range(c.start, c.end))
            ):
                c.type = None  # 'a new Northern Rail Strategy', 'the Federal Budget': no body
                continue
            of = next((k for k in range(c.start, c.end) if doc[k].lower_ == "of"), None)
            if (
                c.type == "ORG"
                and of is not None
                and of - c.start >= 2
                and all(self.roles.is_title(doc[k]) for k in range(c.start, of))
            ):
                c.type = None  # 'the Inspector General of Police': an office, its holder
                continue
            if n == 1 and c.type in {"GPE", "LOC", "PERSON", "ORG"} and self._listed_storm(doc, c):
                c.type, c.name = "EVENT", text
                continue
            if self._street_of_junction(doc, c) or self._field_of_study(doc, c):
                c.type = None
                continue
            if n == 1 and text.replace(".", "").lower() in w["degree_words"]:
                c.type = None  # 'an MBA', 'M.Sc'
                continue
            if n == 1 and (text in dropped_acronyms or self._common_noun_acronym(doc, c)):
                dropped_acronyms.add(text)
                c.type = None  # 'solar photovoltaics (PV)': a thing's abbreviation
                continue
            if (
                c.type == "ORG"
                and n >= 2
                and doc[c.end - 1].lower_ in w["product_tiers"]
                and any(
                    o is not c and fold(doc[o.start : o.end].text) == fold(span[:-1].text)
                    for o in cands
                )
            ):
                c.type = None  # 'Acme Professional' beside 'Acme': the firm's plan
                continue
            if c.type == "GPE" and n == 1 and self._beside_club(doc, c, by_end, by_start):
                c.type, c.name = "ORG", text  # 'fans of Real Oviedo or Sevilla': the club
                continue
            if (
                c.type in {"FACILITY", "ORG", "GPE", "LOC"}
                and n >= 2
                and doc[c.end - 1].lower_ in w["event_tails"]
                and doc[c.end - 1].is_title
            ):
                c.type, c.name = "EVENT", text  # 'the Harbour Fintech Day'
        # the bracketed abbreviation of a name found to be no body goes with it, and so
        # do its bare uses ('the Rent Support Scheme (RSS)' … 'the RSS pays')
        gone = {
            doc[c.start : c.end].text
            for c in cands
            if c.same_as is not None and c.same_as.type is None and id(c.same_as) in typed
        }
        for c in cands:
            if gone and c.actor is None and c.end - c.start == 1 and doc[c.start].text in gone:
                c.type = None

    @staticmethod
    def _place_of_initials(doc: Doc, letters: str, cands: list[_Cand]) -> str | None:
        """The one place named in the document whose words' initials (less 'and', 'of',
        'the') are these letters."""
        found = {
            c.name
            for c in cands
            if c.type == "GPE"
            and "".join(
                t.text[0] for t in doc[c.start : c.end] if t.lower_ not in {"and", "of", "the"}
            )
            == letters
        }
        return next(iter(found)) if len(found) == 1 else None

    def _dateline_place(self, doc: Doc, c: _Cand) -> bool:
        """'ORVALE, Md. (WXYZ) -', 'KANO, Nigeria -': the upper-case name opening a line
        before a comma or a dash, known to the gazetteer, is where the report was filed."""
        span = doc[c.start : c.end]
        if not _dateline(doc, c.start) or not all(t.text.isupper() for t in span):
            return False
        if c.end >= len(doc) or doc[c.end].text not in {",", "-", "—", "–", "("}:
            return False
        return bool(self.gz.candidates(span.text))

    @staticmethod
    def _fronted_locative(doc: Doc, c: _Cand) -> bool:
        """'On Maunaloa, home to …': a one-word name after a sentence-opening 'On' or 'In'
        and before a comma is where something happens."""
        if c.end - c.start != 1 or c.start < 1 or c.end >= len(doc) or doc[c.end].text != ",":
            return False
        prep = doc[c.start - 1]
        return prep.lower_ in {"on", "in"} and prep.is_title and bool(prep.is_sent_start)

    def _listed_storm(self, doc: Doc, c: _Cand) -> bool:
        """'three hurricanes hit the coast: Ada, Bert and Cleo', 'the storms Ada and Bert':
        names listed after a plural storm noun are storms."""
        heads = self.words["event_heads"]
        j = c.start - 1
        while j >= 0 and c.start - j < 16:
            t = doc[j]
            if t.text in {",", "and", "or"} or (t.text[:1].isupper() and t.pos_ == "PROPN"):
                j -= 1
                continue
            break
        if j < 0 or j + 1 >= c.start or doc[j + 1].text in {",", "and", "or"}:
            return False  # 'Of these storms, Acme predicts': no list after the noun

        def storm_noun(t: Token) -> bool:
            return t.tag_ in {"NNS", "NNPS"} and t.lemma_.lower() in heads

        if storm_noun(doc[j]):
            return True
        if doc[j].text != ":":
            return False
        return any(
            storm_noun(doc[k]) for k in range(max(0, j - 8), j) if doc[k].sent == doc[j].sent
        )

    def _street_of_junction(self, doc: Doc, c: _Cand) -> bool:
        """'the Elm/Baronne intersection': names joined by a slash before a noun for a
        crossing are streets."""
        nouns = self.words["junction_nouns"]
        k = c.end
        if k < len(doc) and doc[k].text == "/":
            k += 1
            while k < len(doc) and doc[k].text[:1].isupper():
                k += 1
            return k < len(doc) and doc[k].lower_ in nouns
        if c.start > 0 and doc[c.start - 1].text == "/":
            return c.end < len(doc) and doc[c.end].lower_ in nouns
        return False

    def _field_of_study(self, doc: Doc, c: _Cand) -> bool:
        """'a degree in Chemistry and Economics', 'she majored in History': subjects."""
        i = c.start
        if i < 2 or doc[i - 1].lower_ != "in":
            return False
        before = doc[i - 2]
        return (
            before.lemma_.lower() in self.words["study_words"]
            or before.lower_ in (self.words["study_words"])
        )

    @staticmethod
    def _common_noun_acronym(doc: Doc, c: _Cand) -> bool:
        """'solar photovoltaics (PV)': an abbreviation in brackets after lower-case words
        whose letters it takes is a common noun's, not a name's."""
        acr = doc[c.start].text
        if not (2 <= len(acr) <= 6 and acr.isupper() and acr.isalpha()):
            return False
        if c.start < 2 or doc[c.start - 1].text != "(" or c.end >= len(doc):
            return False
        if doc[c.end].text != ")":
            return False
        words: list[str] = []
        k = c.start - 2
        while k >= 0 and len(words) < 4 and doc[k].is_alpha and doc[k].is_lower:
            words.insert(0, doc[k].text)
            k -= 1
        if not words:
            return False
        letters = acr.lower()
        for n in range(len(words)):
            rest = " ".join(words[n:])
            if rest[0] != letters[0]:
                continue
            pos, ok = 1, True
            for ch in letters[1:]:
                pos = rest.find(ch, pos) + 1
                if pos == 0:
                    ok = False
                    break
            if ok:
                return True
        return False

    def _beside_club(self, doc: Doc, c: _Cand, by_end: dict, by_start: dict) -> bool:
        """A city's name listed ('or', 'and', a comma) right beside a football club's
        name ('Real Oviedo or Sevilla') is that city's club."""
        clubs = self.words["club_words"]

        def club(o: _Cand | None) -> bool:
            return (
                o is not None
                and o.type == "ORG"
                and any(t.lower_ in clubs and t.text[:1].isupper() for t in doc[o.start : o.end])
            )

        seps = {",", "or", "and"}
        if c.start >= 2 and doc[c.start - 1].lower_ in seps and club(by_end.get(c.start - 1)):
            return True
        return c.end + 1 < len(doc) and doc[c.end].lower_ in seps and club(by_start.get(c.end + 1))

    def _small_place_speaking(self, doc: Doc, c: _Cand, text: str) -> bool:
        """A one-word name that a small town shares, subject of a verb of speech ('Rentería
        said', 'Hamer told reporters'): a town does not speak; a capital or a country
        does (metonymy), and so may a city of 100,000 or more ('Aleppo said' is rare
        but is a report of its council)."""
        if c.end - c.start != 1 or c.actor is not None or _dateline(doc, c.start):
            return False
        root = doc[c.start]
        if root.dep_ != "nsubj" or root.head.lemma_.lower() not in self.knowledge.cues.speech_verbs:
            return False
        if self.gz.capital_of(text) or self.gz.country_of_name(text):
            return False
        return 0 <= self.gz.max_population(text) < 100_000

    def _unknown_body(self, doc: Doc, c: _Cand, text: str) -> bool:
        """A name the tagger called a place and the gazetteer does not know, which acts
        or speaks as a subject, or is named as a company ('shares in X', 'the firm X')."""
        if self.gz.candidates(text) or self._place_noun_before(doc, c.start):
            return False
        root = doc[c.start : c.end].root
        if root.dep_ in {"nsubj", "nsubjpass"} and self._acts(root.head):
            return True
        j = c.start - 1
        if j >= 0 and doc[j].lower_ in {"in", "of"} and j >= 1:
            j -= 1  # 'shares in X', 'a stake in X', 'the owner of X'
        while j >= 0 and doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].text.islower():
            if doc[j].lemma_.lower() in self.words["company_nouns"]:
                return True
            j -= 1
        return False

    def _place_type(self, doc: Doc, c: _Cand, text: str) -> str | None:
        """'GPE' / 'LOC' where the gazetteer (and, for small places, context) says place."""
        gz = self.gz
        span = doc[c.start : c.end]
        plain = c.actor is None and not self._org_named(span)
        if c.label != "FACILITY" and plain and self._place_noun_before(doc, c.start):
            return "GPE"  # 'the hamlet of Caño Indio', known to the gazetteer or not
        cands = gz.exact(text)
        if not cands:
            base = _strip_admin_suffix(text)
            if base != text:
                cands = gz.exact(base)
        if not cands and c.label in {"GPE", "LOC", "FACILITY"}:
            cands = gz.fuzzy(text)  # 'Al-Qaryatain' for 'Al Qaryatayn'
        if (
            not cands
            and plain
            and c.label in {"ORG", None}
            and gz.div_names.get(fold(text))
            and self._locative(doc, c.start)
        ):
            return "GPE"  # a province the tagger took for a body: from Norte de Santander
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

    def _short_body_names(self, doc: Doc, cands: list[_Cand]) -> None:
        """'the Front said' after 'the Ndele Liberation Front': one word for a kind of body
        is the one body of the document whose name ends in it (none where two do)."""
        generic = self.words["org_words"] | self.words["generic_bodies"]
        ends: dict[str, list[_Cand]] = {}
        for c in cands:
            if c.end - c.start >= 2 and c.same_as is None:
                ends.setdefault(doc[c.end - 1].lower_, []).append(c)
        for c in cands:
            word = doc[c.start].lower_
            if c.end - c.start != 1 or c.actor is not None or word not in generic:
                continue
            bodies = {b.start: b for b in ends.get(word, []) if b.start < c.start}
            if len(bodies) == 1:
                body = next(iter(bodies.values()))
                c.same_as, c.type, c.name = body, body.type or "ORG", doc[c.start].text

    def _no_name(self, doc: Doc, c: _Cand) -> bool:
        """One letter ('(D)' after a senator), one word for a kind of body ('the
        Company', 'the House') or a title alone ('Miss'): no entity of its own."""
        if c.actor is not None or c.same_as is not None:
            return False
        text = doc[c.start : c.end].text.replace(".", "")
        if len(text) <= 1:
            return True
        word = text.lower()
        return c.end - c.start == 1 and (
            word in self.words["org_words"]
            or word in self.words["generic_bodies"]
            or self.roles.is_title(doc[c.start])  # 'Miss' or 'Sen.' alone names no one
        )

    def _bare_event_names(self, doc: Doc, kept: list[_Cand]) -> None:
        """'Hurricane Ida' … 'Ida made landfall': the bare name after the event's full one
        is the event, not a town of that name."""
        heads = self.words["event_heads"]
        events: dict[str, _Cand] = {}
        for c in kept:
            if c.type == "EVENT" and c.end - c.start == 2 and doc[c.start].lower_ in heads:
                events.setdefault(fold(doc[c.end - 1].text), c)
        if not events:
            return
        for c in kept:
            event = events.get(fold(doc[c.start : c.end].text))
            if event is not None and c.start > event.start and c.type != "PERSON":
                c.type, c.name = "EVENT", doc[event.start : event.end].text

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
        if "of" in words[1:]:
            words = words[: words.index("of", 1)]  # 'the SM Mall of Asia'
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
        """A locative preposition or '<place noun> of' before the name, or before the
        first name of a list it ends ('in Orhei, Cahul and Ungheni')."""
        if self._locative_at(doc, start):
            return True
        first = _first_conjunct(doc, start)
        return first is not None and self._locative_at(doc, first)

    def _locative_at(self, doc: Doc, start: int) -> bool:
        j = start - 1
        if j >= 0 and doc[j].lower_ in {"the", "of"}:
            # 'the city of Palmyra', 'near the town of Nokia'
            if self._place_noun_before(doc, start):
                return True
            j -= 1
        return j >= 0 and doc[j].lower_ in _LOCATIVE

    def _place_noun_before(self, doc: Doc, start: int) -> bool:
        """'the parish of X', 'the towns of X': a lower-case place noun and 'of'."""
        j = start - 1
        if j >= 1 and doc[j].lower_ == "of":
            noun = doc[j - 1]
            return noun.text.islower() and (
                noun.lower_ in self.words["place_nouns"]
                or noun.lemma_.lower() in self.words["place_nouns"]
            )
        return False

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

    def _cluster(
        self, doc: Doc, c: _Cand, surnames: dict, acronyms: dict, firsts: dict[str, str]
    ) -> None:
        text = doc[c.start : c.end].text
        if c.same_as is not None:
            c.cluster = f"o:{fold(text)}"  # its body's cluster, below, if the body is kept
            return
        if c.family is not None:
            c.cluster = f"p:{fold(c.name)}"
            return
        if c.type == "PERSON":
            name = _person_name(text)
            key = fold(name)
            fulls = surnames.get(key, [])
            before = [doc[c.start - 1].text] if c.start > 0 else []
            honorific = next(
                (r for r in c.roles + before if r.lower().rstrip(".") in _GENDERED_HONORIFICS),
                None,
            )
            if honorific and len({full for _, full in fulls}) > 1:
                # 'Mrs. Clinton' where the text names two Clintons: which one the
                # honorific picks, nothing here says; left as written, unresolved
                c.name, c.cluster = name, f"p:{key}#{fold(honorific)}"
                return
            if c.end - c.start == 1 or len(name.split()) == 1:
                full = _nearest_full(fulls, c.start) or firsts.get(key)
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


def _same_name_same_type(doc: Doc, cands: list[_Cand]) -> None:
    """A name the tagger left untyped in one place and typed in another of the same
    document ('blames the ICNF …' / 'The ICNF says …') is the same entity in both: one
    sense per discourse. Only exact spellings of two or more letters, and only where the
    typed occurrences agree on one type."""
    typed: dict[str, list[_Cand]] = {}
    for c in cands:
        if c.type:
            typed.setdefault(doc[c.start : c.end].text, []).append(c)
    for c in cands:
        text = doc[c.start : c.end].text
        same = typed.get(text)
        if c.type or c.actor is not None or not same or len(text) < 2:
            continue
        if len({(o.type, o.name) for o in same}) == 1:
            c.type, c.name = same[0].type, same[0].name


def _runs(indices: list[int], doc: Doc | None = None) -> list[tuple[int, int]]:
    """Contiguous runs of token indices, broken at line breaks and separators (an entity
    the model ran across 'Reuters\nSyria army' or 'Palmyra -- L.A. Times'), and at 'and
    the' (two names of a list)."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if doc is not None and (
            doc[i].is_space or "\n" in doc[i].whitespace_ or doc[i].text in _BREAKS
        ):
            if "\n" in doc[i].whitespace_ and not doc[i].is_space and doc[i].text not in _BREAKS:
                _extend(runs, i)
            runs.append((i + 1, i + 1))  # a closed, empty run
            continue
        if (
            doc is not None
            and doc[i].text == "and"
            and i + 1 < len(doc)
            and doc[i + 1].text == "the"
            and runs
            and runs[-1][1] == i
        ):
            runs.append((i + 1, i + 1))  # 'through Tixly and the Orvale Fest site': two names
            continue
        _extend(runs, i)
    return [r for r in runs if r[0] < r[1]]


def _extend(runs: list[tuple[int, int]], i: int) -> None:
    if runs and runs[-1][1] == i:
        runs[-1] = (runs[-1][0], i + 1)
    else:
        runs.append((i, i + 1))


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop a leading article and trailing possessives, punctuation and function words
    ('The News & Observer of' before a place the tagger left out)."""
    while s < e and (doc[s].lower_ in {"the", "a", "an"} or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (
        doc[e - 1].is_punct
        or doc[e - 1].is_space
        or doc[e - 1].lower_ in {"'s", "’s", "s", "of", "and", "&", "the", "for"}
    ):
        if doc[e - 1].lower_ == "s" and (e - 2 < s or doc[e - 2].text not in {"'", "’"}):
            break
        e -= 1
    return s, _without_lower_tail(doc, s, e)


_NOT_IN_NAMES = {"VERB", "AUX", "ADV", "PRON", "DET", "NUM", "SCONJ"}


def _without_lower_tail(doc: Doc, s: int, e: int) -> int:
    """The tagger's span may run on past the name into the clause: 'holds [the Ministry
    of Health responsible for years] of neglect'. Lower-case words after the last
    capitalised one end the name when one of them is no part of a name (an adjective, a
    verb, a preposition other than 'of'); 'the Council of ministers' and 'the Oleiros
    municipal council' keep theirs."""
    last = max((i for i in range(s, e) if any(ch.isupper() for ch in doc[i].text)), default=None)
    if last is None or last == e - 1:
        return e
    tail = doc[last + 1 : e]
    if all(t.is_alpha and t.is_lower for t in tail) and (
        tail[-1].pos_ == "ADJ"  # 'holds [X responsible]'; 'X municipal council' ends in a noun
        or any(t.pos_ in _NOT_IN_NAMES or (t.pos_ == "ADP" and t.lower_ != "of") for t in tail)
    ):
        return last + 1
    return e


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


_NAME_JOINERS = {"and", "&", "of", "de", "del", "da", "do", "du", "la"}
_DIVISION_WORDS = {
    "province", "governorate", "region", "district", "state", "county", "prefecture",
    "department", "municipality", "oblast", "canton", "parish",
}  # fmt: skip


def _division_word_after(doc: Doc, end: int) -> bool:
    """A lower-case division word that heads the phrase after a place's name ('the Ouham
    prefecture'), not one that modifies a later noun ('the Texas state legislature')."""
    if end >= len(doc):
        return False
    word = doc[end]
    return (
        word.text.islower()
        and word.lower_ in _DIVISION_WORDS
        and word.dep_ not in {"compound", "amod", "nmod"}
        and not doc[end - 1].whitespace_.count("\n")
    )


def _after_honorific(doc: Doc, c: _Cand) -> bool:
    """'Mr. Baker', 'Dr Okafor': an honorific written before the name (or stripped from it)."""
    if any(r.lower().rstrip(".") in _PERSON_HONORIFICS for r in c.roles):
        return True
    j = c.start - 1
    if j >= 0 and doc[j].text == ".":
        j -= 1
    return j >= 0 and doc[j].lower_.rstrip(".") in _PERSON_HONORIFICS


def _first_conjunct(doc: Doc, start: int) -> int | None:
    """Where the first name of a list starts, for a later name in it: 'Cahul' in
    'Orhei, Cahul and Ungheni' gives 'Orhei'. None for a name that is no later conjunct."""
    tok = doc[start]
    for _ in range(4):  # from a name's first word to its head word
        if tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i:
            tok = tok.head
        else:
            break
    steps = 0
    while tok.dep_ == "conj" and steps < 8:
        tok, steps = tok.head, steps + 1
    if steps == 0 or tok.i >= start or not tok.text[:1].isupper():
        return None
    first = tok.i
    for child in tok.lefts:  # the first name's own earlier words ('Vila de Rei')
        if child.dep_ in {"compound", "flat"} and child.text[:1].isupper():
            first = min(first, child.i)
    return first


def _hyphen_tail(doc: Doc, end: int, particles: frozenset[str]) -> int:
    """Where a name ends once an unspaced hyphen chain after it is read with it:
    'Proença' + '-a-Nova', 'Stratford' + '-upon-Avon'. The chain must end on a
    capitalised part; lower-case parts must be name particles."""
    best, j = end, end
    while (
        j + 1 < len(doc)
        and doc[j].text in {"-", "‑"}
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
    ):
        nxt = doc[j + 1]
        if nxt.is_alpha and nxt.text[:1].isupper():
            best = j = j + 2
        elif nxt.lower_ in particles and not nxt.whitespace_:
            j += 2
        else:
            break
    return best


def _join_particles(doc: Doc, cands: list[_Cand], particles: frozenset[str]) -> list[_Cand]:
    """'Cernache' + 'do' + 'Bonjardim': two names joined by one or two lower-case name
    particles on one line are one name (the tagger often cuts them apart)."""
    cands = sorted(cands, key=lambda c: (c.start, -c.end))
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        gap = range(prev.end, c.start) if prev is not None else range(0)
        if (
            prev is not None
            and 1 <= len(gap) <= 2
            and prev.actor is None
            and c.actor is None
            and (prev.label == c.label or None in (prev.label, c.label))
            and all(doc[i].lower_ in particles and doc[i].text.islower() for i in gap)
            and "\n" not in doc[prev.start : c.end].text
        ):
            prev.end, prev.label = c.end, prev.label or c.label
            continue
        out.append(c)
    return out


def _join_abbreviated_heads(doc: Doc, cands: list[_Cand], heads: frozenset[str]) -> list[_Cand]:
    """'ST. LOUIS', 'FT. WORTH': a capitalised dateline the tokenizer cut at the
    abbreviation's full stop is one name ('St. Louis' in mixed case is one token)."""

    def joins(c: _Cand, nxt: _Cand) -> str | None:
        ok = (
            c.end - c.start == 1
            and doc[c.start].lower_.rstrip(".") in heads
            and c.end < len(doc)
            and doc[c.end].text == "."
            and not doc[c.start].whitespace_
        )
        return (nxt.label or c.label or "") if ok else None

    return _join_with_next(cands, lambda c: c.end + 1, joins)


def _join_with_next(
    cands: list[_Cand],
    next_start: Callable[[_Cand], int],
    joins: Callable[[_Cand, _Cand], str | None],
) -> list[_Cand]:
    """Join each candidate (not an actor's) with the candidate starting at
    `next_start(c)` where `joins` gives the joined label ('' for none); the absorbed
    candidate is dropped."""
    starts = {c.start: c for c in cands}
    drop: set[int] = set()
    for c in cands:
        nxt = starts.get(next_start(c))
        if nxt is None or id(c) in drop or c.actor is not None or nxt.actor is not None:
            continue
        label = joins(c, nxt)
        if label is None:
            continue
        c.end, c.label = nxt.end, label or None
        drop.add(id(nxt))
    return [c for c in cands if id(c) not in drop]


_COMPANY_SUFFIXES = {"ltd", "limited", "inc", "plc", "llc", "corp", "co", "sa", "gmbh", "ag"}
_JOINERS = {"and", "&", "of", "for", "de", "the"}


def _initials(doc: Doc, s: int, e: int) -> tuple[str, str]:
    """Initials of a name's capitalised words, with and without a company suffix."""
    words = [t for t in doc[s:e] if t.text[:1].isupper() and t.is_alpha]
    full = "".join(t.text[0] for t in words).upper()
    bare = "".join(t.text[0] for t in words if t.lower_ not in _COMPANY_SUFFIXES).upper()
    return full, bare


def _join_by_acronym(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """'Apapa Bulk' + 'and' + 'Container Terminals Ltd (ABCT)': two names joined by 'and',
    'of' or 'for' whose initials together spell the acronym after them are one name."""
    cands = sorted(cands, key=lambda c: (c.start, -c.end))
    out: list[_Cand] = []
    for c in cands:
        e = c.end
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.actor is None
            and c.actor is None
            and e + 2 < len(doc)
            and doc[e].text == "("
            and doc[e + 2].text == ")"
            and doc[e + 1].text.isupper()
            and 1 <= c.start - prev.end <= 2
            and all(doc[i].lower_ in _JOINERS for i in range(prev.end, c.start))
        ):
            acronym = doc[e + 1].text.replace(".", "")
            if acronym not in _initials(doc, c.start, e) and acronym in _initials(
                doc, prev.start, e
            ):
                prev.end, prev.label = e, prev.label or c.label
                continue
        out.append(c)
    return out


def _is_acronym_token(tok: Token) -> bool:
    raw = tok.text.replace(".", "")
    return 2 <= len(raw) <= 8 and raw.isalpha() and raw.isupper()


def _credit_line(doc: Doc, start: int, close: int) -> bool:
    """'NAIROBI (KNA) –', 'SEOUL, South Korea (CNN) --': a name opening a line (or
    following the line's opening place and a comma), then a bracket closing at `close`
    and a dash, is a dateline and its credit."""
    if close + 1 >= len(doc) or doc[close + 1].text not in {"-", "–", "—", "--"}:
        return False
    i = start
    if i > 0 and "\n" not in doc[i - 1].text_with_ws and doc[i - 1].text != ",":
        return False  # 'The Ouham Patriotic Rally (OPR) - better known as …' is no dateline
    while i > 0 and start - i < 6 and "\n" not in doc[i - 1].text_with_ws:
        prev = doc[i - 1]
        if not (prev.text in {",", "."} or prev.text[:1].isupper()):
            return False
        i -= 1
    return i == 0 or "\n" in doc[i - 1].text_with_ws


def _parenthetical_names(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """'the Tarno Patriotic Alliance (TPA)', 'the Southern River Guard (Guardia Fluvial
    del Sur, GFS)': the acronym in brackets after a name, and a name written before it
    in the same brackets (the body's name in its own language), are names of that body,
    whatever the tagger made of them. Not after a place or a person: 'BANGUI (AFP) –' is
    a credit line."""
    out = list(cands)
    ends = {c.end for c in cands}
    for c in cands:
        e = c.end
        if c.label in ("GPE", "PERSON") or c.actor is not None or e >= len(doc):
            continue
        if doc[e].text != "(":
            continue
        before = c.start - (2 if c.start >= 2 and doc[c.start - 1].lower_ == "the" else 1)
        if before >= 0 and doc[before].lower_ in {"in", "of", "for", "at"} and before in ends:
            continue  # 'the X Mission in the Y Republic (XMY)' abbreviates the mission
        close = next((i for i in range(e + 1, min(e + 14, len(doc))) if doc[i].text in "()"), None)
        if close is None or doc[close].text != ")" or not _is_acronym_token(doc[close - 1]):
            continue
        if _credit_line(doc, c.start, close):
            continue
        added = [_Cand(close - 1, close, c.label, same_as=c)]
        if close - 1 > e + 1:  # '(Name, ACR)'
            if doc[close - 2].text != "," or close - 2 == e + 1 or not doc[e + 1].is_title:
                continue
            added.append(_Cand(e + 1, close - 2, c.label, same_as=c))
        out = [x for x in out if not any(x.start < a.end and a.start < x.end for a in added)]
        out += added
    return out


def _signature_line(doc: Doc, c: _Cand) -> bool:
    """'Carnaxide, 6 August 2025' on a line of its own: where a statement was signed."""
    s = c.start
    opens = s == 0 or doc[s - 1].is_space or "\n" in doc[s - 1].whitespace_
    if not opens or c.end >= len(doc) or doc[c.end].text != ",":
        return False
    rest = []
    for tok in doc[c.end + 1 :]:
        if tok.is_space:
            break
        rest.append(tok)
        if "\n" in tok.whitespace_:
            break
    return (
        bool(rest)
        and all(t.ent_type_ == "DATE" or t.like_num or t.is_punct for t in rest)
        and any(t.ent_type_ == "DATE" for t in rest)
    )


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


def _first_names(surnames: dict[str, list[tuple[int, str]]]) -> dict[str, str]:
    """First name -> the one full name of the document that starts with it; a first name
    two people share is no one's."""
    fulls: dict[str, set[str]] = {}
    for entries in surnames.values():
        for _, full in entries:
            words = full.split()
            if len(words) >= 2 and "-" not in words[0]:
                fulls.setdefault(fold(words[0]), set()).add(full)
    return {k: next(iter(v)) for k, v in fulls.items() if len(v) == 1}


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
