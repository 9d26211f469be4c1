"""Placement: where a person stands on a ladder, and why. Pure functions; no wording here.

The rule (documented for users in README.md and ladders/README.md):

1. Each requirement of a level is *met*, *short* (a small shortfall), *missing* or
   *unknown* (not answered). What a certification implies counts as answered: a PMP holder
   has shown 35 hours of PM education and three years leading projects. It is a lower
   bound, though: where the person gave no answer and what the certification proves falls
   short of a need, the requirement stays unknown (they may well have more), so adding a
   certification never turns an open question into a shortfall.
2. A shortfall is small when a fact is within the fact's tolerance of the need (a tenth of
   the years asked for, a quarter of a team size, half the training hours: the catalog's
   judgment), a rating is at most the level's `rating_steps` below the need, an education
   is one step below, a certification that is not a gate is missing but the person is
   eligible to sit it now, or an "any N of" or "one of" requirement would be met with such
   shortfalls. A gate (the ladder marks it) is never short: it is met or missing.
   A requirement made of several answers ("any N of", "one of") may be partly answered. It
   is judged twice: at best, with its open answers taken as met, and at worst (`floor`),
   with them taken as not met. It is met when the answers given meet it, *unknown* when
   only the open answers could still meet it, and otherwise short or missing as it would be
   at best; it counts as answered when it is met or short at worst, that is when the
   answers given already show it met or close.
3. A level is *reached* when none of its requirements is missing, at most its tolerance
   share of them (at least one) is short, and at least half of them are answered.
   Unanswered requirements count neither for nor against beyond that.
4. The best fit is the highest level, in ladder order, that can be reached from the first
   level through `next` links passing only reached levels; so no level is skipped.
   "Fully meets" is the highest level on the way to the best fit (the best fit itself or a
   level it can be reached from) whose every requirement is met; on a branch, a level of the
   other branch is not "on the way".

Raising one answer, or answering an open question with its highest value, never lowers the
placement: it never adds a shortfall or a missing requirement at best, and never takes an
answered one away at worst (the two judgments of rule 2 keep the two counts of rule 3 apart:
a single "unknown" state would do both jobs, and could not). The best fit never goes down;
"fully meets" never goes down while the best fit stays on its branch (when a raise carries
the best fit over to another branch, it is counted on the new one). The same input gives
the same result, and a person who meets a level in full is placed at least there.
"""


import datetime as _dt
import math
from typing import NamedTuple

from .types import EDU_RANK, EDUCATION, Atom, Kind, Ladder, Level, Profile
from .implications import closure

MET, SHORT, MISSING, UNKNOWN = "met", "short", "missing", "unknown"
_new = tuple.__new__  # builds a Check or a Fit without the Python-level __new__ of a NamedTuple (the hot path of a team)


class Check(NamedTuple):
    """One requirement held against a profile."""

    atom: Atom
    state: str
    have: object  # a number, a rating, an education id, the held options of an any-of, a count, None when unknown
    by: str | None = None  # the certification that implies the value, when it is implied
    floor: str = MISSING  # met, short or missing with every open answer taken as not met (rule 2); met or short counts as answered

    @property
    def kind(self) -> str:
        return self.atom.kind

    @property
    def key(self) -> str:
        return self.atom.key

    @property
    def need(self):
        return self.atom.need


class Fit(NamedTuple):
    level: Level
    checks: tuple[Check, ...]
    met: int
    short: int
    missing: int
    unknown: int
    reached: bool
    could_reach: bool  # reached if every unknown turned out met

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def fully(self) -> bool:
        return self.met == len(self.checks)

    @property
    def open(self) -> list[Check]:
        return [c for c in self.checks if c.state != MET]


class Implied(NamedTuple):
    kind: Kind  # fact | education | cert
    key: str
    value: object
    by: str
    answered: object = None  # what the person answered, when it was less than the certificate shows (a conflict to check)


