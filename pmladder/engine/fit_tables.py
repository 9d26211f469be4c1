"""Placement's fast path: each level's requirements as tables, made once per ladder (issue 23, speed). Pure; no I/O.

`placement.fit` is the rule, written plainly; `_fits` gives exactly its result for every level of a ladder
(tests/engine/test_compiled_equivalence.py holds them equal), and `placement.Known.open_in` the plain checks of
certificates' rules, looked up here the same way. The tables live with the compiled ladder (engine/compiled.py).
"""

import math
from operator import itemgetter
from typing import NamedTuple

from .compiled import CERTIFICATE, EVIDENCE
from .placement import (_ORDER, _RANK, _TOP, MET, MISSING, SHORT, UNKNOWN, Check, Fit, Known, _new, _root, _state, budget,
                        fit)
from .types import EDU_RANK, EDUCATION, Atom, Kind, Level

# --- the fast path: each level's requirements as tables, made once per ladder ----------------------
#
# `placement.fit` is the rule, written plainly; `_fits` gives exactly its result for every level of a
# ladder (tests/engine/test_compiled_equivalence.py holds them equal) with what does not depend on
# the person worked out once: a rating requirement's check for each rating (a person's is a look-up),
# each requirement's sort and part in the title (rule 1), how much of a level is evidence and how
# many shortfalls it allows, and what a level's counts make of its Fit (`_tail`, once per level and
# counts). A level with a conditional requirement, a one-of that is a gate or has a part of another kind
# than a rating, a fact, the education or a certificate, and ratings that are not whole numbers, go the
# plain way.



class _Read:
    """Where something other than a rating is read in a person's answers (see _answers): a key no rating id is, hashed
    by identity (quicker than a tuple's hash, worked out on every look-up); one for each fact and window of a ladder."""

    __slots__ = ("what",)

    def __init__(self, what):
        self.what = what

    def __repr__(self) -> str:
        return f"_Read({self.what!r})"


_EDU = _Read("education")  # where the education is read
_HELD = _Read("certifications")  # where the certificates held are read: (held, stated, whether the question was answered)
_MORE = _Read("rules")  # in a person's answers once the facts only certificates' rules read are in (`Known.open_in`)

# What a tabled requirement's check adds to its level's counts, packed in one number of twelve fields of _BITS bits, so
# that a level's counts are one sum (a level of more requirements than a field holds goes the plain way): each
# requirement met, short, missing; its evidence met, short, missing; evidence left blank, a rating or a size
# (tolerated like a small shortfall) or years of experience (the title cannot rest on it); a requirement of the
# title's papers (a gate, or an issuer's ladder's certificate) not met, and missing; a fact not a gate left blank
# (read only for a person who answered no rating: see `fit`); and whether the person answered no rating (added by
# `_fits`, not by a requirement). See `fit`.
_BITS = 5  # twelve fields in 60 bits: the counts and every sum of them fit a machine word, which `sum` adds without int objects
_FIELD = (1 << _BITS) - 1
(_MET_1, _SHORT_1, _MISSING_1, _EV_MET_1, _EV_SHORT_1, _EV_MISSING_1, _OPEN_RATING_1, _OPEN_FACT_1, _PAPER_OPEN_1,
 _PAPER_MISSING_1, _BLANK_FACT_1, _NO_RATINGS_1) = (1 << _BITS * i for i in range(12))
_ADDS = {MET: _MET_1, SHORT: _SHORT_1, MISSING: _MISSING_1, UNKNOWN: 0}
_EV_ADDS = {MET: _EV_MET_1, SHORT: _EV_SHORT_1, MISSING: _EV_MISSING_1}
_PAPER_ADDS = {MET: 0, SHORT: _PAPER_OPEN_1, UNKNOWN: _PAPER_OPEN_1, MISSING: _PAPER_OPEN_1 + _PAPER_MISSING_1}
_CREDENTIAL, _RATING_OR_SIZE, _YEARS = 0, 1, 2  # what a tabled requirement is, for its counts (`blank` of _Table.add)


