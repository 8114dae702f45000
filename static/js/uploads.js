/*
 * Blog.uploads — files sent to the API with upload progress (XMLHttpRequest,
 * whose upload events fetch() lacks). Loads after api.js; used by every editor
 * that takes pictures (paste, drop, the image menu).
 *
 *   Blog.uploads.check(file)                → null, or why the file is refused (Chinese)
 *   Blog.uploads.image(file, onProgress)    → Promise of {url, width, height};
 *                                             onProgress(0..100) while it is sent;
 *                                             rejects with a Blog.api.ApiError
 */
(function (window) {
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

  Blog.uploads = {
    check: check,
    image: function (file, onProgress) {
      var refused = check(file);
      if (refused) {
        var err = new Blog.api.ApiError(400, 0, null);
        err.message = refused;
        return Promise.reject(err);
      }
      return send("/v1/images", "image", file, onProgress);
    }
  };
})(window);
