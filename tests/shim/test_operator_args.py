"""How operator arguments are resolved: default_args and params through DAG, task groups and task,
custom operators, XComArg wiring and argument errors (guards the fast paths of operator construction)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from airgate.shim import ParserPool

_INHERITANCE = """
import pendulum
from airflow.sdk import DAG, BaseOperator, Param, TaskGroup, task
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator


class Shout(BaseOperator):
    template_fields = ("cmd",)

    def __init__(self, cmd, flavour="plain", **kwargs):
        super().__init__(**kwargs)
        self.cmd = cmd
        self.flavour = flavour


with DAG("inherit", schedule=None, start_date=pendulum.datetime(2024, 1, 1),
         params={"a": 1, "b": Param(2, type="integer")},
         default_args={"retries": 2, "params": {"b": 3, "c": "x"}, "flavour": "dag", "cmd": "echo dag"}):
    @task
    def noop():
        return None

    @task
    def each(x):
        return x

    noop()
    EmptyOperator(task_id="own", params={"z": None}, default_args={"retries": 9})
    with TaskGroup("g", default_args={"retries": 5, "queue": "gq", "params": {"c": "group"}, "flavour": "g"}):
        Shout(task_id="s1")
        Shout(task_id="s2", cmd="own", params={"d": 4}, default_args={"pool": "tp", "flavour": "task"})
        with TaskGroup("inner", default_args={"retries": 7}):
            BashOperator(task_id="b", bash_command="echo", params={"a": 9})
            noop.override(task_id="n", retries=1)()
            each.expand(x=[1, 2])
            BashOperator.partial(task_id="bm").expand(bash_command=["a", "b"])

with DAG("bare", schedule=None):
    EmptyOperator(task_id="e")
    BashOperator(task_id="b", bash_command="true")
"""


def _compile(pool: ParserPool, tmp_path: Path, source: str) -> Any:
    path = tmp_path / "dag_file.py"
    path.write_text(source)
    return pool.compile(str(path))


def _tasks(result: Any, dag_id: str) -> dict[str, dict[str, Any]]:
    [dag] = [d for d in result.dags if d["dag_id"] == dag_id]
    return {t["task_id"]: t for t in dag["tasks"]}


def _summary(task: dict[str, Any]) -> tuple[Any, ...]:
    params = {name: p["value"] for name, p in task["params"].items()}
    return task["retries"], task["queue"], task["pool"], params


def test_default_args_and_params_through_groups(pool: ParserPool, tmp_path: Path) -> None:
    result = _compile(pool, tmp_path, _INHERITANCE)
    assert result.import_errors == []
    tasks = _tasks(result, "inherit")
    dag_params = {"a": 1, "b": 3, "c": "x"}  # default_args' params win over the DAG's for its own tasks
    group_params = {"a": 1, "b": 2, "c": "group"}  # a group's default_args params replace the DAG's
    assert {task_id: _summary(t) for task_id, t in tasks.items()} == {
        "noop": (2, "default", "default_pool", dag_params),
        "own": (9, "default", "default_pool", {**dag_params, "z": None}),
        "g.s1": (5, "gq", "default_pool", group_params),
        "g.s2": (5, "gq", "tp", {**group_params, "d": 4}),
        "g.inner.b": (7, "gq", "default_pool", {**group_params, "a": 9}),
        "g.inner.n": (1, "gq", "default_pool", group_params),
        "g.inner.each": (7, "gq", "default_pool", group_params),
        "g.inner.bm": (7, "gq", "default_pool", group_params),
    }
    assert tasks["g.s1"]["kwargs"] == {"cmd": "echo dag", "flavour": "g"}  # a custom __init__ filled
    assert tasks["g.s2"]["kwargs"] == {"cmd": "own", "flavour": "task"}
    assert tasks["g.inner.each"]["is_mapped"] and tasks["g.inner.bm"]["is_mapped"]


def test_no_default_args_anywhere(pool: ParserPool, tmp_path: Path) -> None:
    tasks = _tasks(_compile(pool, tmp_path, _INHERITANCE), "bare")
    for task in tasks.values():
        assert _summary(task) == (0, "default", "default_pool", {})
        assert task["owner"] == "airflow" and task["trigger_rule"] == "all_success"
        assert task["retry_delay"] == 300.0 and task["callbacks"] == {} and task["inlets"] == []
    assert tasks["b"]["kwargs"] == {"bash_command": "true"}


_NORMALISED = """
import datetime
from airflow.sdk import DAG, BaseOperator


def alert(context):
    pass


class Owned(BaseOperator):
    @property
    def owner(self):
        return "from-property"

    @owner.setter
    def owner(self, value):
        self._given_owner = value


with DAG("normalised", schedule=None, default_args={"on_failure_callback": alert}):
    BaseOperator(task_id="plain", retry_delay=30, max_retry_delay=600, wait_for_downstream=True,
                 on_success_callback=(alert, alert), inlets="in", executor_config=None, pool="p")
    Owned(task_id="owned", owner="given", trigger_rule="all_done", retry_delay=datetime.timedelta(minutes=1))
