"""Properties of placement, gaps, profiles and roadmaps over generated profiles (hypothesis).

Profiles are drawn over the catalog's ids: facts within 0..max, ratings 0..5, certification
subsets and education; half of them start from a profile that meets some level of a shipped
ladder exactly, so the interesting region (near the thresholds) is well covered.
"""

from __future__ import annotations

import json
import math
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from assess_support import LADDER_IDS, checks, exactly, index_of, level_ids, levels, requires
from pmladder.assess import Estimator, assess, gaps_for
from pmladder.loader import load_library
from pmladder.model import EDUCATION, Profile
from pmladder.profiles import load_profile, save_profile
from pmladder.questionnaire import Question, merge, parse
from pmladder.render.data import assessment_json
from pmladder.roadmap import plan

LIB = load_library()
CATALOG = LIB.catalog
FACTS = CATALOG.facts
CERTS = list(CATALOG.certifications)
COMPETENCIES = list(CATALOG.file.competencies)
LADDERS = {lid: LIB.get(lid).ladder for lid in LADDER_IDS}
EXACT = [exactly(lid, lv) for lid in LADDER_IDS for lv in level_ids(lid)]

# Thresholds the ladders and the certification rules use, so draws land on and around them.
_THRESHOLDS: dict[str, set[float]] = {k: {0.0} for k in FACTS}
for _lid in LADDER_IDS:
    for _lv in levels(_lid):
        for _k, _v in requires(_lv)["facts"].items():
            _THRESHOLDS[_k] |= {float(_v), max(0.0, _v - 1.0), min(FACTS[_k].max, _v + 1.0)}
for _cert in CATALOG.certifications.values():
    for _alt in _cert.eligibility:
        for _k, _v in _alt.facts.items():
            _THRESHOLDS[_k] |= {float(_v), max(0.0, _v - 1.0)}

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fact_values(key: str) -> st.SearchStrategy[float]:
    top = FACTS[key].max
    return st.one_of(
        st.sampled_from(sorted(_THRESHOLDS[key])),
        st.integers(0, int(top)).map(float),
        st.floats(0, top, allow_nan=False, allow_infinity=False),
    )


@st.composite
def people(draw, names: st.SearchStrategy = st.none()) -> dict:
    """A profile as plain data (the shape of a profile file)."""
    seed = draw(st.one_of(st.none(), st.sampled_from(EXACT)))
    seed = seed or {}
    facts = {k: float(v) for k, v in (seed.get("facts") or {}).items()}
    comps = dict(seed.get("competencies") or {})
    certs = list(seed.get("certifications") or [])
    for key in FACTS:
        action = draw(st.sampled_from(["keep", "keep", "drop", "set"]))
        if action == "drop":
            facts.pop(key, None)
        elif action == "set":
            facts[key] = draw(fact_values(key))
    for key in COMPETENCIES:
        action = draw(st.sampled_from(["keep", "keep", "drop", "set"]))
        if action == "drop":
            comps.pop(key, None)
        elif action == "set":
            comps[key] = draw(st.integers(0, 5))
    if draw(st.booleans()):
        certs = draw(st.lists(st.sampled_from(CERTS), unique=True, max_size=6))
    education = draw(st.one_of(st.just(seed.get("education")), st.none(), st.sampled_from(EDUCATION)))
    person = {"schema_version": 1, "facts": facts, "certifications": certs, "competencies": comps}
    if education is not None:
        person["education"] = education
    name = draw(names)
    if name is not None:
        person["name"] = name
    return person


def profile(person: dict) -> Profile:
    return Profile.model_validate(person)


def placement_index(ladder_id: str, p: Profile) -> int:
    a = assess(LADDERS[ladder_id], CATALOG, p)
    return index_of(ladder_id, a.level.id if a.level else None)


# --- (a) raising one answer never lowers the placement ---------------------------------------


@st.composite
def raises(draw) -> tuple[dict, dict, str]:
    """(before, after, what was raised): `after` is `before` with exactly one answer raised."""
    before = draw(people())
    after = {**before, "facts": dict(before["facts"]), "competencies": dict(before["competencies"]),
             "certifications": list(before["certifications"])}
    kind = draw(st.sampled_from(["fact", "rating", "certification", "education"]))
    if kind == "fact":
        key = draw(st.sampled_from(list(FACTS)))
        old = before["facts"].get(key, 0.0)
        after["facts"][key] = draw(st.one_of(fact_values(key), st.just(FACTS[key].max)).filter(lambda v: v >= old))
    elif kind == "rating":
        key = draw(st.sampled_from(COMPETENCIES))
        old = before["competencies"].get(key, 0)
        after["competencies"][key] = draw(st.integers(old, 5))
    elif kind == "certification":
        missing = [c for c in CERTS if c not in before["certifications"]]
        assume(missing)
        key = draw(st.sampled_from(missing))
        after["certifications"].append(key)
    else:
        key = "education"
        old = EDUCATION.index(before.get("education") or "none")
        after["education"] = draw(st.sampled_from(EDUCATION[old:]))
    return before, after, f"{kind} {key}"


