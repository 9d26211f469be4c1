"""Frameworks an organisation already keeps, read as plain data for `pmladder import`.

Two shapes come in:

- a progression-framework page: Markdown whose YAML front matter (between two `---` lines) says
  `levels: N` and lists `topics`, each with a `name`, a `title` and `content` entries of
  `{level, criteria: [...]}`; or that YAML alone (`.yaml`, `.yml`). Other keys a page carries
  (`path`, `sidebarTitle`, `exampleCriteria`, ...) are read past. The front matter goes through
  the safe reader (`yamlsafe`), so every problem is `FILE:LINE:COL: message` in the page itself.
- a spreadsheet (`.csv`, or `.xlsx` when openpyxl is installed: `pip install 'pmladder[xlsx]'`):
  a matrix with one row a competency and one column a level (the header names the levels), a
  cell holding that level's criteria, one a line; optionally a roles sheet (a sheet named
  `roles` in a workbook, or `--roles FILE.csv`) with `title`, `level`, `min_years`,
  `certificates` and `next`. Problems read `FILE:ROW: column: message`.

Ids are derived, never typed: a topic's `name` (else its title) in lower case, accents and
emoji
dropped, anything else joined by `_` (`project-communication` and `Project communication 📣` are
both `project_communication`), so a re-import of an updated framework keeps the ids profiles
use. A derived id that is a catalog word (`communication`) gets `_topic` after it, since a
ladder's own competency never reuses a catalog id. Nothing here prints or writes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..store.fsio import FileReadError, read_regular
from .team import RowProblem
from .yamlsafe import MAX_BYTES, DataError, Document, Problem, Unreadable, parse_text, read_problem


def _(message: str) -> str:
    from ..words import _ as translate

    return translate(message)


MIN_LEVELS, MAX_LEVELS = 2, 10  # a scale has 3 to 11 points: "not yet" and one a level
MAX_TOPICS = 200
MAX_TEXT = 2000  # a ladder text's longest (model.Text): one level's criteria, joined as lines
MAX_SHEET_BYTES = 16 * 1024 * 1024
CLASH_SUFFIX = "_topic"
MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
SHEET_SUFFIXES = (".csv", ".xlsx")
SUFFIXES = MARKDOWN_SUFFIXES + YAML_SUFFIXES + SHEET_SUFFIXES
BULLET = re.compile(r"^\s*(?:[-*\u2022]\s+)")


@dataclass(frozen=True)
class Topic:
    id: str
    title: str  # as the framework shows it, emoji and all
    criteria: dict  # level (1..N) -> tuple of criteria, in the framework's order


@dataclass(frozen=True)
class Role:
    """A row of a roles sheet: a job title at one framework level."""

    title: str
    level: int
    min_years: float | None
    certificates: tuple[str, ...]
    next: tuple[str, ...] | None  # titles; None: the next row (the last row is the top)
    row: int


@dataclass(frozen=True)
class Framework:
    title: str  # the framework's own name (front matter `title`, else the file's name)
    source: str  # the file it came from, as named
    levels: int
    level_names: tuple[str, ...]  # a spreadsheet's column headers; "" where the framework names none
    topics: tuple[Topic, ...]
    roles: tuple[Role, ...] = field(default=())
    roles_source: str = ""  # the roles sheet, as named


def id_basis(text: str) -> str:
    """`text` as a snake_case id, or "" when nothing of it is a letter or digit a-z, 0-9."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def topic_id(name: str, reserved=()) -> str:
    """The competency id of a topic: stable for the same name, never a catalog id (`reserved`)."""
    base = id_basis(name)
    if not base:  # a name of other scripts or emoji only: a short stable digest of it
        base = "topic_" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:8]
    if not base[0].isalpha():
        base = "t_" + base
    base = base[:64].rstrip("_")
    if base in reserved:
        base = base[:64 - len(CLASH_SUFFIX)].rstrip("_") + CLASH_SUFFIX
    return base


def kebab(text: str, fallback: str) -> str:
    """A ladder or level id from a name: lower case, kebab-case, at most 64 characters."""
    out = id_basis(text).replace("_", "-")[:64].strip("-")
    return out or fallback


# --- reading a file ------------------------------------------------------------------------------


