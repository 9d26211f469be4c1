"""Answers that do not fit together are flagged, and a flag never changes the placement (issue 19).

Each flag is raised for a concrete profile through the CLI (JSON: code, parameters, text; the
terminal report and the Markdown plan: the same words), none for a consistent profile, and a
derandomized hypothesis property holds that the flags a plan carries are exactly the ones the
documented rules give, while the placement, and everything else the plan shows, is what it is
without them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess_support import CATALOG_RAW, LADDER_IDS, to_profile
from pmladder.engine import flags as F
from pmladder.engine.placement import assess
from pmladder.views.plan import make_plan
from pmladder.views.plan_data import plan_json

REPO = Path(__file__).resolve().parents[2]
LADDER_FILES = REPO / "ladders"
TODAY = "2026-12-02"
SETTINGS = settings(max_examples=60, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COMPS = tuple(CATALOG_RAW["competencies"])
ALL_LOW = {c: 1 for c in COMPS[:4]}
MIDDLE = {c: 3 for c in COMPS[:4]}


def write(tmp_path: Path, facts: dict, competencies: dict, name: str = "p") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "name": "Sam Flag", "education": "bachelor", "certifications": [],
                                    "facts": facts, "competencies": competencies}), encoding="utf-8")
    return path


def flat(out: str) -> str:
    """A report as one line of words: box borders and wrapping gone."""
    return " ".join(re.sub("[\u2502\u256d\u256e\u2570\u256f\u2500]", " ", out).split())


def run(invoke, path: Path, fmt: str, command: str = "assess", ladder: str = "pm-titles"):
    result = invoke(command, "--ladder", ladder, "--profile", path, "--today", TODAY, "--format", fmt)
    assert result.exit_code == 0, result.stderr + result.stdout
    return result.stdout


# (facts, competencies, the flags raised: (code, parameters), words the report shows)
CASES = {
    "ten years managing, every rating at 1": (
        {"years_experience": 12, "years_managing": 10, "team_size": 8}, ALL_LOW,
        [("many-years-low-ratings", {"fact": "years_managing", "years": 10, "rated": 4, "highest": 1})],
        "You answered 10 years for 'Years managing projects', but none of your 4 skill ratings is above 1 of 5."),
    "one year on projects, every rating at 4 or 5": (
        {"years_experience": 1, "years_managing": 1, "team_size": 6}, {c: 4 + i % 2 for i, c in enumerate(COMPS[:6])},
        [("few-years-high-ratings", {"fact": "years_experience", "years": 1, "rated": 6, "lowest": 4})],
        "You answered 1 year for 'Years in project work', but every one of your 6 skill ratings is 4 of 5 or more."),
    "years managing above years of experience": (
        {"years_experience": 4, "years_managing": 9, "team_size": 5}, MIDDLE,
        [("part-above-whole", {"fact": "years_managing", "value": 9, "whole": "years_experience", "whole_value": 4})],
        "You answered 9 years for 'Years managing projects', more than the 4 years you answered for 'Years in project work', "
        "which includes it: check these two answers."),
    "years managing with years of experience left blank": (
        {"years_managing": 4, "team_size": 5}, MIDDLE,
        [("implied-blank", {"kind": "fact", "key": "years_managing", "value": 4, "blank": "years_experience", "at_least": 4})],
        "You answered 4 years for 'Years managing projects' but left 'Years in project work', which includes it, unanswered: "
        "answer it (at least 4 years)."),
    "leads project managers and a large team, largest team led left blank": (
        {"years_experience": 14, "years_managing": 10, "years_leading_managers": 3}, {**MIDDLE, "leadership": 5},
        [("implied-blank", {"kind": "fact", "key": "years_leading_managers", "value": 3, "blank": "team_size", "at_least": None}),
         ("implied-blank", {"kind": "skill", "key": "leadership", "value": 5, "blank": "team_size", "at_least": None})],
        "You answered 5 of 5 for 'Leadership', which says you have led a team, but left 'Largest team led' unanswered: answer it."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_flag_is_raised_in_json_the_terminal_report_and_the_markdown_plan(case, invoke, tmp_path):
    facts, comps, expected, words = CASES[case]
    path = write(tmp_path, facts, comps)
    data = json.loads(run(invoke, path, "json"))
    assert [(f["code"], f["params"]) for f in data["flags"]] == expected
    assert words in data["flags"][-1]["text"]
    report = flat(run(invoke, path, "text"))
    assert "Answers to check (the placement takes them as given):" in report
    assert words in report
    plan = flat(run(invoke, path, "markdown", command="plan"))
    assert words in plan and "Answers to check" in plan


def test_the_flags_speak_chinese_with_the_rest_of_the_report(invoke, tmp_path):
    facts, comps, _expected, _words = CASES["years managing above years of experience"]
    path = write(tmp_path, facts, comps)
    report = flat(invoke("assess", "--ladder", "pmo-sequence", "--profile", path, "--today", TODAY, "--lang", "zh").stdout)
    assert "需要核对的回答" in report and "多于您对“项目工作年限”填写的4年" in report


@pytest.mark.parametrize("ladder", LADDER_IDS)
def test_a_consistent_profile_raises_no_flag(ladder, invoke):
    alex = REPO / "ladders" / "examples" / "profile-alex.yaml"
    data = json.loads(run(invoke, alex, "json", ladder=ladder))
    assert data["flags"] == []
    assert "Answers to check" not in run(invoke, alex, "text", ladder=ladder)
    assert "Answers to check" not in run(invoke, alex, "markdown", command="plan", ladder=ladder)


# Just inside and just outside every threshold: (facts, competencies, codes raised)
EDGES = [
    ({"years_experience": 9, "years_managing": F.MANY_YEARS, "team_size": 3}, {c: F.LOW_RATING for c in COMPS[:F.MIN_RATED]},
     ["many-years-low-ratings"]),
    ({"years_experience": 9, "years_managing": F.MANY_YEARS - 0.5, "team_size": 3}, {c: F.LOW_RATING for c in COMPS[:F.MIN_RATED]}, []),
    ({"years_experience": 9, "years_managing": 9, "team_size": 3}, {c: F.LOW_RATING for c in COMPS[:F.MIN_RATED - 1]}, []),
    ({"years_experience": 9, "years_managing": 9, "team_size": 3}, {**ALL_LOW, COMPS[5]: F.LOW_RATING + 1}, []),
    ({"years_experience": F.FEW_YEARS - 0.5, "team_size": 3}, {c: F.HIGH_RATING for c in COMPS[:F.MIN_RATED]}, ["few-years-high-ratings"]),
    ({"years_experience": F.FEW_YEARS, "team_size": 3}, {c: F.HIGH_RATING for c in COMPS[:F.MIN_RATED]}, []),
    ({"years_experience": 1, "team_size": 3}, {**{c: 5 for c in COMPS[:4]}, COMPS[5]: F.HIGH_RATING - 1}, []),
    ({"years_experience": 6, "years_managing": 6, "team_size": 3}, MIDDLE, []),  # equal is not above
    ({"years_managing": 0, "team_size": 3}, MIDDLE, []),  # none of a part implies nothing of the whole
    ({"years_experience": 6, "years_leading_managers": 0}, {**MIDDLE, "leadership": 3}, []),  # no team implied
    ({"years_experience": 6, "years_leading_managers": 1, "team_size": 12}, {**MIDDLE, "leadership": 5}, []),  # the team answered
]


@pytest.mark.parametrize("facts, comps, codes", EDGES)
def test_the_thresholds_are_where_the_docs_put_them(facts, comps, codes, invoke, tmp_path):
    data = json.loads(run(invoke, write(tmp_path, facts, comps), "json"))
    assert [f["code"] for f in data["flags"]] == codes


def test_a_hostile_fact_name_in_a_flag_is_escaped_in_every_format(invoke, tmp_path):
    """A ladder's own fact, named with terminal escapes and Markdown, flagged as more than the years it is part of."""
    ladder = yaml.safe_load((REPO / "examples" / "ladders" / "custom-ladder.yaml").read_text(encoding="utf-8"))
    name = "Odd \x1b]0;owned\x07\u202e*years* [x](http://e.x)"
    ladder["facts"] = {"odd_years": {"name": name, "question": "How many?", "unit": "years", "max": 50, "grows": "time",
                                     "months_per_unit": 12, "at_most": "years_experience", "advice": [{"from": 0, "text": "Do it."}]}}
    for level in ladder["levels"]:
        level["requires"].setdefault("facts", {})["odd_years"] = 1
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "acme.yaml").write_text(yaml.safe_dump(ladder), encoding="utf-8")
    path = write(tmp_path, {"years_experience": 2, "odd_years": 5}, MIDDLE)
    args = ("assess", "--ladder", "acme-delivery", "--ladders-dir", folder, "--profile", path, "--today", TODAY)
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    flag = json.loads(result.stdout)["flags"][0]
    assert flag["code"] == "part-above-whole" and name in flag["text"]  # JSON gives the text back whole
    for fmt, command in (("text", "assess"), ("markdown", "plan")):
        out = invoke(command, *args[1:], "--format", fmt).stdout
        assert "Answers to check" in out
        assert not re.search("[\x1b\x07\u202e]", out)
    assert "*years*" not in invoke("plan", *args[1:], "--format", "markdown").stdout  # Markdown emphasis escaped


