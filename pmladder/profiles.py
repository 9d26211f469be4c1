"""Profiles: what a person answered, as YAML. Loaded strictly, saved atomically with mode 0600."""

from __future__ import annotations

import os
from pathlib import Path

from .loader import validate
from .model import Profile, fact_problem
from .textsafe import clean
from .yamlsafe import DataError, read_file

PROFILE_NAME = "profile.yaml"


def default_path() -> Path:
    """Where an assessment saves its answers when no --save is given."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("pmladder", appauthor=False)) / PROFILE_NAME


def load_profile(path: str | os.PathLike, catalog, competencies: dict | None = None) -> Profile:
    """Read a profile; every unknown id, bad value or YAML fault is a positioned problem."""
    doc = read_file(path)
    profile = validate(doc, Profile)
    known_competencies = competencies if competencies is not None else catalog.file.competencies
    problems = []
    for key, value in profile.facts.items():
        if key not in catalog.facts:
            problems.append(doc.problem(("facts", key), f"unknown fact '{key}'; known: {', '.join(catalog.facts)}", key=True))
        else:
            problem = fact_problem(catalog, key, value)
            if problem:
                problems.append(doc.problem(("facts", key), f"facts.{key}: {problem}"))
    for i, cert in enumerate(profile.certifications):
        if cert not in catalog.certifications:
            problems.append(doc.problem(("certifications", i), f"unknown certification '{cert}'; known: {', '.join(catalog.certifications)}"))
    for key in profile.competencies:
        if key not in known_competencies:
            problems.append(doc.problem(("competencies", key), f"unknown competency '{key}'; known: {', '.join(known_competencies)}", key=True))
    if problems:
        raise DataError(problems)
    return profile


def profile_data(profile: Profile) -> dict:
    """The profile as plain data, in the file's key order, with names made safe to save."""
    data: dict = {"schema_version": profile.schema_version}
    # NFC can lengthen a name past the model's 200 characters; a name that cleans to nothing is left out
    name = clean(profile.name or "")[:200].strip()
    if name:
        data["name"] = name
    if profile.ladder:
        data["ladder"] = profile.ladder
    if profile.education:
        data["education"] = profile.education
    # exact values (num() rounds to 2 decimals, which could move a placement): 3, not 3.0
    data["facts"] = {k: int(v) if float(v).is_integer() else v for k, v in profile.facts.items()}
    data["certifications"] = list(profile.certifications)
    data["competencies"] = dict(profile.competencies)
    return data


def dump_profile(profile: Profile) -> str:
    import yaml

    return yaml.safe_dump(profile_data(profile), allow_unicode=True, sort_keys=False, default_flow_style=False)


def save_profile(path: str | os.PathLike, profile: Profile) -> None:
    """Write atomically with mode 0600, creating the default folder when needed."""
    from .fsio import FileWriteError, atomic_write

    target = Path(path)
    if target == default_path():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FileWriteError(target, exc.strerror or str(exc)) from None
    atomic_write(target, dump_profile(profile), mode=0o600)
