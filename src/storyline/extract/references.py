"""Reference resolution inside one document: who a pronoun, a descriptor or a
possessive descriptor stands for.

One resolver serves every judgement about a source (quote speakers, accusers and the
accused, claimants). It reads what a careful reader reads:
- the entities the document names (`LocalMention`s), with the roles and titles the text
  gives them ('Halima Sesay, the interior minister'), their gender where a title or a
  role word tells it ('Mrs', 'spokeswoman'), and names the NER missed but the text
  sets beside a role ('the Government Spokesman, Ada Obi,');
- for a pronoun ('he', 'its', 'they'): the compatible entities of the last few sentences
  (person or organisation, gender, number), subjects before objects, recent before old;
  plural or singular nouns that are not entities ('the rebels', 'the fire') compete too,
  so that 'they' after 'residents' is not the ministry;
- for a descriptor ('the minister', 'the ministry', 'the company', 'the ministry's
  spokeswoman'): the entities whose role or name fits the noun, the most recently
  mentioned first; a name set beside it ('…, said the governor, Ada Obi') wins;
- in an official statement, 'the Ministry' / 'the Council' is the issuing body.

Where two candidates fit equally, or none fits, the reference is left unresolved and its
record says why. Resolutions run in text order, so a resolved 'the minister' makes the
minister the most recent person for the next 'he'.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.extract.quote_marks import pair_quotes
from storyline.extract.quote_speakers import doc_text
from storyline.extract.roles import Roles, signature_blocks, strip_article
from storyline.lexicon import Knowledge
from storyline.lexicon.references import force_table, reference_words
from storyline.models import LocalMention, Reference

PARTY_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE"})
ORG_TYPES = frozenset({"ORG", "ARMED_GROUP", "GPE"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
DASHES = frozenset({"—", "–", "-", "--"})
POSSESSOR = re.compile(r"['\u2019]s\b")
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"})


@dataclass
class Referent:
    """One entity of the document that references can point at."""

    key: str
    name: str
    type: str
    cluster: str | None
    names: set[str] = field(default_factory=set)  # lower-cased full names and aliases
    kinds: set[str] = field(default_factory=set)  # nouns the text gives it: 'contractor'
    roles: list[str] = field(default_factory=list)
    gender: str | None = None  # "m", "f" or None

    def role_text(self) -> str:
        return " " + " ".join(re.findall(r"[\w.'-]+", " ; ".join(self.roles).lower())) + " "

    def name_words(self) -> set[str]:
        return {w for n in self.names for w in re.findall(r"[\w.'-]+", n)}


@dataclass(order=True)
class _Occurrence:
    token: int
    sentence: int = field(compare=False)
    paragraph: int = field(compare=False)
    subject: bool = field(compare=False)
    key: str | None = field(compare=False)  # None: a noun that is no entity
    plural: bool = field(compare=False, default=False)
    text: str = field(compare=False, default="")
    quoted: bool = field(compare=False, default=False)  # inside quotation marks
    person: bool = field(compare=False, default=False)  # a non-entity noun for a person


@dataclass
class Resolution:
    """What a reference stands for, or why it stands for nothing known."""

    how: str  # name | pronoun | descriptor | possessive | apposition | issuer | none
    referent: Referent | None = None
    reason: str | None = None
    antecedent: int | None = None  # a pronoun's unnamed antecedent ('the union … it')

    @property
    def resolved(self) -> bool:
        return self.referent is not None

    @property
    def text(self) -> str | None:
        return self.referent.name if self.referent is not None else None

    @property
    def cluster(self) -> str | None:
        return self.referent.cluster if self.referent is not None else None


class References:
    """The resolver over one parsed document and its entity mentions."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[LocalMention],
        knowledge: Knowledge,
        doc_type: str = "report",
        outlet: str | None = None,
    ) -> None:
        self.doc = doc
        self.words = reference_words(knowledge)
        self.role_nouns = knowledge.entity_words["roles"]
        self.titles = Roles(knowledge.entity_words)
        self.cues = knowledge.cues
        self._knowledge = knowledge
        self.role_terms = self.cues.role_terms
        self.doc_type = doc_type
        self.outlet = outlet
        self._sent = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            self._sent[sent.start : sent.end] = [k] * (sent.end - sent.start)
        # Paragraph of each token: the newlines before it (offsets read in one array call,
        # without building a Token per word).
        text = doc_text(doc)
        breaks = [i for i, c in enumerate(text) if c == "\n"]
        starts = doc.to_array("IDX").tolist() if len(doc) else []
        self._para = [bisect_left(breaks, idx) for idx in starts]
        # Coarse tags per token, read once, so that passes visit only the tokens they need.
        self._pos = [doc.vocab.strings[h] for h in doc.to_array("POS").tolist()] if len(doc) else []
        self._deps = (
            [doc.vocab.strings[h] for h in doc.to_array("DEP").tolist()] if len(doc) else []
        )
        self.referents: dict[str, Referent] = {}
        self._by_cluster: dict[str, str] = {}
        self._by_token: dict[int, str] = {}  # token index -> referent key, named mentions
        self._occ: list[_Occurrence] = []
        self._mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._done: dict[int, Resolution] = {}
        self._scanned = False
        self._records: dict[int, Reference] = {}
        self._quoted = self._quoted_chars(doc)
        self._persons = self.words.masculine | self.words.feminine
        self._issuer: Referent | bool | None = False  # False: not looked for yet
        self._build(mentions)

    # ------------------------------------------------------------------ public

    def resolve(self, token: Token, record: bool = True) -> Resolution:
        """The entity `token` (a subject, object or possessor head) refers to."""
        self._scan()
        res = self._resolve(token)
        if record:
            self._record(token, res)
        return res

    def real_subject(self, token: Token) -> Token:
        """'BANGUI, 16 Sept (VDO) – The Minister … denounced': the parse may make the
        dateline a subject as well; the real subject is the one after it."""
        if token.dep_ not in SUBJECT_DEPS or self._frame(token) is None:
            return token
        for c in token.head.children:
            same = c.dep_ == token.dep_ and self._para[c.i] == self._para[token.i]
            if same and c.i > token.i and self._frame(c) is None:
                return c
        return token

    def body_of(self, token: Token) -> Referent | None:
        """The organisation a description of its people names: 'a ministry official',
        'RPO fighters', 'officers of the Police Command', 'the leaders of the group'."""
        if token.pos_ != "NOUN":
            return None
        parts = [c for c in token.children if c.dep_ in ("compound", "poss") and c.i < token.i]
        parts += [
            g
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in ("of", "at", "from")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        for part in parts:
            res = self._resolve(part)
            if res.referent is not None and res.referent.type in ("ORG", "ARMED_GROUP"):
                return res.referent
        return None

    def described_antecedent(self, res: Resolution) -> Token | None:
        """A pronoun's antecedent that is a definite description of a body or a person
        the document does not name ('The nurses' union … and it holds X responsible'):
        the words as written can stand for the source, and the story may name it."""
        if res.how != "pronoun" or res.antecedent is None:
            return None
        head = self.doc[res.antecedent]
        definite = any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children
        ) or any(c.dep_ == "poss" for c in head.children)
        if head.pos_ == "NOUN" and head.tag_ != "NNS" and definite and self.is_party_noun(head):
            return head
        return None

    def is_party_noun(self, token: Token) -> bool:
        """A common noun that names someone who can act, speak or be blamed ('the
        contractor', 'the rebels', 'the ministry'), not a thing ('a power line')."""
        lemma, low = token.lemma_.lower(), token.lower_
        w = self.words
        return (
            self._is_role(token)
            or lemma in w.party_nouns
            or low in w.party_nouns
            or lemma in w.organisations
            or low in w.organisations
        )

    def force_of(self, token: Token) -> Referent | None:
        """'soldiers executed three men', 'accused rebels of looting': a bare plural of a
        noun for a body's people (`[organisations]`: 'soldiers', 'troops', 'rebels')
        stands for the one body of the document it fits ('the army'); none where two
        fit, where a modifier narrows it, or for a count ('three soldiers')."""
        self._scan()
        if token.pos_ != "NOUN" or token.tag_ != "NNS":
            return None
        if any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in token.children):
            return None
        lemma, low = token.lemma_.lower(), token.lower_
        orgs = self._organisations(lemma, low)
        if not orgs:
            # 'soldiers' where the text calls the body 'the army': what that resolved to
            table = self.words.organisations.get(lemma) or self.words.organisations.get(low)
            orgs = [
                res.referent
                for i, res in self._done.items()
                if table
                and res.referent is not None
                and res.referent.key in self.referents  # a named body, not a description
                and res.how == "descriptor"
                and self.doc[i].lemma_.lower() in table
            ]
        return orgs[0] if len({r.key for r in orgs}) == 1 else None

    def bare_force(self, token: Token) -> bool:
        """A bare plural for a body's people ('soldiers', 'troops', 'rebels') that no
        determiner, count or modifier narrows to some of them, where the document names
        no body it fits (one is `force_of`'s; two leave it to no one)."""
        if token.pos_ != "NOUN" or token.tag_ != "NNS":
            return False
        if any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in token.children):
            return False
        if force_table(token.lower_, self.words) is None:
            return False
        return not self._organisations(token.lemma_.lower(), token.lower_)

    def issuer(self) -> Referent | None:
        """The body that issues an official statement: the outlet ingest found, else the
        organisation named first in the letterhead."""
        if self._issuer is not False:
            return self._issuer  # type: ignore[return-value]
        found: Referent | None = None
        if self.doc_type == "statement":
            found = self._letterhead()
        self._issuer = found
        return found

    def records(self) -> list[Reference]:
        return [self._records[k] for k in sorted(self._records)]

    # ------------------------------------------------------------------ building

    def _build(self, mentions: list[LocalMention]) -> None:
        doc = self.doc
        surnames: dict[str, str] = {}
        # a surname two full names share ('Bill Clinton', 'Hillary Clinton') is neither's
        fulls: dict[str, set[str]] = {}
        for m in self._mentions:
            words = m.name.split()
            if m.type == "PERSON" and len(words) > 1:
                fulls.setdefault(words[-1], set()).add(m.cluster)
        shared = {w for w, clusters in fulls.items() if len(clusters) > 1}
        for m in self._mentions:
            if m.type not in PARTY_TYPES and m.type != "OTHER":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            key = self._by_cluster.get(m.cluster)
            words = m.name.split()
            mtype = m.type
            if key is None and len(words) == 1 and words[0] in surnames and words[0] not in shared:
                key = surnames[words[0]]  # 'Mr Yangongo-Wali' after 'Prosper Yangongo-Wali'
                mtype = "PERSON"
            if mtype == "PERSON" and len(words) == 1 and span.root.ent_type_ == "NORP":
                mtype = "NORP"  # 'Moldovan' is no one's name
            if key is None:
                if m.type == "OTHER":
                    continue
                key = m.cluster
                self.referents[key] = Referent(key, m.name or m.text, mtype, m.cluster)
            elif mtype == "NORP":
                continue
            self._by_cluster.setdefault(m.cluster, key)
            ref = self.referents[key]
            if ref.name.isupper() and not (m.name or m.text).isupper() and len(words) > 1:
                ref.name = m.name or m.text  # 'National River Authority', not the letterhead's caps
            ref.names.update({m.text.lower(), (m.name or m.text).lower()})
            if ref.type == "PERSON" and len(words) > 1:
                surnames.setdefault(words[-1], key)
            if m.role:
                ref.roles.append(m.role)
            self._gender_from(ref, span)
            for t in span:
                self._by_token[t.i] = key
            root = span.root
            self._add(root, key)
        self._name_appositions()
        self._kinds_of_bodies()
        self._titled_names()
        self._signature()
        self._merge_surnames()
        self._issuer_organs()

    def _kinds_of_bodies(self) -> None:
        """'the pipeline contractor Tarvex', 'Tarvex, a logistics company,': the common
        noun the text gives a body, before its name or in apposition, is a word the body
        answers to ('the company', 'the contractor' later)."""
        doc = self.doc
        for i, key in sorted(self._by_token.items()):
            ref = self.referents.get(key)
            if ref is None or ref.type != "ORG" or self._by_token.get(i - 1) == key:
                continue  # one look per name, at its first token
            before = doc[i - 1] if i > 0 else None
            kinds = []
            if before is not None and before.pos_ == "NOUN" and before.is_lower:
                kinds.append(before)
            for t in doc[i : i + 6]:
                if self._by_token.get(t.i) != key:
                    break
                kinds += [c for c in t.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            for k in kinds:
                ref.kinds.add(k.lemma_.lower())

    def _titled_names(self) -> None:
        """'General Óscar Iván Rentería', 'Mrs Ada Obi': a titled proper-noun run the NER
        missed is a person with that title as role."""
        doc = self.doc
        for i, pos in enumerate(self._pos):
            if pos != "PROPN" or i in self._by_token or self._deps[i] in ("compound", "flat"):
                continue
            t = doc[i]
            lo = t.i
            while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].i not in self._by_token:
                lo -= 1
            titles = []
            while lo < t.i and self.titles.is_title(doc[lo]):
                titles.append(doc[lo].text)
                lo += 1
            if (
                not titles
                or t.i - lo < 1
                or not all(doc[i].text[:1].isupper() for i in range(lo, t.i + 1))
            ):
                continue
            name = doc[lo : t.i + 1].text
            key = "n:" + name.lower()
            ref = self.referents.setdefault(
                key, Referent(key, name, "PERSON", None, {name.lower()})
            )
            ref.roles.append(" ".join(titles))
            self._gender_from(ref, doc[lo : t.i + 1])
            for i in range(lo - len(titles), t.i + 1):
                self._by_token[i] = key
            self._add(t, key)

    def _signature(self) -> None:
        """A statement's signature block: a role line ('The Minister of Defence') next to a
        name line ('General Ana Obi') among the last lines makes that person the one
        with that role, even where the NER missed the name."""
        text = doc_text(self.doc)
        for role, name, offset, _ in signature_blocks(text, self.role_nouns):
            span = self.doc.char_span(offset, offset + len(name), alignment_mode="expand")
            if span is None:
                continue
            taken = {self._by_token.get(i) for i in range(span.start, span.end)} - {None}
            if taken:
                # the NER typed the signatory's name as a body ('Brigade Ana Obi', ORG):
                # the signature block says it is a person with that role
                # or as the person it is, the rank stripped ('Armel Obi' of 'General de
                # Brigade Armel Obi'): either way the signature gives the role
                old = self.referents.get(taken.pop()) if len(taken) == 1 else None
                if old is None:
                    continue
                if old.type == "PERSON":
                    if not name.endswith(old.name):
                        continue
                elif old.name.endswith(name):
                    old.type, old.name = "PERSON", name
                else:
                    continue
                old.names.add(name.lower())
                old.roles.append(role)
                return
            key = "n:" + name.lower()
            ref = self.referents.setdefault(key, Referent(key, name, "PERSON", None))
            ref.names.add(name.lower())
            ref.roles.append(role)
            for i in range(span.start, span.end):
                self._by_token[i] = key
            self._add(span.root, key)
            return

    def _merge_surnames(self) -> None:
        """A one-word name that is the surname of a person named in full elsewhere
        ('Mr Yangongo-Wali', typed ORG by the NER) is that person."""
        full: dict[str, str] = {}
        shared: set[str] = set()  # 'Bill Clinton' and 'Hillary Clinton': 'Clinton' is neither
        for ref in self.referents.values():
            words = ref.name.split()
            if (
                ref.type == "PERSON"
                and len(words) > 1
                and full.setdefault(words[-1], ref.key) != ref.key
            ):
                shared.add(words[-1])
        for surname in shared:
            del full[surname]
        moved: dict[str, str] = {}
        for ref in list(self.referents.values()):
            words = ref.name.split()
            target = full.get(words[-1]) if len(words) == 1 else None
            if target is None or target == ref.key:
                continue
            moved[ref.key] = target
        self._move(moved)

    def _issuer_organs(self) -> None:
        """In an official statement, an organ named as the issuer's ('The National
        Executive Council of the Union (NU) met …') speaks as the issuer: its mentions
        and the descriptors that point at it ('The Council condemns …') are the issuer's."""
        if self.doc_type != "statement":
            return
        issuer = self.issuer()
        if issuer is None or issuer.key not in self.referents:
            return
        doc = self.doc
        moved: dict[str, str] = {}
        for m in self._mentions:
            key = self._by_cluster.get(m.cluster)
            if key is None or key == issuer.key or key in moved:
                continue
            ref = self.referents[key]
            if ref.type not in ("ORG", "ARMED_GROUP"):
                continue
            if ref.name.split()[-1].lower() not in self.words.organ_nouns:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            after = [t for t in doc[span.end : span.end + 3] if t.lower_ != "the"]
            of_issuer = len(after) > 1 and after[0].lower_ == "of"
            if of_issuer and self._by_token.get(after[1].i) == issuer.key:
                moved[key] = issuer.key
        self._move(moved)

    def _move(self, moved: dict[str, str]) -> None:
        """Merge each referent `moved` names into its target."""
        for source, target in moved.items():
            ref, into = self.referents[source], self.referents[target]
            into.names |= ref.names
            into.kinds |= ref.kinds
            into.roles += [r for r in ref.roles if r not in into.roles]
            if into.cluster is None:
                into.cluster = ref.cluster
            del self.referents[source]
        if not moved:
            return
        for table in (self._by_cluster, self._by_token):
            for k, v in table.items():
                if v in moved:
                    table[k] = moved[v]
        for occ in self._occ:
            if occ.key in moved:
                occ.key = moved[occ.key]

    def _gender_from(self, ref: Referent, span) -> None:
        if ref.type != "PERSON" or ref.gender is not None:
            return
        doc = self.doc
        before = [doc[i].lower_.rstrip(".") for i in range(max(0, span.start - 2), span.start)]
        # A possessor's title is not the role holder's: 'Mr. Trump's campaign manager'.
        roles = " ".join(POSSESSOR.split(r)[-1] for r in ref.roles)
        words = set(before) | set(re.findall(r"[\w-]+", roles.lower()))
        if words & self.words.female_words:
            ref.gender = "f"
        elif words & self.words.male_words:
            ref.gender = "m"

    def _name_appositions(self) -> None:
        """'the Government Spokesman, Ada Obi,': a name beside a role noun that the NER
        missed is a person; one it found takes the role."""
        doc = self.doc
        for i, dep in enumerate(self._deps):
            if dep != "appos":
                continue
            t = doc[i]
            name, role = (t, t.head) if t.pos_ == "PROPN" else (t.head, t)
            if name.pos_ != "PROPN" or role.pos_ not in ("NOUN", "PROPN"):
                continue
            if not self._is_role(role) and role.dep_ == "pobj" and role.i < name.i:
                # 'the official representative of the Foreign Ministry, Ana Obi,'
                holder = role.head.head if role.head.dep_ == "prep" else role
                role = holder if self._is_role(holder) else role
            if not self._is_role(role):
                continue
            lo = name.left_edge.i
            while lo < name.i and doc[lo].pos_ != "PROPN":
                lo += 1
            hi = name.i + 1
            top = role
            while top.dep_ == "conj" and top.head.i < top.i:
                top = top.head  # 'the Minister of … and Government Spokesman, Ada Obi'
            if role.i < name.i:
                lo_role, hi_role = top.left_edge.i, lo
            else:
                lo_role, hi_role = role.left_edge.i, role.right_edge.i + 1
            while hi_role > lo_role and doc[hi_role - 1].is_punct:
                hi_role -= 1
            role_phrase = strip_article(doc[lo_role:hi_role].text)
            key = self._by_token.get(name.i)
            if key is not None:
                ref = self.referents[key]
                if ref.type == "ORG" and self._person_shaped(ref):
                    ref.type = "PERSON"  # 'the group's spokesman, Blaise Ngotto' (typed ORG)
                if ref.type == "PERSON" and role_phrase not in ref.roles:
                    ref.roles.append(role_phrase)
                    ref.gender = None
                    self._gender_from(ref, doc[name.i : name.i + 1])
                continue
            text = doc[lo:hi].text
            if len(text.split()) < 2 or not text[:1].isupper():
                continue  # a single word beside a role is too often not a name
            key = "n:" + text.lower()
            ref = self.referents.get(key)
            if ref is None:
                ref = Referent(key, text, "PERSON", None, {text.lower()})
                self.referents[key] = ref
                surname = text.split()[-1]
                for m in self._mentions:
                    if m.name == surname and m.cluster not in self._by_cluster:
                        self._by_cluster[m.cluster] = key
            ref.roles.append(role_phrase)
            self._gender_from(ref, doc[lo:hi])
            for i in range(lo, hi):
                self._by_token[i] = key
            self._add(name, key)

    def _person_shaped(self, ref: Referent) -> bool:
        """Two to four capitalised words, none of them an organisation word."""
        words = ref.name.split()
        org_words = {w for ws in self.words.organisations.values() for w in ws}
        return (
            2 <= len(words) <= 4
            and all(w[:1].isupper() and not w.isupper() for w in words)
            and not any(w.lower() in org_words for w in words)
        )

    def _is_person_noun(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return self._is_role(token) or lemma in self.words.person_nouns

    def _is_role(self, token: Token) -> bool:
        return token.lemma_.lower() in self.role_nouns or token.lower_ in self.role_nouns

    def _quoted_chars(self, doc: Doc) -> list[tuple[int, int]]:
        return sorted((q.start, q.end) for q in pair_quotes(doc_text(doc), self.cues.elisions))

    def _in_quote(self, token: Token) -> bool:
        k = bisect_left(self._quoted, (token.idx + 1, 0)) - 1
        return k >= 0 and self._quoted[k][0] <= token.idx < self._quoted[k][1]

    def _add(self, token: Token, key: str | None, plural: bool = False) -> None:
        subject = token.dep_ in SUBJECT_DEPS or (
            token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS
        )
        occ = _Occurrence(
            token.i,
            self._sent[token.i],
            self._para[token.i],
            subject,
            key,
            plural,
            token.text,
            self._in_quote(token),
            key is None and not plural and self._is_person_noun(token),
        )
        insort(self._occ, occ)

    # ------------------------------------------------------------------ scanning

    def _scan(self) -> None:
        """Resolve every pronoun and descriptor in text order, each adding to the
        salience of what it resolved to (or standing as a non-entity noun)."""
        if self._scanned:
            return
        self._scanned = True
        for i, pos in enumerate(self._pos):
            if pos not in ("PRON", "NOUN", "PROPN") or i in self._by_token:
                continue
            t = self.doc[i]
            kind = self._kind(t)
            if kind is None:
                if t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS:
                    self._add(t, None, plural=t.tag_ in ("NNS", "NNPS"))
                continue
            res = self._resolve(t)
            self._done[t.i] = res
            if res.referent is not None and res.referent.key in self.referents:
                self._add(t, res.referent.key)
            elif kind == "pronoun" and t.dep_ in SUBJECT_DEPS and t.lower_ in self._persons:
                # an unresolved 'he' is still someone: the next 'he' must not jump past him
                self._add(t, None)
                self._occ[bisect_left(self._occ, _Occurrence(t.i, 0, 0, False, None))].person = True
            elif kind == "descriptor" and t.dep_ in SUBJECT_DEPS:
                self._add(t, None, plural=t.tag_ in ("NNS", "NNPS"))

    def _kind(self, t: Token) -> str | None:
        low = t.lower_
        w = self.words
        if t.pos_ == "PRON" and (low in w.masculine or low in w.feminine):
            return "pronoun"
        if t.pos_ == "PRON" and (low in w.singular or low in w.plural):
            return "pronoun"
        if t.pos_ in ("NOUN", "PROPN") and (
            any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children)
            or any(c.dep_ == "poss" for c in t.children)
        ):
            lemma = t.lemma_.lower()
            if self._is_role(t) or lemma in w.organisations or t.lower_ in w.organisations:
                return "descriptor"
        return None

    # ------------------------------------------------------------------ resolving

    def _resolve(self, t: Token) -> Resolution:
        if t.i in self._done:
            return self._done[t.i]
        where = self._frame(t)
        if where is not None:
            real = self.real_subject(t)
            if real is not t:
                return self._resolve(real)
            return Resolution("none", reason=where)
        key = self._by_token.get(t.i)
        if key is not None:
            ref = self.referents[key]
            if ref.type != "PERSON":
                # 'the Minister of Internal Administration, Ana Lobo, said': a title the
                # NER took for a body, with the person's name beside it
                named = self._name_beside(t)
                if named is not None and named.type == "PERSON":
                    return Resolution("apposition", named)
            if self._generic(ref) and self._kind(t) == "descriptor":
                # 'the Council', 'the Ministry': a descriptor the NER took for a name
                res = self._descriptor(t, exclude=key)
                if res.resolved:
                    return res
            return Resolution("name", ref)
        named = self._name_beside(t)
        if named is not None:
            return Resolution("apposition", named)
        keeper = self._record_keeper(t)
        if keeper is not None:
            return Resolution("possessive", keeper)  # 'figures from the division show'
        kind = self._kind(t)
        if kind == "pronoun":
            return self._pronoun(t)
        if kind == "descriptor":
            return self._descriptor(t)
        return Resolution("none", reason="not a name, pronoun or known descriptor")

    def _frame(self, t: Token) -> str | None:
        """Datelines and bylines are never parties: 'HANOI (Reuters) –', 'By Ana Lima'."""
        doc = self.doc
        i = t.i
        start = i
        while start > 0 and self._para[start - 1] == self._para[i]:
            start -= 1
        while start < i and doc[start].is_space:
            start += 1
        if i - start > 12:
            return None
        if start < len(doc) and doc[start].lower_ == "by" and i - start <= 4:
            return "byline"
        for j in range(i + 1, min(len(doc), start + 16)):
            if self._para[j] != self._para[i]:
                break
            tok = doc[j]
            if tok.text in DASHES and tok.whitespace_ and doc[j - 1].whitespace_:
                between = doc[i:j]
                has_date_or_agency = any(
                    x.ent_type_ in ("DATE", "TIME") or x.text == "(" or x.like_num for x in between
                )
                if has_date_or_agency or (t.is_upper and len(t) > 2) or j - i <= 3:
                    return "dateline"
                return None
        return None

    def _name_beside(self, t: Token) -> Referent | None:
        """A name written beside a descriptor: 'the governor, Ada Obi', 'Governor Ada
        Obi', 'the spokesman Ivan Petrov' (never a possessor: 'Obi's lawyer')."""
        if t.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in t.children:
            if c.dep_ in ("appos", "compound", "flat") and c.i > t.i:
                key = self._by_token.get(c.i)
                if key is not None and self.referents[key].type in PARTY_TYPES:
                    return self.referents[key]
                if c.dep_ == "appos" and key is None and self.titles.is_title(c):
                    # 'the spokesman, Superintendent of Police Musa Idris,': the rank heads
                    # the apposition and the name hangs below it
                    named = self._person_below(c)
                    if named is not None:
                        return named
        if t.dep_ == "appos":
            key = self._by_token.get(t.head.i)
            if key is not None:
                return self.referents[key]
        for acl in t.children:
            # 'a group calling itself Grey Lynx', 'a militia known as the Black Ridge Front'
            if acl.dep_ == "acl" and acl.lemma_.lower() in ("call", "know", "name"):
                for c in acl.subtree:
                    key = self._by_token.get(c.i)
                    if key is not None and c.i > acl.i and c.i - acl.i <= 5:
                        return self.referents[key]
        if self._is_role(t):
            # 'the representative of the Foreign Ministry, Ana Obi,': the name closes the
            # role's own phrase
            for c in t.subtree:
                if c.dep_ == "appos" and c.i > t.i and c.head.dep_ == "pobj":
                    key = self._by_token.get(c.i)
                    if key is not None and self.referents[key].type == "PERSON":
                        return self.referents[key]
        return None

    def keepers_of(self, t: Token) -> list[Token]:
        """Who keeps a record ('the board's figures', 'numbers from the elections
        division', 'information gathered by X'): the possessor, the by / of / from
        complement and a participle's agent, in that order; none for other nouns."""
        nouns = self.words.record_nouns
        if t.pos_ != "NOUN" or (t.lemma_.lower() not in nouns and t.lower_ not in nouns):
            return []  # ('data' has the lemma 'datum')
        keepers = [c for c in t.children if c.dep_ == "poss"]
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                keepers += [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "prep" and c.lower_ == "of":  # 'the number of victims' counts them
                keepers += [g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for a in c.children:
                    if a.dep_ == "agent":
                        keepers += [g for g in a.children if g.dep_ == "pobj"]
        return [k for k in keepers if k.lemma_.lower() not in self.words.record_nouns]

    def _record_keeper(self, t: Token) -> Referent | None:
        """The named keeper of a record that is made to speak."""
        for k in self.keepers_of(t):
            ref = self._resolve(k).referent
            if ref is not None and ref.key in self.referents and ref.type in PARTY_TYPES:
                return ref
        return None

    def _person_below(self, head: Token) -> Referent | None:
        for c in head.subtree:
            key = self._by_token.get(c.i)
            if key is not None and c.i > head.i:
                return self.referents[key] if self.referents[key].type == "PERSON" else None
        return None

    def _pronoun(self, t: Token) -> Resolution:
        low = t.lower_
        w = self.words
        if low in w.masculine or low in w.feminine:
            gender = "m" if low in w.masculine else "f"
            types: frozenset[str] = frozenset({"PERSON"})
            plural = False
        else:
            gender = None
            plural = low in w.plural
            types = w.plural_types if plural else ORG_TYPES
        parallel = self._parallel_object(t, types)
        if parallel is not None:
            return Resolution("pronoun", parallel)
        medium = self._speaking_medium(t) if low in ("it", "its") else None
        if medium is not None:
            return Resolution("pronoun", reason=f"refers to '{medium.text}', not a named entity")
        s, p = self._sent[t.i], self._para[t.i]
        hi = bisect_left(self._occ, _Occurrence(t.i, 0, 0, False, None))
        scores: dict[str | None, tuple[int, _Occurrence]] = {}
        speaking = plural and t.dep_ in SUBJECT_DEPS and self._speaks(t)
        quoted = self._in_quote(t)
        for occ in reversed(self._occ[:hi]):
            if s - occ.sentence > w.pronoun_sentences or p - occ.paragraph > 2:
                break
            if occ.quoted and not quoted:
                continue  # a name inside someone's quotation is not who says 'she said'
            if occ.key is None:
                # 'a man who called himself a spokesman said … he said': no one named
                person = "PERSON" in types
                if occ.plural != plural or (person and not occ.person):
                    continue
                blocker = occ.text.lower()
                if (gender == "f" and blocker in w.masculine) or (
                    gender == "m" and blocker in w.feminine
                ):
                    continue  # an unresolved 'he' does not stand in the way of 'she'
                if not person and occ.person:
                    continue
                name: str | None = "~" + occ.text.lower()
            else:
                ref = self.referents[occ.key]
                if ref.type not in types:
                    continue
                if ref.type == "PERSON" and (ref.name.isupper() or self._generic(ref)):
                    continue  # 'NGN', 'Minister': not a person's name
                if gender is not None and ref.gender not in (None, gender):
                    continue
                name = occ.key
            # recency, then grammatical role: a subject one sentence back outranks an
            # object of the pronoun's own sentence
            score = 100 - 35 * (s - occ.sentence) + (40 if occ.subject else 0)
            score += 10 if occ.paragraph == p else 0
            if speaking and occ.subject and self._speaks(self.doc[occ.token]):
                score += 20  # 'X warned that families …. They said …': the speaker goes on
            if name not in scores or scores[name][0] < score:
                scores[name] = (score, occ)
        if not scores:
            return Resolution("pronoun", reason="no compatible antecedent in the last sentences")
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], -kv[1][1].token))
        best_key, (best, occ) = ranked[0]
        if len(ranked) > 1 and ranked[1][1][0] == best:
            other = ranked[1][0]
            return Resolution(
                "pronoun",
                reason=f"ambiguous: {self._label(best_key)} or {self._label(other)}",
            )
        if best_key is None or best_key.startswith("~"):
            return Resolution(
                "pronoun",
                reason=f"refers to '{occ.text}', not a named entity",
                antecedent=occ.token,
            )
        if plural and self._singular_they(t, best):
            return Resolution("pronoun", reason="'they' may be the person named just before")
        ref = self.referents[best_key]
        clear = len(ranked) == 1 or ranked[1][1][0] <= best - 35  # a sentence apart, or more
        if gender is not None and ref.gender is None and clear:
            # 'When Ford visited his editor …': the one person 'his' can be is a man, so a
            # later 'she' is not Ford
            ref.gender = gender
        return Resolution("pronoun", ref)

    def _speaking_medium(self, t: Token) -> Token | None:
        """'The document says X is raising money … It said …': 'it', the subject of a
        speech verb, after a medium or record that was the subject of one in this sentence
        or the one before; the medium speaks on, not a body named in what it said."""
        if t.dep_ not in SUBJECT_DEPS or not self._speaks(t):
            return None
        s = self._sent[t.i]
        kinds = self.cues.media_nouns | self.cues.evidence
        for u in reversed(self.doc[: t.i]):
            if self._sent[u.i] < s - 1:
                break
            if (
                u.pos_ == "NOUN"
                and u.dep_ in SUBJECT_DEPS
                and u.lemma_.lower() in kinds
                and self._speaks(u)
            ):
                return u
        return None

    def _speaks(self, t: Token) -> bool:
        """The subject (or its apposition) of a speech verb."""
        head = t.head.head if t.dep_ == "appos" else t.head
        return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in self.cues.speech_verbs

    def _singular_they(self, t: Token, best: int) -> bool:
        """'Kym Lino, a spokesperson for the firm, confirmed … “…,” they said': a person
        of no known gender who is the subject of the sentence before (or of this one)
        scores at least as high as the body 'they' was given; it may be that person."""
        s = self._sent[t.i]
        hi = bisect_left(self._occ, _Occurrence(t.i, 0, 0, False, None))
        for occ in reversed(self._occ[:hi]):
            if s - occ.sentence > 1:
                break
            if not occ.subject or occ.key is None or occ.quoted:
                continue
            ref = self.referents[occ.key]
            if ref.type != "PERSON" or ref.gender is not None:
                continue
            if 100 - 35 * (s - occ.sentence) + 40 >= best:
                return True
        return False

    def _parallel_object(self, t: Token, types: frozenset[str]) -> Referent | None:
        """'accused the Moldovan leadership of … and blamed it for …': an object pronoun
        of a coordinated verb is the object of the verb it is coordinated with."""
        verb = t.head
        if t.dep_ != "dobj" or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
            return None
        first = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if first is None or first.i >= t.i:
            return None
        res = self._resolve(first)
        ref = res.referent
        if ref is None or ref.type not in types or ref.key not in self.referents:
            return None
        return ref

    def _label(self, key: str | None) -> str:
        if key is None:
            return "?"
        if key.startswith("~"):
            return f"'{key[1:]}'"
        return self.referents[key].name

    def _generic(self, ref: Referent) -> bool:
        """A 'name' that is only a descriptor word ('Council', 'Ministry', 'Army')."""
        words = ref.name.lower().split()
        w = self.words
        return len(words) == 1 and (words[0] in w.organisations or words[0] in self.role_nouns)

    def _descriptor(self, t: Token, exclude: str | None = None) -> Resolution:
        lemma = t.lemma_.lower()
        low = t.lower_
        if t.tag_ == "NNS" and low != lemma and lemma in self.words.plural_bodies:
            # 'the two agencies', 'the companies': several bodies, not one of them
            return Resolution("descriptor", reason=f"'{t.text}' are several bodies")
        owner = next((c for c in t.children if c.dep_ == "poss"), None)
        owner_ref: Referent | None = None
        if owner is not None:
            owner_ref = self._resolve(owner).referent
        people = self._people_with_role(lemma, low) if self._is_role(t) else []
        if people and owner is not None:
            # 'the ministry's spokeswoman': a spokeswoman of that ministry if the text says so
            owner_words = self._owner_words(owner, owner_ref)
            own = [r for r in people if owner_words & set(r.role_text().split())]
            people = own or people
        how = "possessive" if owner is not None else "descriptor"
        modifiers = self._modifiers(t)
        if modifiers:
            # 'the Romanian foreign ministry' is not the Russian one named earlier
            # (a person's role seldom repeats a nationality: 'the U.S. general' is the
            # Lt. Gen. named before)
            common = [m for m in modifiers if m.islower()]
            people = [r for r in people if self._fits(r, common, roles=True)]
        if people:
            return self._pick(t, people, how)
        if owner_ref is not None and low in SPOKES and owner_ref.type in ORG_TYPES:
            return Resolution("possessive", owner_ref)  # an organisation's spokesperson
        orgs = [r for r in self._organisations(lemma, low) if r.key != exclude]
        orgs = [r for r in orgs if self._fits(r, modifiers, roles=False)]
        if exclude is not None:
            orgs = [r for r in orgs if not self._generic(r)]
        if lemma == "government" and owner is None and not modifiers:
            home = self._home_government(t, orgs)
            if home is not None:
                return Resolution(how, home)
        if orgs:
            picked = self._pick(t, orgs, how)
            other = self._other_subject_body(t, picked.referent, lemma)
            if other is not None:
                # 'GateHouse laid off 60 (the company would not say how many)': the body
                # just named as subject may be the company though its name does not say so
                return Resolution(how, reason=f"ambiguous: {other.name} named as subject")
            return picked
        issuer = self.issuer()
        if issuer is not None and (lemma in issuer.name_words() or low in issuer.name_words()):
            return Resolution("issuer", issuer)
        if (
            issuer is not None
            and t.text[:1].isupper()
            and set(self.words.organisations.get(lemma, ())) & issuer.name_words()
        ):
            # a statement's 'The Mission condemns …'; an armed group's communiqué that
            # names 'the Army' means its enemy, not itself
            return Resolution("issuer", issuer)
        if owner is None and not people and not self._is_role(t) and t.tag_ != "NNS":
            # a body, not people: 'the leaders of the RPO' stand for the RPO (accusations)
            described = self._described(t)
            if described is not None:
                return Resolution(how, described)
        if owner is None and not people and not modifiers:
            introduced = self._introduced_as_of(t)
            if introduced is not None:
                return Resolution(how, introduced)
        return Resolution(how, reason=f"no entity of the document is '{t.text}'")

    def _other_subject_body(self, t: Token, picked: Referent | None, lemma: str) -> Referent | None:
        """Another body of a type the descriptor fits, the subject of a clause of t's own
        sentence after the picked candidate's last mention."""
        if picked is None or lemma == "government":
            return None  # a government is found by its country ('_home_government')
        types = self.words.descriptor_types.get(lemma, ORG_TYPES - {"GPE"})
        hi = bisect_left(self._occ, _Occurrence(t.i, 0, 0, False, None))
        s = self._sent[t.i]
        for occ in reversed(self._occ[:hi]):
            if occ.sentence != s or occ.key == picked.key:
                return None
            ref = self.referents.get(occ.key) if occ.key else None
            if (
                ref is not None
                and occ.subject
                and not occ.quoted
                and ref.type in types
                and ref.type == picked.type
                and self._kind_unknown(ref)
            ):
                return ref
        return None

    def _kind_unknown(self, ref: Referent) -> bool:
        """No descriptor word in the body's names or kinds: it may be any kind of body."""
        names = " ".join(f" {n} " for n in ref.names | ref.kinds)
        return not any(
            f" {word} " in names for table in self.words.organisations.values() for word in table
        )

    def _home_government(self, t: Token, governments: list[Referent]) -> Referent | None:
        """'the government' before any government is named: the government of the first
        country the document names before it, else of the first it names at all (a post
        about Moldova's hospitals that later reports 'Moscow says …' means Moldova's), not
        a government named only after it. None where a government was named before (the
        usual choice stands), where the document names none (left unresolved, as
        before) or no country."""
        keys = {r.key for r in governments}
        if not keys or any(o.key in keys for o in self._occ if o.token < t.i):
            return None  # none to choose from, or the usual choice (one named before)
        gz = self._knowledge.gazetteer
        named = [o for o in self._occ if o.key in self.referents]
        # the first country before it, else the first one the document names at all
        iso = next(
            (
                c
                for o in sorted(named, key=lambda o: (o.token > t.i, o.token))
                if (c := gz.country_of_name(self.referents[o.key].name))  # type: ignore[index]
            ),
            None,
        )
        if iso is None:
            return None
        # named as the mention finder names a government ('Government of Moldova')
        gov_id = f"gov-{iso.lower()}"
        actor = self._knowledge.actors.get(gov_id)
        name = actor.name if actor else f"Government of {gz.country_names.get(iso, iso)}"
        for ref in governments:
            if ref.cluster == f"a:{gov_id}":
                return ref
        return Referent(f"np:{gov_id}", name, "ORG", None, {name.lower()})

    def _introduced_as_of(self, t: Token) -> Referent | None:
        """'the bandits' after 'the bandits of the so-called RPO': a descriptor the text
        earlier tied to a named body with 'of' stands for that body; none where it was
        tied to two."""
        lemma = t.lemma_.lower()
        found: dict[str, Referent] = {}
        for a in self.doc[: t.i]:
            if a.pos_ != "NOUN" or a.lemma_.lower() != lemma:
                continue
            for p in a.children:
                if p.dep_ != "prep" or p.lower_ != "of" or p.i != a.i + 1:
                    continue
                for g in p.children:
                    key = self._by_token.get(g.i) if g.dep_ == "pobj" else None
                    if key is not None and self.referents[key].type in ("ORG", "ARMED_GROUP"):
                        found[key] = self.referents[key]
        return next(iter(found.values())) if len(found) == 1 else None

    def _described(self, t: Token) -> Referent | None:
        """A body the text named only by description: 'the embassy' after 'The Russian
        embassy in Chisinau denied …' (or that phrase itself) is that embassy. The nearest
        such phrase with the same head noun, in this or the paragraph before, within the
        descriptor window; none where two different ones fit."""
        lemma = t.lemma_.lower()
        found: set[str] = set()
        first: tuple[str, str] | None = None
        for i in range(t.i, -1, -1):
            if self._para[t.i] - self._para[i] > 1 or (
                self._sent[t.i] - self._sent[i] > self.words.descriptor_sentences
            ):
                break
            a = self.doc[i]
            if a.pos_ != "NOUN" or a.lemma_.lower() != lemma or self._in_quote(a):
                continue
            phrase = self._narrowed_phrase(a)
            if phrase is None:
                continue
            found.add(phrase.lower())
            first = first or (phrase, "ORG")
        if first is None or len(found) > 1:
            return None
        # Not added to the document's entities: a description stands for itself only,
        # and never competes with named entities for pronouns or other descriptors.
        return Referent(f"np:{first[0].lower()}", first[0], first[1], None, {first[0].lower()})

    def _narrowed_phrase(self, a: Token) -> str | None:
        """'Russian embassy in Chisinau' for 'embassy': the noun with the proper-noun or
        nationality words before it and a place or name after it; None when nothing
        narrows it down."""
        left = [
            c
            for c in a.children
            if c.dep_ in ("amod", "compound", "nmod")
            and c.i < a.i
            and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG"))
        ]
        right = [
            g.i + 1  # up to the name only: 'officer in Bangui, who asked …' stops at Bangui
            for p in a.children
            if p.dep_ == "prep" and p.lower_ in ("in", "of", "at", "to") and p.i == a.i + 1
            for g in p.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN"
        ]
        if not left and not right:
            return None
        start = min([c.left_edge.i for c in left] + [a.i])
        end = max([*right, a.i + 1])
        while start < a.i and self.doc[start].dep_ == "det":
            start += 1
        return self.doc[start:end].text

    def _modifiers(self, t: Token) -> list[str]:
        """The words that narrow a descriptor down ('Romanian', 'foreign', 'defence')."""
        return [
            c.text if c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE") else c.lower_
            for c in t.children
            if c.dep_ in ("amod", "compound", "nmod")
            and c.i < t.i
            and c.lower_ not in self.words.loose_modifiers
        ]

    def _fits(self, ref: Referent, modifiers: list[str], roles: bool) -> bool:
        if not modifiers:
            return True
        words = ref.name_words() | (set(ref.role_text().split()) if roles else set())
        stems = {w[:5] for w in words}
        return all(m.lower()[:5] in stems for m in modifiers)

    def _owner_words(self, owner: Token, ref: Referent | None) -> set[str]:
        words = {owner.lower_, owner.lemma_.lower()}
        if ref is not None:
            words |= ref.name_words()
        return {w for w in words if len(w) > 2}

    def _people_with_role(self, lemma: str, low: str) -> list[Referent]:
        terms = {lemma, low, *self.role_terms.get(lemma, ())}
        out = []
        for ref in self.referents.values():
            if ref.type != "PERSON" or not ref.roles:
                continue
            text = ref.role_text()
            if any(f" {term} " in text for term in terms):
                out.append(ref)
        return out

    def _organisations(self, lemma: str, low: str) -> list[Referent]:
        w = self.words
        table = w.organisations.get(lemma) or w.organisations.get(low)
        if table is None:
            return []
        types = w.descriptor_types.get(lemma, ORG_TYPES - {"GPE"})
        out = []
        for ref in self.referents.values():
            if ref.type not in types:
                continue
            names = " ".join(f" {n} " for n in ref.names | ref.kinds)
            if any(f" {word} " in names for word in table) or (
                ref.type == "ARMED_GROUP" and "ARMED_GROUP" in types and lemma != "government"
            ):
                out.append(ref)
        return out

    def _pick(self, t: Token, candidates: list[Referent], how: str) -> Resolution:
        """The most recently mentioned candidate; the one candidate of the document if
        none was mentioned before; unresolved where two were last seen together."""
        keys = {r.key for r in candidates}
        if len(keys) == 1:
            return Resolution(how, candidates[0])
        hi = bisect_left(self._occ, _Occurrence(t.i, 0, 0, False, None))
        if not self._in_quote(t):
            # the narrator's 'the army' is a body the narrator named, not one named only
            # inside someone's quotation ('"… the Ejército Nacional controls …"')
            told = {o.key for o in self._occ[:hi] if o.key in keys and not o.quoted}
            if told and told != keys:
                keys = told
                candidates = [r for r in candidates if r.key in told]
                if len(keys) == 1:
                    return Resolution(how, candidates[0])
        s = self._sent[t.i]
        last: dict[str, _Occurrence] = {}
        for occ in reversed(self._occ[:hi]):
            if occ.key in keys and occ.key not in last:
                last[occ.key] = occ
        if last:
            ranked = sorted(last.values(), key=lambda o: -o.token)
            best = ranked[0]
            if len(ranked) > 1 and ranked[1].sentence == best.sentence:
                names = f"{self.referents[best.key].name} or {self.referents[ranked[1].key].name}"  # type: ignore[index]
                return Resolution(how, reason=f"ambiguous: {names}")
            if s - best.sentence <= self.words.descriptor_sentences or len(last) == 1:
                return Resolution(how, self.referents[best.key])  # type: ignore[index]
        names = " or ".join(sorted(self.referents[k].name for k in keys))
        return Resolution(how, reason=f"ambiguous: {names}")

    def _letterhead(self) -> Referent | None:
        """The organisation of an official statement's letterhead: the first one named in
        its first lines (or the outlet ingest read from the masthead)."""
        if self.outlet:
            name, acronym = _letterhead_name(self.outlet)
            low = name.lower()
            short = acronym.lower() if acronym else None
            for loose in (False, True):
                # the body by its full name or acronym first; then a name the letterhead
                # holds or that holds it, of two words or more ('Catatumbo' inside the
                # armed group's name is a region, not the issuer)
                for ref in self.referents.values():
                    if ref.type not in ORG_TYPES or self._generic(ref):
                        continue  # 'Authority' alone is the descriptor, not the body
                    if any(n in (low, short) for n in ref.names):
                        return ref
                    if loose and any(
                        len(n.split()) > 1 and (n in low or low in n) for n in ref.names
                    ):
                        return ref
            names = {low} | ({acronym.lower()} if acronym else set())
            return Referent("outlet", name, "ORG", None, names)
        first_paras = 4
        found: list[Referent] = []
        for m in self._mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or self._para[span.start] >= first_paras:
                break
            key = self._by_cluster.get(m.cluster)
            if key is not None and self.referents[key].type in ("ORG", "ARMED_GROUP"):
                text = doc_text(self.doc)
                if text[max(0, m.start - 1) : m.start] == "(" and text[m.end : m.end + 1] == ")":
                    return self.referents[key]  # 'Full Name of the Body (ACRONYM)'
                found.append(self.referents[key])
        # The fullest name of the letterhead ('United Nations Multidimensional … Mission'
        # over 'United Nations'; 'Government of X' over 'Government')
        return max(found, key=lambda r: len(r.name.split()), default=None)

    # ------------------------------------------------------------------ records

    def _record(self, t: Token, res: Resolution) -> None:
        if res.how == "name" and res.resolved:
            return  # a plain name needs no record
        self._records[t.i] = Reference(
            start=t.idx,
            end=t.idx + len(t.text),
            text=t.text,
            how=res.how,
            name=res.text,
            cluster=res.cluster,
            reason=res.reason,
        )


def _letterhead_name(outlet: str) -> tuple[str, str | None]:
    """'National Authority for X (NAX)' -> ('National Authority for X', 'NAX'); 'Ministry
    of Y – Republic of Z' -> ('Ministry of Y', None): the body, without its country line."""
    name = re.split(r"\s[–—|]\s", outlet, maxsplit=1)[0].strip()
    found = re.search(r"\s*\(([A-Z][A-Za-z.]{1,11})\)\s*$", name)
    if found is None:
        return name, None
    return name[: found.start()].strip(), found.group(1)
