"""Teams (``list_teams``).

Airflow refuses the list unless ``[core] multi_team`` is on. Airgate has no ``airflow teams create``: its teams
are the ones named in ``[core] simple_auth_manager_users`` (``name:role:team1|team2``). An admin sees every
team, anyone else only their own (the simple auth manager's rule). Ordered by ``name`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airgate.gateway.auth import Role, User
from airgate.gateway.auth.users import parse_users
from airgate.gateway.config import Settings
from airgate.gateway.errors import HTTPError
from airgate.gateway.services.listing import MAX_SORT_PARAMS

NOT_CONFIGURED = "Multi-team mode is not configured in the Airflow environment"


def _order(order_by: Sequence[str] | None) -> bool:
    """Whether the order is descending (``name`` and the primary key are the only keys)."""
    values = list(order_by) if order_by else ["name"]
    if len(values) > MAX_SORT_PARAMS:
        raise HTTPError(400, f"Ordering with more than {MAX_SORT_PARAMS} parameters is not allowed. Provided: {values}")
    for value in values:
        name = value.lstrip("-")
        if name != "name":
            raise HTTPError(400, f"Ordering with '{name}' is disallowed or the attribute does not exist on the model")
    return values[0].startswith("-")


def list_teams(settings: Settings, user: User | None, order_by: Sequence[str] | None, *, limit: int,
               offset: int) -> dict[str, Any]:
    """``list_teams``: 403 without multi-team mode."""
    if not settings.multi_team:
        raise HTTPError(403, NOT_CONFIGURED)
    descending = _order(order_by)
    names = {team for u in parse_users(settings.simple_auth_manager_users) for team in u.teams}
    admin = user is None or user.role is Role.ADMIN or settings.simple_auth_manager_all_admins
    if not admin:
        names &= set(user.teams if user is not None else ())
    ordered = sorted(names, reverse=descending)
    return {"teams": [{"name": n} for n in ordered[offset:offset + limit]], "total_entries": len(ordered)}
