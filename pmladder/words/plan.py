"""Words of a person's plan: advice, roadmap steps, the placement and its notes, headings."""

from __future__ import annotations

import math
from ..engine.flags import FEW_YEARS_HIGH, MANY_YEARS_LOW, PART_ABOVE_WHOLE
from ..engine.months import month_of
from ..engine.placement import budget
from ..engine.types import BUILTIN_TOP, Kind, StepKind, tr
from ..text.wrap import has_wide
from . import _, about_months, amount, group_rating, options_text, rating_text, cert_name, fact_amount, fact_number, clauses, edu_name, edu_short, fact_name, gap_notes, have_text, label, listing, need_text, num, route_name, route_text, routes_text, semicolons, sentences, skill_name


# --- advice ------------------------------------------------------------------------------------


def fact_advice(fd, have: float | None, lang=None) -> str:
    """What to do about a fact, fitted to what the person already has."""
    texts = tr(fd, "advice", lang)
    if texts is fd.advice:
        texts = tuple(text for _from, text in fd.advice)
    pick = 0
    for i, (start, _text) in enumerate(fd.advice):
        if (have or 0) >= start:
            pick = i
    return texts[pick]


def skill_advice(comp, rating: int, lang=None) -> str:
    """What to do to go from `rating` to the next one."""
    return tr(comp, "grow", lang)[min(max(rating, 0), comp.top - 1)]


def sentence(text: str) -> str:
    """Text ending with exactly one full stop (or its own ! or ?): `。` when the text is Chinese."""
    text = text.rstrip()
    if text.endswith((".", "!", "?", "。", "！", "？")):
        return text
    return text + ("。" if has_wide(text) else ".")


def cert_advice(cert: str, ladder, step, today, lang=None) -> str:
    info = ladder.certs[cert]
    name = cert_name(ladder, cert, lang)
    if renewing(step):
        return _("Renew {cert} ({issuer}) by {month}: {renewal}").format(
            cert=name, issuer=tr(info, "issuer", lang), month=month_of(today, step.end), renewal=sentence(tr(info, "renewal", lang)))
    if info.prep_months is None:
        return _("Ask to be nominated for {cert} ({issuer}); it cannot be planned by the month.").format(cert=name, issuer=tr(info, "issuer", lang))
    prep = amount(math.ceil(info.prep_months - 1e-9), "months")
    if step is not None and step.why == "answer":
        return _("Earn {cert} ({issuer}): not dated until you answer what its rules ask ({what}), then about {prep} of preparation.").format(
            cert=name, issuer=tr(info, "issuer", lang), what=listing(question_name(ladder, d, lang) for d in step.after if d.startswith("answer:")),
            prep=prep)
    if step is None or step.start is None:
        when = _("eligible now")
    elif step.why == "eligible":
        when = _("eligible around {month}").format(month=month_of(today, step.start))
    elif step.why == "after":
        when = _("once the steps it depends on are done (around {month})").format(month=month_of(today, step.start))
    else:
        when = _("eligible now")
    return _("Earn {cert} ({issuer}): {when}, then about {prep} of preparation.").format(cert=name, issuer=tr(info, "issuer", lang), when=when, prep=prep)


def renewing(step) -> bool:
    """Whether a roadmap step renews a certificate that lapsed (`renew:CERT`), not earns one."""
    return step is not None and str(getattr(step, "id", "")).startswith("renew:")


def lapse_lines(known, ladder, lang=None) -> list[str]:
    """Certificates listed but lapsed, and those to renew soon: `PMP: lapsed in 2025-05; to renew: ...`."""
    out = [_("{cert}: lapsed in {month}; to renew: {renewal}").format(
        cert=x.cert, month=x.on.strftime("%Y-%m"), renewal=sentence(tr(ladder.certs[x.cert], "renewal", lang)))
        if x.renewable else too_late(x, ladder) for x in known.lapsed]
    out += [_("{cert}: renew by {month}; to renew: {renewal}").format(
        cert=x.cert, month=x.on.strftime("%Y-%m"), renewal=sentence(tr(ladder.certs[x.cert], "renewal", lang))) for x in known.renew_by]
    return out


def lapsed_have(check, known) -> str | None:
    """What a person has for a certificate requirement whose certificate lapsed: `PMP, lapsed in 2022-05`; None otherwise."""
    if check.kind not in (Kind.CERT, Kind.CERTS) or check.state == "met" or known is None:
        return None
    options = (check.need,) if check.kind == Kind.CERT else check.need
    gone = [x for x in known.lapsed if x.cert in options]
    return _("{cert}, lapsed in {month}").format(cert=gone[0].cert, month=gone[0].on.strftime("%Y-%m")) if gone else None