def read_framework(path: str | os.PathLike, shown: str | None = None, *, roles: str | os.PathLike | None = None,
                   reserved=()) -> Framework:
    """The framework in `path`, by its suffix; DataError (Unreadable for a file that cannot be read) on any problem."""
    shown = shown or str(path)
    suffix = Path(str(path)).suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError([Problem(shown, 1, 1, _("pmladder imports a framework page (.md), its YAML (.yaml, .yml) or a "
                                                   "spreadsheet (.csv, .xlsx); this file is none of them"))])
    if suffix == ".xlsx":
        matrix, role_rows, sheet = _workbook(path, shown)
        framework = _from_matrix(matrix, f"{shown}[{sheet}]", Path(shown).stem, reserved)
        if role_rows is not None:
            framework = _with_roles(framework, role_rows, f"{shown}[roles]")
    elif suffix == ".csv":
        framework = _from_matrix(_csv_rows(path, shown), shown, Path(shown).stem, reserved)
    else:
        raw = _read(path, shown, MAX_BYTES)
        text = _text(raw, shown)
        doc = parse_text(_front_matter(text, shown) if suffix in MARKDOWN_SUFFIXES else text, shown)
        framework = _from_document(doc, Path(shown).stem, reserved)
    if roles is not None:
        if suffix not in SHEET_SUFFIXES:
            raise DataError([Problem(shown, 1, 1, _("a roles sheet goes with a spreadsheet (.csv, .xlsx), not with a framework page"))])
        framework = _with_roles(framework, _csv_rows(roles, str(roles)), str(roles))
    return framework


def _read(path, shown: str, limit: int) -> bytes:
    try:
        return read_regular(path, limit)
    except FileReadError as exc:
        from ..store.fsio import TOO_LARGE

        raise (DataError if exc.reason == TOO_LARGE else Unreadable)([read_problem(shown, exc)]) from None


def _text(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(shown, line, 1, _("not valid UTF-8 (save the file as UTF-8)"))]) from None
    if "\x00" in text:
        raise DataError([Problem(shown, 1, 1, _("not a text file"))])
    return text


def _front_matter(text: str, shown: str) -> str:
    """The front matter of a page, with its opening `---` (a YAML document start), so lines keep their numbers."""
    lines = text.split("\n")
    if lines[0].rstrip("\r").rstrip() != "---":
        raise DataError([Problem(shown, 1, 1, _("a framework page starts with its front matter: a '---' line, the YAML, "
                                                   "then another '---' line"))])
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r").rstrip() in ("---", "..."):
            return "\n".join(lines[:i]) + "\n"
    raise DataError([Problem(shown, 1, 1, _("the front matter has no closing '---' line"))])


# --- a framework page's YAML -------------------------------------------------------------------


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _from_document(doc: Document, stem: str, reserved) -> Framework:
    data = doc.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise DataError([doc.problem((), _("expected the framework's keys (levels, topics), found no mapping"))])
    levels = data.get("levels")
    if "levels" not in data:
        problems.append(doc.problem((), _("no 'levels': say how many levels the framework has, e.g. levels: 4")))
        levels = None
    elif type(levels) is not int or not MIN_LEVELS <= levels <= MAX_LEVELS:
        problems.append(doc.problem(("levels",), _("levels: should be a whole number from {low} to {high}").format(
            low=MIN_LEVELS, high=MAX_LEVELS)))
        levels = None
    title = data.get("title")
    if "title" in data and not _is_text(title):
        problems.append(doc.problem(("title",), _("title: should be text")))
    topics_data = data.get("topics")
    if not isinstance(topics_data, list) or not topics_data:
        problems.append(doc.problem(("topics",) if "topics" in data else (),
                                    _("topics: should be a list of topics, each with a name, a title and its content by level")))
        raise DataError(problems)
    if len(topics_data) > MAX_TOPICS:
        raise DataError(problems + [doc.problem(("topics",), _("more than {n} topics; split the framework").format(n=MAX_TOPICS))])
    topics: list[Topic] = []
    seen: dict[str, tuple] = {}
    for i, entry in enumerate(topics_data):
        topic = _topic(doc, ("topics", i), entry, levels, problems, reserved)
        if topic is None:
            continue
        if topic.id in seen:
            where = ("topics", i, "name") if isinstance(entry, dict) and "name" in entry else ("topics", i, "title")
            first = doc.where(seen[topic.id])
            problems.append(doc.problem(where, _("topic '{title}' repeats the topic at line {line} (both are '{id}'); "
                                                 "give each topic its own name").format(title=topic.title, line=first[0], id=topic.id)))
            continue
        seen[topic.id] = ("topics", i)
        topics.append(topic)
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line, p.col)))
    return Framework(title.strip() if _is_text(title) else stem, doc.path, levels, ("",) * levels, tuple(topics))


