"""What the team view keeps of each person, small: the same `Person`, its parts shared between people.

A team of 100,000 is kept whole for the text and Markdown reports (their figures are over
everyone). Most of a person's summary repeats from person to person: the ladder's requirements
(`Atom`), the steps that set a date, the gaps, the certificates held. `Keeper` hands back each
person with those parts replaced by one shared copy of each value seen before, so a person
costs its own name, file and the tuple that holds the rest (measured in bench/README.md).

Shared only when equal *and* of the same type (1, 1.0 and True are equal to Python but not in
a report), and only up to `LIMIT` values of each kind: a team whose values never repeat costs
what it cost before, plus a bounded table.

`pack` / `unpack`: the results of a helper process, pickled with the ladder's requirements
named by their place in the ladder (the helper and this process number them alike), so they
arrive as this process's own objects, not copies. Only our own results cross: nothing read
from a user's folder is unpickled.
"""

from __future__ import annotations

import io
import pickle
from sys import intern as _intern

from ..engine.types import Atom as _Atom, Kind

LIMIT = 1 << 15  # values kept of each kind
_PLAIN = frozenset((int, float, str, bool, type(None)))
_new = tuple.__new__


def ladder_atoms(ladder) -> list:
    """Every requirement of the ladder (alternatives and their parts, certificates' rules), in a fixed order."""
    out: list = []

    def walk(block) -> None:
        for atom in block:
            out.append(atom)
            if atom.kind == Kind.ALT:
                for route in atom.need:
                    walk(route)

    for level in ladder.levels:
        walk(level.requires)
    for cert in ladder.certs.values():
        for alt in cert.eligibility:
            walk(alt)
    return out


_ATOMS: list = []  # this process's ladder requirements, as `use` set them


def use(atoms: list) -> None:
    """The ladder's requirements (`ladder_atoms`) that pickled results name by position, in this process."""
    _ATOMS[:] = atoms


def _atom_at(i: int):
    return _ATOMS[i]


def atom_index(atoms: list) -> dict:
    """id(atom) -> (position, atom): the atom is kept beside its id, so a stale id is never taken for it."""
    return {id(a): (i, a) for i, a in enumerate(atoms)}


def pack(results: list, index: dict) -> bytes:
    """Results pickled with each of the ladder's requirements as its position (only atoms take this path)."""

    def atom(a):
        found = index.get(id(a))
        if found is not None and found[1] is a:
            return _atom_at, (found[0],)
        return _Atom, tuple(a)

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {_Atom: atom}
    pickler.dump(results)
    return buf.getvalue()


def unpack(data: bytes) -> list:
    return pickle.loads(data)


def _share(table: dict, key, value):
    """The value kept under `key`, else `value` (kept too while the table has room)."""
    got = table.get(key)
    if got is not None:
        return got
    if len(table) < LIMIT:
        table[key] = value
    return value


class Keeper:
    """Hands back a person (views.team.Person) with the parts it shares with people seen before shared."""

    def __init__(self) -> None:
        self.opens: dict = {}
        self.items: dict = {}
        self.pairs: dict = {}
        self.tuples: dict = {}

    def _tuple(self, items: tuple) -> tuple:
        """A tuple of shared parts, itself shared (keyed on its parts' identities: each is kept alive by the table)."""
        key = tuple(map(id, items))
        return _share(self.tuples, key, items)

    def _open(self, o):
        """An `Open` (atom, state, have): shared when its atom is the same object and `have` the same value and type."""
        have = o[2]
        t = type(have)
        if t is float:
            key = (id(o[0]), o[1], t, have if have else repr(have))  # 0.0 and -0.0 are equal, not printed alike
        elif t is int or t is str or have is None:
            key = (id(o[0]), o[1], t, have)
        else:
            return o
        return _share(self.opens, key, o)

    def _item(self, s):
        """An `Item` (a roadmap step as the report shows it)."""
        kind, key_, have, need, start, end, check = s
        if check is not None:
            return s
        th, tn = type(have), type(need)
        if th not in _PLAIN or tn not in _PLAIN or (th is float and not have) or (tn is float and not need):
            return s
        key = (kind, key_, th, have, tn, need, start, end)
        return _share(self.items, key, s)

    def _pair(self, pair):
        """(certificate, month or None), (question, atom): the second part by value and type, an atom by identity."""
        a, b = pair
        tb = type(b)
        if tb is float:
            return pair
        key = (a, tb, id(b) if tb is _Atom else b)
        return _share(self.pairs, key, pair)

    def _texts(self, items: tuple) -> tuple:
        return self._tuple(tuple(map(_intern, items))) if items else ()

    def _candidate(self, c):
        gap = c.gap and self._open(c.gap)
        c = c._replace(gap=gap) if gap is not c.gap else c
        if type(c.eta) is float or type(c.done) is float:
            return c
        key = ("candidate", c.level, type(c.eta), c.eta, c.there, c.answers, id(gap), type(c.done), c.done)
        return _share(self.pairs, key, c)

    def person(self, p):
        (source, name, best, fully, could_be, target, status, eta, limits, roles, answers, education, gaps, held, eligible,
         soon, planned, unknown, other_certs, label, warnings, current, current_text, current_hint, department, manager,
         succession, reviewed) = p
        tup, item, pair, texts = self._tuple, self._item, self._pair, self._texts
        if reviewed is not None:
            reviewed = tup((texts(reviewed[0]), texts(reviewed[1])))
        if succession:
            succession = tup(tuple(map(self._candidate, succession)))
        return _new(type(p), (
            source, name, best and _intern(best), fully and _intern(fully), could_be and _intern(could_be),
            target and _intern(target), _intern(status), eta,
            tup(tuple(map(item, limits))) if limits else (), tup(tuple(map(item, roles))) if roles else (),
            tup(answers) if answers else (), education, tup(tuple(map(self._open, gaps))) if gaps else (),
            texts(held), texts(eligible), tup(tuple(map(pair, soon))) if soon else (),
            tup(tuple(map(pair, planned))) if planned else (), tup(tuple(map(pair, unknown))) if unknown else (),
            texts(other_certs), label, warnings, current and _intern(current), current_text and _intern(current_text),
            current_hint and _intern(current_hint), department and _intern(department), manager and _intern(manager),
            succession, reviewed))
