"""A small organisation for the team tests: the personas with a current title (named every way a
person might: id, title in odd capitals, number, a Chinese title, one that is on no ladder),
a department and a manager (one of them hostile text), and two people whose names must never
be broken across lines."""

from __future__ import annotations

from pathlib import Path

import yaml

from personas import PERSONAS

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

DEPARTMENTS = ("Delivery", "PMO", "Delivery", "Transformation")
MANAGERS = ("Ann Lee", "Liam O'Brien", "李娜", "Evil\x1b[31m <b>Boss</b> | x")
# how the current title is given, on pmo-career: every form the reader accepts, and one it does not
TITLES = ("project-manager", "PROJECT MANAGER", "3", "program manager", "Progam Manager", None, "pmo-manager", "1", "Director of PMO")
RENAME = {0: "Liam O'Brien", 1: "李娜"}  # names a careless wrap would break in two


def write_org(folder: Path) -> dict[str, Path]:
    """One profile file a persona, with current title, department and manager; key -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for i, p in enumerate(PERSONAS):
        data = dict(p.profile)
        if i in RENAME:
            data["name"] = RENAME[i]
        title = TITLES[i % len(TITLES)]
        if title is not None:
            data["current_title"] = title
        if i % 5 != 4:  # some leave the department out
            data["department"] = DEPARTMENTS[i % len(DEPARTMENTS)]
        data["manager"] = MANAGERS[i % len(MANAGERS)]
        path = folder / f"{p.key}.yaml"
        path.write_text(yaml.dump(data, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths[p.key] = path
    return paths


def plans(ladder_id: str, paths: dict[str, Path], day, target: str | None = None) -> dict[str, tuple]:
    """(profile, Plan) for each file, as `pmladder plan` makes it for that person alone."""
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.views.plan import make_plan

    lib = load_library()
    ladder = lib.get(ladder_id).ladder
    out = {}
    for path in paths.values():
        person = load_profile(path, lib.vocabulary())
        out[str(path)] = (person, make_plan(ladder, person, day, target=target, role_from=lib.catalog.role_ratings_from))
    return out
