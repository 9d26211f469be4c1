"""Find, read and validate ladder files and the catalog, and compile them for the engine.

Every failure is a `DataError` whose problems read `FILE:LINE:COL: message`; a file's
problems are reported together. Nothing here prints: notices (a ladder overriding
another) are returned for the CLI to show. Validation uses the pydantic models of
`model.py`; what the rest of pmladder sees are the light types of `engine/types.py`.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import NamedTuple

from ..engine import types as d
from .compiler import compile_catalog, compile_ladder
from .yamlsafe import DataError, Document, Problem, read_file
from .yamlsafe import dotted as _dotted

from .library import CATALOG_NAME, ENV_PATH, Library, Loaded, builtin_dir, ladder_files, load_library, search_dirs, user_dir  # noqa: F401


# --- words (imported only when there is a problem to tell: a valid library never needs them) ----


def _(message: str) -> str:
    from ..words import _ as translate

    return translate(message)


def C_(context: str, message: str) -> str:
    from ..words import C_ as translate

    return translate(context, message)


def N_(message: str) -> str:
    return message


# --- pydantic errors -> problems with positions ---------------------------------------


def _unwrap(tp):
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and hasattr(a, "model_fields")]
            if len(args) != 1 and len(models) != 1:
                return tp
            tp = models[0] if models else args[0]
        else:
            return tp


def _keys_at(model, loc: tuple) -> list[str]:
    """The keys allowed at `loc`, to suggest the one a typo meant."""
    tp = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and hasattr(tp, "model_fields"):
            info = _field(tp, part) if isinstance(part, str) else None
            if info is None:
                return []
            tp = info.annotation
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and hasattr(tp, "model_fields"):
        return [info.alias or name for name, info in tp.model_fields.items()]
    return []


def _field(model, key: str):
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


_UNION_PARTS = {"float", "constrained-float", "FactMinimum", "str", "constrained-str", "TaggedAdvice", "function-after[_rates(), Fact]",
                "LevelAdvice", "function-after[_some(), LevelAdvice]"}
_TYPE_ERRORS = {"float_type", "int_type", "string_type", "dict_type", "list_type", "model_type", "model_attributes_type", "bool_type"}


def _right_branch(errors: list[dict]) -> list[dict]:
    """A value that fits one branch of a union in type (a mapping for `{min, within}`) keeps only
    that branch's errors: '3 within 100 years' is about `within`, not 'should be a number'."""
    def split(err):
        for i, part in enumerate(err["loc"]):
            if part in _UNION_PARTS:
                return tuple(err["loc"][:i]), part
        return None, None

    typed: dict[tuple, set] = {}
    for err in errors:
        place, branch = split(err)
        if place is not None and err["type"] not in _TYPE_ERRORS:
            typed.setdefault(place, set()).add(branch)
    out = []
    for err in errors:
        place, branch = split(err)
        if place in typed and branch not in typed[place] and err["type"] in _TYPE_ERRORS:
            continue
        out.append(err)
    return out


def _message(model, err: dict) -> tuple[tuple, str, bool]:
    loc = tuple(p for p in err["loc"] if p != "[key]" and p not in _UNION_PARTS)
    kind = err["type"]
    if kind == "extra_forbidden":
        from ..words.lookup import nearest

        name = loc[-1]
        hint = nearest(name, _keys_at(model, loc[:-1]))
        text = (_("unknown key '{key}' in {where}").format(key=name, where=_dotted(loc[:-1])) if loc[:-1]
                else _("unknown key '{key}'").format(key=name))
        if hint:
            text += _(" (did you mean '{hint}'?)").format(hint=hint)
        return loc, text, True
    if kind == "missing":
        return loc, _("{where}: required key is missing").format(where=_dotted(loc)), False
    msg = _our_words(loc, kind, err)
    value = err.get("input")
    if kind in ("too_short", "too_long") and len(loc) >= 2 and loc[-1] == "names" and "scales" in loc:
        msg += _(" (a scale has 3 to 11 points, one name each, from point 0 up)")
    if isinstance(value, bool) and kind not in ("bool_type", "exact_int"):
        msg += _(" (YAML reads yes/no/on/off/true/false as a boolean: quote the text)")
    elif kind == "string_type" and isinstance(value, (int, float)):
        msg += _(" (quote it to keep it as text)")
    if err["loc"] and err["loc"][-1] == "[key]":
        return loc, _("{where}: bad key: {message}").format(where=_dotted(loc), message=msg), True
    return loc, f"{_dotted(loc)}: {msg}", False


