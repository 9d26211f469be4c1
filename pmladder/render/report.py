"""The assessment report for the terminal: placement and why, fit, gaps, skill bars, roadmap."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..describe import issuer_note
from ..assess import check_label, explain, gaps_to, limits_words, need_text, step_words, value_text
from ..textsafe import text as t



def months_text(months: int | None) -> str:
    if months is None:
        return "not estimated"
    if months == 0:
        return "now"
    return f"~{months} mo"


def placement_panel(a, catalog, lang: str | None = None) -> Panel:
    head = t(f"{a.profile.name}: ", "bold") if a.profile.name else Text()
    if a.level is None:
        head.append("Not yet on this ladder", style="bold yellow")
    else:
        shown, other = a.level.title_pair(lang)
        head.append_text(t(shown, "bold green"))
        if other:
            head.append_text(t(f"  {other}", "green"))
    lines = [head, Text("")]
    for line in explain(a, catalog, lang):
        lines.append(Text.assemble(("\u2022 ", "dim"), t(line)))
    title = Text.assemble(("Where you stand on ", ""), t(a.ladder.name_in(lang), "bold"))
    return Panel(Group(*lines), title=title, title_align="left", border_style="green" if a.level else "yellow")


def fit_table(a, lang: str | None = None) -> Table:
    table = Table(title="Fit: requirements met / total", title_justify="left", box=None, pad_edge=False)
    table.add_column("title", overflow="fold")
    table.add_column("fit", no_wrap=True)
    table.add_column("", no_wrap=True)
    nxt = {lv.id for lv in a.next}
    for f in a.fits:
        width = 10
        filled = width * f.met // f.total if f.total else width  # rounded down: only a met level is full
        bar = Text("\u2588" * filled, style="green" if f.ok else "yellow")
        bar.append("\u2591" * (width - filled), style="dim")
        bar.append(f" {f.met}/{f.total}")
        mark = "\u25c0 you" if a.level is not None and f.level.id == a.level.id else ("next" if f.level.id in nxt else "")
        table.add_row(t(f.level.title_in(lang), "bold" if mark else ""), bar, Text(mark, style="bold magenta"))
    return table


def gap_table(a, catalog, level, lang: str | None = None) -> Table | None:
    gaps = gaps_to(a, catalog, level)
    if not gaps:
        return None
    comps = catalog.competencies_for(a.ladder)
    title = Text.assemble(("Gaps to ", ""), t(level.title_in(lang), "bold"), (" (blockers first)", "dim"))
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("what, and how to close it", ratio=1, overflow="fold")
    table.add_column("have", justify="right")
    table.add_column("need", justify="right")
    table.add_column("time", justify="right", no_wrap=True)
    for i, g in enumerate(gaps, 1):
        what = t(check_label(g, catalog, comps), "bold red" if g.blocker else "bold")
        what.append("\n")
        what.append_text(t(g.how, "dim"))
        table.add_row(str(i), what, t(value_text(g.kind, g.have)), t(need_text(g.kind, g.need)), months_text(g.months))
    return table


def skill_bars(a, catalog, level, lang: str | None = None) -> Table | None:
    """Have-vs-need bars for the competencies `level` asks for."""
    comps = catalog.competencies_for(a.ladder)
    need = level.requires.competencies
    if not need:
        return None
    title = Text.assemble(("Skills for ", ""), t(level.title_in(lang), "bold"))
    caption = Text("\u2588 have  \u2591 to grow  \u2593 beyond the need", style="dim")
    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left", box=None, pad_edge=False)
    table.add_column("skill", overflow="fold")
    table.add_column("", no_wrap=True)
    for key, want in need.items():
        have = a.profile.rating(key)
        bar = Text()
        for step in range(1, 6):  # always five cells, one per rating
            if step <= min(have, want):
                bar.append("\u2588", style="green" if have >= want else "yellow")
            elif step <= want:
                bar.append("\u2591", style="red")
            elif step <= have:
                bar.append("\u2593", style="cyan")
            else:
                bar.append("\u00b7", style="dim")
        bar.append(f" {have}/{want}")
        table.add_row(t(comps[key].name), bar)
    return table


def roadmap_block(road, catalog, ladder, lang: str | None = None) -> Group:
    comps = catalog.competencies_for(ladder)
    out: list = []
    if road.target is None:
        return Group(Text("You are at the top of this ladder: there is no next title to plan for.", style="bold"))
    head = Text.assemble(("Roadmap to ", "bold"), t(road.target.title_in(lang), "bold cyan"))
    if road.already_met:
        head.append(": you already meet every requirement.", style="bold")
        return Group(head)
    eta = road.eta_months
    head.append(f": ready in about {eta} months" if eta is not None else ": no estimate (education)", style="bold")
    out.append(head)
    if road.limits:
        out.append(Text.assemble(("limited by: ", "dim"), t(limits_words(road.limits, catalog, comps), "dim")))
    n = 0
    for m in road.milestones:
        ready = f"ready ~month {m.ready}" if m.ready is not None else "no estimate"
        out.append(Text.assemble(("\n\u25b6 ", "cyan"), t(m.level.title_in(lang), "bold"), (f"  ({ready})", "dim")))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for step in m.steps:
            n += 1
            when = f"months {step.start}\u2013{step.end}" if step.end is not None else "not estimated"
            line = t(step_words(step, catalog, comps))
            line.append(f"  [{when}]", style="magenta")
            line.append("\n")
            line.append_text(t(step.how, "dim"))
            grid.add_row(f"{n}.", line)
        advice = m.level.text("advice", lang)
        if advice:
            grid.add_row("", Text.assemble(("Advice for reaching ", "green"), t(m.level.title_in(lang), "green"), (":", "green")))
        for tip in advice:
            grid.add_row(Text("\u2192", style="green"), t(tip, "green"))
        out.append(grid)
    if road.others:
        names = ", ".join(lv.title_in(lang) for lv in road.others)
        out.append(Text.assemble(("\nThis is a branch; the other way up: ", "dim"), t(names, "dim"), (" (plan it with --target)", "dim")))
    return Group(*out)


def print_report(console: Console, a, road, catalog, lang: str | None = None) -> None:
    console.print(placement_panel(a, catalog, lang))
    console.print(fit_table(a, lang))
    levels = a.next if (a.level is None or a.level.next) else ()
    if road.target is not None and road.target not in levels:  # --target: the gaps to that title
        levels = (road.target,)
    for level in levels:
        console.print()
        for block in (gap_table(a, catalog, level, lang), skill_bars(a, catalog, level, lang)):
            if block is not None:
                console.print(block)
                console.print()
    console.print(roadmap_block(road, catalog, a.ladder, lang))
    if a.ladder.advice:
        console.print(Text("\nAdvice for climbing", style="bold"))
        for tip in a.ladder.advice:
            console.print(Text.assemble(("\u2022 ", "dim"), t(tip)))
    console.print()
    console.print(t(issuer_note(catalog), "dim"))
