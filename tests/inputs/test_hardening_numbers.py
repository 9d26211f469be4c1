"""Numbers and dates from files and options (issue 17, items 3 and 6): each one is judged before it is used.

A number is judged on its text before anything converts it: too many digits, and the forms YAML
readers disagree on (010, 0o10, 0x10, 0b1, 1:30, 1_000, 1e3, .inf), are one `FILE:LINE:COL`
line naming the field (exit 65), in assess, plan, validate and team alike; the quick reader that
team uses gives way to the full one on every such form. A requirement or an answer above its
fact's max is refused where it stands. A day a plan starts on lies within FIRST_DAY..LAST_DAY:
outside it `--today` is a usage error (exit 2) and a profile's `assessed_on` is bad data (65).
`schema_version` is the plain whole number 1.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pmladder.engine.types import FIRST_DAY, LAST_DAY

LADDERS = Path(__file__).resolve().parents[2] / "ladders"
ALEX = (LADDERS / "examples" / "profile-alex.yaml").read_text(encoding="utf-8")
PM_TITLES = (LADDERS / "pm-titles.yaml").read_text(encoding="utf-8")
TODAY = "2025-01-01"
RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"

# (text in the file, words the message must have): every form a YAML reader may read otherwise
FORMS = [
    ("0x10", "hexadecimal"), ("010", "octal"), ("0o10", "octal"), ("0b1", "binary"), ("1:30", "base-60"),
    ("1_000", "_ between its digits"), ("08", "leading zero"), (".inf", "infinity"), (".nan", "infinity"), ("-.inf", "infinity"),
    ("1e309", "exponent"), ("1.0e+309", "exponent"), ("9" * 309, "more digits"), ("9" * 400, "more digits"),
    ("-" + "9" * 400, "more digits"), ("1" + "0" * 15, "more digits"), ("9" * 400 + ".5", "more digits"),
]


def positioned(stderr: str, name: str) -> list[tuple[int, int, str]]:
    """The `FILE:LINE:COL: message` lines about the file `name`."""
    return [(int(m[1]), int(m[2]), m[3]) for m in re.finditer(rf"^.*{re.escape(name)}:(\d+):(\d+): (.+)$", stderr, re.M)]


def one_problem(result, name: str, line: int, field: str | None, *words: str, code: int = 65) -> str:
    """The run exits `code` with exactly one positioned line, at `line`, naming `field` (None: the file as a whole)
    and saying `words`, and no traceback."""
    assert result.exit_code == code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.output
    problems = positioned(result.stderr, name)
    assert len(problems) == 1, result.stderr
    got_line, _col, message = problems[0]
    assert got_line == line, result.stderr
    assert field is None or message.startswith(f"{field}: "), message
    for word in words:
        assert word in message, message
    return message


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def alex_with(value: str) -> str:
    """Alex's profile with years_experience (line 6) written as `value`."""
    out = ALEX.replace("  years_experience: 6\n", f"  years_experience: {value}\n")
    assert out != ALEX
    return out


def ladder_with(old: str, new: str) -> str:
    """pm-titles as another ladder (id pm-x), with one line changed."""
    out = PM_TITLES.replace("id: pm-titles\n", "id: pm-x\n", 1).replace(old, new, 1)
    assert new in out
    return out


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# --- 1. numbers in a profile: assess, plan and team ---------------------------------------------------


@pytest.mark.parametrize("command", ["assess", "plan"])
@pytest.mark.parametrize("value, words", FORMS, ids=[v[:12] for v, _ in FORMS])
def test_a_number_form_in_a_profile_is_one_positioned_line(invoke, tmp_path, command, value, words):
    path = write(tmp_path, "me.yaml", alex_with(value))
    result = invoke(command, "--profile", path, "--ladder", "pm-titles", "--today", TODAY)
    message = one_problem(result, "me.yaml", 6, "facts.years_experience", words)
    assert ("plain number" in message) or ("-999999999999999 to 999999999999999" in message), message
    assert result.stdout == ""


