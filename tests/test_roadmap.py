"""Roadmap rules a person would question if they broke: order of experience, step lengths, ties."""

from __future__ import annotations

from conftest import REPO
from pmladder.assess import assess
from pmladder.loader import load_library
from pmladder.model import Profile
from pmladder.roadmap import plan

LIB = load_library(environ={"PMLADDER_NO_CACHE": "1"})
GRADUATE = Profile.model_validate(
    {"education": "bachelor", "facts": {"years_experience": 0}, "competencies": {"organisation": 2, "communication": 2, "methods": 1, "data": 1}}
)


def road(ladder_id: str, profile: Profile, target: str):
    result = assess(LIB.get(ladder_id).ladder, LIB.catalog, profile)
    return plan(result, LIB.catalog, target)


def test_years_running_programs_start_when_the_title_below_is_reached():
    """A graduate cannot gain program years from day one: they start when Project Manager is reached."""
    r = road("pmo-career", GRADUATE, "program-manager")
    ready = {m.level.id: m.ready for m in r.milestones}
    program = next(s for s in r.steps if s.key == "years_program")
    assert program.start == ready["project-manager"] > 0
    assert program.end > program.start


def test_a_step_that_continues_an_earlier_one_takes_time():
    """Raising a fact further than an earlier step starts where that step ends and lasts at least a month."""
    r = road("pmo-career", GRADUATE, "program-manager")
    by_key: dict[str, list] = {}
    for step in r.steps:
        by_key.setdefault((step.kind, step.key), []).append(step)
    continued = [steps for steps in by_key.values() if len(steps) > 1]
    assert continued, "the path should raise some requirement twice"
    for steps in continued:
        for before, after in zip(steps, steps[1:]):
            assert after.start == before.end
            assert after.end > after.start


def test_limits_name_every_step_the_estimate_waits_for():
    """Every step that ends on the ready month is listed, and nothing else."""
    r = road("pmo-career", GRADUATE, "program-manager")
    assert r.limits
    assert all(s.end == r.eta_months for s in r.limits)
    assert {s for s in r.steps if s.end == r.eta_months and s.milestone == r.target.id} <= set(r.limits)


def test_skill_bars_are_five_cells_whatever_the_rating(invoke):
    """Having more than a level needs does not shorten the bar: every bar is five cells wide."""
    result = invoke("plan", "--profile", REPO / "examples" / "profile-alex.yaml", "--ladder", "pmo-sequence")
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("Skills for", 1)[1].split("Roadmap to", 1)[0]
    bars = [line.split()[-2] for line in section.splitlines() if "/" in line and line.split()[-1].count("/") == 1]
    assert bars and all(len(bar) == 5 for bar in bars)
