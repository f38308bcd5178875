"""Event types: code a sentence or snippet with an ACLED / CASE 2021 sub-event type.

Offline, on CPU, with what the project already loads: the sentence encoder
(`storyline.extract.nlp.load_encoder`) and the type descriptions and cue patterns in
`data/event_types.toml` (written for this project). A text gets the type whose
descriptions are nearest to it (cosine of unit vectors), plus a bonus for each of the
type's cues it matches; below a floor it is OTHER. Decision rules (`[[decide]]` in the
same file) then settle the pairs the encoder confuses, by what the text says was done
and to whom (protesters' own violence against force used on them; weapons found or
defused against weapons that went off). No training data is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.extract.nlp import load_encoder
from storyline.lexicon import Knowledge

GROUPS = {
    "seen": ("seen",),
    "announced": ("seen", "announced"),
    "all": ("seen", "announced", "late"),
}
"""The type sets of CASE 2021 Task 2's sub-tasks 1, 2 and 3."""


@dataclass(frozen=True)
class EventType:
    name: str
    group: str
    about: tuple[str, ...]
    cues: tuple[re.Pattern[str], ...]
    strong: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Rule:
    """A decision rule: when the type chosen so far is one of `among` (any type when
    empty), every group of `all` has a pattern in the text and no pattern of `none`
    does, the text is coded `type`."""

    name: str
    type: str
    among: frozenset[str]
    all: tuple[tuple[re.Pattern[str], ...], ...]
    none: tuple[re.Pattern[str], ...]

    def applies(self, low: str, chosen: str) -> bool:
        if self.among and chosen not in self.among:
            return False
        if not all(any(p.search(low) for p in group) for group in self.all):
            return False
        return not any(p.search(low) for p in self.none)


@dataclass(frozen=True)
class EventTypes:
    types: tuple[EventType, ...]
    cue_weight: float
    max_cues: int
    other_below: float
    strong_weight: float
    rules: tuple[Rule, ...] = ()
    take: re.Pattern[str] = re.compile(r"(?!)")
    state: re.Pattern[str] = re.compile(r"(?!)")
    non_state: re.Pattern[str] = re.compile(r"(?!)")


def load_event_types(knowledge: Knowledge) -> EventTypes:
    """The type descriptions and cues (`event_types.toml`, with users' extensions)."""
    return knowledge.derived("event_types", lambda: _compile(knowledge))


def _compile(knowledge: Knowledge) -> EventTypes:
    raw = knowledge.structured("event_types.toml")
    territory = raw.get("territory", {})
    types = tuple(
        EventType(
            name=name,
            group=body.get("group", "seen"),
            about=tuple(body.get("about", [])),
            cues=tuple(re.compile(c) for c in body.get("cues", [])),
            strong=tuple(re.compile(c) for c in body.get("strong", [])),
        )
        for name, body in raw["types"].items()
    )
    return EventTypes(
        types=types,
        cue_weight=float(raw.get("cue_weight", 0.1)),
        max_cues=int(raw.get("max_cues", 3)),
        other_below=float(raw.get("other_below", 0.0)),
        strong_weight=float(raw.get("strong_weight", 0.0)),
        rules=tuple(_rule(r) for r in raw.get("decide", [])),
        take=_any(territory.get("take", [])),
        state=_any(territory.get("state", [])),
        non_state=_any(territory.get("non_state", [])),
    )


def _any(patterns: list[str]) -> re.Pattern[str]:
    """One pattern matching any of `patterns` as words (never matching when empty)."""
    return re.compile(r"\b(?:" + "|".join(patterns) + r")" if patterns else r"(?!)")


def _rule(raw: dict) -> Rule:
    groups = raw.get("all", [])
    if groups and isinstance(groups[0], str):
        groups = [groups]  # one group written as a plain list
    return Rule(
        name=raw.get("name", raw["type"]),
        type=raw["type"],
        among=frozenset(raw.get("among", [])),
        all=tuple(tuple(re.compile(p) for p in g) for g in groups),
        none=tuple(re.compile(p) for p in raw.get("none", [])),
    )


def decide(text: str, chosen: str, rules: Sequence[Rule], names: Iterable[str]) -> str:
    """The first rule that applies to the text and whose type is in `names` (the type
    set in use) recodes it; otherwise the type chosen stays."""
    low = text.lower()
    allowed = set(names)
    for rule in rules:
        if rule.type in allowed and rule.applies(low, chosen):
            return rule.type
    return chosen


