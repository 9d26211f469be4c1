"""Placement: where a person stands on a ladder, and why. Pure functions; no wording here.

The rule (documented for users in README.md and ladders/README.md):

1. A level's requirements are of three sorts. *Evidence* is the work a person has done:
   experience, scope and ratings. *Credentials* are what a person holds on paper:
   certificates, course hours (facts that grow by study) and education. A one-of ("PMP, or
   five years and 35 hours") is evidence judged on the experience its routes ask for, and
   its credentials are what would confirm the title. *Gates* are what the ladder marks as hard,
   of either sort.
2. Each requirement is *met*, *short* (a small shortfall), *missing* or *unknown* (not
   answered). What a certification implies counts as answered, as a lower bound: where the
   person gave no answer and what the certification proves falls short of a need, the
   requirement stays unknown. A shortfall is small when a fact is within the fact's
   tolerance of the need (the catalog's judgment), a rating at most the level's
   `rating_steps` below it, an education one step below. A gate is never short, and a
   certificate not held is never close: it is missing. A requirement made of several answers
   ("any N of", "one of") is judged at best (open answers taken as met) and at worst
   (`floor`, taken as not met): met when the answers given meet it, unknown when only the
   open answers could. Each either/or group (the block's `one_of`, and each labelled group of
   `choices`) is one requirement. A conditional requirement (`when`: the person's track, or a
   fact at least some value) is left out of the level when its condition does not hold, as if
   the level did not ask; while the condition rests on an answer not given (no track, a fact
   left blank) it is unknown, an open question, unless it is met anyway.
3. Each level is judged on its own evidence, never by a climb that stops at the first miss.
   The person's *work matches* a level when none of its evidence is missing, every kind of
   experience (years) and every gate it asks about is answered, and what is short plus the
   ratings and sizes (team, projects at once: facts that grow with a role) left unanswered
   stay within the level's tolerance share of its evidence (at least one). Unanswered
   questions never raise a title: the title rests on what was answered. A person who
   answered no rating at all is judged on their record (the facts), when the level asks for
   any; their ratings are then what could confirm it.
4. A level is *reached* (can be the title) when the work matches it and its gates are met.
   On a ladder that follows an issuer's scheme (`framework`: IPMA, PMI) the titles are
   certificates: a level is reached when its certificates are held and its gates met, so
   the title is what the person holds and never claims a certificate they do not; what
   their work matches is said beside it (`matched`). Other credentials not held neither lower nor raise
   the title; they are what would confirm it (`Assessment.to_hold`).
5. The best fit is the reached level of the highest rank (`Level.rank`: given, or the longest
   way up from the first level), then the one where more of the person's evidence is met,
   then the one on the person's chosen track; a true tie names the others (`tied`) and is
   settled by level id, so the order levels are written in never matters. "Fully meets" is
   the highest level met in full on the way to the best fit. `matched` is the highest level
   the work matches, when it is above the best fit (its certificates are not held yet);
   `could_be` where answering the open questions could place the person. A lateral move
   (`lateral` on a level) is no step up: it adds nothing to `rank` and is offered beside the
   next titles, never chosen as the best fit's next title.

Raising one answer, or answering an open question with its highest value, never lowers the
rank of the best fit: it never adds a shortfall or a missing requirement at best, and never
takes an answered one away. The one exception is written by the ladder's author: an answer a
conditional requirement depends on (a fact in its `when`, the track) may bring that
requirement in, as the author asked. The same input gives the same result whatever the order of the
levels in the file, and a person who meets a level in full is placed at least at its rank.
"""


import datetime as _dt
import math
from typing import NamedTuple

from operator import attrgetter

from . import compiled as _compiled
from .compiled import CERTIFICATE, CREDENTIAL, EVIDENCE, sort_of  # noqa: F401  (rule 1; CREDENTIAL for the views)
from .types import EDU_RANK, EDUCATION, Atom, Kind, Ladder, Level, Profile
from .validity import standing

MET, SHORT, MISSING, UNKNOWN = "met", "short", "missing", "unknown"
_NONE: frozenset = frozenset()
_new = tuple.__new__  # builds a Check or a Fit without the Python-level __new__ of a NamedTuple (the hot path of a team)


