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
    msg = err["msg"]
    if msg.startswith(("Value error, ", "Assertion failed, ")):  # pydantic's prefix for our own checks
        msg = msg.split(", ", 1)[1]
    value = err.get("input")
    if kind in ("too_short", "too_long") and loc and loc[-1] in ("grow", "ratings"):
        msg += (_(" (one line per step of the competency's scale: five on the built-in scale, 0 to 1 up to 4 to 5)") if loc[-1] == "grow"
                else _(" (one line per point of the competency's scale: six on the built-in scale, ratings 0 to 5)"))
    elif kind in ("too_short", "too_long") and len(loc) >= 2 and loc[-1] == "names" and "scales" in loc:
        msg += _(" (a scale has 3 to 11 points, one name each, from point 0 up)")
    if isinstance(value, bool) and kind not in ("bool_type", "exact_int"):
        msg += _(" (YAML reads yes/no/on/off/true/false as a boolean: quote the text)")
    elif kind == "string_type" and isinstance(value, (int, float)):
        msg += _(" (quote it to keep it as text)")
    if err["loc"] and err["loc"][-1] == "[key]":
        return loc, _("{where}: bad key: {message}").format(where=_dotted(loc), message=msg), True
    return loc, f"{_dotted(loc)}: {msg}", False


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
        if (p.line, p.col) in places and ("valid number" in p.message or "valid dictionary" in p.message or "valid string" in p.message):
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
        sid = _mapping(comp).get("scale", default)
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
    if gates:
        named = {*GATE_PARTS, *_mapping(req.get("facts")), *_mapping(req.get("competencies"))}
        present = {k for k in GATE_PARTS if req.get(k)} | set(_mapping(req.get("facts"))) | set(_mapping(req.get("competencies")))
        for i, gate in enumerate(_seq(req.get("gates"))):
            if not isinstance(gate, str):
                continue
            if gate not in present:
                import difflib

                hint = [] if gate in GATE_PARTS else difflib.get_close_matches(gate, sorted(present), n=1, cutoff=0.75)
                tip = _(" (did you mean '{hint}'?)").format(hint=hint[0]) if hint else ""
                have = ", ".join(k for k in (*GATE_PARTS, *_mapping(req.get("facts")), *_mapping(req.get("competencies"))) if k in present)
                out.append(doc.problem(loc + ("gates", i), _("gate '{gate}' names no requirement of this block{tip}; "
                                       "this block's requirements are: {have}").format(gate=gate, tip=tip, have=have or _("none"))))
    return out


def _check_own(doc: Document, data: dict, catalog: d.Catalog, tops: dict) -> tuple[list[Problem], Vocab]:
    """A ladder's own facts, certifications and competencies: no clash with the catalog's ids."""
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
            if key in theirs:
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


def parse_catalog(doc: Document) -> d.Catalog:
    from .model import CatalogFile

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
    path = path or builtin_dir() / CATALOG_NAME
    return parse_catalog(read_file(path))


# --- ladders -----------------------------------------------------------------------------


def parse_ladder(doc: Document, catalog: d.Catalog) -> d.Ladder:
    """Validate a ladder file: its shape, the ids it names, then its graph; every problem of the file at once."""
    from .model import Ladder

    problems = check_references(doc, catalog)
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
    problems = problems or _check_languages(ladder, doc, catalog)
    problems = problems or check_graph(ladder, doc)
    if problems:
        raise DataError(problems)
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
                from ..words import amount, num

                out.append(doc.problem(at, _("{field}: {value} is above the most an answer for '{fact}' can be ({most}): "
                                             "no one could meet it").format(field=_dotted(at), value=num(value), fact=fid,
                                                                           most=amount(fact.max, fact.unit))))
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
CERT_TEXT = ("name", "notes")  # notes only where the English has notes; a name may repeat the official (English) one
COMP_TEXT = ("name", "description", "ratings", "grow")
LEVEL_TEXT = ("summary", "responsibilities", "expectations", "advice")


def _check_languages(ladder: d.Ladder, doc: Document, catalog: d.Catalog) -> list[Problem]:
    """Every language a ladder declares besides English is complete: its name, description, advice and tiers,
    every level's title and text, and every fact, certification and competency it shows (its own, and the
    catalog's: those are reported at the catalog file's line)."""
    out: list[Problem] = []
    for lang in ladder.languages:
        if lang == "en":
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
                    if field in have or (field == "notes" and not item.notes):
                        continue
                    loc = (section, key, "translations", lang, field)
                    if item.origin == "catalog":
                        line, col = catalog.lines.get((section, key), (1, 1))
                        out.append(Problem(catalog.path, line, col, _("{where}: missing '{lang}' text (ladder '{id}' declares "
                                                                      "'{lang}')").format(where=_dotted(loc), lang=lang, id=ladder.id)))
                    else:
                        missing(loc)
    return list(dict.fromkeys(out))


def check_references(doc: Document, catalog: d.Catalog) -> list[Problem]:
    """Ids, tiers, languages and links, read from the raw data so they are reported even when the shape is wrong."""
    data = _mapping(doc.data)
    tops = ladder_tops(data, catalog)
    out, vocab = _check_own(doc, data, catalog, tops)
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
    for i, level in enumerate(levels):
        for j, target in enumerate(_seq(level.get("next"))):
            if not isinstance(target, str):
                continue
            if target not in seen:
                out.append(doc.problem(("levels", i, "next", j), _("{problem} in next").format(problem=_unknown("level", target, seen))))
            elif target == level.get("id"):
                out.append(doc.problem(("levels", i, "next", j), _("level '{id}' lists itself in next").format(id=target)))
    for j, item in enumerate(_seq(data.get("advice"))):
        item = _mapping(item)
        for key, known, kind in (("levels", seen, "level"), ("tiers", tiers, "tier")):
            for k, target in enumerate(_seq(item.get(key))):
                if isinstance(target, str) and target not in known:
                    out.append(doc.problem(("advice", j, key, k), _("{problem} in advice").format(problem=_unknown(kind, target, known))))
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
            for where, why in falls(level.requires, upper.requires, ladder):
                out.append(doc.problem(("levels", seen[target], "requires", *where), _("'{upper}' requires less than '{lower}' below it: {why}").format(
                    upper=upper.id, lower=level.id, why=why)))
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
                ladder = parse_ladder(read_file(path), catalog)
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


def _claimed_id(path: Path) -> str:
    """The id a ladder file that did not validate says it has, or its file name without the extension."""
    import re

    try:
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return path.stem
    found = re.search(r"^id:\s*['\"]?([a-z0-9][a-z0-9-]{0,63})['\"]?\s*(?:#.*)?$", head, re.M)
    return found.group(1) if found else path.stem


def validate_file(path: Path, catalog: d.Catalog | None = None):
    """Validate one file: the catalog if it is named catalog.yaml, otherwise a ladder."""
    doc = read_file(path)
    if path.name == CATALOG_NAME:
        return parse_catalog(doc)
    return parse_ladder(doc, catalog or load_catalog())
