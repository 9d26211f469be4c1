"""Named rating scales (issue 20, "Scales"): a ladder or the catalog defines a scale's points by name; a
competency is rated on it; ratings asked and given are checked against its top; the cache keeps it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmladder.engine import types as d
from pmladder.inputs import cache, loader
from pmladder.inputs.yamlsafe import DataError, read_file

PRACTICE = ["Not yet", "Awareness", "Working", "Practitioner", "Expert"]
LEVELS6 = ["Not yet", "Awareness", "Working", "Practitioner", "Expert", "Strategic"]
SFIA = ["None", "Follow", "Assist", "Apply", "Enable", "Ensure, advise", "Initiate, influence"]


def own_competency(name: str, points: int, scale: str | None = None) -> str:
    ratings = "".join(f"\n      - Rating {i} of {name}." for i in range(points))
    grow = "".join(f"\n      - Step {i} to {i + 1} of {name}." for i in range(points - 1))
    line = f"\n    scale: {scale}" if scale else ""
    return (f"  {name}:\n    name: {name.title()}\n    description: What {name} is.{line}\n    months_per_step: 6\n"
            f"    ratings:{ratings}\n    grow:{grow}\n")


def ladder_text(*, ladder_scale: str | None = "levels6", own: str | None = None, need: int = 3, talk: int = 3,
                extra_scales: str = "") -> str:
    """A two-level ladder with a 5-point named scale for its own `delivery`, and `levels6` (6 points) for the catalog's."""
    own = own if own is not None else own_competency("delivery", 5, "practice")
    top = f"scale: {ladder_scale}\n" if ladder_scale else ""
    return f"""schema_version: 1
id: acme
name: Acme delivery framework
source: Written for the tests
description: Two levels rated on the framework's own scale.
{top}scales:
  practice:
    names: {json.dumps(PRACTICE)}
    translations:
      zh: {{names: ["尚未", "了解", "能做", "熟练", "专家"]}}
  levels6:
    names: {json.dumps(LEVELS6)}
    show: name
  sfia:
    names: {json.dumps(SFIA)}
{extra_scales}competencies:
{own}tiers:
  entry: {{name: Entry level}}
  mid: {{name: Mid level}}
levels:
  - id: officer
    title: Delivery Officer
    tier: entry
    summary: Helps deliver projects.
    requires:
      facts: {{years_experience: 1}}
      competencies: {{delivery: 2, communication: 2}}
    next: [manager]
  - id: manager
    title: Delivery Manager
    tier: mid
    summary: Delivers projects.
    requires:
      facts: {{years_experience: 3}}
      competencies: {{delivery: {need}, communication: {talk}}}
    next: []
"""


def write(tmp_path: Path, text: str, name: str = "acme.yaml") -> Path:
    folder = tmp_path / "ladders"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def parse(path: Path) -> d.Ladder:
    return loader.parse_ladder(read_file(path), loader.load_catalog())


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        parse(path)
    return [f"{p.line}:{p.col}: {p.message}" for p in exc.value.problems]


# --- the format -----------------------------------------------------------------------------------


def test_a_ladder_with_a_named_scale_loads_and_validates(tmp_path, invoke):
    path = write(tmp_path, ladder_text())
    ladder = parse(path)
    delivery = ladder.comps["delivery"]
    assert delivery.scale.id == "practice" and delivery.scale.names == tuple(PRACTICE) and delivery.top == 4
    assert delivery.scale.name(3) == "Practitioner" and delivery.scale.name(3, "zh") == "熟练"
    assert delivery.scale.name(3, "de") == "Practitioner"  # a language the scale lacks: its English names
    # the ladder's scale names the catalog's competencies of six points, shown by name only
    assert ladder.comps["communication"].scale.names == tuple(LEVELS6) and ladder.comps["communication"].scale.show == "name"
    result = invoke("validate", path)
    assert result.exit_code == 0, result.output


def test_without_scales_a_competency_keeps_the_builtin_scale(tmp_path):
    ladder = parse(write(tmp_path, ladder_text(ladder_scale=None, own=own_competency("delivery", 6))))
    assert ladder.comps["delivery"].scale == d.NUMERIC and ladder.comps["delivery"].top == 5
    assert ladder.comps["communication"].scale == d.NUMERIC
    assert loader.load_catalog().comps["risk"].scale == d.NUMERIC


def test_the_ladder_scale_is_the_default_for_its_own_competencies(tmp_path):
    ladder = parse(write(tmp_path, ladder_text(ladder_scale="practice", own=own_competency("delivery", 5))))
    assert ladder.comps["delivery"].scale.id == "practice"
    # five points against the catalog's six: the catalog's competencies keep numbers
    assert ladder.comps["communication"].scale == d.NUMERIC


