"""One plan, every format: the terminal report, the Markdown plan and the JSON agree.

They all draw one `service.Plan`, so the placement, the gaps toward the target and the
roadmap's steps must be the same in each; checked for several people and targets.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from personas import PERSONAS

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

WIDE = {"COLUMNS": "400"}  # no wrapping in the terminal report, so phrases can be found whole
CASES = [
    ("alex", "pm-titles", None),
    ("alex", "pm-titles", "chief-project-officer"),
    ("alex", "pmo-sequence", None),
    ("alex", "pmo-career", "director-of-pmo"),
    ("veteran", "pm-titles", None),
    ("mid-level-with-blanks", "pmo-sequence", None),
    ("career-changer", "pmo-career", "project-manager"),
    ("empty", "pm-titles", None),
    ("wang-fang", "pmo-sequence", "senior-pmo-lead"),
]
BY_KEY = {p.key: p for p in PERSONAS}


def run(invoke, tmp_path, key, ladder, target, fmt, *extra):
    path = tmp_path / f"{key}.yaml"
    path.write_text(yaml.dump(BY_KEY[key].profile, Dumper=SAFE_DUMPER, allow_unicode=True), encoding="utf-8")
    args = ["plan", "--profile", path, "--ladder", ladder, "--today", "2026-12-02", "-o", "-", "--format", fmt, *extra]
    if target:
        args += ["--target", target]
    result = invoke(*args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def flat(text: str) -> str:
    """Text with Markdown escapes and emphasis removed and runs of blanks folded, for phrase search."""
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "")
    return " ".join(text.split())


@pytest.mark.parametrize(("key", "ladder", "target"), CASES)
def test_text_markdown_and_json_agree(invoke, tmp_path, key, ladder, target):
    data = json.loads(run(invoke, tmp_path, key, ladder, target, "json"))
    text = flat(run(invoke, tmp_path, key, ladder, target, "text"))
    markdown = flat(run(invoke, tmp_path, key, ladder, target, "markdown"))

    best = data["placement"]["best_fit"]
    for doc in (text, markdown):
        if best is None:
            assert "ot placed on this ladder yet" in doc
        else:
            assert f"Best fit: {best['title']}" in doc
        assert data["placement"]["why"] in doc
        for c in data["placement"]["to_confirm"]:
            assert c["text"] in doc
    if data["target"]:
        for doc in (text, markdown):
            assert data["target"]["title"] in doc
    every = [flat(run(invoke, tmp_path, key, ladder, target, fmt, "--all-gaps")) for fmt in ("text", "markdown")]
    for gap in data["gaps"]:
        for doc in (text, markdown, *every):  # the lead gaps in full, the others in one line
            assert gap["label"] in doc, gap["label"]
            if gap["done_by"]:
                assert gap["done_by"] in doc
        for doc in every:  # with --all-gaps, each gap's advice; what several share is said once below the rows
            if gap["state"] == "unknown":
                assert "Not answered yet:" in doc and "answer with" in doc
            elif gap["reason"] == "undated" and gap["kind"] == "fact":  # a new role
                assert flat(gap["how"]).split(" This comes with a new assignment")[0] in doc, gap["how"]
                assert "These come with a new assignment" in doc
            else:
                assert flat(gap["how"]) in doc, gap["how"]
    steps = {s["id"]: s for s in data["roadmap"]}
    for quarter in data["timeline"]:
        for doc in (text, markdown):
            assert quarter["quarter"] in doc
        for sid in quarter["start"]:
            for doc in (text, markdown):
                assert flat(steps[sid]["text"]) in doc, steps[sid]["text"]
    if data["eta_by"]:
        for doc in (text, markdown):
            assert data["eta_by"] in doc
    for line in data["assumptions"]:
        for doc in (text, markdown):
            assert flat(line) in doc
