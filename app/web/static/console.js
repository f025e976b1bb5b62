// IT staff console: the escalation queue (read-only in this version).
(function () {
  "use strict";
  const status = document.getElementById("console-status");
  const body = document.getElementById("queue");

  function cell(text) { const td = document.createElement("td"); td.textContent = text == null ? "" : String(text); return td; }

  async function load() {
    const res = await fetch("/api/escalations?status=open", { credentials: "include" });
    if (res.status === 401 || res.status === 403) { status.textContent = "Sign in as IT staff at /login."; return; }
    if (!res.ok) { status.textContent = "Could not load the queue; retrying."; return; }
    const data = await res.json();
    body.replaceChildren();
    data.escalations.forEach((e) => {
      const tr = document.createElement("tr");
      [e.ticket, e.reason, e.group, "P" + e.priority, e.employee_id, e.summary, e.created_at]
        .forEach((v) => tr.appendChild(cell(v)));
      body.appendChild(tr);
    });
    status.textContent = data.escalations.length + " open";
  }
  load(); setInterval(load, 5000);
})();
