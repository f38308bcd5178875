"""Territorial control, per document: which side took or lost which place, and who
denies it. Reads the parse; the words are data (`data/control.toml`).

Each `LocalControl` is one assertion ('rebels seized the town of X on Saturday', 'X fell
to Y', 'Y held X from 2017 to 2019', 'the army withdrew from X') or one denial ('X has
never fallen', 'our units remain in X'). Assertions that are not told as having happened
are skipped: infinitives ('to retake'), modals and futures ('could retake'), conditions
('if IS retakes') and entries pushed back at once ('briefly entered … before being forced
to withdraw'). Sides are named where the text names them; 'the rebels' or 'its troops'
are resolved to the nearest earlier named side of that kind, and otherwise kept as the
kind alone. Dates are the time expressions that hang off the verb; where there is none,
an assertion in the present perfect or in the lead is news of the publication day, and
any other is left undated (it can still support a dated change across documents).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.lexicon import Knowledge
from storyline.models import LocalControl, LocalMention, LocalQuote, TimeExpression

_PLACE_TYPES = {"GPE", "LOC", "FACILITY"}
_PRONOUNS = {"it", "its", "they", "their", "them", "we", "our", "us", "he", "his", "she", "her"}
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'ll", "wo"}
_LEAD_SENTENCES = 2
_DATED = {"day", "week", "month", "year"}


@dataclass(frozen=True)
class ControlCues:
    gain: frozenset[str]
    weak_gain: frozenset[str]
    control_nouns: frozenset[str]
    loss_object: frozenset[str]
    loss_from: frozenset[str]
    from_preps: frozenset[str]
    fall: frozenset[str]
    hand: frozenset[str]
    hand_particles: frozenset[str]
    hold: frozenset[str]
    deny_verbs: frozenset[str]
    deny_words: frozenset[str]
    remain: frozenset[str]
    incursion: tuple[str, ...]
    claim_verbs: frozenset[str]
    reporting: frozenset[str]
    state_words: frozenset[str]
    rebel_words: frozenset[str]
    state_name_words: tuple[str, ...]
    rebel_name_words: tuple[str, ...]
    place_nouns: frozenset[str]


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def load_control_cues(knowledge: Knowledge) -> ControlCues:
    """The control words (`control.toml`, with users' extensions), once per knowledge."""
    return knowledge.derived("control_cues", lambda: _compile(knowledge.structured("control.toml")))


def _compile(raw: dict) -> ControlCues:
    return ControlCues(
        gain=_set(raw["gain"]["verbs"]),
        weak_gain=_set(raw["gain"]["weak"]),
        control_nouns=_set(raw["gain"]["control_nouns"]),
        loss_object=_set(raw["loss"]["object_verbs"]),
        loss_from=_set(raw["loss"]["from_verbs"]),
        from_preps=_set(raw["loss"]["from_preps"]),
        fall=_set(raw["loss"]["fall_verbs"]),
        hand=_set(raw["loss"]["hand_verbs"]),
        hand_particles=_set(raw["loss"]["hand_particles"]),
        hold=_set(raw["hold"]["verbs"]),
        deny_verbs=_set(raw["deny"]["verbs"]),
        deny_words=_set(raw["deny"]["words"]),
        remain=_set(raw["deny"]["remain_verbs"]),
        incursion=tuple(w.lower() for w in raw["incursion"]["words"]),
        claim_verbs=_set(raw["claim"]["verbs"]),
        reporting=_set(raw["claim"]["reporting"]),
        state_words=_set(raw["sides"]["state"]),
        rebel_words=_set(raw["sides"]["rebel"]),
        state_name_words=tuple(w.lower() for w in raw["sides"]["state_name_words"]),
        rebel_name_words=tuple(w.lower() for w in raw["sides"]["rebel_name_words"]),
        place_nouns=_set(raw["places"]["nouns"]),
    )


def side_kind(name: str, etype: str | None, cues: ControlCues) -> str | None:
    """'state' for a state's forces or government, 'rebel' for an armed group, else None."""
    low = f" {name.lower()} "
    if etype == "ARMED_GROUP" or any(f" {w} " in low for w in cues.rebel_name_words):
        return "rebel"
    if etype == "GPE" or any(f" {w} " in low for w in cues.state_name_words):
        return "state"
    return None


@dataclass
class _Side:
    text: str
    cluster: str | None = None
    kind: str | None = None


class _Reader:
    """One document's parse, mentions and times, with the lookups the rules need."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[LocalMention],
        times: list[TimeExpression],
        quotes: list[LocalQuote],
        knowledge: Knowledge,
    ) -> None:
        self.doc = doc
        self.cues = load_control_cues(knowledge)
        text = doc.text
        self.mentions = sorted(
            (m for m in mentions if not _dateline(text, m)), key=lambda m: m.start
        )
        self.places_by_name: dict[str, LocalMention] = {}
        for m in self.mentions:
            if m.type in _PLACE_TYPES and m.stands_for is None:
                self.places_by_name.setdefault(m.text.lower(), m)
        self.mention_starts = [m.start for m in self.mentions]
        self.times = times
        self.quotes = quotes
        self.last_place: LocalMention | None = None  # the place of the last change told
        self.sentence_index = {s.start: i for i, s in enumerate(doc.sents)}

    # ----------------------------------------------------------------- lookups

    def mention_at(self, token: Token) -> LocalMention | None:
        i = bisect_right(self.mention_starts, token.idx) - 1
        if i >= 0 and self.mentions[i].start <= token.idx < self.mentions[i].end:
            return self.mentions[i]
        return None

    def _in_subtree(
        self, token: Token, types: set[str] | tuple[str, ...], appos: bool = False
    ) -> LocalMention | None:
        """The first mention of these types in the phrase headed by `token`, not
        looking into clauses or 'by'/'with' phrases inside it."""
        stack = [token]
        seen: list[Token] = []
        while stack:
            t = stack.pop()
            seen.append(t)
            for c in t.children:
                if c.dep_ in ("relcl", "acl", "advcl", "ccomp") or c.lower_ in (
                    "by",
                    "with",
                    "backed",
                    "aided",
                    "from",
                    "to",
                ):
                    continue
                if c.dep_ == "appos" and not appos:
                    continue
                stack.append(c)
        found = [m for t in sorted(seen, key=lambda t: t.i) if (m := self.mention_at(t))]
        for wanted in types if isinstance(types, tuple) else (types,):
            wanted = {wanted} if isinstance(wanted, str) else wanted
            for m in found:
                if m.type in wanted:
                    return m
        return None

    def _before(self, offset: int, ok) -> LocalMention | None:
        i = bisect_right(self.mention_starts, offset) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.end <= offset and ok(m):
                return m
            i -= 1
        return None

    def place(self, token: Token) -> LocalMention | None:
        """The place a phrase names: a place mention in it, or for 'it'/'the town' the
        place of the change told last, else the nearest place named before."""
        noun = token.lemma_.lower() in self.cues.place_nouns and token.pos_ == "NOUN"
        if noun:
            # 'the town of X', 'the city, X': only a name joined to the noun names it
            # ('the ancient Syrian city', 'the city in Syria's Homs province' do not)
            named = [c for c in token.children if c.dep_ in ("appos", "compound")]
            named += [g for c in token.children if c.lower_ == "of" for g in c.children]
            for c in named:
                m = self._in_subtree(c, _PLACE_TYPES)
                if m is not None and m.stands_for is None:
                    return m
            return self._referent(token)
        m = self._in_subtree(token, _PLACE_TYPES)
        if m is not None and m.stands_for is None:
            return m
        # a name typed otherwise here, or missed here, but typed a place elsewhere in it
        name = m.text if m is not None else None
        if name is None and token.pos_ == "PROPN":
            parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
            name = self.doc[(parts[0].i if parts else token.i) : token.i + 1].text
        if name is None:
            any_mention = self.mention_at(token)
            name = any_mention.text if any_mention is not None else None
        if name is not None and name.lower() in self.places_by_name:
            return self.places_by_name[name.lower()]
        if token.lower_ in ("it", "them"):
            return self._referent(token)
        return None

    def _adjective(self, m: LocalMention) -> bool:
        """'Syrian' in 'the Syrian city' describes; it does not name the place."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.root.pos_ == "ADJ"

    def _referent(self, token: Token) -> LocalMention | None:
        """What 'it' or 'the city' stands for: the place of the change told last, else
        the nearest place named before (not an adjective: 'the Syrian city')."""
        if self.last_place is not None and self.last_place.end <= token.idx:
            return self.last_place
        return self._before(
            token.idx,
            lambda m: m.type in _PLACE_TYPES and m.stands_for is None and not self._adjective(m),
        )

    def side(self, token: Token | None, depth: int = 0) -> _Side | None:
        """The side a phrase names: a named actor in it, else the nearest earlier named
        side of the kind its words say ('the rebels', 'its troops'), else the kind."""
        if token is None:
            return None
        if token.dep_ == "nsubj" and token.lower_ in _PRONOUNS and depth < 2:
            # 'the army says it took the town': the subject said earlier in the sentence
            before = [
                t
                for t in token.sent
                if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in _PRONOUNS
            ]
            if before:
                side = self.side(before[-1], depth + 1)
                if side is not None:
                    return side
        order = ("ARMED_GROUP", "ORG", "GPE", "PERSON")
        m = self._in_subtree(token, order) or self._in_subtree(token, order, appos=True)
        if m is not None and not (m.type == "GPE" and m.stands_for is None and m.role is None):
            return _Side(m.text, m.cluster, side_kind(m.name, m.type, self.cues))
        if m is not None and m.type == "GPE":
            # 'Syrian troops' / 'Syria': the state of that country
            return _Side(m.text, m.cluster, "state")
        words = {t.lower_ for t in token.subtree} | {token.lemma_.lower()}
        kind = None
        if words & self.cues.state_words:
            kind = "state"
        elif words & self.cues.rebel_words:
            kind = "rebel"
        pronoun = token.lower_ in _PRONOUNS or any(
            c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in token.children
        )
        if kind is None and not pronoun:
            return None

        def fits(m: LocalMention) -> bool:
            if m.type not in ("ORG", "ARMED_GROUP"):
                return False
            return side_kind(m.name, m.type, self.cues) == kind if kind else True

        near = self._before(token.idx, fits)
        if near is not None:
            return _Side(
                near.text, near.cluster, kind or side_kind(near.name, near.type, self.cues)
            )
        if kind is None:
            return None
        text = self.doc[token.left_edge.i : token.right_edge.i + 1].text
        return _Side(text, None, kind)

    def time_of(self, verb: Token, sent) -> int | None:
        """The dated time expression that hangs off the verb (not off another clause)."""
        best: tuple[int, int] | None = None
        for i, t in enumerate(self.times):
            if not (sent.start_char <= t.start < sent.end_char):
                continue
            if t.kind not in ("date", "time"):
                continue
            tok = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if tok is None:
                continue
            head = tok.root
            if verb.dep_ == "relcl" and tok.start <= verb.head.i < tok.end:
                return i  # '2019, when it handed the town over'

            path, node = [], head
            while node.i != verb.i and node.head.i != node.i:
                node = node.head
                path.append(node)
            if node.i != verb.i:
                continue
            if any(p.pos_ == "VERB" and p.i != verb.i for p in path):
                continue  # it dates another clause inside this one
            distance = abs(head.i - verb.i)
            if best is None or distance < best[0]:
                best = (distance, i)
        if (
            best is None
            and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in self.cues.reporting
        ):
            return self.time_of(verb.head, sent)  # 'On Sunday the army said it had taken P'
        return best[1] if best else None

    # --------------------------------------------------------------- modality

    def told_as_happened(self, verb: Token) -> bool:
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        node = verb
        for _ in range(3):
            for c in node.children:
                if c.dep_ in ("aux", "auxpass") and (c.lower_ in _MODALS or c.lower_ == "to"):
                    return False
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                    return False
            if node.dep_ in ("xcomp",) and node.tag_ == "VB":
                return False
            if node.dep_ not in ("conj",):
                break
            node = node.head
        if verb.tag_ == "VB" and not any(c.dep_ == "aux" for c in verb.children):
            return verb.dep_ == "ROOT" and verb.i < 12  # a headline's bare verb
        return True

    def negated(self, verb: Token) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in verb.children)

    def incursion(self, sent) -> bool:
        low = sent.text.lower()
        return any(f" {w} " in f" {low} " or f" {w}" in low for w in self.cues.incursion)

    # ------------------------------------------------------------ attribution

    def attribution(self, verb: Token) -> tuple[str | None, str | None]:
        """('claim'|'said'|None, claimant cluster) for the assertion told by `verb`."""
        for q in self.quotes:
            if q.start <= verb.idx < q.end:
                cue = (q.cue or "").lower()
                kind = "claim" if any(cue.startswith(v) for v in self.cues.claim_verbs) else "said"
                return kind, q.speaker_cluster
        node = verb
        while node.head.i != node.i:
            if node.dep_ in ("ccomp", "xcomp", "conj", "advcl", "parataxis", "acl", "relcl"):
                head = node.head
                lemma = head.lemma_.lower()
                if lemma in self.cues.reporting and node.dep_ != "conj":
                    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                    side = self.side(subj) if subj is not None else None
                    kind = "claim" if lemma in self.cues.claim_verbs else "said"
                    if head.dep_ == "conj" and head.head.lemma_.lower() in self.cues.claim_verbs:
                        kind = "claim"
                    return kind, side.cluster if side else None
                node = head
                continue
            if node.dep_ in ("pcomp", "pobj", "prep"):
                node = node.head
                continue
            break
        # 'the claim that P had fallen', 'claiming that …'
        for anc in verb.ancestors:
            if anc.lemma_.lower() in self.cues.claim_verbs:
                return "claim", None
        return None, None

    def denied(self, sent) -> bool:
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        return bool(words & (self.cues.deny_words | self.cues.deny_verbs))


