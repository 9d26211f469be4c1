"""The runtime vocabulary the engine works on: plain, light objects (no pydantic, no I/O).

The loader validates files with the pydantic models in `inputs/model.py` and compiles them into
these types; the cache keeps them as JSON and rebuilds them by class name (`inputs/cache.py`), so a
warm start needs neither pydantic nor YAML. Every object here is immutable by convention.

A requirement block compiles to a tuple of `Atom`s, one per separately assessed requirement:

| kind        | key                         | need                                   |
| ----------- | --------------------------- | -------------------------------------- |
| education   | `education`                 | the minimum education id               |
| fact        | the fact id                 | the minimum number                     |
| cert        | the certification id        | the certification id                   |
| certs       | `A|B|C` (any one of them)   | tuple of certification ids             |
| skill       | the competency id           | the minimum rating                     |
| skills      | `3 of a|b|c at 4`           | `NOf(n, ids, rating)`                  |
| alt         | `one of: ...`, `choice: L`  | tuple of blocks (tuples of atoms)      |

`gate` marks a requirement that must be met outright; every other one tolerates a small
shortfall (see `engine/placement.py`). `within` is a window in years for a fact ("3 years within the
last 6"). An either/or group may carry a `label` (a labelled `choices:` group) and a label per route
(`routes`); `when` makes a requirement apply only in some roles (a `conditional:` entry).
"""


import datetime as _dt
from enum import StrEnum
from typing import NamedTuple

EDUCATION: tuple[str, ...] = ("none", "secondary", "bachelor", "master", "doctorate")
EDU_RANK = {e: i for i, e in enumerate(EDUCATION)}
UNITS = ("years", "people", "projects", "hours", "money", "count")
GROWS = ("time", "study", "role")  # by itself with the work, by a course, by a new assignment

# The days a plan may start on: `--today`, `--date`, a profile's `assessed_on` (judgment). From
# the last one a plan of a hundred years and more still lands on a calendar date (year 9999 is
# the calendar's end), and before the first one nobody was planning with pmladder.
FIRST_DAY = _dt.date(1970, 1, 1)
LAST_DAY = _dt.date(2200, 12, 31)



class Kind(StrEnum):
    """What a requirement asks for (the table above). A member is its own string: JSON, the
    history and every view hold the plain value ("fact"), and a kind read back from stored data
    as a plain string still compares equal to its member."""

    EDUCATION = "education"
    FACT = "fact"
    CERT = "cert"
    CERTS = "certs"
    SKILL = "skill"
    SKILLS = "skills"
    ALT = "alt"


class StepKind(StrEnum):
    """What a roadmap step is: experience growing with the work (background), a course (study), a
    rating raised one step (skill), an exam (cert), a new assignment (role), an education, or an
    open question to answer first (answer)."""

    BACKGROUND = "background"
    STUDY = "study"
    SKILL = "skill"
    CERT = "cert"
    ROLE = "role"
    EDUCATION = "education"
    ANSWER = "answer"


# Requirement kinds, in the order a report lists them.
KINDS: tuple[Kind, ...] = tuple(Kind)


def tr(obj, field: str, lang: str | None):
    """`field` of `obj` in `lang` when the object has it, else its own (English) value."""
    if lang:
        value = obj.tr.get(lang, {}).get(field)
        if value is not None:
            return value
    return getattr(obj, field)


class FactDef(NamedTuple):
    """A number a person states about themselves, such as years managing projects."""

    id: str
    name: str
    question: str
    unit: str  # years | people | projects | hours | money | count
    max: float
    grows: str  # time | study | role
    months_per_unit: float | None  # None for facts that grow with a role change
    tolerance: float  # share of a need that may be missing and still count as close (judgment)
    advice: tuple[tuple[float, str], ...]  # (from, text): the entry with the highest `from` <= the answer
    at_most: str | None = None  # another fact this one cannot exceed
    tr: dict = {}  # lang -> {name, question, advice: tuple of texts}
    origin: str = "catalog"  # catalog, or the ladder id that declares it
    needs_role: bool = False  # years that count only in a job of their own kind (a PMO, a program): a move into one comes first
    currency: str | None = None  # unit money: the ISO code (GBP)
    unit_name: tuple[str, ...] = ()  # unit money or count: (one, other), what the number counts in words; tr[lang]["unit_name"] too

    @property
    def whole(self) -> bool:
        return self.unit in ("people", "projects", "count")


