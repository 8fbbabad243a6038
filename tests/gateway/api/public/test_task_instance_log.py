"""Task Instance logs: ``get_log`` as JSON and NDJSON (finished and running tries, continuation) and
``get_external_log_url``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from litestar import Litestar
from public_runs_seed import seed

AssertJson = Callable[[httpx.Response, int, Any], None]
RUN2 = "/api/v2/dags/alpha/dagRuns/run_2/taskInstances"
RUN3 = "/api/v2/dags/alpha/dagRuns/run_3/taskInstances"
SDK_LINE = {"timestamp": "2026-11-01T12:01:41.500000Z", "event": "::group::Pre Execute", "level": "info",
            "logger": "task"}
TEXT_LINE = "[2026-11-01T12:01:41.700Z] {airgate.agent} INFO - Done. Returned value was: None"


def _write(base: str, relative: str, *lines: str) -> Path:
    path = Path(base) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{line}\n" for line in lines))
    return path


async def test_logs(client: httpx.AsyncClient, tokens: dict[str, dict[str, str]], app: Litestar,
                    assert_json: AssertJson) -> None:
    await seed(app.state.airgate.store)
    base = app.state.airgate.settings.base_log_folder
    admin = tokens["admin"]
    path = _write(base, "dag_id=alpha/run_id=run_2/task_id=load/attempt=1.log", json.dumps(SDK_LINE), TEXT_LINE,
                  "plain output")
    header = [{"event": "::group::Log message source details"}, {"event": str(path)}, {"event": "::endgroup::"}]
    text = {"timestamp": "2026-11-01T12:01:41.700000Z", "event": TEXT_LINE}
    json_headers = {**admin, "Accept": "application/json"}
    assert_json(await client.get(f"{RUN2}/load/logs/1", headers=json_headers), 200, {
        "content": [*header, SDK_LINE, text, {"event": "plain output"}], "continuation_token": None})
    response = await client.get(f"{RUN2}/load/logs/1", headers={**admin, "Accept": "application/x-ndjson"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/x-ndjson"
    assert "airflow-continuation-token" not in response.headers
    assert [json.loads(line) for line in response.text.splitlines()] == [
        *({"timestamp": None, **h} for h in header), SDK_LINE, text, {"timestamp": None, "event": "plain output"}]
    assert_json(await client.get(f"{RUN2}/load/logs/1", headers={**admin, "Accept": "text/plain"}), 406,
                {"detail": "Only application/json or application/x-ndjson is supported"})
    assert_json(await client.get(f"{RUN2}/load/logs/9", headers=json_headers), 404,
                {"detail": "TaskInstance not found"})
    assert_json(await client.get(f"{RUN2}/nope/logs/1", headers=json_headers), 404,
                {"detail": "TaskInstance not found"})

    # a running try: a token, then only what was written since
    running = _write(base, "dag_id=alpha/run_id=run_3/task_id=extract/attempt=1.log", "first line")
    body = (await client.get(f"{RUN3}/extract/logs/1", headers=json_headers)).json()
    assert [r["event"] for r in body["content"]] == [
        "::group::Log message source details", str(running), "::endgroup::", "first line"]
    assert body["continuation_token"]
    with running.open("a") as out:
        out.write("second line\n")
    more = (await client.get(f"{RUN3}/extract/logs/1", params={"token": body["continuation_token"]},
                             headers=json_headers)).json()
    assert more["content"] == [{"event": "second line"}] and more["continuation_token"]
    assert_json(await client.get(f"{RUN3}/extract/logs/1", params={"token": "forged.token"}, headers=json_headers),
                400, {"detail": "Bad Signature. Please use only the tokens provided by the API."})
    assert_json(await client.get(f"{RUN3}/extract/externalLogUrl/1", headers=admin), 400,
                {"detail": "Task log handler does not support external logs."})
