"""The file models: catalog and ladder files, validated strictly (pydantic, `extra="forbid"`).

Only the loader (on a cache miss), `validate` and `schema` import this module; the engine
works on the light types of `engine/types.py` that the loader compiles these into. Every model
forbids unknown keys and uses strict types, so a YAML 1.1 surprise (`NO` read as false; `010`
read as 8 is refused earlier, by the reader) or a typo such as `levles` is an error, not a guess. Every field has a
description: the JSON Schema made from these models explains each key in an editor.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..engine.types import EDUCATION

Education = Literal["none", "secondary", "bachelor", "master", "doctorate"]

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Lang = Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Za-z]{2,8})?$")]
Number = Annotated[float, Field(ge=0, allow_inf_nan=False)]
# judgment: the longest named scale has eleven points (0 to 10); each rating is range-checked against its
# competency's scale by the loader (the built-in scale: 0 to 5)
MAX_RATING = 10
Rating = Annotated[int, Field(ge=0, le=MAX_RATING)]
BuiltinRating = Annotated[int, Field(ge=0, le=5)]
ScaleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
PointName = Annotated[str, Field(min_length=1, max_length=80)]
PointNames = Annotated[list[PointName], Field(min_length=3, max_length=MAX_RATING + 1)]
FactId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
CompetencyId = FactId
CertId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9-]*$", max_length=64)]
LevelId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
TierId = LevelId
LadderId = LevelId
Day = Annotated[_dt.date, Field(strict=False, description="A date as YYYY-MM-DD, quoted.")]
# judgment: ten years is the longest anything is planned to take in one piece (a course, an
# exam's preparation, a rating step, a fact growing to its max): beyond it a plan says nothing
MAX_MONTHS = 120
Months = Annotated[float, Field(ge=0, le=MAX_MONTHS, allow_inf_nan=False)]


def _exact_int(value):
    """`schema_version` is written as a plain whole number: not true (which equals 1), 2.0 or '2'."""
    if type(value) is not int:
        from pydantic_core import PydanticCustomError

        from .formats import CURRENT
        from .profiles import schema_version_problem

        raise PydanticCustomError("exact_int", schema_version_problem(CURRENT))
    return value


# 2 is current; 1 still loads, with the forms of earlier releases it may hold (inputs/formats.py)
SchemaVersion = Annotated[Literal[1, 2], BeforeValidator(_exact_int)]
SCHEMA_TEXT = "The format version: 2 (current), or 1 for a file written for an earlier release (`pmladder migrate` rewrites it)."

_ = EDUCATION  # the order of `Education` above; domain.EDUCATION is the one source of it


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class CertRequirement(_Strict):
    """Certifications: every one of `all_of`, and at least one of `any_of` when it is not empty.

    A certification that implies another (IPMA-B implies IPMA-C) meets a requirement for it."""

    all_of: list[CertId] = Field(default=[], description="Every one of these certifications is required.")
    any_of: list[CertId] = Field(default=[], description="At least one of these is required; omit or [] for none.")


class FactMinimum(_Strict):
    """A minimum for a fact, optionally counted within a window of recent years."""

    min: Number = Field(description="The least value that meets the requirement.")
    within: Annotated[float, Field(gt=0, le=60, allow_inf_nan=False)] | None = Field(
        default=None,
        description="Count only the last this many years (for facts in years). A profile's `last_year` says when "
        "a kind of work stopped; without it the years are assumed to run up to today.",
    )


class AnyCompetencies(_Strict):
    """Any `n` of the listed competencies rated `rating` or more."""

    n: Annotated[int, Field(ge=1, le=50)] = Field(description="How many of `of` must reach the rating.")
    of: Annotated[list[CompetencyId], Field(min_length=1)] = Field(description="The competencies to choose from.")
    rating: Rating = Field(description="The rating each chosen competency needs, 0 to the top of its scale (5 on the built-in scale).")


_REQUIREMENT_FIELDS = {
    "education": "Minimum education: none, secondary, bachelor, master or doctorate.",
    "facts": "Minimum values of facts, by fact id: a number, or {min, within} to count recent years only.",
    "certifications": "Certifications required: all_of and any_of.",
    "competencies": "Minimum ratings (0 to the top of each competency's scale; 5 on the built-in scale), by competency id.",
    "any_competencies": "Requirements of the form 'any N of these competencies at rating R'.",
}


class Alternative(_Strict):
    """One way of meeting a `one_of` requirement: a requirement block of its own."""

    education: Education | None = Field(default=None, description=_REQUIREMENT_FIELDS["education"])
    facts: dict[FactId, Union[Number, FactMinimum]] = Field(default={}, description=_REQUIREMENT_FIELDS["facts"])
    certifications: CertRequirement = Field(default=CertRequirement(), description=_REQUIREMENT_FIELDS["certifications"])
    competencies: dict[CompetencyId, Rating] = Field(default={}, description=_REQUIREMENT_FIELDS["competencies"])
    any_competencies: list[AnyCompetencies] = Field(default=[], description=_REQUIREMENT_FIELDS["any_competencies"])


class Route(Alternative):
    """One route of an either/or group: a requirement block, optionally with a label reports show."""

    label: Text | None = Field(
        default=None, description="The route's name in reports and JSON, e.g. 'PRINCE2 route'; without one a route is "
        "shown by its requirements.")
    labels: dict[Lang, Text] = Field(default={}, description="The label in other languages, e.g. {zh: PRINCE2 路线}.")


class Choice(_Strict):
    """A labelled either/or group: one requirement, met by any one of its routes. A level may have several."""

    label: Text = Field(description="The group's name in reports, JSON and `gates`, e.g. 'Programme method'; unique in its block.")
    labels: dict[Lang, Text] = Field(default={}, description="The label in other languages.")
    one_of: Annotated[list[Route], Field(min_length=1)] = Field(
        description="The routes, any one of which meets this group: requirement blocks, each optionally with a `label`.")


class Condition(_Strict):
    """When a conditional requirement applies. Every part given must hold; a blank answer leaves it open."""

    track: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default=[], description="The tracks it applies on: a profile's `track` equal to one of these, or naming a level "
        "on the branch of a level listed here (at, below or above it).")
    facts: dict[FactId, Number] = Field(
        default={}, description="Facts that must be at least this value for it to apply, e.g. {programme_budget_m: 50}.")

    @model_validator(mode="after")
    def _some(self):
        if not self.track and not self.facts:
            from ..words import _

            raise ValueError(_("when: names no condition; give track: (a list of track or level ids) or facts: (fact ids with the least value)"))
        return self


class ConditionalBlock(Alternative):
    """The requirements of a `conditional:` entry: a requirement block with its own `gates`."""

    gates: list[str] = Field(default=[], description="Requirements of this block that must be met in full, by name.")


class Conditional(_Strict):
    """Requirements that apply only in some roles: counted when `when` holds, left out when it does not, and an open
    question (never met) while an answer it depends on is blank."""

    when: Condition = Field(description="When the requirements apply: {track: [ids]} and/or {facts: {fact_id: min}}.")
    requires: ConditionalBlock = Field(description="What applies then: a requirement block with its own gates.")


class Requirement(Alternative):
    """What a level asks for. Each part is one requirement; `gates` names those that must be met outright.

    Requirements that are not gates tolerate a small shortfall (see `tolerance`)."""

    one_of: list[Route] = Field(
        default=[],
        description="Alternatives across kinds, any one of which meets this requirement: for example "
        "[{education: bachelor}, {facts: {years_experience: 7}}] for 'a degree or more years'. Each route may have a "
        "`label`. For several either/or groups, use `choices`.",
    )
    choices: list[Choice] = Field(
        default=[],
        description="Several labelled either/or groups, each one requirement: for example [{label: Method, one_of: "
        "[{certifications: {all_of: [PRINCE2-Practitioner]}}, {certifications: {all_of: [APM-PMQ]}}]}].",
    )
    conditional: list[Conditional] = Field(
        default=[],
        description="Requirements that apply only in some roles: [{when: {track: [ids]} or {facts: {id: min}}, requires: {...}}].",
    )
    gates: list[str] = Field(
        default=[],
        description="Requirements that must be met in full, by name: 'education', 'certifications' (every certificate), "
        "one certification id of all_of, 'one_of', 'any_competencies', a choice group's label or 'choice:N' (N from 1), "
        "or a fact or competency id used above.",
    )


class Tolerance(_Strict):
    """How close counts as there for requirements that are not gates."""

    share: Annotated[float, Field(ge=0, le=1)] = Field(
        default=0.2, description="At most this share of a level's requirements may fall a little short (at least one when above 0)."
    )
    rating_steps: Annotated[int, Field(ge=0, le=5)] = Field(
        default=1, description="A rating this many steps below the need counts as a small shortfall."
    )


class FactAdvice(_Strict):
    from_: Number = Field(alias="from", description="The advice applies from this answer up (until the next entry's `from`).")
    text: Text = Field(description="Something to do, for a person whose answer is at least `from`.")


class UnitName(_Strict):
    """What a fact counts, as a reader says it: one and many."""

    one: Annotated[str, Field(min_length=1, max_length=60)] = Field(description="Said after 1: 'business case'.")
    other: Annotated[str, Field(min_length=1, max_length=60)] = Field(description="Said after any other number: 'business cases'.")


class FactText(_Strict):
    """A fact's text in another language."""

    name: Text | None = Field(default=None, description="The name in this language.")
    question: Text | None = Field(default=None, description="The question in this language.")
    advice: list[Text] | None = Field(default=None, description="The advice texts, in the same order as `advice`.")
    unit_name: UnitName | None = Field(default=None, description="`unit_name` in this language.")


