"""The "Since DATE" section of the team report (`team --since`), drawn from `team.since` three ways.

The terminal and Markdown draw the same cells (`_spread_rows`, `_sections`); JSON holds the same
figures as data with the words beside them. Every name and title is untrusted: `t` for the terminal,
`md` for Markdown, `text.safe.dumps` for JSON (in render/team.py).
"""

from __future__ import annotations

from ..engine.types import Kind
from ..text.safe import md_cell as md
from ..text.safe import text as t
from ..views.plan_data import atom_json, level_ref
from ..words import since as ws

LIMIT = 50  # names a list shows in the terminal and in Markdown (JSON holds them all)


def _spread_rows(team) -> list[list[str]]:
    """(title, then, now, change) for each title anyone stands at, then or now."""
    s, lang = team.since, team.lang
    from .. import words as w

    now = {(lv.id if lv else None): n for lv, n in s.spread_now}
    out = []
    for lv, n in s.spread_then:
        key = lv.id if lv else None
        m = now.pop(key, 0)
        if n or m:
            out.append([lv.title_in(lang) if lv else w.team_not_placed(), str(n), str(m), f"{m - n:+d}"])
    for lv, m in s.spread_now:
        if (lv.id if lv else None) in now and m:
            out.append([lv.title_in(lang) if lv else w.team_not_placed(), "0", str(m), f"{m:+d}"])
    return out


def _sections(team) -> list[tuple[str, str | None, list[str]]]:
    """(heading, note, lines) of each list, in the order the report shows them."""
    s, ladder, lang = team.since, team.ladder, team.lang
    return [
        (ws.moved_heading(len(s.moved_up)), None, [ws.moved_line(m, ladder, lang) for m in s.moved_up]),
        (ws.readier_heading(len(s.readier)), ws.readier_note(), [ws.readier_line(g, ladder, lang) for g in s.readier]),
        (ws.closed_heading(sum(c.people for c in s.closed)), ws.closed_note(), [ws.closed_line(c, ladder, lang) for c in s.closed]),
        (ws.joined_heading(len(s.joined)), None, list(s.joined)),
        (ws.left_heading(len(s.left)), None, list(s.left)),
    ]


def _cut(lines: list[str]) -> list[str]:
    from .. import words as w

    return lines[:LIMIT] + ([w.more_rows(len(lines) - LIMIT)] if len(lines) > LIMIT else [])


def print_since(console, team) -> None:
    from rich.table import Table
    from rich.text import Text

    if team.since is None:
        return
    console.print(Text(ws.heading(team.since), style="bold blue"))
    console.print(t(ws.basis(team.since), "dim"))
    console.print(t(ws.counts(team.since), "bold"))
    console.print()
    then, now, change = ws.then_now()
    from .. import words as w

    table = Table(title=t(ws.spread_heading(), "bold"), title_justify="left", box=None, padding=(0, 2))
    table.add_column(w._("Title"))
    for head in (then, now, change):
        table.add_column(head, justify="right")
    for row in _spread_rows(team):
        table.add_row(*(t(c) for c in row))
    console.print(table)
    console.print()
    for heading, note, lines in _sections(team):
        console.print(Text(heading, style="bold"))
        if note and lines:
            console.print(t(note, "dim"))
        for line in _cut(lines) or [ws.nobody()]:
            console.print(t("  " + line))
        console.print()


def markdown_since(doc, team) -> None:
    if team.since is None:
        return
    from .. import words as w

    doc.heading(2, md(ws.heading(team.since)))
    doc.para(md(ws.basis(team.since)) + " " + md(ws.counts(team.since)))
    doc.heading(3, md(ws.spread_heading()))
    doc.table([md(w._("Title")), *(md(h) for h in ws.then_now())], [[md(c) for c in row] for row in _spread_rows(team)],
              ["---", "--:", "--:", "--:"])
    for heading, note, lines in _sections(team):
        doc.heading(3, md(heading))
        if note and lines:
            doc.para(md(note))
        if lines:
            doc.bullets(md(line) for line in _cut(lines))
        else:
            doc.para(md(ws.nobody()))


def since_json(team) -> dict | None:
    s = team.since
    if s is None:
        return None
    ladder, lang = team.ladder, team.lang

    def ref(level_id):
        try:
            return level_ref(ladder.level(level_id), lang) if level_id else None
        except KeyError:
            return {"id": level_id}

    def spread(rows):
        return [{"level": level_ref(lv, lang) if lv else None, "people": n} for lv, n in rows]

    return {
        "since": s.since.isoformat(),
        "source": s.source,
        "then": None if s.then is None else {"from": s.then[0].isoformat(), "to": s.then[1].isoformat(), "spread": spread(s.spread_then)},
        "now": {"date": s.now.isoformat(), "spread": spread(s.spread_now)},
        "matched": s.matched,
        "moved_up": [{"name": m.name, "from": ref(m.then), "to": ref(m.now), "text": ws.moved_line(m, ladder, lang)} for m in s.moved_up],
        "readiness_gained": [{"name": g.name, "target": ref(g.target), "then": g.then, "now": g.now,
                              "then_ready_by": ws.month_text(g.then_by), "now_ready_by": ws.month_text(g.now_by),
                              "text": ws.readier_line(g, ladder, lang)} for g in s.readier],
        "gaps_closed": [{"kind": c.kind, "key": c.key, "need": None if c.atom.kind == Kind.ALT else atom_json(c.atom)["need"],
                         "people": c.people, "text": ws.closed_line(c, ladder, lang)} for c in s.closed],
        "joined": list(s.joined),
        "left": list(s.left),
        "text": {"heading": ws.heading(s), "basis": ws.basis(s), "counts": ws.counts(s)},
    }