def _dateline(text: str, m: LocalMention) -> bool:
    """'BANGUI (Wire) - …': a capitalised place opening a line is a dateline, no side."""
    line_start = text.rfind("\n", 0, m.start) + 1
    after = text[m.end : m.end + 3].lstrip()
    return m.start == line_start and m.text.isupper() and after[:1] in ("(", ",", "-", "—", "–")


def _lemma(token: Token, cues: ControlCues) -> str:
    """The lemma, or the word itself where the lemmatiser misses a listed form
    ('retook', 'overran')."""
    lemma = token.lemma_.lower()
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "re":
        lemma = f"re-{lemma}"  # 're-entered' split by the tokenizer
    if lemma in cues.gain or token.lower_ not in cues.gain:
        return lemma
    return token.lower_


def _pobj(verb: Token, preps: set[str] | frozenset[str]) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:  # 'out of P'
                inner = next((g for g in c.children if g.dep_ == "prep"), None)
                if inner is not None:
                    obj = next((g for g in inner.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _child(verb: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in verb.children if c.dep_ in deps), None)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it is joined to."""
    node = verb
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "re":
        node = doc[verb.i - 2]  # 're-entered' split: the subject hangs off 're'
    for _ in range(3):
        subj = _child(node, ("nsubj",))
        if subj is not None and subj.lower_ in ("who", "that", "which") and node.dep_ == "relcl":
            return node.head  # 'the troops, who liberated the town'
        if subj is not None:
            return subj
        if node.dep_ in ("conj", "advcl", "xcomp", "pcomp") and node.head.i != node.i:
            node = node.head if node.dep_ != "pcomp" else node.head.head
            continue
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return None
        break
    return None


def _object_of(verb: Token) -> Token | None:
    obj = _child(verb, ("dobj", "obj"))
    if obj is not None:
        return obj
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # 'the city that they captured'
    return None


def find_controls(
    doc: Doc,
    mentions: list[LocalMention],
    times: list[TimeExpression],
    quotes: list[LocalQuote],
    knowledge: Knowledge,
) -> list[LocalControl]:
    """Every assertion and denial of a change of control in one parsed document."""
    reader = _Reader(doc, mentions, times, quotes, knowledge)
    cues = reader.cues
    out: list[LocalControl] = []
    for n, sent in enumerate(doc.sents):
        found_here: list[LocalControl] = []
        for verb in sent:
            lemma = _lemma(verb, cues)
            if verb.pos_ not in ("VERB", "AUX") and lemma not in cues.gain:
                continue
            records = _read_verb(reader, verb, lemma, sent, n)
            found_here.extend(records)
        if found_here and reader.denied(sent):
            for r in found_here:
                if r.kind == "change" and r.attributed:
                    r.denied = True
        out.extend(found_here)
    return out


def _record(
    reader: _Reader,
    sent,
    verb: Token,
    place: LocalMention,
    gainer: _Side | None,
    loser: _Side | None,
    n: int,
    time: int | None = None,
    background: bool = False,
    kind: str = "change",
) -> LocalControl:
    if time is None and not background:
        time = reader.time_of(verb, sent)
    on_published = False
    if time is None and not background and kind == "change":
        perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
        past_perfect = any(c.lower_ == "had" for c in verb.children)
        present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VB" and n < _LEAD_SENTENCES)
        on_published = (perfect and not past_perfect) or present
    attributed, claimant = reader.attribution(verb) if kind == "change" else (None, None)
    if kind == "change":
        reader.last_place = place
    return LocalControl(
        kind=kind,  # type: ignore[arg-type]
        start=sent.start_char,
        end=sent.end_char,
        cue=verb.text,
        cue_start=verb.idx,
        place_text=place.text,
        place_cluster=place.cluster,
        gainer_text=gainer.text if gainer else None,
        gainer_cluster=gainer.cluster if gainer else None,
        gainer_kind=gainer.kind if gainer else None,  # type: ignore[arg-type]
        loser_text=loser.text if loser else None,
        loser_cluster=loser.cluster if loser else None,
        loser_kind=loser.kind if loser else None,  # type: ignore[arg-type]
        time=time,
        on_published=on_published,
        background=background,
        attributed=attributed,
        claimant_cluster=claimant,
    )


def _read_verb(reader: _Reader, verb: Token, lemma: str, sent, n: int) -> list[LocalControl]:
    cues = reader.cues
    deps = {c.dep_ for c in verb.children}
    passive = "nsubjpass" in deps or ("auxpass" in deps and not deps & {"nsubj", "dobj"})

    # -- denials: 'P has never fallen', 'X denies losing P', 'our units remain in P'
    if lemma in cues.remain:
        where = _pobj(verb, {"in", "inside"})
        under = _pobj(verb, {"under"})
        subj = _subject(verb)
        if where is not None:
            place = reader.place(where)
            side = reader.side(subj)
            if place is not None and side is not None:
                return [_record(reader, sent, verb, place, None, side, n, kind="deny")]
        if under is not None and subj is not None:
            place = reader.place(subj)
            holder = _pobj(under, {"of"})
            side = reader.side(holder) if holder is not None else None
            if place is not None and side is not None:
                return [_record(reader, sent, verb, place, None, side, n, kind="deny")]
        return []
    if lemma in cues.deny_verbs:
        inner = _child(verb, ("xcomp", "ccomp", "dobj"))
        if inner is not None and inner.lemma_.lower() in cues.loss_object | cues.fall:
            obj = _object_of(inner) or _subject(inner)
            place = reader.place(obj) if obj is not None else None
            side = reader.side(_subject(verb))
            if place is not None:
                return [_record(reader, sent, verb, place, None, side, n, kind="deny")]
        return []

    is_gain = lemma in cues.gain
    is_fall = lemma in cues.fall
    is_hold = lemma in cues.hold
    is_hand = lemma in cues.hand and any(
        c.lower_ in cues.hand_particles for c in verb.children if c.dep_ in ("prt", "advmod")
    )
    is_loss = lemma in cues.loss_object
    is_leave = lemma in cues.loss_from
    if not (is_gain or is_fall or is_hold or is_hand or is_loss or is_leave):
        return []
    if not reader.told_as_happened(verb) or verb.head.lemma_.lower() in cues.deny_verbs:
        return []

    if reader.negated(verb):
        # 'P has never fallen', 'the army did not lose P': a denial
        if is_fall:
            subj = _child(verb, ("nsubj",))
            place = reader.place(subj) if subj is not None else None
            if place is not None:
                return [_record(reader, sent, verb, place, None, None, n, kind="deny")]
        if is_loss:
            obj = _object_of(verb)
            place = reader.place(obj) if obj is not None else None
            if place is not None:
                side = reader.side(_subject(verb))
                return [_record(reader, sent, verb, place, None, side, n, kind="deny")]
        return []

    if is_hold:
        return _read_hold(reader, verb, sent, n)
    if (is_gain or is_leave) and reader.incursion(sent):
        return []

    subj = _subject(verb)
    if is_gain:
        obj = _object_of(verb)
        if passive:
            obj = _child(verb, ("nsubjpass",)) or (
                verb.head if verb.dep_ in ("relcl", "acl") else None
            )
            agent = _child(verb, ("agent",))
            taker = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            gainer = reader.side(taker)
        else:
            gainer = reader.side(subj)
        if obj is not None and obj.lemma_.lower() in cues.control_nouns:
            obj = _pobj(obj, {"of", "over"})
        elif lemma in cues.weak_gain:
            obj = obj if obj is not None and reader.place(obj) is not None else None
        if obj is None:
            return []
        place = reader.place(obj)
        if place is None:
            return []
        source = _pobj(verb, {"from"})
        loser = reader.side(source) if source is not None else None
        return [_record(reader, sent, verb, place, gainer, loser, n)]
    if is_fall:
        subj = _child(verb, ("nsubj",))
        place = reader.place(subj) if subj is not None else None
        taker = _pobj(verb, {"to"})
        if taker is None:  # 'fell into the group's hands'
            hands = _pobj(verb, {"into"})
            if hands is not None and hands.lemma_.lower() == "hand":
                taker = _child(hands, ("poss",))
        if place is None or taker is None:
            return []
        return [_record(reader, sent, verb, place, reader.side(taker), None, n)]
    if is_hand:
        obj = _object_of(verb)
        place = reader.place(obj) if obj is not None else None
        receiver = _pobj(verb, {"to"})
        if place is None or receiver is None:
            return []
        return [_record(reader, sent, verb, place, reader.side(receiver), reader.side(subj), n)]
    if is_loss:
        obj = _object_of(verb)
        place = reader.place(obj) if obj is not None else None
        if place is None:
            return []
        taker = _pobj(verb, {"to"})
        return [_record(reader, sent, verb, place, reader.side(taker), reader.side(subj), n)]
    # is_leave: 'withdrew from P', 'pulled its fighters out of P'
    where = _pobj(verb, cues.from_preps)
    place = reader.place(where) if where is not None else None
    if place is None:
        return []
    return [_record(reader, sent, verb, place, None, reader.side(subj), n)]


def _read_hold(reader: _Reader, verb: Token, sent, n: int) -> list[LocalControl]:
    """'X held P from A to B' / 'between A and B' / 'from A until B' / 'since A'."""
    obj = _object_of(verb)
    place = reader.place(obj) if obj is not None else None
    if place is None:
        return []
    holder = reader.side(_subject(verb))
    if holder is None:
        return []
    starts: list[int] = []
    ends: list[int] = []
    for i, t in enumerate(reader.times):
        if not (sent.start_char <= t.start < sent.end_char) or t.kind not in ("date", "time"):
            continue
        tok = reader.doc.char_span(t.start, t.end, alignment_mode="expand")
        if tok is None:
            continue
        head = tok.root
        chain = [head, *head.ancestors]
        if verb not in chain:
            continue
        prep = next((a for a in chain if a.dep_ == "prep" and a.head.i == verb.i), None)
        word = prep.lower_ if prep is not None else ""
        if word in ("from", "since"):
            starts.append(i)
        elif word in ("to", "until", "till"):
            ends.append(i)
        elif word == "between":
            (starts if not starts else ends).append(i)
    if not starts:
        return []
    records = [_record(reader, sent, verb, place, holder, None, n, starts[0], background=True)]
    if ends:
        records.append(
            _record(reader, sent, verb, place, None, holder, n, ends[0], background=True)
        )
    return records