def _topic(doc: Document, loc: tuple, entry, levels: int | None, problems: list[Problem], reserved) -> Topic | None:
    if not isinstance(entry, dict):
        problems.append(doc.problem(loc, _("a topic should be a mapping with a name, a title and its content")))
        return None
    name, title = entry.get("name"), entry.get("title")
    bad = False
    for key, value in (("name", name), ("title", title)):
        if key in entry and not _is_text(value):
            problems.append(doc.problem(loc + (key,), _("{key}: should be text").format(key=key)))
            bad = True
    if not _is_text(name) and not _is_text(title):
        if not bad:
            problems.append(doc.problem(loc, _("a topic needs a name or a title")))
        return None
    shown = (title if _is_text(title) else name).strip()
    content = entry.get("content")
    if not isinstance(content, list) or not content:
        problems.append(doc.problem(loc + ("content",) if "content" in entry else loc,
                                    _("topic '{title}': content should list its levels, each as {{level, criteria}}").format(title=shown)))
        return None
    criteria: dict[int, tuple[str, ...]] = {}
    tried: set[int] = set()
    for j, item in enumerate(content):
        here = loc + ("content", j)
        if not isinstance(item, dict):
            problems.append(doc.problem(here, _("topic '{title}': each content entry should be {{level, criteria}}").format(title=shown)))
            continue
        level = item.get("level")
        if type(level) is not int or levels is not None and not 1 <= level <= levels:
            top = levels if levels is not None else MAX_LEVELS
            problems.append(doc.problem(here + ("level",) if "level" in item else here,
                                        _("topic '{title}': level should be a whole number from 1 to {top}").format(title=shown, top=top)))
            continue
        if level in tried:
            problems.append(doc.problem(here + ("level",), _("topic '{title}' lists level {level} twice").format(title=shown, level=level)))
            continue
        tried.add(level)
        lines = _criteria(doc, here + ("criteria",), item.get("criteria"), shown, level, problems)
        if lines is not None:
            criteria[level] = lines
    if levels is not None:
        missing = [str(k) for k in range(1, levels + 1) if k not in tried]
        if missing:
            problems.append(doc.problem(loc + ("content",), _(
                "topic '{title}' has no criteria for level {missing}; the framework has {levels} levels and every topic "
                "needs criteria at each (write what that level asks, even when it repeats the level below)").format(
                title=shown, missing=", ".join(missing), levels=levels), key=True))
    return Topic(topic_id(name if _is_text(name) else title, reserved), shown, criteria)


def _criteria(doc, loc, value, title, level, problems) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        problems.append(doc.problem(loc, _("topic '{title}', level {level}: no criteria; list what the level asks for").format(title=title, level=level)))
        return None
    out = []
    for k, item in enumerate(value):
        if not _is_text(item):
            problems.append(doc.problem(loc + (k,), _("topic '{title}', level {level}: a criterion should be text (quote it)").format(
                title=title, level=level)))
            return None
        out.append(" ".join(item.split()))
    if len("\n".join(out)) > MAX_TEXT:
        problems.append(doc.problem(loc, _("topic '{title}', level {level}: the criteria run past {n} characters; shorten them").format(
            title=title, level=level, n=MAX_TEXT)))
        return None
    return tuple(out)


# --- spreadsheets --------------------------------------------------------------------------------


def _csv_rows(path, shown: str) -> list[list[str]]:
    text = _text(_read(path, shown, MAX_SHEET_BYTES), shown)
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    sep = max(counts, key=lambda d: (counts[d], d == ","))
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep if counts[sep] else ",", strict=True)
    try:
        for cells in reader:
            rows.append([c.strip() for c in cells])
    except csv.Error as exc:
        raise DataError([RowProblem(shown, reader.line_num, 0, _("not readable as CSV: {error}").format(error=exc))]) from None
    return rows


