"""Accusations: who blames whom.

Patterns (cue words in `data/cues.toml`, table `accusation`):
- 'X blamed / accused / condemned Y (for / of …)': the verb's subject blames its object;
- 'Y are to blame', 'Y is responsible for …': Y is blamed by whoever says so;
- 'the mess created by Y': a harm noun qualified by a participle whose agent is Y;
- 'a lack of cooperation with / from Y': a failure noun whose complement names Y,
  blamed by the subject of the complaint verb ('X deplored …') or by the speaker;
- 'X held Y responsible', 'Y bears responsibility', 'Y is behind the attack';
- an event as the accused ('condemned the attack carried out by Y', 'the arrest … by
  officers of Y') gives its perpetrator Y, never the event noun;
- a fault said to be a party's ('the incompetence of the authorities', in reported
  speech or under a complaint verb): the speaker or complainant blames that party;
- blame of a thing or of an unnamed culprit ('blamed a power line', 'pointed to a
  different culprit') that one party's denial answers within two sentences ('Y denied
  responsibility'): Y is the party blamed;
- evidence pointing to a named party ('published a detailed case, pointing to Y'):
  its presenter blames Y;
- a wrong reported as a party's deed ('X said the rebels had looted the market', 'X says
  soldiers executed three men', 'X says Y did it'): X blames Y.

Negated, avoided and hypothetical blame ('can't blame', 'avoids condemning', 'nobody
blames') is no accusation. Where the sentence is a quotation or reported speech, the
accuser is its speaker. Accuser and accused are resolved through the document's
reference resolver (`extract.references`): a pronoun it cannot resolve, a dateline or a
thing ('a power line') is no party.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.quote_speakers import (
    MentionIndex,
    source_of_report,
    speaker_span,
    stranded_subject,
    subject_of,
    token_paragraphs,
)
from storyline.extract.references import References
from storyline.extract.sentences import within_paragraph
from storyline.lexicon import Knowledge
from storyline.lexicon.cues import Cues
from storyline.models import LocalAccusation, LocalMention, LocalQuote

PARTY_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE", "OTHER"})
OBJECT_DEPS = frozenset({"dobj", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PARTY_PREPS = frozenset({"with", "from", "by", "of"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def find_accusations(
    doc: Doc,
    mentions: list[LocalMention],
    quotes: list[LocalQuote],
    knowledge: Knowledge,
    refs: References | None = None,
) -> list[LocalAccusation]:
    """Accusations of one document, in text order, one per sentence and accuser."""
    cues = knowledge.cues
    refs = refs if refs is not None else References(doc, mentions, knowledge)
    index = MentionIndex(mentions, cues.role_terms)
    paras = token_paragraphs(doc)
    found: dict[tuple[int, str | None, bool], LocalAccusation] = {}
    blamed_things: list[tuple[Token, LocalAccusation]] = []  # blame of no party
    for token in doc:
        hit = (
            _match(token, cues)
            or _reported_wrong(token, cues, refs)
            or _culprit(token, cues)
            or _evidence_points(token, cues)
        )
        if hit is None or _negated(token, cues):
            continue
        accuser, accused, denied = hit
        denied = denied or _under_denial(token, cues)
        accused = [_possessor(p, refs) for a in accused for p in _perpetrators(a, cues)]
        # The parse may run across a paragraph break (a headline without a full stop).
        accused = [a for a in accused if a is not None and paras[a.i] == paras[token.i]]
        if not accused:
            continue
        if accuser is not None and paras[accuser.i] != paras[token.i]:
            accuser = _noun_before(token, paras)
        if token.dep_ == "ROOT" and (accuser is None or source_of_report(accuser)):
            accuser = stranded_subject(token) or accuser
        sent = _sentence(token)
        acc_text, acc_cluster = _accuser(token, accuser, quotes, index, cues, paras, refs)
        if acc_text is None:
            continue
        key = (sent.start_char, acc_text, denied)
        record = found.get(key)
        if record is None:
            record = LocalAccusation(
                start=sent.start_char,
                end=sent.end_char,
                text=sent.text,
                accuser_text=acc_text,
                accuser_cluster=acc_cluster,
                negated=denied,
            )
            found[key] = record
        for party in accused:
            if denied and party is accuser:
                text, cluster = acc_text, acc_cluster  # 'X denied responsibility': X itself
            else:
                text, cluster = _party(party, index, paras, refs)
            if not denied and (
                text == acc_text
                or (cluster is not None and cluster == acc_cluster)
                or (text and acc_text.endswith(f" of {text}"))
            ):
                continue  # no one accuses themselves ('Government of X' blaming X)
            if text and text not in record.accused_texts:
                record.accused_texts.append(text)
                record.accused_clusters.append(cluster)
        if not denied and not record.accused_texts and not any(_someone(a, refs) for a in accused):
            blamed_things.append((token, record))  # 'blamed a power line', not 'mercenaries'
    for token, record in blamed_things:
        _answered_by_denial(token, record, found.values(), paras)
    return sorted(
        (r for r in found.values() if r.accused_texts), key=lambda r: (r.start, r.accuser_text)
    )


def _match(token: Token, cues: Cues) -> tuple[Token | None, list[Token], bool] | None:
    """(accuser token or None, accused head tokens, denial?) where `token` carries blame
    or denies it."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in cues.holding_verbs:
        return _holding(token, cues)
    if token.pos_ == "VERB" and lemma in cues.denial_verbs:
        # 'X denied responsibility', 'denies any involvement': X says X is not to blame
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        if objects and objects[0].lemma_.lower() in cues.denied_liabilities:
            subject = subject_of(token, cues)
            return subject, [subject] if subject is not None else [], True
        return None
    behind = token.lower_ == "behind" and token.dep_ == "prep" and token.head.lemma_ == "be"
    if behind and any(c.dep_ == "pobj" for c in token.children):
        return None, _predicate_subjects(token.head), False  # 'Y is behind the attack'
    if token.pos_ == "VERB" and lemma in cues.blame_verbs and not _stray_base_form(token):
        if lemma == "blame" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
            return None, _predicate_subjects(token), False
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        if passive:
            agent = _agent(token)
            return agent, [c for c in token.children if c.dep_ == "nsubjpass"], False
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        if lemma == "blame":
            # 'blamed the attack on Y': the party is the object of 'on'.
            on = [p for p in token.children if p.dep_ == "prep" and p.lower_ == "on"]
            blamed = [c for p in on for c in p.children if c.dep_ == "pobj"]
            objects = blamed or objects  # 'blaming it all on Y': 'it' is the harm, not a party
        if lemma not in cues.party_object_verbs:
            # 'denounced it': what is condemned may be an act, not a body
            objects = [o for o in objects if o.lower_ not in cues.act_pronouns]
        subject = _backshifted_speaker(token, cues) or subject_of(token, cues)
        return subject, _with_conjuncts(objects), False
    if lemma == "blame" and token.pos_ == "NOUN" and token.head.lower_ in ("to",):
        return None, _predicate_subjects(token.head), False
    if (
        token.pos_ == "ADJ"
        and lemma in ("responsible", "culpable", "guilty")
        and not _held(token, cues)
        and not _own_plea(token, cues)
    ):
        return None, _predicate_subjects(token), False
    if token.pos_ == "NOUN" and lemma in cues.failure_nouns:
        complainant = _complainant(token, cues)
        if complainant is None:
            return None  # 'the lack of support from X is nothing new': no complaint made
        return complainant, _parties_of(token), False
    if token.pos_ == "NOUN" and lemma in cues.fault_nouns:
        # 'a convenient excuse for the incompetence of the authorities', said someone
        if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return None
        parties = [
            g
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in ("of", "by")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if not parties:
            return None
        return _complainant(token, cues), _with_conjuncts(parties), False
    if token.tag_ == "VBN" and lemma in cues.cause_verbs and _qualifies_harm(token, cues):
        agent = _agent(token)
        if agent is None:
            return None
        parties = [agent, *_backers(token)]
        return None, _with_conjuncts(parties), False
    return None


def _own_plea(token: Token, cues: Cues) -> bool:
    """'X pleaded guilty to …', 'admitted being responsible': the party's own admission,
    not someone's accusation of it."""
    head = token.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head.lemma_.lower() in cues.admission_verbs
        if head.head is head:
            break
        head = head.head
    return False


def _culprit(token: Token, cues: Cues) -> tuple[Token | None, list[Token], bool] | None:
    """'X pointed to a different culprit': blame whose party the text gives later (see
    `_answered_by_denial`)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in cues.culprit_nouns:
        return None
    prep = token.head
    verb = prep.head
    if token.dep_ != "pobj" or prep.lower_ not in ("to", "at") or verb.pos_ != "VERB":
        return None
    if verb.lemma_.lower() not in cues.pointing_verbs:
        return None
    return subject_of(verb, cues), [token], False


def _someone(token: Token, refs: References) -> bool:
    """A person or body, named or not ('foreign mercenaries', 'they'), rather than a
    thing ('a power line') or the culprit still to be named."""
    if token.lemma_.lower() in refs.cues.culprit_nouns:
        return False
    return token.pos_ in ("PROPN", "PRON") or bool(token.ent_type_) or refs.is_party_noun(token)


def _evidence_points(token: Token, cues: Cues) -> tuple[Token | None, list[Token], bool] | None:
    """'X published a detailed case, pointing to Y and, behind it, Z', 'X said its
    evidence pointed to Y': evidence that points to a named party is its presenter's blame of it.
    Data pointing to a thing ('to a slowdown', 'to China's growth') names no culprit."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in cues.pointing_verbs:
        return None
    to = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"]
    targets = [g for p in to for g in p.children if g.dep_ == "pobj"]
    targets += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    targets = [t for t in _with_conjuncts(targets) if t.pos_ == "PROPN"]
    if not targets:
        return None
    evidence = cues.evidence_nouns
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lemma_.lower() in evidence:
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        return (owner, targets, False) if owner is not None else None
    head = token.head
    if token.dep_ == "acl" and head.lemma_.lower() in evidence:
        head = head.head  # 'published evidence pointing to Y'
    elif token.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in evidence for c in head.children
    ):
        pass  # 'published a case, pointing to Y'
    else:
        return None
    if head.pos_ != "VERB":
        return None
    return subject_of(head, cues), targets, False


def _answered_by_denial(token: Token, record: LocalAccusation, records, paras: list[int]) -> None:
    """'X pointed to a different culprit. … Y denied responsibility': blame of a thing
    or of an unnamed culprit, answered within two sentences by one party's denial,
    blames the party that denies it."""
    if record.accused_texts:
        return  # another cue of the sentence named the party
    doc = token.doc
    sent = token.sent
    lo = sent.end_char
    hi = sent.end_char
    nxt = sent.end
    for _ in range(2):
        if nxt >= len(doc) or paras[nxt] - paras[token.i] > 1:
            break
        hi = doc[nxt].sent.end_char
        nxt = doc[nxt].sent.end
    deniers = {
        (r.accuser_text, r.accuser_cluster)
        for r in records
        if r.negated and lo <= r.start < hi and r.accuser_text != record.accuser_text
    }
    if len(deniers) == 1:
        text, cluster = next(iter(deniers))
        record.accused_texts.append(text)
        record.accused_clusters.append(cluster)


def _reported_wrong(
    token: Token, cues: Cues, refs: References
) -> tuple[Token | None, list[Token], bool] | None:
    """'The ministry said the rebels had looted the pharmacy', 'X says soldiers executed
    three men', 'the government says Y did it': a wrong (or the deed in question) that a
    reporting verb asserts as a party's act is an accusation of that party by the
    reporter. A wrong done to a thing ('executed the contract'), a belief or a fear, a
    denial and an unnamed doer ('gunmen') are not."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if lemma in cues.violence_verbs:
        if not any(o.ent_type_ in ("PERSON", "NORP") or refs.is_party_noun(o) for o in objects):
            return None
    elif lemma == "do":
        # 'Y did it': the past deed the text is about, with nothing that says what else
        # it was ('did it for the money'); 'they need to … do it now' is no deed
        extra = [c for c in token.children if c.dep_ in ("prep", "advcl", "ccomp", "xcomp")]
        if extra or [o.lower_ for o in objects] not in (["it"], ["this"]):
            return None
        if token.tag_ != "VBD" or not any(c.dep_ == "nsubj" for c in token.children):
            return None
    elif lemma not in cues.wrongdoing_verbs:
        return None
    node = token
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ == "conj":
        node = token.head  # 'had looted the pharmacy and set fire to …'
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
    if not subjects or node.dep_ != "ccomp" or subjects[0].tag_ in ("WP", "WDT"):
        return None
    doer = refs.real_subject(subjects[0])
    if (
        not refs.resolve(doer, record=False).resolved
        and refs.force_of(doer) is None
        and not refs.bare_force(doer)  # 'soldiers': the story may name the one army
    ):
        return None  # 'Gunmen kidnapped four workers, the army said': no one in particular
    said = node.head
    if said.pos_ != "VERB" or said.lemma_.lower() not in cues.reporting_verbs:
        return None
    if _negated(said, cues) or any(c.dep_ == "neg" for c in node.children):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "MD" for v in (token, node) for c in v.children):
        return None  # 'said the rebels will kidnap more': a warning, not a deed
    return subject_of(said, cues), _with_conjuncts(subjects[:1]), False


def _stray_base_form(verb: Token) -> bool:
    """'an arc of volcanoes and fault lines': a bare base form the parse joined to a
    finite verb of another tense is a noun it misread ('fault'), not blame."""
    return (
        verb.tag_ == "VB"
        and verb.dep_ == "conj"
        and verb.head.tag_ in ("VBZ", "VBD")
        and not any(c.dep_ == "aux" for c in verb.children)
    )


CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd", "advcl"})
LIABLE_DEPS = frozenset(
    {"oprd", "acomp", "xcomp", "ccomp", "advmod", "dobj", "attr", "advcl", "dep"}
)


def _holding(verb: Token, cues: Cues) -> tuple[Token | None, list[Token], bool] | None:
    """'X held Y responsible (for …)', 'holds the management fully accountable', 'Y bears
    responsibility'; the parse may make 'Y … responsible' a clause of its own."""
    liability = cues.liability_words
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if objects and objects[0].lemma_.lower() in liability:
        if _duty(objects[0]):
            return None  # 'carries with it the responsibility that individuals not …'
        return None, _predicate_subjects(verb), False  # 'Y bears responsibility'
    for comp in verb.children:
        # 'holds the Federation responsible', parsed as a clause 'the Federation responsible'
        if comp.dep_ in CLAUSE_DEPS and comp.lemma_.lower() in liability:
            subjects = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                accused = _with_conjuncts(subjects[:1]) + _specified(subjects[0], comp, cues)
                return subject_of(verb, cues), accused, False
    liable = next(
        (
            t
            for c in verb.children
            if c.dep_ in LIABLE_DEPS
            for t in c.subtree
            if t.lemma_.lower() in liability
        ),
        None,
    )
    if objects and liable is not None:
        accused = _with_conjuncts(objects[:1]) + _specified(objects[0], liable, cues)
        return subject_of(verb, cues), accused, False
    return None


def _duty(noun: Token) -> bool:
    """'the responsibility to protect', 'the responsibility that citizens obey', 'the
    responsibility for ensuring …': a duty the noun lays on someone, no blame."""
    for c in noun.children:
        if c.dep_ in {"acl", "relcl", "ccomp"} and any(
            (g.dep_ == "aux" and g.lower_ == "to") or (g.dep_ == "mark" and g.lower_ == "that")
            for g in c.children
        ):
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(g.dep_ == "pcomp" or g.tag_ == "VBG" for g in c.children)
        ):
            return True
    return False


