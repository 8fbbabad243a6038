"""Auth Links tag of the private UI API: who is signed in, which menus to show, API/CLI tokens."""

from __future__ import annotations

from airgate.gateway._generated.ui import GenerateTokenBody, MenuItem, TokenType
from airgate.gateway.api.routing import Call, operation
from airgate.gateway.api.ui.config import AUTHENTICATED
from airgate.gateway.auth import User


def _user(call: Call) -> User:
    assert call.user is not None  # the operations below require authentication
    return call.user


@operation("get_current_user_info", access=AUTHENTICATED)
async def get_current_user_info(call: Call) -> object:
    user = _user(call)
    return {"id": user.username, "username": user.username}


@operation("get_auth_menus", access=AUTHENTICATED)
async def get_auth_menus(call: Call) -> object:
    # Airflow 3.2.2's simple auth manager authorises every menu item for every user (its
    # filter_authorized_menu_items returns the list unchanged); the pages themselves enforce the roles.
    _user(call)
    return {"authorized_menu_items": [item.value for item in MenuItem], "extra_menu_items": []}


@operation("generate_token", access=AUTHENTICATED, body=GenerateTokenBody, audit=True)
async def generate_token(call: Call) -> object:
    body: GenerateTokenBody = call.body
    cli = body.token_type is TokenType.CLI
    settings = call.state.settings
    expires = settings.jwt_cli_expiration_time if cli else settings.jwt_expiration_time
    token = call.state.tokens.issue(_user(call), cli=cli)
    return {"access_token": token, "token_type": body.token_type.value, "expires_in_seconds": expires}
