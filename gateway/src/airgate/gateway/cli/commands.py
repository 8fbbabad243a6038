"""What each CLI command does."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from airgate.gateway import __version__
from airgate.gateway.cli import eventloop, heap
from airgate.gateway.config import Settings, load_settings
from airgate.gateway.config.loader import parse_value
from airgate.gateway.config.options import BY_KEY


def _apply_bind(settings: Settings, args: argparse.Namespace) -> Settings:
    changes: dict[str, object] = {}
    if getattr(args, "host", None):
        changes["host"] = args.host
    if getattr(args, "port", None) is not None:
        changes["port"] = parse_value(BY_KEY[("api", "port")], str(args.port), "--port")
    return settings.with_overrides(**changes) if changes else settings


def _serve(settings: Settings, *, migrate_first: bool, banner: str) -> int:
    import uvicorn

    from airgate.gateway.app import create_app
    from airgate.gateway.cli.http_protocol import HTTP_PROTOCOL

    # lite parses DAG files itself; api-server leaves that to `airgate dag-processor`, as in Airflow
    app = create_app(settings, migrate_first=migrate_first, parse_dags=migrate_first, fetch_ui=True,
                     run_scheduler=migrate_first)
    print(banner, file=sys.stderr, flush=True)
    # http: httptools (a dependency of the gateway) sending each response in one write, else uvicorn's "auto"
    # (cli/http_protocol.py); the loop: uvloop's when installed (cli/eventloop.py, ADR 0023)
    config = uvicorn.Config(
        app, host=settings.host, port=settings.port, log_level="warning", lifespan="on", access_log=False,
        loop=eventloop.UVICORN_LOOP, http=HTTP_PROTOCOL,
    )
    server = uvicorn.Server(config)
    heap.tune_collector()  # the imported code is never walked by a collection again
    server.run()
    return 0 if server.started else 1


def _login_hint(settings: Settings) -> str:
    if settings.simple_auth_manager_all_admins:
        return "everyone is admin (simple_auth_manager_all_admins)"
    from airgate.gateway.auth.users import UserDirectory, parse_users

    users = UserDirectory(
        parse_users(settings.simple_auth_manager_users),
        settings.simple_auth_manager_passwords_file,
        all_admins=False,
    )
    passwords = users.ensure_passwords()
    admins = [u.username for u in users.users.values() if u.role_name == "admin"]
    if not admins:
        return f"users: {', '.join(users.users)} (passwords in {settings.simple_auth_manager_passwords_file})"
    name = admins[0]
    return f"login: {name} / {passwords.get(name, '?')} (passwords in {settings.simple_auth_manager_passwords_file})"


def run(args: argparse.Namespace) -> int:
    """Dispatch one parsed command line."""
    if args.command == "version":
        print(__version__)
        return 0
    settings = load_settings()
    if args.command == "compile":
        from airgate.shim.__main__ import main as shim_main

        timeout = args.timeout if args.timeout is not None else settings.dagbag_import_timeout
        return shim_main(["compile", *args.paths, "--timeout", str(timeout)])
    if args.command == "db":
        return _db(settings, args.db_command)
    if args.command == "lite":
        settings = _apply_bind(settings, args)
        banner = (
            f"Airgate lite {__version__}: http://{settings.host}:{settings.port} "
            f"over {settings.sql_alchemy_conn.split('?')[0]}\n{_login_hint(settings)}"
        )
        return _serve(settings, migrate_first=True, banner=banner)
    if args.command == "api-server":
        settings = _apply_bind(settings, args)
        reason = asyncio.run(_check(settings))
        if reason:
            print(f"airgate api-server: the database is not ready: {reason}; run `airgate db migrate`",
                  file=sys.stderr)
            return 1
        return _serve(settings, migrate_first=False,
                      banner=f"Airgate api-server {__version__}: http://{settings.host}:{settings.port}")
    if args.command == "dag-processor":
        return _dag_processor(settings)
    if args.command == "scheduler":
        return _scheduler(settings)
    print(f"airgate {args.command}: not available in this release yet (use `airgate lite`)", file=sys.stderr)
    return 2


def _dag_processor(settings: Settings) -> int:
    from airgate.gateway.registry.lifespan import serve
    from airgate.gateway.store.migrate import check_revision

    try:
        reason = asyncio.run(check_revision(settings.sql_alchemy_conn))
    except Exception as exc:  # a database that cannot be reached is reported, not raised
        reason = f"cannot reach the database: {exc.__class__.__name__}: {exc}"
    if reason:
        print(f"airgate dag-processor: the database is not ready: {reason}", file=sys.stderr)
        return 1
    print(f"Airgate dag-processor {__version__}: watching {settings.dags_folder}", file=sys.stderr, flush=True)
    heap.tune_collector()
    with contextlib.suppress(KeyboardInterrupt):
        eventloop.run(serve(settings))
    return 0


def _scheduler(settings: Settings) -> int:
    from airgate.gateway.scheduler import serve

    print(f"Airgate scheduler {__version__}: executor {settings.executor}", file=sys.stderr, flush=True)
    heap.tune_collector()
    with contextlib.suppress(KeyboardInterrupt):
        eventloop.run(serve(settings))
    return 0


async def _check(settings: Settings) -> str | None:
    from airgate.gateway.store import check

    try:
        return await check(settings.sql_alchemy_conn)
    except Exception as exc:  # a database that cannot be reached is reported, not raised
        return f"cannot reach the database: {exc.__class__.__name__}: {exc}"


def _db(settings: Settings, command: str) -> int:
    if command == "migrate":
        from airgate.gateway.store import migrate

        asyncio.run(migrate(settings.sql_alchemy_conn))
        print("Database migrated.")
        return 0
    reason = asyncio.run(_check(settings))
    if reason:
        print(f"Database check failed: {reason}", file=sys.stderr)
        return 1
    print("Database is reachable and up to date.")
    return 0