def _held(token: Token, cues: Cues) -> bool:
    """Is a liability adjective part of a holding construction ('holds X … responsible')?
    Then that construction makes the accusation, with its subject as the accuser."""
    node = token
    for _ in range(4):
        if node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in cues.holding_verbs:
            return True
    return False


def _specified(obj: Token, liable: Token, cues: Cues) -> list[Token]:
    """'holds the leaders of the group, in particular its commander Ana Obi, personally
    responsible': the name singled out between the object and the liability word."""
    doc = obj.doc
    lo, hi = obj.right_edge.i + 1, liable.i
    words = [t.lower_ for t in doc[lo:hi]]
    for form in cues.specifiers:
        n = len(form)
        for k in range(len(words) - n + 1):
            if tuple(words[k : k + n]) != form:
                continue
            for t in doc[lo + k + n : hi]:
                if t.pos_ == "PROPN":
                    end = t
                    while end.i + 1 < hi and doc[end.i + 1].pos_ == "PROPN":
                        end = doc[end.i + 1]
                    return [end]
                if t.is_punct and t.text not in ("-", "'"):
                    break
            return []
    return []


def _backshifted_speaker(verb: Token, cues: Cues) -> Token | None:
    """'She said the company had offered a rise and accused the union of …': the parse
    joins 'accused' to the reported 'had offered', but a past tense beside a pluperfect
    is the speaker's own act; its subject is the speaker's."""
    if (
        verb.dep_ != "conj"
        or verb.tag_ != "VBD"
        or any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    ):
        return None
    if any(c.dep_ == "aux" for c in verb.children):
        return None
    first = verb.head
    if first.dep_ != "ccomp" or not any(
        c.dep_ == "aux" and c.lower_ == "had" for c in first.children
    ):
        return None
    said = first.head
    if said.tag_ != "VBD" or said.lemma_.lower() not in cues.speech_verbs | cues.indirect_verbs:
        return None
    return subject_of(said, cues)


