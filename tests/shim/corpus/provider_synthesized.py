import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator, SQLColumnCheckOperator
from airflow.providers.smtp.operators.smtp import EmailOperator

with DAG("provider_synthesized", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    q = SQLExecuteQueryOperator(task_id="query", conn_id="pg", sql="SELECT * FROM t WHERE d = '{{ ds }}'",
                                parameters={"a": 1}, autocommit=True)
    c = SQLColumnCheckOperator(task_id="check", table="t", column_mapping={"id": {"null_check": {"equal_to": 0}}},
                               conn_id="pg")
    e = EmailOperator(task_id="mail", to="a@example.com", subject="done {{ ds }}", html_content="<b>ok</b>")
    q >> c >> e
