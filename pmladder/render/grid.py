"""The grid (`show --grid`: requirements x titles) and the difference between two titles (`show --diff A B`),
drawn for the terminal, in Markdown and as JSON. `views/grid.py` computes both; this module only draws them.

A long ladder is split into several tables, each repeating the requirement column: in the terminal as many
titles as fit the width (no line wider), in Markdown at most `MD_COLUMNS` titles; a new table starts where a
pathway (track) starts. Every text from a ladder file is escaped for its medium (`text/safe.py`).
"""

from __future__ import annotations

from .. import words as w
from ..text.safe import md_cell as md
from ..text.safe import text as t
from ..views.grid import STRICTER, Diff, Grid

MARKS = {"new": "\u2191", "rises": "\u2191", "eases": "\u2193", "changes": "\u2260"}  # ↑ ↓ ≠
DROPPED = "\u2193"
MD_COLUMNS = 5  # titles in one Markdown table
GAP = 2  # cells between two columns of a terminal table


def legend() -> str:
    return w._("\u2191 asked for the first time or more than at the title before; \u2193 less, or no longer asked; "
               "\u2260 asked differently. A gate must be met in full.")


def after_note(grid: Grid, i: int) -> str | None:
    """'after X' under a title whose way in is not the title just left of it (a branch, a pathway)."""
    col = grid.columns[i]
    left = grid.columns[i - 1].id if i else None
    if not col.after or list(col.after) == [left]:
        return None
    titles = {c.id: c.title for c in grid.columns}
    return w._("after {titles}").format(titles=w.options_text([titles[a] for a in col.after if a in titles]))


def chunks(grid: Grid, fits) -> list[list[int]]:
    """The column indexes of each table: a new table where a pathway starts, or when `fits(chunk)` fails."""
    out: list[list[int]] = []
    group = None
    for i, col in enumerate(grid.columns):
        starts = col.group is not None and group is not None and col.group != group
        if out and not starts and fits(out[-1] + [i]):
            out[-1].append(i)
        else:
            out.append([i])
        group = col.group if col.group is not None else group
    return out


def rows_in(grid: Grid, chunk: list[int]) -> list:
    ids = {grid.columns[i].id for i in chunk}
    return [row for row in grid.rows if ids & (set(row.cells) | set(row.dropped))]


def caption(grid: Grid, chunk: list[int]) -> str | None:
    groups = [grid.columns[i].group for i in chunk]
    names = list(dict.fromkeys(grid.groups[g] for g in groups if g is not None and g in grid.groups))
    return w._("Pathway: {names}").format(names=w.listing(names)) if names else None


def cell_text(row, col_id: str) -> tuple[str, str | None]:
    """(the value shown, its mark or None): the value, or '' for a requirement the level does not ask for."""
    cell = row.cells.get(col_id)
    if cell is None:
        return ("", DROPPED) if col_id in row.dropped else ("", None)
    return cell.text, MARKS.get(cell.change)


# --- the terminal ---------------------------------------------------------------------------------


