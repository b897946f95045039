// Small, dependency-free behaviour for the public pages. No inline scripts:
// pages are cached whole and served under a strict Content-Security-Policy.
(function () {
  "use strict";

  // Header clock: the page may come from a cache, so show the reader's moment,
  // always in Vietnam time ("Thứ Ba, 16/08/2022 11:26 (GMT +7)").
  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function vietnamNow() {
    // UTC+7 all year (no daylight saving): shift UTC by seven hours.
    return new Date(Date.now() + 7 * 3600 * 1000);
  }
  function tick() {
    var clock = document.getElementById("clock");
    if (!clock) { return; }
    var d = vietnamNow();
    clock.textContent = WEEKDAYS[d.getUTCDay()] + ", " + pad(d.getUTCDate()) + "/" +
      pad(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear() + " " + pad(d.getUTCHours()) + ":" +
      pad(d.getUTCMinutes()) + " (GMT +7)";
    clock.setAttribute("datetime", d.toISOString().slice(0, 16).replace("T", " ") + "+07:00");
  }

  // "A A": shrink or enlarge the article text; the choice persists across pages.
  var STEPS = [0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.75];
  var KEY = "benluc:font-step";
  function readStep() {
    var stored = null;
    try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage disabled */ }
    var step = parseInt(stored, 10);
    return isNaN(step) ? 2 : Math.max(0, Math.min(STEPS.length - 1, step));
  }
  function applyStep(step) {
    document.documentElement.style.setProperty("--article-font", STEPS[step] + "rem");
    var down = document.querySelector("[data-font-step='-1']");
    var up = document.querySelector("[data-font-step='1']");
    if (down) { down.disabled = step === 0; }
    if (up) { up.disabled = step === STEPS.length - 1; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 15000);
    applyStep(readStep());
    document.querySelectorAll("[data-font-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = readStep() + parseInt(button.getAttribute("data-font-step"), 10);
        step = Math.max(0, Math.min(STEPS.length - 1, step));
        try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* storage disabled */ }
        applyStep(step);
      });
    });
    document.querySelectorAll(".print-link").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-copy-url]").forEach(function (button) {
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-copy-url");
        if (navigator.clipboard) {
          navigator.clipboard.writeText(url).then(function () { button.textContent = "Đã sao chép"; },
            function () { window.prompt("Sao chép liên kết:", url); });
        } else {
          window.prompt("Sao chép liên kết:", url);
        }
      });
    });
  });
}());