def test_a_rating_above_the_scales_top_in_a_requirement_is_a_positioned_problem(tmp_path, invoke):
    path = write(tmp_path, ladder_text(need=5))
    result = invoke("validate", path)
    assert result.exit_code == 65
    line = [ln for ln in result.stderr.splitlines() if "is above its top" in ln]
    assert line == [f"{path}:52:32: levels[1].requires.competencies.delivery: delivery is rated on 'practice' (0 to 4); "
                    "5 is above its top: ask for 4 or less"], result.stderr


def test_any_competencies_rating_is_checked_against_each_scale(tmp_path):
    text = ladder_text().replace("      competencies: {delivery: 2, communication: 2}\n",
                                 "      competencies: {delivery: 2, communication: 2}\n"
                                 "      any_competencies: [{n: 1, of: [communication, delivery], rating: 5}]\n")
    found = problems_of(write(tmp_path, text))
    assert found == ["45:72: levels[0].requires.any_competencies[0].rating: delivery is rated on 'practice' (0 to 4); "
                     "5 is above its top: ask for 4 or less"]


def test_a_rating_above_ten_is_refused_by_the_format(tmp_path):
    found = problems_of(write(tmp_path, ladder_text(talk=11)))
    assert any("levels[1].requires.competencies.communication" in p and "10" in p for p in found), found


@pytest.mark.parametrize(("field", "count", "message"), [
    ("ratings", 6, "competencies.delivery.ratings: 6 lines for 'practice' (0 to 4), which has 5 points: "
                   "give one line per point, from 0 up"),
    ("grow", 5, "competencies.delivery.grow: 5 lines for 'practice' (0 to 4), which has 4 steps: "
                "give one line per step, from 0 to 1 up to 3 to 4"),
])
def test_the_wrong_number_of_lines_for_the_scale_names_the_scale_and_the_count(tmp_path, field, count, message):
    own = own_competency("delivery", 5, "practice")
    extra = f"      - One line too many.\n"
    own = own.replace("    grow:", extra + "    grow:") if field == "ratings" else own + extra
    found = problems_of(write(tmp_path, ladder_text(own=own)))
    assert [p.split(": ", 1)[1] for p in found] == [message]
    assert found[0].split(":")[0] == ("24" if field == "ratings" else "30")


def test_translated_lines_are_counted_against_the_scale_too(tmp_path):
    own = own_competency("delivery", 5, "practice") + "    translations:\n      zh:\n        grow: [一, 二, 三, 四, 五]\n"
    found = problems_of(write(tmp_path, ladder_text(own=own)))
    assert [p.split(": ", 1)[1] for p in found] == [
        "competencies.delivery.translations.zh.grow: 5 lines for 'practice' (0 to 4), which has 4 steps: "
        "give one line per step, from 0 to 1 up to 3 to 4"]


def test_an_unknown_scale_is_named_with_the_known_ones(tmp_path):
    found = problems_of(write(tmp_path, ladder_text(ladder_scale="practise")))
    assert len(found) == 1 and "unknown scale 'practise' (did you mean 'practice'?)" in found[0], found
    assert found[0].startswith("6:8: ")


def test_a_scale_of_two_points_or_with_mismatched_translations_is_refused(tmp_path):
    two = "  short:\n    names: [Low, High]\n"
    found = problems_of(write(tmp_path, ladder_text(extra_scales=two)))
    assert any(p.startswith("18:") and "scales.short.names" in p and "a scale has 3 to 11 points" in p for p in found), found
    bad = "  partial:\n    names: [A, B, C, D]\n    translations:\n      zh: {names: [甲, 乙, 丙]}\n"
    found = problems_of(write(tmp_path, ladder_text(extra_scales=bad)))
    assert any("3 names in 'zh' for 4 points: give one name per point, from 0 up" in p for p in found), found


def test_role_ratings_apply_to_the_top_two_points_of_any_scale(tmp_path):
    """The catalog's role_ratings_from (4 of 0-5) and role_rating_months count down from a scale's top (judgment)."""
    catalog = loader.load_catalog()
    ladder = parse(write(tmp_path, ladder_text()))
    delivery, risk = ladder.comps["delivery"], catalog.comps["risk"]
    assert [risk.in_role(r, catalog.role_ratings_from) for r in range(1, 6)] == [False, False, False, True, True]
    assert [delivery.in_role(r, catalog.role_ratings_from) for r in range(1, 5)] == [False, False, True, True]
    months = catalog.role_rating_months
    if months:
        assert [delivery.step_months(r) for r in (3, 4)] == [max(6.0, months.get(4, 0)), max(6.0, months.get(5, 0))]


def test_named_scales_survive_the_cache(tmp_path):
    ladder = parse(write(tmp_path, ladder_text()))
    back = cache.loads(cache.dumps(ladder))
    assert back == ladder
    assert back.comps["delivery"].scale.tr == {"zh": {"names": ("尚未", "了解", "能做", "熟练", "专家")}}
    assert back.scale.id == "levels6" and back.scales["sfia"].top == 6 and isinstance(back.comps["delivery"].scale, d.Scale)


