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

  async function call(path, body) {
    const options = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.method = "POST";
      options.body = JSON.stringify(body);
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = csrf;
    }
    let res;
    try { res = await fetch(path, options); }
    catch (e) { throw new Error("The Zerodesk server is not reachable; retrying shortly."); }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      if (res.status === 401) location.assign("/login?staff=1&next=" + encodeURIComponent(location.pathname));
      throw new Error((data.error && data.error.message) || "Request failed (" + res.status + ")");
    }
    return data;
  }

  function say(message, isError) {
    const box = document.getElementById("console-status");
    if (!box) return;
    box.textContent = message || "";
    box.classList.toggle("zd-error", Boolean(isError));
  }

  window.ZerodeskStaff = { ready, call, say };
})();