@SETTINGS
@given(raises())
def test_raising_one_answer_never_lowers_the_placement(case):
    """Raising a fact, a rating, the education or adding a certification never moves a person down."""
    before, after, what = case
    for ladder_id in LADDER_IDS:
        assert placement_index(ladder_id, profile(after)) >= placement_index(ladder_id, profile(before)), (ladder_id, what)


# --- (b) gaps toward a level are empty exactly when it is met --------------------------------


@SETTINGS
@given(people())
def test_gaps_are_empty_exactly_when_the_level_is_met(person):
    """For every level of every ladder: no gaps <=> the level is met (by pmladder and by the ladder file)."""
    p = profile(person)
    for ladder_id, ladder in LADDERS.items():
        comps = CATALOG.competencies_for(ladder)
        est = Estimator(CATALOG, comps, p)
        a = assess(ladder, CATALOG, p)
        for fit, raw in zip(a.fits, levels(ladder_id), strict=True):
            gaps = gaps_for(fit.level, fit, CATALOG, comps, est)
            met_by_file = all(checks(requires(raw), person))
            assert (gaps == []) == fit.ok == met_by_file, (ladder_id, fit.level.id)
            assert len(gaps) == fit.total - fit.met
            for g in gaps:
                assert g.level == fit.level.id
                # only an education or an out-of-reach certification cannot be estimated
                assert g.months is not None or g.kind in ("education", "certification")
        for nxt in a.next:
            mine = [g for g in a.gaps if g.level == nxt.id]
            assert (mine == []) == a.fit(nxt.id).ok


# --- (c) save -> load ------------------------------------------------------------------------

CHINESE = "陈晓明李华王芳张伟刘洋项目经理办公室高级"
# Names as a person might type them, Chinese included: no control characters, no lone
# surrogates, already in NFC and without surrounding blanks (the sanitiser's documented job).
plain_names = st.text(
    alphabet=st.one_of(
        st.sampled_from(CHINESE),
        st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s == unicodedata.normalize("NFC", s).strip() and s.strip() != "")
# Anything at all, lone surrogates and C0/C1 controls and NFC-expanding letters included.
wild_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=()),
        st.characters(min_codepoint=0, max_codepoint=0x9F),
        st.sampled_from(CHINESE + "\u0958\ufeff\u2028\u202e\x1b\x00\ud800\udfff"),
    ),
    max_size=200,
)
NAME_QUESTION = Question("About you", "name", "name", "Your name")


