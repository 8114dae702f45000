/* /<username>/import_export — import a WordPress export or a Markdown zip (with a
 * progress bar fed by GET /v1/imports/<id>), and download the export zip. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var username = routes.current.author;
  var POLL_MS = 1000;
  var UPLOAD_TIMEOUT_MS = 10 * 60 * 1000; // 50 MB on a slow line, and the import itself when run in-process
  var exportUrl = null;

  var STATES = { queued: "排队中…", running: "正在导入…", done: "导入完成", failed: "导入失败" };
  var SKIPPED = {
    page: "页面", attachment: "附件", menu: "导航菜单项", duplicate: "之前已导入过",
    unreadable: "无法读取的文件", trash: "回收站中的文章", "auto-draft": "自动草稿", inherit: "修订版本"
  };
  var WARNINGS = {
    untitled: function (w) { return "一篇文章没有标题，已用正文开头「" + w.title + "」作标题"; },
    title_shortened: function (w) { return "标题超过 " + Blog.limits.title.max + " 字，已截短为「" + w.title + "」"; },
    tags_dropped: function (w) {
      return "「" + w.title + "」的标签超过 5 个，只保留前 5 个；未导入：" + w.detail;
    },
    price_ignored: function (w) { return "「" + w.title + "」的价格「" + w.detail + "」无效，已按免费导入"; },
    image_refused: function (w) { return "「" + w.title + "」中的图片「" + w.detail + "」不是支持的图片，未导入"; },
    unreadable: function (w) { return "无法读取：" + w.detail; }
  };

  function showProgress(job) {
    var handled = (job.imported || 0) + (job.skipped || 0);
    var percent = job.status === "done" ? 100 : job.total ? Math.min(99, Math.round(handled * 100 / job.total)) : 0;
    $("#import-progress").prop("hidden", false);
    $("#import-state").text(STATES[job.status] || job.status);
    $("#import-count").text(job.total ? "　" + handled + " / " + job.total : "");
    $("#import-bar").attr("value", percent).text(percent + "%");
  }

  function report(job) {
    var $box = $("#import-report").empty().prop("hidden", false);
    if (job.status === "failed") {
      $box.append(ui.alert("导入失败，没有导入任何文章。原因：" + (job.error || "未知"), "error"));
      return;
    }
    $box.append(ui.alert("导入完成：共 " + job.total + " 项，导入 " + job.imported + " 篇文章，跳过 " + job.skipped + " 项。", "success"));
    var skipped = Object.keys(job.skipped_kinds || {});
    if (skipped.length) {
      var $list = ui.el("ul", "report-list");
      skipped.forEach(function (kind) {
        $list.append(ui.el("li", null, (SKIPPED[kind] || kind) + "：" + job.skipped_kinds[kind] + " 项"));
      });
      $box.append(ui.el("h3", "report-title", "跳过的内容"), $list);
    }
    if ((job.warnings || []).length) {
      var $warnings = ui.el("ul", "report-list");
      job.warnings.forEach(function (w) {
        var text = WARNINGS[w.code] ? WARNINGS[w.code](w) : (w.title + " " + w.detail);
        $warnings.append(ui.el("li", null, text));
      });
      $box.append(ui.el("h3", "report-title", "提醒（" + job.warnings.length + "）"), $warnings);
    }
    $box.append(ui.link(routes.blog(username), "查看我的文章 →", "btn btn-primary report-blog"));
  }

  function poll(id, done) {
    Blog.api.get(routes.api.importJob(id))
      .then(function (body) {
        showProgress(body.data);
        if (body.data.status === "done" || body.data.status === "failed") {
          done();
          report(body.data);
        } else {
          window.setTimeout(function () { poll(id, done); }, POLL_MS);
        }
      })
      .catch(function (err) {
        if (err.transient) { window.setTimeout(function () { poll(id, done); }, POLL_MS * 3); return; }
        done();
        ui.showError($("#import-report").prop("hidden", false), err);
      });
  }

  function chooseFile() {
    var $form = $("#import-form");
    Blog.forms.clearErrors($form);
    var problem = Blog.validate.importFile(this.files && this.files[0]);
    $form.find("[type=submit]").prop("disabled", !!problem);
    if (problem) { Blog.forms.showFieldErrors($form, { file: problem }); }
  }

  function startImport(event) {
    event.preventDefault();
    var $form = $(this);
    var file = $form.find("[name=file]")[0].files[0];
    Blog.forms.clearErrors($form);
    var problem = Blog.validate.importFile(file);
    if (problem) { Blog.forms.showFieldErrors($form, { file: problem }); return; }
    var data = new window.FormData();
    data.append("file", file);
    data.append("category", $form.find("[name=category]").val());
    var done = ui.busy($form.find("[type=submit]"), "导入中…");
    $("#import-report").empty().prop("hidden", true);
    showProgress({ status: "queued", total: 0 });
    $("#import-state").text("正在上传…");
    Blog.api.upload(routes.api.imports(), data, { timeoutMs: UPLOAD_TIMEOUT_MS })
      .then(function (body) { poll(body.data.id, done); })
      .catch(function (err) {
        done();
        $("#import-progress").prop("hidden", true);
        Blog.forms.showApiError($form, err);
      });
  }

  function exportAll() {
    var $button = $(this);
    var done = ui.busy($button, "正在打包…");
    $("#export-alert").empty();
    Blog.api.download(routes.api.exportZip(username), { timeoutMs: UPLOAD_TIMEOUT_MS })
      .then(function (blob) {
        done();
        if (exportUrl) { window.URL.revokeObjectURL(exportUrl); }
        exportUrl = window.URL.createObjectURL(blob);
        var name = "jiuzhi-" + username + ".zip";
        var $link = $("#export-link").attr({ href: exportUrl, download: name }).prop("hidden", false);
        $("#export-alert").append(ui.alert("导出完成，如果下载没有自动开始，请点「下载 zip」。", "success"));
        $link[0].click();
      })
      .catch(function (err) { done(); ui.showError($("#export-alert"), err); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "导入/导出", ownerOnly: true })) { return; }
    $("#back-to-info").attr("href", routes.info(username));
    Blog.forms.applyLimits($("#import-form"));
    $("#import-file").on("change", chooseFile);
    $("#import-form").on("submit", startImport);
    $("#export-button").on("click", exportAll);
  });
})(window, window.jQuery);
