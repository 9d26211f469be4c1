"""Format versions: files of every earlier format load (with one note when a form is deprecated),
the validation library's wording never reaches a user, and files that are not ladders are skipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS / "format_corpus"
BAD = TESTS / "bad_ladders"
CORPUS_FILES = sorted(p for p in CORPUS.glob("*.yaml"))

LADDER = """\
# An organisation's ladder written for the first release: two or three grow lines a competency.
schema_version: {version}
id: acme
name: Acme delivery ladder
source: Acme's framework (made up for the tests)
description: Two titles.
tiers:
  entry:
    name: Entry
competencies:
  product_knowledge:   # our own skill
    name: Product knowledge
    description: Knows the products.
    ratings: [None, Aware, Basic, Working, Deep, Expert]
    grow:
      - Sit in on customer calls
      - Take the internal product training
  estimating:
    name: Estimating
    description: Estimates work.
    ratings: [None, Aware, Basic, Working, Deep, Expert]
    grow: [Estimate a small task, Estimate a phase, Review others' estimates]
    months_per_step: 6
levels:
  - id: analyst
    title: Analyst
    tier: entry
    summary: Helps.
    requires:
      competencies:
        product_knowledge: 1
    next: [lead]
  - id: lead
    title: Lead
    tier: entry
    summary: Leads.
    requires:
      competencies:
        product_knowledge: 2
        estimating: 2
"""


def ladder_text(version: int = 1) -> str:
    text = LADDER.format(version=version)
    return text.replace("    grow:\n      - Sit", "    months_per_step: 6\n    grow:\n      - Sit")


PYDANTIC_PHRASES = ("after validation", "Input should be", "Field required", "Extra inputs", "String should", "List should",
                    "Value error", "validation error", "Assertion failed")


@pytest.fixture(scope="module")
def catalog():
    from pmladder.inputs.loader import load_catalog

    return load_catalog()


def test_the_corpus_holds_every_kind_and_says_where_each_came_from():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    kinds = {p.name.split("-", 1)[0] for p in CORPUS_FILES}
    assert kinds == {"ladder", "catalog", "profile"}
    assert len(CORPUS_FILES) >= 40
    for path in CORPUS_FILES:
        assert re.search(rf"^\| `{re.escape(path.name)}` \| `[^`]+` \| [0-9a-f]{{8}} \(\d{{4}}-\d\d-\d\d\) \|$", readme, re.M), path.name


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_earlier_file_loads_today(path, catalog):
    """Each version of a shipped ladder, catalog, example or test ladder from the history loads unchanged."""
    from pmladder.inputs.library import load_library
    from pmladder.inputs.loader import parse_catalog, parse_ladder
    from pmladder.inputs.profiles import check
    from pmladder.inputs.yamlsafe import read_file

    doc = read_file(path)
    kind = path.name.split("-", 1)[0]
    notes: list = []
    if kind == "catalog":
        result = parse_catalog(doc, notes)
        assert result.facts and result.comps
        assert all(len(c.grow) == 5 for c in result.comps.values())
    elif kind == "ladder":
        result = parse_ladder(doc, catalog, notes)
        assert result.levels
        assert all(len(c.grow) == 5 for c in result.comps.values())
    else:
        check(doc, load_library([]).vocabulary())
    assert len(notes) <= 1  # once per file at most


def test_the_first_catalog_is_read_as_its_release_read_it():
    """`how` is advice from 0; years grow with time, hours with study, people and projects with a role."""
    from pmladder.inputs.loader import parse_catalog
    from pmladder.inputs.yamlsafe import read_file

    path = CORPUS / "catalog-5242db85-ladders__catalog.yaml"
    notes: list = []
    cat = parse_catalog(read_file(path), notes)
    assert [f.grows for f in (cat.facts["years_experience"], cat.facts["team_size"], cat.facts["pm_training_hours"])] == ["time", "role", "study"]
    assert cat.facts["team_size"].months_per_unit is None
    assert cat.facts["years_experience"].advice[0][1] == "Keep working on projects; any role on a project team counts."
    assert len(notes) == 1 and notes[0][1]["path"] == str(path)


@pytest.mark.parametrize(("lines", "expected"), [
    (1, [0, 0, 0, 0, 0]), (2, [0, 0, 1, 1, 1]), (3, [0, 0, 1, 2, 2]), (4, [0, 0, 1, 2, 3]), (5, [0, 1, 2, 3, 4]), (7, [0, 0, 1, 2, 3]),
])
def test_grow_lines_map_to_steps_as_the_first_release_showed_them(lines, expected):
    """A gap to rating r was shown line min(n, max(1, r - 1)): the same line serves the step to r now."""
    from pmladder.inputs.formats import grow_index

    if lines == 5:  # five lines in a format-1 file are one per step already: nothing is read differently
        from pmladder.inputs.formats import deprecated

        assert deprecated({"competencies": {"x": {"grow": list("abcde")}}}) == []
        return
    assert [grow_index(step, lines) for step in range(5)] == expected


def test_a_format_1_ladder_with_two_or_three_grow_lines_loads_with_one_note(invoke, tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text(ladder_text(1), encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 0, result.output
    assert "ok (ladder 'acme', 2 levels)" in result.stdout
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and str(path) in notes[0] and "pmladder migrate" in notes[0]
    assert "competencies.product_knowledge.grow" in notes[0] and "competencies.estimating.grow" in notes[0]
    from pmladder.inputs.loader import load_catalog, parse_ladder
    from pmladder.inputs.yamlsafe import read_file

    ladder = parse_ladder(read_file(path), load_catalog())
    assert list(ladder.comps["estimating"].grow) == ["Estimate a small task", "Estimate a small task", "Estimate a phase",
                                                     "Review others' estimates", "Review others' estimates"]


def test_the_same_ladder_in_format_2_is_refused_in_our_words(invoke, tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text(ladder_text(2), encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert f"{path}:17:7: competencies.product_knowledge.grow: 2 lines for the built-in scale (0 to 5), which has 5 steps" in result.stderr
    assert not any(phrase in result.output for phrase in PYDANTIC_PHRASES)


def test_the_note_comes_through_the_library_once_cold_and_warm(invoke, tmp_path):
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "acme.yaml").write_text(ladder_text(1), encoding="utf-8")
    for _run in range(2):  # the second run reads the library from the cache
        result = invoke("show", "acme", "--format", "json", "--ladders-dir", folder)
        assert result.exit_code == 0, result.output
        assert result.stderr.count("note:") == 1 and "acme.yaml: format 1" in result.stderr


@pytest.mark.parametrize(("value", "words"), [("3", "this pmladder reads format 1, 2; write 2"),
                                              ("true", "should be the whole number 2, unquoted"),
                                              ("2.0", "should be the whole number 2, unquoted")])
def test_a_version_pmladder_does_not_read_is_said_plainly(invoke, tmp_path, value, words):
    path = tmp_path / "acme.yaml"
    path.write_text(ladder_text(2).replace("schema_version: 2", f"schema_version: {value}"), encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert f"{path}:2:17: schema_version: {words}" in result.stderr


# --- the validation library's words never reach a user -----------------------------------------

MINIMAL = (TESTS / "good_ladders" / "minimal.yaml").read_text(encoding="utf-8")
# one mistake each, of every kind of check the models make
MISTAKES = [
    ("tolerance:\n  share: 0.2", "tolerance:\n  share: 7"), ("tolerance:\n  share: 0.2", "tolerance:\n  share: -1"),
    ("tolerance:\n  share: 0.2", "tolerance:\n  share: [1]"), ("tolerance:\n  share: 0.2", "tolerance: 3"),
    ("id: tiny", "id: Tiny Ladder"), ("id: tiny", "id: ''"), ("id: tiny", "id: [a]"), ("languages: [en]", "languages: [english]"),
    ("languages: [en]", "languages: en"), ("levels:", "levels: []\nlevels_again:"), ("levels:", "levels: {}\nx:"),
    ("schema_version: 2", "schema_version: 0"), ("schema_version: 2", "schema_version: '2'"),
]


def _bad_corpus(tmp_path) -> list[Path]:
    files = sorted(BAD.glob("*.yaml"))
    base = MINIMAL.replace("schema_version: 1", "schema_version: 2")
    base = base if "tolerance:" in base else base.replace("\ntiers:", "\ntolerance:\n  share: 0.2\ntiers:", 1)
    base = base if "languages: [en]" in base else base.replace("\ntiers:", "\nlanguages: [en]\ntiers:", 1)
    for i, (old, new) in enumerate(MISTAKES):
        assert old in base, old
        path = tmp_path / f"mistake{i}.yaml"
        path.write_text(base.replace(old, new, 1), encoding="utf-8")
        files.append(path)
    for i, (field, value) in enumerate([("title", "''"), ("title", "[a, b]"), ("tier", "7"), ("next", "nope"), ("rank", "-3"),
                                        ("rank", "2.5"), ("as_of", "2024-13-01"), ("as_of", "[1]"), ("summary", "{a: 1}")]):
        path = tmp_path / f"level{i}.yaml"
        path.write_text(re.sub(rf"(\n    {field}: )[^\n]*", rf"\g<1>{value}", base, count=1) if f"\n    {field}: " in base
                        else base.replace("\n    tier: ", f"\n    {field}: {value}\n    tier: ", 1), encoding="utf-8")
        files.append(path)
    return files


def test_no_pydantic_phrase_reaches_a_user(invoke, tmp_path):
    """Every bad ladder, shipped or made here, is told in pmladder's words, each problem positioned."""
    files = _bad_corpus(tmp_path)
    result = invoke("validate", *files)
    assert result.exit_code == 65
    for phrase in PYDANTIC_PHRASES:
        assert phrase not in result.output, [line for line in result.output.splitlines() if phrase in line][:3]
    problems = [line for line in result.stderr.splitlines() if re.match(r"^.+:\d+:\d+: .+", line)]
    named = {re.match(r"^(.+?):\d+:\d+: ", line).group(1) for line in problems}
    assert {str(p) for p in files} - named == set()  # every file has at least one positioned problem


# --- files that are not ladders on the ladder path -----------------------------------------------

PROFILE = "schema_version: 1\nname: Sam\nladder: pm-titles\nfacts:\n  years_experience: 4\ncompetencies:\n  scope: 3\n"


def test_ladders_dir_skips_profiles_and_lists_with_a_note(invoke, tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "acme.yaml").write_text(ladder_text(2).replace("      - Take the internal product training\n",
                                                             "      - b\n      - c\n      - d\n      - e\n")
                                      .replace("grow: [Estimate a small task, Estimate a phase, Review others' estimates]",
                                               "grow: [a, b, c, d, e]"), encoding="utf-8")
    (folder / "sam.yaml").write_text(PROFILE, encoding="utf-8")
    (folder / "team.yml").write_text("- sam.yaml\n- alex.yaml\n", encoding="utf-8")
    result = invoke("ladders", "--format", "json", "--ladders-dir", folder)
    assert result.exit_code == 0, result.output
    assert '"acme"' in result.stdout and '"pm-titles"' in result.stdout
    assert f"note: skipping {folder / 'sam.yaml'}: it is a profile, not a ladder" in result.stderr
    assert f"note: skipping {folder / 'team.yml'}: it is a list, not a ladder" in result.stderr
    assert "problem" not in result.stderr


def test_a_broken_extra_ladder_never_stops_a_command_on_a_built_in_one(invoke, tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "broken.yaml").write_text("schema_version: 2\nid: broken\nlevels: 3\n", encoding="utf-8")
    result = invoke("show", "pm-titles", "--format", "json", "--ladders-dir", folder)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("skipping") == 1 and "broken.yaml" in result.stderr
    named = invoke("show", "broken", "--ladders-dir", folder)
    assert named.exit_code == 65
