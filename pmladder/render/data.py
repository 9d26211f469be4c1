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