class EventCoder:
    """Codes texts with event types; the descriptions are encoded once."""

    def __init__(
        self, knowledge: Knowledge, groups: Iterable[str] = GROUPS["all"], encoder=None
    ) -> None:
        wanted = set(groups)
        self.data = load_event_types(knowledge)
        self.types = [t for t in self.data.types if t.group in wanted]
        self.encoder = encoder or load_encoder()
        about = [a for t in self.types for a in t.about]
        owner = [i for i, t in enumerate(self.types) for _ in t.about]
        self._vectors = _description_vectors(self.encoder, about)
        self._owner = np.asarray(owner)
        self._word_cues = [
            re.compile(rf"\b(?:{c.pattern})") for t in self.types for c in (*t.strong, *t.cues)
        ]

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per type: nearest description plus cue bonus."""
        if not texts:
            return np.zeros((0, len(self.types)), dtype=np.float32)
        # a sentence told by several reports is encoded once
        unique = list(dict.fromkeys(texts))
        row = {t: i for i, t in enumerate(unique)}
        encoded = np.asarray(self.encoder.encode(unique), dtype=np.float32)
        vectors = encoded[[row[t] for t in texts]]
        sims = vectors @ self._vectors.T
        out = np.full((len(texts), len(self.types)), -1.0, dtype=np.float32)
        for j in range(len(self.types)):
            cols = self._owner == j
            if cols.any():
                out[:, j] = sims[:, cols].max(axis=1)
        for i, text in enumerate(texts):
            low = text.lower()
            for j, t in enumerate(self.types):
                hits = sum(1 for c in t.cues if c.search(low))
                out[i, j] += self.data.cue_weight * min(hits, self.data.max_cues)
                if any(c.search(low) for c in t.strong):
                    out[i, j] += self.data.strong_weight
        return out

    def cued(self, text: str) -> bool:
        """Whether any type's cue occurs in the text at the start of a word ('riot' not
        in 'patriotic', 'mine' not in 'determine')."""
        low = text.lower()
        return any(c.search(low) for c in self._word_cues)

    def code(self, texts: Sequence[str], cued_only: bool = False) -> list[str]:
        """The type of each text (OTHER where no type comes near). With `cued_only`,
        a text with no cue of any type is OTHER without being encoded (the pipeline's
        timeline, where most sentences are not events of any type)."""
        if cued_only:
            keep = [i for i, t in enumerate(texts) if self.cued(t)]
            out = ["OTHER"] * len(texts)
            for i, label in zip(keep, self.code([texts[i] for i in keep]), strict=True):
                out[i] = label
            return out
        scores = self.scores(texts)
        names = [t.name for t in self.types]
        out: list[str] = []
        for text, row in zip(texts, scores, strict=True):
            j = int(row.argmax())
            name = names[j] if row[j] >= self.data.other_below else "OTHER"
            name = decide(text, name, self.data.rules, names)
            out.append(self._territory(text, name, names))
        return out

    def _territory(self, text: str, name: str, names: list[str]) -> str:
        """A place taken is coded by who took it: the state's forces regain territory,
        anyone else overtakes it. The taker is the side named nearest before the verb
        ('rebels captured'), or after it in a passive ('was retaken by the army')."""
        pair = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
        if name not in pair or not all(p in names for p in pair):
            return name
        return pair[0] if self.taker(text) == "state" else pair[1]

    def taker(self, text: str) -> str | None:
        """'state' or 'non_state': the side that took a place, read from the words
        around the first verb of taking; None when no side is named."""
        data = self.data
        low = text.lower()
        verb = data.take.search(low)
        if verb is None:
            return None
        after = low[verb.end() : verb.end() + 60]
        by = re.search(r"\bby (?:the )?(.{0,40})", after)
        if by:
            agent = by.group(1)
            s, n = data.state.match(agent), data.non_state.match(agent)
            if s or n:
                return "state" if s and not n else "non_state"
        before = low[max(0, verb.start() - 100) : verb.start()]
        last_state = max((m.end() for m in data.state.finditer(before)), default=-1)
        last_other = max((m.end() for m in data.non_state.finditer(before)), default=-1)
        if last_state < 0 and last_other < 0:
            return None
        named = "state" if last_state > last_other else "non_state"
        if re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", before):
            # 'the rebels were driven out': the side named is the loser
            return "non_state" if named == "state" else "state"
        return named


def _description_vectors(encoder, about: list[str]) -> np.ndarray:
    """The descriptions' vectors, kept in the cache folder between runs (the file name
    carries a fingerprint of the encoder and the descriptions, so it is never stale)."""
    import hashlib

    from storyline.cache import cache_dir
    from storyline.encoder import model_path

    key = hashlib.sha256("\n".join([str(model_path()), *about]).encode()).hexdigest()[:16]
    path = cache_dir() / f"event_types-{key}.npy"
    try:
        return np.load(path)
    except (OSError, ValueError):
        pass
    vectors = np.asarray(encoder.encode(about), dtype=np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    except OSError:
        pass  # a read-only cache: encode again next time
    return vectors


def code_events(texts: Sequence[str], knowledge: Knowledge, cued_only: bool = False) -> list[str]:
    """Event types for texts, by this knowledge's coder over all 30 types (built once)."""
    coder = knowledge.derived("event_coder", lambda: EventCoder(knowledge))
    return coder.code(texts, cued_only=cued_only)
