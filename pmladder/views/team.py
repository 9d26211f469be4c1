"""The team view: many profiles on one ladder, computed once into a `Team` for every renderer.

`build_team(request, sources)` reads the profiles (files, folders, spreadsheets), places each
person with the engine (`assess.assess`, then `roadmap.plan` to the next title or the
target, exactly as `views.plan.make_plan` does) and keeps of each person only what the report
draws (`Person`). The team-wide figures (level spread, who is ready when, common gaps,
certification pipeline, unanswered questions) are folded from those, in one pass.

A profile that does not load is kept as `Skipped` with its problems and counted; it never
stops the others, whatever goes wrong with it (an unexpected error too: it is named by its
kind only, as its text might quote the file). Cost is linear in the number of profiles;
large teams are shared between processes (`workers`), each reading and placing a chunk of
the files.

No printing and no prompting here, except the `progress` callback the caller may pass.
"""

from __future__ import annotations

import datetime as _dt
import os
import unicodedata
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Callable, NamedTuple

from ..engine.reviews import rated
from ..engine.placement import MET, UNKNOWN, Atom, assess, unknowns
from ..engine.types import Kind, Ladder, Level, StepKind, uses
from ..engine.roadmap import PACE, at_or_above, has_date, plan as make_roadmap
from ..inputs.team import OUTSIDE, SHEETS, RowProblem, Source, failed, outside_problem, read_csv, read_yaml
from ..inputs.yamlsafe import DataError, Problem
from ..store.keys import pseudonym_key
from ..words.lookup import match_level

_new = tuple.__new__  # a NamedTuple made from its fields in order, without its keyword handling (once a person)

# readiness, in the order a report lists it
NOW, SIX, TWELVE, LATER = "now", "6", "12", "later"
UNESTIMATED, ANSWER_FIRST, AT_TARGET, TOP = "not-estimated", "answer-first", "at-target", "top"
BUCKETS = (NOW, SIX, TWELVE, LATER, UNESTIMATED, ANSWER_FIRST, AT_TARGET, TOP)
HORIZON = 12  # months: "eligible within 12 months"
ABOVE, AT, BELOW = "above", "at", "below"  # working above, at or below the job held
SUCCESSION = (NOW, "12", "24")  # who could step in: now, within 12 months, within 24 months
GROUP_BY = ("department", "manager")
PARALLEL_FROM = 400  # profiles: from here a second worker pays for its start (0.54 s -> 0.47 s at 600 with a free core)


class Item(NamedTuple):
    """A roadmap step, as much of it as the report shows (`words.step_text` reads these fields)."""

    kind: str
    key: str
    have: object
    need: object
    start: int | None
    end: int | None
    check: object = None


class Open(NamedTuple):
    """A requirement of the person's target that is not met: close (short) or missing."""

    atom: Atom
    state: str
    have: object


class Person(NamedTuple):
    source: str  # the file (or FILE:ROW of a spreadsheet) as the user named it; "" when anonymised
    name: str | None  # as the profile gives it (a pseudonym when anonymised)
    best: str | None  # level ids
    fully: str | None
    could_be: str | None
    target: str | None  # the next title, or the team's --target; None at the top
    status: str  # planned | top | at-target
    eta: int | None  # months to the target; None: not estimated
    limits: tuple[Item, ...]  # what sets the date
    roles: tuple[Item, ...]  # the new assignments the date assumes
    answers: tuple[Atom, ...]  # unanswered requirements the date assumes are met
    education: bool  # an education requirement stands in the way (not estimated)
    gaps: tuple[Open, ...]
    held: tuple[str, ...]  # certifications held (as stated, in the ladder's vocabulary)
    eligible: tuple[str, ...]  # pipeline certifications not held that they may sit today
    soon: tuple[tuple[str, int], ...]  # (certification, month): eligible within 12 months on their roadmap
    planned: tuple[tuple[str, int | None], ...]  # (certification, month earned) on their roadmap
    unknown: tuple[tuple[str, Atom], ...]  # (question, requirement) left unanswered that matter
    other_certs: tuple[str, ...]
    label: str = ""  # the name shown: told apart by file when two people share it
    warnings: tuple = ()  # inputs.team.CellWarning: spreadsheet cells of theirs left unknown
    current: str | None = None  # the level id of the job held now (current_title matched on the ladder)
    current_text: str | None = None  # current_title as given (kept when it matches no level)
    current_hint: str | None = None  # the level the unmatched title most likely meant
    department: str | None = None
    manager: str | None = None
    succession: tuple = ()  # Candidate for each title of the succession view
    reviewed: tuple | None = None  # (competency ids the latest review rates, ids two steps or more from the self-rating); None: no review

    def working_in(self, ladder) -> str | None:
        if self.current is None:
            return None
        job = ladder.level(self.current).rank
        best = ladder.level(self.best).rank if self.best else -1
        return ABOVE if best > job else AT if best == job else BELOW

    @property
    def confirms(self) -> bool:
        """The plan's target is the title the person is placed at: what is left confirms it (not a move up)."""
        return self.target is not None and self.target == self.best

    @property
    def months(self) -> int | None:
        """Months to the target when there is a date to give (not for 'answer first', 'not estimated', the top)."""
        return self.eta if self.ready in (NOW, SIX, TWELVE, LATER) else None

    @property
    def ready(self) -> str:
        if self.status != "planned":
            return self.status
        if not has_date(self.eta, bool(self.answers)):  # education, or open questions first (the roadmap dates neither)
            return UNESTIMATED if self.eta is None and (self.education or not self.answers) else ANSWER_FIRST
        if self.eta == 0:  # nothing dated is left: ready
            return NOW
        return SIX if self.eta <= 6 else TWELVE if self.eta <= 12 else LATER


class CellNote(NamedTuple):
    """A spreadsheet cell that could not be read, as the report lists it: whose, where, what, and what would read."""

    person: str  # the person's label in this report (a pseudonym when anonymised)
    file: str  # "" when anonymised
    row: int
    column: str
    value: str  # "" for a name cell when anonymised
    expected: str
class Candidate(NamedTuple):
    """One person measured against one title of the succession view (views.plan.make_plan with that target)."""

    level: str
    eta: int | None  # months; 0 when already there or ready; None: no date
    there: bool  # placed at or above the title already
    answers: int  # unanswered requirements the date assumes met
    gap: Open | None  # the gap the plan leads with (what sets the date)
    done: int | None  # the month that gap closes

    @property
    def within(self) -> str | None:
        """NOW, '12', '24', or None (later, or no date)."""
        if self.there or (self.eta == 0 and not self.answers):
            return NOW
        if self.eta is None or self.eta == 0:
            return None
        return "12" if self.eta <= 12 else "24" if self.eta <= 24 else None


class Skipped(NamedTuple):
    source: str
    problems: tuple[Problem, ...]


GAP_ROWS = 15  # common gaps the team report shows (JSON holds them all)
TRAINING_ROWS = 5  # training suggestions it shows


class GapRows(Sequence):
    """The people of one gap as (person index, state, have, need) rows, kept as two arrays of small numbers (whose,
    and which of their gaps) and read from the people's own gaps when asked for: a team of 100,000 keeps a few bytes
    a row, not a tuple a row."""

    __slots__ = ("persons", "who", "which", "short")

    def __init__(self, persons: tuple, who, which) -> None:
        self.persons, self.who, self.which = persons, who, which
        self.short: Counter | None = None  # GapGroup.shortfalls, worked out once (the sort and each view ask)

    def __len__(self) -> int:
        return len(self.who)

    def _row(self, k: int) -> tuple:
        i = self.who[k]
        atom, state, have = self.persons[i].gaps[self.which[k]]
        return (i, state, have, atom.need)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return tuple(self._row(j) for j in range(*k.indices(len(self.who))))
        return self._row(range(len(self.who))[k])

    def __iter__(self):
        people = self.persons
        for i, j in zip(self.who, self.which):
            atom, state, have = people[i].gaps[j]
            yield (i, state, have, atom.need)

    def __eq__(self, other) -> bool:
        return isinstance(other, (tuple, GapRows)) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class GapGroup(NamedTuple):
    """One requirement open for several people: who, what they have, what they need."""

    kind: str
    key: str
    atom: Atom  # the first seen, for its label
    people: tuple[tuple[int, str, object, object], ...]  # (person index, state, have, need)

    @property
    def count(self) -> int:
        return len(self.people)

    def shortfalls(self) -> Counter:
        """How far short, by how much: rating steps, years, hours, skills of an "any N of"."""
        rows = self.people
        kept = rows.short if isinstance(rows, GapRows) else None
        if kept is None:
            kept = Counter()
            kind = self.kind
            for _i, _state, have, need in rows:
                by = shortfall(kind, have, need)
                if by is not None:
                    kept[by] += 1
            if isinstance(rows, GapRows):
                rows.short = kept
        return Counter(kept)

    def common_have(self):
        """The value most of them have now (for the training that fits them)."""
        counts = Counter(have for _i, _s, have, _n in self.people if have is not None and not isinstance(have, tuple))
        return counts.most_common(1)[0][0] if counts else None

    def trainable(self, ladder: Ladder) -> bool:
        """Closed by development a PMO can organise: skills, course hours, certificates."""
        if self.kind in (Kind.SKILL, Kind.SKILLS, Kind.CERT, Kind.CERTS):
            return True
        return self.kind == Kind.FACT and ladder.facts[self.key].grows == "study"


