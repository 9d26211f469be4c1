"""The shape of a ladder: ranks of its levels and the ways between them. Pure; no file order.

A level's rank is its grade: how high it stands, comparable across branches. A ladder may give
it (`rank` on a level); otherwise it is the number of steps on the longest way up from the
first level through `next`, so two branches that grow side by side rank alike.
"""

from __future__ import annotations


def ranks(first: str, nexts: dict[str, tuple[str, ...]], given: dict[str, int] | None = None) -> dict[str, int]:
    """The rank of every level reachable from `first` (the longest way up; `given` ranks win)."""
    given = given or {}
    order: list[str] = []
    seen: set[str] = set()

    def visit(node: str) -> None:  # depth-first, for an order in which every level comes after those below it
        if node in seen:
            return
        seen.add(node)
        for n in nexts.get(node, ()):
            visit(n)
        order.append(node)

    visit(first)
    out: dict[str, int] = {}
    for node in reversed(order):
        if node in given:
            out[node] = given[node]
        else:
            out.setdefault(node, 0)
        for n in nexts.get(node, ()):
            if n not in given:
                out[n] = max(out.get(n, 0), out[node] + 1)
    return out


def above(nexts, low: str) -> set[str]:
    """Every level reachable from `low` through `next` (`low` not included unless on a cycle)."""
    seen: set[str] = set()
    todo = [low]
    while todo:
        for n in nexts(todo.pop()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen
