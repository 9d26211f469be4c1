"""One request, one plan: placement, gaps and roadmap computed once, for every renderer.

`make_plan` is what every command that shows a person's standing calls; the terminal,
Markdown and JSON renderers only draw the `Plan` it returns (pipx's one result, rendered at
one point). No printing, no prompting, no clock: today's date comes in.
"""


import datetime as _dt
from operator import itemgetter
from typing import NamedTuple

from ..engine.flags import Flag, flags as answer_flags
from ..engine.placement import UNKNOWN, Assessment, Check, assess, unknowns
from ..engine.reviews import DEFAULT, rated
from ..engine.types import Kind, Ladder, Level, Profile, StepKind
from ..engine.roadmap import PACE, UNDATED, Roadmap, Step, plan as make_roadmap


# Why a gap stands where it does in the list (the `reason` of a Gap), in the order they come.
GATE, SETS_DATE, SOONEST, UNDATED_GAP, UNANSWERED = "gate", "sets_date", "soonest", "undated", "unanswered"
LEAD = 3  # gaps a plan leads with: what a manager would name; the rest are folded
_new = tuple.__new__  # builds a Gap without the Python-level __new__ of a NamedTuple


class Gap(NamedTuple):
    """An open requirement of the target, with the step that closes it."""

    check: Check
    level: str  # the first title on the way that asks for it
    step: Step | None
    sets_date: bool  # its step finishes last: it sets the date of the target
    reason: str = SOONEST  # GATE, SETS_DATE, SOONEST, UNDATED_GAP or UNANSWERED: why it stands where it does
    order: int = 0  # its place in the plan's list, from 1
    lead: bool = False  # one of the LEAD gaps shown in full

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
    flags: tuple[Flag, ...] = ()  # answers that do not fit together (engine/flags.py); they never change the placement
    all_gaps: bool = False  # show every gap in full (--all-gaps), not the lead ones and the rest folded
    review: object = None  # engine.reviews.ReviewSummary: the latest review, how it was used, where it differs

    @property
    def lead_gaps(self) -> tuple[Gap, ...]:
        """The gaps shown in full: the lead ones, or all of them with --all-gaps (or when one more would be folded)."""
        return self.gaps if self._unfolded else tuple(g for g in self.gaps if g.lead)

    @property
    def folded_gaps(self) -> tuple[Gap, ...]:
        """The gaps named in one line after the lead ones (none with --all-gaps)."""
        return () if self._unfolded else tuple(g for g in self.gaps if not g.lead)

    @property
    def _unfolded(self) -> bool:
        return self.all_gaps or len(self.gaps) <= LEAD + 1  # folding one gap would save nothing

    @property
    def target(self) -> Level | None:
        return self.roadmap.target

    @property
    def to_confirm(self) -> tuple[Check, ...]:
        """Evidence of the best fit that is close or not answered: what an interview would check."""
        a = self.assessment
        hold = set(a.to_hold)
        return tuple(c for c in a.fit(a.best.id).open if c not in hold) if a.best else ()

    @property
    def to_hold(self) -> tuple[Check, ...]:
        """Credentials the best fit asks for that are not held: what would confirm the title."""
        return self.assessment.to_hold

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
              lang: str | None = None, origin: str = "built-in", role_from: int = 4, options: str = "",
              all_gaps: bool = False, ratings: str = DEFAULT, assessed=None) -> Plan:
    """The person's plan toward `target` (default: the next title). `assessed`: the placement already made of this
    profile on this ladder today (the team's succession view plans one person to several titles), not made again."""
    profile, review = rated(profile, ratings)
    a = assessed if assessed is not None else assess(ladder, profile, today)
    goal = ladder.level(target) if target else None
    road = make_roadmap(a, goal, pace, role_from)
    rows: list[tuple] = []  # (its place in the order, then a Gap's first five fields); order and lead once sorted
    if road.target is not None and not road.already_met:
        eta = road.eta
        first_open: dict[tuple, str] = {}  # (kind, key) -> the first title on the way where it is open
        for lv in road.path[:-1]:  # the last is the target: what is open first there is open first at the target
            for x in a.open_at(lv.id):
                first_open.setdefault(x[0][:2], lv.id)  # (kind, key) of x.atom
        target_id = road.target.id
        on_the_way = len(road.milestones) > 1 and road.milestones[0].limits  # `_sets_next` can say yes (else not called)
        # the first step of a key answering a question (only a check not answered looks there: none when the target's fit
        # counts no unknown)
        answers = {s[3]: s for s in reversed(road.steps) if s[2] == _ANSWER} if a.fit(target_id)[5] else {}  # (s.key, s.kind; .unknown)
        for c in a.open_at(target_id):
            atom = c[0]  # c.atom
            first = first_open.get(atom[:2], target_id) if first_open else target_id  # (atom.kind, atom.key)
            step = answers.get(atom[1]) if c[1] == UNKNOWN else None  # (atom.key, c.state)
            if step is None:
                step = road.for_check(target_id, c)
            dated = step is not None and step[2] not in UNDATED and step[7] is not None  # (step.kind, step.end): `Gap.done`
            sets = dated and eta is not None and eta > 0 and step[7] == eta
            # why it stands where it does: not answered; a gate; what sets the date of the target (or of the next title
            # on the way); else closed by a dated step, or undated (a role change, education)
            if c[1] == UNKNOWN:  # c.state
                reason = UNANSWERED
            elif atom[3]:  # atom.gate
                reason = GATE
            elif sets or (on_the_way and _sets_next(c, road)):
                reason = SETS_DATE
            elif dated:
                reason = SOONEST
            else:
                reason = UNDATED_GAP
            # its place (see REASONS: rank, when, kind, key), worked out here: no call a gap to sort them
            rank = _REASON_RANK[reason]
            done = step[7] if dated else 10**6  # no date: the longest wait
            rows.append(((rank, -done if rank <= 1 else done, KIND_ORDER[atom[0]], atom[1]), c, first, step, sets, reason))
        if len(rows) > 1:
            rows.sort(key=_FIRST)
    gaps = [_new(Gap, g[1:] + (i, i <= LEAD)) for i, g in enumerate(rows, 1)]  # (tuples joined: quicker than `(*g, ...)`)
    return _new(Plan, (ladder, origin, profile, today, lang, a, road, tuple(gaps), tuple(unknowns(a, road.target)), options,
                       answer_flags(profile, ladder), all_gaps, review))  # (every field, in order)


