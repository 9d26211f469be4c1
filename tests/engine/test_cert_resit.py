"""A certificate lapsed longer ago than its issuer allows renewal is earned again (catalog `grace_months`).

PMI suspends a certificate for a year after its cycle ends; renewed in that year it is current
again, after it the certificate expires and the exam is taken again. The plan must then prepare
for the exam, not offer a two-month renewal, and every view must say which of the two it is.
A certificate without `grace_months` (PRINCE2 Practitioner here) is renewed however long ago it lapsed.
"""

from __future__ import annotations

import datetime as dt
import json

from assess_support import profile_output, write_profile
from hypothesis import given, settings
from hypothesis import strategies as st

from pmladder.engine.types import CertDates
from pmladder.engine.validity import add_years, lapses_on, standing
from pmladder.inputs.library import load_library

TODAY = "2026-12-01"
LARRY = {  # eleven years in projects, eight managing them, PMP earned 2016 and renewed once, in 2019
    "schema_version": 1, "name": "Larry", "education": "bachelor",
    "facts": {"years_experience": 11, "years_managing": 8, "pm_training_hours": 70},
    "certifications": ["PMP"],
    "certification_dates": {"PMP": {"earned": "2016-05", "renewed": "2019-05"}},
}


PMI_CERTS = load_library(environ={"PMLADDER_NO_CACHE": "1"}).ladders["pmi-path"].ladder.certs  # read, not cached: no home touched


def flat(text: str) -> str:
    """The words of a report, whatever the panel borders and the wrapping."""
    return " ".join(text.replace("\u2502", " ").split())


def write(tmp_path, person: dict):
    return write_profile(tmp_path / "me.yaml", person)


def run(invoke, path, *args):
    return profile_output(invoke, path, *args, today=TODAY)


def test_a_pmp_lapsed_years_ago_is_planned_as_an_exam(invoke, tmp_path):
    path = write(tmp_path, LARRY)
    out = json.loads(run(invoke, path, "plan", "--ladder", "pmi-path", "--format", "json"))
    steps = {s["id"]: s for s in out["roadmap"]}
    assert "cert:PMP" in steps and "renew:PMP" not in steps
    assert steps["cert:PMP"]["done_month"] - steps["cert:PMP"]["start_month"] >= 3  # a preparation, not a form to send
    assert out["placement"]["lapsed"][0]["renewable"] is False
    text = run(invoke, path, "assess", "--ladder", "pmi-path", "--no-save")
    assert "Certificates that lapsed:" in text and "Certificates to renew:" not in text
    assert "Renew PMP" not in text and "Earn PMP" in text
    assert "PMP: lapsed in 2022-05, more than 12 months ago, past the time its issuer allows for renewal" in flat(text)


def test_the_brief_says_which_certificate_lapsed(invoke, tmp_path):
    path = write(tmp_path, LARRY)
    brief = flat(run(invoke, path, "assess", "--ladder", "pm-titles", "--no-save", "--brief"))
    assert "PMP, lapsed in 2022-05 → held" in brief
    md = run(invoke, path, "plan", "--ladder", "pm-titles", "--format", "markdown")
    assert "PMP lapsed in 2022-05, too long ago to renew; earn it again, exam and all" in flat(md)


def test_chinese_says_it_is_earned_again(invoke, tmp_path):
    words = flat(run(invoke, write(tmp_path, LARRY), "assess", "--ladder", "pmo-sequence", "--no-save", "--lang", "zh")).replace(" ", "")
    assert "已失效的证书" in words and "超出了发证机构允许续证的期限" in words


def test_without_a_grace_period_it_is_renewed_however_old(invoke, tmp_path):
    person = {**LARRY, "certifications": ["PRINCE2-Practitioner"],
              "certification_dates": {"PRINCE2-Practitioner": {"earned": "2012-04"}}}
    out = json.loads(run(invoke, write(tmp_path, person), "plan", "--ladder", "pm-titles", "--format", "json"))
    assert [(x["id"], x["renewable"]) for x in out["placement"]["lapsed"]] == [("PRINCE2-Practitioner", True)]
    assert "renew:PRINCE2-Practitioner" in {s["id"] for s in out["roadmap"]}


def test_the_last_day_of_the_grace_still_renews():
    certs = PMI_CERTS
    today = dt.date(2026, 12, 1)
    on_the_day = {"PMP": CertDates(renewed="2022-12-01")}  # lapsed 2025-12-01; the year ends today
    day_late = {"PMP": CertDates(renewed="2022-11-30")}
    assert standing(("PMP",), on_the_day, certs, today)[0][0].renewable is True
    assert standing(("PMP",), day_late, certs, today)[0][0].renewable is False


@settings(max_examples=300, derandomize=True, deadline=None)
@given(renewed=st.dates(dt.date(2000, 1, 1), dt.date(2026, 12, 31)), after=st.integers(-400, 2500))
def test_renewable_exactly_within_the_issuers_year(renewed, after):
    """Any renewal day, and a today from a year before the lapse to over three years after it (most near the year's end)."""
    dates = {"PMP": CertDates(renewed=renewed.isoformat())}
    end = lapses_on(PMI_CERTS["PMP"], dates["PMP"])
    if after > 2350:  # the last days of the year and the first days after it
        today = add_years(end, 1) + dt.timedelta(days=after % 7 - 3)
    else:  # a third of them within two months of the year's end
        today = end + dt.timedelta(days=after if after <= 800 else 300 + after % 130)
    lapsed, _due = standing(("PMP",), dates, PMI_CERTS, today)
    assert bool(lapsed) == (end < today)
    if lapsed:
        assert lapsed[0].renewable == (today <= add_years(end, PMI_CERTS["PMP"].grace_months / 12))
