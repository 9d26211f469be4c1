"""The roadmap: a plan by month from today, milestone by milestone, to a target title.

Pure: takes an Assessment, returns data; months count from today (month 0). The rules:

- Milestones are the levels on the shortest path to the target that are not met in full.
  Each milestone's work is first needed there: a requirement is planned for the first
  title on the way that asks for it, at the value that title asks for.
- Experience that accrues with the work (years) runs in the background from today. Years
  of a kind of work the person has never done start when the title below the one that asks
  for them is reached. Years that count only in a job of their own kind (the catalog's
  `needs_role`: a PMO, a program, leading project managers) are a move into such a role
  first (a `role` step) and then years in it; only someone doing that work now (some
  years, and no `last_year`) keeps adding to them from today.
- Development items (raising a rating one step, training hours, preparing for an exam)
  run at most `pace` at a time; a rating rises one step after another. An item goes first
  when it is, or unblocks, a course (then an exam: one the person can sit now is not kept
  behind practice), then the longer chain of practice. Ratings from the catalog's
  `role_ratings_from` up (leading complex work, shaping the organisation) are not items of
  their own but come with the role that asks for them: they start once the title below the
  one that needs them is reached, grow side by side outside the pace (one complex project
  grows several), and a step takes at least the catalog's `role_rating_months` for that
  rating (judgment).
- A certification's preparation starts no earlier than the person is eligible under the
  issuer's rules, as the catalog stores them, projected along the plan; for an "any of",
  the option that can be held soonest (ties: one that later titles also accept).
- What grows with a new assignment (a larger team, more projects at once) is a role change,
  not a monthly rate: it is planned from the milestone's start and never sets the date.
  Education is not estimated. Unanswered requirements of a title are listed to answer
  first and the estimate assumes they are met; an unanswered fact is never counted from 0.
- What cannot be dated leaves its milestone, and every one after it, without a date, and
  the milestone names what it waits for (`waits`): a certification one is nominated for
  (no `prep_months`), or an unanswered question a certification's rules depend on.
- A milestone is ready when its slowest item is done, and never before the one below it.
- A certificate the person held but let lapse (engine/validity.py) is renewed, not earned
  again: a `renew:CERT` step of `RENEW_MONTHS` (judgment) that can start now, without the
  issuer's eligibility rules or the exam preparation.
"""


import math
from collections import deque
from typing import NamedTuple

from . import roadmap_tables
from .graph import above
from .placement import EVIDENCE, MET, UNKNOWN, Assessment, Check
from .types import EDU_RANK, Kind, Level, StepKind

PACE = 3  # judgment: development items a person can work on at once next to a job
RENEW_MONTHS = 2  # judgment: renewing a lapsed certificate (hours logged, the issuer's form, or a re-sit) is short, not a full preparation
FIRST = {StepKind.STUDY: 0, StepKind.CERT: 1, StepKind.SKILL: 2}  # courses and exams are short and formal: they go before practice
# Step kinds that have no month they are done: a role is held, not finished; education and open questions
# are not estimated.
UNDATED = (StepKind.ROLE, StepKind.ANSWER, StepKind.EDUCATION)
_new = tuple.__new__  # builds a Step without the Python-level __new__ of a NamedTuple
_NO_CERTS: frozenset = frozenset()  # the certificates an estimate has seen on its way, at its start
_REMEMBER = True  # a planner remembers its estimates; tests/engine/test_compiled_equivalence.py plans without, to compare


class Step(NamedTuple):
    id: str
    milestone: str  # the level id it is first needed for
    kind: StepKind
    key: str  # fact, competency or certification id; for `answer` the requirement key
    have: object  # where the step starts (a number, a rating, None when unknown)
    need: object
    start: int | None  # month it starts (None: not estimated)
    end: int | None  # month it is done
    after: tuple[str, ...] = ()  # ids of the steps it waits for
    why: str | None = None  # what sets the start: 'eligible', 'title' (with the title below), 'after'; 'answer': not dated until answered
    serves: str | None = None  # for a step that only makes a certification possible: that certification
    check: Check | None = None  # the requirement it closes (None for prerequisites; for `answer`, the question)

    @property
    def months(self) -> int | None:
        return None if self.end is None or self.start is None else self.end - self.start


class Milestone(NamedTuple):
    level: Level
    start: int  # when the title below is reached
    ready: int | None
    limits: tuple[str, ...]  # step ids that finish last
    waits: tuple[str, ...] = ()  # undated: the step ids it waits for (a nomination, an answer a certificate's rules need)


