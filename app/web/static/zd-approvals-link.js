// The widget page's header link to /approvals, shown only when something waits on the
// signed-in person (a manager or an access-group owner). Silent for everyone else.
(function () {
  "use strict";
  const link = document.getElementById("zd-approvals-link");
  if (!link) return;
  fetch("/api/my/approvals", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((res) => (res.ok ? res.json() : { approvals: [] }))
    .then((data) => {
      const n = (data.approvals || []).length;
      if (!n) return;
      link.textContent = n === 1 ? "1 approval waits for you" : n + " approvals wait for you";
      link.hidden = false;
    })
    .catch(() => {});
})();