# what a value of a pattern should look like (model.py's id and language patterns)
_PATTERNS = {
    r"^[a-z][a-z0-9_]*$": N_("an id of lower-case letters, digits and _, starting with a letter"),
    r"^[A-Za-z][A-Za-z0-9-]*$": N_("an id of letters, digits and -, starting with a letter"),
    r"^[a-z0-9][a-z0-9-]*$": N_("an id of lower-case letters, digits and -"),
    r"^[a-z]{2}(-[A-Za-z]{2,8})?$": N_("a language code such as en, zh or en-GB"),
    r"^[A-Z]{3}$": N_("a currency code of three capital letters, such as GBP or EUR"),
}
_TYPES = {
    "float_type": N_("should be a number"), "int_type": N_("should be a whole number"), "int_from_float": N_("should be a whole number"),
    "string_type": N_("should be text"), "dict_type": N_("should be a mapping of keys to values"), "list_type": N_("should be a list"),
    "bool_type": N_("should be true or false"), "model_type": N_("should be a mapping of keys to values"),
    "model_attributes_type": N_("should be a mapping of keys to values"), "finite_number": N_("should be a finite number"),
    "date_type": N_("should be a date as YYYY-MM-DD"), "date_parsing": N_("should be a date as YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("should be a date as YYYY-MM-DD"), "date_from_datetime_inexact": N_("should be a date as YYYY-MM-DD"),
    "date_future": N_("should be a date as YYYY-MM-DD"), "date_past": N_("should be a date as YYYY-MM-DD"),
}
TYPE_WORDS = frozenset(_TYPES.values())


def _our_words(loc: tuple, kind: str, err: dict) -> str:
    """pmladder's words for a pydantic error (its own `msg` never reaches a user)."""
    from ..words import num

    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):  # our own checks: the text after pydantic's prefix
        return str(err["msg"]).split(", ", 1)[-1]
    if kind == "exact_int":
        return str(err["msg"])  # schema_version_problem's words
    if kind in _TYPES:
        return _(_TYPES[kind])
    if loc and loc[-1] == "schema_version":
        from .formats import CURRENT, READS

        return _("this pmladder reads format {versions}; write {current}").format(
            versions=C_("list", ", ").join(map(str, READS)), current=CURRENT)
    if kind in ("too_short", "too_long"):
        have = ctx.get("actual_length")
        if loc and loc[-1] == "grow":
            return _("{n} lines; give one per step of the competency's scale: five on the built-in scale, 0 to 1 up to 4 to 5 "
                     "(a file of format 1 may have fewer: see pmladder migrate)").format(n=have)
        if loc and loc[-1] == "ratings":
            return _("{n} lines; give one per point of the competency's scale: six on the built-in scale, ratings 0 to 5").format(n=have)
        if kind == "too_short":
            return _("has {n} entries; give at least {least}").format(n=have, least=ctx.get("min_length"))
        return _("has {n} entries; give at most {most}").format(n=have, most=ctx.get("max_length"))
    if kind == "string_too_short":
        return _("should not be empty")
    if kind == "string_too_long":
        return _("longer than {n} characters").format(n=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        rule = _PATTERNS.get(str(ctx.get("pattern")))
        return _("'{value}' is not {rule}").format(value=err.get("input"), rule=_(rule)) if rule else _("has characters not allowed here")
    bounds = {"greater_than_equal": ("ge", N_("should be {n} or more")), "greater_than": ("gt", N_("should be more than {n}")),
              "less_than_equal": ("le", N_("should be at most {n}")), "less_than": ("lt", N_("should be less than {n}"))}
    if kind in bounds:
        key, text = bounds[kind]
        return _(text).format(n=num(ctx[key]) if isinstance(ctx.get(key), (int, float)) else ctx.get(key))
    if kind == "literal_error":
        import re

        choices = re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))
        return _("should be one of: {values}").format(values=C_("list", ", ").join(a or b for a, b in choices))
    return _("this value is not allowed here")


def validate(doc: Document, model):
    """Validate parsed data against a pydantic `model`; every error becomes a positioned problem."""
    from pydantic import ValidationError

    if doc.data is None:
        raise DataError([Problem(doc.path, 1, 1, _("the file is empty"))])
    if not isinstance(doc.data, dict):
        raise DataError([doc.problem((), _("the top level must be a mapping of keys to values"))])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        seen: set[tuple] = set()
        for err in _right_branch(exc.errors(include_url=False)):
            loc, msg, on_key = _message(model, err)
            if (loc, msg) in seen:
                continue
            seen.add((loc, msg))
            problems.append(doc.problem(loc, msg, key=on_key))
        raise DataError(_unique(_one_per_union(problems))) from None


def _one_per_union(problems: list[Problem]) -> list[Problem]:
    """A value that fits no branch of a union gets one line per branch; keep the first at each place."""
    out, places = [], set()
    for p in problems:
        if (p.line, p.col) in places and any(": " + _(words) in p.message for words in TYPE_WORDS):
            continue
        places.add((p.line, p.col))
        out.append(p)
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


# --- raw-data checks (they work even when the shape is wrong) ----------------------------


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _seq(value) -> list:
    return value if isinstance(value, list) else []


Vocab = d.Vocab


HOW_TO_DECLARE = {
    "fact": N_("a ladder declares its own under 'facts:'"),
    "certification": N_("a ladder declares its own (or an internal programme) under 'certifications:'"),
    "competency": N_("a ladder declares its own under 'competencies:'"),
    "scale": N_("a ladder declares its own under 'scales:'"),
}
UNKNOWN = {
    "fact": N_("unknown fact '{key}'"), "certification": N_("unknown certification '{key}'"),
    "competency": N_("unknown competency '{key}'"), "tier": N_("unknown tier '{key}'"), "level": N_("unknown level '{key}'"),
    "scale": N_("unknown scale '{key}'"),
}


def _unknown(kind: str, key, known, *, declare: bool = True) -> str:
    from ..words.lookup import nearest

    key = str(key)
    names = [str(k) for k in known]
    hint = nearest(key, names)
    out = _(UNKNOWN[kind]).format(key=key) + (_(" (did you mean '{hint}'?)").format(hint=hint) if hint else "")
    if kind in HOW_TO_DECLARE:
        out += _("; known: {known}").format(known=C_("list", ", ").join(names))
        if declare:
            out += C_("list", "; ") + _(HOW_TO_DECLARE[kind])
    return out


# --- rating scales ------------------------------------------------------------------------


def _raw_points(scale) -> int | None:
    """How many points a scale read from the file has, when its names are a list of a valid length."""
    from .model import MAX_RATING

    names = _mapping(scale).get("names")
    return len(names) if isinstance(names, list) and 3 <= len(names) <= MAX_RATING + 1 else None


def ladder_tops(data: dict, catalog: d.Catalog) -> dict:
    """Competency id -> (scale id, top) for every competency a ladder file can rate, read from the raw data
    ("" is the built-in scale); a competency whose scale is unknown or broken is left out (reported elsewhere)."""
    points = {k: len(v.names) for k, v in catalog.scales.items()}
    points.update({k: p for k, v in _mapping(data.get("scales")).items() if (p := _raw_points(v)) is not None})
    default = data.get("scale")
    tops = {}
    for cid, comp in catalog.comps.items():
        named = isinstance(default, str) and points.get(default) == comp.top + 1
        tops[cid] = (default, comp.top) if named else (comp.scale.id, comp.top)
    for cid, comp in _mapping(data.get("competencies")).items():
        sid = _mapping(comp).get("scale") or default
        if sid is None:
            tops[cid] = ("", d.BUILTIN_TOP)
        elif isinstance(sid, str) and sid in points:
            tops[cid] = (sid, points[sid] - 1)
    return tops


