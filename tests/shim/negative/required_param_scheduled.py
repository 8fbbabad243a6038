import pendulum
from airflow.sdk import DAG, Param

with DAG("required_param_scheduled", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1),
         params={"x": Param(type="string")}):
    pass