def lapse_head(known) -> str:
    """The heading over `lapse_lines`: renewing, or also earning again what lapsed too long ago."""
    if all(x.renewable for x in known.lapsed):
        return _("Certificates to renew:")
    return _("Certificates that lapsed, or are to renew:") if known.renew_by or any(x.renewable for x in known.lapsed) \
        else _("Certificates that lapsed:")


def not_counted_line(certs) -> str:
    """`Held, but not asked for on this ladder: CSM, PSM-I.`"""
    return _("Held, but not asked for on this ladder: {certs}.").format(certs=listing(certs))


def too_late(lapse, ladder) -> str:
    """A certificate lapsed longer ago than its issuer allows renewal: it is earned again."""
    return _("{cert}: lapsed in {month}, more than {n} months ago, past the time its issuer allows for renewal; "
             "it is earned again, exam and all").format(cert=lapse.cert, month=lapse.on.strftime("%Y-%m"),
                                                      n=ladder.certs[lapse.cert].grace_months)


def question_name(ladder, step_id: str, lang=None) -> str:
    """What an `answer:KEY` step asks, by name: a fact's or a competency's, else the key."""
    key = step_id.split(":", 1)[1]
    if key in ladder.facts:
        return tr(ladder.facts[key], "name", lang)
    if key in ladder.comps:
        return tr(ladder.comps[key], "name", lang)
    return key


def how(check, step, plan, lang=None) -> str:
    """How to close one requirement: advice fitted to what the person has, in full (as the JSON gives it)."""
    if check.state == "unknown":
        return unknown_hint(check, plan)
    if new_role(check, plan.ladder):
        return sentences(how_own(check, step, plan, lang), _("This comes with a new assignment, not month by month: plan it with your manager."))
    return how_own(check, step, plan, lang)


def new_role(check, ladder) -> bool:
    """Whether a requirement grows with a new assignment (a larger team), not month by month."""
    return check.state != "unknown" and check.kind == Kind.FACT and ladder.facts[check.key].grows == "role"


def how_own(check, step, plan, lang=None) -> str:
    """How to close one requirement, without what a gap list says once below its rows (`gap_list_notes`):
    the advice for this requirement alone; nothing for one not answered."""
    ladder = plan.ladder
    if check.state == "unknown":
        return ""
    kind = check.kind
    if kind == Kind.FACT:
        fd = ladder.facts[check.key]
        text = sentence(fact_advice(fd, check.have, lang))
        if fd.needs_role and step is not None and step.after:
            text = sentences(text, _("These years count only in a role of that kind, not in your present job: plan the move with your manager."))
        return text
    if kind == Kind.SKILL:
        have = check.have or 0
        text = sentence(skill_advice(ladder.comps[check.key], have, lang))
        if check.need - have > 1:
            text = sentences(text, _("Then: {next}").format(next=sentence(skill_advice(ladder.comps[check.key], have + 1, lang))))
        return text
    if kind == Kind.EDUCATION:
        return _("Complete {what}, or ask whether experience is accepted in its place.").format(what=edu_name(check.need))
    if kind in (Kind.CERT, Kind.CERTS):
        cert = step.key if step is not None and step.kind == StepKind.CERT else (check.need if kind == Kind.CERT else check.need[0])
        text = cert_advice(cert, ladder, step, plan.today, lang)
        if kind == Kind.CERTS and step is not None:
            text = sentences(_("Any one will do; the plan takes {cert}, the soonest you can hold.").format(cert=cert), text)
        return text
    if kind == Kind.SKILLS:
        n, ids, rating = check.need
        return _("Raise {n} of these to {rating}; the plan takes the ones closest to it.").format(n=n, rating=group_rating(ladder, ids, rating, lang))
    if kind == Kind.ALT and isinstance(check.have, int) and check.atom.routes:
        return _("Meet one of the {n} routes; you are closest to {name}: {route}.").format(
            n=len(check.need), name=route_name(check.atom, check.have, lang), route=route_text(check.need[check.have], ladder, lang))
    if kind == Kind.ALT and isinstance(check.have, int):
        return _("Meet one of the {n} routes; you are closest to: {route}.").format(
            n=len(check.need), route=route_text(check.need[check.have], ladder, lang))
    return _("Meet one of the {n} routes: {routes}.").format(n=len(check.need), routes=routes_text(check.atom, ladder, lang))


def unknown_hint(check, plan) -> str:
    return _("Not answered yet: answer it with `{command}`.").format(command=answer_command(check, plan))


def answer_command(check, plan) -> str:
    """The command that asks an unanswered requirement: its section of the questions again."""
    section = {Kind.FACT: "experience", Kind.EDUCATION: "experience", Kind.CERT: "certifications", Kind.CERTS: "certifications",
               Kind.SKILL: "skills", Kind.SKILLS: "skills"}.get(check.kind, "experience")
    when = check.atom.when
    if when is not None and any(plan.assessment.known.fact(key) is None for key, least in when.facts):
        section = "experience"  # open because the fact it depends on is blank
    return plan.rerun(f"assess --only {section}")


