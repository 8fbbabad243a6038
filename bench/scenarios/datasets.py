"""Data several scenarios share, loaded once per run on every side through the same API calls."""

from __future__ import annotations

from bench import dags, data
from bench.client import HttpError
from bench.scenarios.base import Context, NotImplementedYet
from bench.sides import Side


def require(ctx: Context, path: str) -> None:
    """Raise :class:`NotImplementedYet` when Airgate answers 404 to ``GET path``."""
    status = ctx.airgate().api.status_of(path)
    if status == 404:
        raise NotImplementedYet(f"Airgate answers 404 to GET {path.split('?')[0]}")
    if status >= 500:
        raise HttpError(f"Airgate answers {status} to GET {path}")


def rows(ctx: Context, kind: str) -> None:
    """``ctx.sizes.rows`` variables, pools or connections on every side."""

    def build() -> dict[str, str]:
        path = data.KINDS[kind][0]
        require(ctx, path)
        methods = {}
        for side in ctx.sides:
            methods[side.name.value] = data.load_rows(side.api, kind, ctx.sizes.rows)
        ctx.notes[f"load {kind}"] = f"{ctx.sizes.rows} rows via " + ", ".join(
            f"{name}: {how}" for name, how in methods.items())
        return methods

    ctx.once(f"rows:{kind}", build)


def dag_total(ctx: Context) -> int:
    """How many DAG files both sides were given (the wide DAG included)."""
    return dags.total(ctx.sizes.simple_dags)


def parsed_dags(ctx: Context) -> None:
    """Every side has registered every generated DAG (polls ``GET /api/v2/dags``)."""

    def build() -> dict[str, float]:
        require(ctx, "/api/v2/dags?limit=1")
        waited = {}
        for side in ctx.sides:
            seconds = data.wait_for_dags(side.api, dag_total(ctx), ctx.timeout)
            if seconds is None:
                raise NotImplementedYet(f"{side.name} answers 404 to GET /api/v2/dags")
            waited[side.name.value] = seconds
        ctx.notes["dags parsed"] = f"{dag_total(ctx)} DAGs registered on every side"
        return waited

    ctx.once("dags", build)


def triggered_runs(ctx: Context) -> None:
    """``ti_runs`` runs of the (paused) wide DAG on every side: ``ti_runs * (ti_tasks + 1)`` task instances."""

    def build() -> None:
        parsed_dags(ctx)
        require(ctx, f"/api/v2/dags/{dags.TI_DAG_ID}/dagRuns?limit=1")
        for side in ctx.sides:
            data.trigger_runs(side.api, dags.TI_DAG_ID, ctx.sizes.ti_runs)
        tis = ctx.sizes.ti_runs * (ctx.sizes.ti_tasks + 1)
        listed = ", ".join(f"{side.name}: {task_instance_count(side)}" for side in ctx.sides)
        ctx.notes["dag runs"] = (f"{ctx.sizes.ti_runs} runs of {dags.TI_DAG_ID} ({tis} tasks in all), paused DAG; "
                                 f"task instances the API lists after the triggers: {listed}")

    ctx.once("runs", build)


def task_instance_count(side: Side) -> int:
    """``total_entries`` of ``GET /api/v2/dags/~/dagRuns/~/taskInstances`` on ``side``."""
    body = side.api.expect("GET", "/api/v2/dags/~/dagRuns/~/taskInstances?limit=1")
    return int(body["total_entries"])
