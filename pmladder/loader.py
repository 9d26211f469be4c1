"""Find, read and validate ladder files and the catalog.

Every failure is a `DataError` whose problems read `FILE:LINE:COL: message`; a file's
problems are reported together. Nothing here prints: notices (a ladder overriding
another) are returned for the CLI to show.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ValidationError

from .model import EDUCATION, CatalogFile, Competency, Ladder, Requirement, education_rank
from .yamlsafe import DataError, Document, Problem, read_file

CATALOG_NAME = "catalog.yaml"
ENV_PATH = "PMLADDER_PATH"


def builtin_dir() -> Path:
    """The shipped `ladders/` folder: inside the wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_ladders"
    return packaged if packaged.is_dir() else here.parent / "ladders"


def user_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("pmladder", appauthor=False)) / "ladders"


def search_dirs(extra: list[Path] | None = None, environ: typing.Mapping[str, str] | None = None) -> list[Path]:
    """Where ladders come from, in order; a later file overrides an earlier one with the same id."""
    environ = os.environ if environ is None else environ
    dirs = [builtin_dir(), user_dir()]
    dirs += [Path(p) for p in environ.get(ENV_PATH, "").split(os.pathsep) if p.strip()]
    dirs += list(extra or [])
    return dirs


# --- pydantic errors -> problems with positions ---------------------------------------


