"""Workbooks (.xlsx) in `team`, and the workbook template (issue 21).

Real openpyxl writes the files the tests read (no mocks): a workbook is read as the same CSV
is; Excel's own types (numbers, dates, TRUE/FALSE, formulas) come through as a person wrote
them; a hostile file (not a zip, a zip bomb, a sheet claiming a million rows) is one clear
message and exit 65, never a traceback or a hang; without openpyxl an .xlsx input is exit 66
with the command that installs it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import warm_library_cache

TODAY = "2026-11-22"
LADDER = "pmo-career"
REPO = Path(__file__).resolve().parents[2]
HEADER = ["name", "education", "certifications", "years_experience", "years_managing", "team_size", "risk", "communication",
          "assessed_on"]
ROWS = [
    ["Ana Lima", "MBA", "PRINCE2 Practitioner; PMP", "5 years", "3,5", "12", "3", "N/A", "2026-03-01"],
    ["Bo Chen", "phd", "PMPP", "-1", "2", "", "7", "4", ""],
    ["Cy Diaz", "A-levels", "none", "8", "6", "40", "4", "4", ""],
    ["李娜", "bachelor", "IPMA Level C, Certified Project Manager", "10", "7", "25", "5", "5", ""],
]


def write_csv(path: Path, rows=ROWS) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows=ROWS, header=HEADER, title: str | None = None, before: list | None = None) -> Path:
    book = openpyxl.Workbook()
    if before is not None:  # a first sheet of something else
        book.active.title = "Notes"
        book.active.append(before)
        ws = book.create_sheet(title or "People")
    else:
        ws = book.active
        if title:
            ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def team(invoke, *args, code: int = 0, fmt: str = "json"):
    result = invoke("team", *map(str, args), "--ladder", LADDER, "--today", TODAY, "--format", fmt)
    assert result.exit_code == code, (result.exit_code, result.stdout[-800:], result.stderr[-800:])
    return json.loads(result.stdout) if fmt == "json" else result


def same_people(data: dict) -> list:
    """What a report says of each person, without the file it came from."""
    return [{k: v for k, v in p.items() if k != "file"} for p in data["people"]]


def test_a_workbook_reads_as_the_same_csv(invoke, tmp_path):
    from_csv = team(invoke, write_csv(tmp_path / "team.csv"))
    from_xlsx = team(invoke, write_xlsx(tmp_path / "team.xlsx"))
    assert from_xlsx["counts"] == from_csv["counts"] == {"files": 1, "read": 4, "skipped": 0}
    assert same_people(from_xlsx) == same_people(from_csv)
    strip = lambda ws: [{k: v for k, v in w.items() if k != "file"} for w in ws]  # noqa: E731
    assert strip(from_xlsx["warnings"]) == strip(from_csv["warnings"]) and from_csv["warnings"]
    assert {w["file"] for w in from_xlsx["warnings"]} == {str(tmp_path / "team.xlsx")}
    assert from_xlsx["people"][0]["file"].startswith(str(tmp_path / "team.xlsx") + ":")


def test_excel_types_read_as_a_person_wrote_them(invoke, tmp_path):
    typed = [
        ["Ana Lima", "MBA", "PRINCE2 Practitioner; PMP", 5, 3.5, 12, 3, None, dt.datetime(2026, 3, 1)],
        ["Bo Chen", "phd", "PMPP", -1, 2, None, 7, 4, None],
        ["Cy Diaz", "A-levels", False, 8, 6, 40, 4.0, 4, None],  # FALSE in the certifications column: none held
        ["李娜", "bachelor", "IPMA Level C, Certified Project Manager", 10, 7, 25, 5, 5, dt.date(2026, 11, 1)],
    ]
    data = team(invoke, write_xlsx(tmp_path / "typed.xlsx", typed))
    from_csv = team(invoke, write_csv(tmp_path / "team.csv"))
    assert same_people(data) == same_people(from_csv)
    assert [(w["person"], w["column"], w["value"]) for w in data["warnings"]] == [
        ("Bo Chen", "certifications", "PMPP"), ("Bo Chen", "years_experience", "-1"), ("Bo Chen", "risk", "7")]


def test_a_formula_is_never_evaluated_and_reads_as_not_answered(invoke, tmp_path):
    rows = [["=HYPERLINK(\"http://x\",\"Ana\")", "bachelor", "PMP", "=2+3", 4, 8, 3, 3, None]]
    data = team(invoke, write_xlsx(tmp_path / "f.xlsx", rows))
    [person] = data["people"]
    assert person["name"].endswith("f.xlsx:2")  # no saved value: no name, the row names them
    assert data["warnings"] == [] and "HYPERLINK" not in json.dumps(data) and "2+3" not in json.dumps(data)


def test_the_sheet_is_chosen_by_name_or_number(invoke, tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", title="People", before=["this sheet is notes"])
    first = team(invoke, path, code=65)  # the first sheet is not a team sheet: its header is refused
    assert first["counts"]["read"] == 0 and "unknown column" in first["skipped"][0]["problems"][0]
    for sheet in ("People", "people", "2"):
        assert team(invoke, path, "--sheet", sheet)["counts"]["read"] == 4, sheet
    missing = team(invoke, path, "--sheet", "Staff", code=65)
    assert missing["skipped"][0]["problems"] == [f"{path}:1: the workbook has no sheet 'Staff'; its sheets: 1. Notes, 2. People"]


HOSTILE = {
    "not-a-zip.xlsx": b"name,years_experience\nAna,3\n",
    "empty.xlsx": b"",
    "garbage.xlsx": bytes(range(256)) * 8,
}


def zip_bomb(path: Path) -> Path:
    """A zip whose one part unpacks to 1 GiB (it is made of zeros, so it is small: 4.5 MiB at the
    quickest compression, which takes half the time of the default)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024 + 1):
                part.write(chunk)
    return path


