// The planner and the message editor. No rule lives here: lengths, directions and claim checks
// come from the server (htmx); this file only moves what the writer selected or added.
(function () {
  "use strict";

  // Indicators: "Add an indicator" clones the formset's empty row (Django's __prefix__).
  function setUpIndicators() {
    var box = document.getElementById("indicators");
    var template = document.getElementById("indicator-template");
    if (!box || !template) return;
    var prefix = box.getAttribute("data-prefix");
    var total = box.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var rows = box.querySelector(".indicator-rows");
    var add = document.createElement("button");
    add.type = "button";
    add.className = "secondary add-indicator";
    add.textContent = box.getAttribute("data-add-label") || "Add an indicator";
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input");
      if (first) first.focus();
    });
    box.appendChild(add);
  }

  // The claim field follows the words selected in the message text (mouse or keyboard).
  function setUpClaimSelection() {
    var text = document.getElementById("id_text");
    var claim = document.getElementById("id_claim");
    if (!text || !claim) return;
    function copySelection() {
      var start = text.selectionStart, end = text.selectionEnd;
      if (typeof start !== "number" || end <= start) return;
      var words = text.value.slice(start, end).replace(/\s+/g, " ").trim();
      if (words) claim.value = words;
    }
    text.addEventListener("select", copySelection);
    text.addEventListener("mouseup", copySelection);
    text.addEventListener("keyup", function (event) {
      if (event.shiftKey) copySelection();
    });
  }

  // The server says which way the language is written; the text box follows it.
  document.addEventListener("htmx:afterSettle", function () {
    var counter = document.getElementById("length-counter");
    var text = document.getElementById("id_text");
    if (!counter || !text) return;
    var direction = counter.getAttribute("data-direction");
    if (direction === "rtl" || direction === "ltr") text.setAttribute("dir", direction);
  });

  document.addEventListener("DOMContentLoaded", function () {
    setUpIndicators();
    setUpClaimSelection();
  });
})();