class Fact(_Strict):
    """A number a person states about themselves, such as years managing projects."""

    name: Text = Field(description="Short name shown in reports.")
    question: Text = Field(description="The question `pmladder assess` asks.")
    unit: Literal["years", "people", "projects", "hours", "money", "count"] = Field(
        description="What the number counts: years, people, projects, hours; 'money' (with `currency`: an amount "
        "shown with its currency code, 'GBP 12,000,000', or with `unit_name`), or 'count' (of the things `unit_name` names).")
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="For unit 'money': the ISO 4217 code of the currency (GBP, EUR, USD).")
    unit_name: UnitName | None = Field(
        default=None, description="What the number counts, in words: {one: business case, other: business cases}. "
        "Required for unit 'count'; for 'money' it replaces the currency code ({one: million pounds, other: million pounds}).")
    max: Annotated[float, Field(gt=0, allow_inf_nan=False)] = Field(description="Larger answers are refused as typing mistakes.")
    grows: Literal["time", "study", "role"] = Field(
        description="How it grows: 'time' accrues while doing the work, 'study' by courses, 'role' with a new assignment (not month by month)."
    )
    months_per_unit: Months | None = Field(
        default=None, description="Typical months to gain one unit (for 'time' and 'study'; judgment); "
        "max times months_per_unit is at most 1200 (a hundred years)."
    )
    tolerance: Annotated[float, Field(ge=0, lt=1)] = Field(
        default=0.0, description="Share of a need that may be missing and still count as a small shortfall (judgment)."
    )
    advice: Annotated[list[FactAdvice], Field(min_length=1)] = Field(
        description="What to do, by what the person already has: the entry with the highest `from` not above their answer applies."
    )
    at_most: FactId | None = Field(default=None, description="Another fact this one cannot exceed (years managing <= years in project work).")
    needs_role: bool = Field(
        default=False, description="For a fact that grows with time: the years count only in a job of their own kind (a PMO, "
        "a program, leading project managers), not in any project job. A plan for someone who has none of them, or "
        "stopped (last_year), starts with a move into such a role and counts the years from there; someone doing that "
        "work now keeps adding to it. Default false: the years grow with the present job."
    )
    translations: dict[Lang, FactText] = Field(default={}, description="Text in other languages.")

    @model_validator(mode="after")
    def _rates(self):
        from ..words import _

        if self.unit == "money" and self.currency is None:
            raise ValueError(_("a fact in unit money needs currency: its ISO code, such as GBP"))
        if self.unit != "money" and self.currency is not None:
            raise ValueError(_("currency is for a fact in unit money"))
        if self.unit == "count" and self.unit_name is None:
            raise ValueError(_("a fact in unit count needs unit_name, with one and other: what it counts, such as business case and business cases"))
        if self.unit_name is not None and self.unit not in ("money", "count"):
            raise ValueError(_("unit_name is for a fact in unit money or count; years, people, projects and hours have their own words"))
        if self.needs_role and self.grows != "time":
            raise ValueError("needs_role is for a fact that grows with time: one that grows with a role is a role change already")
        if self.grows != "role" and self.months_per_unit is None:
            raise ValueError(f"a fact that grows with {self.grows} needs months_per_unit")
        if self.grows == "role" and self.months_per_unit is not None:
            raise ValueError("a fact that grows with a role change has no months_per_unit: it is not gained month by month")
        return self

    @field_validator("months_per_unit")
    @classmethod
    def _within_a_century(cls, rate, info):
        """From nothing to `max` at this rate is at most a hundred years (said at months_per_unit)."""
        most = info.data.get("max")
        if rate is not None and most is not None and most * rate > MAX_MONTHS * 10:
            from ..words import _

            raise ValueError(_("max {max} at {rate} months a unit takes {months} months to reach; at most {most} (a hundred years) "
                               "can be planned").format(max=f"{most:g}", rate=f"{rate:g}", months=f"{most * rate:g}", most=MAX_MONTHS * 10))
        return rate


