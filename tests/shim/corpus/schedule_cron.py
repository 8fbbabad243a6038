import pendulum
from datetime import timedelta, datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

CRONS = {
    "every_minute": "* * * * *",
    "every_5_min": "*/5 * * * *",
    "half_past": "30 * * * *",
    "weekday_morning": "30 6 * * 1-5",
    "first_of_month": "15 14 1 * *",
    "twice_daily": "0 9,17 * * *",
    "sunday": "0 0 * * 0",
    "quarterly_like": "0 0 1 */3 *",
    "january": "0 12 1 1 *",
    "every_2_hours": "0 */2 * * *",
}
for key, expr in CRONS.items():
    with DAG(f"cron_{key}", schedule=expr, start_date=pendulum.datetime(2024, 1, 1)) as d:
        EmptyOperator(task_id="t")
    globals()[key] = d
