// JSON calls to the Zerodesk API from the staff console and the approver page: one place for
// the CSRF header on posts, the unreachable-server message and what a lapsed session does.
(function () {
  "use strict";

  // opts: csrf() -> token; signIn() on 401; unreachable: message; signInMessage: message.
  async function call(path, body, opts) {
    const options = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.method = "POST";
      options.body = JSON.stringify(body);
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = opts.csrf();
    }
    let res;
    try { res = await fetch(path, options); }
    catch (e) { throw new Error(opts.unreachable); }
    const data = await res.json().catch(() => ({}));
    const message = (data.error && data.error.message) || "Request failed (" + res.status + ")";
    if (res.status === 401) {
      opts.signIn();
      throw new Error(opts.signInMessage || message);
    }
    if (!res.ok) throw new Error(message);
    return data;
  }

  window.ZerodeskHttp = { call };
})();
