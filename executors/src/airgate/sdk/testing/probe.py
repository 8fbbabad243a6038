"""The conformance kit's task: a tiny standard-library runner that behaves like a task.

Run as ``python -m airgate.sdk.testing.probe --json-string <ExecuteTask JSON>``. It reads its instructions
from the ``AIRGATE_PROBE`` environment variable (JSON: ``lines``, ``sleep``, ``exit``, ``heartbeat``,
``ignore_term``), tells the Execution API at ``AIRFLOW__CORE__EXECUTION_API_SERVER_URL`` it is running
(``PATCH task-instances/{id}/run``), prints ``lines`` lines, sleeps, reports its state
(``PATCH .../state``) and exits with ``exit``. Its ``/run`` body carries a ``probe`` object (cwd, what it
saw of earlier tasks, the workload's keys) so the kit can check isolation and the workload's form.
Imports are kept minimal so launch overhead measures the executor, not the probe.
"""

from __future__ import annotations

# Only C modules: ``json``, ``socket`` and ``signal`` pull in ``re`` and ``enum`` (~15 ms each).
import _json
import _signal
import _socket
import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ENV = "AIRGATE_PROBE"
_SEEN: list[str] = []  # module state: must never carry over from one task to the next


class _Scanner:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float
    memo: dict[str, Any] = {}


def _loads(text: str | bytes) -> Any:
    if isinstance(text, bytes):
        text = text.decode()
    return _json.make_scanner(_Scanner())(text.strip(), 0)[0]  # type: ignore[arg-type]


def _dumps(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _json.encode_basestring_ascii(value)
    if isinstance(value, dict):
        items = (f"{_json.encode_basestring_ascii(str(k))}:{_dumps(v)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    return "[" + ",".join(_dumps(v) for v in value) + "]"


def _request(base: str, method: str, path: str, body: dict[str, Any], token: str) -> int:
    """One HTTP/1.1 request over a plain socket; returns the status code."""
    rest = base.split("://", 1)[1]
    hostport, _, prefix = rest.partition("/")
    host, _, port = hostport.partition(":")
    payload = _dumps(body).encode()
    target = "/" + "/".join(p for p in (prefix.strip("/"), path) if p)
    head = (
        f"{method} {target} HTTP/1.1\r\nHost: {hostport}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
    )
    # A numeric address skips getaddrinfo(), whose first call in a process costs ~15 ms (NSS loading).
    if not host.replace(".", "").isdigit():
        host = _socket.gethostbyname(host)
    sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    try:
        sock.settimeout(10)
        sock.connect((host, int(port or 80)))
        sock.sendall(head.encode() + payload)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    finally:
        sock.close()
    return int(data.split(b" ", 2)[1]) if data else 0


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def main(argv: list[str] | None = None) -> int:
    """Run the probe task; returns the exit code it was told to use."""
    entered = time.monotonic()
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "--json-string":
        print("usage: probe --json-string <ExecuteTask JSON>", file=sys.stderr)
        return 2
    workload = _loads(args[1])
    plan = _loads(os.environ.get(ENV) or "{}")
    if plan.get("ignore_term"):
        _signal.signal(_signal.SIGTERM, _signal.SIG_IGN)
    base = os.environ["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]
    ti_id = workload["ti"]["id"]
    token = workload["token"]
    seen = {"env": os.environ.get("AIRGATE_PROBE_LEAK"), "module": list(_SEEN)}
    body = {
        "state": "running",
        "hostname": _socket.gethostname(),
        "unixname": "probe",
        "pid": os.getpid(),
        "start_date": _now(),
        "probe": {"cwd": os.getcwd(), "seen": seen, "keys": sorted(workload), "marker": plan.get("marker"), "entered": entered},
    }
    os.environ["AIRGATE_PROBE_LEAK"] = ti_id
    _SEEN.append(ti_id)
    if _request(base, "PATCH", f"task-instances/{ti_id}/run", body, token) >= 300:
        print("probe: the Execution API refused /run", flush=True)
        return 1
    for i in range(int(plan.get("lines", 3))):
        print(f"probe line {i} of {ti_id}", flush=True)
    end = time.monotonic() + float(plan.get("sleep", 0))
    while (left := end - time.monotonic()) > 0:
        time.sleep(min(left, 1.0))
        if plan.get("heartbeat"):
            _request(base, "PUT", f"task-instances/{ti_id}/heartbeat", {"pid": os.getpid()}, token)
    code = int(plan.get("exit", 0))
    state = "success" if code == 0 else "failed"
    _request(base, "PATCH", f"task-instances/{ti_id}/state", {"state": state, "end_date": _now()}, token)
    print(f"probe done with exit code {code}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
