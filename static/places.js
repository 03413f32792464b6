/* covoit: place suggestions (inputs with data-places) from /api/places in a native <datalist>;
   without this script the fields are plain free text. */
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) return;
  var lang = document.documentElement.getAttribute("lang") || "";
  var fields = document.querySelectorAll("input[data-places]");
  Array.prototype.forEach.call(fields, function (input, i) {
    var list = document.createElement("datalist");
    list.id = "places-" + i;
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var asked = "";
    var show = function (places) {
      while (list.firstChild) list.removeChild(list.firstChild);
      places.forEach(function (p) {
        var option = document.createElement("option");
        option.value = p.label;
        if (p.postcode) option.label = p.label + " " + p.postcode;
        list.appendChild(option);
      });
    };
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === asked) return;
        asked = q;
        var url = "/api/places?q=" + encodeURIComponent(q) + "&lang=" + encodeURIComponent(lang);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { places: [] }; })
          .then(function (data) {
            if (input.value.trim() === q) show(data.places || []);
          })
          .catch(function () { /* suggestions are a help, never a requirement */ });
      }, 150);
    });
  });
})();
