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
