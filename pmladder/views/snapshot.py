"""The plan as the history keeps it: a versioned snapshot of data, and its wording on reading.

`snapshot(plan)` holds what `progress` needs later and nothing a person reads: ids, numbers,
dates, states and kinds; no title, label or sentence. A history entry is made in one place,
`history_entry`, for `assess` and for `history import` alike. Reading it back, `worded` puts
the words next to the data from the installed ladder, in the language of the run, with the
same words functions the plan itself uses, so the language an assessment was recorded in
never shows, and a change of the JSON output is not a change of the history.

A snapshot (version 1) is a JSON object:

    snapshot_version  1
    ladder            {id, version}
    today             YYYY-MM-DD, the day of the plan
    pace              the pace the roadmap was planned at
    placement         {best_fit, fully_met}: level ids or null
    target            the level id the roadmap planned for, or null
    already_met       true when the target was already met
    eta_months        months to the target, or null
    fit               [{level, met, short, missing, unknown, total, reached, fully_met}]
    gaps              [{level, kind, key, need, gate, within_years?, state, have, done_month, step}]
    roadmap           [{id, level, kind, key, have, need, start_month, done_month, done_by, atom?}]

`need` is as in the plan's JSON (`skills`: {n, of, rating}; `alt`: lists of requirements);
`atom` (on `answer` steps) is the requirement the step asks to answer.
"""

from __future__ import annotations

import datetime as _dt

from .. import words as w
from ..engine.placement import Check
from ..engine.roadmap import Step
from ..engine.types import Atom, Kind, NOf, StepKind
from ..engine.roadmap import UNDATED
from .plan_data import atom_json, num

SNAPSHOT_VERSION = 1
FIT_FIELDS = ("met", "short", "missing", "unknown", "total", "reached", "fully_met")


def snapshot(plan) -> dict:
    """The plan's data, without wording (see the module docstring)."""
    a, road = plan.assessment, plan.roadmap
    return {
        "snapshot_version": SNAPSHOT_VERSION,
        "ladder": {"id": plan.ladder.id, "version": plan.ladder.version},
        "today": plan.today.isoformat(),
        "pace": road.pace,
        "placement": {"best_fit": _id(a.best), "fully_met": _id(a.fully)},
        "target": _id(road.target),
        "already_met": road.already_met,
        "eta_months": road.eta,
        "fit": [{"level": f.level.id, "met": f.met, "short": f.short, "missing": f.missing, "unknown": f.unknown,
                 "total": f.total, "reached": f.reached, "fully_met": f.fully} for f in a.fits],
        "gaps": [{"level": g.level, **atom_json(g.check.atom), "state": g.check.state, "have": num(g.check.have),
                  "done_month": g.done, "step": g.step.id if g.step else None} for g in plan.gaps],
        "roadmap": [_step(s, plan.today) for s in road.steps],
    }


def _id(level) -> str | None:
    return level.id if level is not None else None


def _step(step, today: _dt.date) -> dict:
    dated = step.kind not in UNDATED
    out = {"id": step.id, "level": step.milestone, "kind": step.kind, "key": step.key, "have": num(step.have),
           "need": num(step.need), "start_month": step.start, "done_month": step.end if dated else None,
           "done_by": w.month_of(today, step.end) if step.kind != StepKind.ROLE else None}
    if step.kind == StepKind.ANSWER and step.check is not None:
        out["atom"] = atom_json(step.check.atom)
    return out


def history_entry(plan, *, source: str, recorded_at: str):
    """The one history entry of a plan: the profile as answered, the snapshot, and the summary columns."""
    from ..inputs.profiles import profile_data
    from ..store.history import Entry
    from .progress import estimate, record_fit

    met, total = record_fit(plan)
    best, target = plan.assessment.best, plan.roadmap.target
    return Entry(
        recorded_at=recorded_at, assessed_on=plan.today, ladder_id=plan.ladder.id, ladder_version=plan.ladder.version,
        profile=profile_data(plan.profile), plan=snapshot(plan), fit_met=met, fit_total=total,
        best_fit=best.id if best else None, best_fit_title=best.title if best else None,
        target=target.id if target else None, eta_months=estimate(plan), source=source,
    )


