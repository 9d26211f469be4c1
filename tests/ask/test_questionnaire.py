"""The pure questionnaire (`pmladder.ask.questions`), driven through a scripted fake front end.

No terminal here: the fake `Asker` hands back, in order, what a person would have chosen
(an option's value, a list of ticked values, typed text, or a command), and records what it
was shown. The arrow-key prompts and the line reader are tested in
test_questionnaire_terminal.py (a real pseudo-terminal) and test_assess_cli.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pmladder.engine.types import Profile
from pmladder.inputs.loader import load_library
from pmladder.ask.questions import (
    BACK, OTHER, SKIP, BackOut, InvalidAnswer, Quit, counted, intro_lines, ladder_question, parse, questions,
)
from pmladder.ask.session import Session

LIB = load_library()
PM = LIB.get("pm-titles").ladder


class Fake:
    """An Asker that answers from a script and keeps a log of what it was asked."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked: list[tuple[str, int, int, object]] = []  # (key, number, total, current)
        self.invalids: list[str] = []
        self.helps: list[list[str]] = []
        self.reviews: list[list] = []
        self.notes: list[str] = []
        self.records: list[tuple[str, str]] = []
        self.dates: list[str] = []  # the certificates' date questions, each answered with Enter

    def _next(self):
        if not self.answers:
            raise EOFError("the script ran out")
        return self.answers.pop(0)

    def intro(self, lines):
        self.notes += lines

    def note(self, text):
        self.notes.append(text)

    def ask(self, q, number, total, current, check):
        if q.kind == "cert_date":  # when a ticked certificate was earned: Enter leaves it out (tests/ask/test_cert_date_questions.py)
            self.dates.append(q.key)
            return current or ""
        self.asked.append((q.key, number, total, current))
        answer = self._next()
        if callable(answer):
            answer = answer(q, current, check)
        return answer

    def answered(self, q, shown):
        self.records.append((q.key, shown))

    def help(self, lines):
        self.helps.append(lines)

    def invalid(self, message):
        self.invalids.append(message)

    def review(self, rows, lines, check):
        self.reviews.append(rows)
        return self._next()


def qs(ladder=PM):
    return questions(ladder)


def keys(ladder=PM):
    return [q.key for q in counted(qs(ladder))]


def first_run_answers(ladder=PM, *, rating="3", certs=("PMP",), facts=None):
    """One answer per question of a first run, as the arrow-key front end returns them."""
    out = []
    for q in counted(qs(ladder)):
        if q.kind == "name":
            out.append("Mei Chen")
        elif q.kind == "education":
            out.append("bachelor")
        elif q.kind == "fact":
            out.append(str((facts or {}).get(q.key, 2)))
        elif q.kind == "certifications":
            out.append(list(certs))
        else:
            out.append(rating)
    return out


def run(fake, prefill=None, ladder=PM, **kw):
    return Session(qs(ladder), fake, ladder, prefill).run(**kw)


# --- the questions --------------------------------------------------------------------------------


@pytest.mark.parametrize("ladder_id", ["pm-titles", "pmo-sequence", "pmo-career"])
def test_questions_follow_the_ladder_and_offer_every_certification(ladder_id):
    """Name and education first, then the facts, one certification list with the whole catalog plus Other, the skills."""
    ladder = LIB.get(ladder_id).ladder
    questions_ = qs(ladder)
    kinds = [q.kind for q in questions_]
    assert kinds[:2] == ["name", "education"]
    assert kinds.count("certifications") == 1 and kinds.count("others") == 1
    cert_q = next(q for q in questions_ if q.kind == "certifications")
    offered = [o.value for o in cert_q.options]
    assert set(offered) == set(ladder.certs) | {OTHER}
    for cid in ("PgMP", "PMI-ACP", "CSM", "PSM-I", "PRINCE2-Agile-Practitioner"):
        assert cid in offered
    groups = [o.group for o in cert_q.options if o.value != OTHER]
    assert groups == sorted(groups, key=groups.index), "each issuer's certifications are listed together"
    skills = [q for q in questions_ if q.kind == "competency"]
    assert skills and all(len(q.options) == 7 and q.options[-1].value == SKIP for q in skills)
    assert len(keys(ladder)) == len(set(keys(ladder)))


