// The approver's page (/approvals): what waits on the signed-in manager or owner, and their
// decision with a comment. Every POST carries the session's CSRF token (cookie session).
(function () {
  "use strict";
  let csrf = "";
  const list = document.getElementById("approvals");
  const status = document.getElementById("console-status");

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined) return;
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.appendChild(c));
    return node;
  }

  function say(message, isError) {
    status.textContent = message || "";
    status.classList.toggle("zd-error", Boolean(isError));
  }

  function signIn() { location.assign("/login?next=" + encodeURIComponent("/approvals")); }

  function call(path, body) {
    return window.ZerodeskHttp.call(path, body, {
      csrf: () => csrf, signIn, signInMessage: "Please sign in again.",
      unreachable: "The Zerodesk server is not reachable; try again shortly.",
    });
  }

  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");

  function card(a) {
    const who = a.requester || {};
    const label = (a.kind === "software" ? "Software: " : "Access: ") + a.item_name;
    const noteId = "note-" + a.id;
    const heading = el("h2", { id: "h-approval-" + a.id, text: label });
    const facts = el("dl", {}, [
      el("dt", { text: "Requested by" }),
      el("dd", { text: (who.name || who.id) + (who.title ? ", " + who.title : "") + (who.department ? " (" + who.department + ")" : "") }),
      el("dt", { text: "Ticket" }), el("dd", { text: a.ticket_number }),
      el("dt", { text: "Asked" }), el("dd", { text: when(a.requested_at) }),
      el("dt", { text: "Decide by" }), el("dd", { text: when(a.due_at) }),
    ]);
    const note = el("textarea", { id: noteId, rows: "2", maxlength: "2000", required: "" });
    const approve = el("button", { type: "button", class: "zd-primary", text: "Approve" });
    const reject = el("button", { type: "button", class: "zd-primary zd-danger", text: "Reject" });
    const outcome = el("p", { class: "zd-help", role: "status" });
    const section = el("section", { class: "zd-panel", "aria-labelledby": heading.id, "data-approval": String(a.id) }, [
      heading, facts,
      el("div", { class: "zd-action-form" }, [
        el("label", { for: noteId, text: "Comment for " + (who.name || who.id) + " (required)" }), note,
        el("div", { class: "zd-actions" }, [approve, reject])]),
      outcome]);

    async function decide(yes) {
      if (!note.value.trim()) { say("Write a short comment first: it tells " + (who.name || "them") + " why.", true); note.focus(); return; }
      approve.disabled = reject.disabled = note.disabled = true;
      try {
        const res = await call("/api/my/approvals/" + a.id + "/decision", { approve: yes, note: note.value });
        const done = res.approval.status;
        section.setAttribute("data-status", done);
        outcome.textContent = "You " + (done === "approved" ? "approved" : "rejected") + " this request; " + (who.name || who.id) + " has been told.";
        say("Decision saved: " + label + " " + done + ".");
      } catch (e) {
        approve.disabled = reject.disabled = note.disabled = false;
        say(e.message, true);
      }
    }
    approve.addEventListener("click", () => decide(true));
    reject.addEventListener("click", () => decide(false));
    return section;
  }

  async function load() {
    const res = await fetch("/api/session", { credentials: "same-origin" });
    if (res.status === 401) { signIn(); return; }
    const s = await res.json();
    csrf = s.csrf;
    document.querySelectorAll("input[name=csrf_token]").forEach((i) => { i.value = s.csrf; });
    document.getElementById("zd-staff-name").textContent = s.name + " (" + s.employee_id + ")";
    const data = await call("/api/my/approvals");
    list.replaceChildren(...data.approvals.map(card));
    say(data.approvals.length ? data.approvals.length + " request(s) wait for your decision." : "Nothing waits for your decision.");
  }

  load().catch((e) => say(e.message, true));
})();