# --- reading: the words, from the installed ladder ----------------------------------------------


def atom_of(data: dict) -> Atom:
    """A requirement rebuilt from its data (the `need` of the plan's JSON)."""
    kind, need = data.get("kind"), data.get("need")
    if kind == Kind.SKILLS and isinstance(need, dict):
        need = NOf(need.get("n", 0), tuple(need.get("of") or ()), need.get("rating", 0))
    elif kind == Kind.ALT and isinstance(need, list):
        need = tuple(tuple(atom_of(a) for a in block) for block in need)
    elif kind == Kind.CERTS and isinstance(need, list):
        need = tuple(need)
    return Atom(kind, data.get("key"), need, bool(data.get("gate")), data.get("within_years"))


def _requirement(ladder, level_id, kind, key, *, deep: bool = False) -> Atom | None:
    """The installed ladder's requirement `kind`/`key` of a level (any kind when `kind` is None;
    inside one-of routes too when `deep`), or None."""
    try:
        atoms = list(ladder.level(level_id).requires) if level_id else []
    except KeyError:
        return None
    while atoms:
        atom = atoms.pop(0)
        if atom.key == key and kind in (None, atom.kind):
            return atom
        if deep and atom.kind == Kind.ALT:
            atoms.extend(a for block in atom.need for a in block)
    return None


def _or(fallback, fn):
    """`fn()`, or `fallback` when the installed ladder no longer has what it names."""
    try:
        return fn()
    except (KeyError, IndexError, TypeError, ValueError):
        return fallback


def level_ref(ladder, level_id: str | None, lang: str | None) -> dict | None:
    """{id, title}: the title from the installed ladder in `lang` (the id when it has no such level)."""
    if level_id is None:
        return None
    return {"id": level_id, "title": _or(level_id, lambda: ladder.level(level_id).title_in(lang))}


def worded_gap(gap: dict, ladder, target_id: str | None, lang: str | None) -> dict:
    """A stored gap with its words: `label`, `have_text`, `need_text` (as the plan's JSON has them)."""
    atom = _requirement(ladder, target_id, gap.get("kind"), gap.get("key")) or atom_of(gap)
    check = Check(atom, gap.get("state"), gap.get("have"))
    return {**gap, "label": _or(str(gap.get("key")), lambda: w.label(atom, ladder, lang)),
            "have_text": _or("?", lambda: w.have_text(check, ladder)), "need_text": _or("?", lambda: w.need_text(atom, ladder))}


def worded_step(step: dict, ladder, lang: str | None) -> dict:
    """A stored roadmap step with its `text` (as the plan's JSON has it)."""
    check = None
    if step.get("kind") == StepKind.ANSWER:
        atom = _requirement(ladder, step.get("level"), None, step.get("key"), deep=True)
        if atom is None and isinstance(step.get("atom"), dict):
            atom = atom_of(step["atom"])
        check = Check(atom, "unknown", None) if atom is not None else None
    built = Step(step.get("id"), step.get("level"), step.get("kind"), step.get("key"), step.get("have"), step.get("need"),
                 step.get("start_month"), step.get("done_month"), check=check)
    return {**step, "text": _or(step.get("id"), lambda: w.step_text(built, ladder, lang))}


def worded(snap: dict, ladder, lang: str | None) -> dict:
    """The snapshot with the words `progress` shows, from the installed `ladder` in `lang`: the
    target's title, the gaps' labels and values, the steps' text."""
    target = snap.get("target")
    return {
        **snap,
        "target": level_ref(ladder, target, lang),
        "gaps": [worded_gap(g, ladder, target, lang) for g in snap.get("gaps") or ()],
        "roadmap": [worded_step(s, ladder, lang) for s in snap.get("roadmap") or ()],
    }
