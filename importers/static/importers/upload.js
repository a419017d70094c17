// Progressive enhancement: send each file on its own request, showing per-file progress and result.
(function () {
  var form = document.getElementById("upload-form");
  var input = document.getElementById("files");
  var zone = document.getElementById("drop-zone");
  var table = document.getElementById("upload-results");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function esc(s) { var d = document.createElement("div"); d.textContent = s == null ? "" : String(s); return d.innerHTML; }

  function send(file) {
    var row = table.tBodies[0].insertRow();
    row.insertCell().textContent = file.name;
    var progress = row.insertCell();
    var result = row.insertCell();
    progress.textContent = "0%";
    var data = new FormData();
    data.append("files", file);
    data.append("csrfmiddlewaretoken", token);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) progress.textContent = Math.round(100 * e.loaded / e.total) + "%"; };
    xhr.onload = function () {
      progress.textContent = "100%";
      try {
        var r = JSON.parse(xhr.responseText).results[0];
        if (r.error) { result.innerHTML = "<strong>导入失败：</strong>" + esc(r.error); return; }
        var html = r.url ? '<a href="' + esc(r.url) + '">' + esc(r.title || "（无标题）") + "</a> " + esc(r.status) : esc(r.title);
        (r.checks || []).forEach(function (c) { html += "<br>[" + (c.severity === "block" ? "禁止" : "提醒") + "] " + esc(c.message); });
        result.innerHTML = html;
      } catch (err) { result.textContent = "导入失败：服务器返回了无法识别的结果（HTTP " + xhr.status + "）"; }
    };
    xhr.onerror = function () { result.textContent = "导入失败：网络错误，请重试"; };
    xhr.send(data);
  }

  function sendAll(files) { table.hidden = false; Array.prototype.forEach.call(files, send); }
  form.addEventListener("submit", function (e) { e.preventDefault(); sendAll(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.style.background = "#eef"; }); });
  zone.addEventListener("dragleave", function () { zone.style.background = ""; });
  zone.addEventListener("drop", function (e) { e.preventDefault(); zone.style.background = ""; sendAll(e.dataTransfer.files); });
})();