def check_scales(doc: Document, comps: dict, scales: typing.Mapping, default: str | None, *, declare: bool = True) -> list[Problem]:
    """Every scale named exists, and each competency has one `ratings` line per point of its scale and one `grow`
    line per step (in every language): six and five on the built-in scale. `comps` are validated models."""
    out = []
    if default is not None and default not in scales:
        out.append(doc.problem(("scale",), _unknown("scale", default, scales, declare=declare)))
    for cid, comp in comps.items():
        sid = comp.scale or default
        if comp.scale is not None and comp.scale not in scales:
            out.append(doc.problem(("competencies", cid, "scale"), _unknown("scale", comp.scale, scales, declare=declare)))
            continue
        if sid is not None and sid not in scales:
            continue
        points = len(scales[sid].names) if sid else d.BUILTIN_TOP + 1
        words = _scale_words(sid or "", points - 1)
        lists = [((), comp)] + [(("translations", lang), text) for lang, text in comp.translations.items()]
        for at, item in lists:
            for field, want in (("ratings", points), ("grow", points - 1)):
                lines = getattr(item, field)
                if lines is None or len(lines) == want:
                    continue
                loc = ("competencies", cid, *at, field)
                if field == "ratings":
                    text = _("{where}: {n} lines for {scale}, which has {points} points: give one line per point, from 0 up").format(
                        where=_dotted(loc), n=len(lines), scale=words, points=points)
                else:
                    text = _("{where}: {n} lines for {scale}, which has {steps} steps: give one line per step, "
                             "from 0 to 1 up to {last} to {top}").format(where=_dotted(loc), n=len(lines), scale=words,
                                                                         steps=want, last=want - 1, top=want)
                out.append(doc.problem(loc, text))
    return out


GATE_PARTS = ("education", "certifications", "one_of", "any_competencies")


def _scale_words(sid: str, top: int) -> str:
    """`'practice' (0 to 4)`, or `the built-in scale (0 to 5)`."""
    if sid:
        return _("'{scale}' (0 to {top})").format(scale=sid, top=top)
    return _("the built-in scale (0 to {top})").format(top=top)


def _above_top(key: str, value, tops: dict) -> str | None:
    """Why a rating asked of competency `key` is above its scale's top (None when it is not, or is not known)."""
    if key not in tops or isinstance(value, bool) or not isinstance(value, int):
        return None
    sid, top = tops[key]
    if value <= top:
        return None
    return _("{key} is rated on {scale}; {value} is above its top: ask for {top} or less").format(
        key=key, scale=_scale_words(sid, top), value=value, top=top)


def check_requirement(req, doc: Document, loc: tuple, vocab: Vocab, *, declare: bool = True, gates: bool = True,
                      tops: dict | None = None) -> list[Problem]:
    """Every id a requirement block names must exist; `gates` must name parts of the block; every rating asked
    is within its competency's scale (`tops`: competency id -> (scale id, top))."""
    req = _mapping(req)
    tops = tops or {}
    out = []
    for key in _mapping(req.get("facts")):
        if key not in vocab.facts:
            out.append(doc.problem(loc + ("facts", key), _unknown("fact", key, vocab.facts, declare=declare), key=True))
    certs = _mapping(req.get("certifications"))
    for part in ("all_of", "any_of"):
        for i, cert in enumerate(_seq(certs.get(part))):
            if isinstance(cert, str) and cert not in vocab.certs:
                out.append(doc.problem(loc + ("certifications", part, i), _unknown("certification", cert, vocab.certs, declare=declare)))
    for key, value in _mapping(req.get("competencies")).items():
        if key not in vocab.comps:
            out.append(doc.problem(loc + ("competencies", key), _unknown("competency", key, vocab.comps, declare=declare), key=True))
        elif (why := _above_top(key, value, tops)) is not None:
            out.append(doc.problem(loc + ("competencies", key), f"{_dotted(loc + ('competencies', key))}: {why}"))
    for i, group in enumerate(_seq(req.get("any_competencies"))):
        group = _mapping(group)
        ids = _seq(group.get("of"))
        for j, key in enumerate(ids):
            if isinstance(key, str) and key not in vocab.comps:
                out.append(doc.problem(loc + ("any_competencies", i, "of", j), _unknown("competency", key, vocab.comps, declare=declare)))
        for key in ids:
            if isinstance(key, str) and (why := _above_top(key, group.get("rating"), tops)) is not None:
                at = loc + ("any_competencies", i, "rating")
                out.append(doc.problem(at, f"{_dotted(at)}: {why}"))
                break
        n = group.get("n")
        if isinstance(n, int) and not isinstance(n, bool) and ids and n > len(ids):
            out.append(doc.problem(loc + ("any_competencies", i, "n"), _("n is {n} but 'of' lists only {count} competencies").format(n=n, count=len(ids))))
    for i, alt in enumerate(_seq(req.get("one_of"))):
        out += check_requirement(alt, doc, loc + ("one_of", i), vocab, declare=declare, gates=False, tops=tops)
    labels: dict[str, int] = {}
    for i, choice in enumerate(_seq(req.get("choices"))):
        choice = _mapping(choice)
        for j, alt in enumerate(_seq(choice.get("one_of"))):
            out += check_requirement(alt, doc, loc + ("choices", i, "one_of", j), vocab, declare=declare, gates=False, tops=tops)
        name = choice.get("label")
        if isinstance(name, str) and name in labels:
            out.append(doc.problem(loc + ("choices", i, "label"), _("two choice groups are labelled '{label}' (also choices[{i}]): "
                                   "give each group its own label, as gates and reports name it").format(label=name, i=labels[name])))
        elif isinstance(name, str) and name in (*GATE_PARTS, *_mapping(req.get("facts")), *_mapping(req.get("competencies"))):
            out.append(doc.problem(loc + ("choices", i, "label"), _("choice label '{label}' is also the name of another requirement "
                                   "of this block: pick another label, as gates and drops name it").format(label=name)))
        labels.setdefault(name, i) if isinstance(name, str) else None
    for i, entry in enumerate(_seq(req.get("conditional"))):
        entry = _mapping(entry)
        at = loc + ("conditional", i)
        for key in _mapping(_mapping(entry.get("when")).get("facts")):
            if key not in vocab.facts:
                out.append(doc.problem(at + ("when", "facts", key), _unknown("fact", key, vocab.facts, declare=declare), key=True))
        out += check_requirement(entry.get("requires"), doc, at + ("requires",), vocab, declare=declare, gates=gates, tops=tops)
    if gates:
        out += _check_gates(req, doc, loc)
    return out


