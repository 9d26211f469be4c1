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

from operator import attrgetter, itemgetter

from . import compiled as _compiled
from .compiled import CERTIFICATE, CREDENTIAL, EVIDENCE, sort_of  # noqa: F401  (rule 1; CREDENTIAL for the views)
from .types import EDU_RANK, EDUCATION, Atom, Kind, Ladder, Level, Profile
from .validity import standing

MET, SHORT, MISSING, UNKNOWN = "met", "short", "missing", "unknown"
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
        return [c for c in self.checks if c.state != MET]


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
                 "_eligible", "bound_only", "_branch", "stated", "lapsed", "renew_by", "lapsed_ids", "compiled", "_strict", "_open")

    def __init__(self, profile: Profile, ladder: Ladder, today: _dt.date):
        self.profile, self.ladder, self.today = profile, ladder, today
        self.compiled = comp = _compiled.of(ladder)
        stated = tuple(c for c in (profile.certifications or ()) if c in ladder.certs)
        lapsed, due = standing(stated, profile.certification_dates, ladder.certs, today) if profile.certification_dates else ((), ())
        if lapsed:  # a certificate past its validity counts for nothing (engine/validity.py)
            gone = {x.cert for x in lapsed}
            stated = tuple(c for c in stated if c not in gone)
        self.stated = stated
        self.certs_known = profile.certifications is not None
        self.held = frozenset(comp.closure(stated))
        self.lapsed = tuple(x for x in lapsed if x.cert not in self.held)  # one a current certificate stands for still counts
        self.lapsed_ids = frozenset(x.cert for x in self.lapsed if x.renewable)  # renewed; the others are earned again
        self.renew_by = due
        self.facts = dict(profile.facts)
        self.fact_by: dict[str, str] = {}
        edu = EDU_RANK[profile.education] if profile.education else None
        self.edu_by: str | None = None
        implied: list[Implied] = []
        for cert in sorted(self.held, key=lambda c: (c not in stated, c)):
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
        self.bound_only = frozenset(k for k in self.fact_by if k not in profile.facts) | (
            {"education"} if self.edu_by and profile.education is None else set())
        if self.edu_by:
            implied.append(Implied(Kind.EDUCATION, "education", _edu_name(edu), self.edu_by, profile.education))
        implied += [Implied(Kind.FACT, k, self.facts[k], by, profile.facts.get(k)) for k, by in self.fact_by.items()]
        self.implied = tuple(implied)
        self._eligible: dict[str, bool] = {}
        self._branch: frozenset | None = None
        self._strict: dict[int, Check] = {}  # id(atom) -> check(atom, self, None): the roadmap asks again and again
        self._open: dict[int, tuple] = {}  # id(block) -> (block, its requirements not met), see `open_in`

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
            strict = self.strict
            got = self._open[id(block)] = (block, tuple(c for c in map(strict, block) if c[1] != MET))
        return got[1]

    def eligible_now(self, cert: str) -> bool:
        """Could the person sit `cert` today under the issuer's rules (as the catalog stores them)?"""
        if cert not in self._eligible:
            rules = self.ladder.certs[cert].eligibility
            self._eligible[cert] = not rules or any(not self.open_in(alt) for alt in rules)
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


# --- the fast path: each level's requirements as tables, made once per ladder ----------------------
#
# `fit` above is the rule, written plainly; `fits` gives exactly its result for every level of a
# ladder (tests/engine/test_compiled_equivalence.py holds them equal) with what does not depend on
# the person worked out once: a rating requirement's check for each rating (a person's is a look-up),
# each requirement's sort and part in the title (rule 1), how much of a level is evidence and how
# many shortfalls it allows. A level with a conditional requirement, or ratings that are not whole
# numbers, goes the plain way.

_TABLE_OP, _CERT_OP, _GROUP_OP, _OTHER_OP, _ALT_OP = 0, 1, 2, 3, 4
_EDU = ("education",)  # where the education is read in a person's answers (see _answers): no rating id nor fact key is it