class Implies(NamedTuple):
    """What holding a certification proves: minimum facts, an education, other certifications."""

    education: str | None = None
    facts: dict = {}
    certs: tuple[str, ...] = ()


class CertDef(NamedTuple):
    id: str
    name: str
    issuer: str
    source: str
    as_of: _dt.date
    prep_months: float | None  # None: cannot be planned (an internal programme one is nominated for)
    eligibility: tuple[tuple["Atom", ...], ...]  # any one alternative suffices; () means no prerequisite
    implies: Implies = Implies()
    notes: str = ""
    tr: dict = {}
    origin: str = "catalog"
    valid_years: float | None = None  # None: never lapses; else years current after it is earned or last renewed
    cpd_hours: float | None = None  # continuing development hours the issuer asks over those years (PDUs), when it counts them
    renewal: str = ""  # how to renew, in the issuer's terms
    grace_months: int | None = None  # None: renewable however long ago it lapsed; else months after lapsing it can still be renewed

    @property
    def plannable(self) -> bool:
        return self.prep_months is not None


BUILTIN_TOP = 5  # the built-in scale: ratings 0 to 5, shown as numbers ("3/5")


class Scale(NamedTuple):
    """A rating scale: named points from 0 up (`names`), or the built-in numeric 0-5 scale (id "", no names).

    `show` is "name" ("Practitioner") or "name_and_number" ("Practitioner (3 of 5)"); `tr` holds the
    names in other languages (lang -> {"names": tuple})."""

    id: str = ""
    names: tuple[str, ...] = ()
    show: str = "name_and_number"
    tr: dict = {}

    @property
    def top(self) -> int:
        return len(self.names) - 1 if self.names else BUILTIN_TOP

    @property
    def named(self) -> bool:
        return bool(self.names)

    def name(self, rating: int, lang: str | None = None) -> str | None:
        """The name of point `rating` in `lang` (English when the scale lacks it); None on the built-in scale."""
        if not self.names or not 0 <= rating <= self.top:
            return None
        return tr(self, "names", lang)[rating]


NUMERIC = Scale()  # the built-in scale


class CompetencyDef(NamedTuple):
    id: str
    name: str
    description: str
    ratings: tuple[str, ...]  # one per point of the scale: what ratings 0 to top look like (six on the built-in scale)
    grow: tuple[str, ...]  # one per step: grow[r] is what to do to go from rating r to r + 1
    months_per_step: float
    tr: dict = {}
    origin: str = "catalog"
    least: tuple[float, ...] = ()  # the catalog's least months for a step to ratings 1..top (role_rating_months; 0: none)
    scale: Scale = NUMERIC

    @property
    def top(self) -> int:
        return self.scale.top

    def step_months(self, to: int) -> float:
        """Months to rise one step to rating `to`: months_per_step, or more where the catalog says a step to that
        rating takes longer (judgment)."""
        return max(self.months_per_step, self.least[to - 1] if 0 < to <= len(self.least) else 0.0)

    def in_role(self, to: int, role_from: int) -> bool:
        """Whether a step to rating `to` is grown in a role that asks for it. `role_from` is the catalog's
        role_ratings_from on the built-in 0-5 scale; on another scale it counts the same number of points down
        from the top (judgment: 4 of 0-5 is "the top two points" on any scale)."""
        return to >= role_from + self.top - BUILTIN_TOP


class NOf(NamedTuple):
    """Any `n` of the competencies `ids` at `rating` or more."""

    n: int
    ids: tuple[str, ...]
    rating: int


class Label(NamedTuple):
    """A text an author gives (a route's or a choice group's label), with its translations."""

    text: str
    texts: tuple[tuple[str, str], ...] = ()  # (lang, text) pairs: a tuple, so a requirement holding a label stays hashable

    def text_in(self, lang: str | None) -> str:
        return dict(self.texts).get(lang, self.text) if lang else self.text


class When(NamedTuple):
    """When a requirement applies: the person's track is one of `track` (a level id names its branch), and each
    fact of `facts` is at least its value. Every part given must hold."""

    track: tuple[str, ...] = ()
    facts: tuple[tuple[str, float], ...] = ()


