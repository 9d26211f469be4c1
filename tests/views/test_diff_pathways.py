"""`show --diff A B` says a step up only when B is reached from A; two branches are set side by side."""

from __future__ import annotations

import json


def test_titles_on_two_pathways_are_not_a_step(invoke):
    side = invoke("show", "pmo-career", "--diff", "program-manager", "pmo-manager", "--format", "json")
    assert side.exit_code == 0, side.stderr
    assert json.loads(side.stdout)["step"] is False
    text = invoke("show", "pmo-career", "--diff", "program-manager", "pmo-manager")
    assert "Program Manager beside PMO Manager (different pathways, not a step up)" in " ".join(text.stdout.split())
    assert "From Program Manager" not in text.stdout
    md = invoke("show", "pmo-career", "--diff", "program-manager", "pmo-manager", "--format", "markdown").stdout
    assert md.startswith("# Program Manager beside PMO Manager")


def test_a_step_up_reads_from_to(invoke):
    up = invoke("show", "pmo-career", "--diff", "project-manager", "program-manager", "--format", "json")
    assert json.loads(up.stdout)["step"] is True
    two = invoke("show", "pmo-career", "--diff", "project-coordinator", "chief-project-officer")  # several steps: still up
    assert "From Project Coordinator to Chief Project Officer" in " ".join(two.stdout.split())
