"""An imported framework (`importer.Framework`) written as the text of a ladder file.

The ladder keeps the framework's own words: topic titles become competency names (emoji kept),
each level's criteria become what a point of the topic's named scale means (`ratings`, one line a
criterion) and the level's `expectations` (one line a criterion, after its topic), and the step to
the next point says to work towards the next level's criteria (`grow`). One named scale holds
the points: "Not yet", then one a framework level. Each framework level (or each role of a roles
sheet) becomes a ladder level that asks for every topic at its level, or, with a share, for that
share of the topics at the level and the rest one below (`any_competencies` and `competencies`).

The text is written by hand, every value a double-quoted YAML scalar, so the file reads like one
a person wrote, with comments, and nothing in a framework can become YAML syntax. `check` runs the
ladder loader on the text before anything is written.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..exits import Fail
from .importer import Framework, Role, kebab, next_roles
from .team import RowProblem
from .yamlsafe import DataError, Problem


def _(message: str) -> str:
    from ..words import _ as translate

    return translate(message)


SCALE = "framework_levels"
NOT_YET = "Not yet"
MONTHS_PER_STEP = 6  # judgment: half a year to show the next level's criteria in a topic
MAX_ANY = 50  # model.AnyCompetencies.n
MAX_TEXT = 2000


def q(text: str) -> str:
    """`text` as a double-quoted YAML scalar: JSON's escapes, and the characters YAML does not print, or a terminal
    would act on (bidi controls: `text.safe.unsafe`), escaped too, so the file shows what a terminal shows."""
    from ..text.safe import unsafe

    out = []
    for ch in json.dumps(text, ensure_ascii=False)[1:-1]:
        code = ord(ch)
        printable = (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
                     or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF)
        shown = printable and code not in (0x2028, 0x2029, 0xFEFF) and not unsafe(ch)
        out.append(ch if shown else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def joined(criteria) -> str:
    """Criteria on one line: as sentences when each ends like one, else separated by semicolons."""
    ends = all(c.rstrip()[-1:] in ".!?\u3002\uff01\uff1f" for c in criteria)
    return (" " if ends else "; ").join(criteria)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "\u2026"


class Plan:
    """The ladder's levels before they are written: (id, title, framework level, role or None, next ids)."""

    def __init__(self, fw: Framework, titles: list[str] | None):
        self.rows: list[tuple[str, str, int, Role | None, list[str]]] = []
        used: set[str] = set()

        def unique(base: str) -> str:
            out, n = base, 2
            while out in used:
                out = f"{base[:60]}-{n}"
                n += 1
            used.add(out)
            return out

        if fw.roles:
            ids = {r.title: unique(kebab(r.title, f"role-{i + 1}")) for i, r in enumerate(fw.roles)}
            above = next_roles(fw.roles)
            for r in fw.roles:
                self.rows.append((ids[r.title], r.title, r.level, r, [ids[u.title] for u in above[r.title]]))
            return
        names = titles or [fw.level_names[k - 1] or f"Level {k}" for k in range(1, fw.levels + 1)]
        ids = [unique(kebab(name, f"level-{k}")) for k, name in enumerate(names, start=1)]
        for k in range(1, fw.levels + 1):
            self.rows.append((ids[k - 1], names[k - 1], k, None, [ids[k]] if k < fw.levels else []))


MAX_POINT_NAME = 80  # model.PointName


def point_names(fw: Framework) -> list[str]:
    """The scale's points: "Not yet", then each level's name (a spreadsheet's column, else "Level N"), each at most 80 characters."""
    names = [fw.level_names[k - 1] or f"Level {k}" for k in range(1, fw.levels + 1)]
    names = [n if len(n) <= MAX_POINT_NAME else n[:MAX_POINT_NAME - 1] + "\u2026" for n in names]
    if len(set(names)) < len(names) or NOT_YET in names:  # long names alike in their first 79 characters
        names = [f"Level {k}" for k in range(1, fw.levels + 1)]
    return [NOT_YET] + names


