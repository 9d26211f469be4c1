"""Neutralise untrusted text (ladder and profile files may come from anyone).

- `visible` / `text`: for the terminal. Control characters, bidi controls, U+2028/9 and
  lone surrogates become visible escapes (`\\x1b`, `\\u202e`), so no ANSI/OSC sequence or
  bidi override reaches the terminal. `text` wraps the result in `rich.text.Text` (no markup);
  `unsafe` says whether there is anything to escape.
- `clean`: for answers saved to a profile: always valid UTF-8 that survives a YAML round trip.
- `md_inline` / `md_cell`: inline Markdown (CommonMark + GFM) that renders as literal text:
  no HTML, link, autolink, heading, list, task item, emphasis, code span, and `|` never cuts
  a table cell. `in_cell` takes back what only a line's start needs (`\\+0` is `+0` in a cell).
- `mermaid`: text inside a double-quoted Mermaid label or title: one line, and nothing that
  closes the label or the fence, or starts a directive (`%%{init: ...}%%`) or a comment.
- `dumps`: the one JSON writer of every command: what a terminal would act on (C1 and bidi
  controls, U+2028/9, lone surrogates; json escapes C0 itself) is written as a `\\u` escape,
  the rest (Chinese too) as is.

Stdlib only; rich is imported lazily by `text`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rich.text import Text

__all__ = ["visible", "unsafe", "text", "clean", "md_inline", "md_cell", "in_cell", "mermaid", "dumps"]

# Cc (C0, DEL, C1), bidi controls, line/paragraph separators, lone surrogates.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
_UNSAFE_KEEP_NL = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")

# What JSON leaves raw in a string and a terminal would act on (json.dumps escapes C0 itself).
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")

# Mermaid: what could close a quoted label or the fence, or start a directive or comment (`%%`),
# written as Mermaid's own entity codes (`#quot;`, `#37;`), which draw the character itself.
_MERMAID = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;", "%": "#37;",
            "{": "#123;", "}": "#125;", "[": "#91;", "]": "#93;", ";": "#59;"}
_MERMAID_CHARS = re.compile("[" + re.escape("".join(_MERMAID)) + "]")

# What `clean` drops: controls, separators and lone surrogates (bidi marks are legitimate
# in right-to-left answers and are escaped by `visible` when shown).
_DROP = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

# Markdown escaping, as little as keeps the text literal (the raw file stays readable):
# punctuation that means something anywhere in a line (emphasis, code, links, HTML, tables,
# strikethrough, entities, math, mentions and issue refs) ...
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~&#@$])")
# ... what makes a URL or a domain a link (`scheme://`, `www.`, `name.tld`; not `2.5` or `end. Next`) ...
_MD_AUTOLINK = re.compile(r"\.(?=[A-Za-z])|:(?=//)")
# ... and what only means something at the start of a line (lists, breaks, setext, ordered lists).
# An ordered-list marker is digits, `.` or `)`, then a space or the end: `1. one` is a list,
# `1.5 years` is a number and stays as written.
_MD_LEADING = re.compile(r"^(?:[-+=]|(\d+)[.)](?=\s|$))")
# The backslash `_MD_LEADING` puts in, found again in escaped text.
_MD_LEADING_ESCAPED = re.compile(r"^(?:\\(?=[-+=])|(\d+)\\(?=[.)](?:\s|$)))")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def unsafe(s: str) -> bool:
    """Whether `s` holds anything `visible` would escape besides newlines."""
    return _UNSAFE_KEEP_NL.search(s) is not None


def visible(s: str, *, keep_newlines: bool = False) -> str:
    """Replace control/bidi/separator characters and lone surrogates by visible escapes."""
    return (_UNSAFE_KEEP_NL if keep_newlines else _UNSAFE).sub(_escape, s)


def text(s: str, style: Any = None, keep_newlines: bool = False) -> Text:
    """Return `rich.text.Text(visible(s))`: safe to print, never parsed as markup."""
    from rich.text import Text

    return Text(visible(s, keep_newlines=keep_newlines), style=style or "")


def clean(s: str) -> str:
    """Sanitise an answer before saving it: drop controls and lone surrogates, strip, NFC.

    Whitespace controls (tab, newline, ...) become a space so words stay apart; every
    other control character, U+2028/9 and any lone surrogate is dropped.
    """
    s = _DROP.sub(lambda m: " " if m.group().isspace() else "", s)
    return unicodedata.normalize("NFC", s).strip()


def md_inline(s: str) -> str:
    """Markdown-safe inline text: one line, no control characters, syntax characters escaped."""
    one_line = _MD_ANYWHERE.sub(r"\\\1", visible(" ".join(s.split())))
    one_line = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), one_line)
    return _MD_LEADING.sub(lambda m: (m.group(1) or "") + "\\" + m.group()[-1], one_line)


def md_cell(s: str) -> str:
    """Markdown-safe text for a table cell (a `|` never breaks the cell)."""
    return md_inline(s)


def in_cell(escaped: str) -> str:
    """`md_inline`'s text as a table cell: a GFM cell holds inline content only, so a `-`, `+`, `=` or `1.`
    at its start opens no list or heading there and needs no backslash (the raw file reads `+0`, not `\\+0`)."""
    return _MD_LEADING_ESCAPED.sub(lambda m: m.group(1) or "", escaped, count=1)


def mermaid(s: str) -> str:
    """Text for a double-quoted Mermaid label or title: one line, controls visible, syntax as entity codes."""
    return _MERMAID_CHARS.sub(lambda m: _MERMAID[m.group()], visible(" ".join(str(s).split())))


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON text of `data` (non-ASCII as is), with every character a terminal would act on as a \\u escape.

    Those characters can only stand inside JSON strings, so the escapes parse back to the same data."""
    import json

    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=indent))
