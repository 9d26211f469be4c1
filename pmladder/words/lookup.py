"""Finding a level the way a person names it: by id, by title in any language, or by number."""

from __future__ import annotations

import difflib



def nearest(word, names, cutoff: float = 0.6) -> str | None:
    """The name a person most likely meant by `word`, for a "did you mean": the same name in other
    capitals first (`pmp` -> `PMP`), else the closest spelling; None when nothing is close."""
    by_fold: dict[str, str] = {}
    for name in map(str, names):
        by_fold.setdefault(name.casefold(), name)
    folded = str(word).casefold()
    if folded in by_fold:
        return by_fold[folded]
    hint = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=cutoff)
    if hint:
        return by_fold[hint[0]]
    # else the one name that is the word with a part added (`risk` -> `risk_issues`, `pmo` -> `pmo-lead`)
    longer = [name for fold, name in by_fold.items() if len(folded) >= 3 and fold[len(folded):][:1] in ("_", "-")
              and fold.startswith(folded)]
    return longer[0] if len(longer) == 1 else None


def match_level(ladder, wanted: str):
    """(level, None) for a level named by id, title (any language, any capitals) or number from 1;
    else (None, the level the person most likely meant, or None)."""
    text = str(wanted).strip()
    levels = ladder.levels
    if text.isdigit() and 1 <= int(text) <= len(levels):
        return levels[int(text) - 1], None
    folded = text.casefold()
    names = {}
    for level in levels:
        for name in (level.id, level.title, *level.titles.values()):
            names.setdefault(name.casefold(), level)
    if folded in names:
        return names[folded], None
    hint = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.6)
    return None, (names[hint[0]] if hint else None)


def find_level(ladder, wanted: str, lang: str | None = None):
    """(level, None), or (None, a message with 'did you mean' and the list of levels, titled in `lang`)."""
    from . import C_, _, language_for

    found, near = match_level(ladder, wanted)
    if found is not None:
        return found, None
    levels = ladder.levels
    lang = language_for(lang, ladder).text
    listing = C_("list", "; ").join(f"{i}. {lv.id} ({lv.title_in(lang)})" for i, lv in enumerate(levels, 1))
    if near is not None:
        return None, _("ladder '{id}' has no level '{wanted}' (did you mean '{hint}', {title}?); its levels: {levels}").format(
            id=ladder.id, wanted=wanted, hint=near.id, title=near.title_in(lang), levels=listing)
    return None, _("ladder '{id}' has no level '{wanted}'; its levels: {levels}").format(id=ladder.id, wanted=wanted, levels=listing)


def folded(name) -> str:
    """A name as a lookup compares it: case, spaces, punctuation and marks such as ® and ™ left out
    (`PRINCE2 Practitioner`, `prince2-practitioner` and `PRINCE2® Practitioner` fold alike)."""
    import unicodedata

    name = str(name)
    if name.isascii() and name.isalnum():  # the common case, quickly
        return name.lower()
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def name_index(names: dict) -> dict:
    """{folded name: key} for `by_name`, made once for many lookups; a name two keys share leads to None."""
    index: dict = {}
    for key, its in names.items():
        for n in its:
            f = folded(n)
            if f:
                index[f] = key if index.get(f, key) == key else None
    return index


def by_name(word, names: dict, index: dict | None = None) -> str | None:
    """The key whose names (an iterable a key) include `word` as `folded` compares them; None when none
    does, or when the word names two keys (it is then no answer). One rule for ids and names alike;
    `index` (from `name_index(names)`) saves folding every name again."""
    return (index if index is not None else name_index(names)).get(folded(word))
