/*
 * Blog.uploads — pictures sent to the API with upload progress (XMLHttpRequest,
 * whose upload events fetch() lacks), and the editors wired to it. Loads after
 * api.js; both editors of the release page use it.
 *
 *   Blog.uploads.check(file)              → null, or why the file is refused (Chinese)
 *   Blog.uploads.image(file, onProgress)  → Promise of {url, width, height};
 *                                           onProgress(0..100) while it is sent;
 *                                           rejects with a Blog.api.ApiError
 *   Blog.uploads.upload(files, $status, insert[, onFailed])
 *                                         → one file after another, the progress and
 *                                           the outcome in $status; insert(url, file)
 *                                           for each stored picture; a Promise of the end
 *   Blog.uploads.richEditor(config, $status)
 *                                         → wangEditor uploads pasted, dropped and
 *                                           chosen pictures
 *   Blog.uploads.textarea(area, $status)  → a Markdown textarea takes pasted and
 *                                           dropped pictures as ![name](url)
 *   Blog.uploads.field($input, $button, $file, $status)
 *                                         → $button chooses a picture ($file), whose
 *                                           URL goes into $input (an article's cover)
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var limits = Blog.limits.image;
  var errors = Blog.errors.byCode;
  var TIMEOUT_MS = 120000; // 5 MB on a slow line

  function check(file) {
    if (limits.types.indexOf(file.type) < 0) { return errors[10600][0]; }
    if (file.size > limits.maxBytes) { return errors[10601][0]; }
    return null;
  }

  function parse(xhr) {
    try { return JSON.parse(xhr.responseText || "{}") || {}; } catch (e) { return {}; }
  }

  function failure(xhr, sentToken) {
    var body = parse(xhr);
    // A body refused before it was read (10004) is, here, a picture that is too large.
    var code = xhr.status === 413 ? 10601 : body.code;
    var err = new Blog.api.ApiError(xhr.status, code, body.error, body.fields);
    if (xhr.status === 401 && sentToken) {
      err.redirected = true;
      Blog.api.sendToLogin("登录已过期或已失效，请重新登录");
    }
    return err;
  }

  function send(path, field, file, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new window.XMLHttpRequest();
      var form = new window.FormData();
      var token = Blog.auth.token();
      form.append(field, file, file.name || "image");
      xhr.open("POST", Blog.api.url(path));
      xhr.timeout = TIMEOUT_MS;
      xhr.setRequestHeader("Accept", "application/json");
      if (token) { xhr.setRequestHeader("Authorization", token); }
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable && onProgress) {
          onProgress(Math.min(99, Math.floor(event.loaded * 100 / event.total)));
        }
      };
      xhr.onload = function () {
        var body = parse(xhr);
        if (xhr.status >= 200 && xhr.status < 300 && !body.error) {
          if (onProgress) { onProgress(100); }
          resolve(body.data);
        } else {
          reject(failure(xhr, !!token));
        }
      };
      xhr.onerror = function () { reject(new Blog.api.ApiError(0, 0, null)); };
      xhr.ontimeout = function () { reject(new Blog.api.ApiError(408, 0, null)); };
      xhr.send(form);
    });
  }

  function image(file, onProgress) {
    var refused = check(file);
    if (refused) {
      var err = new Blog.api.ApiError(400, 0, null);
      err.message = refused;
      return Promise.reject(err);
    }
    return send("/v1/images", "image", file, onProgress);
  }

  // One picture after another; $status holds a <progress> and a .upload-text.
  // Answers a Promise settled (never rejected) once every file is done.
  function upload(files, $status, insert, onFailed) {
    var $bar = $status.find("progress");
    var $text = $status.find(".upload-text");
    var total = files.length;
    var failures = [];

    function show(text, kind) {
      $status.prop("hidden", false).attr("data-state", kind);
      $text.text(text);
    }

    function next(index) {
      if (index >= total) {
        $bar.prop("hidden", true);
        if (failures.length) {
          show(failures.join("；"), "error");
        } else {
          show(total > 1 ? total + " 张图片已上传" : "图片已上传", "done");
        }
        return Promise.resolve();
      }
      var file = files[index];
      var label = total > 1 ? "正在上传第 " + (index + 1) + "/" + total + " 张图片" : "正在上传图片";
      $bar.prop("hidden", false).val(0);
      show(label + "… 0%", "uploading");
      return image(file, function (percent) {
        $bar.val(percent);
        show(label + "… " + percent + "%", "uploading");
      }).then(function (stored) {
        insert(stored.url, file);
      }).catch(function (err) {
        if (onFailed) { onFailed(file); }
        if (!err.redirected) { failures.push((file.name ? file.name + "：" : "") + err.message); }
      }).then(function () { return next(index + 1); });
    }

    return next(0);
  }

  // wangEditor 4: its own checks opened wide, so that check() decides in Chinese.
  function richEditor(config, $status) {
    config.uploadImgAccept = ["jpg", "jpeg", "png", "gif", "webp", "bmp", "svg", "tif", "tiff",
      "heic", "heif", "avif", "ico"];
    config.uploadImgMaxSize = 1024 * 1024 * 1024;
    config.uploadImgMaxLength = 10;
    config.customUploadImg = function (files, insert) {
      upload(files, $status, function (url) { insert(url); });
    };
  }

  function pictureFiles(list) {
    return Array.prototype.filter.call(list || [], function (file) {
      return /^image\//.test(file.type);
    });
  }

  // A Markdown textarea: a placeholder at the caret while a picture uploads, then
  // ![name](url) in its place (or nothing, when it is refused); "input" follows each
  // change so that the preview and the autosave see it.
  function textarea(area, $status) {
    var counter = 0;

    function replace(from, to) {
      var at = area.value.indexOf(from);
      if (at < 0) { return; }
      area.value = area.value.slice(0, at) + to + area.value.slice(at + from.length);
      $(area).trigger("input");
    }

    function take(files) {
      var placeholders = files.map(function (file) {
        counter += 1;
        return "![正在上传 " + (file.name || "图片") + " #" + counter + "]()";
      });
      var start = area.selectionStart;
      var text = placeholders.join("\n");
      area.value = area.value.slice(0, start) + text + area.value.slice(area.selectionEnd);
      area.selectionStart = area.selectionEnd = start + text.length;
      $(area).trigger("input");
      upload(files, $status, function (url, file) {
        var alt = (file.name || "图片").replace(/\.[^.]*$/, "").replace(/[[\]]/g, "");
        replace(placeholders[files.indexOf(file)], "![" + alt + "](" + url + ")");
      }, function (file) {
        replace(placeholders[files.indexOf(file)], "");
      });
    }

    $(area).on("paste", function (event) {
      var files = pictureFiles(event.originalEvent.clipboardData && event.originalEvent.clipboardData.files);
      if (files.length) { event.preventDefault(); take(files); }
    }).on("dragover", function (event) {
      var types = event.originalEvent.dataTransfer && event.originalEvent.dataTransfer.types;
      if (types && Array.prototype.indexOf.call(types, "Files") >= 0) { event.preventDefault(); }
    }).on("drop", function (event) {
      var files = pictureFiles(event.originalEvent.dataTransfer && event.originalEvent.dataTransfer.files);
      if (files.length) { event.preventDefault(); area.focus(); take(files); }
    });
  }

  // A URL field with an upload button beside it.
  function field($input, $button, $file, $status) {
    $file.attr("accept", limits.types.join(","));
    $button.on("click", function () { $file.val("").trigger("click"); });
    $file.on("change", function () {
      var files = Array.prototype.slice.call(this.files || [], 0, 1);
      if (!files.length) { return; }
      $button.prop("disabled", true);
      upload(files, $status, function (url) {
        $input.val(url).trigger("input").trigger("change");
      }).then(function () { $button.prop("disabled", false); });
    });
  }

  Blog.uploads = {
    check: check,
    image: image,
    upload: upload,
    richEditor: richEditor,
    textarea: textarea,
    field: field
  };
})(window, window.jQuery);
