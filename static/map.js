// The interactive map, only when the operator configured tiles (map_tile_url): Leaflet, served
// by covoit itself, draws the same public points as the SVG schematic (the venue, and each
// town's rounded point), which stays for readers without scripts and is hidden once the tiles
// map is drawn. Texts go in as text, never as markup.
(function () {
  "use strict";

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  function draw(box) {
    var L = window.L;
    var data;
    try {
      data = JSON.parse(box.getAttribute("data-points"));
    } catch (e) {
      return;
    }
    if (!data || !data.venue) {
      return;
    }
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(box.getAttribute("data-tiles"), {
      maxZoom: 18,
      attribution: escape(box.getAttribute("data-attribution") || "")
    }).addTo(map);
    var points = [[data.venue.lat, data.venue.lon]];
    L.circleMarker(points[0], { radius: 9, color: "#7a1f00", fillOpacity: 0.9 })
      .bindTooltip(escape(data.venue.name))
      .addTo(map);
    (data.towns || []).forEach(function (town) {
      var at = [town.lat, town.lon];
      points.push(at);
      L.circleMarker(at, { radius: 6, color: "#0b5394", fillOpacity: 0.7 })
        .bindTooltip(escape(town.words))
        .addTo(map);
    });
    if (points.length > 1) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
    } else {
      map.setView(points[0], 11);
    }
    var svg = box.parentNode && box.parentNode.querySelector("svg.ride-map");
    if (svg) {
      svg.style.display = "none";
    }
  }

  function start() {
    if (!window.L) {
      return;
    }
    var boxes = document.querySelectorAll(".tile-map[data-tiles]");
    for (var i = 0; i < boxes.length; i++) {
      draw(boxes[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