def gap_list_notes(gaps, plan) -> list[str]:
    """What a list of gaps says once, below its rows, instead of on every row it concerns: which
    gaps come with a new role, and the command that answers the ones not answered (one a section)."""
    ladder, lang = plan.ladder, plan.lang
    out = []
    roles = [label(g.check.atom, ladder, lang) for g in gaps if new_role(g.check, ladder)]
    if roles:
        out.append(_("These come with a new assignment, not month by month: plan them with your manager: {names}.").format(
            names=listing(roles)))
    for names, command in _by_command([g.check for g in gaps if g.check.state == "unknown"], plan):
        out.append(_("Not answered yet: {names}; answer with `{command}`.").format(names=names, command=command))
    return out


def unanswered_head() -> str:
    return _("Not answered yet (the result may change once they are):")


def unanswered_lines(checks, plan) -> list[str]:
    """Unanswered requirements, one line for each command that answers them: `Education, Largest team led: answer with `...``."""
    return [_("{names}: answer with `{command}`").format(names=names, command=command) for names, command in _by_command(checks, plan)]


def _by_command(checks, plan) -> list[tuple[str, str]]:
    asks: dict[str, list[str]] = {}
    for c in checks:
        asks.setdefault(answer_command(c, plan), []).append(label(c.atom, plan.ladder, plan.lang))
    return [(listing(names), command) for command, names in asks.items()]


def folded_gaps(gaps, plan) -> str:
    """The gaps after the lead ones, in one line: `9 more gaps: Risk management: 2/5 → 3/5, by 2028-03; ...`."""
    ladder = plan.ladder
    items, unanswered = [], []
    for g in gaps:
        if g.check.state == "unknown":
            unanswered.append(label(g.check.atom, ladder, plan.lang))
            continue
        items.append(gap_item(g, plan))
    if unanswered:
        items.append(_("not answered: {names}").format(names=listing(unanswered)))
    head = _("One more gap: {items}.") if len(gaps) == 1 else _("{n} more gaps: {items}.")
    return sentences(head.format(n=len(gaps), items=semicolons(items)), _("Add --all-gaps to see every gap in full."))


def gap_item(g, plan) -> str:
    """A gap in a few words: `Risk management: 2/5 \u2192 3/5, by 2028-03 (quick win)`."""
    ladder = plan.ladder
    have = lapsed_have(g.check, plan.assessment.known) or have_text(g.check, ladder)
    item = _("{name}: {have} \u2192 {need}").format(name=label(g.check.atom, ladder, plan.lang), have=have,
                                                need=need_text(g.check.atom, ladder))
    by = month_of(plan.today, g.done)
    if by:
        item = _("{item}, by {month}").format(item=item, month=by)
    notes = gap_notes(g)
    if notes:
        item = _("{item} ({notes})").format(item=item, notes=notes)
    return item


# --- steps of the roadmap ---------------------------------------------------------------------


def step_text(step, ladder, lang=None) -> str:
    """A roadmap step in a few words."""
    kind = step.kind
    if kind == StepKind.BACKGROUND:
        fd = ladder.facts[step.key]
        if getattr(step, "after", ()):  # counted from a move into a role of its own kind (a team's Item has no `after`)
            return _("{name}: from {have} to {need} (in that role)").format(name=tr(fd, "name", lang), have=fact_number(step.have, fd), need=fact_amount(step.need, fd, lang))
        return _("{name}: from {have} to {need} (with the work)").format(name=tr(fd, "name", lang), have=fact_number(step.have, fd), need=fact_amount(step.need, fd, lang))
    if kind == StepKind.STUDY:
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need}").format(name=tr(fd, "name", lang), have=fact_number(step.have, fd), need=fact_amount(step.need, fd, lang))
    if kind == StepKind.ROLE and ladder.facts[step.key].needs_role:
        return _("Move into a role where {name} count").format(name=tr(ladder.facts[step.key], "name", lang))
    if kind == StepKind.ROLE:
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need} (with a new role)").format(name=tr(fd, "name", lang), have=fact_number(step.have, fd), need=fact_amount(step.need, fd, lang))
    if kind == StepKind.SKILL:
        comp = ladder.comps[step.key]
        if comp.scale.named:
            return _("{name}: from {have} to {need}").format(name=skill_name(ladder, step.key, lang), have=rating_text(comp, step.have, lang),
                                                             need=rating_text(comp, step.need, lang))
        return _("{name}: from {have} to {need} of 5").format(name=skill_name(ladder, step.key, lang), have=step.have, need=step.need)
    if kind == StepKind.CERT and renewing(step):
        return _("Renew {cert}").format(cert=step.key)
    if kind == StepKind.CERT:
        return _("Earn {cert}").format(cert=step.key)
    if kind == StepKind.EDUCATION:
        return _("Education: {need}").format(need=edu_name(step.need))
    return _("Answer: {what}").format(what=label(step.check.atom, ladder, lang) if step.check else step.key)


