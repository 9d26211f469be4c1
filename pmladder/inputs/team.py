"""Where a team's profiles come from: files, folders, a list of paths, spreadsheets (CSV).

- `find(paths, stdin)` lists the profile files to read: named files as they are, folders
  searched recursively for `*.yaml` and `*.yml` (hidden files and folders skipped; a link that
  leads out of the folder is not followed but listed as skipped), `-` for a list of paths on
  standard input. A path that does not exist is a `Missing` error.
- `read_yaml(path, shown, vocab)` reads one profile file: the quick reader for plain files,
  the safe reader (`yamlsafe`) for everything else, then `profiles.check`, as `load_profile`.
- `read_csv(path, shown, vocab)` reads a spreadsheet, one row a person, columns named by
  profile keys. Each row becomes the data of a profile file and goes through the same
  `profiles.check`, so the rules live once; a problem reads `FILE:ROW: column: message`. A
  number cell is measured as text before it is converted: thousands of digits are a problem
  of that row, never a huge number.

Nothing here prints; problems come back as `yamlsafe.Problem`s.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..store.fsio import FileReadError, read_regular
from ..words.lookup import nearest
from ..words import _
from .yamlsafe import MAX_BYTES, DataError, Document, Problem, read_problem

YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIX = ".csv"
MAX_CSV_BYTES = 64 * 1024 * 1024
HINTS = 20  # problems of a header said one by one (with "did you mean"); the rest are counted
LIST_SEP = re.compile(r"[;,]")  # certifications in a cell: PMP;CSM (a comma also works)
NONE_HELD = ("none", "-")  # a certifications cell that says: holds none
FIXED = ("name", "education", "certifications", "other_certifications", "ladder", "assessed_on", "current_title", "department", "manager")


class Missing(Exception):
    """A path named on the command line (or on standard input) does not exist."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


class Source(NamedTuple):
    path: str  # to open
    shown: str  # as the user named it (folder + the path inside it)
    kind: str  # yaml | csv | outside (a link out of a folder: never opened)


OUTSIDE = "outside"


def outside_problem(shown: str) -> Problem:
    """The note for a link that leads out of the team's folder: it names the link only."""
    return Problem(shown, 1, 1, _("a link to a file outside the folder: not followed (name the file itself to read it)"))


def find(paths: list[str], stdin=None) -> tuple[list[Source], list[str]]:
    """The files to read, in a stable order without repeats, and the folders that held none."""
    out: list[Source] = []
    empty: list[str] = []
    seen: set[str] = set()

    def add(path: str, shown: str, kind: str | None = None) -> None:
        key = os.path.normcase(os.path.abspath(path))  # the same file named twice is read once (cheaper than realpath)
        if key not in seen:
            seen.add(key)
            out.append(Source(path, shown, kind or ("csv" if path.lower().endswith(CSV_SUFFIX) else "yaml")))

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
            for path, shown, kind in found:
                add(path, shown, kind)
        elif os.path.exists(p):  # a file named on purpose is read where it leads, links too
            add(p, p)
        else:
            raise Missing(p)
    return out, empty


def _walk(folder: str) -> list[tuple[str, str, str]]:
    """(path to open, path as shown, kind) of the profile files under `folder`, in name order.

    Only what lies inside the folder is read: a link to a file outside it is listed as `OUTSIDE`
    (skipped with a note naming the link; the target is never opened), a link inside it is read
    through its resolved path. Links to folders are not followed; hidden files and folders are skipped.
    """
    base = os.path.realpath(folder)
    found: list[tuple[str, str, str]] = []

    def visit(here: str) -> None:
        try:
            with os.scandir(here) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError:
            return  # an unreadable folder holds nothing we can read (as os.walk did)
        subdirs = []
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    subdirs.append(e.path)
                    continue
                link = e.is_symlink()
            except OSError:
                link = False
            if not e.name.lower().endswith(YAML_SUFFIXES):
                continue
            if not link:
                found.append((e.path, e.path, "yaml"))  # a pipe or a device too: the reader refuses it, named
                continue
            target = os.path.realpath(e.path)
            if not _inside(target, base):
                found.append((e.path, e.path, OUTSIDE))
            elif not os.path.isdir(target):
                found.append((target, e.path, "yaml"))
        for d in subdirs:
            visit(d)

    visit(folder)
    return found