# What a tabled requirement's check adds to its level's counts, packed in one number of eight fields of _BITS bits, so
# that a level's counts are one sum (a level of more requirements than a field holds goes the plain way): each
# requirement met, short, missing; its evidence met, short, missing; evidence left blank, a rating or a size
# (tolerated like a small shortfall) or years of experience (the title cannot rest on it). See `fit`.
_BITS = 8  # a byte: a level's counts are read back with int.to_bytes
_FIELD = (1 << _BITS) - 1
_MET_1, _SHORT_1, _MISSING_1, _EV_MET_1, _EV_SHORT_1, _EV_MISSING_1, _OPEN_RATING_1, _OPEN_FACT_1 = (1 << _BITS * i for i in range(8))
_ADDS = {MET: _MET_1, SHORT: _SHORT_1, MISSING: _MISSING_1, UNKNOWN: 0}
_EV_ADDS = {MET: _EV_MET_1, SHORT: _EV_SHORT_1, MISSING: _EV_MISSING_1}
_CREDENTIAL, _RATING_OR_SIZE, _YEARS = 0, 1, 2  # what a tabled requirement is, for its counts (`blank` of _Table.add)


class _Table(dict):
    """The check of a requirement for an answer: (the requirement's number, the answer) -> (Check, what it adds to its
    level's counts), each made on first use. The answer is a rating (None: not answered); for a fact (have, its type,
    the certificate implying it, whether it is only a lower bound); for the education (rank, the certificate implying
    it, lower bound only)."""

    __slots__ = ("atoms",)

    def __init__(self):
        super().__init__()
        self.atoms: list[tuple] = []  # (requirement, what its rule needs: the rating steps or the fact's bounds, its sort)

    def add(self, atom: Atom, data, blank: int = _CREDENTIAL) -> int:
        self.atoms.append((atom, data, blank))
        return len(self.atoms) - 1

    def __missing__(self, key):  # the rules of `check`, once per requirement and answer
        (atom, data, blank), answer = self.atoms[key[0]], key[1]
        kind = atom.kind
        if kind == Kind.SKILL:
            have, need = answer, atom.need
            state = UNKNOWN if have is None else MET if have >= need else SHORT if not atom.gate and have >= need - data else MISSING
            got = _new(Check, (atom, state, have, None, MISSING if state == UNKNOWN else state))
        elif kind == Kind.FACT:
            have, _type, by, bound = answer
            if have is None:
                got = _new(Check, (atom, UNKNOWN, None, None, MISSING))
            elif have >= data[0]:
                got = _new(Check, (atom, MET, have, by, MET))
            elif bound:  # only a lower bound, and it does not reach the need
                got = _new(Check, (atom, UNKNOWN, None, None, MISSING))
            else:
                state = SHORT if not atom.gate and have >= data[1] else MISSING
                got = _new(Check, (atom, state, have, by, state))
        elif kind == Kind.SKILLS:  # any n of these ratings at r or more: the answer is their ratings, in order
            n, _ids, rating = atom.need
            met = sum(1 for r in answer if r is not None and r >= rating)
            unknown = answer.count(None)
            near = sum(1 for r in answer if r is not None and rating - data <= r < rating)
            low = MET if met >= n else SHORT if not atom.gate and met + near >= n else MISSING
            top = MET if met + unknown >= n else SHORT if not atom.gate and met + unknown + near >= n else MISSING
            got = _new(Check, (atom, _state(top, low), met, None, low))
        else:  # education
            have, by, bound = answer
            need = EDU_RANK[atom.need]
            if have is None:
                got = _new(Check, (atom, UNKNOWN, None, None, MISSING))
            elif have >= need:
                got = _new(Check, (atom, MET, EDUCATION[have], by, MET))
            elif bound:
                got = _new(Check, (atom, UNKNOWN, None, None, MISSING))
            else:
                state = SHORT if not atom.gate and have >= need - 1 else MISSING
                got = _new(Check, (atom, state, EDUCATION[have], by, state))
        state = got[1]
        adds = _ADDS[state]
        if blank != _CREDENTIAL:  # evidence
            adds += _EV_ADDS[state] if state != UNKNOWN else _OPEN_RATING_1 if blank == _RATING_OR_SIZE else _OPEN_FACT_1
        if len(self) > 100_000:  # facts of many different values (a large team): start again rather than grow
            self.clear()
        self[key] = pair = (got, adds)
        return pair


_CHECK, _ADDED = itemgetter(0), itemgetter(1)


