"""The ten-cell fit bar: what each cell says is true for every mix of met, close, missing and unanswered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmladder.render.report import BAR, bar_cells

counts = st.integers(min_value=0, max_value=40)


@given(counts, counts, counts, counts)
def test_every_bar_is_full_width_and_shows_only_what_is_there(met, short, missing, unknown):
    cells = bar_cells(met, short, missing, unknown)
    total = met + short + missing + unknown
    assert sum(cells) == (BAR if total else 0)
    for n, count in zip(cells, (met, short, missing, unknown)):
        assert (n > 0) == (count > 0)  # a missing cell only when something is missing, and so on
    assert (cells[0] == BAR) == (total > 0 and met == total)  # a full bar only when everything is met
    if total and met < total:
        assert cells[0] <= max(1, BAR * met // total)  # met rounds down (to one cell at least)


def test_the_report_draws_a_not_answered_cell_not_a_missing_one(invoke, tmp_path):
    """One rating left out: the bar shows a not-answered cell for it, never a missing one.

    12 of 15 met, 2 close, 1 not answered: no missing cell in the bar."""
    import yaml

    from personas import PERSONAS

    profile = dict(next(p for p in PERSONAS if p.key == "alex").profile)
    comps = dict(profile["competencies"])
    comps.pop(sorted(comps)[0])
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({**profile, "competencies": comps}), encoding="utf-8")
    out = invoke("assess", "--ladder", "pm-titles", "--profile", path, "--today", "2026-12-02").stdout
    rows = [line for line in out.splitlines() if "not answered" in line and "\u2588" in line]
    assert rows
    for line in rows:
        assert ("\u2591" in line) == ("missing" in line.split("\u2588")[-1]), line
