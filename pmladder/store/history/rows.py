"""One assessment going in (Entry, each field checked before it is written) and coming out (Row, each
column checked as it is read: a damaged row is a HistoryError that names it)."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ...exits import N_
from .errors import HistoryError, _move_away, _problem


class Entry(NamedTuple):
    """One assessment to record. Dates may be `date`/`datetime` objects or ISO strings."""

    recorded_at: _dt.datetime | str  # when it was recorded (ISO 8601), from the caller
    assessed_on: _dt.date | str  # the assessment date, YYYY-MM-DD; earlier for imports
    ladder_id: str
    ladder_version: str
    profile: Mapping[str, Any]  # the profile as answered
    plan: Mapping[str, Any]  # the plan's snapshot (views/snapshot.py): data, no wording
    fit_met: int  # requirements met for the next title (or the target)
    fit_total: int  # requirements of the next title (or the target)
    best_fit: str | None = None
    best_fit_title: str | None = None
    target: str | None = None
    eta_months: int | None = None
    source: str = "assess"  # "assess", "import:FILE", ...


class Row(NamedTuple):
    """One recorded assessment; `profile` and `plan` are None unless they were asked for."""

    id: int
    recorded_at: _dt.datetime
    assessed_on: _dt.date
    ladder_id: str
    ladder_version: str
    best_fit: str | None
    best_fit_title: str | None
    target: str | None
    fit_met: int
    fit_total: int
    eta_months: int | None
    source: str
    profile: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None


# --- reading rows -------------------------------------------------------------------------


def _damaged_row(path: Path, row_id: object, what: str) -> HistoryError:
    return HistoryError(
        path, _problem(N_("assessment {id} is damaged ({what}); forget it with 'pmladder history forget {id}'"), id=row_id, what=what)
    )


def _text(path: Path, rid: object, name: str, value: object, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _damaged_row(path, rid, _problem(N_("{name} is not text"), name=name))
    return value


def _int(path: Path, rid: object, name: str, value: object, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, int):
        raise _damaged_row(path, rid, _problem(N_("{name} is not a whole number"), name=name))
    return value


def _json(path: Path, rid: object, name: str, value: object) -> dict[str, Any]:
    if not isinstance(value, str):
        raise _damaged_row(path, rid, _problem(N_("{name} is not text"), name=name))
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        raise _damaged_row(path, rid, _problem(N_("{name} is not valid JSON"), name=name)) from None
    if not isinstance(data, dict):
        raise _damaged_row(path, rid, _problem(N_("{name} is not a JSON object"), name=name))
    return data


def _to_row(path: Path, raw: tuple, full: bool) -> Row:
    rid = raw[0]
    if not isinstance(rid, int):
        raise HistoryError(path, _problem(N_("an assessment id is not a whole number; {move_away}"), move_away=_move_away(path)))
    try:
        recorded_at = _dt.datetime.fromisoformat(_text(path, rid, "recorded_at", raw[1]))
    except ValueError:
        raise _damaged_row(path, rid, _problem(N_("{name} is not an ISO timestamp"), name="recorded_at")) from None
    try:
        assessed_on = _dt.date.fromisoformat(_text(path, rid, "assessed_on", raw[2]))
    except ValueError:
        raise _damaged_row(path, rid, _problem(N_("{name} is not a date"), name="assessed_on")) from None
    return Row(
        id=rid,
        recorded_at=recorded_at,
        assessed_on=assessed_on,
        ladder_id=_text(path, rid, "ladder_id", raw[3]),
        ladder_version=_text(path, rid, "ladder_version", raw[4]),
        best_fit=_text(path, rid, "best_fit", raw[5], optional=True),
        best_fit_title=_text(path, rid, "best_fit_title", raw[6], optional=True),
        target=_text(path, rid, "target", raw[7], optional=True),
        fit_met=_int(path, rid, "fit_met", raw[8]),
        fit_total=_int(path, rid, "fit_total", raw[9]),
        eta_months=_int(path, rid, "eta_months", raw[10], optional=True),
        source=_text(path, rid, "source", raw[11]),
        profile=_json(path, rid, "profile_json", raw[12]) if full else None,
        plan=_json(path, rid, "plan_json", raw[13]) if full else None,
    )


# --- checking entries ---------------------------------------------------------------------


def _need_str(name: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise TypeError(f"Entry.{name} must be a non-empty string, not {value!r}")
    return value


def _need_int(name: str, value: object, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError(f"Entry.{name} must be a whole number >= 0, not {value!r}")
    return value


def _iso_day(value: object) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if day.isoformat() == value:
                return value
    raise ValueError(f"Entry.assessed_on must be a date or 'YYYY-MM-DD', not {value!r}")


def _iso_moment(value: object) -> str:
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"Entry.recorded_at is not an ISO timestamp: {value!r}") from None
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    raise ValueError(f"Entry.recorded_at must be a datetime or an ISO timestamp, not {value!r}")


def _dump(name: str, value: object) -> str:
    if not isinstance(value, Mapping):
        raise TypeError(f"Entry.{name} must be a mapping, not {type(value).__name__}")
    try:
        return json.dumps(dict(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"Entry.{name} cannot be stored as JSON: {exc}") from None


def _params(entry: Entry) -> tuple:
    return (
        _iso_moment(entry.recorded_at),
        _iso_day(entry.assessed_on),
        _need_str("ladder_id", entry.ladder_id),
        _need_str("ladder_version", entry.ladder_version),
        _need_str("best_fit", entry.best_fit, optional=True),
        _need_str("best_fit_title", entry.best_fit_title, optional=True),
        _need_str("target", entry.target, optional=True),
        _need_int("fit_met", entry.fit_met),
        _need_int("fit_total", entry.fit_total),
        _need_int("eta_months", entry.eta_months, optional=True),
        _need_str("source", entry.source),
        _dump("profile", entry.profile),
        _dump("plan", entry.plan),
    )


def _need_id(assessment_id: object) -> int:
    if isinstance(assessment_id, bool) or not isinstance(assessment_id, int):
        raise TypeError(f"an assessment id is a whole number, not {assessment_id!r}")
    return assessment_id


def _day_param(name: str, value: object) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        raise TypeError(f"{name} must be a date, not {value!r}")
    return value.isoformat()