def gate_names(req: dict) -> list[str]:
    """The names `gates` may use in a block, in the order they are written: its parts, fact and competency ids,
    the certification ids of all_of, and each choice group by its label and by `choice:N` (N from 1)."""
    req = _mapping(req)
    names = [k for k in GATE_PARTS if req.get(k)] + [*_mapping(req.get("facts")), *_mapping(req.get("competencies"))]
    names += [c for c in _seq(_mapping(req.get("certifications")).get("all_of")) if isinstance(c, str)]
    for i, choice in enumerate(_seq(req.get("choices")), 1):
        label = _mapping(choice).get("label")
        names += ([label] if isinstance(label, str) else []) + [f"choice:{i}"]
    return list(dict.fromkeys(names))


def _check_gates(req: dict, doc: Document, loc: tuple) -> list[Problem]:
    """Every gate names a requirement of its block; an unknown one is told the names it could use."""
    import difflib

    present = gate_names(req)
    out = []
    for i, gate in enumerate(_seq(req.get("gates"))):
        if not isinstance(gate, str) or gate in present:
            continue
        hint = [] if gate in GATE_PARTS else difflib.get_close_matches(gate, sorted(present), n=1, cutoff=0.75)
        tip = _(" (did you mean '{hint}'?)").format(hint=hint[0]) if hint else ""
        out.append(doc.problem(loc + ("gates", i), _("gate '{gate}' names no requirement of this block{tip}; "
                               "this block's requirements are: {have}").format(gate=gate, tip=tip, have=", ".join(present) or _("none"))))
    return out


def _check_own(doc: Document, data: dict, catalog: d.Catalog, tops: dict, clashes: list | None = None) -> tuple[list[Problem], Vocab]:
    """A ladder's own facts, certifications and competencies: no clash with the catalog's ids (a file of
    format 1 may have one: its place goes to `clashes`, and the ladder's own is used)."""
    out = []
    own_facts = _mapping(data.get("facts"))
    own_certs = _mapping(data.get("certifications"))
    own_comps = _mapping(data.get("competencies"))
    for section, own, theirs, kind in (
        ("facts", own_facts, catalog.facts, "fact"),
        ("certifications", own_certs, catalog.certs, "certification"),
        ("competencies", own_comps, catalog.comps, "competency"),
    ):
        for key in own:
            if key in theirs and clashes is not None:
                clashes.append((section, key))
            elif key in theirs:
                out.append(doc.problem((section, key), _("{kind} '{key}' is already in the catalog ({path}, {where}); "
                                       "use the catalog's or pick another id").format(kind=kind, key=key, path=catalog.path,
                                                                                      where=f"{section}.{key}"), key=True))
    vocab = Vocab({**catalog.facts, **own_facts}, {**catalog.certs, **own_certs}, {**catalog.comps, **own_comps},
                  frozenset({*own_facts, *own_certs, *own_comps}))
    for cid, cert in own_certs.items():
        cert = _mapping(cert)
        for i, alt in enumerate(_seq(cert.get("eligibility"))):
            out += check_requirement(alt, doc, ("certifications", cid, "eligibility", i), vocab, gates=False, tops=tops)
        out += _check_implies(doc, ("certifications", cid, "implies"), cert.get("implies"), vocab)
    for fid, fact in own_facts.items():
        at_most = _mapping(fact).get("at_most")
        if isinstance(at_most, str) and at_most not in vocab.facts:
            out.append(doc.problem(("facts", fid, "at_most"), _unknown("fact", at_most, vocab.facts)))
    return out, vocab


def _check_implies(doc, loc, implies, vocab: Vocab) -> list[Problem]:
    implies = _mapping(implies)
    out = []
    for key in _mapping(implies.get("facts")):
        if key not in vocab.facts:
            out.append(doc.problem(loc + ("facts", key), _unknown("fact", key, vocab.facts), key=True))
    for i, cert in enumerate(_seq(implies.get("certifications"))):
        if isinstance(cert, str) and cert not in vocab.certs:
            out.append(doc.problem(loc + ("certifications", i), _unknown("certification", cert, vocab.certs)))
    return out


# --- the catalog -------------------------------------------------------------------------


def parse_catalog(doc: Document, notes: list | None = None) -> d.Catalog:
    from .model import CatalogFile

    doc, old = _earlier_format(doc)
    catalog = validate(doc, CatalogFile)
    vocab = Vocab(catalog.facts, catalog.certifications, catalog.competencies)
    problems = check_scales(doc, catalog.competencies, catalog.scales, None, declare=False)
    tops = {k: (c.scale or "", len(catalog.scales[c.scale].names) - 1 if c.scale in catalog.scales else d.BUILTIN_TOP)
            for k, c in catalog.competencies.items()}
    for fid, fact in catalog.facts.items():
        if fact.at_most is not None and fact.at_most not in catalog.facts:
            problems.append(doc.problem(("facts", fid, "at_most"), _unknown("fact", fact.at_most, catalog.facts, declare=False)))
    for cid in catalog.certifications:
        raw = _mapping(doc.data["certifications"][cid])
        for i, alt in enumerate(_seq(raw.get("eligibility"))):
            problems += check_requirement(alt, doc, ("certifications", cid, "eligibility", i), vocab, declare=False, gates=False, tops=tops)
        problems += _check_implies(doc, ("certifications", cid, "implies"), raw.get("implies"), vocab)
    problems += _check_advice_texts(catalog, doc)
    problems += check_maxima(catalog, catalog.facts, doc)
    compiled = None
    if not problems:
        compiled = compile_catalog(catalog, doc.path)
        lines = {(section, key): doc.where((section, key, "translations"), key=True)
                 for section in ("facts", "certifications", "competencies") for key in getattr(catalog, section)}
        compiled = compiled._replace(lines=lines)
        problems += _cert_cycles(compiled.certs, doc, ("certifications",))
    if problems:
        raise DataError(problems)
    _note_earlier(doc, old, notes)
    return compiled


