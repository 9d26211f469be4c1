"""One request, one plan: placement, gaps and roadmap computed once, for every renderer.

`make_plan` is what every command that shows a person's standing calls; the terminal,
Markdown and JSON renderers only draw the `Plan` it returns (pipx's one result, rendered at
one point). No printing, no prompting, no clock: today's date comes in.
"""


import datetime as _dt
from typing import NamedTuple

from ..engine.placement import MET, UNKNOWN, Assessment, Check, assess, unknowns
from ..engine.types import Kind, Ladder, Level, Profile, StepKind
from ..engine.roadmap import PACE, UNDATED, Roadmap, Step, plan as make_roadmap


class Gap(NamedTuple):
    """An open requirement of the target, with the step that closes it."""

    check: Check
    level: str  # the first title on the way that asks for it
    step: Step | None
    sets_date: bool

    @property
    def done(self) -> int | None:
        if self.step is None or self.step.kind in UNDATED:
            return None
        return self.step.end


class Plan(NamedTuple):
    ladder: Ladder
    origin: str  # built-in, or the file the ladder came from
    profile: Profile
    today: _dt.date
    lang: str | None
    assessment: Assessment
    roadmap: Roadmap
    gaps: tuple[Gap, ...]
    unknowns: tuple[tuple[Check, tuple[str, ...]], ...]
    options: str = ""  # the options this run needed, for commands suggested to the user

    @property
    def target(self) -> Level | None:
        return self.roadmap.target

    @property
    def to_confirm(self) -> tuple[Check, ...]:
        best = self.assessment.best
        return tuple(self.assessment.fit(best.id).open) if best else ()

    @property
    def ladder_advice(self) -> list[str]:
        """The ladder-wide advice that suits the person's best fit (the first level's, when not placed yet)."""
        best = self.assessment.best
        return self.ladder.advice_for(best.id if best else None, self.lang)

    def rerun(self, command: str) -> str:
        """A pmladder command line that repeats the options this run needed."""
        return " ".join(p for p in ("pmladder", command, self.options) if p)

    def title_before(self, level_id: str) -> str | None:
        """The title below `level_id` on the way (the best fit for the first milestone)."""
        path = list(self.roadmap.path)
        ids = [lv.id for lv in path]
        if level_id not in ids:
            return None
        i = ids.index(level_id)
        if i > 0:
            return path[i - 1].title_in(self.lang)
        best = self.assessment.best
        return best.title_in(self.lang) if best else None


def make_plan(ladder: Ladder, profile: Profile, today: _dt.date, *, target: str | None = None, pace: int = PACE,
              lang: str | None = None, origin: str = "built-in", role_from: int = 4, options: str = "") -> Plan:
    a = assess(ladder, profile, today)
    goal = ladder.level(target) if target else None
    road = make_roadmap(a, goal, pace, role_from)
    gaps: list[Gap] = []
    if road.target is not None and not road.already_met:
        eta = road.eta
        path = [lv.id for lv in road.path]
        for c in a.fit(road.target.id).checks:
            if c.state == MET:
                continue
            first = next((lid for lid in path if _asks(a, lid, c)), road.target.id)
            step = road.for_check(road.target.id, c)
            if c.state == UNKNOWN:
                step = next((s for s in road.steps if s.kind == StepKind.ANSWER and s.key == c.key), step)
            sets = step is not None and eta is not None and eta > 0 and step.end == eta and step.kind not in UNDATED
            gaps.append(Gap(c, first, step, sets))
    gaps.sort(key=_gap_order)
    return Plan(ladder, origin, profile, today, lang, a, road, tuple(gaps), tuple(unknowns(a, road.target)), options)


def _asks(a: Assessment, level_id: str, c: Check) -> bool:
    return any(x.key == c.key and x.kind == c.kind and x.state != MET for x in a.fit(level_id).checks)


KIND_ORDER = {Kind.EDUCATION: 0, Kind.FACT: 1, Kind.CERT: 2, Kind.CERTS: 2, Kind.ALT: 3, Kind.SKILL: 4, Kind.SKILLS: 4}


def _gap_order(g: Gap) -> tuple:
    """Gates first, then what sets the date, then the longest wait; unanswered items last."""
    unknown = g.check.state == UNKNOWN
    done = g.done if g.done is not None else (10**6 if g.check.kind == Kind.EDUCATION else -1)
    return (unknown, not g.check.atom.gate, not g.sets_date, KIND_ORDER[g.check.kind], -done, g.check.key)
