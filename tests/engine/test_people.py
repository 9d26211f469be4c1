"""The hiring manager's people (tests/people.py) stay usable until the placement issue judges
the engine against them: every profile loads, every expectation names a real level in order,
and the two organisation ladders validate.

This checks the data, not the placement: the expectations were written before the rules were
tuned, and the placement issue's tests compare the engine with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from people import BUILTIN_LADDERS, ORG_LADDERS, ORG_PEOPLE, PEOPLE
from pmladder.inputs.loader import load_library

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load's loader, in C where PyYAML has libyaml
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

ORG_DIR = Path(__file__).resolve().parents[1] / "org_ladders"
LIB = load_library()


def level_ids(ladder: str) -> list[str]:
    if ladder in ORG_LADDERS:
        return [lv["id"] for lv in yaml.load((ORG_DIR / f"{ladder}.yaml").read_text(encoding="utf-8"), Loader=SAFE)["levels"]]
    return [lv.id for lv in LIB.get(ladder).ladder.levels]


def test_there_are_at_least_forty_people_and_six_on_each_organisation_ladder():
    assert len(PEOPLE) >= 40
    for ladder in ORG_LADDERS:
        assert sum(1 for p in ORG_PEOPLE if ladder in p["expect"]) >= 6
    keys = [p["key"] for p in PEOPLE + ORG_PEOPLE]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("person", PEOPLE + ORG_PEOPLE, ids=lambda p: p["key"])
def test_every_expectation_names_real_levels(person):
    ladders = BUILTIN_LADDERS if person in PEOPLE else tuple(person["expect"])
    assert set(person["expect"]) >= set(ladders)
    for ladder in ladders:
        e = person["expect"][ladder]
        ids = level_ids(ladder)
        for field in ("first", "low", "high"):
            assert e[field] is None or e[field] in ids, f"{ladder}: {field} {e[field]!r} is no level"
        assert all(a in ids for a in e["also"]), f"{ladder}: also {e['also']}"
        assert e["why"].strip(), f"{ladder}: no reason given"


@pytest.mark.parametrize("ladder", ORG_LADDERS)
def test_the_organisation_ladders_validate(ladder, invoke):
    result = invoke("validate", ORG_DIR / f"{ladder}.yaml")
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p["key"])
def test_every_profile_loads(person, invoke, tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.dump(person["profile"], Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = invoke("assess", "--ladder", "pm-titles", "--profile", path, "--format", "json", "--today", "2026-12-01")
    assert result.exit_code == 0, result.stdout + result.stderr