@pytest.mark.parametrize("value, words", FORMS, ids=[v[:12] for v, _ in FORMS])
def test_a_team_folder_lists_the_bad_number_and_keeps_the_others(invoke, tmp_path, value, words):
    folder = tmp_path / "team"
    folder.mkdir()
    write(folder, "good.yaml", ALEX)
    write(folder, "bad.yaml", alex_with(value))
    result = invoke("team", folder, "--ladder", "pm-titles", "--today", TODAY, "--format", "json")
    assert result.exit_code == 65, result.stderr
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"files": 2, "read": 1, "skipped": 1}
    assert [s["file"].endswith("bad.yaml") for s in report["skipped"]] == [True]
    (problem,) = report["skipped"][0]["problems"]
    assert re.match(r"^.*bad\.yaml:6:21: facts\.years_experience: ", problem), problem
    assert words in problem


@pytest.mark.parametrize("value", [v for v, _ in FORMS], ids=[v[:12] for v, _ in FORMS])
def test_the_quick_reader_gives_way_on_every_refused_form(value):
    """team reads profiles with the quick reader: it must not accept what the full reader refuses."""
    from pmladder.inputs.quickyaml import parse
    from pmladder.inputs.yamlsafe import DataError, parse_text

    text = alex_with(value)
    assert parse(text, "p.yaml") is None
    with pytest.raises(DataError) as exc:
        parse_text(text, "p.yaml")
    assert [(p.line, p.col) for p in exc.value.problems] == [(6, 21)]


