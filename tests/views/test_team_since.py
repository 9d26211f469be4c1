"""The team over time (views/team_since.py): two real snapshot folders read and placed by `build_team`, compared once.

The "now" snapshot changes three people on purpose: Tom Becker takes a senior profile (and his name is
typed in capitals with extra spaces), Grace Mwangi gains the years of managing that held her back (she
moves up), and
one person leaves while one joins. Everyone else is unchanged, so nothing else may move.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from teamdata import write_org  # noqa: E402

from pmladder.inputs.team import find  # noqa: E402
from pmladder.views import team_since as ts  # noqa: E402
from pmladder.views.team import NOW, Request, build_team  # noqa: E402

THEN, NOW_DAY, SINCE = dt.date(2025, 6, 1), dt.date(2026, 6, 1), dt.date(2025, 12, 31)


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_snapshots(root: Path) -> tuple[Path, Path]:
    """root/2025-06-01 and root/2026-06-01 as described in the module docstring."""
    write_org(root / "2025-06-01")
    now = write_org(root / "2026-06-01")
    senior = _load(now["veteran"])
    tom = _load(now["junior-coordinator"]) if "junior-coordinator" in now else None
    assert tom is not None and tom["name"] == "Tom Becker"
    senior["name"] = "  TOM   becker "
    _save(now["junior-coordinator"], senior)
    grace_key = next(k for k, p in now.items() if _load(p).get("name") == "Grace Mwangi")
    grace = _load(now[grace_key])
    grace.setdefault("facts", {})["years_managing"] = 10
    _save(now[grace_key], grace)
    leaver = next(k for k, p in now.items() if _load(p).get("name") == "Katrin Vogel")
    now[leaver].unlink()
    _save(root / "2026-06-01" / "newcomer.yaml", {"name": "Nina New", "competencies": {"communication": 2}})
    return root / "2025-06-01", root / "2026-06-01"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    return make_snapshots(tmp_path_factory.mktemp("snapshots"))


def request(today: dt.date) -> Request:
    from pmladder.inputs.loader import load_library

    lib = load_library()
    return Request(lib.get("pmo-career").ladder, lib.vocabulary(), today)


def team_of(folder: Path, today: dt.date):
    return build_team(request(today), find([str(folder)])[0])


def since_between(then_folder: Path, now_folder: Path, anonymised: bool = False):
    then = team_of(then_folder, THEN)
    now = team_of(now_folder, NOW_DAY)
    return then, now, ts.compare(now.ladder, [(p, THEN) for p in then.people], now, SINCE, ts.FOLDERS, anonymised)


def test_who_moved_up_joined_left_and_got_readier_between_two_folders(snapshots):
    then, now, s = since_between(*snapshots)
    tom_then = next(p for p in then.people if p.name == "Tom Becker")
    tom_now = next(p for p in now.people if ts.name_key(p.name) == "tom becker")
    moved = {ts.name_key(m.name): (m.then, m.now) for m in s.moved_up}
    assert moved == {"tom becker": (tom_then.best, tom_now.best), "grace mwangi": ("project-coordinator", "junior-project-manager")}
    assert tom_then.best == "project-coordinator" and tom_now.best != tom_then.best
    assert s.joined == ("Nina New",) and s.left == ("Katrin Vogel",)
    assert s.matched == len(then.people) - 1 == len(now.people) - 1
    assert s.readier == ()  # a year on, with the experience in the files unchanged, nobody's date came earlier
    assert s.then == (THEN, THEN) and s.now == NOW_DAY and s.source == ts.FOLDERS


def test_gaps_closed_are_counted_only_where_something_changed(snapshots):
    _then, _now, s = since_between(*snapshots)
    closed = {(str(c.kind), c.key): c.people for c in s.closed}
    assert closed[("fact", "years_managing")] >= 1  # Grace's, at least
    # Nobody unchanged closes anything: years_program held back several people then and still does.
    assert ("fact", "years_program") not in closed
    assert sum(closed.values()) == sum(c.people for c in s.closed) > 0


def test_a_ready_by_month_that_came_earlier_is_readiness_gained(tmp_path):
    """A month apart, Sofia Lindqvist raises the two ratings that set her date: ready sooner for the same title."""
    write_org(tmp_path / "2025-06-01")
    now = write_org(tmp_path / "2025-07-01")
    key = next(k for k, p in now.items() if _load(p).get("name") == "Sofia Lindqvist")
    sofia = _load(now[key])
    sofia["competencies"].update(schedule=3, cost=3)
    _save(now[key], sofia)
    then_team, now_team = team_of(tmp_path / "2025-06-01", THEN), team_of(tmp_path / "2025-07-01", dt.date(2025, 7, 1))
    s = ts.compare(now_team.ladder, [(p, THEN) for p in then_team.people], now_team, THEN, ts.FOLDERS)
    assert [(g.name, g.target) for g in s.readier] == [("Sofia Lindqvist", "project-manager")]
    gain = s.readier[0]
    assert gain.now_by < gain.then_by and gain.then != NOW
    closed = {(str(c.kind), c.key): c.people for c in s.closed}
    assert closed == {("skill", "schedule"): 1, ("skill", "cost"): 1}
    assert s.moved_up == () and s.joined == () and s.left == ()


def test_spread_then_and_now_count_everyone_of_each_snapshot(snapshots):
    then, now, s = since_between(*snapshots)
    assert sum(n for _lv, n in s.spread_then) == len(then.people)
    assert sum(n for _lv, n in s.spread_now) == len(now.people)
    level = dict((lv.id if lv else None, n) for lv, n in s.spread_then)
    assert level["project-coordinator"] == sum(1 for p in then.people if p.best == "project-coordinator")


def test_a_team_compared_with_itself_shows_no_change(snapshots):
    then_folder, _now = snapshots
    team = team_of(then_folder, THEN)
    s = ts.compare(team.ladder, [(p, THEN) for p in team.people], team, SINCE, ts.FOLDERS)
    assert (s.moved_up, s.readier, s.closed, s.joined, s.left) == ((), (), (), (), ())
    assert s.matched == len(team.people)
    assert s.spread_then == s.spread_now


def test_anonymised_names_are_the_pseudonyms_of_the_report(snapshots, monkeypatch):
    monkeypatch.setenv("PMLADDER_PSEUDONYM_KEY", "ab" * 32)
    then, now, s = since_between(*snapshots, anonymised=True)
    shown = [m.name for m in s.moved_up] + [g.name for g in s.readier] + list(s.joined) + list(s.left)
    assert shown and all(name.startswith("Person ") for name in shown)
    from pmladder.views.team import fold

    report = fold(request(NOW_DAY)._replace(anonymise=True), list(now.people), now.files, ())
    assert set(s.joined) | {m.name for m in s.moved_up} <= {p.label for p in report.people}


@pytest.mark.parametrize("given, key", [("  Tom   BECKER ", "tom becker"), ("ＴＯＭ Becker", "tom becker"), ("李娜", "李娜"),
                                        ("", None), ("   ", None), (None, None)])
def test_names_match_whatever_their_case_width_and_spacing(given, key):
    assert ts.name_key(given) == key


def test_then_is_the_latest_snapshot_on_or_before_the_date(tmp_path):
    for name in ("2024-01-01", "2025-06-01", "2026-06-01", "notes", "2025-13-01"):
        (tmp_path / name).mkdir()
    (tmp_path / "2025-09-01.csv").write_text("name\n", encoding="utf-8")
    snaps = ts.dated_snapshots(tmp_path)
    assert [d.isoformat() for d, _p in snaps] == ["2024-01-01", "2025-06-01", "2025-09-01", "2026-06-01"]
    then, now = ts.pick(snaps, dt.date(2025, 6, 1))
    assert then[0] == dt.date(2025, 6, 1) and now[0] == dt.date(2026, 6, 1)  # the day itself counts
    assert ts.pick(snaps, dt.date(2025, 8, 31))[0][0] == dt.date(2025, 6, 1)
    assert ts.pick(snaps, dt.date(2023, 12, 31))[0] is None
    assert ts.dated_snapshots(tmp_path / "notes") == []
