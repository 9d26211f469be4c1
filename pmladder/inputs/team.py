"""Where a team's profiles come from: files, folders, a list of paths, spreadsheets (CSV).

- `find(paths, stdin)` lists the profile files to read: named files as they are, folders
  searched recursively for `*.yaml` and `*.yml` (hidden files and folders skipped; a link that
  leads out of the folder is not followed but listed as skipped), `-` for a list of paths on
  standard input. A path that does not exist is a `Missing` error.
- `read_yaml(path, shown, vocab)` reads one profile file: the quick reader for plain files,
  the safe reader (`yamlsafe`) for everything else, then `profiles.check`, as `load_profile`.
- `read_csv(path, shown, vocab)` (and `xlsx.read_xlsx` for a workbook) reads a spreadsheet, one row a person, columns named by
  profile keys. Each row becomes the data of a profile file and goes through the same
  `profiles.check`, so the rules live once. A cell is read as people write it (`cells.py`:
  `5 years`, `3,5`, `N/A`, `MBA`, `PRINCE2 Practitioner`); a cell that still cannot be read, or
  that the profile's rules refuse, leaves that one answer unknown and becomes a `CellWarning`
  naming the person, the column, the value and what was expected; the person is kept. Only a
  row whose shape is wrong (more cells than the header names) is a problem, `FILE:ROW: message`.

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
from . import cells as cells_mod
from .yamlsafe import MAX_BYTES, DataError, Document, Problem, read_problem

YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIX = ".csv"
XLSX_SUFFIX = ".xlsx"
SHEETS = (CSV_SUFFIX, XLSX_SUFFIX)  # spreadsheets: FILE:ROW names a person in them
MAX_CSV_BYTES = 64 * 1024 * 1024
HINTS = 20  # problems of a header said one by one (with "did you mean"); the rest are counted
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
            out.append(Source(path, shown, kind or kind_of(path)))

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


def kind_of(path: str) -> str:
    """How a file named on purpose is read: csv, xlsx (a workbook), else yaml."""
    lower = path.lower()
    return "csv" if lower.endswith(CSV_SUFFIX) else "xlsx" if lower.endswith(XLSX_SUFFIX) else "yaml"


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
    check, parse, parse_bytes = _READERS or _readers()
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


_READERS: tuple = ()


def _readers() -> tuple:
    """(profiles.check, quickyaml.parse, yamlsafe.parse_bytes), imported on the first file, not for each one."""
    global _READERS
    from .profiles import check
    from .quickyaml import parse
    from .yamlsafe import parse_bytes

    _READERS = (check, parse, parse_bytes)
    return _READERS


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
    warnings: tuple = ()  # CellWarnings: cells left unknown, the person kept


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
    cols.update(REVIEW_COLUMNS)  # a second opinion: the reviewer, the day, and `review:ID` ratings
    for key in vocab.comps:
        cols[f"review:{key}"] = ("review", key)
    return cols


REVIEW_COLUMNS = {"reviewer": ("reviewer",), "reviewed_on": ("reviewed_on",)}


def _review(data: dict, columns: dict, written: dict) -> str | None:
    """A row's review columns as the profile's `reviews` (one review); the column to warn about when ratings have no reviewer."""
    ratings, by, day = data.pop("review", None), data.pop("reviewer", None), data.pop("reviewed_on", None)
    named = {part: columns.pop(loc, None) for part, loc in (("by", ("reviewer",)), ("on", ("reviewed_on",)))}
    texts = {part: written.pop(loc, "") for part, loc in (("by", ("reviewer",)), ("on", ("reviewed_on",)))}
    if not ratings:
        return None
    if not by:
        for key in ratings:
            columns.pop(("review", key), None)
        return "reviewer"
    import datetime as dt

    data["reviews"] = [{"by": by, "on": day or data.get("assessed_on") or dt.date.today(), "competencies": ratings}]
    for part, column in named.items():  # a reviewer or day the check refuses: that review is left out, the person kept
        if column:
            columns[("reviews", 0, part)] = column
            written[("reviews", 0, part)] = texts[part]
    for key in ratings:  # a rating the check refuses is named by its column, and dropped as the other cells are
        loc = ("reviews", 0, "competencies", key)
        columns[loc] = columns.pop(("review", key))
        written[loc] = written.pop(("review", key), "")
    return None


def _delimiter(header: str) -> str:
    """Comma, or the semicolon or tab some spreadsheet programs save with."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