class Check(NamedTuple):
    """One requirement held against a profile."""

    atom: Atom
    state: str
    have: object  # a number, a rating, an education id, the held options of an any-of, a count, None when unknown
    by: str | None = None  # the certification that implies the value, when it is implied
    floor: str = MISSING  # met, short or missing with every open answer taken as not met (rule 2); met or short counts as answered

    # the requirement's kind, key and need (properties read in C: they are asked for everywhere)
    kind = property(attrgetter("atom.kind"))
    key = property(attrgetter("atom.key"))
    need = property(attrgetter("atom.need"))


class Fit(NamedTuple):
    level: Level
    checks: tuple[Check, ...]
    met: int
    short: int
    missing: int
    unknown: int
    reached: bool  # can be the title: the work matches, the gates are met, the certificates held (rule 4)
    could_reach: bool  # reached if every unknown turned out met
    work: bool = False  # the person's work matches the level on what they answered (rule 3)
    share: float = 0.0  # how much of the level's evidence is met (a short one counts half): breaks ties between branches
    edge: int = -1  # at the edge of the level: as many short or unanswered ratings as it allows (that number), else -1
    could_work: bool = False  # the work could match the level if every unanswered question turned out met

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def fully(self) -> bool:
        return self.met == len(self.checks)

    @property
    def open(self) -> list[Check]:
        """The checks not met, in order."""
        return [c for c in self.checks if c[1] != MET]


def _work_part(atom: Atom, known: "Known", tol) -> str:
    """A one-of judged on its evidence alone (its routes without their credentials): the best route decides."""
    best = MISSING
    for block in atom.need:
        states = [check(a, known, tol).state for a in block if known.compiled.sort(a) == EVIDENCE]
        state = min(states, key=_ORDER.__getitem__) if states else MET
        best = max(best, state, key=_ORDER.__getitem__)
    return best


class Implied(NamedTuple):
    kind: Kind  # fact | education | cert
    key: str
    value: object
    by: str
    answered: object = None  # what the person answered, when it was less than the certificate shows (a conflict to check)


