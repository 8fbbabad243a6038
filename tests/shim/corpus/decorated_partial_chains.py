import pendulum

from airflow.sdk import dag, setup, task, task_group, teardown


@dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1))
def decorated_partial_chains():
    @task
    def base():
        return 10

    @task
    def numbers():
        return [1, 2, 3]

    @task
    def add(a, b, c=0, ti=None):
        """Adds three numbers."""
        return a + b + c

    # partial() chained, fixing an upstream task's output and a literal
    add.partial(a=base()).partial(c=2).expand(b=numbers())
    # override() after and before partial()
    add.partial(a=1).override(task_id="add_overridden", retries=2).expand(b=[1, 2])
    add.override(task_id="add_pooled", pool_slots=2).partial(a=1).partial(c=3).expand(b=[4])
    add.partial(a=5).override(task_id="add_kwargs").partial(c=1).expand_kwargs([{"b": 1}, {"b": 2}])
    # an empty partial(), then override() replacing the fixed arguments
    add.partial().expand(a=[1], b=[2])
    add.partial(a=1).override(task_id="add_replaced", op_kwargs={"a": 2}).expand(b=[3])

    @task.bash
    def echo(word, times):
        return f"echo {word} {times}"

    echo.partial(word="hi").override(task_id="echo_mapped").partial(times=2).expand_kwargs([{}, {}])

    @setup
    def create(name, size):
        return name

    @teardown(on_failure_fail_dagrun=True)
    def delete(name, size):
        print(name)

    made = create.partial(size=1).override(task_id="create_many").expand(name=["x", "y"])
    made >> delete.override(task_id="delete_many").partial(size=1).expand(name=made)

    @task_group
    def grp(v):
        add.partial(a=v).override(task_id="in_group").expand(b=[1])

    grp(7)


decorated_partial_chains()
