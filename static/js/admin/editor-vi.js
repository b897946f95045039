/* The rich-text editor in Vietnamese.
 *
 * django-prose-editor passes its dialog strings through window.gettext (the
 * admin's JavaScript catalog, which includes our locale/vi/LC_MESSAGES/djangojs.po),
 * but writes its button tooltips and menu labels in English. Those pass through
 * the same catalog here, as the editor draws them.
 */
(function () {
  "use strict";
  var gettext = window.gettext;
  if (!gettext) return;
  var ATTRIBUTES = ["title", "aria-label", "placeholder"];
  var SCOPE = ".prose-editor, .prose-editor-dialog, .prose-menubar";

  function translate(text) {
    var trimmed = (text || "").trim();
    if (!trimmed) return text;
    var heading = /^heading (\d)$/.exec(trimmed);
    if (heading) return gettext("Heading") + " " + heading[1];
    var done = gettext(trimmed);
    return done === trimmed ? text : text.replace(trimmed, done);
  }

  function walk(root) {
    if (!(root instanceof Element)) return;
    var elements = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    elements.forEach(function (element) {
      if (!element.closest(SCOPE) || element.closest(".ProseMirror[contenteditable]")) return;
      ATTRIBUTES.forEach(function (name) {
        var value = element.getAttribute(name);
        if (value) {
          var done = translate(value);
          if (done !== value) element.setAttribute(name, done);
        }
      });
      if (element.classList.contains("material-icons")) return;  // icon ligatures
      Array.prototype.forEach.call(element.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          var done = translate(node.nodeValue);
          if (done !== node.nodeValue) node.nodeValue = done;
        }
      });
      if ((element.tagName === "INPUT") && (element.type === "submit" || element.type === "button") && element.value) {
        element.value = translate(element.value);
      }
    });
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") walk(record.target);
      record.addedNodes.forEach(walk);
    });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ATTRIBUTES });
  document.addEventListener("DOMContentLoaded", function () { walk(document.body); });
})();