def _cert_cycles(certs: typing.Mapping[str, d.CertDef], doc: Document, loc: tuple) -> list[Problem]:
    def edges(cid):
        cert = certs.get(cid)
        if cert is None:
            return
        for alt in cert.eligibility:
            for atom in d.atoms_of(alt):
                if atom.kind == d.Kind.CERT:
                    yield atom.need
                elif atom.kind == d.Kind.CERTS:
                    yield from atom.need
        yield from cert.implies.certs

    cycle = _find_cycle(list(certs), edges)
    if cycle:
        return [doc.problem(loc + (cycle[0],), _("certification prerequisites or implications form a cycle: {cycle}").format(cycle=" -> ".join(cycle)))]
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


def load_catalog(path: Path | None = None) -> d.Catalog:
    """The catalog of `path` (the built-in one by default). The catalog parsed last in this process is
    given again while the file's bytes are unchanged (a process that validates several libraries or
    ladder files: each test of the suite has its own home); it is immutable, shared like a recalled library's."""
    from .cache import _file_digest

    path = path or builtin_dir() / CATALOG_NAME
    digest = _file_digest(path)
    kept = _CATALOG.get((str(path), digest)) if digest is not None else None
    if kept is None:
        kept = parse_catalog(read_file(path))
        if digest is not None and _file_digest(path) == digest:  # a file that changed meanwhile is read again next time
            _CATALOG.clear()
            _CATALOG[(str(path), digest)] = kept
    return kept


_CATALOG: dict[tuple[str, str], d.Catalog] = {}


# --- ladders -----------------------------------------------------------------------------


def _earlier_format(doc: Document) -> tuple[Document, list | None]:
    """A file of format 1 with its deprecated forms read as format 2 (inputs/formats.py), and the list
    the places of those forms go to; (doc, None) for a file of another version."""
    from .formats import deprecated, upgraded, version_of

    if version_of(doc.data) != 1:
        return doc, None
    found = deprecated(doc.data)
    return Document(doc.path, upgraded(doc.data, found), doc.values, doc.keys), [loc for loc, _form in found]


def _note_earlier(doc: Document, old: list | None, notes: list | None) -> None:
    if old and notes is not None:
        from .formats import NOTE, where

        notes.append((NOTE, {"path": doc.path, "where": where(old)}))


def parse_ladder(doc: Document, catalog: d.Catalog, notes: list | None = None) -> d.Ladder:
    """Validate a ladder file: its shape, the ids it names, then its graph; every problem of the file at once.

    A file of format 1 may use forms of earlier releases: they are read as those releases read them,
    and one note for the file goes to `notes` (message id, values)."""
    from .model import Ladder

    doc, old = _earlier_format(doc)
    problems = check_references(doc, catalog, old)
    try:
        model = validate(doc, Ladder)
    except DataError as exc:
        raise DataError(sorted(_unique(exc.problems + problems), key=lambda p: (p.line, p.col))) from None
    problems += check_scales(doc, model.competencies, {**catalog.scales, **model.scales}, model.scale)
    if problems:
        raise DataError(sorted(_unique(problems), key=lambda p: (p.line, p.col)))
    ladder = compile_ladder(model, catalog)
    problems = _cert_cycles({k: v for k, v in ladder.certs.items() if k in ladder.own}, doc, ("certifications",))
    problems += check_maxima(model, {**catalog.facts, **model.facts}, doc)
    problems += _check_plan_length(ladder, doc)
    problems += _check_translations(model, doc)
    problems += _check_advice_texts(model, doc)
    if not problems:
        problems, partial = _check_languages(ladder, doc, catalog)
        ladder = ladder._replace(partial=partial) if partial else ladder
        if old is not None and problems:  # format 1: a declared language's missing text falls back to English
            old += [("languages",)]
            problems = []
    problems = problems or check_graph(ladder, doc)
    if problems:
        raise DataError(problems)
    _note_earlier(doc, old, notes)
    return ladder


def check_maxima(model, facts: typing.Mapping, doc: Document) -> list[Problem]:
    """No requirement, eligibility rule or implication asks for more of a fact than its `max`: no
    answer could meet it (a 1:30 read as 90 years would otherwise plan for decades)."""
    blocks: list[tuple[tuple, dict]] = []
    for i, level in enumerate(getattr(model, "levels", ())):
        at = ("levels", i, "requires")
        blocks.append((at + ("facts",), level.requires.facts))
        blocks += [(at + ("one_of", j, "facts"), alt.facts) for j, alt in enumerate(level.requires.one_of)]
    for cid, cert in model.certifications.items():
        at = ("certifications", cid)
        blocks += [(at + ("eligibility", k, "facts"), alt.facts) for k, alt in enumerate(cert.eligibility)]
        blocks.append((at + ("implies", "facts"), cert.implies.facts))
    out = []
    for loc, needs in blocks:
        for fid, need in needs.items():
            fact = facts.get(fid)
            value, at = (need, loc + (fid,)) if isinstance(need, (int, float)) else (need.min, loc + (fid, "min"))
            if fact is not None and value > fact.max:
                from ..words import fact_amount, num

                out.append(doc.problem(at, _("{field}: {value} is above the most an answer for '{fact}' can be ({most}): "
                                             "no one could meet it").format(field=_dotted(at), value=num(value), fact=fid,
                                                                           most=fact_amount(fact.max, fact))))
    return out


# judgment: a thousand years. Far more than any career, and far from the calendar's end (year
# 9999) for a plan that starts on the last day one may (domain.LAST_DAY)
MAX_PLAN_MONTHS = 12000


