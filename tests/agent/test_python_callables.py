"""What a Python callable receives from the context: the entries its signature names (all of them when it
takes ``**kwargs``), as Airflow's ``determine_kwargs`` gives them."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from airgate.agent.python import call_with_context

CONTEXT = {"ti": "the ti", "ds": "2026-03-04", "params": {"n": 1}}


def test_named_context_entries_are_passed_by_keyword() -> None:
    def positional(x: Any, ti: Any, ds: Any = None) -> Any:
        return x, ti, ds

    def positional_only(x: Any, /, params: Any) -> Any:
        return x, params

    def keyword_only(*rest: Any, ti: Any, ds: Any = "default") -> Any:
        return rest, ti, ds

    def given_by_caller(x: Any, ti: Any) -> Any:
        return x, ti

    assert call_with_context(positional, [1], {}, CONTEXT) == (1, "the ti", "2026-03-04")
    assert call_with_context(positional_only, [1], {}, CONTEXT) == (1, {"n": 1})
    assert call_with_context(keyword_only, [1, 2], {}, CONTEXT) == ((1, 2), "the ti", "2026-03-04")
    assert call_with_context(given_by_caller, [1, "mine"], {}, CONTEXT) == (1, "mine")
    assert call_with_context(given_by_caller, [1], {"ti": "kw"}, CONTEXT) == (1, "kw")
    assert call_with_context(lambda ti: ti, [], {}, CONTEXT) == "the ti"


def test_a_callable_taking_kwargs_gets_the_whole_context() -> None:
    def everything(x: Any, **kwargs: Any) -> Any:
        return x, sorted(kwargs)

    assert call_with_context(everything, [1], {"extra": 2}, CONTEXT) == (1, ["ds", "extra", "params", "ti"])


def test_a_wrapped_function_partial_or_builtin_is_read_through_its_signature() -> None:
    def inner(x: Any, ds: Any) -> Any:
        return x, ds

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return inner(*args, **kwargs)

    assert call_with_context(wrapper, [1], {}, CONTEXT) == (1, "2026-03-04")
    assert call_with_context(functools.partial(inner, 1), [], {}, CONTEXT) == (1, "2026-03-04")
    assert call_with_context(len, [[1, 2]], {}, CONTEXT) == 2


def test_a_positional_only_parameter_named_like_a_context_entry_is_refused_by_python() -> None:
    def only(ti: Any, /) -> Any:
        return ti

    with pytest.raises(TypeError, match="positional-only arguments passed as keyword arguments"):
        call_with_context(only, [], {}, CONTEXT)