class Implication(_Strict):
    """What holding a certification proves, so it counts as held or answered."""

    education: Education | None = Field(default=None, description="The least education the certification requires.")
    facts: dict[FactId, Number] = Field(default={}, description="Minimum facts the certification proves (PMP: 35 hours of PM education).")
    certifications: list[CertId] = Field(default=[], description="Certifications this one stands for (IPMA-B: IPMA-C).")


class CertText(_Strict):
    """A certification's text in another language."""

    name: Text | None = Field(default=None, description="The full name in this language.")
    issuer: Text | None = Field(default=None, description="The issuer's name in this language, where it has one (else the issuer's own).")
    notes: str | None = Field(default=None, description="The notes in this language.")
    renewal: Text | None = Field(default=None, description="How to renew (`validity.renewal`) in this language.")


class Validity(_Strict):
    """How long a certificate stays current, and how its issuer lets it be renewed."""

    years: Annotated[float, Field(gt=0, le=60, allow_inf_nan=False)] = Field(
        description="Years a certificate stays current after it is earned or last renewed.")
    cpd_hours: Annotated[float, Field(gt=0, le=10000, allow_inf_nan=False)] | None = Field(
        default=None, description="Hours of continuing professional development (PMI's PDUs) the issuer asks for over "
        "the whole validity period, when it counts them; optional.")
    renewal: Text = Field(description="How to renew, in the issuer's terms (your own words).")
    grace_months: Annotated[int, Field(ge=0, le=120)] | None = Field(
        default=None, description="Months after it lapses in which the issuer still lets it be renewed (PMI: a year "
        "of suspension); after that it is earned again, exam and all. Leave it out when it can be renewed at any time.")
    source: Text | None = Field(default=None, description="Where the renewal rules come from, when not the certification's source.")
    as_of: Day | None = Field(default=None, description="The date the renewal rules were read.")


