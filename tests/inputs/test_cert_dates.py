"""Certificate dates in a profile and validity in a ladder (issue 20, certificate validity).

`certification_dates` is checked like every other profile key: each mistake is a problem at
its line and column (exit 65); a saved profile keeps the dates as written. A ladder's own
certification may say how long it stays current (`validity`); a ladder that declares a
language needs the renewal text in it too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "tests" / "good_ladders"
TODAY = "2026-12-01"

HEAD = "schema_version: 1\ncertifications: [PMP, CAPM]\ncertification_dates:\n"


def problems(invoke, tmp_path, text: str) -> list[str]:
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("assess", "--profile", path, "--ladder", "pm-titles", "--today", TODAY, "--format", "json")
    assert result.exit_code == 65, result.stdout
    assert result.stdout == ""
    return [line.replace(str(path), "FILE") for line in result.stderr.splitlines() if line.startswith(str(path))]


@pytest.mark.parametrize(("body", "expected"), [
    ("  PMP: {earned: 2099-05}\n", "FILE:4:17: certification_dates.PMP.earned: 2099-05 is in the future"),
    ("  PMP: {earned: 2022-05-01, renewed: 2021}\n",
     "FILE:4:38: certification_dates.PMP.renewed: 2021 is before it was earned (2022-05-01)"),
    ("  PMP: {earned: 2022-13}\n", "FILE:4:17: certification_dates.PMP.earned: should be a date as YYYY-MM-DD, YYYY-MM or YYYY"),
    ("  PMP: {earned: May 2022}\n", "FILE:4:17: certification_dates.PMP.earned: should be a date as YYYY-MM-DD, YYYY-MM or YYYY"),
    ("  PMP: {earned: 1960}\n", "FILE:4:17: certification_dates.PMP.earned: 1960 is before 1970-01-01"),
    ("  PMP: {passed: 2022}\n", "FILE:4:9: certification_dates.PMP: unknown key 'passed'; a certificate's dates are earned and renewed"),
    ("  PMP: 2022-05-01\n", "FILE:4:8: certification_dates.PMP: should be a mapping with earned and renewed dates"),
    ("  IPMA-C: {earned: 2022}\n",
     "FILE:4:3: certification_dates.IPMA-C: IPMA-C is not in your certifications list; add it there, or remove its dates"),
    ("  PMPP: {earned: 2022}\n", "FILE:4:3: unknown certification 'PMPP' (did you mean 'PMP'?)"),
])
def test_a_bad_date_is_a_positioned_problem(invoke, tmp_path, body, expected):
    found = problems(invoke, tmp_path, HEAD + body)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_every_bad_date_is_reported_at_once(invoke, tmp_path):
    found = problems(invoke, tmp_path, HEAD + "  PMP: {earned: 2099}\n  CAPM: {earned: 2024, renewed: 2023-02}\n")
    assert [f.split(": ")[0] for f in found] == ["FILE:4:17", "FILE:5:33"]


def test_dates_without_an_answered_certification_list_are_a_problem(invoke, tmp_path):
    found = problems(invoke, tmp_path, "schema_version: 1\ncertification_dates:\n  PMP: {earned: 2022}\n")
    assert found == ["FILE:3:3: certification_dates.PMP: PMP is not in your certifications list; add it there, or remove its dates"]


@pytest.mark.parametrize("when", ["2024-05-17", "2024-05", "2024", "'2024-05-17'", "'2024'"])
def test_a_date_as_a_day_a_month_or_a_year_is_read(invoke, tmp_path, when):
    path = tmp_path / "me.yaml"
    path.write_text(HEAD + f"  PMP: {{earned: 2019-01, renewed: {when}}}\n", encoding="utf-8")
    result = invoke("plan", "--profile", path, "--ladder", "pmi-path", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["placement"]["lapsed"] == []  # renewed in 2024: current


def test_the_questionnaire_saves_dates_as_written(tmp_path):
    """A profile saved and read back keeps its dates (the writer and the checker agree)."""
    from assess_support import to_profile
    from pmladder.inputs.profiles import dump_profile

    profile = to_profile(yaml.safe_load(HEAD + "  PMP: {earned: 2019-05, renewed: 2024-06-15}\n  CAPM: {earned: 2021}\n"))
    text = dump_profile(profile)
    data = yaml.safe_load(text)
    assert data["certification_dates"] == {"PMP": {"earned": "2019-05", "renewed": "2024-06-15"}, "CAPM": {"earned": "2021"}}
    assert to_profile(data) == profile
    assert "certification_dates" not in dump_profile(profile.replace(certification_dates={}))


def test_the_profile_schema_describes_the_dates(ladders_dir):
    schema = json.loads((ladders_dir / "profile.schema.json").read_text(encoding="utf-8"))
    dates = schema["properties"]["certification_dates"]
    parts = dates["additionalProperties"]["properties"]
    assert set(parts) == {"earned", "renewed"}
    assert re.match(parts["earned"]["pattern"], "2024-05") and not re.match(parts["earned"]["pattern"], "May 2024")


OWN_CERT = """
certifications:
  ACME-PM:
    name: Acme project lead programme
    issuer: Acme
    source: Acme handbook
    as_of: "2026-01-01"
    prep_months: 3
    validity: {years: 2, cpd_hours: 20, renewal: Attend the yearly refresher twice.}
