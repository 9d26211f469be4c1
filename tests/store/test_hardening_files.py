"""Files pmladder writes and reads back (issue 17, items 7, 8 and part of 9).

- Exports (assess --export, plan -o, team -o) follow the umask; --force never loosens the file
  it replaces; private files (the pseudonym key) stay 0600 whatever the umask.
- The pseudonym key: made with 32 random bytes, refused (never used) when it is not
  hexadecimal or shorter than 16 bytes, from the key file (65) or PMLADDER_PSEUDONYM_KEY (2);
  the key is never shown.
- Temp files a killed write left behind (`.NAME.XXXXXXXX.tmp`) are swept by the next write into
  the same folder, and nothing else is.
- A damaged history is never written to: `history import` refuses with 65, `assess` prints the
  plan, skips recording with one note and exits 0; a read-only or full disk is 74, never 65.
  Messages name the file and never quote what is stored in it.

Everything runs for real: the CLI in this process with the umask set and restored, real SQLite
files damaged byte by byte, and (as root) real tmpfs mounts for a read-only and a full disk.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROFILES = REPO / "examples" / "profiles"
ME = PROFILES / "pmp-six-years.yaml"
LADDER = "pm-titles"
TODAY = "2026-03-01"
KEY_VAR = "PMLADDER_PSEUDONYM_KEY"
ANSWERS = "skip\n" + "\n" * 50  # the one question ME leaves open, then the review as it stands


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_line(result) -> str:
    """The single line a failure prints on stderr (asserted to be one)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- exports follow the umask -------------------------------------------------------------------

EXPORTS = {
    "assess --export": lambda out: ("assess", "--profile", ME, "-L", LADDER, "--today", TODAY, "--format", "json",
                                    "--export", out),
    "plan -o": lambda out: ("plan", "--profile", ME, "-L", LADDER, "--today", TODAY, "-o", out),
    "team -o": lambda out: ("team", PROFILES, "-L", LADDER, "--today", TODAY, "-o", out),
    "team --template -o": lambda out: ("team", "--template", "csv", "-o", out),
}


@pytest.mark.parametrize("mask", [0o077, 0o022, 0o027, 0o002])
@pytest.mark.parametrize("command", sorted(EXPORTS))
def test_an_export_follows_the_umask(command, mask, invoke, tmp_path):
    out = tmp_path / ("team.csv" if "template" in command else "out.md")
    with umask(mask):
        result = invoke(*EXPORTS[command](out))
    assert result.exit_code == 0, result.stderr
    assert mode_of(out) == 0o666 & ~mask
    assert out.stat().st_size > 0
    assert os.listdir(tmp_path) == [out.name]  # no temp file left


