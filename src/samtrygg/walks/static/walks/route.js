// The walk's route: tap the map point by point; the points are kept as a GeoJSON LineString in the form's hidden
// "route" field (what the server stores), drawn as a line, with "Undo last point" and "Clear the route". Without
// JavaScript the map is hidden and the walk is saved without a route.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("walk-form");
    var element = document.getElementById("route-map");
    var field = form && form.querySelector("[name=route]");
    if (!form || !element || !field || !window.samtryggMap) { return; }
    document.documentElement.classList.add("js");
    var status = document.getElementById("route-status");
    var undo = document.getElementById("route-undo");
    var clear = document.getElementById("route-clear");
    var map = window.samtryggMap.create(element, { tap: true });
    var points = [];  // [lat, lon]
    try {
      var stored = JSON.parse(field.value || "null");
      if (stored && stored.type === "LineString") {
        points = stored.coordinates.map(function (c) { return [c[1], c[0]]; });
      }
    } catch (e) { points = []; }
    var line = L.polyline(points, { color: "#a50f15", weight: 4 }).addTo(map);
    var dots = L.layerGroup().addTo(map);

    function sync() {
      line.setLatLngs(points);
      dots.clearLayers();
      points.forEach(function (p) { L.circleMarker(p, { radius: 4, interactive: false }).addTo(dots); });
      field.value = points.length >= 2 ? JSON.stringify({
        type: "LineString",
        coordinates: points.map(function (p) { return [Number(p[1].toFixed(6)), Number(p[0].toFixed(6))]; }),
      }) : "";
      undo.disabled = points.length === 0;
      clear.disabled = points.length === 0;
      if (status) { status.textContent = (status.dataset.label || "") + " " + points.length; }
    }

    map.on("click", function (e) { points.push([e.latlng.lat, e.latlng.lng]); sync(); });
    undo.addEventListener("click", function () { points.pop(); sync(); });
    clear.addEventListener("click", function () { points = []; sync(); });
    if (points.length >= 2) { map.fitBounds(line.getBounds(), { padding: [20, 20] }); }
    sync();
  });
})();
