/*
 * Blog.layout — the frame every page shares: the header (who is logged in,
 * logout), the footer, the one-time flash message, and the page guards
 * (login required, owner only). A page script calls Blog.layout.start(options)
 * and gets back false when it must not go on.
 *
 * For a logged-in user the header shows their avatar and nickname (fetched
 * once per page; Blog.layout.refreshMe() after a profile change redraws it)
 * and the number of unread notifications (Blog.layout.refreshUnread()).
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;

  var routes = Blog.routes;
  var here = routes.current;

  // A nav item, marked as the current page only when `active` says so.
  function navLink(href, text, className, active) {
    var $a = ui.link(href, text, "nav-link " + (className || ""));
    if (active) { $a.addClass("active").attr("aria-current", "page"); }
    return $a;
  }

  function isMine(name, username) { return here.name === name && here.author === username; }

  function userNav(username) {
    var $notify = navLink(routes.notifications(), "通知", "nav-notifications", here.name === "notifications")
      .append(ui.el("span", "unread-badge").attr({ id: "unread-badge", "aria-label": "未读通知" }).prop("hidden", true));
    return [
      navLink(routes.blog(username), "我的博客", "nav-blog", isMine("blog", username)),
      navLink(routes.release(username), "写文章", "nav-write", isMine("release", username)),
      navLink(routes.timeline(), "关注的人", "nav-timeline", here.name === "timeline"),
      navLink(routes.favorites(), "收藏", "nav-favorites", here.name === "favorites"),
      navLink(routes.orders(), "我的订单", "nav-orders", here.name === "orders"),
      $notify,
      userLink({ username: username }),
      ui.el("button", "nav-link nav-logout", "退出").attr({ type: "button", id: "logout" })
    ];
  }

  function userLink(who) {
    return Blog.views.person(who, "nav-link nav-user").attr("id", "nav-user");
  }

  // My nickname and avatar in the header, from my profile (again after I change it).
  function refreshMe() {
    if (!Blog.auth.isLoggedIn()) { return Promise.resolve(); }
    var me = Blog.auth.username();
    return Blog.api.get(routes.api.user(me), null, { keep401: true }).then(function (body) {
      $("#nav-user").replaceWith(userLink({ username: me, nickname: body.data.nickname, avatar_url: body.data.avatar_url }));
    }, function () {});
  }

  // The unread badge: `count` when the page knows it, else asked from the API.
  function refreshUnread(count) {
    if (!Blog.auth.isLoggedIn()) { return Promise.resolve(); }
    function show(n) {
      $("#unread-badge").text(n > 99 ? "99+" : String(n)).prop("hidden", !(n > 0)).attr("data-count", n);
    }
    if (typeof count === "number") { show(count); return Promise.resolve(); }
    return Blog.api.get(routes.api.notifications(), { per_page: 1, unread: 1 }, { keep401: true })
      .then(function (body) { show(body.data.unread); }, function () {});
  }

  function guestNav() {
    return [navLink(routes.login(), "登录", "nav-login", here.name === "login"),
      navLink(routes.register(), "注册", "nav-register", here.name === "register")];
  }

  // A plain GET form to /search: it works before any script of the results page runs.
  function searchForm() {
    var $input = $("<input>").attr({
      type: "search", name: "q", id: "site-search", maxlength: Blog.limits.search.max,
      placeholder: "搜索文章", "aria-label": "搜索文章", autocomplete: "off"
    }).val(here.name === "search" ? (here.param("q") || "") : "");
    var $form = ui.el("form", "header-search").attr({ action: routes.search(), method: "get", role: "search" });
    $form.append($input, ui.el("button", "header-search-btn", "搜索").attr("type", "submit"));
    $form.on("submit", function (event) {
      var q = $.trim($input.val());
      if (!q) { event.preventDefault(); $input.trigger("focus"); return; }
      $input.val(q);
    });
    return $form;
  }

  function renderHeader() {
    var $header = $("#site-header").empty();
    var $inner = ui.el("div", "container header-inner");
    var $brand = ui.link(routes.index(), null, "brand").append(
      $("<img>").attr({ src: "/static/images/logo.svg", alt: "", width: 28, height: 28 }),
      ui.el("span", "brand-name", "久至博客")
    );
    var $toggle = ui.el("button", "nav-toggle", "菜单").attr({
      type: "button", "aria-expanded": "false", "aria-controls": "site-nav"
    });
    var $nav = ui.el("nav", "site-nav").attr({ id: "site-nav", "aria-label": "主导航" });
    $nav.append(navLink(routes.index(), "首页", "nav-index", here.name === "index"));
    $nav.append(Blog.auth.isLoggedIn() ? userNav(Blog.auth.username()) : guestNav());
    $toggle.on("click", function () {
      var open = !$nav.hasClass("open");
      $nav.toggleClass("open", open);
      $toggle.attr("aria-expanded", String(open));
    });
    $header.append($inner.append($brand, searchForm(), $toggle, $nav));
    $header.on("click", "#logout", logout);
  }

  function renderFooter() {
    $("#site-footer").empty().append(
      ui.el("div", "container footer-inner").append(
        ui.el("span", null, "© " + new Date().getFullYear() + " 久至博客"),
        ui.el("span", "footer-sep", "·"),
        ui.el("span", null, "记录技术与生活")
      )
    );
  }

  function renderFlash() {
    var message = Blog.flash.take();
    if (message) {
      $("#flash").empty().append(ui.alert(message.message, message.kind)).prop("hidden", false);
    }
  }

  function logout() {
    Blog.auth.clear();
    Blog.flash.set("已退出登录", "info");
    window.location.assign(routes.index());
  }

  function requireLogin() {
    if (Blog.auth.isLoggedIn()) { return true; }
    Blog.flash.set("请先登录", "warning");
    window.location.replace(Blog.api.loginUrl());
    return false;
  }

  // Only the owner of /<username>/... may use this page.
  function requireOwner() {
    var owner = here.author;
    if (Blog.auth.isMe(owner)) { return true; }
    ui.showAlert($("#main"), "只能修改自己的内容。", "error");
    return false;
  }

  /*
   * options: title, requireLogin, ownerOnly. Returns false when the page
   * must stop (redirecting to /login, or not the owner).
   */
  function start(options) {
    options = options || {};
    // The page as the server pre-rendered it for clients without JavaScript
    // (docs/pages.md): this page draws the same content from the API.
    $("[data-prerendered]").remove();
    renderHeader();
    renderFooter();
    renderFlash();
    if (options.title) { ui.setTitle(options.title); }
    refreshMe();
    refreshUnread();
    if ((options.requireLogin || options.ownerOnly) && !requireLogin()) { return false; }
    if (options.ownerOnly && !requireOwner()) { return false; }
    return true;
  }

  Blog.layout = { start: start, logout: logout, refreshMe: refreshMe, refreshUnread: refreshUnread };
})(window, window.jQuery);
