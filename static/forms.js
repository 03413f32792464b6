/* covoit: small progressive enhancements of the forms; every form works without them.
   - The new event's time zone: the browser's own zone replaces the server's default, as long
     as the person has not chosen one and the zone is in the list; then the venue's zone, when
     the places know the venue, replaces that guess (never a zone the person typed). */
(function () {
  "use strict";
  var zone = document.querySelector("input[data-guess-zone]");
  if (zone && window.Intl && Intl.DateTimeFormat) {
    var mine = "";
    try { mine = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { mine = ""; }
    var list = document.getElementById(zone.getAttribute("list") || "");
    var known = !list || Array.prototype.some.call(list.options, function (o) { return o.value === mine; });
    if (mine && known) zone.value = mine;
  }
  var venue = document.querySelector("input[name=venue][data-places]");
  if (zone && venue && window.fetch) {
    var typed = false;
    zone.addEventListener("input", function () { typed = true; });
    venue.addEventListener("change", function () {
      var q = venue.value.trim();
      if (typed || q.length < 2) return;
      fetch("/api/places?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { places: [] }; })
        .then(function (data) {
          var hit = (data.places || []).filter(function (p) { return p.label === q && p.zone; })[0];
          if (hit && !typed) zone.value = hit.zone;
        })
        .catch(function () { /* the guessed zone stays */ });
    });
  }
})();
