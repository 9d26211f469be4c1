"""Compile validated ladder and catalog models (inputs/model.py) into the engine's light types.

What a `requires` block asks becomes a tuple of atoms (`compile_block`); facts, certificates
and competencies a ladder declares join the catalog's. Pure: no file, no message.
"""

from __future__ import annotations

import typing

from ..engine import types as d
from ..engine.graph import ranks


def _plain(value):
    if isinstance(value, list):
        return tuple(value)
    if hasattr(value, "one") and hasattr(value, "other"):  # a UnitName
        return (value.one, value.other)
    return value


def _texts(translations, fields: tuple[str, ...]) -> dict:
    out = {}
    for lang, text in translations.items():
        values = {f: getattr(text, f) for f in fields if getattr(text, f, None) is not None}
        values = {f: _plain(v) for f, v in values.items()}
        if values:
            out[lang] = values
    return out


def compile_fact(fid: str, fact, origin: str = "catalog") -> d.FactDef:
    return d.FactDef(
        id=fid, name=fact.name, question=fact.question, unit=fact.unit, max=float(fact.max), grows=fact.grows,
        months_per_unit=None if fact.months_per_unit is None else float(fact.months_per_unit),
        tolerance=float(fact.tolerance),
        advice=tuple((float(a.from_), a.text) for a in sorted(fact.advice, key=lambda a: a.from_)),
        at_most=fact.at_most, tr=_texts(fact.translations, ("name", "question", "advice", "unit_name")), origin=origin,
        needs_role=fact.needs_role, currency=fact.currency, unit_name=_plain(fact.unit_name) if fact.unit_name else (),
    )


def _relabel(item, label, fields: tuple[str, ...]):
    """A catalog entry in a ladder's own words: the label's English fields replace the entry's, and its
    translations lie over the entry's, language by language and field by field."""
    changes = {f: getattr(label, f) for f in fields if getattr(label, f) is not None}
    tr = {lang: dict(values) for lang, values in item.tr.items()}
    for lang, values in _texts(label.translations, fields).items():
        tr[lang] = {**tr.get(lang, {}), **values}
    return item._replace(tr=tr, **changes)


def relabelled(model, facts: dict, certs: dict, comps: dict) -> tuple[dict, dict, dict]:
    """The vocabulary of a ladder with its `labels` applied (new dicts; the catalog's entries are not changed)."""
    labels = model.labels
    facts, certs, comps = dict(facts), dict(certs), dict(comps)
    for key, label in labels.facts.items():
        facts[key] = _relabel(facts[key], label, ("name", "question"))
    for key, label in labels.certifications.items():
        certs[key] = _relabel(certs[key], label, ("name",))
    for key, label in labels.competencies.items():
        comps[key] = _relabel(comps[key], label, ("name", "description"))
    return facts, certs, comps


