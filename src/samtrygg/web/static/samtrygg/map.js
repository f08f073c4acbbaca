// Maps (Leaflet). One shared initialiser, samtryggMap.create(element), reads its configuration from data-
// attributes (tiles, attribution, extent, areas-url) and draws the user's area outlines as GeoJSON, so the map
// is useful even when no tiles load. The incident map page (#incident-map) is set up here as well: markers
// (clustered) while the server sends points, a hexagon choropleth when it sends counts per cell, and a layer
// of the police's public events that can be switched on.
(function () {
  "use strict";

  function extentBounds(text) {
    var v = (text || "").split(",").map(Number);
    if (v.length !== 4 || v.some(isNaN)) { v = [11.0, 55.3, 24.2, 69.1]; }
    return L.latLngBounds([v[1], v[0]], [v[3], v[2]]);
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function create(element, options) {
    // maxZoom on the map itself: without tiles (SAMTRYGG_MAP_TILES=none) no layer would give one.
    var map = L.map(element, Object.assign({ maxZoom: 19 }, options || {}));
    var tiles = element.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
    }
    map.fitBounds(extentBounds(element.dataset.extent));
    var areas = L.geoJSON(null, {
      style: { color: "#00527a", weight: 2, fillOpacity: 0.05 },
      interactive: false,
    }).addTo(map);
    map.areasReady = element.dataset.areasUrl
      ? getJSON(element.dataset.areasUrl).then(function (data) { areas.addData(data); return areas; })
        .catch(function () { return areas; })
      : Promise.resolve(areas);
    map.areasLayer = areas;
    return map;
  }

  window.samtryggMap = { create: create, getJSON: getJSON };

  // --- the incident map page -----------------------------------------------------------------------------
  var COLOURS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];

  function colour(count, max) {
    var i = Math.min(COLOURS.length - 1, Math.floor(Math.log(count) / Math.log(max + 1) * COLOURS.length));
    return COLOURS[Math.max(0, i)];
  }

  function text(value) { return document.createTextNode(value); }

  function popup(name, when, href, linkLabel) {
    var box = document.createElement("div");
    var strong = document.createElement("strong");
    strong.appendChild(text(name));
    box.appendChild(strong);
    box.appendChild(document.createElement("br"));
    box.appendChild(text(when));
    if (href) {
      box.appendChild(document.createElement("br"));
      var a = document.createElement("a");
      a.href = href;
      a.appendChild(text(linkLabel));
      box.appendChild(a);
    }
    return box;
  }

  function incidentMap(element) {
    var d = element.dataset;
    var map = create(element);
    var status = document.getElementById("map-status");
    var markers = L.markerClusterGroup ? L.markerClusterGroup({ chunkedLoading: true }) : L.layerGroup();
    var hexes = L.geoJSON(null, {});
    var police = L.layerGroup();
    var incidents = L.layerGroup([markers, hexes]).addTo(map);
    var overlays = {};
    overlays[d.labelIncidents] = incidents;
    overlays[d.labelAreas] = map.areasLayer;
    overlays[d.labelPolice] = police;
    L.control.layers(null, overlays, { collapsed: window.innerWidth < 640 }).addTo(map);
    var busy = false;
    var again = false;

    // One request at a time: a move while one is running asks for one more afterwards, for the latest view.
    function load() {
      if (busy) { again = true; return; }
      busy = true;
      again = false;
      var b = map.getBounds();
      var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); });
      var url = d.dataUrl + "?" + (d.query ? d.query + "&" : "") + "bbox=" + bbox.join(",") +
        "&zoom=" + map.getZoom() + (map.hasLayer(police) ? "&police=1" : "");
      getJSON(url).then(function (data) {
        markers.clearLayers();
        hexes.clearLayers();
        if (data.mode === "points") {
          markers.addLayers
            ? markers.addLayers(data.points.map(point))
            : data.points.forEach(function (p) { markers.addLayer(point(p)); });
        } else {
          var max = 1;
          data.cells.features.forEach(function (f) { max = Math.max(max, f.properties.count); });
          hexes.options.style = function (f) {
            return { color: "#67000d", weight: 1, fillColor: colour(f.properties.count, max), fillOpacity: 0.6 };
          };
          hexes.options.onEachFeature = function (f, layer) {
            layer.bindTooltip(f.properties.count + " " + d.labelCells);
          };
          hexes.addData(data.cells);
        }
        police.clearLayers();
        (data.police || []).forEach(function (e) {
          if (e.lat === null || e.lon === null) { return; }
          L.circleMarker([e.lat, e.lon], { radius: 7, color: "#1d2c6b", fillColor: "#4a64c8", fillOpacity: 0.8 })
            .bindPopup(popup(e.name, e.occurred.slice(0, 16).replace("T", " "),
              e.url ? "https://polisen.se" + e.url.replace(/^https:\/\/polisen\.se/, "") : "", "polisen.se"))
            .addTo(police);
        });
        if (status) { status.textContent = data.count + " " + d.labelCount; }
        element.dataset.loaded = data.mode;
      }).catch(function () {
        if (status) { status.textContent = "–"; }
      }).then(function () {
        busy = false;
        if (again) { load(); }
      });
    }

    function point(p) {
      return L.marker([p[1], p[2]], { title: p[3], alt: p[3] })
        .bindPopup(popup(p[3], p[4].slice(0, 16).replace("T", " "), d.detailUrl.replace("/0/", "/" + p[0] + "/"),
          d.labelOpen));
    }

    map.on("moveend", load);
    map.on("overlayadd", function (e) { if (e.layer === police) { load(); } });
    map.areasReady.then(function (areas) {
      if (areas.getLayers().length) { map.fitBounds(areas.getBounds()); }
      load();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("incident-map");
    if (element && window.L) { incidentMap(element); }
  });
})();