class CertRow(NamedTuple):
    cert: str
    holders: tuple[int, ...]
    eligible: tuple[int, ...]  # not held, may sit it today
    soon: tuple[tuple[int, int], ...]  # (person, month) eligible within 12 months on their roadmap
    planned: tuple[tuple[int, int | None], ...]  # (person, month earned) on their roadmap
    no_prerequisite: bool  # anyone may sit it


class Question(NamedTuple):
    key: str
    atom: Atom
    people: tuple[int, ...]


class Team(NamedTuple):
    ladder: Ladder
    origin: str
    today: _dt.date
    lang: str | None
    target: Level | None  # the team's --target, or None for each person's next title
    pace: int
    anonymised: bool
    files: int  # files read (a spreadsheet counts once)
    people: tuple[Person, ...]
    skipped: tuple[Skipped, ...]
    empty: tuple[str, ...]  # folders named that held no profile
    spread: tuple[tuple[Level | None, int], ...]  # None: not placed yet
    ready: dict  # bucket -> tuple of person indexes, soonest first
    gaps: tuple[GapGroup, ...]  # most people first
    certs: tuple[CertRow, ...]
    questions: tuple[Question, ...]
    workers: int = 1
    warnings: tuple[CellNote, ...] = ()  # cells left unknown, in the order of the people

    @property
    def warned(self) -> int:
        """People with at least one cell that could not be read."""
        return len({(n.person, n.file, n.row) for n in self.warnings})
    roster: tuple[int, ...] = ()  # people by level: the job held (else the placement), highest first, then by name
    succession: tuple[Level, ...] = ()  # the titles of the succession view (none when not asked for)
    by: str | None = None  # department | manager: the report per group
    groups: tuple = ()  # (group name or None, Team of that group), largest first
    since: object = None  # views.team_since.Since: the team then and now (team --since)

    def working(self, person) -> str | None:
        return person.working_in(self.ladder)

    @property
    def agreement(self) -> tuple[tuple[str, int, int], ...]:
        """Per competency of the ladder a review rates: (id, people reviewed on it, of them two steps or more apart)."""
        rated_n, apart_n = Counter(), Counter()
        for p in self.people:
            if p.reviewed is not None:
                rated_n.update(p.reviewed[0])
                apart_n.update(p.reviewed[1])
        return tuple((k, rated_n[k], apart_n[k]) for k in self.ladder.comps if rated_n[k])

    @property
    def unreviewed(self) -> tuple[int, ...]:
        """The people with no review yet (indexes), when anyone in the team has one."""
        if all(p.reviewed is None for p in self.people):
            return ()
        return tuple(i for i, p in enumerate(self.people) if p.reviewed is None)

    def successors(self, level_id: str) -> dict:
        """For one title: bucket (now, 12, 24) -> [(person index, Candidate)], soonest first, then by name."""
        out: dict = {b: [] for b in SUCCESSION}
        for i, p in enumerate(self.people):
            for c in p.succession:
                if c.level == level_id and c.within is not None:
                    out[c.within].append((i, c))
        for rows in out.values():
            rows.sort(key=lambda r: (0 if r[1].there else 1, r[1].eta or 0, _fold(self.people[r[0]].label)))
        return out

    @property
    def title_warnings(self) -> tuple[int, ...]:
        """People whose current title matches no level of the ladder."""
        return tuple(i for i, p in enumerate(self.people) if p.current_text and p.current is None)

    @property
    def read(self) -> int:
        return len(self.people)

    @property
    def gap_rows(self) -> tuple[GapGroup, ...]:
        """The common gaps worth a row in the report: open for more than one person (all of them
        when none is), at most GAP_ROWS."""
        several = tuple(g for g in self.gaps if g.count > 1)
        return (several or self.gaps)[:GAP_ROWS]

    def training(self, n: int = TRAINING_ROWS) -> tuple[GapGroup, ...]:
        """The common gaps that training closes (most people first), at most `n`."""
        return tuple(g for g in self.gaps if g.trainable(self.ladder))[:n]

    def level(self, level_id: str | None) -> Level | None:
        return self.ladder.level(level_id) if level_id else None


