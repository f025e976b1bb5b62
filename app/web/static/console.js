// The staff queue: escalations and approvals by SLA due time, filtered, refreshed every 4 s.
(function () {
  "use strict";
  const UI = window.ZerodeskUI, el = UI.el, Staff = window.ZerodeskStaff;
  const form = document.getElementById("filters");
  const body = document.getElementById("queue");
  const params = new URLSearchParams(location.search);

  function options(select, values) {
    const keep = select.value || params.get(select.name) || "";
    const first = select.options[0];
    select.replaceChildren(first, ...values.map((v) => el("option", { value: v, text: v })));
    select.value = values.includes(keep) ? keep : "";
  }

  function due(item) {
    const text = UI.when(item.due);
    return el("td", {}, [el("time", { datetime: item.due, text: text }),
      item.overdue ? el("span", { class: "zd-badge zd-overdue", text: "overdue" }) : null]);
  }

  function row(item) {
    const href = item.kind === "approval" ? "/console/approval/" + item.id : "/console/thread/" + item.thread_id;
    const label = (item.kind === "approval" ? "Approval " : "Escalation ") + item.ticket;
    return el("tr", { "data-kind": item.kind, "data-id": String(item.id) }, [
      due(item),
      el("td", { text: item.kind }),
      el("td", {}, [el("a", { href: href, "aria-label": "Open " + label, text: item.ticket })]),
      el("td", { text: item.reason }), el("td", { text: item.group }),
      el("td", { text: item.priority }), el("td", { text: item.employee_id }),
      el("td", { class: "zd-summary", text: item.summary }),
      el("td", { text: item.status.replace(/_/g, " ") + (item.assigned_staff_id ? " (" + item.assigned_staff_id + ")" : "") })]);
  }

  async function load() {
    const query = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (v) query.set(k, v); });
    try {
      const data = await Staff.call("/api/queue?" + query.toString());
      ["group", "reason", "priority"].forEach((k) => options(form.elements[k], data.filters[k]));
      body.replaceChildren(...data.items.map(row));
      if (!data.items.length) body.appendChild(el("tr", {}, [el("td", { colspan: "9", text: "Nothing waiting. " }) ]));
      Staff.say(data.total + " waiting · updated " + new Date().toLocaleTimeString());
    } catch (err) { Staff.say(err.message, true); }
  }

  form.addEventListener("change", () => {
    const query = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (v) query.set(k, v); });
    history.replaceState(null, "", "/console" + (query.toString() ? "?" + query : ""));
    load();
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  Staff.ready.then((s) => { if (s) { load(); setInterval(load, 4000); } });
})();
