"""Reading Markdown as GitHub does, for the tests: the text a reader sees, and tables as rows of cells."""

from __future__ import annotations


def inline_text(token) -> str:
    """What a reader sees of an inline token: text and code, escapes resolved."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def tables(tokens) -> list[list[list[str]]]:
    """Every table as rows of cell texts, header row first."""
    out, row, table = [], None, None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            table = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            row.append(inline_text(tokens[i + 1]) if tokens[i + 1].type == "inline" else "")
        elif tok.type == "tr_close":
            table.append(row)
        elif tok.type == "table_close":
            out.append(table)
    return out