def _under_denial(token: Token, cues: Cues) -> bool:
    """'X denied that Y was behind it', 'rejects being responsible': blame governed by a
    denial verb is denied, not made."""
    node = token
    for _ in range(4):
        if node.head is node or node.dep_ not in ("ccomp", "xcomp", "pcomp", "prep", "acomp"):
            return False
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in cues.denial_verbs:
            # the denial comes first ('denied that …'); 'X held Y responsible; Y denies
            # it' is blame, and a denial after it that the parse made its head
            return node.i < token.i
    return False


def _negated(token: Token, cues: Cues) -> bool:
    """'did not blame', 'can't blame this on', 'avoids condemning', 'nobody blames',
    'would blame … if': no accusation is made."""
    node = token
    for _ in range(3):
        for c in node.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in cues.no_one:
                return True
            if c.dep_ == "aux" and c.lower_ in cues.hypothetical:
                return True
        if node.head is node or node.dep_ not in ("xcomp", "acomp", "oprd", "pcomp", "prep"):
            break
        node = node.head
        if node.lemma_.lower() in cues.avoid_verbs:
            return True
    head = token.head
    if token.dep_ in ("xcomp", "pcomp") and head.lemma_.lower() in cues.avoid_verbs:
        return True
    return _unreal(token)


def _unreal(token: Token) -> bool:
    """'It is not as though we accuse X …', 'as if we had blamed X', 'If the council
    blamed X, …': a clause of comparison or condition makes no accusation."""
    if token.dep_ != "advcl":
        return False
    marks = [c.lower_ for c in token.children if c.dep_ == "mark"]
    return marks[:2] in (["as", "though"], ["as", "if"]) or marks[:1] in (["if"], ["unless"])