class Certification(_Strict):
    """A certification (or an internal programme) with its issuer's eligibility rules, as found on `as_of`."""

    name: Text = Field(description="Full name.")
    issuer: Text = Field(description="Who awards it.")
    source: Text = Field(description="Where the rules come from (the issuer's page).")
    as_of: Day = Field(description="The date the rules were read.")
    prep_months: Months | None = Field(
        default=None, description="Typical months of preparation once eligible (judgment); omit for one that cannot be planned."
    )
    eligibility: list[Alternative] = Field(default=[], description="Any one alternative suffices; empty means no prerequisite.")
    implies: Implication = Field(default=Implication(), description="What holding it proves.")
    notes: str = Field(default="", description="Issuer detail the model cannot express, such as time windows.")
    validity: Validity | None = Field(
        default=None, description="How long the certificate stays current and how it is renewed; omit for one that never lapses.")
    translations: dict[Lang, CertText] = Field(default={}, description="Text in other languages.")


RatingLines = Annotated[list[Text], Field(min_length=3, max_length=MAX_RATING + 1)]
GrowLines = Annotated[list[Text], Field(min_length=2, max_length=MAX_RATING)]


class ScaleText(_Strict):
    """A scale's point names in another language."""

    names: PointNames = Field(description="The names in this language, one per point from 0 up, as many as `names`.")


