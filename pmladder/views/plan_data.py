"""JSON-ready dictionaries: ladders, and the plan with everything the text report shows.

Keys and ids are stable English; display strings (`label`, `how`, `text`, `why`) are in the
chosen language. The fields are listed in README.md ("JSON output").
"""

from __future__ import annotations

from .. import words as w
from ..engine.months import quarter_of
from ..engine.roadmap import UNDATED
from ..engine.types import Kind, StepKind, tr
from .plan import not_counted

PLAN_SCHEMA = 2
LADDER_SCHEMA = 1


def num(v):
    """A value as JSON shows it: a whole float as an int, others to two places; a tuple as a list."""
    if isinstance(v, float):
        return int(v) if v.is_integer() else round(v, 2)
    if isinstance(v, tuple):
        return list(v)
    return v


def atom_json(atom) -> dict:
    need = atom.need
    if atom.kind == Kind.SKILLS:
        need = {"n": need.n, "of": list(need.ids), "rating": need.rating}
    elif atom.kind == Kind.ALT:
        need = [[atom_json(a) for a in block] for block in need]
    out = {"kind": atom.kind, "key": atom.key, "need": num(need), "gate": atom.gate}
    if atom.within is not None:
        out["within_years"] = num(atom.within)
    if atom.label is not None:
        out["choice"] = atom.label.text
    if atom.routes:
        out["routes"] = [r.text if r is not None else None for r in atom.routes]
    if atom.when is not None:
        out["when"] = {**({"track": list(atom.when.track)} if atom.when.track else {}),
                       **({"facts": {k: num(v) for k, v in atom.when.facts}} if atom.when.facts else {})}
    return out


def rating_names(ladder, kind, key, lang=None, **ratings) -> dict:
    """`{"need_name": "Practitioner", ...}` beside the numbers of a rating on a named scale; {} on the built-in scale
    (or for a requirement that is no rating)."""
    if kind in (Kind.SKILL, StepKind.SKILL):
        comp = ladder.comps.get(key)
    elif kind == Kind.SKILLS and ratings.get("need") is not None:
        comp, ratings = w.group_scale_comp(ladder, ratings["need"].ids), {"need": ratings["need"].rating}
    else:
        return {}
    if comp is None or not comp.scale.named:
        return {}
    return {f"{field}_name": w.rating_name(comp, value, lang) for field, value in ratings.items() if isinstance(value, int)}


def requirement_json(block, ladder, lang) -> list[dict]:
    return [{**atom_json(a), "text": w.requirement_line(a, ladder, lang), **rating_names(ladder, a.kind, a.key, lang, need=a.need)}
            for a in block]


def level_json(ladder, level, lang: str | None, number: int) -> dict:
    return {
        "id": level.id,
        "number": number,
        "title": level.title_in(lang),
        "titles": {"en": level.title, **level.titles},
        "tier": level.tier,
        "tier_name": ladder.tier_name(level.tier, lang),
        "summary": level.text("summary", lang),
        "next": list(level.next),
        **({"lateral": list(level.lateral)} if level.lateral else {}),
        **({"drops": list(level.drops)} if level.drops else {}),
        "requires": requirement_json(level.requires, ladder, lang),
        "tolerance": {"share": level.tolerance.share, "rating_steps": level.tolerance.rating_steps},
        "responsibilities": list(level.text("responsibilities", lang)),
        "expectations": list(level.text("expectations", lang)),
        "advice": level_advice_texts(level, lang),
        **({"source": level.source} if level.source else {}),
        **({"as_of": level.as_of.isoformat()} if level.as_of else {}),
    }


def level_advice_texts(level, lang) -> list[str]:
    texts = level.text("advice", lang)
    return [t if isinstance(t, str) else t.text for t in texts]


