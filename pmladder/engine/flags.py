"""Answers that do not fit together: flags for the person to check. Pure; no wording here.

A flag is a code and its parameters (ids and numbers); `words.flag_text` words it. Flags are
computed from the profile as answered (nothing a certificate implies) and the ladder's facts,
beside the placement and never fed into it: a flag never changes where a person is placed.
Conflicts between an answer and what a held certificate proves are checked where the
certificate is counted (`placement.Implied.answered`); these are the answers among themselves.

The codes:

- `many-years-low-ratings`: years managing projects of `MANY_YEARS` or more, and every
  answered rating (at least `MIN_RATED` of them) at `LOW_RATING` or below.
  Parameters: `fact`, `years`, `rated` (how many ratings), `highest` (the highest of them).
- `few-years-high-ratings`: fewer than `FEW_YEARS` years in project work, and every answered
  rating (at least `MIN_RATED`) at `HIGH_RATING` or above.
  Parameters: `fact`, `years`, `rated`, `lowest`.
- `part-above-whole`: a fact above the fact that includes it (the catalog's `at_most`: years
  managing above years in project work). Parameters: `fact`, `value`, `whole`, `whole_value`.
- `implied-blank`: an answer that implies another one, left blank: a part answered above 0
  with the fact that includes it left blank (`at_least` is then the part's value), or an
  answer of `IMPLIES_TEAM` with the largest team led left blank (`at_least` is None).
  Parameters: `kind` (fact or skill), `key`, `value`, `blank`, `at_least`.
"""

from typing import NamedTuple

from .types import BUILTIN_TOP, Kind, Ladder, Profile, uses

MANY_YEARS = 5  # judgment: five years as the accountable manager leave no rating at "knows the basics"
LOW_RATING = 1  # judgment: "knows what good practice looks like" and below
FEW_YEARS = 3  # judgment: ratings of 4 and 5 (leading complex work, shaping the organisation) take longer than this in project work
HIGH_RATING = 4  # judgment
MIN_RATED = 3  # judgment: fewer ratings than this are no pattern
TEAM = "team_size"
# judgment: answers that say the person has led a team, so the largest team led cannot be blank
IMPLIES_TEAM: tuple[tuple[Kind, str, float], ...] = (
    (Kind.FACT, "years_leading_managers", 1),  # led project managers for a year or more
    (Kind.SKILL, "leadership", 4),  # "leads large or several teams"
)

MANY_YEARS_LOW = "many-years-low-ratings"
FEW_YEARS_HIGH = "few-years-high-ratings"
PART_ABOVE_WHOLE = "part-above-whole"
IMPLIED_BLANK = "implied-blank"
CODES = (MANY_YEARS_LOW, FEW_YEARS_HIGH, PART_ABOVE_WHOLE, IMPLIED_BLANK)


class Flag(NamedTuple):
    """Answers that do not fit together: a code of `CODES` and its parameters (ids and numbers)."""

    code: str
    params: dict


_ASKS: dict = {}  # id(ladder) -> (ladder, what `_asks` says of it)


def _asks(ladder: Ladder) -> tuple:
    """What the flags look at in a ladder, worked out once: whether it asks about the largest team led (else a blank
    answer is nothing to check), the competencies rated on a scale other than 0-5, and the facts that cannot exceed
    another fact of the ladder ((fact, the fact that includes it), in the ladder's order)."""
    seen = _ASKS.get(id(ladder))
    if seen is None or seen[0] is not ladder:
        if len(_ASKS) >= 64:
            _ASKS.pop(next(iter(_ASKS)))
        other_scale = frozenset(k for k, comp in ladder.comps.items() if comp.top != BUILTIN_TOP)
        parts = tuple((key, fact.at_most) for key, fact in ladder.facts.items() if fact.at_most is not None and fact.at_most in ladder.facts)
        seen = _ASKS[id(ladder)] = (ladder, (TEAM in uses(ladder).facts, other_scale, parts))
    return seen[1]


def flags(profile: Profile, ladder: Ladder) -> tuple[Flag, ...]:
    """Every flag of `profile`'s answers, in a fixed order: ratings, then facts in the ladder's order."""
    out: list[Flag] = []
    facts = profile.facts
    asks_team, other_scale, parts = _asks(ladder)
    # the thresholds are about 0-5: ratings on a scale of another length say nothing to them
    # (a view of the ratings, not a copy, when every one is on 0-5: most ladders)
    ratings = [v for k, v in profile.competencies.items() if k not in other_scale] if other_scale else profile.competencies.values()
    if len(ratings) >= MIN_RATED:
        managing, experience = facts.get("years_managing"), facts.get("years_experience")
        if managing is not None and managing >= MANY_YEARS and max(ratings) <= LOW_RATING:
            out.append(Flag(MANY_YEARS_LOW, {"fact": "years_managing", "years": managing, "rated": len(ratings), "highest": max(ratings)}))
        if experience is not None and experience < FEW_YEARS and min(ratings) >= HIGH_RATING:
            out.append(Flag(FEW_YEARS_HIGH, {"fact": "years_experience", "years": experience, "rated": len(ratings), "lowest": min(ratings)}))
    for key, whole in parts:
        value = facts.get(key)
        if value is None:
            continue
        if whole not in facts:
            if value > 0:
                out.append(Flag(IMPLIED_BLANK, {"kind": Kind.FACT, "key": key, "value": value, "blank": whole, "at_least": value}))
        elif value > facts[whole]:
            out.append(Flag(PART_ABOVE_WHOLE, {"fact": key, "value": value, "whole": whole, "whole_value": facts[whole]}))
    if TEAM not in facts and asks_team:
        for kind, key, least in IMPLIES_TEAM:
            value = (facts if kind == Kind.FACT else profile.competencies).get(key)
            if value is not None and value >= least and key in (ladder.facts if kind == Kind.FACT else ladder.comps):
                out.append(Flag(IMPLIED_BLANK, {"kind": kind, "key": key, "value": value, "blank": TEAM, "at_least": None}))
    return tuple(out)
