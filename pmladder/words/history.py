"""Words of `where`, `history` and `progress`."""

from __future__ import annotations

from ..engine.months import month_of
from ..engine.types import Kind, StepKind, tr
from . import C_, _, about_months, amount, clauses, fact_amount, edu_name, listing, num, rating_text, skill_name
from .plan import _fit_parts, fit_line, next_title_text, title


# === where, history and progress (issue 10) =============================================


# Everything below is wording for `pmladder where`, `pmladder history` and `pmladder progress`.


def ready_cell(plan, *, two_lines: bool = False) -> str:
    """When a person could be ready for the next title on a ladder: `2028-09 (about 2.5 years)`."""
    road = plan.roadmap
    if road.target is None:
        return _("top of its branch") if plan.assessment.other_tops else _("top of the ladder")
    if road.already_met:
        return _("now (every requirement met)")
    if not road.dated:
        if road.eta is None and any(s.kind == StepKind.EDUCATION for s in road.steps):
            return _("not estimated (education)")
        if any(s.kind == StepKind.CERT for s in road.waits):
            return _("not dated (waits for a nomination)")
        return _("answer the open questions first")
    if road.eta == 0:
        return _("now")
    if two_lines:  # a narrow column: the month, then how far off it is
        return month_of(plan.today, road.eta) + "\n" + _("({months})").format(months=about_months(road.eta))
    return _("{month} ({months})").format(month=month_of(plan.today, road.eta), months=about_months(road.eta))


def next_cell(plan) -> str:
    """The next title in a table cell: `confirm Project Manager` when the plan confirms the title the person is placed
    at (what is left makes that placement whole, not a move up), a dash at the top."""
    target, best = plan.roadmap.target, plan.assessment.best
    if target is None:
        return "\u2014"
    return next_title_text(target, plan.lang, best is not None and best.id == target.id)


def where_fit_cell(plan) -> str:
    """The fit to the next title: `12 of 24 met, 8 close, 4 missing`, or a dash at the top."""
    target = plan.roadmap.target
    if target is None:
        return "\u2014"
    return fit_line(plan.assessment.fit(target.id), plan.lang)


def fit_short(fit, *, two_lines: bool = False) -> str:
    """`9/20 met, 9 close, 2 missing, 1 not answered`: the fit in a narrow table cell (what is met on a line
    of its own with `two_lines`)."""
    first, *rest = _fit_parts(fit, _("{met}/{total} met").format(met=fit.met, total=fit.total))
    if two_lines and rest:
        return first + "\n" + clauses(rest)
    return clauses([first, *rest])


def not_placed() -> str:
    return _("not placed yet")


def no_title() -> str:
    return _("none yet")


def best_cell(a, lang=None) -> str:
    """The best fit in a table cell, with the higher title the work matches when its certificates are not held."""
    best = a.best.title_in(lang) if a.best else not_placed()
    if a.matched is None:
        return best
    return C_("aside", "{text} ({aside})").format(text=best, aside=_("work matches {title}").format(title=a.matched.title_in(lang)))


def where_open_line(plan, checks, skills) -> tuple[str, str]:
    """One ladder's questions not answered yet, under `where`'s table (`views.progress.open_questions`), and the one
    command that asks them: (`On pm-titles: Education, Largest team led, 3 skill ratings; answer with:`, the command)."""
    from .plan import answer_command, label

    ladder, lang = plan.ladder, plan.lang
    names = [label(c.atom, ladder, lang) for c in checks]
    if skills:
        count = (_("{n} skill rating") if len(skills) == 1 else _("{n} skill ratings")).format(n=len(skills))
        names.append(C_("aside", "{text} ({aside})").format(text=count, aside=listing(skill_name(ladder, k, lang) for k in skills))
                     if len(skills) <= WHERE_SKILLS_NAMED else count)
    commands = {answer_command(c, plan) for c in checks} | ({plan.rerun("assess --only skills")} if skills else set())
    command = commands.pop() if len(commands) == 1 else plan.rerun("assess --ask")
    return _("On {ladder}: {names}; answer with:").format(ladder=ladder.id, names=listing(names)), command


