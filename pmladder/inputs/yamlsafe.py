"""Read untrusted YAML: safe types only, with the position of every key and value.

The document is built from parse events, never composed by PyYAML, so a deeply nested
file is refused on depth before anything can exhaust the stack, and anchors, aliases,
merge keys, duplicate keys and oversized files are refused with a line and column.
Numbers are checked on their text before they are converted (`number_form`): too many
digits, and the forms YAML readers disagree on (`010`, `0x10`, `1:30`, `1_000`, `.inf`), are
refused where they stand. Every failure becomes a `DataError` listing `Problem`s; nothing
else escapes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32


def _(message: str) -> str:
    from ..words import _ as translate

    return translate(message)


def N_(message: str) -> str:
    return message


def too_deep() -> str:
    return _("nested deeper than {n} levels").format(n=MAX_DEPTH)


Loc = tuple  # a path into the document: ("levels", 0, "title")


def dotted(loc: Loc) -> str:
    """A location as a person reads it: levels[0].requires.facts."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("top level")


# --- numbers, judged on their text before anything converts them -------------------------

# judgment: 15 digits before the point hold every count, year and hour a person or a ladder
# states, and every such number is exact as a float; a longer one is a typing mistake or an attack
MAX_DIGITS = 15
LARGEST = 10**MAX_DIGITS - 1

TAG_STR = "tag:yaml.org,2002:str"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"

# text to PyYAML (YAML 1.1) but a number to YAML 1.2 readers (editors, other tools): 0o10, 08, 1e3
_NUMBER_TO_SOME = re.compile(r"[-+]?(?:0[oO][0-7]+|0[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)")

NUMBER_FORMS = {
    "octal": N_("an octal number to YAML (010 and 0o10 are read as 8)"),
    "hex": N_("a hexadecimal number to YAML (0x10 is read as 16)"),
    "binary": N_("a binary number to YAML (0b10 is read as 2)"),
    "base60": N_("a base-60 number to YAML (1:30 is read as 90)"),
    "underscore": N_("a number with _ between its digits, which YAML readers do not agree on"),
    "zero": N_("a number with a leading zero, which YAML readers do not agree on"),
    "exponent": N_("a number with an exponent, which YAML readers do not agree on"),
    "special": N_("infinity or not-a-number to YAML"),
}


def number_form(value: str, tag: str) -> str | None:
    """Why a scalar that YAML reads as `tag` is refused as a number, as a key of NUMBER_FORMS or
    "long"; None when it is a plain number within range, or text that no YAML reader takes for a number.

    Works on the text alone, so nothing is converted before it is known to be safe."""
    if tag == TAG_STR:
        if value[:1] not in "0123456789+-" or not _NUMBER_TO_SOME.fullmatch(value):
            return None
        body = value.lstrip("+-")
        return "octal" if body[1:2] in "oO" else "exponent" if "e" in body or "E" in body else "zero"
    if tag != TAG_INT and tag != TAG_FLOAT:
        return None
    body = value.lstrip("+-")
    if "_" in body:
        return "underscore"
    if ":" in body:
        return "base60"
    if tag == TAG_INT:
        if body[:2] == "0x":
            return "hex"
        if body[:2] == "0b":
            return "binary"
        if len(body) > 1 and body[0] == "0":
            return "octal"
        return "long" if len(body) > MAX_DIGITS else None
    if body[:1] == "." and body[1:2].isalpha():
        return "special"
    if "e" in body or "E" in body:
        return "exponent"
    return "long" if len(body.split(".", 1)[0].lstrip("0")) > MAX_DIGITS else None


def number_problem(loc: Loc, value: str, kind: str) -> str:
    """The message for a number `number_form` refused, naming the field and what is allowed."""
    field = dotted(loc)
    shown = value if len(value) <= 24 else value[:20] + "\u2026"
    if kind == "long":
        return _("{field}: {value} has more digits than pmladder reads: numbers run from -{largest} to {largest}").format(
            field=field, value=shown, largest=LARGEST)
    return _("{field}: {value} is {form}; write a plain number such as 12 or 2.5, or quote it if it is text").format(
        field=field, value=shown, form=_(NUMBER_FORMS[kind]))


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __post_init__(self) -> None:  # one problem, one line: YAML's own messages may hold newlines
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class DataError(Exception):
    """A data file (ladder, catalog or profile) is unusable; `problems` says where and why."""

    def __init__(self, problems: list[Problem], hint: str | None = None):
        self.problems = problems
        self.hint = hint  # what to do about it, said once after the problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Document:
    """A parsed file: the data, and where each key and value stands (1-based line, col)."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor the file has."""
        loc = tuple(loc)
        while True:
            table = self.keys if key and loc in self.keys else self.values
            if loc in table:
                mark = table[loc]  # parse marks are kept as they are and read only here
                return mark if isinstance(mark, tuple) else (mark.line + 1, mark.column + 1)
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def portable(self) -> "Document":
        """The same document with positions as plain (line, col) pairs, to keep without PyYAML."""

        def plain(table):
            return {loc: m if isinstance(m, tuple) else (m.line + 1, m.column + 1) for loc, m in table.items()}

        return Document(self.path, self.data, plain(self.values), plain(self.keys))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, message)


