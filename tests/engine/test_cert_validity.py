"""Certificates lapse (issue 20, certificate validity): what the report, the plan and the JSON say.

A certificate whose catalog entry has a validity and whose profile dates put its last renewal
(or its earning) more than that many years before today no longer counts as held; the plan
renews it rather than earning it again. Undated certificates count as before.
"""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess_support import LADDER_IDS, to_profile
from pmladder.engine.placement import assess
from pmladder.engine.validity import add_years, day_range

TODAY = "2026-12-01"
# PMP and nothing else open for Project Manager on pmi-path, as far as the record goes
PERSON = {
    "schema_version": 1,
    "education": "bachelor",
    "facts": {"years_experience": 6, "years_managing": 5, "pm_training_hours": 35},
    "certifications": ["PMP"],
}


def write(tmp_path, person: dict, name: str = "me.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(person, sort_keys=False), encoding="utf-8")
    return path


def dated(**dates) -> dict:
    return {**PERSON, "certification_dates": {"PMP": dates}}


def plan_json(invoke, path, *extra) -> dict:
    result = invoke("plan", "--profile", path, "--ladder", "pmi-path", "--today", TODAY, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_lapsed_pmp_does_not_count(invoke, tmp_path):
    held = plan_json(invoke, write(tmp_path, PERSON, "held.yaml"))
    lapsed = plan_json(invoke, write(tmp_path, dated(earned="2019-05")))
    assert held["placement"]["best_fit"]["id"] == "project-manager"
    assert lapsed["placement"]["best_fit"] is None
    assert lapsed["placement"]["lapsed"] == [{
        "id": "PMP", "lapsed_on": "2022-05-31", "renewable": False, "cpd_hours": 60,
        "renewal": "Earn 60 PDUs (professional development units) within the 3-year cycle, report them to PMI and pay the renewal fee.",
        "text": "PMP: lapsed in 2022-05, more than 12 months ago, past the time its issuer allows for renewal; "
                "it is earned again, exam and all",
    }]
    recent = plan_json(invoke, write(tmp_path, dated(earned="2023-03"), "recent.yaml"))  # lapsed 2026-03: within PMI's year
    assert recent["placement"]["best_fit"] is None
    assert [(x["id"], x["lapsed_on"], x["renewable"]) for x in recent["placement"]["lapsed"]] == [("PMP", "2026-03-31", True)]
    assert recent["placement"]["lapsed"][0]["text"].startswith("PMP: lapsed in 2026-03; to renew: Earn 60 PDUs")
    assert lapsed["placement"]["renew_by"] == []
    # nothing it implied counts either: the 35 hours come from the answer, not from PMP
    assert not any(i["by"] == "PMP" for i in lapsed["implied"])


def test_a_renewed_pmp_counts(invoke, tmp_path):
    out = plan_json(invoke, write(tmp_path, dated(earned="2019-05", renewed="2024-06-15")))
    assert out["placement"]["best_fit"]["id"] == "project-manager"
    assert out["placement"]["lapsed"] == [] and out["placement"]["renew_by"] == []


def test_one_that_lapses_within_six_months_is_flagged(invoke, tmp_path):
    out = plan_json(invoke, write(tmp_path, dated(earned="2021-03-10", renewed="2024-03-10")))
    assert out["placement"]["best_fit"]["id"] == "project-manager"  # still current today
    assert [(x["id"], x["lapses_on"]) for x in out["placement"]["renew_by"]] == [("PMP", "2027-03-10")]
    assert out["placement"]["renew_by"][0]["text"].startswith("PMP: renew by 2027-03; to renew: Earn 60 PDUs")
    text = invoke("assess", "--profile", write(tmp_path, dated(renewed="2024-03-10"), "t.yaml"), "--ladder", "pmi-path",
                  "--today", TODAY).stdout
    assert "Certificates to renew:" in text and "PMP: renew by 2027-03" in text


def test_a_month_or_a_year_is_never_lapsed_by_guess(invoke, tmp_path):
    # 2023 may be 2023-12-31: current until 2026-12-31, so held on 2026-12-01 (and due soon)
    out = plan_json(invoke, write(tmp_path, dated(earned=2023)))
    assert out["placement"]["best_fit"]["id"] == "project-manager"
    assert [x["lapses_on"] for x in out["placement"]["renew_by"]] == ["2026-12-31"]
    out = plan_json(invoke, write(tmp_path, dated(earned="2023-11")))  # at the latest 2023-11-30: lapsed on 2026-11-30
    assert [x["lapsed_on"] for x in out["placement"]["lapsed"]] == ["2026-11-30"]
    assert out["placement"]["best_fit"] is None


@pytest.mark.parametrize("dates", [None, {}, {"PMP": {}}, {"PMP": {"earned": None, "renewed": None}}])
def test_blank_dates_count_as_held_and_change_no_byte(invoke, tmp_path, dates):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = invoke("plan", "--profile", write(tmp_path / "a", PERSON), "--ladder", "pmi-path", "--today", TODAY,
                   "--format", "json").stdout
    person = {**PERSON, "certification_dates": dates}
    same = invoke("plan", "--profile", write(tmp_path / "b", person), "--ladder", "pmi-path", "--today", TODAY, "--format", "json")
    assert same.exit_code == 0, same.stderr
    assert same.stdout.replace(str(tmp_path / "b"), "HERE") == plain.replace(str(tmp_path / "a"), "HERE")
    assert json.loads(plain)["placement"]["best_fit"]["id"] == "project-manager"
    assert "lapsed" not in json.loads(plain)["placement"]


def test_the_plan_renews_a_lapsed_certificate(invoke, tmp_path):
    path = write(tmp_path, dated(earned="2023-03"))  # lapsed 2026-03, within the year PMI allows
    out = plan_json(invoke, path)
    steps = {s["id"]: s for s in out["roadmap"]}
    assert "renew:PMP" in steps and "cert:PMP" not in steps
    assert steps["renew:PMP"]["start_month"] == 0 and steps["renew:PMP"]["done_month"] == 2  # soon, not a 3-month preparation
    assert out["eta_months"] == 2
    md = invoke("plan", "--profile", path, "--ladder", "pmi-path", "--today", TODAY, "--format", "markdown").stdout
    assert "- [ ] Renew PMP (by 2027-02)" in md
    assert "Renew PMP (Project Management Professional) (Project Management Institute (PMI)) by 2027-02: Earn 60 PDUs" in md
    assert "PMP: lapsed in 2026-03; to renew:" in md
    assert "Earn PMP" not in md


def test_chinese_report_names_the_lapse(invoke, tmp_path):
    path = write(tmp_path, dated(earned="2023-03"))
    out = invoke("assess", "--profile", path, "--ladder", "pmo-sequence", "--today", TODAY, "--lang", "zh")
    assert out.exit_code == 0, out.stderr
    flat = "".join(out.stdout.split())
    assert "需续证的证书" in flat and "PMP：已于2026-03失效" in flat and "在3年周期内取得60个PDU" in flat


def test_dates_read_as_the_issuer_counts():
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert add_years(dt.date(2021, 5, 31), 5) == dt.date(2026, 5, 31)
    assert day_range("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert day_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert day_range("2024-02-30") is None and day_range("24-02") is None


# --- adding a renewal date never lowers a placement ------------------------------------------

@functools.lru_cache(maxsize=None)
def library():
    from pmladder.inputs.loader import load_library

    return load_library(environ={"PMLADDER_NO_CACHE": "1"})


DATED = ("CAPM", "PMP", "PgMP", "PfMP", "PRINCE2-Practitioner", "IPMA-D", "IPMA-C", "IPMA-B", "IPMA-A")
ASSESSED = dt.date(2026, 12, 1)


def _month(n: int) -> str:
    """A month `n` months before ASSESSED, as YYYY-MM."""
    i = ASSESSED.year * 12 + ASSESSED.month - 1 - n
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


people = st.fixed_dictionaries({
    "years_experience": st.integers(0, 20),
    "years_managing": st.integers(0, 20),
    "years_program": st.integers(0, 10),
    "pm_training_hours": st.sampled_from([0, 23, 35, 60]),
    "certs": st.lists(st.sampled_from(DATED), min_size=1, max_size=4, unique=True),
    "earned": st.lists(st.integers(1, 150), min_size=4, max_size=4),  # months ago
    "renewed": st.lists(st.integers(1, 150), min_size=4, max_size=4),
    "which": st.integers(0, 3),
})


def _rank(ladder, profile) -> int:
    a = assess(ladder, profile, ASSESSED)
    return a.best.rank if a.best else -1


@settings(derandomize=True, max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people)
def test_a_renewal_date_never_lowers_a_placement(p):
    facts = {"years_experience": p["years_experience"], "years_managing": min(p["years_managing"], p["years_experience"]),
             "years_program": min(p["years_program"], p["years_experience"]), "pm_training_hours": p["pm_training_hours"]}
    dates = {c: {"earned": _month(p["earned"][i])} for i, c in enumerate(p["certs"])}
    before = to_profile({"schema_version": 1, "education": "bachelor", "facts": facts, "certifications": p["certs"],
                         "certification_dates": dates})
    cert = p["certs"][p["which"] % len(p["certs"])]
    renewed = min(p["renewed"][p["which"]], p["earned"][p["which"] % len(p["certs"])])  # not before it was earned
    after_dates = {**dates, cert: {**dates[cert], "renewed": _month(renewed)}}
    after = before.replace(certification_dates={c: to_profile({
        "schema_version": 1, "certifications": p["certs"], "certification_dates": {c: d}}).certification_dates[c]
        for c, d in after_dates.items()})
    undated = before.replace(certification_dates={})
    for lid in LADDER_IDS:
        ladder = library().get(lid).ladder
        was, now, plain = _rank(ladder, before), _rank(ladder, after), _rank(ladder, undated)
        assert was <= now <= plain, (lid, cert, after_dates, was, now, plain)  # a date can take a title away, a renewal give it back
