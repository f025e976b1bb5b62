// Zerodesk employee widget. Embed it on any intranet page with one tag:
//   <script src="https://HELP-HOST/static/widget.js" defer></script>
// On another origin it opens the chat in a frame (/embed, allowed by ZERODESK_FRAME_ANCESTORS);
// on Zerodesk's own origin it renders in place (#zerodesk-widget, or a floating panel).
// No build step and no inline script or style (the CSP forbids both).
(function () {
  "use strict";
  if (window.zerodeskLoaded) return;
  window.zerodeskLoaded = true;
  const script = document.currentScript;
  const origin = new URL(script ? script.src : "/", location.href).origin;

  function add(tag, attrs, parent) {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => {
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    });
    (parent || document.body).appendChild(node);
    return node;
  }

  function launcher(panel, onOpen) {
    const button = add("button", { type: "button", class: "zd-launcher", "aria-expanded": "false",
      "aria-controls": panel.id, text: "IT help" });
    function toggle(open) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Close IT help" : "IT help";
      if (open) onOpen(); else button.focus();
    }
    button.addEventListener("click", () => toggle(panel.hidden));
    panel.addEventListener("keydown", (e) => { if (e.key === "Escape") toggle(false); });
    return toggle;
  }

  function styles(name) {
    if (!document.querySelector('link[href$="/static/' + name + '"]')) {
      add("link", { rel: "stylesheet", href: origin + "/static/" + name }, document.head);
    }
  }

  function framed() {
    styles("embed.css");
    const panel = add("div", { id: "zd-frame-panel", class: "zd-frame-panel", hidden: "" });
    const frame = add("iframe", { title: "IT help chat", class: "zd-frame" }, panel);
    const toggle = launcher(panel, () => {
      if (!frame.getAttribute("src")) frame.setAttribute("src", origin + "/embed");
      frame.focus();
    });
    // Escape inside the frame closes the panel too (the frame cannot reach this document).
    window.addEventListener("message", (e) => {
      if (e.origin === origin && e.data && e.data.type === "zerodesk:close") toggle(false);
    });
  }

  function load(src, then) {
    const node = add("script", { src: src }, document.head);
    if (then) node.addEventListener("load", then);
  }

  function inPlace() {
    styles("widget.css");
    if (!document.getElementById("zerodesk-widget")) {
      styles("embed.css");
      const panel = add("div", { id: "zerodesk-widget", class: "zd-floating", hidden: "" });
      launcher(panel, () => { const input = document.getElementById("zd-input"); if (input) input.focus(); });
    }
    load(origin + "/static/zd-render.js", () => load(origin + "/static/zd-chat.js"));
  }

  if (origin !== location.origin) framed(); else inPlace();
})();