class Known:
    """A profile seen through one ladder: answers plus what held certifications imply."""

    __slots__ = ("profile", "ladder", "today", "held", "certs_known", "facts", "fact_by", "education", "edu_by", "implied",
                 "_eligible", "bound_only", "_branch", "stated", "lapsed", "renew_by", "lapsed_ids", "compiled", "_strict", "_open",
                 "answers", "_opens")

    def __init__(self, profile: Profile, ladder: Ladder, today: _dt.date):
        self.profile, self.ladder, self.today = profile, ladder, today
        self.compiled = comp = _compiled.of(ladder)
        stated = tuple([c for c in profile.certifications if c in ladder.certs]) if profile.certifications else ()
        lapsed, due = standing(stated, profile.certification_dates, ladder.certs, today) if profile.certification_dates else ((), ())
        if lapsed:  # a certificate past its validity counts for nothing (engine/validity.py)
            gone = {x.cert for x in lapsed}
            stated = tuple(c for c in stated if c not in gone)
        self.stated = stated
        self.certs_known = profile.certifications is not None
        self.held = frozenset(comp.closure(stated)) if stated else _NONE  # (most hold none)
        if lapsed:
            self.lapsed = tuple(x for x in lapsed if x.cert not in self.held)  # one a current certificate stands for still counts
            self.lapsed_ids = frozenset(x.cert for x in self.lapsed if x.renewable)  # renewed; the others are earned again
        else:  # (most people)
            self.lapsed, self.lapsed_ids = (), _NONE
        self.renew_by = due
        self.facts = dict(profile.facts)
        self.fact_by: dict[str, str] = {}
        edu = EDU_RANK[profile.education] if profile.education else None
        self.edu_by: str | None = None
        implied: list[Implied] = []
        for cert in sorted(self.held, key=lambda c: (c not in stated, c)) if self.held else ():  # (most hold none)
            imp = ladder.certs[cert].implies
            if cert not in stated:
                implied.append(Implied(Kind.CERT, cert, True, _root(cert, stated, comp)))
            if imp.education and (edu is None or EDU_RANK[imp.education] > edu):
                edu, self.edu_by = EDU_RANK[imp.education], cert
            for key, value in imp.facts.items():
                if key in ladder.facts and self.facts.get(key, -1.0) < value:
                    self.facts[key] = value
                    self.fact_by[key] = cert
        self.education = edu
        # values known only as what a certification proves, not answered: lower bounds
        bound = frozenset(k for k in self.fact_by if k not in profile.facts) if self.fact_by else _NONE
        self.bound_only = bound | {"education"} if self.edu_by and profile.education is None else bound  # (most: _NONE)
        if self.edu_by:
            implied.append(Implied(Kind.EDUCATION, "education", _edu_name(edu), self.edu_by, profile.education))
        if self.fact_by:
            implied += [Implied(Kind.FACT, k, self.facts[k], by, profile.facts.get(k)) for k, by in self.fact_by.items()]
        self.implied = tuple(implied)
        self._eligible: dict[str, bool] = {}
        self._branch: frozenset | None = None
        self._strict: dict[int, Check] = {}  # id(atom) -> check(atom, self, None): the roadmap asks again and again
        self._open: dict[int, tuple] = {}  # id(block) -> (block, its requirements not met), see `open_in`
        self._opens: dict[str, list] = {}  # level id -> the checks of its fit not met (`Assessment.open_at`)
        self.answers: dict | None = None  # what the ladder's tables read of the person, once placed (`_fits`); None: the plain way

    def applies(self, when) -> bool | None:
        """Does a conditional requirement apply to this person? None while an answer it rests on is blank."""
        state: bool | None = True
        if when.track:
            track = self.profile.track
            if not track:
                state = None
            else:
                if self._branch is None:
                    self._branch = frozenset({track}) | _track(self.ladder, track)
                if self._branch.isdisjoint(when.track):
                    return False
        for key, least in when.facts:
            value = self.fact(key)
            if value is None:
                state = None
            elif value < least - 1e-9:
                return False
        return state

    def fact(self, key: str, within: float | None = None) -> float | None:
        value = self.facts.get(key)
        if value is None or within is None:
            return value
        last = self.profile.last_year.get(key)
        gap = max(0, self.today.year - last) if last is not None and key not in self.fact_by else 0
        return max(0.0, min(value, within - gap))

    def rating(self, key: str) -> int | None:
        return self.profile.competencies.get(key)

    def strict(self, atom: Atom) -> "Check":
        """check(atom, self, None): met or not, no small shortfalls (what the roadmap asks of a certificate's rules)."""
        got = self._strict.get(id(atom))
        if got is None or got[0] is not atom:  # the atom kept in the check: its id is its own
            same = self.compiled.same.get(id(atom))
            if same is not None and same[0] is atom and same[1] is not atom:  # as an equal requirement already is
                got = _new(Check, (atom, *self.strict(same[1])[1:]))
            else:
                got = check(atom, self, None)
            self._strict[id(atom)] = got
        return got

    def open_in(self, block) -> tuple:
        """The strict checks (`strict`) of the requirements of `block` that are not met, in its order."""
        got = self._open.get(id(block))
        if got is None or got[0] is not block:  # the block kept beside them: its id stays its own
            answers = self.answers
            tabled = self.compiled.fits[4].get(id(block)) if answers is not None else None
            if tabled is not None and tabled[0] is block:  # looked up in the ladder's table, as a level's requirements are
                more = self.compiled.fits[5]  # the facts the rules read and the levels do not: read once
                if _fast._MORE not in answers:
                    _fast._read_facts(self, more, answers)
                    answers[_fast._MORE] = True
                pairs = map(_fast._LOOK, tabled[1], map(answers.get, tabled[2]))
                got = (block, tuple([c for c, _ in pairs if c[1] != MET]))
            else:
                got = (block, tuple(c for c in map(self.strict, block) if c[1] != MET))
            self._open[id(block)] = got
        return got[1]

    def eligible_now(self, cert: str) -> bool:
        """Could the person sit `cert` today under the issuer's rules (as the catalog stores them)?"""
        if cert not in self._eligible:
            rules = self.ladder.certs[cert].eligibility
            if len(rules) == 1:
                ok = not self.open_in(rules[0])
            else:  # no rule, or any rule met (a loop: `any` over a generator costs more)
                ok = not rules
                for alt in rules:
                    if not self.open_in(alt):
                        ok = True
                        break
            self._eligible[cert] = ok
        return self._eligible[cert]