WHERE_SKILLS_NAMED = 4  # more unrated skills than this are counted, not named


def where_title(name: str | None) -> str:
    return _("{name} on every ladder").format(name=name) if name else _("Your profile on every ladder")


def where_caption(today) -> str:
    return _("As of {date}. Fit is to the next title; requirements you have not answered count as not answered, never as missing. "
             "Ready: the earliest estimate at the pace given.").format(date=today.isoformat())


def recorded_line(assessment_id: int) -> str:
    return _("Recorded as assessment {id} in your history (see: pmladder history; compare with: pmladder progress).").format(id=assessment_id)


def not_recorded(problem: str) -> str:
    return _("note: history not recorded: {problem}").format(problem=problem)


def no_history(path) -> str:
    return _("No assessments recorded yet ({path}). Every saved 'pmladder assess' records one; record an older profile with "
             "'pmladder history import FILE --date YYYY-MM-DD'.").format(path=path)


def none_on_ladder(ladder_id: str, counts: dict, path) -> str:
    """`history --ladder X` when every assessment recorded is on other ladders: which ones, and how many on each."""
    others = C_("list", ", ").join(_("{id} ({n})").format(id=lid, n=n) for lid, n in sorted(counts.items()))
    return _("No assessments recorded on ladder '{id}' ({path}); there are some on: {ladders}. "
             "List one of them with 'pmladder history --ladder ID', or all with 'pmladder history'.").format(
                 id=ladder_id, path=path, ladders=others)


def history_title(count: int, path) -> str:
    return _("Assessment history: {n} recorded ({path})").format(n=count, path=path)


def imported_line(assessment_id: int, day, ladder_id: str, best: str | None, met: int, total: int, target: str | None) -> str:
    where = _("best fit {title}").format(title=best) if best else not_placed()
    toward = _("; {met} of {total} met toward {title}").format(met=met, total=total, title=target) if target else ""
    return _("Recorded assessment {id}: {date} on {ladder}, {where}{toward}.").format(
        id=assessment_id, date=day.isoformat(), ladder=ladder_id, where=where, toward=toward)


def forgot_line(row) -> str:
    return _("Forgot assessment {id} ({date}, {ladder}).").format(id=row.id, date=row.assessed_on.isoformat(), ladder=row.ladder_id)


def forgot_damaged_line(assessment_id: int) -> str:
    return _("Forgot assessment {id} (it could not be read).").format(id=assessment_id)


def forgot_all_line(n: int) -> str:
    return _("Forgot all {n} recorded assessments; the history file was compacted.").format(n=n)


def forget_question(n: int, path) -> str:
    return _("Forget all {n} recorded assessments in {path}? This cannot be undone.").format(n=n, path=path)


def nothing_to_forget() -> str:
    return _("Nothing to forget: no assessments are recorded.")


def nothing_forgotten() -> str:
    return _("Nothing was forgotten.")


def step_state_text(state: str) -> str:
    return {
        "done": _("done"), "ahead": _("done early"), "behind": _("behind"), "under_way": _("under way"), "not_due": _("not due yet"),
        "open": _("open (no date)"), "unknown": _("not answered"),
    }[state]


def verdict_head(verdict: str) -> str:
    return {"ahead": _("Ahead of schedule"), "on_schedule": _("On schedule"), "behind": _("Behind schedule"),
            "no_target": _("No schedule to compare")}[verdict]


