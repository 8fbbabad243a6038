"""Generate msgspec models and operation tables from the vendored OpenAPI documents.

Usage::

    python openapi/codegen.py          # (re)write gateway/src/airgate/gateway/_generated/*.py
    python openapi/codegen.py --check  # exit 1 if regenerating would change anything

One module per document (``public``, ``ui``, ``auth``, ``execution``); the scheme the modules follow
is described in ``MODULE_DOC`` below (it becomes each module's docstring).
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "openapi"
OUT_DIR = ROOT / "gateway" / "src" / "airgate" / "gateway" / "_generated"

#: module name -> vendored document
SPECS: dict[str, str] = {
    "public": "v2-rest-api-generated.yaml",
    "ui": "_private_ui.yaml",
    "auth": "v2-simple-auth-manager-generated.yaml",
    "execution": "execution-api-2026-04-06.json",
}

MODULE_DOC = '''"""Models and operations of {title} ({version}).

generated from openapi/{file} by openapi/codegen.py, do not edit

Scheme:

* One ``msgspec.Struct`` (``kw_only=True``) per component object schema, named as the schema;
  ``additionalProperties: false`` -> ``forbid_unknown_fields=True``. Names that are not identifiers
  are renamed and keep their wire name through ``msgspec.field(name=...)``.
* Component enums -> ``StrEnum`` (pydantic reports them as ``enum``); inline ``enum``/``const``
  -> ``Literal`` (pydantic reports ``literal_error``). Both encode to their values.
* ``format: date-time`` -> ``datetime``, ``date`` -> ``date``, ``uuid`` -> ``UUID``,
  ``duration`` -> ``timedelta``; ``anyOf [X, null]`` -> ``X | None``; constraints -> ``msgspec.Meta``.
* Request models (used only in request bodies): an optional field with a non-null spec default gets
  that default; any other optional field defaults to ``msgspec.UNSET`` so a handler can tell
  "not sent" from "sent as null" (PATCH semantics).
* Response models (everything else): an optional field defaults to its spec default, else ``None``
  (``[]``/``{{}}`` for non-nullable arrays/objects) -- so encoding emits every key, as Airflow does.
  Exception: models of routes that exclude unset fields (``EXCLUDE_UNSET`` in the generator, e.g.
  ``TIRunContext``) use ``UNSET`` like request models.
* ``oneOf`` of structs whose ``action`` is a ``const`` -> tagged union (``tag_field="action"``).
  Other unions msgspec cannot represent are typed ``Any``.
* ``additionalProperties: true`` objects keep only their declared fields (extra keys are dropped).
* ``OPERATIONS``: operationId -> method, path, tags, parameters (normalised schemas), request body
  model, success status, response model. ``TITLES``: struct -> pydantic class name where they differ.
