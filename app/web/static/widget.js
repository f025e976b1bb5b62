// Zerodesk employee widget. Embed with <script src="https://HOST/static/widget.js" defer></script>
// and an optional <div id="zerodesk-widget"></div>. No build step, no inline script (CSP).
(function () {
  "use strict";
  const script = document.currentScript;
  const origin = script ? new URL(script.src, location.href).origin : location.origin;
  const api = (path) => origin + path;
  const KEY = "zerodesk.thread";
  let csrf = "";
  let threadId = localStorage.getItem(KEY) || null;
  let lastMessageId = 0;
  let busy = false;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.appendChild(c));
    return node;
  }

  // Replies are plain text with a few Markdown shapes; build DOM nodes, never innerHTML.
  function renderText(text) {
    const box = el("div", { class: "zd-text" });
    let list = null;
    text.split("\n").forEach((line) => {
      const item = line.match(/^\s*(\d+)\.\s+(.*)$/);
      if (item) {
        if (!list) { list = el("ol"); box.appendChild(list); }
        list.appendChild(inline(el("li"), item[2]));
        return;
      }
      list = null;
      if (line.trim()) box.appendChild(inline(el("p"), line));
    });
    return box;
  }

  function inline(node, text) {
    const re = /\[([^\]]+)\]\((\/kb\/[A-Za-z0-9._-]+)\)/g;
    let last = 0, m;
    while ((m = re.exec(text))) {
      node.appendChild(document.createTextNode(text.slice(last, m.index)));
      node.appendChild(el("a", { href: api(m[2]), target: "_blank", rel: "noopener", text: m[1] }));
      last = re.lastIndex;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }

  const root = document.getElementById("zerodesk-widget") || document.body.appendChild(
    el("div", { id: "zerodesk-widget", class: "zd-floating" }));
  root.classList.add("zd-widget");
  const log = el("div", { class: "zd-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  const status = el("div", { class: "zd-status", role: "status", "aria-live": "polite" });
  const input = el("textarea", { id: "zd-input", rows: "2", maxlength: "4000", "aria-label": "Your message", placeholder: "Describe your IT issue…" });
  const send = el("button", { type: "submit", class: "zd-send", text: "Send" });
  const form = el("form", { class: "zd-form" }, [input, send]);
  root.append(log, status, form);

  function addBubble(role, text, extra) {
    const bubble = el("div", { class: "zd-msg zd-" + role });
    bubble.appendChild(el("span", { class: "zd-who", text: role === "employee" ? "You" : role === "staff" ? "IT staff" : "IT agent" }));
    bubble.appendChild(renderText(text || ""));
    if (extra) bubble.appendChild(extra);
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
    return bubble;
  }

  function ticketCards(actions) {
    const box = el("div", { class: "zd-cards" });
    (actions || []).forEach((a) => {
      const data = a.data || {};
      if (!data.ticket) return;
      box.appendChild(el("div", { class: "zd-card" }, [
        el("strong", { text: data.ticket }), el("span", { text: " · " + (data.state || a.status) })]));
    });
    return box.childNodes.length ? box : null;
  }

  function confirmButtons() {
    const box = el("div", { class: "zd-actions" });
    const yes = el("button", { type: "button", class: "zd-yes", text: "Confirm" });
    const no = el("button", { type: "button", class: "zd-no", text: "Cancel" });
    yes.addEventListener("click", () => { box.remove(); submit("yes"); });
    no.addEventListener("click", () => { box.remove(); submit("no"); });
    box.append(yes, no);
    return box;
  }

  function showResult(body) {
    const extras = el("div");
    const cards = ticketCards(body.actions);
    if (cards) extras.appendChild(cards);
    if (body.outcome === "awaiting_confirmation") extras.appendChild(confirmButtons());
    if (body.reply) addBubble("agent", body.reply, extras);
  }

  async function call(path, options) {
    const res = await fetch(api(path), Object.assign({ credentials: "include" }, options || {}));
    if (res.status === 401) { status.textContent = "Please sign in first."; throw new Error("auth"); }
    if (res.status === 429) { status.textContent = "Too many messages — wait a moment and retry."; throw new Error("rate"); }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) { status.textContent = (body.error && body.error.message) || "Something went wrong."; throw new Error("http"); }
    return body;
  }

  async function submit(text) {
    if (busy || !text.trim()) return;
    busy = true; send.disabled = true;
    addBubble("employee", text);
    status.textContent = "Working on it…";
    try {
      const body = await call("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ message: text, thread_id: threadId }),
      });
      threadId = body.thread_id; localStorage.setItem(KEY, threadId);
      status.textContent = "";
      showResult(body);
      await poll(true);
    } catch (err) {
      if (err.message === "http" || err.message === "auth" || err.message === "rate") return;
      status.textContent = "The help service is not reachable. Check your connection and retry.";
    } finally { busy = false; send.disabled = false; input.focus(); }
  }

  async function poll(silent) {
    if (!threadId) return;
    const body = await call("/api/threads/" + threadId + "/messages?after=" + lastMessageId);
    body.messages.forEach((m) => {
      lastMessageId = Math.max(lastMessageId, m.id);
      if (!silent || m.role === "staff") addBubble(m.role, m.text);
    });
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); const t = input.value; input.value = ""; submit(t); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  call("/api/session").then((s) => {
    csrf = s.csrf;
    return poll(false).catch(() => { threadId = null; localStorage.removeItem(KEY); });
  }).then(() => setInterval(() => { if (!busy) poll(true).catch(() => {}); }, 3000)).catch(() => {});
})();
