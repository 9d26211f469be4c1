"""The team report, drawn from one `team.Team`: terminal (Rich), Markdown (with a Mermaid chart), JSON, CSV.

The renderers compute nothing of their own beyond layout. Every name, file and title is
untrusted: `text.safe.text` for the terminal, `md` for Markdown, `text.safe.mermaid` inside
Mermaid, control and bidi characters escaped in JSON by `text.safe.dumps` (the data is unchanged
once parsed) and made visible in CSV, where a cell that a spreadsheet would run as a formula is neutralised.
Lists of people are cut at `LIMIT` rows in the terminal and in Markdown; JSON and CSV hold
everyone.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Callable, NamedTuple

from .. import __version__
from .. import words as w
from ..words import sheet as ws
from ..words import team as wt
from ..words import since as wsince
from ..engine.types import Kind
from ..text.safe import dumps as json_text
from ..text.safe import md_cell as md
from ..text.safe import mermaid as label
from ..text.safe import text as t
from ..text.safe import visible
from ..views.plan_data import atom_json, level_ref, num
from .markdown import Doc
from .team_since import markdown_since, print_since, since_json

TEAM_SCHEMA = 1
LIMIT = 50  # rows of people a section shows in the terminal and in Markdown
NAME_WHOLE = 20  # cells of a name the roster keeps on one line (judgment: most full names are shorter)
NAMES = 12  # names in one cell
BAR = 32
CLOSE_BUCKETS = ("now", "6", "12")  # the readiness groups shown with their limits, row by row


def _title(team, level_id) -> str:
    return team.ladder.level(level_id).title_in(team.lang) if level_id else w.team_not_placed()


def _names(team, ids) -> list[str]:
    return [team.people[i].label for i in ids]


def labeller(team):
    """`words.label` for the team's ladder and language, worked out once a requirement (a team repeats them)."""
    from functools import lru_cache

    ladder, lang = team.ladder, team.lang
    return lru_cache(maxsize=None)(lambda atom: w.label(atom, ladder, lang))


def notes(team) -> list[str]:
    ladder = team.ladder
    return [n for n in (w.judgment_note(), w.issuer_note(ladder), w.framework_note(ladder)) if n]


# --- terminal ---------------------------------------------------------------------------------


def print_team(console, team) -> None:
    from rich.panel import Panel
    from rich.text import Text

    ladder, lang = team.ladder, team.lang
    head = Text()
    head.append_text(t(w.team_counts(team.read, len(team.skipped), team.files), "bold"))
    head.append("\n")
    head.append_text(t(w.team_basis(team)))
    if team.read:
        head.append("\n")
        head.append_text(t(w.glance(team), "bold"))
        train = team.training(1)
        if train:
            head.append("\n")
            head.append_text(t(w.glance_training(train[0], ladder, lang)))
        if _has_jobs(team):
            head.append("\n")
            head.append_text(t(wt.roster_counts(team)))
    if team.warnings:
        head.append("\n")
        head.append_text(t(ws.cells_summary(len(team.warnings), team.warned), "yellow"))
    if team.title_warnings:
        head.append("\n")
        head.append_text(t(wt.title_warnings_heading(len(team.title_warnings)) + " \u2193", "yellow"))
    if team.anonymised:
        head.append("\n")
        head.append_text(t(w.team_anonymised(), "dim"))
    title = t(w.team_heading(ladder, lang), "bold")
    title.append_text(t(f" ({ladder.id})", "dim"))
    console.print(Panel(head, title=title, title_align="left", border_style="blue"))

    if team.groups:
        _print_groups(console, team)
        for key, group in team.groups:
            console.rule(t(wt.group_heading(team.by, key), "bold"), align="left", style="blue")
            console.print(t(wt.group_summary(_group_name(team, key), group), "bold"))
            console.print()
            _print_body(console, group)
            _print_agreement(console, group)  # the second opinion, department by department
    else:
        _print_body(console, team)
    _print_succession(console, team)
    print_since(console, team)
    _print_agreement(console, team)

    if team.title_warnings:
        console.print(Text(wt.title_warnings_heading(len(team.title_warnings)), style="bold yellow"))
        console.print(t(wt.title_warnings_note(), "dim"))
        for i in team.title_warnings[:LIMIT]:
            console.print(t(wt.title_warning(team, team.people[i])))
        console.print()
    if team.skipped:
        console.print(Text(f"{w.skipped_heading()} ({len(team.skipped)})", style="bold red"))
        console.print(t(w.skipped_note(len(team.skipped)), "dim"))
        for s in team.skipped[:LIMIT]:
            for line in _problem_lines(s):
                console.print(t(line))
        if len(team.skipped) > LIMIT:
            console.print(t(w.more_rows(len(team.skipped) - LIMIT), "dim"))
        console.print()
    if team.warnings:
        console.print(Text(f"{ws.cells_heading()} ({len(team.warnings)})", style="bold yellow"))
        console.print(t(ws.cells_note(), "dim"))
        for n in team.warnings[:LIMIT]:
            console.print(t(ws.cell_line(n)))
        if len(team.warnings) > LIMIT:
            console.print(t(w.more_rows(len(team.warnings) - LIMIT), "dim"))
        console.print()
    for note in notes(team):
        console.print(t(note, "dim"))


