"""Where, history and progress drawn for the terminal, as Markdown and as JSON (issue 10).

Draws what `pmladder.views.progress` computes (and history rows); computes nothing of its own.
Text from files and profiles goes through `text.safe` (terminal) or `md` (Markdown); Mermaid
labels through `text.safe.mermaid`, so no title can close a quote or the code fence, nor start a
directive.
"""

from __future__ import annotations

from .. import words as w
from ..engine.types import StepKind
from ..views.plan_data import level_ref
from ..views.progress import Point, estimate, held_back, level_of, next_fit, open_questions, sample
from ..views.snapshot import level_ref as stored_level_ref
from ..text.safe import md_cell as md
from ..text.safe import mermaid, visible

SCHEMA = 1
BAR = 20
CHART_BARS = 12  # bars drawn in the terminal; more assessments get a sparkline too
SPARK = 60  # widest sparkline
MERMAID_POINTS = 60
SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def _title(level) -> str | None:
    return level.title if level is not None else None


# --- where ----------------------------------------------------------------------------------


def where_row(plan) -> dict:
    a, road = plan.assessment, plan.roadmap
    f = next_fit(plan)
    eta = estimate(plan)
    return {
        "ladder": {"id": plan.ladder.id, "name": plan.ladder.name, "version": plan.ladder.version, "loaded_from": plan.origin},
        "best_fit": level_ref(a.best),
        "fully_met": level_ref(a.fully),
        "work_matches": level_ref(a.matched),
        "next": level_ref(road.target),
        "fit": ({"met": f.met, "short": f.short, "missing": f.missing, "unknown": f.unknown, "total": f.total,
                 "text": w.fit_line(f)} if f is not None else None),
        "already_met": road.already_met,
        "eta_months": eta,
        "eta_by": w.month_of(plan.today, eta),
        "ready": w.ready_cell(plan),
        "not_answered": sorted({c.key for c, _ in plan.unknowns}),
        "held_back": _held_json(plan),
    }


def _held_json(plan) -> dict | None:
    """What keeps the person from the next title on this ladder (views.progress.held_back), as data and words."""
    from ..views.plan_data import check_json

    found = held_back(plan)
    if found is None:
        return None
    check, level = found
    return {"level": level_ref(level), **check_json(check, plan), "text": _held_text(plan, found)}


def _held_text(plan, found) -> str:
    check, level = found
    best = plan.assessment.best
    return w.differ_line(plan.ladder.id, check, level, plan.ladder, plan.lang, plan.assessment.known,
                         confirming=best is not None and best.id == level.id)


def differ_lines(plans) -> list[str]:
    """Below the crosswalk: why the ladders place the person differently, one line a ladder (none for one ladder)."""
    lines = [_held_text(p, found) for p in plans for found in [held_back(p)] if found is not None]
    return [w.differ_head(), *lines] if len(plans) > 1 and lines else []


def where_json(plans, profile, today) -> dict:
    return {"schema_version": SCHEMA, "today": today.isoformat(), "name": profile.name,
            "ladders": [where_row(p) for p in plans]}


def _cells(plan) -> tuple[str, str, str, str]:
    a, road = plan.assessment, plan.roadmap
    fully = a.fully.title_in(plan.lang) if a.fully else w.no_title()
    nxt = w.next_cell(plan)
    return w.best_cell(a, plan.lang), fully, nxt, w.where_fit_cell(plan)


def where_table(plans, profile, today):
    from rich.console import Group

    from ..text.safe import text as t

    rows = []
    for plan in plans:
        best, fully, nxt, _fit = _cells(plan)
        f = next_fit(plan)
        fit = w.fit_short(f, two_lines=True) if f is not None else "\u2014"
        rows.append((plan.ladder.id, best, fully, nxt, fit, w.ready_cell(plan, two_lines=True)))
    from .terminal import bullets

    why = differ_lines(plans)
    extra = [t(why[0], "bold"), bullets(why[1:])] if why else []
    asks = open_questions(plans)
    if asks:
        items = []
        for line, command in map(w.where_open_line, *zip(*asks)):  # the command on a line of its own, to copy whole
            item = t(line)
            item.append("\n")
            item.append_text(t(command, "bold"))
            items.append(item)
        extra += [t(w.unanswered_head(), "bold"), bullets([])._with(items)]
    return Group(_WhereTable(t(w.where_title(profile.name)), rows), t(w.where_caption(today), "dim"), *extra)


