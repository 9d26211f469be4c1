"""A ladder compiled once for placing many people: what the rules look up, worked out ahead. Pure; no I/O.

Placing and planning one person asks the same questions of a ladder again and again: where is
this level, which levels are above it, what does a certificate stand for, is this requirement
evidence or a credential. None of it depends on the person, so `of(ladder)` works it out once
per ladder (and keeps it while the ladder lives) and the placement and the roadmap read it:

- `index`, `nexts`, `up`: a level's place in the file, its `next` titles, every level above it;
- `closures`: for each certificate, the certificates it stands for (itself included);
- `sorts`: for each requirement (by identity), evidence, credential or certificate (rule 1 of
  `engine/placement.py`);
- `tracks`: the levels on a track or branch a person names (`placement._track`), as asked;
- `ways` (`between`): the levels above one level on the way to another (`placement.unknowns`), as asked;
- `asks`: the levels whose unknowns `placement.unknowns` lists, by the best fit, what answers could make it and the next
  title or target, as asked;
- `road`: the roadmap's own tables (engine/roadmap_tables.py), made on first use;
- `same`: each requirement of a certificate's rules or of a one-of's routes, with the first one written
  alike (`Known.strict` checks such requirements once a person).

The engine's rules stay written once, plainly (`placement.fit`, `implications.closure`,
`graph.above`); this module only remembers their answers about the ladder.
`tests/engine/test_compiled_equivalence.py` holds the fast path equal to them.
"""

from __future__ import annotations

from .graph import above
from .implications import closure
from .types import Kind, Ladder

EVIDENCE, CREDENTIAL, CERTIFICATE = 0, 1, 2


def sort_of(atom, ladder: Ladder) -> int:
    """Evidence of the work, a credential, or a certificate (the credential a title may not do without); rule 1."""
    kind = atom.kind
    if kind in (Kind.CERT, Kind.CERTS):
        return CERTIFICATE
    if kind == Kind.EDUCATION or (kind == Kind.FACT and ladder.facts[atom.key].grows == "study"):
        return CREDENTIAL
    if kind == Kind.ALT and not any(sort_of(a, ladder) == EVIDENCE for block in atom.need for a in block):
        return CREDENTIAL
    return EVIDENCE


class Compiled:
    """What the placement and the roadmap look up about one ladder (see the module's docstring)."""

    __slots__ = ("ladder", "index", "by_id", "nexts", "up", "closures", "sorts", "tracks", "fits", "ways", "same", "road", "order", "asks")

    def __init__(self, ladder: Ladder):
        self.ladder = ladder
        self.index = {lv.id: i for i, lv in reversed(tuple(enumerate(ladder.levels)))}  # the first of an id, as Ladder.index
        self.by_id = {lv_id: ladder.levels[i] for lv_id, i in self.index.items()}  # as Ladder.level
        self.nexts = {lv.id: lv.next for lv in ladder.levels}
        self.order = {lv_id: (level.rank, lv_id) for lv_id, level in self.by_id.items()}  # `rank_and_id` of each level
        self.up: dict[str, frozenset] = {}
        self.closures = {cert: frozenset(closure([cert], ladder)) for cert in ladder.certs}
        self.sorts: dict[int, tuple] = {}  # id(atom) -> (atom, sort): the atom kept, so its id stays its own
        self.tracks: dict = {}  # a track or level id a person named -> the level ids on it
        self.fits = None  # the per-level tables of placement's fast fit (fit_tables._tables), made on first use
        self.road = None  # the roadmap's tables (roadmap_tables.of), made on first use
        self.ways: dict[tuple, list] = {}  # (low, high) -> the level ids above `low` on the way to `high`, as asked
        self.asks: dict[tuple, tuple] = {}  # (best fit, could be, next or target) -> the level ids `placement.unknowns` reads
        # the requirements of certificates' rules and of one-of routes (the planner checks them), each by id -> (itself,
        # the first requirement equal to it): the rules of several certificates repeat the same requirements
        self.same: dict[int, tuple] = {}
        first: dict = {}
        blocks = [block for info in ladder.certs.values() for block in info.eligibility]
        blocks += [block for lv in ladder.levels for atom in lv.requires if atom.kind == Kind.ALT for block in atom.need]
        for atom in (atom for block in blocks for atom in block):  # equal as written: 8 and 8.0 are not the same answer shown
            self.same[id(atom)] = (atom, first.setdefault(repr(atom), atom))

    def above(self, level_id: str) -> frozenset:
        """Every level reachable from `level_id` through `next` (graph.above over the ladder's levels)."""
        got = self.up.get(level_id)
        if got is None:
            nexts = self.nexts
            got = self.up[level_id] = frozenset(above(lambda n: nexts[n], level_id))
        return got

    def between(self, low: str, high: str) -> list[str]:
        """The levels above `low` up to `high` (itself included, when above `low`), in the ladder's order."""
        got = self.ways.get((low, high))
        if got is None:
            up = self.above(low)
            got = self.ways[low, high] = [lv.id for lv in self.ladder.levels if lv.id in up and (lv.id == high or high in self.above(lv.id))]
        return got

    def rank_and_id(self, level_id: str) -> tuple:
        """The order of levels by rank, then id."""
        return self.order[level_id]

    def sort(self, atom) -> int:
        got = self.sorts.get(id(atom))
        if got is None or got[0] is not atom:
            got = self.sorts[id(atom)] = (atom, sort_of(atom, self.ladder))
        return got[1]

    def closure(self, certs) -> set[str]:
        """implications.closure of `certs` on this ladder."""
        out: set[str] = set()
        closures = self.closures
        for cert in certs:
            got = closures.get(cert)
            if got is not None:
                out |= got
        return out


_CACHE: dict[int, Compiled] = {}  # id(ladder) -> its compiled form (which holds the ladder, so the id stays its own)
_MOST = 64  # ladders kept compiled at once (a process places people on a handful; tests make many)


def of(ladder: Ladder) -> Compiled:
    """The compiled form of `ladder`, made on first use."""
    got = _CACHE.get(id(ladder))
    if got is not None and got.ladder is ladder:
        return got
    if len(_CACHE) >= _MOST:
        _CACHE.pop(next(iter(_CACHE)))
    got = _CACHE[id(ladder)] = Compiled(ladder)
    return got
