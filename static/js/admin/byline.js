/* Byline order by dragging rows or with ↑ ↓ buttons; positions are numbered on submit. */
(function () {
  "use strict";
  var group = document.getElementById("article_authors-group");
  if (!group) return;
  var body = group.querySelector("tbody");
  if (!body) return;

  function rows() {
    return Array.prototype.filter.call(body.querySelectorAll("tr.form-row"), function (row) {
      return !row.classList.contains("empty-form") && row.id.indexOf("__prefix__") < 0;
    });
  }

  function renumber() {
    rows().forEach(function (row, index) {
      var position = row.querySelector("input[name$='-position']");
      if (position) position.value = String(index);
    });
  }

  function move(row, step) {
    var list = rows();
    var index = list.indexOf(row);
    var target = list[index + step];
    if (!target) return;
    if (step < 0) body.insertBefore(row, target);
    else body.insertBefore(row, target.nextSibling);
    renumber();
    var button = row.querySelector(step < 0 ? ".byline-up" : ".byline-down");
    if (button) button.focus();
  }

  function button(label, className, step, row) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "byline-move " + className;
    b.textContent = step < 0 ? "↑" : "↓";
    b.title = label;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", function () { move(row, step); });
    return b;
  }

  var dragged = null;
  function equip(row) {
    if (row.querySelector(".byline-move")) return;
    var cell = row.querySelector("td.original") || row.querySelector("td");
    if (!cell) return;
    var handle = document.createElement("span");
    handle.className = "byline-handle";
    handle.textContent = "⠿";
    handle.title = "Kéo để đổi thứ tự ký tên";
    cell.prepend(handle, button("Đưa lên trước", "byline-up", -1, row), button("Đưa xuống sau", "byline-down", 1, row));
    row.draggable = true;
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("byline-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.id);
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("byline-dragging");
      dragged = null;
      renumber();
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? row.nextSibling : row);
    });
  }

  rows().forEach(equip);
  renumber();
  document.addEventListener("formset:added", function (event) {
    if (event.target && event.target.closest && event.target.closest("#article_authors-group")) {
      equip(event.target);
      renumber();
    }
  });
  var form = group.closest("form");
  if (form) form.addEventListener("submit", renumber);
})();
