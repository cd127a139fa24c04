// Live balances: the page asks account/version/ every few seconds with the last ETag; the
// server answers an empty 304 (two indexed queries) until something changed anywhere (an award
// over telnet, a purchase, the weekly run), and then the page redraws. The page's own actions
// go through check() too, so a change is drawn once, whoever made it.
(function () {
  "use strict";
  const P = window.Progression;
  if (!P) return;
  const EVERY_MS = 2000;

  P.watch = function (refresh) {
    const url = P.root.dataset.api + "account/version/";
    let etag = null;
    let drawing = Promise.resolve();

    // Resolves once the page shows at least what the server had when check() was called.
    async function check() {
      const headers = etag ? { "If-None-Match": etag } : {};
      // no-store: the browser's cache would turn our 304 into a 200 and hide it.
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store",
        headers: headers });
      if (response.status === 200 && response.headers.get("ETag") !== etag) {
        etag = response.headers.get("ETag");
        drawing = refresh();
      } else if (response.status !== 304 && !response.ok) {
        throw new Error("Request failed (" + response.status + ")");
      }
      return drawing;
    }

    let timer = null;
    function schedule() {
      clearTimeout(timer);
      // A hidden tab does not poll; it checks as soon as it is shown again.
      if (document.hidden) return;
      timer = setTimeout(function () {
        check().catch(function () {}).then(schedule);
      }, EVERY_MS);
    }
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) check().catch(function () {}).then(schedule);
    });
    const first = check();
    first.catch(function () {}).then(schedule);
    return { check: check, first: first };
  };
})();