def ladder_json(loaded, lang: str | None, only: str | None = None) -> dict:
    ladder = loaded.ladder
    numbers = {lv.id: i + 1 for i, lv in enumerate(ladder.levels)}
    levels = [lv for lv in ladder.levels if only is None or lv.id == only]
    tracks = {"tracks": [{"id": tid, "name": track.name_in(lang), "levels": list(track.levels)}
                         for tid, track in ladder.tracks.items()]} if ladder.tracks else {}
    return {
        "schema_version": LADDER_SCHEMA,
        "id": ladder.id,
        "version": ladder.version,
        "name": ladder.name_in(lang),
        "source": tr(ladder, "source", lang),
        "description": tr(ladder, "description", lang),
        "languages": list(ladder.languages),
        "loaded_from": loaded.origin,
        "tiers": [{"id": tid, "name": ladder.tier_name(tid, lang)} for tid in ladder.tiers],
        "advice": list(tr(ladder, "advice", lang)),
        "advice_levels": [list(ladder.advice_suits(i)) for i in range(len(ladder.advice))],
        "levels": [level_json(ladder, lv, lang, numbers[lv.id]) for lv in levels],
        "framework": framework_json(ladder),
        "notes": [n for n in (w.framework_note(ladder), w.issuer_note(ladder), w.judgment_note()) if n],
        **scales_json(ladder, lang),
        **tracks,
    }


def scales_json(ladder, lang) -> dict:
    """The named scales the ladder's competencies are rated on, by id, with the competencies on each: {} when
    every one is on the built-in 0-5 scale (the key is left out)."""
    out: dict[str, dict] = {}
    for key, comp in ladder.comps.items():
        if comp.scale.named:
            entry = out.setdefault(comp.scale.id, {"names": list(tr(comp.scale, "names", lang or w.speaking())), "top": comp.scale.top,
                                                   "show": comp.scale.show, "competencies": []})
            entry["competencies"].append(key)
    return {"scales": out} if out else {}


def framework_json(ladder) -> dict | None:
    fw = ladder.framework
    return {"issuer": fw.issuer, "source": fw.source, "as_of": fw.as_of.isoformat()} if fw else None


def level_ref(level, lang=None) -> dict | None:
    """A level as JSON names it: its id and its title in `lang` (None for no level)."""
    return {"id": level.id, "title": level.title_in(lang)} if level is not None else None


def check_json(check, plan) -> dict:
    ladder, lang = plan.ladder, plan.lang
    return {
        "kind": check.kind, "key": check.key, "label": w.label(check.atom, ladder, lang), "state": check.state,
        "gate": check.atom.gate, "have": num(check.have), "need": atom_json(check.atom)["need"],
        "have_text": w.have_text(check, ladder), "need_text": w.need_text(check.atom, ladder),
        **({"implied_by": check.by} if check.by else {}),
        **rating_names(ladder, check.kind, check.key, lang, need=check.need, have=check.have),
    }


def step_json(step, plan) -> dict:
    today = plan.today
    return {
        "id": step.id, "level": step.milestone, "kind": step.kind, "key": step.key,
        "text": w.step_text(step, plan.ladder, plan.lang),
        "have": num(step.have), "need": num(step.need),
        **rating_names(plan.ladder, step.kind, step.key, plan.lang, have=step.have, need=step.need),
        "start_month": step.start, "done_month": step.end if step.kind not in UNDATED else None,
        "months": step.months if step.kind not in UNDATED else None,
        "start_by": w.month_of(today, step.start), "done_by": w.month_of(today, step.end) if step.kind not in (StepKind.ROLE,) else None,
        "why": step.why, "why_text": w.why_text(step, plan, plan.lang), "after": list(step.after),
        **({"serves": step.serves} if step.serves else {}),
        "how": step_how(step, plan),
    }


def step_how(step, plan) -> str:
    if step.check is not None:
        return w.how(step.check, step, plan, plan.lang)
    if step.kind == StepKind.CERT:
        return w.cert_advice(step.key, plan.ladder, step, plan.today, plan.lang)
    if step.kind in (StepKind.BACKGROUND, StepKind.STUDY, StepKind.ROLE):
        return w.sentence(w.fact_advice(plan.ladder.facts[step.key], step.have, plan.lang))
    if step.kind == StepKind.SKILL:
        return w.sentence(w.skill_advice(plan.ladder.comps[step.key], step.have, plan.lang))
    return ""


