"""The public surface: ``reportedly.__all__`` against the package and the README.

The httpx habit: every public name is listed in ``__all__``, exists, and is
documented; the version is stated once in pyproject.toml and matches the
package; the README's quick start stays the two commands that set everything up.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportedly

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PYPROJECT = ROOT / "pyproject.toml"

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"`([^`\n]+)`")


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _code_text(markdown: str) -> str:
    """The README's code: fenced blocks and inline code spans, where API names belong."""
    blocks = FENCE.findall(markdown)
    prose = FENCE.sub("", markdown)
    return "\n".join(blocks + INLINE.findall(prose))


def test_all_has_no_duplicates() -> None:
    assert len(reportedly.__all__) == len(set(reportedly.__all__))


@pytest.mark.parametrize("name", reportedly.__all__)
def test_public_name_exists(name: str) -> None:
    assert hasattr(reportedly, name), f"reportedly.__all__ lists {name!r}, which is not defined"


@pytest.mark.parametrize("name", reportedly.__all__)
def test_public_name_documented_in_readme(name: str) -> None:
    # A whole identifier inside code, so "Report" is not satisfied by "Reporting" or prose.
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])")
    assert pattern.search(_code_text(_readme())), (
        f"reportedly.{name} is public (in __all__) but README.md never mentions it as code"
    )


def test_version_matches_pyproject() -> None:
    with PYPROJECT.open("rb") as fh:
        declared = tomllib.load(fh)["project"]["version"]
    assert reportedly.__version__ == declared


def test_readme_quick_start_is_make_demo_and_make_test() -> None:
    text = _readme()
    heading = re.search(r"^#+\s*Quick start\s*$", text, re.MULTILINE | re.IGNORECASE)
    assert heading, "README.md needs a 'Quick start' section"
    section = text[heading.end():]
    next_heading = re.search(r"^#+\s", section, re.MULTILINE)
    section = section[: next_heading.start()] if next_heading else section
    blocks = FENCE.findall(section)
    assert len(blocks) == 1, "the quick start has exactly one code block"
    lines = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    assert lines == ["make demo", "make test"]
