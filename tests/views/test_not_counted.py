"""A certificate held that the ladder never asks for is said, not silently dropped.

An agile lead's CSM and PSM-I count for no title of the built-in ladders; the report, the Markdown
plan and the JSON name them. A certificate the ladder asks for, or one that proves a fact the ladder
asks about, is not listed.
"""

from __future__ import annotations

import json

import pytest
from assess_support import profile_output, write_profile

TODAY = "2026-12-01"
SAM = {"schema_version": 1, "name": "Sam", "education": "bachelor",
       "facts": {"years_experience": 6, "years_managing": 4, "pm_training_hours": 40},
       "certifications": ["CSM", "PSM-I", "PMP"]}


def write(tmp_path, person: dict):
    return write_profile(tmp_path / "me.yaml", person)


def out(invoke, path, *args):
    return profile_output(invoke, path, *args, today=TODAY)


@pytest.mark.parametrize("ladder", ["pm-titles", "pmo-career", "pmi-path"])
def test_scrum_certificates_are_named_on_every_view(invoke, tmp_path, ladder):
    path = write(tmp_path, SAM)
    data = json.loads(out(invoke, path, "plan", "--ladder", ladder, "--format", "json"))
    assert data["not_counted"] == ["CSM", "PSM-I"]  # PMP is asked for on all three
    words = " ".join(out(invoke, path, "assess", "--ladder", ladder, "--no-save").replace("\u2502", " ").split())
    assert "Held, but not asked for on this ladder: CSM, PSM-I." in words
    md = out(invoke, path, "plan", "--ladder", ladder, "--format", "markdown")
    assert "Held, but not asked for on this ladder: CSM, PSM-I." in " ".join(md.split())


def test_a_certificate_the_ladder_counts_is_not_listed(invoke, tmp_path):
    path = write(tmp_path, {**SAM, "certifications": ["PMP", "PRINCE2-Practitioner"]})
    data = json.loads(out(invoke, path, "plan", "--ladder", "pm-titles", "--format", "json"))
    assert data["not_counted"] == []
    assert "not asked for" not in out(invoke, path, "assess", "--ladder", "pm-titles", "--no-save")
    on_pmi = json.loads(out(invoke, path, "plan", "--ladder", "pmi-path", "--format", "json"))
    assert on_pmi["not_counted"] == ["PRINCE2-Practitioner"]


def test_in_chinese(invoke, tmp_path):
    words = "".join(out(invoke, write(tmp_path, SAM), "assess", "--ladder", "pmo-sequence", "--no-save", "--lang", "zh").split())
    assert "已持有，但本职级序列不要求：CSM、PSM-I。" in words


def test_a_certificate_counts_through_what_it_proves(invoke, tmp_path):
    """CAPM proves 23 hours of training: pmo-sequence asks for the hours (not for CAPM), so CAPM counts there;
    ipma-levels asks for neither, so it is listed."""
    path = write(tmp_path, {"schema_version": 1, "certifications": ["CAPM"]})
    assert json.loads(out(invoke, path, "plan", "--ladder", "pmo-sequence", "--format", "json"))["not_counted"] == []
    assert json.loads(out(invoke, path, "plan", "--ladder", "ipma-levels", "--format", "json"))["not_counted"] == ["CAPM"]
