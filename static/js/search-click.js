/* 站内搜索: when a citizen opens a result, tell /search/click which query it answered (queries whose results nobody
   opens go to the editors' 搜索改进待办). A beacon: the link itself is untouched and works without JavaScript. */
(function () {
  "use strict";
  var results = document.getElementById("results"), input = document.getElementById("q");
  if (!results || !input || !navigator.sendBeacon) return;
  results.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-result]") : null;
    if (!link) return;
    var data = new FormData();
    data.append("q", input.value);
    navigator.sendBeacon("/search/click", data);
  });
})();
