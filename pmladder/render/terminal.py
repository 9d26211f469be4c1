"""Rich output for people at a terminal.

Text from data files is always wrapped by `textsafe.text` (a `rich.text.Text` with control
and bidi characters made visible), never printed as a markup string.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..describe import issuer_note, items, short
from ..textsafe import text as t


def make_console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def bullets(lines, style: str = "", mark: str = "\u2022 ") -> Text:
    out = Text()
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
        out.append(mark, style="dim")
        out.append_text(t(line, style))
    return out


def ladders_table(rows: list[dict]) -> Table:
    table = Table(title="Ladders", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("levels", justify="right")
    table.add_column("loaded from", style="dim", overflow="fold")
    for row in rows:
        table.add_row(t(row["id"]), t(row["name"]), str(row["levels"]), t(row["source"]))
    return table


def level_title(ladder, level, lang: str | None) -> Text:
    """`Senior Project Manager  高级项目经理` with the other-language title beside it."""
    shown, other = level.title_pair(lang)
    out = t(shown, "bold")
    if other:
        out.append_text(t(f"  {other}", "dim" if lang else ""))
    return out


def _next_text(ladder, level, lang: str | None) -> Text:
    if not level.next:
        return Text("top of the ladder", style="dim")
    out = Text()
    for i, target in enumerate(level.next):
        if i:
            out.append(" | ", style="dim")
        out.append_text(t(ladder.level(target).title_in(lang), "green"))
    if len(level.next) > 1:
        out.append("  (branch: choose one)", style="dim")
    return out


def level_block(ladder, level, catalog, lang: str | None, number: int, *, detail: bool) -> Group:
    """A level as one header line and an indented body (plain Text: quick to render)."""
    head = Text(f"{number:>2}  ", style="bold magenta")
    head.append_text(level_title(ladder, level, lang))
    head.append_text(t(f"  {level.id}", "dim cyan"))
    body = t(level.text("summary", lang), "italic")
    comps = catalog.competencies_for(ladder)
    reqs = [i.text for i in items(level.requires, catalog, comps)] if detail else short(level.requires, catalog, comps)
    sections = [
        ("Does", level.text("responsibilities", lang), ""),
        ("Expected", level.text("expectations", lang), ""),
        ("Requires", reqs or ["nothing formal"], "yellow"),
        ("To get here", level.text("advice", lang) if detail else [], ""),
    ]
    for label, lines, style in sections:
        if lines:
            body.append(f"\n{label}\n", style="dim")
            body.append_text(bullets(lines, style, mark="  \u2022 "))
    body.append("\nNext: ", style="dim")
    body.append_text(_next_text(ladder, level, lang))
    return Group(head, Padding(body, (0, 0, 1, 4)))


def show_ladder(console: Console, loaded, catalog, lang: str | None, only: str | None) -> None:
    ladder = loaded.ladder
    header = Text()
    header.append_text(t(ladder.name_in(lang), "bold"))
    header.append_text(t(f"  ({ladder.id})", "dim"))
    header.append("\n")
    header.append_text(t(ladder.description))
    header.append("\nSource: ", style="dim")
    header.append_text(t(ladder.source, "dim"))
    header.append("\nLoaded from: ", style="dim")
    header.append_text(t(loaded.origin, "dim"))
    console.print(Panel(header, border_style="blue", expand=True))
    numbers = {lv.id: i + 1 for i, lv in enumerate(ladder.levels)}
    if only:
        level = ladder.level(only)
        console.print(level_block(ladder, level, catalog, lang, numbers[only], detail=True))
        return
    console.print(path_overview(ladder, lang))
    tier = None
    for level in ladder.levels:
        if level.tier != tier:
            tier = level.tier
            console.print(Rule(t(ladder.tier_name(tier, lang), "bold blue"), align="left", style="blue"))
        console.print(level_block(ladder, level, catalog, lang, numbers[level.id], detail=False))
    if ladder.advice:
        console.print(Rule(Text("Advice for climbing", style="bold blue"), align="left", style="blue"))
        console.print(bullets(ladder.advice))
    console.print(t(issuer_note(catalog), "dim"))


def path_overview(ladder, lang: str | None) -> Table:
    """One line a level: tier, title and where it leads, so branches are visible at a glance."""
    table = Table(title="The ladder, from the bottom", title_justify="left", show_edge=False, pad_edge=False, box=None)
    table.add_column("#", justify="right", style="magenta")
    table.add_column("tier", style="blue", no_wrap=True)
    table.add_column("title")
    table.add_column("leads to")
    for i, level in enumerate(ladder.levels, 1):
        table.add_row(str(i), t(ladder.tier_name(level.tier, lang)), t(level.title_in(lang), "bold"), _next_text(ladder, level, lang))
    return table