class ScaleModel(_Strict):
    """A named rating scale: one name per point, from point 0 up (Not yet, Awareness, Working, Practitioner, ...)."""

    names: PointNames = Field(description="One name per point, from point 0 up: 3 to 11 names (ratings 0 to 2 up to 0 to 10).")
    show: Literal["name", "name_and_number"] = Field(
        default="name_and_number", description="How a rating is shown: 'name' (Practitioner) or 'name_and_number' "
        "(Practitioner (3 of 5), the default).")
    translations: dict[Lang, ScaleText] = Field(default={}, description="The names in other languages.")

    @model_validator(mode="after")
    def _same_points(self):
        from ..words import _

        if len(set(self.names)) != len(self.names):
            raise ValueError(_("two points of the scale have the same name: give each point its own"))
        for lang, text in self.translations.items():
            if len(text.names) != len(self.names):
                raise ValueError(_("{n} names in '{lang}' for {points} points: give one name per point, from 0 up").format(
                    n=len(text.names), lang=lang, points=len(self.names)))
        return self


class CompetencyText(_Strict):
    """A competency's text in another language."""

    name: Text | None = Field(default=None, description="The name in this language.")
    description: Text | None = Field(default=None, description="The one-line description in this language.")
    ratings: RatingLines | None = Field(
        default=None, description="One line per point of the scale, from 0 up, in this language (six on the built-in scale).")
    grow: GrowLines | None = Field(
        default=None, description="One line per step of the scale, in this language (five on the built-in scale).")


class Competency(_Strict):
    """A skill rated on a scale (the built-in 0-5 one unless `scale` says otherwise), with what each rating
    looks like and how people grow it."""

    name: Text = Field(description="Short name shown in reports.")
    description: Text = Field(description="One line on what the skill is.")
    scale: ScaleId | None = Field(
        default=None, description="The id of the named scale it is rated on (under `scales:` of the ladder or the catalog). "
        "Omit for the ladder's `scale`, or the built-in numeric scale 0 to 5.")
    ratings: RatingLines = Field(description="What each rating looks like, one line per point of the scale from 0 up: "
                                 "six lines, ratings 0 to 5, on the built-in scale.")
    grow: GrowLines = Field(
        description="What to do to rise one step, one line per step (one fewer than the points): five lines on the built-in "
        "scale, for 0 to 1, 1 to 2, 2 to 3, 3 to 4 and 4 to 5."
    )
    months_per_step: Annotated[float, Field(gt=0, le=MAX_MONTHS, allow_inf_nan=False)] = Field(
        description="Typical months to rise one step (judgment).")
    translations: dict[Lang, CompetencyText] = Field(default={}, description="Text in other languages.")


class CatalogFile(_Strict):
    """`ladders/catalog.yaml`: the vocabulary shared by every ladder."""

    schema_version: SchemaVersion = Field(description=SCHEMA_TEXT)
    role_ratings_from: BuiltinRating = Field(
        default=4, description="Ratings from this one up are grown in a role that asks for them: planned once the title below is reached. "
        "On the built-in 0-5 scale; on another scale it counts as many points down from the top (4: the top two points).",
    )
    role_rating_months: dict[Annotated[int, Field(ge=1, le=5)], Annotated[float, Field(gt=0, le=MAX_MONTHS, allow_inf_nan=False)]] = Field(
        default={}, description="Months a step up to each of these ratings takes at least, by the rating reached (judgment): "
        "{4: 12, 5: 18} says a step to 4 takes at least a year and a step to 5 a year and a half, whatever a competency's "
        "months_per_step. Steps from role_ratings_from up come with the role, side by side, beside the --pace limit. "
        "On another scale the same months apply to as many points down from its top (5: its top, 4: the point below). "
        "Omit for months_per_step everywhere.",
    )
    facts: dict[FactId, Fact] = Field(description="Numbers a person states about themselves, by fact id.")
    certifications: dict[CertId, Certification] = Field(description="Certifications with their issuers' eligibility rules, by id.")
    scales: dict[ScaleId, ScaleModel] = Field(default={}, description="Named rating scales, by scale id, for a competency's `scale`.")
    competencies: dict[CompetencyId, Competency] = Field(description="Skills rated on a scale (0 to 5 unless named), by competency id.")


class TierModel(_Strict):
    name: Text = Field(description="Display name of the tier.")
    names: dict[Lang, Text] = Field(default={}, description="The name in other languages.")


class TaggedAdvice(_Strict):
    """Advice about particular requirements: shown only while one of them is still open."""

    text: Text = Field(description="Something to do.")
    for_: Annotated[list[str], Field(min_length=1, alias="for")] = Field(
        description="The requirements it is about: 'education', 'certifications', or fact, competency or certification ids."
    )


AdviceItem = Union[Text, TaggedAdvice]


