"""Workbooks (.xlsx) as HR systems export them, read with openpyxl (the optional extra `pmladder[xlsx]`).

A workbook is a zip of XML parts, and files come from anyone, so before openpyxl sees one it is
read as a regular file of at most MAX_XLSX_BYTES, opened as a zip, and refused when its parts
unpack to more than MAX_UNPACKED bytes (a zip bomb) or it is no workbook at all. openpyxl then
reads it in read-only mode with the values a spreadsheet program last saved (`data_only`):
no formula is ever evaluated, and a formula cell without a saved value is not answered. At
most MAX_ROWS rows and MAX_COLUMNS columns are read, whatever the sheet claims its size is,
and a cell gives at most `cells.MAX_CELL` characters. Any failure of the file is one
`RowProblem` (the file is then skipped, exit 65), never a traceback.

Cells arrive as Excel types and leave as the text a CSV cell would hold, so one reader
(`team.read_table`) handles both: a whole number as `5`, a decimal as `3.5`, a date as
`2026-03-01`, TRUE/FALSE as yes/no.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import zipfile

from .cells import MAX_CELL
from .team import RowProblem, read_bytes, read_table
from .yamlsafe import DataError

XLSX_SUFFIX = ".xlsx"
MAX_XLSX_BYTES = 32 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024  # bytes all parts of a workbook may unpack to
MAX_PARTS = 10_000
MAX_ROWS = 100_000  # people in one sheet
MAX_COLUMNS = 1_000
INSTALL = "pip install 'pmladder[xlsx]'"


def available() -> bool:
    """Whether openpyxl can be imported (reading and writing .xlsx needs it)."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def _problem(shown: str, message: str, row: int = 1) -> DataError:
    return DataError([RowProblem(shown, row, 0, message)])


def open_workbook(raw: bytes, shown: str):
    """An openpyxl workbook (read-only, saved values) from the bytes of a file; DataError when it is none."""
    from ..words import _

    not_one = _("not a readable .xlsx workbook (save it from the spreadsheet program as Excel Workbook .xlsx, or as CSV UTF-8)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise _problem(shown, _("the workbook unpacks to more than {n} MiB: not read").format(n=MAX_UNPACKED // 2**20))
            if "[Content_Types].xml" not in zf.namelist():
                raise _problem(shown, not_one)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _problem(shown, not_one) from None
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of features it does not read (validation, styles)
            return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 - any failure of a hostile file is one message
        raise _problem(shown, not_one) from None


def pick_sheet(book, sheet: str | None, shown: str):
    """The first sheet, or the one named (by name, any case, or by number from 1)."""
    from ..words import _, listing

    names = list(book.sheetnames)
    if not names:
        raise _problem(shown, _("the workbook has no sheet"))
    if sheet is None:
        return book[names[0]]
    text = sheet.strip()
    if text.isdigit() and 1 <= int(text) <= len(names):
        return book[names[int(text) - 1]]
    for name in names:
        if name.casefold() == text.casefold():
            return book[name]
    raise _problem(shown, _("the workbook has no sheet '{sheet}'; its sheets: {names}").format(
        sheet=sheet, names=listing(f"{i}. {n}" for i, n in enumerate(names, 1))))


def text_of(value) -> str:
    """An Excel value as the text of a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**18 else "9" * 19  # never a huge number as text (the reader refuses it)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "?"
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (_dt.time, _dt.timedelta)):
        return str(value)
    return str(value)[:MAX_CELL]


def read_xlsx(path: str, shown: str, vocab, sheet: str | None = None) -> list:
    """Every row of a workbook's sheet as a profile (as `team.read_csv`); DataError when the file itself is unusable."""
    from ..words import _

    raw = read_bytes(path, shown, MAX_XLSX_BYTES)
    book = open_workbook(raw, shown)
    try:
        ws = pick_sheet(book, sheet, shown)
        claimed = getattr(ws, "max_row", None)  # the sheet's own claim of its size (read, never allocated)
        if isinstance(claimed, int) and claimed > MAX_ROWS + 1:
            raise _problem(shown, _("the sheet has more than {n} rows: split it into several files").format(n=MAX_ROWS), MAX_ROWS + 2)
        try:
            header_row = next(ws.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
            header = [text_of(v) for v in header_row]
            while header and not header[-1].strip():
                header.pop()
            if not header:
                raise _problem(shown, _("the sheet is empty"))
            width = len(header)
            rows = list(ws.iter_rows(min_row=2, max_row=MAX_ROWS + 2, max_col=width, values_only=True))
        except DataError:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet is one message
            raise _problem(shown, _("not a readable .xlsx workbook (save it from the spreadsheet program as Excel Workbook .xlsx, or as CSV UTF-8)")) from None
    finally:
        book.close()
    while rows and not any(v not in (None, "") for v in rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise _problem(shown, _("the sheet has more than {n} rows: split it into several files").format(n=MAX_ROWS), MAX_ROWS + 2)
    records = ((n, [text_of(v) for v in cells]) for n, cells in enumerate(rows, 2))
    return read_table(shown, header, records, vocab)


def template_xlsx(vocab, uses=None, example: dict | None = None, ladder=None, lang: str | None = None) -> bytes:
    """A team workbook: the sheet of answers (the header and the example row of the CSV template) and a second
    sheet "How to fill in" explaining each column and, for each competency, what each rating means on this ladder."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ..text.safe import visible
    from ..words import sheet as ws
    from .team import template_help, template_rows

    rows = list(template_rows(vocab, uses, example))
    book = Workbook()
    answers = book.active
    answers.title = ws.answers_sheet()[:31]
    how = book.create_sheet(ws.how_sheet()[:31])

    def put(sheet, row: list[str], bold: bool = False) -> None:
        sheet.append([visible(v) for v in row])
        for c in sheet[sheet.max_row]:
            c.data_type = "s"  # text, never a formula, whatever it starts with
            if bold:
                c.font = Font(bold=True)

    put(answers, rows[0], bold=True)
    for row in rows[1:]:
        put(answers, row)
    answers.freeze_panes = "B2"
    for i, name in enumerate(rows[0], 1):
        answers.column_dimensions[answers.cell(1, i).column_letter].width = max(12, min(30, len(name) + 2))
    put(how, [ws.how_intro()])
    put(how, [ws.template_example_note()])
    put(how, [])
    put(how, list(ws.how_columns()), bold=True)
    header = set(rows[0])
    for column, what, lines in template_help(vocab, ladder, lang):
        if column in header:
            put(how, [column, what])
            for line in lines:
                put(how, ["", line])
    how.column_dimensions["A"].width = 24
    how.column_dimensions["B"].width = 100
    for row in how.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