def _unwrap(tp):
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at `loc`, to suggest the one a typo meant."""
    tp = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return []
            tp = info.annotation
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return []
    tp = _unwrap(tp)
    return list(tp.model_fields) if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "top level"


def _message(model: type[BaseModel], err: dict) -> tuple[tuple, str, bool]:
    loc = tuple(p for p in err["loc"] if p != "[key]")
    kind = err["type"]
    if kind == "extra_forbidden":
        name = loc[-1]
        hint = difflib.get_close_matches(str(name), _keys_at(model, loc[:-1]), n=1)
        where = f" in {_dotted(loc[:-1])}" if loc[:-1] else ""
        tip = f" (did you mean '{hint[0]}'?)" if hint else ""
        return loc, f"unknown key '{name}'{where}{tip}", True
    if kind == "missing":
        return loc, f"{_dotted(loc)}: required key is missing", False
    msg = err["msg"]
    value = err.get("input")
    if isinstance(value, bool) and kind != "bool_type":
        msg += " (YAML reads yes/no/on/off/true/false as a boolean: quote the text)"
    elif kind == "string_type" and isinstance(value, (int, float)):
        msg += " (quote it to keep it as text)"
    if err["loc"] and err["loc"][-1] == "[key]":
        return loc, f"{_dotted(loc)}: bad key: {msg}", True
    return loc, f"{_dotted(loc)}: {msg}", False


def validate(doc: Document, model: type[BaseModel]):
    """Validate parsed data against `model`; every error becomes a positioned problem."""
    if doc.data is None:
        raise DataError([Problem(doc.path, 1, 1, "the file is empty")])
    if not isinstance(doc.data, dict):
        raise DataError([doc.problem((), "the top level must be a mapping of keys to values")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc, msg, on_key = _message(model, err)
            problems.append(doc.problem(loc, msg, key=on_key))
        raise DataError(_unique(problems)) from None


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


# --- the catalog -------------------------------------------------------------------------


class Catalog(NamedTuple):
    """The catalog file plus the competencies ladders add."""

    file: CatalogFile
    path: str

    @property
    def facts(self):
        return self.file.facts

    @property
    def certifications(self):
        return self.file.certifications

    def competencies_for(self, ladder: Ladder) -> dict[str, Competency]:
        return {**self.file.competencies, **ladder.competencies}


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _seq(value) -> list:
    return value if isinstance(value, list) else []


def check_requirement(req, doc: Document, loc: tuple, catalog: CatalogFile, competencies) -> list[Problem]:
    """Every id a requirement block names must exist (read from the raw data, so it works on any file)."""
    req = _mapping(req)
    out = []
    for key in _mapping(req.get("facts")):
        if key not in catalog.facts:
            out.append(doc.problem(loc + ("facts", key), _unknown("fact", key, catalog.facts), key=True))
    certs = _mapping(req.get("certifications"))
    for part in ("all_of", "any_of"):
        for i, cert in enumerate(_seq(certs.get(part))):
            if isinstance(cert, str) and cert not in catalog.certifications:
                where = loc + ("certifications", part, i)
                out.append(doc.problem(where, _unknown("certification", cert, catalog.certifications)))
    for key in _mapping(req.get("competencies")):
        if key not in competencies:
            out.append(doc.problem(loc + ("competencies", key), _unknown("competency", key, competencies), key=True))
    return out


def _unknown(kind: str, key: str, known) -> str:
    key = str(key)
    hint = difflib.get_close_matches(key, [str(k) for k in known], n=1)
    return f"unknown {kind} '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")


def parse_catalog(doc: Document) -> CatalogFile:
    catalog = validate(doc, CatalogFile)
    problems = []
    for fid, fact in catalog.facts.items():
        if fact.at_most is not None and fact.at_most not in catalog.facts:
            problems.append(doc.problem(("facts", fid, "at_most"), _unknown("fact", fact.at_most, catalog.facts)))
    for cid in catalog.certifications:
        rules = _seq(_mapping(doc.data["certifications"][cid]).get("eligibility"))
        for i, alt in enumerate(rules):
            problems += check_requirement(alt, doc, ("certifications", cid, "eligibility", i), catalog, catalog.competencies)
    if not problems:
        problems += _cert_cycles(catalog, doc)
    if problems:
        raise DataError(problems)
    return catalog


def _cert_cycles(catalog: CatalogFile, doc: Document) -> list[Problem]:
    def prereqs(cid):
        for alt in catalog.certifications[cid].eligibility:
            yield from alt.certifications.all_of
            yield from alt.certifications.any_of

    cycle = _find_cycle(list(catalog.certifications), prereqs)
    if cycle:
        return [doc.problem(("certifications", cycle[0]), "certification prerequisites form a cycle: " + " -> ".join(cycle))]
    return []


def _find_cycle(nodes: list[str], edges) -> list[str] | None:
    state: dict[str, int] = {}
    for start in nodes:
        if start in state:
            continue
        stack = [(start, iter(edges(start)))]
        path = [start]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(edges(nxt))))
                path.append(nxt)
    return None


def load_catalog(path: Path | None = None) -> Catalog:
    path = path or builtin_dir() / CATALOG_NAME
    return Catalog(parse_catalog(read_file(path)), str(path))


# --- ladders -----------------------------------------------------------------------------


def parse_ladder(doc: Document, catalog: CatalogFile) -> Ladder:
    """Validate a ladder file: its shape, the ids it names, then its graph; every problem of the file at once."""
    problems = check_references(doc, catalog)
    try:
        ladder = validate(doc, Ladder)
    except DataError as exc:
        raise DataError(sorted(exc.problems + problems, key=lambda p: (p.line, p.col))) from None
    problems = problems or check_graph(ladder, doc)
    if problems:
        raise DataError(problems)
    return ladder


def check_references(doc: Document, catalog: CatalogFile) -> list[Problem]:
    """Ids, tiers, languages and links, read from the raw data so they are reported even when the shape is wrong."""
    data = _mapping(doc.data)
    own = _mapping(data.get("competencies"))
    out = [
        doc.problem(("competencies", key), f"competency '{key}' is already in the catalog; pick another id", key=True)
        for key in own
        if key in catalog.competencies
    ]
    competencies = {**catalog.competencies, **own}
    tiers = _mapping(data.get("tiers"))
    languages = set(_seq(data.get("languages", ["en"])))
    levels = [_mapping(level) for level in _seq(data.get("levels"))]
    seen: dict[str, int] = {}
    for i, level in enumerate(levels):
        at = ("levels", i)
        level_id = level.get("id")
        if isinstance(level_id, str):
            if level_id in seen:
                out.append(doc.problem(at + ("id",), f"duplicate level id '{level_id}' (also levels[{seen[level_id]}])"))
            seen.setdefault(level_id, i)
        tier = level.get("tier")
        if isinstance(tier, str) and "tiers" in data and tier not in tiers:
            out.append(doc.problem(at + ("tier",), _unknown("tier", tier, tiers)))
        for lang in sorted(map(str, {*_mapping(level.get("titles")), *_mapping(level.get("translations"))} - languages)):
            out.append(doc.problem(at, f"level '{level_id}' has '{lang}' text but languages does not list '{lang}'"))
        out += check_requirement(level.get("requires"), doc, at + ("requires",), catalog, competencies)
    for i, level in enumerate(levels):
        for j, target in enumerate(_seq(level.get("next"))):
            if not isinstance(target, str):
                continue
            if target not in seen:
                out.append(doc.problem(("levels", i, "next", j), _unknown("level", target, seen) + " in next"))
            elif target == level.get("id"):
                out.append(doc.problem(("levels", i, "next", j), f"level '{target}' lists itself in next"))
    return out


def check_graph(ladder: Ladder, doc: Document) -> list[Problem]:
    """What only a valid ladder can show: cycles, unreachable levels, requirements that fall on the way up."""
    out: list[Problem] = []
    seen = {level.id: i for i, level in enumerate(ladder.levels)}
    edges = {level.id: level.next for level in ladder.levels}
    cycle = _find_cycle(list(edges), lambda n: edges[n])
    if cycle:
        return [doc.problem(("levels", seen[cycle[0]], "next"), "levels form a cycle: " + " -> ".join(cycle))]
    reached, todo = {ladder.levels[0].id}, [ladder.levels[0].id]
    while todo:
        for target in edges[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    for i, level in enumerate(ladder.levels):
        if level.id not in reached:
            out.append(doc.problem(("levels", i, "id"), f"level '{level.id}' cannot be reached from the first level '{ladder.levels[0].id}' through next"))
        for target in level.next:
            upper = ladder.levels[seen[target]]
            for where, why in falls(level.requires, upper.requires):
                out.append(doc.problem(("levels", seen[target], "requires", *where), f"'{upper.id}' requires less than '{level.id}' below it: {why}"))
    return out


def falls(lower: Requirement, upper: Requirement) -> list[tuple[tuple, str]]:
    """Ways in which `upper` asks for less than `lower`, each with where in `upper` (empty when requirements rise)."""
    out = []
    if education_rank(upper.education) < education_rank(lower.education):
        out.append((("education",), f"education {upper.education or EDUCATION[0]} < {lower.education}"))
    for kind, low, up in (("facts", lower.facts, upper.facts), ("competencies", lower.competencies, upper.competencies)):
        for key, need in low.items():
            if up.get(key, 0) < need:
                out.append(((kind, key), f"{kind}.{key} {up.get(key, 0):g} < {need:g}"))
    lc, uc = lower.certifications, upper.certifications
    for cert in lc.all_of:
        if cert not in uc.all_of:
            out.append((("certifications",), f"certification {cert} is no longer required"))
    if lc.any_of and not (set(uc.all_of) & set(lc.any_of)) and not (uc.any_of and set(uc.any_of) <= set(lc.any_of)):
        out.append((("certifications",), "its certifications no longer imply one of " + ", ".join(lc.any_of)))
    return out


class Loaded(NamedTuple):
    """A ladder and the file it came from."""

    ladder: Ladder
    path: Path
    builtin: bool

    @property
    def origin(self) -> str:
        return "built-in" if self.builtin else str(self.path)


class Library(NamedTuple):
    """Every ladder found, by id, with the catalog and the notices worth telling the user."""

    catalog: Catalog
    ladders: dict[str, Loaded]
    notices: list[str]

    def get(self, ladder_id: str) -> Loaded | None:
        return self.ladders.get(ladder_id)


def ladder_files(folder: Path) -> list[Path]:
    """The YAML files of a folder in name order; none when it is missing or unreadable."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix in (".yaml", ".yml") and p.is_file()]


