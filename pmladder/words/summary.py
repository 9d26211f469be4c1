"""Words of the short summary (`assess --brief`, and the top of every plan), of `where`'s line on why
ladders differ, and of what a person does with the items "to confirm"."""

from __future__ import annotations

from . import _, sentences
from .plan import confirm_text, title


def summary_heading() -> str:
    return _("In short")


def borderline_line(fit, lang=None) -> str:
    """`Senior Project Manager — borderline: 3 of its 20 requirements only close, the most this title allows.`"""
    if fit.unknown:
        line = _("{title} \u2014 borderline: {n} of its {total} requirements only close or not answered, the most this title allows.")
    else:
        line = _("{title} \u2014 borderline: {n} of its {total} requirements only close, the most this title allows.")
    return line.format(title=title(fit.level, lang), n=fit.edge, total=fit.total)


def fully_line(headline: str, fully, lang=None) -> str:
    """The headline, and the highest title met in full when it is below the one placed: a manager reads both."""
    return sentences(headline, _("In full, every requirement is met up to {title}.").format(title=title(fully, lang)))


def top_confirm_line(top: str) -> str:
    """At the top of the ladder with requirements of the title still only close or open: what is left to do."""
    return sentences(_("You are at the top of this ladder; what is left is to confirm this title."), top)


def matters_heading(confirming: bool) -> str:
    return _("To confirm the title:") if confirming else _("What matters most:")


def full_plan_line(command: str, saved: str | None = None, export: str | None = None) -> str:
    """Where the full plan is: the file it was exported to, the saved answers, the command that shows it."""
    line = _("The full plan: {command}").format(command=command)
    if export:
        line = _("The full plan is in {file}; see it again with: {command}").format(file=export, command=command)
    if saved:
        line = sentences(_("Your answers are saved in {path}.").format(path=saved), line)
    return line


def confirm_head(checks) -> str:
    """The line above the items to confirm: what to do with them and with whom."""
    if any(c.kind in ("skill", "skills") and c.state != "unknown" for c in checks):
        return _("To confirm (ask your manager or a mentor to go through these with you; they can record their ratings with "
                 "'pmladder review'):")
    if all(c.state == "unknown" for c in checks):
        return _("To confirm (answer these with 'pmladder assess --ask'):")
    return _("To confirm (ask your manager or a mentor to go through these with you):")


def confirm_items(checks, ladder, lang=None, known=None) -> list[str]:
    return [confirm_text(c, ladder, lang, known) for c in checks]


def differ_line(ladder_id: str, check, below, ladder, lang=None, known=None, confirming: bool = False) -> str:
    """`On pmi-path: PgMP: not held; this keeps you from Program Manager.` (`confirming`: the title is the one the
    person is placed at already, on close answers: what is left to confirm it)."""
    line = (_("On {ladder}: {item}; this is what is left to confirm {title}.") if confirming
            else _("On {ladder}: {item}; this keeps you from {title}."))
    return line.format(ladder=ladder_id, item=confirm_text(check, ladder, lang, known), title=title(below, lang))


def differ_head() -> str:
    return _("Why the ladders place you differently: each asks different things of the next title.")


def open_heading(reached: bool, title_: str, markdown: bool = False) -> str:
    """Above the target's requirements open in both assessments: still open, or (the target reached) within its tolerance."""
    if reached:
        return _("Still close, within what {title} tolerates").format(title=title_) if markdown else \
            _("still close, within what {title} tolerates").format(title=title_)
    return _("Still open") if markdown else _("still open")


def tolerated_line(p) -> str | None:
    """Beside "you reached X": what of X is still close (within its tolerance), so the two never seem to disagree."""
    if not p.reached or not (p.still or p.opened):
        return None
    n = len(p.still) + len(p.opened)
    line = _("1 requirement of {title} is still only close or not answered, within what the title tolerates; "
             "closing it confirms the title.") if n == 1 else \
        _("{n} requirements of {title} are still only close or not answered, within what the title tolerates; "
          "closing them confirms the title.")
    return line.format(n=n, title=title(p.target, p.lang))