def _inside(path: str, base: str) -> bool:
    try:
        return os.path.commonpath([path, base]) == base
    except ValueError:  # another drive
        return False


# --- one profile file ---------------------------------------------------------------------


def read_bytes(path: str, shown: str, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a regular file (a pipe, a device or a folder is a problem, never waited on)."""
    try:
        return read_regular(path, limit)
    except FileReadError as exc:
        raise DataError([read_problem(shown, exc)]) from None


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


_NUMBER = re.compile(r"-?([0-9]+)(?:([.,])[0-9]+)?")
MAX_NUMBER_CHARS = 32  # a number cell longer than this is no answer (and is never converted)
MOST = {"competencies": 5, "last_year": 2200}  # a rating, a year (profiles.check holds the exact ranges)
MOST_ELSE = 10**6  # where no maximum is known
MARGIN = 2  # digits beyond the maximum's that still go to profiles.check, for its own message ("99 looks too high")


class _TooLong(Exception):
    def __init__(self, digits: int, most):
        super().__init__(digits, most)
        self.digits, self.most = digits, most


def _most(loc: tuple, vocab):
    """The largest answer this column takes: the catalog's maximum for a fact."""
    if loc[0] == "facts":
        fact = vocab.facts.get(loc[1])
        if fact is not None and isinstance(fact.max, (int, float)) and 0 <= fact.max <= MOST_ELSE:
            return int(fact.max) if float(fact.max).is_integer() else fact.max
    return MOST.get(loc[0], MOST_ELSE)


def _number(cell: str, comma_decimals: bool, most=MOST_ELSE):
    """A cell as a number when it reads as one (3, 2.5, and 2,5 in a semicolon file); else the text.

    The string is measured before any conversion: far more digits before the point than `most`
    has (or a cell longer than MAX_NUMBER_CHARS) raises _TooLong, so no huge number is ever built.
    """
    m = _NUMBER.fullmatch(cell)
    if m is None or (m.group(2) == "," and not comma_decimals):
        return cell
    if len(m.group(1).lstrip("0")) > len(str(int(most))) + MARGIN or len(cell) > MAX_NUMBER_CHARS:
        raise _TooLong(sum(c.isdigit() for c in cell), most)
    if m.group(2) is None:
        return int(cell)
    value = float(cell.replace(",", "."))
    return int(value) if value.is_integer() else value


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
            hint = nearest(name, allowed) if len(problems) < HINTS else None  # 10**5 wrong columns: hints for the first only
            problems.append(RowProblem(shown, 1, 0, "unknown column" + (f" (did you mean '{hint}'?)" if hint else "")
                                       + "; the columns are name, education, certifications, other_certifications, the ids of facts "
                                       "and competencies (see: pmladder team --template csv)", name))
            where.append(None)
            continue
        if key in seen:
            problems.append(RowProblem(shown, 1, 0, f"the column appears twice (columns {seen[key] + 1} and {i + 1})", name))
        seen[key] = i
        where.append(allowed[key])
    if len(problems) > HINTS:  # a header of 10**5 wrong columns is one problem, said by its first few
        problems[HINTS:] = [RowProblem(shown, 1, 0, _("and {n} more columns like these").format(n=len(problems) - HINTS))]
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
            try:
                data.setdefault(loc[0], {})[loc[1]] = _number(cell, comma_decimals, _most(loc, vocab))
            except _TooLong as exc:
                problems.append(RowProblem(shown, number, 0, _("a number of {n} digits is no answer here: the most this accepts is {most}").format(
                    n=exc.digits, most=exc.most), names[i]))
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
    except Exception as exc:  # noqa: BLE001 - one bad row is one skipped person, never the whole report
        return Row(number, None, (RowProblem(shown, number, 0, failed(exc)),))


def failed(exc: BaseException) -> str:
    """The message for a person that could not be read or placed for a reason no rule names (a bug).

    Only the kind of error is said: its text may quote the file, and a report must not."""
    return _("could not be read or placed ({error}); this is a bug, please report it").format(error=type(exc).__name__)


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
