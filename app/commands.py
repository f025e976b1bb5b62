"""What each CLI command does. Heavy objects are built here, once per process, as needed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.batch import read_ask_cases, read_search_cases
from app.errors import BadInput
from app.settings import Settings


def _emit(obj: Any, out: Any = None) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str), file=out or sys.stdout)


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from app.api.security import check_signing_key

    host = args.host or settings.host
    port = args.port or settings.port
    check_signing_key(settings, host)  # --host bypasses the settings the app checks itself
    print(f"Zerodesk widget:  http://{host}:{port}/")
    print(f"Staff console:    http://{host}:{port}/console")
    print(f"Dev sign-in:      http://{host}:{port}/login")
    uvicorn.run("app.api.asgi:make_app", factory=True, host=host, port=port,
                workers=args.workers, log_level="warning")
    return 0


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    from app.runtime import firewall_scanner, open_chunks
    from knowledge.embedder import Embedder
    from knowledge.ingest import check_kb, ingest_kb

    kb = args.kb or settings.kb_dir
    if not Path(kb).is_dir():
        raise BadInput(f"--kb {kb}: not a directory")
    if args.check:
        report = check_kb(Path(kb), firewall_scanner())
        for err in report.errors:
            print(f"invalid: {err}", file=sys.stderr)
        for q in report.quarantined:
            print(f"quarantined: {q['path']}: {'; '.join(map(str, q['reasons']))}",  # type: ignore[call-overload]
                  file=sys.stderr)
        ok = not report.errors and not report.quarantined
        print("ok: every article is valid" if ok else
              f"{len(report.errors)} invalid, {len(report.quarantined)} quarantined")
        return 0 if ok else 1
    settings.ensure_dirs()
    report = ingest_kb(Path(kb), open_chunks(settings), Embedder(), firewall_scanner())
    for err in report.errors:
        print(f"invalid (kept its last good version, if any): {err}", file=sys.stderr)
    for q in report.quarantined:
        print(f"quarantined: {q['path']}", file=sys.stderr)
    _emit(report.as_dict())
    return 0


def seed(args: argparse.Namespace, settings: Settings) -> int:
    from tools.db import create_schema, make_engine
    from tools.seed import seed_itsm

    settings.ensure_dirs()
    engine = make_engine(settings.itsm_url)
    create_schema(engine)
    report = seed_itsm(engine, employees=args.employees or settings.seed_employees,
                       seed=settings.seed)
    _emit(report.as_dict() if hasattr(report, "as_dict") else vars(report))
    engine.dispose()
    return 0


def _resolve_employee(runtime: Any, who: str, case_id: object) -> str:
    from app.cli import auto_seed

    if who == "auto":
        return str(runtime.itsm.pick_employee(auto_seed(case_id)))
    employee = runtime.itsm.get_employee(who.upper())
    if employee is None:
        raise BadInput(f"unknown employee id {who!r}")
    return str(employee.id)


def ask(args: argparse.Namespace, settings: Settings) -> int:
    from app.runtime import build_runtime

    if args.batch:
        if not args.out:
            raise BadInput("--batch needs --out FILE")
        cases = read_ask_cases(args.batch)
    elif args.message:
        if not args.employee:
            raise BadInput("give the employee with --as EMPLOYEE_ID (or --as auto)")
        cases = None
    else:
        raise BadInput("give a message, or --batch IN.jsonl --out OUT.jsonl")
    runtime = build_runtime(settings, durability="exit")
    try:
        if cases is None:
            employee = _resolve_employee(runtime, args.employee, args.message)
            result = runtime.conversations.send(employee, None, args.message)
            if args.json:
                _emit(result.contract())
            else:
                print(result.reply)
                print(f"[{result.outcome}]", file=sys.stderr)
            return 0
        resolved = []
        for case in cases:  # validate every employee before running anything
            try:
                resolved.append((case, _resolve_employee(runtime, case.employee, case.id)))
            except BadInput as exc:
                raise BadInput(f"{args.batch}:{case.line}: {exc}") from exc
        with args.out.open("w", encoding="utf-8") as out:
            for case, employee_id in resolved:
                thread = None
                turns = []
                for text in case.turns:
                    result = runtime.conversations.send(employee_id, thread, text)
                    thread = result.thread_id
                    turns.append(result.contract())
                _emit({"id": case.id, "turns": turns}, out)
        print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)
        return 0
    finally:
        runtime.close()


def search(args: argparse.Namespace, settings: Settings) -> int:
    from app.runtime import open_chunks
    from knowledge.embedder import Embedder
    from knowledge.retriever import EMPLOYEE_AUDIENCE, STAFF_AUDIENCE, HybridRetriever

    if args.k < 1 or args.k > 50:
        raise BadInput("--k must be between 1 and 50")
    audiences = STAFF_AUDIENCE if args.staff else EMPLOYEE_AUDIENCE
    if args.batch:
        if not args.out:
            raise BadInput("--batch needs --out FILE")
        cases = read_search_cases(args.batch)
    elif not args.query:
        raise BadInput("give a query, or --batch IN.jsonl --out OUT.jsonl")
    retriever = HybridRetriever(Embedder(), open_chunks(settings))
    if retriever.size == 0:
        raise BadInput("the knowledge base is empty: run `zerodesk ingest` first")
    if not args.batch:
        hits = retriever.search(args.query, args.k, audiences)
        if args.json:
            _emit({"query": args.query, "results": [
                {"article_id": h.article_id, "chunk_id": h.chunk_id, "score": h.score,
                 "confidence": h.confidence, "title": h.title} for h in hits]})
        else:
            for h in hits:
                print(f"{h.score:.4f}  {h.confidence:.2f}  {h.article_id}  {h.title}")
        return 0
    results = retriever.search_many([c.query for c in cases], args.k, audiences)
    with args.out.open("w", encoding="utf-8") as out:
        for case, hits in zip(cases, results, strict=True):
            _emit({"id": case.id, "results": [
                # The contract's three fields, plus the calibrated confidence a company needs
                # to choose its own answer threshold on its own KB.
                {"article_id": h.article_id, "chunk_id": h.chunk_id, "score": h.score,
                 "confidence": h.confidence} for h in hits]}, out)
    print(f"wrote {len(cases)} results to {args.out}", file=sys.stderr)
    return 0


def sla_sweep(args: argparse.Namespace, settings: Settings) -> int:
    from app.role_card import load_role_card
    from app.runtime import open_itsm, utc_now
    from tools.sla import sla_sweep as sweep

    engine, itsm = open_itsm(settings, load_role_card(settings.role_card), utc_now)
    try:
        report = sweep(itsm, utc_now())
        _emit(report.as_dict() if hasattr(report, "as_dict") else vars(report))
    finally:
        engine.dispose()
    return 0


def outbox_flush(args: argparse.Namespace, settings: Settings) -> int:
    from app.outbox import Outbox, deliver_to
    from app.role_card import load_role_card
    from app.runtime import open_itsm, utc_now

    engine, itsm = open_itsm(settings, load_role_card(settings.role_card), utc_now)
    try:
        delivered, left = Outbox(settings.outbox_path).flush(deliver_to(itsm))
        _emit({"delivered": delivered, "left": left})
        return 0 if left == 0 else 1
    finally:
        engine.dispose()