class CellWarning(NamedTuple):
    """A cell that could not be read: that one answer is left unknown and the person is kept."""

    file: str  # the spreadsheet as the user named it
    row: int  # as the spreadsheet numbers it
    person: str | None  # the name cell, None when the row has none
    column: str
    value: str  # the cell, as written (shortened)
    expected: str  # what would have been read (a phrase of the catalog)


def read_csv(path: str, shown: str, vocab) -> list[Row]:
    """Every row of a spreadsheet as a profile (or its problems); DataError when the file itself is unusable.

    Lines starting with `#` above the header are comments (the template explains its columns in them)."""
    raw = read_bytes(path, shown, MAX_CSV_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([RowProblem(shown, line, 0, "not valid UTF-8 (save the spreadsheet as CSV UTF-8)")]) from None
    if "\x00" in text:
        raise DataError([RowProblem(shown, 1, 0, "not a text file (save the spreadsheet as CSV UTF-8)")])
    skipped = 0
    start = 0
    while text.startswith(COMMENT, start):  # comment lines above the header
        end = text.find("\n", start)
        start = len(text) if end < 0 else end + 1
        skipped += 1
    text = text[start:]
    first = text.split("\n", 1)[0]
    sep = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError([RowProblem(shown, 1 + skipped, 0, "the file is empty")]) from None
    except csv.Error as exc:
        raise DataError([RowProblem(shown, 1 + skipped, 0, f"not a readable CSV file: {exc}")]) from None

    def records():
        number = 1 + skipped
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield number, exc
                continue
            number += 1
            yield number, cells

    return read_table(shown, header, records(), vocab, header_row=1 + skipped)


def read_table(shown: str, header: list[str], records, vocab, header_row: int = 1) -> list[Row]:
    """The rows of a spreadsheet (CSV or a workbook's sheet) as profiles: `records` yields (row number, cells)
    or (row number, an exception) for a row that could not be read at all."""
    from .profiles import check

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
            problems.append(RowProblem(shown, header_row, 0, "unknown column" + (f" (did you mean '{hint}'?)" if hint else "")
                                       + "; the columns are name, education, certifications, other_certifications, the ids of facts "
                                       "and competencies (see: pmladder team --template csv)", name))
            where.append(None)
            continue
        if key in seen:
            problems.append(RowProblem(shown, header_row, 0, f"the column appears twice (columns {seen[key] + 1} and {i + 1})", name))
        seen[key] = i
        where.append(allowed[key])
    if len(problems) > HINTS:  # a header of 10**5 wrong columns is one problem, said by its first few
        problems[HINTS:] = [RowProblem(shown, header_row, 0, _("and {n} more columns like these").format(n=len(problems) - HINTS))]
    if problems:
        raise DataError(problems)
    ctx = (vocab, cells_mod.cert_names(vocab), check)
    rows: list[Row] = []
    for number, cells in records:
        if isinstance(cells, Exception):
            rows.append(Row(number, None, (RowProblem(shown, number, 0, f"not readable as CSV: {cells}"),)))
            continue
        if not any(c.strip() for c in cells) or (cells and cells[0].lstrip().startswith(COMMENT)):
            continue  # a blank row, or a comment (the template's example row is one)
        rows.append(_row(shown, number, cells, names, where, ctx))
    return rows


FREE_TEXT = ("name", "ladder", "track", "other_certifications", "current_title", "department", "manager", "reviewer")  # columns whose cell is text as written


def _read_cell(loc: tuple, cell: str, vocab):
    """A cell read for its column: the value for the profile's data, or Unreadable."""
    kind = loc[0]
    if kind == "facts":
        fact = vocab.facts[loc[1]]
        return cells_mod.number(cell, fact.max, fact.unit, whole=fact.whole)
    if kind in ("competencies", "review"):
        return cells_mod.rating(cell, vocab.comps[loc[1]].top if loc[1] in vocab.comps else 10)
    if kind == "last_year":
        return cells_mod.year(cell)
    if kind == "education":
        return cells_mod.education(cell)
    if kind in ("assessed_on", "reviewed_on"):
        return cells_mod.day(cell)
    return cell


def _row(shown, number, cells, names, where, ctx) -> Row:
    vocab, cert_names, check = ctx
    data: dict = {}
    columns: dict = {}
    written: dict = {}  # loc -> the cell as written, for a warning
    problems: list[Problem] = []
    warnings: list[CellWarning] = []
    if len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
        problems.append(RowProblem(shown, number, 0, f"has {len(cells)} cells, the header names {len(names)} columns"))
    for i, cell in enumerate(cells[: len(names)]):
        cell = cell.strip()[:cells_mod.MAX_CELL]
        loc = where[i]
        if loc is None:
            if cell:
                problems.append(RowProblem(shown, number, 0, f"column {i + 1} has no name in the header but holds a value"))
            continue
        if not cell or (loc[0] not in FREE_TEXT and cells_mod.is_unknown(cell)):
            continue  # not answered: unknown, never 0
        columns[loc] = names[i]
        written[loc] = cell
        if loc == ("certifications",):
            held, unread = cells_mod.certifications(cell, cert_names)
            if unread:
                warnings.append(CellWarning(shown, number, None, names[i], cells_mod.quoted("; ".join(unread)),
                                            cells_mod.cert_expected(unread, vocab.certs)))
                if cells_mod.folded(cell) not in cells_mod.YES:  # a name not in the catalog is kept and shown, never counted
                    data.setdefault("other_certifications", []).extend(unread)
            if held is not None:
                data["certifications"] = held
            continue
        if loc == ("other_certifications",):
            data.setdefault("other_certifications", []).extend(c.strip() for c in cell.split(";") if c.strip())
            continue
        try:
            value = _read_cell(loc, cell, vocab)
        except cells_mod.Unreadable as exc:
            warnings.append(CellWarning(shown, number, None, names[i], cells_mod.quoted(cell), exc.expected))
            continue
        if len(loc) == 2:
            data.setdefault(loc[0], {})[loc[1]] = value
        else:
            data[loc[0]] = value
    if problems:
        return Row(number, None, tuple(problems))
    if _review(data, columns, written):
        warnings.append(CellWarning(shown, number, None, "reviewer", "", _("the reviewer's name, for the review: columns")))
    for key in ("facts", "competencies", "last_year"):
        if key in data:
            columns.setdefault((key,), key)
    by_column = {name: loc for loc, name in columns.items()}
    for attempt in range(2):  # a value the profile's rules refuse is that answer left unknown, then checked again
        doc = _RowDocument(shown, number, data, columns)
        try:
            profile = check(doc, vocab)
            break
        except DataError as exc:
            rest = []
            for p in exc.problems:
                loc = by_column.get(getattr(p, "column", ""))
                if loc is not None and loc in written and _drop(data, loc):
                    warnings.append(CellWarning(shown, number, None, columns[loc], cells_mod.quoted(written[loc]), p.message))
                else:
                    rest.append(p)
            if rest or attempt:
                return Row(number, None, tuple(rest or exc.problems))
        except Exception as exc:  # noqa: BLE001 - one bad row is one skipped person, never the whole report
            return Row(number, None, (RowProblem(shown, number, 0, failed(exc)),))
    person = profile.name or None
    return Row(number, profile, (), tuple(w._replace(person=person) for w in dict.fromkeys(warnings)))


def _drop(data: dict, loc: tuple) -> bool:
    """Take the answer at `loc` out of a row's data; False when there is none."""
    if loc[0] == "reviews":  # a review's rating; its reviewer or day: the whole review
        if "reviews" not in data:
            return False
        return data["reviews"][0]["competencies"].pop(loc[3], None) is not None if len(loc) == 4 else data.pop("reviews") is not None
    if len(loc) == 2:
        return data.get(loc[0], {}).pop(loc[1], None) is not None
    return data.pop(loc[0], None) is not None


def failed(exc: BaseException) -> str:
    """The message for a person that could not be read or placed for a reason no rule names (a bug).

    Only the kind of error is said: its text may quote the file, and a report must not."""
    return _("could not be read or placed ({error}); this is a bug, please report it").format(error=type(exc).__name__)


COMMENT = "#"  # a row whose first cell starts with it is skipped


def template_columns(vocab, uses=None) -> tuple[list[str], list[str], list[str]]:
    """(fixed, facts, competencies): the columns of a team spreadsheet for a ladder's `uses` (or every ladder's)."""
    facts = list(uses.facts) if uses else list(vocab.facts)
    comps = list(uses.skills) if uses else list(vocab.comps)
    return ["name", "education", "certifications", "other_certifications", *JOB_COLUMNS], facts, comps


JOB_COLUMNS = ("current_title", "department", "manager")  # who holds which job, for the roster and --by


def review_columns(comps: list[str]) -> list[str]:
    """A second opinion's columns, after the person's own: the reviewer, the day and one `review:ID` a competency."""
    return [*REVIEW_COLUMNS, *(f"review:{key}" for key in comps)]


def template_help(vocab, ladder=None, lang: str | None = None) -> list[tuple[str, str, list[str]]]:
    """(column, what to write in it, what each rating means) for every column of the template: one text for the
    CSV template's comment lines and the workbook's sheet "How to fill in"."""
    from ..engine.types import Kind, atoms_of, tr, uses as ladder_uses
    from ..words import sheet as ws

    fixed, facts, comps = template_columns(vocab, ladder_uses(ladder) if ladder is not None else None)
    out: list[tuple[str, str, list[str]]] = [(c, ws.column_help(c), []) for c in fixed]
    source = ladder if ladder is not None else vocab
    reviews = [(c, ws.column_help(c), []) for c in REVIEW_COLUMNS]
    reviews += [(f"review:{key}", ws.review_help(tr(source.comps[key], "name", lang), key), []) for key in comps]
    for key in facts:
        out.append((key, ws.fact_help(source.facts[key], lang), []))
    for key in comps:
        comp = source.comps[key]
        meanings = tr(comp, "ratings", lang)
        lines = [ws.rating_line(key, r, m) for r, m in enumerate(meanings)]
        if ladder is not None:
            asked: dict[str, int] = {}
            for level in ladder.levels:
                for atom in atoms_of(level.requires):
                    if atom.kind == Kind.SKILL and atom.key == key:
                        title = level.title_in(lang)
                        asked[title] = max(asked.get(title, 0), atom.need)
            if asked:
                lines.append(ws.asked_for(list(asked.items())))
        out.append((key, ws.skill_help(comp, lang), lines))
    return out + reviews


def template(vocab, uses=None, example: dict | None = None, ladder=None, lang: str | None = None) -> str:
    """A team spreadsheet as CSV: comment lines (`# ...`) explaining each column and each rating, the header, and
    one example row (from `example`, a profile's data), marked as a comment so that a team read from the file as it
    is does not count it. The reader skips the comment lines above the header."""
    from ..text.safe import visible
    from ..words import sheet as ws

    header, row = template_rows(vocab, uses, example)
    out = io.StringIO()
    comment = lambda text: out.write(f"{COMMENT} " + visible(text.replace("\n", " ")) + "\n")  # noqa: E731 - one line each
    comment(ws.how_intro())
    comment(ws.template_example_note())
    for column, what, lines in template_help(vocab, ladder, lang):
        if column in header:
            comment(f"{column}: {what}")
            for line in lines:
                comment("    " + line)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue()


def template_rows(vocab, uses=None, example: dict | None = None) -> tuple[list[str], list[str]]:
    """The header of a team spreadsheet and its example row (a comment: its first cell starts with '#')."""
    fixed, facts, comps = template_columns(vocab, uses)
    header = [*fixed, *facts, *comps, *review_columns(comps)]
    example = example or {}
    row = [
        f"{COMMENT} example: {example.get('name', '')}".rstrip(),
        example.get("education", ""),
        (";".join(example["certifications"]) or "none") if example.get("certifications") is not None else "",
        ";".join(example.get("other_certifications") or []),
        *[_cell(example.get(k)) for k in JOB_COLUMNS],
        *[_cell(example.get("facts", {}).get(k)) for k in facts],
        *[_cell(example.get("competencies", {}).get(k)) for k in comps],
        *[""] * (len(REVIEW_COLUMNS) + len(comps)),  # the example is the person's own view; a reviewer adds theirs
    ]
    return header, row


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