class _Level(NamedTuple):
    """A level's requirements, for `_fit`: those tabled (ratings, facts and the education, none a gate) by their
    numbers in the ladder's _Table and what each reads in the person's answers (`_answers`), in the level's order;
    `others` the rest, one op each (see _tables)."""

    numbers: tuple
    reads: tuple
    others: tuple
    order: object  # itemgetter: the checks of the tabled requirements and `others`, in that order, back in the level's order
    evidence: int  # how many requirements are evidence
    allowed: int  # budget(tolerance, evidence)


def _tables(comp) -> tuple:
    """Each level of the compiled ladder `comp` as a _Level (None for a level with a conditional requirement, or more
    requirements than a count of _Table holds), the ladder's _Table, and the facts its tabled requirements read ((id,
    window) pairs)."""
    ladder = comp.ladder
    titled = ladder.framework is not None
    table = _Table()
    facts: dict = {}
    out = []
    for level in ladder.levels:
        if len(level.requires) > _FIELD or any(atom.when is not None for atom in level.requires):
            out.append(None)
            continue
        steps = level.tolerance.rating_steps
        numbers, reads, others, at = [], [], [], [[], []]
        for i, atom in enumerate(level.requires):
            kind = atom.kind
            if not atom.gate and kind in (Kind.SKILL, Kind.FACT, Kind.EDUCATION):
                if kind == Kind.SKILL:
                    numbers.append(table.add(atom, steps, _RATING_OR_SIZE))
                    reads.append(atom.key)
                elif kind == Kind.EDUCATION:
                    numbers.append(table.add(atom, None))
                    reads.append(_EDU)
                else:
                    fd = ladder.facts[atom.key]
                    bounds = (atom.need - 1e-9, atom.need * (1 - fd.tolerance) - 1e-9)
                    blank = _CREDENTIAL if fd.grows == "study" else _RATING_OR_SIZE if fd.grows == "role" else _YEARS
                    numbers.append(table.add(atom, bounds, blank))
                    reads.append((atom.key, atom.within))
                    facts[atom.key, atom.within] = None
                at[0].append(i)
                continue
            sort = EVIDENCE if kind == Kind.SKILL else comp.sort(atom)
            paper = atom.gate or (sort == CERTIFICATE and titled)
            blank_is_experience = atom.gate or kind == Kind.ALT or (kind == Kind.FACT and ladder.facts[atom.key].grows != "role")
            soft = not atom.gate
            if kind == Kind.SKILL:
                op = (_TABLE_OP, atom, atom.key, table.add(atom, steps), None)
            elif kind in (Kind.CERT, Kind.CERTS):
                op = (_CERT_OP, atom, atom.key, (atom.need,) if kind == Kind.CERT else atom.need, None)
            elif kind == Kind.SKILLS:
                op = (_GROUP_OP, atom, atom.key, table.add(atom, steps if soft else 0), atom.need.ids)
            elif kind == Kind.ALT and soft:  # a one-of: each route's parts tabled like the level's own (see _alt)
                op = (_ALT_OP, atom, atom.key, tuple(tuple(_route_part(a, table, steps, facts, comp) for a in block)
                                                      for block in atom.need), None)
            else:
                op = (_OTHER_OP, atom, atom.key, None, None)
            others.append(op + (sort == EVIDENCE, paper, _OPEN_FACT_1 if blank_is_experience else _OPEN_RATING_1))
            at[1].append(i)
        place = [i for part in at for i in part]  # the level's requirement at each place of the checks as made
        order = None if place == sorted(place) else itemgetter(*(place.index(i) for i in range(len(place))))
        evidence = sum(1 for n in numbers if table.atoms[n][2] != _CREDENTIAL) + sum(1 for op in others if op[5])
        out.append(_Level(tuple(numbers), tuple(reads), tuple(others), order, evidence, budget(level.tolerance, evidence)))
    comp.fits = (out, table, tuple(facts))
    return comp.fits


def _answers(known: Known, facts: tuple) -> dict:
    """What the tabled requirements read of the person: each rating (by competency id), each fact (by id and window)
    and the education (by _EDU)."""
    fact_by, bound = known.fact_by, known.bound_only
    out = dict(known.profile.competencies)
    plain = known.facts
    for key, within in facts:
        have = plain.get(key) if within is None else known.fact(key, within)
        out[key, within] = (have, have.__class__, fact_by.get(key), key in bound)  # its type: 3 and 3.0 show apart
    out[_EDU] = (known.education, known.edu_by, "education" in bound)
    return out


