"""`pmladder team`: a whole team on one ladder (issue 11).

Placements are never hard-coded here: every person's figures are compared with what
`service.make_plan` says for that person alone, in every format (text, Markdown, JSON, CSV).
Then bad input (broken, empty, huge and hostile profiles; spreadsheets with wrong columns,
bad values, a BOM, Windows line endings), CSV that a spreadsheet opens safely, pseudonyms,
the spreadsheet template, exit codes and output files. Last, the quick YAML reader against
the safe one it stands in for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mdread import inline_text, tables
from personas import PERSONAS

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "ladders" / "examples" / "profile-alex.yaml"
TODAY = "2026-11-22"
DAY = dt.date(2026, 11, 22)
LADDERS = ("pm-titles", "pmo-career", "pmo-sequence")
DATED = ("now", "6", "12", "later")
# what a terminal acts on: C0 (but newline), DEL, C1, bidi controls, line separators
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


# --- helpers ---------------------------------------------------------------------------------


def write_team(folder: Path, personas=PERSONAS) -> dict[str, Path]:
    """One profile file a persona, in two sub-folders (teams keep profiles by unit)."""
    paths = {}
    for i, p in enumerate(personas):
        sub = folder / ("unit-a" if i % 2 else "unit-b")
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{p.key}.yaml"
        path.write_text(yaml.dump(p.profile, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths[p.key] = path
    return paths


def expected(ladder_id: str, paths: dict[str, Path], target: str | None = None) -> dict[str, dict]:
    """What make_plan says for each person alone, keyed by file."""
    from pmladder.inputs.loader import load_library
    from pmladder.engine.roadmap import below
    from pmladder.inputs.profiles import load_profile
    from pmladder.views.plan import make_plan

    lib = load_library()
    ladder = lib.get(ladder_id).ladder
    out = {}
    for key, path in paths.items():
        person = load_profile(path, lib.vocabulary())
        plan = make_plan(ladder, person, DAY, role_from=lib.catalog.role_ratings_from)
        best = plan.assessment.best
        at_target = False
        if target is not None:
            if best is not None and (best.id == target or below(ladder, target, best.id)):
                at_target = True
            else:
                plan = make_plan(ladder, person, DAY, target=target, role_from=lib.catalog.role_ratings_from)
        road = plan.roadmap
        out[str(path)] = {
            "name": person.name,
            "best": best.id if best else None,
            "best_title": best.title if best else None,
            "fully": plan.assessment.fully.id if plan.assessment.fully else None,
            "target": None if at_target or road.target is None else road.target.id,
            "target_title": None if at_target or road.target is None else road.target.title,
            "eta": None if at_target else road.eta,
            "answers": any(s.kind == "answer" for s in road.steps) and not at_target,
            "education": any(s.kind == "education" for s in road.steps),
            "top": road.target is None and not at_target,
            "at_target": at_target,
            "held": [c for c in (person.certifications or ()) if c in ladder.certs],
            "plan": plan,
        }
    return out


def month(eta: int) -> str:
    from pmladder.words import month_of

    return "now" if eta == 0 else month_of(DAY, eta)


def bucket(e: dict) -> str:
    if e["at_target"]:
        return "at-target"
    if e["top"]:
        return "top"
    if e["eta"] is None:  # no date: an education requirement, or only open questions
        return "not-estimated" if e["education"] or not e["answers"] else "answer-first"
    if e["eta"] == 0:
        return "answer-first" if e["answers"] else "now"
    return "6" if e["eta"] <= 6 else "12" if e["eta"] <= 12 else "later"


def run(invoke, *args, code: int = 0):
    result = invoke("team", *args)
    assert result.exit_code == code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return result


def team_json(invoke, *args, code: int = 0) -> dict:
    return json.loads(run(invoke, *args, "--format", "json", code=code).stdout)


def md_tokens(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def lint(text: str) -> list[str]:
    from pymarkdown.api import PyMarkdownApi

    result = PyMarkdownApi().disable_rule_by_identifier("md013").scan_string(text)
    return [f"line {f.line_number}: {f.rule_id} {f.rule_description}" for f in result.scan_failures]


PIE_LINE = re.compile(r'^    "([^"\n]*)" : (\d+)$')


def pie(text: str) -> dict[str, int]:
    """The one Mermaid block, checked line by line: a pie of titles and counts; nothing else may be in it."""
    blocks = [t for t in md_tokens(text) if t.type in ("fence", "code_block")]
    assert len(blocks) == 1 and blocks[0].info == "mermaid", [b.info for b in blocks]
    lines = blocks[0].content.rstrip("\n").split("\n")
    assert lines[0] == "pie showData" and lines[1].startswith("    title "), lines[:2]
    out = {}
    for line in lines[2:]:
        m = PIE_LINE.match(line)
        assert m, f"unexpected line in the mermaid block: {line!r}"
        out[m[1]] = int(m[2])
    return out


@pytest.fixture(scope="module")
def persona_team(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team")
    return folder, write_team(folder)


# --- 1. known placements, every format ---------------------------------------------------------


@pytest.mark.parametrize("ladder", LADDERS)
def test_json_places_everyone_as_make_plan_does(invoke, persona_team, ladder):
    folder, paths = persona_team
    data = team_json(invoke, folder, "--ladder", ladder, "--today", TODAY)
    want = expected(ladder, paths)
    assert data["counts"] == {"files": len(paths), "read": len(paths), "skipped": 0}
    assert len(data["people"]) == len(paths)
    for person in data["people"]:
        e = want[person["file"]]
        assert person["name_as_given"] == e["name"]
        assert (person["best_fit"] or {}).get("id") == e["best"], person["file"]
        assert (person["fully_met"] or {}).get("id") == e["fully"], person["file"]
        assert (person["target"] or {}).get("id") == e["target"], person["file"]
        assert person["readiness"] == bucket(e), person["file"]
        if bucket(e) in DATED:
            assert person["eta_months"] == e["eta"], person["file"]
        assert person["certifications"] == e["held"]
        assert {(s["kind"], s["key"]) for s in person["limited_by"]} == {(s.kind, s.key) for s in e["plan"].roadmap.limits}
    # the team-wide figures are the people's, folded
    spread = {(s["level"] or {}).get("id"): s["people"] for s in data["spread"]}
    assert {k: v for k, v in spread.items() if v} == dict(Counter(e["best"] for e in want.values()))
    buckets = {b["bucket"]: sorted(data["people"][i]["file"] for i in b["people"]) for b in data["readiness"]}
    for b, files in buckets.items():
        assert files == sorted(f for f, e in want.items() if bucket(e) == b), b


def test_json_gaps_and_pipeline_are_folded_from_each_plan(invoke, persona_team):
    folder, paths = persona_team
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--today", TODAY)
    want = expected("pmo-career", paths)
    by_file = {p["file"]: i for i, p in enumerate(data["people"])}
    # every gap a plan lists (answered ones) is counted for that person, and nobody else
    groups = {(g["kind"], g["key"]): set(g["people"]) for g in data["gaps"]}
    for file, e in want.items():
        for gap in e["plan"].gaps:
            if gap.check.state == "unknown":
                continue
            assert by_file[file] in groups[(gap.check.kind, gap.check.key)], (file, gap.check.key)
    assert sum(len(v) for v in groups.values()) == sum(
        sum(1 for g in e["plan"].gaps if g.check.state != "unknown") for e in want.values())
    # skill gaps: how many people are short, by how much
    for g in data["gaps"]:
        if g["kind"] == "skill":
            shortfalls = Counter()
            for i in g["people"]:
                e = want[data["people"][i]["file"]]
                check = next(x.check for x in e["plan"].gaps if x.check.key == g["key"] and x.check.kind == "skill")
                shortfalls[str(check.need - (check.have or 0))] += 1
            assert g["short_by"] == dict(shortfalls), g["key"]
    # certification pipeline: holders as stated; eligible now as the engine says
    certs = {c["id"]: c for c in data["certifications"]}
    for file, e in want.items():
        i = by_file[file]
        for cert in e["held"]:
            assert i in certs[cert]["holders"]
        known = e["plan"].assessment.known
        for cert, row in certs.items():
            if i in row["eligible_now"]:
                assert known.eligible_now(cert) and cert not in known.held


def test_text_report_shows_each_person_where_make_plan_places_them(invoke, persona_team):
    folder, paths = persona_team
    text = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY).stdout
    want = expected("pmo-career", paths)
    lines = text.splitlines()
    for e in want.values():
        if bucket(e) in DATED and e["name"]:
            # a plan that confirms the title the person is placed at says so, not "Project Manager → Project Manager"
            nxt = f"confirm {e['target_title']}" if e["target"] == e["best"] else e["target_title"]
            row = f"  {e['name']}  {e['best_title'] or 'Not placed yet'} \u2192 {nxt}  {month(e['eta'])}"
            assert row in lines, row
    counts = Counter(e["best_title"] or "Not placed yet" for e in want.values())
    for title, n in counts.items():
        assert any(re.match(rf"^{re.escape(title)}\s+\u2588+ {n}  \(", line) for line in lines), title
    for heading in ("Where the team stands (best fit)", "Who is ready for the next title", "Most common gaps toward the next title",
                    "Training that would close the most gaps", "Certification pipeline", "Not answered"):
        assert heading in text
    assert "19 profiles read from 19 files; none skipped." in text


def test_markdown_report_tables_agree_with_make_plan(invoke, persona_team):
    folder, paths = persona_team
    text = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "--format", "markdown").stdout
    want = expected("pmo-career", paths)
    found = tables(md_tokens(text))
    spread = next(t for t in found if t[0] == ["Title", "People", "Share"])
    counts = Counter(e["best_title"] or "Not placed yet" for e in want.values())
    assert {row[0]: int(row[1]) for row in spread[1:] if row[1] != "0"} == dict(counts)
    assert pie(text) == dict(counts)
    ready_rows = [row for t in found if t[0][:4] == ["Name", "Now", "Next", "Ready by"] for row in t[1:]]
    dated = {e["name"]: e for e in want.values() if bucket(e) in DATED}
    assert sorted(r[0] for r in ready_rows) == sorted(dated)
    for name, now, nxt, when, _limits in ready_rows:
        e = dated[name]
        want_next = f"confirm {e['target_title']}" if e["target"] == e["best"] else e["target_title"]
        assert (now, nxt, when) == (e["best_title"] or "Not placed yet", want_next, month(e["eta"])), name
    assert lint(text) == []


def test_csv_report_rows_agree_with_make_plan(invoke, persona_team):
    folder, paths = persona_team
    out = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    want = expected("pmo-career", paths)
    assert len(rows) == len(want)
    for row in rows:
        e = want[row["file"]]
        assert row["status"] == "read"
        assert row["best_fit"] == (e["best_title"] or "Not placed yet")
        assert row["next_title"] == (e["target_title"] or "")
        assert row["eta_months"] == (str(e["eta"]) if bucket(e) in DATED else "")
        assert row["certifications"] == ";".join(e["held"])


def test_target_measures_everyone_toward_one_title(invoke, persona_team):
    folder, paths = persona_team
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "--target", "program-manager")
    want = expected("pmo-career", paths, target="program-manager")
    assert data["target"]["id"] == "program-manager"
    for person in data["people"]:
        e = want[person["file"]]
        assert person["readiness"] == bucket(e), person["file"]
        if bucket(e) in DATED:
            assert person["eta_months"] == e["eta"]
            assert person["target"]["id"] == "program-manager"


def test_two_workers_give_the_same_team_as_one(tmp_path):
    """The report does not depend on how the work was shared between processes."""
    from pmladder.inputs.loader import load_library
    from pmladder.views.team import Request, build_team
    from pmladder.inputs.team import find

    many = [p for p in PERSONAS] * 7  # 133 people: enough for two workers
    for i, p in enumerate(many):
        (tmp_path / f"p{i:03d}.yaml").write_text(yaml.safe_dump({**p.profile, "name": f"{p.profile.get('name')} {i}"}), encoding="utf-8")
    lib = load_library()
    sources, _ = find([str(tmp_path)])
    one = build_team(Request(lib.get("pmo-sequence").ladder, lib.vocabulary(), DAY, workers=1), sources)
    two = build_team(Request(lib.get("pmo-sequence").ladder, lib.vocabulary(), DAY, workers=2), sources)
    assert two.workers == 2
    assert one.people == two.people and one.gaps == two.gaps and one.certs == two.certs and one.ready == two.ready


# --- 2. names -----------------------------------------------------------------------------------


def test_duplicate_names_are_told_apart_by_file(invoke, tmp_path):
    for sub in ("north", "south"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "alex.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "nameless.yaml").write_text("schema_version: 1\neducation: bachelor\n", encoding="utf-8")
    data = team_json(invoke, tmp_path, "--ladder", "pm-titles", "--today", TODAY)
    names = sorted(p["name"] for p in data["people"])
    assert names == sorted([f"Alex Chen ({tmp_path / 'north' / 'alex.yaml'})", f"Alex Chen ({tmp_path / 'south' / 'alex.yaml'})",
                            str(tmp_path / "nameless.yaml")])


# --- 3. bad input does not sink the report ------------------------------------------------------

HOSTILE = [
    "\x1b[31mRed\x1b[0m \x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "Pipe | in | name",
    "**Bold** _it_ `code` <b>html</b> [link](https://x.example) # heading",
    '"]] --> x["pwned"] %%{init: {}}%%\n```\nend',
    "\u202eevil\u202c bidi",
    "- list item",
]


def hostile_folder(root: Path) -> Path:
    folder = root / "team"
    (folder / "deep" / "er").mkdir(parents=True)
    (folder / "alex.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.yaml").write_text("name: [Alex\nfacts: {\n", encoding="utf-8")
    (folder / "empty.yaml").write_text("", encoding="utf-8")
    (folder / "huge.yaml").write_text("name: Big\n" + "# padding line\n" * 80_000, encoding="utf-8")
    assert (folder / "huge.yaml").stat().st_size > 1024 * 1024
    (folder / "typo.yml").write_text("schema_version: 1\nname: Typo\nfacts:\n  years_managin: 3\n", encoding="utf-8")
    (folder / "anchor.yaml").write_text("base: &b {x: 1}\nname: A\nother: *b\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a profile", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("name: [", encoding="utf-8")
    for i, name in enumerate(HOSTILE):
        profile = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")) | {"name": name}
        (folder / "deep" / "er" / f"hostile-{i}.yaml").write_text(yaml.dump(profile, Dumper=SAFE_DUMPER, allow_unicode=True), encoding="utf-8")
    return folder


BAD_FILES = {  # file -> what its problem says, after FILE
    "broken.yaml": r":\d+:\d+: YAML syntax: ",
    "empty.yaml": r":1:1: the file is empty",
    "huge.yaml": r":1:1: file is larger than 1024 KiB",
    "typo.yml": r":4:3: unknown fact 'years_managin' \(did you mean 'years_managing'\?\)",
    "anchor.yaml": r":1:7: anchors \(&b\) are not allowed",
}


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_broken_empty_huge_and_hostile_profiles_do_not_sink_the_report(invoke, tmp_path, fmt):
    folder = hostile_folder(tmp_path)
    result = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "--format", fmt, code=65)
    out = result.stdout
    assert "skipped 5 of 12 profiles" in result.stderr
    assert not CONTROL.search(out.replace("\r\n", "\n")), "a control character reached the output"
    if fmt == "json":
        data = json.loads(out)
        assert data["counts"] == {"files": 12, "read": 7, "skipped": 5}
        problems = [p for s in data["skipped"] for p in s["problems"]]
        assert {Path(s["file"]).name for s in data["skipped"]} == set(BAD_FILES)
        assert sorted(p["name_as_given"] for p in data["people"] if p["name_as_given"] != "Alex Chen") == sorted(HOSTILE)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert Counter(r["status"] for r in rows) == {"read": 7, "skipped": 5}
        problems = [r["problems"] for r in rows if r["status"] == "skipped"]
    elif fmt == "markdown":
        texts = [inline_text(t) for t in md_tokens(out) if t.type == "inline"]
        assert "7 profiles read from 12 files; 5 skipped (listed under Skipped)." in " ".join(texts)
        problems = [t for t in texts if t.startswith(str(folder))]
    else:
        assert "7 profiles read from 12 files; 5 skipped (listed under Skipped)." in " ".join(out.split())
        listed = " ".join(out.split("Skipped (5)", 1)[1].split())  # the terminal wraps long lines
        problems = [str(folder) + part for part in listed.split(str(folder))[1:]]
    for name, pattern in BAD_FILES.items():
        assert any(re.match(re.escape(str(folder / name)) + pattern, p) for p in problems), (name, problems)
    if fmt == "markdown":
        tokens = md_tokens(out)
        for table in tables(tokens):
            assert len({len(row) for row in table}) == 1, "a name broke a table's columns"
        assert pie(out)  # one intact Mermaid block, nothing but titles and counts in it
        assert [t.type for t in tokens if t.type.startswith("html")] == []
        links = [c for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "link_open"]
        assert links == []
        assert lint(out) == []


def test_hostile_names_show_as_literal_text(invoke, tmp_path):
    folder = hostile_folder(tmp_path)
    text = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, code=65).stdout
    assert "\\x1b[31mRed\\x1b[0m" in text and "\x1b" not in text
    assert "\\u202eevil" in text
    md = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "--format", "markdown", code=65).stdout
    cells = [cell for table in tables(md_tokens(md)) for row in table for cell in row]
    assert any("Pipe | in | name" in c for c in cells)
    assert any("**Bold** _it_ `code` <b>html</b> [link](https://x.example) # heading" in c for c in cells)


def test_empty_folder_and_missing_path_say_so(invoke, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("no profiles here", encoding="utf-8")
    result = run(invoke, tmp_path / "empty", "--ladder", "pmo-career", code=66)
    assert f"no profiles found in {tmp_path / 'empty'}" in result.stderr and result.stdout == ""
    result = run(invoke, tmp_path / "nowhere", "--ladder", "pmo-career", code=66)
    assert f"not found: {tmp_path / 'nowhere'}" in result.stderr


def test_usage_mistakes(invoke, tmp_path):
    assert "--ladder" in run(invoke, EXAMPLE, code=2).stderr
    assert "name the profiles" in run(invoke, "--ladder", "pmo-career", code=2).stderr
    assert "unknown ladder" in run(invoke, EXAMPLE, "--ladder", "nope", code=2).stderr
    assert "--target" in run(invoke, EXAMPLE, "--ladder", "pmo-career", "--target", "astronaut", code=2).stderr
    assert "--format text" in run(invoke, EXAMPLE, "--ladder", "pmo-career", "--format", "text", "-o", tmp_path / "t.txt", code=2).stderr


def test_paths_from_standard_input(persona_team):
    folder, paths = persona_team
    listing = "\n".join(str(p) for p in list(paths.values())[:5]) + "\n\n"
    from typer.testing import CliRunner

    from pmladder.cli import app

    result = CliRunner().invoke(app, ["team", "-", "--ladder", "pm-titles", "--format", "json", "--today", TODAY], input=listing)
    assert result.exit_code == 0, result.stderr
    assert sorted(p["file"] for p in json.loads(result.stdout)["people"]) == sorted(str(p) for p in list(paths.values())[:5])


def test_no_progress_bar_when_output_is_piped(invoke, persona_team):
    folder, _ = persona_team
    for fmt in ("text", "json", "csv"):
        result = run(invoke, folder, "--ladder", "pmo-career", "--format", fmt)
        assert result.stderr == ""
    from pmladder.render.team import Progress

    bar = Progress(enabled=False)
    bar.update(1, 10)
    assert bar.bar is None


# --- 4. output files ----------------------------------------------------------------------------


def test_output_file_is_written_once_and_never_replaced_without_force(invoke, persona_team, tmp_path):
    folder, _ = persona_team
    report = tmp_path / "team.md"
    result = run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "-o", report)
    assert result.stdout == "" and f"Wrote the team report to {report}" in result.stderr
    first = report.read_text(encoding="utf-8")
    assert first.startswith("# Team on PMO career ladder")
    result = run(invoke, folder, "--ladder", "pmo-career", "-o", report, code=73)
    assert "already exists" in result.stderr and report.read_text(encoding="utf-8") == first
    run(invoke, folder, "--ladder", "pmo-career", "--today", TODAY, "-o", report, "--force")
    for suffix, check in ((".json", json.loads), (".csv", lambda t: list(csv.reader(io.StringIO(t))))):
        target = tmp_path / f"team{suffix}"
        run(invoke, folder, "--ladder", "pmo-career", "-o", target)
        assert check(target.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.csv", "team.json", "team.md"]  # no temp files left
    result = run(invoke, folder, "--ladder", "pmo-career", "-o", tmp_path / "missing" / "x.md", code=74)


# --- 5. CSV a spreadsheet opens safely ----------------------------------------------------------

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", " =cmd|' /C calc'!A0"]


def test_csv_output_is_quoted_and_formulas_are_neutralised(invoke, tmp_path):
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for i, name in enumerate(FORMULAS + ['Quote " and, comma', "Line\nbreak"]):
        (tmp_path / f"p{i}.yaml").write_text(yaml.dump(base | {"name": name}, Dumper=SAFE_DUMPER), encoding="utf-8")
    out = run(invoke, tmp_path, "--ladder", "pmo-career", "--format", "csv").stdout
    assert out.splitlines()[0].startswith('"name","file","status"')
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert all(len(r) == len(rows[0]) for r in rows)
    for line in out.split("\r\n")[1:-1]:
        assert line.startswith('"'), "every field is quoted"
    names = [r[0] for r in rows[1:]]
    for name in names:
        assert not name.lstrip(" ").startswith(("=", "+", "-", "@")), name
        assert not name.startswith(("\t", "\r")), name
    assert sorted(n for n in names if n.startswith("'")) == sorted("'" + n.replace("\t", "\\x09").replace("\r", "\\x0d") for n in FORMULAS)
    assert 'Quote " and, comma' in names and "Line\\x0abreak" in names


# --- 6. spreadsheets in --------------------------------------------------------------------------


def read_csv_team(invoke, tmp_path, content: bytes, *extra, code: int = 0) -> dict:
    path = tmp_path / "team.csv"
    path.write_bytes(content)
    return team_json(invoke, path, "--ladder", "pmo-career", "--today", TODAY, *extra, code=code)


def test_template_round_trips_through_the_reader(invoke, tmp_path):
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.views.plan import make_plan

    template = run(invoke, "--template", "csv", "--ladder", "pmo-career").stdout
    header, example = list(csv.reader(line for line in io.StringIO(template) if not line.startswith("# ") or line.startswith("# example")))
    assert header[:4] == ["name", "education", "certifications", "other_certifications"]
    assert "years_managing" in header and "risk" in header and len(example) == len(header)
    assert example[0].startswith("#")  # the example row is a comment: a team read as it is counts nobody
    assert read_csv_team(invoke, tmp_path, template.encode())["counts"]["read"] == 0
    made_real = template.replace("# example: ", "", 1)  # what a PMO lead does with it: the row becomes a person
    data = read_csv_team(invoke, tmp_path, made_real.encode())
    assert data["counts"]["read"] == 1 and data["skipped"] == []
    person = data["people"][0]
    lib = load_library()
    plan = make_plan(lib.get("pmo-career").ladder, load_profile(EXAMPLE, lib.vocabulary()), DAY)
    row = next(n for n, line in enumerate(made_real.splitlines(), 1) if line.startswith("Alex Chen,"))  # as a spreadsheet numbers it
    assert row > 2 and made_real.splitlines()[row - 2].startswith("name,")  # the explanations above the header are rows too
    assert person["name"] == "Alex Chen" and person["file"] == f"{tmp_path / 'team.csv'}:{row}"
    assert person["best_fit"]["id"] == plan.assessment.best.id and person["eta_months"] == plan.roadmap.eta
    # every ladder's columns without --ladder; written to a file with -o
    everything = run(invoke, "--template", "csv", "-o", tmp_path / "all.csv")
    assert "years_program" in (tmp_path / "all.csv").read_text(encoding="utf-8") and everything.stdout == ""


def test_csv_with_a_bom_windows_line_endings_and_semicolons_reads(invoke, tmp_path):
    content = ("\ufeffName;Education;Certifications;years_managing;years_experience;risk\r\n"
               "Ana;Bachelor;pmp, csm;4;6,5;3\r\n\r\n"
               'Bo;master;"PMP;PRINCE2-Foundation";2;3;2\r\n').encode("utf-8")
    data = read_csv_team(invoke, tmp_path, content)
    people = {p["name"]: p for p in data["people"]}
    assert set(people) == {"Ana", "Bo"} and data["skipped"] == []
    assert people["Ana"]["certifications"] == ["PMP", "CSM"] and people["Bo"]["file"].endswith("team.csv:4")


def test_csv_problems_read_file_row_column_message(invoke, tmp_path):
    """A cell that cannot be read is that answer left unknown, named with its person (issue 21); a row of the wrong
    shape is still skipped as FILE:ROW: message."""
    content = ("name,education,certifications,years_managing,risk\n"
               "Ana,bachelor,PMP,4,3\n"
               "Bo,phd,PMPP,-1,7\n"
               "Cy,master,none,2.5,3.5\n"
               "De,master,,2,3,extra\n").encode()
    data = read_csv_team(invoke, tmp_path, content, code=65)
    where = str(tmp_path / "team.csv")
    problems = {s["file"]: s["problems"] for s in data["skipped"]}
    assert problems == {f"{where}:5": [f"{where}:5: has 6 cells, the header names 5 columns"]}
    assert [p["name"] for p in data["people"]] == ["Ana", "Bo", "Cy"]
    assert [(w["person"], w["row"], w["column"], w["value"]) for w in data["warnings"]] == [
        ("Bo", 3, "certifications", "PMPP"), ("Bo", 3, "years_managing", "-1"), ("Bo", 3, "risk", "7"), ("Cy", 4, "risk", "3.5")]
    assert "did you mean 'PMP'?" in data["warnings"][0]["expected"]


def test_csv_with_a_wrong_column_is_skipped_as_a_whole(invoke, tmp_path):
    data = read_csv_team(invoke, tmp_path, b"name,years_managin,risk\nAna,3,3\nBo,2,2\n", code=65)
    where = str(tmp_path / "team.csv")
    assert data["counts"] == {"files": 1, "read": 0, "skipped": 1}
    [skipped] = data["skipped"]
    assert skipped["file"] == where
    assert skipped["problems"][0].startswith(f"{where}:1: years_managin: unknown column (did you mean 'years_managing'?)")


def test_csv_that_is_not_text_is_one_problem(invoke, tmp_path):
    data = read_csv_team(invoke, tmp_path, b"name,risk\n\xff\xfeAna,3\n", code=65)
    assert data["skipped"][0]["problems"] == [f"{tmp_path / 'team.csv'}:2: not valid UTF-8 (save the spreadsheet as CSV UTF-8)"]


# --- 7. pseudonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_anonymise_hides_names_and_files_everywhere_and_is_stable(invoke, tmp_path, fmt):
    folder = hostile_folder(tmp_path)
    csv_path = tmp_path / "sheet.csv"
    csv_path.write_text("name,education,risk\nSecret Person,bachelor,3\nOther Secret,phd,3\n", encoding="utf-8")
    args = (folder, csv_path, "--ladder", "pmo-career", "--today", TODAY, "--anonymise", "--format", fmt)
    first = run(invoke, *args, code=65)
    second = run(invoke, *args, code=65)
    assert first.stdout == second.stdout, "pseudonyms change from run to run"
    out = first.stdout + first.stderr
    for secret in ["Alex Chen", "Secret Person", "Other Secret", str(tmp_path), "broken.yaml", "sheet.csv", *HOSTILE]:
        assert secret not in out, secret
    assert re.search(r"Person [0-9A-Z]{4}-[0-9A-Z]{4}", out)
    if fmt == "json":
        data = json.loads(first.stdout)
        assert data["anonymised"] is True and all(p["file"] is None for p in data["people"])
        assert len({p["name"] for p in data["people"]}) == len(data["people"])
        assert all(s["file"].startswith("File ") for s in data["skipped"])


def test_pseudonyms_follow_the_person_not_the_order(invoke, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "alex.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    one = team_json(invoke, tmp_path / "a", "--ladder", "pm-titles", "--anonymise")["people"][0]["name"]
    (tmp_path / "a" / "zed.yaml").write_text("schema_version: 1\nname: Zed\n", encoding="utf-8")
    names = [p["name"] for p in team_json(invoke, tmp_path / "a", "--ladder", "pm-titles", "--anonymise")["people"]]
    assert one in names and len(names) == 2


# --- 8. the quick reader stands in for the safe one ------------------------------------------------


def positions(table: dict) -> dict:
    return {k: v if isinstance(v, tuple) else (v.line + 1, v.column + 1) for k, v in table.items()}


def same_as_safe(text: str) -> bool:
    """When the quick reader takes a text, it gives the safe reader's data and positions; returns whether it took it."""
    from pmladder.inputs.quickyaml import parse
    from pmladder.inputs.yamlsafe import DataError, parse_text

    quick = parse(text, "f.yaml")
    if quick is None:
        return False
    try:
        safe = parse_text(text.replace("\r\n", "\n"), "f.yaml")
    except DataError as exc:  # pragma: no cover - a failure of the quick path
        raise AssertionError(f"quick reader took what the safe one refuses: {exc}\n{text}")
    assert quick.data == safe.data, text
    assert positions(quick.values) == positions(safe.values), text
    assert positions(quick.keys) == positions(safe.keys), text
    return True


