"""Tasks exercising templates, exception mapping, sensors and skips of the native agent."""

from __future__ import annotations

import datetime
from typing import Any

import pendulum

from airflow.exceptions import AirflowFailException
from airflow.providers.http.operators.http import HttpOperator
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator, ShortCircuitOperator
from airflow.providers.standard.sensors.date_time import DateTimeSensor
from airflow.providers.standard.sensors.filesystem import FileSensor
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.providers.standard.sensors.time import TimeSensor
from airflow.providers.standard.sensors.time_delta import TimeDeltaSensor
from airflow.sdk import DAG, PokeReturnValue, task

TEMPLATE = (
    "ds={{ ds }} ds_nodash={{ ds_nodash }} ts={{ ts }} ts_nodash={{ ts_nodash }} logical_date={{ logical_date }}"
    " start={{ data_interval_start }} end={{ data_interval_end }} who={{ params.who }} n={{ params.n }}"
    " conf={{ dag_run.conf.get('extra', 'none') }} try={{ ti.try_number }} task={{ task.task_id }}"
    " var={{ var.value.greeting }} json={{ var.json.settings.depth }} host={{ conn.my_http.host }}"
    " add={{ macros.ds_add(ds, 3) }} fmt={{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}"
    " run_id={{ run_id }} prev={{ prev_start_date_success }} filt={{ logical_date | ds_nodash }}"
)


def _fail_hard() -> None:
    raise AirflowFailException("no retry for this one")


def _value_error() -> None:
    raise ValueError("plain failure")


def _with_context(greeting: str, ti: Any = None, ds: str | None = None, **kwargs: Any) -> dict[str, Any]:
    return {"greeting": greeting, "ti": ti.task_id, "ds": ds, "has_dag_run": "dag_run" in kwargs}


def _poke_done() -> PokeReturnValue:
    return PokeReturnValue(is_done=True, xcom_value={"found": 1})


def _never() -> bool:
    return False


with DAG(
    "agent_cases",
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    params={"who": "nobody", "n": 3},
    catchup=False,
):
    render_bash = BashOperator(task_id="render_bash", bash_command=f"echo '{TEMPLATE}'")
    env_cwd = BashOperator(
        task_id="env_cwd",
        bash_command='echo "$GREETING from $(pwd) as $AIRFLOW_CTX_TASK_ID"',
        env={"GREETING": "hi {{ params.who }}"},
        cwd="{{ params.where }}",
        do_xcom_push=False,
    )
    bash_99 = BashOperator(task_id="bash_99", bash_command="exit 99")
    leave_mess = BashOperator(
        task_id="leave_mess",
        bash_command="pwd; mkdir -p kept/inner && touch kept/inner/file && chmod 000 kept/inner kept",
    )
    bash_fail = BashOperator(task_id="bash_fail", bash_command="echo about to fail; exit 3")
    bash_custom_skip = BashOperator(task_id="bash_custom_skip", bash_command="exit 7", skip_on_exit_code=[7])
    fail_hard = PythonOperator(task_id="fail_hard", python_callable=_fail_hard, retries=3)
    value_error = PythonOperator(task_id="value_error", python_callable=_value_error, retries=3)
    with_context = PythonOperator(
        task_id="with_context", python_callable=_with_context, op_args=["{{ params.who }}"]
    )
    gate = ShortCircuitOperator(task_id="gate", python_callable=lambda: False)
    after_gate = EmptyOperator(task_id="after_gate")
    later = EmptyOperator(task_id="later")
    gate >> after_gate >> later
    poke_done = PythonSensor(task_id="poke_done", python_callable=_poke_done, poke_interval=1)
    never = PythonSensor(task_id="never", python_callable=_never, poke_interval=0.2, timeout=0.5)
    never_soft = PythonSensor(task_id="never_soft", python_callable=_never, poke_interval=0.2, timeout=0.5, soft_fail=True)
    file_wait = FileSensor(task_id="file_wait", filepath="{{ params.where }}/*.ready", poke_interval=1)
    dt_wait = DateTimeSensor(
        task_id="dt_wait", target_time="{{ data_interval_end }}", mode="reschedule", poke_interval=30
    )
    dt_future = DateTimeSensor(
        task_id="dt_future", target_time="2999-01-01T00:00:00+00:00", mode="reschedule", poke_interval=30
    )
    td_wait = TimeDeltaSensor(task_id="td_wait", delta=datetime.timedelta(seconds=1))
    td_future = TimeDeltaSensor(
        task_id="td_future", delta=datetime.timedelta(days=36500), mode="reschedule", poke_interval=60
    )
    time_wait = TimeSensor(task_id="time_wait", target_time=datetime.time(0, 0))
    call_http = HttpOperator(task_id="call_http", http_conn_id="my_http", endpoint="echo/{{ params.n }}", method="GET")
    empty = EmptyOperator(task_id="empty")
    sleepy = BashOperator(task_id="sleepy", bash_command="sleep 20")
    too_slow = BashOperator(
        task_id="too_slow", bash_command="sleep 20", execution_timeout=datetime.timedelta(seconds=1)
    )

    @task(map_index_template="{{ item }}")
    def double(item: int) -> int:
        from airflow.sdk import get_current_context

        get_current_context()["item"] = f"item-{item}"
        return item * 2

    double.expand(item=[5, 6])

    @task.bash
    def bash_deco(word: str) -> str:
        return f"echo first && echo {word}-{{{{ params.n }}}}"

    bash_deco("deco")

    @task.short_circuit
    def keep_going() -> bool:
        return True

    keep_going() >> EmptyOperator(task_id="kept")

    @task.sensor(poke_interval=1, timeout=30)
    def deco_sensor() -> PokeReturnValue:
        return PokeReturnValue(is_done=True, xcom_value="sensed")

    deco_sensor()

    @task
    def pull_mapped() -> list[Any]:
        from airflow.sdk import get_current_context

        ti = get_current_context()["ti"]
        return [ti.xcom_pull(task_ids="double", map_indexes=1), ti.xcom_pull(task_ids="double")]

    pull_mapped()
