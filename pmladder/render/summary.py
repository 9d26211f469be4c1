"""The plan in short (views/summary.py) drawn: a panel on the terminal, a section of Markdown, a JSON object.

Computes nothing: every line is the summary's own. Text from files goes through `text.safe` (a Rich
Text with controls made visible; Markdown escaped on one line).
"""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from .. import words as w
from ..text.safe import md_cell as md
from ..text.safe import text as t


def summary_panel(s) -> Panel:
    """At most about 15 lines at 80 columns: the title, the next one and when, three items, where the plan is."""
    from .report import hanging

    parts: list = [t(s.headline, "bold yellow" if s.borderline else "bold"), t(s.next_line)]
    if s.items:
        parts.append(Text(w.matters_heading(s.confirming), style="bold"))
        parts.append(hanging([item.text for item in s.items], " \u2022"))
    parts.append(t(s.where_line, "dim"))
    return Panel(Group(*parts), title=Text(w.summary_heading(), style="bold"), title_align="left",
                 border_style="yellow" if s.borderline or s.plan.assessment.best is None else "cyan")


def print_summary(console, s) -> None:
    console.print(summary_panel(s))


def summary_section(s, level: int = 2) -> list[str]:
    """The summary as Markdown blocks: a heading, the lines, the items as a list."""
    blocks = ["#" * level + " " + w.summary_heading(), md(s.headline), md(s.next_line)]
    if s.items:
        blocks.append(md(w.matters_heading(s.confirming)))
        blocks.append("\n".join("- " + md(item.text) for item in s.items))
    blocks.append(md(s.where_line))
    return blocks


def summary_markdown(s) -> str:
    """`--brief --format markdown`: the summary alone, as a document (one H1)."""
    return "\n\n".join(summary_section(s, 1)) + "\n"


def summary_document(s) -> dict:
    """`--brief --format json`: the summary object alone, with the schema version of the plan."""
    from ..views.plan_data import PLAN_SCHEMA
    from ..views.summary import summary_json

    return {"schema_version": PLAN_SCHEMA, "summary": summary_json(s)}
