"""A ladder side by side: one row per requirement, one column per title, and what changes at each step.

`make_grid` computes the grid once, as plain data (words in the language of the run, not escaped: each
renderer escapes for its medium); `diff` compares two titles of it. A cell's `change` says how the
requirement stands against the titles that lead to its level through `next` (never a lateral move):

- None: the first level, or a level nothing leads to (nothing to compare with)
- "new": none of the levels before asks for it
- "rises": meeting it meets what every level before asks, and not the other way round (or it becomes a gate)
- "same", "eases" (the other way round, or it stops being a gate), "changes" (neither meets the other)

What meeting a requirement meets is engine/implications.py's rule, so "3 years within the last 6" above
"2 within the last 5" rises, and an IPMA-B above an IPMA-C does too. A row's `dropped` names the levels
that no longer ask for a requirement a level before them asked for.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import words as w
from ..engine.graph import above
from ..engine.implications import guarantee, guarantees
from ..engine.types import Atom, Kind

CHANGES = ("new", "rises", "same", "eases", "changes")
STRICTER = ("new", "rises")  # what the grid marks as rising


class Cell(NamedTuple):
    atom: Atom
    text: str  # the value needed, in words
    change: str | None  # one of CHANGES; None when there is nothing before to compare with


class Row(NamedTuple):
    id: str  # stable: "education", "fact:years_managing", "skill:risk", "cert:1", "skills:a|b", "alt:Label", "...@when1"
    kind: str
    name: str
    cells: dict  # level id -> Cell (only the levels that ask for it)
    dropped: tuple[str, ...]  # level ids that no longer ask for it


class Column(NamedTuple):
    id: str
    title: str
    number: int  # the level's number in the ladder (as --level takes it)
    rank: int
    group: str | None  # the track (pathway) id, or None
    after: tuple[str, ...]  # the level ids whose `next` leads here


class Grid(NamedTuple):
    ladder: str
    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    groups: dict  # track id -> its name


class Change(NamedTuple):
    row: str
    name: str
    before: str | None
    after: str | None


class Diff(NamedTuple):
    ladder: str
    name: str
    low: Column
    high: Column
    new: tuple[Change, ...]
    rises: tuple[Change, ...]
    eases: tuple[Change, ...]
    changes: tuple[Change, ...]
    dropped: tuple[Change, ...]
    same: tuple[Change, ...]
    step: bool = True  # `high` is reached from `low` through `next`; False: two titles on different pathways, side by side


def compare(before: Atom, now: Atom, ladder) -> str:
    """How `now` stands against `before` (same row): "same", "rises", "eases" or "changes"."""
    a, b = before._replace(when=None, gate=False), now._replace(when=None, gate=False)
    up = guarantees(guarantee((b,), ladder), a, ladder)  # meeting now meets before
    down = guarantees(guarantee((a,), ladder), b, ladder)
    if up and down:
        if before.gate == now.gate:
            return "same"
        return "rises" if now.gate else "eases"
    if up:
        return "rises"
    return "eases" if down else "changes"


def value_text(atom: Atom, ladder, lang) -> str:
    """The value a level needs for a requirement, in a few words: `3+`, `4/5`, `bachelor`, `PMP`, `PMP or IPMA-C`."""
    kind = atom.kind
    if kind == Kind.EDUCATION:
        text = w.edu_short(atom.need)
    elif kind == Kind.FACT:
        text = f"{w.need_number(atom, ladder)}+"
        if atom.within is not None:
            text = w._("{need} within the last {n} years").format(need=text, n=w.num(atom.within))
    elif kind == Kind.SKILL:
        text = w.rating_text(ladder.comps[atom.key], atom.need, lang)
    elif kind == Kind.CERT:
        text = atom.need
    elif kind == Kind.CERTS:
        text = w.options_text(atom.need)
    elif kind == Kind.SKILLS:
        text = w._("{n} at {rating}").format(n=atom.need.n, rating=w.group_rating(ladder, atom.need.ids, atom.need.rating, lang))
    else:
        text = w.routes_text(atom, ladder, lang)
    return w._("{value} (gate)").format(value=text) if atom.gate else text


def _slots(level, whens: list) -> list[tuple[str, Atom]]:
    """(row id, atom) for each requirement of a level; the same requirement has the same row id on every level."""
    out: list[tuple[str, Atom]] = []
    used: set[str] = set()
    counters: dict = {}
    for atom in level.requires:
        kind = atom.kind
        if kind in (Kind.CERT, Kind.CERTS):
            base = "cert"
        elif kind == Kind.ALT:
            base = "alt:" + atom.label.text if atom.label is not None else "alt"
        elif kind == Kind.EDUCATION:
            base = "education"
        elif kind == Kind.SKILLS:
            base = "skills:" + "|".join(atom.need.ids)
        else:
            base = f"{kind.value}:{atom.key}"
        if base in ("cert", "alt"):  # numbered: the first, the second ... of the level
            counters[(base, atom.when)] = counters.get((base, atom.when), 0) + 1
            base = f"{base}:{counters[(base, atom.when)]}"
        if atom.when is not None:
            if atom.when not in whens:
                whens.append(atom.when)
            base += f"@when{whens.index(atom.when) + 1}"
        row_id = base
        while row_id in used:  # the same requirement twice in one level (conditional entries): kept apart
            row_id += "+"
        used.add(row_id)
        out.append((row_id, atom))
    return out


def _order(ladder) -> list:
    """The levels as columns: the levels on no pathway, then each pathway's (tracks); else each branch to its
    end before the next one, a level only after every level that leads to it (so a pathway reads left to right)."""
    levels = list(ladder.levels)
    if ladder.tracks:
        on_track = {lid for track in ladder.tracks.values() for lid in track.levels}
        order = [lv.id for lv in sorted(levels, key=lambda lv: lv.rank) if lv.id not in on_track]
        for track in ladder.tracks.values():
            order += [lid for lid in track.levels if lid not in order]
        order += [lv.id for lv in levels if lv.id not in order]
        return [ladder.level(lid) for lid in order]
    before: dict[str, set] = {lv.id: set() for lv in levels}
    for lv in levels:
        for n in lv.next:
            if n in before:
                before[n].add(lv.id)
    out: list[str] = []

    def visit(lid: str) -> None:
        if lid in out or not before[lid] <= set(out):
            return
        out.append(lid)
        for n in ladder.level(lid).next:
            if n in before:
                visit(n)

    for lv in levels:  # the first level, then anything it does not reach (in file order)
        visit(lv.id)
    out += [lv.id for lv in levels if lv.id not in out]  # on a cycle: file order
    return [ladder.level(lid) for lid in out]


def _row_name(row_id: str, atom: Atom, ladder, lang, numbered: bool) -> str:
    kind = atom.kind
    if kind in (Kind.CERT, Kind.CERTS):
        n = row_id.split("@")[0].split(":")[1].rstrip("+")
        name = w._("Certification {n}").format(n=n) if numbered else w._("Certification")
    elif kind == Kind.ALT and atom.label is None:
        n = row_id.split("@")[0].split(":")[1].rstrip("+")
        name = w._("Route group {n}").format(n=n) if numbered else w._("Route group")
    elif kind == Kind.SKILLS:
        name = w._("Any of {skills}").format(skills=w.listing(w.skill_name(ladder, k, lang) for k in atom.need.ids))
    else:
        name = w.label(atom._replace(when=None, within=None), ladder, lang)
    if atom.when is not None:
        name = w._("{requirement} (only when: {when})").format(requirement=name, when=w.when_text(atom.when, ladder, lang))
    return name


def make_grid(ladder, lang: str | None) -> Grid:
    """The ladder as requirements x titles, with how each requirement changes from the titles before."""
    levels = _order(ladder)
    number = {lv.id: i for i, lv in enumerate(ladder.levels, 1)}
    after: dict[str, list] = {lv.id: [] for lv in ladder.levels}
    for lv in ladder.levels:
        for n in lv.next:
            if n in after and lv.id not in after[n]:
                after[n].append(lv.id)
    group_of = {}
    for tid, track in ladder.tracks.items():
        for lid in track.levels:
            group_of.setdefault(lid, tid)
    whens: list = []
    slots = {lv.id: dict(_slots(lv, whens)) for lv in ladder.levels}
    asks = {lv.id: guarantee(tuple(a for a in lv.requires if a.when is None), ladder) for lv in ladder.levels}
    # rows: education, facts (in the vocabulary's order), certifications, ratings (the catalog's order), groups, routes
    seen: dict[str, Atom] = {}
    for lv in levels:
        for row_id, atom in slots[lv.id].items():
            seen.setdefault(row_id, atom)
    kinds = list(Kind)
    facts, comps = list(ladder.facts), list(ladder.comps)

    def place(item):
        i, (row_id, atom) = item
        kind = Kind.CERT if atom.kind == Kind.CERTS else atom.kind
        within = facts.index(atom.key) if kind == Kind.FACT and atom.key in facts else comps.index(atom.key) if (
            kind == Kind.SKILL and atom.key in comps) else i
        return (atom.when is not None, kinds.index(kind), within, i)

    ordered = [pair for _i, pair in sorted(enumerate(seen.items()), key=place)]
    certs = sum(1 for rid, _a in ordered if rid.startswith("cert:") and "@" not in rid)
    alts = sum(1 for rid, a in ordered if rid.startswith("alt:") and a.label is None and "@" not in rid)
    rows = []
    for row_id, first in ordered:
        numbered = (certs if first.kind in (Kind.CERT, Kind.CERTS) else alts) > 1 and "@" not in row_id
        cells, dropped = {}, []
        for lv in levels:
            atom = slots[lv.id].get(row_id)
            before = [slots[b][row_id] for b in after[lv.id] if row_id in slots[b]]
            if atom is None:  # dropped, unless what the level asks (a route, say) still ensures it
                if any(b.when is not None or not guarantees(asks[lv.id], b._replace(gate=False), ladder) for b in before):
                    dropped.append(lv.id)
                continue
            if not after[lv.id]:
                change = None
            elif not before:
                change = "new"
            else:
                found = {compare(b, atom, ladder) for b in before}
                if len(before) < len(after[lv.id]):
                    found.add("new")
                if found == {"same"}:
                    change = "same"
                elif found <= {"new", "rises"}:
                    change = "rises" if "rises" in found else "new"
                elif found <= {"same", "eases"}:
                    change = "eases"
                elif found <= {"same", "rises", "new"}:
                    change = "rises"
                else:
                    change = "changes"
            cells[lv.id] = Cell(atom, value_text(atom, ladder, lang), change)
        rows.append(Row(row_id, first.kind.value, _row_name(row_id, first, ladder, lang, numbered), cells, tuple(dropped)))
    columns = tuple(Column(lv.id, lv.title_in(lang), number[lv.id], lv.rank, group_of.get(lv.id), tuple(after[lv.id])) for lv in levels)
    groups = {tid: track.name_in(lang) for tid, track in ladder.tracks.items()}
    return Grid(ladder.id, ladder.name_in(lang), columns, tuple(rows), groups)


def diff(grid: Grid, low: str, high: str, ladder) -> Diff:
    """What changes from title `low` to title `high` (level ids): new, rises, eases, changes, dropped, same."""
    col = {c.id: c for c in grid.columns}
    found: dict[str, list] = {key: [] for key in ("new", "rises", "eases", "changes", "dropped", "same")}
    for row in grid.rows:
        a, b = row.cells.get(low), row.cells.get(high)
        if a is None and b is None:
            continue
        if a is None:
            key = "new"
        elif b is None:
            key = "dropped"
        else:
            key = compare(a.atom, b.atom, ladder)
        found[key].append(Change(row.id, row.name, a.text if a else None, b.text if b else None))
    nexts = {lv.id: lv.next for lv in ladder.levels}
    step = high in above(lambda n: nexts.get(n, ()), low)
    return Diff(grid.ladder, grid.name, col[low], col[high], **{k: tuple(v) for k, v in found.items()}, step=step)


def grid_json(grid: Grid) -> dict:
    """The grid as data: columns (titles), rows (requirements) with a value per column, and where each rises."""
    ids = [c.id for c in grid.columns]
    return {
        "schema_version": 1,
        "ladder": grid.ladder,
        "name": grid.name,
        "columns": [{"id": c.id, "title": c.title, "number": c.number, "rank": c.rank, "group": c.group, "after": list(c.after)}
                    for c in grid.columns],
        "groups": [{"id": tid, "name": name} for tid, name in grid.groups.items()],
        "rows": [{
            "id": row.id, "kind": row.kind, "name": row.name,
            "values": [None if lid not in row.cells else {
                "text": row.cells[lid].text, "need": _need(row.cells[lid].atom), "gate": row.cells[lid].atom.gate,
                "change": row.cells[lid].change} for lid in ids],
            "rises": [lid for lid in ids if lid in row.cells and row.cells[lid].change in STRICTER],
            "dropped": list(row.dropped),
        } for row in grid.rows],
    }


def _need(atom: Atom):
    """A requirement's value as data: a number, an education or certification id, ids, or None for routes."""
    if atom.kind == Kind.SKILLS:
        return {"n": atom.need.n, "of": list(atom.need.ids), "rating": atom.need.rating}
    if atom.kind == Kind.CERTS:
        return list(atom.need)
    if atom.kind == Kind.ALT:
        return None
    return atom.need


def diff_json(d: Diff) -> dict:
    def items(changes):
        return [{"row": c.row, "name": c.name, "from": c.before, "to": c.after} for c in changes]

    return {
        "schema_version": 1,
        "ladder": d.ladder,
        "from": {"id": d.low.id, "title": d.low.title, "number": d.low.number},
        "to": {"id": d.high.id, "title": d.high.title, "number": d.high.number},
        "step": d.step,
        "new": items(d.new), "rises": items(d.rises), "eases": items(d.eases), "changes": items(d.changes),
        "dropped": items(d.dropped), "same": [c.row for c in d.same],
    }


__all__ = ["Cell", "Row", "Column", "Grid", "Diff", "Change", "make_grid", "diff", "grid_json", "diff_json", "compare", "value_text"]
