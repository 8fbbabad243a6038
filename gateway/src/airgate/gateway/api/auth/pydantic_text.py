"""The text pydantic prints for a validation error (``str(ValidationError)``), which some Airflow
endpoints return as a string ``detail`` instead of the usual list."""

from __future__ import annotations

from typing import Any

PYDANTIC_DOCS = "https://errors.pydantic.dev/2.13/v/"


def validation_error_text(title: str, errors: list[dict[str, Any]]) -> str:
    """Render errors ({type, loc, msg, input}) as pydantic does."""
    count = len(errors)
    lines = [f"{count} validation error{'s' if count != 1 else ''} for {title}"]
    for error in errors:
        if error["loc"]:
            lines.append(".".join(str(part) for part in error["loc"]))
        value = error["input"]
        lines.append(
            f"  {error['msg']} [type={error['type']}, input_value={value!r}, input_type={type(value).__name__}]"
        )
        lines.append(f"    For further information visit {PYDANTIC_DOCS}{error['type']}")
    return "\n".join(lines)