class Unreadable(DataError):
    """The file cannot be read as a file: missing, a folder, a pipe or a device, no permission (exit 66)."""


def read_file(path: str | os.PathLike, *, display: str | None = None) -> Document:
    """Read and parse one YAML file; raises DataError on any failure (Unreadable when it is not a readable file)."""
    from ..store.fsio import TOO_LARGE, FileReadError, read_regular

    shown = display or str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileReadError as exc:
        raise (DataError if exc.reason == TOO_LARGE else Unreadable)([read_problem(shown, exc)]) from None
    return parse_bytes(raw, shown)


def read_problem(shown: str, exc) -> Problem:
    """A `fsio.FileReadError` as a problem at the start of the file: `FILE:1:1: cannot read: not a regular file ...`."""
    from ..store.fsio import TOO_LARGE

    reason = _(exc.reason).format(**exc.values)
    return Problem(shown, 1, 1, reason if exc.reason == TOO_LARGE or exc.missing else _("cannot read: {reason}").format(reason=reason))


def parse_bytes(raw: bytes, path: str) -> Document:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(path, line, col, _("not valid UTF-8 (save the file as UTF-8)"))]) from None
    return parse_text(text, path)


def parse_text(text: str, path: str) -> Document:
    import yaml

    builder = _Builder(path)
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:  # the pure-Python reader checks every character here; libyaml cannot encode a lone surrogate
        loader = loader_cls(text)
    except (yaml.reader.ReaderError, ValueError) as exc:
        raise DataError([_reader_problem(exc, text, path)]) from None
    try:
        for event in iter(loader.get_event, None):
            builder.feed(event)
    except _Stop:
        pass
    except yaml.reader.ReaderError as exc:
        builder.problems.append(_reader_problem(exc, text, path))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = str(exc.problem or exc.context)
        if "nesting depth" in what:  # libyaml (PyYAML >= 6.0.4) can stop a deep file before our own count does
            what = too_deep()
        elif "mapping values are not allowed" in what:  # `summary: Runs the office: its people` (a ': ' inside a text)
            what = _("YAML syntax: a ': ' inside a text reads as a new key; put the whole text in double quotes")
        else:
            what = _("YAML syntax: {problem}").format(problem=what)
        builder.problems.append(Problem(path, line, col, what))
    except (yaml.YAMLError, ValueError, RecursionError, OverflowError) as exc:
        builder.problems.append(Problem(path, 1, 1, f"YAML: {exc}"))
    finally:
        loader.dispose()
    if builder.problems:
        raise DataError(builder.problems)
    return builder.doc


def _reader_problem(exc: Exception, text: str, path: str) -> Problem:
    """A character YAML refuses: point at its first occurrence (libyaml counts bytes, PyYAML characters)."""
    code = getattr(exc, "character", None)
    at = text.find(chr(code)) if isinstance(code, int) else getattr(exc, "start", -1)
    if at < 0:
        return Problem(path, 1, 1, f"YAML: {str(exc).splitlines()[0]}")
    line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(path, line, col, _("character {code} is not allowed in YAML; remove it").format(code=f"U+{ord(text[at]):04X}"))


class _Stop(Exception):
    pass


