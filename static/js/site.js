// Small, dependency-free behaviour for the public pages. No inline scripts:
// pages are cached whole and served under a strict Content-Security-Policy.
//
// Loaded from <head> without `defer`, on purpose: the reader's text size is
// applied to <html> before the body is parsed, so the article never paints at
// one size and then jumps to another. Everything touching the body waits for
// DOMContentLoaded. The file is small and, with its hashed name, cached for good.
(function () {
  "use strict";

  var root = document.documentElement;

  // --- "A A": text size of the article, remembered across pages -------------
  // The sizes themselves live in site.css (html[data-font-step="N"]).
  var FONT_KEY = "benluc:font-step";
  var FONT_STEPS = 7;
  var FONT_DEFAULT = 2;

  function clampStep(step) {
    return isNaN(step) ? FONT_DEFAULT : Math.max(0, Math.min(FONT_STEPS - 1, step));
  }
  function storedStep() {
    var stored = null;
    try { stored = window.localStorage.getItem(FONT_KEY); } catch (e) { /* storage disabled */ }
    return clampStep(parseInt(stored, 10));
  }
  function showStep(step) {
    root.setAttribute("data-font-step", String(step));
    var buttons = document.querySelectorAll("[data-font-change]");
    for (var i = 0; i < buttons.length; i++) {
      var change = parseInt(buttons[i].getAttribute("data-font-change"), 10);
      var limit = change < 0 ? step === 0 : step === FONT_STEPS - 1;
      // aria-disabled rather than disabled: a keyboard user's focus stays put.
      buttons[i].setAttribute("aria-disabled", limit ? "true" : "false");
    }
  }
  showStep(storedStep());

  function changeFontSize(change) {
    var step = clampStep(parseInt(root.getAttribute("data-font-step"), 10) + change);
    try { window.localStorage.setItem(FONT_KEY, String(step)); } catch (e) { /* not remembered */ }
    showStep(step);
  }

  // --- Header clock: the reader's moment, always in Vietnam time ------------
  // The page may come from a cache, so the server's time is only a fallback.
  // "Thứ Ba, 16/08/2022 11:26 (GMT +7)", datetime="2022-08-16T11:26+07:00".
  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var VIETNAM_OFFSET = 7 * 3600 * 1000; // UTC+7 all year, no daylight saving
  var clockTimer = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var clock = document.getElementById("clock");
    if (!clock) { return; }
    var now = Date.now();
    // A Date shifted by seven hours, read with the UTC getters: Vietnam's wall
    // clock whatever the reader's own time zone is.
    var d = new Date(now + VIETNAM_OFFSET);
    var date = pad(d.getUTCDate()) + "/" + pad(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
    var time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    clock.textContent = WEEKDAYS[d.getUTCDay()] + ", " + date + " " + time + " (GMT +7)";
    clock.setAttribute("datetime", d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" +
      pad(d.getUTCDate()) + "T" + time + "+07:00");
    // Next update just after the minute turns.
    window.clearTimeout(clockTimer);
    clockTimer = window.setTimeout(tick, 60000 - (now % 60000) + 20);
  }

  // --- Share tools -----------------------------------------------------------
  function copyLink(button) {
    var url = button.getAttribute("data-copy-url");
    var label = button.textContent;
    function done() {
      button.textContent = "Đã sao chép liên kết";
      window.setTimeout(function () { button.textContent = label; }, 3000);
    }
    function fallback() { window.prompt("Sao chép liên kết:", url); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    showStep(storedStep());
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) { tick(); }
    });
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("button") : null;
      if (!target) { return; }
      if (target.hasAttribute("data-font-change")) {
        if (target.getAttribute("aria-disabled") !== "true") {
          changeFontSize(parseInt(target.getAttribute("data-font-change"), 10));
        }
      } else if (target.classList.contains("print-link")) {
        window.print();
      } else if (target.hasAttribute("data-copy-url")) {
        copyLink(target);
      }
    });
  });

  // Photos further down wait to be scrolled to ("loading=lazy"); on paper
  // they must all be there, whichever way the reader starts printing.
  window.addEventListener("beforeprint", function () {
    var lazy = document.querySelectorAll("img[loading='lazy']");
    for (var i = 0; i < lazy.length; i++) { lazy[i].setAttribute("loading", "eager"); }
  });

  // Another tab changed the size: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === FONT_KEY) { showStep(storedStep()); }
  });
}());
