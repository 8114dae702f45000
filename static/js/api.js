/*
 * Blog.auth — the login state kept in localStorage.
 * Blog.api  — the one way the SPA talks to the API: JSON envelope, the raw
 *             token in `Authorization`, errors turned into ApiError, an
 *             expired/revoked token sending the user to /login.
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

  var STATUS_MESSAGES = {
    0: "网络连接失败，请检查网络后重试",
    400: "提交的内容有误，请检查后重试",
    401: "请先登录",
    403: "没有权限进行此操作",
    404: "内容不存在或已被删除",
    405: "不支持的操作",
    408: "请求超时，请稍后重试",
    409: "操作冲突，请勿重复提交",
    413: "文件太大",
    429: "操作太频繁，请稍后再试",
    500: "服务器开小差了，请稍后再试"
  };

  // The API's documented error codes (docs/errors.md) in the UI's language,
  // and the form field each belongs to. Unknown codes keep the API's message.
  var CODE_MESSAGES = {
    10001: ["提交的数据格式有误"],
    10004: ["提交的内容太大"],
    10006: ["参数有误"],
    10101: ["提交的内容有误，请检查标出的字段"],
    10102: ["用户名已被占用", "username"],
    10103: ["该手机号已注册", "phone"],
    10104: ["验证码错误", "sms_num"],
    10105: ["验证码已过期或未发送，请重新获取", "sms_num"],
    10106: ["验证码错误次数过多，请重新获取", "sms_num"],
    10107: ["发送太频繁，请 60 秒后再试", "phone"],
    10108: ["今天的验证码发送次数已达上限", "phone"],
    10109: ["用户名或密码错误"],
    10110: ["登录失败次数过多，请稍后再试"],
    10111: ["用户不存在"],
    10112: ["只能修改自己的账号"],
    10113: ["原密码错误", "old_password"],
    10114: ["请上传 PNG、JPEG、GIF 或 WebP 图片", "avatar"],
    10115: ["图片不能超过 2 MB", "avatar"],
    10200: ["登录已失效，请重新登录"],
    10201: ["登录已过期，请重新登录"],
    10202: ["登录已失效，请重新登录"],
    10301: ["提交的内容有误，请检查标出的字段"],
    10302: ["文章不存在，或你没有权限查看"],
    10303: ["只能管理自己的文章"],
    10401: ["评论内容有误"],
    10402: ["评论不存在或已被删除"],
    10403: ["没有权限删除这条评论"],
    10404: ["请勿重复发表相同的评论", "content"],
    10405: ["评论太频繁，请稍后再试", "content"]
  };

  function ApiError(status, code, message, fields) {
    var known = CODE_MESSAGES[code];
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.message = (known && known[0]) || message || STATUS_MESSAGES[status] || STATUS_MESSAGES[500];
    this.fields = $.extend({}, fields);
    if (known && known[1]) { this.fields[known[1]] = known[0]; }
    this.redirected = false; // true when the user is being sent to /login
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;

  function apiUrl(path) {
    var origin = (window.DNBLOG_CONFIG && window.DNBLOG_CONFIG.apiOrigin) || "";
    return origin.replace(/\/+$/, "") + path;
  }

  function query(params) {
    var parts = [];
    Object.keys(params || {}).forEach(function (key) {
      var value = params[key];
      if (value !== undefined && value !== null && value !== "") {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function loginUrl() {
    var next = window.location.pathname + window.location.search;
    return "/login" + query({ next: next });
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
   * (handle a 401 in place instead of going to /login).
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
      timer = window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    }
    return window.fetch(apiUrl(path + query(options.params)), init).then(
      function (response) {
        window.clearTimeout(timer);
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
    query: query,
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
    }
  };
})(window, window.jQuery);
