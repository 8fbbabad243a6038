import pendulum
from datetime import timedelta, datetime

from airflow.models.dag import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from airflow.operators.empty import EmptyOperator
from airflow.decorators import task
from airflow.utils.trigger_rule import TriggerRule
from airflow.utils.task_group import TaskGroup


def f():
    return 1


with DAG(dag_id="legacy_imports", schedule=None, start_date=pendulum.datetime(2024, 1, 1)) as dag:
    a = BashOperator(task_id="a", bash_command="true")
    with TaskGroup("grp") as grp:
        b = PythonOperator(task_id="b", python_callable=f)
        c = EmptyOperator(task_id="c", trigger_rule=TriggerRule.ALL_DONE)
        b >> c

    @task
    def d():
        return 2

    a >> grp >> d()