def verdict_line(p) -> str:
    """The one sentence a person and their manager read first (the rule is in views/progress.py)."""
    then_day = p.then.assessed_on.isoformat()
    head = verdict_head(p.verdict)
    if p.verdict == "no_target":
        return _("{head}: on {date} you stood at the top of this ladder, so that assessment planned no next title.").format(
            head=head, date=then_day)
    title_ = title(p.target, p.lang) if p.target is not None else (p.then_target_title or "?")
    month = month_of(p.now.assessed_on, 0)
    if p.basis == "reached":
        first = p.reached_in if p.reached_in is not None else p.now
        month = month_of(first.assessed_on, 0)
        if first.id != p.now.id:
            month = _("{month} (assessment {id})").format(month=month, id=first.id)
        if p.slip is None:
            return _("{head}: you reached {title} by {when}.").format(head=head, title=title_, when=month)
        if p.slip < 0:
            return _("{head}: you reached {title} by {when}, {n} before the {planned} planned on {date}.").format(
                head=head, title=title_, when=month, n=amount(-p.slip, "months"), planned=p.then_ready_by, date=then_day)
        if p.slip == 0:
            return _("{head}: you reached {title} in {when}, the month planned on {date}.").format(head=head, title=title_, when=month, date=then_day)
        return _("{head}: you reached {title} by {when}, {n} later than the {planned} planned on {date}.").format(
            head=head, title=title_, when=month, n=amount(p.slip, "months"), planned=p.then_ready_by, date=then_day)
    due = p.due
    late = p.count("behind")
    if late and p.slip is not None and p.slip < 0:  # steps behind, yet the new estimate is sooner: say both
        head = _("Behind on steps, ahead on the date")
    if late:
        if len(due) == 1:
            what = _("the one step of the {date} plan due by {month} is not done")
        elif late == len(due):
            what = _("none of the {due} steps of the {date} plan due by {month} is done")
        else:
            what = (_("{late} of the {due} steps of the {date} plan due by {month} is not done") if late == 1 else
                    _("{late} of the {due} steps of the {date} plan due by {month} are not done"))
        return _("{head}: {what}.").format(head=head, what=what.format(late=late, due=len(due), date=then_day, month=month))
    early = p.count("ahead")
    if not due:
        done = _("nothing in the {date} plan was due by {month} yet").format(date=then_day, month=month)
        if early:
            done += _(", and {n} step(s) were done early").format(n=early)
    else:
        done = (_("the one step of the {date} plan due by {month} is done") if len(due) == 1 else
                _("both steps of the {date} plan due by {month} are done") if len(due) == 2 else
                _("all {n} steps of the {date} plan due by {month} are done")).format(n=len(due), date=then_day, month=month)
        if early:
            done += _(", and {n} more were done early").format(n=early)
    return _("{head}: {what}.").format(head=head, what=done)


def steps_line(p) -> str:
    """The steps of the earlier plan, counted by state."""
    parts = []
    for state in ("done", "behind", "ahead", "under_way", "not_due", "open", "unknown"):
        n = p.count(state)
        if n:
            parts.append(f"{step_state_text(state)} {n}")
    return _("Steps of the {date} plan: {counts}.").format(date=p.then.assessed_on.isoformat(), counts=clauses(parts) or _("none"))


def forecast_line(p) -> str | None:
    """The new earliest-ready estimate against the old one (same target, same pace)."""
    if p.target is None or p.reached:
        return None
    name = title(p.target, p.lang)
    now, planned, then_day = p.now_ready_by, p.then_ready_by, p.then.assessed_on.isoformat()
    if now is None:
        return _("Estimate now: no date for {title} (education is not estimated, or questions are open); planned on {date}: {planned}.").format(
            title=name, date=then_day, planned=planned or _("no date"))
    if planned is None:
        return _("Estimate now: ready for {title} around {now}; the {date} plan gave no date.").format(title=name, now=now, date=then_day)
    if p.slip == 0:
        return _("Estimate now: ready for {title} around {now}, the month planned on {date}.").format(title=name, now=now, date=then_day)
    if p.slip < 0:
        return _("Estimate now: ready for {title} around {now}, {n} sooner than the {planned} planned on {date}.").format(
            title=name, now=now, n=amount(-p.slip, "months"), planned=planned, date=then_day)
    return _("Estimate now: ready for {title} around {now}, {n} later than the {planned} planned on {date}.").format(
        title=name, now=now, n=amount(p.slip, "months"), planned=planned, date=then_day)


