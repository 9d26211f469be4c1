"""Requirements rise along every `next` edge: whoever meets a level meets every level below it.

`falls(lower, upper, ladder)` lists the requirements of `lower` that meeting `upper` in full
does not guarantee. What a certification implies counts (IPMA-B stands for IPMA-C, PMP for
35 hours of training), so "IPMA-C or higher" below and "IPMA-B" above rise as they should.

Windows: `v` years within the last `W` guarantee `v - (W - w)` years within the last `w`
(at worst the years sit at the far end of the longer window), and `v` years in total; years
counted without a window say nothing about recent years. So "5 within the last 8" above
"3 within the last 6" rises, and "5 within the last 12" above "3 within the last 8" does not.

A requirement the upper level names in `drops` is not asked to rise. A conditional requirement
(one with `when`) below must be ensured by what the upper level asks of everyone, or asks under
the same condition; a conditional requirement above ensures nothing for everyone.
"""


from typing import NamedTuple

from .types import EDU_RANK, Atom, Kind, Ladder, atoms_of


def closure(certs, ladder: Ladder) -> set[str]:
    """The certifications `certs` stand for, themselves included."""
    out: set[str] = set()
    todo = list(certs)
    while todo:
        cert = todo.pop()
        if cert in out or cert not in ladder.certs:
            continue
        out.add(cert)
        todo.extend(ladder.certs[cert].implies.certs)
    return out


class Guarantee(NamedTuple):
    """What meeting a block in full guarantees about a person."""

    education: int
    facts: dict  # id -> list of (value, window or None), each one guaranteed
    certs: set  # held for sure (closure)
    cert_groups: list  # for each any-of: the closures of its options (one of them is held)
    skills: dict
    groups: list  # NOf requirements
    alts: list  # blocks of one_of requirements


def guarantee(block, ladder: Ladder) -> Guarantee:
    g = Guarantee(0, {}, set(), [], {}, [], [])
    edu = 0
    for atom in block:
        if atom.kind == Kind.EDUCATION:
            edu = max(edu, EDU_RANK[atom.need])
        elif atom.kind == Kind.FACT:
            _raise_fact(g.facts, atom.key, atom.need, atom.within)
        elif atom.kind == Kind.CERT:
            g.certs.update(closure([atom.need], ladder))
        elif atom.kind == Kind.CERTS:
            g.cert_groups.append([closure([c], ladder) for c in atom.need])
        elif atom.kind == Kind.SKILL:
            g.skills[atom.key] = max(g.skills.get(atom.key, 0), atom.need)
        elif atom.kind == Kind.SKILLS:
            g.groups.append(atom.need)
        else:
            g.alts.append(atom.need)
    # what the certifications held for sure imply
    for cert in g.certs:
        imp = ladder.certs[cert].implies
        if imp.education:
            edu = max(edu, EDU_RANK[imp.education])
        for key, value in imp.facts.items():
            _raise_fact(g.facts, key, value, None)
    # what every option of an any-of implies, at the least
    for options in g.cert_groups:
        edus = [max((EDU_RANK[ladder.certs[c].implies.education] for c in opt if ladder.certs[c].implies.education), default=0) for opt in options]
        edu = max(edu, min(edus, default=0))
    return g._replace(education=edu)


def _raise_fact(facts: dict, key: str, value: float, window) -> None:
    facts.setdefault(key, []).append((value, window))


def recent(value: float, window, within) -> float:
    """The years within the last `within` that `value` years within the last `window` guarantee."""
    if within is None:
        return value
    if window is None:
        return 0.0
    return value - max(0.0, window - within)


def guarantees(g: Guarantee, atom: Atom, ladder: Ladder) -> bool:
    """Does meeting the guaranteeing block in full meet `atom`?"""
    if g.alts:  # a person meets the block through one of the alternatives: every one must do
        rest = g._replace(alts=g.alts[1:])
        return all(guarantees(_merge(rest, guarantee(block, ladder)), atom, ladder) for block in g.alts[0])
    if atom.kind == Kind.EDUCATION:
        return g.education >= EDU_RANK[atom.need]
    if atom.kind == Kind.FACT:
        return any(recent(value, window, atom.within) >= atom.need - 1e-9 for value, window in g.facts.get(atom.key, ()))
    if atom.kind == Kind.CERT:
        return atom.need in g.certs or any(all(atom.need in opt for opt in options) for options in g.cert_groups)
    if atom.kind == Kind.CERTS:
        wanted = set(atom.need)
        return bool(g.certs & wanted) or any(all(opt & wanted for opt in options) for options in g.cert_groups)
    if atom.kind == Kind.SKILL:
        return g.skills.get(atom.key, 0) >= atom.need
    if atom.kind == Kind.SKILLS:
        n, ids, rating = atom.need
        if sum(g.skills.get(k, 0) >= rating for k in ids) >= n:
            return True
        return any(r >= rating and set(i) <= set(ids) and m >= n for m, i, r in g.groups)
    # a one-of below: one of its blocks must be met in full
    return any(all(guarantees(g, a, ladder) for a in block) for block in atom.need)