class _WhereTable:
    """The crosswalk table, laid out by the one rule for tables (render/terminal.py `Fit`): every column
    at least as wide as its longest run (a path, a title word, a Chinese clause), the rest shared out;
    a ladder a block of lines when the terminal is narrower than that."""

    def __init__(self, title, rows):
        self.title, self.rows = title, rows

    def __rich_console__(self, console, options):
        from rich.table import Table

        from ..text.safe import text as t
        from .terminal import Fit

        names = (w._("ladder"), w._("best fit"), w._("fully meets"), w._("next"), w._("fit to the next"), w._("ready"))
        table = Table(title=self.title, title_justify="left", box=None, pad_edge=False, header_style="bold")
        for i, name in enumerate(names):
            opts = {"style": "bold cyan", "no_wrap": True} if i == 0 else {"style": "bold green"} if i == 1 else {}
            table.add_column(name, **opts)
        for row in self.rows:
            table.add_row(*(t(cell, keep_newlines=True) for cell in row))
        yield Fit(table)


def other_ladder_rows(plans) -> list[list[str]]:
    """Rows for the Markdown plan's "On other ladders" section (Ladder, Best fit, Fully meets, Next, Ready)."""
    rows = []
    for plan in plans:
        best, fully, nxt, fit = _cells(plan)
        if plan.roadmap.target is not None:
            nxt = f"{nxt} ({fit})"
        rows.append([md(f"{plan.ladder.name} ({plan.ladder.id})"), md(best), md(fully), md(nxt), md(w.ready_cell(plan))])
    return rows


def where_markdown(plans, profile, today) -> str:
    from .markdown import Doc

    doc = Doc()
    doc.heading(1, md(w.where_title(profile.name)))
    doc.para(md(w.where_caption(today)))
    rows = []
    for plan in plans:
        best, fully, nxt, fit = _cells(plan)
        rows.append([md(f"{plan.ladder.name} ({plan.ladder.id})"), md(best), md(fully), md(nxt), md(fit), md(w.ready_cell(plan))])
    doc.table([w._("Ladder"), w._("Best fit"), w._("Fully meets"), w._("Next"), w._("Fit to the next"), w._("Ready")], rows)
    why = differ_lines(plans)
    if why:
        doc.para(md(why[0]))
        doc.bullets(md(line) for line in why[1:])
    asks = open_questions(plans)
    if asks:
        from .markdown import code

        doc.para(md(w.unanswered_head()))
        doc.bullets(md(line) + " " + code(command) for line, command in map(w.where_open_line, *zip(*asks)))
    doc.para(md(w.judgment_note()))
    return doc.render()


# --- history --------------------------------------------------------------------------------


def history_json(rows, path, titles) -> dict:
    return {
        "schema_version": SCHEMA,
        "database": str(path),
        "assessments": [
            {"id": r.id, "date": r.assessed_on.isoformat(), "recorded_at": r.recorded_at.isoformat(), "ladder": r.ladder_id,
             "ladder_version": r.ladder_version,
             "best_fit": {"id": r.best_fit, "title": r.best_fit_title} if r.best_fit else None,
             "target": {"id": r.target, "title": titles(r.ladder_id, r.target)} if r.target else None,
             "fit": {"met": r.fit_met, "total": r.fit_total},
             "eta_months": r.eta_months, "eta_by": w.month_of(r.assessed_on, r.eta_months), "source": r.source}
            for r in rows
        ],
    }


