"""The LangGraph orchestrator: explicit nodes, plain-code routing, escalation on any failure."""
