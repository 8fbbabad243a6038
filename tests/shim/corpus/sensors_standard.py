import pendulum
from datetime import timedelta, datetime

import datetime as dt
from airflow.sdk import DAG
from airflow.providers.standard.sensors.time_delta import TimeDeltaSensor
from airflow.providers.standard.sensors.date_time import DateTimeSensor
from airflow.providers.standard.sensors.time import TimeSensor
from airflow.providers.standard.sensors.filesystem import FileSensor
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.providers.standard.sensors.bash import BashSensor


def ready():
    return True


with DAG("sensors_standard", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    a = TimeDeltaSensor(task_id="delta", delta=timedelta(minutes=5))
    b = DateTimeSensor(task_id="datetime", target_time="{{ data_interval_end }}")
    c = TimeSensor(task_id="time", target_time=dt.time(8, 0))
    d = FileSensor(task_id="file", filepath="/data/in.csv", fs_conn_id="fs", poke_interval=10, mode="reschedule")
    e = PythonSensor(task_id="python", python_callable=ready, timeout=100)
    f = BashSensor(task_id="bash", bash_command="test -f /tmp/x")
    a >> b >> c >> d >> e >> f