KIND_ORDER = {Kind.EDUCATION: 0, Kind.FACT: 1, Kind.CERT: 2, Kind.CERTS: 2, Kind.ALT: 3, Kind.SKILL: 4, Kind.SKILLS: 4}


def _sets_next(c: Check, road: Roadmap) -> bool:
    """With titles on the way to the target: whether the step that closes `c` for the next one finishes it last."""
    if len(road.milestones) < 2 or not road.milestones[0].limits:
        return False  # one milestone: its date is the target's
    step = road.for_check(road.milestones[0].level.id, c)
    return step is not None and step.kind not in UNDATED and step.id in road.milestones[0].limits


REASONS = (GATE, SETS_DATE, SOONEST, UNDATED_GAP, UNANSWERED)  # a gap's rank: its reason's place here
_REASON_RANK = {reason: rank for rank, reason in enumerate(REASONS)}
# The order of the gaps (`make_plan` works out each gap's place as it makes it: (rank, when, kind, key)): what matters most
# first: a gate, then what sets the date (the longest step first), then the cheapest wins (the soonest closed first);
# then what has no date, and what is not answered. Gates and date setters: the longest first (a gate with no date
# leads), the others the soonest first; no date is the longest wait (10**6 months).
_FIRST = itemgetter(0)  # a row's place
_ANSWER = StepKind.ANSWER


def not_counted(plan) -> tuple[str, ...]:
    """Certificates the person holds that this ladder never asks for, whether themselves, through
    what they stand for, or through the facts and education they prove (an agile lead's CSM on a
    ladder of PMI titles): said in the report, so a certificate held never silently disappears."""
    from ..engine.implications import closure
    from ..engine.types import uses

    ladder, known = plan.ladder, plan.assessment.known
    used = uses(ladder)
    asked = set(used.certs)
    out = []
    for cert in known.stated:
        implied = ladder.certs[cert].implies
        if closure((cert,), ladder) & asked or any(f in used.facts for f in implied.facts) or (implied.education and used.education):
            continue
        out.append(cert)
    return tuple(out)