def _has_jobs(team) -> bool:
    return any(p.current or p.current_text for p in team.people)


def _group_name(team, key) -> str:
    return key if key is not None else wt.group_heading(team.by, None)


def _print_groups(console, team) -> None:
    """The subtotals: one row a group."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(wt.groups_heading(team.by), style="bold blue"))
    table = Table(show_edge=False, pad_edge=False)
    for head, justify in _group_columns(team):
        table.add_column(head, justify=justify, no_wrap=justify == "left" and head == _group_columns(team)[0][0], overflow="fold")
    for row in _group_rows(team):
        table.add_row(*(t(c) for c in row))
    console.print(table)
    console.print()


def _group_columns(team) -> list[tuple[str, str]]:
    return [(wt.groups_heading(team.by), "left"), (w._("People"), "right"), (w.bucket_name("now"), "right"),
            (w.bucket_name("6"), "right"), (w.bucket_name("12"), "right"), (w.bucket_name("later"), "right"),
            (w._("Above their job"), "right"), (w._("Below their job"), "right")]


def _group_rows(team) -> list[list[str]]:
    """Subtotals of each group, then the whole team."""
    def row(name, g):
        working = [g.working(p) for p in g.people]
        return [name, str(g.read), *(str(len(g.ready[b])) for b in ("now", "6", "12", "later")),
                str(working.count("above")), str(working.count("below"))]
    return [row(_group_name(team, key), g) for key, g in team.groups] + [row(w._("Whole team"), team)]


def _print_body(console, team) -> None:
    """Everything the report shows of one team (or of one group of it)."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    ladder, lang = team.ladder, team.lang
    # level spread
    console.print(Text(w.spread_heading(), style="bold blue"))
    spread = Table(box=None, show_header=False, pad_edge=False)
    spread.add_column(overflow="fold")
    spread.add_column(no_wrap=True)
    top = max((n for _lv, n in team.spread), default=0) or 1
    total = team.read or 1
    for level, n in team.spread:
        bar = Text("\u2588" * (max(1, round(BAR * n / top)) if n else 0), style="green" if level else "yellow")
        bar.append(f" {n}" + (f"  ({round(100 * n / total)}%)" if n else ""), style="" if n else "dim")
        spread.add_row(t(level.title_in(lang) if level else w.team_not_placed(), "" if n else "dim"), bar)
    console.print(spread)
    console.print()

    # roster
    if team.read:
        console.print(Text(wt.roster_heading(), style="bold blue"))
        console.print(t(wt.roster_note(team, _has_jobs(team)), "dim"))
        table = Table(show_edge=False, pad_edge=False)
        for head in _roster_heads(team):  # a name up to NAME_WHOLE cells stays on one line; a longer one may wrap
            table.add_column(head, min_width=NAME_WHOLE if head == w._("Name") else None, overflow="fold")
        table.columns[0].soft_max = NAME_WHOLE  # a long name wraps before the titles and dates beside it do
        for row in _roster_rows(team):
            table.add_row(*(t(c) for c in row))
        console.print(table)
        if len(team.roster) > LIMIT:
            console.print(t(w.more_rows(len(team.roster) - LIMIT), "dim"))
        console.print()

    # readiness
    console.print(Text(w.ready_heading(), style="bold blue"))
    assumed = _assumed(team)
    if assumed:
        console.print(t(wt.assumed_note(assumed), "dim"))
    for bucket in team.ready:
        ids = team.ready[bucket]
        if not ids:
            continue
        heading = Text(f"{w.bucket_name(bucket)} ({len(ids)})", style="bold green" if bucket in CLOSE_BUCKETS else "bold")
        console.print(heading)
        note = w.bucket_note(bucket)
        if note:
            console.print(t(note, "dim"))
        if bucket in CLOSE_BUCKETS or bucket == "later":
            for i in ids[:LIMIT]:
                p = team.people[i]
                line = Text()  # indented as a block, so a line that wraps stays under the name
                line.append_text(t(p.label, "bold"))
                line.append("  ")
                line.append_text(t(_title(team, p.best)))
                line.append(" \u2192 ", style="dim")
                line.append_text(t(wt.next_title(team, p), "bold"))
                line.append(f"  {w.ready_by(team, p)}", style="green" if bucket in CLOSE_BUCKETS else "")
                console.print(Padding(line, (0, 0, 0, 2), expand=False))
                console.print(Padding(t(w.person_limits(p, ladder, lang), "dim"), (0, 0, 0, 4), expand=False))
        else:
            _print_names(console, "", _names(team, ids), LIMIT, 2)
        if len(ids) > LIMIT and (bucket in CLOSE_BUCKETS or bucket == "later"):
            console.print(t(w.more_rows(len(ids) - LIMIT), "dim"))
        console.print()

    # gaps
    rows = team.gap_rows
    if rows:
        table = Table(title=t(w.gaps_heading(team)), title_justify="left", title_style="bold blue", show_edge=False, pad_edge=False)
        table.add_column(w._("requirement"), overflow="fold", ratio=3)
        table.add_column(w._("kind"), overflow="fold")
        table.add_column(w._("people"), justify="right")
        table.add_column(w._("short by"), overflow="fold", ratio=3)
        for g in rows:
            table.add_row(t(w.label(g.atom, ladder, lang), "bold"), t(w.gap_kind(g, ladder)), str(g.count), t(w.shortfall_text(g, ladder)))
        console.print(table)
        console.print()
    train = team.training()
    if train:
        console.print(Text(w.training_heading(), style="bold blue"))
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(justify="right", style="bold")
        table.add_column(overflow="fold")
        for n, g in enumerate(train, 1):
            table.add_row(f"{n}.", t(w.training_line(g, ladder, lang)))
        console.print(table)
        console.print()

    # certifications
    certs = _pipeline(team)
    if certs:
        console.print(Text(w.pipeline_heading(), style="bold blue"))
        console.print(t(w.pipeline_note(certs), "dim"))
        for c in certs:
            line = t(w.cert_name(ladder, c.cert, lang), "bold")
            line.append_text(t("  " + w.pipeline_counts(c), "cyan"))
            console.print(line)
            for what, names in _pipeline_names(team, c):
                _print_names(console, w._("{name}: {need}").format(name=what, need=""), names, NAMES, 2)
        console.print()

    # unanswered
    if team.questions:
        console.print(Text(w.questions_heading(), style="bold blue"))
        console.print(t(w.questions_note(), "dim"))
        for q in team.questions:
            what = w.label(q.atom, ladder, lang) if q.key != "certifications" else w._("Certifications")
            _print_names(console, what + w._(" ({n}): {names}").format(n=len(q.people), names=""), _names(team, q.people), NAMES, 0)
        console.print()


