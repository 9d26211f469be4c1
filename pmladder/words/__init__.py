"""Every phrase pmladder shows a person, in one place.

Renderers (terminal, Markdown, JSON) draw the same plan with these words, so they agree.
Strings go through `_()` so that a message catalog can translate them; values from data
files (titles, names, advice) come in already chosen for the language and are not escaped
here: each renderer escapes them for its medium.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ..engine.flags import FEW_YEARS_HIGH, MANY_YEARS_LOW, PART_ABOVE_WHOLE
from ..engine.months import month_of
from ..engine.placement import budget
from ..engine.types import EDUCATION, Kind, StepKind, tr
from ..text.wrap import has_wide

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
        from .language import translation

        _translate = translation(lang)
        _lang = lang if _translate is not None else None


def speaking() -> str | None:
    """The language pmladder's own words are in now (None: English)."""
    return _lang


class Language(NamedTuple):
    """The language of a run: of pmladder's own words, and of a ladder's own text (None: English)."""

    words: str | None
    text: str | None


def language_for(requested: str | None, ladder=None) -> Language:
    """The one rule for the language of a run, for every command.

    `requested` is what the run asks for (`--lang`, else PMLADDER_LANG, else the locale; None or
    'en' for English). pmladder's own words speak it when pmladder has a catalog for it; a
    ladder's own text (titles, duties, advice) is in it when the ladder declares it among its
    `languages`, else it is the ladder's English. So PMLADDER_LANG=zh on an English-only ladder
    gives Chinese words around English titles, in every command.
    """
    from .language import translation

    code = (requested or "").strip().lower() or None
    if code == "en":
        code = None
    return Language(words=code if code and translation(code) is not None else None,
                    text=code if code and ladder is not None and code in ladder.languages else None)


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


def implied_by(ladder, cert: str) -> list[str]:
    """The certifications that stand for `cert` (IPMA-B and IPMA-A for IPMA-C), in the vocabulary's order."""
    from ..engine.implications import closure

    return [c for c in ladder.certs if c != cert and cert in closure([c], ladder)]


def options_text(options) -> str:
    options = list(options)
    if len(options) == 1:
        return options[0]
    return _("{first} or {last}").format(first=listing(options[:-1]), last=options[-1])


def label(atom, ladder, lang=None) -> str:
    """A requirement in a few words: `Years managing projects`, `PMP or IPMA-C`."""
    kind = atom.kind
    if kind == Kind.FACT:
        name = fact_name(ladder, atom.key, lang)
        return name if atom.within is None else _("{name} within the last {n} years").format(name=name, n=num(atom.within))
    if kind == Kind.SKILL:
        return skill_name(ladder, atom.key, lang)
    if kind == Kind.EDUCATION:
        return _("Education")
    if kind == Kind.CERT:
        return atom.need
    if kind == Kind.CERTS:
        return _("One of {options}").format(options=options_text(atom.need))
    if kind == Kind.SKILLS:
        n, ids, rating = atom.need
        return _("Any {n} of {skills} at {rating} or more").format(n=n, skills=listing(skill_name(ladder, k, lang) for k in ids), rating=rating)
    return _("One of {n} routes").format(n=len(atom.need))


def route_text(block, ladder, lang=None) -> str:
    """One alternative of a `one_of`, in full: `Education: bachelor or higher; Years managing programs: 4+`."""
    return _("; ").join(requirement_line(a, ladder, lang) for a in block)


def routes_text(atom, ladder, lang=None) -> str:
    return " / ".join(_("({n}) {route}").format(n=i, route=route_text(block, ladder, lang)) for i, block in enumerate(atom.need, 1))


def need_text(atom, ladder=None) -> str:
    kind = atom.kind
    if kind == Kind.FACT:
        return f"{num(atom.need)}+"
    if kind == Kind.SKILL:
        return f"{atom.need}/5"
    if kind == Kind.EDUCATION:
        return edu_short(atom.need)
    if kind in (Kind.CERT, Kind.CERTS):
        return _("held")
    if kind == Kind.SKILLS:
        return _("{n} at {rating}").format(n=atom.need.n, rating=atom.need.rating)
    return _("one")