def reached_text(step, ladder, lang=None) -> str:
    """A background step done: `Years in project work reach 8 years`."""
    fd = ladder.facts[step.key]
    return _("{name} reaches {need}").format(name=tr(fd, "name", lang), need=fact_amount(step.need, fd, lang))


def why_text(step, plan, lang=None) -> str | None:
    """Why a step starts when it does, when that is not simply 'now'."""
    if step.start is None or step.start == 0:
        return None
    if step.why == "eligible":
        return _("when you become eligible")
    if step.why == "title":
        below = plan.title_before(step.milestone)
        return _("once you are {title}").format(title=below) if below else None
    if step.why == "after":
        return _("after the step before it")
    if step.why == "pace":
        return _("when one of your {n} slots is free").format(n=plan.roadmap.pace)
    return None




# --- placement --------------------------------------------------------------------------------


def title(level, lang=None) -> str:
    return level.title_in(lang)


def next_title_text(level, lang=None, confirms: bool = False) -> str:
    """The title a plan leads to, or `confirm Project Manager` when it confirms the one the person is placed at."""
    shown = level.title_in(lang)
    return _("confirm {title}").format(title=shown) if confirms else shown


def why_line(a, lang=None) -> str:
    """One line: why the person stands where they do."""
    from ..engine.placement import evidence

    ladder = a.ladder
    if a.best is None:
        if a.matched is not None:
            issuer = a.ladder.framework.issuer if a.ladder.framework else a.ladder.name_in(lang)
            if not a.known.certs_known:
                line = _("Not placed yet: this ladder follows {issuer}'s certificates and you have not said which you hold; your work matches {title}.")
            else:
                line = _("Not placed yet: this ladder follows {issuer}'s certificates and you hold none that its titles ask for; your work matches {title}.")
            line = line.format(title=title(a.matched, lang), issuer=issuer)
            if a.matched_up is not None:
                line = sentences(line, _("Answering the open questions could show it matches up to {title}.").format(title=title(a.matched_up, lang)))
            return line
        entry = a.fits[0]
        ev = evidence(entry, ladder)
        if ev.missing == 0 and ev.unanswered:
            return _("Not placed yet: {n} of the {total} things {title} asks about your work are not answered.").format(
                n=ev.unanswered, total=ev.total, title=title(entry.level, lang))
        if ev.missing == 0:
            return _("Not yet on this ladder: {short} of the {total} things {title} asks about your work fall a little short, more than the {allowed} it allows.").format(
                short=ev.short, total=ev.total, title=title(entry.level, lang), allowed=ev.allowed)
        return _("Not yet on this ladder: the work {title}, the first title, asks for is not there yet ({missing} missing).").format(
            title=title(entry.level, lang), missing=ev.missing)
    fit = a.fit(a.best.id)
    if fit.fully:
        return _("{title}: every one of its {total} requirements is met.").format(title=title(a.best, lang), total=fit.total)
    parts = []
    if fit.short:
        parts.append(_("{n} close").format(n=fit.short))
    if fit.missing:
        parts.append(_("{n} still to earn").format(n=fit.missing))
    if fit.unknown:
        parts.append(_("{n} not answered").format(n=fit.unknown))
    return _("{title}: {met} of its {total} requirements are met, {rest}.").format(
        title=title(a.best, lang), met=fit.met, total=fit.total, rest=clauses(parts))


