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

from .. import __version__
from .. import words as w
from ..words import sheet as ws
from ..engine.types import Kind
from ..text.safe import dumps as json_text
from ..text.safe import md_cell as md
from ..text.safe import mermaid as label
from ..text.safe import text as t
from ..text.safe import visible
from ..views.plan_data import atom_json, level_ref, num
from .markdown import Doc

TEAM_SCHEMA = 1
LIMIT = 50  # rows of people a section shows in the terminal and in Markdown
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
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
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
    if team.warnings:
        head.append("\n")
        head.append_text(t(ws.cells_summary(len(team.warnings), team.warned), "yellow"))
    if team.anonymised:
        head.append("\n")
        head.append_text(t(w.team_anonymised(), "dim"))
    title = t(w.team_heading(ladder, lang), "bold")
    title.append_text(t(f" ({ladder.id})", "dim"))
    console.print(Panel(head, title=title, title_align="left", border_style="blue"))

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

    # readiness
    console.print(Text(w.ready_heading(), style="bold blue"))
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
                line = Text("  ")
                line.append_text(t(p.label, "bold"))
                line.append("  ")
                line.append_text(t(_title(team, p.best)))
                line.append(" \u2192 ", style="dim")
                line.append_text(t(_title(team, p.target), "bold"))
                line.append(f"  {w.ready_by(team, p)}", style="green" if bucket in CLOSE_BUCKETS else "")
                console.print(line)
                console.print(Padding(t(w.person_limits(p, ladder, lang), "dim"), (0, 0, 0, 4), expand=False))
        else:
            console.print(Padding(t(w.names_list(_names(team, ids), LIMIT)), (0, 0, 0, 2), expand=False))
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
    certs = [c for c in team.certs if c.holders or c.eligible or c.soon or c.planned]
    if certs:
        console.print(Text(w.pipeline_heading(), style="bold blue"))
        console.print(t(w.pipeline_note(), "dim"))
        for c in certs:
            line = t(w.cert_name(ladder, c.cert, lang), "bold")
            line.append_text(t("  " + w.pipeline_counts(c), "cyan"))
            console.print(line)
            for what, names in _pipeline_lines(team, c):
                console.print(Padding(Text.assemble((w._("{name}: {need}").format(name=what, need=""), "dim"), t(names)), (0, 0, 0, 2),
                                      expand=False))
        console.print()

    # unanswered
    if team.questions:
        console.print(Text(w.questions_heading(), style="bold blue"))
        console.print(t(w.questions_note(), "dim"))
        for q in team.questions:
            line = t(w.label(q.atom, ladder, lang) if q.key != "certifications" else w._("Certifications"), "bold")
            line.append_text(t(w._(" ({n}): {names}").format(n=len(q.people), names=w.names_list(_names(team, q.people), NAMES))))
            console.print(line)
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