def have_text(check, ladder=None) -> str:
    """What the person has for a requirement, in words; `?` when not answered."""
    if check.state == "unknown":
        return _("not answered")
    kind = check.kind
    if kind in (Kind.FACT,):
        return num(check.have)
    if kind == Kind.SKILL:
        return f"{check.have}/5"
    if kind == Kind.EDUCATION:
        return edu_short(check.have)
    if kind in (Kind.CERT, Kind.CERTS):
        return listing(check.have) if check.have else _("none")
    if kind == Kind.SKILLS:
        return _("{n} at {rating}").format(n=check.have, rating=check.need.rating)
    return _("none met") if check.state == "missing" else _("close")


def gap_notes(gap) -> str:
    """What to know about a gap besides its numbers: a gate, the date setter, a quick win, a role change, not answered."""
    notes = []
    if gap.check.atom.gate:
        notes.append(_("gate"))
    if gap.reason == "sets_date":
        notes.append(_("sets the date"))
    elif gap.reason == "soonest" and gap.lead:
        notes.append(_("quick win"))
    if gap.check.state == "unknown":
        notes.append(_("answer first"))
    elif gap.step is not None and gap.step.kind == StepKind.ROLE:
        notes.append(_("role change"))
    elif gap.check.kind == Kind.EDUCATION:
        notes.append(_("not estimated"))
    return listing(notes)




def requirement_line(atom, ladder, lang=None, *, detail: bool = False) -> str:
    """A requirement as `show` lists it: `Years managing projects: 3+`, `Risk management: 3/5 (what 3 means)`."""
    gate = _(" (gate)") if atom.gate else ""
    kind = atom.kind
    if kind == Kind.EDUCATION:
        return _("Education: {edu} or higher").format(edu=edu_short(atom.need)) + gate
    if kind == Kind.FACT:
        return _("{name}: {need}").format(name=label(atom, ladder, lang), need=f"{num(atom.need)}+") + gate
    if kind == Kind.CERT:
        line = _("Certification: {cert}").format(cert=cert_name(ladder, atom.need, lang) if detail else atom.need)
        higher = implied_by(ladder, atom.need)
        if higher:
            line += " " + (_("(or {options}, which implies it)") if len(higher) == 1 else _("(or {options}, which imply it)")).format(
                options=options_text(higher))
        return line + gate
    if kind == Kind.CERTS:
        names = [cert_name(ladder, c, lang) if detail else c for c in atom.need]
        return _("One of: {options}").format(options=options_text(names)) + gate
    if kind == Kind.SKILL:
        comp = ladder.comps[atom.key]
        line = _("{name}: {need}").format(name=tr(comp, "name", lang), need=f"{atom.need}/5")
        meaning = tr(comp, "ratings", lang)[atom.need]
        meaning = meaning[:-1] if meaning.endswith("。") else meaning  # no full stop inside Chinese brackets
        return (line + _(" ({meaning})").format(meaning=meaning) if detail else line) + gate
    if kind == Kind.SKILLS:
        return label(atom, ladder, lang) + gate
    return _("One of these routes: {routes}").format(routes=routes_text(atom, ladder, lang)) + gate


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
    return text + ("。" if has_wide(text) else ".")


def cert_advice(cert: str, ladder, step, today, lang=None) -> str:
    info = ladder.certs[cert]
    name = cert_name(ladder, cert, lang)
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
        return _("Raise {n} of these to {rating}; the plan takes the ones closest to it.").format(n=n, rating=rating)
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
        name = label(g.check.atom, ladder, plan.lang)
        if g.check.state == "unknown":
            unanswered.append(name)
            continue
        item = _("{name}: {have} \u2192 {need}").format(name=name, have=have_text(g.check, ladder), need=need_text(g.check.atom, ladder))
        by = month_of(plan.today, g.done)
        if by:
            item = _("{item}, by {month}").format(item=item, month=by)
        notes = gap_notes(g)
        if notes:
            item = _("{item} ({notes})").format(item=item, notes=notes)
        items.append(item)
    if unanswered:
        items.append(_("not answered: {names}").format(names=listing(unanswered)))
    head = _("One more gap: {items}.") if len(gaps) == 1 else _("{n} more gaps: {items}.")
    return sentences(head.format(n=len(gaps), items=semicolons(items)), _("Add --all-gaps to see every gap in full."))


# --- steps of the roadmap ---------------------------------------------------------------------


