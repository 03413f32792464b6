/* covoit booking widget: <script src="BASE/widget.js" data-event="SLUG" async></script>
   Inserts an iframe of BASE/embed/SLUG where the script stands and keeps it as tall as its
   content. Optional: data-lang (fr|en|de|nl|it|es), data-accent (#rgb, #rrggbb or a colour name),
   data-height (initial pixels). No globals, no dependencies. */
(function () {
  "use strict";
  var SLUG = /^[a-z0-9][a-z0-9-]{1,94}[a-z0-9]$/;
  var ACCENT = /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$/;
  var LANG = /^(fr|en|de|nl|it|es)$/;
  // The frame's title in each language, written in by the server from its catalogue.
  var TITLES = /*covoit:titles*/{};

  function options(get) {
    var event = get("data-event"), lang = get("data-lang"), accent = get("data-accent");
    if (!event || !SLUG.test(event)) return null;
    var height = parseInt(get("data-height"), 10);
    return {
      event: event,
      lang: lang && LANG.test(lang) ? lang : "",
      accent: accent && ACCENT.test(accent) ? accent : "",
      height: height >= 100 && height <= 5000 ? height : 520
    };
  }

  function embedUrl(base, o) {
    var q = [];
    if (o.lang) q.push("lang=" + o.lang);
    if (o.accent) q.push("accent=" + encodeURIComponent(o.accent));
    return base + "/embed/" + o.event + (q.length ? "?" + q.join("&") : "");
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { options: options, embedUrl: embedUrl };
    return;
  }

  var script = document.currentScript;
  if (!script) return;
  var o = options(function (name) { return script.getAttribute(name); });
  if (!o) {
    if (window.console) console.warn("covoit widget: data-event is missing or invalid");
    return;
  }
  var base = new URL(script.src, location.href).origin;
  var frame = document.createElement("iframe");
  frame.src = embedUrl(base, o);
  // Without data-lang the frame follows the browser's language, as its page does.
  var reader = o.lang || (navigator.language || "").slice(0, 2).toLowerCase();
  frame.title = TITLES[reader] || TITLES.fr || "covoit";
  // Property by property: a host page whose CSP has no 'unsafe-inline' for styles blocks a
  // style attribute set as a whole, but not the CSSOM.
  frame.style.border = "0";
  frame.style.width = "100%";
  frame.style.maxWidth = "100%";
  frame.style.display = "block";
  frame.style.overflow = "hidden";
  frame.style.height = o.height + "px";
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (e) {
    if (e.origin !== base || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (d && d.type === "covoit:height" && typeof d.height === "number" && d.height > 0 && d.height < 20000) {
      frame.style.height = Math.ceil(d.height) + "px";
    }
  });
})();
