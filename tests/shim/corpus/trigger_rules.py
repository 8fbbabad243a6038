import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG, TriggerRule
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("trigger_rules", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    up = EmptyOperator(task_id="up")
    for rule in ["all_success", "all_failed", "all_done", "all_done_min_one_success", "one_success",
                 "one_failed", "one_done", "none_failed", "none_skipped", "always",
                 "none_failed_min_one_success", "all_skipped"]:
        up >> EmptyOperator(task_id=f"rule_{rule}", trigger_rule=rule)
    up >> EmptyOperator(task_id="enum_rule", trigger_rule=TriggerRule.NONE_FAILED)
