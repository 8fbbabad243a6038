"""What a page did in the browser: requests by operationId with their statuses, console errors, page errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from airgate.gateway.api.spec import OPERATIONS

_PARAM = re.compile(r"\\\{[^}]+\\\}")
_API_PREFIXES = ("/api/", "/ui/", "/auth/token", "/execution/")
# Files the stock UI asks for that the apache-airflow-core 3.2.2 wheel does not contain: Airflow's own
# api-server answers 404 for them too (the rendered-templates page's SQL highlighter probes this one).
STOCK_UI_MISSING = frozenset({"/static/wasm/sqlparser_rs_wasm.js"})


def _compile() -> list[tuple[str, re.Pattern[str], str]]:
    table: list[tuple[str, re.Pattern[str], str, int]] = []
    for op_id, info in OPERATIONS.items():
        pattern = re.compile("^" + _PARAM.sub("[^/]+", re.escape(info.path)) + "$")
        table.append((info.method.upper(), pattern, op_id, info.path.count("{")))
    table.sort(key=lambda row: row[3])  # literal segments before parameters (/dags/~ vs /dags/{dag_id})
    return [(method, pattern, op_id) for method, pattern, op_id, _ in table]


_TABLE = _compile()


def operation_of(method: str, path: str) -> str | None:
    """The operationId a request to ``path`` (without the base path) is for, or None."""
    for op_method, pattern, op_id in _TABLE:
        if op_method == method.upper() and pattern.match(path):
            return op_id
    return None


@dataclass
class Call:
    """One answered request."""

    method: str
    url: str
    status: int
    operation: str | None


@dataclass
class Tracker:
    """Listens to a Playwright page."""

    base_path: str = ""
    calls: list[Call] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> Tracker:
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        return self

    def _path(self, url: str) -> str:
        path = urlsplit(url).path
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path):]
        return path

    def _on_response(self, response: Any) -> None:
        method = response.request.method
        path = self._path(response.url)
        op = operation_of(method, path) if path.startswith(_API_PREFIXES) else None
        self.calls.append(Call(method, response.url, response.status, op))

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, (message.location or {}).get("url", "")))

    def reset(self) -> None:
        self.calls.clear()
        self.console_errors.clear()
        self.page_errors.clear()

    def failures(self) -> list[Call]:
        """Requests answered 4xx or 5xx."""
        return [c for c in self.calls if c.status >= 400]

    def problems(self, allowed_4xx: set[str]) -> list[str]:
        """Everything wrong: 5xx, 4xx outside ``allowed_4xx``, console errors not explained by those, page errors."""
        missing = {c.url for c in self.calls if c.status == 404 and self._path(c.url) in STOCK_UI_MISSING}
        out = [f"{c.status} {c.method} {c.url} ({c.operation})" for c in self.calls if c.url not in missing
               and (c.status >= 500 or (c.status >= 400 and c.operation not in allowed_4xx))]
        allowed_urls = missing | {c.url for c in self.calls
                                  if 400 <= c.status < 500 and c.operation in allowed_4xx}
        for text, url in self.console_errors:
            if not (text.startswith("Failed to load resource") and url in allowed_urls):
                out.append(f"console error: {text} ({url})")
        out += [f"page error: {e}" for e in self.page_errors]
        return out