class _Table:
    """The ladder's tables: one _Entry a requirement (of a level, of a one-of's route, of a certificate's rules)."""

    __slots__ = ("closures",)

    def __init__(self, closures: dict):
        self.closures = closures  # the ladder's certificates' closures (compiled.Compiled.closures), for _root

    def add(self, atom: Atom, data, blank: int = _CREDENTIAL, paper: bool = False) -> "_Entry":
        return _Entry(atom, data, blank, paper, self.closures)


class _Entry(dict):
    """The check of one requirement for an answer: the answer -> (Check, what it adds to its level's counts), each made
    on first use (read with dict.__getitem__, _LOOK). The answer is a rating (None: not answered); for a fact (have,
    its type, the certificate implying it, whether it is only a lower bound; None when not answered); for the
    education (rank, the certificate implying it, lower bound only); for a certificate requirement (held, stated,
    answered: see _HELD); for "any n of these ratings" their ratings; for a one-of the answers each part of its routes
    reads (see _flat). `data`: what its rule needs (the rating steps, the fact's bounds, the education's steps, the
    certificates, a one-of's routes); `blank`: its sort, for the counts; `paper`: a gate, or an issuer's certificate."""

    __slots__ = ("atom", "data", "blank", "paper", "closures")

    def __init__(self, atom: Atom, data, blank: int, paper: bool, closures: dict):
        super().__init__()
        self.atom, self.data, self.blank, self.paper, self.closures = atom, data, blank, paper, closures

    def __missing__(self, answer):  # the rules of `check`, once per answer
        atom, data, blank, paper = self.atom, self.data, self.blank, self.paper
        kind = atom.kind
        ev_state = None  # a one-of's evidence: its routes' experience (`_work_part`), not its state
        if kind == Kind.SKILL:
            have, need = answer, atom.need
            state = UNKNOWN if have is None else MET if have >= need else SHORT if not atom.gate and have >= need - data else MISSING
            got = _new(Check, (atom, state, have, None, MISSING if state == UNKNOWN else state))
        elif kind == Kind.FACT:
            have, _type, by, bound = answer or (None, None, None, False)  # None: not answered, nor implied (_read_facts)
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
        elif kind in (Kind.CERT, Kind.CERTS):  # the options are `data`
            held, stated, certs_known = answer
            options = tuple(c for c in data if c in held)
            if options:
                by = None if any(c in stated for c in options) else _root(options[0], stated, self)
                got = Check(atom, MET, options, by, MET)
            elif not certs_known:
                got = Check(atom, UNKNOWN, None, None, MISSING)
            else:  # a certificate not held is never close, eligible or not
                got = Check(atom, MISSING, (), None, MISSING)
        elif kind == Kind.ALT:  # as `check` of a one-of: each route (its parts' entries, evidence or not, its answer's place in `answer`)
            best, best_i, floor, work = (), None, 0, 0
            for i, route in enumerate(data):
                states, floors = [], []
                part = 3  # the route's evidence at its weakest (a route with none: met)
                for entry, evidence, j in route:
                    c = entry[answer[j]][0]
                    states.append(c[1])
                    floors.append(c[4])
                    if evidence and _ORDER[c[1]] < part:
                        part = _ORDER[c[1]]
                work = max(work, part)
                low = min(map(_RANK.__getitem__, floors))
                rank = (min(map(_TOP_RANK.__getitem__, states)), low, states.count(MET) - len(states))
                if best_i is None or rank > best:  # among equals, the route with most already met
                    best, best_i = rank, i
                floor = max(floor, low)
            got = Check(atom, _state(_BY_RANK[best[0]], _BY_RANK[floor]), best_i, None, _BY_RANK[floor])
            ev_state = _BY_ORDER[work]
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
                state = SHORT if not atom.gate and have >= need - data else MISSING  # `data`: steps below that are close
                got = _new(Check, (atom, state, EDUCATION[have], by, state))
        state = got[1]
        adds = _ADDS[state]
        if blank != _CREDENTIAL:  # evidence
            ev = state if ev_state is None else ev_state
            adds += _EV_ADDS[ev] if ev != UNKNOWN else _OPEN_RATING_1 if blank == _RATING_OR_SIZE else _OPEN_FACT_1
        if paper:
            adds += _PAPER_ADDS[state]
        if state == UNKNOWN and kind == Kind.FACT and not atom.gate:
            adds += _BLANK_FACT_1
        if len(self) > 10_000:  # facts of many different values (a large team): start again rather than grow
            self.clear()
        self[answer] = pair = (got, adds)
        return pair


