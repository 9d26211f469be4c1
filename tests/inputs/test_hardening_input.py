"""One hostile file never sinks, hangs or leaks into a team report (issue 17, items 3 and 9).

A FIFO named `x.yaml`, a link out of the team's folder, numbers of hundreds or thousands of
digits, binary garbage: each is one skipped person with a positioned message, and the report
is still written. `validate` and `assess --profile` on a pipe or a folder end at once with exit
66 and one line, not a hang and not the usage box. Everything here runs real files, real
FIFOs and real symbolic links; the commands that could hang run in a child process with a
timeout.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

EXAMPLE = (REPO / "ladders" / "examples" / "profile-alex.yaml").read_text(encoding="utf-8")
TODAY = "2026-11-22"
TEAM = ("--ladder", "pm-titles", "--today", TODAY)
SECRET = "SECRET-Quartermaster-7731"
# what a terminal acts on: C0 (but newline), DEL, C1, bidi controls, line separators
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# FILE:LINE:COL: message (a profile) or FILE:ROW: message (a spreadsheet row)
POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>[0-9]+)(?::(?P<col>[0-9]+))?: \S")
NO_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
pytestmark = NO_FIFO


def good_profile(name: str) -> str:
    return EXAMPLE.replace("Alex Chen", name)


def write_good(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"person-{i:05d}.yaml").write_text(good_profile(f"Person {i}"), encoding="utf-8")


@pytest.fixture(scope="session")
def home(tmp_path_factory) -> Path:
    """One PMLADDER_HOME for the child processes of a test worker: the library cache is built once, not by each."""
    return tmp_path_factory.mktemp("child-home")


def cli(*args, cwd: Path, home: Path, timeout: float = 20) -> subprocess.CompletedProcess:
    """`pmladder ARGS` in a child process: a hang fails the test after `timeout` seconds instead of blocking it."""
    env = {**os.environ, "PMLADDER_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "pmladder", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout)


def outside_secret(tmp: Path) -> Path:
    """A file outside the team's folder, a secret on every line, in the shape of a broken profile."""
    other = tmp / "elsewhere"
    other.mkdir()
    target = other / "boss.yaml"
    target.write_text(f"name: {SECRET}\n{SECRET}: [\nfacts: {{years_experience: {SECRET}}}\n", encoding="utf-8")
    return target


def hostile_team(tmp: Path) -> tuple[Path, Path, dict[str, str]]:
    """30 good profiles, and beside them one of each hostile file; returns (folder, spreadsheet, bad files -> kind)."""
    team = tmp / "team"
    write_good(team, 30)
    os.mkfifo(team / "x.yaml")
    os.symlink(outside_secret(tmp), team / "boss.yaml")
    (team / "huge.yaml").write_text(f"name: Huge\nfacts:\n  years_experience: {'9' * 400}\n", encoding="utf-8")
    sheet = tmp / "sheet.csv"
    sheet.write_text("name,years_experience,communication\nAnn,4,3\n" f"Bob,{'9' * 5000},3\nCy,2,2\n", encoding="utf-8")
    bad = {"team/x.yaml": "pipe", "team/boss.yaml": "link", "team/huge.yaml": "number"}  # Bob's cell: left unknown, Bob kept
    return team, sheet, bad


def lines_of(*texts: str) -> list[str]:
    return [line for text in texts for line in text.splitlines()]


def assert_clean(*texts: str) -> None:
    """No traceback, no raw control character, no secret."""
    for text in texts:
        assert "Traceback" not in text
        assert not CONTROL.search(text), CONTROL.search(text)
        assert SECRET not in text


# --- one bad file of each kind beside 30 good ones --------------------------------------------------