def step_text(step, ladder, lang=None) -> str:
    """A roadmap step in a few words."""
    kind = step.kind
    if kind == StepKind.BACKGROUND:
        fd = ladder.facts[step.key]
        if getattr(step, "after", ()):  # counted from a move into a role of its own kind (a team's Item has no `after`)
            return _("{name}: from {have} to {need} (in that role)").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
        return _("{name}: from {have} to {need} (with the work)").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
    if kind == StepKind.STUDY:
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need}").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
    if kind == StepKind.ROLE and ladder.facts[step.key].needs_role:
        return _("Move into a role where {name} count").format(name=tr(ladder.facts[step.key], "name", lang))
    if kind == StepKind.ROLE:
        fd = ladder.facts[step.key]
        return _("{name}: from {have} to {need} (with a new role)").format(name=tr(fd, "name", lang), have=num(step.have), need=amount(step.need, fd.unit))
    if kind == StepKind.SKILL:
        return _("{name}: from {have} to {need} of 5").format(name=skill_name(ladder, step.key, lang), have=step.have, need=step.need)
    if kind == StepKind.CERT:
        return _("Earn {cert}").format(cert=step.key)
    if kind == StepKind.EDUCATION:
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




# --- placement --------------------------------------------------------------------------------


def title(level, lang=None) -> str:
    return level.title_in(lang)


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
        return _("Not yet on this ladder: {title}, the first title, has requirements about your work that are not met yet: {missing}.").format(
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
            out.append(("edge", _("At the edge of {title}: {n} of its requirements are close or not answered, the most it allows.").format(
                title=title(a.best, lang), n=fit.edge)))
    if a.best is not None and a.ladder.framework is None and not plan.profile.competencies and any(c.kind in (Kind.SKILL, Kind.SKILLS) for c in a.fit(a.best.id).checks):
        out.append(("record", _("You answered no skill rating: {title} rests on your record alone; your ratings would confirm it.").format(
            title=title(a.best, lang))))
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
        unit = ladder.facts[check.key].unit
        return _("{name}: {have}, asks for {need}").format(name=name, have=amount(check.have, unit), need=num(check.need))
    if check.kind == Kind.SKILL:
        return _("{name}: {have} of 5, asks for {need}").format(name=name, have=check.have, need=check.need)
    if check.kind == Kind.EDUCATION:
        return _("{name}: {have}, asks for {need}").format(name=name, have=check.have, need=check.need)
    if check.kind in (Kind.CERT, Kind.CERTS):
        options = (check.need,) if check.kind == Kind.CERT else check.need
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
        name, value = tr(fd, "name", lang), amount(item.value, fd.unit)
        answered = amount(item.answered, fd.unit) if item.answered is not None else None
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
        return amount(v, facts[key].unit)

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


def top_line(plan) -> str:
    """What to say when no next title is planned: the top of the ladder, or of one branch of it."""
    others = plan.assessment.other_tops
    if not others:
        return _("You are at the top of this ladder: there is no next title to plan for.")
    lang = plan.lang
    line = _("{title} is the top of its branch: there is no next title on it.").format(title=title(plan.assessment.best, lang))
    return sentences(line, _("The ladder's other branch leads to {titles}; plan for it with --target {id}.").format(
        titles=listing(title(lv, lang) for lv in others), id=others[0].id))


def eta_line(plan) -> str:
    road = plan.roadmap
    target = title(road.target, plan.lang)
    if road.already_met:
        return _("You already meet every requirement of {title}.").format(title=target)
    if road.eta is None:
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
            rating=min(top), what=listing(_("{months} to {rating}").format(months=amount(m, "months"), rating=r) for r, m in sorted(top.items()))))
    roles = list({s.key: s for s in sorted((s for s in road.steps if s.kind == StepKind.ROLE and not facts[s.key].needs_role),
                                           key=lambda s: s.need)}.values())
    if roles:
        out.append(_("The dates assume a new role by then: {what}.").format(
            what=semicolons(_("{name} {need} or more").format(name=tr(plan.ladder.facts[s.key], "name", plan.lang), need=num(s.need)) for s in roles)))
    return out