"""


def _ladder(tmp_path: Path, name: str, extra: str, *, cert: str = "ACME-PM") -> Path:
    text = (GOOD / name).read_text(encoding="utf-8").replace("all_of: [CAPM]", f"all_of: [{cert}]")
    text = text.replace("schema_version: 1\n", "schema_version: 2\n")  # format 2: a declared language must be complete
    folder = tmp_path / "ladders"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_a_ladders_own_certificate_can_lapse(invoke, tmp_path):
    path = _ladder(tmp_path, "minimal.yaml", OWN_CERT)
    assert invoke("validate", path).exit_code == 0
    me = tmp_path / "me.yaml"
    me.write_text("schema_version: 1\nfacts: {years_experience: 4}\ncompetencies: {communication: 3}\n"
                  "certifications: [ACME-PM]\ncertification_dates:\n  ACME-PM: {earned: 2023-06}\n", encoding="utf-8")
    result = invoke("plan", "--profile", me, "--ladder", "tiny", "--ladders-dir", path.parent, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["placement"]["lapsed"][0] == {"id": "ACME-PM", "lapsed_on": "2025-06-30", "renewable": True, "cpd_hours": 20,
                                              "renewal": "Attend the yearly refresher twice.",
                                              "text": "ACME-PM: lapsed in 2025-06; to renew: Attend the yearly refresher twice."}
    # a job ladder: a certificate is a credential, so the title stands and the lapse is what would confirm it
    assert data["placement"]["best_fit"]["id"] == "project-manager"
    assert [c["text"] for c in data["placement"]["to_hold"]] == ["ACME-PM: lapsed in 2025-06; renew it"]
    assert "renew:ACME-PM" in [s["id"] for s in data["roadmap"]]


def test_a_ladders_own_grace_period_decides_renew_or_earn_again(invoke, tmp_path):
    """Lapsed 2025-06: a grace of 6 months has ended by 2026-12, one of 24 has not."""
    me = tmp_path / "me.yaml"
    me.write_text("schema_version: 1\nfacts: {years_experience: 4}\ncompetencies: {communication: 3}\n"
                  "certifications: [ACME-PM]\ncertification_dates:\n  ACME-PM: {earned: 2023-06}\n", encoding="utf-8")
    seen = {}
    for months in (6, 24):
        path = _ladder(tmp_path, "minimal.yaml", OWN_CERT.replace("renewal: Attend", f"grace_months: {months}, renewal: Attend"))
        result = invoke("plan", "--profile", me, "--ladder", "tiny", "--ladders-dir", path.parent, "--today", TODAY, "--format", "json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        seen[months] = (data["placement"]["lapsed"][0]["renewable"], {s["id"] for s in data["roadmap"]} & {"renew:ACME-PM", "cert:ACME-PM"})
    assert seen == {6: (False, {"cert:ACME-PM"}), 24: (True, {"renew:ACME-PM"})}


@pytest.mark.parametrize(("validity", "where"), [
    ("{years: 0, renewal: Again.}", "validity.years"),
    ("{years: 3}", "validity.renewal"),
    ("{years: 3, renewal: Again., every: 2}", "unknown key 'every' in certifications.ACME-PM.validity"),
    ("{years: 3, renewal: Again., grace_months: -1}", "validity.grace_months"),
    ("{years: 3, renewal: Again., grace_months: 121}", "validity.grace_months"),
    ("{years: 3, renewal: Again., grace_months: 1.5}", "validity.grace_months"),
    ("{years: 3, renewal: Again., grace_months: twelve}", "validity.grace_months"),
])
def test_a_bad_validity_is_a_problem(invoke, tmp_path, validity, where):
    path = _ladder(tmp_path, "minimal.yaml", OWN_CERT.replace("{years: 2, cpd_hours: 20, renewal: Attend the yearly refresher twice.}", validity))
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert where in result.stderr and re.search(r"minimal\.yaml:\d+:\d+: ", result.stderr)


def test_a_declared_language_needs_the_renewal_text(invoke, tmp_path):
    own = OWN_CERT + "    translations:\n      zh: {name: Acme项目负责人计划, issuer: Acme}\n"
    path = _ladder(tmp_path, "minimal-zh.yaml", own)
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert "certifications.ACME-PM.translations.zh.renewal: missing 'zh' text" in result.stderr
    fixed = own.replace("issuer: Acme}", "issuer: Acme, renewal: 两次参加年度复训。}")
    path.write_text(path.read_text(encoding="utf-8").replace(own, fixed), encoding="utf-8")
    assert invoke("validate", path).exit_code == 0, invoke("validate", path).stderr
