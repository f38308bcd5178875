"""Indirect (reported) speech from the dependency parse.

'X said (that) …', 'X told reporters that …', 'X claimed / warned / believes …',
'X says …': the clausal complement (ccomp) of a cue verb whose subject is the speaker.
'According to X, …': the clause the phrase modifies, with X as the speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.quote_speakers import Attribution, subject_of, token_paragraphs
from storyline.extract.sentences import semicolon_between, within_paragraph
from storyline.lexicon.cues import Cues

CLAUSE_DEPS = frozenset({"ccomp"})
EDGE_SKIP = frozenset({"punct", "cc"})


CLOSING = ("”", "’", '"', "'", ")", "»")


def trim_end(doc: Doc, lo: int, hi: int) -> int:
    """The end of [lo, hi) with trailing punctuation and space dropped; a closing mark
    belongs to the content and stays."""
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        if doc[hi - 1].text in CLOSING:
            break
        hi -= 1
    return hi


def _clause_range(clause: Token, stop: Token | None = None) -> tuple[int, int]:
    """Token range of a clause's subtree within its paragraph, trimmed of edge
    punctuation; the complementiser ('that') is left out."""
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    if stop is not None and lo <= stop.i < hi:
        # The cue sits inside the clause's subtree (a parse quirk): keep the side
        # the clause head is on.
        lo, hi = (stop.i + 1, hi) if clause.i > stop.i else (lo, stop.i)
    doc = clause.doc
    lo, hi = within_paragraph(doc, clause.i, lo, hi)
    while lo < hi and (doc[lo].dep_ in EDGE_SKIP or doc[lo].is_space or doc[lo].dep_ == "mark"):
        if doc[lo].dep_ == "mark" and doc[lo].lower_ not in ("that",):
            break
        lo += 1
    hi = trim_end(doc, lo, hi)
    return lo, hi


OBJECT_DEPS = frozenset({"dobj", "prep", "xcomp", "dative", "oprd", "attr", "acomp"})


def _object_statement(verb: Token, cues: Cues, paras: list[int]):
    """'X praised Y as …', 'X called for …': the verb's right-hand complements."""
    if verb.dep_ in ("amod", "acl", "pcomp", "xcomp"):
        return None
    subject = subject_of(verb, cues)
    if subject is None or subject.lower_ in cues.first_person or subject.i > verb.i:
        return None
    if subject.lemma_.lower() in cues.abstract_subjects:
        return None  # 'rumours suggesting a deal': no one speaks
    if verb.lemma_.lower() in cues.weak_verbs and subject.lemma_.lower() not in cues.evidence:
        return None  # 'she knows the area': only data ('a poll shows …') states a finding
    parts = [
        c
        for c in verb.rights
        if c.dep_ in OBJECT_DEPS and not (c.dep_ == "prep" and _circumstance(c, verb, cues))
    ]
    lemma = verb.lemma_.lower()
    if _phrasal_act(verb, cues) or _no_response(verb, cues):
        return None  # 'called out its foes', 'did not respond to requests for comment'
    if lemma in cues.addressee_verbs or lemma in cues.accord_verbs:
        # 'apologized to the pastors', 'wrote to the council': the addressee, not words;
        # 'agreed to a contract': a deal
        parts = [c for c in parts if not (c.dep_ in ("prep", "dative") and c.lower_ == "to")]
    if lemma in cues.asking_verbs:
        # 'asked Morrison about his concerns': the one asked and the topic, no words
        parts = [
            c
            for c in parts
            if not (c.dep_ == "prep" and c.lower_ == "about")
            and not (c.dep_ in ("dobj", "dative") and (c.pos_ in ("PROPN", "PRON") or c.ent_type_))
        ]
    if lemma in cues.addressee_object_verbs:
        # 'she emailed her daughter': the one written to
        parts = [c for c in parts if c.dep_ not in ("dobj", "dative")]
    if verb.lemma_.lower() in cues.topic_verbs:
        said = [c for c in verb.rights if c.dep_ == "ccomp"]  # 'described how he …'
        if said:
            parts = said
        elif not any(_as_phrase(c, verb) for c in parts):
            return None  # 'described the merger', 'will discuss the following': a topic
    if not parts or paras[subject.i] != paras[verb.i]:
        return None
    if _words_described(parts, cues):
        return None  # 'offered warm words about the king': no words given
    doc = verb.doc
    lo = min(c.left_edge.i for c in parts)
    hi = max(c.right_edge.i for c in parts) + 1
    for i in range(verb.i, hi):
        if "\n" in doc[i].text:
            hi = i
            break
    hi = trim_end(doc, lo, hi)
    if hi - lo < 2 and not _short_statement(verb, doc[lo:hi], cues):
        return None
    span = doc[lo:hi]
    att = Attribution(
        "indirect", span.start_char, span.end_char, verb.idx, verb.idx + len(verb.text)
    )
    return att, subject


