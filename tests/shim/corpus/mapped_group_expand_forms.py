"""Mapped task group forms Airflow accepts: partial() chained with expand() over other arguments, a
function taking **kwargs, expand() over a tuple, a dict and a return-value XComArg (plain, mapped,
explicit key), and expand_kwargs() over a list mixing dicts with XComArgs."""
import pendulum

from airflow.sdk import dag, task, task_group


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def mapped_group_expand_forms():
    @task
    def names():
        return ["a", "b"]

    @task
    def one_kwargs():
        return {"name": "c", "env": "dev", "size": 3}

    @task
    def deploy(n, e, s):
        return f"{n}-{e}-{s}"

    @task
    def show(v):
        return v

    @task_group
    def region(name, env, size=1):
        deploy(name, env, size)

    @task_group
    def anything(**kwargs):
        show(kwargs)

    region.partial(env="prod").partial(size=2).expand(name=names())
    region.override(group_id="by_tuple").partial(env="qa").expand(name=("x", "y"), size={"s": 1})
    region.override(group_id="by_map").expand(name=names().map(str.upper), env=names()["return_value"])
    region.override(group_id="by_kwargs").partial(size=5).expand_kwargs([{"name": "a", "env": "x"}, one_kwargs()])
    region.override(group_id="by_xcom").expand_kwargs(one_kwargs().map(lambda d: d))
    anything.expand(whatever=[1, 2], other=names())


mapped_group_expand_forms()
