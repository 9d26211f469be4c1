"""Every phrase pmladder shows a person, in one place.

Renderers (terminal, Markdown, JSON) draw the same plan with these words, so they agree.
Strings go through `_()` so that a message catalog can translate them; values from data
files (titles, names, advice) come in already chosen for the language and are not escaped
here: each renderer escapes them for its medium.
"""

from __future__ import annotations

import datetime as _dt
import math

from .domain import EDUCATION, tr

_translate = None  # a gettext translation, set by use()
_lang: str | None = None  # the language use() was given (None: English)


def _(message: str) -> str:
    return _translate.gettext(message) if _translate else message


def C_(context: str, message: str) -> str:
    """A message whose translation depends on where it is used (gettext's msgctxt): `C_("list", ", ")`."""
    return _translate.pgettext(context, message) if _translate else message


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it here (it is translated where it is shown)."""
    return message


def use(lang: str | None) -> None:
    """Speak `lang` (None: English) from now on; a language without a catalog speaks English."""
    global _translate, _lang
    _translate, _lang = None, None
    if lang and lang != "en":
        from .i18n import translation

        _translate = translation(lang)
        _lang = lang if _translate is not None else None


def speaking() -> str | None:
    """The language pmladder's own words are in now (None: English)."""
    return _lang


# --- numbers, units, dates --------------------------------------------------------------------


def num(x) -> str:
    """A number as a person writes it: 3, 2.5, not 3.0."""
    if isinstance(x, bool) or x is None:
        return str(x)
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{round(x, 2):g}"


def amount(value, unit: str) -> str:
    """`1 year`, `2.5 years`, `3 people`."""
    one = float(value) == 1
    pattern = {
        ("years", True): _("{n} year"), ("years", False): _("{n} years"),
        ("people", True): _("{n} person"), ("people", False): _("{n} people"),
        ("projects", True): _("{n} project"), ("projects", False): _("{n} projects"),
        ("hours", True): _("{n} hour"), ("hours", False): _("{n} hours"),
        ("months", True): _("{n} month"), ("months", False): _("{n} months"),
    }[(unit, one)]
    return pattern.format(n=num(value))


def unit_word(unit: str) -> str:
    """A fact's unit as a word of the current language: `years`, `people`."""
    return {"years": _("years"), "people": _("people"), "projects": _("projects"), "hours": _("hours"),
            "months": _("months")}.get(unit, unit)


def listing(items, context: str = "list") -> str:
    """Items joined as the language lists them: `a, b, c` (`a、b、c` in Chinese)."""
    return C_(context, ", ").join(items)


def clauses(items) -> str:
    """Parts of one sentence joined: `9 of 20 met, 9 close` (`满足9/20项，接近9项`)."""
    return C_("clauses", ", ").join(items)


def semicolons(items) -> str:
    """Longer items joined: `a; b` (`a；b`)."""
    return C_("list", "; ").join(items)


def sentences(*parts: str) -> str:
    """Sentences one after the other: a space between them in English, none in Chinese."""
    out = ""
    for part in (p for p in parts if p):
        out = _("{first} {second}").format(first=out, second=part) if out else part
    return out



