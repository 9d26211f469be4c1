"""Render a Markdown plan to HTML as GitHub-like viewers do (CommonMark + tables + task lists), to look at it in a browser.

Not a test dependency: needs markdown-it-py and mdit-py-plugins (pip install markdown-it-py mdit-py-plugins).

    pmladder plan --profile examples/profiles/capm-newcomer.yaml -o /tmp/plan.md
    python bench/render_markdown.py /tmp/plan.md /tmp/plan.html
    chromium --headless --screenshot=/tmp/plan.png --window-size=1000,2000 file:///tmp/plan.html
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

STYLE = """
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 940px; margin: 24px auto; color: #1f2328; }
table { border-collapse: collapse; margin: 12px 0; } th, td { border: 1px solid #d0d7de; padding: 4px 10px; vertical-align: top; }
th { background: #f6f8fa; } code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; font-size: 90%; }
pre { background: #f6f8fa; padding: 12px; overflow: auto; } pre code { background: none; padding: 0; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
ul.contains-task-list { list-style: none; padding-left: 20px; } .task-list-item-checkbox { margin-right: 6px; }
"""


def render(text: str, title: str = "plan") -> str:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough").use(tasklists_plugin)
    body = md.render(text)
    return (f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>\n{body}</body></html>\n")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(argv[1]), Path(argv[2])
    target.write_text(render(source.read_text(encoding="utf-8"), source.name), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
