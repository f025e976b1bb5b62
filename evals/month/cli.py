"""``python -m evals.month generate|replay|replay-full``; ``main(argv)`` for ``zerodesk month``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from evals.month.schema import MonthFileError

DEFAULT_SEED = 7


def _directory(args: argparse.Namespace) -> tuple[object, int]:
    from evals.month.directory import from_database, from_seed_rules

    if args.data_dir:
        from tools.db import make_engine

        db = Path(args.data_dir) / "itsm.db"
        if not db.exists():
            raise MonthFileError(f"{db} does not exist: run `zerodesk seed` first")
        engine = make_engine(f"sqlite:///{db.resolve()}")
        try:
            directory = from_database(engine)
        finally:
            engine.dispose()
        return directory, len(directory.callers)
    return from_seed_rules(args.employees, args.directory_seed), args.employees


def generate(args: argparse.Namespace) -> int:
    from evals.month.generate import MonthGenerator, meta_path, write_month

    started = time.perf_counter()
    directory, employees = _directory(args)
    gen = MonthGenerator(directory, args.seed, args.month)  # type: ignore[arg-type]
    lines = gen.generate(args.tickets)
    out = Path(args.out)
    write_month(lines, gen.meta(args.tickets, employees), out)
    print(json.dumps({"tickets": len(lines), "out": str(out), "meta": str(meta_path(out)),
                      "seconds": round(time.perf_counter() - started, 2)}))
    return 0


def _working_copy(source: Path, run_dir: Path, resume: bool) -> Path:
    """The replay writes to a copy of the data dir, so the seeded one stays as it was."""
    work = run_dir / "var"
    if resume and work.exists():
        return work
    if not (source / "itsm.db").exists() or not (source / "chroma").exists():
        raise MonthFileError(f"{source} has no seeded ITSM or Chroma store: run "
                             "`zerodesk seed` and `zerodesk ingest` with ZERODESK_DATA_DIR set")
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("checkpoints.db*",
                                                                 "escalation-outbox.jsonl"))
    return work


def _processes(args: argparse.Namespace) -> int:
    if args.processes is None:
        return 1 if args.http else 2
    if args.processes < 1:
        raise MonthFileError("--processes must be at least 1")
    return int(args.processes)


def replay(args: argparse.Namespace) -> int:
    from app.settings import Settings
    from evals.month.faults import FaultWindow
    from evals.month.replay import ReplayOptions, run_replay
    from evals.month.simclock import parse_utc

    fault = None
    if args.fault:
        if not args.fault_window:
            raise MonthFileError("--fault needs --fault-window START END")
        fault = FaultWindow(args.fault, parse_utc(args.fault_window[0]),
                            parse_utc(args.fault_window[1]))
    month = Path(args.month_file)
    if not month.is_file():
        raise MonthFileError(f"{month}: no such month file (write one with `generate`)")
    run_dir = Path(args.out or Path("reports") / month.stem)
    base = Settings()
    source = Path(args.data_dir) if args.data_dir else base.data_dir
    if args.http and args.fault:
        raise MonthFileError("--fault switches faults in this process's runtime; with --http "
                             "the server's runtime answers, so inject faults there instead")
    # Over HTTP the server and the replay must share one data dir: the replay sets each
    # ticket's world up and reads the final ITSM state there, where the server acts.
    in_place = args.in_place or bool(args.http)
    data = source if in_place else _working_copy(source, run_dir, args.resume)
    settings = base.model_copy(update={"data_dir": data})
    options = ReplayOptions(workers=args.workers, resume=args.resume, fault=fault,
                            limit=args.limit, http=args.http, staff_scale=args.staff_scale,
                            progress=not args.no_progress, torch_threads=args.torch_threads,
                            processes=_processes(args))
    summary = run_replay(month, run_dir, settings, options)
    res = summary["results"]
    print(json.dumps({"report": str(run_dir / "index.html"), **summary["run"],
                      "autonomous_rate": res["autonomous_rate"],
                      "correct_rate": res["correct_rate"],
                      "unsafe_actions": summary["safety"]["unsafe_actions"]}, default=str))
    return 0


def replay_full(args: argparse.Namespace) -> int:
    """Generate the standard month and replay it (``make replay``)."""
    run_dir = Path(args.out or f"reports/month-{args.seed}")
    month = run_dir / "month.jsonl"
    gen_args = argparse.Namespace(tickets=args.tickets, seed=args.seed, month=args.month,
                                  out=str(month), employees=args.employees,
                                  directory_seed=args.directory_seed, data_dir=args.data_dir)
    generate(gen_args)
    if not args.resume and (run_dir / "run").exists():
        shutil.rmtree(run_dir / "run")  # the standard run is redone from scratch
    args.month_file, args.out = str(month), str(run_dir / "run")
    return replay(args)


def _replay_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--http", metavar="URL",
                   help="drive a running server instead of in-process; --data-dir must be the "
                        "server's ZERODESK_DATA_DIR (the replay works in it, in place)")
    p.add_argument("--workers", type=int, default=1,
                   help="threads per process running tickets concurrently")
    p.add_argument("--processes", type=int,
                   help="processes running tickets, each with its own runtime (default 2 "
                        "in-process, 1 with --http)")
    p.add_argument("--resume", action="store_true", help="skip tickets already in results.jsonl")
    p.add_argument("--fault", choices=("itsm", "chroma", "embedder"))
    p.add_argument("--fault-window", nargs=2, metavar=("START", "END"),
                   help="ISO times in UTC, e.g. 2026-10-14T09:00:00Z 2026-10-14T12:00:00Z")
    p.add_argument("--limit", type=int, help="replay only the first N tickets (by arrival)")
    p.add_argument("--out", help="run directory (default reports/<month file name>)")
    p.add_argument("--data-dir", help="seeded data dir to copy (default ZERODESK_DATA_DIR)")
    p.add_argument("--in-place", action="store_true",
                   help="write into the data dir itself instead of a copy in the run dir")
    p.add_argument("--staff-scale", type=float, default=1.0, help="multiply every roster")
    p.add_argument("--torch-threads", type=int, default=1,
                   help="torch intra-op threads (0 leaves torch's default)")
    p.add_argument("--no-progress", action="store_true")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="zerodesk month",
                                   description="Generate and replay a synthetic ticket month.")
    sub = root.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a month of tickets with ground truth")
    full = sub.add_parser("replay-full", help="generate the standard month and replay it")
    for p in (gen, full):
        p.add_argument("--tickets", type=int, default=25_000)
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
        p.add_argument("--month", default="2026-10", help="calendar month, YYYY-MM")
        p.add_argument("--employees", type=int,
                       help="size of the seeded directory, E000001..E<N> (default: "
                            "ZERODESK_SEED_EMPLOYEES, as `zerodesk seed` used)")
        p.add_argument("--directory-seed", type=int,
                       help="the seed `zerodesk seed` used (default: ZERODESK_SEED)")
    gen.add_argument("--out", required=True)
    gen.add_argument("--data-dir", help="read callers from this seeded ITSM instead of the rules")
    rep = sub.add_parser("replay", help="drive a month through the graph and write a report")
    rep.add_argument("month_file")
    _replay_options(rep)
    _replay_options(full)
    gen.set_defaults(func=generate)
    rep.set_defaults(func=replay)
    full.set_defaults(func=replay_full)
    return root


def _seed_defaults(args: argparse.Namespace) -> None:
    """Callers are drawn from the directory `zerodesk seed` built, so by default the month
    reads the same settings it did."""
    if getattr(args, "employees", 0) is None or getattr(args, "directory_seed", 0) is None:
        from app.settings import Settings

        settings = Settings()
        if args.employees is None:
            args.employees = settings.seed_employees
        if args.directory_seed is None:
            args.directory_seed = settings.seed


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        _seed_defaults(args)
        return int(args.func(args))
    except (MonthFileError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # `python -m evals.month.cli ...` (the Makefile's replay target)
    raise SystemExit(main())
