"""The task process's own life: heartbeats, SIGTERM and ``execution_timeout``."""

from __future__ import annotations

import os
import sys

from .client import ApiError, ExecutionClient

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _log(level: str, message: str) -> None:
    from .runner import log

    log(level, message)


class Heartbeat:
    """``PUT /heartbeat`` every ``[workers] min_heartbeat_interval`` (5 s) after ``/run`` (which the server
    records as the first heartbeat, so a task shorter than the interval sends none); a 404, 409 or 410 answer
    means the task must stop (the server no longer considers it running)."""

    def __init__(self, client: ExecutionClient, ti_id: str, body: dict[str, Any]) -> None:
        import _thread

        self.client, self.ti_id, self.body = client, ti_id, body
        self.interval = float(os.environ.get("AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL", "5"))
        self.max_failures = int(os.environ.get("AIRFLOW__WORKERS__MAX_FAILED_HEARTBEATS", "3"))
        # A bare lock, held until stop() releases it, is the whole wake-up machinery: a threading.Thread and
        # Event cost a task several times more, and most tasks end before their first heartbeat is due.
        self.stopped = _thread.allocate_lock()
        self.stopped.acquire()
        self.lock = _thread.allocate_lock()

    def run(self) -> None:
        failures = 0
        while not self.stopped.acquire(timeout=self.interval):
            try:
                with self.lock:
                    if not self.stopped.locked():
                        return
                    self.client.request("PUT", f"task-instances/{self.ti_id}/heartbeat", self.body)
                failures = 0
            except ApiError as exc:
                if exc.status in (404, 409, 410):
                    _log("ERROR", f"Server indicated the task shouldn't be running anymore: {exc.detail!r}")
                    self._terminate()
                    return
                failures += 1
            except Exception as exc:  # network trouble: retry until max_failed_heartbeats
                failures += 1
                _log("WARNING", f"Failed to send heartbeat. Will be retried: {exc!r}")
            if failures >= self.max_failures:
                _log("ERROR", "Too many failed heartbeats; terminating process")
                self._terminate()
                return

    def _terminate(self) -> None:
        from .bash import kill_running

        kill_running()
        sys.stdout.flush()
        os._exit(143)

    def start(self) -> None:
        """Start beating in a background thread (it never keeps the process alive)."""
        import _thread

        _thread.start_new_thread(self.run, ())

    def stop(self) -> None:
        """No more heartbeats (waits for one in flight)."""
        with self.lock:
            if self.stopped.locked():
                self.stopped.release()


class AirflowTaskTerminated(BaseException):
    """The task process got SIGTERM (the executor or the scheduler stops it)."""


class AirflowTaskTimeout(BaseException):
    """``execution_timeout`` passed."""


def install_signals(execution_timeout: float | None) -> None:
    """SIGTERM stops the running command and fails the task; ``execution_timeout`` raises
    ``AirflowTaskTimeout`` in the task (up for retry or failed, as Airflow does)."""
    import _signal

    def on_term(signum: int, frame: Any) -> None:
        from .bash import kill_running

        kill_running()
        raise AirflowTaskTerminated(f"Task received SIGTERM signal (pid {os.getpid()})")

    def on_alarm(signum: int, frame: Any) -> None:
        from .bash import kill_running

        kill_running()
        raise AirflowTaskTimeout(f"Timeout, PID: {os.getpid()}")

    _signal.signal(_signal.SIGTERM, on_term)
    if execution_timeout:
        _signal.signal(_signal.SIGALRM, on_alarm)
        _signal.setitimer(_signal.ITIMER_REAL, float(execution_timeout))


def cancel_timeout() -> None:
    """Stop the ``execution_timeout`` alarm."""
    import _signal

    _signal.setitimer(_signal.ITIMER_REAL, 0)
