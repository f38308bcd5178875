"""Bytes -> text: size limits, binary detection and charset detection.

`decode_bytes` turns an input's bytes into `str` or raises `DecodeError` with a short,
human reason ("empty", "binary file (PDF)", "too large (…)"). Order of evidence for the
charset: a byte-order mark, strict UTF-8 (most inputs), the charset the input declares
(HTML `<meta charset>`, XML `encoding=`, an HTTP header), then charset-normalizer.

A few bytes that fit no charset never cost the rest of the text: a file that is mostly
UTF-8 stays UTF-8 (one stray byte does not turn it into Mac Roman mojibake), and what
cannot be decoded is replaced with U+FFFD and counted (`Decoded.replaced`), which the
readers report as a warning.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The input's bytes are not usable text; `reason` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Signatures of common non-text formats people drop into article folders by mistake.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP or office document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])"""
    rb"""([A-Za-z0-9._:-]{2,40})""",
    re.IGNORECASE,
)
# Share of control characters (other than tab, newline, CR, form feed) above which a
# "text" is really binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01
_WESTERN = ("utf_8", "cp1252", "latin_1", "iso8859_15")
# Unicode category Cc less tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# Invalid UTF-8: a lead byte without its continuation bytes, a stray continuation byte,
# or a byte never valid in UTF-8. Valid multi-byte sequences are counted against them.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# A declared or guessed charset that leaves more than this share of the bytes undecodable
# is the wrong charset, not a few bad bytes.
_MAX_REPLACED_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    replaced: int = 0  # bytes (or byte sequences) that fit no character: U+FFFD now


def check_size(size: int, limit: int) -> None:
    """Reject an input over the byte limit before reading or decoding it."""
    if size > limit:
        raise DecodeError(f"too large ({size:,} bytes > limit {limit:,})")


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress a .gz input, refusing to inflate past `limit` bytes (gzip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecodeError(f"corrupt gzip data ({exc})") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise DecodeError(f"too large (more than {limit:,} bytes once decompressed)")
    if not inflater.eof:
        raise DecodeError("corrupt or truncated gzip data")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML input declares in its first few kilobytes, if valid."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    return _known_codec(m.group(1).decode("ascii", "ignore"))


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte of ASCII characters."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode an input's bytes to text, or raise `DecodeError` saying why not.

    `declared` is a charset named outside the bytes (an HTTP Content-Type header).
    """
    return decode_report(data, declared).text


def decode_report(data: bytes, declared: str | None = None) -> Decoded:
    """`decode_bytes`, also saying which charset was used and how many bytes fit none."""
    if not data.strip():
        raise DecodeError("empty" if not data else "empty (only whitespace)")
    kind = _binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind})")
    decoded = _decode(data, declared)
    text = decoded.text
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters, not text)")
    if not text.strip():
        raise DecodeError("empty (only whitespace)")
    return decoded


def _with_replacements(data: bytes, codec: str) -> Decoded:
    """Decode keeping what fits; count what does not (new U+FFFD characters)."""
    text = data.decode(codec, errors="replace")
    before = data.count("\ufffd".encode(codec, errors="ignore")) if codec == "utf-8" else 0
    return Decoded(text, codec, max(0, text.count("\ufffd") - before))


def mostly_utf8(data: bytes) -> bool:
    """True where the bytes are UTF-8 with a few invalid bytes: more valid multi-byte
    sequences than invalid ones. A legacy-charset file has (almost) no valid ones."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid == 0:
        return False
    invalid = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return valid > invalid


def _decode(data: bytes, declared: str | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                break  # a BOM-like prefix on something else: keep looking
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                pass
        raise DecodeError("binary file (NUL bytes, not text)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        return _with_replacements(data, "utf-8")
    for codec in (_known_codec(declared), declared_charset(data)):
        if codec and codec not in ("utf-8", "utf-16", "utf-32"):
            try:
                return Decoded(data.decode(codec), codec)
            except (UnicodeDecodeError, LookupError):
                pass
            try:
                decoded = _with_replacements(data, codec)
            except LookupError:
                continue
            if decoded.replaced <= _MAX_REPLACED_SHARE * len(data):
                return decoded  # the declared charset, a few bytes off
    encoding = _guess_encoding(data[:200_000])
    if encoding is None:
        raise DecodeError("binary file (no text encoding fits)")
    try:
        return Decoded(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        # the guess was made on a prefix; a byte further on may not fit: keep what fits
        return _with_replacements(data, encoding)


def _guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's guess, preferring Western encodings among equally good ones.

    Short Latin-1 texts fit several single-byte code pages equally well; Storyline
    reads English news, so a Western code page is the likelier truth in a tie.
    """
    matches = list(from_bytes(sample))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = {m.encoding for m in matches if m.chaos <= least + 0.01}
    for preferred in _WESTERN:
        if preferred in tied:
            return preferred
    return matches[0].encoding


def maybe_gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data transparently (the benchmark ships `.html.gz`)."""
    return gunzip(data, limit) if is_gzip(data) else data
