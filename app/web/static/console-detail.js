// One escalation (/console/thread/ID) or approval (/console/approval/ID): what happened, why,
// and the staff actions. The conversation updates live over server-sent events.
(function () {
  "use strict";
  const UI = window.ZerodeskUI, el = UI.el, Staff = window.ZerodeskStaff;
  const [, , kind, key] = location.pathname.split("/");
  const $ = (id) => document.getElementById(id);
  let me = null, thread = null, events = null, seen = new Set();

  function table(headers, rows) {
    if (!rows.length) return el("p", { class: "zd-help", text: "None recorded." });
    return el("div", { class: "zd-table-wrap" }, [el("table", {}, [
      el("thead", {}, [el("tr", {}, headers.map((h) => el("th", { scope: "col", text: h })))]),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => c instanceof Node ? el("td", {}, [c]) : el("td", { text: c == null ? "" : String(c) })))))])]);
  }

  function facts(pairs) {
    $("summary").replaceChildren(...pairs.filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== "")
      .flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: String(v) })]));
  }

  function field(id, labelText, control) {
    control.id = id;
    return [el("label", { for: id, text: labelText }), control];
  }

  function form(name, children, buttons, onSubmit) {
    const f = el("form", { class: "zd-action-form", "aria-label": name }, [...children, el("div", { class: "zd-actions" }, buttons)]);
    f.addEventListener("submit", async (e) => {
      e.preventDefault();
      const action = e.submitter ? e.submitter.value : "";
      f.querySelectorAll("button").forEach((b) => { b.disabled = true; });
      try { await onSubmit(new FormData(f), action); await load(); Staff.say("Done."); }
      catch (err) { Staff.say(err.message, true); }
      finally { f.querySelectorAll("button").forEach((b) => { b.disabled = false; }); }
    });
    return f;
  }

  const button = (text, value, extra) => el("button", Object.assign({ type: "submit", value: value || "", text: text }, extra || {}));
  const select = (values) => el("select", {}, values.map((v) => el("option", { value: v, text: v.replace(/_/g, " ") })));

  function threadActions(t) {
    const mine = t.held_by === me.employee_id;
    const out = [];
    const base = "/api/threads/" + t.thread_id;
    out.push(form("Conversation ownership", [el("p", { text: t.held_by ? "Held by " + t.held_by + ": the agent is silent." : "The agent is answering this conversation." })],
      [mine ? button("Hand back to the agent", "back") : button("Take over", "take")],
      (data, action) => Staff.call(base + (action === "back" ? "/handback" : "/takeover"), {})));
    const reply = el("textarea", { rows: "3", name: "text", required: true, disabled: !mine });
    out.push(form("Staff reply", field("reply-text", mine ? "Reply to the employee" : "Reply (take over first)", reply),
      [button("Send reply", "", { disabled: !mine })], (data) => Staff.call(base + "/reply", { text: data.get("text") })));
    if (t.escalation && t.escalation.status !== "resolved") {
      const code = select(t.resolution_codes); code.name = "code"; code.value = "fixed";
      const note = el("textarea", { rows: "2", name: "note", required: true });
      out.push(form("Resolution", [...field("resolve-code", "Resolution code", code), ...field("resolve-note", "Resolution note", note)],
        [button("Resolve")], (data) => Staff.call(base + "/resolve", { resolution_code: data.get("code"), note: data.get("note") })));
      const group = select(t.groups.filter((g) => g !== t.escalation.group)); group.name = "group";
      const why = el("textarea", { rows: "2", name: "note" });
      out.push(form("Reassignment", [...field("reassign-group", "Reassign to group", group), ...field("reassign-note", "Why (optional)", why)],
        [button("Reassign")], (data) => Staff.call(base + "/reassign", { group: data.get("group"), note: data.get("note") })));
    }
    return out;
  }

  function approvalActions(a) {
    if (a.status !== "pending") return [el("p", { text: "Decided: " + a.status + " by " + a.decided_by + " — " + (a.decision_note || "") })];
    const note = el("textarea", { rows: "3", name: "note", required: true });
    return [form("Approval decision", field("decision-note", "Decision note (required)", note),
      [button("Approve", "approve"), button("Reject", "reject", { class: "zd-danger" })],
      (data, action) => Staff.call("/api/approvals/" + a.id + "/decision", { approve: action === "approve", note: data.get("note") }))];
  }

  function addMessage(m) {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    const box = $("transcript");
    box.appendChild(m.role === "system" ? el("p", { class: "zd-help", text: "Employee feedback: " + m.text })
      : UI.bubble(m.role, m.text, [el("span", { class: "zd-who", text: UI.when(m.at) })], m.role === "employee" ? "Employee" : ""));
    box.scrollTop = box.scrollHeight;
  }

  function showThread(t) {
    thread = t;
    t.transcript.forEach(addMessage);
    const e = t.escalation, p = (e && e.packet) || {};
    const steps = (p.steps_tried || []).map((s) => s.kb_article ? "Read " + s.kb_article : (s.tool + ": " + s.status + (s.message ? " — " + s.message : "")));
    $("packet").replaceChildren(e ? el("div", {}, [
      el("p", { text: p.summary || e.summary }),
      el("p", { text: "Intent: " + (p.intent || "unclassified") }),
      steps.length ? el("ul", {}, steps.map((s) => el("li", { text: s }))) : el("p", { class: "zd-help", text: "No steps tried." }),
      p.proposed_action ? el("pre", { class: "zd-json", text: "Proposed action: " + JSON.stringify(p.proposed_action, null, 1) }) : null,
      p.error ? el("pre", { class: "zd-json", text: "Error: " + JSON.stringify(p.error, null, 1) }) : null,
      p.reassigned ? el("p", { text: "Reassigned from " + p.reassigned.from_group + " (" + p.reassigned.from_ticket + ") by " + p.reassigned.by }) : null])
      : el("p", { class: "zd-help", text: "This conversation was not escalated." }));
    const last = t.traces[t.traces.length - 1] || {};
    const evidence = p.evidence || [];
    $("evidence").replaceChildren(table(["Article", "Score", "Confidence"], evidence.map((v) => [
      el("a", { href: "/kb/" + v.article_id, target: "_blank", rel: "noopener", text: v.article_id }), v.score == null ? "" : Number(v.score).toFixed(3),
      v.confidence == null ? "" : Number(v.confidence).toFixed(2)])));
    const verdicts = (p.guardrails && p.guardrails.length ? p.guardrails : last.guardrails) || [];
    $("guardrails").replaceChildren(table(["Check", "Verdict", "Code", "Reasons"], verdicts.map((v) => [v.check,
      el("span", { class: "zd-verdict-" + v.action, text: v.action }), v.code || "", (v.reasons || []).join("; ")])));
    $("trace").replaceChildren(...(t.traces.length ? t.traces.map((turn) => el("details", {}, [
      el("summary", { text: "Turn " + turn.turn + ": " + turn.outcome + " (" + (turn.intent || "no intent") + ", " + Math.round(turn.latency_ms || 0) + " ms)" }),
      table(["Node", "ms", "Status"], (turn.nodes || []).map((n) => [n.node, n.ms, n.status])),
      el("p", { text: "Actions: " + ((turn.actions || []).map((a) => a.tool + " " + a.status).join(", ") || "none") })])) : [el("p", { class: "zd-help", text: "No turns traced." })]));
    if (!events && window.EventSource) {
      events = new EventSource("/api/threads/" + t.thread_id + "/events?after=" + Math.max(0, ...seen));
      events.addEventListener("message", (ev) => addMessage(JSON.parse(ev.data)));
      events.addEventListener("state", (ev) => { if (Boolean(JSON.parse(ev.data).held) !== Boolean(thread.held_by)) load(); });
    }
  }

  async function load() {
    try {
      if (kind === "approval") {
        const d = await Staff.call("/api/console/approvals/" + encodeURIComponent(key));
        const a = d.approval;
        $("detail-title").textContent = "Approval " + a.ticket_number + ": " + a.item_name;
        facts([["Employee", a.employee_id], ["Item", a.kind + ": " + a.item_name], ["Waits for", a.approver_kind + (a.approver_id ? " " + a.approver_id : "")],
          ["Status", a.status], ["Due", UI.when(a.due_at)], ["Ticket", d.ticket.number + " · " + UI.stateLabel(d.ticket.state)]]);
        $("actions").replaceChildren(...approvalActions(a), ...(d.thread ? threadActions(d.thread) : []));
        if (d.thread) showThread(d.thread);
      } else {
        const t = await Staff.call("/api/console/threads/" + encodeURIComponent(key));
        const e = t.escalation;
        $("detail-title").textContent = e ? "Escalation " + e.ticket_number + ": " + e.reason.replace(/_/g, " ") : "Conversation " + t.thread_id;
        facts([["Employee", t.employee.name + " (" + t.employee.id + ")" + (t.employee.vip ? " · VIP" : "")], ["Department", t.employee.department],
          ["Reason", e && e.reason], ["Group", e && e.group], ["Priority", e && e.priority], ["Status", e && e.status.replace(/_/g, " ")],
          ["SLA due", e && UI.when(e.sla_due)], ["Ticket", t.ticket && t.ticket.number + " · " + UI.stateLabel(t.ticket.state)],
          ["Held by", t.held_by || "nobody (agent answers)"], ["Waiting for", t.waiting_for]]);
        $("actions").replaceChildren(...threadActions(t));
        showThread(t);
      }
    } catch (err) { Staff.say(err.message, true); }
  }

  Staff.ready.then((s) => { if (s) { me = s; load(); } });
})();