def add_months(day: _dt.date, months: int) -> _dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return _dt.date(index // 12, index % 12 + 1, 1)


def month_of(today: _dt.date, months: int | None) -> str | None:
    """`2028-03`: the month `months` after today (None when not estimated)."""
    return None if months is None else add_months(today, months).strftime("%Y-%m")


def quarter_of(today: _dt.date, months: int) -> str:
    """`2027 Q2`: the calendar quarter `months` after today, as JSON gives it (the same in every language)."""
    when = add_months(today, months)
    return f"{when.year} Q{(when.month - 1) // 3 + 1}"


def quarter_label(quarter: str) -> str:
    """A quarter as a person reads it: `2027 Q2` (`2027年第2季度`)."""
    year, q = quarter.split(" Q")
    return _("{year} Q{quarter}").format(year=year, quarter=q)


def about_months(months: int | None) -> str:
    if months is None:
        return _("not estimated")
    if months == 0:
        return _("now")
    if months < 24:
        return _("about {n}").format(n=amount(months, "months"))
    return _("about {n}").format(n=amount(round(months / 6) / 2, "years"))


# --- requirements ------------------------------------------------------------------------------


def edu_name(value: str) -> str:
    return {
        "none": _("no formal education"), "secondary": _("secondary education"), "bachelor": _("a bachelor's degree"),
        "master": _("a master's degree"), "doctorate": _("a doctorate"),
    }[value]


def edu_short(value: str) -> str:
    """An education level in one word, as tables show it: `bachelor` (`本科`)."""
    return {
        "none": C_("education", "none"), "secondary": _("secondary"), "bachelor": _("bachelor"),
        "master": _("master"), "doctorate": _("doctorate"),
    }.get(value, value)


def fact_name(ladder, key: str, lang=None) -> str:
    return tr(ladder.facts[key], "name", lang)


def skill_name(ladder, key: str, lang=None) -> str:
    return tr(ladder.comps[key], "name", lang)


def cert_name(ladder, cert: str, lang=None) -> str:
    """The id people use (PMP), with the full name when it says more."""
    info = ladder.certs.get(cert)
    name = tr(info, "name", lang) if info else cert
    same = "".join(ch for ch in name.lower() if ch.isalnum()) == "".join(ch for ch in cert.lower() if ch.isalnum())
    return cert if not info or same else _("{cert} ({name})").format(cert=cert, name=name)


def options_text(options) -> str:
    options = list(options)
    if len(options) == 1:
        return options[0]
    return _("{first} or {last}").format(first=listing(options[:-1]), last=options[-1])


def label(atom, ladder, lang=None) -> str:
    """A requirement in a few words: `Years managing projects`, `PMP or IPMA-C`."""
    kind = atom.kind
    if kind == "fact":
        name = fact_name(ladder, atom.key, lang)
        return name if atom.within is None else _("{name} within the last {n} years").format(name=name, n=num(atom.within))
    if kind == "skill":
        return skill_name(ladder, atom.key, lang)
    if kind == "education":
        return _("Education")
    if kind == "cert":
        return atom.need
    if kind == "certs":
        return _("One of {options}").format(options=options_text(atom.need))
    if kind == "skills":
        n, ids, rating = atom.need
        return _("{n} of {skills} at {rating}").format(n=n, skills=listing(skill_name(ladder, k, lang) for k in ids), rating=rating)
    parts = [" + ".join(f"{label(a, ladder, lang)} {need_text(a, ladder)}" for a in block) for block in atom.need]
    return _("One of: {alternatives}").format(alternatives=" / ".join(parts))


def need_text(atom, ladder=None) -> str:
    kind = atom.kind
    if kind == "fact":
        return f"{num(atom.need)}+"
    if kind == "skill":
        return f"{atom.need}/5"
    if kind == "education":
        return edu_short(atom.need)
    if kind in ("cert", "certs"):
        return _("held")
    if kind == "skills":
        return _("{n} at {rating}").format(n=atom.need.n, rating=atom.need.rating)
    return _("one")


def have_text(check, ladder=None) -> str:
    """What the person has for a requirement, in words; `?` when not answered."""
    if check.state == "unknown":
        return _("not answered")
    kind = check.kind
    if kind in ("fact",):
        return num(check.have)
    if kind == "skill":
        return f"{check.have}/5"
    if kind == "education":
        return edu_short(check.have)
    if kind in ("cert", "certs"):
        return listing(check.have) if check.have else _("none")
    if kind == "skills":
        return _("{n} at {rating}").format(n=check.have, rating=check.need.rating)
    return _("none met") if check.state == "missing" else _("close")


def state_text(state: str) -> str:
    return {"met": _("met"), "short": _("close"), "missing": _("missing"), "unknown": _("not answered")}[state]


def requirement_line(atom, ladder, lang=None, *, detail: bool = False) -> str:
    """A requirement as `show` lists it: `Years managing projects: 3+`, `Risk management: 3/5 (what 3 means)`."""
    gate = _(" (gate)") if atom.gate else ""
    kind = atom.kind
    if kind == "education":
        return _("Education: {edu} or higher").format(edu=edu_short(atom.need)) + gate
    if kind == "fact":
        return _("{name}: {need}").format(name=label(atom, ladder, lang), need=f"{num(atom.need)}+") + gate
    if kind == "cert":
        return _("Certification: {cert}").format(cert=cert_name(ladder, atom.need, lang) if detail else atom.need) + gate
    if kind == "certs":
        names = [cert_name(ladder, c, lang) if detail else c for c in atom.need]
        return _("One of: {options}").format(options=options_text(names)) + gate
    if kind == "skill":
        comp = ladder.comps[atom.key]
        line = _("{name}: {need}").format(name=tr(comp, "name", lang), need=f"{atom.need}/5")
        meaning = tr(comp, "ratings", lang)[atom.need]
        meaning = meaning[:-1] if meaning.endswith("。") else meaning  # no full stop inside Chinese brackets
        return (line + _(" ({meaning})").format(meaning=meaning) if detail else line) + gate
    if kind == "skills":
        return label(atom, ladder, lang) + gate
    return label(atom, ladder, lang) + gate


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
    return tr(comp, "grow", lang)[min(max(rating, 0), 4)]


def sentence(text: str) -> str:
    """Text ending with exactly one full stop (or its own ! or ?): `。` when the text is Chinese."""
    text = text.rstrip()
    if text.endswith((".", "!", "?", "。", "！", "？")):
        return text
    return text + ("。" if has_cjk(text) else ".")


def has_cjk(text: str) -> bool:
    """Whether `text` has Chinese (or Japanese) characters."""
    return any("\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" for ch in text)


def cert_advice(cert: str, ladder, step, today, lang=None) -> str:
    info = ladder.certs[cert]
    name = cert_name(ladder, cert, lang)
    if info.prep_months is None:
        return _("Ask to be nominated for {cert} ({issuer}); it cannot be planned by the month.").format(cert=name, issuer=tr(info, "issuer", lang))
    prep = amount(math.ceil(info.prep_months - 1e-9), "months")
    if step is None or step.start is None:
        when = _("eligible now")
    elif step.why == "eligible":
        when = _("eligible around {month}").format(month=month_of(today, step.start))
    elif step.why == "after":
        when = _("once the steps it depends on are done (around {month})").format(month=month_of(today, step.start))
    else:
        when = _("eligible now")
    return _("Earn {cert} ({issuer}): {when}, then about {prep} of preparation.").format(cert=name, issuer=tr(info, "issuer", lang), when=when, prep=prep)


def how(check, step, plan, lang=None) -> str:
    """How to close one requirement: advice fitted to what the person has."""
    ladder = plan.ladder
    if check.state == "unknown":
        return unknown_hint(check, plan)
    kind = check.kind
    if kind == "fact":
        fd = ladder.facts[check.key]
        text = sentence(fact_advice(fd, check.have, lang))
        if fd.grows == "role":
            text = sentences(text, _("This comes with a new assignment, not month by month: plan it with your manager."))
        return text
    if kind == "skill":
        have = check.have or 0
        text = sentence(skill_advice(ladder.comps[check.key], have, lang))
        if check.need - have > 1:
            text = sentences(text, _("Then: {next}").format(next=sentence(skill_advice(ladder.comps[check.key], have + 1, lang))))
        return text
    if kind == "education":
        return _("Complete {what}, or ask whether experience is accepted in its place.").format(what=edu_name(check.need))
    if kind in ("cert", "certs"):
        cert = step.key if step is not None and step.kind == "cert" else (check.need if kind == "cert" else check.need[0])
        text = cert_advice(cert, ladder, step, plan.today, lang)
        if kind == "certs" and step is not None:
            text = sentences(_("Any one will do; the plan takes {cert}, the soonest you can hold.").format(cert=cert), text)
        return text
    if kind == "skills":
        n, ids, rating = check.need
        return _("Raise {n} of these to {rating}; the plan takes the ones closest to it.").format(n=n, rating=rating)
    return _("Meet one of the alternatives; the plan takes the one you can meet soonest.")


def unknown_hint(check, plan) -> str:
    section = {"fact": "experience", "education": "experience", "cert": "certifications", "certs": "certifications",
               "skill": "skills", "skills": "skills"}.get(check.kind, "experience")
    return _("Not answered yet: answer it with `{command}`.").format(command=plan.rerun(f"assess --only {section}"))


# --- steps of the roadmap ---------------------------------------------------------------------


def step_text(step, ladder, lang=None) -> str:
    """A roadmap step in a few words."""
    kind = step.kind
    if kind == "background":
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need} (with the work)").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
    if kind == "study":
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need}").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
    if kind == "role":
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need} (with a new role)").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
    if kind == "skill":
        return _("{name}: from {have} to {need} of 5").format(name=skill_name(ladder, step.key, lang), have=step.have, need=step.need)
    if kind == "cert":
        return _("Earn {cert}").format(cert=step.key)
    if kind == "education":
        return _("Education: {need}").format(need=edu_name(step.need))
    return _("Answer: {what}").format(what=label(step.check.atom, ladder, lang) if step.check else step.key)


