"""`pmladder migrate`: a file of format 1 rewritten to format 2 on its lines, comments and order kept."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "inputs"))
from test_format_versions import CORPUS, ladder_text  # noqa: E402

FORMAT_1 = [p for p in sorted(CORPUS.glob("*.yaml")) if not p.name.startswith("profile-")]


def _load(path: Path):
    from pmladder.inputs.formats import file_kind
    from pmladder.inputs.loader import load_catalog, parse_catalog, parse_ladder
    from pmladder.inputs.yamlsafe import read_file

    doc = read_file(path)
    notes: list = []
    if file_kind(doc.data) == "catalog":
        return parse_catalog(doc, notes), notes
    return parse_ladder(doc, load_catalog(), notes), notes


def test_grow_lines_are_spread_one_per_step_with_a_comment_and_the_rest_kept(invoke, tmp_path):
    source = tmp_path / "acme.yaml"
    source.write_text(ladder_text(1), encoding="utf-8")
    result = invoke("migrate", source)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# An organisation's ladder written for the first release")
    assert "schema_version: 2\n" in out and "  product_knowledge:   # our own skill\n" in out
    assert out.count("# format 1 listed general tips here; spread one per step") == 2
    assert "      - Sit in on customer calls\n      - Sit in on customer calls\n      - Take the internal product training\n" in out
    assert "changed: competencies.estimating.grow: 3 lines spread to five" in result.stderr
    assert "changed: schema_version: 1 -> 2" in result.stderr
    # every other line is as it was, in its order
    old_lines = [line for line in ladder_text(1).splitlines() if "grow" not in line and not line.lstrip().startswith("- ")]
    new_lines = [line for line in out.splitlines() if "grow" not in line and not line.lstrip().startswith(("- ", "# format 1"))]
    assert [line.replace("schema_version: 1", "schema_version: 2") for line in old_lines] == new_lines
    written = tmp_path / "new.yaml"
    written.write_text(out, encoding="utf-8")
    ladder, notes = _load(written)
    before, _ = _load(source)
    assert notes == [] and ladder == before


def test_never_clobbers_without_force_or_in_place(invoke, tmp_path):
    source = tmp_path / "acme.yaml"
    source.write_text(ladder_text(1), encoding="utf-8")
    out = tmp_path / "out.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = invoke("migrate", source, "-o", out)
    assert result.exit_code == 73
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert invoke("migrate", source, "-o", out, "--force").exit_code == 0
    assert "schema_version: 2" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml", "out.yaml"]  # no temp file left behind


def test_in_place_then_already_current(invoke, tmp_path):
    source = tmp_path / "acme.yaml"
    source.write_text(ladder_text(1), encoding="utf-8")
    result = invoke("migrate", source, "--in-place")
    assert result.exit_code == 0, result.output
    assert f"Wrote format 2 to {source}" in result.stderr
    again = invoke("migrate", source, "--in-place")
    assert again.exit_code == 0
    assert again.stdout.strip() == f"{source}: already in format 2"
    assert invoke("validate", source).stderr == ""


def test_json_report(invoke, tmp_path):
    source = tmp_path / "acme.yaml"
    source.write_text(ladder_text(1), encoding="utf-8")
    result = invoke("migrate", source, "-o", tmp_path / "new.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["kind"], report["from"], report["to"], report["written"]) == ("ladder", 1, 2, str(tmp_path / "new.yaml"))
    assert len(report["changes"]) == 3 and report["by_hand"] == []


@pytest.mark.parametrize("path", FORMAT_1, ids=lambda p: p.name)
def test_every_earlier_ladder_and_catalog_migrates_to_the_same_meaning(invoke, tmp_path, path):
    out = tmp_path / path.name
    result = invoke("migrate", path, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    if report["written"] is None:  # current already
        assert report["to"] == 2
        return
    after, notes = _load(out)
    before, _ = _load(path)
    drop = {k: None for k in ("path", "lines") if k in after._fields}
    assert after._replace(**drop) == before._replace(**drop)
    assert (report["to"] == 2 and notes == []) or (report["to"] == 1 and report["by_hand"])


def test_what_cannot_be_rewritten_is_named_and_the_file_stays_at_format_1(invoke, tmp_path):
    path = CORPUS / "ladder-8d1875d9-ladders__pmi-path.yaml"
    result = invoke("migrate", path, "-o", tmp_path / "p.yaml")
    assert result.exit_code == 0
    assert "left as it is: facts.years_portfolio: the catalog now has this id" in result.stderr
    assert "schema_version: 1" in (tmp_path / "p.yaml").read_text(encoding="utf-8")


def test_a_profile_is_current_and_bad_or_missing_files_say_so(invoke, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("schema_version: 1\nladder: pm-titles\nfacts:\n  years_experience: 3\n", encoding="utf-8")
    result = invoke("migrate", profile)
    assert result.exit_code == 0 and "already in format 1 (the current profile format)" in result.stdout
    assert invoke("migrate", tmp_path / "nope.yaml").exit_code == 66
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nid: x\nlevels: 3\n", encoding="utf-8")
    broken = invoke("migrate", bad)
    assert broken.exit_code == 65 and f"{bad}:" in broken.stderr