def why_later_line(p, ladder) -> str | None:
    """Why the estimate moved later: experience behind pace, steps behind, steps under way that start again."""
    if p.slip is None or p.slip <= 0 or p.reached:
        return None
    lang = p.lang
    reasons = []
    slow = [s for s in p.steps if s.on_pace is False]
    if slow:
        reasons.append(_("experience grew more slowly than planned ({names})").format(names=C_("list", "; ").join(
            _("{name}: {now}, {expected} expected by now").format(
                name=tr(ladder.facts[s.step["key"]], "name", lang), now=fact_amount(s.now, ladder.facts[s.step["key"]], lang),
                expected=num(round(s.expected, 2))) for s in slow)))
    if p.count("behind"):
        reasons.append(_("of the steps behind"))
    under = [s for s in p.steps if s.state == "under_way" and s.on_pace is None]
    if under:
        reasons.append(_("{n} step(s) the plan had under way show no change yet ({names}): ratings rise in whole steps, so the "
                         "new estimate starts them again").format(n=len(under), names=C_("list", "; ").join(s.step.get("text") or s.step.get("id", "") for s in under)))
    if not reasons:
        return _("It is later although every step due is done: the new plan orders the remaining work differently.")
    line = _("It is later because {reasons}.").format(reasons=_("; and because ").join(reasons))
    if under and not slow and not p.count("behind"):
        line += " " + _("If they are on track, the planned date still holds.")
    return line


def months_between(p) -> str:
    return _("{then} (#{a}) to {now} (#{b}), {n}").format(
        then=p.then.assessed_on.isoformat(), a=p.then.id, now=p.now.assessed_on.isoformat(), b=p.now.id, n=amount(p.months, "months"))


def progress_title(ladder, name: str | None, lang=None) -> str:
    who = _(" for {name}").format(name=name) if name else ""
    return _("Progress on {ladder}{who}").format(ladder=ladder.name_in(lang), who=who)


def placement_text(best: str | None, fully: str | None) -> str:
    if best is None:
        return not_placed()
    if fully == best:
        return _("{best} (met in full)").format(best=best)
    return _("{best} (fully meets: {fully})").format(best=best, fully=fully or no_title())


def moved_text(moved: int | None) -> str:
    if moved is None:
        return _("moved to another branch")
    if moved == 0:
        return _("same title")
    if moved > 0:
        return _("up {n}").format(n=_("1 level") if moved == 1 else _("{n} levels").format(n=moved))
    return _("down {n}").format(n=_("1 level") if moved == -1 else _("{n} levels").format(n=-moved))


def fit_counts(f) -> str:
    """A fit as a stored dict or an assess.Fit: `12 of 24 met, 8 close`."""
    if f is None:
        return "\u2014"
    if isinstance(f, dict):
        parts = [_("{met} of {total} met").format(met=f.get("met", 0), total=f.get("total", 0))]
        for key, word in (("short", _("{n} close")), ("missing", _("{n} missing")), ("unknown", _("{n} not answered"))):
            if f.get(key):
                parts.append(word.format(n=f[key]))
        return clauses(parts)
    return fit_line(f)