_CHECK, _ADDED = itemgetter(0), itemgetter(1)
_LOOK = dict.__getitem__  # an _Entry's check for an answer (its __missing__ makes it)


class _Level(NamedTuple):
    """A level's requirements, for `_fits`: their entries in the ladder's _Table and what each reads in the person's
    answers (`_answers`), in the level's order (see _flat)."""

    entries: tuple
    reads: tuple
    evidence: int  # how many requirements are evidence
    allowed: int  # budget(tolerance, evidence)
    tails: dict  # a level's counts (packed) -> what its Fit says after the checks, for a person with some rating (`_tail`)


def _tables(comp) -> tuple:
    """Each level of the compiled ladder `comp` as a _Level (None for a level with a conditional requirement, a
    requirement of a kind not tabled (see _flat), or more requirements than a count of _Table holds), the ladder's
    _Table, the facts its tabled requirements read (((id, window), _Read) pairs) and the reads made of other reads (`_answers`)."""
    ladder = comp.ladder
    titled = ladder.framework is not None
    table = _Table(comp.closures)
    facts: dict = {}
    composite: dict = {}  # the reads made of other reads (see _flat), in the order made
    out = []
    for level in ladder.levels:
        if len(level.requires) > _FIELD or any(atom.when is not None for atom in level.requires):
            out.append(None)
            continue
        flat = _flat(level, comp, table, facts, composite, titled)
        if flat is None:  # a requirement of a kind not tabled: the plain way
            out.append(None)
            continue
        entries, reads, evidence = flat
        out.append(_Level(entries, reads, evidence, budget(level.tolerance, evidence), {}))
    rules, rule_facts = _rules(comp, table, facts)
    comp.fits = (out, table, tuple(facts.items()), tuple(composite.items()), rules, rule_facts)
    return comp.fits


def _flat(level: Level, comp, table: _Table, facts: dict, composite: dict, titled: bool) -> tuple | None:
    """A level whose every requirement is looked up in the ladder's _Table, its counts and its part in the title
    included (ratings, facts, the education, gates or not, certificates, "any n of these ratings", a one-of made of
    those that is not a gate): (its entries, what each reads of the person's answers, how many are evidence), in the
    level's order; None for a level with a requirement of another kind."""
    ladder = comp.ladder
    steps = level.tolerance.rating_steps
    entries, reads, evidence = [], [], 0
    for atom in level.requires:
        kind = atom.kind
        sort = EVIDENCE if kind == Kind.SKILL else comp.sort(atom)
        paper = atom.gate or (sort == CERTIFICATE and titled)
        if sort != EVIDENCE:
            blank = _CREDENTIAL
        elif atom.gate or kind == Kind.ALT or (kind == Kind.FACT and ladder.facts[atom.key].grows != "role"):
            blank = _YEARS  # experience left blank (years of a kind of work): the title cannot rest on it
        else:
            blank = _RATING_OR_SIZE  # a rating, or the size of what was run, left blank: tolerated like a small shortfall
        evidence += sort == EVIDENCE
        if kind == Kind.SKILLS:
            read = _Read(("any", tuple(atom.need.ids)))
            composite[read] = read.what[1]
            data = steps if not atom.gate else 0
        elif kind == Kind.ALT:
            if atom.gate:
                return None
            parts: dict = {}  # the reads of the routes' parts, each once
            routes = []
            for block in atom.need:
                route = []
                for sub in block:
                    part = _part(sub, steps, facts, comp)
                    if part is None:
                        return None
                    part_data, part_read = part
                    route.append((table.add(sub, part_data), comp.sort(sub) == EVIDENCE, parts.setdefault(part_read, len(parts))))
                routes.append(tuple(route))
            read = _Read(("alt", id(atom)))
            composite[read] = tuple(parts)
            data = tuple(routes)
        else:
            part = _part(atom, steps, facts, comp)
            if part is None:
                return None
            data, read = part
        entries.append(table.add(atom, data, blank, paper))
        reads.append(read)
    return tuple(entries), tuple(reads), evidence


