// The quick report (and the edit form): the place from the phone's position or a tap on the small map (both
// fill in the latitude/longitude fields, which also work by hand without JavaScript), subcategories narrowed to
// the chosen category, and a live privacy check of the description: the text is posted to the server, which
// answers with the spans holding personal data; they are shown highlighted below the field with a message.
(function () {
  "use strict";

  function placeFromMap(form) {
    var element = document.getElementById("report-map");
    var lat = form.querySelector("[name=lat]");
    var lon = form.querySelector("[name=lon]");
    if (!lat || !lon) { return; }
    var status = document.getElementById("position-status");
    var marker = null;
    var map = null;
    if (element && window.samtryggMap) {
      map = window.samtryggMap.create(element, { tap: true });
    }

    function show(latValue, lonValue, zoom) {
      if (!map) { return; }
      var where = [latValue, lonValue];
      if (marker) { marker.setLatLng(where); } else { marker = L.marker(where, { alt: "", keyboard: false, interactive: false }).addTo(map); }
      if (zoom) { map.setView(where, Math.max(map.getZoom(), zoom)); }
    }

    function set(latValue, lonValue, zoom) {
      lat.value = latValue.toFixed(6);
      lon.value = lonValue.toFixed(6);
      show(latValue, lonValue, zoom);
      if (status) { status.textContent = "✓ " + lat.value + ", " + lon.value; }
    }

    if (map) {
      map.on("click", function (e) { set(e.latlng.lat, e.latlng.lng); element.dataset.picked = "1"; });
      if (lat.value && lon.value) { show(Number(lat.value), Number(lon.value), 15); }
    }
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () {
        if (lat.value && lon.value) { show(Number(lat.value), Number(lon.value), 15); }
      });
    });

    var button = document.getElementById("use-position");
    if (button) {
      if (!("geolocation" in navigator)) { button.hidden = true; return; }
      button.addEventListener("click", function () {
        if (status) { status.textContent = button.dataset.busy || "…"; }
        navigator.geolocation.getCurrentPosition(function (position) {
          set(position.coords.latitude, position.coords.longitude, 16);
        }, function (error) {
          if (status) { status.textContent = "✗ " + error.message; }
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }
  }

  function subcategories(form) {
    var select = form.querySelector("select[name=subcategory]");
    if (!select) { return; }
    var options = Array.prototype.slice.call(select.options);
    function narrow() {
      var chosen = form.querySelector("input[name=category]:checked");
      options.forEach(function (option) {
        var parent = option.getAttribute("data-parent");
        var fits = !parent || !chosen || parent === chosen.value;
        option.hidden = !fits;
        option.disabled = !fits;
        if (!fits && option.selected) { select.value = ""; }
      });
    }
    form.querySelectorAll("input[name=category]").forEach(function (radio) {
      radio.addEventListener("change", narrow);
    });
    narrow();
  }

  function privacyCheck(form) {
    var url = form.dataset.privacyUrl;
    var field = form.querySelector("textarea[name=description]");
    var preview = document.getElementById("privacy-preview");
    var message = document.getElementById("privacy-message");
    if (!url || !field || !preview || !message) { return; }
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var timer = null;
    var sent = 0;

    function owner() {  // whose policy applies: the chosen organisation, or the incident's
      var select = form.querySelector("[name=owner]");
      return select ? select.value : (form.dataset.owner || null);
    }

    function render(text, data) {
      preview.textContent = "";
      var pos = 0;
      data.findings.forEach(function (f) {
        preview.appendChild(document.createTextNode(text.slice(pos, f.start)));
        var mark = document.createElement("mark");
        mark.className = "privacy-" + f.kind + " privacy-" + f.action;
        mark.title = f.label;
        mark.appendChild(document.createTextNode(text.slice(f.start, f.end)));
        preview.appendChild(mark);
        pos = f.end;
      });
      preview.appendChild(document.createTextNode(text.slice(pos)));
      preview.hidden = data.findings.length === 0;
      message.textContent = data.message;
      message.classList.toggle("privacy-refused", data.refused);
      field.setAttribute("aria-invalid", data.refused ? "true" : "false");
      if (data.message) { field.setAttribute("aria-describedby", message.id + " " + field.id + "_helptext"); }
    }

    function check() {
      var text = field.value;
      var mine = ++sent;
      if (!text.trim()) { render("", { findings: [], message: "", refused: false }); return; }
      fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ text: text, owner: owner() }),
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (data && mine === sent && field.value === text) { render(text, data); }
      }).catch(function () { /* the server checks again when the form is sent */ });
    }

    field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 400); });
    if (field.value) { check(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("incident-form");
    if (!form) { return; }
    document.documentElement.classList.add("js");
    placeFromMap(form);
    subcategories(form);
    privacyCheck(form);
  });
})();
