"""HttpOperator / HttpSensor with ``urllib`` (the connection comes from the Execution API)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .task import Task


class Response:
    """The parts of ``requests.Response`` that ``response_check`` / ``response_filter`` use."""

    def __init__(self, status: int, reason: str, headers: dict[str, str], content: bytes, url: str) -> None:
        self.status_code, self.reason, self.headers, self.content, self.url = (
            status,
            reason,
            headers,
            content,
            url,
        )

    @property
    def text(self) -> str:
        """The body as text."""
        return self.content.decode("utf-8", errors="replace")

    @property
    def ok(self) -> bool:
        """Status below 400."""
        return self.status_code < 400

    def json(self) -> Any:
        """The body decoded from JSON."""
        return json.loads(self.content)


def _url(task: Task) -> tuple[str, dict[str, str]]:
    conn_id = task.arg("http_conn_id", "http_default")
    base, headers = "", {}
    if conn_id:
        conn = task.api.get_connection(conn_id)
        host = conn.host or ""
        if "://" in host:
            base = host
        else:
            scheme = conn.schema or "http"
            base = f"{scheme}://{host}" + (f":{conn.port}" if conn.port else "")
        extra = conn.extra_dejson
        headers.update(
            {
                str(k): str(v)
                for k, v in extra.items()
                if k
                not in (
                    "timeout",
                    "verify",
                    "proxies",
                    "stream",
                    "cert",
                    "allow_redirects",
                    "max_redirects",
                    "trust_env",
                    "check_response",
                )
            }
        )
        if conn.login:
            token = base64.b64encode(f"{conn.login}:{conn.password or ''}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
    endpoint = task.arg("endpoint") or ""
    if base and endpoint and not base.endswith("/") and not endpoint.startswith("/"):
        endpoint = "/" + endpoint
    return base + endpoint, headers


def request(task: Task, default_method: str) -> Response:
    """Send the task's request; raise ``AirflowException("<status>:<reason>")`` on an error status."""
    from airgate.shim.errors import AirflowException

    url, headers = _url(task)
    headers.update(task.arg("headers") or {})
    method = (task.arg("method") or default_method).upper()
    data = task.arg("data")
    body: bytes | None = None
    if method == "GET" and isinstance(data, dict) and data:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(data)
    elif data is not None:
        body = (
            data.encode()
            if isinstance(data, str)
            else json.dumps(data).encode()
            if not isinstance(data, bytes)
            else data
        )
    options = task.arg("extra_options") or {}
    print(f"Sending '{method}' to url: {url}", flush=True)
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=options.get("timeout", 60)) as resp:
            response = Response(resp.status, resp.reason, dict(resp.headers), resp.read(), url)
    except urllib.error.HTTPError as exc:
        response = Response(exc.code, str(exc.reason), dict(exc.headers or {}), exc.read(), url)
    if options.get("check_response", True) and response.status_code >= 400:
        print(f"HTTP error: {response.reason}", flush=True)
        print(response.text, flush=True)
        raise AirflowException(f"{response.status_code}:{response.reason}")
    return response


def run(task: Task) -> Any:
    """HttpOperator: the response text (or what ``response_filter`` makes of it)."""
    from airgate.shim.errors import AirflowException

    response = request(task, "POST")
    if task.arg("log_response"):
        print(response.text, flush=True)
    check = task.arg("response_check")
    if check is not None and not check(response):
        raise AirflowException("Response check returned False.")
    flt = task.arg("response_filter")
    if flt is not None:
        return flt(response)
    return response.text


def poke(task: Task) -> bool:
    """HttpSensor: ``False`` on 404 (or a failing ``response_check``), an error otherwise."""
    from airgate.shim.errors import AirflowException

    try:
        response = request(task, "GET")
    except AirflowException as exc:
        if str(exc).startswith("404"):
            return False
        raise
    check = task.arg("response_check")
    if check is not None:
        from .python import call_with_context

        return bool(call_with_context(check, [response], {}, task.context))
    return True
