"""Workloads for queued task instances: Airflow's ``ExecuteTask`` (with a ``workload`` token) plus launch
hints — the runner (native agent or the real task SDK), the Execution API URL, the DAG's folder and its
compiled document (so the agent execs the DAG file only when it needs a callable)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from airgate.gateway.auth.task_tokens import TaskTokens
from airgate.gateway.scheduler.dispatch import Queued
from airgate.gateway.scheduler.docs import DagDoc
from airgate.sdk import AGENT_RUNNER, AIRFLOW_RUNNER, BundleInfo, Launch, TaskInstance, Workload

DAG_JSON_ENV = "AIRGATE_DAG_JSON"


def log_path(q: Queued) -> str:
    """Airflow's log file layout, relative to the log folder."""
    mapped = f"map_index={q.map_index}/" if q.map_index >= 0 else ""
    return f"dag_id={q.dag_id}/run_id={q.run_id}/task_id={q.task_id}/{mapped}attempt={q.try_number}.log"


class WorkloadFactory:
    """Builds workloads for one gateway (its token secret, Execution API URL and bundle folders)."""

    def __init__(self, tokens: TaskTokens, api_url: str, bundles: dict[str, str], cache_dir: Path) -> None:
        self.tokens, self.api_url, self.bundles, self.cache_dir = tokens, api_url, bundles, cache_dir
        self._written: set[str] = set()

    def _dag_json(self, doc: DagDoc) -> str:
        path = self.cache_dir / f"{doc.version_id}.json"
        if doc.version_id not in self._written:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(doc.doc))
                tmp.replace(path)
            self._written.add(doc.version_id)
        return str(path)

    def build(self, q: Queued, doc: DagDoc, rel_path: str, bundle: str) -> Workload:
        """The workload of one queued try."""
        task = doc.tasks.get(q.task_id, {})
        native = task.get("execution_path", "native") == "native"
        env = {DAG_JSON_ENV: self._dag_json(doc)}
        folder = self.bundles.get(bundle)
        if folder:
            env["AIRFLOW__CORE__DAGS_FOLDER"] = folder
        path = log_path(q)
        return Workload(
            token=self.tokens.issue_workload_token(q.id),
            ti=TaskInstance(id=q.id, dag_version_id=q.dag_version_id, task_id=q.task_id, dag_id=q.dag_id,
                            run_id=q.run_id, try_number=q.try_number, map_index=q.map_index,
                            pool_slots=q.pool_slots, queue=q.queue, priority_weight=q.priority_weight),
            dag_rel_path=rel_path,
            bundle_info=BundleInfo(name=bundle),
            log_path=path,
            launch=Launch(
                runner=AGENT_RUNNER if native else AIRFLOW_RUNNER, env=env, api_url=self.api_url,
                queue=q.queue, executor=q.executor, executor_config=task.get("executor_config") or None,
                output_path=None if native else f"{path}.stdout",
            ),
        )