@pytest.mark.parametrize("command", sorted(EXPORTS))
@pytest.mark.parametrize(("old_mode", "mask", "expected"), [
    (0o600, 0o022, 0o600),  # a private report stays private
    (0o640, 0o022, 0o640),
    (0o644, 0o077, 0o600),  # a tighter umask tightens it
    (0o664, 0o022, 0o644),  # never wider than the umask allows either
    (0o755, 0o022, 0o644),  # and never executable
])
def test_force_never_loosens_the_file_it_replaces(command, old_mode, mask, expected, invoke, tmp_path):
    out = tmp_path / ("team.csv" if "template" in command else "out.md")
    out.write_text("old\n")
    os.chmod(out, old_mode)
    with umask(mask):
        refused = invoke(*EXPORTS[command](out))
        assert refused.exit_code == 73 and out.read_text() == "old\n" and mode_of(out) == old_mode
        result = invoke(*EXPORTS[command](out), "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_text() != "old\n"
    assert mode_of(out) == expected


# --- the pseudonym key ------------------------------------------------------------------------


def key_file() -> Path:
    from pmladder.store.keys import key_path

    return key_path()


def team_anonymised(invoke, out: Path, env: dict | None = None):
    return invoke("team", PROFILES, "-L", LADDER, "--today", TODAY, "--anonymise", "-o", out, env=env)


def test_a_new_key_is_random_private_and_stable(invoke, tmp_path):
    with umask(0):  # the most permissive umask: the key must still be private
        first = team_anonymised(invoke, tmp_path / "a.json")
    assert first.exit_code == 0, first.stderr
    key = key_file()
    text = key.read_text(encoding="ascii")
    assert len(text.strip()) == 64 and bytes.fromhex(text.strip()) and text.endswith("\n")
    assert mode_of(key) == 0o600
    assert mode_of(key.parent) == 0o700
    assert mode_of(tmp_path / "a.json") == 0o666  # the report follows the umask; the key does not
    second = team_anonymised(invoke, tmp_path / "b.json")
    assert second.exit_code == 0
    assert key.read_text(encoding="ascii") == text
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    assert "Priya" not in (tmp_path / "a.json").read_text()


BAD_KEYS = {
    "empty": (b"", "it is empty"),
    "blank": (b" \n\n", "it is empty"),
    "two characters": (b"ab\n", "it is shorter than 32 hexadecimal characters"),
    "15 bytes": (b"a1" * 15 + b"\n", "it is shorter than 32 hexadecimal characters"),
    "not hex": (b"g" * 64 + b"\n", "it is not hexadecimal"),
    "a word": (b"correct horse battery staple correct horse\n", "it is not hexadecimal"),
    "odd length": (b"a" * 65 + b"\n", "it has an odd number of hexadecimal characters"),
    "not ascii": ("é".encode() * 40, "it is not hexadecimal"),
    "too long": (b"ab" * 2000, "it is longer than 1024 hexadecimal characters"),
}


@pytest.mark.parametrize("case", sorted(BAD_KEYS))
def test_a_bad_key_file_is_refused_with_65(case, invoke, tmp_path):
    content, why = BAD_KEYS[case]
    key = key_file()
    key.parent.mkdir(parents=True)
    key.write_bytes(content)
    out = tmp_path / "team.md"
    result = team_anonymised(invoke, out)
    assert result.exit_code == 65
    line = one_line(result)
    assert line == (f"pmladder: {key}: not a usable pseudonym key ({why}); move it away and the next"
                    " 'pmladder team --anonymise' makes a new one (every pseudonym then changes)")
    stripped = content.decode("utf-8", "replace").strip()
    if len(stripped) > 4:
        assert stripped[:8] not in line  # the key is never shown
    assert result.stdout == "" and not out.exists()
    assert key.read_bytes() == content  # left for the user to look at


def test_a_good_key_file_is_used_as_it_is(invoke, tmp_path):
    key = key_file()
    key.parent.mkdir(parents=True)
    key.write_text("AB" * 16 + "\r\n")  # 16 bytes, upper case, a Windows line end: fine
    assert team_anonymised(invoke, tmp_path / "a.json").exit_code == 0
    key.write_text("ab" * 16)
    assert team_anonymised(invoke, tmp_path / "b.json").exit_code == 0
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    key.write_text("cd" * 16)
    assert team_anonymised(invoke, tmp_path / "c.json").exit_code == 0
    assert (tmp_path / "c.json").read_text() != (tmp_path / "b.json").read_text()


@pytest.mark.parametrize(("value", "why"), [
    ("", "it is empty"),
    ("secret", "it is not hexadecimal"),
    ("abcd", "it is shorter than 32 hexadecimal characters"),
    ("0" * 31, "it is shorter than 32 hexadecimal characters"),
])
def test_a_bad_key_in_the_environment_is_a_usage_error(value, why, invoke, tmp_path):
    out = tmp_path / "team.md"
    result = team_anonymised(invoke, out, env={KEY_VAR: value})
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith(f"pmladder: {KEY_VAR} is not a usable pseudonym key ({why}); unset it to use the key in"
                           f" {key_file()}, or set it to a new one made with: python3 -c")
    if value:
        assert f"'{value}'" not in line and f" {value} " not in line
    assert not out.exists() and not key_file().exists()  # nothing made for a run that was refused


def test_a_key_in_the_environment_replaces_the_file(invoke, tmp_path):
    assert team_anonymised(invoke, tmp_path / "file.json").exit_code == 0
    env = {KEY_VAR: "5e" * 32}
    one = team_anonymised(invoke, tmp_path / "env1.json", env=env)
    two = team_anonymised(invoke, tmp_path / "env2.json", env=env)
    assert one.exit_code == two.exit_code == 0
    assert (tmp_path / "env1.json").read_text() == (tmp_path / "env2.json").read_text()
    assert (tmp_path / "env1.json").read_text() != (tmp_path / "file.json").read_text()


def test_a_key_that_cannot_be_read_is_66(invoke, tmp_path):
    key_file().mkdir(parents=True)
    result = team_anonymised(invoke, tmp_path / "team.md")
    assert result.exit_code == 66
    assert one_line(result) == f"pmladder: cannot read the pseudonym key {key_file()}: is a directory"


# --- temp files left by a killed write ------------------------------------------------------------

HOUR = 3600


def leftover(folder: Path, name: str, age: float, content: bytes = b"half a repo") -> Path:
    path = folder / name
    path.write_bytes(content)
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temps_of_the_file_written_are_swept(invoke, tmp_path):
    out = tmp_path / "team.md"
    stale = leftover(tmp_path, ".team.md.k2j4_9zq.tmp", 2 * HOUR)
    stale2 = leftover(tmp_path, ".team.md.aaaaaaaa.tmp", 30 * 24 * HOUR)
    keep = [
        leftover(tmp_path, ".team.md.abcd1234.tmp", 60),  # a run still writing it
        leftover(tmp_path, ".notes.md.abcd1234.tmp", 2 * HOUR),  # another file's: not ours to judge here
        leftover(tmp_path, ".team.md.tmp", 2 * HOUR),  # not pmladder's pattern
        leftover(tmp_path, "team.md.abcd1234.tmp", 2 * HOUR),
        leftover(tmp_path, ".team.md.ABCD1234.tmp", 2 * HOUR),
        leftover(tmp_path, ".team.md.abcd12345.tmp", 2 * HOUR),
    ]
    target = leftover(tmp_path, "precious.txt", 2 * HOUR, b"keep me")
    link = tmp_path / ".team.md.linklink.tmp"
    link.symlink_to(target)
    os.utime(link, (time.time() - 2 * HOUR,) * 2, follow_symlinks=False)
    folder = tmp_path / ".team.md.dirdirdi.tmp"
    folder.mkdir()
    os.utime(folder, (time.time() - 2 * HOUR,) * 2)
    result = invoke("team", PROFILES, "-L", LADDER, "--today", TODAY, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert not stale.exists() and not stale2.exists()
    assert all(p.exists() for p in keep)
    assert link.is_symlink() and target.read_bytes() == b"keep me" and folder.is_dir()


def test_stale_temps_in_pmladders_own_folder_are_swept_whatever_their_name(invoke, tmp_path):
    data = key_file().parent
    data.mkdir(parents=True)
    stale = leftover(data, ".profile.yaml.q1w2e3r4.tmp", 2 * HOUR)
    fresh = leftover(data, ".profile.yaml.t5y6u7i8.tmp", 10)
    other = leftover(data, "notes.txt", 2 * HOUR)
    assert team_anonymised(invoke, tmp_path / "team.md").exit_code == 0  # writes the key there
    assert not stale.exists() and fresh.exists() and other.exists()
    assert sorted(p.name for p in data.iterdir()) == sorted([fresh.name, other.name, key_file().name])


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_stale_temp_of_another_user_is_left_alone(invoke, tmp_path):
    theirs = leftover(tmp_path, ".team.md.zzzzzzzz.tmp", 2 * HOUR)
    os.chown(theirs, 4242, 4242)
    assert invoke("team", PROFILES, "-L", LADDER, "--today", TODAY, "-o", tmp_path / "team.md").exit_code == 0
    assert theirs.exists()


# --- a damaged history is never written to ---------------------------------------------------------


def history_file() -> Path:
    from pmladder.store.paths import history_path

    return history_path()


def seed_history(invoke) -> Path:
    for day in ("2025-01-10", "2025-04-10", "2025-07-10"):
        result = invoke("history", "import", ME, "-L", LADDER, "--date", day)
        assert result.exit_code == 0, result.stderr
    db = history_file()
    assert not Path(f"{db}-wal").exists()  # checkpointed and closed: the file is all there is
    return db


def damage_overflow_page(db: Path) -> None:
    """Point the newest stored plan's overflow chain at a page that does not exist: the summary
    columns still list, that plan cannot be read, and SQLite's own check finds it (the issue's case).
    The pointer broken is the row's own, to the first page of its chain, so a chain of one page
    (a snapshot fits in a few kilobytes) is broken as surely as a long one."""
    con = sqlite3.connect(db)
    try:
        path, first = con.execute("SELECT path, pageno FROM dbstat WHERE name = 'assessments' AND pagetype = 'overflow'"
                                  " AND path LIKE '%+000000' ORDER BY pageno DESC").fetchone()
        holder = con.execute("SELECT pageno FROM dbstat WHERE name = 'assessments' AND path = ?",
                             (path.split("+")[0][:-3],)).fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find an overflow page with")
    finally:
        con.close()
    data = bytearray(db.read_bytes())
    page = data[(holder - 1) * size: holder * size]
    pointer = first.to_bytes(4, "big")
    assert page.count(pointer) == 1, "the cell's pointer to its overflow chain is not found once"
    at = (holder - 1) * size + page.index(pointer)
    data[at:at + 4] = (0x7FFFFFF0).to_bytes(4, "big")
    db.write_bytes(bytes(data))


def random_pages(db: Path) -> None:
    """Random bytes over every page but the first (the header and schema stay readable)."""
    data = bytearray(db.read_bytes())
    rng = random.Random(17)
    data[4096:] = bytes(rng.randrange(256) for _ in range(len(data) - 4096))
    db.write_bytes(bytes(data))


def random_file(db: Path) -> None:
    db.write_bytes(random.Random(9).randbytes(db.stat().st_size))


def truncated(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


DAMAGE = {"overflow page": damage_overflow_page, "random pages": random_pages, "random bytes": random_file,
          "truncated": truncated}
READS = (["history"], ["history", "--format", "json"], ["progress", "-L", LADDER])


def assert_refusal(result, db: Path, code: int = 65) -> str:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    line = one_line(result)
    assert line.startswith(f"pmladder: {db}: "), line
    assert result.stdout == ""
    return line


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_history_is_never_written(how, invoke, tmp_path):
    db = seed_history(invoke)
    DAMAGE[how](db)
    before = db.read_bytes()
    line = assert_refusal(invoke("history", "import", ME, "-L", LADDER, "--date", "2025-10-10"), db)
    assert "move it away (mv " in line and line.endswith(" and pmladder will start a new history")
    assert "Priya" not in line
    for forget in (["history", "forget", "1"], ["history", "forget", "--all", "--yes"]):
        assert_refusal(invoke(*forget), db)
    # the reads may list what is readable, or refuse with one line; never anything else
    for args in READS:
        result = invoke(*args)
        if result.exit_code != 0:
            assert_refusal(result, db)
    # assess records implicitly: the plan is shown, recording is skipped with one note, exit 0
    asked = invoke("assess", "--profile", ME, "--ask", "-L", LADDER, "--today", TODAY, "--no-save", "--format", "json",
                   input=ANSWERS)
    assert asked.exit_code == 0  # --no-save: nothing is recorded, nothing said about the history
    saved = invoke("assess", "--profile", ME, "--ask", "-L", LADDER, "--today", TODAY, "--save", tmp_path / "me.yaml",
                   "--format", "json", input=ANSWERS)
    assert saved.exit_code == 0, saved.stderr
    assert saved.stdout.lstrip().startswith("{") and '"best_fit"' in saved.stdout
    notes = [ln for ln in saved.stderr.splitlines() if "note: history" in ln]
    assert len(notes) == 1 and notes[0].startswith(f"note: history not recorded: {db}: "), saved.stderr
    assert db.read_bytes() == before
    assert not Path(f"{db}-journal").exists()


def test_the_overflow_case_was_listable_and_is_now_refused_for_writes(invoke):
    """The issue's case exactly: listing works, progress refuses, and recording is refused too."""
    db = seed_history(invoke)
    damage_overflow_page(db)
    listed = invoke("history")
    assert listed.exit_code == 0 and "3 recorded" in listed.stdout
    assert_refusal(invoke("progress", "-L", LADDER), db)
    line = assert_refusal(invoke("history", "import", ME, "-L", LADDER, "--date", "2025-10-10"), db)
    assert line == (f"pmladder: {db}: the history database is damaged (SQLite's check of the file failed);"
                    f" move it away (mv {db} {db}.old) and pmladder will start a new history")
    os.rename(db, f"{db}.old")  # what the message says to do: then a new history starts
    fresh = invoke("history", "import", ME, "-L", LADDER, "--date", "2025-10-10")
    assert fresh.exit_code == 0 and fresh.stdout.startswith("Recorded assessment 1:")


def test_a_damaged_row_is_named_and_its_content_never_quoted(invoke):
    db = seed_history(invoke)
    con = sqlite3.connect(db)
    con.execute("UPDATE assessments SET recorded_at = 'Priya Raman, salary 150k' WHERE id = 2")
    con.execute("UPDATE assessments SET plan_json = '{\"name\": \"Priya Raman\", salary' WHERE id = 3")
    con.commit()
    con.close()
    line = assert_refusal(invoke("history"), db)
    assert line == (f"pmladder: {db}: assessment 2 is damaged (recorded_at is not an ISO timestamp);"
                    " forget it with 'pmladder history forget 2'")
    assert invoke("history", "forget", "2").exit_code == 0  # the cure the message names is a write: allowed
    line = assert_refusal(invoke("progress", "-L", LADDER), db)
    assert line == (f"pmladder: {db}: assessment 3 is damaged (plan_json is not valid JSON);"
                    " forget it with 'pmladder history forget 3'")
    assert "Priya" not in line and "salary" not in line


# --- a read-only or a full disk is 74 ------------------------------------------------------------


@pytest.fixture
def tmpfs(tmp_path, monkeypatch):
    """Mount a small tmpfs and make it pmladder's home: `mount(size)` returns its root."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            pytest.skip("mounting a real read-only or full file system needs root (chmod is no barrier to root)")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"mount is not permitted here: {done.stderr.decode(errors='replace').strip()}")
        mounted.append(point)
        monkeypatch.setenv("PMLADDER_HOME", str(point))
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_a_read_only_disk_lists_and_refuses_to_record_with_74(tmpfs, invoke, tmp_path):
    home = tmpfs("1m")
    db = seed_history(invoke)
    before = db.read_bytes()
    assert subprocess.run(["mount", "-o", "remount,ro", str(home)], capture_output=True).returncode == 0
    listed = invoke("history")
    assert listed.exit_code == 0, listed.stderr
    assert "3 recorded" in listed.stdout
    assert invoke("progress", "-L", LADDER, "--format", "json").exit_code == 0
    line = assert_refusal(invoke("history", "import", ME, "-L", LADDER, "--date", "2025-10-10"), db, 74)
    assert line == f"pmladder: {db}: cannot open the history database (read-only file system)"
    line = assert_refusal(invoke("history", "forget", "1"), db, 74)
    assert line == f"pmladder: {db}: cannot write the history database (read-only file system)"
    saved = invoke("assess", "--profile", ME, "--ask", "-L", LADDER, "--today", TODAY, "--save", tmp_path / "me.yaml",
                   "--format", "json", input=ANSWERS)
    assert saved.exit_code == 0 and '"best_fit"' in saved.stdout
    assert f"note: history not recorded: {db}: cannot open the history database (read-only file system)" in saved.stderr
    assert db.read_bytes() == before


def test_a_full_disk_is_74_and_leaves_the_history_as_it_was(tmpfs, invoke):
    home = tmpfs("512k")
    db = seed_history(invoke)
    before = db.read_bytes()
    fd = os.open(home / "filler", os.O_WRONLY | os.O_CREAT)
    try:  # fill every block left
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096):
                pass
    finally:
        os.close(fd)
    assert os.statvfs(home).f_bavail == 0
    line = assert_refusal(invoke("history", "import", ME, "-L", LADDER, "--date", "2025-10-10"), db, 74)
    assert line.endswith("the history database (the disk is full)")
    listed = invoke("history")
    assert listed.exit_code in (0, 74)  # SQLite may need room for its shared-memory file even to read
    if listed.exit_code:
        assert assert_refusal(listed, db, 74).endswith("(the disk is full)")
    (home / "filler").unlink()
    assert db.read_bytes() == before
    again = invoke("history", "import", ME, "-L", LADDER, "--date", "2025-10-10")
    assert again.exit_code == 0 and again.stdout.startswith("Recorded assessment 4:")