def role_rating_months(plan) -> dict[int, float]:
    """The catalog's least months for a step to a rating, for the ratings the plan raises that have one."""
    out = {}
    for s in plan.roadmap.steps:
        if s.kind == StepKind.SKILL:
            least = plan.ladder.comps[s.key].least
            if 0 < s.need <= len(least) and least[s.need - 1] > 0:
                out[s.need] = least[s.need - 1]
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
        reasons.append(_("experience grew more slowly than planned ({names})").format(names="; ".join(
            _("{name}: {now}, {expected} expected by now").format(
                name=tr(ladder.facts[s.step["key"]], "name", lang), now=amount(s.now, ladder.facts[s.step["key"]].unit),
                expected=num(round(s.expected, 2))) for s in slow)))
    if p.count("behind"):
        reasons.append(_("of the steps behind"))
    under = [s for s in p.steps if s.state == "under_way" and s.on_pace is None]
    if under:
        reasons.append(_("{n} step(s) the plan had under way show no change yet ({names}): ratings rise in whole steps, so the "
                         "new estimate starts them again").format(n=len(under), names="; ".join(s.step.get("text") or s.step.get("id", "") for s in under)))
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
        return _("{name}: {before} \u2192 {after} of 5").format(name=name, before=gone if c.before is None else c.before,
                                                              after=gone if c.after is None else c.after)
    if c.kind == Kind.FACT:
        fd = ladder.facts.get(c.key)
        name = tr(fd, "name", lang) if fd else c.key
        unit = fd.unit if fd else None
        show = (lambda v: gone if v is None else amount(v, unit) if unit else num(v))
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
        return f"{value}/5"
    if kind in (StepKind.BACKGROUND, StepKind.STUDY, StepKind.ROLE):
        fd = ladder.facts.get(s.step.get("key"))
        shown = amount(value, fd.unit) if fd else num(value)
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

# --- team view (`pmladder team`) -------------------------------------------------------------
# Phrases of the team report only; kept together at the end so merges stay easy.


def people(n: int) -> str:
    return _("1 person") if n == 1 else _("{n} people").format(n=n)


def team_heading(ladder, lang=None) -> str:
    return _("Team on {ladder}").format(ladder=ladder.name_in(lang))


def team_counts(read: int, skipped: int, files: int) -> str:
    """`19 profiles read from 19 files; 2 skipped (see Skipped).`"""
    profiles = _("1 profile") if read == 1 else _("{n} profiles").format(n=read)
    where = _("1 file") if files == 1 else _("{n} files").format(n=files)
    if skipped:
        return _("{profiles} read from {files}; {skipped} skipped (listed under Skipped).").format(
            profiles=profiles, files=where, skipped=skipped)
    return _("{profiles} read from {files}; none skipped.").format(profiles=profiles, files=where)


def team_basis(team) -> str:
    """What the readiness and the gaps are measured against, and on which day."""
    when = team.today.isoformat()
    if team.target is not None:
        return _("Readiness and gaps toward {title}, as of {date}; dates plan {n} development items at a time per person.").format(
            title=title(team.target, team.lang), date=when, n=team.pace)
    return _("Readiness and gaps toward each person's next title, as of {date}; dates plan {n} development items at a time per person.").format(
        date=when, n=team.pace)


def glance(team) -> str:
    """One line for a director: how many are ready when."""
    counts = {b: len(ids) for b, ids in team.ready.items()}
    parts = [_("{n} ready now").format(n=counts.get("now", 0)),
             _("{n} within 6 months").format(n=counts.get("6", 0)),
             _("{n} in 7 to 12 months").format(n=counts.get("12", 0)),
             _("{n} later").format(n=counts.get("later", 0))]
    rest = counts.get("not-estimated", 0) + counts.get("answer-first", 0)
    if rest:
        parts.append(_("{n} without a date (education or unanswered questions)").format(n=rest))
    if counts.get("top"):
        parts.append(_("{n} at the top").format(n=counts["top"]))
    if counts.get("at-target"):
        parts.append(_("{n} already there").format(n=counts["at-target"]))
    return _("Next title: {parts}.").format(parts=clauses(parts))


def glance_training(group, ladder, lang=None) -> str:
    return _("Most shared development need: {name}, {people} short.").format(name=label(group.atom, ladder, lang), people=people(group.count))


def team_anonymised() -> str:
    return _("Names and files are replaced by pseudonyms (the same person keeps the same one from run to run).")


