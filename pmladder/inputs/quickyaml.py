"""A quick reader for the plain profile files people save, with the safe reader behind it.

`team` reads thousands of profiles; `yamlsafe.parse_text` costs about a quarter of a
millisecond a file, most of it PyYAML turning libyaml's events into Python objects. Saved
profiles use a small part of YAML: `key: value` lines, one level of nested `key: value` or
`- item` lines, `[a, b]` lists of ids, plain or simply quoted scalars. `parse` reads exactly
that part, line by line, and returns None for anything else, so the caller falls back to
`yamlsafe.parse_bytes`, which reports every problem (and applies every rule) as before.

It cannot be less safe than the full reader: what it accepts has no anchors, aliases, tags,
merge keys, duplicate keys, flow mappings, multi-line scalars, directives or second
documents; it nests two levels deep; the size cap is the caller's (`yamlsafe.MAX_BYTES`).
Plain scalars are typed by PyYAML's own implicit resolvers; any type but text, a whole
number, a plain decimal and a date makes it give way, and so does any scalar the full reader
refuses as a number (`yamlsafe.number_form`: too many digits, `010`, `1e3`, ...), so that the
full reader reports it. `tests/views/test_team.py` checks that
whatever it accepts gives the same data, and the same line and column for every key and
value, as `yamlsafe.parse_text`.
"""

from __future__ import annotations

import datetime as _dt
import re

from .yamlsafe import MAX_DIGITS, Document, number_form

__all__ = ["parse"]

# Characters the quick path never handles: controls (but newline), DEL, C1, YAML's other
# line breaks (NEL, U+2028/9), the BOM inside the text, lone surrogates and non-characters.
_ODD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# One line: indent, then `- item`, `key: value` (or `key:`), a comment, or nothing; trailing spaces are not
# part of a value. Groups: indent, dash, spaces, item, key, spaces, value.
_LINE = re.compile(r"( *)(?:(-)( +)(.*?)|([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*?))?|#.*|) *")
_INDICATOR = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_ITEM = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\s:,\[\]{}#]*(?: [^\s:,\[\]{}#]+)*")  # plain, one space between words
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_rules: dict | None = None


class _GiveWay(Exception):
    """The text is outside the quick path's part of YAML."""


def _resolve(value: str) -> str:
    global _rules
    if _rules is None:
        from yaml.resolver import Resolver

        from .yamlsafe import _implicit

        _rules = _implicit(Resolver())
    for tag, regexp in _rules.get(value[:1], _rules["\0wild"]):
        if regexp.match(value):
            return tag
    return _STR


def _plain(value: str):
    """A plain scalar as PyYAML types it; _GiveWay for any type the quick path leaves alone."""
    tag = _resolve(value)
    if tag == _STR:
        if number_form(value, tag) is None:
            return value
        raise _GiveWay
    if tag == _INT and value.isdigit() and (value == "0" or value[0] != "0") and len(value) <= MAX_DIGITS:
        return int(value)
    if tag == _FLOAT and _DECIMAL.fullmatch(value) and number_form(value, tag) is None:
        return float(value)
    if tag == _TIMESTAMP:
        m = _DATE.fullmatch(value)
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    raise _GiveWay


_SEEN: dict = {}  # raw scalar -> value (or _GiveWay): keys, ratings and ids repeat from file to file
_SEEN_MAX = 4096


def _scalar(raw: str):
    """A one-line scalar: plain, or quoted without escapes."""
    value = _SEEN.get(raw, _SEEN)
    if value is _SEEN:
        try:
            value = _scalar_uncached(raw)
        except _GiveWay:
            value = _GiveWay
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN[raw] = value
    if value is _GiveWay:
        raise _GiveWay
    return value


def _scalar_uncached(raw: str):
    first = raw[0]
    if first == "'" or first == '"':
        inner = raw[1:-1]
        if len(raw) < 2 or raw[-1] != first or first in inner or "\\" in inner:
            raise _GiveWay
        return inner
    if first in _INDICATOR or "#" in raw or ": " in raw or raw[-1] == ":" or "\t" in raw:
        raise _GiveWay
    return _plain(raw)


_KEYS: set = set()  # keys already seen to read as text


def _key(name: str) -> str:
    if name not in _KEYS:
        if _scalar(name) != name:  # a key that YAML reads as true, null, ...
            raise _GiveWay
        if len(_KEYS) < _SEEN_MAX:
            _KEYS.add(name)
    return name


def _flow_items(raw: str) -> tuple:
    """`[a, b]` of plain ids as ((offset from `[` of each item, value), ...)."""
    inner = raw[1:-1]
    if not inner.strip():
        if inner:
            raise _GiveWay
        return ()
    out = []
    at = 1  # offset of the character after `[`
    for part in inner.split(","):
        item = part.strip()
        if not _FLOW_ITEM.fullmatch(item):
            raise _GiveWay
        out.append((at + (len(part) - len(part.lstrip(" "))), _plain(item)))
        at += len(part) + 1
    return tuple(out)


