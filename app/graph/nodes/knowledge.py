"""retrieve and answer: hybrid search, the deterministic composer, the citation verifier."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langgraph.runtime import Runtime

from app.graph.deps import GraphDeps
from app.graph.nodes.screening import verdict_json
from app.graph.state import TurnContext, TurnState
from app.graph.wrap import NodeFn
from app.llm import phrase
from guardrails.citations import Source, verify
from knowledge.compose import FRAMING, Draft, Segment, compose
from knowledge.retriever import EMPLOYEE_AUDIENCE, Hit

TOP_K = 5
# Below this dense similarity nothing in the KB is even about the topic.
NO_CONTENT_SIMILARITY = 0.3


def make_retrieve(deps: GraphDeps) -> NodeFn:
    def retrieve(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        query = state.get("query") or state.get("message", "")
        vector = deps.embedder.embed_query(query)
        hits = deps.retriever.search_vector(query, vector, TOP_K, EMPLOYEE_AUDIENCE)
        return {"evidence": [asdict(h) for h in hits]}

    return retrieve


def make_answer(deps: GraphDeps) -> NodeFn:
    thresholds = deps.role_card.thresholds

    def answer(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        hits = [Hit(**h) for h in state.get("evidence", [])]
        if not hits:
            return {"escalate_reason": "no_kb_content"}
        top = hits[0]
        if top.confidence < thresholds.min_answer_confidence:
            weak = top.dense < NO_CONTENT_SIMILARITY
            return {"escalate_reason": "no_kb_content" if weak else "low_confidence"}
        query = state.get("query") or state.get("message", "")
        chunks = {top.article_id: deps.retriever.chunks_of(top.article_id)}
        draft = compose([top], chunks, query=query)
        sources = {
            c.id: Source(c.article_id, c.title, c.text)
            for cs in chunks.values() for c in cs
        }
        if deps.llm is not None:
            phrased = phrase(deps.llm, query, draft.segments,
                             {cid: s.article_id for cid, s in sources.items()})
            framing = [s for s in draft.segments if s.kind == "framing"]
            draft = Draft([*framing[:1], *phrased, *framing[1:]])
        verdict = verify(draft.segments, sources, FRAMING, threshold=thresholds.citation_support)
        verdicts = [*state.get("guardrails", []), verdict_json(verdict)]
        if verdict.blocks:
            return {"guardrails": verdicts, "escalate_reason": "grounding_failed"}
        return {
            "guardrails": verdicts,
            "segments": [_segment_json(s, sources) for s in draft.segments],
            "reply": draft.render(),
            "citations": draft.citations,
            "last_kb": draft.citations,
            "outcome": "answered",
        }

    return answer


def _segment_json(seg: Segment, sources: dict[str, Source]) -> dict[str, Any]:
    # Word for word from a cited section (the deterministic composer's claims; a phrased one
    # only when the model copied it): the output screen reads it as article text.
    quoted = seg.kind == "claim" and any(
        c in sources and seg.text in sources[c].text for c in seg.cites)
    return {"text": seg.text, "kind": seg.kind, "cites": list(seg.cites),
            "framing": seg.framing, "article_id": seg.article_id, "list_item": seg.list_item,
            "quoted": quoted}