def spread_heading() -> str:
    return _("Where the team stands (best fit)")


def team_not_placed() -> str:
    return _("Not placed yet")


def ready_heading() -> str:
    return _("Who is ready for the next title")


def bucket_name(bucket: str) -> str:
    return {
        "now": _("Ready now"),
        "6": _("Within 6 months"),
        "12": _("In 7 to 12 months"),
        "later": _("Later than 12 months"),
        "not-estimated": _("Not estimated: an education requirement"),
        "answer-first": _("No estimate until open questions are answered"),
        "at-target": _("Already at or above the target"),
        "top": _("At the top of the ladder"),
    }[bucket]


def bucket_note(bucket: str) -> str | None:
    return {
        "now": _("Nothing dated is left; what remains is a new assignment (a larger team, more projects at once)."),
        "not-estimated": _("Education is not estimated: talk it through, or ask whether experience is accepted in its place."),
        "answer-first": _("Nothing they answered stands in the way; answer the open questions to get a date."),
    }.get(bucket)


def role_text(item, ladder, lang=None) -> str:
    """`Projects run at once 3+`: a new assignment a date assumes."""
    return _("{name} {need}+").format(name=tr(ladder.facts[item.key], "name", lang), need=num(item.need))


def limit_text(item, ladder, lang=None) -> str:
    """A step that sets someone's date, short: `Leadership 3 → 4`, `Years managing programs +1 year`."""
    kind = item.kind
    if kind == StepKind.SKILL:
        return _("{name} {have} → {need}").format(name=skill_name(ladder, item.key, lang), have=item.have, need=item.need)
    if kind in (StepKind.BACKGROUND, StepKind.STUDY):
        fd = ladder.facts[item.key]
        more = float(item.need) - float(item.have or 0)
        return _("{name} +{amount}").format(name=tr(fd, "name", lang), amount=amount(round(more, 2), fd.unit))
    if kind == StepKind.CERT:
        return _("earn {cert}").format(cert=item.key)
    return step_text(item, ladder, lang)


def person_limits(person, ladder, lang=None) -> str:
    """What stands between a person and the next title, in one line."""
    parts = []
    if person.limits:
        parts.append(_("date set by {what}").format(what="; ".join(limit_text(s, ladder, lang) for s in person.limits)))
    if person.roles:
        parts.append(_("new role: {what}").format(what="; ".join(role_text(s, ladder, lang) for s in person.roles)))
    if person.education:
        parts.append(_("an education requirement"))
    if person.answers:
        parts.append(_("not answered (the date assumes them met): {what}").format(what="; ".join(label(a, ladder, lang) for a in person.answers)))
    return " · ".join(parts) if parts else _("meets every requirement")


def ready_by(team, person) -> str:
    months = person.months
    if months is None:
        return "\u2014"
    return _("now") if months == 0 else month_of(team.today, months)


def unit_amount(kind: str, value, ladder, key: str) -> str:
    """`1 step`, `2 years`, `15 hours`, `1 skill`: how far short."""
    if kind == Kind.SKILL:
        return _("1 step") if value == 1 else _("{n} steps").format(n=num(value))
    if kind == Kind.SKILLS:
        return _("1 skill") if value == 1 else _("{n} skills").format(n=num(value))
    return amount(value, ladder.facts[key].unit)


def shortfall_text(group, ladder) -> str:
    """`7 by 1 step, 2 by 2 steps`, or `by 2 to 8 people, most by 2 people` when they spread."""
    counts = group.shortfalls()
    if not counts:
        close = sum(1 for _i, state, _h, _n in group.people if state == "short")
        return _("{n} close, {m} missing").format(n=close, m=group.count - close) if close else _("all missing")
    if len(counts) <= 3:
        return clauses(_("{n} by {amount}").format(n=n, amount=unit_amount(group.kind, by, ladder, group.key))
                         for by, n in sorted(counts.items()))
    most = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return _("by {low} to {high}, most by {most}").format(
        low=num(min(counts)), high=unit_amount(group.kind, max(counts), ladder, group.key),
        most=unit_amount(group.kind, most, ladder, group.key))