def _perpetrators(party: Token, cues: Cues) -> list[Token]:
    """An event noun stands for whoever did it: 'the attack (carried out) by Y', 'the
    arrest of Z by officers of Y'. Other parties stand for themselves."""
    if party.lemma_.lower() not in cues.event_nouns:
        return [party]
    stack = [c for c in party.children if c.dep_ in ("prep", "acl", "relcl", "agent")]
    verb = party.head
    if party.dep_ in OBJECT_DEPS and not any(c.dep_ == "auxpass" for c in verb.children):
        # 'We condemn the arrest of Z by officers of Y': an active verb's 'by' after its
        # object is the object's agent (the parse hung it on the verb)
        stack += [
            c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > party.i
        ]
    for _ in range(12):
        if not stack:
            break
        node = stack.pop(0)
        if node.lower_ == "by" and node.dep_ in ("prep", "agent"):
            objs = [c for c in node.children if c.dep_ == "pobj"]
            out: list[Token] = []
            for obj in _with_conjuncts(objs):
                of = [
                    g
                    for p in obj.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
                # 'officers of the Police Command', 'elements of the RPO': the body
                out.append(of[0] if of and obj.pos_ == "NOUN" else obj)
            return out
        if node.dep_ in ("acl", "relcl", "prep", "agent"):
            stack.extend(c for c in node.children if c.dep_ in ("prep", "agent"))
        if node.dep_ == "prep" and node.lower_ == "of":
            # 'the arrest of our secretary by officers of Y': the parse may hang 'by' on
            # the object of 'of'
            for obj in (c for c in node.children if c.dep_ == "pobj"):
                stack.extend(c for c in obj.children if c.dep_ == "prep" and c.lower_ == "by")
    return []


def _possessor(party: Token, refs: References) -> Token:
    """'condemned Trump's remarks', 'slams the president's decision': a thing someone
    owns or did stands for its owner, where the owner is named or resolves."""
    if party.pos_ != "NOUN" or refs.is_party_noun(party):
        return party
    owner = next((c for c in party.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ not in ("PROPN", "PRON"):
        return party
    return owner


def _qualifies_harm(verb: Token, cues: Cues) -> bool:
    """'the mess (that was) created by …': the participle qualifies a harm noun, by the
    parse or, where the parse attached the relative clause elsewhere, by adjacency."""
    if verb.head.lemma_.lower() in cues.harm_nouns:
        return True
    rel = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if rel is None or rel.tag_ not in ("WDT", "WP"):
        return False
    before = verb.doc[max(0, rel.i - 3) : rel.i]
    return any(t.lemma_.lower() in cues.harm_nouns for t in before)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out


def _predicate_subjects(token: Token) -> list[Token]:
    """Subjects of the copula a predicate hangs on ('Russia and the regime are to blame')."""
    node = token
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return _with_conjuncts(subjects)
        if node.head is node:
            break
        node = node.head
    return []


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _backers(verb: Token) -> list[Token]:
    """'… created by Syria with the backing of the Russians': the backers share the blame."""
    out = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                    out.extend(c for c in of.children if c.dep_ == "pobj")
    return out


def _parties_of(noun: Token) -> list[Token]:
    """Parties named in a failure noun's complements: 'lack of cooperation with Y',
    'refusal by Y', 'lack of action from Y'."""
    heads = [noun]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            heads.extend(_with_conjuncts([c for c in prep.children if c.dep_ == "pobj"]))
    out: list[Token] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PARTY_PREPS:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if prep.lower_ == "of" and obj.pos_ != "PROPN":
                    continue
                parties = _with_conjuncts([obj])
                # 'with other states — with the United States first': the named one too.
                for party in list(parties):
                    for sub in party.children:
                        if sub.dep_ == "prep" and sub.lower_ == prep.lower_:
                            parties.extend(c for c in sub.children if c.dep_ == "pobj")
                        if sub.dep_ == "appos":
                            parties.append(sub)
                out.extend(parties)
    return out


def _complainant(noun: Token, cues: Cues) -> Token | None:
    """The subject of the complaint verb that governs a failure noun."""
    node = noun
    for _ in range(5):
        if node.head is node:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in cues.complaint_verbs:
            return subject_of(node, cues)
    return None


def _sentence(token: Token) -> Span:
    """The token's sentence, clipped to its paragraph."""
    sent = token.sent
    lo, hi = within_paragraph(token.doc, token.i, sent.start, sent.end)
    return token.doc[lo:hi]


def _accuser(
    token: Token,
    accuser: Token | None,
    quotes: list[LocalQuote],
    index: MentionIndex,
    cues: Cues,
    paras: list[int],
    refs: References,
) -> tuple[str | None, str | None]:
    """The accuser: the speaker of the quote the blame sits in, else the subject."""
    if accuser is not None and accuser.lower_ not in cues.first_person:
        # 'X reported that the mayor held Y responsible': the mayor, not X
        text, cluster = _party(accuser, index, paras, refs, accused=False)
        if text is not None:
            return text, cluster
        if accuser.pos_ in ("NOUN", "PROPN", "PRON") and accuser.dep_ in SUBJECT_DEPS:
            # 'People are blaming it on Y,” she said': someone else blames, not the speaker
            return None, None
    for q in quotes:
        if q.start <= token.idx < q.end and q.speaker_text:
            if q.speaker_text.lower() in cues.no_one:
                return None, None  # 'nobody doubted that Y was behind it'
            return q.speaker_text, q.speaker_cluster
    issuer = refs.issuer()
    if accuser is not None and accuser.lower_ in cues.first_person and issuer is not None:
        return issuer.name, issuer.cluster  # 'We denounce …' in a statement: its issuer
    return None, None


def _party(
    token: Token, index: MentionIndex, paras: list[int], refs: References, accused: bool = True
) -> tuple[str | None, str | None]:
    """The entity a party token stands for; a description of an agent ('the
    contractor') as written; nothing for a thing, a dateline or an unresolved pronoun.
    An accused must be someone in particular ('the rebels', not 'foreign mercenaries');
    an accuser may be an unnamed source ('Government officials accused X of …')."""
    token = refs.real_subject(token)
    res = refs.resolve(token)
    if res.resolved:
        return res.text, res.cluster
    if res.how in ("pronoun", "none") and res.reason in ("dateline", "byline"):
        return None, None
    if res.how == "pronoun":
        described = refs.described_antecedent(res)  # 'the nurses' union … it blames'
        return (
            (_noun_phrase(described, paras).text, None) if described is not None else (None, None)
        )
    body = _body_of(token, refs, refs.cues)
    if body is not None:
        return body
    force = refs.force_of(token) if accused else None
    if force is not None:
        return force.name, force.cluster  # 'soldiers executed …': the one army named
    if accused and refs.bare_force(token):
        # 'soldiers' where the document names no army it fits: the story may; the
        # record is dropped in reconciliation when it does not
        return token.lower_, None
    mention = index.covering(token.idx, token.idx + len(token.text))
    if mention is not None:
        return mention.name or mention.text, mention.cluster
    span = _noun_phrase(token, paras)
    # a name inside the phrase, or in a clause that qualifies a party ('a group linked
    # to the Russian state'); 'lines encircling the Pacific Ocean' name no one
    party = token.pos_ == "NOUN" and refs.is_party_noun(token)
    named = [
        t
        for t in span
        if (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG"))
        and (party or t.i == token.i or token in (t.head, t.head.head))
    ]
    if named:
        return span.text, None
    # 'the contractor', 'these rebels': a definite party; 'foreign mercenaries', 'their
    # allies', 'a neighbouring country' name no one in particular
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
    # an unnamed source says who it is ('Government officials', 'police'); 'People' or
    # 'Critics' alone are no one
    said_who = any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in token.children)
    source = not accused and (said_who or token.lemma_.lower() in refs.words.organisations)
    if party and (definite or source):
        return span.text, None
    return None, None


def _body_of(token: Token, refs: References, cues: Cues) -> tuple[str, str | None] | None:
    """'RPO elements', 'the leaders of the RPO', 'officers of the Police Command': people
    named by the organisation they belong to stand for it."""
    collective = token.lemma_.lower() in cues.collective_nouns
    if token.pos_ != "NOUN" or not (token.tag_ == "NNS" or collective):
        return None  # 'the mayor of Oleiros' is one person, not Oleiros
    parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    parts += [
        g
        for p in token.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    for part in parts:
        res = refs.resolve(part, record=False)
        if res.resolved and res.referent is not None and res.referent.type != "PERSON":
            return res.text or part.text, res.cluster
        if not res.resolved and part.pos_ == "PROPN" and part.text.isupper():
            return part.text, None  # 'the management of ABCT': the body's acronym
    return None


def _noun_phrase(token: Token, paras: list[int]) -> Span:
    """The party as written: its noun chunk and a participle that qualifies it ('a group
    linked to the Russian state'), without what follows ('… of fighting alongside')."""
    doc = token.doc
    lo, hi = speaker_span(token, paras=paras)
    for chunk in doc.noun_chunks:
        if chunk.start <= token.i < chunk.end:
            lo, hi = chunk.start, chunk.end
            break
    for c in token.children:
        if c.dep_ == "acl" and c.i >= hi and c.right_edge.i - hi < 8:
            hi = c.right_edge.i + 1
        # 'the commander of the task force', 'the Minister of Defence'
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == hi:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            end = (
                next((ch.end for ch in doc.noun_chunks if ch.start <= obj.i < ch.end), 0)
                if obj
                else 0
            )
            if 0 < end - hi < 7:
                hi = end
    lo, hi = within_paragraph(doc, token.i, lo, hi)
    return doc[lo:hi]


def _noun_before(verb: Token, paras: list[int]) -> Token | None:
    """The name right before a verb whose parsed subject lies in another paragraph."""
    for t in reversed(verb.doc[max(0, verb.i - 6) : verb.i]):
        if paras[t.i] != paras[verb.i] or t.is_punct:
            return None
        if t.ent_type_ in ("DATE", "TIME"):
            continue  # 'The Kremlin on Monday deplored'
        if t.pos_ in ("PROPN", "NOUN"):
            return t
    return None