class Request(NamedTuple):
    ladder: Ladder
    vocab: object
    today: _dt.date
    origin: str = "built-in"
    target: str | None = None
    pace: int = PACE
    lang: str | None = None
    role_from: int = 4
    anonymise: bool = False
    workers: int | None = None  # None: decide by the size of the team
    sheet: str | None = None  # the sheet of a workbook to read (name or number); None: the first
    succession: tuple[str, ...] = ()  # level ids: who could step into each (views.plan.make_plan with it as target)
    by: str | None = None  # department | manager
    ratings: str = "self"  # engine.reviews: the ratings that place people (self, reviewer, lower)


def succession_levels(ladder: Ladder, level_id: str | None = None) -> tuple[str, ...]:
    """The titles at or above `level_id` by rank (default: the ladder's top tier), in ladder order."""
    if level_id is None:
        top = max(ladder.levels, key=lambda lv: lv.rank).tier
        return tuple(lv.id for lv in ladder.levels if lv.tier == top)
    floor = ladder.level(level_id).rank
    return tuple(lv.id for lv in ladder.levels if lv.rank >= floor)


def shortfall(kind: str, have, need):
    """How far short one requirement is; None when it has no size (a certificate, an education)."""
    if kind == Kind.SKILL:
        return need - (have or 0)
    if kind == Kind.FACT and isinstance(have, (int, float)):
        gap = need - have
        return int(gap) if float(gap).is_integer() else round(gap, 2)
    if kind == Kind.SKILLS:
        return need.n - (have or 0)
    return None


# --- one person --------------------------------------------------------------------------------


_CTX: dict = {}


def _context(req: Request) -> dict:
    from .team_keep import atom_index, ladder_atoms

    ladder = req.ladder
    atoms = ladder_atoms(ladder)
    return {
        "req": req,
        "target": ladder.level(req.target) if req.target else None,
        "pipeline": pipeline_certs(ladder),
        "cert_atoms": cert_atoms(ladder),
        "atoms": atoms,  # the ladder's requirements in a fixed order: how results cross between processes
        "atom_index": atom_index(atoms),
    }


def pipeline_certs(ladder: Ladder) -> tuple[str, ...]:
    """The certifications the ladder asks for, directly or as a prerequisite of one it asks for."""
    return uses(ladder).certs


def cert_atoms(ladder: Ladder) -> tuple:
    """For each level, (position, certifications) of the requirements that name certifications."""
    from ..engine.types import atoms_of

    out = []
    for level in ladder.levels:
        found = []
        for i, atom in enumerate(level.requires):
            names: set = set()
            for a in atoms_of((atom,)):
                if a.kind == Kind.CERT:
                    names.add(a.need)
                elif a.kind == Kind.CERTS:
                    names.update(a.need)
            if names:
                found.append((i, frozenset(names)))
        out.append(tuple(found))
    return tuple(out)


def wanted_certs(a, positions) -> set:
    """The certifications that could still count for this person: asked for, and not yet met, above where they stand.

    A certification only the titles below a person ask for, or asked for where they already
    hold an alternative, does nothing for their climb, so the pipeline does not list them as
    eligible for it (a Chief Project Officer for an entry exam, a PMP for PRINCE2 where either
    will do). One that is only a way to be eligible for another shows on the roadmaps that need it.
    """
    out: set = set()
    start = a.ladder.index(a.best.id) + 1 if a.best else 0
    for f, found in zip(a.fits[start:], positions[start:]):
        for i, names in found:
            atom = f.level.requires[i]
            if i < len(f.checks) and f.checks[i].atom is atom:
                c = f.checks[i]
            else:  # after a conditional requirement that does not apply, which the fit leaves out
                c = next((c for c in f.checks if c.atom is atom), None)
            if c is not None and c.state != MET:
                out.update(names)
    return out


