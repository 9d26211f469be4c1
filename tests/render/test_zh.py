"""Chinese end to end (issue 12): the catalogs, the language choice, help and errors, the loader's
completeness check, layout of double-width text, golden Chinese outputs, and no English left.

The pseudo-terminal run of the questionnaire in Chinese is in test_questionnaire_terminal.py; the
compiled `.mo` in the wheel is checked in test_packaging.py.
"""

from __future__ import annotations

import difflib
import functools
import gettext
import json
import os
import re
import string
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from rich.cells import cell_len

from conftest import REPO
from pmladder import __version__, words
from pmladder.words import language as i18n, po

LOCALE = i18n.LOCALE_DIR
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/pmladder.po"))
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE_GOLDEN = os.environ.get("PMLADDER_UPDATE_GOLDEN") == "1"
ALEX = REPO / "ladders" / "examples" / "profile-alex.yaml"
TODAY = "2026-12-02"
ZH = {"LANG": "zh_CN.UTF-8"}
GLOSSARY = LOCALE / "zh" / "GLOSSARY.md"


def fields(text: str) -> list[str]:
    """The `{placeholders}` of a message, sorted (a positional `{}` counts as '')."""
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


# --- 1. the catalogs ------------------------------------------------------------------------------


def test_chinese_is_shipped():
    assert LOCALE / "zh" / "LC_MESSAGES" / "pmladder.po" in CATALOGS


def test_the_template_is_current(tmp_path):
    """pmladder/locale/pmladder.pot is what `python -m pmladder.words.language` writes from the code now."""
    fresh = tmp_path / "pmladder.pot"
    i18n.write_template(fresh)
    assert fresh.read_text(encoding="utf-8") == (LOCALE / "pmladder.pot").read_text(encoding="utf-8"), (
        "the message template is stale: run  python -m pmladder.words.language")


@functools.cache
def template_ids() -> frozenset[str]:
    """The message ids of the shipped template (msgctxt\\x04msgid for a message with a context), read
    once a test process (reading the code for its messages is some 0.7 s)."""
    return frozenset({k for k in po.read_po(LOCALE / "pmladder.pot") if k} | set(i18n.messages_in_code()))


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_message_has_a_translation_with_the_same_placeholders(catalog):
    """Every message of the template has a non-empty translation, and `.format()` finds the same
    `{names}` in it: a missing or extra placeholder would raise or lose a value at run time."""
    translated = po.read_po(catalog)
    missing = sorted(m for m in template_ids() if not translated.get(m))
    assert not missing, f"{len(missing)} messages without a translation in {catalog.name}: {missing[:10]}"
    wrong = [(m, translated[m]) for m in template_ids() if fields(m.split("\x04")[-1]) != fields(translated[m])]
    assert not wrong, f"placeholders differ: {wrong[:5]}"


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_no_stale_translations(catalog):
    """A catalog translates only messages the code still has."""
    stale = sorted(set(po.read_po(catalog)) - template_ids() - {""})
    assert not stale, stale[:10]


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_the_compiled_catalog_is_read_by_gettext(catalog, tmp_path):
    """The build's compiler (po.write_mo) makes a file GNU gettext reads: every message, contexts included."""
    messages = po.read_po(catalog)
    mo = tmp_path / "pmladder.mo"
    po.write_mo(messages, mo)
    with open(mo, "rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.info().get("content-type", "").endswith("charset=UTF-8")
    for key, value in messages.items():
        if not key:
            continue
        context, _sep, msgid = key.rpartition("\x04")
        assert (tr.pgettext(context, msgid) if context else tr.gettext(msgid)) == value


def test_a_third_language_is_a_catalog_file_and_no_code(tmp_path, monkeypatch):
    """A new `LANG/LC_MESSAGES/pmladder.words.po` is all pmladder needs to speak it (here: French, two messages)."""
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "pmladder.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                        'msgid "Fit by level"\nmsgstr "Adéquation par niveau"\n\n'
                                        'msgctxt "list"\nmsgid ", "\nmsgstr " ; "\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translation.cache_clear()
    try:
        assert "fr" in i18n.languages()
        words.use("fr")
        assert words._("Fit by level") == "Adéquation par niveau"
        assert words.listing(["a", "b"]) == "a ; b"
        assert words._("Gaps") == "Gaps"  # untranslated messages stay English, one by one
    finally:
        words.use(None)
        i18n.translation.cache_clear()


# --- 2. the language of a run -----------------------------------------------------------------------


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, None),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, None),
    ({"LANG": "en_GB.UTF-8"}, "en-gb"),  # an English variant keeps its region (a ladder's British text); words stay English
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}, "zh"),
    ({"PMLADDER_LANG": "en", "LANG": "zh_CN.UTF-8"}, None),
    ({"PMLADDER_LANG": "zh", "LANG": "C"}, "zh"),
    ({"PMLADDER_LANG": "zh_CN.UTF-8"}, "zh"),
])
def test_the_environment_chooses_the_language(environ, expected):
    """PMLADDER_LANG, then LC_ALL, LC_MESSAGES and LANG; C, POSIX and en are English."""
    assert i18n.from_environment(environ) == expected


