/* The cover's focal point: click the photo; the two number fields get the point in %,
 * and the previews show the crops readers will see (the server cuts them the same way). */
(function () {
  "use strict";

  function setup() {
    var picker = document.querySelector("[data-focal-picker]");
    var x = document.getElementById("id_cover_focal_x");
    var y = document.getElementById("id_cover_focal_y");
    if (!picker || !x || !y) return;
    var stage = picker.querySelector(".focal-stage");
    var image = picker.querySelector(".focal-image");
    var marker = picker.querySelector(".focal-marker");
    var crops = picker.querySelectorAll(".focal-crop img");

    function value(input) {
      var n = parseInt(input.value, 10);
      return isNaN(n) ? 50 : Math.max(0, Math.min(100, n));
    }

    function show() {
      var fx = value(x), fy = value(y);
      marker.style.left = fx + "%";
      marker.style.top = fy + "%";
      Array.prototype.forEach.call(crops, function (img) { img.style.objectPosition = fx + "% " + fy + "%"; });
    }

    function setSource(src) {
      image.src = src;
      Array.prototype.forEach.call(crops, function (img) { img.src = src; });
      if (src) picker.removeAttribute("data-empty");
      else picker.setAttribute("data-empty", "");
    }

    stage.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      if (!box.width || !box.height) return;
      x.value = String(Math.round(Math.max(0, Math.min(1, (event.clientX - box.left) / box.width)) * 100));
      y.value = String(Math.round(Math.max(0, Math.min(1, (event.clientY - box.top) / box.height)) * 100));
      x.dispatchEvent(new Event("change", { bubbles: true }));
      show();
    });
    x.addEventListener("input", show);
    y.addEventListener("input", show);

    var file = document.getElementById("id_cover");
    if (file) {
      file.addEventListener("change", function () {
        if (file.files && file.files[0]) {
          setSource(URL.createObjectURL(file.files[0]));
          x.value = "";
          y.value = "";
          show();
        }
      });
    }
    show();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
