/*
 * Blog.auth — the login state kept in localStorage.
 * Blog.api  — the one way the SPA talks to the API: JSON envelope, the raw
 *             token in `Authorization`, errors turned into ApiError (texts in
 *             errors.js), an expired/revoked token sending the user to /login.
 */
(function (window, $) {
  "use strict";

  var Blog = (window.Blog = window.Blog || {});
  var TOKEN_KEY = "dnblog_token";
  var USER_KEY = "dnblog_user";
  var FLASH_KEY = "dnblog_flash";
  var TIMEOUT_MS = 20000;

  var auth = {
    token: function () { return window.localStorage.getItem(TOKEN_KEY); },
    username: function () { return window.localStorage.getItem(USER_KEY); },
    isLoggedIn: function () { return !!(auth.token() && auth.username()); },
    isMe: function (username) { return auth.isLoggedIn() && auth.username() === username; },
    save: function (username, token) {
      window.localStorage.setItem(TOKEN_KEY, token);
      window.localStorage.setItem(USER_KEY, username);
    },
    setToken: function (token) { window.localStorage.setItem(TOKEN_KEY, token); },
    clear: function () {
      window.localStorage.removeItem(TOKEN_KEY);
      window.localStorage.removeItem(USER_KEY);
    }
  };

  // A message shown once on the next page (e.g. "please log in again").
  var flash = {
    set: function (message, kind) {
      window.sessionStorage.setItem(FLASH_KEY, JSON.stringify({ message: message, kind: kind || "info" }));
    },
    take: function () {
      var raw = window.sessionStorage.getItem(FLASH_KEY);
      window.sessionStorage.removeItem(FLASH_KEY);
      try { return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
    }
  };

  // A failed call, its message in Chinese (Blog.errors) and, for a form, by field.
  function ApiError(status, code, message, fields) {
    var described = Blog.errors.describe(status, code, message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.message = described[0];
    this.fields = $.extend({}, fields);
    if (described[1]) { this.fields[described[1]] = described[0]; }
    this.redirected = false; // true when the user is being sent to /login
    this.transient = Blog.errors.isTransient(status); // worth a "重试"
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;

  function apiUrl(path) {
    var origin = (window.DNBLOG_CONFIG && window.DNBLOG_CONFIG.apiOrigin) || "";
    return origin.replace(/\/+$/, "") + path;
  }

  var query = Blog.routes.query;

  // The login page, coming back here afterwards.
  function loginUrl() {
    return Blog.routes.login(window.location.pathname + window.location.search);
  }

  function sendToLogin(message) {
    auth.clear();
    flash.set(message, "warning");
    window.location.assign(loginUrl());
  }

  function parseBody(response) {
    if (response.status === 204) { return Promise.resolve({ code: 200, data: null }); }
    return response.text().then(function (text) {
      if (!text) { return {}; }
      try { return JSON.parse(text); } catch (e) { return { error: null }; }
    });
  }

  function toError(response, body, sentToken, options) {
    var err = new ApiError(response.status, body.code, body.error, body.fields);
    if (response.status === 401 && sentToken && !options.keep401) {
      err.redirected = true;
      sendToLogin("登录已过期或已失效，请重新登录");
    }
    return err;
  }

  /*
   * request("GET", "/v1/topics", {params: {...}}) → Promise of the envelope.
   * options: params (query), json (body object), form (FormData), keep401
   * (handle a 401 in place instead of going to /login), timeoutMs (a large
   * upload), blob (resolve with the response body as a Blob: a download).
   */
  function request(method, path, options) {
    options = options || {};
    var headers = { Accept: "application/json" };
    var token = auth.token();
    var init = { method: method, headers: headers, mode: "cors", credentials: "omit" };
    if (token) { headers.Authorization = token; }
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.json);
    } else if (options.form) {
      init.body = options.form; // the browser sets the multipart boundary
    }
    var controller = window.AbortController ? new window.AbortController() : null;
    var timer = null;
    if (controller) {
      init.signal = controller.signal;
      timer = window.setTimeout(function () { controller.abort(); }, options.timeoutMs || TIMEOUT_MS);
    }
    return window.fetch(apiUrl(path + query(options.params)), init).then(
      function (response) {
        window.clearTimeout(timer);
        if (options.blob && response.ok) { return response.blob(); }
        return parseBody(response).then(function (body) {
          if (!response.ok || body.error) {
            throw toError(response, body, !!token, options);
          }
          return body;
        });
      },
      function (failure) {
        window.clearTimeout(timer);
        var timedOut = failure && failure.name === "AbortError";
        throw new ApiError(timedOut ? 408 : 0, 0, null);
      }
    );
  }

  Blog.auth = auth;
  Blog.flash = flash;
  Blog.api = {
    ApiError: ApiError,
    url: apiUrl,
    loginUrl: loginUrl,
    sendToLogin: sendToLogin,
    request: request,
    get: function (path, params, options) {
      return request("GET", path, Object.assign({ params: params }, options));
    },
    post: function (path, json, options) {
      return request("POST", path, Object.assign({ json: json || {} }, options));
    },
    put: function (path, json, options) {
      return request("PUT", path, Object.assign({ json: json || {} }, options));
    },
    del: function (path, params, options) {
      return request("DELETE", path, Object.assign({ params: params }, options));
    },
    upload: function (path, formData, options) {
      return request("POST", path, Object.assign({ form: formData }, options));
    },
    // GET a file (e.g. the export zip) with the token: a Promise of a Blob.
    download: function (path, options) {
      return request("GET", path, Object.assign({ blob: true }, options));
    }
  };
})(window, window.jQuery);
