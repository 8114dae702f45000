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

  function fill($form, topic) {
    $form.find("[name=title]").val(topic.title).trigger("input");
    $form.find("[name=category]").val(topic.category);
    $form.find("[name=limit][value=" + (topic.limit === "private" ? "private" : "public") + "]").prop("checked", true);
    $form.find("[name=price]").val(Number(topic.price) > 0 ? Number(topic.price).toFixed(2) : "");
    $form.find("[name=comments_enabled]").prop("checked", topic.comments_enabled !== false);
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
      content: editor.txt.html(),
      content_text: editorText(),
      comments_enabled: $form.find("[name=comments_enabled]").is(":checked")
    };
  }

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var data = payload($form);
    var ok = Blog.forms.check($form, { title: data.title, price: $.trim($form.find("[name=price]").val()), content: "x" }, {
      title: Blog.validate.title,
      price: Blog.validate.price
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
    if (editId) { loadForEdit(); }
  });
})(window, window.jQuery);
