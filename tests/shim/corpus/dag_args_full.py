import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(
    dag_id="dag_args_full",
    description="Every DAG argument",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 1, 1),
    end_date=pendulum.datetime(2025, 1, 1),
    catchup=True,
    max_active_tasks=4,
    max_active_runs=2,
    max_consecutive_failed_dag_runs=3,
    dagrun_timeout=timedelta(hours=2),
    tags=["b", "a", "etl"],
    doc_md="# Title\nSome docs",
    dag_display_name="Every argument",
    owner_links={"airflow": "https://example.com"},
    is_paused_upon_creation=True,
    render_template_as_native_obj=True,
    template_searchpath=["/opt/templates"],
    user_defined_macros={"project": "x"},
    user_defined_filters={"up": str.upper},
    fail_fast=False,
    jinja_environment_kwargs={"trim_blocks": True},
):
    EmptyOperator(task_id="t")
