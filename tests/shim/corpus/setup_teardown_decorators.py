import pendulum
from datetime import timedelta, datetime

from airflow.sdk import dag, task, setup, teardown


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def setup_teardown_decorators():
    @setup
    def create_cluster():
        return "c1"

    @task
    def work(cluster):
        print(cluster)

    @teardown
    def delete_cluster(cluster):
        print(cluster)

    cluster = create_cluster()
    work(cluster) >> delete_cluster(cluster)


setup_teardown_decorators()