def _part(atom: Atom, steps: int, facts: dict, comp) -> tuple | None:
    """A requirement looked up in the ladder's _Table by one answer (a rating, a fact, the education, the certificates
    held): (what its rule needs, what it reads of the person's answers); None for another kind."""
    kind = atom.kind
    if atom.when is not None:
        return None
    if kind == Kind.SKILL:
        return steps, atom.key
    if kind == Kind.FACT:
        share = comp.ladder.facts[atom.key].tolerance
        pair = atom.key, atom.within
        read = facts.get(pair) or facts.setdefault(pair, _Read(pair))
        return (atom.need - 1e-9, atom.need * (1 - share) - 1e-9), read
    if kind == Kind.EDUCATION:
        return 1, _EDU
    if kind in (Kind.CERT, Kind.CERTS):
        return ((atom.need,) if kind == Kind.CERT else tuple(atom.need)), _HELD
    return None


def _strict_part(atom: Atom, facts: dict, more: dict) -> tuple | None:
    """`_part` of `strict`'s check (met or not, no small shortfalls: nothing is close); a fact the levels do not read
    (not in `facts`) goes in `more`."""
    kind = atom.kind
    if atom.when is not None:
        return None
    if kind == Kind.SKILL:
        return 0, atom.key
    if kind == Kind.FACT:
        pair = atom.key, atom.within
        read = facts.get(pair) or more.get(pair) or more.setdefault(pair, _Read(pair))
        return (atom.need - 1e-9, math.inf), read
    if kind == Kind.EDUCATION:
        return 0, _EDU
    if kind in (Kind.CERT, Kind.CERTS):
        return ((atom.need,) if kind == Kind.CERT else tuple(atom.need)), _HELD
    return None


def _rules(comp, table: _Table, facts: dict) -> tuple[dict, tuple]:
    """The blocks of the certificates' rules and of one-ofs' routes whose requirements are all tabled, for
    `Known.open_in`: id(block) -> (block, their entries in `table`, what each reads); and the facts they read that the
    levels do not (((id, window), _Read) pairs)."""
    ladder = comp.ladder
    blocks = [block for info in ladder.certs.values() for block in info.eligibility]
    blocks += [block for lv in ladder.levels for atom in lv.requires if atom.kind == Kind.ALT for block in atom.need]
    more: dict = {}
    out = {}
    for block in blocks:
        parts = [_strict_part(atom, facts, more) for atom in block]
        if None not in parts:
            out[id(block)] = (block, tuple(table.add(atom, data) for atom, (data, _) in zip(block, parts)), tuple(read for _, read in parts))
    return out, tuple(more.items())


def _answers(known: Known, facts: tuple, composite: tuple) -> dict:
    """What the tabled requirements read of the person: each rating (by competency id), each fact (by id and window),
    the education (by _EDU), the certificates held (by _HELD), and the reads made of those (`composite`)."""
    out = dict(known.profile.competencies)
    _read_facts(known, facts, out)
    out[_EDU] = (known.education, known.edu_by, "education" in known.bound_only)
    out[_HELD] = (known.held, known.stated, known.certs_known)
    get = out.get
    for read, parts in composite:
        out[read] = tuple(map(get, parts))
    return out