class _Quick(Document):
    """A document the quick path read: positions are worked out only when a problem asks for one."""

    def __init__(self, path: str, data: dict, text: str):
        self.path, self.data, self._text, self._marks = path, data, text, None

    def _positions(self) -> tuple[dict, dict]:
        if self._marks is None:
            values: dict = {}
            keys: dict = {}
            _parse(self._text, values, keys)
            self._marks = (values, keys)
        return self._marks

    @property
    def values(self) -> dict:  # type: ignore[override]
        return self._positions()[0]

    @property
    def keys(self) -> dict:  # type: ignore[override]
        return self._positions()[1]


def parse(text: str, path: str) -> Document | None:
    """The document, or None when the text is outside the quick path (use yamlsafe then)."""
    text = text.replace("\r\n", "\n")  # Windows line endings: the same lines and columns
    if _ODD.search(text):
        return None
    try:
        return _Quick(path, _parse(text), text)
    except _GiveWay:
        return None


# What one line says, worked out once for every file that has the same line (most lines of saved profiles repeat:
# `  stakeholder_management: 3`). An op is one of:
#   (_SKIP,)                                   a blank line or a comment
#   (_ITEM, indent, value column, value)       `- item`
#   (_TOP, name, value column, kind, value)    a top-level `key: value`; kind _OPEN (`key:`), _FLOW, _EMPTY, _SCALAR
#   (_NESTED, indent, name, value column, value)
# and _GIVE for a line outside the quick path, wherever it stands. Columns count from 0 (the parse adds 1).
_SKIP, _ITEM, _TOP, _NESTED = range(4)
_OPEN, _FLOW, _EMPTY, _SCALAR = range(4)
_GIVE = ("give",)
_OPS: dict = {}
_OPS_MAX = 16384


def _op(line: str) -> tuple:
    m = _LINE.fullmatch(line)
    if m is None:
        return _GIVE
    spaces, dash, gap, raw, name, gap2, value = m.groups()
    indent = len(spaces)
    try:
        if dash:
            if not raw:
                return _GIVE
            return (_ITEM, indent, indent + 1 + len(gap), _scalar(raw))
        if not name:
            return (_SKIP,)
        _key(name)
        col = indent + len(name) + 1 + len(gap2 or "")
        if indent == 0:
            if not value:
                return (_TOP, name, col, _OPEN, None)
            if value[0] == "[" and value[-1] == "]":
                return (_TOP, name, col, _FLOW, _flow_items(value))
            if value == "{}":
                return (_TOP, name, col, _EMPTY, None)
            return (_TOP, name, col, _SCALAR, _scalar(value))
        if not value or value[0] in "[{":
            return _GIVE
        return (_NESTED, indent, name, col, _scalar(value))
    except _GiveWay:
        return _GIVE


def _parse(text: str, values: dict | None = None, keys: dict | None = None) -> dict:
    """The data; with `values` and `keys`, also fills in where each value and key stands (line, column)."""
    data: dict = {}
    seen: set = set()
    block = None  # the open block under a `key:` line: [key, kind ('map' | 'seq' | None), indent, container]
    marks = values is not None
    ops = _OPS
    number = 0
    for line in text.split("\n"):
        number += 1
        op = ops.get(line)
        if op is None:
            op = _op(line)
            if len(ops) >= _OPS_MAX:
                ops.clear()
            ops[line] = op
        kind = op[0]
        if kind == _SKIP:
            continue
        if op is _GIVE:
            raise _GiveWay
        if kind == _ITEM:  # `- item`
            _k, indent, col, value = op
            if block is None or block[1] == "map":
                raise _GiveWay
            if block[1] is None:
                block[1], block[2], block[3] = "seq", indent, []
                if marks:
                    values[(block[0],)] = (number, indent + 1)
            elif indent != block[2]:
                raise _GiveWay
            seq = block[3]
            if marks:
                values[(block[0], len(seq))] = (number, col + 1)
            seq.append(value)
            continue
        if kind == _TOP:  # a top-level key
            _k, name, col, how, value = op
            if block is not None:
                _close(block, data)
                block = None
            if name in seen:
                raise _GiveWay
            seen.add(name)
            if marks:
                keys[(name,)] = (number, 1)
                values.setdefault((), (number, 1))
            if how == _OPEN:
                block = [name, None, 0, None]
                continue
            if marks:
                values[(name,)] = (number, col + 1)
            if how == _SCALAR:
                data[name] = value
            elif how == _FLOW:
                if marks:
                    for i, (at, _v) in enumerate(value):
                        values[(name, i)] = (number, col + 1 + at)
                data[name] = [v for _at, v in value]
            else:
                data[name] = {}
            continue
        # a nested `key: value`: only in the block under a top-level `key:`, all at one indent
        _k, indent, name, col, value = op
        if block is None or block[1] == "seq":
            raise _GiveWay
        if block[1] is None:
            block[1], block[2], block[3] = "map", indent, {}
            if marks:
                values[(block[0],)] = (number, indent + 1)
        elif indent != block[2]:
            raise _GiveWay
        mapping = block[3]
        if name in mapping:
            raise _GiveWay
        if marks:
            keys[(block[0], name)] = (number, indent + 1)
            values[(block[0], name)] = (number, col + 1)
        mapping[name] = value
    if block is not None:
        _close(block, data)
    if not data:
        raise _GiveWay
    return data


def _close(block: list, data: dict) -> None:
    if block[1] is None:  # `key:` with nothing under it: the full reader places the empty value
        raise _GiveWay
    data[block[0]] = block[3]
