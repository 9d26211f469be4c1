"""A generated organisation of 300 people, as an HR export gives it: departments, managers, current
titles in every form, reviews for half of them, readable odd cells and 20 cells nobody can read.

`write(folder)` writes the spreadsheet (`org.csv`) and, for each row, the profile file the row
means (`people/NNN.yaml`: the odd cells as read, the unreadable ones left out), so that a test can
compare the team report with each person's own plan. Seeded: the same organisation every run.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import NamedTuple

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load and safe_dump, in C where PyYAML has libyaml
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SIZE = 300
LADDER = "pmo-career"
DEPARTMENTS = ("Delivery", "PMO", "Transformation", "IT Projects", "Finance Change", "Operations",
               "R&D <b>labs</b> | x", "交付部", "Digital", "Infrastructure")
MANAGERS = tuple(f"Manager {chr(65 + i)}" for i in range(24)) + ("Liam O'Brien", "李娜")
LEVELS = ("project-coordinator", "junior-project-manager", "project-manager", "program-manager",
          "pmo-manager", "director-of-pmo", "chief-project-officer")
TITLE_FORMS = ("id", "title", "number", "caps", None)
CERTS = {0: ["CAPM"], 1: ["CAPM", "PRINCE2-Foundation"], 2: ["PMP"], 3: ["PMP", "PgMP"], 4: ["PMP"],
         5: ["PMP", "PgMP", "PfMP"], 6: ["PMP", "PfMP"]}
COMPS = ("organisation", "communication", "methods", "schedule", "scope", "risk", "stakeholders", "resources",
         "leadership", "data", "cost", "quality", "coaching", "strategy", "change", "governance")
FACTS = ("years_experience", "years_managing", "years_program", "years_pmo", "years_leading_managers",
         "team_size", "concurrent_projects", "pm_training_hours")
# cells a person writes that the reader understands: (written, what it means)
ODD = {"years_experience": [("{n} years", None), ("{n} yrs", None)], "pm_training_hours": [("{n} hours", None)]}
# 20 cells nobody can read: (row, column, value)
UNREADABLE = [
    (3, "years_experience", "lots"), (17, "team_size", "a dozen-ish"), (29, "risk", "high"),
    (41, "years_managing", "5-7"), (55, "leadership", "very good"), (62, "pm_training_hours", "some"),
    (78, "years_program", "ask HR"), (90, "communication", "3 or 4"), (104, "concurrent_projects", "many"),
    (118, "years_pmo", "since 2019"), (131, "scope", "excellent"), (147, "team_size", "twelve"),
    (150, "stakeholders", "9"), (166, "years_experience", "twenty"), (179, "education", "evening classes"),
    (193, "coaching", "lvl 3"), (208, "years_leading_managers", "x"), (222, "cost", "-3"),
    (257, "review:risk", "good"), (284, "strategy", "7/10"),
]


class Person(NamedTuple):
    row: int  # the spreadsheet's line number
    name: str
    department: str | None
    manager: str
    current_title: str | None
    profile: dict  # the profile the row means
    reviewed: bool


def _ladder():
    from pmladder.inputs.loader import load_library

    return load_library().get(LADDER).ladder


def _answers_for(level, rng: random.Random, facts: dict, comps: dict, certs: set, education: list) -> None:
    """What a person who holds `level` would answer: its requirements met, a few ratings a step off either way."""
    from pmladder.engine.types import Kind

    for atom in level.requires:
        if atom.kind == Kind.ALT:
            for alt in atom.need[:1]:
                _answers_for(level._replace(requires=alt), rng, facts, comps, certs, education)
        elif atom.kind == Kind.FACT:
            facts[atom.key] = max(facts.get(atom.key, 0), int(atom.need) + rng.choice((0, 0, 1, 2)))
        elif atom.kind == Kind.SKILL:
            comps[atom.key] = max(0, min(5, int(atom.need) + rng.choice((-1, 0, 0, 0, 0, 1))))
        elif atom.kind == Kind.CERT:
            certs.add(atom.key)
        elif atom.kind == Kind.CERTS:
            certs.update(list(getattr(atom.need, "ids", None) or atom.need)[:1] if not isinstance(atom.need, str) else [atom.need])
        elif atom.kind == Kind.EDUCATION:
            education.append(atom.need)


SCHOOLING = ("none", "secondary", "bachelor", "master", "doctorate")


def _education(rng: random.Random, needed: list) -> str:
    """A degree as people have them, at least what their level asks."""
    least = max((SCHOOLING.index(n) for n in needed if n in SCHOOLING), default=0)
    return SCHOOLING[max(least, SCHOOLING.index(rng.choice(("secondary", "bachelor", "bachelor", "master"))))]


def people() -> list[Person]:
    rng = random.Random(300)
    lad = _ladder()
    out = []
    for i in range(SIZE):
        seniority = min(6, int(rng.triangular(0, 7, 1.5)))
        facts = {f: 0 for f in FACTS}
        facts["years_experience"] = seniority * 2 + rng.randint(0, 3)
        comps = {c: max(0, min(5, seniority // 2 + rng.randint(0, 1))) for c in COMPS}
        certs: set = set()
        education: list = []
        _answers_for(lad.level(LEVELS[seniority]), rng, facts, comps, certs, education)
        if rng.random() < 0.3:
            certs.update(CERTS[seniority][:1])
        profile = {"schema_version": 1, "name": f"Person {i:03d} " + rng.choice(("Ng", "Okafor", "Silva", "Kowalski", "Haddad")),
                   "education": _education(rng, education),
                   "certifications": sorted(certs), "facts": facts, "competencies": comps}
        if i in (0, 1):
            profile["name"] = MANAGERS[-2 + i]  # names a careless wrap would break in two
        department = DEPARTMENTS[i % len(DEPARTMENTS)] if i % 23 != 5 else None  # a few without a department
        manager = MANAGERS[(i * 7) % len(MANAGERS)]
        held = max(0, min(len(LEVELS) - 1, seniority + rng.choice((-1, 0, 0, 0, 0, 1))))
        level = lad.level(LEVELS[held])
        title = {"id": level.id, "title": level.title, "number": str(held + 1), "caps": level.title.upper(),
                 None: None}[TITLE_FORMS[i % len(TITLE_FORMS)]]
        reviewed = i % 4 < 2  # half, in every department
        if reviewed:
            theirs = {c: max(0, min(5, comps[c] + rng.choice((-2, -1, 0, 0, 1)))) for c in rng.sample(COMPS, 6)}
            theirs["risk"] = max(0, min(5, comps["risk"] + rng.choice((-2, 0, 1))))
            profile["reviews"] = [{"by": manager, "on": "2026-10-01", "competencies": theirs}]
        if title is not None:
            profile["current_title"] = title
        if department is not None:
            profile["department"] = department
        profile["manager"] = manager
        out.append(Person(i + 2, profile["name"], department, manager, title, profile, reviewed))
    return out


def _cell(person: Person, column: str, odd: random.Random) -> str:
    p = person.profile
    if column == "name":
        return p["name"]
    if column in ("education", "current_title", "department", "manager"):
        return str(p.get(column) or "")
    if column == "certifications":
        return ";".join(p["certifications"]) or "none"
    if column in FACTS:
        n = p["facts"][column]
        forms = ODD.get(column)
        if forms and odd.random() < 0.2:
            return forms[odd.randrange(len(forms))][0].format(n=n)
        return str(n)
    if column in COMPS:
        return str(p["competencies"][column])
    review = (p.get("reviews") or [{}])[0]
    if column == "reviewer":
        return review.get("by", "")
    if column == "reviewed_on":
        return review.get("on", "")
    key = column.split(":", 1)[1]
    value = review.get("competencies", {}).get(key)
    return "" if value is None else str(value)


COLUMNS = ["name", "education", "certifications", "current_title", "department", "manager", *FACTS, *COMPS,
           "reviewer", "reviewed_on", *(f"review:{c}" for c in COMPS)]


def write(folder: Path) -> tuple[Path, list[Person], dict[str, Path]]:
    """The spreadsheet, the people (with what each row means), and one profile file a person."""
    folder.mkdir(parents=True, exist_ok=True)
    crowd = people()
    unreadable = {(row, column): value for row, column, value in UNREADABLE}
    odd = random.Random(7)
    sheet = folder / "org.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for i, person in enumerate(crowd):
            writer.writerow([unreadable.get((i, c), _cell(person, c, odd)) for c in COLUMNS])
    files = {}
    (folder / "people").mkdir(exist_ok=True)
    for i, person in enumerate(crowd):
        meant = _meant(person.profile, [c for (row, c) in unreadable if row == i])
        path = folder / "people" / f"{i:03d}.yaml"
        path.write_text(yaml.dump(meant, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files[person.name] = path
    return sheet, crowd, files


def _meant(profile: dict, lost: list[str]) -> dict:
    """The profile a row means when the named cells could not be read: those answers unknown."""
    meant = yaml.load(yaml.dump(profile, Dumper=SAFE_DUMPER), Loader=SAFE_LOADER)  # a copy, as YAML gives it back
    for column in lost:
        if column in FACTS:
            meant["facts"].pop(column)
        elif column in COMPS:
            meant["competencies"].pop(column)
        elif column.startswith("review:"):
            meant["reviews"][0]["competencies"].pop(column.split(":", 1)[1])
        else:
            meant.pop(column)
    return meant
