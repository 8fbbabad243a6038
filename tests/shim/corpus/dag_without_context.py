import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

dag = DAG("dag_without_context", schedule=None, start_date=pendulum.datetime(2024, 1, 1))
a = BashOperator(task_id="a", bash_command="true", dag=dag)
b = BashOperator(task_id="b", bash_command="true", dag=dag)
a.set_downstream(b)
c = BashOperator(task_id="c", bash_command="true", dag=dag)
c.set_upstream([a, b])
