"""Packaging (issue 7, point 11): the wheel carries the data, the licence and the metadata a package index shows.

The wheel is built once for the module with `pip wheel --no-deps` (a few seconds).
"""

from __future__ import annotations

import email.parser
import re
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(not (REPO / "pyproject.toml").is_file() or not (REPO / "ladders").is_dir(),
                                reason="needs the source checkout")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                          capture_output=True, text=True, timeout=180)
    if proc.returncode != 0 and "No module named pip" in proc.stderr:
        pytest.skip("no pip in this environment")
    assert proc.returncode == 0, proc.stderr[-3000:]
    [built] = out.glob("pmladder-*.whl")
    with zipfile.ZipFile(built) as zf:
        yield zf


def metadata(wheel: zipfile.ZipFile):
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.parser.Parser().parsestr(wheel.read(name).decode("utf-8"))


def test_wheel_carries_every_ladder_data_file(wheel):
    """Every ladders/**/*.yaml and *.json is in the wheel under pmladder/_ladders/, byte for byte."""
    shipped = sorted(p for pattern in ("**/*.yaml", "**/*.json") for p in (REPO / "ladders").glob(pattern))
    assert shipped
    names = set(wheel.namelist())
    for path in shipped:
        inside = "pmladder/_ladders/" + path.relative_to(REPO / "ladders").as_posix()
        assert inside in names, inside
        assert wheel.read(inside) == path.read_bytes(), inside
    assert "pmladder/_ladders/examples/profile-alex.yaml" in names


def test_wheel_carries_the_licence_matching_the_metadata(wheel):
    """LICENSE is in the wheel, is the MIT licence of the pmladder developers, and the metadata says MIT."""
    meta = metadata(wheel)
    assert meta["License-Expression"] == "MIT"
    licences = [n for n in wheel.namelist() if re.search(r"\.dist-info/licenses/LICENSE$", n)]
    assert licences, wheel.namelist()
    text = wheel.read(licences[0]).decode("utf-8")
    assert text == (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "pmladder developers" in text
    assert "Permission is hereby granted, free of charge" in text
    # PEP 639: with a licence expression, no legacy "License ::" classifier
    assert not [c for c in meta.get_all("Classifier") if c.startswith("License ::")]


def test_metadata_has_project_urls_and_classifiers(wheel):
    """The index page gets links (home, source, issues, documentation) and the classifiers that describe the tool."""
    meta = metadata(wheel)
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert set(urls) >= {"Homepage", "Source", "Issues", "Documentation"}
    assert all(u.startswith("https://") for u in urls.values())
    classifiers = meta.get_all("Classifier")
    for prefix in ("Development Status ::", "Intended Audience ::", "Operating System :: OS Independent", "Topic ::",
                   "Environment :: Console"):
        assert any(c.startswith(prefix) for c in classifiers), prefix
    minimum = tuple(int(x) for x in re.search(r">=\s*(\d+)\.(\d+)", meta["Requires-Python"]).groups())
    versions = [tuple(int(x) for x in c.rsplit(" ", 1)[1].split(".")) for c in classifiers
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert {(3, 11), (3, 12), (3, 13)} <= set(versions)
    assert min(versions) == minimum, (versions, minimum)
    assert meta["Description-Content-Type"] == "text/markdown"


def test_wheel_installs_the_console_script(wheel):
    """The wheel declares the `pmladder` command."""
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert re.search(r"^pmladder = pmladder\.cli:main$", wheel.read(name).decode("utf-8"), flags=re.M)


def relative_links(text: str) -> list[str]:
    """Markdown link and image targets that only resolve inside the repository."""
    targets = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)
    targets += re.findall(r"^\[[^\]]+\]:\s*(\S+)", text, flags=re.M)
    return sorted({t for t in targets if not re.match(r"^(https?://|mailto:|#)", t)})


def test_relative_link_finder():
    assert relative_links("see [a](ladders/README.md), [b](https://x.org/a) and [c](#usage)\n[d]: docs/x.md") == [
        "docs/x.md", "ladders/README.md"]


def test_readme_renders_on_a_package_index():
    """The README is the index page: every link must be absolute (no `](ladders/...)`, `](examples/...)`)."""
    assert relative_links(README) == []
