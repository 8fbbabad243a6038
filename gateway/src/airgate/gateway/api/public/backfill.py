"""Backfill tag: list, read, create (and dry-run), pause, unpause and cancel backfills."""

from __future__ import annotations

from airgate.gateway._generated.public import BackfillPostBody
from airgate.gateway.api.routing import Access, Call, operation
from airgate.gateway.auth import Method, Resource
from airgate.gateway.services import backfills
from airgate.gateway.services.bulk import given
from airgate.gateway.services.listing import page

_READ = Access(Resource.BACKFILL, Method.GET)
_CREATE = Access(Resource.BACKFILL, Method.POST)
_EDIT = Access(Resource.BACKFILL, Method.PUT)


@operation("list_backfills", access=_READ)
async def list_backfills(call: Call) -> object:
    """Backfills of one DAG."""
    limit, offset = page(call.params, call.request.query_params, call.state.settings)
    async with call.state.store.read() as conn:
        return await backfills.list_backfills(conn, dag_id=call.params["dag_id"], active=None,
                                              order_by=call.params.get("order_by"), limit=limit, offset=offset)


@operation("get_backfill", access=_READ)
async def get_backfill(call: Call) -> object:
    async with call.state.store.read() as conn:
        return await backfills.get_backfill(conn, call.params["backfill_id"])


@operation("create_backfill", access=_CREATE, body=BackfillPostBody, audit=True)
async def create_backfill(call: Call) -> object:
    """Create a backfill and queue its runs (the scheduler starts them)."""
    user = call.user.username if call.user is not None else None
    async with call.state.store.write() as conn:
        return await backfills.create(conn, given(call.body), user)


@operation("create_backfill_dry_run", access=_CREATE, body=BackfillPostBody)
async def create_backfill_dry_run(call: Call) -> object:
    """The logical dates a backfill would run, nothing created."""
    async with call.state.store.read() as conn:
        return await backfills.dry_run(conn, given(call.body))


@operation("pause_backfill", access=_EDIT, audit=True)
async def pause_backfill(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await backfills.pause(conn, call.params["backfill_id"])


@operation("unpause_backfill", access=_EDIT, audit=True)
async def unpause_backfill(call: Call) -> object:
    async with call.state.store.write() as conn:
        return await backfills.unpause(conn, call.params["backfill_id"])


@operation("cancel_backfill", access=_EDIT, audit=True)
async def cancel_backfill(call: Call) -> object:
    """Pause the backfill, fail its runs that have not started and mark it completed."""
    async with call.state.store.write() as conn:
        return await backfills.cancel(conn, call.params["backfill_id"])

