/* Buttons marked data-print print the page (no inline onclick: the Content-Security-Policy forbids inline script). */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