def _root(cert: str, stated, comp) -> str:
    """The stated certification that implies `cert` (`comp`: the ladder compiled)."""
    for held in stated:
        if cert in comp.closures.get(held, ()):
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
            by = None if any(c in known.stated for c in got) else _root(got[0], known.stated, known.compiled)
            return Check(atom, MET, tuple(got), by, MET)
        if not known.certs_known:
            return Check(atom, UNKNOWN, None, None, MISSING)
        return Check(atom, MISSING, (), None, MISSING)  # a certificate not held is never close, eligible or not
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
_ORDER = {MET: 3, UNKNOWN: 2, SHORT: 1, MISSING: 0}  # a route is as good as its weakest part
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
    ladder = known.ladder
    out = []
    for atom in level.requires:
        if atom[7] is not None:  # applies only when its condition holds (`when`): left out when it does not
            applies = known.applies(atom[7])
            if applies is False:
                continue
            c = check(atom, known, tol)
            out.append(c if applies or c.state == MET else _new(Check, (atom, UNKNOWN, None, None, MISSING)))
        elif atom.kind == Kind.SKILL:  # the skill rule of `check`, inlined: most requirements are ratings (tests/views/test_team.py holds them equal)
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
    # rules 3 and 4, from the evidence, the gates and the certificates
    ev = ev_met = ev_short = open_ratings = 0
    ev_missing = open_facts = 0  # either stops the work matching the level
    papers = could_papers = True  # gates met and, on an issuer's ladder, certificates held; neither missing
    titled = ladder.framework is not None  # its titles are certificates (IPMA, PMI)
    for c in checks:
        atom, state = c[0], c[1]
        sort = EVIDENCE if atom.kind == Kind.SKILL else sort_of(atom, ladder)
        if atom.gate or (sort == CERTIFICATE and titled):
            papers = papers and state == MET
            could_papers = could_papers and state != MISSING
        if sort != EVIDENCE:
            continue
        if atom.kind == Kind.ALT:
            state = _work_part(atom, known, tol)
        ev += 1
        if state == MET:
            ev_met += 1
        elif state == SHORT:
            ev_short += 1
        elif state == MISSING:
            ev_missing += 1
        elif atom.gate or atom.kind == Kind.ALT or (atom.kind == Kind.FACT and ladder.facts[atom.key].grows != "role"):
            open_facts += 1  # experience left blank (years of a kind of work): the title cannot rest on it
        else:
            open_ratings += 1  # a rating, or the size of what was run, left blank: tolerated like a small shortfall
    allowed = budget(tol, ev)
    could_work = ev_missing == 0 and ev_short <= allowed
    if not ratings and ev > open_ratings:  # no rating answered at all: the title rests on the record alone
        open_ratings = sum(1 for c in checks if c[1] == UNKNOWN and c[0].kind == Kind.FACT and not c[0].gate)
    work = could_work and open_facts == 0 and ev_short + open_ratings <= allowed
    reached = papers if titled else work and papers  # on an issuer's ladder the title is the certificate held
    edge = allowed if reached and ev_short and ev_short + open_ratings == allowed else -1
    share = (ev_met + 0.5 * ev_short) / ev if ev else 1.0
    return _new(Fit, (level, checks, met, short, missing, unknown, reached, could_work and could_papers, work, share, edge, could_work))


def _pick(fits, among, track: frozenset) -> tuple[int | None, tuple[int, ...]]:
    """The best of the levels `among` (rule 5): highest rank, then most evidence met, then the person's
    track; the others equal on all three are a true tie, settled by level id."""
    if len(among) < 2:
        return (among[0], ()) if among else (None, ())
    keys = [(f[0].rank, f[9], f[0].id in track) for f in map(fits.__getitem__, among)]  # (f.level, f.share)
    top = max(keys)
    equal = [i for i, k in zip(among, keys) if k == top]
    if len(equal) > 1:
        equal.sort(key=lambda i: fits[i].level.id)
    return equal[0], tuple(equal[1:])