def change_text(c, ladder, lang=None) -> str:
    """One answer that changed: `Stakeholder management: 3 → 4 of 5`, `+ PRINCE2-Practitioner`."""
    gone = _("not answered")
    if c.kind == Kind.SKILL:
        name = skill_name(ladder, c.key, lang) if c.key in ladder.comps else c.key
        comp = ladder.comps.get(c.key)
        if comp is not None and comp.scale.named:
            return _("{name}: {before} \u2192 {after}").format(
                name=name, before=gone if c.before is None else rating_text(comp, c.before, lang),
                after=gone if c.after is None else rating_text(comp, c.after, lang))
        return _("{name}: {before} \u2192 {after} of 5").format(name=name, before=gone if c.before is None else c.before,
                                                              after=gone if c.after is None else c.after)
    if c.kind == Kind.FACT:
        fd = ladder.facts.get(c.key)
        name = tr(fd, "name", lang) if fd else c.key
        show = (lambda v: gone if v is None else fact_amount(v, fd, lang) if fd else num(v))
        return _("{name}: {before} \u2192 {after}").format(name=name, before=show(c.before), after=show(c.after))
    if c.kind == Kind.EDUCATION:
        return _("Education: {before} \u2192 {after}").format(before=c.before or gone, after=c.after or gone)
    if c.kind == Kind.CERT:
        return (_("+ {cert} (certification gained)") if c.after else _("\u2212 {cert} (no longer listed)")).format(cert=c.key)
    return (_("+ {cert} (other certificate: shown, not counted)") if c.after else _("\u2212 {cert} (other certificate, no longer listed)")).format(cert=c.key)


def not_updated_line(p, ladder) -> str | None:
    if not p.not_updated:
        return None
    names = listing(tr(ladder.facts[k], "name", p.lang) for k in p.not_updated)
    return _("Not updated in {n}: {names}. If you kept doing that work, raise it (pmladder assess --only experience), "
             "or the plan counts you as behind.").format(n=amount(p.months, "months"), names=names)


def gap_line(g) -> str:
    return _("{label}: {have} (needs {need})").format(label=g["label"], have=g["have_text"], need=g["need_text"])


def still_line(then: dict, now: dict) -> str:
    if then["have_text"] == now["have_text"]:
        return _("{label}: still {have} (needs {need})").format(label=now["label"], have=now["have_text"], need=now["need_text"])
    return _("{label}: {then} \u2192 {now} (needs {need})").format(label=now["label"], then=then["have_text"], now=now["have_text"], need=now["need_text"])


def step_now_text(s, ladder) -> str:
    """Where the later profile stands on a planned step: `3/5`, `held`, `0.5 years (0.5 expected)`."""
    kind, value = s.step.get("kind"), s.now
    if s.done is None:
        return _("not answered")
    if kind == StepKind.SKILL:
        return rating_text(ladder.comps.get(s.step.get("key")), value)
    if kind in (StepKind.BACKGROUND, StepKind.STUDY, StepKind.ROLE):
        fd = ladder.facts.get(s.step.get("key"))
        shown = fact_amount(value, fd) if fd else num(value)
        if s.expected is not None:
            shown += " " + _("({expected} expected)").format(expected=num(round(s.expected, 2)))
        return shown
    if kind == StepKind.CERT:
        return _("held") if value else _("not held")
    if kind == StepKind.EDUCATION:
        return edu_name(value)
    if kind == StepKind.ANSWER:
        return _("answered") if value else _("not answered")
    return str(value)


def chart_title(target_title: str) -> str:
    return _("Fit toward {title} over time").format(title=target_title)


def chart_axis() -> str:
    return _("Requirements met (%)")


def later_steps_line(n: int, first: str | None) -> str:
    return _("{n} later step(s) are not due yet; the next falls due by {month}.").format(n=n, month=first) if first else \
        _("{n} later step(s) are not due yet.").format(n=n)


def ladder_changed_line() -> str:
    return _("The ladder changed version between these assessments; the later one is compared on the installed version.")


def progress_next_line(p) -> str | None:
    """Once the target is reached, what the later assessment plans next."""
    if not p.reached:
        return None
    nxt = p.now_plan.roadmap.target
    if nxt is None:
        return _("That is the top of this ladder.")
    return _("Next: {title}, ready {when}.").format(title=title(nxt, p.lang), when=ready_cell(p.now_plan))


def closed_line(g) -> str:
    return _("{label}: met now (was {have}; needs {need})").format(label=g["label"], have=g["have_text"], need=g["need_text"])

