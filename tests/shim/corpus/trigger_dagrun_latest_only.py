import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.providers.standard.operators.latest_only import LatestOnlyOperator
from airflow.providers.standard.sensors.external_task import ExternalTaskSensor, ExternalTaskMarker

with DAG("trigger_dagrun_latest_only", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1)):
    latest = LatestOnlyOperator(task_id="latest")
    wait = ExternalTaskSensor(task_id="wait", external_dag_id="upstream_dag", external_task_id="final",
                              allowed_states=["success"], execution_delta=timedelta(hours=1))
    trig = TriggerDagRunOperator(task_id="trigger", trigger_dag_id="downstream_dag", conf={"a": 1},
                                 wait_for_completion=False)
    mark = ExternalTaskMarker(task_id="mark", external_dag_id="other", external_task_id="t")
    latest >> wait >> trig >> mark