def _fits(known: Known) -> tuple[Fit, ...]:
    """`fit(level, known)` for every level of the ladder, in its order: the compiled way."""
    comp = known.compiled
    levels, table, facts = comp.fits or _tables(comp)
    ratings = known.profile.competencies
    whole = {int}.issuperset(map(type, ratings.values()))  # every rating an int: the table is keyed on the rating, 3.0 would find 3's
    answers = _answers(known, facts)
    return tuple(fit(level, known) if t is None or not whole else _fit(level, t, known, ratings, answers, table)
                 for level, t in zip(comp.ladder.levels, levels))


def _fit(level: Level, t: _Level, known: Known, ratings: dict, answers: dict, table: _Table) -> Fit:
    """`fit` from the level's tables (see the comments of `fit` for the rules)."""
    pairs = list(map(table.__getitem__, zip(t.numbers, map(answers.get, t.reads))))
    counts = sum(map(_ADDED, pairs))  # packed: see _ADDS
    papers = could_papers = True
    if not t.others:
        checks = tuple(map(_CHECK, pairs))
    else:
        got = list(map(_CHECK, pairs))
        tol = level.tolerance
        for code, atom, key, x, y, evidence, paper, open_add in t.others:
            if code == _TABLE_OP:
                c = table[x, ratings.get(key)][0]
            elif code == _CERT_OP:
                options = tuple(filter(known.held.__contains__, x))
                if options:
                    stated = known.stated
                    by = None if any(map(stated.__contains__, options)) else _root(options[0], stated, known.compiled)
                    c = _new(Check, (atom, MET, options, by, MET))
                elif not known.certs_known:
                    c = _new(Check, (atom, UNKNOWN, None, None, MISSING))
                else:  # a certificate not held is never close, eligible or not
                    c = _new(Check, (atom, MISSING, (), None, MISSING))
            elif code == _GROUP_OP:  # any n of these ratings: looked up by the ratings answered
                c = table[x, tuple(map(ratings.get, y))][0]
            elif code == _ALT_OP:
                c, work_part = _alt(atom, x, known, tol, answers, table)
            else:
                c = check(atom, known, tol)
            got.append(c)
            state = c[1]
            counts += _ADDS[state]
            if paper:
                papers = papers and state == MET
                could_papers = could_papers and state != MISSING
            if evidence:
                if code == _ALT_OP:
                    state = work_part
                elif atom.kind == Kind.ALT:
                    state = _work_part(atom, known, tol)
                counts += _EV_ADDS.get(state, open_add)  # answered, else left blank
        checks = t.order(got) if t.order is not None else tuple(got)
    met, short, missing, ev_met, ev_short, ev_missing, open_ratings, open_facts = counts.to_bytes(8, "little")
    unknown = len(checks) - met - short - missing
    ev, allowed = t.evidence, t.allowed
    could_work = ev_missing == 0 and ev_short <= allowed
    if not ratings and ev > open_ratings:  # no rating answered at all: the title rests on the record alone
        open_ratings = sum(1 for c in checks if c[1] == UNKNOWN and c[0].kind == Kind.FACT and not c[0].gate)
    work = could_work and open_facts == 0 and ev_short + open_ratings <= allowed
    reached = papers if known.ladder.framework is not None else work and papers
    edge = allowed if reached and ev_short and ev_short + open_ratings == allowed else -1
    share = (ev_met + 0.5 * ev_short) / ev if ev else 1.0
    return _new(Fit, (level, checks, met, short, missing, unknown, reached, could_work and could_papers, work, share, edge, could_work))


_STATE = itemgetter(1)


def _route_part(atom: Atom, table: _Table, steps: int, facts: dict, comp) -> tuple:
    """A part of a one-of's route, for `_alt`: (its op, the part, what the op reads, its table number, evidence or not).
    A rating, a fact or the education is looked up in the ladder's _Table like a level's own; the rest goes by `check`."""
    kind, evidence = atom.kind, comp.sort(atom) == EVIDENCE
    if atom.when is None and kind == Kind.SKILL:
        return (_TABLE_OP, atom, atom.key, table.add(atom, steps), evidence)
    if atom.when is None and kind == Kind.FACT:
        share = comp.ladder.facts[atom.key].tolerance
        facts[atom.key, atom.within] = None
        return (_TABLE_OP, atom, (atom.key, atom.within), table.add(atom, (atom.need - 1e-9, atom.need * (1 - share) - 1e-9)), evidence)
    if atom.when is None and kind == Kind.EDUCATION:
        return (_TABLE_OP, atom, _EDU, table.add(atom, None), evidence)
    return (_OTHER_OP, atom, None, None, evidence)


