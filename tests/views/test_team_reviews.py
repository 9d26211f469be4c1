"""The team view with reviews: agreement per competency, who has no review yet, and --ratings."""

from __future__ import annotations

import json

from pmladder.cli import app

ANA = """schema_version: 1
name: Ana
competencies: {stakeholders: 4, risk: 2, scope: 3}
reviews:
  - {by: Dana, 'on': 2026-05-01, competencies: {stakeholders: 1, risk: 3, scope: 3}}
"""
CY = """schema_version: 1
name: Cy
competencies: {stakeholders: 2, risk: 1}
reviews:
  - {by: Dana, 'on': 2026-05-01, competencies: {stakeholders: 4}}
"""
BO = "schema_version: 1\nname: Bo\ncompetencies: {risk: 3}\n"


def team(runner, tmp_path, monkeypatch, *extra):
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    folder = tmp_path / "team"
    folder.mkdir()
    for name, text in (("ana", ANA), ("bo", BO), ("cy", CY)):
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return runner.invoke(app, ["team", str(folder), "-L", "pm-titles", "--today", "2026-06-01", *extra])


def test_agreement_per_competency_and_who_has_no_review(runner, tmp_path, monkeypatch):
    result = team(runner, tmp_path, monkeypatch, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = {r["id"]: (r["reviewed"], r["apart"]) for r in data["reviews"]["agreement"]}
    assert rows == {"stakeholders": (2, 2), "risk": (1, 0), "scope": (1, 0)}
    assert [data["people"][i]["name"] for i in data["reviews"]["no_review"]] == ["Bo"]


def test_terminal_and_markdown_show_the_same_agreement(runner, tmp_path, monkeypatch):
    text = team(runner, tmp_path, monkeypatch).stdout
    assert "Stakeholder management: 2 reviewed, 2 two steps or more apart" in " ".join(text.split())
    assert "No review yet: Bo" in text


def test_a_team_without_reviews_has_no_review_section(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    (tmp_path / "bo.yaml").write_text(BO, encoding="utf-8")
    result = runner.invoke(app, ["team", str(tmp_path / "bo.yaml"), "-L", "pm-titles", "-f", "json"])
    data = json.loads(result.stdout)
    assert data["reviews"]["agreement"] == [] and data["reviews"]["no_review"] == []
    assert "No review yet" not in runner.invoke(app, ["team", str(tmp_path / "bo.yaml"), "-L", "pm-titles"]).stdout


def test_markdown_has_the_agreement_section(runner, tmp_path, monkeypatch):
    md = team(runner, tmp_path, monkeypatch, "-f", "markdown").stdout
    assert "## Self-ratings and reviews" in md
    assert "- Stakeholder management: 2 reviewed, 2 two steps or more apart" in md
    assert "- No review yet: Bo" in md


def test_ratings_on_team_place_each_person_as_plan_does(runner, tmp_path, monkeypatch):
    """Alex (the example profile) is a Project Manager on their own ratings; a review of 0 on ten skills moves them
    down with --ratings lower, in the team exactly as `plan --ratings lower` does."""
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    low = ", ".join(f"{k}: 0" for k in ("organisation", "communication", "scope", "schedule", "cost", "quality", "risk",
                                         "stakeholders", "methods", "leadership"))
    alex = tmp_path / "alex.yaml"
    alex.write_text(runner.invoke(app, ["example-profile"]).stdout
                    + "reviews:\n  - {by: Dana, 'on': 2026-05-01, competencies: {" + low + "}}\n", encoding="utf-8")
    placed = {}
    for ratings in ("self", "lower"):
        data = json.loads(runner.invoke(app, ["team", str(alex), "-L", "pm-titles", "-f", "json", "--ratings", ratings,
                                              "--today", "2026-06-01"]).stdout)
        alone = json.loads(runner.invoke(app, ["plan", "--profile", str(alex), "-L", "pm-titles", "-f", "json", "--ratings", ratings,
                                               "--today", "2026-06-01"]).stdout)["placement"]["best_fit"]
        placed[ratings] = (data["people"][0]["best_fit"] or {}).get("id")
        assert placed[ratings] == (alone["id"] if alone else None)
    assert placed["self"] == "project-manager" and placed["lower"] != "project-manager"
