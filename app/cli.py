"""The ``zerodesk`` console script. Typed errors become one-line messages here, and only here."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import zlib
from collections.abc import Callable, Sequence
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from pydantic import ValidationError

from app.errors import ZerodeskError
from app.settings import Settings
from knowledge.errors import KnowledgeError
from tools.errors import ToolError

PLUGIN_GROUP = "zerodesk.commands"


def _plugins() -> dict[str, EntryPoint]:
    """Subcommands installed packages register (the evals' ``month``), so the CLI reaches
    them without app/ importing those packages."""
    return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP)}


def _parser(plugins: Sequence[str] = ()) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zerodesk", description="An AI agent on the IT helpdesk.")
    sub = p.add_subparsers(dest="command", required=True)
    for name in plugins:  # listed in --help; the plugin parses its own arguments
        sub.add_parser(name, help=f"{name} ... (see `zerodesk {name} --help`)", add_help=False)
    s = sub.add_parser("serve", help="serve the API, widget and console with uvicorn")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--workers", type=int, default=1)
    i = sub.add_parser("ingest", help="ingest a folder of markdown articles into the KB")
    i.add_argument("--kb", type=Path, help="folder of articles (default: the bundled KB)")
    i.add_argument("--check", action="store_true", help="validate and firewall only")
    sd = sub.add_parser("seed", help="seed the ITSM database (idempotent)")
    sd.add_argument("--employees", type=int)
    a = sub.add_parser("ask", help="run messages through the agent")
    a.add_argument("message", nargs="?")
    a.add_argument("--as", dest="employee", help="employee id, or 'auto'")
    a.add_argument("--json", action="store_true")
    a.add_argument("--batch", type=Path)
    a.add_argument("--out", type=Path)
    q = sub.add_parser("search", help="run the agent's retrieval")
    q.add_argument("query", nargs="?")
    q.add_argument("--k", type=int, default=5)
    q.add_argument("--json", action="store_true")
    q.add_argument("--batch", type=Path)
    q.add_argument("--out", type=Path)
    q.add_argument("--staff", action="store_true", help="include it_staff articles")
    sub.add_parser("sla-sweep", help="escalate tickets and approvals past their SLA")
    sub.add_parser("outbox-flush", help="retry escalations waiting in the outbox")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    argv = list(sys.argv[1:] if argv is None else argv)
    plugins = _plugins()
    if argv and argv[0] in plugins:
        return int(plugins[argv[0]].load()(argv[1:]))
    args = _parser(sorted(plugins)).parse_args(argv)
    from app import commands

    handlers: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
        "serve": commands.serve, "ingest": commands.ingest, "seed": commands.seed,
        "ask": commands.ask, "search": commands.search, "sla-sweep": commands.sla_sweep,
        "outbox-flush": commands.outbox_flush,
    }
    try:
        settings = Settings()
        return handlers[args.command](args, settings)
    except ValidationError as exc:
        problems = "; ".join(
            f"ZERODESK_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        print(f"zerodesk {args.command}: error: bad setting: {problems}", file=sys.stderr)
        return 2
    except (ZerodeskError, KnowledgeError, ToolError) as exc:
        print(f"zerodesk {args.command}: error: {exc}", file=sys.stderr)
        return 2


def auto_seed(case_id: object) -> int:
    return zlib.crc32(json.dumps(case_id, default=str).encode())


if __name__ == "__main__":
    raise SystemExit(main())