class _Builder:
    """Turns parse events into plain Python data, checking the untrusted-input rules."""

    def __init__(self, path: str):
        import yaml
        from yaml.constructor import SafeConstructor
        from yaml.resolver import Resolver

        self.yaml = yaml
        self.doc = Document(path, None)
        self.problems: list[Problem] = []
        self.stack: list[list] = []  # frames: [container, loc, pending_key or _NO_KEY]
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.documents = 0

    def _err(self, event, message: str, *, fatal: bool = False) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1, message))
        if fatal:
            raise _Stop

    def feed(self, event) -> None:
        kind = type(event)
        ev = self.yaml.events
        if kind is ev.ScalarEvent:
            if event.anchor is not None:
                self._err(event, _("anchors (&{name}) are not allowed; write the value out").format(name=event.anchor))
            self._add(event, self._scalar(event))
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            self.stack.pop()
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            if event.anchor is not None:
                self._err(event, _("anchors (&{name}) are not allowed; write the value out").format(name=event.anchor))
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                self._err(event, _("tag {tag} is not allowed").format(tag=event.tag))
            if len(self.stack) >= MAX_DEPTH:
                self._err(event, too_deep(), fatal=True)
            container: dict | list = {} if kind is ev.MappingStartEvent else []
            loc = self._add(event, container)
            self.stack.append([container, loc, _NO_KEY])
        elif kind is ev.AliasEvent:
            self._err(event, _("aliases (*name) are not allowed; write the value out"))
            self._add(event, None)
        elif kind is ev.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._err(event, _("more than one YAML document in the file"), fatal=True)

    def _scalar(self, event) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always a string
                return value
            tag = self._resolve(value)
        if tag == TAG_INT and value.isdigit() and (value == "0" or value[0] != "0") and len(value) <= MAX_DIGITS:
            return int(value)
        kind = number_form(value, tag) if tag != TAG_STR or event.implicit[0] else None  # `!!str 010` says text
        if kind is not None:
            self._err(event, number_problem(self._next_loc(), value, kind))
            return None
        if tag == TAG_STR:
            return value
        if tag == "tag:yaml.org,2002:merge":
            self._err(event, _("merge keys (<<) are not allowed; write the keys out"))
            return "<<"
        node = self.yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception as exc:  # the YAML layer raises ValueError and more for bad scalars
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0].split("; use sys.")[0]
            self._err(event, _("bad value {value}: {problem}").format(value=repr(value[:40]), problem=problem))
            return None

    def _resolve(self, value: str) -> str:
        """The implicit tag of a plain scalar, as PyYAML's resolver decides it."""
        rules = _implicit(self.resolver)
        for tag, regexp in rules.get(value[:1], rules["\0wild"]):
            if regexp.match(value):
                return tag
        return "tag:yaml.org,2002:str"

    def _next_loc(self) -> Loc:
        """Where the node being read will stand; a key is told by the mapping that holds it."""
        if not self.stack:
            return ()
        container, loc, key = self.stack[-1]
        if type(container) is list:
            return loc + (len(container),)
        return loc if key is _NO_KEY or isinstance(key, _Duplicate) else loc + (key,)

    def _add(self, event, value: Any) -> Loc:
        """Place a finished node in its parent; returns the node's location."""
        if not self.stack:
            self.doc.data = value
            self.doc.values[()] = event.start_mark
            return ()
        frame = self.stack[-1]
        container, loc = frame[0], frame[1]
        if type(container) is list:
            here = loc + (len(container),)
            container.append(value)
            self.doc.values[here] = event.start_mark
            return here
        if frame[2] is _NO_KEY:  # this node is a key
            if isinstance(value, (dict, list)):
                self._err(event, _("a mapping or list cannot be a key"))
                value = repr(value)
            key = value
            here = loc + (key,)
            if here in self.doc.keys:
                first = self.doc.keys[here].line + 1
                text = _("duplicate key {key} (first at line {line})").format(key=repr(key), line=first)
                if key == "one_of":
                    text += _("; a block has one one_of: use choices: for several either/or groups, each with a label")
                elif key == "any_of":
                    text += _("; a block has one any_of: list every option in it, or use choices: for several either/or groups")
                self._err(event, text)
                key = _Duplicate()
            else:
                self.doc.keys[here] = event.start_mark
            frame[2] = key
            return here
        key = frame[2]
        frame[2] = _NO_KEY
        here = loc + (key,)
        if not isinstance(key, _Duplicate):
            container[key] = value
            self.doc.values[here] = event.start_mark
        return here


_IMPLICIT: dict = {}


def _implicit(resolver) -> dict:
    """PyYAML's implicit resolvers by first character, with the wildcard ones added to each."""
    if not _IMPLICIT:
        table = resolver.yaml_implicit_resolvers
        wild = tuple(table.get(None, ()))
        _IMPLICIT.update({first: tuple(rules) + wild for first, rules in table.items() if first is not None})
        _IMPLICIT["\0wild"] = wild
    return _IMPLICIT


class _Duplicate:
    """Stands for a repeated key, so its value is read and dropped."""


_NO_KEY = object()