def test_quick_reader_reads_saved_profiles_as_the_safe_reader_does():
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import check, dump_profile
    from pmladder.inputs.yamlsafe import parse_text

    vocab = load_library().vocabulary()
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    for p in PERSONAS:
        texts.append(yaml.safe_dump(p.profile, allow_unicode=True, sort_keys=False))
        texts.append(dump_profile(check(parse_text(texts[-1], "f"), vocab)))
        texts.append(texts[-1].replace("\n", "\r\n"))
    assert all(same_as_safe(t) for t in texts)


@pytest.mark.parametrize("text", [
    "name: &a Alex\nother: *a\n", "name: !!python/object x\n", "<<: {a: 1}\n", "name: A\nname: B\n",
    "facts:\n  a: 1\n  a: 2\n", "name: {a: 1}\n", "---\nname: A\n---\nname: B\n", "%YAML 1.1\n---\nname: A\n",
    "name: 'it''s'\n", 'name: "tab\\there"\n', "name: |\n  block\n", "name: Alex\n  Chen\n", "yes: 1\n", "name: no\n",
    "name: 0x1F\n", "name: 1_000\n", "name: 2026-13-40\n", "name: 12:30\n", "name: a # comment\n", "facts:\n  a: 1\n   b: 2\n",
    "certifications:\n- PMP\n  - CSM\n", "name:\n", "\tname: A\n", "name: A\x85B\n", "name: A\u2028B\n", "name:A\n",
    "a:\n  - x\n  y: 1\n", "- a\n- b\n", "just text\n", "", "# only a comment\n", "name: [a, [b]]\n", "name: [a,]\n",
])
def test_quick_reader_gives_way_to_the_safe_reader_outside_its_part_of_yaml(text):
    from pmladder.inputs.quickyaml import parse

    assert parse(text, "f.yaml") is None