def a_million_rows_claimed(path: Path) -> Path:
    """A real workbook whose sheet says it spans A1:XFD1048576 and has a cell in its last row."""
    write_xlsx(path, ROWS[:1])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, n = re.subn(r'<dimension ref="[A-Z0-9:]+" ?/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    assert n == 1
    sheet = sheet.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, sheet.encode() if name == "xl/worksheets/sheet1.xml" else data)
    return path


@pytest.mark.parametrize("name", [*HOSTILE, "bomb.xlsx", "huge-claim.xlsx", "not-a-workbook.xlsx"])
def test_a_hostile_workbook_is_one_clear_message_and_exit_65(invoke, tmp_path, name):
    path = tmp_path / name
    if name in HOSTILE:
        path.write_bytes(HOSTILE[name])
    elif name == "bomb.xlsx":
        zip_bomb(path)
    elif name == "huge-claim.xlsx":
        a_million_rows_claimed(path)
    else:  # a zip, but no workbook in it
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("hello.txt", "hi")
    good = write_csv(tmp_path / "good.csv")
    data = team(invoke, good, path, code=65)
    assert data["counts"]["read"] == 4  # the others are still read
    [skipped] = data["skipped"]
    assert skipped["file"] == str(path)
    [problem] = skipped["problems"]
    assert problem.startswith(f"{path}:") and "\n" not in problem
    if name == "bomb.xlsx":
        assert "unpacks to more than 256 MiB" in problem
    elif name == "huge-claim.xlsx":
        assert "more than 100000 rows" in problem
    else:
        assert "not a readable .xlsx workbook" in problem
    text = team(invoke, good, path, code=65, fmt="text")
    assert "Traceback" not in text.stdout + text.stderr


def test_a_missing_workbook_is_66(invoke, tmp_path):
    result = invoke("team", tmp_path / "nope.xlsx", "--ladder", LADDER)
    assert result.exit_code == 66 and "nope.xlsx" in result.stderr


def without_openpyxl(tmp_path: Path) -> dict:
    """An environment in which `import openpyxl` fails, as on an installation without the extra: a package of that
    name earlier on the path that refuses to import."""
    shadow = tmp_path / "shadow" / "openpyxl"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named openpyxl')\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "shadow"), PMLADDER_HOME=str(tmp_path / "home"))
    return warm_library_cache(env)


