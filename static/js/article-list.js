// On a phone the article filters start folded so the results come first;
// without JavaScript (or on a wide screen) they stay open.
(function () {
  "use strict";
  var panel = document.getElementById("filters-panel");
  if (panel && !panel.hasAttribute("data-keep-open") && window.matchMedia("(max-width: 59.99rem)").matches) {
    panel.open = false;
  }
})();
