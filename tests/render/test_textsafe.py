"""Tests for pmladder.text.safe: untrusted text made safe for terminal, profile and Markdown."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pmladder.text.safe import clean, in_cell, md_cell, md_inline, text, visible

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Any code point, lone surrogates included (hypothesis excludes them by default).
any_text = st.text(st.characters(exclude_categories=()))
# Text biased towards the characters that matter: controls, bidi, Markdown punctuation.
nasty_text = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),
        st.sampled_from(list("\x00\x1b\x7f\x85\x9b\t\r\n\u2028\u2029\ud800\udfff" + BIDI)),
        st.sampled_from(list("\\`*_{}[]()#+-.!|<>~&=:?@$^/ 1wh")),
        st.sampled_from(["https://", "www.", "<b>", "- [ ] ", "1. ", "&amp;", "\n# ", "a@b.co"]),
    )
).map("".join)


def is_unsafe(ch: str) -> bool:
    return (
        unicodedata.category(ch) in ("Cc", "Cs")
        or ch in BIDI
        or ch in "\u2028\u2029"
    )


def test_visible_escapes_ansi_and_osc():
    """ANSI colour and OSC 8/52 sequences lose their ESC/BEL bytes and show as text."""
    s = "\x1b[31mred\x1b]8;;https://x\x07link\x1b]8;;\x07\x9b2J"
    assert visible(s) == "\\x1b[31mred\\x1b]8;;https://x\\x07link\\x1b]8;;\\x07\\x9b2J"


def test_visible_escapes_bidi_separators_and_surrogates():
    """Bidi overrides, U+2028/9 and lone surrogates get \\uXXXX escapes."""
    assert visible("a\u202eb\u2066c\u2028d\ud800") == "a\\u202eb\\u2066c\\u2028d\\ud800"
    assert visible("\u061c\u200e\u200f\u2029") == "\\u061c\\u200e\\u200f\\u2029"


def test_visible_newlines_and_tabs():
    """Tab and newline are escaped unless keep_newlines, which keeps only newline."""
    assert visible("a\tb\nc") == "a\\x09b\\x0ac"
    assert visible("a\tb\nc\r", keep_newlines=True) == "a\\x09b\nc\\x0d"


def test_visible_leaves_ordinary_text_alone():
    """CJK, emoji, accents and Rich markup brackets pass through unchanged."""
    s = "项目经理 – Ünïcödé 😀 [bold]x[/] [/] [link=https://x]y[/link]"
    assert visible(s) == s


@given(any_text, st.booleans())
def test_visible_output_has_no_unsafe_characters(s, keep_newlines):
    """For any text, visible() output holds no ESC, Cc (but kept newlines), bidi or surrogate."""
    out = visible(s, keep_newlines=keep_newlines)
    assert "\x1b" not in out
    assert all(not is_unsafe(ch) or (keep_newlines and ch == "\n") for ch in out)
    out.encode("utf-8")  # raises if a lone surrogate was left


@given(st.text())
def test_visible_is_identity_on_safe_text(s):
    """Text without unsafe characters is returned unchanged."""
    s = "".join(ch for ch in s if not is_unsafe(ch))
    assert visible(s) == s


def test_text_returns_rich_text_without_markup():
    """text() builds a rich Text with the escaped string and style; markup is not parsed."""
    from rich.console import Console

    t = text("[red]x[/] \x1b[2J", style="bold")
    assert t.plain == "[red]x[/] \\x1b[2J"
    assert str(t.style) == "bold"
    console = Console(width=80, color_system=None, record=True)
    with console.capture() as cap:
        console.print(t)
    assert "\x1b" not in cap.get()
    assert "[red]x[/]" in cap.get()


def test_module_does_not_import_rich():
    """Importing textsafe stays lean: rich is loaded only when text() is called."""
    code = "import sys, pmladder.text.safe; print('rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clean_drops_controls_and_surrogates():
    """clean() drops controls and lone surrogates, spaces out tabs/newlines, strips, NFCs."""
    assert clean("  Ana\x1b[31m\ud800 Li\x00  ") == "Ana[31m Li"
    assert clean("line1\nline2\tx") == "line1 line2 x"
    assert clean("e\u0301") == "\u00e9"
    assert clean("项目经理 \u200f") == "项目经理 \u200f"


@pytest.mark.parametrize(
    ("dumper", "loader"),
    [
        (yaml.SafeDumper, yaml.SafeLoader),
        pytest.param(
            getattr(yaml, "CSafeDumper", None),
            getattr(yaml, "CSafeLoader", None),
            marks=pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="no libyaml"),
        ),
    ],
)
@settings(max_examples=300)
@given(s=nasty_text)
def test_clean_round_trips_through_yaml(dumper, loader, s):
    """For any text, clean() output is UTF-8 and survives YAML dump/load unchanged."""
    c = clean(s)
    c.encode("utf-8")
    dumped = yaml.dump({"answer": c, "list": [c]}, Dumper=dumper, allow_unicode=True)
    assert yaml.load(dumped, Loader=loader) == {"answer": c, "list": [c]}
    assert yaml.safe_load(yaml.safe_dump(c, allow_unicode=True)) == c


@given(any_text)
def test_clean_is_idempotent(s):
    """Cleaning twice changes nothing."""
    assert clean(clean(s)) == clean(s)


# --- Markdown -----------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BAD_TYPES = {"html_inline", "html_block", "link_open", "heading_open", "image", "code_inline",
             "em_open", "strong_open", "s_open", "bullet_list_open", "ordered_list_open",
             "blockquote_open", "fence", "code_block", "hr", "softbreak", "hardbreak"}


def shown(s: str) -> str:
    """What a reader should see: the visible(), one-line form of s."""
    return visible(" ".join(s.split()))


def all_tokens(tokens):
    for tok in tokens:
        yield tok
        yield from all_tokens(tok.children or [])


def test_md_inline_examples():
    """Pipes, HTML, headings, task items, lists and URLs are escaped into plain text."""
    assert md_inline("a | b") == "a \\| b"
    assert md_inline("<b>hi</b>") == "\\<b\\>hi\\</b\\>"
    assert md_inline("# Title") == "\\# Title"
    assert md_inline("- [ ] task") == "\\- \\[ \\] task"
    assert md_inline("1. one") == "1\\. one"
    assert md_inline("x\n# injected\n\n- [x] item") == "x \\# injected - \\[x\\] item"
    assert md_inline("  \x1b[2J  ") == "\\\\x1b\\[2J"
    assert md_cell("a|b") == md_inline("a|b")


@pytest.mark.parametrize("number", ["1.5 years", "2.5", "1.5. Then more", "3.25 people", "12.75 hours"])
def test_md_inline_keeps_numbers_as_written(number):
    """A decimal at the start of a line is no list marker: it is not escaped and renders as written (issue 13.6)."""
    src = md_inline(number)
    assert src == number
    for prefix in ("", "- "):  # alone, and as the text of a list item
        tokens = MD.parse(prefix + src)
        assert "ordered_list_open" not in {t.type for t in all_tokens(tokens)}
        inline = next(t for t in tokens if t.type == "inline")
        assert [c.type for c in inline.children] == ["text"] and inline.children[0].content == number


@pytest.mark.parametrize("marker", ["1. one", "1) one", "12. twelve", "3.", "7)", "1.\tone"])
def test_md_inline_still_escapes_a_real_list_marker(marker):
    """`1. `, `1) ` and a bare `3.` at the start would open an ordered list: they are escaped and render literally."""
    src = md_inline(marker)
    assert src != " ".join(marker.split())
    for prefix in ("", "- "):
        tokens = MD.parse(prefix + src)
        assert "ordered_list_open" not in {t.type for t in all_tokens(tokens)}, prefix + src
        inline = next(t for t in tokens if t.type == "inline")
        assert [c.type for c in inline.children] == ["text"] and inline.children[0].content == " ".join(marker.split())


def test_md_inline_urls_are_not_links():
    """Neither CommonMark nor GFM autolinks form from URLs or www. text."""
    src = md_inline("see https://evil.example and www.evil.example <https://x.y> a@b.co")
    assert "https://" not in src and "www." not in src and "a@b" not in src
    html = MD.render(src)
    assert "<a" not in html
    assert "see https://evil.example and www.evil.example" in html


def test_md_inline_no_link_with_linkify():
    """With the GFM-like linkify extension (if installed) no link forms either."""
    pytest.importorskip("linkify_it")
    md = MarkdownIt("gfm-like")
    html = md.render(md_inline("see https://evil.example and www.evil.example"))
    assert "<a" not in html


@settings(max_examples=300)
@given(nasty_text)
def test_md_inline_renders_as_one_plain_paragraph(s):
    """For any text, md_inline() parses to one paragraph holding exactly one text token."""
    src = md_inline(s)
    assert "\n" not in src
    tokens = MD.parse(src)
    if not shown(s).strip():
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children
    assert [c.type for c in children] == ["text"]
    assert children[0].content == shown(s)


@settings(max_examples=300)
@given(nasty_text)
def test_md_cell_keeps_table_shape(s):
    """For any text in a table cell, the table keeps two columns and the cell is plain text."""
    src = f"| a | b |\n| --- | --- |\n| a | {md_cell(s)} |\n"
    tokens = MD.parse(src)
    types = [t.type for t in all_tokens(tokens)]
    assert not BAD_TYPES & set(types)
    assert types.count("table_open") == 1
    assert types.count("tr_open") == 2
    assert types.count("th_open") == 2 and types.count("td_open") == 2
    inlines = [t for t in tokens if t.type == "inline"]
    cell = inlines[-1]
    expected = shown(s)
    assert [c.type for c in cell.children] == (["text"] if expected else [])
    if expected:
        assert cell.children[0].content == expected


@settings(max_examples=300)
@given(nasty_text, nasty_text)
@example("+0", "-1")
@example("1. one", "= x")
def test_in_cell_is_plain_text_in_either_column_and_drops_only_the_start_escape(s, t):
    """A cell without the line-start backslash still renders as exactly the text, in the first column and the last."""
    src = f"| a | b |\n| --- | --- |\n| {in_cell(md_cell(s)) or ' '} | {in_cell(md_cell(t)) or ' '} |\n"
    tokens = MD.parse(src)
    types = [t.type for t in all_tokens(tokens)]
    assert not BAD_TYPES & set(types)
    assert types.count("tr_open") == 2 and types.count("td_open") == 2
    cells = [tok for tok in tokens if tok.type == "inline"][-2:]
    for cell, text in zip(cells, (s, t)):
        expected = shown(text).strip()
        assert [c.type for c in cell.children] == (["text"] if expected else [])
        assert "".join(c.content for c in cell.children) == expected
    for text in (s, t):  # only a start escape is taken back
        assert in_cell(md_cell(text)) in (md_cell(text), md_cell(text)[1:], md_cell(text).replace("\\", "", 1))


def test_in_cell_reads_as_written():
    assert in_cell(md_cell("+0")) == "+0" and in_cell(md_cell("1. one")) == "1. one"
    assert in_cell(md_cell("\\-x")) == md_cell("\\-x")  # a backslash of the text's own stays escaped
