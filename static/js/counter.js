// Live character counter for plain forms (a draft's comment form): counts what the
// server counts, NFC code points with CRLF as LF, so decomposed Vietnamese is not
// penalised for its combining marks. Markup: a textarea[data-counted] whose
// aria-describedby names an element [data-counter][data-max] holding a [data-count].
(function () {
  "use strict";

  function characters(text) {
    return Array.from(text.replace(/\r\n?/g, "\n").normalize("NFC")).length;
  }

  function update(textarea) {
    var counter = document.getElementById(textarea.getAttribute("aria-describedby") || "");
    if (!counter || !counter.hasAttribute("data-counter")) { return; }
    var count = characters(textarea.value);
    counter.querySelector("[data-count]").textContent = String(count);
    counter.classList.toggle("is-over", count > parseInt(counter.getAttribute("data-max"), 10));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-counted]").forEach(function (textarea) {
      update(textarea);
      textarea.addEventListener("input", function () { update(textarea); });
    });
  });
}());