# --- the property: flags are exactly the documented ones, and they never move the placement ----------------


@functools.lru_cache(maxsize=None)
def ladders():
    from pmladder.inputs.loader import load_library

    lib = load_library(environ={"PMLADDER_NO_CACHE": "1"})
    return tuple(lib.get(i).ladder for i in LADDER_IDS)


FACTS = ("years_experience", "years_managing", "years_program", "years_pmo", "years_leading_managers", "team_size",
         "concurrent_projects", "pm_training_hours")
WHOLE = {k: v.get("at_most") for k, v in CATALOG_RAW["facts"].items()}


BENDS = ("none", "low", "high", "above", "blank-whole", "blank-team")


# The strategies `people` draws from, made once (hypothesis checks each new strategy object when it is first
# drawn from): the same strategies, so the same examples.
_YEARS = st.integers(0, 30) | st.sampled_from([0.5, 2.5, 4.5])
_FACTS = st.dictionaries(st.sampled_from(FACTS), _YEARS, max_size=len(FACTS))
_COMPS = st.dictionaries(st.sampled_from(COMPS), st.integers(0, 5), max_size=8)
_RATED = st.lists(st.sampled_from(COMPS), min_size=F.MIN_RATED - 1, max_size=F.MIN_RATED + 3, unique=True)
_LOW_YEARS = st.sampled_from([-0.5, 0, 7])
_HIGH_YEARS = st.sampled_from([-2, -0.5, 0])
_PART = st.sampled_from([k for k in FACTS if WHOLE.get(k)])
_LEADING = st.sampled_from([0, 0.5, 1, 3])
_EDUCATION = st.sampled_from(["secondary", "bachelor", "master"])
_CERTS = st.lists(st.sampled_from(["CAPM", "PMP", "PRINCE2-Foundation", "PSM-I"]), unique=True, max_size=2)


