// Shared by the console pages: the staff session, JSON calls with the CSRF header, sign-out.
(function () {
  "use strict";
  let csrf = "";
  const ready = fetch("/api/session", { credentials: "same-origin" }).then(async (res) => {
    if (res.status === 401 || res.status === 403) { location.assign("/login?staff=1&next=" + encodeURIComponent(location.pathname)); return null; }
    const s = await res.json();
    csrf = s.csrf;
    document.querySelectorAll("input[name=csrf_token]").forEach((i) => { i.value = s.csrf; });
    const who = document.getElementById("zd-staff-name");
    if (who) who.textContent = s.name + " (" + s.employee_id + ")";
    return s;
  });

  function call(path, body) {
    return window.ZerodeskHttp.call(path, body, {
      csrf: () => csrf,
      signIn: () => location.assign("/login?staff=1&next=" + encodeURIComponent(location.pathname)),
      unreachable: "The Zerodesk server is not reachable; retrying shortly.",
    });
  }

  function say(message, isError) {
    const box = document.getElementById("console-status");
    if (!box) return;
    box.textContent = message || "";
    box.classList.toggle("zd-error", Boolean(isError));
  }

  window.ZerodeskStaff = { ready, call, say };
})();