def _width(text: str) -> int:
    """Columns a text takes in a terminal: wide (East Asian) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def history_lines(rows, titles, width: int | None = None) -> list[str]:
    """The history as aligned plain lines (quick for a thousand rows; no Rich layout). Lines wider than
    `width` fold their least important columns (the source, then the best fit, then the title aimed
    at) onto indented lines under the row, a path whole on a line of its own."""
    from ..text.wrap import wrap

    head = [w._("id"), w._("date"), w._("ladder"), w._("best fit"), w._("fit to the next"), w._("ready by"), w._("source")]
    body = []
    for r in rows:
        toward = titles(r.ladder_id, r.target) if r.target else None
        fit = f"{r.fit_met}/{r.fit_total}" + (f" {toward}" if toward else "")
        best = (titles(r.ladder_id, r.best_fit) or r.best_fit_title) if r.best_fit else w.not_placed()
        body.append([str(r.id), r.assessed_on.isoformat(), r.ladder_id, best, fit,
                     w.month_of(r.assessed_on, r.eta_months) or "\u2014", visible(r.source)])
    body = [[visible(c) for c in row] for row in body]
    for folded in ((), (6,), (6, 4), (6, 4, 3)):  # the columns moved under the row: the source, then the widest
        shown = [i for i in range(len(head)) if i not in folded]
        widths = {i: max(_width(row[i]) for row in [head, *body]) for i in shown}
        if width is None or sum(widths.values()) + 2 * (len(shown) - 1) <= width:
            break
    out = []
    for n, row in enumerate([head, *body]):
        out.append("  ".join(_pad(row[i], widths[i], i == 0) for i in shown).rstrip())
        for i in folded if n else ():
            label = head[i] + w.C_("label", ": ") + row[i]
            out.extend(wrap(label, width or 80, "    ", "      "))
    return out


# --- progress: data -------------------------------------------------------------------------


def _fully_met(r) -> str | None:
    """The id of the title a recorded assessment fully met (from its snapshot)."""
    placement = (r.plan or {}).get("placement")
    fully = placement.get("fully_met") if isinstance(placement, dict) else None
    return fully if isinstance(fully, str) else None


def _row_ref(r, ladder) -> dict:
    """A recorded assessment; its titles in English, as the history's `best_fit` column records them."""
    return {"id": r.id, "date": r.assessed_on.isoformat(), "ladder_version": r.ladder_version,
            "best_fit": {"id": r.best_fit, "title": r.best_fit_title} if r.best_fit else None,
            "fully_met": stored_level_ref(ladder, _fully_met(r), None)}


def _fit_dict(f) -> dict | None:
    if f is None:
        return None
    if isinstance(f, dict):
        return {k: f.get(k, 0) for k in ("met", "short", "missing", "unknown", "total")}
    return {"met": f.met, "short": f.short, "missing": f.missing, "unknown": f.unknown, "total": f.total}