def _merge(a: Guarantee, b: Guarantee) -> Guarantee:
    facts = {key: list(pairs) for key, pairs in a.facts.items()}
    for key, pairs in b.facts.items():
        for value, window in pairs:
            _raise_fact(facts, key, value, window)
    skills = dict(a.skills)
    for key, value in b.skills.items():
        skills[key] = max(skills.get(key, 0), value)
    return Guarantee(max(a.education, b.education), facts, a.certs | b.certs, a.cert_groups + b.cert_groups,
                     skills, a.groups + b.groups, a.alts + b.alts)


def names_of(atom: Atom) -> tuple[str, ...]:
    """The names `drops` (and `gates`) may give a requirement: its id, or the part of the block it is."""
    kind = atom.kind
    if kind == Kind.EDUCATION:
        return ("education",)
    if kind == Kind.CERT:
        return (atom.need, "certifications")
    if kind == Kind.CERTS:
        return ("certifications", *atom.need)
    if kind == Kind.SKILLS:
        return ("any_competencies",)
    if kind == Kind.ALT:
        return (atom.label.text,) if atom.label is not None else ("one_of",)
    return (atom.key,)


def falls(lower, upper, ladder: Ladder, drops=()) -> list[tuple[tuple, str]]:
    """Requirements of `lower` that `upper` does not guarantee, each with where in `upper` and why; those `drops`
    names are not asked to rise."""
    always = tuple(a for a in upper if a.when is None)
    g = guarantee(always, ladder)
    out = []
    ups = {(a.kind, a.key): a for a in atoms_of(always)}
    dropped = set(drops)
    for atom in lower:
        if dropped.intersection(names_of(atom)):
            continue
        if atom.when is not None:
            if guarantees(guarantee(always + tuple(a for a in upper if a.when == atom.when), ladder), atom, ladder):
                continue
        elif guarantees(g, atom, ladder):
            continue
        if atom.kind == Kind.EDUCATION:
            have = next((a.need for a in upper if a.kind == Kind.EDUCATION), "none")
            out.append((("education",), f"education {have} < {atom.need}"))
        elif atom.kind == Kind.FACT:
            up = ups.get((Kind.FACT, atom.key))
            if up is not None and atom.within is not None and up.need >= atom.need:
                span = f"within the last {up.within:g} years" if up.within is not None else "in total"
                out.append((("facts", atom.key), f"facts.{atom.key}: {up.need:g} years {span} does not ensure "
                            f"{atom.need:g} within the last {atom.within:g}"))
            else:
                out.append((("facts", atom.key), f"facts.{atom.key} {up.need if up else 0:g} < {atom.need:g}"))
        elif atom.kind == Kind.SKILL:
            up = ups.get((Kind.SKILL, atom.key))
            out.append((("competencies", atom.key), f"competencies.{atom.key} {up.need if up else 0:g} < {atom.need:g}"))
        elif atom.kind == Kind.CERT:
            out.append((("certifications",), f"certification {atom.need} is no longer required (nor one that implies it)"))
        elif atom.kind == Kind.CERTS:
            out.append((("certifications",), "its certifications no longer imply one of " + ", ".join(atom.need)))
        elif atom.kind == Kind.SKILLS:
            n, ids, rating = atom.need
            out.append((("any_competencies",), f"it no longer asks for {n} of {', '.join(ids)} at {rating}"))
        elif atom.label is not None:
            out.append((("choices",), f"meeting it does not ensure the choice '{atom.label.text}' below"))
        else:
            out.append((("one_of",), "meeting it does not ensure one of the alternatives below (" + atom.key.removeprefix("one of: ") + ")"))
    return out