class LevelAdvice(_Strict):
    """Ladder-wide advice for some titles only: shown to a person whose best fit is one of them."""

    text: Text = Field(description="Something to do.")
    levels: list[LevelId] = Field(default=[], description="The level ids it suits.")
    tiers: list[TierId] = Field(default=[], description="The tiers it suits: every level of these tiers.")

    @model_validator(mode="after")
    def _some(self):
        if not self.levels and not self.tiers:
            from ..words import _

            raise ValueError(_("name the levels or tiers the advice suits, or write it as plain text for everyone"))
        return self


LadderAdviceItem = Union[Text, LevelAdvice]


class LevelText(_Strict):
    """A level's text in another language."""

    summary: Text | None = Field(default=None, description="The summary in this language.")
    responsibilities: list[Text] | None = Field(default=None, description="The responsibilities in this language, in the same order.")
    expectations: list[Text] | None = Field(default=None, description="The expectations in this language, in the same order.")
    advice: list[Text] | None = Field(default=None, description="The advice texts, in the same order as `advice`.")


class Level(_Strict):
    """One title on a ladder."""

    id: LevelId = Field(description="Unique in the ladder; used with --level and --target.")
    title: Text = Field(description="The job title in English.")
    titles: dict[Lang, Text] = Field(default={}, description="The title in other languages, e.g. {zh: 初级项目协调员}.")
    tier: TierId = Field(description="A key of the ladder's tiers.")
    summary: Text = Field(description="One sentence about the role.")
    responsibilities: list[Text] = Field(default=[], description="What the person does.")
    expectations: list[Text] = Field(default=[], description="Qualities asked for, in words (not assessed).")
    requires: Requirement = Field(default=Requirement(), description="What the level asks for.")
    tolerance: Tolerance | None = Field(default=None, description="Overrides the ladder's tolerance for this level.")
    next: list[LevelId] = Field(default=[], description="Levels directly above; two or more make a branch.")
    rank: Annotated[int, Field(ge=0, le=1000)] | None = Field(
        default=None, description="The level's grade, compared across branches to choose the best fit (higher is more senior). "
        "Optional: by default the number of steps on the longest way up from the first level.")
    lateral: list[LevelId] = Field(
        default=[], description="Moves across to another branch (a portfolio office manager to programme manager): offered "
        "as a next step in plans and `show`, not held to 'requirements rise', and not counted in `rank`.")
    drops: list[str] = Field(
        default=[], description="Requirements of the levels directly below that this level deliberately no longer asks "
        "for, by name (a fact or competency id, 'education', a certification id, 'certifications', 'any_competencies', "
        "'one_of' or a choice group's label): the rising check accepts their absence.")
    advice: list[AdviceItem] = Field(default=[], description="How to reach this level: text, or {text, for} to tie it to requirements.")
    source: Text | None = Field(default=None, description="Where this level's rules come from, when not the ladder's source.")
    as_of: Day | None = Field(default=None, description="The date this level's rules were read from its source.")
    translations: dict[Lang, LevelText] = Field(default={}, description="The level's text in other languages.")


class FrameworkModel(_Strict):
    """The issuer whose scheme this ladder follows; its rules are authoritative."""

    issuer: Text = Field(description="The body whose scheme the ladder follows, e.g. IPMA or PMI.")
    source: Text = Field(description="Where the scheme is published.")
    as_of: Day = Field(description="The date the scheme was read.")


class LadderText(_Strict):
    """The ladder's own text in another language (required for every language in `languages`)."""

    description: Text | None = Field(default=None, description="The description in this language.")
    advice: list[Text] | None = Field(default=None, description="The ladder-wide advice, in the same order as `advice`.")
    source: Text | None = Field(default=None, description="`source` in this language: what the ladder is written from.")


class FactLabelText(_Strict):
    """A relabelled fact's words in another language (or an English variant such as en-GB)."""

    name: Text | None = Field(default=None, description="The name in this language.")
    question: Text | None = Field(default=None, description="The question in this language.")


class FactLabel(FactLabelText):
    """The ladder's own words for a fact of the catalog: its readers see these wherever the ladder is shown."""

    translations: dict[Lang, FactLabelText] = Field(default={}, description="The words in other languages, en-GB included.")


class CertLabelText(_Strict):
    """A relabelled certification's name in another language."""

    name: Text | None = Field(default=None, description="The full name in this language.")


