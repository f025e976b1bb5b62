// The widget's conversation: session, streamed turns (SSE over fetch), live thread events,
// reload survival (thread id in localStorage), and clear offline / rate-limit / sign-in states.
(function () {
  "use strict";
  const UI = window.ZerodeskUI, el = UI.el;
  const KEY = "zerodesk.thread.";
  const S = { csrf: "", employee: "", thread: null, seen: new Set(), lastId: 0, busy: false,
    deferred: [], events: null, countdown: null };

  const root = document.getElementById("zerodesk-widget");
  root.classList.add("zd-widget");
  const inFrame = window.top !== window.self;
  const title = el("h2", { id: "zd-title", class: "zd-title", text: "IT help" });
  const who = el("span", { class: "zd-signed-in" });
  const fresh = el("button", { type: "button", class: "zd-link zd-new", text: "New conversation", hidden: true });
  const banner = el("p", { class: "zd-banner", role: "status", hidden: true,
    text: "A member of the IT team has joined; they will reply here." });
  const log = el("div", { class: "zd-log", role: "log", "aria-live": "polite", "aria-labelledby": "zd-title", tabindex: "0" });
  const status = el("p", { class: "zd-status", role: "status", "aria-live": "polite" });
  const alertBox = el("div", { class: "zd-alert", role: "alert", hidden: true });
  const input = el("textarea", { id: "zd-input", rows: "2", maxlength: "4000", "aria-describedby": "zd-hint",
    placeholder: "Describe your IT issue…", disabled: true });
  const send = el("button", { type: "submit", class: "zd-send", text: "Send", disabled: true });
  const form = el("form", { class: "zd-form", "aria-label": "Send a message" }, [
    el("label", { for: "zd-input", class: "zd-sr", text: "Your message" }), input, send,
    el("p", { id: "zd-hint", class: "zd-sr", text: "Enter sends; Shift+Enter starts a new line." })]);
  root.append(el("div", { class: "zd-head" }, [title, who, fresh]), banner, log, status, alertBox, form);

  class ApiError extends Error {
    constructor(kind, message, extra) { super(message); this.kind = kind; Object.assign(this, extra || {}); }
  }

  async function api(path, options) {
    let res;
    try { res = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {})); }
    catch (e) { throw new ApiError("network", "The IT help service is not reachable right now."); }
    if (res.ok) return res;
    const body = await res.json().catch(() => ({}));
    const message = (body.error && body.error.message) || "The request failed (" + res.status + ").";
    if (res.status === 401) throw new ApiError("auth", message);
    if (res.status === 429) throw new ApiError("rate", message, { retryAfter: parseInt(res.headers.get("Retry-After") || "30", 10) });
    throw new ApiError(res.status >= 500 ? "server" : "http", message, { status: res.status });
  }

  const post = (path, body) => api(path, { method: "POST", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-CSRF-Token": S.csrf } });

  function setAlert(message, retry, extra) {
    clearInterval(S.countdown);
    alertBox.replaceChildren();
    alertBox.hidden = !message;
    if (!message) return;
    alertBox.appendChild(el("p", { text: message }));
    if (extra) alertBox.appendChild(extra);
    if (retry) {
      const b = el("button", { type: "button", class: "zd-retry", text: "Retry" });
      b.addEventListener("click", () => { setAlert(null); retry(); });
      alertBox.appendChild(b);
      return b;
    }
    return null;
  }

  function failure(err, retry, sending) {
    if (err.kind === "auth") {
      const link = el("a", { href: location.origin + "/login?next=" + encodeURIComponent(inFrame ? "/" : location.pathname),
        target: inFrame ? "_blank" : null, rel: "noopener", class: "zd-signin", text: "Sign in" });
      setAlert("Please sign in to get IT help.", retry, link);
    } else if (err.kind === "rate") {
      let left = Math.max(1, err.retryAfter || 30);
      const text = err.message.charAt(0).toUpperCase() + err.message.slice(1) + ". Your message was not sent yet.";
      const b = setAlert(text, retry);
      const tick = () => { b.disabled = left > 0; b.textContent = left > 0 ? "Retry in " + left + " s" : "Retry"; left -= 1; };
      tick(); S.countdown = setInterval(() => { tick(); if (left < 0) clearInterval(S.countdown); }, 1000);
    } else if (err.kind === "http") {
      setAlert(err.message, null);
    } else {
      setAlert(err.message + (sending ? " Your message was not sent yet: press Retry to send it again." : ""), retry);
    }
  }

  function remember(thread) {
    S.thread = thread; fresh.hidden = !thread;
    if (thread) localStorage.setItem(KEY + S.employee, thread); else localStorage.removeItem(KEY + S.employee);
  }

  function add(node) { log.appendChild(node); log.scrollTop = log.scrollHeight; return node; }

  function feedbackButtons() {
    return UI.buttons("zd-feedback", "Did this solve it?", [["Yes", "zd-yes", answer(true)], ["No", "zd-no", answer(false)]]);
    function answer(solved) {
      return async (group) => {
        group.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        try {
          await post("/api/threads/" + S.thread + "/feedback", { solved: solved });
          group.replaceChildren(el("span", { class: "zd-thanks", text: solved
            ? "Thanks, glad that worked." : "Sorry about that. Tell me more, or ask for a person." }));
        } catch (err) { group.querySelectorAll("button").forEach((b) => { b.disabled = false; }); failure(err, null); }
      };
    }
  }

  function confirmButtons() {
    const choose = (text) => (group) => { group.remove(); submit(text); };
    return UI.buttons("zd-confirm", "Confirm or cancel this request", [["Confirm", "zd-yes", choose("yes")],
      ["Cancel", "zd-no", choose("no")]], true);
  }

  function showResult(r) {
    remember(r.thread_id);
    if (r.handled_by === "human") { setHeld(true); return; }
    const cards = (r.actions || []).filter((a) => a.data && a.data.ticket).map((a) =>
      UI.card(a.data.ticket, a.data.state, a.data.software || a.data.group || a.tool.replace(/_/g, " ")));
    if (r.escalation && r.escalation.ticket) cards.push(UI.card(r.escalation.ticket, "new", "With " + r.escalation.group));
    const extras = cards.length ? [el("div", { class: "zd-cards" }, cards)] : [];
    // Only the newest question can be answered: an older Confirm would send "yes" to whatever
    // is pending now, not to the proposal it sits under.
    log.querySelectorAll(".zd-confirm").forEach((g) => g.remove());
    let focus = null;
    if (r.outcome === "awaiting_confirmation") extras.push(focus = confirmButtons());
    else if ((r.outcome === "answered" && (r.citations || []).length) || r.outcome === "action_completed") extras.push(feedbackButtons());
    if (r.reply) add(UI.bubble("agent", r.reply, extras));
    if (focus) focus.querySelector("button").focus();
    startEvents();
  }

  async function readStream(res, onEvent) {
    const reader = res.body.getReader(), decoder = new TextDecoder();
    let buffer = "", done = false;
    while (!done) {
      const chunk = await reader.read().catch(() => { throw new ApiError("network", "The connection dropped before the answer arrived."); });
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
        let event = "message", data = "";
        block.split("\n").forEach((line) => {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data += line.slice(6);
        });
        if (data) done = onEvent(event, JSON.parse(data)) || done;
      }
    }
    if (!done) throw new ApiError("network", "The connection dropped before the answer arrived.");
    reader.cancel().catch(() => {});
  }

  async function submit(text, mine) {
    text = (text || "").trim();
    if (!text || S.busy) return;
    S.busy = true; send.disabled = true; setAlert(null);
    mine = mine || add(UI.bubble("employee", text));
    mine.classList.remove("zd-failed");
    status.textContent = "Sending…";
    try {
      const res = await api("/api/chat/stream", { method: "POST", body: JSON.stringify({ message: text, thread_id: S.thread }),
        headers: { "Content-Type": "application/json", "Accept": "text/event-stream", "X-CSRF-Token": S.csrf } });
      await readStream(res, (event, data) => {
        if (event === "progress") status.textContent = data.text;
        else if (event === "messages") data.ids.forEach((id) => { S.seen.add(id); S.lastId = Math.max(S.lastId, id); });
        else if (event === "result") { status.textContent = ""; showResult(data); return true; }
        else if (event === "error") throw new ApiError(data.status === 429 ? "rate" : data.status >= 500 ? "server" : "http", data.error.message);
        return false;
      });
    } catch (err) {
      status.textContent = "";
      mine.classList.add("zd-failed");
      failure(err, () => submit(text, mine), true);
    } finally {
      S.busy = false; send.disabled = false;
      S.deferred.splice(0).forEach(onMessage);
      if (!document.activeElement || document.activeElement === document.body || document.activeElement === send) input.focus();
    }
  }

  function setHeld(held) {
    banner.hidden = !held;
    status.textContent = held ? "A member of the IT team has this conversation." : "";
  }

  function onMessage(m) {
    if (S.busy) { S.deferred.push(m); return; }
    S.lastId = Math.max(S.lastId, m.id);
    if (S.seen.has(m.id)) return;
    S.seen.add(m.id);
    if (m.role === "system") return;
    add(UI.bubble(m.role, m.text));
    if (m.role !== "employee") refreshCards();
  }

  function refreshCards() {
    log.querySelectorAll(".zd-card").forEach(async (node) => {
      if (["resolved", "closed", "cancelled"].includes(node.getAttribute("data-state"))) return;
      try { const t = await (await api("/api/tickets/" + node.getAttribute("data-ticket"))).json(); UI.setCardState(node, t.state); }
      catch (e) { /* the card keeps its last known state */ }
    });
  }

  function startEvents() {
    if (!S.thread || S.events || !window.EventSource) return;
    const es = new EventSource("/api/threads/" + encodeURIComponent(S.thread) + "/events?after=" + S.lastId);
    es.addEventListener("message", (e) => onMessage(JSON.parse(e.data)));
    es.addEventListener("state", (e) => setHeld(JSON.parse(e.data).held));
    es.onerror = () => { if (es.readyState === EventSource.CLOSED) { S.events = null; setTimeout(startEvents, 5000); } };
    S.events = es;
  }

  async function restore() {
    let body;
    try { body = await (await api("/api/threads/" + encodeURIComponent(S.thread) + "/messages")).json(); }
    catch (err) { if (err.kind === "http") { remember(null); return; } throw err; }
    log.replaceChildren(); S.seen.clear();
    const shown = body.messages.filter((m) => m.role !== "system");
    body.messages.forEach((m) => { S.seen.add(m.id); S.lastId = Math.max(S.lastId, m.id); });
    shown.forEach((m, i) => {
      const pending = i === shown.length - 1 && m.role === "agent" && m.meta && m.meta.outcome === "awaiting_confirmation";
      add(UI.bubble(m.role, m.text, pending ? [confirmButtons()] : []));
    });
    setHeld(body.held);
    startEvents();
  }

  async function boot() {
    setAlert(null);
    status.textContent = "Connecting…";
    try {
      const s = await (await api("/api/session")).json();
      S.csrf = s.csrf; S.employee = s.employee_id;
      who.textContent = "Signed in as " + s.name;
      remember(localStorage.getItem(KEY + s.employee_id));
      if (S.thread) await restore();
      status.textContent = "";
      input.disabled = false; send.disabled = false;
    } catch (err) { status.textContent = ""; failure(err, boot); }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); const t = input.value; if (!t.trim()) return; input.value = ""; submit(t); });
  input.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); } });
  if (inFrame) {
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !e.isComposing) window.parent.postMessage({ type: "zerodesk:close" }, "*");
    });
  }
  fresh.addEventListener("click", () => {
    if (S.events) { S.events.close(); S.events = null; }
    remember(null); log.replaceChildren(); S.lastId = 0; setHeld(false); input.focus();
  });
  boot();
})();
