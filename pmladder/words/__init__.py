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
                    text=declared(ladder, code) if code and ladder is not None else None)


def declared(ladder, code: str | None) -> str | None:
    """The language among the ladder's `languages` that `code` names, in the ladder's spelling (en-gb: en-GB), or None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    return next((lang for lang in ladder.languages if lang.lower() == code and lang != "en"), None)


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


def _grouped(x) -> str:
    """An amount of money: whole numbers with thousands separators (12,000,000), else as num()."""
    x = float(x)
    return f"{int(x):,}" if x.is_integer() else f"{x:,.2f}"


def fact_amount(value, fact, lang=None) -> str:
    """A value of a fact with its unit: `3 years`, `2 business cases`, `GBP 12,000,000`, `12 million pounds`."""
    if fact.unit not in ("money", "count"):
        return amount(value, fact.unit)
    if fact.unit_name:
        one, other = tr(fact, "unit_name", lang)
        return _("{n} {unit}").format(n=num(value), unit=one if float(value) == 1 else other)
    return _("{currency} {n}").format(currency=fact.currency, n=_grouped(value))


def fact_unit(fact, lang=None) -> str:
    """What a fact counts, in words, for 'a number of ...': `years`, `business cases`, `GBP`."""
    if fact.unit not in ("money", "count"):
        return unit_word(fact.unit)
    return tr(fact, "unit_name", lang)[1] if fact.unit_name else fact.currency


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
    """Sentences one after the other: a space between them in English, none in Chinese, except beside
    a sentence in Latin script (a ladder's English text in a Chinese plan), which a space sets apart."""
    out = ""
    for part in (p for p in parts if p):
        joined = _("{first} {second}").format(first=out, second=part) if out else part
        if out and joined == out + part and (not has_wide(out[-1]) or part[0].isascii() and part[0].isalpha()):
            joined = f"{out} {part}"
        out = joined
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


# --- ratings ---------------------------------------------------------------------------------


def rating_text(comp, rating, lang=None) -> str:
    """A rating of competency `comp` in words: `3/5` on the built-in scale; on a named scale `Practitioner (3 of 5)`,
    or `Practitioner` when the scale's `show` is "name". The names are in `lang` (else the language pmladder
    speaks) when the scale has them, else in English."""
    scale = getattr(comp, "scale", None)
    name = scale.name(rating, lang or speaking()) if scale is not None and isinstance(rating, int) else None
    if name is None:
        return f"{rating}/{scale.top if scale is not None else 5}"
    if scale.show == "name":
        return name
    return _("{name} ({n} of {top})").format(name=name, n=rating, top=scale.top)


def rating_name(comp, rating, lang=None) -> str | None:
    """The name of a rating on a named scale (for JSON beside the number); None on the built-in scale."""
    scale = getattr(comp, "scale", None)
    return scale.name(rating, lang or speaking()) if scale is not None and isinstance(rating, int) else None


def group_scale_comp(ladder, ids):
    """The one competency that words a rating shared by every one of `ids` ("any 2 of these at Practitioner"): the
    first, when they are all on the same named scale; else None (the rating stays a number)."""
    comps = [ladder.comps.get(k) for k in ids] if ladder is not None else [None]
    first = getattr(comps[0], "scale", None) if comps else None
    same = first is not None and first.named and all(getattr(c, "scale", None) == first for c in comps)
    return comps[0] if same else None


def group_rating(ladder, ids, rating, lang=None):
    """A rating of an "any N of" group: a name when all its competencies share a named scale, else the number."""
    comp = group_scale_comp(ladder, ids)
    return rating if comp is None else rating_text(comp, rating, lang)


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
    """A requirement in a few words: `Years managing projects`, `PMP or IPMA-C`; a conditional one says when it applies."""
    if atom.when is not None:
        return _("{requirement} (only when: {when})").format(requirement=label(atom._replace(when=None), ladder, lang),
                                                             when=when_text(atom.when, ladder, lang))
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
        return _("Any {n} of {skills} at {rating} or more").format(n=n, skills=listing(skill_name(ladder, k, lang) for k in ids),
                                                                  rating=group_rating(ladder, ids, rating, lang))
    if atom.label is not None:
        return atom.label.text_in(lang)
    if atom.routes:
        return _("One of: {routes}").format(routes=options_text(route_name(atom, i, lang) for i in range(len(atom.need))))
    return _("One of {n} routes").format(n=len(atom.need))


def route_name(atom, i: int, lang=None) -> str:
    """Route `i` of an either/or group by its label, or by its number when it has none."""
    labels = atom.routes
    if i < len(labels) and labels[i] is not None:
        return labels[i].text_in(lang)
    return _("route {n}").format(n=i + 1)


def route_text(block, ladder, lang=None) -> str:
    """One alternative of a `one_of`, in full: `Education: bachelor or higher; Years managing programs: 4+`."""
    return _("; ").join(requirement_line(a, ladder, lang) for a in block)


def routes_text(atom, ladder, lang=None) -> str:
    labels = atom.routes
    return " / ".join(
        _("({n}) {route}").format(n=i, route=route_text(block, ladder, lang)) if not (i <= len(labels) and labels[i - 1])
        else _("({n}) {label}: {route}").format(n=i, label=labels[i - 1].text_in(lang), route=route_text(block, ladder, lang))
        for i, block in enumerate(atom.need, 1))


def level_moves(ladder, level, lang=None) -> list[str]:
    """What `show` says of a level's lateral moves and declared drops (nothing when it has neither)."""
    out = []
    if level.lateral:
        out.append(_("Move across to: {titles} (a lateral move, not a step up)").format(
            titles=listing(ladder.level(i).title_in(lang) for i in level.lateral)))
    if level.drops:
        names = [fact_name(ladder, k, lang) if k in ladder.facts else skill_name(ladder, k, lang) if k in ladder.comps
                 else _("Education") if k == "education" else k for k in level.drops]
        out.append(_("No longer asks for: {names} (asked below; dropped on purpose)").format(names=listing(names)))
    return out


def when_text(when, ladder, lang=None) -> str:
    """The condition of a conditional requirement: `on track programme-director; Years managing programs 3+`."""
    parts = []
    if when.track:
        names = []
        for track in when.track:
            try:
                names.append(ladder.level(track).title_in(lang))
            except KeyError:
                names.append(track)
        parts.append(_("on the track of {names}").format(names=options_text(names)))
    parts += [_("{name} {need}").format(name=fact_name(ladder, key, lang), need=f"{num(least)}+") for key, least in when.facts]
    return _("; ").join(parts)


def fact_number(value, fact=None) -> str:
    """A fact's value as a bare number: 3, or 12,000,000 for money."""
    return _grouped(value) if fact is not None and fact.unit == "money" else num(value)


def need_number(atom, ladder=None) -> str:
    """A fact's minimum as a number: 3, or 12,000,000 for money."""
    return fact_number(atom.need, ladder.facts.get(atom.key) if ladder is not None else None)


def need_text(atom, ladder=None) -> str:
    kind = atom.kind
    if kind == Kind.FACT:
        return f"{need_number(atom, ladder)}+"
    if kind == Kind.SKILL:
        return rating_text(ladder.comps.get(atom.key) if ladder is not None else None, atom.need)
    if kind == Kind.EDUCATION:
        return edu_short(atom.need)
    if kind in (Kind.CERT, Kind.CERTS):
        return _("held")
    if kind == Kind.SKILLS:
        return _("{n} at {rating}").format(n=atom.need.n, rating=group_rating(ladder, atom.need.ids, atom.need.rating))
    return _("one")


def have_text(check, ladder=None) -> str:
    """What the person has for a requirement, in words; `?` when not answered."""
    if check.state == "unknown":
        return _("not answered")
    kind = check.kind
    if kind in (Kind.FACT,):
        return fact_number(check.have, ladder.facts.get(check.key) if ladder is not None else None)
    if kind == Kind.SKILL:
        return rating_text(ladder.comps.get(check.key) if ladder is not None else None, check.have)
    if kind == Kind.EDUCATION:
        return edu_short(check.have)
    if kind in (Kind.CERT, Kind.CERTS):
        return listing(check.have) if check.have else _("none")
    if kind == Kind.SKILLS:
        return _("{n} at {rating}").format(n=check.have, rating=group_rating(ladder, check.need.ids, check.need.rating))
    return _("none met") if check.state == "missing" else _("close")


QUICK_MONTHS = 12  # judgment: a gap closed within a year is a quick win; later, only the soonest


def gap_notes(gap) -> str:
    """What to know about a gap besides its numbers: a gate, the date setter, a quick win, a role change, not answered."""
    notes = []
    if gap.check.atom.gate:
        notes.append(_("gate"))
    if gap.reason == "sets_date":
        notes.append(_("sets the date"))
    elif gap.reason == "soonest" and gap.lead:
        if gap.step is not None and gap.step.kind == StepKind.BACKGROUND:  # years that pass: not a win to go after
            notes.append(_("comes with time"))
        elif gap.done is not None and gap.done > QUICK_MONTHS:  # the soonest, yet more than a year away
            notes.append(_("soonest"))
        else:
            notes.append(_("quick win"))
    if gap.check.state == "unknown":
        notes.append(_("answer first"))
    elif gap.step is not None and gap.step.kind == StepKind.ROLE:
        notes.append(_("role change"))
    elif gap.check.kind == Kind.EDUCATION:
        notes.append(_("not estimated"))
    return listing(notes)




def requirement_line(atom, ladder, lang=None, *, detail: bool = False) -> str:
    """A requirement as `show` lists it: `Years managing projects: 3+`, `Risk management: 3/5 (what 3 means)`; a
    conditional one says when it applies."""
    if atom.when is not None:
        return _("{requirement} (only when: {when})").format(requirement=requirement_line(atom._replace(when=None), ladder, lang, detail=detail),
                                                             when=when_text(atom.when, ladder, lang))
    gate = _(" (gate)") if atom.gate else ""
    kind = atom.kind
    if kind == Kind.EDUCATION:
        return _("Education: {edu} or higher").format(edu=edu_short(atom.need)) + gate
    if kind == Kind.FACT:
        return _("{name}: {need}").format(name=label(atom, ladder, lang), need=f"{need_number(atom, ladder)}+") + gate
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
        line = _("{name}: {need}").format(name=tr(comp, "name", lang), need=rating_text(comp, atom.need, lang))
        meaning = tr(comp, "ratings", lang)[atom.need]
        meaning = meaning[:-1] if meaning.endswith("。") else meaning  # no full stop inside Chinese brackets
        return (line + _(" ({meaning})").format(meaning=meaning) if detail else line) + gate
    if kind == Kind.SKILLS:
        return label(atom, ladder, lang) + gate
    if atom.label is not None:
        return _("{label}, one of these routes: {routes}").format(label=atom.label.text_in(lang), routes=routes_text(atom, ladder, lang)) + gate
    return _("One of these routes: {routes}").format(routes=routes_text(atom, ladder, lang)) + gate


def track_lines(ladder, lang=None) -> list[str]:
    """The ladder's named pathways, one line each: `Delivery (delivery): Programme Manager, Senior Responsible Owner`."""
    return [_("{name} ({id}): {titles}").format(name=track.name_in(lang), id=tid,
                                                titles=listing(ladder.level(lid).title_in(lang) for lid in track.levels))
            for tid, track in ladder.tracks.items()]


# The words of each view live in their own module; every name stays importable from here.
from .plan import (  # noqa: E402,F401
    _by_command,
    _fit_parts,
    _papers,
    answer_command,
    difference_text,
    ratings_line,
    reviewer_rating,
    assumption_lines,
    cert_advice,
    confirm_text,
    eta_line,
    fact_advice,
    fit_line,
    flag_text,
    folded_gaps,
    gap_item,
    framework_note,
    gap_list_notes,
    how,
    how_own,
    implied_text,
    issuer_note,
    judgment_note,
    ladder_advice_lines,
    lapse_lines,
    lapse_head,
    not_counted_line,
    lapsed_have,
    level_position,
    limited_line,
    new_role,
    pace_line,
    question_name,
    reached_text,
    renewing,
    role_rating_months,
    sentence,
    skill_advice,
    standing_lines,
    step_text,
    title,
    tolerance_text,
    top_line,
    unanswered_head,
    unanswered_lines,
    unknown_hint,
    wait_text,
    why_line,
    why_text,
    window_assumed,
)
from .history import (  # noqa: E402,F401
    best_cell,
    change_text,
    chart_axis,
    chart_title,
    closed_line,
    fit_counts,
    fit_short,
    forecast_line,
    forget_question,
    forgot_all_line,
    forgot_damaged_line,
    forgot_line,
    gap_line,
    history_title,
    imported_line,
    ladder_changed_line,
    later_steps_line,
    months_between,
    moved_text,
    no_history,
    none_on_ladder,
    no_title,
    not_placed,
    not_recorded,
    not_updated_line,
    nothing_forgotten,
    nothing_to_forget,
    placement_text,
    progress_next_line,
    progress_title,
    ready_cell,
    recorded_line,
    step_now_text,
    step_state_text,
    steps_line,
    still_line,
    verdict_head,
    verdict_line,
    where_caption,
    where_fit_cell,
    next_cell,
    where_open_line,
    where_title,
    why_later_line,
)
from .team import (  # noqa: E402,F401
    and_more,
    anyone,
    bucket_name,
    bucket_note,
    gap_how,
    gap_kind,
    gaps_heading,
    glance,
    glance_training,
    limit_text,
    more_rows,
    names_list,
    no_profiles,
    people,
    person_limits,
    pipeline_counts,
    pipeline_heading,
    pipeline_note,
    questions_heading,
    questions_note,
    ready_by,
    ready_heading,
    role_text,
    shortfall_text,
    skipped_heading,
    skipped_note,
    spread_heading,
    state_text,
    team_anonymised,
    team_basis,
    team_counts,
    team_heading,
    team_not_placed,
    training_heading,
    training_line,
    unit_amount,
)
from .summary import (  # noqa: E402,F401
    borderline_line,
    confirm_head,
    confirm_items,
    differ_head,
    differ_line,
    full_plan_line,
    fully_line,
    top_confirm_line,
    matters_heading,
    open_heading,
    summary_heading,
    tolerated_line,
)