def test_a_ladder_with_scales_is_served_from_the_cache_unchanged(tmp_path, invoke):
    folder = write(tmp_path, ladder_text()).parent
    first = invoke("show", "acme", "--format", "json", "--ladders-dir", folder)
    second = invoke("show", "acme", "--format", "json", "--ladders-dir", folder)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout


# --- profiles -------------------------------------------------------------------------------------


def sfia_ladder(tmp_path: Path) -> Path:
    own = own_competency("delivery", 5, "practice") + own_competency("architecture", 7, "sfia")
    text = ladder_text(own=own).replace("      competencies: {delivery: 3, communication: 3}\n",
                                        "      competencies: {delivery: 3, communication: 3, architecture: 6}\n")
    return write(tmp_path, text)


def profile(tmp_path: Path, ratings: str) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text("schema_version: 1\nladder: acme\nassessed_on: '2026-06-01'\neducation: bachelor\n"
                    "facts: {years_experience: 4, years_managing: 2}\ncertifications: []\n"
                    f"competencies: {{{ratings}}}\n", encoding="utf-8")
    return path


def test_a_profile_rated_6_on_a_seven_point_scale_is_placed(tmp_path, invoke):
    folder = sfia_ladder(tmp_path).parent
    me = profile(tmp_path, "delivery: 3, communication: 3, architecture: 6")
    result = invoke("assess", "--ladders-dir", folder, "--ladder", "acme", "--profile", me, "--format", "json",
                    "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["placement"]["fully_met"]["id"] == "manager"
    five = profile(tmp_path, "delivery: 3, communication: 3, architecture: 5")
    result = invoke("assess", "--ladders-dir", folder, "--ladder", "acme", "--profile", five, "--format", "json",
                    "--today", "2026-06-01")
    assert json.loads(result.stdout)["placement"]["fully_met"]["id"] == "officer"


@pytest.mark.parametrize(("ratings", "message"), [
    ("delivery: 5", "competencies.delivery: should be a whole number from 0 to 4 (its scale is 'practice': "
                    "Not yet, Awareness, Working, Practitioner, Expert)"),
    ("architecture: 7", "competencies.architecture: should be a whole number from 0 to 6 (its scale is 'sfia': "),
    ("risk: 6", "competencies.risk: should be a whole number from 0 to 5"),
])
def test_a_rating_above_its_scale_in_a_profile_is_a_positioned_problem(tmp_path, invoke, ratings, message):
    folder = sfia_ladder(tmp_path).parent
    me = profile(tmp_path, ratings)
    result = invoke("assess", "--ladders-dir", folder, "--ladder", "acme", "--profile", me, "--today", "2026-06-01")
    assert result.exit_code == 65, result.output
    assert f"{me}:7:" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


# --- the catalog and the docs ---------------------------------------------------------------------


def catalog_with(tmp_path: Path, names: list[str]) -> Path:
    from pmladder.inputs.library import CATALOG_NAME, builtin_dir

    text = (builtin_dir() / CATALOG_NAME).read_text(encoding="utf-8")
    text = text.replace("\ncompetencies:\n", f"\nscales:\n  levels:\n    names: {json.dumps(names)}\ncompetencies:\n", 1)
    text = text.replace("\n  risk:\n    name: Risk management\n", "\n  risk:\n    name: Risk management\n    scale: levels\n", 1)
    path = tmp_path / CATALOG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_the_catalog_may_rate_a_competency_on_a_named_scale(tmp_path):
    catalog = loader.load_catalog(catalog_with(tmp_path, LEVELS6))
    assert catalog.comps["risk"].scale.names == tuple(LEVELS6) and catalog.scales["levels"].top == 5
    assert catalog.comps["scope"].scale == d.NUMERIC
    back = cache.loads(cache.dumps(catalog))
    assert back == catalog


def test_the_catalogs_lines_are_counted_against_its_scale(tmp_path):
    path = catalog_with(tmp_path, PRACTICE)
    with pytest.raises(DataError) as exc:
        loader.load_catalog(path)
    found = [(p.path, p.message) for p in exc.value.problems]
    assert (str(path), "competencies.risk.ratings: 6 lines for 'levels' (0 to 4), which has 5 points: "
                       "give one line per point, from 0 up") in found, found


def test_the_ladders_readme_documents_scales():
    from conftest import TESTS

    text = (TESTS.parent / "ladders" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Rating scales", 1)[1].split("\n## ", 1)[0]
    for words in ("scales:", "show: name_and_number", "Practitioner (3 of 5)", "keep their numbers", "role_ratings_from",
                  "need_name"):
        assert words in section, words