class CertLabel(CertLabelText):
    """The ladder's own name for a certification of the catalog."""

    translations: dict[Lang, CertLabelText] = Field(default={}, description="The name in other languages, en-GB included.")


class CompetencyLabelText(_Strict):
    """A relabelled competency's words in another language."""

    name: Text | None = Field(default=None, description="The name in this language.")
    description: Text | None = Field(default=None, description="The one-line description in this language.")


class CompetencyLabel(CompetencyLabelText):
    """The ladder's own words for a competency of the catalog."""

    translations: dict[Lang, CompetencyLabelText] = Field(default={}, description="The words in other languages, en-GB included.")


class Labels(_Strict):
    """The ladder's own words for built-in (catalog) facts, certifications and competencies, by id. What it does
    not relabel keeps the catalog's words; a language the label leaves out keeps the catalog's text in it."""

    facts: dict[FactId, FactLabel] = Field(default={}, description="Facts of the catalog: {name, question, translations}.")
    certifications: dict[CertId, CertLabel] = Field(default={}, description="Certifications of the catalog: {name, translations}.")
    competencies: dict[CompetencyId, CompetencyLabel] = Field(
        default={}, description="Competencies of the catalog: {name, description, translations}.")


class TrackModel(_Strict):
    """A named pathway of a branching ladder: a person's profile may name it (`track:`), and the questionnaire asks it."""

    name: Text = Field(description="The pathway's name, as the question 'Which pathway are you on?' offers it.")
    names: dict[Lang, Text] = Field(default={}, description="The name in other languages.")
    levels: Annotated[list[LevelId], Field(min_length=1)] = Field(
        description="The level ids on this pathway (those of its own branch; the levels below the branch are on every pathway).")


class Ladder(_Strict):
    """A ladder file: titles in order from the bottom, with what each requires."""

    schema_version: SchemaVersion = Field(description=SCHEMA_TEXT)
    id: LadderId = Field(description="The ladder id used on the command line.")
    version: Annotated[str, Field(max_length=40)] = Field(default="1", description="The ladder's own version, recorded with each assessment.")
    name: Text = Field(description="Display name.")
    names: dict[Lang, Text] = Field(default={}, description="The name in other languages.")
    source: Text = Field(description="The document the ladder is written from.")
    description: Text = Field(description="Two to four sentences about the ladder.")
    framework: FrameworkModel | None = Field(default=None, description="Set when the ladder follows an issuer's scheme.")
    languages: list[Lang] = Field(default=["en"], description="Languages present in the file.")
    tiers: dict[TierId, TierModel] = Field(description="Tier id to name, from the bottom; groups levels for display.")
    tolerance: Tolerance = Field(default=Tolerance(), description="How close counts as there, for every level unless it sets its own.")
    advice: list[LadderAdviceItem] = Field(
        default=[], description="Ladder-wide advice: text for everyone, or {text, levels, tiers} for the titles it suits. "
        "A person sees the lines that suit their best fit; one not placed yet, those that suit the first level.")
    facts: dict[FactId, Fact] = Field(default={}, description="Facts of the ladder's own, same shape as the catalog's.")
    certifications: dict[CertId, Certification] = Field(
        default={}, description="Certifications or internal programmes of the ladder's own, same shape as the catalog's."
    )
    scale: ScaleId | None = Field(
        default=None, description="The scale (an id under `scales:` here or in the catalog) the ladder's own competencies are rated "
        "on unless they name one; catalog competencies with as many points show its names too (others keep numbers).")
    scales: dict[ScaleId, ScaleModel] = Field(default={}, description="Named rating scales of the ladder's own, by scale id.")
    competencies: dict[CompetencyId, Competency] = Field(default={}, description="Competencies of the ladder's own, same shape as the catalog's.")
    levels: Annotated[list[Level], Field(min_length=1, max_length=200)] = Field(description="The titles, bottom to top.")
    translations: dict[Lang, LadderText] = Field(default={}, description="Ladder text in other languages.")
    labels: Labels = Field(default=Labels(), description="The ladder's own words for built-in facts, certifications and "
                           "competencies: {facts: {years_programmes: {name: Years managing programmes}}}.")
    tracks: dict[LevelId, TrackModel] = Field(
        default={}, description="Named pathways where the ladder branches, by id: {delivery: {name: Delivery, levels: [...]}}. "
        "A profile's `track:` names one; where two branches fit a person equally, the placement takes theirs.")