"""'''

UNSET_REQ = "UNSET"
#: response models of routes declared with ``response_model_exclude_unset=True`` (Airflow emits only the
#: fields it set): their optional fields without a non-null default are ``UNSET`` like request fields
EXCLUDE_UNSET: dict[str, set[str]] = {"execution": {"TIRunContext"}}
#: names used inside annotations; a field must not shadow them (class namespace lookups)
BUILTIN_NAMES = {"str", "int", "float", "bool", "list", "dict", "tuple", "None", "UNSET", "UnsetType"}


def load(name: str) -> dict[str, Any]:
    text = (SPEC_DIR / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return dict(json.loads(text))
    return dict(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def ident(name: str) -> str:
    """A Python identifier for ``name``."""
    out = re.sub(r"\W", "_", name)
    if not out or out[0].isdigit():
        out = "_" + out
    return out


def field_ident(name: str) -> str:
    """A Python attribute name for the wire field ``name``."""
    out = re.sub(r"\W", "_", name).strip("_") or "field"
    if out[0].isdigit():
        out = "f_" + out
    if keyword.iskeyword(out) or out in BUILTIN_NAMES:
        out += "_"
    return out


def member_ident(value: Any) -> str:
    out = re.sub(r"\W+", "_", str(value)).strip("_").upper() or "EMPTY"
    if out[0].isdigit():
        out = "V_" + out
    if keyword.iskeyword(out):
        out += "_"
    return out


def num(value: Any, integer: bool) -> Any:
    if integer and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Gen:
    """Generates one module from one document."""

    def __init__(self, module: str, file: str) -> None:
        self.module = module
        self.file = file
        self.doc = load(file)
        self.schemas: dict[str, Any] = self.doc.get("components", {}).get("schemas", {})
        self.names = {name: ident(name) for name in self.schemas}
        self.request_only = self._request_only()
        self.tags: dict[str, tuple[str, str]] = self._tagged()

    # -- analysis -----------------------------------------------------------------------------
    def _refs(self, node: Any, acc: set[str]) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in acc:
                    acc.add(name)
                    self._refs(self.schemas[name], acc)
            for value in node.values():
                self._refs(value, acc)
        elif isinstance(node, list):
            for value in node:
                self._refs(value, acc)

    def _request_only(self) -> set[str]:
        req: set[str] = set()
        resp: set[str] = set()
        for op in self._operations():
            if "requestBody" in op:
                self._refs(op["requestBody"], req)
            for status, answer in op.get("responses", {}).items():
                if status != "422":
                    self._refs(answer, resp)
        return req - resp

    def _tagged(self) -> dict[str, tuple[str, str]]:
        """Structs that take part in a oneOf over a ``const`` property -> (tag field, tag)."""
        out: dict[str, tuple[str, str]] = {}
        for name in self._oneof_struct_unions():
            props = self.schemas[name].get("properties", {})
            for pname, p in props.items():
                if "const" in p:
                    out[name] = (pname, p["const"])
                    break
        return out

    def _oneof_struct_unions(self) -> set[str]:
        found: set[str] = set()

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                members = node.get("oneOf")
                if isinstance(members, list) and members and all("$ref" in m for m in members):
                    names = [m["$ref"].rsplit("/", 1)[-1] for m in members]
                    consts = [self._const_prop(n) for n in names]
                    if all(consts) and len({c[0] for c in consts if c}) == 1:
                        found.update(names)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.schemas)
        return found

    def _const_prop(self, name: str) -> tuple[str, str] | None:
        for pname, p in self.schemas[name].get("properties", {}).items():
            if "const" in p:
                return pname, p["const"]
        return None

    def _operations(self) -> list[dict[str, Any]]:
        ops = []
        for item in self.doc.get("paths", {}).values():
            for method, op in item.items():
                if method in ("get", "put", "post", "delete", "patch", "head", "options"):
                    ops.append(op)
        return ops

    def kind(self, name: str) -> str:
        """struct | enum | alias"""
        s = self.schemas[name]
        if "enum" in s:
            return "enum"
        if s.get("type") == "object" and "properties" in s:
            return "struct"
        return "alias"

    # -- types --------------------------------------------------------------------------------
    def render(self, s: dict[str, Any]) -> str:
        """Python type expression for schema ``s``."""
        if "$ref" in s:
            return self.names[s["$ref"].rsplit("/", 1)[-1]]
        for key in ("anyOf", "oneOf"):
            if key in s:
                return self.render_union(s[key])
        if "const" in s:
            return f"_t.Literal[{s['const']!r}]"
        if "enum" in s:
            return "_t.Literal[" + ", ".join(repr(v) for v in s["enum"]) + "]"
        typ = s.get("type")
        if isinstance(typ, list):
            return self.render_union([{**s, "type": t} for t in typ])
        meta: dict[str, Any] = {}
        if typ == "string":
            fmt = s.get("format")
            base = {"date-time": "_dt.datetime", "date": "_dt.date", "uuid": "_uuid.UUID",
                    "duration": "_dt.timedelta"}.get(fmt or "", "str")
            if base == "str":
                for k, m in (("minLength", "min_length"), ("maxLength", "max_length"), ("pattern", "pattern")):
                    if k in s:
                        meta[m] = s[k]
        elif typ in ("integer", "number"):
            base = "int" if typ == "integer" else "float"
            for k, m in (("minimum", "ge"), ("maximum", "le"), ("exclusiveMinimum", "gt"), ("exclusiveMaximum", "lt")):
                if k in s:
                    meta[m] = num(s[k], typ == "integer")
        elif typ == "boolean":
            base = "bool"
        elif typ == "null":
            return "None"
        elif typ == "array":
            if "prefixItems" in s:
                base = "tuple[" + ", ".join(self.render(x) for x in s["prefixItems"]) + "]"
            else:
                base = f"list[{self.render(s.get('items', {}))}]"
                for k, m in (("minItems", "min_length"), ("maxItems", "max_length")):
                    if k in s:
                        meta[m] = s[k]
        elif typ == "object" or "additionalProperties" in s:
            extra = s.get("additionalProperties", True)
            value = "_t.Any" if extra is True or extra == {} else self.render(extra)
            key = "str"
            if "propertyNames" in s:
                key = self.render(s["propertyNames"])
            base = f"dict[{key}, {value}]"
        else:
            return "_t.Any"
        if meta:
            args = ", ".join(f"{k}={v!r}" for k, v in meta.items())
            return f"_t.Annotated[{base}, _m.Meta({args})]"
        return base

    def category(self, s: dict[str, Any]) -> str:
        """msgspec union category of a member schema (at most one per category in a union)."""
        if "$ref" in s:
            name = s["$ref"].rsplit("/", 1)[-1]
            k = self.kind(name)
            if k == "struct":
                return "object:" + ("tagged" if name in self.tags else name)
            if k == "enum":
                return "str"
            return self.category(self.schemas[name]) if self.schemas[name] else "any"
        if "anyOf" in s or "oneOf" in s:
            return "union"
        typ = s.get("type")
        if "const" in s or "enum" in s or typ == "string":
            return "str"
        if typ == "array":
            return "array"
        if typ == "object":
            return "object:dict"
        return str(typ or "any")

    def render_union(self, members: list[dict[str, Any]]) -> str:
        nullable = any(m.get("type") == "null" for m in members)
        rest = [m for m in members if m.get("type") != "null"]
        cats = [self.category(m) for m in rest]
        objects = {c for c in cats if c.startswith("object:")}
        ok = (
            "any" not in cats
            and "union" not in cats
            and len(set(cats)) == len(cats) - max(0, cats.count("object:tagged") - 1)
            and (len(objects) <= 1)
            and not ({"integer", "number"} <= set(cats) and False)
        )
        if not rest:
            return "None"
        if not ok:
            return "_t.Any"
        parts = [self.render(m) for m in rest]
        if nullable:
            parts.append("None")
        return " | ".join(dict.fromkeys(parts))

    # -- defaults -----------------------------------------------------------------------------
    def default(self, prop: dict[str, Any], request: bool) -> str:
        if "default" in prop and prop["default"] is not None:
            return self.render_default(prop, prop["default"])
        if request:
            return UNSET_REQ
        nullable = self.nullable(prop)
        if "default" in prop or nullable:
            return "None"
        typ = self.resolve(prop).get("type")
        if typ == "array":
            return "_m.field(default_factory=list)"
        if typ == "object":
            return "_m.field(default_factory=dict)"
        return "None"

    def resolve(self, s: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in s:
            s = self.schemas[s["$ref"].rsplit("/", 1)[-1]]
        return s

    def nullable(self, s: dict[str, Any]) -> bool:
        for key in ("anyOf", "oneOf"):
            if any(m.get("type") == "null" for m in s.get(key, [])):
                return True
        return s.get("type") == "null" or (isinstance(s.get("type"), list) and "null" in s["type"])

    def render_default(self, prop: dict[str, Any], value: Any) -> str:
        target = prop
        if "$ref" in prop:
            name = prop["$ref"].rsplit("/", 1)[-1]
            if self.kind(name) == "enum":
                return f"{self.names[name]}.{self.enum_members(name)[value]}"
        if isinstance(value, (list, dict)):
            if not value:
                return f"_m.field(default_factory={type(value).__name__})"
            return f"_m.field(default_factory=lambda: {value!r})"
        if isinstance(value, float) and self.resolve(target).get("type") == "integer" and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            fmt = self.resolve(target).get("format")
            if fmt == "date":
                return f"_dt.date.fromisoformat({value!r})"
        return repr(value)

    def enum_members(self, name: str) -> dict[Any, str]:
        s = self.schemas[name]
        names = s.get("x-enum-varnames") or [member_ident(v) for v in s["enum"]]
        return dict(zip(s["enum"], names, strict=True))

    # -- emitters -----------------------------------------------------------------------------
    def emit(self) -> str:
        info = self.doc.get("info", {})
        lines = [
            MODULE_DOC.format(title=info.get("title", self.module), version=info.get("version", ""), file=self.file),
            "",
            "# ruff: noqa",
            "# mypy: ignore-errors",
            "from __future__ import annotations",
            "",
            "import datetime as _dt",
            "import enum as _enum",
            "import typing as _t",
            "import uuid as _uuid",
            "",
            "import msgspec as _m",
            "from msgspec import UNSET, UnsetType",
            "",
            f"SPEC_FILE = {self.file!r}",
            f"SPEC_VERSION = {info.get('version', '')!r}",
            f"SERVER_PREFIX = {(self.doc.get('servers') or [{'url': ''}])[0]['url'].rstrip('/')!r}",
            "",
        ]
        for name in self.schemas:
            if self.kind(name) == "enum":
                lines += self.emit_enum(name)
        for name in self.schemas:
            if self.kind(name) == "alias":
                lines += [f"{self.names[name]} = {self.render(self.schemas[name]) if self.schemas[name] else '_t.Any'}", ""]
        lines.append("")
        for name in self.schemas:
            if self.kind(name) == "struct":
                lines += self.emit_struct(name)
        titles = {self.names[n]: self.schemas[n].get("title", n) for n in self.schemas
                  if self.kind(n) == "struct" and self.schemas[n].get("title", n) != self.names[n]}
        lines += ["#: struct name -> pydantic class name where they differ (used in error locations)",
                  f"TITLES: dict[str, str] = {titles!r}", ""]
        lines += self.emit_operations()
        return "\n".join(lines).rstrip() + "\n"

    def emit_enum(self, name: str) -> list[str]:
        s = self.schemas[name]
        out = [f"class {self.names[name]}(_enum.StrEnum):", f"    {self.docline(s, name)}", ""]
        for value, member in self.enum_members(name).items():
            out.append(f"    {member} = {value!r}")
        return [*out, "", ""]

    def docline(self, s: dict[str, Any], name: str) -> str:
        text = (s.get("description") or s.get("title") or name).strip().splitlines()[0].strip()
        return repr(text.replace('"""', "'"))

    def emit_struct(self, name: str) -> list[str]:
        s = self.schemas[name]
        request = name in self.request_only or name in EXCLUDE_UNSET.get(self.module, set())
        opts = ["_m.Struct", "kw_only=True"]
        if s.get("additionalProperties") is False:
            opts.append("forbid_unknown_fields=True")
        tag = self.tags.get(name)
        if tag:
            opts += [f"tag_field={tag[0]!r}", f"tag={tag[1]!r}"]
        out = [f"class {self.names[name]}({', '.join(opts)}):", f"    {self.docline(s, name)}", ""]
        required = set(s.get("required", []))
        fields = 0
        for pname, prop in s.get("properties", {}).items():
            if tag and pname == tag[0]:
                continue
            fname = field_ident(pname)
            if fname in self.names.values():
                fname += "_"
            typ = self.render(prop)
            if pname in required:
                default = None
            else:
                default = self.default(prop, request)
                if default == UNSET_REQ:
                    typ = f"{typ} | UnsetType"
            if fname != pname:
                if default is None:
                    value = f"_m.field(name={pname!r})"
                elif default.startswith("_m.field("):
                    value = f"_m.field(name={pname!r}, " + default[len("_m.field(") :]
                else:
                    value = f"_m.field(name={pname!r}, default={default})"
                out.append(f"    {fname}: {typ} = {value}")
            elif default is None:
                out.append(f"    {fname}: {typ}")
            else:
                out.append(f"    {fname}: {typ} = {default}")
            fields += 1
        if not fields:
            out.append("    pass")
        return [*out, "", ""]

    def param_schema(self, s: dict[str, Any]) -> dict[str, Any]:
        """A normalised parameter schema (see ``airgate.gateway.api.validation.params``)."""
        out: dict[str, Any] = {}
        members = s.get("anyOf") or s.get("oneOf")
        if members:
            rest = [m for m in members if m.get("type") != "null"]
            if len(rest) < len(members):
                out["nullable"] = True
            inner = rest[0] if len(rest) == 1 else {}
        else:
            inner = s
        if "default" in s:
            out["default"] = s["default"]
        if "$ref" in inner:
            name = inner["$ref"].rsplit("/", 1)[-1]
            target = self.schemas[name]
            inner = {**target, "x-enum-class": self.names[name]} if "enum" in target else target
        if inner.get("type") == "array":
            out["array"] = True
            inner = inner.get("items", {})
            if "$ref" in inner:
                name = inner["$ref"].rsplit("/", 1)[-1]
                inner = {**self.schemas[name], "x-enum-class": self.names[name]}
        typ = inner.get("type", "any")
        fmt = inner.get("format")
        if typ == "string" and fmt in ("date-time", "date", "uuid"):
            typ = {"date-time": "datetime"}.get(fmt, fmt)
        if "const" in inner:
            out["choices"], out["choice_kind"] = [inner["const"]], "literal"
        elif "enum" in inner:
            out["choices"] = list(inner["enum"])
            out["choice_kind"] = "enum" if "x-enum-class" in inner else "literal"
            if "x-enum-class" in inner:
                out["enum_class"] = inner["x-enum-class"]
        out["type"] = typ
        for k, m in (("minimum", "ge"), ("maximum", "le"), ("exclusiveMinimum", "gt"), ("exclusiveMaximum", "lt"),
                     ("minLength", "min_length"), ("maxLength", "max_length"), ("pattern", "pattern")):
            if k in inner:
                out[m] = num(inner[k], typ == "integer")
        return dict(sorted(out.items()))

    def emit_operations(self) -> list[str]:
        out = ["", "#: operationId -> method, path, tags, parameters, body model, success status, response model",
               "OPERATIONS: dict[str, dict[str, _t.Any]] = {"]
        for path, item in self.doc.get("paths", {}).items():
            for method, op in item.items():
                if method not in ("get", "put", "post", "delete", "patch", "head", "options"):
                    continue
                params = [
                    {"name": p["name"], "in": p["in"], "required": bool(p.get("required", False)),
                     "schema": self.param_schema(p.get("schema", {}))}
                    for p in op.get("parameters", [])
                ]
                body = "None"
                body_required = False
                media: list[str] = []
                if "requestBody" in op:
                    rb = op["requestBody"]
                    body_required = bool(rb.get("required", False))
                    media = list(rb.get("content", {}))
                    contents: list[dict[str, Any]] = list(rb.get("content", {}).values())
                    schema = contents[0].get("schema", {}) if contents else {}
                    body = self.render(schema) if schema else "_t.Any"
                statuses = [k for k in op.get("responses", {}) if k[0] in "23"]
                status = int(statuses[0]) if statuses else 200
                response = "None"
                content = op.get("responses", {}).get(str(status), {}).get("content", {})
                if content:
                    schema = next(iter(content.values())).get("schema", {})
                    response = self.render(schema) if schema else "_t.Any"
                out += [
                    f"    {op['operationId']!r}: {{",
                    f"        'method': {method.upper()!r},",
                    f"        'path': {path!r},",
                    f"        'tags': {tuple(op.get('tags', []))!r},",
                    f"        'parameters': {params!r},",
                    f"        'body': {body},",
                    f"        'body_required': {body_required!r},",
                    f"        'body_media_types': {tuple(media)!r},",
                    f"        'status': {status!r},",
                    f"        'response': {response},",
                    f"        'response_media_types': {tuple(content)!r},",
                    "    },",
                ]
        out.append("}")
        return out


def generate() -> dict[Path, str]:
    files: dict[Path, str] = {}
    for module, file in SPECS.items():
        files[OUT_DIR / f"{module}.py"] = Gen(module, file).emit()
    files[OUT_DIR / "__init__.py"] = (
        '"""msgspec models generated from the vendored OpenAPI documents.\n\n'
        "generated from openapi/*.yaml|json by openapi/codegen.py, do not edit\n\n"
        + "".join(f"* ``{m}`` -- openapi/{f}\n" for m, f in SPECS.items())
        + '"""\n'
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if regenerating would change anything")
    args = parser.parse_args(argv)
    changed = []
    for path, text in generate().items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            changed.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in changed:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(("out of date: " if args.check else "wrote ") + str(shown))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