def _plain(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _gap(g: dict) -> dict:
    return {k: g.get(k) for k in ("kind", "key", "label", "state", "have", "need", "have_text", "need_text")}


def progress_json(p) -> dict:
    ladder = p.ladder
    return {
        "schema_version": SCHEMA,
        "ladder": {"id": ladder.id, "name": ladder.name, "version": ladder.version},
        "from": _row_ref(p.then, ladder),
        "to": _row_ref(p.now, ladder),
        "months": p.months,
        "target": level_ref(p.target, p.lang),
        "reached": p.reached,
        "reached_in": {"id": p.reached_in.id, "date": p.reached_in.assessed_on.isoformat()} if p.reached_in is not None else None,
        "placement": {"moved": p.moved, "text": w.moved_text(p.moved)},
        "fit": {"then": _fit_dict(p.fit_then), "now": _fit_dict(p.fit_now)},
        "changes": [{"kind": c.kind, "key": c.key, "before": _plain(c.before), "after": _plain(c.after),
                     "text": w.change_text(c, ladder, p.lang)} for c in p.changes],
        "not_updated": list(p.not_updated),
        "gaps": {
            "closed": [_gap(g) for g in p.closed],
            "new": [_gap(g) for g in p.opened],
            "open": [{**_gap(now), "have_then": then.get("have"), "have_then_text": then.get("have_text")} for then, now in p.still],
        },
        "roadmap": [
            {"id": s.step.get("id"), "level": s.step.get("level"), "kind": s.step.get("kind"), "key": s.step.get("key"),
             "need": s.step.get("need"), "text": s.step.get("text"), "done_month": s.step.get("done_month"),
             "due_by": s.due_by, "due": s.due, "done": s.done, "state": s.state, "now": _plain(s.now)}
            for s in p.steps
        ],
        "steps": {"due": len(p.due), "due_done": sum(1 for s in p.due if s.state == "done"), "behind": p.count("behind"),
                  "ahead": p.count("ahead"), "under_way": p.count("under_way"), "not_due": p.count("not_due"), "open": p.count("open"), "unknown": p.count("unknown")},
        "eta": {"then_months": p.eta_then, "then_by": p.then_ready_by, "now_months": p.eta_now, "now_by": p.now_ready_by,
                "slip_months": p.slip},
        "verdict": p.verdict,
        "basis": p.basis,
        "verdict_text": w.verdict_line(p),
        "tolerated_text": w.tolerated_line(p),
        "chart": [{"id": pt.id, "date": pt.day.isoformat(), "met": pt.met, "total": pt.total, "percent": pt.percent,
                   "best_fit": pt.best_fit} for pt in p.chart],
        "ladder_changed": p.ladder_changed,
    }


# --- progress: the chart ---------------------------------------------------------------------


def sparkline(points: list[Point]) -> str:
    """One character per assessment (averaged into at most SPARK buckets), 0 % to 100 %."""
    values = [pt.percent for pt in points]
    if len(values) > SPARK:
        size = len(values) / SPARK
        values = [sum(values[int(i * size):int((i + 1) * size)]) / max(1, len(values[int(i * size):int((i + 1) * size)]))
                  for i in range(SPARK)]
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / 100 * (len(SPARKS) - 1) + 0.5))] for v in values)


def chart_block(points: list[Point], title: str):
    from rich.console import Group
    from rich.text import Text

    from ..text.safe import text as t

    out: list = [t(w.chart_title(title), "bold")]
    if len(points) > CHART_BARS:
        line = Text("  ")
        line.append(sparkline(points), style="cyan")
        line.append(f"  {points[0].day.isoformat()} \u2192 {points[-1].day.isoformat()}, " + w._("{n} assessments").format(n=len(points)), style="dim")
        out.append(line)
    for pt in sample(points, CHART_BARS):
        filled = round(BAR * pt.met / pt.total) if pt.total else 0
        line = Text(f"  {pt.day.isoformat()}  ")
        line.append("\u2588" * filled, style="green")
        line.append("\u2591" * (BAR - filled), style="dim")
        line.append(f" {pt.met:>3}/{pt.total:<3} {pt.percent:>3}%  ")
        line.append_text(t(pt.best_fit or w.not_placed(), "dim"))
        out.append(line)
    return Group(*out)


def mermaid_chart(points: list[Point], title: str) -> str:
    shown = sample(points, MERMAID_POINTS)
    labels = ", ".join(f'"{pt.day.isoformat()}"' for pt in shown)
    values = ", ".join(str(pt.percent) for pt in shown)
    return "\n".join([
        "xychart-beta",
        f'    title "{mermaid(w.chart_title(title))}"',
        f"    x-axis [{labels}]",
        f'    y-axis "{mermaid(w.chart_axis())}" 0 --> 100',
        f"    line [{values}]",
    ])


# --- progress: terminal ----------------------------------------------------------------------


def _target_title(p) -> str:
    return p.target.title_in(p.lang) if p.target is not None else (p.then_target_title or "?")


def _placement(r, p) -> str:
    """A recorded assessment's best fit and fully-met title, named in the comparison's language when the
    installed ladder still has those levels (else as recorded: the best fit's English title, the id)."""
    def named(level_id, recorded):
        level = level_of(p.ladder, level_id)
        return level.title_in(p.lang) if level is not None else recorded

    fully = _fully_met(r)
    return w.placement_text(named(r.best_fit, r.best_fit_title), named(fully, fully))


def _step_order(s) -> tuple:
    """By the month the step was due: answers first, steps without a date last."""
    end = s.step.get("done_month")
    return (0, 0) if s.step.get("kind") == StepKind.ANSWER else (1, end) if end is not None else (2, 0)


