"""Helpers for the `pmladder assess` tests.

The expectations here are derived from the shipped ladder files themselves, read with plain
`yaml.safe_load` (PyYAML's safe loader; libyaml's, the same reading eight times quicker, where PyYAML has it) and checked by a few lines of independent code (not pmladder's own
`assess.evaluate`), so a placement bug in pmladder cannot hide behind the same bug here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LADDERS_DIR = REPO / "ladders"

# The documented order of education: none | secondary | bachelor | master | doctorate.
EDUCATION = ("none", "secondary", "bachelor", "master", "doctorate")


SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the safe loader in C, where PyYAML was built with libyaml
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SAFE)


def raw_ladders() -> dict[str, dict]:
    """Every shipped ladder file (ladders/*.yaml except the catalog), by id, as plain data."""
    out = {}
    for path in sorted(LADDERS_DIR.glob("*.yaml")):
        if path.name == "catalog.yaml":
            continue
        data = _read(path)
        out[data["id"]] = data
    return out


def raw_catalog() -> dict:
    return _read(LADDERS_DIR / "catalog.yaml")


RAW = raw_ladders()
CATALOG_RAW = raw_catalog()
LADDER_IDS = tuple(RAW)


def levels(ladder_id: str) -> list[dict]:
    return RAW[ladder_id]["levels"]


def level_ids(ladder_id: str) -> list[str]:
    return [lv["id"] for lv in levels(ladder_id)]


def level(ladder_id: str, level_id: str) -> dict:
    return next(lv for lv in levels(ladder_id) if lv["id"] == level_id)


def requires(lv: dict) -> dict:
    return block(lv.get("requires") or {})


def block(raw: dict) -> dict:
    """A requirement block with every key present; `{min, within}` facts read as their minimum
    (without `last_year`, years within a window count as years up to the window's length)."""
    req = dict(raw)
    certs = req.get("certifications") or {}
    req["certifications"] = {"all_of": list(certs.get("all_of") or []), "any_of": list(certs.get("any_of") or [])}
    req["facts"] = {k: (v["min"] if isinstance(v, dict) else v) for k, v in (req.get("facts") or {}).items()}
    req.setdefault("competencies", {})
    req.setdefault("education", None)
    req["any_competencies"] = list(req.get("any_competencies") or [])
    req["one_of"] = [block(alt) for alt in req.get("one_of") or []]
    return req


# --- the oracle: the all-or-nothing rule of the first release, written independently -------
# (best-fit placement must place anyone at least as high as this rule does)


def checks(req: dict, person: dict) -> list[bool]:
    """One bool per separate requirement (education, each fact, each all_of cert, the any_of
    group as one, each competency): the same units the report's `met / total` counts."""
    facts = person.get("facts") or {}
    comps = person.get("competencies") or {}
    held = set(person.get("certifications") or [])
    out = []
    if req["education"] is not None:
        have = person.get("education") or "none"
        out.append(EDUCATION.index(have) >= EDUCATION.index(req["education"]))
    for key, need in req["facts"].items():
        out.append(facts.get(key, 0) >= need)
    for cert in req["certifications"]["all_of"]:
        out.append(cert in held)
    if req["certifications"]["any_of"]:
        out.append(bool(held & set(req["certifications"]["any_of"])))
    for key, need in req["competencies"].items():
        out.append(comps.get(key, 0) >= need)
    for group in req["any_competencies"]:
        out.append(sum(comps.get(k, 0) >= group["rating"] for k in group["of"]) >= group["n"])
    if req["one_of"]:
        out.append(any(all(checks(alt, person)) for alt in req["one_of"]))
    return out


def meets(lv: dict, person: dict) -> bool:
    return all(checks(requires(lv), person))


def expected_placement(ladder_id: str, person: dict) -> str | None:
    """The first release's rule: the highest fully met level in ladder order, or None."""
    met = [lv["id"] for lv in levels(ladder_id) if meets(lv, person)]
    return met[-1] if met else None


def index_of(ladder_id: str, level_id: str | None) -> int:
    return -1 if level_id is None else level_ids(ladder_id).index(level_id)



def above(ladder_id: str, level_id: str) -> set[str]:
    """The levels reached from `level_id` through `next` links (not itself)."""
    nxt = {lv["id"]: lv.get("next") or [] for lv in levels(ladder_id)}
    seen: set[str] = set()
    todo = list(nxt[level_id])
    while todo:
        j = todo.pop()
        if j not in seen:
            seen.add(j)
            todo += nxt[j]
    return seen


def below(ladder_id: str, low: str | None, high: str | None) -> bool:
    """Is `low` strictly below `high`: no level under a level, or a level from which `high` is reached.
    Levels on two branches are neither below nor above each other."""
    return high is not None and low != high and (low is None or high in above(ladder_id, low))


def lowered(ladder_id: str, was: tuple, now: tuple) -> str | None:
    """What went down from `was` to `now`, both (best fit, fully meets) level ids, or None.

    The best fit never goes below where it was. "Fully meets" is the highest level met in full on
    the way to the best fit, so when the best fit moves over to another branch it is counted on
    the new branch: then it must not go below the highest level under both the old "fully meets"
    and the new best fit (the branch point, when that is met in full)."""
    (b0, f0), (b1, f1) = was, now
    if below(ladder_id, b1, b0):
        return f"best fit {b0} -> {b1}"
    floor = f0
    if f0 is not None and b1 is not None and f0 != b1 and not below(ladder_id, f0, b1):  # another branch now
        under = [lv for lv in level_ids(ladder_id) if (lv == f0 or below(ladder_id, lv, f0)) and below(ladder_id, lv, b1)]
        floor = under[-1] if under else None
    if below(ladder_id, f1, floor):
        return f"fully meets {f0} -> {f1}"
    return None


# --- persona builders ------------------------------------------------------------------------


def exactly(ladder_id: str, level_id: str, **extra) -> dict:
    """A profile that meets `level_id`'s requirements exactly (every minimum, nothing more)."""
    req = requires(level(ladder_id, level_id))
    person: dict = {"schema_version": 1, "facts": {}, "certifications": [], "competencies": {}}
    for part in [req] + req["one_of"][:1]:  # a one-of is met through its first alternative
        if part["education"] is not None and EDUCATION.index(part["education"]) > EDUCATION.index(person.get("education", "none")):
            person["education"] = part["education"]
        for key, need in part["facts"].items():
            person["facts"][key] = max(person["facts"].get(key, 0), need)
        certs = list(part["certifications"]["all_of"]) + part["certifications"]["any_of"][:1]
        person["certifications"] += [c for c in certs if c not in person["certifications"]]
        for key, need in part["competencies"].items():
            person["competencies"][key] = max(person["competencies"].get(key, 0), need)
        for group in part["any_competencies"]:  # the first n of the list, at the rating
            for key in group["of"][: group["n"]]:
                person["competencies"][key] = max(person["competencies"].get(key, 0), group["rating"])
    person.update(extra)
    return person


def just_short(ladder_id: str, level_id: str) -> list[tuple[tuple[str, str], dict]]:
    """Copies of exactly(level) with one requirement lowered just below its minimum, one copy
    per requirement that can be lowered: ((kind, key) of what was lowered, profile). A one-of
    certification group's key is its options joined by `|`, as the JSON gaps write it."""
    base = exactly(ladder_id, level_id)
    req = requires(level(ladder_id, level_id))
    out = []
    if req["education"] not in (None, "none"):
        p = _copy(base)
        p["education"] = EDUCATION[EDUCATION.index(req["education"]) - 1]
        out.append((("education", "education"), p))
    for key, need in req["facts"].items():
        if need > 0:
            p = _copy(base)
            p["facts"][key] = max(0, need - 1) if need >= 1 else 0
            out.append((("fact", key), p))
    for cert in req["certifications"]["all_of"]:
        p = _copy(base)
        p["certifications"].remove(cert)
        out.append((("certification", cert), p))
    if req["certifications"]["any_of"]:
        p = _copy(base)
        p["certifications"] = [c for c in p["certifications"] if c not in req["certifications"]["any_of"]]
        out.append((("certification", "|".join(req["certifications"]["any_of"])), p))
    for key, need in req["competencies"].items():
        if need > 0:
            p = _copy(base)
            p["competencies"][key] = need - 1
            out.append((("competency", key), p))
    return out


def top_of_everything() -> dict:
    """A profile meeting every requirement of every level of every shipped ladder: the most
    asked for each fact and rating, the highest education asked, and one certification that
    is in every one-of group (plus every all-of certification)."""
    facts: dict = {}
    comps: dict = {}
    all_of: list = []
    any_groups: list[set] = []
    edu = "none"
    for ladder_id in LADDER_IDS:
        for lv in levels(ladder_id):
            req = requires(lv)
            if req["education"] and EDUCATION.index(req["education"]) > EDUCATION.index(edu):
                edu = req["education"]
            for k, v in req["facts"].items():
                facts[k] = max(facts.get(k, 0), v)
            for k, v in req["competencies"].items():
                comps[k] = max(comps.get(k, 0), v)
            all_of += [c for c in req["certifications"]["all_of"] if c not in all_of]
            if req["certifications"]["any_of"]:
                any_groups.append(set(req["certifications"]["any_of"]))
    certs = list(all_of)
    for group in any_groups:
        if not group & set(certs):
            common = sorted(set.intersection(*any_groups)) if any_groups else []
            certs.append(common[0] if common else sorted(group)[0])
    return {"schema_version": 1, "education": edu, "facts": facts, "certifications": certs, "competencies": comps}


def _copy(p: dict) -> dict:
    return {
        **p,
        "facts": dict(p.get("facts") or {}),
        "certifications": list(p.get("certifications") or []),
        "competencies": dict(p.get("competencies") or {}),
    }


def profile_output(invoke, path, *args, today: str) -> str:
    """`pmladder ARGS --profile PATH --today TODAY`, which must succeed: its standard output."""
    result = invoke(*args, "--profile", path, "--today", today)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def write_profile(path: Path, person: dict) -> Path:
    path.write_text(yaml.dump(person, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def to_profile(person: dict):
    """The runtime Profile for a profile dict, through the same checker a profile file goes through."""
    from pmladder.inputs.profiles import check
    from pmladder.inputs.yamlsafe import Document

    return check(Document("<test>", person), _vocab())


_VOCAB = None


def _vocab():
    global _VOCAB
    if _VOCAB is None:
        from pmladder.inputs.loader import load_library

        _VOCAB = load_library(environ={"PMLADDER_NO_CACHE": "1"}).vocabulary()
    return _VOCAB
