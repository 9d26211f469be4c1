"""Spreadsheets: the cells a team report could not read, and the team template's explanations."""

from __future__ import annotations

from ..engine.types import EDUCATION, tr
from . import _, amount, listing


def cells_summary(cells: int, people: int) -> str:
    """`4 cells in 3 people's rows could not be read; see the end.`"""
    what = _("1 cell") if cells == 1 else _("{n} cells").format(n=cells)
    whose = _("1 person's row") if people == 1 else _("{n} people's rows").format(n=people)
    return _("{cells} in {whose} could not be read and are counted as not answered; they are listed at the end ({heading}).").format(
        cells=what, whose=whose, heading=cells_heading())


def cells_heading() -> str:
    return _("Cells not read")


def cells_note() -> str:
    return _("Each of these answers is counted as not answered; the person is in every figure above. Correct the cell and run again.")


def cell_line(note) -> str:
    """`Ana Lima, row 4, years_managing: '5 yeras' not read (a number from 0 to 50 years)`."""
    return _("{person}, row {row}, {column}: '{value}' not read ({expected})").format(
        person=note.person, row=note.row, column=note.column, value=note.value, expected=note.expected)


def no_openpyxl(install: str) -> str:
    return _("reading .xlsx workbooks needs the openpyxl package, which is not installed; install it with: {command} "
             "(or save the sheet as CSV UTF-8)").format(command=install)


def no_openpyxl_template(install: str) -> str:
    return _("writing an .xlsx template needs the openpyxl package, which is not installed; install it with: {command} "
             "(or use --template csv)").format(command=install)


# --- the template ----------------------------------------------------------------------------------


def answers_sheet() -> str:
    return _("Answers")


def how_sheet() -> str:
    return _("How to fill in")


def how_intro() -> str:
    return _("One row a person on the sheet '{sheet}'. Leave a cell empty (or write N/A) when the answer is not known: "
             "it is never counted as 0. A cell that cannot be read is reported with the person's name and left unanswered.").format(
        sheet=answers_sheet())


def how_columns() -> tuple[str, str]:
    return _("Column"), _("What to write")


def column_help(column: str) -> str:
    return {
        "name": _("The person's name, as the report should show it."),
        "education": _("Highest completed education: {values} (words such as MBA, BSc, PhD or high school are read too).").format(
            values=listing(EDUCATION)),
        "certifications": _("Certificates held, by id or name (PMP, PRINCE2 Practitioner), separated by ; or /. "
                            "Write none when none are held; leave it empty if not known."),
        "other_certifications": _("Other certificates, by name, separated by ;. Shown in the report, never counted."),
        "current_title": _("The person's job title today, as HR has it: a level's id, title or number on this ladder. "
                           "The roster compares it with where the answers place them."),
        "department": _("The person's department, for --by department."),
        "manager": _("The person's line manager, for --by manager."),
        "reviewer": _("Who gave the review: columns (a manager or mentor). Leave the review: columns empty when there is no review."),
        "reviewed_on": _("The day of the review, as 2026-11-30; empty: the day of the assessment."),
    }[column]


def review_help(name: str, key: str) -> str:
    """`review:risk`: the reviewer's rating, on the scale the person's own column explains."""
    return _("{name} as the reviewer rates it, on the same scale as the {key} column.").format(name=name, key=key)


def fact_help(fact, lang=None) -> str:
    """`How many years ... A number from 0 to 50 years ("5 years" is read too).`"""
    return _("{question} A number from 0 to {most} (for example 5 or '{example}').").format(
        question=tr(fact, "question", lang), most=amount(fact.max, fact.unit), example=amount(5, fact.unit))


def skill_help(comp, lang=None) -> str:
    return _("{name}: a rating from 0 to {top}, as below.").format(name=tr(comp, "name", lang), top=comp.top)


def rating_line(key: str, rating: int, meaning: str) -> str:
    """One line of the CSV template: `risk 3: Runs risk reviews ...`."""
    return _("{key} {rating}: {meaning}").format(key=key, rating=rating, meaning=meaning)


def asked_for(levels: list[tuple[str, int]]) -> str:
    """`This ladder asks for 3 at Senior Project Manager, 4 at PMO Manager.`"""
    return _("This ladder asks for {list}.").format(list=listing(_("{n} at {title}").format(n=n, title=t) for t, n in levels))


def template_example_note() -> str:
    return _("The example row under the header is skipped, as its first cell starts with '#': delete it, or make it a real row.")
