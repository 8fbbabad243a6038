import pendulum
import definitely_not_installed_pkg as dni
from airflow.sdk import DAG

TABLES = dni.load_tables("config.yaml")

with DAG("missing_package_used", schedule=None, start_date=pendulum.datetime(2024, 1, 1)):
    pass
