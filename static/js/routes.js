/*
 * Blog.routes — every address the SPA knows, in one place:
 *   - the page routes (the same table as deploy/spa_server.py, checked by
 *     tests/spa/test_routes.py) and the links that build them,
 *   - the API paths the pages call,
 *   - the query string and paging helpers (?page=N links, page/per_page),
 *   - safeNext(): the only way a `?next=` value becomes a place to go.
 * Blog.routes.current is the page being shown, parsed with the same table.
 * Plain functions, no DOM: tests/spa runs this file under Node. Loads after
 * limits.js (a username in a path has the length of a username).
 */
(function (root) {
  "use strict";

  var Blog = (root.Blog = root.Blog || {});

  /* ---------- query strings ---------- */

  // {a: 1, b: null} → "?a=1" (empty, null and undefined values are left out).
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

  function seg(value) { return encodeURIComponent(String(value)); }

  /* ---------- page routes ---------- */

  var USER = "([A-Za-z0-9_]{" + Blog.limits.username.min + "," + Blog.limits.username.max + "})";
  // name, pattern (matched against the decoded path), names of its groups.
  var TABLE = [
    ["index", /^\/(?:index)?$/, []],
    ["login", /^\/login$/, []],
    ["register", /^\/register$/, []],
    ["smsLogin", /^\/sms_login$/, []],
    ["forgotPassword", /^\/forgot_password$/, []],
    ["orders", /^\/orders$/, []],
    ["search", /^\/search$/, []],
    ["tag", /^\/tags\/(.+)$/, ["name"]],
    ["timeline", /^\/timeline$/, []],
    ["favorites", /^\/favorites$/, []],
    ["notifications", /^\/notifications$/, []],
    ["blog", new RegExp("^/" + USER + "/topics$"), ["author"]],
    ["topic", new RegExp("^/" + USER + "/topics/detail/(\\d+)$"), ["author", "id"]],
    ["release", new RegExp("^/" + USER + "/topic/release$"), ["author"]],
    ["info", new RegExp("^/" + USER + "/info$"), ["author"]],
    ["changeInfo", new RegExp("^/" + USER + "/change_info$"), ["author"]],
    ["changePassword", new RegExp("^/" + USER + "/change_password$"), ["author"]],
    ["porting", new RegExp("^/" + USER + "/import_export$"), ["author"]]
  ];

  // A decoded path → {name, params} or null. A trailing slash is ignored, as the server does.
  function match(path) {
    var clean = String(path || "").replace(/\/+$/, "") || "/";
    for (var i = 0; i < TABLE.length; i++) {
      var found = TABLE[i][1].exec(clean);
      if (found) {
        var params = {};
        TABLE[i][2].forEach(function (name, index) { params[name] = found[index + 1]; });
        return { name: TABLE[i][0], params: params };
      }
    }
    return null;
  }

  var routes = {
    query: query,
    match: match,
    names: TABLE.map(function (row) { return row[0]; }),

    index: function () { return "/index"; },
    login: function (next) { return "/login" + query({ next: next }); },
    register: function () { return "/register"; },
    smsLogin: function (next) { return "/sms_login" + query({ next: next }); },
    forgotPassword: function () { return "/forgot_password"; },
    orders: function (params) { return "/orders" + query(params); },
    search: function (q, params) { return "/search" + query(Object.assign({ q: q }, params)); },
    tag: function (name, params) { return "/tags/" + seg(name) + query(params); },
    timeline: function (params) { return "/timeline" + query(params); },
    favorites: function (params) { return "/favorites" + query(params); },
    notifications: function (params) { return "/notifications" + query(params); },
    blog: function (author, params) { return "/" + seg(author) + "/topics" + query(params); },
    topic: function (author, id) { return "/" + seg(author) + "/topics/detail/" + seg(id); },
    release: function (author, editId) { return "/" + seg(author) + "/topic/release" + query({ t_id: editId }); },
    info: function (author) { return "/" + seg(author) + "/info"; },
    changeInfo: function (author) { return "/" + seg(author) + "/change_info"; },
    changePassword: function (author) { return "/" + seg(author) + "/change_password"; },
    porting: function (author) { return "/" + seg(author) + "/import_export"; }
  };

  /* ---------- API paths (docs/api.md §4) ---------- */

  routes.api = {
    sms: function () { return "/v1/users/sms"; },
    users: function () { return "/v1/users"; },
    tokens: function () { return "/v1/tokens"; },
    loginCode: function () { return "/v1/tokens/sms"; },
    resetCode: function () { return "/v1/users/password/sms"; },
    passwordReset: function () { return "/v1/users/password/reset"; },
    user: function (username) { return "/v1/users/" + seg(username); },
    avatar: function (username) { return "/v1/users/" + seg(username) + "/avatar"; },
    password: function (username) { return "/v1/users/" + seg(username) + "/password"; },
    latestTopics: function () { return "/v1/topics"; },
    topics: function (author) { return "/v1/topics/" + seg(author); },
    authorFeed: function (author) { return "/v1/feeds/" + seg(author) + "/rss"; },
    tags: function () { return "/v1/tags"; },
    search: function () { return "/v1/search"; },
    messages: function (topicId) { return "/v1/messages/" + seg(topicId); },
    orders: function () { return "/v1/orders"; },
    order: function (orderNo) { return "/v1/orders/" + seg(orderNo); },
    like: function (topicId) { return "/v1/topics/" + seg(topicId) + "/like"; },
    follow: function (username) { return "/v1/users/" + seg(username) + "/follow"; },
    favorites: function (username) { return "/v1/users/" + seg(username) + "/favorites"; },
    favorite: function (username, topicId) { return "/v1/users/" + seg(username) + "/favorites/" + seg(topicId); },
    timeline: function (username) { return "/v1/users/" + seg(username) + "/timeline"; },
    notifications: function () { return "/v1/notifications"; },
    notificationsRead: function () { return "/v1/notifications/read"; },
    imports: function () { return "/v1/imports"; },
    xmlrpc: function () { return "/xmlrpc"; }, // MetaWeblog, for desktop editors (outside /v1/)
    importJob: function (id) { return "/v1/imports/" + seg(id); },
    exportZip: function (username) { return "/v1/users/" + seg(username) + "/export"; },
    appPasswords: function (username) { return "/v1/users/" + seg(username) + "/app-passwords"; },
    appPassword: function (username, id) { return "/v1/users/" + seg(username) + "/app-passwords/" + seg(id); }
  };

  /* ---------- ?next= after login ---------- */

  // Backslashes (browsers read "/\evil.com" as "//evil.com"), controls, and any
  // whitespace: the URL parser drops tabs and newlines, so "/\t/evil.com" is "//evil.com".
  var UNSAFE = /[\\\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;

  // Percent-decoded until it stops changing (a few rounds at most), or null.
  function fullyDecoded(value) {
    for (var round = 0; round < 4; round++) {
      var decoded;
      try { decoded = decodeURIComponent(value); } catch (e) { return null; }
      if (decoded === value) { return value; }
      value = decoded;
    }
    return null;
  }

  /*
   * The path to go to after logging in, or null when `raw` is not a same-origin
   * path of a page this router knows (login and register excluded): it must
   * start with exactly one "/" and hold no backslash, control or whitespace
   * character, before or after decoding.
   */
  function safeNext(raw, origin) {
    origin = origin || (root.location && root.location.origin);
    if (typeof raw !== "string" || !raw || raw.length > 2000 || !origin) { return null; }
    if (raw.charAt(0) !== "/" || raw.charAt(1) === "/") { return null; }
    var decoded = fullyDecoded(raw);
    if (decoded === null || UNSAFE.test(raw) || UNSAFE.test(decoded) || decoded.charAt(1) === "/") {
      return null;
    }
    var url;
    try { url = new URL(raw, origin); } catch (e) { return null; }
    if (url.origin !== origin) { return null; }
    var path = fullyDecoded(url.pathname);
    var route = path === null ? null : match(path);
    if (!route || ["login", "register", "smsLogin", "forgotPassword"].indexOf(route.name) >= 0) { return null; }
    return url.pathname + url.search + url.hash;
  }
  routes.safeNext = safeNext;

  /* ---------- paging (docs/api.md §9: page ≥ 1, 1 ≤ per_page ≤ 100) ---------- */

  var paging = {
    PER_PAGE: 10,     // what the SPA's lists show; the API's own default is 20
    MAX_PER_PAGE: 100,

    // "3" → 3; anything that is not a whole number ≥ 1 → 1.
    page: function (value) {
      var n = /^\d{1,9}$/.test(value || "") ? parseInt(value, 10) : 0;
      return n >= 1 ? n : 1;
    },
    // "25" → 25; missing or out of 1…100 → PER_PAGE.
    perPage: function (value) {
      var n = /^\d{1,3}$/.test(value || "") ? parseInt(value, 10) : 0;
      return n >= 1 && n <= paging.MAX_PER_PAGE ? n : paging.PER_PAGE;
    },
    // {page, perPage} of a location's query (a URLSearchParams-like get()).
    read: function (params) {
      return { page: paging.page(params.get("page")), perPage: paging.perPage(params.get("per_page")) };
    },
    pages: function (total, perPage) { return Math.max(1, Math.ceil((Number(total) || 0) / perPage)); },
    // The link to `page` of a list at `path`: page 1 and the default size stay out of the URL.
    href: function (path, params, page, perPage) {
      var all = {};
      Object.keys(params || {}).forEach(function (key) { all[key] = params[key]; });
      all.page = page > 1 ? page : null;
      all.per_page = perPage && perPage !== paging.PER_PAGE ? perPage : null;
      return path + query(all);
    }
  };
  Blog.paging = paging;

  /* ---------- the page being shown ---------- */

  if (root.location && root.URLSearchParams) {
    var pathname = fullyDecoded(root.location.pathname) || root.location.pathname;
    var search = new root.URLSearchParams(root.location.search);
    var here = match(pathname) || { name: "notFound", params: {} };
    routes.current = {
      name: here.name,
      params: here.params,
      path: root.location.pathname,
      param: function (name) { return search.get(name); },
      query: search,
      // the blog owner of /<author>/... pages ("" elsewhere)
      author: here.params.author || "",
      // the tag of /tags/<name>
      tag: here.params.name || ""
    };
  }

  Blog.routes = routes;
})(typeof window !== "undefined" ? window : globalThis);