def _words_described(parts: list[Token], cues: Cues) -> bool:
    """'offered warm words about X', 'had kind remarks for Y': the object only describes
    words (no 'that' clause or quotation of them)."""
    if len(parts) != 1 or parts[0].dep_ != "dobj":
        return False
    head = parts[0]
    if head.lemma_.lower() not in cues.word_nouns:
        return False
    return not any(c.dep_ in ("acl", "ccomp", "relcl", "appos") or c.is_quote for c in head.subtree)


def _asked_question(verb: Token, cues: Cues) -> bool:
    """'She was asked why she thinks …': the clause is the question put to her, not her
    words."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in cues.asking_verbs:
        return False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    asked = any(
        c.tag_ in ("WRB", "WP", "WDT") or c.lower_ in ("whether", "if")
        for c in verb.children
        if c.i < verb.i
    )
    return passive and asked


def _phrasal_act(verb: Token, cues: Cues) -> bool:
    """'called out its foes', 'called off the strike': a verb and particle of an act."""
    return any(
        c.dep_ == "prt" and f"{verb.lemma_.lower()} {c.lower_}" in cues.phrasal_acts
        for c in verb.children
    )


def _no_response(verb: Token, cues: Cues) -> bool:
    """'did not respond to requests for comment', 'has not replied': a negated verb of
    response says that no words came; so does a refusal to speak ('declined to comment
    on the memo', 'refused to say whether')."""
    lemma = verb.lemma_.lower()
    if lemma in cues.refusal_verbs:
        return any(
            c.dep_ == "xcomp" and c.lemma_.lower() in cues.withheld_speech for c in verb.children
        )
    return lemma in cues.response_verbs and any(c.dep_ == "neg" for c in verb.children)


def _unknown(verb: Token, clause: Token, cues: Cues) -> bool:
    """'The researchers don't yet know what the cells are doing': a negated verb of
    knowing before a question clause states nothing, it admits an open question."""
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    if verb.lemma_.lower() not in cues.weak_verbs:
        return False
    first = clause.doc[clause.left_edge.i]
    return first.tag_ in ("WDT", "WP", "WRB", "WP$") or first.lower_ in ("whether", "if")


def _circumstance(prep: Token, verb: Token, cues: Cues) -> bool:
    """A phrase of time or place ('during the storm', 'at its briefing'); 'at' gives a
    figure after a figure verb ('put the toll at 40')."""
    if prep.lower_ == "at":
        return verb.lemma_.lower() not in cues.figure_verbs
    if any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children):
        return True  # 'wrote to the council on Monday'
    return prep.lower_ in cues.circumstance_preps


def _as_phrase(part: Token, verb: Token) -> bool:
    """'described the plan as a gamble': an 'as' phrase on the verb or on its object
    says what the topic is."""
    if part.dep_ == "prep" and part.lower_ == "as":
        return True
    return part.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ == "as" for c in part.children)


def _short_statement(verb: Token, span, cues: Cues) -> bool:
    """'The ministry denies it', 'Moscow denied everything': a one-word object of a
    denial or confirmation verb is still what was stated."""
    return (
        len(span) == 1
        and verb.lemma_.lower() in cues.short_object_verbs
        and span[0].dep_ == "dobj"
        and span[0].pos_ in ("PRON", "NOUN")
    )


