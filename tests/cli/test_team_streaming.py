"""`pmladder team` read the quick way and shared between processes gives the report the plain way gives.

The plain way, written out here: every file read by the full safe YAML reader (no quick reader, no
cache), each person summarised in this process one after the other, then folded and drawn. The
command (quick reader, chunks, one worker or two) must print the same bytes in every format; the
order cannot depend on which process finished first; a file that does not load is still named
FILE:LINE:COL; and Ctrl-C in the middle of a large run ends it with 130, no traceback, no
worker left behind and no report file begun.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from teamdata import write_org

LADDER = "pmo-career"
TODAY = "2026-11-22"
COPIES = 7  # 7 x 19 people: enough for two workers (one a 50)
SCRIPT = Path(sys.executable).with_name("pmladder")
BAD = {
    "broken.yaml": ("name: Broken\nfacts:\n  years_pm: [3\n", "4:1"),  # a flow list left open: the safe reader names the end of the file
    "rating.yaml": ("name: Over Rated\ncompetencies:\n  stakeholders: 9\n", "3:17"),  # read quickly, refused by the check
}


def big_team(folder: Path, copies: int = COPIES, bad: bool = True) -> Path:
    """The test organisation `copies` times over, one sub-folder a copy (names repeat: told apart by file)."""
    first = write_org(folder / "copy-00")
    for n in range(1, copies):  # the copies are hard links: the same bytes, a regular file each, one call a file
        sub = folder / f"copy-{n:02d}"
        sub.mkdir()
        for path in first.values():
            os.link(path, sub / path.name)
    if bad:
        for name, (text, _line) in BAD.items():
            bad_file = folder / "copy-00" / name
            bad_file.unlink(missing_ok=True)  # a new file: never written through a link into the copies
            bad_file.write_text(text, encoding="utf-8")
    return folder


def plain_team(folder: Path):
    """The team as the plain way reads it: the full reader, one person after the other, in this process."""
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import check
    from pmladder.inputs.team import find, read_bytes
    from pmladder.inputs.yamlsafe import DataError, parse_bytes
    from pmladder.views import team as vt
    import datetime as dt

    lib = load_library()
    loaded = lib.get(LADDER)
    req = vt.Request(loaded.ladder, lib.vocabulary(), dt.date.fromisoformat(TODAY), origin=loaded.origin,
                     role_from=lib.catalog.role_ratings_from, lang=None)
    ctx = vt._context(req)
    sources, empty = find([str(folder)])
    results = []
    for src in sources:
        try:
            profile = check(parse_bytes(read_bytes(src.path, src.shown), src.shown), lib.vocabulary())
            results.append(vt.summarise(profile, src.shown, ctx))
        except DataError as exc:
            results.append(vt.Skipped(src.shown, tuple(exc.problems)))
    return vt.fold(req, results, len(sources), tuple(empty), 1)


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory) -> Path:
    return big_team(tmp_path_factory.mktemp("streamed"))


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_the_report_is_the_plain_reading_byte_for_byte(invoke, team_dir, fmt):
    from pmladder.render.registry import renderer

    want = renderer("team", fmt).draw(plain_team(team_dir))
    for workers in ("1", "2"):
        result = invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY, "--format", fmt, "--workers", workers)
        assert result.exit_code == 65, result.stderr
        got = result.stdout_bytes.decode("utf-8")
        assert got.rstrip("\r\n") == want.rstrip("\r\n"), f"{fmt} with {workers} worker(s) differs from the plain reading"
        assert len(got) > 5000


def test_the_text_report_is_the_plain_reading_byte_for_byte(invoke, team_dir):
    from pmladder.render.registry import renderer
    from pmladder.render.terminal import make_console

    buffer = io.StringIO()
    renderer("team", "text").draw(make_console(file=buffer), plain_team(team_dir))
    for workers in ("1", "2"):
        result = invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY, "--workers", workers)
        assert result.exit_code == 65
        assert result.stdout == buffer.getvalue(), f"text with {workers} worker(s) differs from the plain reading"


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_one_worker_and_two_print_the_same_bytes(invoke, team_dir, fmt):
    runs = [invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY, "--format", fmt, "--workers", n) for n in ("1", "2", "2")]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert {r.exit_code for r in runs} == {65}


def test_bad_files_are_named_with_file_and_line_whichever_process_read_them(invoke, team_dir):
    for workers in ("1", "2"):
        result = invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY, "--format", "csv", "--workers", workers)
        assert result.exit_code == 65
        for name, (_text, line) in BAD.items():
            shown = str(team_dir / "copy-00" / name)
            rows = [r for r in result.stdout.splitlines() if shown in r]
            assert len(rows) == 1 and '"skipped"' in rows[0], rows
            assert f"{shown}:{line}:" in rows[0], rows[0]
        assert "skipped 2 of" in result.stderr


# the order of the chunks' results is the order of the units, whichever process ran them

def _pids(chunk, _ctx):
    time.sleep(0.002 * (len(chunk) % 3))  # chunks finish out of order
    return [(u, os.getpid()) for u in chunk]


def _no_setup(_req) -> None:
    return None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper processes are forked")
def test_two_workers_share_the_units_and_keep_their_order():
    from pmladder.views.team_stream import place

    units = list(range(3001))
    seen_progress = []
    out = place(None, units, 2, lambda done, total: seen_progress.append((done, total)), _pids, _no_setup)
    assert [u for u, _pid in out] == units
    pids = {pid for _u, pid in out}
    assert os.getpid() in pids and len(pids) == 2  # this process and one helper both did a share
    assert seen_progress[-1] == (3001, 3001)
    assert [d for d, _t in seen_progress] == sorted(d for d, _t in seen_progress)


# --- Ctrl-C ----------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _gone(pgid: int, within: float = 10.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def large_team(tmp_path_factory) -> Path:
    """9,500 people: placing them takes a while on any machine. Written once for the module (9,500 files):
    the runs only read it."""
    return big_team(tmp_path_factory.mktemp("large") / "team", copies=500, bad=False)


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="watches the workers through /proc")
@pytest.mark.parametrize("to", ["process", "group"])
def test_ctrl_c_in_a_large_run_exits_130_and_writes_nothing(tmp_path, large_team, to):
    folder = large_team
    out = tmp_path / "report.csv"
    env = {**os.environ, "NO_COLOR": "1", "PMLADDER_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([str(SCRIPT), "team", str(folder), "--ladder", LADDER, "--today", TODAY, "--workers", "2", "-o", str(out)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        end = time.monotonic() + 60
        while not _children(proc.pid) and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.01)  # the helper is forked when the placing starts
        time.sleep(0.1)
        # Stopped while the Ctrl-C is sent, and continued after: on a busy machine this process may not run again
        # before a short run ends, and the Ctrl-C must reach a run that is still placing people.
        os.killpg(proc.pid, signal.SIGSTOP)
        try:
            assert proc.poll() is None, "the run ended before it could be interrupted"
            if to == "group":  # as a terminal sends Ctrl-C: to every process of the group
                os.killpg(proc.pid, signal.SIGINT)
            else:
                proc.send_signal(signal.SIGINT)
        finally:
            os.killpg(proc.pid, signal.SIGCONT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr, stderr.decode()
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]  # no temporary file left beside the report either
    assert _gone(proc.pid), "a worker outlived the run"


def test_the_csv_file_written_in_pieces_is_the_plain_reading(invoke, team_dir, tmp_path):
    from pmladder.render.registry import renderer

    want = renderer("team", "csv").draw(plain_team(team_dir)).encode("utf-8")
    out = tmp_path / "team.csv"
    result = invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY, "--workers", "2", "-o", out)
    assert result.exit_code == 65
    assert out.read_bytes() == want and want.count(b"\r\n") == 19 * COPIES + 3
    assert f"Wrote the team report to {out}" in result.stderr
    again = invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY, "-o", out)
    assert again.exit_code == 73 and out.read_bytes() == want  # not replaced without --force
