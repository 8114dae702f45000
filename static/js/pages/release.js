/* /<username>/topic/release[?t_id=N] — publish or edit an article with wangEditor. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var author = routes.current.author;
  var editId = /^\d+$/.test(routes.current.param("t_id") || "") ? routes.current.param("t_id") : null;
  var topicPath = routes.api.topics(author);
  var editor = null;

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
    editor.config.showLinkImg = true; // images by URL only: the API stores no uploads
    editor.config.onchange = function () { $("#editor").closest(".field").find(".field-error").text(""); };
    editor.create();
  }

  function editorText() {
    return $.trim(editor.txt.text().replace(/&nbsp;/g, " ").replace(/\u200b/g, ""));
  }

  function editorHasContent() {
    return editorText().length > 0 || /<img\b/i.test(editor.txt.html());
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

  function checkTags(value) {
    var tags = parseTags(value);
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

  function fill($form, topic) {
    $form.find("[name=title]").val(topic.title).trigger("input");
    $form.find("[name=category]").val(topic.category);
    $form.find("[name=limit][value=" + (topic.limit === "private" ? "private" : "public") + "]").prop("checked", true);
    $form.find("[name=price]").val(Number(topic.price) > 0 ? Number(topic.price).toFixed(2) : "");
    $form.find("[name=tags]").val((topic.tags || []).join(", "));
    previewTags();
    editor.txt.html(window.DOMPurify.sanitize(topic.content || ""));
  }

  function loadForEdit() {
    var $form = $("#release-form");
    ui.loading($("#release-status"), "正在加载文章…");
    $form.prop("hidden", true);
    return Blog.api.get(topicPath, { t_id: editId })
      .then(function (body) {
        $("#release-status").empty();
        $form.prop("hidden", false);
        fill($form, body.data);
      })
      .catch(function (err) { ui.showError($("#release-status"), err, loadForEdit); });
  }

  function payload($form) {
    var values = Blog.forms.values($form);
    return {
      title: $.trim(values.title),
      category: values.category,
      limit: values.limit,
      price: values.price === "" ? "0" : values.price,
      tags: parseTags(values.tags),
      content: editor.txt.html(),
      content_text: editorText()
    };
  }

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var data = payload($form);
    var ok = Blog.forms.check($form, {
      title: data.title, price: $.trim($form.find("[name=price]").val()), tags: $form.find("[name=tags]").val(), content: "x"
    }, {
      title: Blog.validate.title,
      price: Blog.validate.price,
      tags: checkTags
    });
    if (ok && !editorHasContent()) {
      Blog.forms.showFieldErrors($form, { content: "正文不能为空" });
      ok = false;
    }
    if (!ok) { return; }
    var done = ui.busy($form.find("[type=submit]"), editId ? "保存中…" : "发布中…");
    var call = editId ? Blog.api.put(topicPath + routes.query({ t_id: editId }), data) : Blog.api.post(topicPath, data);
    call.then(function (body) {
      var id = editId || (body.data && body.data.id);
      Blog.flash.set(editId ? "文章已保存" : "文章已发布", "success");
      window.location.assign(id ? routes.topic(author, id) : routes.blog(author));
    }).catch(function (err) {
      done();
      Blog.forms.showApiError($form, err);
    });
  }

  $(function () {
    if (!Blog.layout.start({ title: editId ? "编辑文章" : "写文章", ownerOnly: true })) { return; }
    var $form = $("#release-form");
    $("#release-heading").text(editId ? "编辑文章" : "写文章");
    $form.find("[type=submit]").text(editId ? "保存修改" : "发布文章");
    createEditor();
    Blog.forms.applyLimits($form);
    $form.on("submit", submit);
    $form.on("input", "[name=tags]", previewTags);
    if (editId) { loadForEdit(); }
  });
})(window, window.jQuery);
