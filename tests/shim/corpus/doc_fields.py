import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator

with DAG("doc_fields", schedule=None, start_date=pendulum.datetime(2024, 1, 1), doc_md="DAG docs"):
    BashOperator(task_id="documented", bash_command="true", doc_md="## Task docs",
                 task_display_name="A documented task")

    @task
    def with_docstring():
        """Docstring becomes doc_md."""

    with_docstring()
