"""Number words and the number-phrase parser, and the regex alternation of word lists.

The word lists live in `storyline/data/{time_words,numbers,hedges,claims}.json` and reach
the code through `Knowledge`; `parse_number` turns number phrases ("4,000", "Four
thousand one hundred", "twenty-five", "2.5 million", "dozens") into values.
"""

from __future__ import annotations

import re
from typing import Any


def alternation(words: object) -> str:
    """A regex alternation of the given words, longest first, dots and spaces escaped."""
    items = sorted({str(w) for w in words if not str(w).startswith("_")}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_number(text: str, words: dict[str, Any]) -> float | None:
    """The value of a number phrase, or None where it is not one; `words` is the parsed
    `numbers.json` (`Knowledge.numbers`).

    >>> from storyline.lexicon import Knowledge
    >>> parse_number("Four thousand one hundred", Knowledge().numbers)
    4100.0
    >>> parse_number("2.5 million", Knowledge().numbers)
    2500000.0
    """
    units, scales = words["units"], words["scales"]
    phrase = text.lower().replace("-", " ").strip()
    phrase = re.sub(r"\s+and\s+", " ", phrase)
    if phrase in words["vague"]:
        return float(words["vague"][phrase])
    if phrase in units:
        return float(units[phrase])
    total = 0.0
    current = 0.0
    seen = False
    tokens = phrase.split()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        pair = f"{tok} {tokens[i + 1]}" if i + 1 < len(tokens) else None
        if pair and pair in units:
            current += units[pair]
            i += 2
            seen = True
            continue
        if _DIGITS.match(tok):
            current += float(tok.replace(",", ""))
        elif tok in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in scales:
            current += 1
        elif tok in units and not (tok in scales and current > 0):
            current += units[tok]  # 'dozen' alone is 12; 'three dozen' is a scale: 36
        elif tok in scales:
            scale = scales[tok]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        elif tok in words["vague"] and seen:
            # "several thousand" is read through the scale; a trailing vague word is not a number
            return None
        elif tok in ("several", "a", "few") and i + 1 < len(tokens) and tokens[i + 1] in scales:
            current += words["vague"].get(tok, 3)
        else:
            return None
        seen = True
        i += 1
    return total + current if seen else None
