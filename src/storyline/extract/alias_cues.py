"""Explicit alias cues: a name the text itself gives as another name of the entity just
mentioned. 'the Harbour Front, known by its French initials FPH', 'Jonas Mbeki, who goes
by the nom de guerre Tembo', 'Kaga-Bandoro (also spelled Kaga Bandoro)', 'Tembo, alias
"the Teacher"', 'whom his fighters call Tembo', 'tracked under the code name UNC-12'.

The alias mention takes the antecedent's cluster (and so do its other mentions in the
document), so that the reduce merges them across documents too. The cue patterns are
data (entity_words.toml [alias_cues]).
"""

from __future__ import annotations

import re

from storyline.lexicon import Knowledge
from storyline.models import LocalMention

_ALIAS = (
    r"[\"“‘']?(?P<alias>[A-Z0-9][\w'’.-]*(?:[ -](?:de|del|la|le|du|of|[A-Z0-9][\w'’.-]*)){0,4})"
)
WINDOW = 140  # characters after the antecedent where its cue may start


def cue_patterns(knowledge: Knowledge) -> tuple[re.Pattern[str], ...]:
    """The cues of entity_words.toml [alias_cues], each followed by the alias name."""
    return knowledge.derived("alias_cues", lambda: _compile(knowledge))


def _compile(knowledge: Knowledge) -> tuple[re.Pattern[str], ...]:
    raw = knowledge.structured("entity_words.toml").get("alias_cues", {}).get("patterns", [])
    return tuple(re.compile(rf"(?:{p}){_ALIAS}") for p in raw)


def appositive_pattern(knowledge: Knowledge) -> re.Pattern[str] | None:
    """', the <Name>, <verb>': a body renamed in apposition (entity_words.toml
    [alias_cues] appositive_verbs)."""

    def build() -> re.Pattern[str] | None:
        cues = knowledge.structured("entity_words.toml").get("alias_cues", {})
        verbs = cues.get("appositive_verbs", [])
        if not verbs:
            return None
        return re.compile(
            rf",\s+(?:the\s+)?{_ALIAS},\s+(?=(?:{'|'.join(map(re.escape, verbs))})\b)"
        )

    return knowledge.derived("alias_appositive", build)


# '… to Russian military intelligence, the GRU.': a body's acronym in apposition at the
# end of the sentence (a list would go on: ', the GRU and the FSB').
_CLOSING_ACRONYM = re.compile(r",\s+the\s+(?P<alias>[A-Z]{2,6})(?=\.(?:\s|$))")


def link_alias_cues(
    text: str, mentions: list[LocalMention], knowledge: Knowledge
) -> list[LocalMention]:
    """Mentions with each cued alias joined to its antecedent (new mentions added where
    the tagger missed the alias)."""
    out = sorted(mentions, key=lambda m: (m.start, m.end))
    for ante in list(out):
        if ante.type not in ("PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FACILITY"):
            continue
        tail = text[ante.end : ante.end + WINDOW]
        appositive = appositive_pattern(knowledge)
        patterns = list(cue_patterns(knowledge))
        if appositive is not None and ante.type in ("ORG", "ARMED_GROUP"):
            patterns.append(appositive)
        if ante.type in ("ORG", "ARMED_GROUP"):
            patterns.append(_CLOSING_ACRONYM)
        for pattern in patterns:
            m = pattern.match(tail)
            if not m:
                continue
            if pattern is appositive and not _renames(
                m["alias"], ante, out, ante.end + m.start("alias"), knowledge
            ):
                continue
            alias = re.split(r"(?<=\w\w)\.\s", m["alias"])[0]  # 'Tembo. Tembo told'
            alias = alias.rstrip(".,'’\"”")
            if not alias or alias.casefold() == ante.text.casefold():
                break
            start = ante.end + m.start("alias")
            end = start + len(alias)
            hits = [x for x in out if x.start < end and start < x.end and x is not ante]
            # the alias's own mentions in the document follow the antecedent: the one
            # the cue names (trimmed to the alias), those clustered with it, and any
            # other mention written the same way
            old = {x.cluster for x in hits}
            out = [x for x in out if x not in hits]
            out.append(
                LocalMention(
                    start=start, end=end, text=alias, type=ante.type, name=ante.name,
                    cluster=ante.cluster, actor_id=ante.actor_id, stands_for=ante.stands_for,
                )
            )  # fmt: skip
            for x in out:
                if x.cluster in old or x.text == alias:
                    x.cluster, x.name, x.type = ante.cluster, ante.name, ante.type
                    x.actor_id = x.actor_id or ante.actor_id
            break
    return sorted(out, key=lambda m: (m.start, m.end))


def _renames(
    alias: str, ante: LocalMention, mentions: list[LocalMention], start: int, knowledge: Knowledge
) -> bool:
    """An appositive name renames the body before it: two words or more, not a name the
    document already gives a person or a place, and not after an office ('the Minister of
    X, Ana Lobo,' names the minister, a person)."""
    if len(alias.split()) < 2:
        return False
    words = knowledge.entity_words
    office = words["roles"] | words["titles"]
    if any(w.lower().rstrip(".") in office for w in ante.text.split()):
        return False
    end = start + len(alias)
    return not any(
        m.start < end and start < m.end and m.type not in ("ORG", "ARMED_GROUP")
        for m in mentions
        if m is not ante
    )