class Known:
    """A profile seen through one ladder: answers plus what held certifications imply."""

    __slots__ = ("profile", "ladder", "today", "held", "certs_known", "facts", "fact_by", "education", "edu_by", "implied",
                 "_eligible", "bound_only")

    def __init__(self, profile: Profile, ladder: Ladder, today: _dt.date):
        self.profile, self.ladder, self.today = profile, ladder, today
        stated = tuple(c for c in (profile.certifications or ()) if c in ladder.certs)
        self.certs_known = profile.certifications is not None
        self.held = frozenset(closure(stated, ladder))
        self.facts = dict(profile.facts)
        self.fact_by: dict[str, str] = {}
        edu = EDU_RANK[profile.education] if profile.education else None
        self.edu_by: str | None = None
        implied: list[Implied] = []
        for cert in sorted(self.held, key=lambda c: (c not in stated, c)):
            imp = ladder.certs[cert].implies
            if cert not in stated:
                implied.append(Implied(Kind.CERT, cert, True, _root(cert, stated, ladder)))
            if imp.education and (edu is None or EDU_RANK[imp.education] > edu):
                edu, self.edu_by = EDU_RANK[imp.education], cert
            for key, value in imp.facts.items():
                if key in ladder.facts and self.facts.get(key, -1.0) < value:
                    self.facts[key] = value
                    self.fact_by[key] = cert
        self.education = edu
        # values known only as what a certification proves, not answered: lower bounds
        self.bound_only = frozenset(k for k in self.fact_by if k not in profile.facts) | (
            {"education"} if self.edu_by and profile.education is None else set())
        if self.edu_by:
            implied.append(Implied(Kind.EDUCATION, "education", _edu_name(edu), self.edu_by, profile.education))
        implied += [Implied(Kind.FACT, k, self.facts[k], by, profile.facts.get(k)) for k, by in self.fact_by.items()]
        self.implied = tuple(implied)
        self._eligible: dict[str, bool] = {}

    def fact(self, key: str, within: float | None = None) -> float | None:
        value = self.facts.get(key)
        if value is None or within is None:
            return value
        last = self.profile.last_year.get(key)
        gap = max(0, self.today.year - last) if last is not None and key not in self.fact_by else 0
        return max(0.0, min(value, within - gap))

    def rating(self, key: str) -> int | None:
        return self.profile.competencies.get(key)

    def eligible_now(self, cert: str) -> bool:
        """Could the person sit `cert` today under the issuer's rules (as the catalog stores them)?"""
        if cert not in self._eligible:
            rules = self.ladder.certs[cert].eligibility
            self._eligible[cert] = not rules or any(all(check(a, self, None).state == MET for a in alt) for alt in rules)
        return self._eligible[cert]


def _root(cert: str, stated, ladder: Ladder) -> str:
    """The stated certification that implies `cert`."""
    for held in stated:
        if cert in closure([held], ladder):
            return held
    return cert


def _edu_name(rank: int) -> str:
    return EDUCATION[rank]