def standing_lines(plan) -> list[tuple[str, str]]:
    """What the headline title rests on, beyond `why_line`: (kind, sentence) pairs, in the order they are shown.

    work: the work matches a higher title whose certificates or gates are not held; edge: at the edge of
    the title; record: no rating answered, the title rests on the facts; tied: as good a fit on another
    branch; could: the upper bound the open questions leave."""
    from ..engine.placement import UNKNOWN

    a, lang = plan.assessment, plan.lang
    out: list[tuple[str, str]] = []
    if a.matched is not None and a.best is not None:
        line = _("Your work matches {title}; to hold that title: {items}.").format(
            title=title(a.matched, lang), items=listing([confirm_text(c, a.ladder, lang, a.known) for c in _papers(a, a.matched)]))
        if a.matched_up is not None:
            line = sentences(line, _("Answering the open questions could show it matches up to {title}.").format(title=title(a.matched_up, lang)))
        out.append(("work", line))
    if a.best is not None:
        fit = a.fit(a.best.id)
        if fit.edge >= 0:
            out.append(("edge", _("At the edge of {title}: as many requirements close or not answered ({n}) as it allows.").format(
                title=title(a.best, lang), n=fit.edge)))
    if a.best is not None and a.ladder.framework is None and not plan.profile.competencies and any(c.kind in (Kind.SKILL, Kind.SKILLS) for c in a.fit(a.best.id).checks):
        if plan.profile.facts:
            line = _("You answered no skill rating: {title} rests on your record alone; your ratings would confirm it.")
        else:
            line = _("You answered no skill rating and no experience: {title} rests on what your certificates prove; your answers would confirm it.")
        out.append(("record", line.format(title=title(a.best, lang))))
    if a.tied:
        out.append(("tied", _("As good a fit on another branch: {titles}.").format(titles=listing([title(lv, lang) for lv in a.tied]))))
    if a.could_be is not None:
        n = sum(1 for c in a.fit(a.could_be.id).checks if c.state == UNKNOWN)
        out.append(("could", _("On what you answered: {title}. Open questions: {n}; answering them could place you up to {upper}.").format(
            title=title(a.best, lang), n=n, upper=title(a.could_be, lang))))
    return out


def _papers(a, level) -> list:
    """The certificates and gates of `level` not held: what stands between the work and the title."""
    from ..engine.placement import CERTIFICATE, MET, sort_of

    return [c for c in a.fit(level.id).checks if c.state != MET and (c.atom.gate or sort_of(c.atom, a.ladder) == CERTIFICATE)]


def _fit_parts(fit, met: str) -> list[str]:
    """What is met (worded by the caller), then what is close, missing and not answered."""
    parts = [met]
    if fit.short:
        parts.append(_("{n} close").format(n=fit.short))
    if fit.missing:
        parts.append(_("{n} missing").format(n=fit.missing))
    if fit.unknown:
        parts.append(_("{n} not answered").format(n=fit.unknown))
    return parts


def fit_line(fit, lang=None) -> str:
    """`9 of 20 met, 9 close, 2 missing`."""
    return clauses(_fit_parts(fit, _("{met} of {total} met").format(met=fit.met, total=fit.total)))


def confirm_text(check, ladder, lang=None, known=None) -> str:
    """An open item of a title: `Hours of formal PM training: 20 hours, asks for 35`, `PMP: not held; you can sit it now`."""
    name = label(check.atom, ladder, lang)
    if check.state == "unknown":
        return _("{name}: not answered").format(name=name)
    if check.kind == Kind.FACT:
        return _("{name}: {have}, asks for {need}").format(name=name, have=fact_amount(check.have, ladder.facts[check.key], lang),
                                                           need=num(check.need))
    if check.kind == Kind.SKILL:
        comp = ladder.comps[check.key]
        if comp.scale.named:
            return _("{name}: {have}, asks for {need}").format(name=name, have=rating_text(comp, check.have, lang),
                                                               need=rating_text(comp, check.need, lang))
        return _("{name}: {have} of 5, asks for {need}").format(name=name, have=check.have, need=check.need)
    if check.kind == Kind.EDUCATION:
        return _("{name}: {have}, asks for {need}").format(name=name, have=check.have, need=check.need)
    if check.kind in (Kind.CERT, Kind.CERTS):
        options = (check.need,) if check.kind == Kind.CERT else check.need
        gone = [x for x in (known.lapsed if known is not None else ()) if x.cert in options]
        if gone and gone[0].renewable:
            return _("{name}: lapsed in {month}; renew it").format(name=name, month=gone[0].on.strftime("%Y-%m"))
        if gone:
            return _("{name}: {cert} lapsed in {month}, too long ago to renew; earn it again, exam and all").format(
                name=name, cert=gone[0].cert, month=gone[0].on.strftime("%Y-%m"))
        if all(c in ladder.certs and ladder.certs[c].prep_months is None for c in options):
            return _("{name}: not held; it is by nomination, so no date can be planned").format(name=name)
        if known is not None and any(known.eligible_now(c) for c in options):
            return _("{name}: not held; you can sit it now").format(name=name)
        return _("{name}: not held").format(name=name)
    if check.state == "short":
        return _("{name}: close").format(name=name)
    return _("{name}: not met yet").format(name=name)


def implied_text(item, ladder, lang=None) -> str:
    """`Hours of formal PM training at least 35 hours (implied by PMP)`, and the answer it overrides, if any."""
    if item.kind == Kind.CERT:
        return _("{cert} (implied by {by})").format(cert=item.key, by=item.by)
    if item.kind == Kind.FACT:
        fd = ladder.facts[item.key]
        name, value = tr(fd, "name", lang), fact_amount(item.value, fd, lang)
        answered = fact_amount(item.answered, fd, lang) if item.answered is not None else None
    else:
        name, value = _("Education"), edu_short(item.value)
        answered = edu_short(item.answered) if item.answered is not None else None
    if answered is None:
        return _("{name} at least {value} (implied by {cert})").format(name=name, value=value, cert=item.by)
    return _("{name} at least {value} (implied by {cert}; you answered {answered}, less than {cert} asks of its holders: "
             "check that answer)").format(name=name, value=value, cert=item.by, answered=answered)


