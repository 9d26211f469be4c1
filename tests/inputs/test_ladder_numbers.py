"""The built-in ladders' numbers agree with their order (issue 19): a higher title never asks less.

The ladder files are read with plain `yaml.safe_load`, never through pmladder, so these rules
do not share the engine's code (`engine/implications.py` checks the `next` edges its own way).

* On a path (follow `next`, any number of steps): every way of meeting the upper level (its
  `one_of` route, with the facts asked outside `one_of`) meets, fact for fact and in education,
  one way of meeting the lower level. A fact counted within a window is met by the same or a
  larger number of years in the same or a shorter window.
* Across branches, by tier (tiers are listed from the bottom): a level in a higher tier asks
  at least as much of every fact that both levels ask on every route as a level in a lower
  tier does. Ratings are not compared across branches: two branches are two kinds of job.
  Levels of one tier on different branches are peers (pmi-path's Program and Portfolio
  Manager) and are not compared.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EDUCATION = ("none", "secondary", "bachelor", "master", "doctorate")
SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load's loader, in C where PyYAML has libyaml


def _shipped() -> dict[str, dict]:
    out = {}
    for path in sorted((REPO / "ladders").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE)
        if isinstance(data, dict) and "levels" in data:
            out[data["id"]] = data
    return out


SHIPPED = _shipped()
CATALOG = yaml.load((REPO / "ladders" / "catalog.yaml").read_text(encoding="utf-8"), Loader=SAFE)


def _fact(value) -> tuple[float, float | None]:
    """(min, within) of a fact requirement; within is None for years counted in total."""
    if isinstance(value, dict):
        return float(value["min"]), (None if value.get("within") is None else float(value["within"]))
    return float(value), None


def implied(cert: str, certs: dict) -> tuple[int, dict[str, float]]:
    """What holding `cert` proves (its `implies`, and what the certificates it stands for imply)."""
    imp = (certs.get(cert) or {}).get("implies") or {}
    edu = EDUCATION.index(imp.get("education") or "none")
    facts = {key: float(v) for key, v in (imp.get("facts") or {}).items()}
    for other in imp.get("certifications") or []:
        more_edu, more = implied(other, certs)
        edu = max(edu, more_edu)
        for key, v in more.items():
            facts[key] = max(facts.get(key, 0.0), v)
    return edu, facts


def block(req: dict, certs: dict) -> tuple[int, dict]:
    """A requirement block as (education rank, {fact: [(min, within), ...]}), with what its certificates imply.

    Every one of `all_of` is held; of `any_of`, only what all the options imply is sure."""
    edu = EDUCATION.index(req.get("education") or "none")
    facts = {key: [_fact(v)] for key, v in (req.get("facts") or {}).items()}
    sure = [implied(c, certs) for c in (req.get("certifications") or {}).get("all_of") or []]
    options = [implied(c, certs) for c in (req.get("certifications") or {}).get("any_of") or []]
    if options:
        common = set.intersection(*(set(f) for _, f in options))
        sure.append((min(e for e, _ in options), {key: min(f[key] for _, f in options) for key in common}))
    for cert_edu, cert_facts in sure:
        edu = max(edu, cert_edu)
        for key, v in cert_facts.items():
            facts.setdefault(key, []).append((v, None))
    return edu, facts


def routes(level: dict, ladder: dict) -> list[tuple[int, dict]]:
    """Each way of meeting the level: (education rank, {fact: [(min, within), ...]})."""
    certs = {**CATALOG["certifications"], **(ladder.get("certifications") or {})}
    req = level.get("requires") or {}
    base_edu, base = block(req, certs)
    out = []
    for alt in req.get("one_of") or [{}]:
        alt_edu, alt_facts = block(alt, certs)
        facts = {key: list(pairs) for key, pairs in base.items()}
        for key, pairs in alt_facts.items():
            facts.setdefault(key, []).extend(pairs)
        out.append((max(base_edu, alt_edu), facts))
    return out


def meets(have: list[tuple[float, float | None]], need: tuple[float, float | None]) -> bool:
    """Do the stated minimums `have` guarantee `need`? v years within W guarantee v - (W - w) within w."""
    value, within = need
    for v, w in have:
        if within is None and v >= value:
            return True
        if within is not None and w is not None and v - max(0.0, w - within) >= value:
            return True
    return False


def route_meets(upper: tuple[int, dict], lower: tuple[int, dict]) -> list[str]:
    """What of the lower route the upper route does not guarantee (empty when it does)."""
    edu, facts = upper
    lower_edu, lower_facts = lower
    out = [] if edu >= lower_edu else [f"education {EDUCATION[edu]} < {EDUCATION[lower_edu]}"]
    for key, needs in lower_facts.items():
        for need in needs:
            if not meets(facts.get(key, []), need):
                out.append(f"{key} {facts.get(key)} < {need}")
    return out


def above(ladder: dict) -> list[tuple[str, str]]:
    """Every (lower, upper) pair where upper is reached from lower by following `next`."""
    edges = {lv["id"]: list(lv.get("next") or []) for lv in ladder["levels"]}

    def reached(node: str) -> set[str]:
        return set(edges[node]).union(*(reached(up) for up in edges[node]))

    return [(start, up) for start in edges for up in sorted(reached(start))]


def path_problems(ladder: dict) -> list[str]:
    levels = {lv["id"]: lv for lv in ladder["levels"]}
    out = []
    for low, up in above(ladder):
        lower_routes = routes(levels[low], ladder)
        for i, route in enumerate(routes(levels[up], ladder)):
            misses = [route_meets(route, lower) for lower in lower_routes]
            if all(misses):
                out.append(f"{ladder['id']}: {up} (route {i + 1}) asks less than {low} below it: {min(misses, key=len)}")
    return out


def least(level: dict, ladder: dict) -> dict[str, tuple[float, float | None]]:
    """The facts asked on every route, each at the least any route asks (the weakest requirement)."""
    rs = routes(level, ladder)
    keys = set.intersection(*(set(facts) for _, facts in rs))
    out = {}
    for key in keys:
        # per route the strongest line (most years, then the longest window), then the weakest route
        strongest = [max(facts[key], key=lambda p: (p[0], -(p[1] or 0))) for _, facts in rs]
        out[key] = min(strongest, key=lambda p: p[0])
    return out


def tier_problems(ladder: dict) -> list[str]:
    order = list(ladder["tiers"])
    on_path = set(above(ladder))
    out = []
    for a, b in itertools.permutations(ladder["levels"], 2):
        if order.index(a["tier"]) >= order.index(b["tier"]) or (a["id"], b["id"]) in on_path:
            continue  # b is not in a higher tier, or the path check already covers the pair
        low, high = least(a, ladder), least(b, ladder)
        for key in sorted(set(low) & set(high)):
            if not meets([high[key]], low[key]):
                out.append(f"{ladder['id']}: {b['id']} ({b['tier']}) asks {key} {high[key]}, "
                           f"less than {a['id']} ({a['tier']}) with {low[key]}")
    return out


@pytest.mark.parametrize("ladder_id", sorted(SHIPPED))
def test_facts_never_fall_along_next(ladder_id):
    assert path_problems(SHIPPED[ladder_id]) == []


@pytest.mark.parametrize("ladder_id", sorted(SHIPPED))
def test_a_higher_tier_never_asks_less_of_a_fact(ladder_id):
    assert tier_problems(SHIPPED[ladder_id]) == []


def test_every_shipped_ladder_is_checked():
    assert set(SHIPPED) == {"pm-titles", "pmo-sequence", "pmo-career", "ipma-levels", "pmi-path"}


# --- the checks themselves find what they are for ------------------------------------------------


def _two_branches(pmo_manager_facts: dict) -> dict:
    return {
        "id": "t", "tiers": {"entry": {}, "mid": {}, "senior": {}},
        "levels": [
            {"id": "pm", "tier": "entry", "requires": {"facts": {"years_managing": 2}}, "next": ["program", "pmo"]},
            {"id": "program", "tier": "mid", "requires": {"facts": {"years_managing": 4, "team_size": 15}}, "next": []},
            {"id": "pmo", "tier": "senior", "requires": {"facts": pmo_manager_facts}, "next": []},
        ],
    }


def test_the_tier_check_finds_a_senior_level_asking_less_than_a_mid_one():
    """The shape pmo-career had: PMO Manager (senior) asked fewer years and a smaller team than Program Manager (mid)."""
    found = tier_problems(_two_branches({"years_managing": 3, "team_size": 8}))
    assert len(found) == 2 and "team_size" in found[0] and "years_managing" in found[1]
    assert tier_problems(_two_branches({"years_managing": 4, "team_size": 15, "years_pmo": 2})) == []


def test_the_path_check_follows_next_over_several_steps_and_windows():
    ladder = {
        "id": "t", "tiers": {"a": {}},
        "levels": [
            {"id": "one", "tier": "a", "requires": {"facts": {"years_managing": {"min": 3, "within": 6}}}, "next": ["two"]},
            {"id": "two", "tier": "a", "requires": {"facts": {"years_managing": {"min": 5, "within": 8}}}, "next": ["three"]},
            {"id": "three", "tier": "a", "requires": {"facts": {"years_managing": {"min": 5, "within": 12}}}, "next": []},
        ],
    }
    found = path_problems(ladder)
    # 5 within 12 guarantees only 1 within 8 and nothing within 6: three falls below both one and two
    assert len(found) == 2 and all(p.startswith("t: three") for p in found)


def test_the_path_check_matches_routes_by_education():
    """A secondary-diploma route above must meet a secondary route below, not only the degree route."""
    def level(lid, degree, diploma, nxt):
        return {"id": lid, "tier": "a", "next": nxt, "requires": {"one_of": [
            {"education": "bachelor", "facts": {"years_managing": degree}},
            {"education": "secondary", "facts": {"years_managing": diploma}}]}}

    ladder = {"id": "t", "tiers": {"a": {}}, "levels": [level("pm", 3, 5, ["pgm"]), level("pgm", 4, 4, [])]}
    assert len(path_problems(ladder)) == 1
    ladder["levels"][1] = level("pgm", 4, 5, [])
    assert path_problems(ladder) == []