def _check_plan_length(ladder: d.Ladder, doc: Document) -> list[Problem]:
    """The longest plan the ladder could give: every skill it uses raised from 0 to 5, every certification
    prepared and every fact grown to its max, one after another. Beyond MAX_PLAN_MONTHS it is refused."""
    used = d.uses(ladder)
    months = (sum(sum(ladder.comps[k].step_months(r) for r in range(1, ladder.comps[k].top + 1)) + 1 for k in used.skills)
              + sum((ladder.certs[k].prep_months or 0) + 1 for k in used.certs)
              + sum(ladder.facts[k].max * (ladder.facts[k].months_per_unit or 0) + 1 for k in used.facts))
    if months <= MAX_PLAN_MONTHS:
        return []
    return [doc.problem(("levels",), _("planned one after another, this ladder's requirements could take {months} months "
                                       "(every skill from 0 to 5, every certification and fact from nothing); at most {most} "
                                       "can be planned: ask for fewer, or lower months_per_step, prep_months or "
                                       "months_per_unit").format(months=round(months), most=MAX_PLAN_MONTHS), key=True)]


def _check_translations(model, doc: Document) -> list[Problem]:
    out = []
    for i, level in enumerate(model.levels):
        for lang, text in level.translations.items():
            if text.advice is not None and len(text.advice) != len(level.advice):
                out.append(doc.problem(("levels", i, "translations", lang, "advice"),
                                       _("{n} advice texts in '{lang}' for {total} in advice: give one for each, in order").format(
                                           n=len(text.advice), lang=lang, total=len(level.advice))))
    return out


def _check_advice_texts(model, doc: Document) -> list[Problem]:
    """A fact's advice in another language has one text for each of its `advice` entries (catalog or ladder)."""
    out = []
    for fid, fact in model.facts.items():
        for lang, text in fact.translations.items():
            if text.advice is not None and len(text.advice) != len(fact.advice):
                out.append(doc.problem(("facts", fid, "translations", lang, "advice"),
                                       _("{n} advice texts in '{lang}' for {total} in advice: give one for each, in order").format(
                                           n=len(text.advice), lang=lang, total=len(fact.advice))))
    translations = getattr(model, "translations", None)
    for lang, text in (translations or {}).items():
        if getattr(text, "advice", None) is not None and len(text.advice) != len(model.advice):
            out.append(doc.problem(("translations", lang, "advice"),
                                   _("{n} advice texts in '{lang}' for {total} in advice: give one for each, in order").format(
                                       n=len(text.advice), lang=lang, total=len(model.advice))))
    return out


# What a declared language needs, by kind: the fields shown to a person.
FACT_TEXT = ("name", "question", "advice")
CERT_TEXT = ("name", "notes", "renewal")  # notes and renewal only where the English has them; a name may repeat the official (English) one
COMP_TEXT = ("name", "description", "ratings", "grow")
LEVEL_TEXT = ("summary", "responsibilities", "expectations", "advice")


def _label_places(data) -> list[tuple[tuple, dict]]:
    """Where the file gives a route or choice group a `label`, and its `labels` (translations), from the raw data."""
    out = []
    for i, level in enumerate(_seq(_mapping(data).get("levels"))):
        req = _mapping(_mapping(level).get("requires"))
        at = ("levels", i, "requires")
        groups = [(at + ("one_of",), req.get("one_of"))]
        for j, choice in enumerate(_seq(req.get("choices"))):
            out.append((at + ("choices", j), _mapping(_mapping(choice).get("labels"))))
            groups.append((at + ("choices", j, "one_of"), _mapping(choice).get("one_of")))
        for loc, routes in groups:
            for k, route in enumerate(_seq(routes)):
                if isinstance(_mapping(route).get("label"), str):
                    out.append((loc + (k,), _mapping(_mapping(route).get("labels"))))
    return out


def english_variant(lang: str) -> bool:
    """en-GB, en-US ...: English in another spelling. What a ladder does not give in it is its English."""
    return lang.lower().startswith("en-")


def _check_languages(ladder: d.Ladder, doc: Document, catalog: d.Catalog) -> tuple[list[Problem], tuple[str, ...]]:
    """Every language a ladder declares besides English (and its variants, such as en-GB) is complete in the
    ladder's own text: its name, description, advice and tiers, every level's title and text, and every fact,
    certification and competency of its own it shows. What the built-in catalog lacks in a language is shown in
    English: those languages are returned (the ladder's `partial`), for one note, never an error."""
    out: list[Problem] = []
    partial: list[str] = []
    for lang in ladder.languages:
        if lang == "en" or english_variant(lang):
            continue

        def missing(loc) -> None:
            out.append(doc.problem(loc, _("{where}: missing '{lang}' text").format(where=_dotted(loc), lang=lang), key=True))

        if lang not in ladder.names:
            missing(("names", lang))
        text = ladder.tr.get(lang, {})
        for field in ("description", "advice", "source"):
            if getattr(ladder, field) and field not in text:
                missing(("translations", lang, field))
        for tid, tier in ladder.tiers.items():
            if lang not in tier.names:
                missing(("tiers", tid, "names", lang))
        for loc, labels in _label_places(doc.data):
            if lang not in labels:
                missing(loc + ("labels", lang))
        for i, level in enumerate(ladder.levels):
            if lang not in level.titles:
                missing(("levels", i, "titles", lang))
            text = level.tr.get(lang, {})
            for field in LEVEL_TEXT:
                if getattr(level, field) and field not in text:
                    missing(("levels", i, "translations", lang, field))
        used = d.uses(ladder)
        facts = dict.fromkeys(used.facts)
        facts.update(dict.fromkeys(f.at_most for f in (ladder.facts[k] for k in used.facts) if f.at_most in ladder.facts))
        for section, table, keys, fields in (
            ("facts", ladder.facts, facts, FACT_TEXT),
            ("certifications", ladder.certs, used.certs, CERT_TEXT),  # the others show their official names
            ("competencies", ladder.comps, used.skills, COMP_TEXT),
        ):
            for key in keys:
                item = table[key]
                have = item.tr.get(lang, {})
                for field in fields:
                    if field in have or (field in ("notes", "renewal") and not getattr(item, field)):
                        continue
                    if item.origin == "catalog":  # the user cannot edit the installed catalog: English, with a note
                        if lang not in partial:
                            partial.append(lang)
                    else:
                        missing((section, key, "translations", lang, field))
    return list(dict.fromkeys(out)), tuple(partial)