def test_the_locale_gives_chinese_and_lang_overrides_it(invoke):
    """LANG=zh_CN.UTF-8 gives a Chinese report; --lang en or PMLADDER_LANG=en gives English whatever the locale."""
    args = ("assess", "--profile", ALEX, "--ladder", "pmo-sequence", "--today", TODAY)
    assert "各等级匹配度" in invoke(*args, env=ZH).stdout
    assert "Fit by level" in invoke(*args, "--lang", "en", env=ZH).stdout
    assert "Fit by level" in invoke(*args, env={**ZH, "PMLADDER_LANG": "en"}).stdout
    assert "各等级匹配度" in invoke(*args, env={"PMLADDER_LANG": "zh"}).stdout
    assert "各等级匹配度" in invoke(*args, "--lang", "zh").stdout


def test_chinese_words_on_a_ladder_without_chinese_text(invoke):
    """The locale asks for Chinese, the ladder has English only: pmladder's words are Chinese, the ladder's text English."""
    out = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY, env=ZH).stdout
    assert "各等级匹配度" in out and "Project Manager" in out


def test_json_keeps_english_keys_and_ids_with_chinese_display_strings(invoke):
    """`plan --format json` in Chinese has the English run's keys and ids; only display strings change."""
    args = ("plan", "--profile", ALEX, "--ladder", "pmo-sequence", "--today", TODAY, "-o", "-", "--format", "json")
    en, zh = (json.loads(invoke(*args, "--lang", code).stdout) for code in ("en", "zh"))

    def keys(value, path=""):
        if isinstance(value, dict):
            return {f"{path}.{k}" for k in value} | {x for k, v in value.items() for x in keys(v, f"{path}.{k}")}
        if isinstance(value, list):
            return {x for v in value for x in keys(v, path + "[]")}
        return set()

    assert keys(en) == keys(zh)
    assert [g["key"] for g in en["gaps"]] == [g["key"] for g in zh["gaps"]]
    assert [s["id"] for s in en["roadmap"]] == [s["id"] for s in zh["roadmap"]]
    assert [r["quarter"] for r in en["timeline"]] == [r["quarter"] for r in zh["timeline"]]  # "2027 Q2" in both
    assert zh["target"] == {"id": "intermediate-project-manager", "title": "中级项目经理"}
    assert zh["gaps"][0]["label"] == "项目工作年限" and en["gaps"][0]["label"] == "Years in project work"
    assert "决定时间" not in json.dumps(zh)  # notes of the text report are not JSON fields


@pytest.mark.parametrize("args", [("ladders",), ("validate", REPO / "ladders" / "pmo-sequence.yaml")])
def test_ladders_and_validate_take_lang(invoke, args):
    out = invoke(*args, "--lang", "zh").stdout
    assert ("加载来源" in out) or ("有效" in out), out
    refused = invoke(*args, "--lang", "xx")
    assert refused.exit_code == 2 and "xx" in refused.stderr


def test_help_is_chinese_with_the_locale_or_lang(invoke):
    """--help follows the locale, and --lang on the same command line."""
    root = invoke("--help", env=ZH).stdout
    assert "用法：" in root and "显示此帮助信息并退出。" in root and "规划项目管理职业发展" in root
    assert "命令" in root and "选项" in root
    show = invoke("show", "--help", "--lang", "zh").stdout
    assert "只显示这一等级" in show and "[默认：text]" in show
    assert "Show only this level" in invoke("show", "--help").stdout


