"""The history file's format: its mark (application id), the numbered migrations (append only: migration N
takes user_version N-1 to N, see the package docstring) and the columns the queries read and write.

BUSY_TIMEOUT_MS is read from here at each use, so a test may change it for a moment."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

APPLICATION_ID = 0x504D4C44  # "PMLD", in the SQLite header at offset 68
BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _m001_assessments(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at TEXT NOT NULL,
            assessed_on TEXT NOT NULL
                CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            ladder_id TEXT NOT NULL,
            ladder_version TEXT NOT NULL,
            best_fit TEXT,
            best_fit_title TEXT,
            target TEXT,
            fit_met INTEGER NOT NULL,
            fit_total INTEGER NOT NULL,
            eta_months INTEGER,
            source TEXT NOT NULL,
            profile_json TEXT NOT NULL,
            plan_json TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX assessments_by_date ON assessments (assessed_on, id)")


def _pick(data: object, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: data.get(k) for k in keys} if isinstance(data, dict) else {}


def _items(data: Mapping[str, Any], key: str) -> list[dict]:
    value = data.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _ident(data: object) -> Any:
    return data.get("id") if isinstance(data, dict) else None


def _snapshot_of_plan_json(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Snapshot version 1 (see views/snapshot.py) from the plan JSON that releases before it
    stored: the same data, the wording left behind. Frozen with migration 2."""
    placement = _pick(plan.get("placement"), ("best_fit", "fully_met"))
    return {
        "snapshot_version": 1,
        "ladder": _pick(plan.get("ladder"), ("id", "version")),
        "today": plan.get("today"),
        "pace": plan.get("pace"),
        "placement": {"best_fit": _ident(placement.get("best_fit")), "fully_met": _ident(placement.get("fully_met"))},
        "target": _ident(plan.get("target")),
        "already_met": plan.get("already_met"),
        "eta_months": plan.get("eta_months"),
        "fit": [_pick(f, ("level", "met", "short", "missing", "unknown", "total", "reached", "fully_met"))
                for f in _items(plan, "fit")],
        "gaps": [_pick(g, ("level", "kind", "key", "need", "gate", "state", "have", "done_month", "step"))
                 for g in _items(plan, "gaps")],
        "roadmap": [_pick(s, ("id", "level", "kind", "key", "have", "need", "start_month", "done_month", "done_by"))
                    for s in _items(plan, "roadmap")],
    }


def _m002_snapshots(db: sqlite3.Connection) -> None:
    """Rows hold a snapshot of the plan's data, not the plan's JSON with its wording.

    A row whose plan is not a JSON object is left as it is (reading it says it is damaged)."""
    rows = db.execute("SELECT id, plan_json FROM assessments").fetchall()
    for rid, text in rows:
        try:
            plan = json.loads(text) if isinstance(text, str) else None
        except (ValueError, RecursionError):
            continue
        if not isinstance(plan, dict) or "snapshot_version" in plan:
            continue
        snap = json.dumps(_snapshot_of_plan_json(plan), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        db.execute("UPDATE assessments SET plan_json = ? WHERE id = ?", (snap, rid))


# Append only: migration N takes user_version N-1 to N (see the module docstring).
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m001_assessments, _m002_snapshots]


def schema_version() -> int:
    """The schema version this pmladder writes (the number of migrations)."""
    return len(MIGRATIONS)


_SUMMARY = (
    "id, recorded_at, assessed_on, ladder_id, ladder_version, best_fit, best_fit_title,"
    " target, fit_met, fit_total, eta_months, source"
)
_FULL = _SUMMARY + ", profile_json, plan_json"
_INSERT = (
    "INSERT INTO assessments (recorded_at, assessed_on, ladder_id, ladder_version, best_fit,"
    " best_fit_title, target, fit_met, fit_total, eta_months, source, profile_json, plan_json)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
