"""Asset tag: assets, aliases, asset events (list and create), materialisation and queued events."""

from __future__ import annotations

from datetime import UTC, datetime

from airgate.gateway._generated.public import CreateAssetEventsBody, MaterializeAssetBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.api.validation.scalars import Invalid, to_datetime
from airgate.gateway.auth import Method, Resource
from airgate.gateway.errors import HTTPError, unique_violation
from airgate.gateway.services.assets import catalog, events, materialize, queued
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page
from airgate.gateway.store import UniqueViolation

_READ = Access(Resource.ASSET, Method.GET)
_ALIAS_READ = Access(Resource.ASSET_ALIAS, Method.GET)
_CREATE = Access(Resource.ASSET, Method.POST)
_DELETE = Access(Resource.ASSET, Method.DELETE)


def _before(call: Call) -> datetime | None:
    """The ``before`` query parameter (Airflow parses it itself: 400 with its own message)."""
    raw = call.params.get("before")
    if raw is None:
        return None
    try:
        value = to_datetime(raw)
    except Invalid:
        raise HTTPError(400, f"Invalid datetime: {raw!r}. Please check the date parameter have this value.") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@operation("get_assets", access=_READ)
async def get_assets(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await catalog.list_assets(conn, call.params, limit=limit, offset=offset)


@operation("get_asset_aliases", access=_ALIAS_READ)
async def get_asset_aliases(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await catalog.list_aliases(conn, call.params, limit=limit, offset=offset)


@operation("get_asset_alias", access=_ALIAS_READ)
async def get_asset_alias(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await catalog.get_alias(conn, call.params["asset_alias_id"])


@operation("get_asset", access=_READ)
async def get_asset(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await catalog.get_asset(conn, call.params["asset_id"])


@operation("get_asset_events", access=_READ)
async def get_asset_events(call: Call) -> object:
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await events.list_events(conn, call.params, limit=limit, offset=offset)


@operation("create_asset_event", access=_CREATE, body=CreateAssetEventsBody, audit=True)
async def create_asset_event(call: Call) -> object:
    fields = given(call.body)
    extra = fields.get("extra")
    if extra is not None:
        extra = {**extra, "from_rest_api": True}  # as Airflow marks an event given an ``extra``
    async with call.state.store.write() as conn:
        return await events.create_event(conn, fields["asset_id"], extra, fields.get("partition_key"))


@operation("materialize_asset", access=_CREATE, body=MaterializeAssetBody, audit=True)
async def materialize_asset(call: Call) -> object:
    fields = given(call.body) if call.body is not None else {}
    user = call.user.username if call.user is not None else None
    try:
        async with call.state.store.write() as conn:
            return await materialize.materialize(conn, call.params["asset_id"], fields, user)
    except UniqueViolation:
        raise unique_violation() from None


@operation("get_asset_queued_events", access=_READ)
async def get_asset_queued_events(call: Call) -> object:
    before = _before(call)
    async with call.state.store.read() as conn:
        return await queued.list_queued(conn, asset_id=call.params["asset_id"], before=before)


@operation("delete_asset_queued_events", access=_DELETE, audit=True)
async def delete_asset_queued_events(call: Call) -> object:
    before = _before(call)
    async with call.state.store.write() as conn:
        await queued.delete_queued(conn, asset_id=call.params["asset_id"], before=before)
    return None


@operation("get_dag_asset_queued_events", access=_READ)
async def get_dag_asset_queued_events(call: Call) -> object:
    before = _before(call)
    async with call.state.store.read() as conn:
        return await queued.list_queued(conn, dag_id=call.params["dag_id"], before=before)


@operation("delete_dag_asset_queued_events", access=_DELETE, audit=True)
async def delete_dag_asset_queued_events(call: Call) -> object:
    before = _before(call)
    async with call.state.store.write() as conn:
        await queued.delete_queued(conn, dag_id=call.params["dag_id"], before=before)
    return None


@operation("get_dag_asset_queued_event", access=_READ)
async def get_dag_asset_queued_event(call: Call) -> object:
    before = _before(call)
    async with call.state.store.read() as conn:
        return await queued.get_queued(conn, call.params["dag_id"], call.params["asset_id"], before)


@operation("delete_dag_asset_queued_event", access=_DELETE, audit=True)
async def delete_dag_asset_queued_event(call: Call) -> object:
    before = _before(call)
    async with call.state.store.write() as conn:
        await queued.delete_queued(conn, dag_id=call.params["dag_id"], asset_id=call.params["asset_id"],
                                   before=before)
    return None
