"""The assessment history store: real SQLite files in tmp_path, never mocked."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pmladder.store import history as hist
from pmladder.store.history import Entry, HistoryError, UnknownAssessment, open_history

REPO = Path(__file__).resolve().parents[2]
posix_modes = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file modes")


def entry(day: str, ladder: str = "pmo-career", n: int = 0, **kw) -> Entry:
    fields = dict(
        recorded_at=f"{day}T09:{n % 60:02d}:00+00:00",
        assessed_on=day,
        ladder_id=ladder,
        ladder_version="3",
        profile={"name": f"person-{n}", "years_pm": n, "certs": ["capm"]},
        plan={"best_fit": "pm2", "steps": [{"to": "pm3", "months": 6}], "n": n},
        fit_met=n % 5,
        fit_total=5,
        best_fit="pm2",
        best_fit_title="Project Manager II",
        target="pm4",
        eta_months=12,
        source="assess",
    )
    fields.update(kw)
    return Entry(**fields)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def make_valid(path: Path, rows: int = 3, big: bool = False) -> None:
    """A closed, checkpointed pmladder history at `path`."""
    with open_history(path) as h:
        for i in range(rows):
            plan = {"blob": "x" * 6000, "i": i} if big else {"i": i}
            h.record(entry(f"2025-0{1 + i % 9}-15", n=i, plan=plan))
    assert not Path(str(path) + "-wal").exists()


# --- round trip, order, filters -------------------------------------------------------------


def test_round_trip_of_several_entries(db_path):
    entries = [
        entry("2025-01-10", n=1),
        entry("2025-04-02", ladder="pm-titles", n=2, best_fit=None, best_fit_title=None,
              target=None, eta_months=None, source="import:old.yaml"),
        entry("2025-09-30", n=3, profile={"name": "Zoë 李", "nested": {"a": [1, 2.5, None]}}),
    ]
    with open_history(db_path) as h:
        ids = [h.record(e) for e in entries]
        assert ids == sorted(ids) and len(set(ids)) == 3
        assert h.count() == 3
    with open_history(db_path) as h:  # reopened: nothing lost
        for i, e in zip(ids, entries):
            row = h.get(i)
            assert row.id == i
            assert row.assessed_on == dt.date.fromisoformat(e.assessed_on)
            assert row.recorded_at == dt.datetime.fromisoformat(e.recorded_at)
            assert row.profile == e.profile and row.plan == e.plan
            for name in ("ladder_id", "ladder_version", "best_fit", "best_fit_title", "target",
                         "fit_met", "fit_total", "eta_months", "source"):
                assert getattr(row, name) == getattr(e, name), name


def test_dates_may_be_objects(db_path):
    with open_history(db_path) as h:
        rid = h.record(entry("2025-01-01", recorded_at=dt.datetime(2025, 3, 1, 8, 30),
                             assessed_on=dt.date(2024, 12, 31)))
        row = h.get(rid)
    assert row.assessed_on == dt.date(2024, 12, 31)
    assert row.recorded_at == dt.datetime(2025, 3, 1, 8, 30)


def test_ordered_by_assessment_date_then_id(db_path):
    with open_history(db_path) as h:
        late = h.record(entry("2025-06-01", n=1))
        early = h.record(entry("2024-01-05", n=2))  # an import of an old profile
        same_day_a = h.record(entry("2025-03-03", n=3))
        same_day_b = h.record(entry("2025-03-03", n=4))
        assert [r.id for r in h.list()] == [early, same_day_a, same_day_b, late]
        assert h.latest().id == late
        assert h.latest(before=dt.date(2025, 6, 1)).id == same_day_b  # strictly before
        assert h.latest(before=dt.date(2024, 1, 5)) is None


def test_list_leaves_out_the_json_unless_asked(db_path):
    with open_history(db_path) as h:
        h.record(entry("2025-01-01", n=1))
        (row,) = h.list()
        assert row.profile is None and row.plan is None
        (row,) = h.list(with_data=True)
        assert row.profile["name"] == "person-1" and row.plan["n"] == 1
        assert h.latest(with_data=False).plan is None


def test_filters(db_path):
    with open_history(db_path) as h:
        a = h.record(entry("2025-01-01", "pmo-career", 1))
        b = h.record(entry("2025-02-01", "pm-titles", 2))
        c = h.record(entry("2025-03-01", "pmo-career", 3))
        d = h.record(entry("2025-04-01", "pmo-career", 4))
        ids = lambda rows: [r.id for r in rows]  # noqa: E731
        assert ids(h.list(ladder="pmo-career")) == [a, c, d]
        assert ids(h.list(ladder="pm-titles")) == [b]
        assert ids(h.list(ladder="nope")) == []
        assert ids(h.list(since=dt.date(2025, 2, 1))) == [b, c, d]  # inclusive
        assert ids(h.list(ladder="pmo-career", since=dt.date(2025, 2, 1))) == [c, d]
        assert ids(h.list(limit=2)) == [c, d]  # the most recent two, oldest first
        assert ids(h.list(ladder="pmo-career", limit=1)) == [d]
        assert ids(h.list(limit=0)) == []
        assert ids(h.list(limit=99)) == [a, b, c, d]
        assert h.count() == 4 and h.count("pm-titles") == 1
        assert h.latest("pm-titles").id == b
        assert h.latest("pmo-career", before=dt.date(2025, 4, 1)).id == c
        with pytest.raises(ValueError):
            h.list(limit=-1)
        with pytest.raises(TypeError):
            h.list(since="2025-01-01")


def test_bad_entries_are_refused_before_anything_is_written(db_path):
    with open_history(db_path) as h:
        for bad in (
            dict(assessed_on="2025-1-5"),
            dict(assessed_on="yesterday"),
            dict(recorded_at="noon"),
            dict(fit_met=-1),
            dict(fit_total=True),
            dict(ladder_id=""),
            dict(plan=["not", "a", "dict"]),
            dict(plan={"when": dt.date(2025, 1, 1)}),
            dict(profile={"x": float("nan")}),
        ):
            with pytest.raises((TypeError, ValueError)):
                h.record(entry("2025-01-01", **bad))
        assert h.count() == 0


# --- get, forget, forget_all ---------------------------------------------------------------


def test_get_of_an_unknown_id(db_path):
    with open_history(db_path) as h:
        h.record(entry("2025-01-01"))
        with pytest.raises(UnknownAssessment) as info:
            h.get(999)
        assert isinstance(info.value, LookupError)
        assert str(info.value) == f"no assessment with id 999 in {db_path}"


def test_forget_one(db_path):
    with open_history(db_path) as h:
        keep = h.record(entry("2025-01-01", n=1))
        gone = h.record(entry("2025-02-01", n=2, profile={"secret": "FORGET-ME-" + "q" * 40}))
        h.forget(gone)
        assert [r.id for r in h.list()] == [keep]
        with pytest.raises(UnknownAssessment):
            h.get(gone)
        with pytest.raises(UnknownAssessment):
            h.forget(gone)
        assert h.record(entry("2025-03-01", n=3)) > gone  # a forgotten id is never reused
    # secure_delete: the forgotten profile is not left in the file's free space
    assert b"FORGET-ME-" not in db_path.read_bytes()


def test_forget_all_leaves_no_trace_of_the_profiles(db_path):
    marker = "PERSONAL-" + "z" * 30
    with open_history(db_path) as h:
        for i in range(30):
            h.record(entry("2025-01-01", n=i, profile={"note": f"{marker}{i}", "pad": "p" * 3000},
                           plan={"blob": "b" * 7000}))
        assert h.count() == 30
        size_before = db_path.stat().st_size + _wal_size(db_path)
        assert h.forget_all() == 30
        assert h.count() == 0 and h.list() == []
        # checked while still open: the file and what is left of its WAL
        for f in (db_path, Path(f"{db_path}-wal")):
            if f.exists():
                assert marker.encode() not in f.read_bytes(), f
        assert db_path.stat().st_size + _wal_size(db_path) < size_before
        assert h.forget_all() == 0
        h.record(entry("2025-05-05"))  # still usable afterwards
        assert h.count() == 1
    assert marker.encode() not in db_path.read_bytes()


def _wal_size(db_path: Path) -> int:
    wal = Path(f"{db_path}-wal")
    return wal.stat().st_size if wal.exists() else 0


# --- files, folders, the empty view -----------------------------------------------------------


@posix_modes
def test_modes_0600_and_0700_even_with_a_permissive_umask(tmp_path):
    path = tmp_path / "new" / "pmladder" / "history.sqlite3"
    old = os.umask(0)
    try:
        with open_history(path) as h:
            h.record(entry("2025-01-01"))
            for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                assert f.exists(), f
                assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    finally:
        os.umask(old)
    assert path.parent.is_dir()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_folder_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "history.sqlite3"
    with open_history(path) as h:
        assert h.exists and h.count() == 0
    assert path.is_file()


def test_without_create_a_missing_file_is_an_empty_view(tmp_path):
    path = tmp_path / "nowhere" / "history.sqlite3"
    with open_history(path, create=False) as h:
        assert not h.exists
        assert h.count() == 0 and h.list() == [] and h.latest() is None
        assert h.forget_all() == 0
        with pytest.raises(UnknownAssessment):
            h.get(1)
        with pytest.raises(HistoryError) as info:
            h.record(entry("2025-01-01"))
        assert str(info.value) == (
            f"{path}: there is no history database here yet (it was opened without create)"
        )
    assert not path.parent.exists()  # nothing was created


def test_without_create_an_existing_file_is_opened(db_path):
    make_valid(db_path, rows=2)
    with open_history(db_path, create=False) as h:
        assert h.exists and h.count() == 2


def test_closed_history(db_path):
    h = open_history(db_path)
    h.close()
    h.close()  # twice is fine
    with pytest.raises(ValueError):
        h.count()


def test_a_folder_where_the_file_should_be(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    with pytest.raises(HistoryError) as info:
        open_history(path)
    assert str(info.value).startswith(f"{path}: cannot open the history database")


@posix_modes
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_that_cannot_be_written(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    path = locked / "sub" / "history.sqlite3"
    with pytest.raises(HistoryError) as info:
        open_history(path)
    assert str(info.value) == f"{path}: cannot create the history database (permission denied)"


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    path = tmp_path / "data" / "history.sqlite3"
    with pytest.raises(HistoryError) as info:
        open_history(path)
    assert str(info.value) == (
        f"{path}: cannot create the history database (a parent path is not a folder)"
    )


# --- two processes at once ---------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    from pmladder.store.history import Entry, open_history
    path, who, go = sys.argv[2], sys.argv[3], sys.argv[4]
    while not os.path.exists(go):
        time.sleep(0.001)
    with open_history(path) as h:
        for i in range(200):
            h.record(Entry(
                recorded_at=f"2025-01-01T00:00:{i % 60:02d}", assessed_on="2025-01-01",
                ladder_id=who, ladder_version="1", profile={"who": who, "i": i},
                plan={"pad": "p" * 2000, "i": i}, fit_met=i % 7, fit_total=7, source=who,
            ))
    """
)