def round_trip(p: Profile) -> tuple[Profile, str]:
    """save_profile to a temp folder, then load_profile it back; also the file's text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "profile.yaml"
        save_profile(path, p)
        text = path.read_text(encoding="utf-8")
        return load_profile(path, CATALOG), text


@SETTINGS
@given(people(names=st.one_of(st.none(), plain_names)))
@example({"schema_version": 1, "name": "陈晓明", "facts": {"years_experience": 2.999}, "certifications": [], "competencies": {}})
@example({"schema_version": 1, "name": "Zoë O'Brien", "facts": {"team_size": 0.125}, "certifications": ["PMP"], "competencies": {"risk": 5}})
def test_profile_survives_save_and_load_unchanged(person):
    """Any profile with an ordinary name (Chinese included) loads back equal to what was saved."""
    p = profile(person)
    loaded, _ = round_trip(p)
    assert loaded == p


def _person_from_answer(raw: str) -> Profile:
    """The profile the questionnaire builds when someone types `raw` as their name."""
    name = parse(NAME_QUESTION, raw, "")
    return merge(Profile(), [NAME_QUESTION], {"name": name})


@SETTINGS
@given(wild_text, people())
@example(" ", {"schema_version": 1, "facts": {}, "certifications": [], "competencies": {}})
@example("\x07\x1b[31m", {"schema_version": 1, "facts": {}, "certifications": [], "competencies": {}})
@example("\u0958" * 200, {"schema_version": 1, "facts": {}, "certifications": [], "competencies": {}})
def test_typed_names_with_controls_and_surrogates_save_and_load(raw, person):
    """A name typed with control characters or lone surrogates is sanitised once; the saved file
    loads, has no control characters, and saving the loaded profile changes nothing more."""
    typed = _person_from_answer(raw)
    p = profile({**person, **({"name": typed.name} if typed.name is not None else {})})
    first, text = round_trip(p)
    second, _ = round_trip(first)
    assert first == second
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") and ch != "\n" for ch in text)
    assert first.name is None or (first.name and first.name == first.name.strip())


@SETTINGS
@given(people(names=st.text(max_size=200).filter(lambda s: "\x00" not in s)))
@example({"schema_version": 1, "name": " ", "facts": {}, "certifications": [], "competencies": {}})
@example({"schema_version": 1, "name": "\x1b", "facts": {}, "certifications": [], "competencies": {}})
@example({"schema_version": 1, "name": "\u0958" * 200, "facts": {}, "certifications": [], "competencies": {}})
def test_any_profile_name_saves_to_a_file_that_loads_again(person):
    """Whatever name a profile holds (one read from a hand-written file may hold anything), the
    saved file loads again and a second save changes nothing: load(save(p)) == load(save(load(save(p))))."""
    p = profile(person)
    first, _ = round_trip(p)
    second, _ = round_trip(first)
    assert first == second
    assert (first.facts, first.certifications, first.competencies, first.education) == (
        p.facts, p.certifications, p.competencies, p.education)


# --- (d) determinism -------------------------------------------------------------------------


@SETTINGS
@given(people(names=st.one_of(st.none(), plain_names)), st.data())
def test_same_profile_same_json(person, data):
    """Assessing the same profile twice (built afresh each time) gives identical JSON."""
    for ladder_id, ladder in LADDERS.items():
        target = data.draw(st.one_of(st.none(), st.sampled_from(level_ids(ladder_id))))
        outputs = []
        for _ in range(2):
            p = profile(json.loads(json.dumps(person)))
            a = assess(ladder, CATALOG, p)
            outputs.append(json.dumps(assessment_json(a, plan(a, CATALOG, target), CATALOG), ensure_ascii=False))
        assert outputs[0] == outputs[1]


# --- (e) the roadmap -------------------------------------------------------------------------


@SETTINGS
@given(people(), st.data())
def test_roadmap_respects_eligibility_and_is_monotone(person, data):
    """Certification steps start no earlier than eligibility; milestones get ready in order; a met target has an empty roadmap."""
    p = profile(person)
    for ladder_id, ladder in LADDERS.items():
        target = data.draw(st.one_of(st.none(), st.sampled_from(level_ids(ladder_id))))
        a = assess(ladder, CATALOG, p)
        road = plan(a, CATALOG, target)
        est = Estimator(CATALOG, CATALOG.competencies_for(ladder), p)
        for step in road.steps:
            if step.kind != "certification":
                continue
            eligible, _ = est.eligible_in(step.key)
            if math.isinf(eligible):
                assert step.start is None and step.end is None, step
            else:
                assert step.start is not None and step.start >= eligible, step
                prep = math.ceil(CATALOG.certifications[step.key].prep_months)
                assert step.end >= step.start + prep, step
        readies = [m.ready for m in road.milestones]
        for earlier, later in zip(readies, readies[1:]):
            if earlier is None:
                assert later is None, readies  # nothing after an unestimable milestone is estimable
            elif later is not None:
                assert later >= earlier, readies
        for m in road.milestones:
            ends = [s.end for s in m.steps]
            if m.ready is not None:
                assert all(e is not None and e <= m.ready for e in ends), m
        if road.milestones:
            assert road.eta_months == readies[-1]
            assert road.milestones[-1].level.id == (target or a.next[0].id)
            if road.eta_months is not None:
                assert all(r is not None and r <= road.eta_months for r in readies)

        met_target = target is not None and a.fit(target).ok
        if met_target:
            assert road.milestones == () and road.steps == [] and road.eta_months == 0
        elif target is not None:
            assert road.milestones and road.steps, "an unmet target needs at least one step"


@SETTINGS
@given(people())
def test_every_met_level_as_target_gives_an_empty_roadmap(person):
    """For every level the profile meets, `--target` that level plans nothing and is ready now."""
    p = profile(person)
    for ladder_id, ladder in LADDERS.items():
        a = assess(ladder, CATALOG, p)
        for fit in a.fits:
            road = plan(a, CATALOG, fit.level.id)
            if fit.ok:
                assert road.already_met and road.steps == [] and road.eta_months == 0
            else:
                assert not road.already_met and road.steps
