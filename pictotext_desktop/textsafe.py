"""Text the app did not write, made safe for the place it is shown or stored.

Field names and values come from the server (or from a photo someone else made), the
server writes its own messages, and file names are whatever is on the disk.  Printed
raw, such text can drive a terminal (ESC/OSC sequences retitle or clear it, CR and BS
overwrite what was printed, bidi controls reorder it, a newline forges a second line);
stored raw, it can make a file unwritable (XML forbids most C0 controls, UTF-8 cannot
encode the lone surrogates a non-UTF-8 file name decodes to).  The functions here show
such characters as visible escapes (`\\x1b`, `\\n`, `\\u202e`) and leave every printable
character alone, Chinese included.  Qt-free: the CLI and the writers share it.
"""

from __future__ import annotations

import re

# Bidirectional formatting controls: they reorder what follows them on screen.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# The patterns stay text: `re` compiles each on first use and keeps it in its cache.
# Compiled at import, these classes of ranges cost ~4 ms of every start-up, the window's
# included, which prints none of them.
# C0 and C1 controls (Unicode category Cc, DEL included), lone surrogates (Cs), the line
# and paragraph separators (Zl, Zp) and the bidi controls.
_TERMINAL_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + BIDI_CONTROLS + "]"
_TERMINAL_UNSAFE_BUT_NEWLINE = (
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + BIDI_CONTROLS + "]")
# What XML 1.0 (and so an XLSX cell) cannot hold: C0 controls but tab, LF and CR; lone
# surrogates; U+FFFE and U+FFFF.
_XML_ILLEGAL = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
# Characters JSON text may carry raw but a terminal or an encoder should not meet.
_JSON_RISKY = "[\x7f-\x9f\u2028\u2029\ud800-\udfff" + BIDI_CONTROLS + "]"
_LONE_SURROGATE = "[\ud800-\udfff]"

_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(ch: str) -> str:
    """`\\n`, `\\r`, `\\t`, else `\\xNN` / `\\uNNNN`: the character's code, readable."""
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _escape_match(match: re.Match[str]) -> str:
    return escape_char(match.group())


def for_terminal(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character shown as an escape, for one terminal line.

    A newline becomes `\\n` too, so one record's failure stays one line; with
    `keep_newlines` (for app-written paragraphs) only LF is kept.
    """
    pattern = _TERMINAL_UNSAFE_BUT_NEWLINE if keep_newlines else _TERMINAL_UNSAFE
    return re.sub(pattern, _escape_match, text)


def for_xml(text: str) -> str:
    """`text` with the characters an XLSX cell cannot hold shown as escapes."""
    return re.sub(_XML_ILLEGAL, _escape_match, text)


def without_lone_surrogates(text: str) -> str:
    """`text` encodable as UTF-8: a lone surrogate (a file name that was not UTF-8, or
    `\\udc80` in the server's JSON) shown as its escape."""
    return re.sub(_LONE_SURROGATE, _escape_match, text)


def json_text_safe(text: str) -> str:
    """JSON text with DEL, C1 controls, line separators, bidi controls and lone
    surrogates written as `\\uXXXX` escapes: the same JSON value, but plain on a
    terminal and encodable as UTF-8.

    Valid only for JSON text: outside strings JSON has ASCII only, so every such
    character is inside a string, where `\\uXXXX` stands for the character itself.
    """
    return re.sub(_JSON_RISKY, lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters: longer text is cut and ends with "…"."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + "…"