class Roadmap(NamedTuple):
    target: Level | None
    path: tuple[Level, ...]  # the levels from just above the best fit to the target
    milestones: tuple[Milestone, ...]
    steps: tuple[Step, ...]
    pace: int
    others: tuple[Level, ...]  # other next titles of a branch this roadmap does not take
    already_met: bool

    @property
    def eta(self) -> int | None:
        if self.already_met:
            return 0
        return self.milestones[-1].ready if self.milestones else None

    @property
    def dated(self) -> bool:
        """Whether there is a date to give (see `has_date`)."""
        return has_date(self.eta, any(s.kind == StepKind.ANSWER for s in self.steps))

    @property
    def waits(self) -> tuple[Step, ...]:
        """What leaves the plan without a date, when a nomination or an unanswered question does (else ())."""
        if self.eta is not None:
            return ()
        ids = dict.fromkeys(i for m in self.milestones for i in m.waits)
        return tuple(self.step(i) for i in ids)

    @property
    def limits(self) -> tuple[Step, ...]:
        if not self.milestones:
            return ()
        ids = self.milestones[-1].limits
        return tuple(s for s in self.steps if s.id in ids)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def for_check(self, level_id: str, c: Check) -> Step | None:
        """The step that closes requirement `c` of level `level_id` (the last one of a chain)."""
        steps = self.steps
        if _last_index[0] is steps and _last_index[1] is self.milestones:  # (`_step_index`, the common case inline: asked per gap)
            index, upto_of = _last_index[2], _last_index[3]
        else:
            index, upto_of = _step_index(steps, self.milestones)
        upto = upto_of.get(level_id)  # (None: every step)
        kind = c[0][0]  # c.atom.kind
        if kind == Kind.ALT:  # a one-of: the steps of its alternatives
            atoms = [a for block in c.need for a in block]
            near = sorted({i for a in atoms for key in _keys(a) for i in index.get(key, ())})  # the only steps _closes can accept
            found = [steps[i] for i in near if (upto is None or steps[i].milestone in upto) and any(_closes(steps[i], a) for a in atoms)]
        elif kind in _CERTS:
            atom = c.atom
            near = sorted({i for key in _keys(atom) for i in index.get(key, ())})
            found = [steps[i] for i in near if (upto is None or steps[i].milestone in upto) and _closes(steps[i], atom)]
        else:  # `_closes` of a requirement of one key, inline: the step closes it, or is work toward the fact
            key = c[0][1]  # c.atom.key
            fact = kind == _FACT
            found = []
            for i in index.get(key, ()):
                st = steps[i]
                if upto is not None and st[1] not in upto:  # st.milestone
                    continue
                closes = st[11]  # st.check
                if (closes is not None and closes[0][1] == key and closes[0][0] == kind) or (fact and st[2] in _TOWARD and st[3] == key):
                    found.append(st)
        if len(found) < 2:
            return found[0] if found else None
        return max(found, key=lambda s: (-1 if s.end is None else s.end, s.need if isinstance(s.need, (int, float)) else 0))


_last_index: list = [None, None, {}, {}]  # the steps and milestones last indexed, and their indexes: make_plan asks for_check per gap


def _step_index(steps: tuple, milestones: tuple) -> tuple[dict, dict]:
    """Where the steps are (positions in `steps`, in order) by the keys `_closes` compares: the step's own key and the key
    of the requirement it closes; and for each milestone's level, the levels of the milestones up to it."""
    if _last_index[0] is not steps or _last_index[1] is not milestones:
        index: dict = {}
        for i, st in enumerate(steps):
            _index_step(index, i, st[3], st[11])  # st.key, st.check
        _last_index[:] = [steps, milestones, index, _upto([m.level.id for m in milestones])]
    return _last_index[2], _last_index[3]


def _index_step(index: dict, i: int, key: str, closes) -> None:
    """File the step at position `i` under its own key and under the key of the requirement it closes (`closes`)."""
    index.setdefault(key, []).append(i)
    if closes is not None and closes[0][1] != key:  # closes.atom.key
        index.setdefault(closes[0][1], []).append(i)


def _upto(order: list) -> dict:
    """For each milestone's level, the levels of the milestones up to its first one; None (every step) for the last,
    as every step is first needed for one of them (none of the other frozensets made, most roadmaps have one milestone)."""
    upto_of: dict = {}
    last = len(order) - 1
    for i, level_id in enumerate(order):
        if level_id not in upto_of:
            upto_of[level_id] = None if i == last else frozenset(order[: i + 1])
    return upto_of


def _keys(atom) -> tuple:
    return (atom.key, *atom.need) if atom.kind == Kind.CERTS else (atom.key, atom.need) if atom.kind == Kind.CERT else (atom.key,)


def _closes(step: Step, atom) -> bool:
    """Does `step` work toward requirement `atom`? Also when the step was first planned for
    something else (years a certificate's rules ask for) or is a later title's certificate
    that stands for this one."""
    if step.check is not None and step.check.key == atom.key and step.check.kind == atom.kind:
        return True
    if atom.kind == Kind.FACT:
        return step.kind in _TOWARD and step.key == atom.key
    if atom.kind in (Kind.CERT, Kind.CERTS):
        return step.kind == StepKind.CERT and step.key in ((atom.need,) if atom.kind == Kind.CERT else atom.need)
    return False


_CERTS = (Kind.CERT, Kind.CERTS)
_EDUCATION, _ANSWER, _ROLE, _SKILL_STEP = StepKind.EDUCATION, StepKind.ANSWER, StepKind.ROLE, StepKind.SKILL
_FACT, _SKILL, _EDU = Kind.FACT, Kind.SKILL, Kind.EDUCATION
_TOWARD = (StepKind.BACKGROUND, StepKind.STUDY, StepKind.ROLE)  # the steps that work toward a fact (`_closes`)


def has_date(eta: int | None, answers_open: bool) -> bool:
    """Whether an estimate of `eta` months is a date a person can be given: not when there is none
    (education, or only open questions, stands in the way), nor when nothing dated is left but
    questions still open (they are answered first)."""
    return eta is not None and not (eta == 0 and answers_open)


def below(ladder, low: str, high: str) -> bool:
    """Is `high` reachable from `low` through next links (so `low` is below it)?"""
    return high in above(lambda n: ladder.level(n).next, low)


def at_or_above(ladder, best: Level | None, target: Level) -> bool:
    """Does a person whose best fit is `best` already stand at `target`, or above it?"""
    return best is not None and (best.id == target.id or below(ladder, target.id, best.id))


def path_to(ladder, start: Level | None, target: Level) -> list[Level]:
    """Levels from above `start` up to `target` along `next` and lateral moves (shortest; ties follow
    ladder order, a step up before a move across). A lateral move asks only for the level moved to:
    the path does not pass through the other branch's lower levels.

    From the entry level when `start` is None or the target is not above `start`; the target
    alone when it is `start` (what is still open there).
    """
    if start is not None and start.id == target.id:
        return [target]
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
            level = ladder.level(node)
            for nxt in level.next + level.lateral:
                if nxt not in prev:
                    prev[nxt] = node
                    queue.append(nxt)
    return [target]


