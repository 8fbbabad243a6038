"""Asset rows of registered DAGs: assets, aliases, activity and every reference table, kept in step on
re-parse and when a DAG goes stale (SQLite and PostgreSQL, real DAG files compiled by the shim)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from airgate.gateway.registry import Bundle, DagProcessor
from airgate.gateway.store import Store
from airgate.gateway.store.tables import (
    asset,
    asset_active,
    asset_alias,
    dag_schedule_asset_alias_reference,
    dag_schedule_asset_name_reference,
    dag_schedule_asset_reference,
    dag_schedule_asset_uri_reference,
    task_inlet_asset_reference,
    task_outlet_asset_reference,
)
from airgate.shim import ParserPool

PRODUCER = '''
from airflow.sdk import DAG, Asset, AssetAlias
from airflow.providers.standard.operators.bash import BashOperator

with DAG("ar_producer", schedule=None):
    BashOperator(task_id="make", bash_command="true",
                 outlets=[Asset("s3://b/one", extra={"k": 1}), AssetAlias("ar_alias_out")],
                 inlets=[Asset(name="two", uri="file:///two", group="grp")])
'''

CONSUMER = '''
from airflow.sdk import DAG, Asset, AssetAlias
from airflow.providers.standard.operators.bash import BashOperator

with DAG("ar_consumer",
         schedule=(Asset("s3://b/one", extra={"k": 1}) & Asset(name="two", uri="file:///two", group="grp"))
         | AssetAlias("ar_alias_in") | Asset.ref(name="by_name") | Asset.ref(uri="x://by-uri")):
    BashOperator(task_id="use", bash_command="true")
'''


async def _rows(store: Store, table: sa.Table, *columns: str) -> list[tuple[Any, ...]]:
    async with store.read() as conn:
        query = sa.select(*(table.c[c] for c in columns)).order_by(*(table.c[c] for c in columns))
        return [tuple(r) for r in (await conn.execute(query)).all()]


async def _assets(store: Store) -> dict[str, dict[str, Any]]:
    async with store.read() as conn:
        rows = (await conn.execute(sa.select(asset))).mappings().all()
        active = set((await conn.execute(sa.select(asset_active.c.name))).scalars())
    return {r["name"]: {"id": r["id"], "uri": r["uri"], "group": r["group"], "extra": r["extra"],
                        "active": r["name"] in active} for r in rows}


@pytest.fixture
async def bundle(tmp_path: Path, store: Store, parser_pool: ParserPool) -> Any:
    folder = tmp_path / "asset_dags"
    folder.mkdir()
    (folder / "producer.py").write_text(PRODUCER)
    (folder / "consumer.py").write_text(CONSUMER)
    proc = DagProcessor(store, [Bundle("dags-folder", str(folder))], pool=parser_pool)
    yield folder, proc
    proc.close()


async def test_first_parse_writes_assets_aliases_and_references(store: Store, bundle: Any) -> None:
    _, proc = bundle
    await proc.scan()
    assets = await _assets(store)
    one, two = assets["s3://b/one"]["id"], assets["two"]["id"]
    assert assets == {
        "s3://b/one": {"id": one, "uri": "s3://b/one", "group": "asset", "extra": {"k": 1}, "active": True},
        "two": {"id": two, "uri": "file:///two", "group": "grp", "extra": {}, "active": True},
    }
    assert await _rows(store, asset_alias, "name", "group") == [("ar_alias_in", "asset"), ("ar_alias_out", "asset")]
    assert await _rows(store, dag_schedule_asset_reference, "dag_id", "asset_id") == sorted(
        [("ar_consumer", one), ("ar_consumer", two)])
    aliases = dict(await _rows(store, asset_alias, "name", "id"))
    assert await _rows(store, dag_schedule_asset_alias_reference, "dag_id", "alias_id") == [
        ("ar_consumer", aliases["ar_alias_in"])]
    assert await _rows(store, dag_schedule_asset_name_reference, "dag_id", "name") == [("ar_consumer", "by_name")]
    assert await _rows(store, dag_schedule_asset_uri_reference, "dag_id", "uri") == [("ar_consumer", "x://by-uri")]
    assert await _rows(store, task_outlet_asset_reference, "dag_id", "task_id", "asset_id") == [
        ("ar_producer", "make", one)]
    assert await _rows(store, task_inlet_asset_reference, "dag_id", "task_id", "asset_id") == [
        ("ar_producer", "make", two)]


async def test_reparse_updates_definitions_and_references(store: Store, bundle: Any) -> None:
    folder, proc = bundle
    await proc.scan()
    first = dict(await _rows(store, task_outlet_asset_reference, "task_id", "created_at"))
    # the producer now emits a third asset instead of the first; the asset definition's extra changes
    (folder / "producer.py").write_text(PRODUCER.replace('Asset("s3://b/one", extra={"k": 1})',
                                                         'Asset("s3://b/three"), Asset("s3://b/one", extra={"k": 2})'))
    await proc.scan()
    assets = await _assets(store)
    assert assets["s3://b/one"]["extra"] == {"k": 2}
    outlets = await _rows(store, task_outlet_asset_reference, "task_id", "asset_id", "created_at")
    assert sorted((t, a) for t, a, _ in outlets) == sorted(
        [("make", assets["s3://b/one"]["id"]), ("make", assets["s3://b/three"]["id"])])
    kept = [c for _, a, c in outlets if a == assets["s3://b/one"]["id"]]
    assert kept == [first["make"]]  # the reference that stays keeps its creation time
    (folder / "producer.py").write_text(PRODUCER.replace(', Asset("s3://b/one", extra={"k": 1})', "")
                                        .replace('outlets=[Asset("s3://b/one", extra={"k": 1}), ', 'outlets=['))
    await proc.scan()
    assert await _rows(store, task_outlet_asset_reference, "task_id") == []
    assets = await _assets(store)
    # three is referenced by nothing any more: inactive; one is still scheduled on by the consumer
    assert (assets["s3://b/three"]["active"], assets["s3://b/one"]["active"]) == (False, True)


async def test_stale_dag_drops_schedule_and_outlet_references(store: Store, bundle: Any) -> None:
    folder, proc = bundle
    await proc.scan()
    (folder / "consumer.py").unlink()
    await proc.scan()
    for table in (dag_schedule_asset_reference, dag_schedule_asset_alias_reference,
                  dag_schedule_asset_name_reference, dag_schedule_asset_uri_reference):
        assert await _rows(store, table, "dag_id") == []
    assert [a["active"] for a in (await _assets(store)).values()] == [True, True]  # the producer still refers
    (folder / "producer.py").write_text("from airflow.sdk import DAG\nraise ValueError('broken')\n")
    await proc.scan()
    assert await _rows(store, task_outlet_asset_reference, "dag_id") == []
    assets = await _assets(store)
    # Airflow keeps a stale DAG's inlet references, so "two" stays active; "one" is referenced by nothing
    assert (assets["s3://b/one"]["active"], assets["two"]["active"]) == (False, True)
    (folder / "producer.py").write_text(PRODUCER)
    await proc.scan()
    assert (await _assets(store))["s3://b/one"]["active"] is True