@pytest.mark.parametrize("anonymise", [False, True], ids=["named", "anonymised"])
def test_a_hostile_file_of_each_kind_is_one_skipped_person_and_the_report_is_written(tmp_path, home, anonymise):
    team, sheet, bad = hostile_team(tmp_path)
    extra = ("--anonymise",) if anonymise else ()
    report = tmp_path / "report.json"
    run = cli("team", "team", "sheet.csv", *TEAM, *extra, "--output", report, cwd=tmp_path, home=home)
    assert run.returncode == 65, run.stderr  # the team command's code for "some skipped"
    assert "skipped 3 of 36 profiles" in run.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["counts"] == {"files": 34, "read": 33, "skipped": 3}
    [warning] = data["warnings"]  # the cell of 5000 digits: that answer unknown, the person kept
    assert warning["row"] == 3 and warning["column"] == "years_experience" and warning["expected"] == "a number from 0 to 50 years"
    assert warning["person"] == ("Bob" if not anonymise else next(p["name"] for p in data["people"] if p["name"] == warning["person"]))
    skipped = data["skipped"]
    problems = [p for s in skipped for p in s["problems"]]
    assert len(skipped) == len(problems) == 3, problems  # each named once
    for s, problem in zip(skipped, (p for s in skipped for p in s["problems"])):
        where = POSITIONED.match(problem)
        assert where and "\n" not in problem, problem
        assert s["file"].startswith(where["file"])
    if anonymise:
        assert all(s["file"].startswith("File ") for s in skipped)
        assert not any(name in json.dumps(data) for name in ("x.yaml", "boss.yaml", "huge.yaml", "sheet.csv"))
    else:
        assert sorted(s["file"] for s in skipped) == sorted(bad)
        said = {s["file"]: s["problems"][0] for s in skipped}
        assert "not a regular file" in said["team/x.yaml"]
        assert "outside the folder" in said["team/boss.yaml"] and "elsewhere" not in said["team/boss.yaml"]
        assert warning["file"] == "sheet.csv"
    assert_clean(run.stdout, run.stderr, report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
@pytest.mark.parametrize("anonymise", [False, True], ids=["named", "anonymised"])
def test_the_secret_behind_a_link_out_of_the_folder_is_never_shown(tmp_path, home, fmt, anonymise):
    """Not in any format, named or not: the target of a link that leaves the folder is never opened."""
    team, sheet, _bad = hostile_team(tmp_path)
    (tmp_path / "elsewhere" / "fine.yaml").write_text(good_profile(SECRET), encoding="utf-8")  # a valid profile too
    os.symlink(tmp_path / "elsewhere" / "fine.yaml", team / "fine.yaml")
    run = cli("team", "team", "sheet.csv", *TEAM, "--format", fmt, *(("--anonymise",) if anonymise else ()),
              cwd=tmp_path, home=home)
    assert run.returncode == 65, run.stderr
    assert "skipped 4 of 37 profiles" in run.stderr  # the valid profile behind the link is not read either
    assert_clean(run.stdout, run.stderr)
    if not anonymise:
        assert "fine" in run.stdout and "boss" in run.stdout  # the links are named (Markdown escapes the dot)


def test_a_link_inside_the_folder_is_read_and_a_named_link_is_followed(tmp_path, home):
    """Only links that leave the folder are refused: one to a file in it is read (once), and a file named
    on the command line is read wherever it is."""
    team = tmp_path / "team"
    write_good(team, 2)
    os.symlink("person-00000.yaml", team / "also.yaml")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(good_profile("Named On Purpose"), encoding="utf-8")
    run = cli("team", "team", outside, *TEAM, "--format", "json", cwd=tmp_path, home=home)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["counts"]["read"] == 3  # the two files, the named one; the link in the folder is the same file
    assert "Named On Purpose" in run.stdout


# --- a pipe or a folder where a profile or ladder file should be --------------------------------------


@pytest.mark.parametrize("command", [
    ("validate", "{f}"),
    ("assess", "--profile", "{f}", "--ladder", "pm-titles", "--today", TODAY),
    ("plan", "--profile", "{f}", "--ladder", "pm-titles", "--today", TODAY),
    ("where", "--profile", "{f}", "--today", TODAY),
], ids=lambda c: c[0])
@pytest.mark.parametrize("what", ["fifo", "link-to-fifo", "folder"])
def test_a_pipe_or_a_folder_ends_at_once_with_66_and_one_line(tmp_path, home, command, what):
    target = tmp_path / "me.yaml"
    if what == "folder":
        target.mkdir()
    else:
        os.mkfifo(tmp_path / "pipe.yaml")
        if what == "fifo":
            target = tmp_path / "pipe.yaml"
        else:
            os.symlink("pipe.yaml", target)
    args = [a.replace("{f}", target.name) for a in command]
    run = cli(*args, cwd=tmp_path, home=home)  # a hang is a TimeoutExpired after 20 s
    assert run.returncode == 66, (run.returncode, run.stderr)
    assert run.stdout == ""
    assert len(run.stderr.splitlines()) == 1, run.stderr
    line = run.stderr.strip()
    assert line.startswith(f"{target.name}:1:1: cannot read: "), line
    assert ("is a folder, not a file" if what == "folder" else "not a regular file") in line
    assert "Usage" not in run.stderr and "╭" not in run.stderr


def test_validate_still_checks_the_good_files_beside_a_pipe(tmp_path, home):
    os.mkfifo(tmp_path / "pipe.yaml")
    good = REPO / "ladders" / "pm-titles.yaml"
    run = cli("validate", good, "pipe.yaml", cwd=tmp_path, home=home)
    assert run.returncode == 66, run.stderr
    assert "pm-titles.yaml: ok" in run.stdout
    assert run.stderr.strip() == "pipe.yaml:1:1: cannot read: not a regular file (a pipe, a device or a socket)"


def test_a_device_is_not_read(tmp_path, home):
    run = cli("assess", "--profile", "/dev/zero", "--ladder", "pm-titles", cwd=tmp_path, home=home)
    assert run.returncode == 66, run.stderr
    assert "/dev/zero:1:1: cannot read: not a regular file" in run.stderr


# --- many people, a few hostile files --------------------------------------------------------------


def test_two_thousand_profiles_and_the_hostile_files_still_give_a_report(tmp_path, home):
    team, sheet, bad = hostile_team(tmp_path)
    write_good(team / "more", 1970)
    os.mkfifo(team / "more" / "y.yml")
    report = tmp_path / "report.md"
    run = cli("team", "team", "sheet.csv", *TEAM, "--output", report, cwd=tmp_path, home=home, timeout=120)
    assert run.returncode == 65, run.stderr
    assert "skipped 4 of 2007 profiles" in run.stderr
    text = report.read_text(encoding="utf-8")
    assert "2003 profiles read from 2005 files; 4 skipped" in text
    assert_clean(run.stdout, run.stderr, text)


# --- generated bad inputs: each one skipped, positioned, on one line -------------------------------------

HUGE = ["9" * 400, "9" * 5000, "-" + "9" * 5000, "0" * 5000 + "1", "1" + "0" * 4301, "9" * 31 + ".5", "1." + "1" * 5000]
ODD = ["-3", "-0.5", "nan", "NaN", "inf", "-inf", "1e309", "1.0e+309", "1e5", "3 years", "true", "１２", "٣", "1_000",
       "99", "12,5", "0x1G", "\x1b[31m7", "\u202e5"]


def csv_cell(value: str) -> bytes:
    return f'name,years_experience,communication\nBad One,"{value}",3\n'.encode()


def yaml_value(value: str) -> bytes:
    return f"name: Bad One\nfacts:\n  years_experience: {json.dumps(value)}\n".encode()


def yaml_plain(value: str) -> bytes:
    return f"name: Bad One\nfacts:\n  years_experience: {value}\n".encode()


WHOLE = {  # (file name, bytes): whole files that are bad as a whole
    "garbage.yaml": bytes(range(256)) * 4,
    "garbage.csv": bytes(range(256)) * 4,
    "latin1.yaml": "name: Jos\xe9\n".encode("latin-1"),
    "latin1.csv": "name,years_experience\nJos\xe9,3\n".encode("latin-1"),
    "bom-bad.yaml": b"\xef\xbb\xbfname: x\nfacts: [\n",
    "bom-bom.csv": b"\xef\xbb\xbf\xef\xbb\xbfname,years_experience\nAnn,3\n",
    "nul.yaml": b"name: a\x00b\n",
    "nul.csv": b"name,years_experience\nA\x00n,3\n",
    "empty.yaml": b"",
    "empty.csv": b"",
    "blank.yaml": b"   \n\n",
    "list.yaml": b"- 1\n- 2\n",
    "scalar.yaml": b"42\n",
    "deep.yaml": b"facts: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "alias.yaml": b"name: &a Ann\nfacts: {years_experience: *a}\n",
    "dupe.yaml": b"name: A\nname: B\n",
    "big.yaml": b"name: Big\n# " + b"x" * (1024 * 1024) + b"\n",
    "wide.csv": (",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" for _ in range(100_000)) + "\n").encode(),
    "wide-row.csv": ("name,years_experience\nAnn,3," + ",".join("1" for _ in range(100_000)) + "\n").encode(),
    "huge-field.csv": b'name,years_experience\n"' + b"a" * 200_000 + b'",3\n',
    "escape-key.yaml": b"name: A\n\x1b]8;;http://x\x07key: 1\n",
    "bidi-key.csv": "name,years_\u202eexperience\nAnn,3\n".encode(),
    "control-name.csv": b"name,years_experience,communication\n\x1b[2J,99,9\n",
    "tab.yaml": b"name: A\nfacts:\n\tyears_experience: 3\n",
}