def test_help_goes_back_to_english_in_the_same_process(invoke):
    """Typer's panel titles are module state: after a Chinese help, an English one is English again."""
    invoke("--help", env=ZH)
    out = invoke("--help").stdout
    assert "Options" in out and "Commands" in out and "选项" not in out


@pytest.mark.parametrize(("args", "expected"), [
    (("show", "pmo-sequence", "--format", "x"), "的值无效"),
    (("assess", "--pace", "99"), "允许的最大值为 10"),
    (("show",), "缺少参数 'LADDER'"),
    (("shwo",), "没有这个命令"),
    (("show", "pmo-sequence", "--bogus"), "没有这个选项：--bogus"),
    (("show", "nope"), "未知的职级序列“nope”"),
    (("plan", "--profile", "/nonexistent/p.yaml"), "找不到档案文件"),
])
def test_usage_errors_are_chinese(invoke, args, expected):
    result = invoke(*args, env=ZH)
    assert result.exit_code == 2 or result.exit_code == 66
    assert expected in result.stderr, result.stderr


def test_a_bad_profile_is_reported_in_chinese(invoke, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("schema_version: 1\nfacts: {years_experiance: 3}\ncompetencies: {risk: 9}\n", encoding="utf-8")
    result = invoke("assess", "--profile", path, "--ladder", "pmo-sequence", env=ZH)
    assert result.exit_code == 65
    assert f"{path}:2:" in result.stderr and "未知的事实项“years_experiance”（您是否想输入“years_experience”？）" in result.stderr
    assert "competencies.risk：应为 0 到 5 之间的整数" in result.stderr


# --- 3. the catalog and the loader ------------------------------------------------------------------


def test_every_catalog_entry_speaks_chinese():
    """Each fact, certification and competency of the catalog has its Chinese text (advice one per entry)."""
    from pmladder.inputs.loader import load_catalog

    catalog = load_catalog()
    for fact in catalog.facts.values():
        zh = fact.tr["zh"]
        assert zh["name"] and zh["question"] and len(zh["advice"]) == len(fact.advice), fact.id
    for cert in catalog.certs.values():
        zh = cert.tr["zh"]
        assert zh["name"] and (zh.get("notes") or not cert.notes), cert.id
    for comp in catalog.comps.values():
        zh = comp.tr["zh"]
        assert zh["name"] and zh["description"] and len(zh["ratings"]) == 6 and len(zh["grow"]) == 5, comp.id


def test_a_catalog_entry_without_chinese_falls_back_to_english_with_a_note():
    """pmo-sequence declares zh: a catalog competency it uses without Chinese text is no error (the user cannot
    edit the installed catalog); the ladder loads, marked as partly English in zh, and the text falls back."""
    from pmladder.inputs.loader import load_catalog, parse_ladder
    from pmladder.inputs.yamlsafe import read_file
    from pmladder.words import skill_name

    catalog = load_catalog()
    bare = catalog.comps["risk"]._replace(tr={})
    broken = catalog._replace(comps={**catalog.comps, "risk": bare})
    ladder = parse_ladder(read_file(REPO / "ladders" / "pmo-sequence.yaml"), broken)
    assert ladder.partial == ("zh",)
    assert skill_name(ladder, "risk", "zh") == bare.name
    assert parse_ladder(read_file(REPO / "ladders" / "pmo-sequence.yaml"), catalog).partial == ()


def test_the_schema_describes_translations(invoke):
    schema = json.loads(invoke("schema").stdout)
    text = schema["$defs"]["LadderText"]
    assert set(text["properties"]) == {"description", "advice", "source"}
    catalog = json.loads(invoke("schema", "catalog").stdout)
    assert set(catalog["$defs"]["CompetencyText"]["properties"]) == {"name", "description", "ratings", "grow"}


# --- 4. layout ------------------------------------------------------------------------------------------

# Alex's profile by its path from the checkout (run there): the plan in short names the command that shows the
# full plan, path included, and neither the golden files nor the layout may depend on where the checkout is (an
# absolute path as long as the clone's folder must break somewhere at 60 columns)
ALEX_FROM_REPO = ALEX.relative_to(REPO).as_posix()
REPORTS = {
    "show": ("show", "pmo-sequence"),
    "show-level": ("show", "pmo-sequence", "--level", "6"),
    "assess": ("assess", "--profile", ALEX_FROM_REPO, "--ladder", "pmo-sequence", "--today", TODAY),
}
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.@-]*[A-Za-z0-9]|[A-Za-z]")


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_chinese_fits_the_terminal_and_keeps_latin_words_whole(invoke, report, width, monkeypatch):
    """At 60, 80 and 120 columns no line is wider than the terminal (Chinese counts two cells), and every
    word of Latin script is one that the unwrapped report has (none is cut, as 'PRINCE2' into 'PRIN' 'CE2')."""
    monkeypatch.chdir(REPO)
    out = invoke(*REPORTS[report], env={**ZH, "COLUMNS": str(width)}).stdout
    wide = invoke(*REPORTS[report], env={**ZH, "COLUMNS": "1000"}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    whole = set(LATIN.findall(wide))
    cut = sorted(set(LATIN.findall(out)) - whole)
    assert not cut, cut


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_fit_table_lines_up(invoke, width, monkeypatch):
    """The bars of the fit table start in the same cell on every row, Chinese titles and all."""
    monkeypatch.chdir(REPO)
    out = invoke(*REPORTS["assess"], env={**ZH, "COLUMNS": str(width)}).stdout
    rows = [line for line in out.splitlines() if "\u2588" in line or "\u2593" in line or "\u2591" in line]
    bars = [line for line in rows if re.search("[\u2588\u2593\u2591\u00b7]{10}", line)]
    assert len(bars) == 10, out
    starts = {cell_len(line[:re.search("[\u2588\u2593\u2591\u00b7]{10}", line).start()]) for line in bars}
    assert len(starts) == 1, bars


# --- 5. golden Chinese outputs ----------------------------------------------------------------------


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(actual, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote tests/golden/{name} (PMLADDER_UPDATE_GOLDEN=1)")
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            f"{name} (golden)", f"{name} (now)"))
        pytest.fail(f"the output differs from tests/golden/{name}; if intended, review it and run\n"
                    f"    PMLADDER_UPDATE_GOLDEN=1 python -m pytest tests/render/test_zh.py -k golden\n\n{diff[:6000]}", pytrace=False)