def _pipeline_lines(team, c) -> list[tuple[str, str]]:
    """(what, names) for one certification: who holds it, may sit it now, becomes eligible, has it on their roadmap."""
    out = []
    dated = lambda pairs: [f"{team.people[i].label} ({w.month_of(team.today, m) or w._('not dated')})" for i, m in pairs]  # noqa: E731
    for what, names in ((w._("holds"), _names(team, c.holders)),
                        (w._("eligible now"), [] if c.no_prerequisite else _names(team, c.eligible)),
                        (w._("eligible within 12 months"), dated(c.soon)),
                        (w._("on their roadmap, earned by"), dated(c.planned))):
        if names:
            out.append((what, w.names_list(names, NAMES)))
    return out


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
    if team.warnings:
        lines.append(md(ws.cells_summary(len(team.warnings), team.warned)))
    if team.anonymised:
        lines.append(md(w.team_anonymised()))
    lines.append(w._("Ladder: {name} ({id}). Prepared on {date} with pmladder {version}.").format(
        name=md(ladder.name_in(lang)), id=md(ladder.id), date=team.today.isoformat(), version=__version__))
    doc.para(" ".join(lines))

    doc.heading(2, md(w.spread_heading()))
    total = team.read or 1
    doc.table([w._("Title"), w._("People"), w._("Share")],
              [[md(lv.title_in(lang)) if lv else md(w.team_not_placed()), str(n), f"{round(100 * n / total)}%"] for lv, n in team.spread],
              ["---", "--:", "--:"])
    slices = [(lv.title_in(lang) if lv else w.team_not_placed(), n) for lv, n in team.spread if n]
    if slices:
        body = ["pie showData", f"    title {label(w.spread_heading())}"]
        body += [f'    "{label(name)}" : {n}' for name, n in slices]
        doc.code("mermaid", "\n".join(body))

    doc.heading(2, md(w.ready_heading()))
    for bucket, ids in team.ready.items():
        if not ids:
            continue
        doc.heading(3, md(f"{w.bucket_name(bucket)} ({len(ids)})"))
        note = w.bucket_note(bucket)
        if note:
            doc.para(md(note))
        if bucket in CLOSE_BUCKETS or bucket == "later":
            rows = []
            for i in ids[:LIMIT]:
                p = team.people[i]
                rows.append([md(p.label), md(_title(team, p.best)), md(_title(team, p.target)), md(w.ready_by(team, p)),
                             md(w.person_limits(p, ladder, lang))])
            doc.table([w._("Name"), w._("Now"), w._("Next"), w._("Ready by"), w._("What stands in the way")], rows)
            if len(ids) > LIMIT:
                doc.para(md(w.more_rows(len(ids) - LIMIT)))
        else:
            doc.para(md(w.names_list(_names(team, ids), LIMIT)))

    rows = team.gap_rows
    if rows:
        doc.heading(2, md(w.gaps_heading(team)))
        doc.table([w._("Requirement"), w._("Kind"), w._("People"), w._("Short by"), w._("How to close it")],
                  [[md(w.label(g.atom, ladder, lang)), md(w.gap_kind(g, ladder)), str(g.count), md(w.shortfall_text(g, ladder)),
                    md(w.gap_how(g, ladder, lang))] for g in rows],
                  ["---", "---", "--:", "---", "---"])
    train = team.training()
    if train:
        doc.heading(2, md(w.training_heading()))
        doc.bullets((md(w.training_line(g, ladder, lang)) for g in train), prefix="1. ")

    certs = [c for c in team.certs if c.holders or c.eligible or c.soon or c.planned]
    if certs:
        doc.heading(2, md(w.pipeline_heading()))
        doc.para(md(w.pipeline_note()))
        doc.table([w._("Certification"), w._("Holds"), w._("Eligible now"), w._("Within 12 months")],
                  [[md(w.cert_name(ladder, c.cert, lang)), _md_names(team, c.holders),
                    md(w.anyone()) if c.no_prerequisite else _md_names(team, c.eligible),
                    _md_names(team, [i for i, _m in c.soon])] for c in certs])

    if team.questions:
        doc.heading(2, md(w.questions_heading()))
        doc.para(md(w.questions_note()))
        doc.table([w._("Question"), w._("People"), w._("Who")],
                  [[md(w.label(q.atom, ladder, lang) if q.key != "certifications" else w._("Certifications")), str(len(q.people)),
                    md(w.names_list(_names(team, q.people), NAMES))] for q in team.questions],
                  ["---", "--:", "---"])

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


def _md_names(team, ids) -> str:
    ids = list(ids)
    if not ids:
        return "\u2014"
    return f"{len(ids)}: " + md(w.names_list(_names(team, ids), NAMES))


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
    }


def team_json(team) -> dict:
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
        "people": [_person_json(team, i, p) for i, p in enumerate(team.people)],
        "skipped": [{"file": s.source, "problems": [str(p) for p in s.problems]} for s in team.skipped],
        "warnings": [{"person": n.person, "file": n.file or None, "row": n.row, "column": n.column, "value": n.value,
                      "expected": n.expected} for n in team.warnings],
        "empty_folders": list(team.empty),
        "notes": notes(team),
    }


def dumps(data: dict) -> str:
    """JSON text: the top level one key a line, long lists one item a line (quick to write, easy to grep and diff);
    each piece written by `text.safe.dumps`, so every character a terminal would act on is a \\u escape."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join("    " + json_text(v, indent=None) for v in value)
            parts.append(f"  {json_text(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {json_text(key)}: {json_text(value, indent=None)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


# --- CSV --------------------------------------------------------------------------------------

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: controls made visible, a would-be formula prefixed with '."""
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


CSV_COLUMNS = ("name", "file", "status", "best_fit", "fully_meets", "next_title", "readiness", "ready_by", "eta_months",
               "stands_in_the_way", "certifications", "eligible_now", "eligible_within_12_months", "unanswered", "gaps", "problems")


def team_csv(team) -> str:
    ladder, lang = team.ladder, team.lang
    name_of = labeller(team)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    unread: dict = {}
    for n in team.warnings:
        unread.setdefault(n.person, []).append(ws.cell_line(n))
    for p in team.people:
        gaps = "; ".join(f"{name_of(g.atom)} ({w.state_text(g.state)})" for g in p.gaps)
        row = [p.label, p.source, "read", _title(team, p.best), _title(team, p.fully) if p.fully else "",
               _title(team, p.target) if p.target else "", w.bucket_name(p.ready), w.month_of(team.today, p.months) or "",
               p.months, w.person_limits(p, ladder, lang) if p.target else "", ";".join(p.held), ";".join(p.eligible),
               ";".join(f"{c} ({w.month_of(team.today, m)})" for c, m in p.soon), ";".join(k for k, _a in p.unknown), gaps,
               " | ".join(unread.get(p.label, ()))]
        writer.writerow([cell(v) for v in row])
    for s in team.skipped:
        writer.writerow([cell(v) for v in ["", s.source, "skipped", "", "", "", "", "", None, "", "", "", "", "", "",
                                            " | ".join(str(p) for p in s.problems)]])
    return out.getvalue()


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
