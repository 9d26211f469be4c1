"""Where a team's profiles come from: files, folders, a list of paths, spreadsheets (CSV).

- `find(paths, stdin)` lists the profile files to read: named files as they are, folders
  searched recursively for `*.yaml` and `*.yml` (hidden files and folders skipped), `-` for a
  list of paths on standard input. A path that does not exist is a `Missing` error.
- `read_yaml(path, shown, vocab)` reads one profile file: the quick reader for plain files,
  the safe reader (`yamlsafe`) for everything else, then `profiles.check`, as `load_profile`.
- `read_csv(path, shown, vocab)` reads a spreadsheet, one row a person, columns named by
  profile keys. Each row becomes the data of a profile file and goes through the same
  `profiles.check`, so the rules live once; a problem reads `FILE:ROW: column: message`.

Nothing here prints; problems come back as `yamlsafe.Problem`s.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from typing import NamedTuple

from .lookup import nearest
from .yamlsafe import MAX_BYTES, DataError, Document, Problem

YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIX = ".csv"
MAX_CSV_BYTES = 64 * 1024 * 1024
LIST_SEP = re.compile(r"[;,]")  # certifications in a cell: PMP;CSM (a comma also works)
NONE_HELD = ("none", "-")  # a certifications cell that says: holds none
FIXED = ("name", "education", "certifications", "other_certifications", "ladder", "assessed_on")


class Missing(Exception):
    """A path named on the command line (or on standard input) does not exist."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


class Source(NamedTuple):
    path: str  # to open
    shown: str  # as the user named it (folder + the path inside it)
    kind: str  # yaml | csv


def find(paths: list[str], stdin=None) -> tuple[list[Source], list[str]]:
    """The files to read, in a stable order without repeats, and the folders that held none."""
    out: list[Source] = []
    empty: list[str] = []
    seen: set[str] = set()

    def add(path: str, shown: str) -> None:
        key = os.path.normcase(os.path.abspath(path))  # the same file named twice is read once (cheaper than realpath)
        if key not in seen:
            seen.add(key)
            out.append(Source(path, shown, "csv" if path.lower().endswith(CSV_SUFFIX) else "yaml"))

    named: list[str] = []
    for p in paths:
        if p == "-":
            if stdin is None:
                continue
            named += [line.rstrip("\r\n") for line in stdin if line.strip()]
        else:
            named.append(p)
    for p in named:
        if os.path.isdir(p):
            found = _walk(p)
            if not found:
                empty.append(p)
            for f in found:
                add(f, f)
        elif os.path.exists(p):
            add(p, p)
        else:
            raise Missing(p)
    return out, empty