def _read_facts(known: Known, facts: tuple, out: dict) -> None:
    """Each fact of `facts` (((id, window), _Read) pairs) the person answered (or a certificate implies) as the tables
    read it (the value, its type, the certificate implying it, whether it is only a lower bound), into `out` by its
    _Read."""
    fact_by, bound = known.fact_by, known.bound_only
    plain, last_year, year = known.facts, known.profile.last_year, known.today.year
    for (key, within), read in facts:
        have = plain.get(key)
        if have is None:  # not answered, nor implied by a certificate: read as None
            continue
        if within is not None:  # known.fact(key, within)
            cap = within  # less the years since the work stopped (`max(0, year - last)`), unless a certificate proves them
            if last_year and (last := last_year.get(key)) is not None and key not in fact_by and year > last:
                cap -= year - last
            if cap < have:  # `have = max(0.0, min(have, cap))` without two calls: the first of equals kept, as they do
                have = cap
            if not have > 0.0:
                have = 0.0
        # its type: 3 and 3.0 show apart; (most people hold no certificate that implies a fact: no `get` on an empty dict)
        out[read] = (have, type(have), fact_by.get(key) if fact_by else None, key in bound)


def _fits(known: Known) -> tuple[Fit, ...]:
    """`fit(level, known)` for every level of the ladder, in its order: the compiled way."""
    comp = known.compiled
    levels, table, facts, composite, _, _ = comp.fits or _tables(comp)
    ratings = known.profile.competencies
    whole = {int}.issuperset(map(type, ratings.values()))  # every rating an int: the table is keyed on the rating, 3.0 would find 3's
    answers = _answers(known, facts, composite)
    if whole:
        known.answers = answers  # for `open_in`: the certificates' rules looked up too
    titled = comp.ladder.framework is not None
    start = 0 if ratings else _NO_RATINGS_1
    out = []
    get = answers.get
    for level, t in zip(comp.ladder.levels, levels):
        if t is None or not whole:
            out.append(fit(level, known))
            continue
        # `fit` from the level's tables (see the comments of `fit` for the rules)
        pairs = list(map(_LOOK, t.entries, map(get, t.reads)))
        counts = sum(map(_ADDED, pairs), start)  # packed: see _ADDS
        tail = t.tails.get(counts)
        if tail is None:
            if len(t.tails) > 10_000:  # (a level's counts take few values; never grow without end)
                t.tails.clear()
            tail = t.tails[counts] = _tail(t, counts, len(pairs), titled)
        out.append(_new(Fit, (level, tuple(map(_CHECK, pairs))) + tail))  # (tuples joined: quicker than unpacking `tail` into a new one)
    return tuple(out)


def _tail(t: _Level, counts: int, total: int, titled: bool) -> tuple:
    """What a level of `total` requirements says in its Fit after its checks (met, short, missing, unknown, reached,
    could_reach, work, share, edge, could_work), from its counts (packed, see _ADDS)."""
    (met, short, missing, ev_met, ev_short, ev_missing, open_ratings, open_facts, paper_open, paper_missing, blank_facts,
     no_ratings) = (counts >> _BITS * i & _FIELD for i in range(12))
    unknown = total - met - short - missing
    ev, allowed = t.evidence, t.allowed
    could_work = ev_missing == 0 and ev_short <= allowed
    if no_ratings and ev > open_ratings:  # no rating answered at all: the title rests on the record alone
        open_ratings = blank_facts
    work = could_work and open_facts == 0 and ev_short + open_ratings <= allowed
    papers = paper_open == 0  # gates met and, on an issuer's ladder, certificates held
    reached = papers if titled else work and papers
    edge = allowed if reached and ev_short and ev_short + open_ratings == allowed else -1
    share = (ev_met + 0.5 * ev_short) / ev if ev else 1.0
    return (met, short, missing, unknown, reached, could_work and paper_missing == 0, work, share, edge, could_work)


_BY_RANK = (MISSING, SHORT, MET)  # a state from its _RANK
_BY_ORDER = (MISSING, SHORT, UNKNOWN, MET)  # a state from its _ORDER
_TOP_RANK = {state: _RANK[top] for state, top in _TOP.items()}  # the _RANK of a requirement at best
