/* Photos in the article editor: a photo button and a picker (this article's photos, the
 * newsroom's library searched without diacritics, upload), dropping or pasting a file
 * uploads it, and photos taken from other sites are pointed out before saving.
 *
 * Uploads go to the admin's upload view (articles/photo_library.py), which checks the
 * file's content, size and the user's role on the site; alt text is required there and
 * here, and the placed figure uses the alt text and caption typed once, at upload.
 */
(function () {
  "use strict";

  var config = null;
  var editors = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function escapeHtml(text) {
    return String(text || "").replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* Which article (or, for a new one, which section's site) the photos belong to. */
  function scope() {
    if (config.dataset.article) return { article: config.dataset.article };
    var category = document.getElementById("id_category");
    return category && category.value ? { category: category.value } : {};
  }

  function isOurs(src) {
    return src && src.indexOf(config.dataset.mediaUrl) === 0;
  }

  function figureHtml(photo) {
    var caption = photo.caption ? "<figcaption>" + escapeHtml(photo.caption) + "</figcaption>" : "";
    return '<figure><img src="' + escapeHtml(photo.src) + '" alt="' + escapeHtml(photo.alt) + '">' + caption + "</figure>";
  }

  /* ---- The picker dialog (one per page, used by whichever editor opened it) ---------- */
  var dialog, state = { editor: null, position: null, replacing: null, added: [] };

  function buildDialog() {
    var file = el("input", { type: "file", name: "image", accept: "image/jpeg,image/png,image/webp", id: "photo-file" });
    var preview = el("img", { className: "photo-upload-preview", alt: "", hidden: "" });
    var alt = el("input", { type: "text", name: "alt", id: "photo-alt", maxlength: "255", required: "" });
    var caption = el("input", { type: "text", name: "caption", id: "photo-caption", maxlength: "255" });
    var error = el("p", { className: "photo-error", role: "alert" });
    var submit = el("button", { type: "submit", className: "default", text: "Tải lên và chèn vào bài" });
    var upload = el("form", { className: "photo-upload", novalidate: "" }, [
      el("h3", { text: "Tải ảnh mới lên" }),
      el("label", { for: "photo-file", text: "Tệp ảnh (JPEG, PNG hoặc WebP)" }), file, preview,
      el("label", { for: "photo-alt", text: "Mô tả ảnh (alt) – bắt buộc, cho người khiếm thị" }), alt,
      el("label", { for: "photo-caption", text: "Chú thích hiện dưới ảnh" }), caption,
      el("div", { className: "photo-actions" }, [submit]), error,
    ]);
    var search = el("input", { type: "search", id: "photo-search", placeholder: "Tìm theo chú thích, gõ không dấu cũng được" });
    var ownList = el("ul", { className: "photo-grid", "data-list": "article" });
    var libraryList = el("ul", { className: "photo-grid", "data-list": "library" });
    var close = el("button", { type: "button", className: "photo-close", text: "Đóng" });
    dialog = el("dialog", { className: "photo-dialog", "aria-labelledby": "photo-dialog-title" }, [
      el("div", { className: "photo-dialog-head" }, [el("h2", { id: "photo-dialog-title", text: "Chèn ảnh vào bài" }), close]),
      upload,
      el("section", { className: "photo-own" }, [el("h3", { text: "Ảnh của bài này" }), ownList]),
      el("section", { className: "photo-library" }, [
        el("h3", { text: "Thư viện ảnh của tòa soạn" }),
        el("label", { for: "photo-search", className: "visually-hidden", text: "Tìm ảnh" }), search, libraryList,
      ]),
    ]);
    document.body.appendChild(dialog);

    close.addEventListener("click", function () { dialog.close(); });
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) {
        preview.src = URL.createObjectURL(file.files[0]);
        preview.hidden = false;
        alt.focus();
      }
    });
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    upload.addEventListener("submit", function (event) {
      event.preventDefault();
      error.textContent = "";
      if (!file.files || !file.files[0]) { error.textContent = "Hãy chọn một tệp ảnh."; file.focus(); return; }
      if (!alt.value.trim()) { error.textContent = "Hãy nhập mô tả ảnh (alt) cho người khiếm thị."; alt.focus(); return; }
      var data = new FormData();
      data.append("image", file.files[0]);
      data.append("alt", alt.value.trim());
      data.append("caption", caption.value.trim());
      var where = scope();
      Object.keys(where).forEach(function (key) { data.append(key, where[key]); });
      submit.disabled = true;
      submit.textContent = "Đang tải lên…";
      fetch(config.dataset.uploadUrl, {
        method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() },
      }).then(function (response) {
        return response.json().catch(function () { return { error: "Máy chủ không trả lời đúng (mã " + response.status + ")." }; })
          .then(function (json) { return { ok: response.ok, json: json }; });
      }).then(function (result) {
        if (!result.ok) { error.textContent = result.json.error || "Không tải lên được ảnh."; return; }
        state.added.push(result.json);
        place(result.json);
        upload.reset();
        preview.hidden = true;
        dialog.close();
      }).catch(function () {
        error.textContent = "Mất kết nối tới máy chủ; ảnh chưa được tải lên. Hãy thử lại.";
      }).then(function () {
        submit.disabled = false;
        submit.textContent = "Tải lên và chèn vào bài";
      });
    });
    dialog.addEventListener("close", function () { state.replacing = null; });
  }

  function photoItem(photo) {
    var label = photo.caption || photo.alt;
    var button = el("button", { type: "button", className: "photo-pick", title: "Chèn ảnh này: " + label }, [
      el("img", { src: photo.preview, alt: "" }), el("span", { text: label }),
    ]);
    button.addEventListener("click", function () { place(photo); dialog.close(); });
    return el("li", {}, [button]);
  }

  function fill(list, photos, empty) {
    list.textContent = "";
    if (!photos.length) list.appendChild(el("li", { className: "photo-empty", text: empty }));
    photos.forEach(function (photo) { list.appendChild(photoItem(photo)); });
  }

  function load() {
    var params = new URLSearchParams(scope());
    params.set("q", dialog.querySelector("#photo-search").value);
    var own = dialog.querySelector("[data-list=article]");
    var library = dialog.querySelector("[data-list=library]");
    fetch(config.dataset.pickerUrl + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (result) {
        if (!result.ok) {
          fill(own, [], "");
          library.textContent = "";
          library.appendChild(el("li", { className: "photo-empty", text: result.json.error || "Không tải được thư viện ảnh." }));
          return;
        }
        var mine = result.json.article.slice();
        state.added.forEach(function (photo) {
          if (!mine.some(function (p) { return p.id === photo.id; })) mine.push(photo);
        });
        fill(own, mine, "Bài chưa có ảnh nào.");
        fill(library, result.json.library, "Không có ảnh nào khớp.");
      })
      .catch(function () { fill(library, [], "Không tải được thư viện ảnh."); });
  }

  function open(editor, position, presetFile) {
    state.editor = editor;
    state.position = position;
    dialog.querySelector(".photo-error").textContent = "";
    if (!dialog.open) dialog.showModal();
    load();
    var file = dialog.querySelector("#photo-file");
    if (presetFile) {
      var transfer = new DataTransfer();
      transfer.items.add(presetFile);
      file.files = transfer.files;
      file.dispatchEvent(new Event("change"));
    } else {
      file.focus();
    }
  }

  /* Put `photo` into the document: replace a foreign image, or insert a figure. */
  function place(photo) {
    var editor = state.editor;
    if (!editor) return;
    if (state.replacing) {
      var old = state.replacing;
      var tr = editor.state.tr;
      editor.state.doc.descendants(function (node, pos) {
        if (node.type.name === "image" && node.attrs.src === old) {
          tr.setNodeMarkup(pos, undefined, Object.assign({}, node.attrs, { src: photo.src, alt: photo.alt }));
        }
      });
      editor.view.dispatch(tr);
      state.replacing = null;
      return;
    }
    var chain = editor.chain().focus();
    if (state.position !== null && state.position !== undefined) chain = chain.insertContentAt(state.position, figureHtml(photo));
    else chain = chain.insertContent(figureHtml(photo));
    chain.run();
    state.position = null;
  }

  function imageFile(list) {
    return Array.prototype.find.call(list || [], function (file) { return /^image\//.test(file.type); });
  }

  /* ---- Each editor: a button, drop and paste, foreign images ------------------------- */
  function setup(editor, textarea) {
    var container = textarea.closest(".prose-editor") || textarea.parentNode;
    var button = el("button", { type: "button", className: "prose-menubar__button photo-button", title: "Chèn ảnh (tải lên hoặc chọn từ thư viện)", "aria-label": "Chèn ảnh (tải lên hoặc chọn từ thư viện)" }, [
      el("span", { className: "material-icons", "aria-hidden": "true", text: "add_photo_alternate" }),
      el("span", { className: "photo-button-label", text: "Ảnh" }),
    ]);
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { open(editor, null, null); });
    // The menubar is drawn just after the editor is ready: join it as its first group.
    var group = el("div", { className: "prose-menubar__group photo-group" }, [button]);
    var tries = 0;
    (function mount() {
      var menubar = container.querySelector(".prose-menubar");
      if (menubar) menubar.insertBefore(group, menubar.firstChild);
      else if (tries++ < 40) setTimeout(mount, 50);
      else container.insertBefore(group, container.firstChild);
    })();

    var dom = editor.view.dom;
    dom.addEventListener("drop", function (event) {
      var file = event.dataTransfer && imageFile(event.dataTransfer.files);
      if (!file) return;
      event.preventDefault();
      event.stopPropagation();
      var at = editor.view.posAtCoords({ left: event.clientX, top: event.clientY });
      open(editor, at ? at.pos : null, file);
    }, true);
    dom.addEventListener("paste", function (event) {
      var file = event.clipboardData && imageFile(event.clipboardData.files);
      if (!file) return;
      event.preventDefault();
      event.stopPropagation();
      open(editor, editor.state.selection.from, file);
    }, true);

    var warning = el("div", { className: "photo-foreign", role: "alert", hidden: "", tabindex: "-1" });
    container.parentNode.insertBefore(warning, container.nextSibling);

    function foreign() {
      var seen = [];
      Array.prototype.forEach.call(dom.querySelectorAll("img"), function (img) {
        var src = img.getAttribute("src") || "";
        if (src && !isOurs(src) && seen.indexOf(src) < 0) seen.push(src);
      });
      return seen;
    }

    function uploadForeign(src) {
      fetch(src, { mode: "cors" }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.blob();
      }).then(function (blob) {
        var type = blob.type || "image/jpeg";
        var name = "anh-dan." + (type.split("/")[1] || "jpg");
        open(editor, null, new File([blob], name, { type: type }));
        state.replacing = src;
      }).catch(function () {
        warning.querySelector(".photo-foreign-note").textContent =
          "Trang kia không cho tải ảnh trực tiếp. Hãy lưu ảnh về máy rồi kéo thả vào khung soạn thảo, sau đó xóa ảnh cũ.";
      });
    }

    function check() {
      var found = foreign();
      warning.textContent = "";
      warning.hidden = !found.length;
      if (!found.length) return found;
      warning.appendChild(el("p", { text: "Có " + found.length + " ảnh lấy từ nơi khác, chưa có trong thư viện ảnh của tòa soạn: bài sẽ không lưu được cho tới khi các ảnh này được tải lên (hoặc xóa đi)." }));
      var list = el("ul");
      found.forEach(function (src) {
        var origin = src.indexOf("data:") === 0 ? "ảnh dán từ bộ nhớ tạm" : src;
        var again = el("button", { type: "button", className: "button", text: "Tải ảnh này lên thư viện" });
        again.addEventListener("click", function () { uploadForeign(src); });
        list.appendChild(el("li", {}, [el("code", { text: origin.length > 80 ? origin.slice(0, 80) + "…" : origin }), document.createTextNode(" "), again]));
      });
      warning.appendChild(list);
      warning.appendChild(el("p", { className: "photo-foreign-note" }));
      return found;
    }

    editor.on("update", check);
    check();
    if (textarea.form) {
      textarea.form.addEventListener("submit", function (event) {
        if (check().length) {
          event.preventDefault();
          warning.focus();
          warning.scrollIntoView({ block: "center" });
        }
      });
    }
    editors.push(editor);
  }

  var pending = [];
  document.addEventListener("prose-editor:ready", function (event) {
    var detail = event.detail || {};
    if (!detail.textarea || detail.textarea.name !== "body") return;
    if (config) setup(detail.editor, detail.textarea);
    else pending.push(detail);
  });
  function start() {
    config = document.getElementById("photo-picker");
    if (!config) return;
    buildDialog();
    pending.forEach(function (detail) { setup(detail.editor, detail.textarea); });
    pending = [];
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