def flag_text(flag, ladder, lang=None) -> str:
    """Answers that do not fit together (`engine/flags.py`), and what to do: check them, or answer the one left blank."""
    p, facts = flag.params, ladder.facts

    def fact(key: str) -> str:
        return fact_name(ladder, key, lang)

    def value(key: str, v) -> str:
        return fact_amount(v, facts[key], lang)

    if flag.code == MANY_YEARS_LOW:
        return _("You answered {years} for '{fact}', but none of your {rated} skill ratings is above {highest} of 5. That much "
                 "experience usually shows in the ratings: check these answers.").format(
            years=value(p["fact"], p["years"]), fact=fact(p["fact"]), rated=p["rated"], highest=p["highest"])
    if flag.code == FEW_YEARS_HIGH:
        return _("You answered {years} for '{fact}', but every one of your {rated} skill ratings is {lowest} of 5 or more. Ratings "
                 "that high usually take longer: check these answers.").format(
            years=value(p["fact"], p["years"]), fact=fact(p["fact"]), rated=p["rated"], lowest=p["lowest"])
    if flag.code == PART_ABOVE_WHOLE:
        return _("You answered {value} for '{part}', more than the {whole_value} you answered for '{whole}', which includes it: "
                 "check these two answers.").format(value=value(p["fact"], p["value"]), part=fact(p["fact"]),
                                                    whole_value=value(p["whole"], p["whole_value"]), whole=fact(p["whole"]))
    if p["kind"] == Kind.FACT:
        given, what = value(p["key"], p["value"]), fact(p["key"])
    else:
        given, what = _("{n} of 5").format(n=p["value"]), skill_name(ladder, p["key"], lang)
    if p["at_least"] is not None:
        return _("You answered {value} for '{part}' but left '{whole}', which includes it, unanswered: answer it (at least {least}).").format(
            value=given, part=what, whole=fact(p["blank"]), least=value(p["blank"], p["at_least"]))
    return _("You answered {value} for '{answer}', which says you have led a team, but left '{blank}' unanswered: answer it.").format(
        value=given, answer=what, blank=fact(p["blank"]))


def level_position(a, level) -> str:
    return _("level {n} of {total}").format(n=a.ladder.index(level.id) + 1, total=len(a.ladder.levels))


# --- headings and notes -----------------------------------------------------------------------


def top_line(plan, lateral_only: bool = False) -> str:
    """What to say when no next title is planned: the top of the ladder, or of one branch of it (`lateral_only`:
    only the lateral move open from here, or nothing)."""
    others = plan.assessment.other_tops
    best, lang = plan.assessment.best, plan.lang
    across = tuple(plan.ladder.level(i) for i in best.lateral) if best is not None else ()
    move = _("A lateral move is open to {titles}; plan it with --target {id}.").format(
        titles=listing(title(lv, lang) for lv in across), id=across[0].id) if across else ""
    if lateral_only:
        return move
    if not others:
        return sentences(_("You are at the top of this ladder: there is no next title to plan for."), move)
    line = _("{title} is the top of its branch: there is no next title on it.").format(title=title(best, lang))
    line = sentences(line, _("The ladder's other branch leads to {titles}; plan for it with --target {id}.").format(
        titles=listing(title(lv, lang) for lv in others), id=others[0].id))
    return sentences(line, move)


def eta_line(plan) -> str:
    road = plan.roadmap
    target = title(road.target, plan.lang)
    if road.already_met:
        return _("You already meet every requirement of {title}.").format(title=target)
    if road.eta is None:
        best = plan.assessment.best
        if best is not None and road.target.id == best.id and not road.waits and all(s.kind == StepKind.ANSWER for s in road.steps):
            return _("The open questions decide {title}: answering them confirms it, or may place you higher or lower.").format(title=target)
        if any(s.kind == StepKind.EDUCATION for s in road.steps):
            return _("Ready for {title}: no estimate, because education is not estimated.").format(title=target)
        if road.waits:
            return _("Ready for {title}: not dated; it waits for {what}.").format(title=target, what=semicolons(wait_text(s, plan) for s in road.waits))
        return _("Ready for {title}: no estimate until the open questions are answered.").format(title=target)
    best = plan.assessment.best
    if best is not None and road.target.id == best.id:  # the title held, with something still open: confirming it
        if road.eta == 0:
            return _("{title} confirmed now.").format(title=target)
        return _("{title} confirmed in full in {months} (around {month}).").format(
            title=target, months=about_months(road.eta), month=month_of(plan.today, road.eta))
    if road.eta == 0:
        return _("Ready for {title} now.").format(title=target)
    return _("Ready for {title} in {months} (around {month}).").format(title=target, months=about_months(road.eta), month=month_of(plan.today, road.eta))