class GridTables:
    """The grid as tables that fit the console's width: ids and words kept whole where they fit, folded where not."""

    def __init__(self, grid: Grid):
        self.grid = grid

    def __rich_console__(self, console, options):
        from rich.table import Table
        from rich.text import Text

        from ..text.layout import longest_word, share, widest_line
        from ..text.safe import visible

        grid, width = self.grid, max(options.max_width, 20)
        short = max(12, width // 4)  # a text this wide or less is kept on one line when it can be (Chinese has no words)

        def least_of(texts, cap):
            whole = [longest_word(x) for x in texts] + [widest_line(x) for x in texts if widest_line(x) <= short]
            return max(4, min(max(whole), cap))

        head = w._("Requirement")
        labels = [visible(row.name) for row in grid.rows] + [head]
        label_least = least_of(labels, width // 3)
        label_most = max(label_least, min(max(widest_line(x) for x in labels), width // 3))
        texts = []
        for i, col in enumerate(grid.columns):
            note = after_note(grid, i)
            shown = [visible(col.title)] + ([visible(note)] if note else [])
            for row in grid.rows:
                value, mark = cell_text(row, col.id)
                shown.append(visible(value) + (" " + mark if mark else "") if value else (mark or ""))
            texts.append(shown)
        room = width - label_least - GAP
        least = [least_of(col, room) for col in texts]
        most = [max(widest_line(x) for x in col) for col in texts]
        most = [max(a, b) for a, b in zip(least, most)]

        def fits(chunk):
            return label_least + sum(least[i] + GAP for i in chunk) <= width

        for n, chunk in enumerate(chunks(grid, fits)):
            if n:
                yield Text("")
            cap = caption(grid, chunk)
            if cap:
                yield t(cap, "bold blue")
            widths = share([label_least] + [least[i] for i in chunk], [label_most] + [most[i] for i in chunk], width - GAP * len(chunk))
            table = Table(show_edge=False, pad_edge=False, box=None, show_header=True, header_style="bold", padding=(0, 1))
            table.add_column(head, width=widths[0], overflow="fold", style="")
            for k, i in enumerate(chunk):
                table.add_column(width=widths[k + 1], overflow="fold")
            heads = [Text(head, style="bold")]
            for i in chunk:
                title = t(grid.columns[i].title, "bold")
                note = after_note(grid, i)
                if note:
                    title.append("\n")
                    title.append_text(t(note, "dim"))
                heads.append(title)
            for col, h in zip(table.columns, heads):
                col.header = h
            for row in rows_in(grid, chunk):
                cells = [t(row.name)]
                for i in chunk:
                    value, mark = cell_text(row, grid.columns[i].id)
                    risen = row.cells.get(grid.columns[i].id) is not None and row.cells[grid.columns[i].id].change in STRICTER
                    cell = t(value, "bold" if risen else "")
                    if mark:
                        cell.append((" " if value else "") + mark, style="bold green" if risen else "yellow")
                    cells.append(cell)
                table.add_row(*cells)
            yield table


def print_grid(console, grid: Grid) -> None:
    from rich.text import Text

    title = t(grid.name, "bold")
    title.append_text(t(f"  ({grid.ladder})", "dim"))
    console.print(title)
    console.print(Text(w._("What each title asks for, from the bottom of the ladder:"), style="dim"))
    console.print(GridTables(grid))
    console.print(Text(legend(), style="dim"))


def print_diff(console, d: Diff) -> None:
    from rich.text import Text

    from .terminal import bullets

    head = t(diff_heading(d), "bold")
    head.append_text(t(f"  ({d.ladder})", "dim"))
    console.print(head)
    for label, items in sections(d):
        if items:
            console.print(Text(counted(label, items), style="bold"))
            console.print(bullets(items, mark="  \u2022 "))
    console.print(Text(same_line(d), style="dim"))


# --- what the sections say, one rule for the terminal and Markdown ---------------------------------------


def sections(d: Diff) -> list[tuple[str, list[str]]]:
    def to(c):
        return w._("{name}: {value}").format(name=c.name, value=c.after)

    def moved(c):
        return w._("{name}: {before} \u2192 {after}").format(name=c.name, before=c.before, after=c.after)

    def was(c):
        return w._("{name} (was {value})").format(name=c.name, value=c.before)

    return [
        (w._("New"), [to(c) for c in d.new]),
        (w._("Rises"), [moved(c) for c in d.rises]),
        (w._("Eases"), [moved(c) for c in d.eases]),
        (w._("Asked differently"), [moved(c) for c in d.changes]),
        (w._("No longer asked"), [was(c) for c in d.dropped]),
    ]


def diff_heading(d: Diff) -> str:
    """`From Project Manager to Senior PM`; two titles on different pathways are set side by side, not as a step."""
    if d.step:
        return w._("From {low} to {high}").format(low=d.low.title, high=d.high.title)
    return w._("{low} beside {high} (different pathways, not a step up)").format(low=d.low.title, high=d.high.title)


def counted(label: str, items: list) -> str:
    """A section's heading with how many it lists: `Rises (15)`."""
    return w._("{section} ({n})").format(section=label, n=len(items))


def same_line(d: Diff) -> str:
    if not (d.new or d.rises or d.eases or d.changes or d.dropped):
        return w._("Both titles ask for the same.")
    return w._("Unchanged: {n}").format(n=len(d.same))


# --- Markdown ---------------------------------------------------------------------------------------


def _md_cell(row, col_id: str) -> str:
    value, mark = cell_text(row, col_id)
    if not value:
        return mark or ""
    cell = row.cells[col_id]
    shown = f"**{md(value)}**" if cell.change in STRICTER else md(value)
    return f"{shown} {mark}" if mark else shown


def grid_blocks(doc, grid: Grid, level: int = 2) -> None:
    """The grid's tables (at most MD_COLUMNS titles each, a new one where a pathway starts) and the legend, into `doc`."""
    for chunk in chunks(grid, lambda c: len(c) <= MD_COLUMNS):
        cap = caption(grid, chunk)
        if cap:
            doc.para(f"**{md(cap)}**")
        heads = [w._("Requirement")]
        for i in chunk:
            note = after_note(grid, i)
            heads.append(md(grid.columns[i].title) + (f" ({md(note)})" if note else ""))
        rows = [[md(row.name)] + [_md_cell(row, grid.columns[i].id) for i in chunk] for row in rows_in(grid, chunk)]
        doc.table(heads, rows)
    doc.para(md(legend()))


def grid_markdown(grid: Grid) -> str:
    from .markdown import Doc

    doc = Doc()
    doc.heading(1, md(grid.name))
    doc.para(md(w._("What each title asks for, from the bottom of the ladder:")))
    grid_blocks(doc, grid)
    return doc.render()


def diff_markdown(d: Diff) -> str:
    from .markdown import Doc

    doc = Doc()
    doc.heading(1, md(diff_heading(d)))
    doc.para(md(d.name))
    for label, items in sections(d):
        if items:
            doc.heading(2, md(counted(label, items)))
            doc.bullets(md(item) for item in items)
    doc.para(md(same_line(d)))
    return doc.render()