def default_target(a: Assessment) -> tuple[Level | None, tuple[Level, ...]]:
    """The title a manager would plan for next, and the other ways up (issue 19):

    - the title the work already matches but whose certificates are not held: confirming it comes first;
    - else the best fit itself, when it asks for credentials not held yet (confirming it);
    - on a ladder whose titles are certificates, the highest title above the best fit whose
      certificates the person could sit now and whose evidence their work could meet (issuers let
      people enter at any level);
    - else the next title on the branch (the one where more is met)."""
    if a.matched is not None:
        return a.matched, ()
    if a.best is not None and _to_hold(a):
        return a.best, ()
    across = tuple(a.ladder.level(i) for i in a.best.lateral) if a.best is not None and a.best.lateral else ()
    if a.top:
        return None, across
    if a.ladder.framework is not None:
        rank = a.best.rank if a.best else -1
        sittable = [lv for lv in a.ladder.levels if lv.rank > rank and a.fit(lv.id).could_work and _could_sit(a, lv)]
        if sittable:
            top = max(sittable, key=lambda lv: (lv.rank, _share(a, lv), lv.id not in {x.id for x in a.next}))
            if top.rank > (a.next[0].rank if a.next else 0):
                return top, ()
    options = list(a.next)
    if len(options) == 1:  # (most titles have one next title: nothing to compare)
        return options[0], across
    best = max(options, key=lambda lv: (_share(a, lv), -options.index(lv)))
    return best, tuple(lv for lv in options if lv is not best) + across


def _to_hold(a: Assessment) -> bool:
    """Whether the best fit asks for credentials not held yet (`a.to_hold` is not empty)."""
    comp = a.known.compiled
    sorts = comp.sorts  # (`comp.sort`, the common case inline: a sort worked out already)
    for c in a.open_at(a.best.id):  # (`any(...)` as a loop: no generator made a plan)
        atom = c[0]  # c.atom
        got = sorts.get(id(atom))
        if (got[1] if got is not None and got[0] is atom else comp.sort(atom)) != EVIDENCE:
            return True
    return False


def _could_sit(a: Assessment, level: Level) -> bool:
    """Could the person sit every certificate `level` asks for today (some option of each)?"""
    certs = [atom for atom in level.requires if atom.kind in (Kind.CERT, Kind.CERTS)]
    return bool(certs) and all(any(a.known.eligible_now(c) for c in ((x.need,) if x.kind == Kind.CERT else x.need)) for x in certs)


def _share(a: Assessment, level: Level) -> float:
    f = a.fit(level.id)
    return (f.met + 0.5 * f.short) / f.total if f.total else 1.0


def plan(a: Assessment, target: Level | None = None, pace: int = PACE, role_from: int = 4) -> Roadmap:
    """The roadmap to `target`, or to the next title."""
    others: tuple[Level, ...] = ()
    if target is None:
        target, others = default_target(a)
        if target is None:
            return Roadmap(None, (), (), (), pace, others, False)
    if (f := a.fit(target.id))[2] == len(f[1]):  # f.fully
        return Roadmap(target, (target,), (), (), pace, others, True)
    comp = a.known.compiled
    paths = (comp.road or roadmap_tables.of(comp)).paths  # the way depends on the two titles only
    way = (a.best.id if a.best is not None else None, target.id)
    path = paths.get(way)
    if path is None:
        path = paths[way] = tuple(path_to(a.ladder, a.best, target))
    fits, index = a.fits, a.known.compiled.index
    levels = [lv for lv in path if (f := fits[index[lv.id]])[2] != len(f[1])]  # not met in full (`Fit.fully`: met, checks)
    builder = _Planner(a, levels, max(1, pace), role_from)
    road = _new(Roadmap, (target, path, tuple(builder.milestones), tuple(builder.steps_list), max(1, pace), others, False))
    _last_index[:] = [road.steps, road.milestones, builder.index, _upto([lv.id for lv in levels])]  # `for_check` need not build it
    return road


