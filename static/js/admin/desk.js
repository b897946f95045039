/* The article form never loses work: autosave, presence, and a question before leaving.
 *
 * While the form is open it tells the server every PING seconds that it is
 * (presence: others see who has the article open). When its fields changed, it
 * also sends them (autosave), at most once every 30 seconds, kept apart from the
 * article (no revision, nothing published). Closing the tab sends the last input.
 */
(function () {
  "use strict";
  var desk = document.getElementById("desk");
  if (!desk || !desk.hasAttribute("data-can-edit")) return;
  var form = desk.closest("form");
  if (!form) return;
  var url = desk.getAttribute("data-editing-url");
  var pingMs = (Number(desk.getAttribute("data-ping-seconds")) || 30) * 1000;
  var AUTOSAVE_MS = 30000;
  var statusLine = document.getElementById("trang-thai-tu-luu");
  var presence = document.getElementById("dang-mo");
  var submitting = false;

  function fields() {
    var data = new FormData(form);
    var keys = [];
    data.forEach(function (value, key) {
      if (typeof value !== "string" && keys.indexOf(key) < 0) keys.push(key);
    });
    keys.forEach(function (key) { data.delete(key); });  // files are not autosaved
    return data;
  }

  function snapshot() {
    var parts = [];
    fields().forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken") parts.push(key + "=" + value);
    });
    return parts.join("&");
  }

  var loaded = snapshot();
  var lastSent = loaded;
  // A form rebuilt from an autosave holds input not saved yet.
  var restored = !!document.getElementById("ban-tu-luu");
  // The first autosave comes a few seconds after the first change.
  var lastAutosave = Date.now() - AUTOSAVE_MS + 5000;

  function show(answer) {
    if (answer.saved_at && statusLine) statusLine.textContent = "Đã tự lưu lúc " + answer.saved_at + " (chưa lưu chính thức).";
    if (!presence || !answer.others) return;
    if (!answer.others.length) { presence.hidden = true; return; }
    presence.textContent = answer.others.map(function (o) {
      return o.who + " đang mở bài này từ " + o.since;
    }).join("; ") + ". Nếu cả hai cùng sửa, người lưu sau sẽ được báo để không mất bài của ai.";
    presence.hidden = false;
  }

  function send(autosave) {
    var data = fields();
    var state = snapshot();
    if (autosave) data.append("_tu_luu", "1");
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        if (autosave) { lastSent = state; lastAutosave = Date.now(); }
        show(answer);
      })
      .catch(function () {
        if (statusLine) statusLine.textContent = "Chưa tự lưu được (mất kết nối?); bài vẫn còn trên trang này.";
      });
  }

  function tick() {
    if (submitting) return;
    var state = snapshot();
    if (state !== lastSent && Date.now() - lastAutosave >= AUTOSAVE_MS) send(true);
  }

  setInterval(tick, 1000);
  setInterval(function () { if (!submitting) send(false); }, pingMs);

  form.addEventListener("submit", function () { submitting = true; });

  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    if (restored || snapshot() !== loaded) {
      event.preventDefault();
      event.returnValue = "";  // the browser asks "Leave site?" in its own words
    }
  });

  window.addEventListener("pagehide", function () {
    if (submitting || !navigator.sendBeacon) return;
    var data = fields();
    if (snapshot() !== lastSent) data.append("_tu_luu", "1");
    data.append("_dong", "1");
    navigator.sendBeacon(url, data);
  });
})();
