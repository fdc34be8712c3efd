// Behaviour every page shares. No inline scripts anywhere: the Content-Security-Policy allows
// only files served by the app ('self').
(function () {
  "use strict";
  // A link or button with data-confirm asks before it acts (retract, reject, merge…).
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // Tables that become stacked cards on a phone (table.stack) label each cell with its
  // column's heading, unless the template gave it a data-label already.
  function labelCells() {
    document.querySelectorAll("table.stack").forEach(function (table) {
      var headings = Array.prototype.map.call(
        table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && headings[index]) {
            cell.setAttribute("data-label", headings[index]);
          }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", labelCells);
  document.addEventListener("htmx:afterSettle", labelCells);
})();
