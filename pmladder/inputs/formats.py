"""Format versions of ladder and catalog files, and the forms of earlier formats that still load.

`schema_version` is 1 or 2; 2 is current. A version-1 file may still use forms an earlier release
accepted and a later one refused; each is read as that release read it, and the file loads with
one note (`NOTE`, once per file) naming where the first deprecated forms are. In a version-2 file
the same forms are errors. `pmladder migrate` (cli/migrate.py) rewrites a file to version 2.

The deprecated forms, from this repository's history (tests/format_corpus/README.md):

- `grow` with other than five lines (the first releases asked for "at least one, two to four is
  the house style"). They read the line for a step up to rating r as line min(n, max(1, r - 1))
  of n (so the first line serves 0 to 1 and 1 to 2, the second 2 to 3, the third 3 to 4, the
  fourth 4 to 5, the last line every step beyond the list); the same rule spreads them to five.
- A fact's `how` (one text) instead of `advice`: read as advice from 0.
- A fact without `grows`: years grow with time, hours with study, people and projects with a
  role (a role change has no `months_per_unit`; one given is ignored).
- Text missing in a language the ladder declares (complete text was first asked for later): the
  English is shown.
- A ladder's own fact, certification or competency whose id the catalog has since taken: the
  ladder's own is used on that ladder.

Pure: data in, data out; nothing here prints or reads a file.
"""

from __future__ import annotations

import copy

CURRENT = 2
READS = (1, 2)
STEPS = 5  # grow lines: one per step, 0 to 1 ... 4 to 5

GROWS_BY_UNIT = {"years": "time", "hours": "study", "people": "role", "projects": "role"}


def N_(message: str) -> str:
    return message


NOTE = N_("{path}: format 1 with forms later releases replaced ({where}); it loads as it did. "
          "See them rewritten with: pmladder migrate {path}")


def version_of(data) -> int | None:
    """The file's schema_version when it is a plain whole number pmladder reads, else None."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    return version if type(version) is int and version in READS else None


def grow_index(step: int, lines: int) -> int:
    """The line (0-based) of `lines` grow lines a version-1 file meant for `step` (0: from 0 to 1)."""
    return min(lines - 1, max(0, step - 1))


def spread_grow(lines: list) -> list:
    """Five grow lines, one per step, from the lines of an earlier format."""
    return [lines[grow_index(step, len(lines))] for step in range(STEPS)]


def _sections(data: dict):
    """(section, key, entry) for every fact and competency of a catalog or ladder, read as raw data."""
    for section in ("facts", "competencies"):
        table = data.get(section)
        if isinstance(table, dict):
            for key, entry in table.items():
                if isinstance(entry, dict):
                    yield section, key, entry


def deprecated(data) -> list[tuple[tuple, str]]:
    """Where a file uses a form of format 1 that is now rewritten, as (location, form): the forms
    'grow' (other than five lines), 'how' (a fact's advice as one text) and 'grows' (missing)."""
    out: list[tuple[tuple, str]] = []
    if not isinstance(data, dict):
        return out
    for section, key, entry in _sections(data):
        if section == "competencies":
            grow = entry.get("grow")
            if entry.get("scale") is not None or data.get("scale") is not None:
                continue  # a named scale is a form of format 2: its grow lines are counted by its points
            if isinstance(grow, list) and grow and len(grow) != STEPS and all(isinstance(g, str) for g in grow):
                out.append(((section, key, "grow"), "grow"))
            continue
        if "how" in entry and "advice" not in entry and isinstance(entry.get("how"), str):
            out.append(((section, key, "how"), "how"))
        if "grows" not in entry and entry.get("unit") in GROWS_BY_UNIT:
            out.append(((section, key), "grows"))
    return out


def upgraded(data, found: list[tuple[tuple, str]]):
    """The data of a version-1 file with its deprecated forms (`found`, from `deprecated`) read as format 2."""
    if not found:
        return data
    data = copy.deepcopy(data)
    for loc, form in found:
        entry = data[loc[0]][loc[1]]
        if form == "grow":
            entry["grow"] = spread_grow(entry["grow"])
        elif form == "how":
            entry["advice"] = [{"from": 0, "text": entry.pop("how")}]
        elif form == "grows":
            entry["grows"] = GROWS_BY_UNIT[entry["unit"]]
            if entry["grows"] == "role":
                entry.pop("months_per_unit", None)
    return data


def where(locs) -> str:
    """The first places of deprecated forms, as dotted keys (at most three, then how many more)."""
    from .yamlsafe import dotted

    names = list(dict.fromkeys(dotted(loc) for loc in locs))
    shown = ", ".join(names[:3])
    return shown + (f" (+{len(names) - 3})" if len(names) > 3 else "")


LADDER_KEYS = ("levels", "tiers")
CATALOG_KEYS = ("role_ratings_from", "role_rating_months")


def file_kind(data) -> str:
    """What a parsed YAML file is, by its keys: 'ladder', 'catalog', 'profile' or 'list' (a list of
    paths, as a team list). A profile has answers (facts, competencies, ladder, ...) and no ladder keys (levels,
    tiers, id), even with a mistyped key. Anything else counts as a ladder, so a broken one is reported as such."""
    from .profiles import FIELDS

    if isinstance(data, list) and data and all(isinstance(item, str) for item in data):
        return "list"
    if not isinstance(data, dict) or not data or any(key in data for key in LADDER_KEYS):
        return "ladder"
    tables = [data.get(key) for key in ("facts", "competencies", "certifications")]
    nested = any(isinstance(v, dict) for t in tables if isinstance(t, dict) for v in t.values())
    if any(key in data for key in CATALOG_KEYS) or (nested and "id" not in data):
        return "catalog"
    answers = [key for key in FIELDS if key not in ("schema_version", "name")]
    if not nested and "id" not in data and any(key in data for key in answers):
        return "profile"
    return "ladder"