def summarise(profile, source: str, ctx: dict) -> Person:
    """What the report needs of one person: placement, readiness, gaps, certifications, unknowns."""
    req: Request = ctx["req"]
    ladder = req.ladder
    profile, review = rated(profile, req.ratings)
    a = assess(ladder, profile, req.today)
    goal = ctx["target"]
    status = "planned"
    if goal is not None and at_or_above(ladder, a.best, goal):
        status, road = AT_TARGET, None
    else:
        road = make_roadmap(a, goal, req.pace, req.role_from)
        if road.target is None:
            status = TOP
    limits: tuple[Item, ...] = ()
    roles: tuple[Item, ...] = ()
    answers: tuple[Atom, ...] = ()
    gaps: tuple[Open, ...] = ()
    education = False
    planned: list[tuple[str, int | None]] = []
    soon: list[tuple[str, int]] = []
    eta = None
    target_id = None
    known = a.known
    held = known.held
    if road is not None and road.target is not None:
        target_id = road.target.id
        eta = road.eta
        limit_ids = road.milestones[-1].limits if road.milestones else ()
        roles_seen: dict[str, Item] = {}
        answer_list = []
        lim = []
        for s in road.steps:
            kind = s.kind
            if limit_ids and s.id in limit_ids:
                lim.append(_item(s))
            if kind == StepKind.ROLE:
                old = roles_seen.get(s.key)
                if old is None or s.need > old.need:
                    roles_seen[s.key] = _item(s)
            elif kind == StepKind.ANSWER:
                if s.check is not None:
                    answer_list.append(s.check.atom)
            elif kind == StepKind.EDUCATION:
                education = True
            elif kind == StepKind.CERT:
                planned.append((s.key, s.end))
                start = s.start  # eligible within 12 months on their roadmap (not today)
                if s.key not in held and start is not None and start <= HORIZON and not known.eligible_now(s.key):
                    soon.append((s.key, start))
        limits, roles, answers = tuple(lim), tuple(roles_seen.values()), tuple(dict.fromkeys(answer_list))
        if not road.already_met:
            gaps = tuple([_new(Open, (c.atom, c.state, c.have)) for c in a.fit(target_id).checks if c.state != MET and c.state != UNKNOWN])
    stated = known.stated  # a lapsed certificate is not held
    wanted = wanted_certs(a, ctx["cert_atoms"])
    certs = ladder.certs
    eligible = tuple([c for c in ctx["pipeline"] if c in wanted and c not in held and certs[c].eligibility and known.eligible_now(c)])
    found = unknowns(a, road.target if road is not None else None)
    unknown = tuple([(_question(c), c.atom) for c, _levels in found])
    current = hint = None
    if profile.current_title:
        level, near = match_level(ladder, profile.current_title)
        current, hint = (level.id if level else None), (near.id if near else None)
    best, fully, could_be = a.best, a.fully, a.could_be
    return _new(Person, (
        source, profile.name, best.id if best else None, fully.id if fully else None, could_be.id if could_be else None,
        target_id, status, eta, limits, roles, answers, education, gaps, stated, eligible, tuple(soon), tuple(planned),
        unknown, tuple(profile.other_certifications), "", (), current, profile.current_title, hint, profile.department,
        profile.manager, tuple([_candidate(profile, a, ladder.level(lid), req) for lid in req.succession]) if req.succession else (),
        None if review is None else (tuple(sorted(review.theirs)), tuple([d.id for d in review.differences]))))


def _candidate(profile, a, level: Level, req: Request) -> Candidate:
    """One person against one title: already there, or their plan to it (`make_plan` with it as target)."""
    if at_or_above(req.ladder, a.best, level):
        return Candidate(level.id, 0, True, 0, None, None)
    from .plan import UNANSWERED, make_plan

    plan = make_plan(req.ladder, profile, req.today, target=level.id, pace=req.pace, lang=req.lang, role_from=req.role_from,
                     assessed=a)
    lead = next((g for g in plan.gaps if g.reason != UNANSWERED), None)
    answers = sum(1 for g in plan.gaps if g.reason == UNANSWERED)
    gap = Open(lead.check.atom, lead.check.state, lead.check.have) if lead else None
    return Candidate(level.id, plan.roadmap.eta, False, answers, gap, lead.done if lead else None)


def _item(step) -> Item:
    kind = step.kind
    return _new(Item, (kind, step.key, step.have, step.need, step.start, step.end, step.check if kind == StepKind.ANSWER else None))