def test_two_processes_recording_at_once(tmp_path):
    path = tmp_path / "data" / "history.sqlite3"  # neither finds a file: they race to create it
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(REPO), str(path), who, str(go)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for who in ("first", "second")
    ]
    time.sleep(0.3)  # both interpreters up and waiting
    go.touch()
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert err == ""
    with open_history(path) as h:
        assert h.count() == 400
        for who in ("first", "second"):
            rows = h.list(ladder=who, with_data=True)
            assert [r.profile["i"] for r in rows] == list(range(200))
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert con.execute("SELECT count(DISTINCT id) FROM assessments").fetchone() == (400,)
    finally:
        con.close()


# --- damaged, foreign and newer files ---------------------------------------------------------


def assert_refused(path: Path, *fragments: str) -> str:
    before = path.read_bytes()
    for create in (True, False):
        with pytest.raises(HistoryError) as info:
            open_history(path, create=create)
        message = str(info.value)
        assert message.startswith(f"{path}: "), message
        assert "\n" not in message
        for fragment in fragments:
            assert fragment in message, message
    assert path.read_bytes() == before  # untouched
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists()
    return message


def test_truncated_database(tmp_path):
    good = tmp_path / "good.sqlite3"
    make_valid(good, rows=40, big=True)
    data = good.read_bytes()
    assert len(data) > 20 * 4096
    cut = tmp_path / "history.sqlite3"
    cut.write_bytes(data[: len(data) // 2])
    message = assert_refused(cut, "damaged", "move it away")
    assert message == (
        f"{cut}: the history database is damaged (database disk image is malformed);"
        f" move it away (mv {cut} {cut}.old) and pmladder will start a new history"
    )


def test_random_bytes(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(os.urandom(8192))
    message = assert_refused(path)
    assert message == (
        f"{path}: not a pmladder history database (not an SQLite file);"
        f" move it away (mv {path} {path}.old) and pmladder will start a new history"
    )


def test_random_bytes_after_an_sqlite_header(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    assert_refused(path, "move it away")


def test_a_text_file(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_text("name: Alex\nyears: 4\n")
    assert_refused(path, "not an SQLite file")


def _foreign(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def test_another_programs_database(tmp_path):
    path = tmp_path / "history.sqlite3"
    _foreign(path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)",
             "INSERT INTO recipes (name) VALUES ('soup')")
    message = assert_refused(path)
    assert message == (
        f"{path}: not a pmladder history database (an SQLite database of another program,"
        f" with tables: recipes); move it away (mv {path} {path}.old) and pmladder will start a new history"
    )


def test_another_programs_database_with_its_own_application_id(tmp_path):
    path = tmp_path / "history.sqlite3"
    _foreign(path, "PRAGMA application_id = 1234", "PRAGMA user_version = 1")
    assert_refused(path, "another program", "application id 0x000004D2")


def test_foreign_database_even_with_an_assessments_table(tmp_path):
    path = tmp_path / "history.sqlite3"
    _foreign(path, "CREATE TABLE assessments (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 1")
    assert_refused(path, "another program", "with tables: assessments")


def test_a_newer_schema(db_path):
    make_valid(db_path)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    message = assert_refused(db_path)
    assert message == (
        f"{db_path}: written by a newer pmladder (history schema version 99; this pmladder"
        f" reads up to 2); upgrade pmladder, or move it away (mv {db_path} {db_path}.old) and pmladder will"
        " start a new history"
    )


def test_an_empty_sqlite_database_is_taken_over(tmp_path):
    path = tmp_path / "history.sqlite3"
    sqlite3.connect(path).close()  # 0 bytes: nothing in it yet
    with open_history(path) as h:
        h.record(entry("2025-01-01"))
        assert h.count() == 1


def test_hand_edited_rows(db_path):
    make_valid(db_path, rows=3)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE assessments SET plan_json = '{broken' WHERE id = 2")
    con.execute("UPDATE assessments SET profile_json = '[1, 2]' WHERE id = 3")
    con.commit()
    con.close()
    with open_history(db_path) as h:
        assert [r.id for r in h.list()] == [1, 2, 3]  # the summary does not read the JSON
        assert h.get(1).plan == {"i": 0}
        with pytest.raises(HistoryError) as info:
            h.get(2)
        assert str(info.value).startswith(
            f"{db_path}: assessment 2 is damaged (plan_json is not valid JSON);"
        )
        assert str(info.value).endswith("; forget it with 'pmladder history forget 2'")
        with pytest.raises(HistoryError, match="assessment 3 is damaged .profile_json is not a"):
            h.get(3)
        with pytest.raises(HistoryError, match="assessment 3 is damaged"):
            h.latest()
        with pytest.raises(HistoryError, match="assessment 2 is damaged"):
            h.list(with_data=True)
        h.forget(2)
        h.forget(3)
        assert [r.plan for r in h.list(with_data=True)] == [{"i": 0}]


def test_hand_edited_columns(db_path):
    make_valid(db_path, rows=2)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE assessments SET fit_met = 'lots' WHERE id = 1")
    con.execute("UPDATE assessments SET recorded_at = 'teatime' WHERE id = 2")
    con.commit()
    con.close()
    with open_history(db_path) as h:
        with pytest.raises(HistoryError, match="assessment 1 is damaged .fit_met is not a whole"):
            h.get(1)
        with pytest.raises(HistoryError, match=r"assessment 2 is damaged \(recorded_at is not an ISO timestamp\)") as info:
            h.get(2)
        assert "teatime" not in str(info.value)  # what is stored is never quoted
        with pytest.raises(HistoryError, match="assessment 1 is damaged"):
            h.list()  # listing names the first damaged row


# --- migrations --------------------------------------------------------------------------------


def _version(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("PRAGMA application_id").fetchone()[0],
                con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def test_a_new_file_is_at_the_current_version(db_path):
    open_history(db_path).close()
    assert hist.schema_version() == 2
    assert _version(db_path) == (hist.APPLICATION_ID, 2)


def test_migration_to_the_next_version(db_path, monkeypatch):
    make_valid(db_path, rows=3)
    assert _version(db_path)[1] == 2
    calls = []

    def m002_add_note(db):
        calls.append(db.in_transaction)
        db.execute("ALTER TABLE assessments ADD COLUMN note TEXT")
        db.execute("UPDATE assessments SET note = 'migrated'")

    monkeypatch.setattr(hist.schema, "MIGRATIONS", [*hist.MIGRATIONS, m002_add_note])
    with open_history(db_path) as h:
        assert calls == [True]  # ran once, inside the transaction
        assert h.count() == 3 and h.get(1).plan == {"i": 0}
        h.record(entry("2025-12-01"))
    assert _version(db_path)[1] == 3
    con = sqlite3.connect(db_path)
    migrated = con.execute("SELECT count(*) FROM assessments WHERE note = 'migrated'").fetchone()
    assert migrated == (3,)
    con.close()
    open_history(db_path).close()
    assert calls == [True]  # not again


def test_a_failing_migration_changes_nothing(db_path, monkeypatch):
    make_valid(db_path, rows=2)

    def m002_half_done(db):
        db.execute("CREATE TABLE extra (x)")
        db.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(hist.schema, "MIGRATIONS", [*hist.MIGRATIONS, m002_half_done])
    with pytest.raises(HistoryError) as info:
        open_history(db_path)
    assert str(info.value).startswith(
        f"{db_path}: cannot update the history database to schema version 3 (no such table"
    )
    monkeypatch.undo()
    assert _version(db_path)[1] == 2
    with open_history(db_path) as h:
        assert h.count() == 2
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchall() == []
    con.close()


def test_busy_database_gives_a_history_error(db_path, monkeypatch):
    make_valid(db_path, rows=1)
    monkeypatch.setattr(hist.schema, "BUSY_TIMEOUT_MS", 100)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with open_history(db_path) as h:
            assert h.count() == 1  # readers are not blocked in WAL mode
            with pytest.raises(HistoryError) as info:
                h.record(entry("2025-01-01"))
            assert str(info.value) == (
                f"{db_path}: the history database is busy (another pmladder held it for"
                " over 0.1 s); try again"
            )
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_module_is_import_light():
    code = (
        "import sys; import pmladder.store.history; "
        "heavy = ('rich', 'typer', 'pydantic', 'yaml', 'platformdirs'); "
        "bad = [m for m in heavy if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
