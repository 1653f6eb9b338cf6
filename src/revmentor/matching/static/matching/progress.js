// A matching run's progress box asks the server for its latest state every few seconds
// while the run is queued or running. Without this script the box has a link that does the same.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;

  function poll(region) {
    var url = region.getAttribute("data-refresh");
    if (!url) {
      return;
    }
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html === null) {
            return;
          }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-run-state]");
          if (!fresh) {
            return;
          }
          var current = region.querySelector("[data-run-state]");
          // Replace only the live region's contents, and only when they changed, so that a
          // screen reader hears each new stage once.
          if (!current || current.outerHTML !== fresh.outerHTML) {
            region.replaceChildren(fresh);
          }
          if (fresh.getAttribute("data-run-state") === "active") {
            poll(region);
          } else {
            var manual = document.querySelector("[data-run-manual-refresh]");
            if (manual) {
              manual.hidden = true;
            }
          }
        })
        .catch(function () {
          poll(region);
        });
    }, INTERVAL_MS);
  }

  document.querySelectorAll("[data-refresh]").forEach(poll);
})();
