"""Which role may do what, as Airflow's simple auth manager decides it.

Roles are ordered VIEWER < USER < OP < ADMIN; a resource names the lowest role allowed to read it (GET) and the
lowest role allowed to change it. ADMIN may do everything.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Role(IntEnum):
    """Simple auth manager roles, in order."""

    VIEWER = 0
    USER = 1
    OP = 2
    ADMIN = 3

    @classmethod
    def parse(cls, name: str) -> Role | None:
        return cls.__members__.get(name.upper())


class Method(StrEnum):
    """Resource methods as Airflow's auth managers name them."""

    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    DELETE = "DELETE"


class Resource(StrEnum):
    """Resources an operation touches."""

    DAG = "DAG"
    CONNECTION = "CONNECTION"
    VARIABLE = "VARIABLE"
    POOL = "POOL"
    CONFIGURATION = "CONFIGURATION"
    ASSET = "ASSET"
    ASSET_ALIAS = "ASSET_ALIAS"
    BACKFILL = "BACKFILL"
    VIEW = "VIEW"
    TEAM = "TEAM"


# resource -> (lowest role for GET, lowest role for anything else)
_RULES: dict[Resource, tuple[Role, Role]] = {
    Resource.DAG: (Role.VIEWER, Role.USER),
    Resource.BACKFILL: (Role.VIEWER, Role.USER),
    Resource.CONNECTION: (Role.OP, Role.OP),
    Resource.VARIABLE: (Role.OP, Role.OP),
    Resource.POOL: (Role.VIEWER, Role.OP),
    Resource.CONFIGURATION: (Role.VIEWER, Role.OP),
    Resource.ASSET: (Role.VIEWER, Role.OP),
    Resource.ASSET_ALIAS: (Role.VIEWER, Role.OP),
    Resource.VIEW: (Role.VIEWER, Role.VIEWER),
    Resource.TEAM: (Role.ADMIN, Role.ADMIN),
}


def is_authorized(role: Role | None, resource: Resource, method: Method) -> bool:
    """Whether ``role`` may apply ``method`` to ``resource``."""
    if role is None:
        return False
    if role is Role.ADMIN:
        return True
    read_role, write_role = _RULES[resource]
    return role >= (read_role if method is Method.GET else write_role)
