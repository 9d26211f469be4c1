"""The persona table (tests/personas.py) judged against `pmladder assess` (issue 8, point 7).

Every persona is written to a profile file and assessed on every shipped ladder with

    pmladder assess --profile FILE --ladder LADDER --format json --today 2026-12-02

in-process (the `invoke` fixture of conftest.py). The checks:

* best fit within the range a hiring manager finds sensible, and fully met at or below it;
* no advice contradicts the profile (issue 8.4): nothing held or implied is asked for again,
  experience the person has is not advised as a first step;
* the roadmap serves its titles (issue 8.5): no step done after its title's milestone and no
  step for a title beyond the target;
* two hypothesis properties over profiles drawn near the personas: raising one answer never
  lowers the placement, and the placement is well formed and repeatable for every input.

The ladder files and the catalog are read here with plain `yaml.safe_load`, never through
pmladder, so the expectations do not share the engine's code. A few table checks at the end
(ranges name real levels, the profiles are realistic, Alex matches examples/) guard the table.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessed import persona_assessed, run_assess
from personas import ALEX, BY_KEY, LADDERS, PERSONAS, Fit

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-12-02"
EDUCATION = ("none", "secondary", "bachelor", "master", "doctorate")
SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load's loader, in C where PyYAML has libyaml


def _read(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE)  # yaml.safe_load, in C where there is libyaml


CATALOG = _read(REPO / "ladders" / "catalog.yaml")
SHIPPED = {
    data["id"]: data
    for data in (_read(p) for p in sorted((REPO / "ladders").glob("*.yaml")))
    if isinstance(data, dict) and "levels" in data
}


# --- the ladders as plain data ----------------------------------------------------------------


def level_ids(ladder: str) -> list[str]:
    return [lv["id"] for lv in SHIPPED[ladder]["levels"]]


def index(ladder: str, level_id: str | None) -> int:
    """Position in the ladder file; "not yet on this ladder" (None) is below the first level."""
    return -1 if level_id is None else level_ids(ladder).index(level_id)


def title(ladder: str, level_id: str | None) -> str:
    if level_id is None:
        return "not yet on this ladder"
    return next(lv["title"] for lv in SHIPPED[ladder]["levels"] if lv["id"] == level_id)


def _reach() -> dict[str, dict[str, set[str]]]:
    """For each ladder, each level id -> the levels reachable above it through `next`."""
    out = {}
    for lid, data in SHIPPED.items():
        nxt = {lv["id"]: list(lv.get("next") or []) for lv in data["levels"]}
        reach = {}
        for start in nxt:
            seen, todo = set(), list(nxt[start])
            while todo:
                here = todo.pop()
                if here not in seen:
                    seen.add(here)
                    todo.extend(nxt.get(here, ()))
            reach[start] = seen
        out[lid] = reach
    return out


REACH = _reach()


def at_or_below(ladder: str, lower: str | None, upper: str | None) -> bool:
    """`lower` is `upper` or a title on the way up to it (branches are not ordered)."""
    if lower is None:
        return True
    if upper is None:
        return False
    return lower == upper or upper in REACH[ladder][lower]


def level_id(value) -> str | None:
    """A level as the JSON gives it: {"id", "title"}, an id, or null."""
    if isinstance(value, dict):
        return value.get("id")
    return value


# --- what a person holds and what it proves (catalog `implies`, read here) ------------------


def held_closure(certs) -> set[str]:
    """The certifications held plus every one they imply (IPMA-B -> IPMA-C -> IPMA-D, ...)."""
    held, todo = set(), list(certs or [])
    while todo:
        cert = todo.pop()
        if cert in held:
            continue
        held.add(cert)
        implies = (CATALOG["certifications"].get(cert) or {}).get("implies") or {}
        todo.extend(implies.get("certifications") or [])
    return held


def implied_facts(certs) -> dict[str, tuple[float, str]]:
    """fact -> (the least value a held certification proves, that certification)."""
    out: dict[str, tuple[float, str]] = {}
    for cert in sorted(held_closure(certs)):
        implies = (CATALOG["certifications"].get(cert) or {}).get("implies") or {}
        for fact, value in (implies.get("facts") or {}).items():
            if fact not in out or value > out[fact][0]:
                out[fact] = (value, cert)
    return out


def effective_fact(profile: dict, fact: str) -> float | None:
    """The answer, or what a held certification proves, whichever is higher; None if neither."""
    answered = (profile.get("facts") or {}).get(fact)
    implied = implied_facts(profile.get("certifications")).get(fact, (None, ""))[0]
    known = [v for v in (answered, implied) if v is not None]
    return max(known) if known else None


def cert_aliases(cert: str) -> list[str]:
    """Ways advice may name a certification: PMP; PRINCE2-Foundation / PRINCE2 Foundation; IPMA C."""
    names = {cert.lower(), cert.lower().replace("-", " ")}
    name = (CATALOG["certifications"].get(cert) or {}).get("name")
    if name:
        names.add(name.lower())
    return sorted(names)


# --- running the command -----------------------------------------------------------------------


def assess(invoke, folder: Path, profile: dict, ladder: str) -> dict:
    return run_assess(invoke, folder, profile, ladder, TODAY)


def placed(invoke, folder: Path, key: str, ladder: str) -> dict:
    """The assess JSON of persona `key` on `ladder`, computed once per test process (the three
    per-person checks below and test_where.py read the same result; each gets its own copy)."""
    return persona_assessed(invoke, folder, key, ladder, TODAY)


def need(data: dict, *keys):
    """data[k1][k2]...; a missing key fails with the keys the JSON does have."""
    here = data
    for i, key in enumerate(keys):
        if not isinstance(here, dict) or key not in here:
            where = ".".join(keys[:i]) or "the top level"
            have = sorted(here) if isinstance(here, dict) else type(here).__name__
            raise AssertionError(f"assess JSON has no '{'.'.join(keys[: i + 1])}' (keys at {where}: {have})")
        here = here[key]
    return here


def placement_of(data: dict) -> tuple[str | None, str | None, dict]:
    placement = need(data, "placement")
    need(data, "placement", "best_fit")
    need(data, "placement", "fully_met")
    return level_id(placement["best_fit"]), level_id(placement["fully_met"]), placement


def describe_placement(ladder: str, placement: dict) -> str:
    best, full = level_id(placement.get("best_fit")), level_id(placement.get("fully_met"))
    lines = [f"  pmladder says: best fit {title(ladder, best)}; fully meets {title(ladder, full) if full else 'nothing yet'}"]
    lines.append(f"  why: {placement.get('why')}")
    confirm = placement.get("to_confirm") or []
    if confirm:
        items = ", ".join(f"{c.get('label') or c.get('key')} {c.get('have')} of {c.get('need')}" for c in confirm)
        lines.append(f"  to confirm: {items}")
    return "\n".join(lines)


def objection(key: str, ladder: str, placement: dict, expected: Fit, problem: str) -> str:
    persona = BY_KEY[key]
    span = title(ladder, expected.low) if expected.low == expected.high else f"{title(ladder, expected.low)} .. {title(ladder, expected.high)}"
    return (
        f"\nA hiring manager on {ladder} objects ({problem}) for {key}: {persona.who}\n"
        f"{describe_placement(ladder, placement)}\n"
        f"  I'd place them: {span}, because\n"
        f"    {expected.why[0]}\n"
        f"    {expected.why[1]}"
    )


CASES = [pytest.param(p.key, ladder, id=f"{p.key}@{ladder}") for p in PERSONAS for ladder in LADDERS]


# --- 1. placement -------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "ladder"), CASES)
def test_best_fit_is_where_a_hiring_manager_would_place_them(key, ladder, invoke, tmp_path):
    expected = BY_KEY[key].fits[ladder]
    data = placed(invoke, tmp_path, key, ladder)
    best, full, placement = placement_of(data)
    for name, value in (("best_fit", best), ("fully_met", full)):
        assert value is None or value in level_ids(ladder), f"placement.{name} '{value}' is no level of {ladder}"
    low, high, here = index(ladder, expected.low), index(ladder, expected.high), index(ladder, best)
    assert low <= here, objection(key, ladder, placement, expected, "placed too low")
    assert here <= high, objection(key, ladder, placement, expected, "placed too high")
    assert at_or_below(ladder, full, best), objection(
        key, ladder, placement, expected, f"fully meets {title(ladder, full)}, which is not at or below the best fit"
    )


# --- 2. advice fitted to the person (issue 8.4) -------------------------------------------------

FIRST_PROJECT = ("own a small project", "ask to own", "run a small project", "first project of your own")
EARN = re.compile(r"\b(?:earn|obtain|gain|get)\b([^.;:()]*)", re.IGNORECASE)


def advice_items(data: dict) -> list[tuple[str, dict]]:
    """("gap" | "step", item) for every gap and roadmap step."""
    return [("gap", g) for g in need(data, "gaps")] + [("step", s) for s in need(data, "roadmap")]


def how_text(item: dict) -> str:
    how = item.get("how") or ""
    return " ".join(how) if isinstance(how, (list, tuple)) else str(how)


def contradictions(profile: dict, data: dict) -> list[str]:
    held = held_closure(profile.get("certifications"))
    implied = implied_facts(profile.get("certifications"))
    projects = effective_fact(profile, "concurrent_projects")
    managing = effective_fact(profile, "years_managing")
    found = []
    for where, item in advice_items(data):
        kind, key, text = item.get("kind"), str(item.get("key")), how_text(item)
        label = f"{where} {kind}:{key} ({item.get('label')})"
        if kind == "cert" and key in held:
            found.append(f"{label} asks for a certification the person holds or one they hold implies")
        if kind == "certs" and held & set(key.split("|")):
            found.append(f"{label} asks for one of {key}, but {sorted(held & set(key.split('|')))} already meets it")
        if kind == "fact" and key in implied and isinstance(item.get("need"), (int, float)) and implied[key][0] >= item["need"]:
            found.append(f"{label} asks for {item['need']} though {implied[key][1]} proves {implied[key][0]}")
        lowered = text.lower()
        for clause in EARN.findall(text):
            for cert in sorted(held):
                if any(re.search(rf"\b{re.escape(alias)}\b", clause.lower()) for alias in cert_aliases(cert)):
                    found.append(f"{label} says '{text}', but the person holds {cert}")
        if projects is not None and projects >= 2 and "second project" in lowered:
            found.append(f"{label} says '{text}' to someone running {projects:g} projects at once")
        if managing is not None and managing >= 1 and any(p in lowered for p in FIRST_PROJECT):
            found.append(f"{label} says '{text}' to someone with {managing:g} years managing projects")
    return found


@pytest.mark.parametrize(("key", "ladder"), CASES)
def test_no_advice_contradicts_the_profile(key, ladder, invoke, tmp_path):
    profile = BY_KEY[key].profile
    data = placed(invoke, tmp_path, key, ladder)
    found = contradictions(profile, data)
    assert not found, f"\n{key} on {ladder} ({BY_KEY[key].who}) is told:\n  " + "\n  ".join(found)


# --- 3. the roadmap serves its titles (issue 8.5) -----------------------------------------------


@pytest.mark.parametrize(("key", "ladder"), CASES)
def test_no_roadmap_step_comes_after_the_title_it_serves(key, ladder, invoke, tmp_path):
    data = placed(invoke, tmp_path, key, ladder)
    target = level_id(need(data, "target"))
    ready = {level_id(m["level"]): m["ready_month"] for m in need(data, "milestones")}
    found = []
    for step in need(data, "roadmap"):
        served = level_id(step.get("level"))
        label = f"step {step.get('id')} {step.get('kind')}:{step.get('key')} for {served}"
        if served is None:
            continue
        if target is None or not at_or_below(ladder, served, target):
            found.append(f"{label} serves a title beyond the target {target}")
        if served not in ready:
            found.append(f"{label} has no milestone for its title (milestones: {sorted(map(str, ready))})")
        elif step["done_month"] is not None and ready[served] is not None and step["done_month"] > ready[served]:
            found.append(f"{label} is done in month {step['done_month']}, after its title is ready in month {ready[served]}")
    assert not found, f"\n{key} on {ladder}, target {target}:\n  " + "\n  ".join(found)


# --- 4. properties over profiles near the personas (hypothesis) ---------------------------------

FACTS = CATALOG["facts"]
ANSWERED = [p for p in PERSONAS if p.profile.get("facts") or p.profile.get("competencies")]
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fact_room(profile: dict, fact: str) -> float:
    """How far a fact can rise and stay realistic: below its `at_most` fact and the catalog max."""
    facts = profile.get("facts") or {}
    cap = FACTS[fact].get("max", 50)
    other = FACTS[fact].get("at_most")
    if other and other in facts:
        cap = min(cap, facts[other])
    return cap - facts[fact]


@st.composite
def one_answer_raised(draw):
    persona = draw(st.sampled_from(ANSWERED))
    ladder = draw(st.sampled_from(LADDERS))
    before = persona.profile
    after = copy.deepcopy(before)
    comps, facts, edu = before.get("competencies") or {}, before.get("facts") or {}, before.get("education")
    choices = [("competency", c) for c, r in comps.items() if r < 5]
    choices += [("fact", f) for f in facts if fact_room(before, f) >= 1]
    if edu is not None and edu != EDUCATION[-1]:
        choices.append(("education", "education"))
    kind, key = draw(st.sampled_from(choices))
    if kind == "competency":
        old, new = comps[key], draw(st.integers(comps[key] + 1, 5))
        after["competencies"][key] = new
    elif kind == "fact":
        step = draw(st.integers(1, int(min(fact_room(before, key), 100 if key == "pm_training_hours" else 10))))
        old, new = facts[key], facts[key] + step
        after["facts"][key] = new
    else:
        old, new = edu, draw(st.sampled_from(EDUCATION[EDUCATION.index(edu) + 1:]))
        after["education"] = new
    return persona.key, ladder, after, f"{key} {old} -> {new}"


@PROPERTY
@given(case=one_answer_raised())
def test_raising_one_answer_never_lowers_the_placement(case, invoke, tmp_path):
    key, ladder, raised, change = case
    before = placed(invoke, tmp_path, key, ladder)
    after = assess(invoke, tmp_path, raised, ladder)
    best0, full0, placement0 = placement_of(before)
    best1, full1, placement1 = placement_of(after)
    story = (f"\n{key} on {ladder}, raising {change}:\nbefore:\n{describe_placement(ladder, placement0)}\n"
             f"after:\n{describe_placement(ladder, placement1)}")
    assert not (at_or_below(ladder, best1, best0) and best1 != best0), "best fit went down" + story
    assert not (at_or_below(ladder, full1, full0) and full1 != full0), "fully met went down" + story


@st.composite
def near_a_persona(draw):
    """A persona with some answers left out and some ratings moved one step; values stay realistic."""
    persona = draw(st.sampled_from(ANSWERED))
    ladder = draw(st.sampled_from(LADDERS))
    profile = copy.deepcopy(persona.profile)
    comps = profile.get("competencies") or {}
    for comp in sorted(comps):
        move = draw(st.sampled_from(("keep", "keep", "up", "down", "drop")))
        if move == "drop":
            del comps[comp]
        elif move == "up":
            comps[comp] = min(5, comps[comp] + 1)
        elif move == "down":
            comps[comp] = max(0, comps[comp] - 1)
    facts = profile.get("facts") or {}
    for fact in sorted(facts):
        if fact != "years_experience" and draw(st.booleans()) and draw(st.booleans()):
            del facts[fact]
    if draw(st.integers(0, 4)) == 0:
        profile.pop("education", None)
    if draw(st.integers(0, 4)) == 0:
        profile.pop("certifications", None)
    return persona.key, ladder, profile


@settings(PROPERTY, max_examples=30)
@given(case=near_a_persona())
def test_placement_is_well_formed_and_repeatable_for_every_profile(case, invoke, tmp_path):
    key, ladder, profile = case
    first = assess(invoke, tmp_path, profile, ladder)
    again = assess(invoke, tmp_path, profile, ladder)
    best, full, placement = placement_of(first)
    story = f"\nnear {key} on {ladder}: {json.dumps(profile, ensure_ascii=False)}\n{describe_placement(ladder, placement)}"
    assert best is None or best in level_ids(ladder), f"best_fit '{best}' is no level" + story
    assert full is None or full in level_ids(ladder), f"fully_met '{full}' is no level" + story
    assert at_or_below(ladder, full, best), "fully met is above the best fit" + story
    # suggested commands name the profile file, which differs between the two runs
    same = [re.sub(r"profile-\d+\.yaml", "profile.yaml", json.dumps(x, sort_keys=True)) for x in (first, again)]
    assert same[0] == same[1], "the same profile gave two different results" + story


# --- the table itself (these pass without the engine) -------------------------------------------

REQUIRED = ("veteran", "veteran-no-education", "career-changer", "pmp-holder", "agile-lead", "programme-manager",
            "pmo-lead", "executive", "empty", "wang-fang", "alex", "junior-coordinator", "fresh-graduate",
            "mid-level-with-blanks", "skills-no-years", "one-skill-short", "prince2-practitioner", "ipma-b")


def test_table_has_the_issue_s_people_on_every_shipped_ladder():
    assert len(PERSONAS) >= 15
    assert len(BY_KEY) == len(PERSONAS), "persona keys must be unique"
    assert set(REQUIRED) <= set(BY_KEY)
    assert set(LADDERS) == set(SHIPPED), f"the table covers {sorted(LADDERS)}, ladders/ ships {sorted(SHIPPED)}"
    for persona in PERSONAS:
        assert set(persona.fits) == set(SHIPPED), persona.key


def test_table_keeps_the_issue_s_done_when_lines():
    # "the veteran above is placed at Senior Project Manager or higher on pm-titles"
    for key in ("veteran", "veteran-no-education"):
        assert index("pm-titles", BY_KEY[key].fits["pm-titles"].low) >= index("pm-titles", "senior-project-manager")
    # "the sample profile is at Junior Project Manager or higher on pmo-sequence"
    assert index("pmo-sequence", BY_KEY["alex"].fits["pmo-sequence"].low) >= index("pmo-sequence", "junior-project-manager")


@pytest.mark.parametrize(("key", "ladder"), CASES)
def test_range_names_real_levels_in_order_on_one_branch(key, ladder):
    expected = BY_KEY[key].fits[ladder]
    ids = level_ids(ladder)
    for end in (expected.low, expected.high):
        assert end is None or end in ids, f"{key}@{ladder}: '{end}' is no level of {ladder}"
    low, high = index(ladder, expected.low), index(ladder, expected.high)
    assert low <= high
    for between in ids[max(low, 0): high + 1]:
        assert at_or_below(ladder, expected.low, between) and at_or_below(ladder, between, expected.high), (
            f"{key}@{ladder}: the range {expected.low}..{expected.high} takes in {between}, on another branch"
        )
    assert len(expected.why) == 2 and all(line.strip() for line in expected.why), f"{key}@{ladder}: two lines of reason"


@pytest.mark.parametrize("key", [p.key for p in PERSONAS])
def test_profile_is_realistic(key):
    profile = BY_KEY[key].profile
    assert set(profile) <= {"schema_version", "name", "education", "facts", "certifications", "other_certifications", "competencies"}
    assert profile["schema_version"] == 1
    assert profile.get("education", "none") in EDUCATION
    facts = profile.get("facts") or {}
    for fact, value in facts.items():
        assert fact in FACTS, fact
        assert isinstance(value, (int, float)) and 0 <= value <= FACTS[fact].get("max", 50), (fact, value)
        if FACTS[fact]["unit"] in ("people", "projects"):
            assert isinstance(value, int), f"{fact} counts whole {FACTS[fact]['unit']}"
        other = FACTS[fact].get("at_most")
        if other and other in facts:
            assert value <= facts[other], f"{fact} {value} is more than {other} {facts[other]}"
    for cert in profile.get("certifications") or []:
        assert cert in CATALOG["certifications"], cert
    for comp, rating in (profile.get("competencies") or {}).items():
        assert comp in CATALOG["competencies"], comp
        assert isinstance(rating, int) and 0 <= rating <= 5, (comp, rating)


def test_alex_is_the_sample_profile():
    assert _read(REPO / "ladders" / "examples" / "profile-alex.yaml") == ALEX


def test_veteran_variant_differs_only_in_education():
    veteran, variant = BY_KEY["veteran"].profile, BY_KEY["veteran-no-education"].profile
    assert "education" not in variant
    assert {k: v for k, v in veteran.items() if k not in ("education", "name")} == {k: v for k, v in variant.items() if k != "name"}
