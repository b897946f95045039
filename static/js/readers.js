/* Readership without tracking (readership/): one page view per page load, sent with
   navigator.sendBeacon to an uncached endpoint, and the one-click "Thông tin có hữu ích
   không?" rating. No cookie, no identifier: the cached page stays one copy for everyone. */
(function () {
  "use strict";
  function countView() {
    var script = document.querySelector("script[data-beacon]");
    if (!script || !navigator.sendBeacon) return;
    try {
      navigator.sendBeacon(script.getAttribute("data-beacon"),
        new Blob([location.pathname], { type: "text/plain;charset=UTF-8" }));
    } catch (e) { /* a blocked beacon never disturbs the reader */ }
  }
  function wireRating(form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!window.fetch || !window.FormData || !button) return;  // the plain form still works
      event.preventDefault();
      var data = new FormData(form);
      data.set(button.name, button.value);
      var status = form.querySelector("[data-rating-status]");
      var buttons = form.querySelectorAll("button");
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
      fetch(form.action, { method: "POST", body: data, credentials: "omit",
                           headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.json(); })
        .then(function (answer) { status.textContent = answer.message; })
        .catch(function () {
          status.textContent = "Chưa gửi được đánh giá, vui lòng thử lại.";
          for (var j = 0; j < buttons.length; j++) buttons[j].disabled = false;
        });
    });
  }
  function start() {
    countView();
    var forms = document.querySelectorAll("form[data-rating]");
    for (var i = 0; i < forms.length; i++) wireRating(forms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