def gap_kind(group, ladder) -> str:
    kind = group.kind
    if kind in (Kind.SKILL, Kind.SKILLS):
        return _("skill")
    if kind == Kind.FACT:
        grows = ladder.facts[group.key].grows
        return {"study": _("training"), "role": _("new assignment"), "time": _("experience")}[grows]
    if kind in (Kind.CERT, Kind.CERTS):
        return _("certificate")
    if kind == Kind.EDUCATION:
        return _("education")
    return _("one of several")


def gap_how(group, ladder, lang=None) -> str:
    """What closes a gap for most of the people who have it."""
    kind = group.kind
    have = group.common_have()
    if kind == Kind.SKILL:
        comp = ladder.comps[group.key]
        text = sentence(skill_advice(comp, have or 0, lang))
        return _("Most are at {rating}/5: {advice}").format(rating=have or 0, advice=text)
    if kind == Kind.FACT:
        fd = ladder.facts[group.key]
        text = sentence(fact_advice(fd, have, lang))
        if fd.grows == "role":
            text += " " + _("This comes with a new assignment, not a course.")
        elif fd.grows == "time":
            text += " " + _("This comes with time in the work.")
        return text
    if kind in (Kind.CERT, Kind.CERTS):
        options = (group.atom.need,) if kind == Kind.CERT else group.atom.need
        return _("Earn {options}.").format(options=options_text([cert_name(ladder, c, lang) for c in options]))
    if kind == Kind.EDUCATION:
        return _("Education is not planned by pmladder: ask whether experience is accepted in its place.")
    if kind == Kind.SKILLS:
        n, ids, rating = group.atom.need
        return _("Raise {n} of these to {rating}.").format(n=n, rating=rating)
    return _("Meet one of the alternatives.")


def training_line(group, ladder, lang=None) -> str:
    """`Stakeholder management: 8 people short (8 by 1 step). Most are at 3/5: ...`"""
    return _("{name}: {people} short ({by}). {how}").format(
        name=label(group.atom, ladder, lang), people=people(group.count), by=shortfall_text(group, ladder),
        how=gap_how(group, ladder, lang))


def gaps_heading(team) -> str:
    if team.target is not None:
        return _("Most common gaps toward {title}").format(title=title(team.target, team.lang))
    return _("Most common gaps toward the next title")


def training_heading() -> str:
    return _("Training that would close the most gaps")


def pipeline_heading() -> str:
    return _("Certification pipeline")


def pipeline_note() -> str:
    return _("Eligible now: may sit the exam today under the issuer's rules as the catalog stores them. Within 12 months: "
             "becomes eligible on the roadmap to the next title.")


def pipeline_counts(row) -> str:
    """`8 hold · 2 eligible now · 1 within 12 months`."""
    parts = [_("{n} hold").format(n=len(row.holders))]
    parts.append(_("no prerequisite") if row.no_prerequisite else _("{n} eligible now").format(n=len(row.eligible)))
    if row.soon:
        parts.append(_("{n} within 12 months").format(n=len(row.soon)))
    if row.planned:
        parts.append(_("{n} on their roadmap").format(n=len(row.planned)))
    return " \u00b7 ".join(parts)


def anyone() -> str:
    return _("anyone (no prerequisite)")


def questions_heading() -> str:
    return _("Not answered")


def questions_note() -> str:
    return _("Unanswered questions count as unknown, never as 0; placements and dates may change once they are answered.")


def skipped_heading() -> str:
    return _("Skipped")


def skipped_note(n: int) -> str:
    return _("These profiles did not load and are not in the figures above; fix them and run again.") if n else ""


def and_more(n: int) -> str:
    return _("and {n} more").format(n=n)


def names_list(names: list[str], limit: int) -> str:
    """`Ana, Bo and 3 more`: at most `limit` names."""
    shown = listing(names[:limit])
    return shown + (" " + and_more(len(names) - limit) if len(names) > limit else "")


def more_rows(n: int) -> str:
    return _("{n} more not shown here: see the CSV or JSON output (--format csv, --format json).").format(n=n)


def no_profiles(paths) -> str:
    return _("no profiles found in {paths} (folders are searched for *.yaml and *.yml files; name a spreadsheet as FILE.csv)").format(
        paths=", ".join(paths))


def state_text(state: str) -> str:
    return {"met": _("met"), "short": _("close"), "missing": _("missing"), "unknown": _("not answered")}[state]
