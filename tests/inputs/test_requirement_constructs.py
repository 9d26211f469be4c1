"""The requirement constructs of issue 20, as an author writes them: tests/construct_ladders/delivery-framework.yaml
uses each one and validates; each mistake an author can make with one is refused by `pmladder validate` with
FILE:LINE:COL and a message that says how to fix it (the bad ladders are the good one with one thing changed,
so each fails for its one reason); the rising check needs `lateral` and `drops` where the file uses them; the
JSON Schema describes every new key; ladders/README.md shows an example of each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "tests" / "construct_ladders" / "delivery-framework.yaml"
TEXT = GOOD.read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[Path, str]:
    """The good ladder with `old` replaced by `new` (the first `count` times), written to a file."""
    assert TEXT.count(old) >= count, old
    text = TEXT.replace(old, new, count)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, marker: str, nth: int = 1) -> int:
    """The line number (from 1) of the `nth` line that contains `marker` (that starts with it, when it is indented)."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if (line.startswith(marker) if marker[0] == " " else marker in line)]
    return hits[nth - 1]


def problems(stderr: str) -> list[tuple[int, int, str]]:
    return [(int(m.group(1)), int(m.group(2)), m.group(3))
            for m in (re.match(r"^.*framework\.yaml:(\d+):(\d+): (.+)$", line) for line in stderr.splitlines()) if m]


def test_the_ladder_using_every_construct_validates(invoke):
    result = invoke("validate", GOOD)
    assert result.exit_code == 0, result.stderr
    assert "ok (ladder 'delivery-framework', 4 levels)" in result.stdout


# (what to change, into what, the marker of the line the message must point at (nth such line), what it must say)
CASES = [
    pytest.param("      gates: [PMP, Method]\n",
                 "      one_of:\n        - education: bachelor\n      one_of:\n        - education: master\n      gates: [PMP, Method]\n",
                 ("      one_of:", 2),
                 ["duplicate key 'one_of' (first at line", "use choices: for several either/or groups, each with a label"],
                 id="second-one_of"),
    pytest.param("        - label: Programme experience\n", "        - label: Method\n", ("- label: Method", 2),
                 ["two choice groups are labelled 'Method' (also choices[0])", "give each group its own label"],
                 id="choice-label-twice"),
    pytest.param("      gates: [PMP, Method]", "      gates: [PMP, PRINCE2-Practitioner]", ("gates: [PMP, PRINCE2", 1),
                 ["gate 'PRINCE2-Practitioner' names no requirement of this block",
                  "this block's requirements are: certifications, years_experience, data, risk, PMP, PSM-I, Method, choice:1, "
                  "Programme experience, choice:2"],
                 id="gate-inside-a-route"),
    pytest.param("      gates: [PMP, Method]", "      gates: [PMP, choice:3]", ("choice:3", 1),
                 ["gate 'choice:3' names no requirement of this block", "Programme experience, choice:2"],
                 id="gate-choice-number"),
    pytest.param("      gates: [PMP, Method]", "      gates: [PMP, Metod]", ("Metod", 1),
                 ["gate 'Metod' names no requirement of this block (did you mean 'Method'?)"],
                 id="gate-label-typo"),
    pytest.param("        - when: {facts: {team_size: 50}}", "        - when: {facts: {team_sise: 50}}", ("team_sise", 1),
                 ["unknown fact 'team_sise' (did you mean 'team_size'?)"],
                 id="condition-unknown-fact"),
    pytest.param("        - when: {facts: {team_size: 50}}", "        - when: {}", ("when: {}", 1),
                 ["when: names no condition; give track: (a list of track or level ids) or facts:"],
                 id="condition-empty"),
    pytest.param("          requires:\n            competencies: {strategy: 3}\n",
                 "          requires:\n            competencies: {strategy: 3}\n            gates: [risk]\n", ("gates: [risk]", 1),
                 ["gate 'risk' names no requirement of this block", "this block's requirements are: strategy"],
                 id="conditional-gate"),
    pytest.param("    lateral: [programme-manager]", "    lateral: [programe-manager]", ("lateral: [programe", 1),
                 ["unknown level 'programe-manager' (did you mean 'programme-manager'?) in lateral"],
                 id="lateral-unknown"),
    pytest.param("    lateral: [programme-manager]", "    lateral: [pmo-manager]", ("lateral: [pmo-manager]", 1),
                 ["'pmo-manager' is this level or in its next", "remove it from lateral"],
                 id="lateral-to-itself"),
    pytest.param("    drops: [data]", "    drops: [data, quality]", ("drops: [data, quality]", 1),
                 ["'quality' in drops is asked for by no level directly below 'sro' (programme-manager); remove it, or drop "
                  "one of: years_experience, PMP, certifications, PSM-I, data, risk, Method, Programme experience, strategy"],
                 id="drop-nothing-asked"),
    pytest.param("    next: [programme-manager, pmo-manager]\n", "    drops: [risk]\n    next: [programme-manager, pmo-manager]\n",
                 ("drops: [risk]", 1), ["'risk' in drops: no level leads to 'practitioner' through next"],
                 id="drop-on-the-first-level"),
]


