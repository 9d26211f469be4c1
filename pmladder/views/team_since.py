"""The team over time (`pmladder team PATH --since DATE`): two snapshots of a team, compared once.

Where the two snapshots come from (the CLI finds them; `dated_snapshots` and `history_people` help):

- **Dated folders.** PATH is one folder holding entries named by a date, `2025-06-01/` (a team
  folder) or `2025-06-01.csv` / `.xlsx` (a spreadsheet). *Then* is the latest entry dated on or
  before DATE, *now* the latest entry of all. Each is placed on its own date.
- **The history.** Otherwise the people of PATH are *now* (placed on the report's day), and
  *then* is, for each of them, the latest assessment recorded in the history on the same ladder
  on or before DATE whose profile carries the same name (placed on the day it was assessed).
  Someone with no such assessment joined; there is nobody who left (the history is read for
  the people named).

People are matched by name, case and spacing ignored (`name_key`; a profile file without a name by its
file name); a person in only one of
the two snapshots joined or left, never an error. The figures follow `views/progress.py`, one
rule each:

- **Level distribution**: people per best-fit title, then and now.
- **Moved up**: the best fit now is above the best fit then (`progress._moved` > 0).
- **Readiness gained**, for the same next title (or --target) then and now: not ready then and
  ready now; or ready by a month both times, now an earlier month than then.
- **Gaps closed**: a requirement open then (close or missing, toward then's title) that is met
  now: not open and not unanswered toward now's title, which is the same title or one above it.
  Counted per requirement across the team.

Pure: no printing, no files, no clock.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ..engine.months import month_index
from ..engine.placement import Atom
from .progress import _moved, level_of
from .team import NOW, Person, Team, label_people

FOLDERS, HISTORY = "folders", "history"
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(\.csv|\.xlsx|\.yaml|\.yml)?$", re.IGNORECASE)


class Move(NamedTuple):
    name: str
    then: str | None  # level ids
    now: str | None


class Gain(NamedTuple):
    name: str
    target: str  # the level id both snapshots aimed at
    then: str  # readiness bucket then (views.team: now, 6, 12, later, ...)
    now: str
    then_by: int | None  # month index of ready-by (None: not dated)
    now_by: int | None


class Closed(NamedTuple):
    kind: str
    key: str
    atom: Atom  # the first seen, for its label
    people: int


class Since(NamedTuple):
    since: _dt.date
    source: str  # FOLDERS | HISTORY
    then: tuple[_dt.date, _dt.date] | None  # first and last day of the "then" snapshot(s); None: no one recorded
    now: _dt.date
    spread_then: tuple  # (Level or None, people)
    spread_now: tuple
    moved_up: tuple[Move, ...]
    readier: tuple[Gain, ...]
    closed: tuple[Closed, ...]  # most people first
    joined: tuple[str, ...]
    left: tuple[str, ...]
    matched: int  # people in both snapshots


def name_key(name: str | None) -> str | None:
    """A name as it is matched: case, width and spacing ignored."""
    if not name:
        return None
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split()) or None


def snapshot_day(name: str) -> _dt.date | None:
    """The date an entry of a dated folder stands for (`2025-06-01`, `2025-06-01.csv`), or None."""
    m = _DATE.match(name)
    if not m:
        return None
    try:
        return _dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def dated_snapshots(folder: Path) -> list[tuple[_dt.date, Path]]:
    """The dated entries of `folder`, oldest first (empty when it is not a folder of dated snapshots)."""
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []
    out = []
    for entry in entries:
        day = snapshot_day(entry.name)
        if day is not None and (entry.is_dir() or entry.suffix):
            out.append((day, entry))
    return sorted(out)


def pick(snapshots: list[tuple[_dt.date, Path]], since: _dt.date):
    """(then, now): the latest snapshot on or before `since`, and the latest of all; then is None when none is that early."""
    earlier = [s for s in snapshots if s[0] <= since]
    return (earlier[-1] if earlier else None), snapshots[-1]


def history_people(rows, since: _dt.date, keys: set[str]) -> dict[str, object]:
    """For each name key in `keys`: the latest row (history.Row, oldest first in `rows`) assessed on or before `since`
    whose stored profile has that name."""
    out: dict[str, object] = {}
    for row in rows:
        if row.assessed_on > since:
            continue
        name = (row.profile or {}).get("name")
        key = name_key(name) if isinstance(name, str) else None
        if key in keys:
            out[key] = row  # oldest first: the last one seen is the latest
    return out


def from_history(req, rows: dict, vocab) -> list[tuple[Person, _dt.date]]:
    """The people of `history_people`, each placed on the day it was assessed; a stored profile that no longer
    loads is left out (the person then counts as joined)."""
    from ..inputs.yamlsafe import DataError
    from .progress import profile_of
    from .team import _context, summarise

    out = []
    for row in sorted(rows.values(), key=lambda r: (r.assessed_on, r.id)):
        try:
            profile = profile_of(row, vocab)
            person = summarise(profile, f"history:{row.id}", _context(req._replace(today=row.assessed_on)))
        except DataError:
            continue
        out.append((person, row.assessed_on))
    people = label_people([p for p, _d in out])
    return [(p, d) for p, (_o, d) in zip(people, out)]


def compare(ladder, then: list[tuple[Person, _dt.date]], now: Team, since: _dt.date, source: str,
            anonymised: bool = False) -> Since:
    """The "Since" figures: `then` the earlier people with the day each was placed on, `now` the team as read (names
    not hidden: they are matched). `anonymised`: every name shown is the pseudonym the report gives that person."""
    shown_then = _shown([p for p, _d in then], anonymised)
    shown_now = _shown(list(now.people), anonymised)
    by_key: dict[str, list[int]] = {}
    for i, (p, _d) in enumerate(then):
        k = _key(p)
        if k is not None:
            by_key.setdefault(k, []).append(i)
    pairs: list[tuple[int, int]] = []
    joined: list[str] = []
    for j, p in enumerate(now.people):
        k = _key(p)
        found = by_key.get(k) if k is not None else None
        if found:
            pairs.append((found.pop(0), j))
        else:
            joined.append(shown_now[j])
    used = {i for i, _j in pairs}
    left = [shown_then[i] for i in range(len(then)) if i not in used]

    moved, gains = [], []
    closed: Counter = Counter()
    atoms: dict = {}
    for i, j in pairs:
        a, day_a = then[i]
        b = now.people[j]
        step = _moved(ladder, a.best, b.best)
        if step is not None and step > 0:
            moved.append(Move(shown_now[j], a.best, b.best))
        if a.target is not None and a.target == b.target:
            by_a, by_b = _by(a, day_a), _by(b, now.today)
            if (a.ready != NOW and b.ready == NOW) or (by_a is not None and by_b is not None and by_b < by_a and b.ready != NOW):
                gains.append(Gain(shown_now[j], b.target, a.ready, b.ready, by_a, by_b))
        for key, atom in _closed(ladder, a, b):
            closed[key] += 1
            atoms.setdefault(key, atom)
    rows = sorted(closed.items(), key=lambda kv: (-kv[1], kv[0]))
    days = sorted({d for _p, d in then})
    return Since(since, source, (days[0], days[-1]) if days else None, now.today,
                 _spread(ladder, [p for p, _d in then]), now.spread,
                 tuple(sorted(moved, key=lambda m: _fold(m.name))), tuple(sorted(gains, key=lambda g: _fold(g.name))),
                 tuple(Closed(k[0], k[1], atoms[k], n) for k, n in rows),
                 tuple(sorted(joined, key=_fold)), tuple(sorted(left, key=_fold)), len(pairs))


def _key(p: Person) -> str | None:
    """A person's match key: the name; for a profile without one, its file name (a spreadsheet row has none)."""
    key = name_key(p.name)
    if key is None and p.source and not p.source.rpartition(":")[2].isdigit():
        key = "\0file:" + Path(p.source).name.casefold()
    return key


