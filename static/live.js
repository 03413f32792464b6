/* covoit live pages: on each "changed" from the page's event stream, fetch the page again and
   swap the parts marked data-live (never one that holds the focus, so nobody loses what they
   are typing). Without JavaScript, or without EventSource, the page simply stays as it is. */
(function () {
  "use strict";
  var source = document.body.getAttribute("data-live-source");
  if (!source || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var timer = null, busy = false, again = false;
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var parts = document.querySelectorAll("[data-live]");
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (part.contains(document.activeElement) && document.activeElement !== document.body) continue;
      var key = part.getAttribute("data-live");
      var next = fresh.querySelector('[data-live="' + key + '"]');
      if (next) part.replaceWith(document.importNode(next, true));
    }
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html) swap(html); })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  var stream = new EventSource(source);
  stream.addEventListener("changed", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
})();
