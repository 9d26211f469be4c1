"""Reviews in a profile: read, checked with positions, kept on saving, and used by --ratings."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pmladder.engine.reviews import combined, differences, latest, rated
from pmladder.engine.types import Profile, Review
from pmladder.inputs.loader import load_library
from pmladder.inputs.profiles import dump_profile, load_profile
from pmladder.inputs.yamlsafe import DataError

VOCAB = load_library().vocabulary()

GOOD = """schema_version: 1
name: Ana
competencies: {stakeholders: 4, risk: 2, scope: 3}
reviews:
  - by: Dana Lee (manager)
    on: 2026-05-01
    competencies: {stakeholders: 1, risk: 4, scope: 3}
  - by: Old (mentor)
    on: 2025-05-01
    competencies: {stakeholders: 5}
"""


def write(tmp_path, text: str):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reviews_are_read_and_the_latest_by_date_counts(tmp_path):
    profile = load_profile(write(tmp_path, GOOD), VOCAB, cached=False)
    assert [r.by for r in profile.reviews] == ["Dana Lee (manager)", "Old (mentor)"]
    assert latest(profile).by == "Dana Lee (manager)"
    assert latest(profile).on == dt.date(2026, 5, 1)


def test_saving_keeps_own_answers_and_every_review(tmp_path):
    path = write(tmp_path, GOOD)
    profile = load_profile(path, VOCAB, cached=False)
    path.write_text(dump_profile(profile), encoding="utf-8")
    again = load_profile(path, VOCAB, cached=False)
    assert again.competencies == {"stakeholders": 4, "risk": 2, "scope": 3}
    assert again.reviews == profile.reviews


@pytest.mark.parametrize("body, line, message", [
    ("    competencies: {risk: 9}", 7, "reviews.0.competencies.risk: should be a whole number from 0 to 5"),
    ("    competencies: {nope: 2}", 7, "unknown competency 'nope'"),
    ("    colour: red", 7, "reviews: unknown key 'colour'"),
])
def test_a_bad_review_is_a_positioned_problem(tmp_path, body, line, message):
    text = "schema_version: 1\ncompetencies: {risk: 2}\nreviews:\n  - by: Dana\n    on: 2026-05-01\n\n" + body + "\n"
    with pytest.raises(DataError) as exc:
        load_profile(write(tmp_path, text), VOCAB, cached=False)
    shown = [str(p) for p in exc.value.problems]
    assert any(f"p.yaml:{line}:" in s and message in s for s in shown), shown


def test_a_review_without_a_reviewer_or_a_day_is_refused(tmp_path):
    text = "schema_version: 1\nreviews:\n  - by: ''\n    on: someday\n    competencies: {risk: 1}\n"
    with pytest.raises(DataError) as exc:
        load_profile(write(tmp_path, text), VOCAB, cached=False)
    shown = "\n".join(str(p) for p in exc.value.problems)
    assert "p.yaml:3:" in shown and "by should name the reviewer" in shown
    assert "p.yaml:4:" in shown and "on should be the day of the review" in shown


def test_ratings_choose_self_reviewer_or_lower():
    profile = Profile(competencies={"risk": 2, "scope": 4},
                      reviews=(Review("Dana", dt.date(2026, 5, 1), {"risk": 4, "scope": 1, "cost": 3}),))
    assert rated(profile, "self")[0].competencies == {"risk": 2, "scope": 4}
    assert rated(profile, "reviewer")[0].competencies == {"risk": 4, "scope": 1, "cost": 3}
    assert rated(profile, "lower")[0].competencies == {"risk": 2, "scope": 1, "cost": 3}
    summary = rated(profile, "self")[1]
    assert [(d.id, d.own, d.reviewer) for d in summary.differences] == [("risk", 2, 4), ("scope", 4, 1)]


ratings = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 5))


@settings(derandomize=True, max_examples=300)
@given(ratings, ratings)
def test_lower_is_never_above_either_and_differences_are_two_apart(own, theirs):
    low = combined(own, theirs, "lower")
    for key, value in low.items():
        assert value <= own.get(key, 99) and value <= theirs.get(key, 99)
        assert value in (own.get(key), theirs.get(key))
    assert set(low) == set(own) | set(theirs)
    found = {d.id for d in differences(own, theirs)}
    assert found == {k for k in own if k in theirs and abs(own[k] - theirs[k]) >= 2}


def test_spreadsheet_review_columns(tmp_path):
    """`reviewer`, `reviewed_on` and `review:ID` columns make one review; a bad cell is that answer left out, with a warning."""
    from pmladder.inputs.team import read_csv

    path = tmp_path / "team.csv"
    path.write_text("name,stakeholders,risk,reviewer,reviewed_on,review:stakeholders,review:risk\n"
                    "Ana,4,2,Dana (manager),2026-05-01,1,9\n"
                    "Bo,3,3,,,2,\n"
                    "Cy,2,2,Kim,1890-01-01,4,4\n"
                    "Di,1,1,,,,\n", encoding="utf-8")
    rows = {r.profile.name: r for r in read_csv(str(path), "team.csv", VOCAB)}
    assert rows["Ana"].profile.reviews == (Review("Dana (manager)", dt.date(2026, 5, 1), {"stakeholders": 1}),)
    assert [(w.column, w.value) for w in rows["Ana"].warnings] == [("review:risk", "9")]
    assert rows["Bo"].profile.reviews == () and [w.column for w in rows["Bo"].warnings] == ["reviewer"]
    assert rows["Cy"].profile.reviews == () and [w.column for w in rows["Cy"].warnings] == ["reviewed_on"]
    assert rows["Cy"].profile.competencies == {"stakeholders": 2, "risk": 2}
    assert rows["Di"].profile.reviews == () and rows["Di"].warnings == ()


def test_an_unknown_review_column_is_refused(tmp_path):
    from pmladder.inputs.team import read_csv

    path = tmp_path / "team.csv"
    path.write_text("name,reviewer,review:nope\nAna,Dana,3\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_csv(str(path), "team.csv", VOCAB)
    assert "review:nope" in str(exc.value.problems[0])