def load_library(extra_dirs: list[Path] | None = None, environ=None) -> Library:
    """Load the catalog and every ladder on the search path; DataError lists every bad file's problems.

    A library that validated is kept in the user's cache folder, keyed by the version and
    every file's path, size and mtime, so the next run skips parsing and validation.
    """
    from . import cache

    environ = os.environ if environ is None else environ
    dirs = search_dirs(extra_dirs, environ)
    code = [Path(__file__), Path(__file__).with_name("model.py")]  # a changed model makes the cache stale too
    key = cache.fingerprint(code + [builtin_dir() / CATALOG_NAME] + [p for d in dirs for p in ladder_files(d)])
    use_cache = not environ.get("PMLADDER_NO_CACHE")
    library = cache.read(key) if use_cache else None
    if library is None:
        library = _load(dirs)
        if use_cache:
            cache.write(key, library)
    for folder in dirs[2:]:  # named by PMLADDER_PATH or --ladders-dir: say when one is not there
        if not folder.is_dir():
            library.notices.append(f"ladder folder {folder} does not exist")
    return library


def _load(dirs: list[Path]) -> Library:
    catalog = load_catalog()
    library = Library(catalog, {}, [])
    problems: list[Problem] = []
    builtin = builtin_dir()
    for folder in dirs:
        is_builtin = folder == builtin
        for path in ladder_files(folder):
            if path.name == CATALOG_NAME:
                if not is_builtin:
                    library.notices.append(f"skipping {path}: only the built-in catalog is used")
                continue
            try:
                ladder = parse_ladder(read_file(path), catalog.file)
            except DataError as exc:
                problems += exc.problems
                continue
            old = library.ladders.get(ladder.id)
            if old is not None:
                library.notices.append(f"ladder '{ladder.id}' from {path} overrides the one from {old.origin}")
            library.ladders[ladder.id] = Loaded(ladder, path, is_builtin)
    if problems:
        raise DataError(problems)
    return library


def validate_file(path: Path, catalog: Catalog | None = None) -> Ladder | CatalogFile:
    """Validate one file: the catalog if it is named catalog.yaml, otherwise a ladder."""
    doc = read_file(path)
    if path.name == CATALOG_NAME:
        return parse_catalog(doc)
    return parse_ladder(doc, (catalog or load_catalog()).file)
