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
        for pattern in cue_patterns(knowledge):
            m = pattern.match(tail)
            if not m:
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