GOLDENS = {
    "zh-show-pmo-sequence.txt": ("show", "pmo-sequence"),
    "zh-assess-alex-pmo-sequence.txt": ("assess", "--profile", ALEX_FROM_REPO, "--ladder", "pmo-sequence", "--today", TODAY),
    "zh-plan-alex-pmo-sequence.md": ("plan", "--profile", ALEX_FROM_REPO, "--ladder", "pmo-sequence", "--today", TODAY, "-o", "-"),
}


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden_chinese_output(invoke, name, monkeypatch):
    """`show pmo-sequence`, `assess` and `plan` (Markdown) for Alex, in Chinese at 100 columns, as in tests/golden/."""
    monkeypatch.chdir(REPO)
    result = invoke(*GOLDENS[name], env={**ZH, "COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    check_golden(name, result.stdout.replace(f"pmladder {__version__} ", "pmladder VERSION "))


# --- 6. no English left ---------------------------------------------------------------------------------


def glossary_english() -> set[str]:
    """The words the glossary says stay English (its 'What stays English' section, in backticks)."""
    text = GLOSSARY.read_text(encoding="utf-8").split("## What stays English", 1)[1]
    return {w for quoted in re.findall(r"`([^`]+)`", text) for w in LATIN.findall(quoted)}


def allowed_english() -> set[str]:
    """The glossary's words, and what it names by kind: ids, certification names, English titles beside Chinese."""
    from pmladder.inputs.library import load_library

    lib = load_library()
    ladder = lib.get("pmo-sequence").ladder
    names = set(glossary_english())
    for text in [*ladder.certs, *(c.name for c in ladder.certs.values()), *(c.issuer for c in ladder.certs.values()),
                 *(lv.title for lv in ladder.levels), *(lv.id for lv in ladder.levels), *ladder.facts, *ladder.comps, ladder.id]:
        names |= set(LATIN.findall(text))
    return names | {"Alex", "Chen"}  # the example profile's name


def english_words(text: str) -> list[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # the Mermaid source: node names are ids
    text = re.sub(r"https?://\S+", "", text).replace(ALEX_FROM_REPO, "").replace(ALEX_FROM_REPO.replace(".", "\\."), "")
    text = re.sub(r"^- \[x\] ", "- ", text, flags=re.M)  # a ticked task item's marker is syntax, not a word
    # "On other ladders": other ladders' own names and titles, in the only language those ladders have
    text = re.sub(r"\n## 在其他序列中\n.*?(?=\n## |\Z)", "", text, flags=re.S)
    return [w for w in LATIN.findall(text) if w not in ALLOWED]


ALLOWED: set[str] = set()


@pytest.mark.parametrize("name", sorted(GOLDENS) + ["show-markdown", "show-level", "questions"])
def test_no_english_word_in_a_chinese_report(invoke, name, monkeypatch):
    """Every Latin-script word in a Chinese report is an id, a certification name, an English title beside
    its Chinese one, or what GLOSSARY.md says stays English (a path the person gave is theirs)."""
    monkeypatch.chdir(REPO)
    ALLOWED.update(allowed_english())
    if name == "questions":
        from pmladder.inputs.library import load_library
        from pmladder.ask.questions import intro_lines, questions, review_help, review_lines

        words.use("zh")
        qs = questions(load_library().get("pmo-sequence").ladder, lang="zh")
        parts = [q.prompt for q in qs] + [h for q in qs for h in q.help] + [o.label for q in qs for o in q.options]
        parts += [o.detail for q in qs for o in q.options] + intro_lines() + intro_lines(arrows=False) + review_lines() + review_help()
        text = "\n".join(parts)
    else:
        args = {"show-markdown": ("show", "pmo-sequence", "--format", "markdown"),
                "show-level": ("show", "pmo-sequence", "--level", "6"), **GOLDENS}[name]
        result = invoke(*args, env=ZH)
        text = result.stdout + result.stderr
    assert not english_words(text), sorted(set(english_words(text)))


def test_the_allow_list_comes_from_the_glossary():
    """The glossary's list is not empty and holds the names the reports need (and no plain English words)."""
    listed = glossary_english()
    assert {"PMP", "PRINCE2", "IPMA", "PMO", "KPI", "Scrum"} <= listed
    assert not {"the", "and", "of", "to"} & listed


# --- 7. Markdown as GitHub reads it -------------------------------------------------------------------------


def test_chinese_markdown_renders_emphasis_and_tables():
    """Bold next to Chinese punctuation is bold (CommonMark's flanking rules), and the gap table has its six columns."""
    text = (GOLDEN / "zh-plan-alex-pmo-sequence.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "**" not in html
    assert "<strong>初级项目经理（Junior Project Manager）</strong>" in html
    assert "<th>要求</th>\n<th style=\"text-align:right\">现有</th>" in html
    assert "<h3>2027年第4季度</h3>" in html


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_progress_recorded_in_english_reads_in_chinese(invoke, tmp_path, fmt):
    """Two assessments recorded without Chinese, compared with LANG=zh_CN.UTF-8: the stored plan's steps,
    gaps, titles and chart speak Chinese too (the earlier plan is worded again from its stored profile)."""
    ALLOWED.update(allowed_english())
    home = {"PMLADDER_HOME": str(tmp_path / "home")}
    later = yaml.safe_load(ALEX.read_text(encoding="utf-8"))
    later["competencies"]["risk"] = min(5, later["competencies"].get("risk", 2) + 1)
    later["facts"]["years_experience"] += 1
    (tmp_path / "later.yaml").write_text(yaml.safe_dump(later), encoding="utf-8")
    for path, day in ((ALEX, "2026-01-15"), (tmp_path / "later.yaml", "2026-11-20")):
        assert invoke("history", "import", path, "--date", day, "--ladder", "pmo-sequence", env={**home, "LANG": "C.UTF-8"}).exit_code == 0
    result = invoke("progress", "--format", fmt, env={**home, **ZH})
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":
        data = json.loads(text)
        text = "\n".join([data["target"]["title"], *(s["text"] for s in data["roadmap"]), *(c["text"] for c in data["changes"])])
    assert "Project Manager" not in text and "Coordinator" not in text  # titles in Chinese, not only beside it
    text = re.sub(r"- \[[ x]\] ", "- ", text)  # Markdown task boxes
    text = re.sub(r"pmladder [a-z]+(?: --?[a-z]+(?: [a-z]+)?)*", "", text)  # commands to type stay as typed
    assert not english_words(text), sorted(set(english_words(text)))
