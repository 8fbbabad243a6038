import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task


@dag(dag_id="custom_dag_id", schedule="@weekly", start_date=pendulum.datetime(2024, 1, 1), catchup=False,
     tags=["deco"], max_active_runs=1, default_args={"retries": 2, "owner": "deco"}, description="desc")
def whatever_name():
    @task
    def only():
        return 1

    only()


whatever_name()