@st.composite
def people(draw, bend: str) -> dict:
    """A profile of catalog answers, bent (but for "none") to sit at the edge of one flag or another."""
    facts = draw(_FACTS)
    comps = draw(_COMPS)
    # near every threshold: the years just below, at and above it; ratings all on one side, or one across it
    rated = draw(_RATED)
    across = draw(st.booleans())
    if bend == "low":
        facts["years_managing"] = F.MANY_YEARS + draw(_LOW_YEARS)
        comps = {c: draw(st.integers(0, F.LOW_RATING)) for c in rated} | ({rated[-1]: F.LOW_RATING + 1} if across else {})
    elif bend == "high":
        facts["years_experience"] = F.FEW_YEARS + draw(_HIGH_YEARS)
        comps = {c: draw(st.integers(F.HIGH_RATING, 5)) for c in rated} | ({rated[-1]: F.HIGH_RATING - 1} if across else {})
    elif bend == "above":
        part = draw(_PART)
        facts[WHOLE[part]] = draw(st.integers(0, 10))
        facts[part] = facts[WHOLE[part]] + draw(st.integers(-1, 10))
    elif bend == "blank-whole":
        facts.pop("years_experience", None)
    elif bend == "blank-team":
        facts.pop("team_size", None)
        comps["leadership"] = draw(st.integers(2, 5))
        facts["years_leading_managers"] = draw(_LEADING)
    facts = {k: v for k, v in facts.items() if v >= 0}
    return {"schema_version": 1, "education": draw(_EDUCATION), "certifications": draw(_CERTS),
            "facts": facts, "competencies": comps}