def _workbook(path, shown: str):
    """(matrix rows, roles rows or None, the matrix sheet's name) of an .xlsx workbook."""
    try:
        import openpyxl
    except ImportError:
        from ..exits import NO_INPUT, Fail

        raise Fail(_("reading .xlsx needs openpyxl: pip install 'pmladder[xlsx]', or save the sheet as CSV (UTF-8)"), NO_INPUT) from None
    raw = _read(path, shown, MAX_SHEET_BYTES)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file, whatever the library says
        raise DataError([RowProblem(shown, 1, 0, _("not a readable .xlsx workbook ({error})").format(error=type(exc).__name__))]) from None
    try:
        sheets = {ws.title: ws for ws in book.worksheets}
        roles_name = next((name for name in sheets if name.strip().lower() == "roles"), None)
        matrix_name = next((name for name in sheets if name != roles_name), None)
        if matrix_name is None:
            raise DataError([RowProblem(shown, 1, 0, _("the workbook has no sheet with the competency matrix"))])

        def rows(ws):
            out = []
            for values in ws.iter_rows(values_only=True, max_col=64):
                out.append([_cell(v) for v in values])
                if len(out) > 5000:
                    break
            return out

        return rows(sheets[matrix_name]), (rows(sheets[roles_name]) if roles_name else None), matrix_name
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _lines(cell: str) -> tuple[str, ...]:
    return tuple(" ".join(BULLET.sub("", line).split()) for line in cell.splitlines() if BULLET.sub("", line).strip())


def _skip(cells: list[str]) -> bool:
    return not any(cells) or cells[0].startswith("#")


def _from_matrix(rows: list[list[str]], shown: str, stem: str, reserved) -> Framework:
    """One row a competency, one column a level: the header names the levels, a cell holds that level's criteria."""
    if not rows or not any(rows[0]):
        raise DataError([RowProblem(shown, 1, 0, _("the sheet is empty; its first row names the levels: competency, then one column a level"))])
    header = rows[0]
    while header and not header[-1]:
        header = header[:-1]
    names = header[1:]
    problems: list[Problem] = []
    if not MIN_LEVELS <= len(names) <= MAX_LEVELS:
        raise DataError([RowProblem(shown, 1, 0, _("the first row names {n} levels; a framework has {low} to {high}: a column "
                                                    "for the competency, then one a level").format(n=len(names), low=MIN_LEVELS, high=MAX_LEVELS))])
    seen_names: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            problems.append(RowProblem(shown, 1, 0, _("column {n} has no level name in the first row").format(n=i + 2)))
        elif name.lower() in seen_names:
            problems.append(RowProblem(shown, 1, 0, _("the level name appears twice (columns {first} and {n})").format(
                first=seen_names[name.lower()] + 2, n=i + 2), name))
        else:
            seen_names[name.lower()] = i
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if _skip(cells):
            continue
        title = cells[0]
        if not title:
            problems.append(RowProblem(shown, number, 0, _("the row has criteria but no competency in its first cell")))
            continue
        if len(topics) >= MAX_TOPICS:
            problems.append(RowProblem(shown, number, 0, _("more than {n} topics; split the framework").format(n=MAX_TOPICS)))
            break
        extra = [c for c in cells[len(names) + 1:] if c]
        if extra:
            problems.append(RowProblem(shown, number, 0, _("the row has more cells than the first row has levels"), title))
        criteria: dict[int, tuple[str, ...]] = {}
        for level, name in enumerate(names, start=1):
            lines = _lines(cells[level]) if level < len(cells) else ()
            if not lines:
                problems.append(RowProblem(shown, number, 0, _("no criteria for level {level} ({name}); every competency needs "
                                                                "criteria at each level").format(level=level, name=name), title))
            elif len("\n".join(lines)) > MAX_TEXT:
                problems.append(RowProblem(shown, number, 0, _("the criteria for level {level} run past {n} characters; shorten them").format(
                    level=level, n=MAX_TEXT), title))
            else:
                criteria[level] = lines
        topic = Topic(topic_id(title, reserved), " ".join(title.split()), criteria)
        if topic.id in seen:
            problems.append(RowProblem(shown, number, 0, _("repeats the competency of row {row} (both are '{id}'); give each its own "
                                                            "name").format(row=seen[topic.id], id=topic.id), title))
            continue
        seen[topic.id] = number
        topics.append(topic)
    if not topics and not problems:
        problems.append(RowProblem(shown, 1, 0, _("no competencies: list one a row under the first row")))
    if problems:
        raise DataError(problems)
    return Framework(stem, shown, len(names), tuple(names), tuple(topics))


ROLE_COLUMNS = ("title", "level", "min_years", "certificates", "next")
_YEARS = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{1,2})?")
MAX_YEARS = 50


