// Readers' comments: load the block into the (cached) article page, count
// characters as the server does, post without leaving the page. No inline
// code anywhere: the site runs under a strict Content-Security-Policy.
(function () {
  "use strict";

  var NETWORK_PROBLEM = "Chưa gửi được ý kiến (mất kết nối hoặc trang đã mở quá lâu). " +
    "Nội dung của bạn vẫn còn nguyên, vui lòng thử lại.";
  var LOAD_PROBLEM = "Không tải được ý kiến bạn đọc.";

  // The server counts NFC code points after turning CRLF into LF; so do we.
  // (`maxlength` would count UTF-16 units and cut decomposed Vietnamese short.)
  function characters(text) {
    return Array.from(text.replace(/\r\n?/g, "\n").normalize("NFC")).length;
  }

  // The CSRF token (and its cookie) is asked for only when a reader starts writing:
  // readers who only read get no cookie, and the cached pages stay one copy for all.
  var tokenRequest = null;
  function csrfToken(form) {
    if (!tokenRequest) {
      tokenRequest = fetch(form.getAttribute("data-token-url"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (data) { return data.token; });
      tokenRequest.catch(function () { tokenRequest = null; });
    }
    return tokenRequest;
  }

  function isFragment(response) {
    return response.headers.get("X-Comments-Fragment") === "1";
  }

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  function updateCounter(form) {
    var textarea = form.querySelector("textarea[data-counted]");
    var counter = form.querySelector("[data-counter]");
    if (!textarea || !counter) { return; }
    var max = parseInt(counter.getAttribute("data-max"), 10);
    var count = characters(textarea.value);
    counter.querySelector("[data-count]").textContent = String(count);
    counter.classList.toggle("is-over", count > max);
  }

  function showProblem(form, message) {
    var box = form.querySelector("[data-comment-error]");
    if (!box) {
      box = document.createElement("div");
      box.className = "comment-error";
      box.setAttribute("role", "alert");
      box.setAttribute("data-comment-error", "");
      box.tabIndex = -1;
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = message;
    box.focus();
  }

  function endpointWith(section, link) {
    // The link works without JavaScript (the comments page); keep its query.
    return section.getAttribute("data-comments-src") + new URL(link.href).search;
  }

  function fetchFragment(url, options) {
    return fetch(url, Object.assign({ credentials: "same-origin" }, options || {}))
      .then(function (response) {
        if (!isFragment(response)) { throw new Error("HTTP " + response.status); }
        return response.text();
      });
  }

  // Sorting and "Xem thêm" replace only the list: a half-written comment stays.
  function replaceList(section, url, append) {
    return fetchFragment(url).then(function (html) {
      var fresh = parse(html).querySelector("[data-comments-list]");
      var current = section.querySelector("[data-comments-list]");
      if (!fresh || !current) { return; }
      if (append) {
        var list = current.querySelector("[data-comment-list]");
        var more = current.querySelector(".comment-more");
        var items = fresh.querySelectorAll("[data-comment-list] > li");
        items.forEach(function (item) { list.appendChild(document.importNode(item, true)); });
        var nextMore = fresh.querySelector(".comment-more");
        if (more) { more.remove(); }
        if (nextMore) { current.appendChild(document.importNode(nextMore, true)); }
      } else {
        current.replaceWith(document.importNode(fresh, true));
      }
    });
  }

  function render(section, html) {
    // Server-rendered by Django templates, where every reader's text is escaped.
    section.innerHTML = html;
    section.setAttribute("data-comments-ready", "");
  }

  function setReply(form, id, name) {
    var parent = form.querySelector("input[name=parent]");
    var note = form.querySelector("[data-replying]");
    if (!parent || !note) { return; }
    parent.value = id || "";
    note.hidden = !id;
    note.querySelector("[data-replying-name]").textContent = name || "";
    if (id) { form.querySelector("textarea").focus(); }
  }

  function submit(section, form) {
    var button = form.querySelector("[type=submit]");
    if (button) { button.disabled = true; }
    csrfToken(form).then(function (token) {
      return fetchFragment(form.getAttribute("data-endpoint"), {
        method: "POST",
        body: new FormData(form),
        headers: { "X-CSRFToken": token },
      });
    }).then(function (html) {
      render(section, html);
      var answer = section.querySelector("[data-comment-error], [data-comment-notice]");
      if (answer) { answer.focus(); }
    }).catch(function () {
      tokenRequest = null;  // a cleared cookie: the next try asks for a fresh one
      if (button) { button.disabled = false; }
      showProblem(form, NETWORK_PROBLEM);
    });
  }

  function bind(section) {
    section.addEventListener("focusin", function (event) {
      var form = event.target.closest("[data-comment-form]");
      if (form) { csrfToken(form).catch(function () { /* asked again on submit */ }); }
    });
    section.addEventListener("input", function (event) {
      var form = event.target.closest("[data-comment-form]");
      if (form && event.target.matches("textarea[data-counted]")) { updateCounter(form); }
    });
    section.addEventListener("submit", function (event) {
      var form = event.target.closest("[data-comment-form]");
      if (!form) { return; }
      event.preventDefault();
      submit(section, form);
    });
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link || !section.contains(link)) { return; }
      var form = section.querySelector("[data-comment-form]");
      if (link.hasAttribute("data-reply-to") && form) {
        event.preventDefault();
        setReply(form, link.getAttribute("data-reply-to"), link.getAttribute("data-reply-name"));
      } else if (link.hasAttribute("data-cancel-reply") && form) {
        event.preventDefault();
        setReply(form, "", "");
      } else if (link.hasAttribute("data-comments-more") || link.hasAttribute("data-comments-nav")) {
        event.preventDefault();
        replaceList(section, endpointWith(section, link), link.hasAttribute("data-comments-more"))
          .catch(function () { window.location.href = link.href; });
      }
    });
  }

  function load(section) {
    fetchFragment(section.getAttribute("data-comments-src")).then(function (html) {
      render(section, html);
    }).catch(function () {
      var loading = section.querySelector("[data-comments-loading]");
      if (loading) { loading.textContent = LOAD_PROBLEM; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-comments-src]").forEach(function (section) {
      bind(section);
      if (section.hasAttribute("data-comments-ready")) {
        section.querySelectorAll("[data-comment-form]").forEach(updateCounter);
      } else {
        load(section);
      }
    });
  });
}());
