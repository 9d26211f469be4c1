"""The plan as Markdown: to share with a manager or mentor, paste in a wiki, tick off over months.

Everything from a file or a person (names, titles, advice) goes through `md`; the template's
own words contain no Markdown syntax but what they mean to.
"""

from __future__ import annotations

import datetime as _dt

from .. import __version__
from ..assess import check_label, explain, gaps_to, limits_words, need_text, step_words, value_text
from ..describe import issuer_note, sentence
from ..roadmap import add_months, path_to
from .markdown import Doc, flowchart, md


def _month(today: _dt.date, months: int | None) -> str:
    return "no estimate" if months is None else add_months(today, months).strftime("%Y-%m")


def plan_markdown(a, road, catalog, loaded, today: _dt.date, lang: str | None = None) -> str:
    ladder = a.ladder
    comps = catalog.competencies_for(ladder)
    doc = Doc()
    who = f" for {md(a.profile.name)}" if a.profile.name else ""
    doc.heading(1, f"Career plan{who}")
    doc.para(
        f"Ladder: {md(ladder.name_in(lang))} ({md(ladder.id)}). "
        f"Prepared on {today.isoformat()} with pmladder {__version__}."
    )

    doc.heading(2, "Where you stand")
    doc.para(f"You are at **{md(a.level.title_in(lang))}**." if a.level else "You are **not yet on this ladder**.")
    doc.bullets(md(line) for line in explain(a, catalog, lang))

    target = road.target
    if target is None:
        doc.heading(2, "Next title")
        doc.para("You are at the top of this ladder: there is no next title to plan for.")
    else:
        doc.heading(2, f"Target: {md(target.title_in(lang))}")
        doc.para(md(target.text("summary", lang)))
        doc.bullets(md(r) for r in target.text("responsibilities", lang))
        fit = a.fit(target.id)
        if road.already_met:
            doc.para(f"You already meet all {fit.total} requirements of this title.")
        else:
            eta = road.eta_months
            when = f"ready in about {eta} months (around {_month(today, eta)})" if eta is not None else "no time estimate (education)"
            limit = f", limited by: {limits_words(road.limits, catalog, comps, md)}" if road.limits else ""
            doc.para(f"Requirements met today: {fit.met} of {fit.total}. Estimate: {when}{limit}.")
        if road.others:
            names = ", ".join(md(lv.title_in(lang)) for lv in road.others)
            doc.para(f"This is a branch; the other way up is {names}.")

    gaps = gaps_to(a, catalog, target) if target is not None else []
    if gaps:
        doc.heading(2, "Gaps")
        rows = [
            [md(check_label(g, catalog, comps)), md(value_text(g.kind, g.have)), md(need_text(g.kind, g.need)), md(g.how), "n/a" if g.months is None else str(g.months)]
            for g in gaps
        ]
        doc.table(["Gap", "Have", "Need", "How to close it", "Months"], rows, ["---", "--:", "--:", "---", "--:"])

    if road.milestones:
        doc.heading(2, "Roadmap")
        doc.para("Steps run side by side from today; within a milestone the longest lead time comes first.")
        for m in road.milestones:
            ready = f"month {m.ready}, around {_month(today, m.ready)}" if m.ready is not None else "no estimate"
            doc.heading(3, f"{md(m.level.title_in(lang))} (target: {ready})")
            tasks = []
            for step in m.steps:
                when = f"months {step.start} to {step.end}, by {_month(today, step.end)}" if step.end is not None else "no estimate"
                tasks.append(f"{step_words(step, catalog, comps, md)} ({when}). {md(step.how)}")
            doc.bullets(tasks, prefix="- [ ] ")
            advice = m.level.text("advice", lang)
            if advice:
                doc.para(f"Advice for reaching {md(m.level.title_in(lang))}:")
                doc.bullets(md(tip) for tip in advice)

        ids = ([a.level.id] if a.level else []) + [lv.id for lv in path_to(ladder, a.level, target)]
        doc.heading(2, "Path")
        doc.code("mermaid", flowchart(ladder, lang, ids, {**({a.level.id: "here"} if a.level else {}), target.id: "goal"}))

    if ladder.advice:
        doc.heading(2, "Advice for climbing")
        doc.bullets(md(tip) for tip in ladder.advice)

    doc.heading(2, "About this plan")
    doc.para(
        f"Ladder source: {md(sentence(ladder.source))} "
        f"Requirements and time estimates are the ladder's and the catalog's judgment; discuss them with your manager or mentor. "
        f"{md(issuer_note(catalog))}"
    )
    return doc.render()
