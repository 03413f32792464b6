/* covoit: small progressive enhancements of the forms; every form works without them.
   - The new event's time zone: the browser's own zone replaces the server's default, as long
     as the person has not chosen one and the zone is in the list. */
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
})();