def test_a_rating_is_one_short_line_with_the_ladders_text_as_detail():
    """Each rating option is a short label; the competency's own text for that rating is its detail."""
    q = next(q for q in qs() if q.key == "risk")
    comp = PM.comps["risk"]
    assert [o.detail for o in q.options[:6]] == list(comp.ratings)
    assert all(len(o.label) <= 40 for o in q.options)
    assert q.about == comp.description
    assert comp.description in q.help[0] and all(text in " ".join(q.help) for text in comp.ratings)


def test_the_ladder_choice_shows_each_ladders_first_sentence():
    q = ladder_question(LIB, None)
    assert [o.value for o in q.options] == sorted(LIB.ladders)
    for o in q.options:
        ladder = LIB.ladders[o.value].ladder
        assert o.label.startswith(ladder.name + " \u2014 ")
        assert ladder.description.split(".")[0] in o.label


def test_intro_says_how_to_go_back_and_cancel():
    text = " ".join(intro_lines())
    assert "back" in text and "Ctrl-C" in text and "?" in text


# --- parsing --------------------------------------------------------------------------------------


def test_parse_facts_and_skips():
    years = next(q for q in qs() if q.key == "years_experience")
    assert parse(years, "2,5") == 2.5
    assert parse(years, " skip ") is None
    for bad, words in (("", "skip"), ("abc", "number"), ("-1", "negative"), ("inf", "ordinary")):
        with pytest.raises(InvalidAnswer, match=words):
            parse(years, bad)


def test_parse_certifications_by_ids_numbers_none_and_other():
    q = next(q for q in qs() if q.kind == "certifications")
    ids = [o.value for o in q.options]
    assert parse(q, "pmp, CSM") == ("PMP", "CSM")
    assert parse(q, f"1 {ids.index('CSM') + 1}") == (ids[0], "CSM")
    assert parse(q, "none") == ()
    assert parse(q, []) == ()
    assert parse(q, ["PMP", OTHER]) == ("PMP", OTHER)
    with pytest.raises(InvalidAnswer, match="Not in the list: PMX"):
        parse(q, "PMP, PMX")


def test_parse_ratings_and_education():
    rating = next(q for q in qs() if q.kind == "competency")
    education = next(q for q in qs() if q.kind == "education")
    assert parse(rating, "4") == 4 and parse(rating, SKIP) is None
    with pytest.raises(InvalidAnswer, match="0 to 5"):
        parse(rating, "7")
    assert parse(education, "master") == "master" and parse(education, "3") == "bachelor"
    assert parse(education, SKIP) is None


# --- a whole run ----------------------------------------------------------------------------------


def test_a_first_run_asks_everything_with_nothing_prefilled_then_reviews():
    fake = Fake(*first_run_answers(), "")
    person = run(fake)
    assert [k for k, *_ in fake.asked] == keys()
    assert all(current in ("", None, []) for *_, current in fake.asked), "a first run pre-fills nothing"
    n = len(keys())
    assert [(num, total) for _, num, total, _ in fake.asked] == [(i, n) for i in range(1, n + 1)]
    assert len(fake.reviews) == 1 and [r.number for r in fake.reviews[0]] == list(range(1, n + 1))
    assert person.name == "Mei Chen" and person.education == "bachelor"
    assert person.certifications == ("PMP",) and person.other_certifications == ()
    assert set(person.facts) == {q.key for q in qs() if q.kind == "fact"}
    assert set(person.competencies.values()) == {3}


def test_skip_leaves_the_answer_unknown_and_removes_a_saved_one():
    """'skip' on a fact and on a rating: the keys are left out of the profile (unknown), even over a saved value."""
    answers = first_run_answers()
    ks = keys()
    answers[ks.index("team_size")] = "skip"
    answers[ks.index("risk")] = SKIP
    answers[ks.index("education")] = SKIP
    person = run(Fake(*answers, ""))
    assert "team_size" not in person.facts and "risk" not in person.competencies
    assert person.education is None
    saved = saved_profile()
    assert saved.facts["team_size"] == 2 and saved.competencies["risk"] == 3
    number = {k: i + 1 for i, k in enumerate(keys())}
    person = run(Fake(str(number["team_size"]), "skip", str(number["risk"]), SKIP, ""), prefill=saved)
    assert "team_size" not in person.facts and "risk" not in person.competencies
    assert person.facts["years_experience"] == saved.facts["years_experience"]


