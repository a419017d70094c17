/* 站内搜索: suggestions for the search box (#q) from /api/search/suggest, into its <datalist>. A file, not an inline
   script, so the Content-Security-Policy can forbid inline scripts on every public page. */
(function () {
  "use strict";
  var input = document.getElementById("q"), list = document.getElementById("search-suggestions"), timer;
  if (!input || !list || !window.fetch) return;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value.trim();
    if (!value) { list.innerHTML = ""; return; }
    timer = setTimeout(function () {
      fetch("/api/search/suggest?q=" + encodeURIComponent(value))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          (data.suggestions || []).forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience */ });
    }, 150);
  });
})();