def _question(c) -> str:
    return "certifications" if c.kind in (Kind.CERT, Kind.CERTS) else c.key


# --- reading, in one process or several ------------------------------------------------------


class Unit(NamedTuple):
    """One piece of work: a profile file to read, or a spreadsheet row already read."""

    source: Source | None
    shown: str
    profile: object = None
    warnings: tuple = ()


def _run(units: list[Unit], ctx: dict | None = None) -> list:
    ctx = ctx or _CTX
    vocab = ctx["req"].vocab
    out = []
    for unit in units:
        profile = unit.profile
        try:
            if profile is None:
                profile = read_yaml(unit.source.path, unit.shown, vocab)
            person = summarise(profile, unit.shown, ctx)
            out.append(person._replace(warnings=unit.warnings) if unit.warnings else person)
        except DataError as exc:
            out.append(Skipped(unit.shown, tuple(exc.problems)))
        except Exception as exc:  # noqa: BLE001 - one person that fails is skipped, never the whole report
            out.append(_failed(unit.shown, exc))
    return out


def _failed(shown: str, exc: BaseException) -> Skipped:
    """A person (a file, or FILE:ROW of a spreadsheet) that failed for a reason no rule names."""
    file, row = _file_of(shown)
    where = RowProblem(file, int(row), 0, failed(exc)) if row else Problem(file, 1, 1, failed(exc))
    return Skipped(shown, (where,))


def _set_context(req: Request) -> None:
    """The request and what is worked out once from it, for `_run` in this process (and in each worker)."""
    from .team_keep import use

    _CTX.clear()
    _CTX.update(_context(req))
    use(_CTX["atoms"])


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def read_xlsx(path: str, shown: str, vocab, sheet: str | None):
    from ..inputs.xlsx import read_xlsx as read

    return read(path, shown, vocab, sheet)