def timeline(plan) -> list[dict]:
    """The roadmap by calendar quarter: what starts, what is done, which title is reached."""
    today = plan.today
    rows: dict[str, dict] = {}

    def row(month: int) -> dict:
        q = quarter_of(today, month)
        return rows.setdefault(q, {"quarter": q, "month": month, "start": [], "done": [], "reached": []})

    road = plan.roadmap
    for step in road.steps:
        if step.start is None:
            continue
        if step.kind in UNDATED:  # a new role starts; education and open questions have no month
            if step.kind == StepKind.ROLE:
                row(step.start)["start"].append(step.id)
            continue
        if step.kind != StepKind.BACKGROUND:
            row(step.start)["start"].append(step.id)
        if step.end is not None:
            row(step.end)["done"].append(step.id)
    for m in road.milestones:
        if m.ready is not None:
            row(m.ready)["reached"].append(m.level.id)
    return [rows[q] for q in sorted(rows, key=lambda q: rows[q]["month"])]


def review_json(plan) -> dict | None:
    """The latest review: who, when, which ratings placed the person, and where self and reviewer are two steps apart."""
    r = plan.review
    if r is None:
        return None
    return {"by": r.by, "on": r.on.isoformat(), "ratings": r.ratings, "text": w.ratings_line(r),
            "reviewer": dict(r.theirs),
            "differences": [{"id": d.id, "self": d.own, "reviewer": d.reviewer, "text": w.difference_text(d, r, plan.ladder, plan.lang)}
                            for d in r.differences]}


def plan_json(plan) -> dict:
    """The plan as data for scripts; the README lists the fields."""
    a, road, lang = plan.assessment, plan.roadmap, plan.lang
    ladder = plan.ladder
    return {
        "schema_version": PLAN_SCHEMA,
        "ladder": {"id": ladder.id, "name": ladder.name_in(lang), "version": ladder.version, "loaded_from": plan.origin},
        "today": plan.today.isoformat(),
        "name": plan.profile.name,
        "other_certifications": list(plan.profile.other_certifications),
        "not_counted": list(not_counted(plan)),
        "placement": {
            "best_fit": level_ref(a.best, lang),
            "fully_met": level_ref(a.fully, lang),
            "could_be": level_ref(a.could_be, lang),
            "other_branch_tops": [level_ref(lv, lang) for lv in a.other_tops],
            "why": w.why_line(a, lang),
            "to_confirm": [{**check_json(c, plan), "text": w.confirm_text(c, ladder, lang, a.known)} for c in plan.to_confirm],
            "to_confirm_how": w.confirm_head(plan.to_confirm) if plan.to_confirm else None,
            "to_hold": [{**check_json(c, plan), "text": w.confirm_text(c, ladder, lang, a.known)} for c in plan.to_hold],
            "work_matches": level_ref(a.matched, lang),
            "tied": [level_ref(lv, lang) for lv in a.tied],
            "at_edge": a.fit(a.best.id).edge >= 0 if a.best else False,
            "notes": [{"kind": kind, "text": text} for kind, text in w.standing_lines(plan)],
            **lapse_json(plan),
        },
        "level": level_ref(a.best, lang),
        "next": [level_ref(lv, lang) for lv in a.next] if not a.top else [],
        "fit": [
            {"level": f.level.id, "title": f.level.title_in(lang), "met": f.met, "short": f.short, "missing": f.missing,
             "unknown": f.unknown, "total": f.total, "reached": f.reached, "fully_met": f.fully, "text": w.fit_line(f, lang)}
            for f in a.fits
        ],
        "implied": [{"kind": i.kind, "key": i.key, "value": num(i.value), "by": i.by, "answered": num(i.answered) if i.kind == Kind.FACT else i.answered, "text": w.implied_text(i, ladder, lang)} for i in a.known.implied],
        "review": review_json(plan),
        "flags": [{"code": f.code, "params": {k: num(v) for k, v in f.params.items()}, "text": w.flag_text(f, ladder, lang)} for f in plan.flags],
        "unknowns": [
            {"kind": c.kind, "key": c.key, "label": w.label(c.atom, ladder, lang), "levels": list(levels), "answer": w.unknown_hint(c, plan)}
            for c, levels in plan.unknowns
        ],
        "target": level_ref(road.target, lang),
        "other_ways_up": [level_ref(lv, lang) for lv in road.others],
        "already_met": road.already_met,
        "gaps": [
            {"level": g.level, **check_json(g.check, plan), "done_month": g.done, "done_by": w.month_of(plan.today, g.done),
             "sets_date": g.sets_date, "step": g.step.id if g.step else None, "how": w.how(g.check, g.step, plan, lang),
             "order": g.order, "lead": g.lead, "reason": g.reason}
            for g in plan.gaps
        ],
        "pace": road.pace,
        "milestones": [
            {"level": m.level.id, "title": m.level.title_in(lang), "start_month": m.start, "ready_month": m.ready,
             "ready_by": w.month_of(plan.today, m.ready), "limited_by": list(m.limits), "waits_for": list(m.waits),
             "advice": [t for t in milestone_advice(plan, m.level)]}
            for m in road.milestones
        ],
        "roadmap": [step_json(s, plan) for s in road.steps],
        "timeline": [
            {"quarter": r["quarter"], "start": r["start"], "done": r["done"], "reached": r["reached"]} for r in timeline(plan)
        ],
        "eta_months": road.eta,
        "eta_by": w.month_of(plan.today, road.eta),
        "limited_by": [{"step": s.id, "kind": s.kind, "key": s.key, "text": w.step_text(s, ladder, lang)} for s in road.limits],
        "waits_for": [{"step": s.id, "kind": s.kind, "key": s.key, "text": w.wait_text(s, plan)} for s in road.waits],
        "headline": w.eta_line(plan) if road.target is not None else w.top_line(plan),
        "assumptions": w.assumption_lines(plan),
        "advice": plan.ladder_advice,
        "notes": [n for n in (w.framework_note(ladder), w.issuer_note(ladder), w.judgment_note()) if n],
        "certification_rules": w.issuer_note(ladder),
    }