def reached_text(step, ladder, lang=None) -> str:
    """A background step done: `Years in project work reach 8 years`."""
    fd = ladder.facts[step.key]
    return _("{name} reaches {need}").format(name=tr(fd, "name", lang), need=amount(step.need, fd.unit))


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


def serves_text(step, ladder) -> str | None:
    if step.serves:
        return _("to be eligible for {cert}").format(cert=step.serves)
    return None


# --- placement --------------------------------------------------------------------------------


def title(level, lang=None) -> str:
    return level.title_in(lang)


def why_line(a, lang=None) -> str:
    """One line: why the person stands where they do."""
    ladder = a.ladder
    if a.best is None:
        entry = a.fits[0]
        known = entry.total - entry.unknown
        if entry.missing == 0 and entry.unknown:
            return _("Not placed yet: only {known} of the {total} requirements of {title} are answered.").format(
                known=known, total=entry.total, title=title(entry.level, lang))
        return _("Not yet on this ladder: {title}, the first title, has {missing} of {total} requirements missing.").format(
            title=title(entry.level, lang), missing=entry.missing, total=entry.total)
    fit = a.fit(a.best.id)
    if fit.fully:
        return _("{title}: every one of its {total} requirements is met.").format(title=title(a.best, lang), total=fit.total)
    parts = []
    if fit.short:
        parts.append(_("{n} close").format(n=fit.short))
    if fit.unknown:
        parts.append(_("{n} not answered").format(n=fit.unknown))
    return _("{title}: {met} of its {total} requirements are met, {rest}; nothing is missing.").format(
        title=title(a.best, lang), met=fit.met, total=fit.total, rest=clauses(parts))