def check_references(doc: Document, catalog: d.Catalog, clashes: list | None = None) -> list[Problem]:
    """Ids, tiers, languages and links, read from the raw data so they are reported even when the shape is wrong."""
    data = _mapping(doc.data)
    tops = ladder_tops(data, catalog)
    out, vocab = _check_own(doc, data, catalog, tops, clashes)
    tiers = _mapping(data.get("tiers"))
    languages = set(_seq(data.get("languages", ["en"])))
    levels = [_mapping(level) for level in _seq(data.get("levels"))]
    seen: dict[str, int] = {}
    for i, level in enumerate(levels):
        at = ("levels", i)
        level_id = level.get("id")
        if isinstance(level_id, str):
            if level_id in seen:
                out.append(doc.problem(at + ("id",), _("duplicate level id '{id}' (also levels[{i}])").format(id=level_id, i=seen[level_id])))
            seen.setdefault(level_id, i)
        tier = level.get("tier")
        if isinstance(tier, str) and "tiers" in data and tier not in tiers:
            out.append(doc.problem(at + ("tier",), _unknown("tier", tier, tiers)))
        for lang in sorted(map(str, {*_mapping(level.get("titles")), *_mapping(level.get("translations"))} - languages)):
            out.append(doc.problem(at, _("level '{id}' has '{lang}' text but languages does not list '{lang}'").format(id=level_id, lang=lang)))
        out += check_requirement(level.get("requires"), doc, at + ("requires",), vocab, tops=tops)
        for j, item in enumerate(_seq(level.get("advice"))):
            for k, key in enumerate(_seq(_mapping(item).get("for"))):
                if isinstance(key, str) and key not in ("education", "certifications") and not (
                    key in vocab.facts or key in vocab.certs or key in vocab.comps
                ):
                    out.append(doc.problem(at + ("advice", j, "for", k), _("advice is for '{key}', which is no requirement id: "
                                           "use 'education', 'certifications' or a fact, competency or certification id").format(key=key)))
    for loc, labels in _label_places(data):
        for lang in sorted(map(str, set(labels) - languages)):
            out.append(doc.problem(loc + ("labels", lang), _("label has '{lang}' text but languages does not list '{lang}': add it to "
                                                              "languages, or remove the text").format(lang=lang), key=True))
    for i, level in enumerate(levels):
        for j, target in enumerate(_seq(level.get("next"))):
            if not isinstance(target, str):
                continue
            if target not in seen:
                out.append(doc.problem(("levels", i, "next", j), _("{problem} in next").format(problem=_unknown("level", target, seen))))
            elif target == level.get("id"):
                out.append(doc.problem(("levels", i, "next", j), _("level '{id}' lists itself in next").format(id=target)))
        for j, target in enumerate(_seq(level.get("lateral"))):
            if not isinstance(target, str):
                continue
            if target not in seen:
                out.append(doc.problem(("levels", i, "lateral", j), _("{problem} in lateral").format(problem=_unknown("level", target, seen))))
            elif target == level.get("id") or target in _seq(level.get("next")):
                out.append(doc.problem(("levels", i, "lateral", j), _("'{id}' is this level or in its next: a lateral move is to a "
                                       "level of another branch; remove it from lateral").format(id=target)))
    out += _check_labels(doc, _mapping(data.get("labels")), catalog, vocab.own)
    out += _check_tracks(doc, _mapping(data.get("tracks")), seen)
    out += _undeclared(doc, data, languages)
    for j, item in enumerate(_seq(data.get("advice"))):
        item = _mapping(item)
        for key, known, kind in (("levels", seen, "level"), ("tiers", tiers, "tier")):
            for k, target in enumerate(_seq(item.get(key))):
                if isinstance(target, str) and target not in known:
                    out.append(doc.problem(("advice", j, key, k), _("{problem} in advice").format(problem=_unknown(kind, target, known))))
    return out


def _check_labels(doc: Document, labels: dict, catalog: d.Catalog, own: frozenset) -> list[Problem]:
    """`labels` renames what the catalog defines: an id it does not define is a mistake (or the ladder's own)."""
    out = []
    for section, theirs, kind in (("facts", catalog.facts, "fact"), ("certifications", catalog.certs, "certification"),
                                  ("competencies", catalog.comps, "competency")):
        for key in _mapping(labels.get(section)):
            if key in theirs:
                continue
            loc = ("labels", section, key)
            if key in own:
                out.append(doc.problem(loc, _("'{key}' is the ladder's own {kind}: give its words where it is declared, "
                                              "under {section}.{key}; labels rename the catalog's").format(
                                                  key=key, kind=kind, section=section), key=True))
            else:
                out.append(doc.problem(loc, _("{problem}; labels rename what the catalog defines").format(
                    problem=_unknown(kind, key, theirs, declare=False)), key=True))
    return out


def _undeclared(doc: Document, data: dict, languages: set) -> list[Problem]:
    """A label's translations and a track's names are in languages the ladder lists (else they would never show)."""
    places = [(("labels", section, key, "translations"), _mapping(label).get("translations"))
              for section in ("facts", "certifications", "competencies")
              for key, label in _mapping(_mapping(data.get("labels")).get(section)).items()]
    places += [(("tracks", tid, "names"), _mapping(track).get("names")) for tid, track in _mapping(data.get("tracks")).items()]
    out = []
    for loc, texts in places:
        for lang in _mapping(texts):
            if isinstance(lang, str) and lang not in languages:
                out.append(doc.problem(loc + (lang,), _("{where} has '{lang}' text but languages does not list '{lang}'").format(
                    where=_dotted(loc), lang=lang), key=True))
    return out


def _check_tracks(doc: Document, tracks: dict, levels: dict) -> list[Problem]:
    """Each track lists levels of the ladder, and no track id is also a level id (a profile's `track:` may name either)."""
    out = []
    for tid, track in tracks.items():
        if tid in levels:
            out.append(doc.problem(("tracks", tid), _("track id '{id}' is also a level id: a profile's track names either, "
                                                      "so give the track another id").format(id=tid), key=True))
        for i, level_id in enumerate(_seq(_mapping(track).get("levels"))):
            if isinstance(level_id, str) and level_id not in levels:
                out.append(doc.problem(("tracks", tid, "levels", i), _("{problem} in tracks").format(
                    problem=_unknown("level", level_id, levels))))
    return out