def documented_flags(person: dict, asks_team: bool = True) -> list[str]:
    """The flags the README's rules give, written apart from engine/flags.py (only its judgment numbers are shared).
    `asks_team`: the ladder asks about the largest team led (a blank one is checked only then)."""
    facts, comps = person["facts"], person["competencies"]
    ratings = list(comps.values())
    out = []
    if len(ratings) >= F.MIN_RATED and facts.get("years_managing", -1) >= F.MANY_YEARS and all(r <= F.LOW_RATING for r in ratings):
        out.append("many-years-low-ratings")
    if len(ratings) >= F.MIN_RATED and facts.get("years_experience", 99) < F.FEW_YEARS and all(r >= F.HIGH_RATING for r in ratings):
        out.append("few-years-high-ratings")
    for part, whole in WHOLE.items():
        if whole and part in facts:
            if whole not in facts and facts[part] > 0:
                out.append("implied-blank")
            elif whole in facts and facts[part] > facts[whole]:
                out.append("part-above-whole")
    if "team_size" not in facts and asks_team:
        out += ["implied-blank"] * ((facts.get("years_leading_managers", 0) >= 1) + (comps.get("leadership", 0) >= 4))
    return sorted(out)


@functools.lru_cache(maxsize=None)
def asks_about_team(ladder_id: str) -> bool:
    """The ladder's file names the largest team led (read once a process, not at every example)."""
    return "team_size" in (LADDER_FILES / f"{ladder_id}.yaml").read_text(encoding="utf-8")


def placement(a) -> tuple:
    return (a.best and a.best.id, a.fully and a.fully.id, tuple(lv.id for lv in a.next),
            tuple((f.level.id, f.met, f.short, f.missing, f.unknown, f.reached) for f in a.fits))


@pytest.mark.parametrize("bend", BENDS)
@SETTINGS
@given(data=st.data())
def test_flags_are_the_documented_ones_and_never_change_the_placement(bend, data):
    person = data.draw(people(bend))
    profile = to_profile(person)
    today = dt.date.fromisoformat(TODAY)
    for ladder in ladders():
        plan = make_plan(ladder, profile, today)
        asks_team = asks_about_team(ladder.id)
        assert sorted(f.code for f in plan.flags) == documented_flags(person, asks_team), ladder.id
        assert placement(plan.assessment) == placement(assess(ladder, profile, today)), ladder.id
        shown = plan_json(plan)
        bare = plan_json(plan._replace(flags=()))
        assert len(shown.pop("flags")) == len(plan.flags) and bare.pop("flags") == []
        assert shown == bare, ladder.id  # nothing else the plan shows depends on the flags
