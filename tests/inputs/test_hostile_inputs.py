"""Hostile input, generated: hundreds of bad profiles, ladders and team spreadsheets.

Each case is one defect planted in a file that is otherwise valid. Whatever the defect, a
user sees the same contract (docs/design.md, "Untrusted input"):

- the command ends: exit 65 (bad data), or for a team, the person skipped and the report
  still written; never a traceback, never exit 1, never a hang;
- the problem is named once, positioned: ``FILE:LINE[:COL]: ...`` (FILE:ROW for a spreadsheet);
- no raw control character (C0 but newline and tab, C1, bidi controls, line separators)
  reaches the terminal;
- nothing is written: no export, no history row, no saved profile.

The cases are built from the shipped sample profile and the shipped `pm-titles` ladder by
replacing one value, so every case differs from a valid file in exactly one place.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from pmladder.inputs.loader import builtin_dir

# --- what must never reach a terminal -----------------------------------------------------------

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def assert_clean(text: str, where: str) -> None:
    hit = RAW.search(text)
    assert hit is None, f"raw control character {hit.group()!r} in {where}: {text[max(0, hit.start() - 60):hit.end() + 20]!r}"


@contextmanager
def deadline(seconds: int = 30):
    """Fail, rather than hang the suite, when a command does not end (SIGALRM, main thread)."""
    def _timeout(signum, frame):
        raise TimeoutError(f"the command did not end within {seconds} s")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def written(folder: Path) -> set[str]:
    """Every file under `folder` (the test's user folders), the cache excepted."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and "cache" not in p.relative_to(folder).parts}


# --- the seeds --------------------------------------------------------------------------------

SAMPLE = (builtin_dir() / "examples" / "profile-alex.yaml").read_text(encoding="utf-8")
LADDER = (builtin_dir() / "pm-titles.yaml").read_text(encoding="utf-8")

FACTS = ("years_experience", "years_managing", "team_size", "concurrent_projects", "pm_training_hours")
RATINGS = ("organisation", "communication", "schedule", "risk", "governance")

# Raw YAML scalars no numeric field may accept, each a different way to get a number wrong.
BAD_NUMBERS = {
    "digits400": "9" * 400,
    "digits309": "1" + "0" * 308,
    "digits19": "9" * 19,
    "negative": "-1",
    "float-inf": ".inf",
    "float-nan": ".nan",
    "exp-overflow": "1e309",
    "hex": "0x10",
    "octal": "010",
    "octal-o": "0o10",
    "binary": "0b1",
    "sexagesimal": "1:30",
    "underscore": "1_000",
    "word": "six",
    "bool": "true",
    "list": "[1, 2]",
    "mapping": "{a: 1}",
    "above-max": "100000",
}


def replace_value(text: str, key: str, raw: str) -> str:
    """`text` with the first `key: value` line's value replaced by `raw`, which must differ."""
    pattern = re.compile(rf"^(\s*{re.escape(key)}:)[^\n#]*", re.M)
    new, n = pattern.subn(lambda m: f"{m.group(1)} {raw}", text, count=1)
    assert n == 1 and new != text, f"{key} not found in the seed"
    return new


def profile_cases() -> dict[str, str]:
    cases: dict[str, str] = {}
    sample = SAMPLE
    assert "schema_version:" in sample
    for field in FACTS + RATINGS:
        for name, raw in BAD_NUMBERS.items():
            if field in RATINGS and name == "above-max":
                raw = "6"
            cases[f"{field}={name}"] = replace_value(sample, field, raw)
    structural = {
        "empty-file": "",
        "only-comment": "# nothing here\n",
        "top-level-list": "- 1\n- 2\n",
        "top-level-scalar": "hello\n",
        "binary-garbage": "\x00\x01\x02\xff",
        "anchor": sample.replace("name: Alex Chen", "name: &n Alex Chen"),
        "alias-undefined": sample.replace("name: Alex Chen", "name: *n"),
        "merge-key": sample + "extra:\n  <<: {a: 1}\n",
        "custom-tag": sample.replace("name: Alex Chen", "name: !!python/object:os.system echo"),
        "duplicate-key": sample + "name: Again\n",
        "unknown-key": sample + "nmae: typo\n",
        "tab-indent": sample.replace("\n  years_experience", "\n\tyears_experience", 1),
        "unclosed-quote": sample.replace("name: Alex Chen", 'name: "Alex Chen'),
        "deep-nesting": sample + "extra: " + "[" * 200 + "]" * 200 + "\n",
        "schema-version-bool": replace_value(sample, "schema_version", "true"),
        "schema-version-float": replace_value(sample, "schema_version", "1.0"),
        "schema-version-string": replace_value(sample, "schema_version", '"1"'),
        "schema-version-future": replace_value(sample, "schema_version", "99"),
        "education-unknown": replace_value(sample, "education", "wizard"),
        "education-number": replace_value(sample, "education", "5"),
        "certificate-unknown": replace_value(sample, "certifications", "[NOT-A-CERT]"),
        "certificate-number": replace_value(sample, "certifications", "[123]"),
        "certificate-mapping": replace_value(sample, "certifications", "{PMP: 1}"),
        "assessed-far-future": sample + "assessed_on: 9999-12-31\n",
        "assessed-not-a-date": sample + "assessed_on: 2024-02-30\n",
        "assessed-ancient": sample + "assessed_on: 0001-01-01\n",
        "facts-a-list": replace_value(sample, "facts", "[1, 2]") .replace("\n  years_experience", "\nx_years_experience", 1),
        "competency-unknown": sample.replace("  governance: 2", "  governance: 2\n  telepathy: 3"),
        "fact-unknown": sample.replace("  years_pmo: 0", "  years_pmo: 0\n  years_on_mars: 3"),
        "managing-above-experience": replace_value(sample, "years_managing", "40"),
    }
    cases.update(structural)
    return cases


PROFILES = profile_cases()
# The sample answers 6 years of experience: 40 years managing cannot fit in it. Accepting it
# silently is a separate question (flagged, not refused, by the placement issue), so it is not
# a refusal case here.
PROFILES.pop("managing-above-experience")


def ladder_cases() -> dict[str, str]:
    cases: dict[str, str] = {}
    lad = LADDER
    for name, raw in BAD_NUMBERS.items():
        cases[f"requirement-years={name}"] = replace_value(lad, "years_experience", raw)
        cases[f"requirement-rating={name}"] = replace_value(lad, "organisation", "6" if name == "above-max" else raw)
    more = {
        "schema-version-bool": replace_value(lad, "schema_version", "true"),
        "unknown-fact": lad.replace("years_experience: 3", "years_on_mars: 3", 1),
        "unknown-competency": lad.replace("organisation: 3", "telepathy: 3", 1),
        "unknown-certificate": lad.replace("- PMP\n", "- NOT-A-CERT\n", 1),
        "next-nowhere": lad.replace("- senior-project-manager\n", "- nowhere\n", 1),
        "duplicate-level-id": lad.replace("id: project-manager\n", "id: project-coordinator\n", 1),
        "unknown-tier": lad.replace("tier: core\n", "tier: galactic\n", 1),
        "unknown-key": lad.replace("summary:", "sumary:", 1),
        "no-levels": lad.split("levels:")[0] + "levels: []\n",
        "binary": "\x00\xff\xfe",
        "alias": lad.replace("name: Project management titles", "name: &a Project management titles\ndescription2: *a"),
    }
    cases.update(more)
    return cases


LADDERS = ladder_cases()

CSV_COLUMNS = ("name", "years_experience", "years_managing", "team_size", "pm_training_hours", "organisation", "communication")
GOOD_ROW = ("Ana", "6", "4", "9", "40", "3", "3")
BAD_CELLS = {
    "digits5000": "9" * 5000,
    "digits400": "9" * 400,
    "negative": "-4",
    "inf": "inf",
    "nan": "nan",
    "exp-overflow": "1e309",
    "word": "many",
    "hex": "0x10",
    "control": "3\x1b[2J",
    "bidi": "\u202e3",
    "above-max": "100000",
}


def spreadsheet_cases() -> dict[str, str]:
    cases: dict[str, str] = {}
    for column in CSV_COLUMNS[1:]:
        for name, cell in BAD_CELLS.items():
            if column in ("organisation", "communication") and name == "above-max":
                cell = "6"
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(CSV_COLUMNS)
            writer.writerow(GOOD_ROW)
            bad = list(GOOD_ROW)
            bad[0] = "Bo"
            bad[CSV_COLUMNS.index(column)] = cell
            writer.writerow(bad)
            cases[f"{column}={name}"] = out.getvalue()
    return cases


SHEETS = spreadsheet_cases()


def test_there_are_at_least_two_hundred_cases():
    assert len(PROFILES) + len(LADDERS) + len(SHEETS) >= 200


def positioned(text: str, name: str) -> list[str]:
    """The lines of `text` that name `name` with a position (FILE:LINE or FILE:LINE:COL)."""
    return [line for line in text.splitlines() if re.search(rf"{re.escape(name)}:\d+(:\d+)?:? ", line)]


# --- profiles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(PROFILES))
@pytest.mark.parametrize("command", ["assess", "plan"])
def test_a_bad_profile_is_refused_once_with_its_position_and_nothing_written(case, command, invoke, tmp_path, isolated_user_dirs):
    path = tmp_path / "bad.yaml"
    path.write_bytes(PROFILES[case].encode("utf-8", "surrogateescape"))
    out = tmp_path / "plan.md"
    before = written(isolated_user_dirs)
    args = ["assess", "--ladder", "pm-titles", "--profile", path, "--export", out] if command == "assess" else \
        ["plan", "--ladder", "pm-titles", "--profile", path, "-o", out]
    with deadline():
        result = invoke(*args)
    text = result.stdout + result.stderr
    assert result.exit_code == 65, f"{case}: exit {result.exit_code}\n{text}"
    lines = positioned(text, "bad.yaml")
    assert len(lines) == 1, f"{case}: expected one positioned line, got {lines}\n{text}"
    assert_clean(text, case)
    assert not out.exists(), f"{case}: an export was written for a refused profile"
    assert written(isolated_user_dirs) == before, f"{case}: something was saved for a refused profile"


# --- ladders ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(LADDERS))
def test_a_bad_ladder_is_refused_with_its_position(case, invoke, tmp_path, isolated_user_dirs):
    path = tmp_path / "bad-ladder.yaml"
    path.write_bytes(LADDERS[case].encode("utf-8", "surrogateescape"))
    before = written(isolated_user_dirs)
    with deadline():
        result = invoke("validate", path)
    text = result.stdout + result.stderr
    assert result.exit_code == 65, f"{case}: exit {result.exit_code}\n{text}"
    assert positioned(text, "bad-ladder.yaml"), f"{case}: no positioned line\n{text}"
    assert_clean(text, case)
    assert written(isolated_user_dirs) == before


# --- spreadsheets ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(SHEETS))
def test_a_bad_cell_is_named_with_its_person_and_the_report_is_written(case, invoke, tmp_path):
    """A bad cell no longer skips the person (issue 21): that answer is left unknown, the cell named once with Bo."""
    sheet = tmp_path / "team.csv"
    sheet.write_text(SHEETS[case], encoding="utf-8")
    out = tmp_path / "report.json"
    with deadline():
        result = invoke("team", sheet, "--ladder", "pm-titles", "-o", out)
    text = result.stdout + result.stderr
    assert result.exit_code == 0, f"{case}: exit {result.exit_code}\n{text}"
    assert_clean(text, case)
    assert out.exists(), f"{case}: no report written"
    report = out.read_text(encoding="utf-8")
    assert_clean(report, f"{case} (report)")
    import json

    data = json.loads(report)
    assert sorted(p["name"] for p in data["people"]) == ["Ana", "Bo"], f"{case}: somebody was dropped"
    assert data["skipped"] == [], f"{case}: a row was skipped: {data['skipped']}"
    column = case.split("=", 1)[0]
    if case.endswith(("=nan",)):  # NaN is an empty cell as pandas writes it: not answered, nothing to name
        assert data["warnings"] == [], f"{case}: {data['warnings']}"
        return
    assert [(w["person"], w["row"], w["column"]) for w in data["warnings"]] == [("Bo", 3, column)], f"{case}: {data['warnings']}"
