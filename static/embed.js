/* Inside the covoit widget's iframe: tells the host page how tall the content is. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    // The content's own height (the document's is never less than the frame's, so it could
    // only grow).
    var h = Math.ceil(document.body.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      window.parent.postMessage({ type: "covoit:height", height: h }, "*");
    }
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
  window.addEventListener("load", post);
  post();
})();
