// Small progressive enhancements; every page works without them.
// Tables marked class="stack" become one card per row on narrow screens (see samtrygg.css): each cell gets
// its column header as data-label, shown before the value, and explicit ARIA table roles, because browsers
// drop a table's semantics once its cells are display: block. Runs again after htmx swaps in new rows.
(function () {
  "use strict";
  function labelCells(root) {
    root.querySelectorAll("table.stack").forEach(function (table) {
      table.setAttribute("role", "table");
      table.querySelectorAll("thead, tbody").forEach(function (g) { g.setAttribute("role", "rowgroup"); });
      table.querySelectorAll("tr").forEach(function (tr) { tr.setAttribute("role", "row"); });
      table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("role", "columnheader"); });
      table.querySelectorAll("tbody th").forEach(function (th) { th.setAttribute("role", "rowheader"); });
      table.querySelectorAll("td").forEach(function (td) { td.setAttribute("role", "cell"); });
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (headers[i] && cell.colSpan === 1) { cell.setAttribute("data-label", headers[i]); }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { labelCells(document); });
  document.addEventListener("htmx:afterSwap", function (event) { labelCells(event.target); });
})();

// On a phone the header's menu folds behind a "Menu" button (a disclosure: aria-expanded on the button), so
// the page starts near the top of the screen; on wider screens, and without JavaScript, it is always open.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) { return; }
    var narrow = window.matchMedia("(max-width: 48rem)");
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("folded", !open);
    }
    function fit() {
      button.hidden = !narrow.matches;
      show(!narrow.matches);
    }
    button.addEventListener("click", function () { show(button.getAttribute("aria-expanded") !== "true"); });
    narrow.addEventListener("change", fit);
    fit();
  });
})();

// The main menu is grouped by the cycle (report, incidents, situation picture, measures, collaboration,
// administration, account). On wider screens each group folds into a dropdown behind its button (a disclosure:
// aria-expanded; Escape or a click elsewhere closes it); on a phone, and without JavaScript, every group shows its
// name and its links.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.querySelector(".site-header nav");
    if (!nav) { return; }
    var narrow = window.matchMedia("(max-width: 48rem)");
    var toggles = Array.prototype.slice.call(nav.querySelectorAll(".nav-toggle"));
    function list(toggle) { return document.getElementById(toggle.getAttribute("aria-controls")); }
    function set(toggle, open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      list(toggle).classList.toggle("open", open);
    }
    function closeAll(except) { toggles.forEach(function (t) { if (t !== except) { set(t, false); } }); }
    function fit() {
      var dropdowns = !narrow.matches;
      nav.classList.toggle("dropdowns", dropdowns);
      toggles.forEach(function (t) { t.hidden = !dropdowns; set(t, false); });
    }
    toggles.forEach(function (toggle) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        closeAll(toggle);
        set(toggle, open);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      toggles.forEach(function (t) {
        if (t.getAttribute("aria-expanded") === "true") { set(t, false); t.focus(); }
      });
    });
    document.addEventListener("click", function (event) { if (!nav.contains(event.target)) { closeAll(null); } });
    narrow.addEventListener("change", fit);
    fit();
  });
})();

// Signed out (no outbox on the page): forget the pages the service worker kept for offline use, so the next person
// on this device does not see the last one's report form. Reports waiting in the outbox stay with their user.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("outbox") && "caches" in window) {
      caches.keys().then(function (keys) {
        keys.filter(function (key) { return key.indexOf("samtrygg-") === 0; }).forEach(function (key) { caches.delete(key); });
      }).catch(function () {});
    }
  });
})();

// The filter panel (<details class="filter-panel" data-open-wide>): open on wide screens, folded on a phone so the
// results come first; its summary counts the choices made, as they are made.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var wide = window.matchMedia("(min-width: 48.01rem)").matches;
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      if (wide) { panel.open = true; }
      var count = panel.querySelector(".filter-count");
      var form = panel.querySelector("form");
      if (!count || !form) { return; }
      form.addEventListener("change", function () {
        var n = Array.prototype.filter.call(form.elements, function (el) {
          if (el.type === "checkbox") { return el.checked; }
          return (el.type === "date" || el.type === "search" || el.type === "text") && el.value.trim() !== "";
        }).length;
        count.textContent = n ? " " + count.dataset.template.replace("{n}", n) : "";
      });
    });
  });
})();

// A sent form shows at once that the work has started (adopting a lägesbild can take seconds): its button turns
// busy (a spinner; aria-disabled, not disabled, so the button's own name and value are still sent) and a status
// line says so; a second tap sends nothing twice. Forms that JavaScript sends itself (htmx, the outbox) have
// prevented the default and are left alone; a form that answers with a download is released after a while.
(function () {
  "use strict";
  var RELEASE_MS = 20000;
  function release() {
    document.querySelectorAll("form[aria-busy=true]").forEach(function (form) { form.removeAttribute("aria-busy"); });
    document.querySelectorAll(".busy").forEach(function (button) {
      button.classList.remove("busy");
      button.removeAttribute("aria-disabled");
    });
    var status = document.getElementById("busy-status");
    if (status) { status.textContent = ""; }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var method = (form.getAttribute("method") || "get").toLowerCase();
    if (event.defaultPrevented || method !== "post" || form.hasAttribute("data-no-busy")) { return; }
    if (form.getAttribute("aria-busy") === "true") { event.preventDefault(); return; }
    form.setAttribute("aria-busy", "true");
    var button = event.submitter || form.querySelector("button:not([type=button])");
    if (button) {
      button.classList.add("busy");
      button.setAttribute("aria-disabled", "true");
    }
    var status = document.getElementById("busy-status");
    if (status) { status.textContent = status.dataset.text; }
    window.setTimeout(release, RELEASE_MS);
  });
  window.addEventListener("pageshow", function (event) { if (event.persisted) { release(); } });
})();

// A background job's page: when the polled status comes back finished, the status line (a live region that is on
// the page from the start) says so once; the progress numbers themselves are not read out every second.
document.addEventListener("htmx:afterSettle", function () {
  var status = document.getElementById("job-status");
  var announce = document.getElementById("job-announce");
  if (status && announce && status.dataset.announce && announce.textContent !== status.dataset.announce) {
    announce.textContent = status.dataset.announce;
  }
});
