"""What the roadmap's planner looks up about a ladder, worked out once per ladder (issue 23, speed). Pure; no I/O.

The planner (engine/roadmap.py) asks of every person the same questions of the ladder: which certificates a
title asks for, which kinds of work it counts, how long a certificate's preparation is, how many months a
rating takes to rise from one point to another, the way from one title to another. None of it depends on the
person, so `of(compiled)` answers them once and keeps the answers with the compiled ladder (engine/compiled.py);
the planner only looks the person's facts up against them.
"""

from __future__ import annotations

import math

from .types import Kind

_CERTS = (Kind.CERT, Kind.CERTS)


class Tables:
    """The planner's per-ladder look-ups (see the module's docstring)."""

    __slots__ = ("certs_asked", "cert_needs", "fact_keys", "time_facts", "role_facts", "prep", "months", "paths", "acyclic", "skill_steps")

    def __init__(self, ladder):
        self.certs_asked: dict[str, frozenset] = {}  # level id -> the certificates its requirements name
        self.cert_needs: dict[str, tuple] = {}  # level id -> the certificate of each one-certificate requirement, in order
        self.fact_keys: dict[str, frozenset] = {}  # level id -> the facts its requirements ask for
        for lv in reversed(ladder.levels):  # the first level of an id, as Ladder.level finds it
            certs: set[str] = set()
            for atom in lv.requires:
                if atom.kind == Kind.CERT:
                    certs.add(atom.need)
                elif atom.kind == Kind.CERTS:
                    certs.update(atom.need)
            self.certs_asked[lv.id] = frozenset(certs)
            self.cert_needs[lv.id] = tuple(atom.need for atom in lv.requires if atom.kind == Kind.CERT and atom.need)
            self.fact_keys[lv.id] = frozenset(atom.key for atom in lv.requires if atom.kind == Kind.FACT)
        self.time_facts = frozenset(k for k, fd in ladder.facts.items() if fd.grows == "time")
        self.role_facts = frozenset(k for k in self.time_facts if ladder.facts[k].needs_role)  # years that count only in a role
        # a certificate's preparation in whole months (None: nominated for, not planned)
        self.prep = {cert: None if info.prep_months is None else int(math.ceil(info.prep_months - 1e-9))
                     for cert, info in ladder.certs.items()}
        self.months: dict[tuple, float] = {}  # (competency, rating, rating asked) -> months of the steps between, as asked
        self.paths: dict[tuple, tuple] = {}  # (best fit id or None, target id) -> roadmap.path_to, as asked
        self.skill_steps: dict[tuple, tuple] = {}  # (competency, rating reached, role_from) -> `skill_step`, as asked
        # no certificate's rules lead back to it through the certificates they ask for: an estimate never meets a
        # certificate it is already estimating, so what it has seen on the way (`seen`) never changes it
        self.acyclic = _acyclic({cert: _named(info.eligibility) & ladder.certs.keys() for cert, info in ladder.certs.items()})

    def rise(self, key: str, comp, have: int, need: int) -> float:
        """The months rating `key` (`comp`) takes from `have` to `need`, step after step (summed as the planner always did)."""
        key = (key, have, need)
        got = self.months.get(key)
        if got is None:
            got = self.months[key] = sum(comp.step_months(r) for r in range(have + 1, need + 1))
        return got


    def skill_step(self, key: str, comp, to: int, role_from: int) -> tuple:
        """The step raising rating `key` (`comp`) to `to`: its id, whether it grows with a role that asks for it (from
        the catalog's `role_from` up), and its months (whole)."""
        got = self.skill_steps[key, to, role_from] = (f"skill:{key}:{to}", comp.in_role(to, role_from),
                                                      int(math.ceil(comp.step_months(to) - 1e-9)))
        return got


def _named(blocks) -> set:
    """The certificates the requirements of `blocks` name, in one-ofs' routes too."""
    out: set = set()
    for block in blocks:
        for atom in block:
            if atom.kind == Kind.CERT:
                out.add(atom.need)
            elif atom.kind == Kind.CERTS:
                out.update(atom.need)
            elif atom.kind == Kind.ALT:
                out |= _named(atom.need)
    return out


def _acyclic(edges: dict) -> bool:
    """Whether the graph `edges` (node -> the nodes it leads to) has no cycle."""
    done: set = set()
    for root in edges:
        if root in done:
            continue
        on_path, stack = {root}, [(root, iter(edges[root]))]
        while stack:
            node, rest = stack[-1]
            nxt = next(rest, None)
            if nxt is None:
                stack.pop()
                on_path.discard(node)
                done.add(node)
            elif nxt in on_path:
                return False
            elif nxt not in done:
                on_path.add(nxt)
                stack.append((nxt, iter(edges[nxt])))
    return True


def of(comp) -> Tables:
    """The planner's tables of the compiled ladder `comp`, made on first use."""
    got = comp.road
    if got is None:
        got = comp.road = Tables(comp.ladder)
    return got
