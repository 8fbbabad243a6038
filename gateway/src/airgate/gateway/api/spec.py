"""The operations of the vendored specs, as the server uses them (from the generated tables).

``OPERATIONS`` holds the three REST documents (public ``/api/v2``, private UI ``/ui``, simple auth
manager ``/auth``) keyed by operationId; ``EXECUTION_OPERATIONS`` the Execution API (whose ids clash
with public ones, e.g. ``get_connection``). ``ALL_OPERATIONS`` has both, execution ids prefixed
``execution.`` -- the key :func:`airgate.gateway.api.validation.parse_params` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from airgate.gateway._generated import auth, execution, public, ui


@dataclass(frozen=True, slots=True)
class OperationInfo:
    """One operation of a vendored spec."""

    operation_id: str
    spec: str  #: "public" | "ui" | "auth" | "execution"
    method: str  #: upper case
    path: str  #: the path served, with the spec's server prefix (``/execution/...``)
    spec_path: str  #: the path as written in the document
    tags: tuple[str, ...]
    parameters: tuple[dict[str, Any], ...]  #: normalised: name, in, required, schema
    body: Any  #: generated model of the JSON request body, or None
    body_required: bool
    body_media_types: tuple[str, ...]
    success_status: int
    response: Any  #: generated model (or type) of the success body, or None
    response_media_types: tuple[str, ...]
    module: str  #: the generated module's import name

    @property
    def tag(self) -> str:
        """The first tag (one module per tag under ``api.<spec>``)."""
        return self.tags[0] if self.tags else ""


def _load(spec: str, module: ModuleType) -> dict[str, OperationInfo]:
    prefix = module.SERVER_PREFIX
    return {
        op_id: OperationInfo(
            operation_id=op_id,
            spec=spec,
            method=op["method"],
            path=prefix + op["path"],
            spec_path=op["path"],
            tags=op["tags"],
            parameters=tuple(op["parameters"]),
            body=op["body"],
            body_required=op["body_required"],
            body_media_types=op["body_media_types"],
            success_status=op["status"],
            response=op["response"],
            response_media_types=op["response_media_types"],
            module=module.__name__,
        )
        for op_id, op in module.OPERATIONS.items()
    }


def _merge(*tables: dict[str, OperationInfo]) -> dict[str, OperationInfo]:
    out: dict[str, OperationInfo] = {}
    for table in tables:
        clash = out.keys() & table.keys()
        if clash:
            raise RuntimeError(f"operationIds defined twice: {sorted(clash)}")
        out.update(table)
    return out


OPERATIONS: dict[str, OperationInfo] = _merge(_load("public", public), _load("ui", ui), _load("auth", auth))
EXECUTION_OPERATIONS: dict[str, OperationInfo] = _load("execution", execution)
ALL_OPERATIONS: dict[str, OperationInfo] = {
    **OPERATIONS,
    **{f"execution.{k}": v for k, v in EXECUTION_OPERATIONS.items()},
}
