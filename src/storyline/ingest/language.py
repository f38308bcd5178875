"""Language identification: Storyline's extractors are English-only, so say so early.

lingua with a small set of languages common in news piles (enough to tell English from
what a mixed folder holds, small enough to load fast), built once per process on first
use, in low-accuracy (trigram) mode. Short or uncertain texts are never rejected by
the detector: `detect_language` returns None for them.

Before the detector, the script: a text whose letters are mostly not Latin (Chinese,
Greek, Arabic, Cyrillic, …) is not English whatever its length or the detector's
languages; a text written without spaces has no "words" for the detector to count.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# ISO 639-1 codes. English must be first; the rest are what we tell English apart from.
# Swedish, Danish and Norwegian are in the set so that they are not taken for German or
# Dutch (the detector names the closest language it knows).
LANGUAGES = (
    *("en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "ar", "tr", "id", "pl"),
    *("sv", "da", "nb"),
)
MIN_WORDS = 12  # fewer words than this: no verdict (headlines, captions, one-liners)
MIN_CONFIDENCE = 0.6  # the top language must be at least this sure
SAMPLE_CHARS = 1200  # ~200 words settle it; cost grows with length (~1 ms per 1,000 chars)

_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
MIN_LETTERS = 20  # fewer letters than this: no verdict on the script either
MAX_OTHER_SCRIPT = 0.5  # more than this share of letters outside Latin: not English


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    # Low-accuracy mode uses trigram models only: ~20 MB instead of ~250 MB resident, and
    # as reliable as the full models on texts of a dozen words or more (all we judge).
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or uncertain."""
    sample = text[:SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def _script(char: str) -> str:
    """First word of the character's Unicode name: LATIN, GREEK, CJK, ARABIC, …"""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def main_script(text: str) -> str | None:
    """The script most of the sample's letters are written in ('LATIN', 'CJK', …)."""
    letters = _LETTER.findall(text[:SAMPLE_CHARS])
    if len(letters) < MIN_LETTERS:
        return None
    counts = Counter(_script(c) for c in letters)
    if counts["LATIN"] >= (1 - MAX_OTHER_SCRIPT) * len(letters):
        return "LATIN"
    return counts.most_common(1)[0][0]


def non_english_reason(text: str) -> str | None:
    """The Problem reason for a text confidently detected as not English, else None."""
    lang = detect_language(text)
    if lang is not None and lang != "en":
        return f"not English (detected: {lang})"
    script = main_script(text)
    if script is not None and script != "LATIN":
        name = script if script == "CJK" else script.title()
        return f"not English (written in {name} script)"
    return None