KEYS = st.sampled_from(["name", "education", "facts", "competencies", "certifications", "years_pmo", "risk", "a-b", "x_1", "null", "on"])
SCALARS = st.one_of(
    st.integers(0, 10**20).map(str), st.floats(0, 100, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(["bachelor", "PMP", "Alex Chen", "王芳", "yes", "No", "~", "null", "2026-11-22", "2026-02-30", "0o17", "'quoted'",
                     '"dq"', "a: b", "a #c", "-x", "[]", "{}", "[PMP, CSM]", "[]x", ".inf", "1e3", "007", "3.", "+1"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)


# made once (hypothesis checks each new strategy object when it is first drawn from): the same strategies
_KIND = st.sampled_from(["scalar", "map", "seq", "comment", "blank"])
_GAP = st.sampled_from([" ", "  ", ""])
_MAP_INDENT = st.sampled_from(["  ", "    "])
_SEQ_INDENT = st.sampled_from(["", "  "])
_COMMENT = st.sampled_from(["# note", "  # indented note"])
_BLANK = st.sampled_from(["", "   "])
_NEWLINE = st.sampled_from(["\n", "\r\n"])
_END = st.sampled_from(["\n", ""])


@st.composite
def yamlish(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(KEYS)
        kind = draw(_KIND)
        if kind == "scalar":
            lines.append(f"{key}:{draw(_GAP)}{draw(SCALARS)}")
        elif kind == "map":
            lines.append(f"{key}:")
            indent = draw(_MAP_INDENT)
            lines += [f"{indent}{draw(KEYS)}: {draw(SCALARS)}" for _ in range(draw(st.integers(0, 3)))]
        elif kind == "seq":
            lines.append(f"{key}:")
            indent = draw(_SEQ_INDENT)
            lines += [f"{indent}- {draw(SCALARS)}" for _ in range(draw(st.integers(0, 3)))]
        elif kind == "comment":
            lines.append(draw(_COMMENT))
        else:
            lines.append(draw(_BLANK))
    return draw(_NEWLINE).join(lines) + draw(_END)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish())
def test_quick_reader_never_disagrees_with_the_safe_reader(text):
    same_as_safe(text)


def test_quick_reader_problems_point_where_the_safe_reader_points(tmp_path):
    """A profile the quick reader took but the checker refuses is reported at the same line and column."""
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.inputs.team import read_yaml
    from pmladder.inputs.yamlsafe import DataError

    vocab = load_library().vocabulary()
    path = tmp_path / "p.yaml"
    path.write_text("schema_version: 1\nname: A\nfacts:\n  years_pmo: lots\n  typo_fact: 3\ncertifications: [PMP, NOPE]\n"
                    "competencies:\n  risk: 9\nlevel: 3\n", encoding="utf-8")
    with pytest.raises(DataError) as quick:
        read_yaml(str(path), str(path), vocab)
    with pytest.raises(DataError) as safe:
        load_profile(path, vocab)
    assert [str(p) for p in quick.value.problems] == [str(p) for p in safe.value.problems]
    assert len(quick.value.problems) == 5


# --- 9. the engine's hot path ---------------------------------------------------------------------


@pytest.mark.parametrize("ladder", LADDERS)
def test_fit_inlines_the_skill_rule_of_check_exactly(ladder):
    """`assess.fit` holds ratings against a level without calling `check` (a team places thousands): same result."""
    from pmladder.engine.placement import Known, check, fit
    from pmladder.engine.types import Profile
    from pmladder.inputs.loader import load_library

    lad = load_library().get(ladder).ladder
    skills = sorted({a.key for lv in lad.levels for a in lv.requires if a.kind == "skill"})
    for rating in (None, 0, 1, 2, 3, 4, 5):
        person = Profile(competencies={} if rating is None else {k: rating for k in skills})
        known = Known(person, lad, DAY)
        for level in lad.levels:
            got = fit(level, known)
            assert got.checks == tuple(check(a, known, level.tolerance) for a in level.requires), (level.id, rating)