def check(atom: Atom, known: Known, tolerance) -> Check:
    """Hold one requirement against the profile; `tolerance` None means met or not (no small shortfalls)."""
    kind = atom.kind
    if kind == Kind.SKILL:
        have = known.profile.competencies.get(atom.key)
        if have is None:
            return _new(Check, (atom, UNKNOWN, None, None, MISSING))
        need = atom.need
        if have >= need:
            return _new(Check, (atom, MET, have, None, MET))
        soft = tolerance is not None and not atom.gate
        state = SHORT if soft and have >= need - tolerance.rating_steps else MISSING
        return _new(Check, (atom, state, have, None, state))
    soft = tolerance is not None and not atom.gate
    if kind == Kind.FACT:
        have = known.fact(atom.key, atom.within)
        by = known.fact_by.get(atom.key)
        if have is None:
            return _new(Check, (atom, UNKNOWN, None, None, MISSING))
        if have >= atom.need - 1e-9:
            return _new(Check, (atom, MET, have, by, MET))
        if atom.key in known.bound_only:  # only a lower bound, and it does not reach the need
            return _new(Check, (atom, UNKNOWN, None, None, MISSING))
        share = known.ladder.facts[atom.key].tolerance
        state = SHORT if soft and have >= atom.need * (1 - share) - 1e-9 else MISSING
        return _new(Check, (atom, state, have, by, state))
    if kind == Kind.EDUCATION:
        have = known.education
        if have is None:
            return _new(Check, (atom, UNKNOWN, None, None, MISSING))
        name = EDUCATION[have]
        need = EDU_RANK[atom.need]
        if have >= need:
            return _new(Check, (atom, MET, name, known.edu_by, MET))
        if "education" in known.bound_only:
            return _new(Check, (atom, UNKNOWN, None, None, MISSING))
        state = SHORT if soft and have >= need - 1 else MISSING
        return _new(Check, (atom, state, name, known.edu_by, state))
    if kind in (Kind.CERT, Kind.CERTS):
        options = (atom.need,) if kind == Kind.CERT else atom.need
        got = [c for c in options if c in known.held]
        if got:
            by = None if any(c in (known.profile.certifications or ()) for c in got) else _root(got[0], known.profile.certifications or (), known.ladder)
            return Check(atom, MET, tuple(got), by, MET)
        if not known.certs_known:
            return Check(atom, UNKNOWN, None, None, MISSING)
        if soft and any(known.eligible_now(c) for c in options):
            return Check(atom, SHORT, (), None, SHORT)
        return Check(atom, MISSING, (), None, MISSING)
    if kind == Kind.SKILLS:
        n, ids, rating = atom.need
        ratings = [known.rating(k) for k in ids]
        met = sum(1 for r in ratings if r is not None and r >= rating)
        unknown = sum(1 for r in ratings if r is None)
        steps = tolerance.rating_steps if soft else 0
        near = sum(1 for r in ratings if r is not None and rating - steps <= r < rating)

        def grade(m: int) -> str:
            return MET if m >= n else SHORT if soft and m + near >= n else MISSING

        # at best with every open rating met, at worst with none of them met or close
        return _new(Check, (atom, _state(grade(met + unknown), grade(met)), met, None, grade(met)))
    # one of several alternatives: the best of them decides, at best and at worst alike
    best, best_i, floor = (), None, MISSING
    for i, block in enumerate(atom.need):
        checks = [check(a, known, tolerance if soft else None) for a in block]
        top = min((_TOP[c.state] for c in checks), key=_RANK.__getitem__)
        low = min((c.floor for c in checks), key=_RANK.__getitem__)
        key = (_RANK[top], _RANK[low], sum(c.state == MET for c in checks) - len(checks))
        if best_i is None or key > best:  # among equals, the route with most already met
            best, best_i = key, i
        floor = max(floor, low, key=_RANK.__getitem__)
    top = (MET, SHORT, MISSING)[2 - best[0]]
    return Check(atom, _state(top, floor), best_i, None, floor)


_RANK = {MET: 2, SHORT: 1, MISSING: 0}
_TOP = {MET: MET, UNKNOWN: MET, SHORT: SHORT, MISSING: MISSING}  # a requirement at best: what is open taken as met


def _state(top: str, floor: str) -> str:
    """The state of a requirement made of several answers, from its best case (open answers met) and its worst
    (open answers not met): met when the answers given meet it, unknown when the open ones could."""
    return MET if floor == MET else UNKNOWN if top == MET else top


def budget(tol, total: int) -> int:
    """How many of a level's `total` requirements may fall a little short and the level still count as
    reached: `tol.share` of them rounded down, at least one; none when the share is 0."""
    return max(1, math.floor(tol.share * total + 1e-9)) if tol.share > 0 else 0


def fit(level: Level, known: Known) -> Fit:
    tol = level.tolerance
    ratings, steps = known.profile.competencies, tol.rating_steps
    out = []
    for atom in level.requires:
        if atom.kind == Kind.SKILL:  # the skill rule of `check`, inlined: most requirements are ratings (tests/test_team.py holds them equal)
            have, need = ratings.get(atom.key), atom.need
            state = UNKNOWN if have is None else MET if have >= need else SHORT if not atom.gate and have >= need - steps else MISSING
            out.append(_new(Check, (atom, state, have, None, MISSING if state == UNKNOWN else state)))
        else:
            out.append(check(atom, known, tol))
    checks = tuple(out)
    states = [c[1] for c in checks]
    met, short, missing = states.count(MET), states.count(SHORT), states.count(MISSING)
    total = len(checks)
    unknown = total - met - short - missing
    could = missing == 0 and short <= budget(tol, total)
    answered = sum(1 for c in checks if c[4] != MISSING)  # met or close on the answers alone
    reached = could and answered >= math.ceil(tol.min_known * total - 1e-9)
    return _new(Fit, (level, checks, met, short, missing, unknown, reached, could))