def test_back_returns_to_the_previous_question_and_at_the_first_says_so():
    answers = first_run_answers()
    i = keys().index("years_managing")
    # back at question 1, then on to years managing, back from there, years in project work again: 9
    script = [BACK] + answers[:i] + [BACK, "9", *answers[i:], ""]
    fake = Fake(*script)
    person = run(fake)
    assert "nothing to go back to" in fake.invalids[0]
    assert person.facts["years_experience"] == 9
    asked = [k for k, *_ in fake.asked]
    assert asked.count("years_experience") == 2
    again = [c for k, _, _, c in fake.asked if k == "years_experience"][1]
    assert again == "2", "going back shows the answer just given"


def test_back_at_the_first_question_can_leave_for_the_ladder_choice():
    with pytest.raises(BackOut):
        run(Fake(BACK), back_out=True)


def test_help_shows_every_rating_and_the_question_is_asked_again():
    answers = first_run_answers()
    i = keys().index("risk")
    fake = Fake(*answers[:i], "?", "help", *answers[i:], "")
    run(fake)
    assert len(fake.helps) == 2
    assert all(text in " ".join(fake.helps[0]) for text in PM.comps["risk"].ratings)
    assert "back" in fake.helps[0][-1] and "quit" in fake.helps[0][-1]
    assert [k for k, *_ in fake.asked].count("risk") == 3


def test_quit_cancels_like_ctrl_c():
    with pytest.raises(KeyboardInterrupt):
        run(Fake("Mei", "quit"))
    with pytest.raises(Quit):
        run(Fake(*first_run_answers(), "quit"))  # at the review too


def test_wrong_answers_are_refused_with_a_clear_message_then_asked_again():
    answers = first_run_answers()
    ks = keys()
    i = ks.index("years_managing")
    j = ks.index("team_size")
    script = answers[:i] + ["abc", "-3", "90", "5", "2"] + answers[i + 1:j] + ["7.5", "7"] + answers[j + 1:] + [""]
    fake = Fake(*script)
    person = run(fake)
    joined = "\n".join(fake.invalids)
    assert "Please answer with a number" in joined and "cannot be negative" in joined
    assert "90 looks too high" in joined and "50 years" in joined
    assert "5 is more than your years in project work (2)" in joined
    assert "whole number of people" in joined
    assert person.facts["years_managing"] == 2 and person.facts["team_size"] == 7


def test_years_in_project_work_cannot_drop_below_years_managing():
    """Changing years in project work on the review below years managing is refused, naming the other answer."""
    fake = Fake(*first_run_answers(facts={"years_experience": 6, "years_managing": 4}),
                str(keys().index("years_experience") + 1), "3", "5", "")
    person = run(fake)
    assert any("less than your years managing projects (4)" in m for m in fake.invalids)
    assert person.facts["years_experience"] == 5


def test_other_certifications_are_asked_kept_and_never_in_certifications():
    answers = first_run_answers(certs=("PMP", OTHER))
    i = keys().index("certifications")
    script = answers[:i + 1] + ["", "Scrum@Scale Practitioner; Six Sigma Green Belt"] + answers[i + 1:] + [""]
    fake = Fake(*script)
    person = run(fake)
    assert any("at least one name" in m for m in fake.invalids)
    assert person.certifications == ("PMP",)
    assert person.other_certifications == ("Scrum@Scale Practitioner", "Six Sigma Green Belt")
    assert ("certifications", "PMP; other: Scrum@Scale Practitioner, Six Sigma Green Belt") in [
        (r.label.lower(), r.value) for r in fake.reviews[0]]


def test_nothing_ticked_means_none_and_unticking_other_drops_the_names():
    saved = Profile(ladder="pm-titles", assessed_on=dt.date(2026, 1, 5), name="Mei", education="bachelor",
                    certifications=("PMP",), other_certifications=("Six Sigma",),
                    facts={q.key: 2.0 for q in qs() if q.kind == "fact"},
                    competencies={q.key: 3 for q in qs() if q.kind == "competency"})
    number = keys().index("certifications") + 1
    fake = Fake(str(number), [], "")  # the review's number, then Enter with nothing ticked
    person = run(fake, prefill=saved)
    ticked = [c for k, _, _, c in fake.asked if k == "certifications"][0]
    assert ticked == ["PMP", OTHER]
    assert person.certifications == () and person.other_certifications == ()


# --- second runs, the review, --only --------------------------------------------------------------


