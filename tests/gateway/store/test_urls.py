"""Airflow's database URLs, as written in ``[database] sql_alchemy_conn``, map to the async drivers."""

from __future__ import annotations

import pytest

from airgate.gateway.store.urls import to_async_url


@pytest.mark.parametrize(
    ("airflow_url", "expected"),
    [
        ("sqlite:////opt/airflow/airflow.db", "sqlite+aiosqlite:////opt/airflow/airflow.db"),
        ("sqlite:///relative/airflow.db", "sqlite+aiosqlite:///relative/airflow.db"),
        ("sqlite://", "sqlite+aiosqlite://"),
        ("sqlite+aiosqlite:////x.db", "sqlite+aiosqlite:////x.db"),
        ("postgresql://u:p@db:5432/airflow", "postgresql+asyncpg://u:p@db:5432/airflow"),
        ("postgres://u:p@db/airflow", "postgresql+asyncpg://u:p@db/airflow"),
        ("postgresql+psycopg2://u:p@db/airflow", "postgresql+asyncpg://u:p@db/airflow"),
        ("postgresql+psycopg://u@db/airflow", "postgresql+asyncpg://u@db/airflow"),
        ("postgresql+asyncpg://u@db/airflow", "postgresql+asyncpg://u@db/airflow"),
        ("postgresql://u:p%40ss@db/airflow", "postgresql+asyncpg://u:p%40ss@db/airflow"),
        ("postgresql://u@db/airflow?sslmode=require", "postgresql+asyncpg://u@db/airflow?ssl=require"),
        (
            "postgresql://u@db/airflow?sslmode=verify-full&application_name=x",
            "postgresql+asyncpg://u@db/airflow?ssl=verify-full",
        ),
        ("postgresql://u@db/airflow?connect_timeout=10", "postgresql+asyncpg://u@db/airflow"),
    ],
)
def test_maps_airflow_urls_to_async_drivers(airflow_url: str, expected: str) -> None:
    assert to_async_url(airflow_url) == expected


@pytest.mark.parametrize(
    "airflow_url",
    ["mysql://u:secret@db/airflow", "mysql+mysqldb://u@db/airflow", "mssql+pyodbc://u@db/airflow"],
)
def test_unsupported_databases_are_refused_naming_the_setting(airflow_url: str) -> None:
    with pytest.raises(ValueError, match=r"\[database\] sql_alchemy_conn") as raised:
        to_async_url(airflow_url)
    assert "secret" not in str(raised.value)
    assert "postgresql://" in str(raised.value)


@pytest.mark.parametrize("airflow_url", ["", "   ", "not a url", "postgresql://u@db/x?sslmode=sometimes"])
def test_malformed_urls_are_refused_naming_the_setting(airflow_url: str) -> None:
    with pytest.raises(ValueError, match=r"\[database\] sql_alchemy_conn"):
        to_async_url(airflow_url)
