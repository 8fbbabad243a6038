import pendulum
from datetime import timedelta, datetime

import datetime as dt
from airflow.sdk import DAG
from airflow.providers.standard.operators.datetime import BranchDateTimeOperator
from airflow.providers.standard.operators.weekday import BranchDayOfWeekOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("branch_datetime_weekday", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    inside = EmptyOperator(task_id="inside")
    outside = EmptyOperator(task_id="outside")
    by_time = BranchDateTimeOperator(task_id="by_time", follow_task_ids_if_true=["inside"],
                                     follow_task_ids_if_false=["outside"], target_lower=dt.time(9),
                                     target_upper=dt.time(17))
    weekend = EmptyOperator(task_id="weekend")
    weekday = EmptyOperator(task_id="weekday")
    by_day = BranchDayOfWeekOperator(task_id="by_day", follow_task_ids_if_true="weekend",
                                     follow_task_ids_if_false="weekday", week_day={"Saturday", "Sunday"})
    by_time >> [inside, outside]
    by_day >> [weekend, weekday]
