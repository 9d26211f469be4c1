"""Rich output for people at a terminal.

Text from data files is always wrapped by `text.safe.text` (a `rich.text.Text` with control
and bidi characters made visible), never printed as a markup string. The console `make_console`
returns applies the same rule once more to whatever it draws (`Guard`), so a renderer that
forgets still cannot send an escape sequence or a bidi override to the terminal.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderHook
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .. import words as w
from ..engine.types import tr
from ..text.safe import text as t
from ..text.safe import unsafe, visible


class Guard(RenderHook):
    """The last guard: every text segment drawn is passed through `text.safe.visible` (Rich's own
    control segments, which carry its colours and cursor moves, pass as they are)."""

    def process_renderables(self, renderables):
        return [_Guarded(Fit(r) if isinstance(r, Table) else r) for r in renderables]


class _Guarded:
    def __init__(self, renderable):
        self.renderable = renderable

    def __rich_console__(self, console, options):
        for segment in console.render(self.renderable, options):  # isprintable(): the quick test for most segments
            if segment.control is None and not segment.text.isprintable() and unsafe(segment.text):
                yield Segment(visible(segment.text, keep_newlines=True), segment.style)
            else:
                yield segment


def fit_columns(table: Table, console, options, *, readable: int = 0) -> bool:
    """Give `table`'s columns widths that keep every run whole (text/wrap.py `units`), sharing the
    rest of the width fairly; False when even the narrowest such columns are wider than the room.
    A column with a `soft_max` attribute gets no more than that until the others have all they want.
    `readable`: the last column (a description) is at least this wide, when it has that much text."""
    from rich.measure import Measurement

    from ..text.layout import share

    columns = table.columns
    if not columns or any(c.width is not None for c in columns):  # widths chosen by its renderer
        return True
    least, most = [], []
    for column in columns:
        cells = [column.header, *column._cells] if table.show_header else list(column._cells)
        sizes = [Measurement.get(console, options, cell) for cell in cells if cell is not None]
        high = max((m.maximum for m in sizes), default=0)
        least.append(high if column.no_wrap else min(high, max([column.min_width or 0, *(m.minimum for m in sizes)])))
        most.append(high)
    least[-1] = max(least[-1], min(most[-1], readable))
    whole = [min(most[i], max([least[i]] + [_whole(cell) for cell in column._cells])) for i, column in enumerate(columns)]
    padding = sum(table._get_padding_width(i) for i in range(len(columns)))
    room = options.max_width - table._extra_width - padding
    if sum(most) <= room:
        return True
    if sum(least) > room:
        return False
    for i in sorted(range(len(columns)), key=lambda i: whole[i] - least[i]):  # Chinese clauses whole where there is room
        if sum(least) - least[i] + whole[i] <= room:
            least[i] = whole[i]
    soft = [getattr(column, "soft_max", None) for column in columns]  # no wider than this while another column wraps
    widths = share(least, [min(m, max(lo, s)) if s else m for m, lo, s in zip(most, least, soft)], room)
    extra = room - sum(widths)
    for i, s in enumerate(soft):
        if s and extra > 0:
            give = min(most[i] - widths[i], extra)
            widths[i] += give
            extra -= give
    for column, width in zip(columns, widths):
        column.width, column.ratio = width, None
    return True


def _whole(cell) -> int:
    from ..text.wrap import narrowest

    return max((narrowest(line, cap=None) for line in cell.plain.split("\n")), default=0) if isinstance(cell, Text) else 0


class Fit:
    """A table that keeps its words whole at any width: columns get at least their widest run (a path,
    an id, a Chinese clause; see text/wrap.py `units`) and share what is left; when even that is wider
    than the terminal, each row is shown as a block, its first cell as a heading and the others as
    `column: value` lines under it."""

    def __init__(self, table: Table):
        self.table = table

    def __rich_console__(self, console, options):
        if fit_columns(self.table, console, options):
            yield self.table
        else:
            yield from self.blocks(console, options)

    def blocks(self, console, options):
        table = self.table
        if table.title:
            yield table.title if not isinstance(table.title, str) else Text(table.title, style="bold")
        heads = [c.header for c in table.columns]
        for row in range(table.row_count):
            cells = [c._cells[row] for c in table.columns]
            yield cells[0] if not isinstance(cells[0], str) else Text(cells[0])
            lines = []
            for head, cell in zip(heads[1:], cells[1:]):
                value = cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else None
                if value is None:
                    yield Padding(cell, (0, 0, 0, 2))
                    continue
                if not value.strip():
                    continue
                label = head.plain if isinstance(head, Text) else str(head)
                line = Text(label + w.C_("label", ": ") if label.strip() else "", style="dim")
                line.append_text(cell if isinstance(cell, Text) else Text(cell))
                lines.append(line)
            if lines:
                yield Bullets([], mark="  ")._with(lines)
            if row + 1 < table.row_count:
                yield Text("")
        if table.caption:
            yield table.caption if not isinstance(table.caption, str) else Text(table.caption, style="dim")


class HelpTable(Table):
    """Typer's options and commands tables: option names and metavars whole, the help beside them at
    least 30 cells wide, else each option on a line of its own with its help indented under it."""

    def __rich_console__(self, console, options):
        if fit_columns(self, console, options, readable=30):
            yield from super().__rich_console__(console, options)
            return
        for row in range(self.row_count):
            cells = [c._cells[row] for c in self.columns]
            head = Text()
            for cell in cells[:-1]:
                part = cell if isinstance(cell, Text) else Text(str(cell))
                if part.plain.strip():
                    head.append_text(part) if not head.plain else head.append_text(Text("  ") + part)
            yield head
            yield Padding(cells[-1], (0, 0, 0, 4))


def make_console(*, stderr: bool = False, file=None, **options) -> Console:
    """A console on `file` (default: the process's stdout, or stderr with `stderr`); `options` as Rich's Console takes them."""
    from ..text.wrap import install_rich

    install_rich()  # Chinese breaks between characters, never inside a Latin word
    console = Console(stderr=stderr, file=file, highlight=False, markup=False, emoji=False, **options)
    console.push_render_hook(Guard())
    return console


class Bullets:
    """Lines as bullets with a hanging indent: a wrapped line continues under its text, not its mark."""

    def __init__(self, lines, style: str = "", mark: str = "\u2022 "):
        self.lines = [t(line, style) for line in lines]
        self.mark = mark

    def _with(self, lines: list[Text]) -> "Bullets":
        """These lines (already Text) in place of the ones given."""
        self.lines = list(lines)
        return self

    def __rich_console__(self, console, options):
        from rich.cells import cell_len

        indent = cell_len(self.mark)
        width = max(options.max_width - indent, 8)
        for line in self.lines:
            for i, part in enumerate(line.wrap(console, width)):
                out = Text(self.mark if i == 0 else " " * indent, style="dim")
                out.append_text(part)
                yield out


def bullets(lines, style: str = "", mark: str = "\u2022 ") -> Bullets:
    return Bullets(lines, style, mark)


def ladders_table(rows: list[dict]) -> Table:
    table = Table(title=w._("Ladders"), title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(w._("id"), style="bold cyan", no_wrap=True)
    table.add_column(w._("name"))
    table.add_column(w._("levels"), justify="right")
    table.add_column(w._("loaded from"), style="dim", overflow="fold")
    for row in rows:
        table.add_row(t(row["id"]), t(row["name"]), str(row["levels"]), t(origin_text(row["source"])))
    return table


def origin_text(origin: str) -> str:
    """Where a ladder was loaded from, for people: `built-in` is a word (JSON keeps it as it is)."""
    return w._("built-in") if origin == "built-in" else origin


def level_title(ladder, level, lang: str | None) -> Text:
    """`Senior Project Manager  高级项目经理` with the other-language title beside it."""
    shown, other = level.title_pair(lang)
    out = t(shown, "bold")
    if other:
        out.append_text(t(f"  {other}", "dim" if lang else ""))
    return out


def _next_text(ladder, level, lang: str | None) -> Text:
    if not level.next:
        return Text(w._("top of the ladder"), style="dim")
    out = Text()
    for i, target in enumerate(level.next):
        if i:
            out.append(" | ", style="dim")
        out.append_text(t(ladder.level(target).title_in(lang), "green"))
    if len(level.next) > 1:
        out.append("  " + w._("(branch: choose one)"), style="dim")
    return out


def level_block(ladder, level, lang: str | None, number: int, *, detail: bool) -> Group:
    """A level as one header line and an indented body (Text and hanging bullets: quick to render)."""
    head = Text(f"{number:>2}  ", style="bold magenta")
    head.append_text(level_title(ladder, level, lang))
    head.append_text(t(f"  {level.id}", "dim cyan"))
    parts = [t(level.text("summary", lang), "italic")]
    reqs = [w.requirement_line(a, ladder, lang, detail=detail) for a in level.requires]
    advice = [a if isinstance(a, str) else a.text for a in level.text("advice", lang)]
    sections = [
        (w._("Does"), level.text("responsibilities", lang), ""),
        (w._("Expected"), level.text("expectations", lang), ""),
        (w._("Requires"), (reqs or [w._("nothing formal")]) + w.level_moves(ladder, level, lang), "yellow"),
        (w._("How close counts"), [w.tolerance_text(level, ladder, lang)] if detail and reqs else [], "dim"),
        (w._("To get here"), advice if detail else [], ""),
    ]
    for label, lines, style in sections:
        if lines:
            parts.append(Text(label, style="dim"))
            parts.append(bullets(lines, style, mark="  \u2022 "))
    last = Text(w._("Next: "), style="dim")
    last.append_text(_next_text(ladder, level, lang))
    parts.append(last)
    return Group(head, Padding(Group(*parts), (0, 0, 1, 4)))


def show_ladder(console: Console, loaded, lang: str | None, only: str | None) -> None:
    ladder = loaded.ladder
    header = Text()
    header.append_text(t(ladder.name_in(lang), "bold"))
    header.append_text(t(f"  ({ladder.id})", "dim"))
    header.append("\n")
    header.append_text(t(tr(ladder, "description", lang)))
    header.append("\n" + w._("Source: "), style="dim")
    header.append_text(t(tr(ladder, "source", lang), "dim"))
    header.append("\n" + w._("Loaded from: "), style="dim")
    header.append_text(t(origin_text(loaded.origin), "dim"))
    console.print(Panel(header, border_style="blue", expand=True))
    numbers = {lv.id: i + 1 for i, lv in enumerate(ladder.levels)}
    if only:
        level = ladder.level(only)
        console.print(level_block(ladder, level, lang, numbers[only], detail=True))
        notes(console, ladder)
        return
    console.print(path_overview(ladder, lang))
    if ladder.tracks:
        console.print(Rule(Text(w._("Pathways"), style="bold blue"), align="left", style="blue"))
        console.print(bullets(w.track_lines(ladder, lang)))
        console.print(t(w._("Say which one you are on with 'track: ID' in your profile (or answer the questionnaire's question)."), "dim"))
    tier = None
    for level in ladder.levels:
        if level.tier != tier:
            tier = level.tier
            console.print(Rule(t(ladder.tier_name(tier, lang), "bold blue"), align="left", style="blue"))
        console.print(level_block(ladder, level, lang, numbers[level.id], detail=False))
    if ladder.advice:
        console.print(Rule(Text(w._("Advice for climbing"), style="bold blue"), align="left", style="blue"))
        console.print(bullets(w.ladder_advice_lines(ladder, lang)))
    console.print(t(w._("Requirements tolerate small shortfalls; see one level with --level ID for how close counts."), "dim"))
    notes(console, ladder)


def notes(console: Console, ladder) -> None:
    for note in (w.framework_note(ladder), w.issuer_note(ladder), w.judgment_note()):
        if note:
            console.print(t(note, "dim"))


def path_overview(ladder, lang: str | None) -> "PathOverview":
    """One line a level: tier, title and where it leads, so branches are visible at a glance."""
    return PathOverview(ladder, lang)


class PathOverview:
    """The overview table, with widths computed for the width it gets (see render/layout.py): ids and
    title words are never cut, a long tier name or a branch wraps instead."""

    def __init__(self, ladder, lang: str | None):
        self.ladder, self.lang = ladder, lang

    def __rich_console__(self, console, options):
        from ..text.layout import longest_word, share, widest_line

        ladder, lang = self.ladder, self.lang
        rows = []
        for i, level in enumerate(ladder.levels, 1):
            title = t(level.title_in(lang), "bold")
            title.append("\n")
            title.append_text(t(level.id, "dim cyan"))
            rows.append((Text(str(i)), t(ladder.tier_name(level.tier, lang)), title, _next_text(ladder, level, lang)))
        heads = ("#", w._("tier"), w._("title (id)"), w._("leads to"))
        cols = [[h, *(r[c].plain for r in rows)] for c, h in enumerate(heads)]
        least = [max(4, max(longest_word(x) for x in col)) for col in cols]
        least[0] = widest_line(str(len(rows)))
        most = [max(widest_line(x) for x in col) for col in cols]
        room = options.max_width - 2 * (len(heads) - 1)
        if sum(least) > room:  # too narrow for every word: ids stay whole, the tier and the branch fold
            least = [least[0], 4, least[2], 4]
        widths = share(least, most, room) if sum(least) <= room else [None] * len(heads)
        table = Table(title=w._("The ladder, from the bottom"), title_justify="left", show_edge=False, pad_edge=False, box=None)
        for c, (head, style) in enumerate(zip(heads, ("magenta", "blue", "", ""))):
            table.add_column(head, style=style, overflow="fold", width=widths[c], justify="right" if c == 0 else "left")
        for row in rows:
            table.add_row(*row)
        yield table