@pytest.mark.parametrize("text", [
    "name: '010'\n", 'name: "1:30"\n', "name: '0x10'\n", "name: '.inf'\n", "assessed_on: 2024-01-01\n",
    "assessed_on: '2024-01-01'\n", "name: 1.2.3\n", "name: v1e3x\n", "name: 10 to 12\n",
])
def test_quoted_numbers_dates_and_version_strings_still_read(invoke, tmp_path, text):
    path = write(tmp_path, "me.yaml", ALEX.replace("name: Alex Chen\n", text))
    result = invoke("assess", "--profile", path, "--ladder", "pm-titles", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_a_plain_number_of_fifteen_digits_is_read_and_held_to_the_facts_max(invoke, tmp_path):
    path = write(tmp_path, "me.yaml", alex_with("9" * 15))
    result = invoke("assess", "--profile", path, "--ladder", "pm-titles", "--today", TODAY)
    one_problem(result, "me.yaml", 6, "facts.years_experience", "looks too high", "50 years")


# --- 2. numbers in a ladder: validate, and a ladder folder under assess ------------------------------

LINE_8 = "        years_managing: 8  # judgment"


@pytest.mark.parametrize("value, words", [
    ("1234567890123456789", "more digits"), ("1:30", "base-60"), ("010", "octal"), ("0x10", "hexadecimal"),
    ("1_000", "_ between"), (".inf", "infinity"), ("1e3", "exponent"),
    ("90", "above the most an answer for 'years_managing' can be (50 years)"),
    ("{min: 51, within: 60}", "above the most"),
])
def test_a_requirement_out_of_range_is_refused_where_it_stands(invoke, tmp_path, value, words):
    text = ladder_with(LINE_8, f"        years_managing: {value}")
    path = write(tmp_path, "x.yaml", text)
    line = line_of(text, f"years_managing: {value}")
    field = "levels[4].requires.facts.years_managing" + (".min" if value.startswith("{") else "")
    one_problem(invoke("validate", path), "x.yaml", line, field, words)
    # the same ladder in a ladder folder: skipped with a note while another ladder is used (issue 20), and a
    # command that names it stops on it with 65, never 1
    folder = tmp_path / "ladders"
    folder.mkdir()
    shutil.copy(path, folder / "x.yaml")
    profile = write(tmp_path, "me.yaml", ALEX)
    other = invoke("assess", "--profile", profile, "--ladders-dir", folder, "--ladder", "pm-titles", "--today", TODAY)
    assert other.exit_code == 0 and "x.yaml" in other.stderr, other.stderr
    one_problem(invoke("assess", "--profile", profile, "--ladders-dir", folder, "--ladder", "pm-x", "--today", TODAY),
                "x.yaml", line, field, words)


def test_a_requirement_at_the_facts_max_is_accepted(invoke, tmp_path):
    path = write(tmp_path, "x.yaml", ladder_with(LINE_8, "        years_managing: 50"))
    assert invoke("validate", path).exit_code == 0


OWN_CERT = """certifications:
  X-CERT:
    name: X
    issuer: X
    source: https://example.org
    as_of: 2025-01-01
    prep_months: {prep}
    eligibility:
      - facts: {{years_managing: {elig}}}
    implies:
      facts: {{pm_training_hours: {implied}}}
levels:
"""


@pytest.mark.parametrize("prep, elig, implied, field, words", [
    ("2", "51", "35", "certifications.X-CERT.eligibility[0].facts.years_managing", "above the most"),
    ("2", "3", "10001", "certifications.X-CERT.implies.facts.pm_training_hours", "(10000 hours)"),
    ("121", "3", "35", "certifications.X-CERT.prep_months", "120"),
    ("0x10", "3", "35", "certifications.X-CERT.prep_months", "hexadecimal"),
])
def test_certification_rules_are_held_to_the_same_bounds(invoke, tmp_path, prep, elig, implied, field, words):
    text = ladder_with("levels:\n", OWN_CERT.format(prep=prep, elig=elig, implied=implied))
    path = write(tmp_path, "x.yaml", text)
    value = {"prep_months": prep, "years_managing": elig, "pm_training_hours": implied}[field.rsplit(".", 1)[-1]]
    line = line_of(text, f"{field.rsplit('.', 1)[-1]}: {value}")
    one_problem(invoke("validate", path), "x.yaml", line, field, words)


OWN_FACT = """facts:
  years_x:
    name: X
    question: X?
    unit: years
    max: {max}
    grows: time
    months_per_unit: {rate}
    advice:
      - from: 0
        text: Do X.
levels:
"""


@pytest.mark.parametrize("maximum, rate, words", [
    ("60", "12", None), ("100", "12", None), ("101", "12", "1212 months to reach; at most 1200"), ("5", "121", "120"),
])
def test_a_fact_can_grow_to_its_max_within_a_hundred_years(invoke, tmp_path, maximum, rate, words):
    text = ladder_with("levels:\n", OWN_FACT.format(max=maximum, rate=rate))
    path = write(tmp_path, "x.yaml", text)
    result = invoke("validate", path)
    if words is None:
        assert result.exit_code == 0, result.stderr
    else:
        one_problem(result, "x.yaml", line_of(text, "months_per_unit:"), "facts.years_x.months_per_unit", words)


def test_a_ladder_whose_plan_could_run_past_the_calendar_is_refused(invoke, tmp_path):
    """Four hundred skills at ten years a step validated, then plan died on year 14025 (exit 1)."""
    comps = "".join(f"  c{i}:\n    name: C{i}\n    description: d\n    ratings: [a, b, c, d, e, f]\n    grow: [a, b, c, d, e]\n"
                    f"    months_per_step: 120\n" for i in range(400))
    needs = "".join(f"        c{i}: 3\n" for i in range(400))
    text = ("schema_version: 1\nid: huge\nname: Huge\nsource: s\ndescription: d\ntiers:\n  a:\n    name: A\ncompetencies:\n" + comps
            + "levels:\n  - id: one\n    title: One\n    tier: a\n    summary: s\n    next: [two]\n"
            + "  - id: two\n    title: Two\n    tier: a\n    summary: s\n    requires:\n      competencies:\n" + needs)
    folder = tmp_path / "ladders"
    folder.mkdir()
    path = write(folder, "huge.yaml", text)
    one_problem(invoke("validate", path), "huge.yaml", line_of(text, "levels:"), None, "planned one after another", "240400 months")
    profile = write(tmp_path, "me.yaml", "schema_version: 1\ncompetencies: {}\n")
    result = invoke("plan", "--profile", profile, "--ladders-dir", folder, "--ladder", "huge", "--today", TODAY)
    assert result.exit_code == 65, result.stderr
    other = invoke("plan", "--profile", profile, "--ladders-dir", folder, "--ladder", "pm-titles", "--today", TODAY)
    assert other.exit_code == 0 and "huge.yaml" in other.stderr, other.stderr  # skipped with a note (issue 20)


# --- 3. schema_version --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["true", "1.0", "'1'", "0x1", "01"])
def test_schema_version_is_the_plain_whole_number_1(invoke, tmp_path, value):
    profile = write(tmp_path, "me.yaml", ALEX.replace("schema_version: 1\n", f"schema_version: {value}\n"))
    one_problem(invoke("assess", "--profile", profile, "--ladder", "pm-titles", "--today", TODAY), "me.yaml", 2, "schema_version")
    ladder = write(tmp_path, "x.yaml", ladder_with("schema_version: 2\n", f"schema_version: {value}\n"))
    message = one_problem(invoke("validate", ladder), "x.yaml", line_of(PM_TITLES, "schema_version"), "schema_version")
    assert "quote the text" not in message  # the boolean hint would send the user to '1', also refused


def test_schema_version_true_in_a_team_folder_is_skipped(invoke, tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    write(folder, "a.yaml", ALEX.replace("schema_version: 1\n", "schema_version: true\n"))
    result = invoke("team", folder, "--ladder", "pm-titles", "--today", TODAY, "--format", "json")
    assert result.exit_code == 65
    (problem,) = json.loads(result.stdout)["skipped"][0]["problems"]
    assert re.match(r"^.*a\.yaml:2:17: schema_version: should be the whole number 1", problem), problem


# --- 4. dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["assess", "plan", "where"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2201-01-01", "1969-12-31"])
def test_today_outside_the_plannable_days_is_a_usage_error(invoke, tmp_path, command, day):
    profile = write(tmp_path, "me.yaml", ALEX)
    args = ["--profile", profile, "--today", day] + (["--ladder", "pm-titles"] if command != "where" else [])
    result = invoke(command, *args)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.output
    assert f"--today: {day} is outside the dates a plan can start on ({RANGE})" in result.stderr


@pytest.mark.parametrize("day", [FIRST_DAY.isoformat(), LAST_DAY.isoformat()])
def test_the_first_and_last_days_plan_in_full(invoke, tmp_path, day):
    """From the last day a plan still has room: every dated milestone falls on a calendar date."""
    profile = write(tmp_path, "me.yaml", "schema_version: 1\neducation: secondary\nfacts: {}\ncompetencies: {}\ncertifications: []\n")
    for ladder in ("pm-titles", "pmi-path", "ipma-levels", "pmo-career", "pmo-sequence"):
        result = invoke("plan", "--profile", profile, "--ladder", ladder, "--today", day, "--format", "json",
                        "--target", _top(invoke, ladder))
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["today"] == day


def _top(invoke, ladder: str) -> str:
    levels = json.loads(invoke("show", ladder, "--format", "json").stdout)["levels"]
    return levels[-1]["id"]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_assessed_on_outside_the_plannable_days_is_bad_data(invoke, tmp_path, day):
    text = ALEX.replace("name: Alex Chen\n", f"name: Alex Chen\nassessed_on: {day}\n")
    profile = write(tmp_path, "me.yaml", text)
    for args in (["assess", "--profile", profile, "--ladder", "pm-titles", "--today", TODAY],
                 ["plan", "--profile", profile, "--ladder", "pm-titles", "--today", TODAY],
                 ["history", "import", profile, "--ladder", "pm-titles"]):
        one_problem(invoke(*args), "me.yaml", 4, "assessed_on", RANGE)
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(profile, folder / "me.yaml")
    result = invoke("team", folder, "--ladder", "pm-titles", "--today", TODAY, "--format", "json")
    assert result.exit_code == 65
    (problem,) = json.loads(result.stdout)["skipped"][0]["problems"]
    assert re.match(rf"^.*me\.yaml:4:14: assessed_on: {day} is outside", problem), problem


def test_history_import_date_outside_the_plannable_days_is_a_usage_error(invoke, tmp_path):
    profile = write(tmp_path, "me.yaml", ALEX)
    result = invoke("history", "import", profile, "--ladder", "pm-titles", "--date", "9999-12-31")
    assert result.exit_code == 2, result.stderr
    assert f"--date: 9999-12-31 is outside the dates a plan can start on ({RANGE})" in result.stderr


# --- 5. the property: any integer text in any numeric field -----------------------------------------


def _numeric_fields() -> list[tuple[str, str]]:
    """(section, key) of every numeric field of a profile; ("", "schema_version") for the top-level one."""
    from pmladder.inputs.loader import load_library

    vocab = load_library().vocabulary()
    fields = [("", "schema_version")]
    fields += [("facts", k) for k in vocab.facts]
    fields += [("competencies", k) for k in vocab.comps]
    fields += [("last_year", k) for k, f in vocab.facts.items() if f.unit == "years"]
    return fields


FIELDS = _numeric_fields()


@st.composite
def integer_text(draw) -> str:
    size = draw(st.integers(1, 500))
    digits = draw(st.text("0123456789", min_size=size, max_size=size))
    return draw(st.sampled_from(["", "-", "+"])) + digits


@settings(derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=integer_text())
@example(field=("facts", "years_experience"), text="9" * 309)
@example(field=("facts", "team_size"), text="-" + "1" * 500)
@example(field=("competencies", "risk"), text="+" + "9" * 400)
@example(field=("last_year", "years_managing"), text="2" * 19)
@example(field=("", "schema_version"), text="1" + "0" * 400)
def test_any_integer_in_any_numeric_field_is_read_or_refused_where_it_stands(tmp_path_factory, field, text):
    """Both readers (assess's and team's) either accept the number, within its field's range, or
    refuse it with problems all at its line naming its field; nothing else escapes, and an accepted
    profile plans from the last day a plan may start on."""
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.views.plan_data import plan_json
    from pmladder.views.plan import make_plan
    from pmladder.inputs.team import read_yaml
    from pmladder.inputs.yamlsafe import DataError

    section, key = field
    body = f"{key}: {text}\n" if not section else f"schema_version: 1\n{section}:\n  {key}: {text}\n"
    line = 1 if not section else 3
    name = f"{section}.{key}" if section else key
    path = tmp_path_factory.mktemp("p") / "p.yaml"
    path.write_text(body, encoding="utf-8")
    lib = load_library()
    vocab = lib.vocabulary()
    outcomes = []
    for read in (lambda: load_profile(path, vocab, cached=False), lambda: read_yaml(str(path), str(path), vocab)):
        try:
            profile = read()
        except DataError as exc:
            assert exc.problems, text
            for p in exc.problems:
                assert (p.path, p.line) == (str(path), line), str(p)
                assert p.message.startswith(f"{name}: "), str(p)
            outcomes.append([str(p) for p in exc.problems])
            continue
        value = int(text)
        if section == "facts":
            assert profile.facts[key] == value <= vocab.facts[key].max
        elif section == "competencies":
            assert profile.competencies[key] == value <= 5
        elif section == "last_year":
            assert profile.last_year[key] == value <= LAST_DAY.year
        else:
            assert value == 1
        ladder = lib.ladders["pm-titles"].ladder
        drawn = plan_json(make_plan(ladder, profile, LAST_DAY, target=ladder.levels[-1].id))  # every month as a date
        assert drawn["today"] == LAST_DAY.isoformat()
        outcomes.append("read")
    assert outcomes[0] == outcomes[1], outcomes