class Assessment(NamedTuple):
    ladder: Ladder
    profile: Profile
    today: _dt.date
    known: Known
    fits: tuple[Fit, ...]
    best: Level | None  # best fit: the title the person holds on this ladder (rules 4 and 5)
    fully: Level | None  # the highest level met in full on the way
    could_be: Level | None  # for a placed person: where answering the unknowns could place them (None when no higher)
    next: tuple[Level, ...]
    matched: Level | None = None  # the highest level the work matches, when above the best fit (its gates or certificates not held)
    tied: tuple[Level, ...] = ()  # levels as good a fit as the best fit, on another branch
    matched_up: Level | None = None  # above `matched`: where the work could match once the open questions are answered

    def fit(self, level_id: str) -> Fit:
        return self[4][self[3].compiled.index[level_id]]  # self.fits, self.known (read by position: asked for everywhere)

    def open_at(self, level_id: str) -> list[Check]:
        """`fit(level_id).open`, worked out once a placement (the planner and the gaps ask for it again): not to be changed."""
        known = self[3]  # self.known
        got = known._opens.get(level_id)
        if got is None:
            got = known._opens[level_id] = [c for c in self[4][known.compiled.index[level_id]][1] if c[1] != MET]  # self.fits
        return got

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

    @property
    def to_hold(self) -> tuple[Check, ...]:
        """Credentials the best fit asks for that the person does not hold yet: what would confirm the title."""
        if self.best is None:
            return ()
        sort = self.known.compiled.sort
        return tuple(c for c in self.fit(self.best.id).checks if c.state != MET and sort(c.atom) != EVIDENCE)


class Evidence(NamedTuple):
    """A level's evidence and gates held against a profile: what the explanation of a placement counts."""

    total: int
    missing: int  # evidence missing, or a gate not met
    unanswered: int
    short: int
    allowed: int  # how many may be short (or unanswered ratings) and the level still match


def evidence(f: Fit, ladder: Ladder) -> Evidence:
    counts = {MET: 0, SHORT: 0, MISSING: 0, UNKNOWN: 0}
    total = 0
    for c in f.checks:
        if c.atom.gate and c.state != MET:
            counts[MISSING if c.state != UNKNOWN else UNKNOWN] += 1
            total += 1
        elif sort_of(c.atom, ladder) == EVIDENCE:
            counts[c.state] += 1
            total += 1
    return Evidence(total, counts[MISSING], counts[UNKNOWN], counts[SHORT], budget(f.level.tolerance, total))


def assess(ladder: Ladder, profile: Profile, today: _dt.date) -> Assessment:
    """Place a profile on a ladder (see the module's rule)."""
    known = Known(profile, ladder, today)
    comp = known.compiled
    fits = _fast._fits(known)
    track = comp.tracks.get(profile.track)  # (`_track`, when already worked out: the common case inline)
    if track is None:
        track = _track(ladder, profile.track)
    reached = [i for i, f in enumerate(fits) if f[6]]  # f.reached
    best_i, tied = _pick(fits, reached, track)
    best = ladder.levels[best_i] if best_i is not None else None
    fully = None
    if best is not None:
        on_the_way = [i for i in reached if (f := fits[i])[2] == len(f[1])  # met in full (f.fully), and the best fit or below it
                      and (i == best_i or best.id in comp.above(f[0].id))]
        fully_i, _ = _pick(fits, on_the_way, track)
        fully = ladder.levels[fully_i] if fully_i is not None else None
    rank = best.rank if best is not None else -1
    works, hopes = [], []  # above the best fit: where the work matches, where it could once the unknowns are answered
    for i, f in enumerate(fits):
        if (f[8] or f[7]) and f[0].rank > rank:  # f.work, f.could_reach, f.level
            if f[8]:
                works.append(i)
            if f[7]:
                hopes.append(i)
    work_i, _ = _pick(fits, works, track)
    hope_i, _ = _pick(fits, hopes, track)
    could = ladder.levels[hope_i] if best is not None and hope_i is not None else None
    nxt = tuple(map(comp.by_id.__getitem__, best.next)) if best else (ladder.levels[0],)
    matched = ladder.levels[work_i] if work_i is not None else None
    up_i = None
    if matched is not None:
        up_rank = matched.rank  # (the fields by position: f.could_work, f.work, f.level)
        up_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f[11] and not f[8] and f[0].rank > up_rank], track)
    return _new(Assessment, (ladder, profile, today, known, fits, best, fully, could, nxt, matched,  # (every field, in order)
                             tuple(ladder.levels[i] for i in tied) if tied else (), ladder.levels[up_i] if up_i is not None else None))


