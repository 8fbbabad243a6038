"""Runtime-varying values in task arguments inside a ``with DAG`` block, through f-strings and chains."""
import datetime
import uuid
from datetime import datetime as dt

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG(dag_id="infl_tasks", schedule=None, start_date=dt(2024, 1, 1)) as dag:
    stamp = BashOperator(task_id="stamp", bash_command=f"echo {datetime.datetime.now().isoformat()}")
    ident = BashOperator(task_id="ident", bash_command="echo " + str(uuid.uuid4()))
    fine = EmptyOperator(task_id="fine")
    label = dt.now().strftime("%Y")
    stamp >> ident >> fine

outside = EmptyOperator(task_id="outside", dag=dag, doc=label)
