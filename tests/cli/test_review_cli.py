"""`pmladder review` from the outside: typed lines through the questionnaire's line front end, the file after."""

from __future__ import annotations

import json

import pytest
import yaml

from pmladder.ask.questions import questions
from pmladder.cli import app
from pmladder.inputs.loader import load_library

LIB = load_library()
SKILLS = [q.key for q in questions(LIB.ladders["pm-titles"].ladder) if q.kind == "competency"]
OWN = """schema_version: 1
name: Ana
ladder: pm-titles
competencies: {stakeholders: 4, risk: 2, scope: 3}
"""


@pytest.fixture
def run(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))

    def _run(*args, input=None):
        result = runner.invoke(app, [str(a) for a in args], input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        return result

    return _run


@pytest.fixture
def ana(tmp_path):
    path = tmp_path / "ana.yaml"
    path.write_text(OWN, encoding="utf-8")
    return path


def typed(ratings: dict) -> str:
    """A line per skill question: the rating given, Enter (keep the pre-filled self-rating), then Enter at the review."""
    lines = [str(ratings[k]) if k in ratings else ("" if k in ("stakeholders", "risk", "scope") else "skip") for k in SKILLS]
    return "\n".join(lines + [""]) + "\n"


def test_a_review_is_saved_beside_the_own_answers(run, ana):
    result = run("review", ana, "--by", "Dana Lee (manager)", "--on", "2026-05-01", input=typed({"stakeholders": 1, "risk": 4}))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(ana.read_text(encoding="utf-8"))
    assert data["competencies"] == {"stakeholders": 4, "risk": 2, "scope": 3}
    assert data["reviews"] == [{"by": "Dana Lee (manager)", "on": "2026-05-01",
                                "competencies": {"stakeholders": 1, "risk": 4, "scope": 3}}]
    assert "Saved the review by Dana Lee (manager)" in result.stderr
    assert "Risk management: the reviewer's rating" in result.stderr


def test_reports_show_the_difference_and_ratings_choose(run, ana):
    run("review", ana, "--by", "Dana", "--on", "2026-05-01", input=typed({"stakeholders": 1, "risk": 4}))
    shown = json.loads(run("plan", "--profile", ana, "-f", "json", "--today", "2026-06-01").stdout)
    assert shown["review"]["by"] == "Dana" and shown["review"]["ratings"] == "self"
    assert [(d["id"], d["self"], d["reviewer"]) for d in shown["review"]["differences"]] == [("risk", 2, 4), ("stakeholders", 4, 1)]
    text = run("plan", "--profile", ana, "--today", "2026-06-01").stdout
    assert "Ratings: your own" in text and "differs by two steps or more on 2 skills" in text
    md = run("plan", "--profile", ana, "-f", "markdown", "--today", "2026-06-01").stdout
    assert "Stakeholder management: you 4/5, Dana 1/5" in md
    lower = json.loads(run("plan", "--profile", ana, "-f", "json", "--ratings", "lower", "--today", "2026-06-01").stdout)
    assert lower["review"]["ratings"] == "lower" and "lower of yours" in lower["review"]["text"]


def test_no_review_means_no_review_block(run, ana):
    shown = json.loads(run("plan", "--profile", ana, "-f", "json", "--today", "2026-06-01").stdout)
    assert shown["review"] is None


def test_input_ending_saves_nothing(run, ana):
    before = ana.read_bytes()
    result = run("review", ana, "--by", "Dana", input="1\n")
    assert result.exit_code == 130
    assert "nothing saved" in result.stderr
    assert ana.read_bytes() == before


@pytest.mark.parametrize("args, code", [(["--by", " "], 2), (["--by", "Dana", "--on", "2026-02-30"], 2)])
def test_usage_errors(run, ana, args, code):
    before = ana.read_bytes()
    result = run("review", ana, *args, input="")
    assert result.exit_code == code, result.output
    assert ana.read_bytes() == before


def test_a_missing_profile_is_66(run, tmp_path):
    assert run("review", tmp_path / "nobody.yaml", "--by", "Dana", input="").exit_code == 66


def test_a_bad_profile_is_65_and_untouched(run, ana):
    ana.write_text(OWN + "reviews: 3\n", encoding="utf-8")
    result = run("review", ana, "--by", "Dana", input="")
    assert result.exit_code == 65 and "ana.yaml:5:" in result.stderr


def alex_with_review(run, tmp_path, ratings: str):
    path = tmp_path / "alex.yaml"
    path.write_text(run("example-profile").stdout, encoding="utf-8")
    with path.open("a", encoding="utf-8") as f:
        f.write("reviews:\n  - {by: Dana, 'on': 2026-05-01, competencies: {" + ratings + "}}\n")
    return path


def test_the_gap_table_shows_the_reviewers_rating_beside_the_own(run, tmp_path):
    """Coaching (own 2, needed 3) is a lead gap; the reviewer's 0 is shown beside it, in the terminal and in Markdown."""
    alex = alex_with_review(run, tmp_path, "coaching: 0")
    text = run("plan", "--profile", alex, "-L", "pm-titles", "--today", "2026-06-01").stdout
    assert "reviewer: 0/5" in text
    md = run("plan", "--profile", alex, "-L", "pm-titles", "-f", "markdown", "--today", "2026-06-01").stdout
    row = next(line for line in md.splitlines() if line.startswith("| Coaching"))
    assert "2/5 (reviewer: 0/5)" in row


def test_ratings_move_the_placement(run, tmp_path):
    """Alex meets Project Manager's skills on their own ratings; the reviewer's much lower ones place them lower."""
    low = ", ".join(f"{k}: 0" for k in ("organisation", "communication", "scope", "schedule", "cost", "quality", "risk",
                                         "stakeholders", "methods", "leadership"))
    alex = alex_with_review(run, tmp_path, low)
    best = {}
    for ratings in ("self", "reviewer", "lower"):
        data = json.loads(run("plan", "--profile", alex, "-L", "pm-titles", "-f", "json", "--ratings", ratings,
                              "--today", "2026-06-01").stdout)
        best[ratings] = (data["placement"]["best_fit"] or {}).get("id")
    assert best["self"] == "project-manager"
    assert best["reviewer"] != "project-manager" and best["lower"] == best["reviewer"]


def test_quit_at_a_question_saves_nothing(run, ana):
    before = ana.read_bytes()
    result = run("review", ana, "--by", "Dana", input="3\nquit\n")
    assert result.exit_code == 130 and "nothing saved" in result.stderr
    assert ana.read_bytes() == before


def test_a_bad_ratings_value_is_a_usage_error(run, ana):
    assert run("plan", "--profile", ana, "--ratings", "boss").exit_code == 2


def test_answering_again_keeps_the_reviews(run, ana, tmp_path):
    run("review", ana, "--by", "Dana", "--on", "2026-05-01", input=typed({"risk": 4}))
    again = tmp_path / "again.yaml"
    result = run("assess", "--profile", ana, "--ask", "--only", "skills", "--save", again, input=typed({}))
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load(again.read_text(encoding="utf-8"))
    assert saved["reviews"][0]["by"] == "Dana" and saved["reviews"][0]["competencies"]["risk"] == 4