def ladder_text(fw: Framework, *, ladder_id: str, name: str | None = None, titles: list[str] | None = None,
                share: float | None = None, certs=()) -> str:
    """The ladder file for `fw`; Fail (usage) for options that do not fit it, DataError for a roles sheet's unknown certificate."""
    if titles is not None and fw.roles:
        raise Fail(_("--titles names the levels of a framework; with a roles sheet the titles come from its 'title' column"))
    if titles is not None and len(titles) != fw.levels:
        raise Fail(_("--titles names {n} titles; the framework has {levels} levels: give one a level, bottom first, "
                     "separated by commas").format(n=len(titles), levels=fw.levels))
    topics = fw.topics
    need = None
    if share is not None and share < 1:
        need = max(1, math.ceil(share * len(topics) - 1e-9))
        if need >= len(topics):
            need = None
        elif need > MAX_ANY:
            raise Fail(_("--share {share} asks for {n} topics at a level; a ladder counts at most {most} in one 'any N of'").format(
                share=share, n=need, most=MAX_ANY))
    _check_certs(fw, certs)
    plan = Plan(fw, titles)
    points = point_names(fw)
    source = Path(fw.source.split("[", 1)[0]).name or fw.source
    out: list[str] = []
    add = out.append
    add(f"# Imported with `pmladder import` from {source}: {fw.levels} levels, {len(topics)} topics.")
    add("# Ids come from the topics' names, so importing the framework again after a change keeps the ids")
    add("# that profiles use. Check the file with `pmladder validate`, then edit it like any ladder.")
    add("schema_version: 1")
    add(f"id: {ladder_id}")
    add(f"name: {q(_clip(name or fw.title))}")
    add(f"source: {q(_clip(source + ' (imported with pmladder import)'))}")
    rule = (f"a level asks for {need} of the {len(topics)} topics at that level and the rest one below" if need
            else "a level asks for every topic at that level")
    add(f"description: {q(_clip(f'Imported from {source}: a framework of {fw.levels} levels and {len(topics)} topics. Each topic is rated on the framework levels; {rule}.'))}")
    add("tiers:  # one tier a framework level")
    for k in range(1, fw.levels + 1):
        add(f"  level-{k}:")
        add(f"    name: {q(_clip(points[k]))}")
    add("tolerance:  # a level is reached when what it asks is met in full")
    add("  share: 0")
    add("scales:")
    add(f"  {SCALE}:  # point 0 is not yet at level 1; point N means the criteria of level N are met")
    add("    names:")
    for p in points:
        add(f"      - {q(_clip(p))}")
    plain = all(p == f"Level {k}" for k, p in enumerate(points[1:], start=1))
    add(f"    show: {'name' if plain else 'name_and_number'}  # 'Level 3' says its number; a named level shows it: 'Senior PM (3 of 4)'")
    add(f"scale: {SCALE}")
    add("competencies:")
    for t in topics:
        add(f"  {t.id}:")
        add(f"    name: {q(_clip(t.title))}")
        add(f"    description: {q(_clip(f'{t.title}, as {source} describes it level by level.'))}")
        add("    ratings:  # one a point: not yet, then each level's criteria, one a line")
        add(f"      - {q(f'Not yet at level 1 of {t.title}.')}")
        for k in range(1, fw.levels + 1):
            add(f"      - {q(chr(10).join(t.criteria[k]))}")
        add("    grow:  # one a step: work towards the criteria of the level above")
        for k in range(1, fw.levels + 1):
            add(f"      - {q(_clip('Work towards: ' + joined(t.criteria[k])))}")
        add(f"    months_per_step: {MONTHS_PER_STEP}  # judgment")
    add("levels:")
    for level_id, title, k, role, nxt in plan.rows:
        add(f"  - id: {level_id}")
        add(f"    title: {q(_clip(title))}")
        add(f"    tier: level-{k}")
        add(f"    summary: {q(_clip(f'Level {k} of {fw.levels} of {fw.title}.'))}")
        add("    expectations:  # the criteria of this level, topic by topic")
        for t in topics:
            for c in t.criteria[k]:
                add(f"      - {q(_clip(f'{t.title}: {c}'))}")
        add("    requires:")
        if role is not None and role.min_years:
            add("      facts:")
            add(f"        years_experience: {role.min_years:g}")
        if role is not None and role.certificates:
            add("      certifications:")
            add("        any_of: [" + ", ".join(_cert(c, certs) for c in role.certificates) + "]")
        floor = k - 1 if need else k
        if floor:
            add("      competencies:")
            for t in topics:
                add(f"        {t.id}: {floor}")
        if need:
            add(f"      any_competencies:  # {need} of {len(topics)} topics at level {k}")
            add(f"        - n: {need}")
            add(f"          rating: {k}")
            add("          of: [" + ", ".join(t.id for t in topics) + "]")
        add("    next: [" + ", ".join(nxt) + "]")
    return "\n".join(out) + "\n"


def _cert(given: str, certs) -> str:
    lower = {c.lower(): c for c in certs}
    return lower.get(given.lower(), given)


def _check_certs(fw: Framework, certs) -> None:
    lower = {c.lower() for c in certs}
    problems: list[Problem] = []
    for role in fw.roles:
        for c in role.certificates:
            if c.lower() not in lower:
                from ..words.lookup import nearest

                hint = nearest(c, list(certs))
                problems.append(RowProblem(fw.roles_source, role.row, 0, (
                    _("unknown certificate '{id}' (did you mean '{hint}'?)").format(id=c, hint=hint) if hint
                    else _("unknown certificate '{id}'; known: {known}").format(id=c, known=", ".join(sorted(certs)))), "certificates"))
    if problems:
        raise DataError(problems)


def check(text: str, shown: str, catalog):
    """The ladder the text holds, validated as any ladder file is; DataError with its problems (a bug, or a sheet
    the format cannot hold) when it does not validate."""
    from .loader import parse_ladder
    from .yamlsafe import parse_text

    try:
        return parse_ladder(parse_text(text, shown), catalog)
    except DataError as exc:
        exc.hint = _("the imported ladder would not validate (the problems above are in the ladder pmladder made); "
                     "nothing was written")
        raise