def print_progress(console, p) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from ..text.safe import text as t

    ladder = p.ladder
    name = (p.now.profile or {}).get("name")
    style = {"ahead": "green", "on_schedule": "green", "behind": "red", "no_target": "yellow"}[p.verdict]
    lines = [t(w.months_between(p), "dim"), t(w.verdict_line(p), f"bold {style}")]
    for extra, look in ((w.tolerated_line(p), "yellow"), (w.forecast_line(p), "bold"), (w.why_later_line(p, ladder), "yellow"), (w.steps_line(p) if p.steps else None, ""),
                        (w.not_updated_line(p, ladder), "yellow"), (w.progress_next_line(p), ""),
                        (w.ladder_changed_line() if p.ladder_changed else None, "yellow")):
        if extra:
            lines.append(t(extra, look))
    from rich.console import Group

    console.print(Panel(Group(*lines), title=t(w.progress_title(ladder, name, p.lang), "bold"), title_align="left", border_style=style))

    grid = Table(box=None, pad_edge=False, show_header=True, title=w._("Placement"), title_justify="left")
    grid.add_column("")
    grid.add_column(w._("then ({date})").format(date=p.then.assessed_on.isoformat()))
    grid.add_column(w._("now ({date})").format(date=p.now.assessed_on.isoformat()))
    grid.add_row(w._("best fit"), t(_placement(p.then, p)), t(_placement(p.now, p) + "  [" + w.moved_text(p.moved) + "]"))
    if p.target is not None:
        grid.add_row(t(w._("fit to {title}").format(title=_target_title(p))), t(w.fit_counts(p.fit_then)), t(w.fit_counts(p.fit_now)))
        grid.add_row(w._("ready by"), t(p.then_ready_by or w._("not estimated")),
                     t((p.now_ready_by or w._("not estimated")) if not p.reached else w._("reached")))
    console.print(grid)

    console.print()
    console.print(Text(w._("What changed in your answers"), style="bold"))
    if p.changes:
        for c in p.changes:
            console.print(Text.assemble(("  \u2022 ", "dim"), t(w.change_text(c, ladder, p.lang))))
    else:
        console.print(Text("  " + w._("nothing: the two profiles give the same answers"), style="dim"))

    if p.target is not None:
        console.print()
        console.print(t(w._("Gaps to {title}").format(title=_target_title(p)), "bold"))
        for label, items, style_, fmt in ((w._("closed"), p.closed, "green", w.closed_line), (w._("new"), p.opened, "red", w.gap_line)):
            if items:
                console.print(Text(f"  {label} ({len(items)})", style=style_))
                for g in items:
                    console.print(Text.assemble(("    \u2022 ", "dim"), t(fmt(g))))
        if p.still:
            console.print(Text("  " + w.open_heading(p.reached, _target_title(p)) + f" ({len(p.still)})", style="yellow"))
            for then, now in p.still:
                console.print(Text.assemble(("    \u2022 ", "dim"), t(w.still_line(then, now))))
        if not (p.closed or p.opened or p.still):
            console.print(Text("  " + w._("none"), style="dim"))

    steps = sorted((s for s in p.steps if s.state != "not_due"), key=_step_order)
    later = [s for s in p.steps if s.state == "not_due"]
    if p.steps:
        console.print()
        table = Table(title=w._("The roadmap planned on {date}").format(date=p.then.assessed_on.isoformat()), title_justify="left",
                      show_edge=False, pad_edge=False)
        table.add_column(w._("state"), no_wrap=True)
        table.add_column(w._("step"), overflow="fold")
        table.add_column(w._("due by"), no_wrap=True)
        table.add_column(w._("now"), justify="right", no_wrap=True)
        colours = {"done": "green", "ahead": "bold green", "behind": "bold red", "under_way": "cyan", "open": "yellow", "unknown": "yellow"}
        for s in steps:
            table.add_row(Text(w.step_state_text(s.state), style=colours.get(s.state, "")), t(s.step.get("text") or s.step.get("id", "")),
                          s.due_by or "\u2014", t(w.step_now_text(s, ladder)))
        if steps:
            console.print(table)
        if later:
            first = min((s.due_by for s in later if s.due_by), default=None)
            console.print(t(w.later_steps_line(len(later), first), "dim"))

    if len(p.chart) >= 1 and p.target is not None:
        console.print()
        console.print(chart_block(list(p.chart), _target_title(p)))


