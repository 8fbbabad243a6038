import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, task
from airflow.providers.standard.operators.python import PythonVirtualenvOperator, ExternalPythonOperator


def in_venv():
    import sys
    return sys.version


with DAG("virtualenv_external", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    v = PythonVirtualenvOperator(task_id="venv_op", python_callable=in_venv, requirements=["requests"],
                                 system_site_packages=False)
    e = ExternalPythonOperator(task_id="external_op", python="/opt/py/bin/python", python_callable=in_venv)

    @task.virtualenv(requirements=["numpy"])
    def venv_task():
        return 1

    @task.external_python(python="/opt/py/bin/python")
    def external_task():
        return 2

    v >> e >> venv_task() >> external_task()
