"""Models and operations of Simple auth manager sub application (0.1.0).

generated from openapi/v2-simple-auth-manager-generated.yaml by openapi/codegen.py, do not edit

Scheme:

* One ``msgspec.Struct`` (``kw_only=True``) per component object schema, named as the schema;
  ``additionalProperties: false`` -> ``forbid_unknown_fields=True``. Names that are not identifiers
  are renamed and keep their wire name through ``msgspec.field(name=...)``.
* Component enums -> ``StrEnum`` (pydantic reports them as ``enum``); inline ``enum``/``const``
  -> ``Literal`` (pydantic reports ``literal_error``). Both encode to their values.
* ``format: date-time`` -> ``datetime``, ``date`` -> ``date``, ``uuid`` -> ``UUID``,
  ``duration`` -> ``timedelta``; ``anyOf [X, null]`` -> ``X | None``; constraints -> ``msgspec.Meta``.
* Request models (used only in request bodies): an optional field with a non-null spec default gets
  that default; any other optional field defaults to ``msgspec.UNSET`` so a handler can tell
  "not sent" from "sent as null" (PATCH semantics).
* Response models (everything else): an optional field defaults to its spec default, else ``None``
  (``[]``/``{}`` for non-nullable arrays/objects) -- so encoding emits every key, as Airflow does.
  Exception: models of routes that exclude unset fields (``EXCLUDE_UNSET`` in the generator, e.g.
  ``TIRunContext``) use ``UNSET`` like request models.
* ``oneOf`` of structs whose ``action`` is a ``const`` -> tagged union (``tag_field="action"``).
  Other unions msgspec cannot represent are typed ``Any``.
* ``additionalProperties: true`` objects keep only their declared fields (extra keys are dropped).
* ``OPERATIONS``: operationId -> method, path, tags, parameters (normalised schemas), request body
  model, success status, response model. ``TITLES``: struct -> pydantic class name where they differ.
"""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

import datetime as _dt
import enum as _enum
import typing as _t
import uuid as _uuid

import msgspec as _m
from msgspec import UNSET, UnsetType

SPEC_FILE = 'v2-simple-auth-manager-generated.yaml'
SPEC_VERSION = '0.1.0'
SERVER_PREFIX = ''


class HTTPExceptionResponse(_m.Struct, kw_only=True):
    'HTTPException Model used for error response.'

    detail: str | dict[str, _t.Any]


class HTTPValidationError(_m.Struct, kw_only=True):
    'HTTPValidationError'

    detail: list[ValidationError] = _m.field(default_factory=list)


class LoginBody(_m.Struct, kw_only=True, forbid_unknown_fields=True):
    'Login serializer for post bodies.'

    username: str
    password: str


class LoginResponse(_m.Struct, kw_only=True):
    'Login serializer for responses.'

    access_token: str


class ValidationError(_m.Struct, kw_only=True):
    'ValidationError'

    loc: list[str | int]
    msg: str
    type: str
    input: _t.Any = None
    ctx: dict[str, _t.Any] = _m.field(default_factory=dict)


#: struct name -> pydantic class name where they differ (used in error locations)
TITLES: dict[str, str] = {}


#: operationId -> method, path, tags, parameters, body model, success status, response model
OPERATIONS: dict[str, dict[str, _t.Any]] = {
    'create_token': {
        'method': 'POST',
        'path': '/auth/token',
        'tags': ('SimpleAuthManagerLogin',),
        'parameters': [{'name': 'Content-Type', 'in': 'header', 'required': False, 'schema': {'choice_kind': 'literal', 'choices': ['application/json', 'application/x-www-form-urlencoded'], 'default': 'application/json', 'type': 'string'}}],
        'body': LoginBody,
        'body_required': True,
        'body_media_types': ('application/json', 'application/x-www-form-urlencoded'),
        'status': 201,
        'response': LoginResponse,
        'response_media_types': ('application/json',),
    },
    'create_token_all_admins': {
        'method': 'GET',
        'path': '/auth/token',
        'tags': ('SimpleAuthManagerLogin',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 201,
        'response': LoginResponse,
        'response_media_types': ('application/json',),
    },
    'login_all_admins': {
        'method': 'GET',
        'path': '/auth/token/login',
        'tags': ('SimpleAuthManagerLogin',),
        'parameters': [],
        'body': None,
        'body_required': False,
        'body_media_types': (),
        'status': 307,
        'response': _t.Any,
        'response_media_types': ('application/json',),
    },
    'create_token_cli': {
        'method': 'POST',
        'path': '/auth/token/cli',
        'tags': ('SimpleAuthManagerLogin',),
        'parameters': [],
        'body': LoginBody,
        'body_required': True,
        'body_media_types': ('application/json',),
        'status': 201,
        'response': LoginResponse,
        'response_media_types': ('application/json',),
    },
}