@pytest.mark.parametrize(("old", "new", "where", "says"), CASES)
def test_a_construct_written_wrong_is_refused_with_its_place_and_the_fix(invoke, tmp_path, old, new, where, says):
    path, text = broken(tmp_path, old, new)
    result = invoke("validate", path)
    assert result.exit_code == 65, result.stdout
    assert "Traceback" not in result.stderr
    found = problems(result.stderr)
    line = line_of(text, *where)
    at_line = [msg for ln, _, msg in found if ln == line]
    assert at_line, f"no problem at line {line}: {found}"
    for fragment in says:
        assert any(fragment in msg for msg in at_line), (fragment, at_line)


@pytest.mark.parametrize(("old", "new", "level", "why"), [
    pytest.param("    drops: [data]\n", "", "sro", "competencies.data 0 < 3", id="without-the-drop"),
    pytest.param("    lateral: [programme-manager]\n    next: []\n", "    next: [programme-manager]\n", "programme-manager",
                 "facts.years_pmo 0 < 3", id="the-move-across-as-a-step-up"),
    pytest.param("      competencies: {risk: 4, strategy: 3}", "      competencies: {risk: 4}", "sro",
                 "competencies.strategy 0 < 3", id="a-condition-below-not-ensured-above"),
])
def test_the_rising_check_needs_the_constructs_where_the_ladder_uses_them(invoke, tmp_path, old, new, level, why):
    """Take `drops` or `lateral` away (or the requirement that ensures a conditional one below) and the
    'requirements rise' check refuses the ladder: each construct is what lets it through."""
    path, _ = broken(tmp_path, old, new)
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert any(f"'{level}' requires less than" in msg and why in msg for _, _, msg in problems(result.stderr)), result.stderr