def wait_text(step, plan) -> str:
    """What an undated plan waits for: `a nomination for Contoso PM Academy`, `your answer on Years managing programs`."""
    if step.kind == StepKind.CERT:
        return _("a nomination for {cert}").format(cert=cert_name(plan.ladder, step.key, plan.lang))
    return _("your answer on {question}").format(question=label(step.check.atom, plan.ladder, plan.lang) if step.check else step.key)


def limited_line(plan) -> str | None:
    steps = plan.roadmap.limits
    if not steps:
        return None
    names = [step_text(s, plan.ladder, plan.lang) for s in steps]
    return _("What sets the date: {what}.").format(what=semicolons(names))


def pace_line(plan) -> str:
    return _("At most {n} development items at a time (change it with --pace); experience keeps growing in the background.").format(n=plan.roadmap.pace)


def assumption_lines(plan) -> list[str]:
    out = []
    road = plan.roadmap
    if any(s.kind == StepKind.ANSWER for s in road.steps):
        out.append(_("The dates assume that the requirements you have not answered are met."))
    windowed = window_assumed(plan)
    if windowed:
        out.append(_("Years counted within the last few years ({what}) assume the work goes on up to today; "
                     "if it stopped earlier, add last_year to the profile.").format(
            what=listing(tr(plan.ladder.facts[k], "name", plan.lang) for k in windowed)))
    facts = plan.ladder.facts
    moves = [s for s in road.steps if s.kind == StepKind.ROLE and facts[s.key].needs_role]
    if moves:
        out.append(_("The dates assume a move into a role where these years count: {what}.").format(
            what=semicolons(_("{name} from {month}").format(name=tr(facts[s.key], "name", plan.lang), month=month_of(plan.today, s.start))
                            for s in moves)))
    top = role_rating_months(plan)
    if top:
        out.append(_("Ratings from {rating} up grow with the role that asks for them, side by side and beside the development "
                     "items; a step takes at least {what} (the catalog's judgment).").format(
            rating=options_text(top[min(top)][1]),
            what=listing(_("{months} to {rating}").format(months=amount(m, "months"), rating=options_text(names)) for _r, (m, names) in sorted(top.items()))))
    roles = list({s.key: s for s in sorted((s for s in road.steps if s.kind == StepKind.ROLE and not facts[s.key].needs_role),
                                           key=lambda s: s.need)}.values())
    if roles:
        out.append(_("The dates assume a new role by then: {what}.").format(
            what=semicolons(_("{name} {need} or more").format(name=tr(plan.ladder.facts[s.key], "name", plan.lang), need=fact_number(s.need, plan.ladder.facts[s.key])) for s in roles)))
    return out


def role_rating_months(plan) -> dict[int, tuple[float, list[str]]]:
    """The catalog's least months for a step to a rating, for the ratings the plan raises that have one: by the
    rating's place on the built-in 0-5 scale (the same number of points below a named scale's top), with the
    ratings in words (`3`, or `Expert (4 of 5)` on a named scale)."""
    out: dict[int, tuple[float, list[str]]] = {}
    for s in plan.roadmap.steps:
        if s.kind == StepKind.SKILL:
            comp = plan.ladder.comps[s.key]
            least = comp.least
            if 0 < s.need <= len(least) and least[s.need - 1] > 0:
                shown = rating_text(comp, s.need, plan.lang) if comp.scale.named else str(s.need)
                months, names = out.setdefault(s.need + BUILTIN_TOP - comp.top, (least[s.need - 1], []))
                if shown not in names:
                    names.append(shown)
    return out


def window_assumed(plan) -> list[str]:
    """Answered facts that a requirement counts within a window, with no `last_year` to place them in time."""
    from ..engine.types import atoms_of

    a = plan.assessment
    levels = [lv for lv in (a.best, *plan.roadmap.path) if lv is not None]
    keys = {atom.key for lv in levels for atom in atoms_of(lv.requires) if atom.kind == Kind.FACT and atom.within is not None}
    return [k for k in plan.ladder.facts if k in keys and k in plan.profile.facts and k not in plan.profile.last_year]


def issuer_note(ladder) -> str:
    """The one sentence every output carries about certification rules, with their dates."""
    dates = sorted({c.as_of.isoformat() for c in ladder.certs.values()})
    when = dates[0] if len(dates) == 1 else _("{first} to {last}").format(first=dates[0], last=dates[-1])
    return _("Certification rules are summarised from the issuers' published rules as checked on {when}; "
             "the issuers' own rules are authoritative.").format(when=when)