def fit_line(fit, lang=None) -> str:
    """`9 of 20 met, 9 close, 2 missing`."""
    parts = [_("{met} of {total} met").format(met=fit.met, total=fit.total)]
    if fit.short:
        parts.append(_("{n} close").format(n=fit.short))
    if fit.missing:
        parts.append(_("{n} missing").format(n=fit.missing))
    if fit.unknown:
        parts.append(_("{n} not answered").format(n=fit.unknown))
    return clauses(parts)


def confirm_text(check, ladder, lang=None) -> str:
    """A small shortfall or an unanswered item of the best fit: `Hours of formal PM training: 20 hours, asks for 35`."""
    name = label(check.atom, ladder, lang)
    if check.state == "unknown":
        return _("{name}: not answered").format(name=name)
    if check.kind == "fact":
        unit = ladder.facts[check.key].unit
        return _("{name}: {have}, asks for {need}").format(name=name, have=amount(check.have, unit), need=num(check.need))
    if check.kind == "skill":
        return _("{name}: {have} of 5, asks for {need}").format(name=name, have=check.have, need=check.need)
    if check.kind == "education":
        return _("{name}: {have}, asks for {need}").format(name=name, have=check.have, need=check.need)
    if check.kind in ("cert", "certs"):
        return _("{name}: not held yet (you are eligible to sit it)").format(name=name)
    return _("{name}: close").format(name=name)


