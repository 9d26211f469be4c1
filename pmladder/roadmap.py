"""The roadmap: the levels on the way to a target, the steps to each, and when the person is ready.

Pure: takes an Assessment, returns data. Steps run in parallel from month 0; a step that
raises a rating or a number further than an earlier step starts where that one ends; years
of a kind of work the person has never done start when the title below is reached; a
certification starts no earlier than its eligibility under the catalog's rules. A level is
ready when its slowest steps are done, and the estimate names them.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import deque
from typing import NamedTuple

from .assess import KIND_ORDER, Assessment, Check, Estimator, cert_how, how_to_close, months_or_none
from .model import Level


class Step(NamedTuple):
    milestone: str  # the level id this step is first needed for
    kind: str
    key: str
    have: object  # where the step starts from
    need: object
    start: int | None  # month the step can start (None: cannot be estimated)
    end: int | None  # month it is likely done
    how: str

    @property
    def months(self) -> int | None:
        return None if self.end is None or self.start is None else self.end - self.start


class Milestone(NamedTuple):
    level: Level
    steps: tuple[Step, ...]
    ready: int | None
    limits: tuple[Step, ...]  # the steps that finish last: what the ready month waits for


class Roadmap(NamedTuple):
    start: Level | None
    target: Level | None
    milestones: tuple[Milestone, ...]
    others: tuple[Level, ...]  # next titles of a branch the roadmap does not take
    already_met: bool

    @property
    def eta_months(self) -> int | None:
        if self.already_met:
            return 0
        return self.milestones[-1].ready if self.milestones else None

    @property
    def limits(self) -> tuple[Step, ...]:
        """What the estimate waits for: the target's slowest steps (ties included)."""
        return self.milestones[-1].limits if self.milestones else ()

    @property
    def steps(self) -> list[Step]:
        return [s for m in self.milestones for s in m.steps]


def path_to(ladder, start: Level | None, target: Level) -> list[Level]:
    """Levels from above `start` up to `target` along `next` (shortest; ties follow ladder order).

    From the entry level when `start` is None or the target is not above `start`.
    """
    for origin in ([start] if start else []) + [None]:
        first = origin.id if origin else ladder.levels[0].id
        prev: dict[str, str | None] = {first: None}
        queue = deque([first])
        while queue:
            node = queue.popleft()
            if node == target.id:
                ids = []
                while node is not None:
                    ids.append(node)
                    node = prev[node]
                ids.reverse()
                levels = [ladder.level(i) for i in ids]
                return levels[1:] if origin else levels
            for nxt in ladder.level(node).next:
                if nxt not in prev:
                    prev[nxt] = node
                    queue.append(nxt)
    return [target]


def plan(assessment: Assessment, catalog, target_id: str | None = None) -> Roadmap:
    """The roadmap to `target_id`, or to the next title (the first of a branch)."""
    ladder = assessment.ladder
    current = assessment.level
    if target_id is not None:
        target = ladder.level(target_id)
        others: tuple[Level, ...] = ()
    elif assessment.next and (current is None or current.next):
        target, others = assessment.next[0], assessment.next[1:]
    else:
        return Roadmap(current, None, (), (), False)
    if assessment.fit(target.id).ok:
        return Roadmap(current, target, (), others, True)
    levels = [lv for lv in path_to(ladder, current, target) if not assessment.fit(lv.id).ok]
    competencies = catalog.competencies_for(ladder)
    est = Estimator(catalog, competencies, assessment.profile)
    builder = _Steps(catalog, competencies, est, levels, assessment)
    milestones = []
    previous_ready: int | None = 0
    for level in levels:
        builder.ready_before = previous_ready
        steps, ready, limits = builder.milestone(level)
        if ready is not None and previous_ready is not None:
            ready = max(ready, previous_ready)
        else:
            ready = None
        previous_ready = ready
        milestones.append(Milestone(level, tuple(steps), ready, limits))
    return Roadmap(current, target, tuple(milestones), others, False)


