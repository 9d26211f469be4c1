"""What counts as a Chinese (wide) character is one rule (text.wrap.WIDE), and every place that asks agrees.

Before, three copies disagreed at the edges: the full stop `sentence` adds took CJK radicals
(U+2E80-2FFF) for Latin text and Yijing hexagram symbols (U+4DC0-4DFF, narrow) for Chinese, and
the table layout kept compatibility ideographs (U+F900-FAFF) together as one unbreakable word.
"""

from __future__ import annotations

import pytest

from pmladder import words as w
from pmladder.text.layout import longest_word
from pmladder.text.wrap import has_wide, words

TERMINAL = set(".!?。！？")


def bmp():
    for code in range(0x21, 0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF or ch.isspace() or ch in TERMINAL:
            continue
        yield ch


def test_every_character_is_wide_or_not_the_same_way_everywhere():
    w.use(None)
    wrong = []
    for ch in bmp():
        wide = has_wide(ch)
        full_stop = w.sentence("x" + ch)[-1]
        breaks_anywhere = longest_word(ch) == 0
        if full_stop != ("。" if wide else ".") or breaks_anywhere != wide:
            wrong.append(f"U+{ord(ch):04X} wide={wide} stop={full_stop} breaks={breaks_anywhere}")
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("ch", ["\u2f00", "\u2e80", "\uf900", "\u4e00"],
                         ids=["kangxi-radical", "cjk-radical", "compatibility-ideograph", "han"])
def test_chinese_text_ends_in_a_chinese_full_stop_and_breaks_between_characters(ch):
    w.use(None)
    assert w.sentence("PMO " + ch * 2) == "PMO " + ch * 2 + "。"
    assert longest_word("PMP" + ch * 3) == 3
    assert [piece for _start, _end, piece in words(ch * 3)] == [ch] * 3


def test_a_narrow_symbol_inside_the_han_blocks_is_not_chinese():
    w.use(None)
    hexagram = "\u4dc0"  # Yijing hexagram symbols: neutral width, no Chinese text
    assert not has_wide(hexagram)
    assert w.sentence("sign " + hexagram) == "sign " + hexagram + "."
    assert longest_word(hexagram * 4) == 4