def implied_text(item, ladder, lang=None) -> str:
    if item.kind == "fact":
        fd = ladder.facts[item.key]
        return _("{name} at least {value} (implied by {cert})").format(name=tr(fd, "name", lang), value=amount(item.value, fd.unit), cert=item.by)
    if item.kind == "education":
        return _("Education at least {value} (implied by {cert})").format(value=edu_short(item.value), cert=item.by)
    return _("{cert} (implied by {by})").format(cert=item.key, by=item.by)


def level_position(a, level) -> str:
    return _("level {n} of {total}").format(n=a.ladder.index(level.id) + 1, total=len(a.ladder.levels))


# --- headings and notes -----------------------------------------------------------------------


def eta_line(plan) -> str:
    road = plan.roadmap
    target = title(road.target, plan.lang)
    if road.already_met:
        return _("You already meet every requirement of {title}.").format(title=target)
    if road.eta is None:
        if any(s.kind == "education" for s in road.steps):
            return _("Ready for {title}: no estimate, because education is not estimated.").format(title=target)
        return _("Ready for {title}: no estimate until the open questions are answered.").format(title=target)
    if road.eta == 0:
        return _("Ready for {title} now.").format(title=target)
    return _("Ready for {title} in {months} (around {month}).").format(title=target, months=about_months(road.eta), month=month_of(plan.today, road.eta))


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
    if any(s.kind == "answer" for s in road.steps):
        out.append(_("The dates assume that the requirements you have not answered are met."))
    roles = list({s.key: s for s in sorted((s for s in road.steps if s.kind == "role"), key=lambda s: s.need)}.values())
    if roles:
        out.append(_("The dates assume a new role by then: {what}.").format(
            what=semicolons(_("{name} {need} or more").format(name=tr(plan.ladder.facts[s.key], "name", plan.lang), need=num(s.need)) for s in roles)))
    return out


def issuer_note(ladder) -> str:
    """The one sentence every output carries about certification rules, with their dates."""
    dates = sorted({c.as_of.isoformat() for c in ladder.certs.values()})
    when = dates[0] if len(dates) == 1 else _("{first} to {last}").format(first=dates[0], last=dates[-1])
    return _("Certification rules are summarised from the issuers' published rules as checked on {when}; "
             "the issuers' own rules are authoritative.").format(when=when)


def framework_note(ladder) -> str | None:
    fw = ladder.framework
    if fw is None:
        return None
    return _("This ladder follows {issuer}'s scheme as published at {source} (read on {date}); {issuer}'s own rules are "
             "authoritative, and pmladder is not affiliated with {issuer}.").format(issuer=fw.issuer, source=fw.source, date=fw.as_of.isoformat())


def judgment_note() -> str:
    return _("Requirement numbers, tolerances and time estimates are judgment (the ladder's and the catalog's), not rules: "
             "use them to start a conversation with your manager or mentor.")


def edu_order() -> str:
    return listing(edu_short(e) for e in EDUCATION)


def tolerance_text(level, ladder=None, lang=None) -> str:
    """How close counts as there on a level, for `show` and the ladder overview (gates named by `ladder`'s names)."""
    total = len(level.requires)
    tol = level.tolerance
    budget = max(1, int(tol.share * total + 1e-9)) if tol.share > 0 else 0
    gates = [a for a in level.requires if a.gate]
    if budget == 0:
        text = _("Every requirement must be met in full.")
    else:
        text = _("Close counts: up to {n} of these {total} may fall a little short (a rating {steps} step below, a fact within "
                 "its tolerance, a certificate you could sit now).").format(n=budget, total=total, steps=tol.rating_steps)
    if gates:
        names = listing(label(a, ladder, lang) if ladder is not None else a.key if a.kind != "certs" else _("the certificate") for a in gates)
        text = sentences(text, _("Gates must be met in full: {names}.").format(names=names))
    return text