def compile_block(req, gates: typing.Iterable[str] = ()) -> tuple[d.Atom, ...]:
    """A requirement block as atoms, in a stable order: education, facts, certifications, skills, alternatives."""
    gates = set(gates)
    out: list[d.Atom] = []
    if req.education:
        out.append(d.Atom(d.Kind.EDUCATION, "education", req.education, "education" in gates))
    for key, value in req.facts.items():
        if isinstance(value, (int, float)):
            out.append(d.Atom(d.Kind.FACT, key, float(value), key in gates))
        else:
            out.append(d.Atom(d.Kind.FACT, key, float(value.min), key in gates, value.within))
    cert_gate = "certifications" in gates
    for cert in req.certifications.all_of:
        out.append(d.Atom(d.Kind.CERT, cert, cert, cert_gate or cert in gates))
    if req.certifications.any_of:
        options = tuple(dict.fromkeys(req.certifications.any_of))
        if len(options) == 1:
            out.append(d.Atom(d.Kind.CERT, options[0], options[0], cert_gate))
        else:
            out.append(d.Atom(d.Kind.CERTS, "|".join(options), options, cert_gate))
    for key, value in req.competencies.items():
        out.append(d.Atom(d.Kind.SKILL, key, value, key in gates))
    for group in req.any_competencies:
        ids = tuple(dict.fromkeys(group.of))
        out.append(d.Atom(d.Kind.SKILLS, f"{group.n} of {'|'.join(ids)} at {group.rating}", d.NOf(group.n, ids, group.rating),
                          "any_competencies" in gates))
    alternatives = getattr(req, "one_of", [])
    if alternatives:
        blocks = tuple(compile_block(alt) for alt in alternatives)
        key = "one of: " + " / ".join(",".join(a.key for a in block) for block in blocks)
        out.append(d.Atom(d.Kind.ALT, key, blocks, "one_of" in gates, routes=_routes(alternatives)))
    for i, choice in enumerate(getattr(req, "choices", []), 1):
        blocks = tuple(compile_block(alt) for alt in choice.one_of)
        gate = choice.label in gates or f"choice:{i}" in gates
        out.append(d.Atom(d.Kind.ALT, f"choice: {choice.label}", blocks, gate, label=_label(choice), routes=_routes(choice.one_of)))
    for entry in getattr(req, "conditional", []):
        when = d.When(tuple(entry.when.track), tuple((k, float(v)) for k, v in entry.when.facts.items()))
        out += [atom._replace(when=when) for atom in compile_block(entry.requires, entry.requires.gates)]
    return tuple(out)


def _label(model) -> d.Label:
    return d.Label(model.label, tuple(model.labels.items()))


def _routes(alternatives) -> tuple:
    """Each route's label (None for one without); () when no route has one, as before labels existed."""
    labels = tuple(_label(alt) if getattr(alt, "label", None) else None for alt in alternatives)
    return labels if any(labels) else ()


def compile_cert(cid: str, cert, origin: str = "catalog") -> d.CertDef:
    imp = cert.implies
    return d.CertDef(
        id=cid, name=cert.name, issuer=cert.issuer, source=cert.source, as_of=cert.as_of,
        prep_months=None if cert.prep_months is None else float(cert.prep_months),
        eligibility=tuple(compile_block(alt) for alt in cert.eligibility),
        implies=d.Implies(imp.education, {k: float(v) for k, v in imp.facts.items()}, tuple(imp.certifications)),
        notes=cert.notes, tr=_texts(cert.translations, ("name", "issuer", "notes", "renewal")), origin=origin,
        **_validity(cert.validity),
    )


def compile_scale(sid: str, scale) -> d.Scale:
    return d.Scale(id=sid, names=tuple(scale.names), show=scale.show, tr=_texts(scale.translations, ("names",)))


def _validity(validity) -> dict:
    """A certificate's validity as CertDef fields; none for one that never lapses (the defaults)."""
    if validity is None:
        return {}
    return {"valid_years": float(validity.years), "renewal": validity.renewal,
            "cpd_hours": None if validity.cpd_hours is None else float(validity.cpd_hours), "grace_months": validity.grace_months}


def compile_competency(cid: str, comp, origin: str = "catalog", least: dict | None = None,
                       scale: d.Scale = d.NUMERIC) -> d.CompetencyDef:
    """`least` is the catalog's role_rating_months, by rating on the built-in 0-5 scale: on another scale the
    months for 5 go to its top, those for 4 to the point below, and so on (judgment)."""
    least = least or {}
    shift = d.BUILTIN_TOP - scale.top
    return d.CompetencyDef(
        id=cid, name=comp.name, description=comp.description, ratings=tuple(comp.ratings), grow=tuple(comp.grow),
        months_per_step=float(comp.months_per_step),
        tr=_texts(comp.translations, ("name", "description", "ratings", "grow")), origin=origin,
        least=tuple(float(least.get(r + shift, 0)) for r in range(1, scale.top + 1)) if least else (),
        scale=scale,
    )