"""


def test_base_arguments_are_normalised(pool: ParserPool, tmp_path: Path) -> None:
    result = _compile(pool, tmp_path, _NORMALISED)
    assert result.import_errors == []
    tasks = _tasks(result, "normalised")
    plain, owned = tasks["plain"], tasks["owned"]
    assert (plain["retry_delay"], plain["max_retry_delay"], plain["depends_on_past"]) == (30.0, 600.0, True)
    assert sorted(plain["callbacks"]) == ["on_failure_callback", "on_success_callback"]
    assert len(plain["callbacks"]["on_success_callback"]) == 2
    assert (plain["pool"], plain["executor_config"], len(plain["inlets"])) == ("p", {}, 1)
    assert owned["owner"] == "from-property"  # a property shadowing a base argument is respected
    assert (owned["trigger_rule"], owned["retry_delay"], owned["pool"]) == ("all_done", 60.0, "default_pool")
    assert list(owned["callbacks"]) == ["on_failure_callback"]


_XCOM = """
from airflow.sdk import DAG, BaseOperator, task


class Templated(BaseOperator):
    template_fields = ("cmd",)

    def __init__(self, cmd, other=None, **kwargs):
        super().__init__(**kwargs)
        self.cmd = cmd
        self.other = other


with DAG("xcom", schedule=None):
    @task
    def up():
        return {"k": 1}

    @task
    def down(x, y=None):
        return x

    a, b, c = up.override(task_id="a")(), up.override(task_id="b")(), up.override(task_id="c")()
    Templated(task_id="deep", cmd=["text", {"nested": [a["k"]]}, 3, None], other=b)
    down.override(task_id="taskflow")("literal", y={"z": (c,)})
"""


def test_xcom_args_wire_dependencies(pool: ParserPool, tmp_path: Path) -> None:
    tasks = _tasks(_compile(pool, tmp_path, _XCOM), "xcom")
    assert tasks["deep"]["upstream_task_ids"] == ["a"]  # only template fields count for classic operators
    assert tasks["taskflow"]["upstream_task_ids"] == ["c"]  # every argument of a decorated task
    assert tasks["a"]["downstream_task_ids"] == ["deep"] and tasks["b"]["downstream_task_ids"] == []


def test_argument_errors(pool: ParserPool, tmp_path: Path) -> None:
    cases = {
        "BaseOperator(task_id='x', bogus=1)": "TypeError: Invalid arguments were passed to BaseOperator "
        "(task_id: x). Invalid arguments were:\n**kwargs: {'bogus': 1}",
        "BashOperator(task_id='x')": "TypeError: missing keyword argument 'bash_command'",
        "BaseOperator(task_id='bad id!')": "ValueError: The key 'bad id!' has to be made of alphanumeric "
        "characters, dashes, dots, and underscores exclusively",
        "BaseOperator(task_id='x', pool_slots=0)": "ValueError: pool slots for x in dag errors cannot be less than 1",
    }
    for call, message in cases.items():
        source = (
            "from airflow.sdk import DAG, BaseOperator\n"
            "from airflow.providers.standard.operators.bash import BashOperator\n"
            f"with DAG('errors', schedule=None):\n    {call}\n"
        )
        [error] = _compile(pool, tmp_path, source).import_errors
        assert (error["message"], error["lineno"]) == (message, 4), call


_PER_TASK = """
from airflow.sdk import DAG, BaseOperator, task
from airflow.providers.standard.operators.empty import EmptyOperator


class Defaulted(BaseOperator):
    retries = 5  # hidden by the instance's own default, as in Airflow
    queue = "class-queue"


with DAG("per_task", schedule=None):
    first, second = EmptyOperator(task_id="first"), EmptyOperator(task_id="second")
    first.inlets.append("changed-in-file")
    first.executor_config["changed"] = True
    first.params["p"] = 1
    first.retries = 4
    Defaulted(task_id="custom")

    @task
    def noop():
        return None

    noop.override(task_id="one")().operator.outlets.append("out-of-one")
    noop.override(task_id="two")()
"""


def test_a_change_to_one_tasks_default_is_its_own(pool: ParserPool, tmp_path: Path) -> None:
    result = _compile(pool, tmp_path, _PER_TASK)
    assert result.import_errors == []
    tasks = _tasks(result, "per_task")
    first, second = tasks["first"], tasks["second"]
    assert (len(first["inlets"]), first["executor_config"], first["retries"]) == (1, {"changed": True}, 4)
    assert list(first["params"]) == ["p"]
    assert (second["inlets"], second["executor_config"], second["retries"], second["params"]) == ([], {}, 0, {})
    assert (len(tasks["one"]["outlets"]), tasks["two"]["outlets"]) == (1, [])
    assert (tasks["custom"]["retries"], tasks["custom"]["queue"]) == (0, "default")
