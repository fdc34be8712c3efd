// The evidence desk: turning a selection in a source's reading view into the offsets of the
// passage in the source's text. The reading view is made of pieces, each holding one text node
// and saying where it starts in the text (data-start, counted in Unicode code points as the
// server counts characters). The server cuts the quote at these offsets and anchors it.
(function () {
  "use strict";

  function codePoints(text) {
    return Array.from(text).length;
  }

  // The [start, end) offsets of `range` in the text shown by `view`, or null when the range
  // covers none of its text.
  function offsetsOf(range, view) {
    var start = null;
    var end = null;
    view.querySelectorAll("[data-start]").forEach(function (piece) {
      var node = piece.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE || !range.intersectsNode(node)) {
        return;
      }
      var base = Number(piece.getAttribute("data-start"));
      var from = node === range.startContainer ? range.startOffset : 0;
      var to = node === range.endContainer ? range.endOffset : node.data.length;
      if (to <= from) {
        return;
      }
      var a = base + codePoints(node.data.slice(0, from));
      var b = base + codePoints(node.data.slice(0, to));
      if (start === null || a < start) { start = a; }
      if (end === null || b > end) { end = b; }
    });
    return start === null || end <= start ? null : { start: start, end: end };
  }

  function setUp(form) {
    var view = document.getElementById(form.getAttribute("data-reading"));
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector("[data-selection-status]");
    var startInput = form.querySelector("input[name=start]");
    var endInput = form.querySelector("input[name=end]");
    var idle = status ? status.textContent : "";
    var current = null;

    function update() {
      var selection = document.getSelection();
      current = null;
      if (selection && selection.rangeCount && !selection.isCollapsed) {
        var range = selection.getRangeAt(0);
        if (view.contains(range.commonAncestorContainer) || range.intersectsNode(view)) {
          current = offsetsOf(range, view);
        }
      }
      button.disabled = current === null;
      if (current) {
        startInput.value = String(current.start);
        endInput.value = String(current.end);
        if (status) {
          status.textContent = form.getAttribute("data-selected-words")
            .replace("%(n)s", String(current.end - current.start));
        }
      } else if (status) {
        status.textContent = idle;
      }
    }

    document.addEventListener("selectionchange", update);
    form.addEventListener("submit", function (event) {
      update();
      if (!current) { event.preventDefault(); }
    });
    // Q quotes the selection (listed on the page), unless the user is typing somewhere.
    document.addEventListener("keydown", function (event) {
      var typing = event.target.closest && event.target.closest("input, textarea, select");
      if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
      if ((event.key === "q" || event.key === "Q") && current) {
        event.preventDefault();
        form.requestSubmit(button);
      }
    });
    update();
  }

  function ready() {
    document.querySelectorAll("form[data-reading]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