def chain(ladder: Ladder, ok) -> list[int]:
    """Indexes of the levels reachable from the first one through levels for which `ok(i)` holds."""
    first = 0
    if not ok(first):
        return []
    index = {lv.id: i for i, lv in enumerate(ladder.levels)}
    seen, todo = {first}, [first]
    while todo:
        for target in ladder.levels[todo.pop()].next:
            j = index[target]
            if j not in seen and ok(j):
                seen.add(j)
                todo.append(j)
    return sorted(seen)


def _leading_to(ladder: Ladder, top: int, among: set[int]) -> set[int]:
    """Indexes of the levels in `among` from which `top` is reached through `next`, `top` included."""
    index = {lv.id: i for i, lv in enumerate(ladder.levels)}
    out, grew = {top}, True
    while grew:
        grew = False
        for i in among - out:
            if any(index[n] in out for n in ladder.levels[i].next):
                out.add(i)
                grew = True
    return out


class Assessment(NamedTuple):
    ladder: Ladder
    profile: Profile
    today: _dt.date
    known: Known
    fits: tuple[Fit, ...]
    best: Level | None  # best fit: where the person works now
    fully: Level | None  # the highest level met in full on the way
    could_be: Level | None  # for a placed person: where answering the unknowns could place them (None when no higher)
    next: tuple[Level, ...]

    def fit(self, level_id: str) -> Fit:
        return self.fits[self.ladder.index(level_id)]

    @property
    def placed_on(self) -> tuple[Level, ...]:
        return tuple(lv for lv, f in zip(self.ladder.levels, self.fits) if f.reached)

    @property
    def top(self) -> bool:
        return self.best is not None and not self.best.next

    @property
    def other_tops(self) -> tuple[Level, ...]:
        """At the top of one branch: the tops of the other branches, not reached (plan for them with --target)."""
        if not self.top:
            return ()
        return tuple(lv for lv, f in zip(self.ladder.levels, self.fits) if not lv.next and lv.id != self.best.id and not f.reached)


def assess(ladder: Ladder, profile: Profile, today: _dt.date) -> Assessment:
    """Place a profile on a ladder (see the module's rule)."""
    known = Known(profile, ladder, today)
    fits = tuple(fit(level, known) for level in ladder.levels)
    on = chain(ladder, lambda i: fits[i].reached)
    best = ladder.levels[on[-1]] if on else None
    below = _leading_to(ladder, on[-1], set(on)) if on else set()
    full = [i for i in on if fits[i].fully and i in below]
    fully = ladder.levels[full[-1]] if full else None
    hopeful = chain(ladder, lambda i: fits[i].could_reach)
    could = ladder.levels[hopeful[-1]] if on and hopeful and hopeful[-1] > on[-1] else None
    nxt = tuple(ladder.level(i) for i in best.next) if best else (ladder.levels[0],)
    return Assessment(ladder, profile, today, known, fits, best, fully, could, nxt)


def unknowns(a: Assessment, target: Level | None = None) -> list[tuple[Check, tuple[str, ...]]]:
    """Unanswered requirements that matter: on the best fit, on the way to where answers could
    place the person, and on the next title or target. Each with the level ids that ask for it."""
    ladder = a.ladder
    ids: list[str] = []
    if a.best is not None:
        ids.append(a.best.id)
    upto = a.could_be or target or (a.next[0] if a.next else None)
    if upto is not None:
        lo = ladder.index(a.best.id) + 1 if a.best else 0
        for lv in ladder.levels[lo: ladder.index(upto.id) + 1]:
            ids.append(lv.id)
    found: dict[str, tuple[Check, list[str]]] = {}
    for level_id in dict.fromkeys(ids):
        for c in a.fit(level_id).checks:
            if c.state == UNKNOWN:
                entry = found.setdefault(_answer_key(c), (c, []))
                if level_id not in entry[1]:  # two certification requirements of one level are one question
                    entry[1].append(level_id)
    return [(c, tuple(levels)) for c, levels in found.values()]


def _answer_key(c: Check) -> str:
    """One unknown per question: every certification requirement is answered by one question."""
    if c.kind in (Kind.CERT, Kind.CERTS):
        return "certifications"
    if c.kind == Kind.SKILLS:
        return c.key
    if c.kind == Kind.ALT:
        return c.key
    return c.key