def _with_roles(framework: Framework, rows: list[list[str]], shown: str) -> Framework:
    """The roles sheet: one row a title, bottom to top, at a level of the matrix."""
    if not rows or not any(rows[0]):
        raise DataError([RowProblem(shown, 1, 0, _("the roles sheet is empty; its first row names the columns: {columns}").format(
            columns=", ".join(ROLE_COLUMNS)))])
    header = [c.strip().lower() for c in rows[0]]
    problems: list[Problem] = []
    col: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            continue
        if name not in ROLE_COLUMNS:
            problems.append(RowProblem(shown, 1, 0, _("unknown column; the columns are {columns}").format(columns=", ".join(ROLE_COLUMNS)), rows[0][i]))
        elif name in col:
            problems.append(RowProblem(shown, 1, 0, _("the column appears twice"), rows[0][i]))
        else:
            col[name] = i
    for need in ("title", "level"):
        if need not in col:
            problems.append(RowProblem(shown, 1, 0, _("no '{column}' column; the columns are {columns}").format(column=need, columns=", ".join(ROLE_COLUMNS))))
    if problems:
        raise DataError(problems)
    by_name = {name.strip().lower(): k for k, name in enumerate(framework.level_names, start=1) if name}
    roles: list[Role] = []
    titles: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if _skip(cells):
            continue

        def get(name: str) -> str:
            i = col.get(name)
            return cells[i] if i is not None and i < len(cells) else ""

        title = " ".join(get("title").split())
        if not title:
            problems.append(RowProblem(shown, number, 0, _("no title"), "title"))
            continue
        if title.lower() in titles:
            problems.append(RowProblem(shown, number, 0, _("'{title}' repeats the title of row {row}").format(title=title, row=titles[title.lower()]), "title"))
            continue
        titles[title.lower()] = number
        text = get("level").strip()
        level = int(text) if text.isdigit() and len(text) <= 2 else by_name.get(text.lower())
        if level is None or not 1 <= level <= framework.levels:
            problems.append(RowProblem(shown, number, 0, _("'{value}' is not a level of the matrix: a number from 1 to {top} or a "
                                                            "level's name").format(value=text, top=framework.levels), "level"))
            continue
        years = None
        text = get("min_years").strip()
        if text:
            if not _YEARS.fullmatch(text) or float(text.replace(",", ".")) > MAX_YEARS:
                problems.append(RowProblem(shown, number, 0, _("'{value}' is not a number of years from 0 to {most}").format(
                    value=text[:24], most=MAX_YEARS), "min_years"))
                continue
            years = float(text.replace(",", "."))
        certs = tuple(c.strip() for c in re.split(r"[;,]", get("certificates")) if c.strip())
        nxt = get("next")
        after = None if "next" not in col else tuple(t for t in (" ".join(x.split()) for x in re.split(r"[;]", nxt)) if t)
        roles.append(Role(title, level, years, certs, after, number))
    if not roles and not problems:
        problems.append(RowProblem(shown, 1, 0, _("no roles: list one a row under the first row")))
    problems += _role_links(roles, shown)
    if problems:
        raise DataError(problems)
    return Framework(framework.title, framework.source, framework.levels, framework.level_names, framework.topics, tuple(roles), shown)


def next_roles(roles: tuple[Role, ...] | list[Role]) -> dict[str, list[Role]]:
    """Each role's titles directly above: its `next`, else the role of the row below it."""
    by_title = {r.title.lower(): r for r in roles}
    out: dict[str, list[Role]] = {}
    for i, role in enumerate(roles):
        if role.next is None:
            out[role.title] = [roles[i + 1]] if i + 1 < len(roles) else []
        else:
            out[role.title] = [by_title[t.lower()] for t in role.next if t.lower() in by_title]
    return out


def _role_links(roles: list[Role], shown: str) -> list[Problem]:
    """`next` names roles of the sheet, and never goes down a level or to fewer years."""
    problems: list[Problem] = []
    by_title = {r.title.lower(): r for r in roles}
    for role in roles:
        for t in role.next or ():
            if t.lower() not in by_title:
                problems.append(RowProblem(shown, role.row, 0, _("'{title}' is not a title of this sheet").format(title=t), "next"))
            elif by_title[t.lower()] is role:
                problems.append(RowProblem(shown, role.row, 0, _("a role cannot lead to itself"), "next"))
    if problems:
        return problems
    for role in roles:
        for up in next_roles(roles)[role.title]:
            if up.level < role.level:
                problems.append(RowProblem(shown, up.row, 0, _("'{title}' sits above '{below}' (row {row}) but at a lower level").format(
                    title=up.title, below=role.title, row=role.row), "level"))
            if (role.min_years or 0) > (up.min_years or 0):
                problems.append(RowProblem(shown, up.row, 0, _("'{title}' sits above '{below}' (row {row}) but asks fewer years").format(
                    title=up.title, below=role.title, row=role.row), "min_years"))
    return problems
