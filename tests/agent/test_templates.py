"""Rendering template fields: strings without Jinja syntax come back as Jinja would render them."""

from __future__ import annotations

from typing import Any

import pytest

from airgate.agent.templates import Renderer


def _renderer(dag_doc: dict[str, Any] | None = None, task_doc: dict[str, Any] | None = None) -> Renderer:
    return Renderer(dag_doc or {}, task_doc or {}, "/tmp/dags/some_dag.py", lambda value: value)


@pytest.mark.parametrize("text", ["true", "echo a } b", "", "  spaced  ", "tab\there", "x\ny"])
def test_a_string_without_jinja_syntax_renders_to_itself(text: str) -> None:
    assert _renderer().render(text, {}) == text
    assert _renderer().env.from_string(text).render() == text  # what Jinja itself gives


@pytest.mark.parametrize(("text", "expected"), [("line\n", "line"), ("a\r\nb", "a\nb"), ("{{ 1 + 1 }}", "2")])
def test_newlines_and_syntax_still_go_through_jinja(text: str, expected: str) -> None:
    assert _renderer().render(text, {}) == expected


def test_the_native_environment_still_turns_a_plain_number_into_a_number() -> None:
    assert _renderer({"render_template_as_native_obj": True}).render("12", {}) == 12


def test_custom_delimiters_are_honoured() -> None:
    doc = {"jinja_environment_kwargs": {"variable_start_string": "[[", "variable_end_string": "]]"}}
    assert _renderer(doc).render("echo [[ 2 * 3 ]]", {}) == "echo 6"