_BY_RANK = (MISSING, SHORT, MET)  # a state from its _RANK
_BY_ORDER = (MISSING, SHORT, UNKNOWN, MET)  # a state from its _ORDER
_TOP_RANK = {state: _RANK[top] for state, top in _TOP.items()}  # the _RANK of a requirement at best


def _alt(atom: Atom, routes: tuple, known: Known, tol, answers: dict, table: _Table) -> tuple[Check, str]:
    """check(atom, known, tol) of a one-of that is not a gate, and `_work_part` of it, each part checked once
    (states compared by their _RANK and _ORDER)."""
    best, best_i, floor = (), None, 0
    work = 0
    for i, route in enumerate(routes):
        states, floors = [], []
        part = 3  # the route's evidence at its weakest (a route with none: met)
        for op, sub, read, n, evidence in route:
            c = table[n, answers.get(read)][0] if op == _TABLE_OP else check(sub, known, tol)
            states.append(c[1])
            floors.append(c[4])
            if evidence and _ORDER[c[1]] < part:
                part = _ORDER[c[1]]
        work = max(work, part)
        low = min(map(_RANK.__getitem__, floors))
        key = (min(map(_TOP_RANK.__getitem__, states)), low, states.count(MET) - len(states))
        if best_i is None or key > best:  # among equals, the route with most already met
            best, best_i = key, i
        floor = max(floor, low)
    return Check(atom, _state(_BY_RANK[best[0]], _BY_RANK[floor]), best_i, None, _BY_RANK[floor]), _BY_ORDER[work]


def _pick(fits, among, track: frozenset) -> tuple[int | None, tuple[int, ...]]:
    """The best of the levels `among` (rule 5): highest rank, then most evidence met, then the person's
    track; the others equal on all three are a true tie, settled by level id."""
    if not among:
        return None, ()
    keys = [(f.level.rank, f.share, f.level.id in track) for f in map(fits.__getitem__, among)]
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
        return self.fits[self.known.compiled.index[level_id]]

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
    fits = _fits(known)
    track = _track(ladder, profile.track)
    best_i, tied = _pick(fits, [i for i, f in enumerate(fits) if f.reached], track)
    best = ladder.levels[best_i] if best_i is not None else None
    fully = None
    if best is not None:
        on_the_way = [i for i, f in enumerate(fits) if f.reached and f.fully  # met in full, and the best fit or below it
                      and (i == best_i or best.id in comp.above(f.level.id))]
        fully_i, _ = _pick(fits, on_the_way, track)
        fully = ladder.levels[fully_i] if fully_i is not None else None
    rank = best.rank if best is not None else -1
    work_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f.work and f.level.rank > rank], track)
    hope_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f.could_reach and f.level.rank > rank], track)
    could = ladder.levels[hope_i] if best is not None and hope_i is not None else None
    nxt = tuple(comp.by_id[i] for i in best.next) if best else (ladder.levels[0],)
    matched = ladder.levels[work_i] if work_i is not None else None
    up_i = None
    if matched is not None:
        up_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f.could_work and not f.work and f.level.rank > matched.rank], track)
    return Assessment(ladder, profile, today, known, fits, best, fully, could, nxt, matched, tuple(ladder.levels[i] for i in tied),
                      ladder.levels[up_i] if up_i is not None else None)


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
    ladder, comp = a.ladder, a.known.compiled
    ids: list[str] = []
    if a.best is not None:
        ids.append(a.best.id)
    ends = [x for x in (a.could_be, target or (a.next[0] if a.next else None)) if x is not None]
    start = a.best.id if a.best else ladder.levels[0].id
    for upto in {lv.id: lv for lv in ends}.values():
        if a.best is None:
            ids.append(start)
        ids += comp.between(start, upto.id)
    found: dict[str, tuple[Check, list[str]]] = {}
    index, fits = comp.index, a.fits
    for level_id in sorted(dict.fromkeys(ids), key=comp.rank_and_id):
        f = fits[index[level_id]]
        if not f[5]:  # nothing unknown there
            continue
        for c in f[1]:
            if c[1] == UNKNOWN:
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
