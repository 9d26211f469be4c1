"""Tracks: a ladder names its pathways; the questionnaire asks which one a person is on where a ladder branches,
the profile keeps it as `track:`, the placement breaks a tie between branches with it, and `show` lists them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pmladder.ask.questions import SKIP, questions, track_question
from pmladder.ask.session import Session
from pmladder.engine.placement import assess
from pmladder.engine.types import Profile
from pmladder.inputs.loader import load_catalog, load_library, parse_ladder
from pmladder.inputs.yamlsafe import read_file

TESTS = Path(__file__).resolve().parents[1]
ORG_FILE = TESTS / "good_ladders" / "org-delivery.yaml"
ORG = parse_ladder(read_file(ORG_FILE), load_catalog())
LIB = load_library()
TODAY = "2026-01-01"
# meets both branches in full: equal rank and evidence, so only the track can choose
BOTH = {"years_experience": 8, "years_managing": 6, "years_program": 2, "years_pmo": 2, "cases_approved": 2, "budget_led": 5_000_000}


class Fake:
    """A front end that answers each question by its kind: the pathway with `track`, everything else skipped."""

    def __init__(self, track):
        self.track = track
        self.asked: list[str] = []

    def intro(self, lines): ...
    def note(self, text): ...
    def help(self, lines): ...
    def invalid(self, message): raise AssertionError(message)
    def answered(self, q, shown): ...

    def ask(self, q, number, total, current, check):
        self.asked.append(q.key)
        if q.kind == "track":
            return self.track
        if q.kind == "certifications":
            return []
        return SKIP

    def review(self, rows, lines, check):
        self.rows = rows
        return ""


def person(track=None) -> Profile:
    import datetime as dt

    return Profile(facts=dict(BOTH), competencies={"risk": 3}, certifications=(), track=track, assessed_on=dt.date(2026, 1, 1))


# --- the placement --------------------------------------------------------------------------------


@pytest.mark.parametrize(("track", "best"), [
    (None, "portfolio-lead"),  # a true tie, settled by level id
    ("programmes", "programme-manager"), ("portfolio", "portfolio-lead"),
    ("programme-manager", "programme-manager"),  # a level id on the branch still works
    ("elsewhere", "portfolio-lead"),  # neither: as if not given
])
def test_the_track_breaks_a_tie_between_branches(track, best):
    import datetime as dt

    a = assess(ORG, person(track), dt.date(2026, 1, 1))
    assert a.best.id == best
    if track in (None, "elsewhere"):
        assert [lv.id for lv in a.tied] == ["programme-manager"]


def test_a_track_in_a_profile_file_places_the_person(invoke, tmp_path):
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / ORG_FILE.name).write_text(ORG_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    facts = ", ".join(f"{k}: {v}" for k, v in BOTH.items())
    for track, best in (("programmes", "programme-manager"), ("portfolio", "portfolio-lead")):
        me = tmp_path / f"{track}.yaml"
        me.write_text(f"schema_version: 1\nladder: org-delivery\ntrack: {track}\nfacts: {{{facts}}}\n"
                      "competencies: {risk: 3}\ncertifications: []\n", encoding="utf-8")
        result = invoke("assess", "--profile", me, "--ladders-dir", folder, "--today", TODAY, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["level"]["id"] == best


# --- the question ---------------------------------------------------------------------------------


def test_a_ladder_with_tracks_asks_which_pathway_with_their_names_and_not_sure():
    q = track_question(ORG)
    assert q.prompt == "Which pathway are you on?" and q.pick == "select" and q.section == "about"
    assert [(o.value, o.label) for o in q.options] == [("programmes", "Programme delivery"), ("portfolio", "Portfolio office"),
                                                      (SKIP, "Not sure (skip)")]
    assert [o.label for o in track_question(ORG, "cy").options][:2] == ["Cyflawni rhaglenni", "Swyddfa bortffolio"]


def test_a_branching_ladder_without_tracks_offers_the_branch_titles():
    q = track_question(LIB.get("pmo-career").ladder)
    assert [o.value for o in q.options] == ["program-manager", "pmo-manager", SKIP]
    assert [o.label for o in q.options][:2] == ["Program Manager", "PMO Manager"]


@pytest.mark.parametrize("ladder_id", ["pm-titles", "pmo-sequence", "ipma-levels"])
def test_a_ladder_that_does_not_branch_asks_no_pathway(ladder_id):
    assert track_question(LIB.get(ladder_id).ladder) is None
    assert "track" not in [q.kind for q in questions(LIB.get(ladder_id).ladder)]


@pytest.mark.parametrize(("answer", "stored"), [("programmes", "programmes"), ("2", "portfolio"), (SKIP, None)])
def test_the_answer_is_stored_in_the_profile(answer, stored):
    qs = questions(ORG)
    fake = Fake(answer)
    profile = Session(qs, fake, ORG).run()
    assert "track" in fake.asked
    assert profile.track == stored
    row = next(r for r in fake.rows if r.label == "Pathway")
    assert row.known == (stored is not None)


def test_not_sure_keeps_a_pathway_chosen_on_another_ladder():
    qs = questions(ORG)
    saved = Profile(track="pmo-manager", ladder="pmo-career")
    profile = Session(qs, Fake(SKIP), ORG, saved).run()
    assert profile.track == "pmo-manager"


def test_a_saved_pathway_of_this_ladder_is_not_asked_again():
    qs = questions(ORG)
    saved = Profile(track="portfolio", ladder="pm-titles", facts={}, competencies={})
    fake = Fake("portfolio-lead")  # would be refused: the pathway must not be asked
    profile = Session(qs, fake, ORG, saved).run()
    assert "track" not in fake.asked and profile.track == "portfolio"


# --- show and bad ladders --------------------------------------------------------------------------


def test_show_lists_the_tracks(invoke, tmp_path):
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / ORG_FILE.name).write_text(ORG_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    text = invoke("show", "org-delivery", "--ladders-dir", folder)
    assert "Pathways" in text.stdout and "Programme delivery (programmes): Programme Manager" in text.stdout
    markdown = invoke("show", "org-delivery", "--ladders-dir", folder, "--format", "markdown").stdout
    assert "## Pathways" in markdown and "- Portfolio office (portfolio): Portfolio Lead" in markdown
    data = json.loads(invoke("show", "org-delivery", "--ladders-dir", folder, "--format", "json").stdout)
    assert data["tracks"] == [{"id": "programmes", "name": "Programme delivery", "levels": ["programme-manager"]},
                              {"id": "portfolio", "name": "Portfolio office", "levels": ["portfolio-lead"]}]
    plain = json.loads(invoke("show", "pm-titles", "--format", "json").stdout)
    assert "tracks" not in plain  # a ladder without tracks: its JSON as before


@pytest.mark.parametrize(("old", "new", "fragment", "at"), [
    ("    levels: [portfolio-lead]\n", "    levels: [portfolio-led]\n",
     "unknown level 'portfolio-led' (did you mean 'portfolio-lead'?) in tracks", "portfolio-led]"),
    ("  portfolio:\n    name: Portfolio office\n", "  portfolio-lead:\n    name: Portfolio office\n",
     "track id 'portfolio-lead' is also a level id", "  portfolio-lead:"),
    ("    levels: [portfolio-lead]\n", "    levels: []\n", "tracks.portfolio.levels: ", "levels: []"),
])
def test_a_track_mistake_is_a_positioned_problem(invoke, tmp_path, old, new, fragment, at):
    text = ORG_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if at in row)
    result = invoke("validate", path)
    assert result.exit_code == 65, result.output
    hits = [m for m in re.finditer(rf"^{re.escape(str(path))}:(\d+):(\d+): (.*)$", result.stderr, re.M) if fragment in m.group(3)]
    assert hits, result.stderr
    assert int(hits[0].group(1)) == line, result.stderr


@pytest.mark.parametrize(("old", "new", "fragment", "at"), [
    ("    names: {cy: Swyddfa bortffolio}\n", "    names: {cy: Swyddfa bortffolio, fr: Bureau de portefeuille}\n",
     "tracks.portfolio.names has 'fr' text but languages does not list 'fr'", "Bureau de portefeuille"),
    ("        cy: {name: Rheoli risg a materion}\n", "        cy: {name: Rheoli risg a materion}\n        de: {name: Risikomanagement}\n",
     "labels.competencies.risk.translations has 'de' text but languages does not list 'de'", "Risikomanagement"),
])
def test_text_in_a_language_the_ladder_does_not_list_is_a_positioned_problem(invoke, tmp_path, old, new, fragment, at):
    test_a_track_mistake_is_a_positioned_problem(invoke, tmp_path, old, new, fragment, at)


def test_with_lang_zh_the_ladder_choice_offers_the_ladders_in_chinese(tmp_path):
    """`assess --lang zh` asks which ladder among those with Chinese text (an English-only one would be refused
    after the choice); with no --lang every ladder is offered."""
    from pmladder.cli.app import in_language
    from pmladder.inputs.loader import load_library

    lib = load_library(environ={"PMLADDER_HOME": str(tmp_path)})
    chinese = in_language(lib, "zh")
    assert set(chinese.ladders) == {lid for lid, item in lib.ladders.items() if "zh" in item.ladder.languages}
    assert "pmo-sequence" in chinese.ladders and "pm-titles" not in chinese.ladders
    assert set(in_language(lib, None).ladders) == set(in_language(lib, "en-GB").ladders) == set(lib.ladders)