class _Steps:
    """Plans steps milestone by milestone, reusing steps an earlier milestone already holds."""

    def __init__(self, catalog, competencies, est: Estimator, levels: list[Level], assessment: Assessment):
        self.catalog, self.competencies, self.est = catalog, competencies, est
        self.assessment = assessment
        self.done: dict[tuple[str, str], list[Step]] = {}
        # certifications some level on the way requires outright: prefer them in a one-of
        self.required = {c for lv in levels for c in lv.requires.certifications.all_of}
        # kinds of experience asked for so far (by the current title, then by each milestone)
        self.asked = set(assessment.level.requires.facts) if assessment.level else set()
        self.ready_before: int | None = 0  # when the milestone before this one is reached

    def milestone(self, level: Level) -> tuple[list[Step], int | None, tuple[Step, ...]]:
        new: list[Step] = []
        finish: list[tuple[float, Step]] = []
        for check in self.assessment.fit(level.id).missing:
            step = self._for(check, level, new)
            finish.append((math.inf if step.end is None else step.end, step))
        self.asked |= set(level.requires.facts)
        new.sort(key=_order)
        if not finish:
            return new, 0, ()
        worst = max(end for end, _ in finish)
        limits = tuple(dict.fromkeys(step for end, step in finish if end == worst))
        return new, months_or_none(worst), limits

    def _for(self, check: Check, level: Level, new: list[Step]) -> Step:
        """The step that meets `check`: an existing one, or a new one appended to `new`."""
        if check.kind == "certification":
            options = check.need if isinstance(check.need, list) else [check.key]
            preferred = [c for c in options if c in self.required]
            cert = preferred[0] if preferred else self.est.best_of(options)
            return self._cert(cert, level, new)
        key = (check.kind, check.key)
        earlier = self.done.get(key, [])
        for step in earlier:
            if step.need >= check.need:
                return step
        start_from = earlier[-1] if earlier else None
        how, _ = how_to_close(check, self.catalog, self.competencies, self.est)
        if check.kind == "education":
            step = Step(level.id, check.kind, check.key, check.have, check.need, None, None, how)
        else:
            have = start_from.need if start_from else check.have
            months = (self.est.fact if check.kind == "fact" else self.est.competency)(check.key, check.need, have)
            begin = start_from.end if start_from else 0
            if self._new_kind_of_work(check):  # e.g. years running programs: they start with the title below
                begin = self.ready_before
            end = None if begin is None else begin + months
            step = Step(level.id, check.kind, check.key, have, check.need, begin, end, how)
        self.done.setdefault(key, []).append(step)
        new.append(step)
        return step

    def _new_kind_of_work(self, check: Check) -> bool:
        """Years of a kind of work the person has never done and no title so far has asked for."""
        fact = self.catalog.facts.get(check.key)
        return check.kind == "fact" and fact.unit == "years" and check.have == 0 and check.key not in self.asked

    def _cert(self, cert: str, level: Level, new: list[Step]) -> Step:
        key = ("certification", cert)
        if key in self.done:
            return self.done[key][0]
        eligible, alt = self.est.eligible_in(cert)
        if alt is not None:  # plan the prerequisite certifications the chosen rule needs
            rule = self.catalog.certifications[cert].eligibility[alt]
            held = set(self.assessment.profile.certifications)
            for pre in rule.certifications.all_of:
                if pre not in held:
                    self._cert(pre, level, new)
            if rule.certifications.any_of and not held & set(rule.certifications.any_of):
                self._cert(self.est.best_of(list(rule.certifications.any_of)), level, new)
        end = self.est.cert(cert)
        start = months_or_none(eligible)
        step = Step(level.id, "certification", cert, False, True, start, months_or_none(end), cert_how(cert, self.catalog, self.est))
        self.done[key] = [step]
        new.append(step)
        return step


def _order(step: Step) -> tuple:
    """Longest lead time first: by start month, then the latest finish, then kind and key."""
    start = math.inf if step.start is None else step.start
    end = math.inf if step.end is None else step.end
    return (start, -end, KIND_ORDER[step.kind], step.key)


def add_months(day: _dt.date, months: int) -> _dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return _dt.date(index // 12, index % 12 + 1, 1)