CASES = ([(f"cell-{i}.csv", csv_cell(v)) for i, v in enumerate(HUGE + ODD)]
         + [(f"quoted-{i}.yaml", yaml_value(v)) for i, v in enumerate(HUGE + ODD)]
         # plain YAML: not the ones YAML reads as a fine number (000...1 is octal 1, 1.111... is a float)
         + [(f"plain-{i}.yaml", yaml_plain(v)) for i, v in enumerate(HUGE + ODD) if v[0] not in "01" and "\x1b" not in v and "," not in v]
         + list(WHOLE.items()))


def test_there_are_enough_generated_cases():
    assert len(CASES) >= 60


READ_NOW = ("3 years", "12,5", "nan", "NaN")  # forms a spreadsheet cell is read in (issue 21); NaN is an empty cell as pandas writes it


@pytest.mark.parametrize("name,content", CASES, ids=[c[0] for c in CASES])
def test_a_bad_team_input_is_one_positioned_line_and_never_a_crash(tmp_path, invoke, name, content):
    """Beside one good profile, each bad file: the good one is placed, the bad one is skipped with
    positioned one-line messages that name it, in every format; no traceback, no raw control character.
    A bad cell of a spreadsheet is no bad file: the person is kept, the cell named and left unknown."""
    team = tmp_path / "team"
    write_good(team, 1)
    bad = (team if name.endswith(".yaml") else tmp_path) / name
    bad.write_bytes(content)
    paths = [team] if name.endswith(".yaml") else [team, bad]
    shown = str(bad)
    result = invoke("team", *paths, *TEAM, "--format", "json")  # the fixture fails on any exception
    if name.startswith(("cell-", "control-name")):
        assert result.exit_code == 0, (result.exit_code, result.stderr[-500:])
        data = json.loads(result.stdout)
        assert data["counts"]["read"] == 2 and data["skipped"] == []
        value = list(csv.reader(io.StringIO(content.decode())))[1][1]
        if value in READ_NOW:
            assert data["warnings"] == []
        else:
            assert data["warnings"] and all(w["file"] == shown and w["row"] == 2 for w in data["warnings"])
            assert {w["column"] for w in data["warnings"]} <= {"years_experience", "communication"}
        text = invoke("team", *paths, *TEAM)
        assert text.exit_code == 0
        assert_clean(result.stdout, result.stderr, text.stdout, text.stderr)
        return
    assert result.exit_code == 65, (result.exit_code, result.stderr[-500:])
    data = json.loads(result.stdout)
    assert data["counts"]["read"] == 1
    assert data["skipped"], data
    for s in data["skipped"]:
        assert s["file"] == shown or s["file"].startswith(shown + ":"), s["file"]
        assert s["problems"]
        for problem in s["problems"]:
            where = POSITIONED.match(problem)
            assert where and where["file"] == shown and "\n" not in problem, problem
    assert len({s["file"] for s in data["skipped"]}) == len(data["skipped"])  # each named once
    text = invoke("team", *paths, *TEAM)
    assert text.exit_code == 65
    assert shown in text.stdout.replace("\n", "")
    assert_clean(result.stdout, result.stderr, text.stdout, text.stderr)


# --- the one reader ---------------------------------------------------------------------------------


def test_the_reader_takes_a_file_up_to_its_limit_and_refuses_one_byte_more(tmp_path):
    from pmladder.store.fsio import TOO_LARGE, FileReadError, read_regular

    path = tmp_path / "p.yaml"
    path.write_bytes(b"x" * 2048)
    assert read_regular(path, 2048) == b"x" * 2048
    with pytest.raises(FileReadError) as info:
        read_regular(path, 2047)
    assert info.value.reason == TOO_LARGE and info.value.values == {"n": 1}


def test_the_reader_refuses_a_socket_and_says_a_missing_file_is_missing(tmp_path):
    import socket

    from pmladder.store.fsio import NOT_REGULAR, FileReadError, read_regular

    sock = socket.socket(socket.AF_UNIX)
    where = tmp_path / "s.yaml"
    try:
        sock.bind(str(where))
        with pytest.raises(FileReadError) as info:
            read_regular(where, 1024)
        assert info.value.reason == NOT_REGULAR and not info.value.missing
    finally:
        sock.close()
    with pytest.raises(FileReadError) as info:
        read_regular(tmp_path / "none.yaml", 1024)
    assert info.value.missing and info.value.reason == "file not found"
