"""The CSV export's quicker paths write what the plain ones wrote: a cell of plain ASCII is taken as it is (no
escape can apply), and what many people share (titles, gaps, steps, lists) is drawn once and reused."""

from __future__ import annotations

from hypothesis import given, strategies as st

from pmladder.render.team import by_identity, by_value, cell, cell_long as plain_cell


TRICKY = st.sampled_from(["", " ", "=", "+1", " -2", "@x", "\t=", "\r", "\x1b[31m", "\x7f", "\u202e", "\u2028", "é", "交付",
                          "\ud800", " \t", "a\nb", "'"])


@given(st.lists(st.one_of(TRICKY, st.characters(min_codepoint=0, max_codepoint=0x2100)), max_size=8).map("".join))
def test_a_text_cell_is_what_the_long_way_writes(text):
    assert cell(text) == plain_cell(text)


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=6)))
def test_any_value_is_what_the_long_way_writes(value):
    assert cell(value) == plain_cell(value)


def test_a_str_subclass_is_written_as_str_writes_it():
    from enum import Enum

    class Kind(str, Enum):
        SKILL = "skill"

    assert cell(Kind.SKILL) == plain_cell(Kind.SKILL) == str(Kind.SKILL)


def test_remembered_by_the_object_or_by_value_and_type():
    calls = []
    draw = by_identity(lambda x: calls.append(x) or repr(x))
    a, b = (1, 2), (1, 2.0)
    assert [draw(a), draw(a), draw(b)] == ["(1, 2)", "(1, 2)", "(1, 2.0)"]
    assert len(calls) == 2  # the same object once; an equal one of its own
    by = by_value(repr)
    assert [by(1), by(1.0), by(True)] == ["1", "1.0", "True"]  # equal to Python, not alike in a report