class _Planner:
    def __init__(self, a: Assessment, levels: list[Level], pace: int, role_from: int):
        self.a, self.ladder, self.known = a, a.ladder, a.known
        self.cert_defs, self.fact_defs, self.comp_defs = a.ladder.certs, a.ladder.facts, a.ladder.comps  # (read often)
        comp = a.known.compiled
        self.t = t = comp.road or roadmap_tables.of(comp)  # (`roadmap_tables.of`, made already: the common case inline)
        self.acyclic = t.acyclic  # (read by every estimate remembered)
        self.role_from = role_from
        self.slots = [0] * pace
        self.steps: dict[str, Step] = {}  # in the order they were added
        self.index: dict[str, list[int]] = {}  # key -> positions in `steps` (`_step_index`, kept as steps are added)
        self.milestones: list[Milestone] = []
        self.levels = levels
        # kinds of work the person does now (some years already, or the best fit asks for them) accrue from today
        roles, time = t.role_facts, t.time_facts  # (only what the person answered, or the best fit asks for, can be work they do now)
        doing, last_year = self.known.facts, self.known.profile.last_year  # `_doing`, for each kind of work
        # (read only by key and counted: made in two loops, over the answers and over what the best fit asks for, no sets)
        self.accruing: dict[str, int] = {}
        accruing = self.accruing
        for k, v in doing.items():
            if k in time and (v or 0) > 0 and (k not in roles or k not in last_year):
                accruing[k] = 0
        if a.best:
            for k in t.fact_keys[a.best.id]:
                if k in time and k not in roles:
                    accruing[k] = 0
        self.skill_at: dict[str, tuple[int, str | None]] = {}  # rating planned so far, and the step reaching it
        self.study_at: dict[str, tuple[float, str | None]] = {}
        self.certs: dict[str, str] = {}
        self.roles: dict[str, str] = {}  # fact -> the step moving into the role its years need
        self.dev: list[tuple[str, int, int, bool]] = []  # (step id, months, earliest start, takes one of the pace's slots)
        self.memo: dict | None = {} if _REMEMBER else None  # the estimates already made (see `_estimate_block`)
        self._shapes: dict[int, tuple] = {}  # id(block) -> (block, what its estimates read: `_shape`)
        self._later: dict[int, frozenset] = {}  # milestone -> the certificates the titles after it ask for (`_choose`)
        self._exams_now()
        ready: int | None = 0
        steps = self.steps
        for i, level in enumerate(levels):
            self.k, self.start = i, ready or 0
            ids = self._milestone(level)
            dated, undated = [], []  # the steps of the milestone that are estimated: with a month they are done, without
            education, answers_only = False, bool(ids)  # (no step at all: not only questions)
            for sid in ids:
                s = steps[sid]
                kind = s[2]  # s.kind
                if kind not in UNDATED:
                    (dated if s[7] is not None else undated).append(s)  # s[7]: s.end
                elif kind == _EDUCATION:
                    education = True
                if kind != _ANSWER:
                    answers_only = False
            waits: tuple[str, ...] = ()
            if ready is None or education:
                done = None  # education is not estimated, and nothing after it can be dated
            elif answers_only:
                done = None  # only unanswered questions stand between the person and this title: no date yet
            elif undated:
                done = None  # a nomination, or an answer a certificate's rules need: no date until then
                waits = self._waits(undated)
            else:
                done = ready
                for s in dated:
                    if s[7] > done:
                        done = s[7]
            limits = tuple([s[0] for s in dated if s[7] == done]) if done is not None and done > 0 else ()  # (s.id, s.end)
            self.milestones.append(_new(Milestone, (level, self.start, done, limits, waits)))
            ready = done

    @property
    def steps_list(self) -> list[Step]:
        return list(self.steps.values())

    def _exams_now(self) -> None:
        """Exams the person could sit today, for any title on the way: planned first, with the first milestone
        (each still counts for the title that asks for it), so practice items never keep them waiting."""
        self.start = 0
        asked, open_at = self.t.certs_asked, self.a.open_at
        eligible_now, lapsed = self.known.eligible_now, self.known.lapsed_ids
        for i, level in enumerate(self.levels):
            self.k = i
            if not asked[level.id]:
                continue  # no certificate asked for there
            for c in open_at(level.id):
                if c[0][0] in _CERTS and c[1] != UNKNOWN:  # c[0][0]: c.atom.kind, without the property's call
                    options = (c[0][2],) if c[0][0] == Kind.CERT else c[0][2]  # (c.need)
                    for o in options:  # (`any(...)` as a loop: no generator made per requirement)
                        if eligible_now(o) or o in lapsed:
                            break
                    else:
                        continue  # nothing to sit today (a higher certificate asks for more still)
                    cert = self._higher(self._choose(options), options)
                    # eligible today: every requirement of a rule met, its estimate 0 (the placement's answer, not estimated again)
                    if cert not in self.certs and self.cert_defs[cert].plannable and (eligible_now(cert) or self._eligible_at(cert) == 0):
                        self._cert(cert, level, c)

    def _doing(self, key: str, fd, asked) -> bool:
        """Does the person do this kind of work now, so its years grow from today? Years that need a role of
        their own only for someone with some of them who has not stopped (no `last_year`)."""
        have = self.known.facts.get(key) or 0
        if fd.needs_role:
            return have > 0 and key not in self.known.profile.last_year
        return have > 0 or key in asked

    def _waits(self, undated) -> tuple[str, ...]:
        """The steps at the root of what is undated: a certification one is nominated for, an open question."""
        out: dict[str, None] = {}
        todo = list(undated)
        while todo:
            step = todo.pop(0)
            if step.kind == StepKind.ANSWER or (step.kind == StepKind.CERT and step.why != "answer" and not step.after):
                out[step.id] = None
            todo += [self.steps[d] for d in step.after if self.steps[d].end is None and self.steps[d].kind != StepKind.ROLE]
        return tuple(out)

    # --- one milestone ----------------------------------------------------------------

    def _milestone(self, level: Level) -> list[str]:
        ids: list[str] = []
        for c in self.a.open_at(level.id):
            if c[1] == UNKNOWN:  # c.state
                ids.append(self._add(_new(Step, (f"answer:{c.key}", level.id, StepKind.ANSWER, c.key, None, c.need, None, None, (),
                                                 None, None, c))))
            else:
                ids += self._for(c, level)
        self._schedule()
        return list(dict.fromkeys(ids))

    def _add(self, step: Step) -> str:
        sid = step[0]  # step.id
        steps = self.steps
        if sid not in steps:  # (a step planned already is kept)
            # the step index of `for_check` (`_step_index`), kept as steps are added: not built again for the roadmap
            _index_step(self.index, len(steps), step[3], step[11])  # st.key, st.check
            steps[sid] = step
        return sid

    def _for(self, c: Check, level: Level) -> list[str]:
        atom = c[0]  # c.atom
        kind = atom[0]  # atom.kind
        if kind == _FACT:
            return [self._fact(atom[1], atom[2], level, c)]  # (atom.key, atom.need)
        if kind == _SKILL:
            return self._skill(atom[1], atom[2], level, c)
        if kind == _EDU:
            return [self._add(_new(Step, (f"education:{atom.need}", level.id, StepKind.EDUCATION, "education", c.have, atom.need,
                                          None, None, (), None, None, c)))]
        if kind in _CERTS:
            options = (atom[2],) if kind == Kind.CERT else atom[2]  # (atom.need)
            return [self._cert(self._higher(self._choose(options), options), level, c)]
        if kind == Kind.SKILLS:
            n, keys, rating = atom.need
            ranked = sorted(keys, key=lambda k: (-(self.known.rating(k) or 0), keys.index(k)))
            return [sid for key in ranked[:n] if (self.known.rating(key) or 0) < rating for sid in self._skill(key, rating, level, c)]
        # one of several alternatives: plan the one that can be done soonest
        blocks = atom.need
        best = 0
        if len(blocks) > 1:  # min(range(len(blocks)), key=(estimate, open, i)) as a loop: no lambda called a route
            found = None
            for i, b in enumerate(blocks):
                key = (self._estimate_block(b), self._open(b), i)
                if found is None or key < found:
                    found, best = key, i
        out = []
        for sub in blocks[best]:
            sc = self.known.strict(sub)
            if sc[1] == UNKNOWN:  # sc.state
                out.append(self._add(_new(Step, (f"answer:{sub.key}", level.id, StepKind.ANSWER, sub.key, None, sub.need, None, None,
                                                 (), None, None, sc))))
            elif sc[1] != MET:
                out += self._for(sc, level)
        return out

    def _years_to(self, key: str, need: float, within: float | None) -> float:
        """Units of the work, from today, until `need` is met (counted within the last `within` years).

        Years that stopped (`last_year`) slide out of a window as time passes: while some of
        them are still inside it, new years add to them; once the window is past them, only
        new years count."""
        value = self.known.facts.get(key) or 0.0
        if within is None:
            return max(0.0, need - value)
        last = self.known.profile.last_year.get(key)
        gap = max(0, self.known.today.year - last) if last is not None and key not in self.known.fact_by else 0
        room = within - gap  # how long the old years stay in the window
        return max(0.0, need - value) if need <= room else need

    def _fact(self, key: str, need: float, level: Level, c: Check | None, serves: str | None = None) -> str:
        fd = self.fact_defs[key]
        within = c[0][4] if c is not None else None  # c.atom.within
        have = self.known.fact(key, within) or 0.0
        grows = fd.grows
        if grows == "role":
            return self._add(_new(Step, (f"role:{key}:{need:g}", level.id, StepKind.ROLE, key, have, need, self.start, None, (),
                                         "title" if self.start else None, serves, c)))
        if grows == "study":
            return self._study(key, need, level, c, serves)
        start = self.accruing.get(key)
        why, after = None, ()
        if start is None:  # a new kind of work: it starts with the title below the one that asks for it
            start = self.accruing[key] = self.start
            why = "title" if start else None
        if fd.needs_role and key not in self.roles and not self._doing(key, fd, ()):
            # a job of its own kind first: the years count from the move into it
            self.roles[key] = self._add(_new(Step, (f"role:{key}", level.id, StepKind.ROLE, key, have, need, start, None, (), why,
                                                    serves, c)))
        if key in self.roles:
            after = (self.roles[key],)
        end = start + _ceil(self._years_to(key, need, within) * fd.months_per_unit) if need > have else start
        return self._add(_new(Step, (f"background:{key}:{need:g}", level.id, StepKind.BACKGROUND, key, have, need, start, end, after,
                                     why, serves, c)))

    def _study(self, key: str, need: float, level: Level, c: Check | None, serves: str | None) -> str:
        fd = self.fact_defs[key]
        planned, last = self.study_at.get(key, (self.known.fact(key) or 0.0, None))
        if planned >= need and last:
            return last
        sid = f"study:{key}:{need:g}"
        self._add(_new(Step, (sid, level.id, StepKind.STUDY, key, planned, need, None, None, (last,) if last else (), None, serves, c)))
        self.dev.append((sid, max(1, _ceil((need - planned) * fd.months_per_unit)), 0, True))
        self.study_at[key] = (need, sid)
        return sid

    def _skill(self, key: str, need: int, level: Level, c: Check | None) -> list[str]:
        have = self.known.profile.competencies.get(key) or 0  # (`known.rating`, inline)
        planned, last = self.skill_at.get(key, (have, None))
        out = [last] if planned >= need and last else []
        known_steps, role_from, steps, start, dev = self.t.skill_steps, self.role_from, self.steps, self.start, self.dev
        for r in range(planned, need):
            # grown with the role (`top`): from the title below, side by side, outside the pace
            sid, top, months = known_steps.get((key, r + 1, role_from)) or self.t.skill_step(key, self.comp_defs[key], r + 1, role_from)
            in_role = top and start > 0
            if sid not in steps:  # (`_add`: a step planned already is kept)
                _index_step(self.index, len(steps), key, c)  # (as `_add` keeps it)
                steps[sid] = _new(Step, (sid, level.id, _SKILL_STEP, key, r, r + 1, None, None, (last,) if last else (),
                                         "title" if in_role else None, None, c))
            dev.append((sid, months, start if in_role else 0, not top))
            last = sid
            out.append(sid)
        self.skill_at[key] = (max(planned, need), last)
        return out

    # --- certifications ----------------------------------------------------------------

    def _choose(self, options) -> str:
        """The option of an any-of that can be held soonest; ties: one a later title also accepts."""
        if len(options) == 1:  # nothing to choose (the estimates below only read)
            return options[0]
        later = self._later.get(self.k)
        if later is None:
            asked = self.t.certs_asked
            later = self._later[self.k] = frozenset().union(*(asked[lv.id] for lv in self.levels[self.k + 1:]))
        # one a later title also accepts, when the person could sit it now: one exam, not a smaller one first; among
        # those (or all, when none is), the one held soonest: estimated only when there are several to choose from
        now = []  # (a loop, not a list comprehension: no function made a choice)
        for c in options:
            if c in later and self._eligible_at(c) == 0:
                now.append(c)
        if not now:
            now = options
        if len(now) == 1:
            return now[0]
        # min(now, key=(estimate, not later, place)), the options taken by their least estimate (`_least`) first: one whose
        # least is above the best estimate found so far cannot be held sooner, nor can any after it, and is not estimated
        found, best = None, None
        ranked = []
        for i, c in enumerate(now):
            ranked.append((self._least(c), i))
        ranked.sort()
        known = self.known
        for least, i in ranked:
            if found is not None and least > found[0]:
                break
            c = now[i]
            # the estimate is the least when the certificate is held, planned or lapsed, cannot be planned (inf), or the
            # person can sit it now (`_cert_months`: its preparation alone): not estimated then
            if c in known.held or c in self.certs or c in known.lapsed_ids or least == math.inf or known.eligible_now(c):
                months = least
            else:
                months = self._estimate_cert(c, _NO_CERTS)
            key = (months, c not in later, options.index(c))
            if found is None or key < found:
                found, best = key, c
        return best

    def _least(self, cert: str) -> float:
        """The least `_estimate_cert(cert)` can be: 0 when held or planned, the renewal when lapsed, else its preparation
        (a block's estimate is never below 0)."""
        if cert in self.known.held or cert in self.certs:
            return 0
        if cert in self.known.lapsed_ids:
            return RENEW_MONTHS
        prep = self.t.prep[cert]
        return math.inf if prep is None else prep

    def _higher(self, cert: str, options) -> str:
        """A later title's certificate that stands for `cert` too (IPMA-B for IPMA-D), when one exam can do for both.

        Taken when the person could start on it as early as on `cert`, and that title asks for
        nothing else that is still open (what is not answered is assumed met): someone with the
        experience for Level B sits B, not D, C and B one after another."""
        later = self.levels[self.k + 1:]
        if not later:  # the last title on the way (most plans have one): none after it
            return cert
        start = None  # the month the person could start on `cert`, worked out when there is another to compare it with
        closure, needs, open_at = self.known.compiled.closure, self.t.cert_needs, self.a.open_at
        for lv in reversed(later):
            for ch in open_at(lv.id):  # (`any(...)` as a loop: asked for every certificate planned)
                if ch[1] != UNKNOWN and ch[0][0] not in _CERTS:  # (ch.state, ch.atom.kind)
                    break
            else:  # that title asks for nothing open but certificates
                for other in needs[lv.id]:
                    if other not in options and set(options) & closure((other,)):
                        if start is None:
                            start = self._eligible_at(cert)
                        if self._eligible_at(other) <= start:
                            return other
        return cert

    def _eligible_at(self, cert: str) -> float:
        """The month the person could start preparing `cert` (0 when held or planned; inf when it cannot be planned)."""
        if cert in self.known.held or cert in self.certs or cert in self.known.lapsed_ids:
            return 0
        info = self.cert_defs[cert]
        if info.prep_months is None:
            return math.inf
        if self.known.eligible_now(cert):  # no rule, or one with nothing open: its estimate is 0, the least (worked out once a person)
            return 0
        rules = info.eligibility
        if len(rules) < 2:  # (the most common: one rule)
            return self._estimate_block(rules[0], frozenset({cert}))
        seen = frozenset({cert})  # (one set for every rule)
        return min([self._estimate_block(alt, seen) for alt in rules])

    def _estimate_cert(self, cert: str, seen: frozenset) -> float:
        memo = self.memo
        if memo is None:
            return self._cert_months(cert, seen)
        key = (cert, None if self.acyclic else seen, self.start, len(self.certs), len(self.accruing))
        got = memo.get(key)
        if got is None:
            got = memo[key] = self._cert_months(cert, seen)
        return got

    def _cert_months(self, cert: str, seen: frozenset) -> float:
        if cert in self.known.held or cert in self.certs:
            return 0
        if cert in self.known.lapsed_ids:
            return RENEW_MONTHS
        info = self.cert_defs[cert]
        if info.prep_months is None or cert in seen:
            return math.inf
        if self.known.eligible_now(cert):  # no rule, or one with nothing open: its estimate 0 (as in `_eligible_at`)
            return self.t.prep[cert]
        rules, seen = info.eligibility, seen | {cert}
        if len(rules) < 2:
            return self._estimate_block(rules[0], seen) + self.t.prep[cert]
        return min([self._estimate_block(alt, seen) for alt in rules]) + self.t.prep[cert]

    def _open(self, block) -> int:
        """How many requirements of a block are not met yet: of two alternatives done as soon, the one with less to do."""
        return len(self.known.open_in(block))

    def _estimate_block(self, block, seen: frozenset = frozenset()) -> float:
        """When every requirement of `block` could be met, with what is planned so far (`_block_months`), remembered.

        An estimate reads only the person (the same all along), the month the milestone starts, the certificates
        planned and the kinds of work accruing; the last two only grow, and a value once there never changes, so
        their sizes tell their states apart. Only an estimate that reads other estimates (a certificate's, a one-of's)
        is remembered: the rest is as quick to work out again as to look up. In a ladder where no certificate's rules
        lead back to it (`Tables.acyclic`), what an estimate has seen on the way never changes it and is not asked."""
        shape = self._shapes.get(id(block))
        if shape is None:  # the block is kept in its shape (shape[0]) while the planner lives: its id stays its own
            shape = self._shapes[id(block)] = (block, *(self._shape(block) or (None,) * 5))
        _, worst, role, years, certs, alts = shape
        if certs or alts:  # (a block that cannot be dated has neither)
            memo = self.memo
            if memo is not None:
                key = (id(block), None if self.acyclic else seen, self.start, len(self.certs), len(self.accruing))
                got = memo.get(key)
                if got is None:
                    got = memo[key] = self._block_months(shape, seen)
                return got
            return self._block_months(shape, seen)
        # `_block_months` of a block that reads no other estimate, inline
        if worst is None:
            return math.inf
        if role and self.start > worst:
            worst = self.start
        for key, months in years:
            at = self.accruing.get(key, self.start) + months
            if at > worst:
                worst = at
        return worst

    def _block_months(self, shape: tuple, seen: frozenset) -> float:
        """The estimate of a block of `shape` (see `_shape`)."""
        _, worst, role, years, certs, alts = shape
        if worst is None:
            return math.inf
        if role and self.start > worst:  # (`worst = max(worst, ...)`: the first of equals kept, as max does)
            worst = self.start
        for key, months in years:
            at = self.accruing.get(key, self.start) + months
            if at > worst:
                worst = at
        for options in certs:
            at = self._estimate_cert(options[0], seen) if len(options) == 1 else min([self._estimate_cert(o, seen) for o in options])
            if at > worst:
                worst = at
        for blocks in alts:
            at = min([self._estimate_block(b, seen) for b in blocks])
            if at > worst:
                worst = at
        return worst

    def _shape(self, block) -> tuple | None:
        """What `_block_months` reads of `block` for this person, worked out once a plan: None when it cannot be
        dated, else the months of what the plan does not change (ratings, courses, facts met), whether a role
        change is in it (the month the milestone starts), the months of years of work after that work starts
        ((fact, months)), the certificates' options, and the one-ofs' routes."""
        worst = 0.0
        role = False
        years, certs, alts = [], [], []
        known = self.known
        for c in known.open_in(block):
            atom = c[0]
            kind, key, need = atom[:3]  # atom.kind, atom.key, atom.need
            if c[1] == UNKNOWN and kind != _EDU:  # c.state
                return None  # an unanswered question is not dated (never counted from 0)
            if kind == _FACT:  # when it reaches `need` with nothing else planned (one met adds nothing: `worst` is never below 0)
                within = atom[4]  # atom.within
                have = known.fact(key, within) or 0.0
                if have < need:
                    fd = self.fact_defs[key]
                    grows = fd.grows
                    if grows == "role":  # with the title below: the month the milestone starts
                        role = True
                    elif grows == "study":  # a course: what the plan does not change
                        months = _ceil((need - have) * fd.months_per_unit)
                        if months > worst:  # (`worst = max(worst, months)`: the first of equals kept, as max does)
                            worst = months
                    else:  # years of work: that many months after the work starts (now, when under way)
                        years.append((key, _ceil(self._years_to(key, need, within) * fd.months_per_unit)))
            elif kind == _EDU:
                if not (known.education is None and EDU_RANK[need] <= EDU_RANK["secondary"]):
                    return None  # education is not planned; an unanswered one is taken as secondary
            elif kind in _CERTS:
                certs.append((need,) if kind == Kind.CERT else need)
            elif kind == _SKILL:
                months = self.t.rise(key, self.comp_defs[key], known.rating(key) or 0, need)
                if months > worst:
                    worst = months
            elif kind == Kind.ALT:
                alts.append(need)
            else:
                return None
        return worst, role, tuple(years), tuple(certs), tuple(alts)

    def _cert(self, cert: str, level: Level, c: Check | None, serves: str | None = None) -> str:
        if cert in self.certs:
            return self.certs[cert]
        info = self.cert_defs[cert]
        if cert in self.known.lapsed_ids:  # held before: renewed, now, not prepared for again
            sid = self.certs[cert] = f"renew:{cert}"
            self._add(_new(Step, (sid, level.id, StepKind.CERT, cert, False, True, None, None, (), None, serves, c)))
            self.dev.append((sid, RENEW_MONTHS, 0, True))
            return sid
        sid = self.certs[cert] = f"cert:{cert}"
        if info.prep_months is None:  # an internal programme: nominated for it, not planned by the month
            return self._add(_new(Step, (sid, level.id, StepKind.CERT, cert, False, True, self.start, None, (), None, serves, c)))
        after: list[str] = []
        release = 0
        open_questions = False
        rules = info.eligibility
        if rules:
            best = 0
            if len(rules) > 1:  # min(range(len(rules)), key=(estimate, open, i)) as a loop: no lambda nor set made a rule
                open_in = self.known.open_in
                for i, rule in enumerate(rules):  # the first rule with nothing open: (0, 0, i), the least key, not estimated
                    if not open_in(rule):
                        best = i
                        break
                else:
                    seen, found = frozenset({cert}), None
                    for i, rule in enumerate(rules):
                        key = (self._estimate_block(rule, seen), len(open_in(rule)), i)  # (`_open`, inline)
                        if found is None or key < found:
                            found, best = key, i
            for sc in self.known.open_in(rules[best]):
                atom = sc[0]  # sc.atom
                kind = atom[0]  # atom.kind (and atom[1], atom[2] below: atom.key, atom.need)
                if sc[1] == UNKNOWN and kind != _EDU:  # (sc.state) never counted from 0: answered first, then dated
                    after.append(self._add(_new(Step, (f"answer:{atom[1]}", level.id, StepKind.ANSWER, atom[1], None, atom[2],
                                                       None, None, (), None, cert, sc))))
                    open_questions = True
                elif kind == _FACT and self.fact_defs[atom[1]].grows == "study":
                    after.append(self._study(atom[1], atom[2], level, None, cert))
                elif kind == _FACT:
                    step = self.steps[self._fact(atom[1], atom[2], level, None, cert)]
                    release = max(release, step.end if step.end is not None else self.start)
                elif kind in _CERTS:
                    options = (atom[2],) if kind == Kind.CERT else atom[2]
                    after.append(self._cert(self._choose(options), level, None, cert))
                elif kind == _SKILL:
                    after += self._skill(atom[1], atom[2], level, None)
        if self.ladder.framework is not None and c is not None:
            # a framework ladder's title is the issuer's certificate, and the level's other experience lines are the
            # issuer's own conditions for it (IPMA-B's years leading complex projects): the exam waits for them too
            for lc in self.a.open_at(level.id):  # (the checks not met, as `fit(...).checks` has them: worked out once)
                atom = lc[0]  # lc.atom
                if atom[0] != _FACT or lc[1] == UNKNOWN:  # (atom.kind, lc.state)
                    continue
                if self.fact_defs[atom[1]].grows == "study":  # (atom.key)
                    after.append(self._study(atom[1], atom[2], level, None, cert))
                else:
                    step = self.steps[self._fact(atom[1], atom[2], level, lc, cert)]
                    release = max(release, step.end if step.end is not None else self.start)
        if open_questions:  # not dated until the questions its rules depend on are answered
            return self._add(_new(Step, (sid, level.id, StepKind.CERT, cert, False, True, None, None, tuple(after), "answer", serves, c)))
        self._add(_new(Step, (sid, level.id, StepKind.CERT, cert, False, True, None, None, tuple(after),
                              "eligible" if release else None, serves, c)))
        self.dev.append((sid, max(1, self.t.prep[cert]), release, True))
        return sid

    # --- the schedule ------------------------------------------------------------------

    def _schedule(self) -> None:
        """Place this milestone's development items, `pace` at a time: what unblocks others first, then the longer chain."""
        if not self.dev:
            return  # nothing to place
        steps = self.steps
        if len(self.dev) == 1:  # one item (often): it waits for no other item, and comes first
            sid, months, release, paced = self.dev[0]
            pending = {sid: (months, release, paced)}
            waits: dict[str, list[str] | tuple] = {sid: ()}  # what each item waits for, among the items
        else:
            pending = {sid: (months, release, paced) for sid, months, release, paced in self.dev}
            waits = {}
            waiting: dict[str, list[str]] = {sid: [] for sid in pending}  # who waits for each item
            for other in pending:
                after = steps[other][8]  # .after
                if after:
                    deps = waits[other] = [d for d in after if d in pending]
                    for d in deps:
                        waiting[d].append(other)
                else:
                    waits[other] = ()
        if len(pending) > 1:
            tail: dict[str, int] = {}
            rank: dict[str, int] = {}
            # the order among items that are ready is fixed, so it is worked out once: (`_first`, the longest `_chain` first,
            # id); an item no other waits for (most) is its own chain
            order = {s: (_first(s, steps, waiting, rank), -_chain(s, pending, waiting, tail), s) if waiting[s] else
                     (FIRST.get(steps[s][2], 9), -pending[s][0], s) for s in pending}
            queue = sorted(pending, key=order.__getitem__)
        else:
            queue = list(pending)
        slots = self.slots
        while queue:
            for at, sid in enumerate(queue):  # the first ready (what it waits for tested in a loop: no list an item)
                for d in waits[sid]:
                    if d in pending:
                        break
                else:
                    break
            sid = queue.pop(at)
            months, release, paced = pending.pop(sid)
            step = steps[sid]  # (its new forms below join tuples: quicker than unpacking its fields into a new one)
            after = step[8]  # step.after
            # when what it waits for is done (`max((end or 0 ...), default=0)`: the first of equals kept, as max does), or
            # `undated` when something it waits for has no date (a role has none and waits for nothing); a loop, not `any`
            # and `max` over generators: most items wait for one step or none
            deps, undated = None, False
            for d in after:
                end = steps[d][7]  # .end
                if end is None and steps[d][2] != _ROLE:  # .kind
                    undated = True
                    break
                end = end or 0
                if deps is None or end > deps:
                    deps = end
            if deps is None:
                deps = 0
            if undated:
                steps[sid] = _new(Step, step[:9] + ("after", step[10], step[11]))  # waits for something without a date: none either
                continue
            if not paced:  # grown with the role: no slot
                start = max(release, deps)
                why = "after" if start > 0 and start == deps and deps > release else step[9]  # step.why
                steps[sid] = _new(Step, step[:6] + (start, start + months, after, why, step[10], step[11]))  # dated
                continue
            slot = slots.index(min(slots))  # the free slot soonest, the first of equals
            start = max(release, deps, slots[slot])
            why = step[9]  # step.why
            if start > 0 and start == slots[slot] and start > max(release, deps):
                why = "pace"  # waits for a free slot
            elif start > 0 and start == deps and deps > release:
                why = "after"
            slots[slot] = start + months
            steps[sid] = _new(Step, step[:6] + (start, start + months, after, why, step[10], step[11]))  # dated
        self.dev = []


def _chain(sid: str, pending: dict, waiting: dict, tail: dict) -> int:
    """The months of the longest chain of items from `sid` on (remembered in `tail`)."""
    got = tail.get(sid)
    if got is None:
        after = waiting[sid]  # (most items have none waiting for them)
        got = tail[sid] = pending[sid][0] + (max([_chain(o, pending, waiting, tail) for o in after]) if after else 0)
    return got


def _first(sid: str, steps: dict, waiting: dict, rank: dict) -> int:
    """A course, an exam, or what one of them waits for, before practice (remembered in `rank`)."""
    got = rank.get(sid)
    if got is None:
        got = FIRST.get(steps[sid].kind, 9)
        after = waiting[sid]  # (most items have none waiting for them)
        if after:
            got = min([got, *[_first(o, steps, waiting, rank) for o in after]])
        rank[sid] = got
    return got


def _ceil(x: float) -> int:
    return int(math.ceil(x - 1e-9))