def build_team(req: Request, sources: list[Source], empty: tuple[str, ...] = (), progress: Callable | None = None,
               warm: Callable | None = None) -> Team:
    """Read, place and fold a team; `progress(done, total)` is called as the work goes; `warm()`, what the caller needs
    next (views.team_stream.place), while helper processes place people."""
    units: list[Unit] = []
    early: list = []  # spreadsheet rows that did not load, and spreadsheets that did not
    for src in sources:
        if src.kind == OUTSIDE:
            early.append(Skipped(src.shown, (outside_problem(src.shown),)))
        elif src.kind in ("csv", "xlsx"):
            try:
                rows = read_csv(src.path, src.shown, req.vocab) if src.kind == "csv" else read_xlsx(src.path, src.shown, req.vocab, req.sheet)
            except DataError as exc:
                early.append(Skipped(src.shown, tuple(exc.problems)))
                continue
            except Exception as exc:  # noqa: BLE001 - a spreadsheet that fails is skipped, never the whole report
                early.append(_failed(src.shown, exc))
                continue
            for row in rows:
                shown = f"{src.shown}:{row.number}"
                if row.profile is None:
                    early.append(Skipped(shown, row.problems))
                else:
                    units.append(Unit(None, shown, row.profile, row.warnings))
        else:
            units.append(Unit(src, src.shown))
    if req.anonymise:
        pseudonym_key()  # a key that cannot be used stops the run before the work, not after
    workers = req.workers or (min(2, cpu_count()) if len(units) >= PARALLEL_FROM else 1)
    workers = max(1, min(workers, len(units) // 50 or 1))
    results = early + _place(req, units, workers, progress, warm)
    return fold(req, results, len(sources), tuple(empty), workers)


def _place(req: Request, units: list[Unit], workers: int, progress, warm: Callable | None = None) -> list:
    from .team_keep import Keeper
    from .team_stream import place

    _set_context(req)
    keeper = Keeper()

    def keep(results) -> list:
        if isinstance(results, bytes):
            results = _unpack(results)
        return [keeper.person(r) if isinstance(r, Person) else r for r in results]

    return place(req, units, workers, progress, _run, _set_context, _pack, keep, warm)


def _pack(results: list) -> bytes:
    """A helper's results as it sends them (views.team_keep.pack)."""
    from .team_keep import pack

    return pack(results, _CTX["atom_index"])


def _unpack(data: bytes) -> list:
    from .team_keep import unpack

    return unpack(data)


# --- the team-wide figures --------------------------------------------------------------------


def fold(req: Request, results: list, files: int, empty: tuple[str, ...], workers: int = 1, grouped: bool = False) -> Team:
    """The team-wide figures; `grouped`: the people of one group, already labelled (and anonymised).

    `results` is emptied: each person is kept once, as labelled (a team of 100,000 is not held twice)."""
    ladder = req.ladder
    people = [r for r in results if isinstance(r, Person)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    results.clear()
    if req.anonymise and not grouped:
        people, skipped = anonymise(people, skipped)
    keys = [(f, p.source) for f, p in zip(_label(people), people)]  # each label folded once, for every sort below
    order = sorted(range(len(people)), key=keys.__getitem__)
    people = tuple([people[k] for k in order])
    folded = [keys[k][0] for k in order]
    del keys, order
    skipped.sort(key=lambda s: _natural(s.source))
    ids = tuple(range(len(people)))  # one number object a person, shared by every list of people below

    at = Counter(p.best for p in people)
    spread = tuple((lv, at.get(lv.id, 0)) for lv in ladder.levels) + (((None, at[None]),) if at.get(None) else ())

    ready: dict[str, list[int]] = {b: [] for b in BUCKETS}
    for i, p in zip(ids, people):
        ready[p.ready].append(i)
    for bucket, members in ready.items():
        members.sort(key=lambda i: (people[i].eta if people[i].eta is not None else 10**6, folded[i]))

    groups: dict[tuple[str, str], tuple[array, array]] = {}
    first: dict[tuple[str, str], Atom] = {}
    for i, p in zip(ids, people):
        for j, (atom, _state, _have) in enumerate(p.gaps):
            key = atom[:2]  # (kind, key): one requirement, whichever title asks for it
            rows = groups.get(key)
            if rows is None:
                rows = groups[key] = (array("l"), array("H"))
                first[key] = atom
            rows[0].append(i)
            rows[1].append(j)
    gaps = [GapGroup(kind, key, first[(kind, key)], GapRows(people, *rows)) for (kind, key), rows in groups.items()]
    gaps.sort(key=lambda g: (-g.count, -sum(g.shortfalls().elements()) if g.kind == Kind.SKILL else 0, g.kind, g.key))

    pipeline = list(pipeline_certs(ladder))
    for p in people:
        for c in p.held:
            if c not in pipeline:
                pipeline.append(c)
    pipeline.sort(key=lambda c: list(ladder.certs).index(c))
    rows = {c: ([], [], [], []) for c in pipeline}
    for i, p in zip(ids, people):
        for c in p.held:
            rows[c][0].append(i)
        for c in p.eligible:
            if c in rows:
                rows[c][1].append(i)
        for c, month in p.soon:
            if c in rows:
                rows[c][2].append((i, month))
        for c, month in p.planned:
            if c in rows:
                rows[c][3].append((i, month))
    certs = tuple(CertRow(c, tuple(h), tuple(e), tuple(sorted(s, key=lambda x: (x[1], x[0]))),
                          tuple(sorted(pl, key=lambda x: (x[1] if x[1] is not None else 10**6, x[0]))),
                          not ladder.certs[c].eligibility)
                  for c, (h, e, s, pl) in rows.items())

    asked: dict[str, list] = {}
    atoms: dict[str, Atom] = {}
    for i, p in zip(ids, people):
        for key, atom in p.unknown:
            atoms.setdefault(key, atom)
            asked.setdefault(key, []).append(i)
    questions = sorted((Question(k, atoms[k], tuple(v)) for k, v in asked.items()), key=lambda q: (-len(q.people), q.key))

    ranks = {lv.id: lv.rank for lv in reversed(ladder.levels)}  # ladder.level(id).rank: the first level of that id

    def rank(p: Person) -> int:
        job = p.current or p.best
        return ranks[job] if job else -1

    roster = tuple(sorted(ids, key=lambda i: (-rank(people[i]), folded[i], people[i].source)))
    target = ladder.level(req.target) if req.target else None
    notes_ = cell_notes(people, req.anonymise)
    team = Team(ladder, req.origin, req.today, req.lang, target, req.pace, req.anonymise, files, people,
                tuple(skipped), empty, spread, {b: tuple(v) for b, v in ready.items()}, tuple(gaps), certs,
                tuple(questions), workers, notes_, roster, tuple(ladder.level(lid) for lid in req.succession), req.by)
    if req.by and not grouped:
        team = team._replace(groups=_groups(req, team, files, empty, workers))
    return team


def _groups(req: Request, team: Team, files: int, empty: tuple[str, ...], workers: int) -> tuple:
    """The same report for each department (or manager): the people of that group folded again; None: not given."""
    members: dict = {}
    for p in team.people:
        members.setdefault(getattr(p, req.by) or None, []).append(p)
    order = sorted(members, key=lambda k: (k is None, -len(members[k]), _fold(k or "")))
    return tuple((key, fold(req, members[key], files, empty, workers, grouped=True)) for key in order)



def cell_notes(people: list[Person], anonymised: bool) -> tuple[CellNote, ...]:
    """Every cell left unknown, named by the person's label (the pseudonym when anonymised: then the file is not
    named, nor is a name cell quoted)."""
    out = []
    for p in people:
        for w in p.warnings:
            name_cell = anonymised and w.column.strip().casefold() == "name"
            out.append(CellNote(p.label, "" if anonymised else w.file, w.row, w.column, "" if name_cell else w.value, w.expected))
    return tuple(out)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _natural(source: str):
    """FILE:ROW in row order (row 10 after row 9)."""
    head, sep, tail = source.rpartition(":")
    return (head, int(tail)) if sep and tail.isdigit() else (source, 0)


def label_people(people: list[Person]) -> list[Person]:
    """The name shown: as given; with the file beside it when two people share a name; the file when there is none.
    Labelled in place (and returned)."""
    _label(people)
    return people


_LABEL = Person._fields.index("label")


def _label(people: list[Person]) -> list[str]:
    """`label_people`, and each label folded (`_fold`) for the sorts: each name is folded once."""
    names = [_fold(p.name) if p.name else None for p in people]
    counts = Counter(names)
    folded = []
    for k, (p, name) in enumerate(zip(people, names)):
        if p.label:
            label = p.label
        elif name is None:
            label = p.source
        elif counts[name] > 1:
            label = f"{p.name} ({p.source})"
        else:
            label = p.name
        folded.append(name if label is p.name else _fold(label))
        if p.label != label:
            people[k] = _new(Person, p[:_LABEL] + (label,) + p[_LABEL + 1:])
    return folded


# --- pseudonyms -------------------------------------------------------------------------------

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U


def pseudonym(key: bytes, *parts: str, prefix: str = "Person") -> str:
    """`Person 7F3A-9KQ2`: 40 bits of a keyed hash, the same for the same parts and key."""
    import hashlib
    import hmac

    digest = hmac.new(key, "\0".join(parts).encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    n = int.from_bytes(digest[:5], "big")
    code = "".join(_ALPHABET[(n >> shift) & 31] for shift in range(35, -1, -5))
    return f"{prefix} {code[:4]}-{code[4:]}"


def _file_of(source: str) -> tuple[str, str]:
    """(file, row) of a source: `team.csv:12` -> (team.csv, 12)."""
    head, sep, tail = source.rpartition(":")
    if sep and tail.isdigit() and head.lower().endswith(SHEETS):
        return head, tail
    return source, ""


def anonymise(people: list[Person], skipped: list[Skipped]) -> tuple[list[Person], list[Skipped]]:
    """Names and files replaced by stable pseudonyms; problems keep their line and message only."""
    key = pseudonym_key()
    same = Counter((os.path.abspath(_file_of(p.source)[0]), _fold(p.name or "")) for p in people)
    out = []
    taken: Counter = Counter()
    for p in people:
        file, row = _file_of(p.source)
        ident = (os.path.abspath(file), _fold(p.name or ""))
        parts = ident + ((row,) if same[ident] > 1 or not p.name else ())
        label = pseudonym(key, *parts)
        taken[label] += 1
        if taken[label] > 1:  # 40 bits: practically never; still told apart
            label = f"{label} ({taken[label]})"
        manager = pseudonym(key, "manager", _fold(p.manager), prefix="Manager") if p.manager else None
        out.append(p._replace(source="", name=label, label=label, manager=manager))
    hidden = []
    for s in skipped:
        file, row = _file_of(s.source)
        shown = pseudonym(key, os.path.abspath(file), prefix="File") + (f":{row}" if row else "")
        problems = tuple(_hide(pr, shown if not row else shown.rsplit(":", 1)[0]) for pr in s.problems)
        hidden.append(Skipped(shown, problems))
    return out, hidden


def _hide(problem: Problem, shown: str) -> Problem:
    from dataclasses import replace

    return replace(problem, path=shown)