def _walk(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(YAML_SUFFIXES):
                found.append(os.path.join(root, name))
    return found


# --- one profile file ---------------------------------------------------------------------


def read_bytes(path: str, shown: str, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a file (plain os calls: no file object for each of thousands of files)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, limit + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        raw = b"".join(chunks)
    except IsADirectoryError:
        raise DataError([Problem(shown, 1, 1, "is a folder, not a file")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, 1, 1, f"cannot read: {exc.strerror or exc}")]) from None
    if len(raw) > limit:
        raise DataError([Problem(shown, 1, 1, f"file is larger than {limit // 1024} KiB")])
    return raw


def read_yaml(path: str, shown: str, vocab):
    """A Profile from a profile file; DataError as `load_profile` raises it."""
    from .profiles import check
    from .quickyaml import parse
    from .yamlsafe import parse_bytes

    raw = read_bytes(path, shown)
    doc = None
    try:
        text = raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        doc = parse(text, shown)
    if doc is None:
        doc = parse_bytes(raw, shown)
    return check(doc, vocab)


# --- spreadsheets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem(Problem):
    """A problem in a spreadsheet: `FILE:ROW: column: message` (the row as the spreadsheet numbers it)."""

    column: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class _RowDocument(Document):
    """A row seen as a profile file, so `profiles.check` reports its problems by column."""

    def __init__(self, path: str, row: int, data: dict, columns: dict):
        super().__init__(path, data)
        self.row, self.columns = row, columns

    def problem(self, loc, message: str, *, key: bool = False) -> Problem:
        loc = tuple(loc)
        column = ""
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.columns:
                column = self.columns[loc[:n]]
                break
        # `facts.years_pmo: should be ...` reads `years_pmo: should be ...` once the column names it
        for prefix in (".".join(map(str, loc)) + ": ", f"{loc[0]}: " if loc else None):
            if prefix and message.startswith(prefix):
                message = message[len(prefix):]
                break
        return RowProblem(self.path, self.row, 0, message, column)


class Row(NamedTuple):
    number: int  # as the spreadsheet numbers it: the header is row 1
    profile: object | None
    problems: tuple[Problem, ...]


def columns_for(vocab) -> dict[str, tuple]:
    """Every column a spreadsheet may have, and where its value goes in a profile."""
    cols: dict[str, tuple] = {k: (k,) for k in FIXED}
    for key in vocab.facts:
        cols[key] = ("facts", key)
    for key in vocab.comps:
        cols.setdefault(key, ("competencies", key))
    for key, fd in vocab.facts.items():
        if fd.unit == "years":
            cols[f"last_year.{key}"] = ("last_year", key)
    return cols


def _delimiter(header: str) -> str:
    """Comma, or the semicolon or tab some spreadsheet programs save with."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


_INT = re.compile(r"-?[0-9]+")
_DEC = re.compile(r"-?[0-9]+\.[0-9]+")
_DEC_COMMA = re.compile(r"-?[0-9]+,[0-9]+")


def _number(cell: str, comma_decimals: bool):
    """A cell as a number when it reads as one (3, 2.5, and 2,5 in a semicolon file); else the text."""
    if _INT.fullmatch(cell):
        return int(cell)
    if comma_decimals and _DEC_COMMA.fullmatch(cell):
        cell = cell.replace(",", ".")
    if _DEC.fullmatch(cell):
        value = float(cell)
        return int(value) if value.is_integer() else value
    return cell


def read_csv(path: str, shown: str, vocab) -> list[Row]:
    """Every row of a spreadsheet as a profile (or its problems); DataError when the file itself is unusable."""
    from .profiles import check

    raw = read_bytes(path, shown, MAX_CSV_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([RowProblem(shown, line, 0, "not valid UTF-8 (save the spreadsheet as CSV UTF-8)")]) from None
    if "\x00" in text:
        raise DataError([RowProblem(shown, 1, 0, "not a text file (save the spreadsheet as CSV UTF-8)")])
    first = text.split("\n", 1)[0]
    sep = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError([RowProblem(shown, 1, 0, "the file is empty")]) from None
    except csv.Error as exc:
        raise DataError([RowProblem(shown, 1, 0, f"not a readable CSV file: {exc}")]) from None
    allowed = columns_for(vocab)
    lower = {k.lower(): k for k in allowed}
    names = [h.strip() for h in header]
    where: list[tuple | None] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        key = lower.get(name.lower())
        if not name:
            where.append(None)  # an unnamed column must stay empty (checked row by row)
            continue
        if key is None:
            hint = nearest(name, allowed)
            problems.append(RowProblem(shown, 1, 0, "unknown column" + (f" (did you mean '{hint}'?)" if hint else "")
                                       + "; the columns are name, education, certifications, other_certifications, the ids of facts "
                                       "and competencies (see: pmladder team --template csv)", name))
            where.append(None)
            continue
        if key in seen:
            problems.append(RowProblem(shown, 1, 0, f"the column appears twice (columns {seen[key] + 1} and {i + 1})", name))
        seen[key] = i
        where.append(allowed[key])
    if problems:
        raise DataError(problems)
    certs = {c.lower(): c for c in vocab.certs}
    comma_decimals = sep != ","
    rows: list[Row] = []
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            rows.append(Row(number, None, (RowProblem(shown, number, 0, f"not readable as CSV: {exc}"),)))
            continue
        number += 1
        if not any(c.strip() for c in cells) or (cells and cells[0].lstrip().startswith(COMMENT)):
            continue  # a blank row, or a comment (the template's example row is one)
        rows.append(_row(shown, number, cells, names, where, certs, comma_decimals, vocab, check))
    return rows


def _row(shown, number, cells, names, where, certs, comma_decimals, vocab, check) -> Row:
    data: dict = {}
    columns: dict = {}
    problems: list[Problem] = []
    if len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
        problems.append(RowProblem(shown, number, 0, f"has {len(cells)} cells, the header names {len(names)} columns"))
    for i, cell in enumerate(cells[: len(names)]):
        cell = cell.strip()
        loc = where[i]
        if loc is None:
            if cell:
                problems.append(RowProblem(shown, number, 0, f"column {i + 1} has no name in the header but holds a value"))
            continue
        if not cell:
            continue  # not answered: unknown, never 0
        columns[loc] = names[i]
        if loc[0] in ("facts", "competencies", "last_year"):
            data.setdefault(loc[0], {})[loc[1]] = _number(cell, comma_decimals)
        elif loc == ("certifications",):
            if cell.lower() in NONE_HELD:
                data["certifications"] = []
            else:
                data["certifications"] = [certs.get(c.strip().lower(), c.strip()) for c in LIST_SEP.split(cell) if c.strip()]
        elif loc == ("other_certifications",):
            data["other_certifications"] = [c.strip() for c in cell.split(";") if c.strip()]
        elif loc == ("education",):
            data["education"] = cell.lower()
        else:
            data[loc[0]] = cell
    for key in ("facts", "competencies", "last_year"):
        if key in data:
            columns.setdefault((key,), key)
    if problems:
        return Row(number, None, tuple(problems))
    doc = _RowDocument(shown, number, data, columns)
    try:
        return Row(number, check(doc, vocab), ())
    except DataError as exc:
        return Row(number, None, tuple(exc.problems))


COMMENT = "#"  # a row whose first cell starts with it is skipped


def template(vocab, uses=None, example: dict | None = None) -> str:
    """The header of a team spreadsheet and one example row (from `example`, a profile's data), marked as a
    comment so that a team read from the file as it is does not count it."""
    facts = list(uses.facts) if uses else list(vocab.facts)
    comps = list(uses.skills) if uses else list(vocab.comps)
    header = ["name", "education", "certifications", "other_certifications", *facts, *comps]
    example = example or {}
    row = [
        f"{COMMENT} example: {example.get('name', '')}".rstrip(),
        example.get("education", ""),
        (";".join(example["certifications"]) or NONE_HELD[0]) if example.get("certifications") is not None else "",
        ";".join(example.get("other_certifications") or []),
        *[_cell(example.get("facts", {}).get(k)) for k in facts],
        *[_cell(example.get("competencies", {}).get(k)) for k in comps],
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
