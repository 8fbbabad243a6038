"""A TaskFlow DAG with a mapped task for the registry tests."""
from __future__ import annotations

import pendulum

from airflow.sdk import dag, task


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), tags=["registry"], params={"who": "me"})
def reg_taskflow() -> None:
    @task
    def add_one(x: int) -> int:
        return x + 1

    @task
    def total(values: list[int]) -> int:
        return sum(values)

    total(add_one.expand(x=[1, 2, 3]))


reg_taskflow()
