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

from ..engine.types import Kind

LIMIT = 1 << 15  # values kept of each kind
_SIMPLE = (int, float, str, bool, type(None))


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


class _Pickler(pickle.Pickler):
    def __init__(self, file, index: dict):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.index = index

    def persistent_id(self, obj):
        if type(obj) is not str:  # most of what is pickled; an atom is never a str
            found = self.index.get(id(obj))
            if found is not None and found[1] is obj:
                return found[0]
        return None


def atom_index(atoms: list) -> dict:
    """id(atom) -> (position, atom): the atom is kept beside its id, so a stale id is never taken for it."""
    return {id(a): (i, a) for i, a in enumerate(atoms)}


def pack(results: list, index: dict) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, index).dump(results)
    return buf.getvalue()


def unpack(data: bytes, atoms: list) -> list:
    reader = pickle.Unpickler(io.BytesIO(data))
    reader.persistent_load = atoms.__getitem__
    return reader.load()


def _number_key(v):
    """A key that tells apart what a report prints differently: 1 and 1.0 and True, 0.0 and -0.0."""
    t = type(v)
    return (t, repr(v)) if t is float else (t, v)


class Keeper:
    """Hands back a person (views.team.Person) with the parts it shares with people seen before shared."""

    def __init__(self) -> None:
        self.tables: dict[str, dict] = {}

    def _shared(self, kind: str, key, value):
        table = self.tables.get(kind)
        if table is None:
            table = self.tables[kind] = {}
        got = table.get(key)
        if got is not None:
            return got
        if len(table) < LIMIT:
            table[key] = value
        return value

    def text(self, s):
        if type(s) is not str:
            return s
        return self._shared("str", s, s)

    def texts(self, items: tuple) -> tuple:
        if not items:
            return ()
        items = tuple(self.text(s) for s in items)
        return self._shared("texts", tuple(map(id, items)), items)

    def open(self, o):
        """An `Open` (atom, state, have)."""
        if o is None or type(o.have) not in _SIMPLE:
            return o
        return self._shared("open", (id(o.atom), o.state, _number_key(o.have)), o)

    def item(self, s):
        """An `Item` (a roadmap step as the report shows it)."""
        if s.check is not None or type(s.have) not in _SIMPLE or type(s.need) not in _SIMPLE:
            return s
        return self._shared("item", (s.kind, s.key, _number_key(s.have), _number_key(s.need), s.start, s.end), s)

    def many(self, kind: str, items: tuple, one) -> tuple:
        if not items:
            return ()
        items = tuple(one(x) for x in items)
        return self._shared(kind, tuple(map(id, items)), items)

    def dated(self, pair):
        """(certificate, month or None)."""
        cert, month = pair
        return self._shared("dated", (cert, type(month), month), pair)

    def question(self, pair):
        """(question, atom)."""
        return self._shared("question", (pair[0], id(pair[1])), pair)

    def candidate(self, c):
        gap = self.open(c.gap)
        c = c._replace(gap=gap) if gap is not c.gap else c
        return self._shared("candidate", (c.level, type(c.eta), c.eta, c.there, c.answers, id(gap), type(c.done), c.done), c)

    def person(self, p):
        text = self.text
        reviewed = p.reviewed
        if reviewed is not None:
            reviewed = self._shared("reviewed", (id(a := self.texts(reviewed[0])), id(b := self.texts(reviewed[1]))), (a, b))
        return p._replace(
            best=text(p.best), fully=text(p.fully), could_be=text(p.could_be), target=text(p.target), status=text(p.status),
            limits=self.many("items", p.limits, self.item), roles=self.many("items", p.roles, self.item),
            answers=self.many("atoms", p.answers, lambda a: a), gaps=self.many("opens", p.gaps, self.open),
            held=self.texts(p.held), eligible=self.texts(p.eligible), soon=self.many("dates", p.soon, self.dated),
            planned=self.many("dates", p.planned, self.dated), unknown=self.many("questions", p.unknown, self.question),
            other_certs=self.texts(p.other_certs), current=text(p.current), current_hint=text(p.current_hint),
            current_text=text(p.current_text), department=text(p.department), manager=text(p.manager),
            succession=self.many("candidates", p.succession, self.candidate), reviewed=reviewed)