def _complement(verb: Token, cues: Cues) -> Token | None:
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS:
            return child
    return _occasion_clause(verb, cues)


def _occasion_clause(verb: Token, cues: Cues) -> Token | None:
    """'said in a statement that Canada had made no payment': the parser may hang the
    'that' clause on the occasion noun; it is what the verb says. Only a clause opened by
    the complementiser 'that' with a subject of its own (not a relative clause)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in cues.occasion_nouns:
                continue
            for clause in noun.rights:
                if (
                    clause.dep_ in ("acl", "relcl", "ccomp")
                    and clause.pos_ in ("VERB", "AUX")
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
                ):
                    return clause
    return None


def indirect_speech(
    doc: Doc, cues: Cues, person_words: frozenset[str] = frozenset()
) -> list[tuple[Attribution, Token]]:
    """Reported statements with their cue verb's subject (unresolved); `person_words`
    are the words of the document's person names (for 'Name: statement' lines)."""
    out: list[tuple[Attribution, Token]] = []
    paras = token_paragraphs(doc)
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        clausal = lemma in cues.indirect_verbs
        if lemma in cues.figure_verbs and _figure_at(token):
            # 'X put the toll at 40', 'He estimated the attackers at 200': a figure given
            found = _object_statement(token, cues, paras)
            if found is not None:
                out.append(found)
            continue
        if not clausal and lemma not in cues.object_verbs:
            continue
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in cues.refusal_verbs:
            continue  # 'refused to say whether …': no words came
        if _asked_question(token, cues):
            continue
        clause = _complement(token, cues) if clausal else None
        if clause is not None and lemma in cues.weak_verbs and clause.pos_ not in ("VERB", "AUX"):
            continue  # 'voters who find him intolerable': a judgement, no clause stated
        if lemma in cues.weak_verbs and any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in token.children
        ):
            continue  # 'millions of Americans will learn that …': nothing known yet
        parenthetical = clausal and clause is None and token.dep_ == "parataxis"
        if parenthetical:
            clause = token.head  # 'Acts of protest, Mr. Obama said, are acts of patriotism'
        if clause is None and clausal and _as_clause(token):
            found = _as_statement(token, cues, paras)
            if found is not None:
                out.append(found)
            continue
        if clause is None and lemma in cues.figure_said_verbs and _figure_object(token):
            # 'The Ports Authority says less than 900 million naira': a figure said
            found = _object_statement(token, cues, paras)
            if found is not None:
                out.append(found)
            continue
        if clause is None:
            if lemma not in cues.object_verbs and lemma not in cues.weak_verbs:
                continue
            found = _object_statement(token, cues, paras)
            if found is not None:
                out.append(found)
            continue
        subject = subject_of(token, cues)
        if subject is None or subject.i == clause.i or subject.lower_ in cues.first_person:
            continue
        if subject.lemma_.lower() in cues.abstract_subjects:
            continue  # 'theories suggesting …', 'the first step is figuring out …'
        if _unknown(token, clause, cues):
            continue
        if paras[subject.i] != paras[token.i] or paras[clause.i] != paras[token.i]:
            continue
        semicolon = semicolon_between(doc, clause.i, token.i)
        if semicolon is not None and clause.i < token.i:
            continue  # 'A told B that …; the ministry says …': two clauses, two speakers
        if parenthetical:
            lo, hi = _clause_range(clause)
            if subject.i < lo or subject.i >= hi:
                continue
        elif semicolon is not None:
            # 'X said the army withdrew; the ministry used the same words': the parse hung
            # the second clause under 'said'; what X said ends at the semicolon
            lo, hi = token.i + 1, trim_end(doc, token.i + 1, semicolon)
            while lo < hi and doc[lo].dep_ == "mark" and doc[lo].lower_ == "that":
                lo += 1
            if not any(doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi)):
                continue
        else:
            lo, hi = _clause_range(clause, stop=token)
        if hi - lo < 2 or (lo <= subject.i < hi and not parenthetical):
            continue
        span = doc[lo:hi]
        att = Attribution(
            "indirect",
            span.start_char,
            span.end_char,
            cue_start=token.idx,
            cue_end=token.idx + len(token.text),
        )
        out.append((att, subject))
    out.extend(_according_to(doc, cues))
    out.extend(_colon_lines(doc, cues, paras, person_words))
    out.extend(_noun_statements(doc, cues, paras))
    out.extend(_stance_adjectives(doc, cues, paras))
    return out


