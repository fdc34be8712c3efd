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
})();