def check_graph(ladder: d.Ladder, doc: Document) -> list[Problem]:
    """What only a valid ladder can show: cycles, unreachable levels, requirements that fall on the way up."""
    from ..engine.implications import falls

    out: list[Problem] = []
    seen = {level.id: i for i, level in enumerate(ladder.levels)}
    edges = {level.id: level.next for level in ladder.levels}
    cycle = _find_cycle(list(edges), lambda n: edges[n])
    if cycle:
        return [doc.problem(("levels", seen[cycle[0]], "next"), _("levels form a cycle: {cycle}").format(cycle=" -> ".join(cycle)))]
    reached, todo = {ladder.levels[0].id}, [ladder.levels[0].id]
    while todo:
        for target in edges[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    for i, level in enumerate(ladder.levels):
        if level.id not in reached:
            out.append(doc.problem(("levels", i, "id"), _("level '{id}' cannot be reached from the first level '{first}' through next").format(
                id=level.id, first=ladder.levels[0].id)))
        for target in level.next:
            upper = ladder.levels[seen[target]]
            for where, why in falls(level.requires, upper.requires, ladder, upper.drops):
                out.append(doc.problem(("levels", seen[target], "requires", *where), _("'{upper}' requires less than '{lower}' below it: {why}").format(
                    upper=upper.id, lower=level.id, why=why)))
    out += _check_drops(ladder, doc)
    return out


def _check_drops(ladder: d.Ladder, doc: Document) -> list[Problem]:
    """A level drops only what a level directly below it asks for."""
    from ..engine.implications import names_of

    out = []
    for i, level in enumerate(ladder.levels):
        below = [lv for lv in ladder.levels if level.id in lv.next]
        asked = dict.fromkeys(name for lv in below for atom in lv.requires for name in names_of(atom))
        for j, name in enumerate(level.drops):
            if name in asked:
                continue
            if below:
                text = _("'{name}' in drops is asked for by no level directly below '{id}' ({below}); remove it, or drop one of: "
                         "{names}").format(name=name, id=level.id, below=", ".join(lv.id for lv in below), names=", ".join(asked) or _("none"))
            else:
                text = _("'{name}' in drops: no level leads to '{id}' through next, so it has nothing to drop; remove it").format(
                    name=name, id=level.id)
            out.append(doc.problem(("levels", i, "drops", j), text))
    return out


def _load(dirs: list[Path]) -> Library:
    catalog = load_catalog()
    library = Library(catalog, {}, [], {})
    problems: list[Problem] = []
    builtin = builtin_dir()
    for folder in dirs:
        is_builtin = folder == builtin
        for path in ladder_files(folder):
            if path.name == CATALOG_NAME:
                if not is_builtin:
                    library.notices.append((N_("skipping {path}: only the built-in catalog is used"), {"path": str(path)}))
                continue
            try:
                doc = read_file(path)
                kind = _not_a_ladder(doc)
                if kind is not None:  # a profile or a list beside the ladders: not a problem, and not read
                    library.notices.append((NOT_A_LADDER[kind], {"path": str(path)}))
                    continue
                ladder = parse_ladder(doc, catalog, library.notices)
            except DataError as exc:
                if is_builtin:
                    problems += exc.problems
                else:  # one bad file of the user's never stops the others: skipped, and named when a command asks for it
                    library.broken.setdefault(_claimed_id(path), exc.problems)
                    library.notices.append((N_("skipping {path}: it is not a valid ladder ({n} problems); see them with: pmladder validate {path}"),
                                            {"path": str(path), "n": len(exc.problems)}))
                continue
            old = library.ladders.get(ladder.id)
            if old is not None:
                library.notices.append((N_("ladder '{id}' from {path} overrides the one from {origin}"),
                                        {"id": ladder.id, "path": str(path), "origin": old.origin}))
            library.ladders[ladder.id] = Loaded(ladder, path, is_builtin)
    if problems:
        raise DataError(problems)
    return library


NOT_A_LADDER = {
    "profile": N_("skipping {path}: it is a profile, not a ladder"),
    "catalog": N_("skipping {path}: only the built-in catalog is used"),
    "list": N_("skipping {path}: it is a list, not a ladder"),
}


def _not_a_ladder(doc: Document) -> str | None:
    from .formats import file_kind

    kind = file_kind(doc.data)
    return None if kind == "ladder" else kind


def _claimed_id(path: Path) -> str:
    """The id a ladder file that did not validate says it has, or its file name without the extension."""
    import re

    try:
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return path.stem
    found = re.search(r"^id:\s*['\"]?([a-z0-9][a-z0-9-]{0,63})['\"]?\s*(?:#.*)?$", head, re.M)
    return found.group(1) if found else path.stem


def validate_file(path: Path, catalog: d.Catalog | None = None, notes: list | None = None):
    """Validate one file: the catalog if it is named catalog.yaml (or looks like one), otherwise a ladder."""
    from .formats import file_kind

    doc = read_file(path)
    if path.name == CATALOG_NAME or file_kind(doc.data) == "catalog":
        return parse_catalog(doc, notes)
    return parse_ladder(doc, catalog or load_catalog(), notes)


def by_hand(doc: Document, ladder: d.Ladder | None, catalog: d.Catalog) -> list[tuple]:
    """The forms of a format-1 file no rewrite can fix: (section, id) of its own entries whose ids the
    catalog has since taken, and ('languages',) when a declared language's text is missing."""
    data = _mapping(doc.data)
    out: list[tuple] = [(section, key) for section, theirs in (("facts", catalog.facts), ("certifications", catalog.certs),
                                                             ("competencies", catalog.comps))
                        for key in _mapping(data.get(section)) if key in theirs] if ladder is not None else []
    if ladder is not None and _check_languages(ladder, doc, catalog)[0]:
        out.append(("languages",))
    return out
