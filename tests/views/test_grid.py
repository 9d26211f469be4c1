"""The grid of a ladder (views/grid.py): one row per requirement, one column per title, and what changes at each step.

Held on the built-in ladders and on branching organisation ladders: every requirement of every level is in its
cell, a rise is marked exactly where the value rises (checked against the numbers themselves, not the rule that
marks them), the columns keep each pathway together, and `diff` of two titles lists exactly their differences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmladder.engine.types import EDU_RANK, Kind
from pmladder.inputs.library import load_library
from pmladder.views.grid import compare, diff, make_grid

ROOT = Path(__file__).resolve().parents[2]
DIRS = [ROOT / "examples" / "ladders", ROOT / "tests" / "org_ladders"]
BUILT_IN = ("pm-titles", "pmo-career", "pmo-sequence", "pmi-path", "ipma-levels")
BRANCHING = ("department-delivery", "org-a", "org-b", "contoso-ipma")
ALL = BUILT_IN + BRANCHING


@pytest.fixture(scope="module")
def lib():
    return load_library(DIRS)


def ladder_of(lib, lid):
    return lib.get(lid).ladder


def simple(atom) -> bool:
    """A requirement whose value is one number (or education) with no window or condition: the oracle below can judge it."""
    return atom.kind in (Kind.EDUCATION, Kind.FACT, Kind.SKILL) and atom.within is None and atom.when is None


def number(atom):
    return EDU_RANK[atom.need] if atom.kind == Kind.EDUCATION else atom.need


@pytest.mark.parametrize("lid", ALL)
def test_every_requirement_of_every_level_is_in_its_cell(lib, lid):
    ladder = ladder_of(lib, lid)
    grid = make_grid(ladder, None)
    assert [c.id for c in grid.columns] and sorted(c.id for c in grid.columns) == sorted(lv.id for lv in ladder.levels)
    for level in ladder.levels:
        cells = [row.cells[level.id] for row in grid.rows if level.id in row.cells]
        assert sorted(map(repr, (c.atom for c in cells))) == sorted(map(repr, level.requires)), level.id
        for cell in cells:
            atom = cell.atom
            if atom.kind == Kind.FACT:
                assert float(cell.text.split("+")[0].replace(",", "")) == atom.need, cell
            elif atom.kind == Kind.SKILL:
                assert f"{atom.need}" in cell.text, cell
            elif atom.kind == Kind.CERT:
                assert atom.need in cell.text
            elif atom.kind == Kind.CERTS:
                assert all(c in cell.text for c in atom.need)
            assert ("(gate)" in cell.text) == atom.gate, cell


@pytest.mark.parametrize("lid", ALL)
def test_a_rise_is_marked_exactly_where_the_value_rises(lib, lid):
    """For each number (years, team size, ratings, education) the change from the titles below is what the numbers say."""
    ladder = ladder_of(lib, lid)
    grid = make_grid(ladder, None)
    below = {lv.id: [b.id for b in ladder.levels if lv.id in b.next] for lv in ladder.levels}
    checked = 0
    for row in grid.rows:
        for lid_, cell in row.cells.items():
            if not simple(cell.atom):
                continue
            before = [row.cells[b].atom for b in below[lid_] if b in row.cells]
            if not below[lid_]:
                assert cell.change is None
                continue
            if not before:
                assert cell.change == "new", (row.id, lid_)
                continue
            if len(before) < len(below[lid_]):  # new on one way in
                assert cell.change in ("new", "rises", "changes"), (row.id, lid_)
                continue
            if any(b.gate != cell.atom.gate for b in before):
                continue
            highest = max(number(b) for b in before)
            lowest = min(number(b) for b in before)
            want = "rises" if number(cell.atom) > highest else "same" if number(cell.atom) == highest == lowest else (
                "eases" if number(cell.atom) <= lowest else None)
            if want is not None:
                assert cell.change == want, (row.id, lid_, [number(b) for b in before], number(cell.atom))
                checked += 1
    if lid in ("pm-titles", "pmo-career", "pmo-sequence", "department-delivery", "org-a"):
        assert checked > 5


def test_windows_gates_and_implied_certificates_rise(lib):
    """contoso-ipma: 5 years within the last 8 above 2 within the last 5 rises; IPMA-B above IPMA-C rises;
    the same route group that becomes nothing more stays the same."""
    ladder = ladder_of(lib, "contoso-ipma")
    rows = {row.id: row for row in make_grid(ladder, None).rows}
    managing = rows["fact:years_managing"].cells
    assert managing["senior-project-manager"].change == "rises"
    assert managing["senior-project-manager"].text == "5+ within the last 8 years"
    assert rows["cert:2"].cells["head-of-projects"].change == "rises"
    assert rows["cert:2"].cells["head-of-projects"].text == "IPMA-B"
    assert rows["cert:1"].cells["head-of-projects"].change == "same"
    gated = ladder.level("project-manager").requires[0]._replace(gate=False)
    assert compare(gated, gated._replace(gate=True), ladder) == "rises"
    assert compare(gated._replace(gate=True), gated, ladder) == "eases"


def test_dropped_requirements_are_named_and_a_requirement_carried_by_a_route_is_not(lib):
    grid = make_grid(ladder_of(lib, "department-delivery"), None)
    dropped = {row.id for row in grid.rows if "senior-responsible-owner" in row.dropped}
    # Programme grounding is not dropped: 5 years managing programmes meet its route of 3 programme years
    assert dropped == {"skill:methods", "skill:scope", "skill:schedule", "skill:cost", "alt:Practitioner qualification"}
    # pmi-path's Project Manager asks for education only inside its routes, every one of which ensures it
    pmi = make_grid(ladder_of(lib, "pmi-path"), None)
    assert not [row.id for row in pmi.rows if row.dropped]


def test_tracks_group_their_columns_and_branches_keep_together(lib):
    grid = make_grid(ladder_of(lib, "department-delivery"), None)
    assert [c.id for c in grid.columns] == ["delivery-officer", "project-manager", "senior-project-manager", "programme-manager",
                                            "senior-responsible-owner", "portfolio-analyst", "portfolio-office-manager",
                                            "head-of-portfolio-office"]
    assert [c.group for c in grid.columns] == [None] + ["delivery"] * 4 + ["portfolio"] * 3
    assert grid.groups == {"delivery": "Project and programme delivery", "portfolio": "Portfolio office"}
    # no tracks: each branch to its end, a level only after every level leading to it
    org = make_grid(ladder_of(lib, "org-a"), None)
    assert [c.id for c in org.columns] == ["project-engineer", "project-manager", "senior-project-manager", "head-of-delivery",
                                           "pmo-analyst", "portfolio-controller", "head-of-portfolio-office"]
    career = make_grid(ladder_of(lib, "pmo-career"), None)
    order = [c.id for c in career.columns]
    assert order.index("director-of-pmo") > max(order.index("program-manager"), order.index("pmo-manager"))
    assert next(c for c in career.columns if c.id == "director-of-pmo").after == ("program-manager", "pmo-manager")


@pytest.mark.parametrize("lid", ALL)
def test_diff_of_adjacent_titles_lists_exactly_the_differences(lib, lid):
    ladder = ladder_of(lib, lid)
    grid = make_grid(ladder, None)
    for low in ladder.levels:
        for high_id in low.next:
            d = diff(grid, low.id, high_id, ladder)
            at_low = {row.id: row.cells[low.id] for row in grid.rows if low.id in row.cells}
            at_high = {row.id: row.cells[high_id] for row in grid.rows if high_id in row.cells}
            assert {c.row for c in d.new} == at_high.keys() - at_low.keys()
            assert {c.row for c in d.dropped} == at_low.keys() - at_high.keys()
            both = at_low.keys() & at_high.keys()
            moved = [c.row for part in (d.rises, d.eases, d.changes, d.same) for c in part]
            assert sorted(moved) == sorted(both), "each requirement asked by both is in exactly one list"
            for c in d.rises + d.eases + d.changes:
                assert (c.before, c.after) == (at_low[c.row].text, at_high[c.row].text)
            for c in d.same:
                assert at_low[c.row].text == at_high[c.row].text
            for c in d.rises:  # where the grid compares with this one level only, it marks the same
                if ladder.level(high_id).next is not None and list(next(col for col in grid.columns if col.id == high_id).after) == [low.id]:
                    assert at_high[c.row].change == "rises"
            for part in (d.rises, d.eases, d.same):
                for c in part:
                    a, b = at_low[c.row].atom, at_high[c.row].atom
                    if simple(a) and simple(b) and a.gate == b.gate:
                        want = {d.rises: "rises", d.eases: "eases", d.same: "same"}[part]
                        got = "rises" if number(b) > number(a) else "eases" if number(b) < number(a) else "same"
                        assert got == want, (c, a, b)


def test_chinese_titles_and_names(lib):
    from pmladder import words

    words.use("zh")  # the english_words fixture speaks English again after the test
    grid = make_grid(ladder_of(lib, "pmo-sequence"), "zh")
    assert grid.columns[0].title == "初级项目协调员"
    names = {row.id: row.name for row in grid.rows}
    assert names["skill:organisation"] == "组织能力" and names["education"] == "学历"