def _figure_object(verb: Token) -> bool:
    """The verb's direct object is a figure ('says 1.1 million', 'says at most 400,000')."""
    return any(
        c.dep_ == "dobj" and any(t.like_num or t.tag_ == "CD" for t in c.subtree)
        for c in verb.children
    )


def _figure_at(verb: Token) -> bool:
    """'put … at 5,200', 'estimated … at between 200 and 250': an 'at' phrase holding a
    number."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "at"
        and any(t.like_num or t.pos_ == "NUM" for t in prep.subtree)
        for prep in verb.children
    )


def _stance_adjectives(doc: Doc, cues: Cues, paras: list[int]) -> list[tuple[Attribution, Token]]:
    """'X is concerned about …', 'X was confident that …', 'X is eager to …': a stance
    stated by the subject of a copula, the adjective's complement its content."""
    out: list[tuple[Attribution, Token]] = []
    for adj in doc:
        if adj.dep_ != "acomp" or adj.lemma_.lower() not in cues.stance_adjectives:
            continue
        copula = adj.head
        if copula.lemma_.lower() != "be" or copula.dep_ in ("relcl", "acl", "amod"):
            continue
        subject = subject_of(copula, cues)
        if subject is None or subject.i > copula.i or subject.lower_ in cues.first_person:
            continue
        content = [c for c in adj.rights if c.dep_ in ("prep", "xcomp", "ccomp")]
        if not content or paras[subject.i] != paras[adj.i]:
            continue
        lo, hi = content[0].left_edge.i, content[-1].right_edge.i + 1
        if doc[lo].dep_ == "prep":
            lo += 1  # 'concerned about X': the preposition goes with the cue
        for i in range(lo, hi):
            if "\n" in doc[i].text:
                hi = i
                break
        while lo < hi and (doc[lo].dep_ in ("mark", "aux") or doc[lo].is_punct):
            if doc[lo].dep_ == "aux" and doc[lo].lower_ == "to":
                break
            lo += 1
        hi = trim_end(doc, lo, hi)
        if hi - lo < 2:
            continue
        span = doc[lo:hi]
        cue_lo = copula if copula.i < adj.i else adj
        att = Attribution(
            "indirect", span.start_char, span.end_char, cue_lo.idx, adj.idx + len(adj.text)
        )
        out.append((att, subject))
    return out


NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "prep", "relcl"})


def _noun_statements(doc: Doc, cues: Cues, paras: list[int]) -> list[tuple[Attribution, Token]]:
    """'Trump's suggestion that …', 'his call for …', 'the claim by the ministry that …':
    a statement noun whose owner (possessive or 'by' phrase) is the speaker."""
    out: list[tuple[Attribution, Token]] = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues.statement_nouns:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        rights = [c for c in noun.rights if c.dep_ in NOUN_CONTENT_DEPS]
        if owner is None:
            by = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "by"), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
            rights = [c for c in rights if c is not by]
        if owner is None or owner.lower_ in cues.first_person:
            continue
        content = [c for c in rights if c.dep_ != "relcl" and paras[c.i] == paras[noun.i]]
        # A clause states the content ('suggestion that …', 'pledge to …'); a bare
        # prepositional object ('his support for the bill') is a stance, not a statement,
        # except in 'a call for …'.
        if not content or not (
            content[0].dep_ in ("acl", "ccomp")
            or (content[0].lower_ == "for" and noun.lemma_.lower() in cues.call_nouns)
        ):
            continue
        lo = content[0].left_edge.i
        if doc[lo].dep_ == "prep" and lo + 1 < len(doc):
            lo += 1  # 'call for X': the preposition goes with the cue
        hi = max(c.right_edge.i for c in content) + 1
        for i in range(lo, hi):
            if "\n" in doc[i].text:
                hi = i
                break
        while lo < hi and (doc[lo].dep_ == "mark" or doc[lo].is_punct):
            lo += 1
        hi = trim_end(doc, lo, hi)
        if hi - lo < 2:
            continue
        span = doc[lo:hi]
        att = Attribution(
            "indirect", span.start_char, span.end_char, noun.idx, noun.idx + len(noun.text)
        )
        out.append((att, owner))
    return out


def _as_clause(verb: Token) -> bool:
    """'As X reported, …': a cue in an adverbial clause opened by 'as'."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    )


def _as_statement(verb: Token, cues: Cues, paras: list[int]):
    """'As X noted, the party is divided': the main clause is X's statement."""
    subject = subject_of(verb, cues)
    if subject is None or subject.lower_ in cues.first_person:
        return None
    head = verb.head
    if paras[subject.i] != paras[verb.i] or paras[head.i] != paras[verb.i]:
        return None
    lo, hi = _clause_range(head)
    a_lo, a_hi = verb.left_edge.i, verb.right_edge.i + 1
    # The statement is the side of the main clause away from the 'as' clause.
    if a_hi <= head.i:
        lo = max(lo, a_hi)
    elif a_lo > head.i:
        hi = min(hi, a_lo)
    doc = verb.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    hi = trim_end(doc, lo, hi)
    if hi - lo < 3:
        return None
    span = doc[lo:hi]
    att = Attribution(
        "indirect", span.start_char, span.end_char, verb.idx, verb.idx + len(verb.text)
    )
    return att, subject


def _paragraph_clip(sent, i: int):
    """The part of a sentence within the paragraph of token i."""
    lo, hi = within_paragraph(sent.doc, i, sent.start, sent.end)
    return sent.doc[lo:hi]


def _said_inside(doc: Doc, lo: int, hi: int, cues: Cues) -> Token | None:
    """'…, the health bureau said, according to Reuters': the subject of the speech verb
    that ends the statement (its own speaker; the outer source only relays it)."""
    verb = doc[hi - 1]
    if verb.lemma_.lower() not in cues.indirect_verbs or verb.pos_ not in ("VERB", "AUX"):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "nsubj" and lo < c.left_edge.i and c.lower_ not in cues.first_person
        ),
        None,
    )


def _according_to(doc: Doc, cues: Cues) -> list[tuple[Attribution, Token]]:
    out: list[tuple[Attribution, Token]] = []
    lowers = [t.lower_ for t in doc]
    for form in cues.according:
        n = len(form)
        for i in range(len(doc) - n):
            if lowers[i] != form[0] or tuple(lowers[i : i + n]) != form:
                continue
            cue = doc[i : i + n]
            source = next((t for t in doc[i + n - 1].children if t.dep_ == "pobj"), None)
            if source is None:
                source = next((t for t in doc[i + n :] if t.pos_ in ("PROPN", "NOUN")), None)
            if source is None:
                continue
            sent = _paragraph_clip(cue.sent, i)
            phrase_lo = i
            phrase_hi = max(source.right_edge.i + 1, i + n)
            comma = next((t.i for t in doc[i + n : i + n + 8] if t.text == ","), None)
            if (
                comma is not None
                and comma > phrase_hi
                and not any(t.pos_ == "VERB" for t in doc[i + n : comma])
            ):
                phrase_hi = comma  # 'According to Diario do Pinhal, …': the whole name
            # The statement is the rest of the sentence around the phrase, the longer side;
            # but a participle after it only comments on the first side ('X is under
            # investigation, according to Y, adding to its problems').
            after = next((t for t in doc[phrase_hi : sent.end] if not t.is_punct), None)
            comment = after is not None and after.tag_ == "VBG" and phrase_lo > sent.start
            if comment or phrase_lo - sent.start > sent.end - phrase_hi:
                lo, hi = sent.start, phrase_lo
            else:
                lo, hi = phrase_hi, sent.end
            while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
                lo += 1
            while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                if doc[hi - 1].text in ("”", "’", '"'):
                    break
                hi -= 1
            if hi - lo < 2:
                continue
            inner = _said_inside(doc, lo, hi, cues)
            if inner is not None:
                # the statement's own speaker, not the outer source that relays it
                verb = doc[hi - 1]
                end = inner.left_edge.i
                while end > lo and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                if end - lo >= 2 and not any(c.dep_ == "ccomp" for c in verb.children):
                    # (with a 'ccomp' the verb's own statement is found above)
                    att = Attribution(
                        "indirect",
                        doc[lo].idx,
                        doc[end - 1].idx + len(doc[end - 1].text),
                        cue_start=verb.idx,
                        cue_end=verb.idx + len(verb.text),
                    )
                    out.append((att, inner))
                continue
            att = Attribution(
                "indirect",
                doc[lo].idx,
                doc[hi - 1].idx + len(doc[hi - 1].text),
                cue_start=cue.start_char,
                cue_end=cue.end_char,
            )
            out.append((att, source))
    return out


