import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, TriggerRule


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1),
     default_args={"trigger_rule": TriggerRule.ALL_DONE, "retries": 1})
def trigger_rule_in_default_args():
    @task
    def a():
        pass

    @task(trigger_rule=TriggerRule.ONE_FAILED)
    def b():
        pass

    a() >> b()


trigger_rule_in_default_args()