def compile_catalog(catalog, path: str) -> d.Catalog:
    scales = {k: compile_scale(k, v) for k, v in catalog.scales.items()}
    return d.Catalog(
        facts={k: compile_fact(k, v) for k, v in catalog.facts.items()},
        certs={k: compile_cert(k, v) for k, v in catalog.certifications.items()},
        comps={k: compile_competency(k, v, least=catalog.role_rating_months, scale=scales[v.scale] if v.scale else d.NUMERIC)
               for k, v in catalog.competencies.items()},
        path=path,
        role_ratings_from=catalog.role_ratings_from,
        role_rating_months={int(k): float(v) for k, v in catalog.role_rating_months.items()},
        scales=scales,
    )


def _tolerance(model) -> d.Tolerance:
    return d.Tolerance(share=float(model.share), rating_steps=int(model.rating_steps))


def _advice(items) -> tuple[d.Advice, ...]:
    return tuple(d.Advice(a) if isinstance(a, str) else d.Advice(a.text, tuple(a.for_)) for a in items)


def _advice_levels(model) -> tuple[tuple[str, ...], ...]:
    """For each ladder-wide advice line, the level ids it suits, in ladder order; () for everyone."""
    out = tuple(() if isinstance(a, str) else tuple(lv.id for lv in model.levels if lv.id in a.levels or lv.tier in a.tiers)
                for a in model.advice)
    return out if any(out) else ()


def compile_ladder(model, catalog: d.Catalog) -> d.Ladder:
    lid = model.id
    facts = {**catalog.facts, **{k: compile_fact(k, v, lid) for k, v in model.facts.items()}}
    certs = {**catalog.certs, **{k: compile_cert(k, v, lid) for k, v in model.certifications.items()}}
    scales = {**catalog.scales, **{k: compile_scale(k, v) for k, v in model.scales.items()}}
    ladder_scale = scales[model.scale] if model.scale else None
    shown = {k: c._replace(scale=ladder_scale) if ladder_scale and c.scale.top == ladder_scale.top else c
             for k, c in catalog.comps.items()}
    own_comps = {k: compile_competency(k, v, lid, catalog.role_rating_months, scales[v.scale or model.scale] if v.scale or model.scale else d.NUMERIC)
                 for k, v in model.competencies.items()}
    comps = {**shown, **own_comps}
    facts, certs, comps = relabelled(model, facts, certs, comps)
    default = _tolerance(model.tolerance)
    levels = tuple(
        d.Level(
            id=lv.id, title=lv.title, titles=dict(lv.titles), tier=lv.tier, summary=lv.summary,
            responsibilities=tuple(lv.responsibilities), expectations=tuple(lv.expectations),
            requires=compile_block(lv.requires, lv.requires.gates), next=tuple(lv.next), advice=_advice(lv.advice),
            tolerance=_tolerance(lv.tolerance) if lv.tolerance else default,
            tr=_texts(lv.translations, ("summary", "responsibilities", "expectations", "advice")),
            source=lv.source, as_of=lv.as_of, lateral=tuple(lv.lateral), drops=tuple(lv.drops),
        )
        for lv in model.levels
    )
    if levels:
        rank = ranks(levels[0].id, {lv.id: lv.next for lv in levels}, {lv.id: lv.rank for lv in model.levels if lv.rank is not None})
        levels = tuple(lv._replace(rank=rank.get(lv.id, 0)) for lv in levels)
    fw = model.framework
    return d.Ladder(
        id=lid, name=model.name, names=dict(model.names), source=model.source, description=model.description,
        languages=tuple(model.languages), tiers={k: d.Tier(t.name, dict(t.names)) for k, t in model.tiers.items()},
        advice=tuple(a if isinstance(a, str) else a.text for a in model.advice), advice_levels=_advice_levels(model), levels=levels, facts=facts, certs=certs, comps=comps,
        own=frozenset({*model.facts, *model.certifications, *model.competencies}),
        framework=d.Framework(fw.issuer, fw.source, fw.as_of) if fw else None,
        version=model.version, tr=_texts(model.translations, ("description", "advice", "source")),
        scale=ladder_scale, scales={k: scales[k] for k in model.scales},
        tracks={k: d.Track(t.name, dict(t.names), tuple(t.levels)) for k, t in model.tracks.items()},
    )
