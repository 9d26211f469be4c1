"""The plan in short (issue 22, "The answer first"): one summary, computed once, drawn the same in every format.

People: Sam, a borderline Senior Project Manager on pm-titles (3 of the title's 20 requirements only
close, the most it allows), and Ria, the same person one rating step further (1 close: placed, not
borderline). What they see: the borderline said plainly, the next title and when, the three things
that matter most (the plan's lead gaps, in the plan's order), where the full plan is; the report opens
with it; "To confirm" says what to do and with whom; `--target` at the title held plans confirming it;
`progress` never says "reached" above a requirement of that title still missing; `where` says why the
ladders differ.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from markdown_it import MarkdownIt

from pmladder.inputs.loader import load_library
from pmladder.inputs.profiles import check
from pmladder.inputs.yamlsafe import Document
from pmladder.views.plan import make_plan
from pmladder.views.summary import make_summary, summary_json

TODAY = "2026-12-01"
RATINGS = {"organisation": 4, "communication": 4, "scope": 4, "schedule": 4, "cost": 3, "quality": 3, "risk": 3,
           "stakeholders": 4, "methods": 3, "leadership": 3, "resources": 4, "coaching": 3, "strategy": 3, "change": 2,
           "data": 3, "governance": 3}
SAM = {"schema_version": 1, "name": "Sam Border", "education": "master",
       "facts": {"years_experience": 8, "years_managing": 5, "years_program": 0, "team_size": 12, "concurrent_projects": 3,
                 "pm_training_hours": 45},
       "certifications": ["PMP"], "competencies": RATINGS}
RIA = {**SAM, "name": "Ria Settled", "competencies": {**RATINGS, "cost": 4, "leadership": 4}}
BORDERLINE = "Senior Project Manager \u2014 borderline: 3 of its 20 requirements only close, the most this title allows."


@pytest.fixture(scope="module")
def lib():
    return load_library()


def plan_for(lib, data, **kw):
    person = check(Document("test", data), lib.vocabulary())
    return make_plan(lib.get("pm-titles").ladder, person, dt.date.fromisoformat(TODAY), **kw)


def write(tmp_path, data, name="me.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_borderline_person_is_told_so_plainly(lib):
    s = make_summary(plan_for(lib, SAM))
    assert s.borderline and s.close == 3 and s.total == 20
    # the title, then the highest title met in full below it: a manager reads both
    assert s.headline == BORDERLINE + " In full, every requirement is met up to Project Manager."
    assert s.next_line == "Ready for Project Director in about 4 years (around 2030-12)."


def test_a_placed_person_with_room_to_spare_is_not_called_borderline(lib):
    s = make_summary(plan_for(lib, RIA))
    assert not s.borderline
    assert "borderline" not in " ".join(s.lines)
    assert s.headline == ("Senior Project Manager: 19 of its 20 requirements are met, 1 close. "
                          "In full, every requirement is met up to Project Manager.")


def test_the_three_things_are_the_plans_lead_gaps_in_its_order(lib):
    plan = plan_for(lib, SAM)
    s = make_summary(plan)
    assert [(i.kind, i.key) for i in s.items] == [(g.check.kind, g.check.key) for g in plan.gaps[:3]]
    assert s.items[0].text == "Years in project work: 8 \u2192 12+, by 2030-12 (sets the date)"
    assert s.more == len(plan.gaps) - 3 > 0
    assert s.where_line == "The full plan: pmladder plan"


def test_json_text_and_markdown_say_the_same_lines(lib, invoke, tmp_path):
    me = write(tmp_path, SAM)
    base = ("assess", "--profile", me, "--ladder", "pm-titles", "--today", TODAY)
    data = json.loads(invoke(*base, "--format", "json").stdout)["summary"]
    assert data["borderline"] is True and data["close"] == 3 and data["total"] == 20
    assert data["title"] == {"id": "senior-project-manager", "title": "Senior Project Manager"}
    assert data["next"]["id"] == "project-director" and data["next_by"] == "2030-12"
    assert [m["key"] for m in data["matters_most"]] == ["years_experience", "change", "coaching"]
    assert data["full_plan"]["command"] == f"pmladder plan --ladder pm-titles --profile {me}"
    text = invoke(*base, "--brief", env={"COLUMNS": "200"}).stdout
    for line in data["lines"]:
        assert line in text
    markdown = invoke(*base, "--brief", "--format", "markdown").stdout
    tokens = MarkdownIt().parse(markdown)
    assert [t.content for t in tokens if t.type == "inline"][0] == "In short"
    assert data["headline"] in markdown


def test_the_report_opens_with_the_summary_and_it_fits_one_screen(invoke, tmp_path):
    me = write(tmp_path, SAM)
    out = invoke("assess", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert "In short" in lines[0]
    end = next(i for i, line in enumerate(lines) if line.startswith("\u2570"))  # the panel's last line
    assert end + 1 <= 15, "\n".join(lines[: end + 1])
    assert "borderline: 3 of its 20 requirements only close" in " ".join(lines[:end]).replace("\u2502", " ").replace("  ", " ")
    assert len(lines) > 60  # the full report follows


def test_the_markdown_plan_opens_with_the_summary(invoke, tmp_path):
    me = write(tmp_path, SAM)
    out = invoke("plan", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "-o", "-").stdout
    headings = [t for t in MarkdownIt().parse(out) if t.type == "heading_open" and t.tag == "h2"]
    first_h2 = out.split("\n## ")[1].splitlines()[0]
    assert headings and first_h2 == "In short"
    assert BORDERLINE in out


def test_to_confirm_says_what_to_do_and_with_whom(invoke, tmp_path):
    me = write(tmp_path, SAM)
    out = invoke("assess", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, env={"COLUMNS": "200"}).stdout
    assert "To confirm (ask your manager or a mentor to go through these with you; they can record their ratings with " \
           "'pmladder review'):" in out
    data = json.loads(invoke("assess", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "-f", "json").stdout)
    assert "manager or a mentor" in data["placement"]["to_confirm_how"]
    md = invoke("plan", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "-o", "-").stdout
    assert "To confirm (ask your manager or a mentor" in md


def test_target_at_the_title_held_plans_confirming_it(lib, invoke, tmp_path):
    plan = plan_for(lib, SAM, target="senior-project-manager")
    s = make_summary(plan)
    assert s.confirming
    assert s.next_line == "Senior Project Manager confirmed in full in about 12 months (around 2027-12)."
    assert sorted(i.key for i in s.items) == ["cost", "leadership", "risk"]  # the three only close
    me = write(tmp_path, SAM)
    result = invoke("assess", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "--target", "senior-project-manager",
                    "--brief", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "To confirm the title:" in result.stdout and "nothing" not in result.stdout


def test_target_at_a_title_held_with_only_an_open_answer_waits_for_it(lib):
    data = {**SAM, "competencies": {k: v for k, v in RIA["competencies"].items() if k != "risk"}}
    plan = plan_for(lib, data, target="senior-project-manager")
    s = make_summary(plan)
    # answering may also move the title (a reviewer found "is confirmed" misleading for a half-answered profile)
    assert s.next_line == ("The open questions decide Senior Project Manager: answering them confirms it, "
                           "or may place you higher or lower.")
    assert [i.key for i in s.items] == ["risk"]


def test_summary_json_is_the_object_the_plan_json_carries(lib, invoke, tmp_path):
    me = write(tmp_path, SAM)
    out = json.loads(invoke("plan", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "-f", "json").stdout)
    person = check(Document("test", SAM), lib.vocabulary())
    plan = make_plan(lib.get("pm-titles").ladder, person, dt.date.fromisoformat(TODAY),
                     options=f"--ladder pm-titles --profile {me}")
    assert out["summary"] == json.loads(json.dumps(summary_json(make_summary(plan))))


# --- progress: "reached" agrees with the gaps shown under it --------------------------------------------


def record(invoke, path, day):
    result = invoke("history", "import", path, "--date", day, "--ladder", "pm-titles", "--target", "senior-project-manager")
    assert result.exit_code == 0, result.stderr


THEN = {**SAM, "facts": {**SAM["facts"], "years_experience": 6, "years_managing": 4},
        "competencies": {**RATINGS, "resources": 3, "coaching": 2, "strategy": 2}}


def test_reached_within_tolerance_says_what_is_still_close(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    record(invoke, write(tmp_path, THEN, "then.yaml"), "2025-06-01")
    record(invoke, write(tmp_path, SAM, "now.yaml"), "2026-06-01")
    out = invoke("progress", env={"COLUMNS": "200"}).stdout
    assert "you reached Senior Project Manager" in out
    assert ("3 requirements of Senior Project Manager are still only close or not answered, within what the title "
            "tolerates; closing them confirms the title.") in out
    assert "still close, within what Senior Project Manager tolerates (3)" in out
    assert "still open" not in out
    data = json.loads(invoke("progress", "-f", "json").stdout)
    assert data["reached"] is True and len(data["gaps"]["open"]) == 3


def test_a_title_with_a_requirement_missing_is_not_reached(invoke, tmp_path, monkeypatch):
    """Placed at Senior Project Manager without the certificate it asks for: not "reached", not "ahead"."""
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    record(invoke, write(tmp_path, {**THEN, "certifications": []}, "then.yaml"), "2025-06-01")
    now = {**RIA, "certifications": []}
    record(invoke, write(tmp_path, now, "now.yaml"), "2026-06-01")
    data = json.loads(invoke("progress", "-f", "json").stdout)
    assert data["to"]["best_fit"]["id"] == "senior-project-manager"  # placed there...
    assert data["reached"] is False  # ...yet a requirement of it is missing
    assert "you reached" not in data["verdict_text"]
    assert any(g["state"] == "missing" for g in data["gaps"]["open"] + data["gaps"]["new"])


# --- where: why the ladders differ ------------------------------------------------------------------


def test_where_says_what_keeps_you_from_the_next_title_on_each_ladder(invoke, tmp_path):
    me = write(tmp_path, SAM)
    out = invoke("where", "--profile", me, "--today", TODAY, env={"COLUMNS": "200"}).stdout
    assert "Why the ladders place you differently: each asks different things of the next title." in out
    assert "On pm-titles: Years in project work: 8 years, asks for 12; this keeps you from Project Director." in out
    assert "On pmi-path: PgMP: not held; this keeps you from Program Manager." in out
    data = json.loads(invoke("where", "--profile", me, "--today", TODAY, "-f", "json").stdout)
    held = {row["ladder"]["id"]: row["held_back"] for row in data["ladders"]}
    assert held["pm-titles"]["key"] == "years_experience" and held["pm-titles"]["state"] == "missing"
    assert held["pm-titles"]["level"]["id"] == "project-director"
    md = invoke("where", "--profile", me, "--today", TODAY, "-f", "markdown").stdout
    assert "- On pmi-path: PgMP: not held; this keeps you from Program Manager\\." in md or \
        "- On pmi-path: PgMP: not held; this keeps you from Program Manager." in md
