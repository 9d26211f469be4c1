"""JSON Schemas of the data files, generated from the models (ladders/*.schema.json are their copies)."""

from __future__ import annotations

from .model import CatalogFile, Ladder

_BASE = "https://json-schema.org/draft/2020-12/schema"


def _schema(model, title: str, description: str) -> dict:
    schema = model.model_json_schema()
    return {"$schema": _BASE, "title": title, "description": description, **{k: v for k, v in schema.items() if k not in ("title", "description")}}


def ladder_schema() -> dict:
    return _schema(Ladder, "pmladder ladder", "A career ladder for pmladder: levels from the bottom, each with what it requires.")


def catalog_schema() -> dict:
    return _schema(CatalogFile, "pmladder catalog", "The facts, certifications and competencies that ladders refer to.")