def test_a_condition_above_ensures_the_same_condition_below(invoke, tmp_path):
    """A conditional requirement is ensured by the level above asking it under the same condition."""
    path, text = broken(tmp_path, "      competencies: {risk: 4, strategy: 3}", "      competencies: {risk: 4}")
    text = text.replace("        - when: {facts: {team_size: 50}}",
                        "        - when: {track: [sro]}\n          requires:\n            competencies: {strategy: 3}\n"
                        "        - when: {facts: {team_size: 50}}")
    path.write_text(text, encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 0, result.stderr


def test_a_gate_on_one_certificate_of_all_of_leaves_the_others_soft(invoke):
    result = invoke("show", "delivery-framework", "--ladders-dir", GOOD.parent, "--format", "json")
    assert result.exit_code == 0, result.stderr
    level = next(lv for lv in json.loads(result.stdout)["levels"] if lv["id"] == "programme-manager")
    gates = {r["key"]: r["gate"] for r in level["requires"]}
    assert gates["PMP"] is True and gates["PSM-I"] is False
    assert gates["choice: Method"] is True and gates["choice: Programme experience"] is False


def test_show_json_has_labels_conditions_lateral_moves_and_drops(invoke):
    result = invoke("show", "delivery-framework", "--ladders-dir", GOOD.parent, "--format", "json")
    levels = {lv["id"]: lv for lv in json.loads(result.stdout)["levels"]}
    method = next(r for r in levels["programme-manager"]["requires"] if r.get("choice") == "Method")
    assert method["routes"] == ["PRINCE2 route", "IPMA route"]
    assert method["text"].startswith("Method, one of these routes: (1) PRINCE2 route: Certification: PRINCE2-Practitioner")
    strategy = next(r for r in levels["programme-manager"]["requires"] if r["key"] == "strategy")
    assert strategy["when"] == {"track": ["sro"]}
    academy = next(r for r in levels["sro"]["requires"] if r["key"] == "Leadership-Academy")
    assert academy["when"] == {"facts": {"team_size": 50}}
    assert academy["text"] == "Certification: Leadership-Academy (only when: Largest team led 50+)"
    assert levels["pmo-manager"]["lateral"] == ["programme-manager"]
    assert levels["sro"]["drops"] == ["data"]
    assert "lateral" not in levels["sro"] and "drops" not in levels["practitioner"]


def test_show_says_what_moves_across_and_what_is_dropped(invoke):
    text = invoke("show", "delivery-framework", "--ladders-dir", GOOD.parent, "--format", "markdown").stdout
    assert "- Move across to: Programme Manager (a lateral move, not a step up)" in text
    assert "- No longer asks for: Data-driven decisions (asked below; dropped on purpose)" in text
    assert "n2 -.-> n1" in text  # the lateral move, dotted in the diagram
    assert "(only when: on the track of Senior Responsible Owner)" in text


def test_the_schema_describes_every_new_key():
    schema = json.loads((REPO / "ladders" / "schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    for model, keys in {"Requirement": ("choices", "conditional", "one_of", "gates"), "Level": ("lateral", "drops"),
                        "Route": ("label", "labels"), "Choice": ("label", "labels", "one_of"),
                        "Condition": ("track", "facts"), "Conditional": ("when", "requires")}.items():
        for key in keys:
            assert defs[model]["properties"][key].get("description"), (model, key)
    assert "choice:N" in defs["Requirement"]["properties"]["gates"]["description"]


def test_the_readme_shows_each_construct():
    readme = (REPO / "ladders" / "README.md").read_text(encoding="utf-8")
    for snippet in ("choices:", "label: PRINCE2 route", "conditional:", "when: {track:", "when: {facts:", "lateral:", "drops:",
                    "gates: [PMP, Method]", "choice:2"):
        assert snippet in readme, snippet


ZH = REPO / "tests" / "good_ladders" / "minimal-zh.yaml"
METHOD_ZH = ("      certifications: {all_of: [CAPM]}\n      choices:\n        - label: Method\n          labels: {zh: 方法}\n"
             "          one_of:\n            - {label: Degree route, labels: {zh: 学位路径}, education: bachelor}\n"
             "            - {label: Experience route, facts: {years_experience: 7}}\n")


def test_labels_are_translated_like_other_texts(invoke, tmp_path):
    """A ladder that declares Chinese gives each label its Chinese text: one it lacks is reported where it goes,
    and with every one given the ladder is valid and reports use them."""
    text = ZH.read_text(encoding="utf-8").replace("      certifications: {all_of: [CAPM]}\n", METHOD_ZH)
    text = text.replace("schema_version: 1\n", "schema_version: 2\n")  # format 2: a declared language must be complete
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 65
    line = line_of(text, "{label: Experience route")
    assert (line, 15, "levels[1].requires.choices[0].one_of[1].labels.zh: missing 'zh' text") in problems(result.stderr), result.stderr
    path.write_text(text.replace("{label: Experience route,", "{label: Experience route, labels: {zh: 经验路径},"), encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 0, result.stderr
    shown = invoke("show", "tiny-zh", "--ladders-dir", tmp_path, "--lang", "zh", "--format", "json")
    method = next(r for r in json.loads(shown.stdout)["levels"][1]["requires"] if r.get("choice") == "Method")
    assert method["text"].startswith("方法，以下路径之一：（1）学位路径：")


def test_a_label_in_a_language_the_ladder_does_not_declare_is_refused(invoke, tmp_path):
    path, text = broken(tmp_path, "        - label: Method\n", "        - label: Method\n          labels: {cy: Dull}\n")
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert any(ln == line_of(text, "labels: {cy:") and "label has 'cy' text but languages does not list 'cy'" in msg
               for ln, _, msg in problems(result.stderr)), result.stderr


def test_the_constructs_survive_the_cache():
    """The compiled ladder (labels, conditions, lateral moves, drops) comes back from the cache's JSON as it went in."""
    from pmladder.inputs.cache import dumps, loads
    from pmladder.inputs.loader import load_catalog, parse_ladder
    from pmladder.inputs.yamlsafe import read_file

    ladder = parse_ladder(read_file(GOOD), load_catalog())
    again = loads(dumps(ladder))
    assert again == ladder
    pm = again.level("programme-manager")
    method = next(a for a in pm.requires if a.key == "choice: Method")
    assert method.label.text == "Method" and method.routes[1].text == "IPMA route" and method.gate
    assert next(a for a in pm.requires if a.key == "strategy").when.track == ("sro",)
    assert again.level("pmo-manager").lateral == ("programme-manager",) and again.level("sro").drops == ("data",)
