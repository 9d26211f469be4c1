"""JSON-ready dictionaries of ladders (assessment results have theirs in render/assessment)."""

from __future__ import annotations

from ..describe import requirement_json
from ..model import SCHEMA_VERSION


def level_json(ladder, level, lang: str | None) -> dict:
    return {
        "id": level.id,
        "title": level.title_in(lang),
        "titles": {"en": level.title, **level.titles},
        "tier": level.tier,
        "tier_name": ladder.tier_name(level.tier, lang),
        "summary": level.text("summary", lang),
        "next": list(level.next),
        "requires": requirement_json(level.requires),
        "responsibilities": list(level.text("responsibilities", lang)),
        "expectations": list(level.text("expectations", lang)),
        "advice": list(level.text("advice", lang)),
    }


def ladder_json(loaded, catalog, lang: str | None, only: str | None = None) -> dict:
    ladder = loaded.ladder
    levels = [lv for lv in ladder.levels if only is None or lv.id == only]
    return {
        "schema_version": SCHEMA_VERSION,
        "id": ladder.id,
        "name": ladder.name_in(lang),
        "source": ladder.source,
        "description": ladder.description,
        "languages": list(ladder.languages),
        "loaded_from": loaded.origin,
        "tiers": [{"id": tid, "name": ladder.tier_name(tid, lang)} for tid in ladder.tiers],
        "advice": list(ladder.advice),
        "levels": [level_json(ladder, lv, lang) for lv in levels],
    }


def _value(v):
    from ..model import num

    return num(v) if isinstance(v, float) else v


def _ref(level) -> dict | None:
    return {"id": level.id, "title": level.title} if level is not None else None


def assessment_json(a, road, catalog) -> dict:
    """The assessment and roadmap as data for scripts; see README for the fields."""
    from ..assess import explain
    from ..describe import issuer_note

    return {
        "schema_version": SCHEMA_VERSION,
        "ladder": a.ladder.id,
        "name": a.profile.name,
        "level": _ref(a.level),
        "next": [_ref(lv) for lv in a.next] if (a.level is None or a.level.next) else [],
        "why": explain(a, catalog),
        "fit": [
            {"level": f.level.id, "title": f.level.title, "met": f.met, "total": f.total, "ok": f.ok}
            for f in a.fits
        ],
        "gaps": [
            {"level": g.level, "kind": g.kind, "key": g.key, "have": _value(g.have), "need": _value(g.need),
             "months": g.months, "how": g.how, **({"choice": g.choice} if g.choice else {})}
            for g in a.gaps
        ],
        "target": _ref(road.target),
        "milestones": [
            {"level": m.level.id, "title": m.level.title, "ready_month": m.ready} for m in road.milestones
        ],
        "roadmap": [
            {"level": s.milestone, "kind": s.kind, "key": s.key, "have": _value(s.have), "need": _value(s.need),
             "start_month": s.start, "done_month": s.end, "months": s.months, "how": s.how}
            for s in road.steps
        ],
        "eta_months": road.eta_months,
        "limited_by": [{"kind": s.kind, "key": s.key} for s in road.limits],
        "certification_rules": issuer_note(catalog),
    }