def _shown(people: list[Person], anonymised: bool) -> list[str]:
    """The name each person is shown by: their label, or the pseudonym `views.team.anonymise` gives them in the report."""
    if anonymised:
        from .team import anonymise

        return [p.label for p in anonymise(people, [])[0]]
    return [p.label or p.name or p.source for p in people]


def _by(p: Person, day: _dt.date) -> int | None:
    """The month index of the ready-by month (None when not dated)."""
    return None if p.months is None else month_index(day) + p.months


def _closed(ladder, a: Person, b: Person):
    """(kind, key), atom of each requirement open for `a` and met for `b` (the rule in the module docstring)."""
    if a.target is None or not a.gaps:
        return
    ta, tb = level_of(ladder, a.target), level_of(ladder, b.target) if b.target else None
    if ta is None:
        return
    if tb is not None and tb.id != ta.id:
        up = _moved(ladder, ta.id, tb.id)
        if up is None or up < 0:
            return
    still = {g.atom[:2] for g in b.gaps} | {x[:2] for x in b.answers} | {atom[:2] for _q, atom in b.unknown}
    for g in a.gaps:
        key = g.atom[:2]
        if key not in still:
            yield key, g.atom


def _spread(ladder, people: list[Person]) -> tuple:
    at = Counter(p.best for p in people)
    return tuple((lv, at.get(lv.id, 0)) for lv in ladder.levels) + (((None, at[None]),) if at.get(None) else ())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()
