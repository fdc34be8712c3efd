// The review queue's keyboard shortcuts (listed on the page): j/k next/previous link, a approve,
// c request changes, r reject, Esc leaves the comment box. Decisions go through the card's own
// buttons, so the keyboard and the mouse take exactly the same path (htmx, or a plain POST).
(function () {
  "use strict";

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-review-card]"));
  }

  function currentCard() {
    var active = document.activeElement;
    var card = active && active.closest ? active.closest("[data-review-card]") : null;
    return card || document.querySelector("[data-review-card].is-current");
  }

  function select(card) {
    if (!card) {
      return;
    }
    cards().forEach(function (other) {
      other.classList.remove("is-current");
    });
    card.classList.add("is-current");
    card.focus();
    card.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = cards();
    if (!list.length) {
      return;
    }
    var index = list.indexOf(currentCard());
    var next = index === -1 ? (step > 0 ? 0 : list.length - 1) : index + step;
    select(list[Math.max(0, Math.min(list.length - 1, next))]);
  }

  function decide(decision) {
    var card = currentCard();
    var button = card && card.querySelector('button[data-decision="' + decision + '"]');
    if (button) {
      button.click();
    }
  }

  var KEYS = {
    j: function () { move(1); },
    k: function () { move(-1); },
    a: function () { decide("approve"); },
    c: function () { decide("request-changes"); },
    r: function () { decide("reject"); },
  };

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-review-queue]")) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      if (event.key === "Escape") {
        select(target.closest("[data-review-card]"));
      }
      return;
    }
    var action = KEYS[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // A refused decision answers 400 with the card and the refusal beside the comment box:
  // show it (htmx leaves error responses unswapped by default).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var source = event.detail.elt;
    if (event.detail.xhr.status === 400 && source.closest && source.closest("[data-review-card]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After a decision: a refusal puts the keyboard in the comment box; a done decision moves on
  // to the next card still waiting.
  document.addEventListener("htmx:afterSwap", function (event) {
    // htmx announces the swap on each new node; the card is the element among them.
    var card = event.target;
    if (!card || card.nodeType !== 1 || !card.matches("[data-review-card]")) {
      return;
    }
    var invalid = card.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    var list = cards();
    var rest = list.slice(list.indexOf(card) + 1).concat(list.slice(0, list.indexOf(card)));
    var waiting = rest.filter(function (other) {
      return other.querySelector("button[data-decision]");
    });
    card.classList.remove("is-current");
    select(waiting[0] || card);
  });
})();
