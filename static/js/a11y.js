/* 适老化/无障碍 toolbar: larger text, high contrast, reading guide. Remembered in a cookie (read by the
   server, so the page is rendered in the right mode without a flash) and in localStorage. No dependencies. */
(function () {
  "use strict";
  var COOKIE = "gk_a11y", MODES = ["large", "contrast", "guide"], root = document.documentElement;

  function readCookie() {
    var m = document.cookie.match(/(?:^|;\s*)gk_a11y=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function current() {
    return MODES.filter(function (m) { return root.classList.contains("a11y-" + m); });
  }
  function save(modes) {
    var value = modes.join(".");
    document.cookie = COOKIE + "=" + encodeURIComponent(value) + ";path=/;max-age=" + (value ? 31536000 : 0) + ";SameSite=Lax";
    try { localStorage.setItem(COOKIE, value); } catch (e) { /* private mode */ }
  }
  function apply(modes) {
    MODES.forEach(function (m) { root.classList.toggle("a11y-" + m, modes.indexOf(m) !== -1); });
    var buttons = document.querySelectorAll("[data-a11y]");
    for (var i = 0; i < buttons.length; i++) {
      var mode = buttons[i].getAttribute("data-a11y");
      if (mode !== "reset") buttons[i].setAttribute("aria-pressed", modes.indexOf(mode) !== -1 ? "true" : "false");
    }
  }
  // The cookie wins (the server rendered with it); localStorage restores a cleared cookie.
  if (readCookie() === null) {
    var stored = null;
    try { stored = localStorage.getItem(COOKIE); } catch (e) { /* ignore */ }
    if (stored) { apply(stored.split(".").filter(function (m) { return MODES.indexOf(m) !== -1; })); save(current()); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-a11y]") : null;
    if (!button) return;
    var mode = button.getAttribute("data-a11y"), modes = current();
    if (mode === "reset") modes = [];
    else if (modes.indexOf(mode) === -1) modes.push(mode);
    else modes.splice(modes.indexOf(mode), 1);
    apply(modes); save(modes);
    var status = document.getElementById("a11y-status");
    if (status) status.textContent = modes.length ? "已开启 " + modes.length + " 项辅助功能" : "已恢复默认显示";
  });
  document.addEventListener("DOMContentLoaded", function () {
    apply(current());
    var guide = document.querySelector(".reading-guide");
    if (!guide) return;
    function move(y) { guide.style.top = Math.max(0, y - 18) + "px"; }
    document.addEventListener("mousemove", function (e) { move(e.clientY); });
    document.addEventListener("focusin", function (e) {
      if (e.target && e.target.getBoundingClientRect) { var r = e.target.getBoundingClientRect(); move(r.top + r.height / 2); }
    });
  });
})();