class Atom(NamedTuple):
    kind: Kind
    key: str
    need: object
    gate: bool = False
    within: float | None = None  # facts: years counted within this window only
    label: Label | None = None  # alternatives: the group's label (a `choices:` group); None for the block's `one_of`
    routes: tuple = ()  # alternatives: each route's Label or None; () when none is labelled
    when: When | None = None  # applies only when this holds (a `conditional:` requirement); None: always


class Tolerance(NamedTuple):
    """How close counts as there: ratings `rating_steps` short, at most `share` of a level's requirements."""

    share: float = 0.2  # judgment
    rating_steps: int = 1  # judgment
    min_known: float = 0.5  # judgment: at least this share of a level must be answered to place on it


class Advice(NamedTuple):
    """A line of advice; `for_keys` names the requirements it is about (shown only while they are open)."""

    text: str
    for_keys: tuple[str, ...] = ()


class Tier(NamedTuple):
    name: str
    names: dict = {}


class Level(NamedTuple):
    id: str
    title: str
    titles: dict  # lang -> title
    tier: str
    summary: str
    responsibilities: tuple[str, ...]
    expectations: tuple[str, ...]
    requires: tuple[Atom, ...]
    next: tuple[str, ...]
    advice: tuple[Advice, ...]
    tolerance: Tolerance
    tr: dict = {}  # lang -> {summary, responsibilities, expectations, advice}
    source: str | None = None
    as_of: _dt.date | None = None
    rank: int = 0  # the grade, comparable across branches (given, or the longest way up from the first level)
    lateral: tuple[str, ...] = ()  # moves across to another branch: offered in plans, not ranked, not held to rise
    drops: tuple[str, ...] = ()  # requirement names of the levels below that this level deliberately no longer asks for

    def title_in(self, lang: str | None) -> str:
        return self.titles.get(lang, self.title) if lang else self.title

    def title_pair(self, lang: str | None) -> tuple[str, str | None]:
        """The title to show and the other-language title to show beside it (or None)."""
        if lang:
            return (self.titles[lang], self.title) if lang in self.titles else (self.title, None)
        return self.title, next(iter(self.titles.values()), None)

    def text(self, field: str, lang: str | None):
        return tr(self, field, lang)


class Track(NamedTuple):
    """A named pathway through a branching ladder: the levels on it."""

    name: str
    names: dict = {}
    levels: tuple[str, ...] = ()

    def name_in(self, lang: str | None) -> str:
        return self.names.get(lang, self.name) if lang else self.name


class Framework(NamedTuple):
    """A ladder that follows an issuer's scheme: whose rules are authoritative."""

    issuer: str
    source: str
    as_of: _dt.date


class Ladder(NamedTuple):
    id: str
    name: str
    names: dict
    source: str
    description: str
    languages: tuple[str, ...]
    tiers: dict  # id -> Tier, bottom first
    advice: tuple[str, ...]
    levels: tuple[Level, ...]
    facts: dict  # every fact this ladder can use: the catalog's and its own
    certs: dict
    comps: dict
    own: frozenset = frozenset()  # ids the ladder itself declares
    framework: Framework | None = None
    version: str = "1"
    tr: dict = {}  # lang -> {description, advice}
    advice_levels: tuple = ()  # for each line of advice, the level ids it suits; () (or an empty tuple) for everyone
    scale: Scale | None = None  # the ladder's `scale`: the default for its own competencies, the names for the catalog's of as many points
    scales: dict = {}  # scale id -> Scale: the ladder's own named scales
    tracks: dict = {}  # track id -> Track, in the file's order
    partial: tuple[str, ...] = ()  # declared languages in which some of the catalog's text it shows is English

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def index(self, level_id: str) -> int:
        for i, level in enumerate(self.levels):
            if level.id == level_id:
                return i
        raise KeyError(level_id)

    def name_in(self, lang: str | None) -> str:
        return self.names.get(lang, self.name) if lang else self.name

    def advice_suits(self, i: int) -> tuple[str, ...]:
        """The level ids line `i` of the ladder-wide advice suits; () when it suits everyone."""
        return self.advice_levels[i] if i < len(self.advice_levels) else ()

    def advice_for(self, level_id: str | None, lang: str | None) -> list[str]:
        """The ladder-wide advice that suits a person placed at `level_id` (None: not placed yet, so the first level)."""
        at = level_id if level_id is not None else self.levels[0].id
        return [text for i, text in enumerate(tr(self, "advice", lang)) if not self.advice_suits(i) or at in self.advice_suits(i)]

    def tier_name(self, tier: str, lang: str | None) -> str:
        t = self.tiers[tier]
        return t.names.get(lang, t.name) if lang else t.name