def _track(ladder: Ladder, track: str | None) -> frozenset:
    """The level ids on the person's chosen track: a track the ladder names (its levels, with those below and
    above each), or a level id (the level, those below it and above it)."""
    comp = _compiled.of(ladder)
    got = comp.tracks.get(track)
    if got is None:
        named = ladder.tracks.get(track) if track else None
        if named is not None:
            got = frozenset().union(*(_branch(comp, level_id) for level_id in named.levels))
        else:
            got = _branch(comp, track)
        if not track or named is not None or track in comp.index:  # kept for the ladder's own ids only
            comp.tracks[track] = got
    return got


def _branch(comp, level_id: str | None) -> frozenset:
    if not level_id or level_id not in comp.index:
        return frozenset()
    up = comp.above(level_id)
    down = {lv.id for lv in comp.ladder.levels if level_id in comp.above(lv.id)}
    return frozenset({level_id, *up, *down})


def unknowns(a: Assessment, target: Level | None = None) -> list[tuple[Check, tuple[str, ...]]]:
    """Unanswered requirements that matter: on the best fit, on the way to where answers could
    place the person, and on the next title or target. Each with the level ids that ask for it."""
    comp = a.known.compiled
    end = target or (a.next[0] if a.next else None)
    way = (a.best.id if a.best else None, a.could_be.id if a.could_be else None, end.id if end else None)
    levels = comp.asks.get(way)  # the levels looked at depend on these three only: worked out once a ladder
    if levels is None:
        levels = comp.asks[way] = _asked(comp, *way)
    found: dict[str, tuple[Check, list[str]]] = {}
    index, fits = comp.index, a.fits
    for level_id in levels:
        f = fits[index[level_id]]
        if not f[5]:  # nothing unknown there
            continue
        for c in f[1]:
            if c[1] == UNKNOWN:
                # one unknown per question (`answer_key`, inline: this runs for every unknown of a plan)
                entry = found.setdefault("certifications" if c[0][0] in _CERT_KINDS else c[0][1], (c, []))
                if level_id not in entry[1]:  # two certification requirements of one level are one question
                    entry[1].append(level_id)
    return [(c, tuple(levels)) for c, levels in found.values()]


def _asked(comp, best: str | None, could_be: str | None, end: str | None) -> tuple[str, ...]:
    """The levels whose unknowns `unknowns` lists (ids): the best fit, and those on the way to where answers could place
    the person and to the next title or target, by rank and id."""
    ids: list[str] = []
    if best is not None:
        ids.append(best)
    ends = [x for x in (could_be, end) if x is not None]
    start = best if best is not None else comp.ladder.levels[0].id
    if len(ends) == 2 and ends[0] == ends[1]:  # one level twice: asked once
        del ends[1]
    for upto in ends:
        if best is None:
            ids.append(start)
        ids += comp.between(start, upto)
    return tuple(sorted(dict.fromkeys(ids), key=comp.order.__getitem__))  # (comp.rank_and_id)


_CERT_KINDS = (Kind.CERT, Kind.CERTS)


def answer_key(c: Check) -> str:
    """The question that answers an unknown requirement: every certification requirement is answered by one
    question (which certificates are held); any other by its own key."""
    return "certifications" if c.kind in _CERT_KINDS else c.key


from . import fit_tables as _fast  # noqa: E402  (last: the fast path is made of this module's rules)
