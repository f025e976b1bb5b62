// DOM building for the widget and the console: elements and text nodes, never HTML strings.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = String(v); else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach((c) => { if (c) node.appendChild(c); });
    return node;
  }

  // Links to KB articles ([title](/kb/ID)) and **bold**; everything else stays text.
  function inline(node, text) {
    const re = /\[([^\]]+)\]\((\/kb\/[A-Za-z0-9._-]+)\)|\*\*([^*]+)\*\*/g;
    let last = 0, m;
    while ((m = re.exec(text))) {
      node.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[2]) node.appendChild(el("a", { href: m[2], target: "_blank", rel: "noopener", class: "zd-cite", text: m[1] }));
      else node.appendChild(el("strong", { text: m[3] }));
      last = re.lastIndex;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }

  function renderText(text) {
    const box = el("div", { class: "zd-text" });
    let list = null;
    String(text || "").split("\n").forEach((line) => {
      const item = line.match(/^\s*(?:\d+\.|[-*])\s+(.*)$/);
      if (item) {
        if (!list) { list = el(/^\s*\d/.test(line) ? "ol" : "ul"); box.appendChild(list); }
        list.appendChild(inline(el("li"), item[1]));
        return;
      }
      list = null;
      if (line.trim()) box.appendChild(inline(el("p"), line));
    });
    return box;
  }

  const WHO = { employee: "You", agent: "IT agent", staff: "IT staff", system: "Note" };

  function bubble(role, text, extras, who) {
    const node = el("div", { class: "zd-msg zd-" + role }, [
      el("span", { class: "zd-who", text: who || WHO[role] || role }), renderText(text)]);
    (extras || []).forEach((x) => { if (x) node.appendChild(x); });
    return node;
  }

  const STATES = { new: "New", in_progress: "In progress", on_hold: "Waiting for approval",
    resolved: "Resolved", closed: "Closed", cancelled: "Cancelled" };

  function stateLabel(state) { return STATES[state] || String(state || "").replace(/_/g, " "); }

  function card(number, state, detail) {
    const node = el("div", { class: "zd-card", "data-ticket": number, "data-state": state || "" }, [
      el("span", { class: "zd-card-number", text: number }),
      el("span", { class: "zd-card-state", text: stateLabel(state) }),
      detail ? el("span", { class: "zd-card-detail", text: detail }) : null]);
    return node;
  }

  function setCardState(node, state) {
    node.setAttribute("data-state", state);
    node.querySelector(".zd-card-state").textContent = stateLabel(state);
  }

  function buttons(className, label, choices, hideLabel) {
    const group = el("div", { class: "zd-actions " + className, role: "group", "aria-label": label });
    if (!hideLabel) group.appendChild(el("span", { class: "zd-actions-label", text: label }));
    choices.forEach(([text, cls, onClick]) => {
      const b = el("button", { type: "button", class: cls, text: text });
      b.addEventListener("click", () => onClick(group, b));
      group.appendChild(b);
    });
    return group;
  }

  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  }

  window.ZerodeskUI = { el, inline, renderText, bubble, card, setCardState, stateLabel, buttons, when };
})();
