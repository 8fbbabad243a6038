import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, Param
from airflow.providers.standard.operators.bash import BashOperator

with DAG("params_dag", schedule=None, start_date=pendulum.datetime(2024, 1, 1), params={
        "plain": 5,
        "name": Param("world", type="string", minLength=2, description="Who to greet"),
        "count": Param(3, type="integer", minimum=1, maximum=10),
        "flag": Param(False, type="boolean"),
        "choice": Param("a", enum=["a", "b"]),
        "required_no_default": Param(type="string"),
        "items": Param([1, 2], type="array"),
}):
    BashOperator(task_id="t", bash_command="echo {{ params.name }}", params={"task_param": 1})
