"""The connections ``POST /connections/defaults`` creates: Airflow 3.2.2's default set (ids, types, hosts,
ports, logins, schemas, extras). ``{tmp}`` in a host is the system's temporary directory.

Data only (facts about Airflow's defaults); :func:`default_connections` resolves ``{tmp}``.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

_DEFAULTS: tuple[dict[str, Any], ...] = (
    {
        "conn_id": "airflow_db",
        "conn_type": "mysql",
        "host": "mysql",
        "login": "root",
        "password": "",
        "schema": "airflow",
    },
    {"conn_id": "athena_default", "conn_type": "athena"},
    {"conn_id": "aws_default", "conn_type": "aws"},
    {
        "conn_id": "azure_batch_default",
        "conn_type": "azure_batch",
        "login": "<ACCOUNT_NAME>",
        "password": "",
        "extra": '{"account_url": "<ACCOUNT_URL>"}',
    },
    {
        "conn_id": "azure_cosmos_default",
        "conn_type": "azure_cosmos",
        "extra": '{"database_name": "<DATABASE_NAME>", "collection_name": "<COLLECTION_NAME>"}',
    },
    {
        "conn_id": "azure_data_explorer_default",
        "conn_type": "azure_data_explorer",
        "host": "https://<CLUSTER>.kusto.windows.net",
        "extra": '{"auth_method": "<AAD_APP | AAD_APP_CERT | AAD_CREDS | AAD_DEVICE>", "tenant": "<TENANT ID>", "certificate": "<APPLICATION PEM CERTIFICATE>", "thumbprint": "<APPLICATION CERTIFICATE THUMBPRINT>"}',
    },
    {
        "conn_id": "azure_data_lake_default",
        "conn_type": "azure_data_lake",
        "extra": '{"tenant": "<TENANT>", "account_name": "<ACCOUNTNAME>"}',
    },
    {"conn_id": "azure_default", "conn_type": "azure"},
    {"conn_id": "cassandra_default", "conn_type": "cassandra", "host": "cassandra", "port": 9042},
    {"conn_id": "databricks_default", "conn_type": "databricks", "host": "localhost"},
    {"conn_id": "dingding_default", "conn_type": "http", "host": "", "password": ""},
    {
        "conn_id": "drill_default",
        "conn_type": "drill",
        "host": "localhost",
        "port": 8047,
        "extra": '{"dialect_driver": "drill+sadrill", "storage_plugin": "dfs"}',
    },
    {
        "conn_id": "druid_broker_default",
        "conn_type": "druid",
        "host": "druid-broker",
        "port": 8082,
        "extra": '{"endpoint": "druid/v2/sql"}',
    },
    {
        "conn_id": "druid_ingest_default",
        "conn_type": "druid",
        "host": "druid-overlord",
        "port": 8081,
        "extra": '{"endpoint": "druid/indexer/v1/task"}',
    },
    {
        "conn_id": "elasticsearch_default",
        "conn_type": "elasticsearch",
        "host": "localhost",
        "schema": "http",
        "port": 9200,
    },
    {
        "conn_id": "emr_default",
        "conn_type": "emr",
        "extra": '{"Name": "default_job_flow_name", "LogUri": "s3://my-emr-log-bucket/default_job_flow_location", "ReleaseLabel": "emr-4.6.0", "Instances": {"Ec2KeyName": "mykey", "Ec2SubnetId": "somesubnet", "InstanceGroups": [{"Name": "Master nodes", "Market": "ON_DEMAND", "InstanceRole": "MASTER", "InstanceType": "r3.2xlarge", "InstanceCount": 1}, {"Name": "Core nodes", "Market": "ON_DEMAND", "InstanceRole": "CORE", "InstanceType": "r3.2xlarge", "InstanceCount": 1}], "TerminationProtected": false, "KeepJobFlowAliveWhenNoSteps": false}, "Applications": [{"Name": "Spark"}], "VisibleToAllUsers": true, "JobFlowRole": "EMR_EC2_DefaultRole", "ServiceRole": "EMR_DefaultRole", "Tags": [{"Key": "app", "Value": "analytics"}, {"Key": "environment", "Value": "development"}]}',
    },
    {
        "conn_id": "facebook_default",
        "conn_type": "facebook_social",
        "extra": '{"account_id": "<AD_ACCOUNT_ID>", "app_id": "<FACEBOOK_APP_ID>", "app_secret": "<FACEBOOK_APP_SECRET>", "access_token": "<FACEBOOK_AD_ACCESS_TOKEN>"}',
    },
    {"conn_id": "fs_default", "conn_type": "fs", "extra": '{"path": "/"}'},
    {
        "conn_id": "ftp_default",
        "conn_type": "ftp",
        "host": "localhost",
        "port": 21,
        "login": "airflow",
        "password": "airflow",
        "extra": '{"key_file": "~/.ssh/id_rsa", "no_host_key_check": true}',
    },
    {"conn_id": "google_cloud_default", "conn_type": "google_cloud_platform", "schema": "default"},
    {"conn_id": "gremlin_default", "conn_type": "gremlin", "host": "gremlin", "port": 8182},
    {
        "conn_id": "hive_cli_default",
        "conn_type": "hive_cli",
        "port": 10000,
        "host": "localhost",
        "extra": '{"use_beeline": true, "auth": ""}',
        "schema": "default",
    },
    {
        "conn_id": "hiveserver2_default",
        "conn_type": "hiveserver2",
        "host": "localhost",
        "schema": "default",
        "port": 10000,
    },
    {"conn_id": "http_default", "conn_type": "http", "host": "https://www.httpbin.org/"},
    {"conn_id": "iceberg_default", "conn_type": "iceberg", "host": "https://api.iceberg.io/ws/v1"},
    {"conn_id": "impala_default", "conn_type": "impala", "host": "localhost", "port": 21050},
    {
        "conn_id": "kafka_default",
        "conn_type": "kafka",
        "extra": '{"bootstrap.servers": "broker:29092", "group.id": "my-group"}',
    },
    {"conn_id": "kubernetes_default", "conn_type": "kubernetes"},
    {
        "conn_id": "kylin_default",
        "conn_type": "kylin",
        "host": "localhost",
        "port": 7070,
        "login": "ADMIN",
        "password": "KYLIN",
    },
    {"conn_id": "leveldb_default", "conn_type": "leveldb", "host": "localhost"},
    {"conn_id": "livy_default", "conn_type": "livy", "host": "livy", "port": 8998},
    {
        "conn_id": "local_mysql",
        "conn_type": "mysql",
        "host": "localhost",
        "login": "airflow",
        "password": "airflow",
        "schema": "airflow",
    },
    {
        "conn_id": "metastore_default",
        "conn_type": "hive_metastore",
        "host": "localhost",
        "extra": '{"authMechanism": "PLAIN"}',
        "port": 9083,
    },
    {"conn_id": "mongo_default", "conn_type": "mongo", "host": "mongo", "port": 27017},
    {"conn_id": "mssql_default", "conn_type": "mssql", "host": "localhost", "port": 1433},
    {"conn_id": "mysql_default", "conn_type": "mysql", "login": "root", "schema": "airflow", "host": "mysql"},
    {"conn_id": "opensearch_default", "conn_type": "opensearch", "host": "localhost", "schema": "http", "port": 9200},
    {"conn_id": "opsgenie_default", "conn_type": "http", "host": "", "password": ""},
    {
        "conn_id": "oracle_default",
        "conn_type": "oracle",
        "host": "localhost",
        "login": "root",
        "password": "password",
        "schema": "schema",
        "port": 1521,
    },
    {
        "conn_id": "oss_default",
        "conn_type": "oss",
        "extra": '{"auth_type": "AK", "access_key_id": "<ACCESS_KEY_ID>", "access_key_secret": "<ACCESS_KEY_SECRET>", "region": "<YOUR_OSS_REGION>"}',
    },
    {"conn_id": "pig_cli_default", "conn_type": "pig_cli", "schema": "default"},
    {"conn_id": "pinot_admin_default", "conn_type": "pinot", "host": "localhost", "port": 9000},
    {
        "conn_id": "pinot_broker_default",
        "conn_type": "pinot",
        "host": "localhost",
        "port": 9000,
        "extra": '{"endpoint": "/query", "schema": "http"}',
    },
    {
        "conn_id": "postgres_default",
        "conn_type": "postgres",
        "login": "postgres",
        "password": "airflow",
        "schema": "airflow",
        "host": "postgres",
    },
    {"conn_id": "presto_default", "conn_type": "presto", "host": "localhost", "schema": "hive", "port": 3400},
    {"conn_id": "qdrant_default", "conn_type": "qdrant", "host": "qdrant", "port": 6333},
    {"conn_id": "redis_default", "conn_type": "redis", "host": "redis", "port": 6379, "extra": '{"db": 0}'},
    {
        "conn_id": "redshift_default",
        "conn_type": "redshift",
        "extra": '{"iam": true, "cluster_identifier": "<REDSHIFT_CLUSTER_IDENTIFIER>", "port": 5439, "profile": "default", "db_user": "awsuser", "database": "dev", "region": ""}',
    },
    {
        "conn_id": "salesforce_default",
        "conn_type": "salesforce",
        "login": "username",
        "password": "password",
        "extra": '{"security_token": "security_token"}',
    },
    {"conn_id": "segment_default", "conn_type": "segment", "extra": '{"write_key": "my-segment-write-key"}'},
    {
        "conn_id": "sftp_default",
        "conn_type": "sftp",
        "host": "localhost",
        "port": 22,
        "login": "airflow",
        "extra": '{"key_file": "~/.ssh/id_rsa", "no_host_key_check": true}',
    },
    {"conn_id": "spark_default", "conn_type": "spark", "host": "yarn", "extra": '{"queue": "root.default"}'},
    {"conn_id": "sqlite_default", "conn_type": "sqlite", "host": "{tmp}/sqlite_default.db"},
    {"conn_id": "ssh_default", "conn_type": "ssh", "host": "localhost"},
    {
        "conn_id": "tableau_default",
        "conn_type": "tableau",
        "host": "https://tableau.server.url",
        "login": "user",
        "password": "password",
        "extra": '{"site_id": "my_site"}',
    },
    {
        "conn_id": "teradata_default",
        "conn_type": "teradata",
        "host": "localhost",
        "login": "user",
        "password": "password",
        "schema": "schema",
    },
    {"conn_id": "trino_default", "conn_type": "trino", "host": "localhost", "schema": "hive", "port": 3400},
    {"conn_id": "vertica_default", "conn_type": "vertica", "host": "localhost", "port": 5433},
    {"conn_id": "wasb_default", "conn_type": "wasb", "extra": '{"sas_token": null}'},
    {"conn_id": "webhdfs_default", "conn_type": "hdfs", "host": "localhost", "port": 50070},
    {"conn_id": "yandexcloud_default", "conn_type": "yandexcloud", "schema": "default"},
    {
        "conn_id": "ydb_default",
        "conn_type": "ydb",
        "host": "grpc://localhost",
        "port": 2135,
        "extra": '{"database": "/local"}',
    },
)


def default_connections() -> list[dict[str, Any]]:
    """The default connections as column values (``conn_id``, ``conn_type``, ``host``, ...)."""
    result = []
    for entry in _DEFAULTS:
        row = dict(entry)
        host = row.get("host")
        if isinstance(host, str) and host.startswith("{tmp}/"):
            row["host"] = os.path.join(tempfile.gettempdir(), host.removeprefix("{tmp}/"))
        result.append(row)
    return result
