"""The plan for the terminal: where you stand and why, fit by level, the gap table, the timeline.

Draws a `service.Plan`; computes nothing of its own. Text from data files goes through
`text.safe.text` (a `rich.text.Text` with control and bidi characters made visible).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import words as w
from ..engine.types import StepKind
from ..text.safe import text as t
from ..views.plan import not_counted
from ..views.plan_data import milestone_advice, timeline

BAR = 10


def around(template: str, key: str, value: str, style: str = "", base: str = "") -> Text:
    """`template` (a message) as Text, with `{key}` replaced by `value` (from a file: made safe) in `style`."""
    before, _sep, after = template.partition("{" + key + "}")
    out = Text(before, style=base)
    out.append_text(t(value, style))
    out.append(after, style=base)
    return out


def placement_panel(plan) -> Panel:
    a, lang, ladder = plan.assessment, plan.lang, plan.ladder
    lines: list = []
    if plan.profile.name:
        lines.append(t(plan.profile.name, "bold"))
    head = Text()
    if a.best is None:
        head.append(w._("Not placed on this ladder yet"), style="bold yellow")
    else:
        shown, other = a.best.title_pair(lang)
        head.append(w._("Best fit: "), style="bold")
        head.append_text(t(shown, "bold green"))
        if other:
            head.append_text(t(f"  {other}", "green"))
        head.append("  " + w.C_("aside", "({text})").format(text=w.level_position(a, a.best)), style="dim")
    lines.append(head)
    if a.best is not None and a.fully is not a.best:
        full = Text(w._("Fully meets: "), style="bold")
        full.append_text(t(a.fully.title_in(lang) if a.fully else w._("no title yet")))
        lines.append(full)
    lines.append(t(w.why_line(a, lang)))
    if plan.to_hold:
        lines.append(Text(w._("To hold the title:"), style="bold yellow"))
        lines.append(hanging([w.confirm_text(c, ladder, lang, a.known) for c in plan.to_hold], "  \u2022", "yellow"))
    confirm = plan.to_confirm
    if confirm:
        lines.append(Text(w.confirm_head(confirm), style="bold yellow"))
        lines.append(hanging([w.confirm_text(c, ladder, lang, a.known) for c in confirm], "  \u2022", "yellow"))
    for _kind, sentence in w.standing_lines(plan):
        lines.append(t(sentence, "yellow"))
    if a.known.lapsed or a.known.renew_by:
        lines.append(Text(w.lapse_head(a.known), style="bold yellow"))
        lines.append(hanging(w.lapse_lines(a.known, ladder, lang), "  \u2022", "yellow"))
    if a.known.implied:
        lines.append(Text(w._("Counted from your certifications:"), style="bold"))
        lines.append(hanging([w.implied_text(item, ladder, lang) for item in a.known.implied], "  \u2022"))
    if plan.flags:
        lines.append(Text(w._("Answers to check (the placement takes them as given):"), style="bold yellow"))
        lines.append(hanging([w.flag_text(f, ladder, lang) for f in plan.flags], "  \u2022", "yellow"))
    if plan.review is not None:
        lines.append(t(w.ratings_line(plan.review), "dim"))
        if plan.review.differences:
            lines.append(Text(w._("Where you and your reviewer differ by two steps or more:"), style="bold yellow"))
            lines.append(hanging([w.difference_text(d, plan.review, ladder, lang) for d in plan.review.differences], "  \u2022", "yellow"))
    unused = not_counted(plan)
    if unused:
        lines.append(t(w.not_counted_line(unused), "dim"))
    if plan.profile.other_certifications:
        lines.append(Text.assemble((w._("Other certificates (shown, not counted): "), "dim"), t(w.listing(plan.profile.other_certifications), "dim")))
    title = around(w._("Where you stand on {ladder}"), "ladder", ladder.name_in(lang), "bold")
    return Panel(Group(*lines), title=title, title_align="left", border_style="green" if a.best else "yellow")


def bar_cells(met: int, short: int, missing: int, unknown: int, width: int = BAR) -> tuple[int, int, int, int]:
    """How many of `width` cells each kind gets: met rounded down (only a level met in full is a full
    bar), every kind that occurs at least one cell, a kind that does not occur none; the rest by share."""
    total = met + short + missing + unknown
    if total == 0 or met == total:
        return (width if total else 0, 0, 0, 0)
    others = [short, missing, unknown]
    present = sum(1 for n in others if n)
    m = min(width * met // total, width - present)
    if met and m == 0 and width - present > 0:
        m = 1
    rest = width - m - present
    rest_total = sum(others)
    shares = [rest * n / rest_total for n in others]
    cells = [int(x) + (1 if n else 0) for x, n in zip(shares, others)]
    left = width - m - sum(cells)
    for i in sorted(range(3), key=lambda i: shares[i] - int(shares[i]), reverse=True)[:left]:
        cells[i] += 1
    return (m, *cells)


def fit_bar(f) -> Text:
    """Ten cells: met, close, missing, not answered, in that order (see `bar_cells`)."""
    bar = Text()
    counts = bar_cells(f.met, f.short, f.missing, f.unknown)
    for n, (char, style) in zip(counts, (("\u2588", "green"), ("\u2593", "yellow"), ("\u2591", "red"), ("\u00b7", "dim"))):
        bar.append(char * n, style=style)
    return bar


def fit_table(plan) -> Table:
    a, lang = plan.assessment, plan.lang
    table = Table(title=w._("Fit by level"), title_justify="left", box=None, pad_edge=False,
                  caption=w._("\u2588 met  \u2593 close  \u2591 missing  \u00b7 not answered"), caption_justify="left")
    table.add_column(w._("title"), overflow="fold")
    table.add_column(w._("fit"), no_wrap=True)
    table.add_column("", overflow="fold")
    target = plan.target.id if plan.target else None
    for f in a.fits:
        mark = ""
        if a.best is not None and f.level.id == a.best.id:
            mark = w._("\u25c0 best fit")
        elif f.level.id == target:
            mark = w._("target")
        text = t(w.fit_line(f, lang))
        if mark:
            text = Text.assemble((mark, "bold magenta"), "  ", text)
        table.add_row(t(f.level.title_in(lang), "bold" if mark else ""), fit_bar(f), text)
    return table


def gap_table(plan) -> Table | None:
    """The lead gaps in full (every gap with --all-gaps), each with its own advice."""
    shown = plan.lead_gaps
    if not shown:
        return None
    lang, ladder = plan.lang, plan.ladder
    title = around(w._("Gaps to {title}"), "title", plan.target.title_in(lang), "bold")
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column(w._("requirement, and how to close it"), ratio=1, overflow="fold")
    table.add_column(w._("have"), justify="right")
    table.add_column(w._("need"), justify="right")
    table.add_column(w._("done by"), justify="right", no_wrap=True)
    for g in shown:
        what = t(w.label(g.check.atom, ladder, lang), "bold")
        note = w.gap_notes(g)
        if note:
            what.append(f"  [{note}]", style="bold red" if (g.check.atom.gate or g.reason == "sets_date") else "yellow")
        own = w.how_own(g.check, g.step, plan, lang)
        if own:
            what.append("\n")
            what.append_text(t(own))  # the advice is what the row is for: normal text, not dim
        done = w.month_of(plan.today, g.done) or "\u2014"
        have = t(w.have_text(g.check, ladder))
        beside = w.reviewer_rating(g.check, plan)
        if beside:
            have.append("\n")
            have.append_text(t(beside, "dim"))
        table.add_row(str(g.order), what, have, t(w.need_text(g.check.atom, ladder)), done)
    return table


def gap_after(plan) -> list[Text]:
    """Below the gap table: the folded gaps in one line, then what the list says once instead of on every row."""
    out = []
    if plan.folded_gaps:
        out.append(t(w.folded_gaps(plan.folded_gaps, plan)))
    out += [t(line, "dim") for line in w.gap_list_notes(plan.lead_gaps, plan)]
    return out


def timeline_block(plan) -> Group:
    road, lang, ladder = plan.roadmap, plan.lang, plan.ladder
    if road.target is None:
        return Group(t(w.top_line(plan), "bold"))
    out: list = [t(w.eta_line(plan), "bold")]
    limited = w.limited_line(plan)
    if limited:
        out.append(t(limited, "dim"))
    if road.already_met:
        return Group(*out)
    out.append(t(w.pace_line(plan), "dim"))
    for line in w.assumption_lines(plan):
        out.append(t(line, "dim"))
    steps = {s.id: s for s in road.steps}
    answers = [s for s in road.steps if s.kind == StepKind.ANSWER]
    if answers:
        out.append(t(w._("First, answer: ") + w.semicolons(w.label(s.check.atom, ladder, lang) for s in answers if s.check), "yellow"))
    grid = Table(box=None, pad_edge=False, show_header=True, title=w._("Timeline"), title_justify="left")
    grid.add_column(w._("quarter"), no_wrap=True, style="bold")
    grid.add_column(w._("what happens"), overflow="fold")
    levels = {m.level.id: m.level for m in road.milestones}
    for row in timeline(plan):
        cell = Text()
        for level_id in row["reached"]:
            cell.append("\u2714 ", style="bold green")
            cell.append_text(t(levels[level_id].title_in(lang), "bold green"))
            cell.append("\n")
        for label, ids, style in ((w._("start: "), row["start"], "cyan"), (w._("done: "), row["done"], "green")):
            if ids:
                cell.append(label, style=style)
                cell.append_text(t(w.semicolons(w.step_text(steps[i], ladder, lang) for i in ids)))
                cell.append("\n")
        cell.rstrip()
        grid.add_row(w.quarter_label(row["quarter"]), cell)
    out.append(Text(""))
    out.append(grid)
    for m in road.milestones:
        advice = milestone_advice(plan, m.level)
        if advice:
            out.append(Text("\n").append_text(around(w._("Advice for reaching {title}"), "title", m.level.title_in(lang), "bold green", "green")))
            out.append(hanging(advice, " \u2192", "green"))
    if road.others:
        names = w.listing(lv.title_in(lang) for lv in road.others)
        out.append(Text.assemble(("\n", ""), (w._("This is a branch; the other way up: "), "dim"), t(names, "dim"),
                                 (" " + w._("(plan it with --target)"), "dim")))
    return Group(*out)


def hanging(lines, mark: str, style: str = "") -> Table:
    """Bulleted lines whose wrapped parts stay indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row(Text(mark, style=style or "dim"), t(line))
    return grid


def print_report(console: Console, plan, summary=None) -> None:
    """The full report, opening with the plan in short (`summary`, views/summary.py) when given."""
    if summary is not None:
        from .summary import summary_panel

        console.print(summary_panel(summary))
    console.print(placement_panel(plan))
    console.print(fit_table(plan))
    gaps = gap_table(plan)
    if gaps is not None:
        console.print()
        console.print(gaps)
        for line in gap_after(plan):
            console.print(line)
    console.print()
    console.print(timeline_block(plan))
    advice = plan.ladder_advice
    if advice:
        console.print(Text("\n" + w._("Advice for climbing"), style="bold"))
        console.print(hanging(advice, "\u2022"))
    console.print()
    for note in (w.framework_note(plan.ladder), w.issuer_note(plan.ladder), w.judgment_note()):
        if note:
            console.print(t(note, "dim"))
