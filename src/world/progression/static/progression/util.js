// What every script of the Progression page shares: the API client, element builders and the
// flash message, on window.Progression. Text from the API is only ever set with textContent.
(function () {
  "use strict";
  const root = document.getElementById("progression");
  if (!root) return;
  const API = root.dataset.api;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  async function fetchJSON(url, options) {
    const init = Object.assign({ credentials: "same-origin", headers: {} }, options || {});
    if (init.body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.headers["X-CSRFToken"] = csrfToken();
      init.headers["Idempotency-Key"] = newKey();
      init.body = JSON.stringify(init.body);
    }
    const response = await fetch(url, init);
    const data = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      const error = new Error(data.detail || ("Request failed (" + response.status + ")"));
      error.code = data.code;
      throw error;
    }
    return data;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function flash(message, ok) {
    const box = document.getElementById("flash");
    box.textContent = message;
    box.className = "alert " + (ok ? "alert-success" : "alert-danger");
  }

  function bar(value, max, label) {
    const progress = document.createElement("progress");
    progress.max = Math.max(max, 1);
    progress.value = Math.min(value, progress.max);
    progress.setAttribute("aria-label", label);
    return progress;
  }

  window.Progression = {
    root: root,
    api: function (path, options) { return fetchJSON(API + path, options); },
    fetchJSON: fetchJSON,
    el: el,
    bar: bar,
    flash: flash,
    setText: function (id, value) { document.getElementById(id).textContent = String(value); },
    shortDate: function (iso) { return iso ? iso.slice(0, 10) : ""; },
    listOf: function (data) { return Array.isArray(data) ? data : (data.results || []); },
  };
})();
