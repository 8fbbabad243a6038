import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.providers.standard.operators.empty import EmptyOperator


def greet(name, **context):
    print(name)


with DAG("classic_bash_python", schedule="0 6 * * *", start_date=datetime(2024, 1, 1), catchup=False) as dag:
    start = EmptyOperator(task_id="start")
    bash = BashOperator(task_id="bash", bash_command="echo {{ ds }}", env={"A": "1"}, append_env=True)
    py = PythonOperator(task_id="py", python_callable=greet, op_kwargs={"name": "x"})
    end = EmptyOperator(task_id="end")
    start >> [bash, py] >> end