def ladder_advice_lines(ladder, lang: str | None) -> list[str]:
    """Every line of the ladder-wide advice, each tagged one saying whom it suits (for `show`): a tier
    all of whose levels it suits by the tier's name, other levels by their titles."""
    out = []
    for i, text in enumerate(tr(ladder, "advice", lang)):
        suits = set(ladder.advice_suits(i))
        if suits:
            names: list[str] = []
            for tier in ladder.tiers:
                ids = [lv.id for lv in ladder.levels if lv.tier == tier]
                if ids and suits.issuperset(ids):
                    names.append(ladder.tier_name(tier, lang))
                else:
                    names += [ladder.level(lid).title_in(lang) for lid in ids if lid in suits]
            text = _("{advice} (for {titles})").format(advice=text, titles=listing(names))
        out.append(text)
    return out


def framework_note(ladder) -> str | None:
    fw = ladder.framework
    if fw is None:
        return None
    return _("This ladder follows {issuer}'s scheme as published at {source} (read on {date}); {issuer}'s own rules are "
             "authoritative, and pmladder is not affiliated with {issuer}.").format(issuer=fw.issuer, source=fw.source, date=fw.as_of.isoformat())


def judgment_note() -> str:
    return _("Requirement numbers, tolerances and time estimates are judgment (the ladder's and the catalog's), not rules: "
             "use them to start a conversation with your manager or mentor.")




def tolerance_text(level, ladder=None, lang=None) -> str:
    """How close counts as there on a level, for `show` and the ladder overview (gates named by `ladder`'s names)."""
    from ..engine.placement import EVIDENCE, sort_of

    tol = level.tolerance
    total = sum(1 for a in level.requires if ladder is None or sort_of(a, ladder) == EVIDENCE)
    n = budget(tol, total)
    gates = [a for a in level.requires if a.gate]
    if n == 0:
        text = _("Every requirement must be met in full.")
    else:
        text = _("Close counts: up to {n} of the {total} requirements about the work may fall a little short (a rating {steps} "
                 "step below, a number within its tolerance) or, for ratings and sizes, be left unanswered. Certificates, "
                 "course hours and education confirm the title; they do not move it.").format(n=n, total=total, steps=tol.rating_steps)
    if gates:
        names = listing(label(a, ladder, lang) if ladder is not None else a.key if a.kind != Kind.CERTS else _("the certificate") for a in gates)
        text = sentences(text, _("Gates must be met in full: {names}.").format(names=names))
    return text




# --- a second opinion (engine/reviews.py) --------------------------------------------------------


def ratings_line(review) -> str:
    """Which skill ratings placed the person, and the review beside them: "Ratings: your own (a review by ... differs on 3 skills)"."""
    by, day = review.by, review.on.isoformat()
    n = len(review.differences)
    if n == 0:
        differs = _("a review by {by} on {date} agrees within a step").format(by=by, date=day)
    elif n == 1:
        differs = _("a review by {by} on {date} differs by two steps or more on 1 skill").format(by=by, date=day)
    else:
        differs = _("a review by {by} on {date} differs by two steps or more on {n} skills").format(by=by, date=day, n=n)
    if review.ratings == "reviewer":
        return _("Ratings: the reviewer's where given, yours elsewhere ({review}; --ratings self for your own)").format(review=differs)
    if review.ratings == "lower":
        return _("Ratings: the lower of yours and the reviewer's for each skill ({review}; --ratings self for your own)").format(review=differs)
    return _("Ratings: your own ({review}; --ratings reviewer or lower to place by it)").format(review=differs)


def difference_text(d, review, ladder, lang=None) -> str:
    """One skill where self and reviewer are two steps or more apart: "Risk: you 4/5, Dana Lee (manager) 1/5"."""
    comp = ladder.comps.get(d.id)
    name = skill_name(ladder, d.id, lang) if comp is not None else d.id
    return _("{skill}: you {own}, {by} {theirs}").format(skill=name, own=rating_text(comp, d.own, lang), by=review.by,
                                                       theirs=rating_text(comp, d.reviewer, lang))


def reviewer_rating(check, plan) -> str | None:
    """For a skill gap where the reviewer rates differently from the person: "reviewer: 2/5"; else None."""
    review = plan.review
    if review is None or check.kind != Kind.SKILL:
        return None
    theirs, own = review.theirs.get(check.key), review.own.get(check.key)
    if theirs is None or theirs == own:
        return None
    comp = plan.ladder.comps.get(check.key)
    if review.ratings == "self":
        return _("reviewer: {rating}").format(rating=rating_text(comp, theirs, plan.lang))
    return _("yours: {rating}").format(rating=rating_text(comp, own, plan.lang)) if own is not None else None