def _print_names(console, prefix: str, names: list[str], limit: int, indent: int) -> None:
    """`prefix` and a list of names, wrapped between names only: a name is never broken across lines
    (one longer than the line is folded, as it must be)."""
    from rich.cells import cell_len
    from rich.text import Text

    items = list(names[:limit])
    sep = w.C_("list", ", ")
    pieces = [n + (sep if k < len(items) - 1 else "") for k, n in enumerate(items)]
    if len(names) > limit:
        pieces[-1] += " "
        pieces.append(w.and_more(len(names) - limit))
    width = max(20, console.width - indent)
    lines: list[str] = []
    line = prefix
    for piece in pieces:
        if line.strip() and cell_len(line + piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = "  "
        line += piece
    lines.append(line.rstrip())
    for k, text in enumerate(lines):
        out = Text(" " * indent)
        if k == 0 and prefix:
            out.append_text(t(prefix.rstrip() + " ", "dim"))
            out.append_text(t(text[len(prefix):]))
        else:
            out.append_text(t(text))
        console.print(out, overflow="fold")


def _roster_heads(team) -> list[str]:
    heads = [w._("Name"), w._("Current title"), w._("Placement"), w._("Working"), w._("Next title"), w._("Ready by"),
             w._("What sets the date")]
    return _roster_cells(team, heads)


def _roster_cells(team, cells: list, jobs: bool | None = None) -> list:
    """A roster row as shown: without the current title and working columns when nobody's job is known (all dashes).
    `jobs`: `_has_jobs(team)` when the caller has worked it out already (once for all the rows)."""
    return cells if (_has_jobs(team) if jobs is None else jobs) else [c for k, c in enumerate(cells) if k not in (1, 3)]


def _roster_rows(team, limit: int | None = LIMIT) -> list[list[str]]:
    """One row a person, in roster order: the same cells in the terminal and in Markdown."""
    ladder, lang = team.ladder, team.lang
    jobs = _has_jobs(team)
    out = []
    for i in team.roster[:limit]:
        p = team.people[i]
        out.append(_roster_cells(team, [p.label, wt.current_title_text(team, p), _title(team, p.best),
                                        wt.working_text(team.working(p)), wt.next_title(team, p) if p.target else
                                        w.bucket_name(p.ready), w.ready_by(team, p), wt.date_setter(p, ladder, lang) or "\u2014"], jobs))
    return out


def _assumed(team) -> int:
    """People whose date (shown in the readiness lists) assumes unanswered requirements are met."""
    return sum(1 for b in ("now", "6", "12", "later") for i in team.ready[b] if team.people[i].answers)


def _pipeline(team) -> list:
    return [c for c in team.certs if c.holders or c.eligible or c.soon or c.planned]


def _print_succession(console, team) -> None:
    from rich.text import Text

    if not team.succession:
        return
    console.print(Text(wt.succession_heading(), style="bold blue"))
    console.print(t(wt.succession_note(team), "dim"))
    for level in team.succession:
        rows = team.successors(level.id)
        line = t(level.title_in(team.lang), "bold")
        line.append_text(t("  " + wt.succession_count(rows), "cyan"))
        console.print(line)
        said = None
        for when, name, by, gap in _succession_rows(team, rows):
            if when != said:
                console.print(t("  " + when, "dim"))
                said = when
            line = Text("    ")
            line.append_text(t(name, "bold"))
            line.append_text(t("  " + by))
            if gap:
                line.append_text(t("  " + gap, "dim"))
            console.print(line)
    console.print()


def _succession_rows(team, rows: dict, limit: int = LIMIT) -> list[list[str]]:
    """(when, name, by, what stands in the way) for one title: the same cells in the terminal and in Markdown."""
    out = []
    for bucket in ("now", "12", "24"):
        for i, cand in rows[bucket][:limit]:
            p = team.people[i]
            by = w._("already there") if cand.there else wt.by_month(team.today, cand.eta)
            out.append([wt.succession_bucket(bucket), p.label, by, wt.candidate_gap(cand, team.ladder, team.lang)])
        if len(rows[bucket]) > limit:
            out.append([wt.succession_bucket(bucket), w.and_more(len(rows[bucket]) - limit), "", ""])
    return out


def _pipeline_names(team, c) -> list[tuple[str, list[str]]]:
    """(what, names) for one certification: who holds it, may sit it now, becomes eligible (by when), has it on their roadmap (earned by when)."""
    dated = lambda pairs: _dated(team, pairs)  # noqa: E731
    out = []
    for what, names in ((w._("holds"), _names(team, c.holders)),
                        (w._("eligible now"), [] if c.no_prerequisite else _names(team, c.eligible)),
                        (w._("eligible within 12 months"), dated(c.soon)),
                        (w._("on their roadmap, earned by"), dated(c.planned))):
        if names:
            out.append((what, names))
    return out


def _dated(team, pairs) -> list[str]:
    """`Omar Saleh (2027-03)`: a person and the month, for the pipeline."""
    return [w._("{name} ({month})").format(name=team.people[i].label, month=w.month_of(team.today, m) or w._("not dated")) for i, m in pairs]


def _problem_lines(s, limit: int = 3) -> list[str]:
    lines = [str(p) for p in s.problems[:limit]]
    if len(s.problems) > limit:
        lines.append(f"{s.source}: " + w.and_more(len(s.problems) - limit))
    return lines


# --- Markdown ---------------------------------------------------------------------------------


def team_markdown(team) -> str:
    ladder, lang = team.ladder, team.lang
    doc = Doc()
    doc.heading(1, md(w.team_heading(ladder, lang)))
    lines = [md(w.team_counts(team.read, len(team.skipped), team.files)), md(w.team_basis(team))]
    if team.read:
        lines.append(md(w.glance(team)))
        train = team.training(1)
        if train:
            lines.append(md(w.glance_training(train[0], ladder, lang)))
        if _has_jobs(team):
            lines.append(md(wt.roster_counts(team)))
    if team.warnings:
        lines.append(md(ws.cells_summary(len(team.warnings), team.warned)))
    if team.anonymised:
        lines.append(md(w.team_anonymised()))
    lines.append(w._("Ladder: {name} ({id}). Prepared on {date} with pmladder {version}.").format(
        name=md(ladder.name_in(lang)), id=md(ladder.id), date=team.today.isoformat(), version=__version__))
    doc.para(" ".join(lines))

    if team.groups:
        doc.heading(2, md(wt.groups_heading(team.by)))
        heads = _group_columns(team)
        doc.table([md(h) for h, _j in heads], [[md(c) for c in row] for row in _group_rows(team)],
                  ["---" if j == "left" else "--:" for _h, j in heads])
        for key, group in team.groups:
            doc.heading(2, md(wt.group_heading(team.by, key)))
            doc.para(md(wt.group_summary(_group_name(team, key), group)))
            _markdown_body(doc, group, 3)
            _markdown_agreement(doc, group, 3)
    else:
        _markdown_body(doc, team, 2)
    _markdown_succession(doc, team)
    markdown_since(doc, team)
    _markdown_agreement(doc, team, 2)

    if team.title_warnings:
        doc.heading(2, md(wt.title_warnings_heading(len(team.title_warnings))))
        doc.para(md(wt.title_warnings_note()))
        doc.bullets(md(wt.title_warning(team, team.people[i])) for i in team.title_warnings[:LIMIT])
    if team.skipped:
        doc.heading(2, md(f"{w.skipped_heading()} ({len(team.skipped)})"))
        doc.para(md(w.skipped_note(len(team.skipped))))
        doc.bullets(md(line) for s in team.skipped[:LIMIT] for line in _problem_lines(s))
        if len(team.skipped) > LIMIT:
            doc.para(md(w.more_rows(len(team.skipped) - LIMIT)))

    if team.warnings:
        doc.heading(2, md(f"{ws.cells_heading()} ({len(team.warnings)})"))
        doc.para(md(ws.cells_note()))
        doc.bullets(md(ws.cell_line(n)) for n in team.warnings[:LIMIT])
        if len(team.warnings) > LIMIT:
            doc.para(md(w.more_rows(len(team.warnings) - LIMIT)))

    doc.heading(2, w._("About this report"))
    doc.para(" ".join(md(n) for n in notes(team)))
    return doc.render()


def _markdown_body(doc, team, h: int) -> None:
    """The sections of one team (or one group of it), headings from level `h`."""
    ladder, lang = team.ladder, team.lang
    doc.heading(h, md(w.spread_heading()))
    total = team.read or 1
    doc.table([w._("Title"), w._("People"), w._("Share")],
              [[md(lv.title_in(lang)) if lv else md(w.team_not_placed()), str(n), f"{round(100 * n / total)}%"] for lv, n in team.spread],
              ["---", "--:", "--:"])
    slices = [(lv.title_in(lang) if lv else w.team_not_placed(), n) for lv, n in team.spread if n]
    if slices and h == 2:  # one chart, for the whole team
        body = ["pie showData", f"    title {label(w.spread_heading())}"]
        body += [f'    "{label(name)}" : {n}' for name, n in slices]
        doc.code("mermaid", "\n".join(body))

    if team.read:
        doc.heading(h, md(wt.roster_heading()))
        doc.para(md(wt.roster_note(team, _has_jobs(team))))
        doc.table(_roster_heads(team), [[md(c) for c in row] for row in _roster_rows(team)])
        if len(team.roster) > LIMIT:
            doc.para(md(w.more_rows(len(team.roster) - LIMIT)))

    doc.heading(h, md(w.ready_heading()))
    assumed = _assumed(team)
    if assumed:
        doc.para(md(wt.assumed_note(assumed)))
    for bucket, ids in team.ready.items():
        if not ids:
            continue
        doc.heading(h + 1, md(f"{w.bucket_name(bucket)} ({len(ids)})"))
        note = w.bucket_note(bucket)
        if note:
            doc.para(md(note))
        if bucket in CLOSE_BUCKETS or bucket == "later":
            rows = []
            for i in ids[:LIMIT]:
                p = team.people[i]
                rows.append([md(p.label), md(_title(team, p.best)), md(wt.next_title(team, p)), md(w.ready_by(team, p)),
                             md(w.person_limits(p, ladder, lang))])
            doc.table([w._("Name"), w._("Now"), w._("Next"), w._("Ready by"), w._("What stands in the way")], rows)
            if len(ids) > LIMIT:
                doc.para(md(w.more_rows(len(ids) - LIMIT)))
        else:
            doc.para(md(w.names_list(_names(team, ids), LIMIT)))

    rows = team.gap_rows
    if rows:
        doc.heading(h, md(w.gaps_heading(team)))
        doc.table([w._("Requirement"), w._("Kind"), w._("People"), w._("Short by"), w._("How to close it")],
                  [[md(w.label(g.atom, ladder, lang)), md(w.gap_kind(g, ladder)), str(g.count), md(w.shortfall_text(g, ladder)),
                    md(w.gap_how(g, ladder, lang))] for g in rows],
                  ["---", "---", "--:", "---", "---"])
    train = team.training()
    if train:
        doc.heading(h, md(w.training_heading()))
        doc.bullets((md(w.training_line(g, ladder, lang)) for g in train), prefix="1. ")

    certs = _pipeline(team)
    if certs:
        doc.heading(h, md(w.pipeline_heading()))
        doc.para(md(w.pipeline_note(certs)))
        doc.table([w._("Certification"), w._("Holds"), w._("Eligible now"), w._("Within 12 months"), w._("On their roadmap, earned by")],
                  [_pipeline_cells(team, c) for c in certs])

    if team.questions:
        doc.heading(h, md(w.questions_heading()))
        doc.para(md(w.questions_note()))
        doc.table([w._("Question"), w._("People"), w._("Who")],
                  [[md(w.label(q.atom, ladder, lang) if q.key != "certifications" else w._("Certifications")), str(len(q.people)),
                    md(w.names_list(_names(team, q.people), NAMES))] for q in team.questions],
                  ["---", "--:", "---"])


def _markdown_succession(doc, team) -> None:
    if not team.succession:
        return
    doc.heading(2, md(wt.succession_heading()))
    doc.para(md(wt.succession_note(team)))
    for level in team.succession:
        rows = team.successors(level.id)
        doc.heading(3, md(level.title_in(team.lang)))
        doc.para(md(wt.succession_count(rows)))
        found = _succession_rows(team, rows)
        if found:
            doc.table([w._("When"), w._("Name"), w._("By"), w._("What stands in the way")], [[md(c or "\u2014") for c in row] for row in found])


def _pipeline_cells(team, c) -> list[str]:
    """A certification's row: the same people and months the terminal lists under it."""
    soon, planned = _dated(team, c.soon), _dated(team, c.planned)
    return [md(w.cert_name(team.ladder, c.cert, team.lang)), _md_names(_names(team, c.holders)),
            md(w.anyone()) if c.no_prerequisite else _md_names(_names(team, c.eligible)), _md_names(soon), _md_names(planned)]


def _md_names(names: list[str]) -> str:
    if not names:
        return "\u2014"
    return f"{len(names)}: " + md(w.names_list(names, NAMES))


# --- JSON -------------------------------------------------------------------------------------


def _ref(team, level) -> dict | None:
    return level_ref(team.ladder.level(level) if isinstance(level, str) else level, team.lang)


def _need(atom):
    return None if atom.kind == Kind.ALT else atom_json(atom)["need"]


def _person_json(team, i: int, p) -> dict:
    ladder, lang = team.ladder, team.lang
    return {
        "id": i,
        "name": p.label,
        "name_as_given": p.name,
        "file": p.source or None,
        "best_fit": _ref(team, p.best),
        "fully_met": _ref(team, p.fully),
        "could_be": _ref(team, p.could_be),
        "target": _ref(team, p.target),
        "readiness": p.ready,
        "eta_months": p.months,
        "ready_by": w.month_of(team.today, p.months),
        "stands_in_the_way": w.person_limits(p, ladder, lang),
        "limited_by": [{"kind": s.kind, "key": s.key, "text": w.step_text(s, ladder, lang), "done_month": s.end} for s in p.limits],
        "new_role": [{"key": s.key, "need": num(s.need), "text": w.role_text(s, ladder, lang)} for s in p.roles],
        "assumes_answered": [{"kind": a.kind, "key": a.key, "label": w.label(a, ladder, lang)} for a in p.answers],
        "education_in_the_way": p.education,
        "gaps": [{"kind": g.atom.kind, "key": g.atom.key, "state": g.state, "have": num(g.have), "need": _need(g.atom)}
                 for g in p.gaps],
        "certifications": list(p.held),
        "eligible_now": list(p.eligible),
        "eligible_within_12_months": [{"cert": c, "month": m, "by": w.month_of(team.today, m)} for c, m in p.soon],
        "certifications_planned": [{"cert": c, "done_month": m, "done_by": w.month_of(team.today, m)} for c, m in p.planned],
        "unanswered": [key for key, _atom in p.unknown],
        "other_certifications": list(p.other_certs),
        "current_title": {"as_given": p.current_text, "level": _ref(team, p.current)} if p.current_text else None,
        "department": p.department,
        "manager": p.manager,
        "working": team.working(p),
        "next_title_text": wt.next_title(team, p),
        "date_set_by": wt.date_setter(p, ladder, lang) or None,
    }


def _working_counts(team) -> dict:
    counts = Counter(team.working(p) or "unknown" for p in team.people)
    return {k: counts.get(k, 0) for k in ("above", "at", "below", "unknown")}


def _succession_json(team, level) -> dict:
    rows = team.successors(level.id)
    names = {"now": "now", "12": "within_12_months", "24": "within_24_months"}
    out = {"level": _ref(team, level), "text": wt.succession_count(rows)}
    for bucket, key in names.items():
        out[key] = [{"person": i, "already_there": c.there, "eta_months": c.eta, "by": wt.by_month(team.today, c.eta),
                     "unanswered": c.answers,
                     "gap": None if c.gap is None else {"kind": c.gap.atom.kind, "key": c.gap.atom.key, "state": c.gap.state,
                                                        "have": num(c.gap.have), "need": _need(c.gap.atom), "done_month": c.done},
                     "stands_in_the_way": wt.candidate_gap(c, team.ladder, team.lang) or None} for i, c in rows[bucket]]
    return out


def _groups_json(team) -> dict | None:
    """Each group's subtotals and summary line; its people as indexes into the whole team's `people`."""
    if not team.groups:
        return None
    index = {(p.source, p.label): i for i, p in enumerate(team.people)}
    return {"by": team.by, "groups": [
        {"name": key, "summary": wt.group_summary(_group_name(team, key), g), "people": [index[(p.source, p.label)] for p in g.people],
         "read": g.read, "readiness": {b: len(ids) for b, ids in g.ready.items()}, "current_job": _working_counts(g),
         "spread": [{"level": _ref(g, lv), "people": n} for lv, n in g.spread],
         "gaps": [{"kind": x.kind, "key": x.key, "count": x.count} for x in g.gap_rows],
         "reviews": _agreement_json(g, [index[(p.source, p.label)] for p in g.people])} for key, g in team.groups]}


def _agreement_json(team, index: list[int]) -> dict:
    """Agreement per competency and who has no review; people as indexes into the whole team (`index`: the team's
    own position -> the whole team's)."""
    return {"agreement": [{"id": k, "reviewed": n, "apart": apart} for k, n, apart in team.agreement],
            "no_review": [index[i] for i in team.unreviewed], "text": _agreement_lines(team)}


def _markdown_agreement(doc, team, level: int) -> None:
    if team.agreement or team.unreviewed:
        doc.heading(level, md(wt.agreement_heading()))
        doc.bullets(md(line) for line in _agreement_lines(team))


def _agreement_lines(team) -> list[str]:
    """Per competency a review rates: reviewed and two steps or more apart; then who has no review yet."""
    out = [wt.agreement_line(w.skill_name(team.ladder, k, team.lang), n, apart) for k, n, apart in team.agreement]
    if team.unreviewed:
        names = [team.people[i].label or team.people[i].name or "?" for i in team.unreviewed]
        out.append(wt.unreviewed_line(names[:LIMIT] + ([w.and_more(len(names) - LIMIT)] if len(names) > LIMIT else [])))
    return out


def _print_agreement(console, team) -> None:
    from rich.text import Text

    if not (team.agreement or team.unreviewed):
        return
    console.print(Text(wt.agreement_heading(), style="bold blue"))
    for line in _agreement_lines(team):
        console.print(t("  " + line))
    console.print()


class Each(NamedTuple):
    """A list of `team_json` made item by item as `dump_parts` writes it (the people of a team of 100,000)."""

    count: int
    make: Callable  # () -> an iterator of the items


def team_json(team, each: bool = False) -> dict:
    """The team as JSON data; `each`: the people as an `Each`, made one by one as they are written."""
    ladder, lang = team.ladder, team.lang
    return {
        "schema_version": TEAM_SCHEMA,
        "ladder": {"id": ladder.id, "name": ladder.name_in(lang), "version": ladder.version, "loaded_from": team.origin},
        "today": team.today.isoformat(),
        "target": _ref(team, team.target),
        "pace": team.pace,
        "anonymised": team.anonymised,
        "counts": {"files": team.files, "read": team.read, "skipped": len(team.skipped)},
        "text": {"counts": w.team_counts(team.read, len(team.skipped), team.files), "basis": w.team_basis(team),
                 "warnings": ws.cells_summary(len(team.warnings), team.warned) if team.warnings else None},
        "spread": [{"level": _ref(team, lv), "people": n} for lv, n in team.spread],
        "readiness": [{"bucket": b, "title": w.bucket_name(b), "people": list(ids)} for b, ids in team.ready.items()],
        "gaps": [{"kind": g.kind, "key": g.key, "label": w.label(g.atom, ladder, lang), "category": w.gap_kind(g, ladder),
                  "trainable": g.trainable(ladder), "people": [i for i, *_rest in g.people], "count": g.count,
                  "short_by": {str(num(k)): n for k, n in sorted(g.shortfalls().items())}, "short_by_text": w.shortfall_text(g, ladder),
                  "how": w.gap_how(g, ladder, lang)} for g in team.gaps],
        "training": [{"kind": g.kind, "key": g.key, "text": w.training_line(g, ladder, lang)} for g in team.training()],
        "certifications": [{"id": c.cert, "name": w.cert_name(ladder, c.cert, lang), "holders": list(c.holders),
                            "no_prerequisite": c.no_prerequisite, "eligible_now": list(c.eligible),
                            "eligible_within_12_months": [{"person": i, "month": m} for i, m in c.soon],
                            "planned": [{"person": i, "done_month": m} for i, m in c.planned]} for c in team.certs],
        "unanswered": [{"key": q.key, "label": w.label(q.atom, ladder, lang) if q.key != "certifications" else w._("Certifications"),
                        "people": list(q.people)} for q in team.questions],
        "people": Each(len(team.people), lambda: (_person_json(team, i, p) for i, p in enumerate(team.people))) if each
        else [_person_json(team, i, p) for i, p in enumerate(team.people)],
        "roster": list(team.roster),
        "current_job": _working_counts(team),
        "title_warnings": [{"person": i, "text": wt.title_warning(team, team.people[i]),
                            "did_you_mean": _ref(team, team.people[i].current_hint)} for i in team.title_warnings],
        "assumed_answered": {"people": _assumed(team), "text": wt.assumed_note(_assumed(team))},
        "pipeline_note": w.pipeline_note(_pipeline(team)),
        "succession": [_succession_json(team, level) for level in team.succession],
        "groups": _groups_json(team),
        "since": since_json(team),
        "reviews": _agreement_json(team, list(range(len(team.people)))),
        "skipped": [{"file": s.source, "problems": [str(p) for p in s.problems]} for s in team.skipped],
        "warnings": [{"person": n.person, "file": n.file or None, "row": n.row, "column": n.column, "value": n.value,
                      "expected": n.expected} for n in team.warnings],
        "empty_folders": list(team.empty),
        "notes": notes(team),
    }


def dumps(data: dict) -> str:
    """JSON text: the top level one key a line, long lists one item a line (quick to write, easy to grep and diff);
    each piece written by `text.safe.dumps`, so every character a terminal would act on is a \\u escape."""
    return "".join(dump_parts(data))


def json_parts(team):
    """The JSON report in pieces, each person's entry made as it is written (`dumps(team_json(team))`, the same text)."""
    return dump_parts(team_json(team, each=True))


def dump_parts(data: dict, rows: int = 1000):
    """`dumps` in pieces: an `Each` list is written `rows` items a piece."""
    yield "{\n"
    for k, (key, value) in enumerate(data.items()):
        head = ("  " if k == 0 else ",\n  ") + json_text(key) + ": "
        if isinstance(value, Each) and value.count:
            piece = [head + "[\n"]
            for n, item in enumerate(value.make()):
                piece.append(("    " if n == 0 else ",\n    ") + json_text(item, indent=None))
                if len(piece) >= rows:
                    yield "".join(piece)
                    piece = []
            yield "".join(piece) + "\n  ]"
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join("    " + json_text(v, indent=None) for v in value)
            yield f"{head}[\n{items}\n  ]"
        else:
            yield head + json_text([] if isinstance(value, Each) else value, indent=None)
    yield "\n}\n"


# --- CSV --------------------------------------------------------------------------------------

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: controls made visible, a would-be formula prefixed with '."""
    if type(value) is str and value.isascii() and value.isprintable():  # most cells: nothing to make visible
        return "'" + value if value.startswith(FORMULA) or value.lstrip(" ").startswith(FORMULA) else value
    return cell_long(value)


def cell_long(value) -> str:
    """`cell` for any value, the long way (what its quick path for plain ASCII text must agree with)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(num(value))
    text = str(value)
    if text.startswith(FORMULA) or text.lstrip(" ").startswith(FORMULA):
        text = "'" + text
    return visible(text)


REMEMBERED = 4096  # texts a report remembers of each kind (a team of 100,000 writes its CSV in bounded memory)


def by_identity(make: Callable) -> Callable:
    """`make(x)`, remembered for the object `x` itself: the team shares the equal parts of its people (views.team_keep),
    so the same tuple of gaps or steps is drawn once for everyone who has it. Kept beside its text, the object keeps its
    id its own; at most REMEMBERED are remembered, the rest drawn each time."""
    memo: dict = {}

    def get(x):
        got = memo.get(id(x))
        if got is not None and got[0] is x:
            return got[1]
        text = make(x)
        if len(memo) < REMEMBERED:
            memo[id(x)] = (x, text)
        return text

    return get


def by_value(make: Callable) -> Callable:
    """`make(x)` remembered for a small value (a level id, a bucket, a number of months), told apart by type too."""
    memo: dict = {}

    def get(x):
        key = (type(x), x)
        got = memo.get(key)
        if got is None:
            got = make(x)
            if len(memo) < REMEMBERED:
                memo[key] = got
        return got

    return get


CSV_COLUMNS = ("name", "file", "status", "best_fit", "fully_meets", "next_title", "readiness", "ready_by", "eta_months",
               "stands_in_the_way", "certifications", "eligible_now", "eligible_within_12_months", "unanswered", "gaps",
               "current_title", "working", "date_set_by", "department", "manager", "roster_position", "problems")


def team_csv(team) -> str:
    return "".join(csv_parts(team))


def csv_parts(team, rows: int = 1000):
    """The CSV export in pieces of `rows` rows, so a team of 100,000 is written without the whole text in memory."""
    ladder, lang, today = team.ladder, team.lang, team.today
    name_of = labeller(team)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")

    def piece() -> str:
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    # what many people share is drawn once, and made a cell once: by the shared object (gaps, steps, lists) or by its
    # value (titles, months)
    title = by_value(lambda level_id: cell(_title(team, level_id)))
    bucket = by_value(lambda b: cell(w.bucket_name(b)))
    month = by_value(lambda m: cell(w.month_of(today, m) or ""))
    number = by_value(cell)
    state = by_value(w.state_text)
    gaps_text = by_identity(lambda gaps: cell(w.semicolons(f"{name_of(g.atom)} ({state(g.state)})" for g in gaps)))
    soon_text = by_identity(lambda soon: cell(";".join(f"{c} ({w.month_of(today, m)})" for c, m in soon)))
    joined = by_identity(lambda items: cell(";".join(items)))
    questions = by_identity(lambda unknown: cell(";".join(q for q, _a in unknown)))
    steps: dict = {}  # (limits, roles, answers) by identity, education -> the cells: what stands in the way, what sets the date

    def stands(p) -> tuple[str, str]:
        key = (id(p.limits), id(p.roles), id(p.answers), p.education)
        got = steps.get(key)
        if got is None or got[0] is not p.limits or got[1] is not p.roles or got[2] is not p.answers:
            got = (p.limits, p.roles, p.answers, cell(w.person_limits(p, ladder, lang)), cell(wt.date_setter(p, ladder, lang)))
            if len(steps) < REMEMBERED:
                steps[key] = got
        return got[3], got[4]

    since = team.since  # with --since, one more column: what changed for each person
    writer.writerow(CSV_COLUMNS + (("since",) if since is not None else ()))
    unread: dict = {}
    for n in team.warnings:
        unread.setdefault(n.person, []).append(ws.cell_line(n))
    position = {i: n for n, i in enumerate(team.roster, 1)}
    for k, p in enumerate(team.people):
        limits, setter = stands(p)
        months = p.months
        row = [cell(p.label), cell(p.source), "read", title(p.best), title(p.fully) if p.fully else "",
               title(p.target) if p.target else "", bucket(p.ready), month(months), number(months),
               limits if p.target else "", joined(p.held), joined(p.eligible), soon_text(p.soon), questions(p.unknown),
               gaps_text(p.gaps), cell(wt.current_title_text(team, p)) if p.current_text else "",
               number(team.working(p) or ""), setter, cell(p.department) if p.department else "",
               cell(p.manager) if p.manager else "", cell(position[k]), cell(" | ".join(unread[p.label])) if p.label in unread else ""]
        if since is not None:
            row.append(cell(" | ".join(wsince.person_changes(since, p.label, ladder, lang))))
        writer.writerow(row)
        if k % rows == rows - 1:
            yield piece()
    for s in team.skipped:
        writer.writerow([cell(v) for v in ["", s.source, "skipped", "", "", "", "", "", None, "", "", "", "", "", "",
                                            "", "", "", "", "", None, " | ".join(str(p) for p in s.problems)]
                         + ([""] if since is not None else [])])
    yield piece()


# --- progress on standard error ---------------------------------------------------------------


class Progress:
    """A progress bar on stderr, shown only when enabled and once the run takes more than a moment."""

    DELAY = 0.4  # seconds before the bar appears

    def __init__(self, enabled: bool):
        import time

        self.enabled, self.started, self.bar, self.task = enabled, time.monotonic(), None, None

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        import time

        if self.bar is None:
            if time.monotonic() - self.started < self.DELAY or done >= total:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

            from .terminal import make_console

            self.bar = Bar(TextColumn(w._("Reading profiles")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                           console=make_console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