OPENING = frozenset({'"', "“", "'", "‘", "«", "``"})


def _colon_lines(
    doc: Doc, cues: Cues, paras: list[int], person_words: frozenset[str]
) -> list[tuple[Attribution, Token]]:
    """'Pence: Flowers Won't Be at Debate' (a headline), 'WALLACE: Let's start with …' (a
    transcript), 'Poll: Rivals tied in Ohio': a line opened by a name and a colon is that
    source's statement. The name is a person the document names (the NER's, or a word of
    a person's name), an organisation, a record ('Poll', 'Report'), or a capitalised
    speaker label that opens two lines or more (a transcript); the rest of the line, with
    a verb, is the content. A plain word ('Update:', 'Editor's note:') is no source."""
    starts: list[int] = []  # first word of each paragraph
    prev = -1
    for t in doc:
        if paras[t.i] != prev and not t.is_space:
            prev = paras[t.i]
            i = t.i
            while i < len(doc) and doc[i].text in OPENING and paras[i] == prev:
                i += 1
            if i < len(doc) and paras[i] == prev:
                starts.append(i)
    labels: dict[str, int] = {}
    found = []
    for i in starts:
        j = i
        while j < len(doc) and j - i < 4 and paras[j] == paras[i] and _name_word(doc[j]):
            j += 1
        if j == i or j >= len(doc) or doc[j].text != ":" or paras[j] != paras[i]:
            continue
        name = doc[i:j]
        if name.text.isupper() and len(name.text) > 2:
            labels[name.text] = labels.get(name.text, 0) + 1
        found.append((i, j))
    out: list[tuple[Attribution, Token]] = []
    for i, j in found:
        name = doc[i:j]
        person = any(t.ent_type_ == "PERSON" for t in name) or name[-1].text in person_words
        body = name[-1].ent_type_ == "ORG"  # 'AP: …', 'NY Post: …'
        record = len(name) == 1 and name[0].lemma_.lower() in cues.evidence  # 'Poll: …'
        label = labels.get(name.text, 0) >= 2
        if not (person or body or record or label):
            continue
        lo = j + 1
        hi = lo
        while hi < len(doc) and paras[hi] == paras[i] and "\n" not in doc[hi].text:
            hi += 1
        while lo < hi and (doc[lo].is_space or doc[lo].text in OPENING):
            lo += 1
        hi = trim_end(doc, lo, hi)
        if hi - lo < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
            continue
        span = doc[lo:hi]
        colon = doc[j]
        att = Attribution(
            "indirect", span.start_char, span.end_char, colon.idx, colon.idx + len(colon.text)
        )
        att.name_span = (name.start_char, name.end_char)
        out.append((att, doc[j - 1]))
    return out


def _name_word(t: Token) -> bool:
    """A word of a name or speaker label: a proper noun, or a capitalised word."""
    return (t.pos_ == "PROPN" or t.text[:1].isupper()) and (t.is_alpha or t.text.endswith("."))