# --- progress: Markdown ----------------------------------------------------------------------


def progress_markdown(p) -> str:
    from .markdown import Doc

    ladder = p.ladder
    name = (p.now.profile or {}).get("name")
    doc = Doc()
    doc.heading(1, md(w.progress_title(ladder, name, p.lang)))
    doc.para(md(w.months_between(p)))
    doc.para("**" + md(w.verdict_line(p)) + "**")
    extra = [x for x in (w.tolerated_line(p), w.forecast_line(p), w.why_later_line(p, ladder), w.steps_line(p) if p.steps else None,
                         w.not_updated_line(p, ladder), w.progress_next_line(p), w.ladder_changed_line() if p.ladder_changed else None) if x]
    if extra:
        doc.para(" ".join(md(x) for x in extra))

    doc.heading(2, w._("Placement"))
    rows = [[w._("Best fit"), md(_placement(p.then, p)), md(_placement(p.now, p)) + " (" + md(w.moved_text(p.moved)) + ")"]]
    if p.target is not None:
        rows.append([md(w._("Fit to {title}").format(title=_target_title(p))), md(w.fit_counts(p.fit_then)), md(w.fit_counts(p.fit_now))])
        rows.append([w._("Ready by"), md(p.then_ready_by or w._("not estimated")),
                     md((p.now_ready_by or w._("not estimated")) if not p.reached else w._("reached"))])
    doc.table(["", w._("Then ({date})").format(date=p.then.assessed_on.isoformat()), w._("Now ({date})").format(date=p.now.assessed_on.isoformat())], rows)

    doc.heading(2, w._("What changed in your answers"))
    if p.changes:
        doc.bullets(md(w.change_text(c, ladder, p.lang)) for c in p.changes)
    else:
        doc.para(w._("Nothing: the two profiles give the same answers."))

    if p.target is not None:
        doc.heading(2, md(w._("Gaps to {title}").format(title=_target_title(p))))
        for label, items, fmt in ((w._("Closed"), p.closed, w.closed_line), (w._("New"), p.opened, w.gap_line)):
            if items:
                doc.para(f"{label} ({len(items)}):")
                doc.bullets(md(fmt(g)) for g in items)
        if p.still:
            doc.para(md(w.open_heading(p.reached, _target_title(p), markdown=True)) + f" ({len(p.still)}):")
            doc.bullets(md(w.still_line(then, now)) for then, now in p.still)

    if p.steps:
        doc.heading(2, w._("The roadmap planned on {date}").format(date=p.then.assessed_on.isoformat()))
        doc.para(md(w._("Ticked: done in the later profile.")))
        items = []
        for s in sorted(p.steps, key=_step_order):
            due = w._("due by {month}").format(month=s.due_by) if s.due_by else w._("no date")
            items.append(("[x] " if s.done else "[ ] ") + md(s.step.get("text") or s.step.get("id", "")) + " \u2014 "
                         + md(w.semicolons([w.step_state_text(s.state), due,
                                            w._("{name}: {need}").format(name=w._("now"), need=w.step_now_text(s, ladder))])))
        doc.bullets(items)

    if p.chart and p.target is not None:
        doc.heading(2, md(w.chart_title(_target_title(p))))
        doc.code("mermaid", mermaid_chart(list(p.chart), _target_title(p)))
        doc.table([w._("Date"), w._("Assessment"), w._("Met"), w._("Share"), w._("Best fit")],
                  [[pt.day.isoformat(), str(pt.id), f"{pt.met} / {pt.total}", f"{pt.percent} %", md(pt.best_fit or w.not_placed())]
                   for pt in sample(list(p.chart), MERMAID_POINTS)],
                  ["---", "--:", "--:", "--:", "---"])
    doc.para(md(w.judgment_note()))
    return doc.render()
