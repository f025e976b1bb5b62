"""The mock ITSM the Zerodesk agent acts on.

Entry points: ``tools.db.make_engine`` / ``create_schema``, ``tools.seed.seed_itsm``,
``tools.service.ITSM`` (tools, escalations, approvals, tickets, audit), ``tools.sla.sla_sweep``,
``tools.faults.FaultInjector`` and ``tools.ledger.idempotency_key``. Nothing here imports
``app``, ``evals`` or ``knowledge``.
"""
