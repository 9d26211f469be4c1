"""A messy HR spreadsheet keeps everyone (issue 21, "Messy input kept").

A cell that cannot be read leaves that one answer unknown and is named with its person, its
column, its value and what was expected; the person stays in every figure. The forms people
write are read: "5 years", "3,5", "N/A", "-", "MBA", "PRINCE2 Practitioner", several
certificates in one cell. The warnings are summed at the top of the report and listed at the
end, in every format. The CSV template explains its columns in '#' lines the reader skips.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmladder.inputs import cells
from pmladder.inputs.loader import load_library
from pmladder.inputs.team import read_csv

TODAY = "2026-11-22"
LADDER = "pmo-career"
HEADER = ["name", "education", "certifications", "years_experience", "years_managing", "team_size", "risk", "communication"]
CLEAN = ["", "bachelor", "PMP", "6", "4", "8", "3", "3"]  # a tidy row; the messy rows change some cells of it
# (cell index, messy value, what it reads as: None = unknown and named, "-" = unknown and not named (N/A & co))
MESS = [
    (3, "5 years", 5), (3, "3,5", 3.5), (3, "3.5", 3.5), (4, "5 yrs", 5), (3, "N/A", "-"), (4, "n/a", "-"), (5, "-", "-"),
    (6, "\u2014", "-"), (6, "", "-"), (1, "MBA", "master"), (1, "BSc", "bachelor"), (1, "PhD", "doctorate"),
    (1, "A-levels", "secondary"), (1, "high school", "secondary"), (2, "PRINCE2 Practitioner", ("PRINCE2-Practitioner",)),
    (2, "PMP\u00ae; PRINCE2 Foundation", ("PMP", "PRINCE2-Foundation")), (2, "pmp / csm", ("PMP", "CSM")),
    (2, "IPMA Level C, Certified Project Manager", ("IPMA-C",)), (2, "none", ()),
    # not readable: named with the person, that answer unknown
    (3, "five years", None), (4, "-2", None), (5, "9" * 400, None), (6, "7", None), (7, "3.5", None), (1, "MBAx", None),
    (3, "5 people", None), (2, "PMPP", None),
]
NAMES = [f"Person {i:02d}" for i in range(30)]


def sheet(tmp_path, rows: list[list[str]], name: str = "team.csv") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


def messy_rows() -> list[list[str]]:
    """30 people: the first len(MESS) with one messy cell each, two of them with a second bad cell."""
    rows = []
    for i, name in enumerate(NAMES):
        row = [name, *CLEAN[1:]]
        if i < len(MESS):
            col, value, _reads = MESS[i]
            row[col] = value
        rows.append(row)
    rows[25][7] = "loads"  # a person with two cells not read
    rows[28][3] = "10+ years"  # "10+" is at least 10: read as 10
    rows[29][4] = "0,5"
    return rows


def team_json(invoke, *args, code: int = 0) -> dict:
    result = invoke("team", *args, "--ladder", LADDER, "--today", TODAY, "--format", "json")
    assert result.exit_code == code, (result.exit_code, result.stdout[-800:], result.stderr[-800:])
    return json.loads(result.stdout)


def test_thirty_messy_rows_keep_thirty_people_and_name_every_bad_cell(invoke, tmp_path):
    path = sheet(tmp_path, messy_rows())
    data = team_json(invoke, path)
    assert data["counts"] == {"files": 1, "read": 30, "skipped": 0}  # nobody dropped
    assert sorted(p["name"] for p in data["people"]) == NAMES
    assert sum(s["people"] for s in data["spread"]) == 30  # in every figure
    bad = [(NAMES[i], HEADER[col], value) for i, (col, value, reads) in enumerate(MESS) if reads is None]
    bad.append((NAMES[25], "communication", "loads"))
    got = [(w["person"], w["column"], w["value"]) for w in data["warnings"]]
    assert sorted(got) == sorted((n, c, v if len(v) < 80 else v[:79] + "\u2026") for n, c, v in bad)
    for w in data["warnings"]:
        assert w["file"] == path and w["row"] == NAMES.index(w["person"]) + 2 and w["expected"]
    expected = {(w["column"], w["value"][:5]): w["expected"] for w in data["warnings"]}
    assert expected[("years_experience", "five ")] == "a number from 0 to 50 years"
    assert expected[("risk", "7")] == "a whole number from 0 to 5"
    assert expected[("certifications", "PMPP")].endswith("(did you mean 'PMP'?)")
    assert data["text"]["warnings"].startswith(f"{len(bad)} cells in {len(bad) - 1} people's rows could not be read")


def test_each_common_form_reads_as_a_person_means_it(tmp_path):
    """The profile each messy row becomes: read values are the values, N/A & co are unknown, never 0."""
    lib = load_library()
    path = sheet(tmp_path, messy_rows())
    rows = {r.profile.name: r for r in read_csv(path, path, lib.vocabulary())}
    for i, (col, value, reads) in enumerate(MESS):
        row = rows[NAMES[i]]
        p = row.profile
        column = HEADER[col]
        got = (p.education if column == "education" else p.certifications if column == "certifications"
               else p.facts.get(column) if column in lib.vocabulary().facts else p.competencies.get(column))
        if reads is None or reads == "-":
            assert got is None, (value, got)
            assert bool(row.warnings) == (reads is None), (value, row.warnings)
        else:
            assert got == reads, (value, got)
            assert row.warnings == (), (value, row.warnings)
    assert rows[NAMES[28]].profile.facts["years_experience"] == 10
    assert rows[NAMES[29]].profile.facts["years_managing"] == 0.5
    assert MESS[26][1] == "PMPP" and rows[NAMES[26]].profile.other_certifications == ("PMPP",)  # kept by name, not counted


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_the_summary_is_at_the_top_and_the_list_at_the_end_in_every_format(invoke, tmp_path, fmt):
    rows = [["Ana Lima", "MBA", "PMP", "five", "4", "8", "3", "3"], ["Bo Chen", "bachelor", "", "6", "4", "8", "9", "N/A"],
            ["Cy Diaz", "bachelor", "none", "6", "4", "8", "3", "3"]]
    path = sheet(tmp_path, rows)
    result = invoke("team", path, "--ladder", LADDER, "--today", TODAY, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "csv":
        table = {r[0]: r for r in csv.reader(io.StringIO(out))}
        assert "years_experience: 'five' not read" in table["Ana Lima"][-1]
        assert "risk: '9' not read" in table["Bo Chen"][-1] and table["Cy Diaz"][-1] == ""
        return
    flat = re.sub(r"\s+", " ", out.replace("\\", ""))
    summary = flat.index("2 cells in 2 people's rows could not be read")
    listing = flat.index("Cells not read (2)")
    assert summary < flat.index("Where the team stands") < listing  # summed at the top, listed at the end
    assert "Ana Lima, row 2, years_experience: 'five' not read (a number from 0 to 50 years)" in flat[listing:]
    assert "Bo Chen, row 3, risk: '9' not read (a whole number from 0 to 5)" in flat[listing:]


def test_no_warning_no_section(invoke, tmp_path):
    path = sheet(tmp_path, [["Ana", "bachelor", "PMP", "6", "4", "8", "3", "3"]])
    data = team_json(invoke, path)
    assert data["warnings"] == [] and data["text"]["warnings"] is None
    text = invoke("team", path, "--ladder", LADDER, "--today", TODAY).stdout
    assert "Cells not read" not in text and "could not be read" not in text


def test_anonymised_warnings_name_the_pseudonym_and_never_the_file(invoke, tmp_path):
    long_name = "Secret " + "x" * 300  # a name cell the profile refuses: named, and under --anonymise not quoted
    path = sheet(tmp_path, [["Secret Person", "bachelor", "PMP", "lots", "4", "8", "3", "3"],
                            [long_name, "bachelor", "PMP", "6", "4", "8", "3", "3"]])
    data = team_json(invoke, path, "--anonymise")
    text = json.dumps(data)
    assert "Secret" not in text and "team.csv" not in text
    assert {w["column"] for w in data["warnings"]} == {"years_experience", "name"}
    assert all(w["person"] in {p["name"] for p in data["people"]} and w["file"] is None for w in data["warnings"])
    assert data["counts"]["read"] == 2


def test_a_hostile_cell_is_escaped_where_it_is_quoted(invoke, tmp_path):
    path = sheet(tmp_path, [["Ana", "\x1b[31mMBA\u202e", "PMP", "6", "4", "8", "3", "3"]])
    for fmt in ("text", "markdown", "json", "csv"):
        out = invoke("team", path, "--ladder", LADDER, "--today", TODAY, "--format", fmt).stdout
        assert "\x1b" not in out and "\u202e" not in out, fmt
        assert "education" in out


def test_the_csv_template_explains_every_column_and_rating_and_reads_back(invoke, tmp_path):
    template = invoke("team", "--template", "csv", "--ladder", LADDER).stdout
    lines = template.splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("name,"))
    comments = lines[:header_at]
    assert comments and all(line.startswith("# ") for line in comments)
    header = next(csv.reader([lines[header_at]]))
    for column in header:
        assert any(line.startswith(f"# {column}: ") for line in comments), column
    lib = load_library()
    for comp in ("risk", "communication"):
        for rating in range(6):
            meaning = lib.get(LADDER).ladder.comps[comp].ratings[rating]
            assert f"#     {comp} {rating}: {meaning}" in comments
        assert any(line.startswith(f"#     This ladder asks for ") and line for line in comments)
    # fill it in as a PMO lead would: the example row made real, one messy row added
    filled = template.replace("\n# example: ", "\n", 1)
    row = dict.fromkeys(header, "")
    row.update(name="Dana Fox", education="MBA", certifications="PRINCE2 Practitioner", years_managing="5 years", risk="N/A")
    filled += ",".join(row[h] for h in header) + "\n"
    (tmp_path / "filled.csv").write_text(filled, encoding="utf-8")
    data = team_json(invoke, tmp_path / "filled.csv")
    assert sorted(p["name"] for p in data["people"]) == ["Alex Chen", "Dana Fox"] and data["warnings"] == []
    dana = next(p for p in data["people"] if p["name"] == "Dana Fox")
    assert dana["certifications"] == ["PRINCE2-Practitioner"]
    assert dana["file"].endswith(f":{len(filled.splitlines())}")  # the row a spreadsheet program shows


def test_the_template_speaks_chinese(invoke):
    out = invoke("team", "--template", "csv", "--lang", "zh").stdout
    assert "填0到" in out and "How many years have you worked" not in out  # the catalog's questions in Chinese too
    assert out.splitlines()[0].startswith("# ")


# --- the cell rules themselves ------------------------------------------------------------------------


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,+ -yearsYh\u00a0", max_size=40), st.sampled_from([5, 50, 5000]))
def test_a_number_cell_is_in_range_or_refused_never_a_huge_number(text, most):
    try:
        value = cells.number(text, most, "years")
    except cells.Unreadable:
        return
    assert isinstance(value, (int, float)) and 0 <= value <= most


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.integers(0, 10**60), st.sampled_from([5, 50, 5000]))
def test_every_written_whole_number_reads_as_itself_exactly_when_in_range(n, most):
    try:
        value = cells.number(str(n), most)
    except cells.Unreadable:
        assert n > most
    else:
        assert value == n <= most


def test_certificate_names_fold_case_punctuation_and_marks():
    lib = load_library()
    names = cells.cert_names(lib.vocabulary())
    for text, held in [("prince2-PRACTITIONER", ["PRINCE2-Practitioner"]), ("PMP\u00ae", ["PMP"]), ("PMP, CSM", ["PMP", "CSM"]),
                       ("PMP\nCSM", ["PMP", "CSM"]), ("项目管理专业人士", ["PMP"]), ("PMP;;PMP", ["PMP"])]:
        assert cells.certifications(text, names) == (held, []), text
    assert cells.certifications("yes", names) == (None, ["yes"])
    assert cells.certifications("ITIL; PMP", names) == (["PMP"], ["ITIL"])
