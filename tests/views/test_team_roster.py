"""The director's questions (issue 21): who holds which job, who works above or below it, per
department or manager, and who could succeed whom.

Nothing is hard-coded: every figure is compared with `make_plan` for that person alone (the
placement, the date, the gap that sets it) and with the ladder's ranks. Then the profile fields
as a file and a spreadsheet give them, hostile text in them, and the wording the issue names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import statistics

import pytest
import yaml

from teamdata import MANAGERS, plans, write_org

TODAY = "2026-11-22"
DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    folder = tmp_path_factory.mktemp("org")
    return folder, write_org(folder)


def team(invoke, *args, code: int = 0, env: dict | None = None):
    result = invoke("team", *args, "--today", TODAY, env=env)
    assert result.exit_code == code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    return result


def team_json(invoke, *args) -> dict:
    return json.loads(team(invoke, *args, "--format", "json").stdout)


def ladder(ladder_id: str = "pmo-career"):
    from pmladder.inputs.loader import load_library

    return load_library().get(ladder_id).ladder


# --- current job and roster ----------------------------------------------------------------------


def test_current_title_is_matched_by_id_title_number_and_any_capitals(invoke, org):
    folder, paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career")
    lad = ladder()
    for person in data["people"]:
        given = yaml.safe_load(open(person["file"], encoding="utf-8")).get("current_title")
        if given is None:
            assert person["current_title"] is None and person["working"] is None
            continue
        assert person["current_title"]["as_given"] == str(given)
        text = str(given).strip()
        want = (lad.levels[int(text) - 1].id if text.isdigit()
                else next((lv.id for lv in lad.levels if text.casefold() in (lv.id, lv.title.casefold())), None))
        assert (person["current_title"]["level"] or {}).get("id") == want, given


def test_an_unmatched_title_is_a_warning_with_did_you_mean_not_a_failure(invoke, org):
    folder, _paths = org
    result = team(invoke, folder, "--ladder", "pmo-career", env={"COLUMNS": "200"})
    data = team_json(invoke, folder, "--ladder", "pmo-career")
    warned = [w for w in data["title_warnings"]]
    assert [data["people"][w["person"]]["current_title"]["as_given"] for w in warned] == ["Progam Manager"] * len(warned)
    assert warned and all("'Progam Manager' matches no level of pmo-career (did you mean 'Program Manager'?)" in w["text"] for w in warned)
    for w in warned:
        assert w["text"] in result.stdout  # said in the terminal too, under its own heading
    assert f"Current titles not on the ladder ({len(warned)})" in result.stdout
    # the person is still placed and counted: only the job is unknown
    assert all(data["people"][w["person"]]["best_fit"] is not None or data["people"][w["person"]]["readiness"] for w in warned)
    assert data["current_job"]["unknown"] == sum(1 for p in data["people"] if p["working"] is None)


def test_working_above_at_or_below_compares_the_ranks_of_job_and_placement(invoke, org):
    folder, paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career")
    lad = ladder()
    made = plans("pmo-career", paths, DAY)
    seen = set()
    for person in data["people"]:
        _profile, plan = made[person["file"]]
        best = plan.assessment.best
        assert (person["best_fit"] or {}).get("id") == (best.id if best else None)
        job = (person["current_title"] or {}).get("level")
        if job is None:
            assert person["working"] is None
            continue
        job_rank, best_rank = lad.level(job["id"]).rank, best.rank if best else -1
        want = "above" if best_rank > job_rank else "at" if best_rank == job_rank else "below"
        assert person["working"] == want, person["name"]
        seen.add(want)
    assert seen == {"above", "at", "below"}  # the organisation has all three, so each rule is exercised
    counts = {k: sum(1 for p in data["people"] if (p["working"] or "unknown") == k) for k in ("above", "at", "below", "unknown")}
    assert data["current_job"] == counts


def test_roster_is_everyone_once_by_level_then_name_with_the_plan_date_and_its_setter(invoke, org):
    folder, paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career")
    lad = ladder()
    people = data["people"]
    assert sorted(data["roster"]) == list(range(len(people)))

    def rank(p):
        job = (p["current_title"] or {}).get("level") or p["best_fit"]
        return lad.level(job["id"]).rank if job else -1

    keys = [(-rank(people[i]), people[i]["name"].casefold()) for i in data["roster"]]
    assert keys == sorted(keys)
    made = plans("pmo-career", paths, DAY)
    for p in people:
        _profile, plan = made[p["file"]]
        road = plan.roadmap
        if p["readiness"] in ("now", "6", "12", "later"):
            assert p["eta_months"] == road.eta
        if p["limited_by"]:
            last = max(s["done_month"] or 0 for s in p["limited_by"])
            assert last == road.eta  # the step named as setting the date finishes when the title is ready
            assert p["date_set_by"] in {s["text"] for s in p["limited_by"]} or any(
                p["date_set_by"].split(" ")[0] in s["text"] for s in p["limited_by"])


def test_a_plan_that_confirms_the_current_placement_says_confirm(invoke, org):
    folder, _paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career")
    confirming = [p for p in data["people"] if p["target"] and p["target"] == p["best_fit"]]
    assert confirming, "the organisation should have someone whose plan confirms their title"
    text = team(invoke, folder, "--ladder", "pmo-career", env={"COLUMNS": "200"}).stdout
    for p in confirming:
        assert p["next_title_text"] == f"confirm {p['target']['title']}"
        assert f"{p['best_fit']['title']} \u2192 {p['target']['title']} " not in text
        assert f"{p['best_fit']['title']} \u2192 confirm {p['target']['title']}" in text


# --- groups ------------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["department", "manager"])
def test_groups_partition_the_team_and_their_subtotals_add_up(invoke, org, by):
    folder, _paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--by", by)
    groups = data["groups"]["groups"]
    assert data["groups"]["by"] == by
    members = [i for g in groups for i in g["people"]]
    assert sorted(members) == list(range(len(data["people"])))  # nobody twice, nobody lost
    for g in groups:
        names = {data["people"][i][by] for i in g["people"]}
        assert names == {g["name"]}, g["name"]
        assert g["read"] == len(g["people"])
        # the group's figures are its people's, as the whole team report has them
        for bucket, n in g["readiness"].items():
            assert n == sum(1 for i in g["people"] if data["people"][i]["readiness"] == bucket), (g["name"], bucket)
        for key in ("above", "at", "below"):
            assert g["current_job"][key] == sum(1 for i in g["people"] if data["people"][i]["working"] == key)
    for bucket in ("now", "6", "12", "later"):
        assert sum(g["readiness"][bucket] for g in groups) == len(next(r for r in data["readiness"] if r["bucket"] == bucket)["people"])


def test_groups_show_a_summary_line_and_subtotals_in_the_terminal_and_markdown(invoke, org):
    folder, _paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--by", "department")
    text = team(invoke, folder, "--ladder", "pmo-career", "--by", "department", env={"COLUMNS": "250"}).stdout
    markdown = team(invoke, folder, "--ladder", "pmo-career", "--by", "department", "--format", "markdown").stdout
    for g in data["groups"]["groups"]:
        assert g["summary"] in text
        heading = f"## Department: {g['name']}" if g["name"] else "## No department given"
        assert heading in markdown
    rows = [line for line in text.splitlines() if line.startswith("Whole team")]
    assert len(rows) == 1 and re.split(r"\s*│\s*", rows[0])[1] == str(len(data["people"]))


def test_manager_names_are_pseudonyms_when_anonymised(invoke, org):
    folder, _paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--by", "manager", "--anonymise")
    shown = json.dumps(data, ensure_ascii=False)
    for name in ("Ann Lee", "Liam O'Brien", "李娜", "Boss"):
        assert name not in shown
    assert all(g["name"] is None or g["name"].startswith("Manager ") for g in data["groups"]["groups"])


# --- succession ----------------------------------------------------------------------------------


def test_succession_defaults_to_the_top_tier_and_agrees_with_each_plan_to_that_title(invoke, org):
    from pmladder.engine.roadmap import at_or_above
    from pmladder.views.plan import UNANSWERED

    folder, paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--succession")
    lad = ladder()
    top = lad.levels[-1].tier
    assert [s["level"]["id"] for s in data["succession"]] == [lv.id for lv in lad.levels if lv.tier == top]
    by_file = {p["file"]: i for i, p in enumerate(data["people"])}
    for title in data["succession"]:
        made = plans("pmo-career", paths, DAY, target=title["level"]["id"])
        listed = {}
        for key in ("now", "within_12_months", "within_24_months"):
            for row in title[key]:
                assert row["person"] not in listed
                listed[row["person"]] = (key, row)
        level = lad.level(title["level"]["id"])
        for file, (_profile, plan) in made.items():
            i = by_file[file]
            there = at_or_above(lad, plan.assessment.best, level)
            eta = plan.roadmap.eta
            answers = any(g.reason == UNANSWERED for g in plan.gaps)
            want = ("now" if there or (eta == 0 and not answers) else None if eta in (None, 0)
                    else "within_12_months" if eta <= 12 else "within_24_months" if eta <= 24 else None)
            assert (listed.get(i) or (None,))[0] == want, (title["level"]["id"], file)
            if want and not there:
                row = listed[i][1]
                assert row["eta_months"] == eta
                lead = next(g for g in plan.gaps if g.reason != UNANSWERED)
                assert (row["gap"]["kind"], row["gap"]["key"]) == (lead.check.kind, lead.check.key)


def test_succession_from_a_named_level_and_a_bad_one(invoke, org):
    folder, _paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career", "--succession-from", "Program Manager")
    lad = ladder()
    floor = lad.level("program-manager").rank
    assert [s["level"]["id"] for s in data["succession"]] == [lv.id for lv in lad.levels if lv.rank >= floor]
    bad = invoke("team", folder, "--ladder", "pmo-career", "--succession-from", "Progam Manager", "--today", TODAY)
    assert bad.exit_code == 2 and "did you mean 'program-manager'" in bad.stderr
    assert team_json(invoke, folder, "--ladder", "pmo-career")["succession"] == []  # only when asked for


# --- the fields as files and spreadsheets give them -------------------------------------------------


def test_profile_fields_are_checked_with_positions(invoke, tmp_path):
    (tmp_path / "bad.yaml").write_text("name: A\ncurrent_title: [1, 2]\ndepartment: {x: 1}\nmanager: " + "m" * 201 + "\n", encoding="utf-8")
    result = team(invoke, tmp_path / "bad.yaml", "--ladder", "pmo-career", code=65, env={"COLUMNS": "400"})
    assert "bad.yaml:2:16: current_title: should be text (quote it)" in result.stdout
    assert "bad.yaml:3:13: department: should be text (quote it)" in result.stdout
    assert "manager: longer than 200 characters" in result.stdout


def test_spreadsheet_columns_carry_title_department_and_manager(invoke, tmp_path):
    sheet = tmp_path / "team.csv"
    sheet.write_text("name,current_title,department,manager,years_experience\n"
                     "Ana,Program Manager,Delivery,Bo,6\nCy,4,PMO,,1\nDee,Cheif Project Officer,,Bo,\n", encoding="utf-8")
    data = team_json(invoke, sheet, "--ladder", "pmo-career", "--by", "manager")
    got = {p["name"]: ((p["current_title"] or {}).get("level") or {}, p["department"], p["manager"]) for p in data["people"]}
    assert got["Ana"][0]["id"] == "program-manager" and got["Ana"][1:] == ("Delivery", "Bo")
    assert got["Cy"][0]["id"] == "program-manager" and got["Cy"][1:] == ("PMO", None)  # the 4th level
    assert got["Dee"][0] == {} and [w["did_you_mean"]["id"] for w in data["title_warnings"]] == ["chief-project-officer"]
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(team(invoke, sheet, "--ladder", "pmo-career", "--format", "csv").stdout))}
    assert rows["Ana"]["current_title"] == "Program Manager" and rows["Ana"]["department"] == "Delivery"
    assert rows["Dee"]["current_title"] == "'Cheif Project Officer' (not on this ladder)"
    assert sorted(int(r["roster_position"]) for r in rows.values()) == [1, 2, 3]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_hostile_manager_text_is_escaped_in_every_format(invoke, org, fmt):
    folder, _paths = org
    out = team(invoke, folder, "--ladder", "pmo-career", "--by", "manager", "--format", fmt, env={"COLUMNS": "250"}).stdout
    assert "\x1b" not in out
    if fmt == "markdown":
        assert "<b>" not in out and "\\<b\\>" in out
    if fmt == "json":
        assert any(g["name"] == MANAGERS[3].replace("\x1b", "") or (g["name"] or "").startswith("Evil")
                   for g in json.loads(out)["groups"]["groups"])


# --- wording ------------------------------------------------------------------------------------


def test_the_unanswered_caveat_is_said_once_with_a_count(invoke, org):
    folder, _paths = org
    data = team_json(invoke, folder, "--ladder", "pmo-career")
    for fmt in ("text", "markdown"):
        out = team(invoke, folder, "--ladder", "pmo-career", "--format", fmt, env={"COLUMNS": "250"}).stdout
        assert "the date assumes them met" not in out
        n = data["assumed_answered"]["people"]
        if n:
            assert out.count("the date assumes the requirements they left unanswered are met") == 1
            assert f"For {n} people" in out or (n == 1 and "For 1 person" in out)


def test_a_skill_summary_says_most_only_of_a_majority():
    """Three people at 0, 2 and 4: not 'Most are at 0/5' but the spread and the median; 3 of 4 at 2: 'Most are at 2/5'."""
    from pmladder.engine.types import Atom, Kind
    from pmladder.views.team import GapGroup
    from pmladder.words.team import gap_how

    lad = ladder()
    comp = next(iter(lad.comps))
    atom = Atom(Kind.SKILL, comp, 5, False, None)
    spread = GapGroup(Kind.SKILL, comp, atom, ((0, "missing", 0, 5), (1, "missing", 2, 5), (2, "missing", 4, 5)))
    text = gap_how(spread, lad)
    assert "Most are at" not in text and text.startswith(f"They are at 0 to 4/5 (median {statistics.median_low([0, 2, 4])})")
    most = GapGroup(Kind.SKILL, comp, atom, tuple((i, "short", h, 5) for i, h in enumerate((2, 2, 2, 4))))
    assert gap_how(most, lad).startswith("Most are at 2/5")


def test_no_claim_that_nothing_answered_stands_in_the_way(invoke, org):
    folder, _paths = org
    for fmt in ("text", "markdown"):
        out = team(invoke, folder, "--ladder", "pmo-career", "--format", fmt, env={"COLUMNS": "250"}).stdout
        assert "Nothing they answered stands in the way" not in out


def test_chinese_counts_say_people_and_lists_join_with_full_width_marks(invoke, org):
    folder, _paths = org
    out = team(invoke, folder, "--ladder", "pmo-sequence", "--lang", "zh", env={"COLUMNS": "250"}).stdout
    assert re.search(r"\d+人现在即具备条件", out) and not re.search(r"\d现在即具备条件", out)
    limits = [line for line in out.splitlines() if "日期取决于" in line]
    assert any("；" in line for line in limits) and not any("; " in line for line in limits)


@pytest.mark.parametrize("width", ["40", "60", "100"])
def test_names_are_never_broken_across_lines(invoke, org, width):
    folder, _paths = org
    out = team(invoke, folder, "--ladder", "pmo-career", "--succession", env={"COLUMNS": width}).stdout
    lines = out.splitlines()
    for name in ("Liam O'Brien", "李娜"):
        assert any(name in line for line in lines), name
        first, rest = (name.split(" ", 1)[0] + " ", name.split(" ", 1)[1]) if " " in name else (name[0], name[1:])
        # wherever the first part of the name is, the rest follows on the same line
        for line in lines:
            for m in re.finditer(re.escape(first.strip()), line):
                assert line[m.start():].startswith(name), (name, line)


LONG = "Dana (nurse manager, moving into projects)"


def long_named_team(folder):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "examples" / "profiles"
    names = []
    for source in sorted(examples.glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        if not names:
            data["name"] = LONG
        names.append(data["name"])
        (folder / source.name).write_text(yaml.safe_dump(data), encoding="utf-8")
    return names


@pytest.mark.parametrize("width", ["80", "100"])
def test_a_long_name_wraps_at_its_spaces_instead_of_squeezing_the_roster(invoke, tmp_path, width):
    names = long_named_team(tmp_path)
    out = team(invoke, tmp_path, "--ladder", "pm-titles", env={"COLUMNS": width}).stdout
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Name") and "\u2503" in line)  # a table, not blocks
    rows = lines[head + 2:lines.index("", head)]
    first = [line.split("\u2502")[0].strip() for line in rows]
    assert all(len(line) <= int(width) for line in rows)
    for name in names[1:]:  # the short names stay whole on one line
        assert name in first, (name, first)
    start = first.index(next(part for part in first if LONG.startswith(part) and part))
    span = []
    for part in first[start:]:
        if not part or " ".join(span + [part]) != LONG[:len(" ".join(span + [part]))]:
            break
        span.append(part)
    assert len(span) > 1 and " ".join(span) == LONG, first  # over several lines, broken only at spaces
    assert len(lines[head].split("\u2503")[0]) <= 20 + 1  # and its column takes no more room than a name needs
    assert "Working above" not in out  # nobody's job is known: no working column, so no word on it
    # the other columns keep their titles readable: no title of the ladder is cut inside a word
    cells = " ".join(c.strip() for line in rows for c in line.split("\u2502")[1:])
    assert "Coordinat " not in cells and "Manag " not in cells


def test_the_roster_note_explains_the_working_column_only_when_it_is_shown(invoke, org):
    folder, _paths = org
    out = team(invoke, folder, "--ladder", "pmo-career", env={"COLUMNS": "200"}).stdout
    heads = [line for line in out.splitlines() if line.startswith("Name")]
    assert "Working above their job" in out
    assert heads and "Working" in heads[0]


@pytest.mark.parametrize("width", ["60", "80"])
def test_a_ready_line_that_wraps_stays_indented_under_its_name(invoke, tmp_path, width):
    long_named_team(tmp_path)
    out = team(invoke, tmp_path, "--ladder", "pm-titles", env={"COLUMNS": width}).stdout
    section = out[out.index(w_ready_heading()):].splitlines()[1:]
    assert any(re.search(r"\d{4}-\d{2}", line) for line in section)
    for line in section:  # headings ("In 7 to 12 months (2)") start at the margin; a person's lines never do
        assert not re.match(r"\d{4}-\d{2}|[A-Z][a-z]+ \d", line) or re.match(r"In |Now|Later|Not ", line), line


def w_ready_heading() -> str:
    from pmladder import words

    return words.ready_heading()