def saved_profile(**changes) -> Profile:
    person = run(Fake(*first_run_answers(), ""))
    return person.replace(ladder="pm-titles", assessed_on=dt.date(2026, 3, 1), **changes)


def test_a_second_run_on_the_same_ladder_goes_straight_to_the_review():
    """Changing one rating on a second run: its number, the new rating, Enter."""
    saved = saved_profile()
    number = keys().index("risk") + 1
    fake = Fake(str(number), "5", "")
    person = run(fake, prefill=saved)
    assert [(k, n, t, c) for k, n, t, c in fake.asked] == [("risk", number, len(keys()), "3")]
    assert len(fake.reviews) == 2
    assert person == saved.replace(competencies={**saved.competencies, "risk": 5})


def test_enter_at_the_review_keeps_every_saved_answer_including_other_ladders():
    saved = saved_profile(facts={**saved_profile().facts, "years_program": 4.0}, competencies={"risk": 2, "zz": 1})
    person = run(Fake(""), prefill=saved)
    assert person == saved


def test_a_profile_from_another_ladder_asks_only_what_it_lacks():
    saved = saved_profile()
    career = LIB.get("pmo-career").ladder
    missing = [q.key for q in counted(qs(career)) if not (q.key in saved.facts or q.key in saved.competencies
                                                          or q.kind in ("name", "education", "certifications"))]
    assert missing == ["track", "years_program", "years_pmo"]  # the ladder branches: the pathway is asked too
    fake = Fake(SKIP, "1.5", "skip", "")
    person = run(fake, prefill=saved, ladder=career)
    assert [k for k, *_ in fake.asked] == missing
    assert person.facts["years_program"] == 1.5 and "years_pmo" not in person.facts


def test_only_a_section_re_asks_it_prefilled_and_keeps_the_rest():
    saved = saved_profile()
    skills = [q.key for q in counted(qs()) if q.kind == "competency"]
    fake = Fake(*(["4"] * len(skills)), "")
    person = run(fake, prefill=saved, only="skills")
    assert [k for k, *_ in fake.asked] == skills
    assert [(n, t) for _, n, t, _ in fake.asked] == [(i, len(skills)) for i in range(1, len(skills) + 1)]
    assert all(c == "3" for *_, c in fake.asked), "each rating starts from the saved one"
    assert person == saved.replace(competencies={k: 4 for k in skills})


def test_only_experience_covers_about_you_too():
    fake = Fake(*(["Mei Chen", "master"] + ["3"] * 6), "")
    run(fake, prefill=saved_profile(), only="experience")
    assert [k for k, *_ in fake.asked][:2] == ["name", "education"]


def test_review_refuses_a_bad_number_and_all_walks_every_question():
    saved = saved_profile()
    n = len(keys())
    currents = []  # 'all' re-asks every question with the saved answer: accept each as it is

    def keep(q, current, check):
        currents.append(current)
        return current

    fake = Fake(str(n + 1), "x", "all", *([keep] * (n + 1)), "")
    person = run(fake, prefill=saved)
    assert fake.invalids[:2] == [f"Type a number from 1 to {n}, 'all', or press Enter to accept."] * 2
    assert person == saved
    assert len(currents) == n  # no other certificates: their names are not asked


def test_the_review_shows_unknowns_and_skips_plainly():
    answers = first_run_answers()
    answers[keys().index("cost")] = SKIP
    answers[0] = ""
    fake = Fake(*answers, "")
    run(fake)
    rows = {r.label: r for r in fake.reviews[0]}
    assert rows["Cost management"].value == "skipped (unknown)" and not rows["Cost management"].known
    assert rows["Name"].value == "left out"
    assert rows["Years in project work"].value == "2 years"
    assert rows["Risk management"].value.startswith("3 ")


def test_a_number_typed_with_its_unit_is_read_as_a_spreadsheet_cell_is():
    """'8 years' at a years question is 8 (the team spreadsheet reads it so too); another word is still refused."""
    from pmladder.ask.questions import InvalidAnswer, Question, parse

    q = Question("experience", "fact", "years_managing", "For how many years?", "Years managing projects", unit="years", skip=True)
    assert [parse(q, t) for t in ("8", "8 years", "8 yrs", "2,5 years", "8年")] == [8, 8, 8, 2.5, 8]
    for bad in ("8 apples", "lots", "years"):
        with pytest.raises(InvalidAnswer):
            parse(q, bad)
