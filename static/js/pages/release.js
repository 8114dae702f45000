/*
 * /<username>/topic/release[?t_id=N] — write or edit an article (docs/api.md §11).
 *
 * Two editors: wangEditor (rich text, format "html") and Markdown (a textarea
 * with a live preview rendered by the vendored markdown-it and sanitized by
 * DOMPurify). An article reopens in the mode it was written in; a new one in
 * the mode last used.
 *
 * Drafts: a new article, a draft or a scheduled one is saved by itself a few
 * seconds after a change and when the page is left (fetch keepalive, which can
 * carry the Authorization header; sendBeacon cannot), and the page says
 * "已保存 hh:mm". A published article is only saved by its button, so half an
 * edit never goes live.
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var author = routes.current.author;
  var topicPath = routes.api.topics(author);
  var AUTOSAVE_DELAY_MS = 2000;  // quiet time after a change before saving
  var AUTOSAVE_EVERY_MS = 5000;  // at most this often while typing on
  var MODE_KEY = "jiuzhi_editor_mode";
  var SERVER_OFFSET = "+08:00";  // the API's time zone (Asia/Shanghai, docs/api.md §3)
  var PAYWALL_HTML = '<hr class="paywall"><p><br></p>';
  var PAYWALL_MARKDOWN = "\n\n<!--more-->\n\n";

  var state = {
    id: /^\d+$/.test(routes.current.param("t_id") || "") ? routes.current.param("t_id") : null,
    status: null,       // the saved article's status (null: not saved yet)
    mode: "html",       // "html" (wangEditor) or "markdown"
    saved: null,        // the payload last saved (JSON), to know whether anything changed
    saving: null,       // the autosave in flight (a promise)
    timer: null,
    lastSave: 0,
    publishing: false
  };
  var editor = null;

  /* ---------- the rich editor ---------- */

  // A code block (or table, quote) at the very end traps the caret: what is typed
  // below it lands inside. An empty paragraph after it gives the caret a place.
  var TRAPS = { PRE: true, TABLE: true, BLOCKQUOTE: true, HR: true };
  function keepParagraphAtEnd() {
    var text = editor && editor.$textElem && editor.$textElem.elems[0];
    var last = text && text.lastElementChild;
    if (last && TRAPS[last.nodeName]) {
      $(text).append("<p><br></p>");
    }
  }

  function createEditor() {
    var E = window.wangEditor;
    editor = new E("#editor");
    editor.config.placeholder = "开始写作…";
    editor.config.height = 420;
    editor.config.zIndex = 1;
    editor.config.showFullScreen = false;
    editor.config.menus = [
      "head", "bold", "italic", "underline", "strikeThrough", "foreColor",
      "link", "list", "quote", "code", "image", "table", "splitLine", "undo", "redo"
    ];
    editor.config.showLinkImg = true; // a picture by URL, or uploaded (below)
    // Pasted, dropped and chosen pictures go to POST /v1/images, with progress.
    Blog.uploads.richEditor(editor.config, $("#upload-status"));
    editor.config.onchange = function () {
      $("#editor").closest(".field").find(".field-error").text("");
      keepParagraphAtEnd();
      changed();
    };
    editor.create();
    var text = editor.$textElem.elems[0];
    new window.MutationObserver(keepParagraphAtEnd).observe(text, { childList: true });
  }

  // wangEditor's code menu writes <code class="Python">; the article keeps a language as
  // <code class="language-python"> (the only class the server keeps on <code>).
  var LANGUAGE_NAMES = { "c#": "csharp", "c++": "cpp", "plain text": "plaintext", "shell session": "shell" };
  function richHtml() {
    // Parsed in an inert document: nothing in it loads or runs.
    var doc = new window.DOMParser().parseFromString(editor.txt.html(), "text/html");
    $(doc.body).find("pre > code[class]").each(function () {
      var name = $.trim(this.className);
      if (!name || /(^|\s)language-/.test(name)) { return; }
      var language = LANGUAGE_NAMES[name.toLowerCase()] || name.toLowerCase().replace(/[^a-z0-9_+-]/g, "");
      this.className = language ? "language-" + language : "";
    });
    return doc.body.innerHTML;
  }

  function editorText() {
    return $.trim(editor.txt.text().replace(/&nbsp;/g, " ").replace(/\u200b/g, ""));
  }

  function richHasContent() {
    return editorText().length > 0 || /<(img|hr|table|pre)\b/i.test(editor.txt.html());
  }

  // "Django, 缓存，Redis" → ["Django", "缓存", "Redis"]: trimmed, empty and repeated
  // (case-insensitively) ones left out, as the API counts them.
  function parseTags(value) {
    var seen = {};
    return String(value || "").split(/[,，]/).map($.trim).filter(function (name) {
      var key = name.toLowerCase();
      if (!name || seen[key]) { return false; }
      seen[key] = true;
      return true;
    });
  }

  // The tags (parsed, or the field's text) against Blog.limits: a message, or "".
  function checkTags(value) {
    var tags = $.isArray(value) ? value : parseTags(value);
    var limit = Blog.limits.tag;
    var count = Blog.limits.tags.count;
    if (tags.length > count) { return "最多 " + count + " 个标签"; }
    var long = tags.filter(function (name) { return Array.from(name).length > limit.max; })[0];
    return long ? "标签「" + long + "」超过 " + limit.max + " 个字" : "";
  }

  function previewTags() {
    $("#tag-preview").empty().append(parseTags($("#tags").val()).map(function (name) {
      return ui.el("span", "tag-chip", name);
    }));
  }

  /* ---------- Markdown ---------- */

  function renderPreview() {
    var $preview = $("#markdown-preview");
    var source = $("#markdown").val();
    if (!$.trim(source)) {
      $preview.empty().append(ui.el("p", "muted", "预览会显示在这里"));
      return;
    }
    $preview.html(Blog.article.renderMarkdown(source));
    Blog.article.enhance($preview);
  }

  function setMode(mode) {
    state.mode = mode === "markdown" ? "markdown" : "html";
    var markdown = state.mode === "markdown";
    $("#editor").prop("hidden", markdown);
    $("#markdown-pane").prop("hidden", !markdown);
    $(".mode-tab").each(function () {
      var active = $(this).data("mode") === state.mode;
      $(this).toggleClass("active", active).attr("aria-selected", String(active));
    });
    if (markdown) { renderPreview(); }
    try { window.localStorage.setItem(MODE_KEY, state.mode); } catch (e) { /* private mode */ }
  }

  function insertPaywall() {
    if (state.mode === "markdown") {
      var area = $("#markdown")[0];
      var at = area.selectionStart || area.value.length;
      area.value = area.value.slice(0, at) + PAYWALL_MARKDOWN + area.value.slice(at);
      $(area).trigger("input").trigger("focus");
    } else {
      editor.selection.saveRange();  // where the caret is now, not where wangEditor last looked
      editor.cmd.do("insertHTML", PAYWALL_HTML);
      changed();
    }
  }

  /* ---------- time (the API speaks its own time zone) ---------- */

  // "2026-01-02T08:30" (the browser's local time) → "2026-01-02 08:30:00" on the server's clock.
  function toServerTime(local) {
    var date = new Date(local);
    if (isNaN(date.getTime())) { return ""; }
    var offset = Number(SERVER_OFFSET.slice(0, 3)) * 3600e3;
    return new Date(date.getTime() + offset).toISOString().slice(0, 19).replace("T", " ");
  }

  function toLocalInput(serverTime) {
    var date = new Date(String(serverTime || "").replace(" ", "T") + SERVER_OFFSET);
    if (isNaN(date.getTime())) { return ""; }
    var local = new Date(date.getTime() - date.getTimezoneOffset() * 60e3);
    return local.toISOString().slice(0, 16);
  }

  /* ---------- the form ---------- */

  function scheduling() { return $("[name=publish]:checked").val() === "scheduled"; }

  function fill($form, topic) {
    state.status = topic.status || "published";
    $form.find("[name=title]").val(topic.title).trigger("input");
    $form.find("[name=category]").val(topic.category);
    $form.find("[name=limit][value=" + (topic.limit === "private" ? "private" : "public") + "]").prop("checked", true);
    $form.find("[name=price]").val(Number(topic.price) > 0 ? Number(topic.price).toFixed(2) : "");
    $form.find("[name=tags]").val((topic.tags || []).join(", "));
    previewTags();
    $form.find("[name=comments_enabled]").prop("checked", topic.comments_enabled !== false);
    $form.find("[name=summary]").val(topic.summary || "").trigger("input");
    $form.find("[name=cover]").val(topic.cover || "");
    if (topic.format === "markdown") {
      $("#markdown").val(topic.markdown || "");
      setMode("markdown");
    } else {
      editor.txt.html(window.DOMPurify.sanitize(topic.content || ""));
      keepParagraphAtEnd();
      setMode("html");
    }
    if (topic.status === "scheduled") {
      $form.find("[name=publish][value=scheduled]").prop("checked", true);
      $("#publish-at").val(toLocalInput(topic.publish_at)).prop("hidden", false);
    }
    showStatus();
  }

  // What the buttons say depends on what the article is.
  function showStatus() {
    var published = state.status === "published";
    $("#publish-field").prop("hidden", published);
    $("#save-draft").prop("hidden", published).text(state.status === "scheduled" ? "保存" : "保存草稿");
    var $submit = $("#release-form [type=submit]");
    if (published) {
      $submit.text("保存修改");
    } else {
      $submit.text(scheduling() ? "定时发布" : "发布文章");
    }
    if (state.status === "draft" || state.status === "scheduled") {
      $("#release-heading").text(state.status === "draft" ? "编辑草稿" : "编辑定时文章");
    } else if (published) {
      $("#release-heading").text("编辑文章");
    }
  }

  function body() {
    if (state.mode === "markdown") {
      return { format: "markdown", markdown: $("#markdown").val() };
    }
    return { format: "html", content: richHtml(), content_text: editorText() };
  }

  function hasBody() {
    return state.mode === "markdown" ? $.trim($("#markdown").val()).length > 0 : richHasContent();
  }

  function fields($form) {
    var values = Blog.forms.values($form);
    return $.extend({
      title: $.trim(values.title),
      category: values.category,
      limit: values.limit,
      price: $.trim(values.price || "") === "" ? "0" : $.trim(values.price),
      tags: parseTags(values.tags),
      summary: $.trim(values.summary || ""),
      cover: $.trim(values.cover || ""),
      comments_enabled: $form.find("[name=comments_enabled]").is(":checked")
    }, body());
  }

  function rules() {
    return {
      title: Blog.validate.title, price: Blog.validate.price,
      summary: Blog.validate.summary, cover: Blog.validate.cover, tags: checkTags
    };
  }

  function fieldsValid(data) {
    var all = rules();
    return Object.keys(all).every(function (name) { return !all[name](name === "price" ? rawPrice() : data[name]); });
  }

  function rawPrice() { return $.trim($("#release-form [name=price]").val()); }

  /* ---------- saving ---------- */

  // A new article and a draft are saved as drafts; a scheduled one keeps its time.
  // Not while an article is still loading (its status unknown), nor once it is being published.
  function autosaves() {
    if (state.publishing || (state.id && !state.status)) { return false; }
    return state.status === null || state.status === "draft" || state.status === "scheduled";
  }

  function draftPayload() {
    var data = fields($("#release-form"));
    if (state.status !== "scheduled") { data.status = "draft"; }
    return data;
  }

  function hhmm(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(date.getHours()) + ":" + two(date.getMinutes());
  }

  function showSaved(text, kind) {
    $("#autosave-status").text(text).attr("data-state", kind || "saved");
  }

  function remember(id) {
    if (state.id) { return; }
    state.id = String(id);
    state.status = state.status || "draft";
    if (window.history.replaceState) {  // a reload reopens the draft
      window.history.replaceState(null, "", routes.release(author, state.id));
    }
  }

  function saveDraft(manual) {
    if (state.saving) { return state.saving.then(function () { return saveDraft(manual); }); }
    if (!autosaves()) { return manual ? Promise.reject(null) : Promise.resolve(); }
    var data = draftPayload();
    // A new article is first saved once it has a title and some text (no empty drafts).
    var ready = data.title && fieldsValid(data) && (manual || state.id || hasBody());
    if (!ready) {
      if (manual) { return Promise.reject(null); }
      showSaved(data.title ? "" : "填写标题后自动保存草稿", "idle");
      return Promise.resolve();
    }
    var snapshot = JSON.stringify(data);
    if (!manual && snapshot === state.saved) { return Promise.resolve(); }
    state.lastSave = Date.now();
    showSaved("保存中…", "saving");
    var call = state.id ? Blog.api.put(topicPath + routes.query({ t_id: state.id }), data)
      : Blog.api.post(topicPath, data);
    state.saving = call.then(function (response) {
      state.saving = null;
      state.saved = snapshot;
      remember(response.data && response.data.id);
      showSaved("已保存 " + hhmm(new Date()), "saved");
      showStatus();
    }, function (err) {
      state.saving = null;
      showSaved("自动保存失败：" + ((err && err.message) || "请稍后重试"), "error");
      if (manual) { throw err; }
    });
    return state.saving;
  }

  function changed() {
    if (!autosaves()) { return; }
    window.clearTimeout(state.timer);
    var wait = Math.max(AUTOSAVE_DELAY_MS, state.lastSave + AUTOSAVE_EVERY_MS - Date.now());
    state.timer = window.setTimeout(function () { saveDraft(false); }, wait);
  }

  // Leaving the page: what was not saved yet goes out with keepalive, which outlives the page.
  function saveOnLeave() {
    if (!autosaves() || !editor) { return; }
    var data = draftPayload();
    var snapshot = JSON.stringify(data);
    if (!data.title || snapshot === state.saved || !fieldsValid(data) || (!state.id && !hasBody())) { return; }
    var token = Blog.auth.token();
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (token) { headers.Authorization = token; }
    var path = state.id ? topicPath + routes.query({ t_id: state.id }) : topicPath;
    try {
      window.fetch(Blog.api.url(path), {
        method: state.id ? "PUT" : "POST", headers: headers, body: snapshot,
        mode: "cors", credentials: "omit", keepalive: true
      }).catch(function () {});
      state.saved = snapshot;
    } catch (e) { /* a body over the keepalive quota: the timed saves had it */ }
  }

  function publishPayload($form) {
    var data = fields($form);
    if (state.status !== "published") {
      data.status = scheduling() ? "scheduled" : "published";
      if (scheduling()) { data.publish_at = toServerTime($("#publish-at").val()); }
    }
    return data;
  }

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var data = publishPayload($form);
    var ok = Blog.forms.check($form, { title: data.title, price: rawPrice(), summary: data.summary, cover: data.cover, tags: data.tags }, rules());
    if (ok && !hasBody()) {
      Blog.forms.showFieldErrors($form, { content: "正文不能为空" });
      ok = false;
    }
    if (ok && data.status === "scheduled") {
      var when = new Date($("#publish-at").val());
      var problem = !data.publish_at ? "请选择发布时间" : (when.getTime() <= Date.now() ? "发布时间须晚于现在" : "");
      if (problem) {
        Blog.forms.showFieldErrors($form, { publish_at: problem });
        ok = false;
      }
    }
    if (!ok) { return; }
    var wasPublished = state.status === "published";
    var done = ui.busy($form.find("[type=submit]"), wasPublished ? "保存中…" : "发布中…");
    window.clearTimeout(state.timer);
    state.publishing = true;
    // An autosave in flight may be creating the article: publish that one, never a second.
    Promise.resolve(state.saving).then(function () {
      return state.id ? Blog.api.put(topicPath + routes.query({ t_id: state.id }), data) : Blog.api.post(topicPath, data);
    }).then(function (response) {
      var id = state.id || (response.data && response.data.id);
      var message = wasPublished ? "文章已保存" : (data.status === "scheduled" ? "已定时发布，到时自动公开" : "文章已发布");
      Blog.flash.set(message, "success");
      state.saved = JSON.stringify(draftPayload());
      window.location.assign(id ? routes.topic(author, id) : routes.blog(author));
    }).catch(function (err) {
      state.publishing = false;
      done();
      Blog.forms.showApiError($form, err);
    });
  }

  function manualDraft() {
    var $button = $("#save-draft");
    var $form = $("#release-form");
    var data = draftPayload();
    if (!Blog.forms.check($form, { title: data.title, price: rawPrice(), summary: data.summary, cover: data.cover, tags: data.tags }, rules())) { return; }
    var done = ui.busy($button, "保存中…");
    window.clearTimeout(state.timer);
    saveDraft(true).then(done, function (err) { done(); if (err) { Blog.forms.showApiError($form, err); } });
  }

  /* ---------- loading ---------- */

  function loadForEdit() {
    var $form = $("#release-form");
    ui.loading($("#release-status"), "正在加载文章…");
    $form.prop("hidden", true);
    return Blog.api.get(topicPath, { t_id: state.id })
      .then(function (response) {
        $("#release-status").empty();
        $form.prop("hidden", false);
        fill($form, response.data);
        state.saved = JSON.stringify(draftPayload());
      })
      .catch(function (err) { ui.showError($("#release-status"), err, loadForEdit); });
  }

  function bindEvents($form) {
    $form.on("submit", submit);
    $form.on("input", "[name=tags]", previewTags);
    $form.on("input change", "input, select, textarea", changed);
    $("#markdown").on("input", renderPreview);
    $(".mode-tab").on("click", function () { setMode($(this).data("mode")); changed(); });
    // mousedown would move the focus (and the caret) out of the editor before the click
    $("#insert-paywall").on("mousedown", function (event) { event.preventDefault(); }).on("click", insertPaywall);
    $("#save-draft").on("click", manualDraft);
    $form.on("change", "[name=publish]", function () {
      $("#publish-at").prop("hidden", !scheduling());
      showStatus();
    });
    window.addEventListener("pagehide", saveOnLeave);
    window.document.addEventListener("visibilitychange", function () {
      if (window.document.visibilityState === "hidden") { saveOnLeave(); }
    });
  }

  $(function () {
    if (!Blog.layout.start({ title: state.id ? "编辑文章" : "写文章", ownerOnly: true })) { return; }
    var $form = $("#release-form");
    $("#release-heading").text(state.id ? "编辑文章" : "写文章");
    $form.find("[type=submit]").text(state.id ? "保存修改" : "发布文章");
    createEditor();
    Blog.uploads.textarea($("#markdown")[0], $("#upload-status"));
    Blog.uploads.field($("#cover"), $("#cover-upload"), $("#cover-file"), $("#cover-upload-status"));
    $("#upload-hint").text("可直接粘贴或拖入图片（" + Blog.limits.image.typeNames + "，每张不超过 " +
      Blog.limits.image.maxText + "）");
    Blog.forms.applyLimits($form);
    var lastMode = null;
    try { lastMode = window.localStorage.getItem(MODE_KEY); } catch (e) { lastMode = null; }
    setMode(state.id ? "html" : lastMode);
    bindEvents($form);
    if (state.id) { loadForEdit(); }
  });
})(window, window.jQuery);