def lapse_json(plan) -> dict:
    """`lapsed` and `renew_by`, for a profile that dates its certificates (none: the keys are left out, as before dates)."""
    if not plan.profile.certification_dates:
        return {}
    known, ladder, lang = plan.assessment.known, plan.ladder, plan.lang
    lines = iter(w.lapse_lines(known, ladder, lang))

    def entry(x, day: str) -> dict:
        cert = ladder.certs[x.cert]
        return {"id": x.cert, day: x.on.isoformat(), "renewable": x.renewable, "renewal": tr(cert, "renewal", lang),
                "cpd_hours": num(cert.cpd_hours) if cert.cpd_hours is not None else None, "text": next(lines)}

    return {"lapsed": [entry(x, "lapsed_on") for x in known.lapsed], "renew_by": [entry(x, "lapses_on") for x in known.renew_by]}


def milestone_advice(plan, level) -> list[str]:
    """A level's advice that fits the person: untagged lines, and tagged ones while their requirement is open."""
    fit = plan.assessment.fit(level.id)
    open_keys = set()

    def add(atom) -> None:
        if atom.kind in (Kind.CERT, Kind.CERTS):
            open_keys.add("certifications")
            open_keys.update((atom.need,) if atom.kind == Kind.CERT else atom.need)
        elif atom.kind == Kind.EDUCATION:
            open_keys.add("education")
        elif atom.kind == Kind.SKILLS:
            open_keys.update(atom.need.ids)
        elif atom.kind == Kind.ALT:  # an open one-of: advice about its open parts ("without a degree, ...")
            from ..engine.placement import check

            for block in atom.need:
                for part in block:
                    if check(part, plan.assessment.known, None).state != "met":
                        add(part)
        else:
            open_keys.add(atom.key)

    for c in fit.checks:
        if c.state != "met":
            add(c.atom)
    texts = level.text("advice", plan.lang)
    out = []
    for item, text in zip(level.advice, texts):
        text = text if isinstance(text, str) else text.text
        if not item.for_keys or open_keys & set(item.for_keys):
            out.append(text)
    return out