class Catalog(NamedTuple):
    facts: dict
    certs: dict
    comps: dict
    path: str
    role_ratings_from: int = 4  # ratings from this one up are grown in a role that asks for them (judgment)
    role_rating_months: dict = {}  # rating -> the least months a step up to it takes (judgment)
    lines: dict = {}  # (section, id) -> (line, col) of the entry's translations (or of the entry): where a missing text goes
    scales: dict = {}  # scale id -> Scale: the catalog's named rating scales


class Vocab(NamedTuple):
    """The ids a requirement or a profile may name: the catalog's and the ladders' own."""

    facts: dict
    certs: dict
    comps: dict
    own: frozenset = frozenset()


class CertDates(NamedTuple):
    """When a certificate was earned and last renewed, each as written: "2024-05-17", "2024-05" or "2024"
    (None when not given). A partial date is read as its last day when a lapse is worked out, so a
    certificate is never taken as lapsed by a guess."""

    earned: str | None = None
    renewed: str | None = None


class Review(NamedTuple):
    """A second opinion: who rated the person's skills, on which day, and the ratings (competency id -> rating)."""

    by: str
    on: _dt.date
    competencies: dict


class Profile(NamedTuple):
    """What a person answered. A missing fact, rating or education is unknown, never 0.

    `certifications` is None when the question was not answered, () when none are held.
    `other_certifications` are names outside the vocabulary: kept and shown, never counted.
    `last_year` gives, for a kind of experience the person no longer does, the last year they did it.
    """

    name: str | None = None
    ladder: str | None = None
    assessed_on: _dt.date | None = None
    education: str | None = None
    facts: dict = {}
    certifications: tuple[str, ...] | None = None
    other_certifications: tuple[str, ...] = ()
    competencies: dict = {}
    last_year: dict = {}
    track: str | None = None  # the person's pathway: a track id of the ladder, or a level id on the branch; breaks ties between branches
    certification_dates: dict = {}  # cert id -> CertDates: when a certificate was earned and last renewed
    current_title: str | None = None  # the job held now, as HR names it (matched to a level by the team view)
    department: str | None = None
    manager: str | None = None
    reviews: tuple = ()  # Review: a manager's or mentor's ratings of the same skills (engine/reviews.py)

    def replace(self, **changes) -> "Profile":
        return self._replace(**changes)


def atoms_of(block: tuple[Atom, ...]):
    """Every atom of a block, alternatives included (for listing what a ladder uses)."""
    for atom in block:
        if atom.kind == Kind.ALT:
            for alt in atom.need:
                yield from atoms_of(alt)
        else:
            yield atom


class Uses(NamedTuple):
    """What a ladder's requirements ask about: directly or through a required certification's rules."""

    education: bool
    facts: tuple[str, ...]  # in the vocabulary's order
    certs: tuple[str, ...]
    skills: tuple[str, ...]  # in the order the ladder first uses them


def uses(ladder: Ladder) -> Uses:
    education = False
    facts: dict[str, None] = {}
    certs: dict[str, None] = {}
    skills: dict[str, None] = {}

    def add(block) -> None:
        nonlocal education
        for atom in atoms_of(block):
            if atom.when is not None:  # a conditional requirement asks about what its condition rests on
                facts.update(dict.fromkeys(key for key, _least in atom.when.facts))
            if atom.kind == Kind.EDUCATION:
                education = True
            elif atom.kind == Kind.FACT:
                facts[atom.key] = None
            elif atom.kind == Kind.SKILL:
                skills[atom.key] = None
            elif atom.kind == Kind.SKILLS:
                skills.update(dict.fromkeys(atom.need.ids))
            else:
                for cert in (atom.need,) if atom.kind == Kind.CERT else atom.need:
                    if cert not in certs:
                        certs[cert] = None
                        for alt in ladder.certs[cert].eligibility:
                            add(alt)

    for level in ladder.levels:
        add(level.requires)
    return Uses(
        education,
        tuple(k for k in ladder.facts if k in facts),
        tuple(c for c in ladder.certs if c in certs),
        tuple(skills),
    )
