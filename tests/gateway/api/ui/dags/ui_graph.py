"""DAGs for the private UI API tests: groups, setup/teardown, mapping, labels, assets and cross-DAG links."""
from __future__ import annotations

import pendulum

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.providers.standard.sensors.external_task import ExternalTaskSensor
from airflow.sdk import DAG, Asset, Label, TaskGroup, task, task_group

START = pendulum.datetime(2024, 1, 1, tz="UTC")
ORDERS = Asset("ui_orders", uri="ui://orders")

with DAG("ui_graph", schedule=None, start_date=START, tags=["ui"], description="graph test DAG"):
    start = EmptyOperator(task_id="start")
    with TaskGroup("grp", tooltip="a group") as grp:
        one = BashOperator(task_id="one", bash_command="echo 1")
        two = BashOperator(task_id="two", bash_command="echo 2", task_display_name="Two")
        one >> two
    create = BashOperator(task_id="create", bash_command="echo c").as_setup()
    work = EmptyOperator(task_id="work")
    delete = BashOperator(task_id="delete", bash_command="echo d").as_teardown(setups=create)

    @task(outlets=[ORDERS])
    def publish(x: int) -> int:
        return x

    notify = TriggerDagRunOperator(task_id="notify", trigger_dag_id="ui_consumer")
    start >> grp >> Label("then") >> create >> work >> delete
    work >> publish.expand(x=[1, 2]) >> notify


with DAG("ui_consumer", schedule=[ORDERS], start_date=START, tags=["ui"]):
    ExternalTaskSensor(task_id="wait", external_dag_id="ui_graph", external_task_id="work") >> EmptyOperator(
        task_id="consume")


with DAG("ui_nested", schedule=None, start_date=START, tags=["ui"]):
    with TaskGroup("outer") as outer:
        first = EmptyOperator(task_id="a")
        with TaskGroup("inner") as inner:
            EmptyOperator(task_id="b")
        first >> inner
    with TaskGroup("after") as after:
        EmptyOperator(task_id="c")
    outer >> after

    @task_group
    def fan(x: int) -> None:
        @task
        def square(v: int) -> int:
            return v * v

        square(x)

    fan.expand(x=[1, 2])
