"""Requirements in words: one phrase per requirement, shared by every renderer.

The phrases contain text from data files; renderers escape them for their medium.
"""

from __future__ import annotations

from typing import NamedTuple


from .model import Requirement, num


class Item(NamedTuple):
    """One requirement: `kind` is fact, education, certification or competency."""

    kind: str
    key: str
    need: object
    text: str


def fact_phrase(catalog, key: str, value: float) -> str:
    fact = catalog.facts[key]
    return f"{fact.name}: {num(value)}+"


def items(req: Requirement, catalog, competencies) -> list[Item]:
    """The requirements of a block, in a stable order: education, facts, certifications, competencies."""
    out: list[Item] = []
    if req.education:
        out.append(Item("education", "education", req.education, f"Education: {req.education} or higher"))
    for key, value in req.facts.items():
        out.append(Item("fact", key, value, fact_phrase(catalog, key, value)))
    for cert in req.certifications.all_of:
        out.append(Item("certification", cert, [cert], f"Certification: {cert_label(catalog, cert)}"))
    if req.certifications.any_of:
        names = " or ".join(cert_label(catalog, c) for c in req.certifications.any_of)
        out.append(Item("certification", "|".join(req.certifications.any_of), list(req.certifications.any_of), f"One of: {names}"))
    for key, value in req.competencies.items():
        comp = competencies[key]
        out.append(Item("competency", key, value, f"{comp.name}: {value}/5 ({comp.ratings[value]})"))
    return out


def short(req: Requirement, catalog, competencies) -> list[str]:
    """Compact phrases for tables: `years_managing 3+`, `PMP`, `risk 3`."""
    out = []
    if req.education:
        out.append(f"Education: {req.education}+")
    out += [f"{catalog.facts[k].name} {num(v)}+" for k, v in req.facts.items()]
    out += list(req.certifications.all_of)
    if req.certifications.any_of:
        out.append(" or ".join(req.certifications.any_of))
    out += [f"{competencies[k].name} {v}/5" for k, v in req.competencies.items()]
    return out


def cert_label(catalog, cert: str) -> str:
    info = catalog.certifications.get(cert)
    return f"{cert} ({info.name})" if info and info.name != cert else cert


def requirement_json(req: Requirement) -> dict:
    return {
        "education": req.education,
        "facts": {k: num(v) for k, v in req.facts.items()},
        "certifications": {"all_of": list(req.certifications.all_of), "any_of": list(req.certifications.any_of)},
        "competencies": dict(req.competencies),
    }


def issuer_note(catalog) -> str:
    """The one sentence every output carries about certification rules, with their date."""
    dates = sorted({c.as_of.isoformat() for c in catalog.certifications.values()})
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    return (
        f"Certification rules are summarised from the issuers' published rules as checked on {when}; "
        "the issuers' own rules are authoritative."
    )


def sentence(text: str) -> str:
    """Text ending with exactly one full stop (or its own ! or ?)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "。")) else text + "."
