"""Writing the plan to files: `pmladder plan -o`, `pmladder assess --export`, and what happens when writing fails."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "ladders" / "examples" / "profile-alex.yaml"
PLAN = ("plan", "--profile", EXAMPLE, "--ladder", "pm-titles")
OLD = b"my own notes, not a plan\n\xe2\x9c\x93 keep me\n"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def one_clear_line(stderr: str) -> str:
    """stderr holds exactly one line, from pmladder, with no traceback; returns it."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    assert lines[0].startswith("pmladder: ")
    return lines[0]


def saved_profile(extra: str = "") -> Path:
    """Write the example profile (plus `extra` YAML lines) where `pmladder assess` saves by default."""
    from pmladder.store.paths import profile_path

    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


# --- writing ---------------------------------------------------------------------------------


def test_plan_to_a_file_writes_markdown(invoke, tmp_path):
    """`plan -o FILE` writes the Markdown plan to FILE, says so on stderr and prints nothing else."""
    out = tmp_path / "plan.md"
    result = invoke(*PLAN, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Career plan for Alex Chen\n")
    assert "\n## Timeline\n" in text and "\n- [ ] " in text and "\n```mermaid\n" in text
    assert result.stdout == ""
    assert str(out) in result.stderr
    assert listing(tmp_path) == ["plan.md"]


def test_plan_to_a_file_as_json_carries_schema_version(invoke, tmp_path):
    """`plan --format json -o FILE` writes JSON with schema_version, the ladder and the roadmap."""
    out = tmp_path / "plan.json"
    result = invoke(*PLAN, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["ladder"]["id"] == "pm-titles"
    assert data["name"] == "Alex Chen"
    assert data["roadmap"], "the plan has steps"


@pytest.mark.parametrize(("fmt", "starts"), [(None, "# Career plan for Alex Chen"), ("json", "{")])
def test_plan_to_dash_writes_to_stdout(invoke, tmp_path, monkeypatch, fmt, starts):
    """`-o -` prints the document (Markdown by default) on stdout and creates no file named '-'."""
    monkeypatch.chdir(tmp_path)
    result = invoke(*PLAN, "-o", "-", *(("--format", fmt) if fmt else ()))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(starts)
    if fmt == "json":
        assert json.loads(result.stdout)["schema_version"] == 2
    assert listing(tmp_path) == []


def test_plan_to_a_file_refuses_text_format(invoke, tmp_path):
    """`--format text -o FILE` is a usage error (text is for the screen) and writes nothing."""
    result = invoke(*PLAN, "--format", "text", "-o", tmp_path / "plan.txt")
    assert result.exit_code == 2
    assert "markdown, json or ics" in one_clear_line(result.stderr)
    assert listing(tmp_path) == []


# --- never clobber ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_existing_file_is_not_overwritten_without_force(invoke, tmp_path, fmt):
    """An existing file stays byte-identical: exit 73, one line naming the file and --force, no temp file left."""
    out = tmp_path / "plan.md"
    out.write_bytes(OLD)
    result = invoke(*PLAN, "--format", fmt, "-o", out)
    assert result.exit_code == 73
    line = one_clear_line(result.stderr)
    assert str(out) in line and "--force" in line
    assert out.read_bytes() == OLD
    assert listing(tmp_path) == ["plan.md"]


def test_existing_file_is_replaced_with_force(invoke, tmp_path):
    """With --force the existing file is replaced by the plan, and nothing else is left in the folder."""
    out = tmp_path / "plan.md"
    out.write_bytes(OLD)
    result = invoke(*PLAN, "-o", out, "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Career plan for Alex Chen\n")
    assert listing(tmp_path) == ["plan.md"]


# --- I/O errors ------------------------------------------------------------------------------


def test_missing_folder_is_one_clear_error(invoke, tmp_path):
    """Writing into a folder that does not exist exits 74 with one line naming the path and the reason."""
    out = tmp_path / "no-such-folder" / "plan.md"
    result = invoke(*PLAN, "-o", out)
    assert result.exit_code == 74
    line = one_clear_line(result.stderr)
    assert str(out) in line and "folder does not exist" in line
    assert listing(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_output_that_is_a_folder_is_one_clear_error(invoke, tmp_path, force):
    """`-o FOLDER` exits 74 with one clear line, with or without --force, and leaves the folder as it was."""
    (tmp_path / "keep.txt").write_bytes(OLD)
    result = invoke(*PLAN, "-o", tmp_path, *(["--force"] if force else []))
    assert result.exit_code == 74
    assert "is a directory" in one_clear_line(result.stderr)
    assert listing(tmp_path) == ["keep.txt"]


def test_unwritable_folder_is_one_clear_error(invoke, tmp_path, monkeypatch):
    """When the folder refuses new files (EACCES on creating the temp file), exit 74 with 'permission denied'."""

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = invoke(*PLAN, "-o", tmp_path / "plan.md")
    assert result.exit_code == 74
    assert "permission denied" in one_clear_line(result.stderr)
    assert listing(tmp_path) == []


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_forced_write_keeps_the_old_file_and_leaves_no_temp_file(invoke, tmp_path, monkeypatch, failing):
    """A disk-full error while replacing a file with --force exits 74; the old file is intact and no temp file remains."""
    out = tmp_path / "plan.md"
    out.write_bytes(OLD)
    monkeypatch.setattr(os, failing, _disk_full)
    result = invoke(*PLAN, "-o", out, "--force")
    monkeypatch.undo()
    assert result.exit_code == 74
    line = one_clear_line(result.stderr)
    assert str(out) in line and "no space left on device" in line
    assert out.read_bytes() == OLD
    assert listing(tmp_path) == ["plan.md"]


@pytest.mark.parametrize("failing", ["link", "fsync"])
def test_failed_new_write_leaves_nothing_behind(invoke, tmp_path, monkeypatch, failing):
    """A disk-full error while writing a new file exits 74 and leaves the folder empty."""
    monkeypatch.setattr(os, failing, _disk_full)
    result = invoke(*PLAN, "-o", tmp_path / "plan.md")
    monkeypatch.undo()
    assert result.exit_code == 74
    assert "no space left on device" in one_clear_line(result.stderr)
    assert listing(tmp_path) == []


def test_interrupted_write_keeps_the_old_file_and_leaves_no_temp_file(invoke, tmp_path, monkeypatch):
    """Ctrl-C in the middle of a forced write exits 130; the old file is intact and no temp file remains."""

    def interrupt(fd):
        raise KeyboardInterrupt

    out = tmp_path / "plan.md"
    out.write_bytes(OLD)
    monkeypatch.setattr(os, "fsync", interrupt)
    result = invoke(*PLAN, "-o", out, "--force")
    monkeypatch.undo()
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == OLD
    assert listing(tmp_path) == ["plan.md"]


# --- assess --export -------------------------------------------------------------------------


def test_assess_export_writes_the_same_markdown_as_plan(invoke, tmp_path):
    """`assess --answers ... --export FILE` writes exactly what `plan --profile ... -o FILE2` writes."""
    exported, planned = tmp_path / "assess.md", tmp_path / "plan.md"
    result = invoke("assess", "--answers", EXAMPLE, "--ladder", "pm-titles", "--export", exported)
    assert result.exit_code == 0, result.stderr
    assert "Senior Project Manager" in result.stdout, "the report is still shown on screen"
    assert invoke(*PLAN, "-o", planned).exit_code == 0
    assert exported.read_text(encoding="utf-8").startswith("# Career plan for Alex Chen\n")
    assert exported.read_bytes() == planned.read_bytes()


def test_assess_export_with_json_report_still_exports_markdown(invoke, tmp_path):
    """`assess --format json --export FILE` prints JSON and still writes the Markdown plan."""
    out = tmp_path / "plan.md"
    result = invoke("assess", "--answers", EXAMPLE, "--ladder", "pm-titles", "--format", "json", "--export", out)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == 2
    assert out.read_text(encoding="utf-8").startswith("# Career plan for Alex Chen\n")


def test_assess_export_never_clobbers_without_force(invoke, tmp_path):
    """`assess --export` onto an existing file exits 73 and leaves it byte-identical; --force replaces it."""
    out = tmp_path / "plan.md"
    out.write_bytes(OLD)
    args = ("assess", "--answers", EXAMPLE, "--ladder", "pm-titles", "--format", "json", "--export", out)
    refused = invoke(*args)
    assert refused.exit_code == 73
    assert "--force" in refused.stderr
    assert out.read_bytes() == OLD
    assert listing(tmp_path) == ["plan.md"]
    forced = invoke(*args, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert out.read_text(encoding="utf-8").startswith("# Career plan for Alex Chen\n")
    assert listing(tmp_path) == ["plan.md"]


# --- which profile and which ladder ----------------------------------------------------------


def test_plan_without_a_saved_profile_says_to_assess_first(invoke):
    """With no saved profile and no --profile, `plan` exits 66 and tells the user to run `pmladder assess`."""
    result = invoke("plan", "--ladder", "pm-titles")
    assert result.exit_code == 66
    assert "pmladder assess" in one_clear_line(result.stderr)


def test_plan_with_a_missing_profile_file_exits_66(invoke, tmp_path):
    """`plan --profile FILE` with a FILE that does not exist exits 66 naming it."""
    missing = tmp_path / "nobody.yaml"
    result = invoke("plan", "--profile", missing, "--ladder", "pm-titles")
    assert result.exit_code == 66
    assert str(missing) in one_clear_line(result.stderr)


def test_plan_uses_the_saved_profile_and_its_ladder(invoke):
    """`plan -o -` with no options plans from the saved profile, on the ladder it was assessed on."""
    saved_profile("ladder: pmo-career\n")
    result = invoke("plan", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "Ladder: PMO career ladder (pmo-career)." in result.stdout
    data = json.loads(invoke("plan", "--format", "json", "-o", "-").stdout)
    assert data["ladder"]["id"] == "pmo-career"
    assert f"\n## Target: {data['target']['title']}\n" in result.stdout


def test_plan_uses_the_ladder_named_in_a_given_profile(invoke, tmp_path):
    """`plan --profile FILE` without --ladder uses the profile's `ladder:` key."""
    profile = tmp_path / "alex.yaml"
    profile.write_text(EXAMPLE.read_text(encoding="utf-8") + "ladder: pmo-sequence\n", encoding="utf-8")
    result = invoke("plan", "--profile", profile, "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ladder"]["id"] == "pmo-sequence"


def test_plan_ladder_option_beats_the_profiles_ladder(invoke):
    """--ladder overrides the ladder saved in the profile."""
    saved_profile("ladder: pmo-career\n")
    result = invoke("plan", "--ladder", "pm-titles", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ladder"]["id"] == "pm-titles"


def test_plan_without_any_ladder_lists_the_ladders(invoke):
    """A profile with no `ladder:` and no --ladder: exit 2, one line listing the known ladders."""
    saved_profile()
    result = invoke("plan", "-o", "-")
    assert result.exit_code == 2
    line = one_clear_line(result.stderr)
    assert "--ladder" in line
    for ladder in ("pm-titles", "pmo-career", "pmo-sequence"):
        assert ladder in line
    assert result.stdout == ""


def test_assess_export_dash_is_refused_and_points_at_format_markdown(invoke, tmp_path, monkeypatch):
    """`assess --export -` is a usage error (exit 2) that says how to print the plan; no file named '-' appears."""
    monkeypatch.chdir(tmp_path)
    result = invoke("assess", "--profile", EXAMPLE, "--ladder", "pm-titles", "--export", "-")
    assert result.exit_code == 2
    assert "--format markdown" in one_clear_line(result.stderr)
    assert listing(tmp_path) == [], "a file named '-' was written"
    assert result.stdout == ""
