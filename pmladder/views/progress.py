"""One profile on every ladder, and what changed between two recorded assessments (issue 10).

Pure: no printing, no files, no clock. The CLI reads the history and the profile and passes
them in; `render/progress.py` draws what these functions return.

Crosswalk
---------
`crosswalk` places one profile on every installed ladder with `views.plan.make_plan`, the call
`assess` makes, so each row is what `pmladder assess --ladder L` says on that ladder: best
fit, fully met, the next title (the roadmap's default target), the fit to it and the
earliest-ready estimate. An answer the profile never gave stays unknown on every ladder.

Progress
--------
`compare` holds a later assessment (B) against an earlier one (A) on the same ladder. The
*target* is A's target: the title A's roadmap planned for. Then:

- Placement then and now come from the two records as they were stored.
- Answers gained or lost come from the two stored profiles (as answered, nothing implied).
- Gaps are the target's requirements that are not met: A's as stored, B's recomputed from
  B's stored profile on the installed ladder at B's date. Closed: open then, met now.
- Each step of A's stored roadmap is *due* when its `done_month` (months after A's date)
  falls in or before B's month (a step to answer a question is due at once; a role change
  or an education has no date). It is *done* when B's profile meets the step's need, with
  what B's certifications imply: a rating, a number of years or hours, a certification, an
  education, an answer given. Due and done: done; due, not done: behind; done before it is
  due: ahead; started by the plan but neither due nor done: under way; else not due yet.
- The new estimate is B's profile planned toward the same target at A's pace, from B's
  date; the old one is A's stored estimate. Both are calendar months. Ratings rise in
  whole steps, so a step under way shows no change until it is done and the new estimate
  starts it again: a person exactly on plan can see a later estimate. That is why the
  verdict is decided by the steps, and the estimate is the forecast beside it.

How "on schedule" is decided (`verdict`):

1. The target is reached (B meets it in full, or B's best fit is the target or above it and what is
   still open of the target is within what it tolerates: nothing missing, its fit reached; `reached_target`):
   ahead when the month of the first assessment after A that stood there (B, when none
   between did) is before the month A's plan gave, on schedule in that month (or when A
   gave no date), behind after it. Basis "reached".
2. Else, a step that is due is not done: behind. Basis "steps".
3. Else ahead when the new estimate is earlier than the old one (basis "date"), or, when
   either has no date, when a step was done before it was due (basis "steps").
4. Else on schedule: everything due is done (basis "steps").

A has no target (it was at the top of the ladder): there is no schedule (`NO_TARGET`).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, NamedTuple

from ..engine.months import month_index, month_of
from ..engine.placement import MET, UNKNOWN, assess
from ..engine.roadmap import at_or_above, has_date
from ..engine.types import EDU_RANK, Ladder, Level, Profile, StepKind
from ..exits import NO_INPUT, USAGE, Fail, Message, N_

AHEAD, ON_SCHEDULE, BEHIND, NO_TARGET = "ahead", "on_schedule", "behind", "no_target"
# step states
DONE, EARLY, LATE, UNDERWAY, LATER, OPEN, UNANSWERED = "done", "ahead", "behind", "under_way", "not_due", "open", "unknown"
NEVER_DUE = (StepKind.ROLE, StepKind.EDUCATION)  # steps with no month to be due by (open questions are due at once)


class ProgressError(Fail):
    """Two assessments cannot be compared as asked: a catalog message and its parameters (worded by
    the CLI's error boundary in the language of the run); `code` is the exit code."""

    def __init__(self, message: str, code: int = USAGE, **params):
        super().__init__(Message(message, **params), code)


# --- crosswalk ------------------------------------------------------------------------------


def crosswalk(lib, profile: Profile, today: _dt.date, *, pace: int = 3, skip: str | None = None, lang: str | None = None,
              options=None) -> list:
    """One `service.Plan` per installed ladder (by id), `skip` left out; no target; each ladder's text in
    `lang` where the ladder has it. `options(ladder_id)`: the options a command suggested on that ladder repeats."""
    from ..words import language_for
    from .plan import make_plan

    return [
        make_plan(item.ladder, profile, today, pace=pace, origin=item.origin, role_from=lib.catalog.role_ratings_from,
                  lang=language_for(lang, item.ladder).text, options=options(lid) if options else "")
        for lid, item in sorted(lib.ladders.items())
        if lid != skip
    ]


def open_questions(plans) -> list[tuple[object, list, list[str]]]:
    """The questions not answered that each ladder needs on the way to its next title: for each plan that has
    any, (the plan, its requirements not answered other than ratings, one a question, and the competencies it
    needs rated that are not). Each ladder's list is whole (its own command asks them), so a question two
    ladders need is named on both."""
    from ..engine.placement import answer_key
    from ..engine.types import Kind

    out = []
    for plan in plans:
        rated = plan.profile.competencies
        seen: set = set()
        other, skills = [], []
        for c, _levels in plan.unknowns:
            if c.kind in (Kind.SKILL, Kind.SKILLS):
                skills += [k for k in ((c.key,) if c.kind == Kind.SKILL else c.need[1]) if k not in rated]
            elif answer_key(c) not in seen:
                seen.add(answer_key(c))
                other.append(c)
        if other or skills:
            out.append((plan, other, list(dict.fromkeys(skills))))
    return out


def held_back(plan):
    """What keeps the person from the next title on this plan's ladder: (the requirement, that title), or None.

    The next title is the plan's target, as `where` names it (the title held when the plan confirms it); of
    its open requirements (the plan's gaps, in their order: a gate first), a missing one first, else one
    that is close, else one not answered."""
    road = plan.roadmap
    if road.target is None or road.already_met:
        return None
    for state in ("missing", "short", UNKNOWN):
        found = next((g.check for g in plan.gaps if g.check.state == state), None)
        if found is not None:
            return found, road.target
    return None


def next_fit(plan):
    """The fit to the plan's target (the next title), or None at the top of the ladder."""
    target = plan.roadmap.target
    return plan.assessment.fit(target.id) if target is not None else None


def estimate(plan) -> int | None:
    """Months to the target, None when there is no date (education, open questions, the top)."""
    road = plan.roadmap
    if road.target is None:
        return None
    eta = road.eta
    return eta if has_date(eta, not road.already_met and any(s.kind == StepKind.ANSWER for s in road.steps)) else None


def record_fit(plan) -> tuple[int, int]:
    """(met, total) as a history row stores it: toward the target, else on the best fit."""
    a = plan.assessment
    level = plan.roadmap.target or a.best
    if level is None:
        return 0, 0
    f = a.fit(level.id)
    return f.met, f.total


# --- choosing the two assessments -----------------------------------------------------------


class Span(NamedTuple):
    ladder: str
    rows: tuple  # every row on the ladder, oldest first (summary rows)
    then: Any  # history.Row
    now: Any
    chart: tuple  # the rows the chart draws, oldest first


def _ladder_with_two(rows) -> tuple[str, int] | None:
    """The ladder with two or more assessments assessed last, and how many it has; None when there is none."""
    count: dict[str, int] = {}
    for r in rows:
        count[r.ladder_id] = count.get(r.ladder_id, 0) + 1
    found = [r.ladder_id for r in rows if count[r.ladder_id] >= 2]
    return (found[-1], count[found[-1]]) if found else None


def choose(rows, *, ladder: str | None = None, since: _dt.date | None = None, from_id: int | None = None,
           to_id: int | None = None) -> Span:
    """Pick the two assessments to compare from summary rows (oldest first).

    `to`: `to_id`, else the latest on the ladder. `from`: `from_id`; else with `since` the last
    one assessed on or before that date (else the first after it); else the one before `to`.
    The ladder: `ladder`, else the ladder of `to_id`, of `from_id`, or of the latest row.
    The chart draws the rows from `from` to `to` when `from` was chosen (by id or date), else
    every row up to `to`.
    """
    by_id = {r.id: r for r in rows}
    for name, rid in (("--from", from_id), ("--to", to_id)):
        if rid is not None and rid not in by_id:
            raise ProgressError(N_("{option}: no assessment with id {id} (see: pmladder history)"), NO_INPUT, option=name, id=rid)
    if not rows:
        raise ProgressError(N_("no assessments recorded yet: assess, or import a dated profile with "
                               "'pmladder history import FILE --date YYYY-MM-DD'"), NO_INPUT)
    chosen = ladder or (by_id[to_id].ladder_id if to_id is not None else by_id[from_id].ladder_id if from_id is not None else rows[-1].ladder_id)
    for name, rid in (("--from", from_id), ("--to", to_id)):
        if rid is not None and by_id[rid].ladder_id != chosen:
            raise ProgressError(N_("{option}: assessment {id} is on ladder '{ladder}', not '{chosen}'; progress compares "
                                   "two assessments on one ladder (pmladder where compares ladders)"),
                                option=name, id=rid, ladder=by_id[rid].ladder_id, chosen=chosen)
    on = tuple(r for r in rows if r.ladder_id == chosen)
    if not on:
        raise ProgressError(N_("no assessments recorded on ladder '{ladder}' (see: pmladder history)"), NO_INPUT, ladder=chosen)
    now = by_id[to_id] if to_id is not None else on[-1]
    upto = on[: on.index(now) + 1]
    if from_id is not None:
        then = by_id[from_id]
        if then not in upto or then is now:
            raise ProgressError(N_("--from {id} must be an earlier assessment than {now} ({day}); list them with: pmladder history"),
                                id=from_id, now=now.id, day=now.assessed_on)
    elif since is not None:
        before = [r for r in upto[:-1] if r.assessed_on <= since]
        after = [r for r in upto[:-1] if r.assessed_on > since]
        if not (before or after):
            raise ProgressError(N_("--since {since}: no assessment on '{ladder}' before {day} to compare with"), NO_INPUT,
                                since=since, ladder=chosen, day=now.assessed_on)
        then = before[-1] if before else after[0]
    else:
        if len(upto) < 2:
            other = _ladder_with_two(rows) if ladder is None and to_id is None else None
            if other is not None:  # the latest assessment is alone on its ladder, but another ladder has a history
                raise ProgressError(N_("only one assessment on '{ladder}' up to {day} (id {id}); '{other}' has {n}: compare "
                                       "them with 'pmladder progress --ladder {other}'"), NO_INPUT,
                                    ladder=chosen, day=now.assessed_on, id=now.id, other=other[0], n=other[1])
            raise ProgressError(N_("only one assessment on '{ladder}' up to {day} (id {id}): assess again later, or import "
                                   "an older profile with 'pmladder history import FILE --date YYYY-MM-DD'"), NO_INPUT,
                                ladder=chosen, day=now.assessed_on, id=now.id)
        then = upto[-2]
    start = upto.index(then) if (from_id is not None or since is not None) else 0
    return Span(chosen, on, then, now, upto[start:])


# --- comparing -------------------------------------------------------------------------------


class Change(NamedTuple):
    kind: str  # education | fact | skill | cert | other_cert
    key: str
    before: object  # None: not answered (or not held, for certificates)
    after: object


class StepState(NamedTuple):
    step: dict  # as A's snapshot stored it (id, level, kind, key, have, need, done_month, ...), with its `text`
    due_by: str | None  # YYYY-MM; None when the step has no date
    due: bool
    done: bool | None  # None: B did not answer what the step is about
    state: str  # DONE, EARLY, LATE, UNDERWAY, LATER, OPEN, UNANSWERED
    now: object  # B's value: a rating, a number, True/False for a certificate, an education id
    expected: float | None = None  # experience under way: what the plan expected by B's month

    @property
    def on_pace(self) -> bool | None:
        """Experience under way: has it grown as the plan expected? (None for other steps)"""
        if self.expected is None or self.now is None:
            return None
        return self.now >= self.expected - 1e-9


class Point(NamedTuple):
    id: int
    day: _dt.date
    met: int
    total: int
    best_fit: str | None  # title

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0


class Progress(NamedTuple):
    ladder: Ladder
    then: Any  # history.Row with profile and plan
    now: Any
    months: int  # calendar months from A to B
    target: Level | None  # A's target on the installed ladder
    then_target_title: str | None  # A's target as the installed ladder names it (its id when the ladder no longer has it)
    now_plan: Any  # service.Plan: B's profile toward the target (its own next title once reached)
    reached: bool
    moved: int | None  # best fit: levels up (+) or down (-), None when it cannot be told (a branch)
    fit_then: dict | None  # A's stored fit on the target ({met, short, missing, unknown, total, ...})
    fit_now: Any  # B's assess.Fit on the target
    changes: tuple[Change, ...]
    not_updated: tuple[str, ...]  # experience that grows with time but was not raised
    closed: tuple[dict, ...]  # A's gaps met now
    opened: tuple[dict, ...]  # B's open requirements that were met in A
    still: tuple[tuple[dict, dict], ...]  # open in both: (A's, B's)
    steps: tuple[StepState, ...]
    eta_then: int | None  # months after A
    eta_now: int | None  # months after B (0 once reached)
    slip: int | None  # months later (+) or earlier (-) than A planned
    verdict: str  # AHEAD, ON_SCHEDULE, BEHIND, NO_TARGET
    basis: str | None  # "reached", "date" or "steps" (see the rule above); None without a target
    chart: tuple[Point, ...]
    ladder_changed: bool  # A or B was recorded with another version of the ladder
    reached_in: Any = None  # the first assessment after A that stood at the target or above (B when none between)

    @property
    def lang(self) -> str | None:
        """The language of the ladder's text in this comparison (None: English)."""
        return self.now_plan.lang

    @property
    def due(self) -> list[StepState]:
        return [s for s in self.steps if s.due]

    def count(self, state: str) -> int:
        return sum(1 for s in self.steps if s.state == state)

    @property
    def then_ready_by(self) -> str | None:
        return month_of(self.then.assessed_on, self.eta_then)

    @property
    def now_ready_by(self) -> str | None:
        return month_of(self.now.assessed_on, self.eta_now)


def profile_of(row, vocab) -> Profile:
    """The stored profile of a history row, checked as a profile file is (DataError if not)."""
    from ..inputs.profiles import check
    from ..inputs.yamlsafe import Document

    return check(Document(f"history assessment {row.id}", row.profile), vocab)


def stored_estimate(plan: dict) -> int | None:
    eta = plan.get("eta_months")
    answers_open = not plan.get("already_met") and any(s.get("kind") == StepKind.ANSWER for s in plan.get("roadmap") or ())
    return eta if has_date(eta, answers_open) else None


def compare(lib, ladder: Ladder, then, now, chart_plans: dict[int, dict] | None = None, chart_rows=(), lang: str | None = None) -> Progress:
    """Compare history rows `then` and `now` (both with profile and plan) on the installed `ladder`.

    `chart_rows` are summary rows to draw; `chart_plans` the stored plans of those whose target
    differs from `then`'s (their fit on the target is read from the snapshot's fit table). Text is in
    `lang` (one of the ladder's languages, None for English): the history stores data without words
    (views/snapshot.py), so the earlier plan is worded here from the installed ladder.
    """
    from .plan import make_plan
    from .snapshot import worded

    vocab = lib.vocabulary()
    stored = then.plan.get("target")
    target_id = stored if isinstance(stored, str) else then.target
    plan_a = worded(then.plan, ladder, lang)
    pace = plan_a.get("pace") or 3
    role_from = lib.catalog.role_ratings_from
    target = level_of(ladder, target_id)
    prof_b = profile_of(now, vocab)
    day_b = now.assessed_on
    a_b = assess(ladder, prof_b, day_b)
    reached = reached_target(ladder, a_b, target)
    if target is None or reached:
        plan_b = make_plan(ladder, prof_b, day_b, pace=pace, origin="history", role_from=role_from, lang=lang)
    else:
        plan_b = make_plan(ladder, prof_b, day_b, target=target.id, pace=pace, origin="history", role_from=role_from, lang=lang)
    months = month_index(day_b) - month_index(then.assessed_on)

    fit_then = next((f for f in plan_a.get("fit") or () if target and f.get("level") == target.id), None)
    fit_now = a_b.fit(target.id) if target is not None else None

    gaps_a = [g for g in plan_a.get("gaps") or ()]
    if target is not None and fit_then is not None and fit_then.get("fully_met"):
        gaps_a = []
    open_b = _open_checks(fit_now, plan_b) if fit_now is not None else []
    keys_a = {(g["kind"], g["key"]) for g in gaps_a}
    keys_b = {(g["kind"], g["key"]): g for g in open_b}
    closed = tuple(g for g in gaps_a if (g["kind"], g["key"]) not in keys_b)
    still = tuple((g, keys_b[(g["kind"], g["key"])]) for g in gaps_a if (g["kind"], g["key"]) in keys_b)
    opened = tuple(g for g in open_b if (g["kind"], g["key"]) not in keys_a) if target is not None else ()

    steps = tuple(_step_state(s, a_b, months, ladder) for s in plan_a.get("roadmap") or ())

    eta_then = stored_estimate(plan_a) if target is not None else None
    eta_now = None if target is None else 0 if reached else estimate(plan_b)
    reached_row = _first_reached(ladder, target, then, now, chart_rows) if reached else None
    slip = None
    if eta_then is not None and reached_row is not None:
        slip = month_index(reached_row.assessed_on) - (month_index(then.assessed_on) + eta_then)
    elif eta_then is not None and eta_now is not None:
        slip = (month_index(day_b) + eta_now) - (month_index(then.assessed_on) + eta_then)
    verdict, basis = _verdict(target is not None, reached, slip, steps)

    return Progress(
        ladder=ladder, then=then, now=now, months=months, target=target,
        then_target_title=(plan_a.get("target") or {}).get("title"), now_plan=plan_b, reached=reached,
        moved=_moved(ladder, then.best_fit, now.best_fit), fit_then=fit_then, fit_now=fit_now,
        changes=tuple(changes(then.profile, now.profile)), not_updated=tuple(_not_updated(ladder, plan_a, then.profile, now.profile, months)),
        closed=closed, opened=opened, still=still, steps=steps,
        eta_then=eta_then, eta_now=eta_now, slip=slip, verdict=verdict, basis=basis, reached_in=reached_row,
        chart=tuple(chart(chart_rows, target_id, chart_plans or {}, ladder, lang)),
        ladder_changed=then.ladder_version != ladder.version or now.ladder_version != ladder.version,
    )


def reached_target(ladder: Ladder, a, target: Level | None) -> bool:
    """Is `target` reached in assessment `a`? Met in full, or placed at it or above with what is still open of
    it within what the title tolerates: nothing missing, the rest no more than the placement allows
    (its fit is reached and the work matches it). Never "reached" with a requirement of it still missing."""
    if target is None:
        return False
    fit = a.fit(target.id)
    if fit.fully:
        return True
    return at_or_above(ladder, a.best, target) and fit.reached and fit.work and fit.missing == 0


def _first_reached(ladder: Ladder, target: Level, then, now, rows):
    """The first row after `then`, up to `now`, whose best fit is the target or above it; else `now`."""
    ids = [r.id for r in rows]
    after = rows[ids.index(then.id) + 1:] if then.id in ids else ()
    for r in after:
        if r.id == now.id:
            break
        if at_or_above(ladder, level_of(ladder, r.best_fit), target):
            return r
    return now


def level_of(ladder: Ladder, level_id: str | None) -> Level | None:
    """The installed ladder's level `level_id`, or None (no id, or a level the ladder no longer has)."""
    if level_id is None:
        return None
    try:
        return ladder.level(level_id)
    except KeyError:
        return None


def _verdict(has_target: bool, reached: bool, slip: int | None, steps) -> tuple[str, str | None]:
    """The rule in the module docstring."""
    if not has_target:
        return NO_TARGET, None
    if reached:
        return (ON_SCHEDULE if slip is None or slip == 0 else AHEAD if slip < 0 else BEHIND), "reached"
    if any(s.state == LATE for s in steps):
        return BEHIND, "steps"
    if slip is not None:
        return (AHEAD, "date") if slip < 0 else (ON_SCHEDULE, "steps")
    return (AHEAD if any(s.state == EARLY for s in steps) else ON_SCHEDULE), "steps"


def _moved(ladder: Ladder, then_id: str | None, now_id: str | None) -> int | None:
    """Levels the best fit moved up (+) or down (-); None across branches or for a level the
    installed ladder no longer has."""
    from ..engine.roadmap import below

    if then_id == now_id:
        return 0
    best = level_of(ladder, now_id)
    if now_id is not None and best is None:
        return None
    if then_id is None:
        return _depth(ladder, best.id) + 1
    if level_of(ladder, then_id) is None:
        return None
    if best is None:
        return -(_depth(ladder, then_id) + 1)
    if below(ladder, then_id, best.id):
        return _depth(ladder, best.id) - _depth(ladder, then_id)
    if below(ladder, best.id, then_id):
        return _depth(ladder, best.id) - _depth(ladder, then_id)
    return None


def _depth(ladder: Ladder, level_id: str) -> int:
    """Steps from the first level along `next` links (the shortest way)."""
    from ..engine.roadmap import path_to

    if level_id == ladder.levels[0].id:
        return 0
    return len(path_to(ladder, ladder.levels[0], ladder.level(level_id)))


def _open_checks(fit, plan) -> list[dict]:
    from .plan_data import check_json

    return [check_json(c, plan) for c in fit.checks if c.state != MET]


def _step_state(step: dict, a, months: int, ladder: Ladder) -> StepState:
    kind, key, need = step.get("kind"), step.get("key"), step.get("need")
    known = a.known
    now: object = None
    done: bool | None
    if kind == StepKind.SKILL:
        now = known.rating(key)
        done = None if now is None else now >= need
    elif kind in (StepKind.BACKGROUND, StepKind.STUDY, StepKind.ROLE):
        now = known.fact(key)
        fd = ladder.facts.get(key)
        if kind == StepKind.ROLE and fd is not None and fd.needs_role:  # the move into a role of its kind: done once its years grow
            done = None if now is None else now > (step.get("have") or 0) + 1e-9
        else:
            done = None if now is None else now >= need - 1e-9
    elif kind == StepKind.CERT:
        now = key in known.held
        done = True if now else (False if known.certs_known else None)
    elif kind == StepKind.EDUCATION:
        rank = known.education
        now = None if rank is None else _edu(rank)
        done = None if rank is None else rank >= EDU_RANK.get(need, 99)
    elif kind == StepKind.ANSWER:
        level = step.get("level")
        fits = [a.fit(level)] if level in {lv.id for lv in a.ladder.levels} else a.fits
        done = not any(c.key == key and c.state == UNKNOWN for f in fits for c in f.checks)
        now = done
    else:
        done = None
    if kind in NEVER_DUE:
        due_by, due = None, False
    elif kind == StepKind.ANSWER:
        due_by, due = None, True  # answer first: due at once
    else:
        end = step.get("done_month")
        due_by = None
        due = end is not None and end <= months
        if end is not None:
            due_by = step.get("done_by")
    if done is None:
        state = UNANSWERED
    elif kind in NEVER_DUE:
        state = DONE if done else OPEN
    elif due:
        state = DONE if done else LATE
    elif done:
        state = EARLY
    else:
        start = step.get("start_month")
        state = UNDERWAY if start is not None and start < months else LATER
    expected = None
    fd = ladder.facts.get(key) if kind == StepKind.BACKGROUND else None
    if state == UNDERWAY and fd is not None and fd.months_per_unit and isinstance(step.get("have"), (int, float)):
        expected = min(float(need), step["have"] + (months - step.get("start_month", 0)) / fd.months_per_unit)
    return StepState(step, due_by, due, done, state, now, expected)


def _edu(rank: int) -> str:
    from ..engine.types import EDUCATION

    return EDUCATION[rank]


def changes(before: dict, after: dict) -> list[Change]:
    """What the two profiles (as stored: the profile file's keys) answered differently."""
    out: list[Change] = []
    if before.get("education") != after.get("education"):
        out.append(Change("education", "education", before.get("education"), after.get("education")))
    for kind, field in (("fact", "facts"), ("skill", "competencies")):
        old, new = before.get(field) or {}, after.get(field) or {}
        for key in list(old) + [k for k in new if k not in old]:
            if old.get(key) != new.get(key):
                out.append(Change(kind, key, old.get(key), new.get(key)))
    for kind, field in (("cert", "certifications"), ("other_cert", "other_certifications")):
        old, new = before.get(field) or [], after.get(field) or []
        for key in new:
            if key not in old:
                out.append(Change(kind, key, None, True))
        for key in old:
            if key not in new:
                out.append(Change(kind, key, True, None))
    return out


def _not_updated(ladder: Ladder, plan_a: dict, before: dict, after: dict, months: int) -> list[str]:
    """Experience A's roadmap let grow with the work, unchanged in B although months went by."""
    if months < 3:
        return []
    grown = {s.get("key") for s in plan_a.get("roadmap") or () if s.get("kind") == StepKind.BACKGROUND}
    old, new = before.get("facts") or {}, after.get("facts") or {}
    return [k for k in grown if k in old and k in new and new[k] <= old[k]
            and k in ladder.facts and ladder.facts[k].grows == "time"]


def chart(rows, target_id: str | None, plans: dict[int, dict], ladder: Ladder | None = None, lang: str | None = None) -> list[Point]:
    """Fit toward `target_id` at each row: the stored summary when the row planned for it, else
    the row's stored fit table; rows whose plan has no such level are left out. Best fits are
    named from `ladder` in `lang` when it still has the level, else as recorded."""
    out = []
    if target_id is None:
        return out
    def best(r) -> str | None:
        level = level_of(ladder, r.best_fit) if ladder is not None else None
        return level.title_in(lang) if level is not None else r.best_fit_title

    for r in rows:
        if r.target == target_id:
            out.append(Point(r.id, r.assessed_on, r.fit_met, r.fit_total, best(r)))
            continue
        plan = plans.get(r.id) or {}
        f = next((f for f in plan.get("fit") or () if f.get("level") == target_id), None)
        if f is not None:
            out.append(Point(r.id, r.assessed_on, f.get("met", 0), f.get("total", 0), best(r)))
    return out


def sample(points, most: int) -> list:
    """At most `most` points, evenly spread, the first and the last always kept."""
    points = list(points)
    if len(points) <= most:
        return points
    step = (len(points) - 1) / (most - 1)
    return [points[round(i * step)] for i in range(most)]
