"""Authentication and authorisation compatible with Airflow's simple auth manager."""

from airgate.gateway.auth.permissions import Method, Resource, Role, is_authorized
from airgate.gateway.auth.tokens import ExpiredToken, InvalidToken, TokenIssuer
from airgate.gateway.auth.users import User, UserDirectory

__all__ = [
    "ExpiredToken",
    "InvalidToken",
    "Method",
    "Resource",
    "Role",
    "TokenIssuer",
    "User",
    "UserDirectory",
    "is_authorized",
]
