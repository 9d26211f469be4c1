"""The data model: catalog, ladder and profile files, validated strictly.

Every file model forbids unknown keys and uses strict types, so a YAML 1.1 surprise
(`NO` read as false, `010` read as 8) or a typo such as `levles` is an error, not a guess.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

EDUCATION: tuple[str, ...] = ("none", "secondary", "bachelor", "master", "doctorate")
Education = Literal["none", "secondary", "bachelor", "master", "doctorate"]

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Lang = Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Za-z]{2,8})?$")]
Number = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Rating = Annotated[int, Field(ge=0, le=5)]
FactId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
CompetencyId = FactId
CertId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9-]*$", max_length=64)]
LevelId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
TierId = LevelId
LadderId = LevelId


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class CertRequirement(_Strict):
    """Certifications: every one of `all_of`, and at least one of `any_of` when it is not empty."""

    all_of: list[CertId] = []
    any_of: list[CertId] = []


class Requirement(_Strict):
    """Minimums a person must meet: education, facts >=, certifications, competency ratings >=."""

    education: Education | None = None
    facts: dict[FactId, Number] = {}
    certifications: CertRequirement = CertRequirement()
    competencies: dict[CompetencyId, Rating] = {}



class Fact(_Strict):
    """A number a person states about themselves, such as years managing projects."""

    name: Text
    question: Text
    unit: Literal["years", "people", "projects", "hours"]
    max: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    months_per_unit: Number
    how: Text
    at_most: FactId | None = Field(default=None, description="Another fact this one cannot exceed (years managing <= years in project work).")

    @property
    def whole(self) -> bool:
        """Counted in whole units: people and projects."""
        return self.unit in ("people", "projects")


class Certification(_Strict):
    """A certification with its issuer's eligibility rules, as found on `as_of`."""

    name: Text
    issuer: Text
    source: Text
    as_of: Annotated[_dt.date, Field(strict=False)]
    prep_months: Number
    eligibility: list[Requirement] = Field(
        default=[], description="Any one alternative suffices; empty means no prerequisite."
    )
    notes: str = ""


class Competency(_Strict):
    """A skill rated 0-5, with what each rating looks like and how people grow it."""

    name: Text
    description: Text
    ratings: Annotated[list[Text], Field(min_length=6, max_length=6)]
    grow: Annotated[list[Text], Field(min_length=1)]
    months_per_step: Annotated[float, Field(gt=0, allow_inf_nan=False)]


class CatalogFile(_Strict):
    """`ladders/catalog.yaml`: the vocabulary shared by every ladder."""

    schema_version: Literal[1]
    facts: dict[FactId, Fact]
    certifications: dict[CertId, Certification]
    competencies: dict[CompetencyId, Competency]


class Tier(_Strict):
    name: Text
    names: dict[Lang, Text] = {}


class LevelText(_Strict):
    """A level's text in another language."""

    summary: Text | None = None
    responsibilities: list[Text] | None = None
    expectations: list[Text] | None = None
    advice: list[Text] | None = None


class Level(_Strict):
    """One title on a ladder."""

    id: LevelId
    title: Text
    titles: dict[Lang, Text] = {}
    tier: TierId
    summary: Text
    responsibilities: list[Text] = []
    expectations: list[Text] = []
    requires: Requirement = Requirement()
    next: list[LevelId] = []
    advice: list[Text] = []
    translations: dict[Lang, LevelText] = {}

    def text(self, field: str, lang: str | None):
        """`field` in `lang` when the level has it, else the English."""
        if lang and lang in self.translations:
            value = getattr(self.translations[lang], field)
            if value is not None:
                return value
        return getattr(self, field)

    def title_in(self, lang: str | None) -> str:
        return self.titles.get(lang, self.title) if lang else self.title

    def title_pair(self, lang: str | None) -> tuple[str, str | None]:
        """The title to show and the other-language title to show beside it (or None)."""
        if lang:
            return (self.titles[lang], self.title) if lang in self.titles else (self.title, None)
        return self.title, next(iter(self.titles.values()), None)


class Ladder(_Strict):
    """A ladder file: titles in order from the bottom, with what each requires."""

    schema_version: Literal[1]
    id: LadderId
    name: Text
    names: dict[Lang, Text] = {}
    source: Text
    description: Text
    languages: list[Lang] = ["en"]
    tiers: dict[TierId, Tier]
    advice: list[Text] = []
    competencies: dict[CompetencyId, Competency] = {}
    levels: Annotated[list[Level], Field(min_length=1, max_length=200)]

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def name_in(self, lang: str | None) -> str:
        return self.names.get(lang, self.name) if lang else self.name

    def tier_name(self, tier: str, lang: str | None) -> str:
        t = self.tiers[tier]
        return t.names.get(lang, t.name) if lang else t.name


class Profile(_Strict):
    """What a person answered: the file `--answers` reads and an assessment saves."""

    schema_version: Literal[1] = 1
    name: Annotated[str, Field(max_length=200)] | None = None
    ladder: LadderId | None = None  # the ladder last assessed on; `plan` uses it by default
    education: Education | None = None
    facts: dict[FactId, Number] = {}
    certifications: list[CertId] = []
    competencies: dict[CompetencyId, Rating] = {}

    def fact(self, key: str) -> float:
        return self.facts.get(key, 0)

    def rating(self, key: str) -> int:
        return self.competencies.get(key, 0)


def fact_problem(catalog, key: str, value: float, answers: dict | None = None) -> str | None:
    """Why `value` cannot be an answer for fact `key` (`catalog` has `.facts`); None when it can.

    A file is held to the maximum only; with `answers` (a questionnaire in progress) a whole
    number of people or projects and consistency with the other answers are asked for too.
    """
    fact = catalog.facts[key]
    if value > fact.max:
        return f"{num(value)} looks too high: the most this accepts is {num(fact.max)} {fact.unit}."
    if answers is None:
        return None
    facts = answers
    if fact.whole and not float(value).is_integer():
        return f"please give a whole number of {fact.unit}."
    bound = fact.at_most
    if bound is not None and value > facts.get(bound, 0):
        other = catalog.facts[bound]
        return f"{num(value)} is more than your {other.name.lower()} ({num(facts.get(bound, 0))}), which includes it."
    return None


def education_rank(value: str | None) -> int:
    return EDUCATION.index(value) if value else 0


def num(x: float) -> int | float:
    """A number as a person writes it: 3, not 3.0."""
    return int(x) if float(x).is_integer() else round(x, 2)
