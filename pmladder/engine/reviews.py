"""A second opinion beside the self-ratings: which review counts, which ratings a placement uses, where they differ.

Pure: a profile in, a profile or a summary out. The latest review (by date) is the one that counts.
"""

from __future__ import annotations

from typing import NamedTuple

from .types import Profile, Review

SELF, REVIEWER, LOWER = "self", "reviewer", "lower"
RATINGS = (SELF, REVIEWER, LOWER)
DEFAULT = SELF  # a person's own answers, unless asked otherwise: a review is shown beside them
APART = 2  # steps apart at which self and reviewer are said to differ


class Difference(NamedTuple):
    id: str
    own: int
    reviewer: int


class ReviewSummary(NamedTuple):
    """The review that counts, how the placement used it, and where it differs from the self-ratings."""

    by: str
    on: object  # datetime.date
    ratings: str  # SELF, REVIEWER or LOWER: the ratings the placement used
    own: dict  # the self-ratings
    theirs: dict  # the reviewer's
    differences: tuple[Difference, ...]  # two or more steps apart, by competency id

    def reviewer_rating(self, key: str) -> int | None:
        return self.theirs.get(key)


def latest(profile: Profile) -> Review | None:
    """The review that counts: the latest by date (the last listed among those of the same day)."""
    if not profile.reviews:
        return None
    return max(enumerate(profile.reviews), key=lambda pair: (pair[1].on, pair[0]))[1]


def combined(own: dict, theirs: dict, ratings: str) -> dict:
    """The ratings a placement uses: the person's, the reviewer's where given (own elsewhere), or the lower of the two."""
    if ratings == SELF:
        return dict(own)
    out = dict(own)
    for key, value in theirs.items():
        if ratings == REVIEWER or key not in out:
            out[key] = value
        else:
            out[key] = min(out[key], value)
    return out


def differences(own: dict, theirs: dict, apart: int = APART) -> tuple[Difference, ...]:
    """The competencies rated by both that are `apart` or more steps apart, by id."""
    return tuple(Difference(k, own[k], theirs[k]) for k in sorted(own) if k in theirs and abs(own[k] - theirs[k]) >= apart)


def rated(profile: Profile, ratings: str = DEFAULT) -> tuple[Profile, ReviewSummary | None]:
    """The profile with the ratings a placement should use, and a summary of the review (None without one)."""
    review = latest(profile)
    if review is None:
        return profile, None
    own = dict(profile.competencies)
    summary = ReviewSummary(review.by, review.on, ratings, own, dict(review.competencies),
                            differences(own, review.competencies))
    if ratings == SELF:
        return profile, summary
    return profile.replace(competencies=combined(own, review.competencies, ratings)), summary