def test_without_openpyxl_a_workbook_is_66_and_says_how_to_install(tmp_path):
    path = write_xlsx(tmp_path / "team.xlsx")
    env = without_openpyxl(tmp_path)
    run = subprocess.run([sys.executable, "-m", "pmladder", "team", str(path), "--ladder", LADDER], capture_output=True,
                         text=True, env=env, timeout=60)
    assert run.returncode == 66, run.stderr
    assert "pip install 'pmladder[xlsx]'" in run.stderr and "Traceback" not in run.stderr and run.stdout == ""
    out = tmp_path / "t.xlsx"
    run = subprocess.run([sys.executable, "-m", "pmladder", "team", "--template", "xlsx", "-o", str(out)], capture_output=True,
                         text=True, env=env, timeout=60)
    assert run.returncode == 2 and "pip install 'pmladder[xlsx]'" in run.stderr and not out.exists()
    csv_still = subprocess.run([sys.executable, "-m", "pmladder", "team", str(write_csv(tmp_path / "t.csv")), "--ladder", LADDER],
                               capture_output=True, text=True, env=env, timeout=60)
    assert csv_still.returncode == 0, csv_still.stderr


# --- the workbook template ------------------------------------------------------------------------------


def test_the_workbook_template_explains_and_round_trips(invoke, tmp_path):
    path = tmp_path / "template.xlsx"
    result = invoke("team", "--template", "xlsx", "--ladder", LADDER, "-o", path)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Answers", "How to fill in"]
    answers, how = book.worksheets
    header = [c.value for c in answers[1]]
    csv_template = invoke("team", "--template", "csv", "--ladder", LADDER).stdout
    assert ",".join(header) in csv_template.splitlines()  # the same columns as the CSV template
    explained = {row[0]: row[1] for row in how.iter_rows(values_only=True) if row[0]}
    assert set(header) <= set(explained)
    meanings = [row[1] for row in how.iter_rows(values_only=True) if not row[0] and row[1]]
    from pmladder.inputs.loader import load_library

    risk = load_library().get(LADDER).ladder.comps["risk"]
    assert [f"risk {r}: {m}" for r, m in enumerate(risk.ratings)] == [m for m in meanings if m.startswith("risk ")]
    assert any(m.startswith("This ladder asks for ") for m in meanings)
    # fill it in: the example row made real, a messy row added; read it back
    answers.cell(2, 1).value = answers.cell(2, 1).value.replace("# example: ", "")
    row = dict.fromkeys(header)
    row.update(name="Dana Fox", education="MBA", certifications="PRINCE2 Practitioner", years_managing="5 years", risk=4)
    answers.append([row[h] for h in header])
    book.save(tmp_path / "filled.xlsx")
    data = team(invoke, tmp_path / "filled.xlsx")
    assert [p["name"] for p in data["people"]] == ["Alex Chen", "Dana Fox"] and data["warnings"] == []
    as_template = team(invoke, path)  # the template as written counts nobody: the example is a comment
    assert as_template["counts"]["read"] == 0
    again = invoke("team", "--template", "xlsx", "--ladder", LADDER, "-o", path)
    assert again.exit_code == 73  # never overwritten without --force


def test_the_workbook_template_needs_a_file(invoke):
    result = invoke("team", "--template", "xlsx")
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr


def test_a_hostile_ladder_text_is_never_a_formula_in_the_template(invoke, tmp_path):
    from pmladder.inputs.xlsx import template_xlsx
    from pmladder.inputs.loader import load_library

    lib = load_library()
    ladder = lib.get(LADDER).ladder
    comps = dict(ladder.comps)
    comps["risk"] = comps["risk"]._replace(ratings=("=cmd|' /C calc'!A0", "\x1b[2J", *comps["risk"].ratings[2:]))
    data = template_xlsx(lib.vocabulary(), None, None, ladder._replace(comps=comps), None)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in book.worksheets[1].iter_rows() for c in row if c.value]
    assert all(c.data_type == "s" for c in cells)
    assert not any("\x1b" in str(c.value) for c in cells)
