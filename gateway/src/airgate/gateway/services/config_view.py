"""The configuration as the config API shows it: Airgate's options by section, secrets hidden."""

from __future__ import annotations

from typing import Any

from airgate.gateway.config import OPTIONS, Settings
from airgate.gateway.errors import HTTPError

HIDDEN = "< hidden >"
NOT_EXPOSED = (
    "Your Airflow administrator chose not to expose the configuration, most likely for security reasons."
)
_SENSITIVE = {(o.section, o.key) for o in OPTIONS if o.sensitive}


def is_exposed(settings: Settings) -> bool:
    return settings.expose_config.lower() in ("true", "non-sensitive-only")


def _value(settings: Settings, section: str, key: str) -> str:
    if (section, key) in _SENSITIVE:
        return HIDDEN
    return settings.raw[section][key]


def sections(settings: Settings, only: str | None) -> list[dict[str, Any]]:
    """Every section (or just ``only``) with its options."""
    if only is not None and only not in settings.raw:
        raise HTTPError(404, f"Section {only} not found.")
    names = [only] if only is not None else list(settings.raw)
    return [
        {"name": name, "options": [{"key": k, "value": _value(settings, name, k)} for k in settings.raw[name]]}
        for name in names
    ]


def single(settings: Settings, section: str, option: str) -> list[dict[str, Any]]:
    if option not in settings.raw.get(section, {}):
        raise HTTPError(404, f"Option [{section}/{option}] not found.")
    return [{"name": section, "options": [{"key": option, "value": _value(settings, section, option)}]}]


def as_text(config_sections: list[dict[str, Any]]) -> str:
    """The ``text/plain`` rendering: ``[section]`` then ``key = value`` lines, sections separated by a blank line."""
    return "\n".join(
        f"[{s['name']}]\n" + "\n".join(f"{o['key']} = {o['value']}" for o in s["options"]) + "\n"
        for s in config_sections
    )
