// The agent's job description, as loaded by the server (the whole card for IT staff).
(function () {
  "use strict";
  const el = window.ZerodeskUI.el, Staff = window.ZerodeskStaff;

  function section(title, children) {
    return el("section", { class: "zd-panel" }, [el("h2", { text: title }), ...children]);
  }
  const list = (items) => el("ul", {}, (items || []).map((i) => el("li", { text: i })));
  function grid(rows) {
    return el("dl", {}, rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: String(v) })]));
  }
  function table(headers, rows) {
    return el("div", { class: "zd-table-wrap" }, [el("table", {}, [
      el("thead", {}, [el("tr", {}, headers.map((h) => el("th", { scope: "col", text: h })))]),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", { text: String(c) })))))])]);
  }

  async function load() {
    try {
      const c = await Staff.call("/api/role-card");
      document.getElementById("card-title").textContent = c.agent + " — role card v" + c.version;
      const parts = [
        section("Owner", [grid([["Name", c.owner.name], ["Title", c.owner.title], ["Email", c.owner.email],
          ["Review cadence", c.review_cadence], ["Last reviewed", c.last_reviewed || "—"]])]),
        section("Mission", [el("p", { text: c.mission })]),
        section("Responsibilities", [list(c.responsibilities)]),
        section("Not responsible for", [list(c.not_responsible_for)]),
      ];
      if (c.systems) parts.push(section("Systems", [grid([["Reads", c.systems.reads.join(", ")], ["Writes", c.systems.writes.join(", ")]])]));
      if (c.tools) parts.push(section("Tools", [grid([["Allowed", c.tools.allowed.join(", ")], ["Confirm before", c.tools.confirm_before.join(", ")]])]));
      if (c.thresholds) parts.push(section("Thresholds", [grid(Object.entries(c.thresholds).map(([k, v]) => [k.replace(/_/g, " "), v]))]));
      if (c.escalation) parts.push(section("Escalation routes", [table(["Reason", "Group", "Priority"],
        [["default", c.escalation.default.group, "P" + c.escalation.default.priority]].concat(
          Object.entries(c.escalation.reasons).map(([r, v]) => [r, v.group, "P" + v.priority]))),
        el("p", { class: "zd-help", text: "VIP priority bump: " + c.escalation.vip_priority_bump })]));
      if (c.kpis) parts.push(section("KPIs", [table(["KPI", "Description", "Baseline", "Target"], c.kpis.map((k) => [k.name, k.description, k.baseline, k.target]))]));
      if (c.digest) parts.push(el("p", { class: "zd-help", text: "Loaded version " + c.version + ", digest " + c.digest + "." }));
      document.getElementById("card").replaceChildren(...parts);
    } catch (err) { Staff.say(err.message, true); }
  }

  Staff.ready.then((s) => { if (s) load(); });
})();
