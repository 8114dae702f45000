/*
 * Blog.ui       — small DOM helpers: alerts, loading states, busy buttons.
 * Blog.validate — the input limits of SPEC §9, checked before anything is sent.
 * Blog.forms    — reading a form and showing errors next to its fields.
 * Blog.views    — pieces several pages draw: article cards, pagination, avatars.
 *
 * Every string that came from the server is inserted with .text() / .attr();
 * nothing here concatenates server data into HTML.
 */
(function (window, $) {
  "use strict";

  var Blog = (window.Blog = window.Blog || {});

  /* ---------- route ---------- */

  function decode(part) {
    try { return decodeURIComponent(part); } catch (e) { return part; }
  }
  var segments = window.location.pathname.split("/").filter(Boolean).map(decode);
  var search = new window.URLSearchParams(window.location.search);
  Blog.route = {
    segments: segments,
    param: function (name) { return search.get(name); },
    // /<username>/... pages carry the blog owner first.
    username: function () { return segments[0] || ""; }
  };

  /* ---------- ui ---------- */

  var ui = {};

  ui.el = function (tag, className, text) {
    var $el = $("<" + tag + ">");
    if (className) { $el.addClass(className); }
    if (text !== undefined && text !== null) { $el.text(String(text)); }
    return $el;
  };

  ui.link = function (href, text, className) {
    return ui.el("a", className, text).attr("href", href);
  };

  ui.alert = function (message, kind) {
    return ui.el("div", "alert alert-" + (kind || "error"), message).attr("role", "alert");
  };

  // Replaces the content of $box with a message (error / info / success / warning).
  ui.showAlert = function ($box, message, kind) {
    $box.empty().append(ui.alert(message, kind)).prop("hidden", false);
  };

  ui.loading = function ($box, message) {
    $box.empty().append(
      ui.el("div", "loading").append(ui.el("span", "spinner"), ui.el("span", null, message || "加载中…"))
    );
  };

  ui.empty = function ($box, message) {
    $box.empty().append(ui.el("div", "empty", message));
  };

  // Shows an API failure in place; nothing when the user is already being sent to /login.
  ui.showError = function ($box, err) {
    if (err && err.redirected) { return; }
    ui.showAlert($box, (err && err.message) || "出错了，请稍后再试", "error");
  };

  // Disables a button while a call runs and restores it after.
  ui.busy = function ($button, busyText) {
    var original = $button.text();
    $button.prop("disabled", true).addClass("is-busy").text(busyText || "处理中…");
    return function done() {
      $button.prop("disabled", false).removeClass("is-busy").text(original);
    };
  };

  ui.setTitle = function (title) {
    document.title = title ? title + " - 久至博客" : "久至博客";
  };

  Blog.ui = ui;

  /* ---------- validation (SPEC §9) ---------- */

  function length(value) { return Array.from(value || "").length; }

  function between(label, min, max) {
    return function (value) {
      var n = length(value);
      if (n < min) { return min === 1 ? label + "不能为空" : label + "至少 " + min + " 个字符"; }
      if (n > max) { return label + "最多 " + max + " 个字符"; }
      return "";
    };
  }

  var validate = {
    username: function (value) {
      if (!/^[A-Za-z0-9_]{3,11}$/.test(value || "")) {
        return "用户名为 3–11 位字母、数字或下划线";
      }
      return "";
    },
    password: between("密码", 6, 64),
    email: function (value) {
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value || "") ? "" : "请输入有效的邮箱地址";
    },
    phone: function (value) {
      return /^1[3-9]\d{9}$/.test(value || "") ? "" : "请输入 11 位中国大陆手机号";
    },
    smsCode: function (value) {
      return /^\d{6}$/.test(value || "") ? "" : "请输入 6 位短信验证码";
    },
    nickname: between("昵称", 0, 30),
    sign: between("个性签名", 0, 50),
    info: between("个人简介", 0, 150),
    title: between("标题", 1, 50),
    comment: between("评论", 1, 500),
    price: function (value) {
      if (value === "" || value === undefined) { return ""; }
      return /^\d{1,8}(\.\d{1,2})?$/.test(value) ? "" : "价格为不小于 0 的金额，最多两位小数";
    },
    required: function (label) {
      return function (value) { return value ? "" : label + "不能为空"; };
    }
  };
  Blog.validate = validate;

  /* ---------- forms ---------- */

  var forms = {};

  forms.values = function ($form) {
    var values = {};
    $form.serializeArray().forEach(function (item) { values[item.name] = item.value; });
    return values;
  };

  forms.fieldFeedback = function ($form, name) {
    var $field = $form.find("[name='" + name + "']").first();
    var $group = $field.closest(".field");
    var $feedback = $group.find(".field-error");
    if (!$feedback.length && $group.length) {
      $feedback = forms.makeFeedback().appendTo($group);
    }
    return { $field: $field, $feedback: $feedback };
  };

  forms.makeFeedback = function () {
    return Blog.ui.el("div", "field-error").attr("aria-live", "polite");
  };

  forms.clearErrors = function ($form) {
    $form.find(".field-error").text("");
    $form.find(".is-invalid").removeClass("is-invalid").removeAttr("aria-invalid");
    $form.find(".form-alert").empty().prop("hidden", true);
  };

  // fields: {name: message}. Messages for unknown fields go to the form alert.
  forms.showFieldErrors = function ($form, fields) {
    var stray = [];
    Object.keys(fields || {}).forEach(function (name) {
      var found = forms.fieldFeedback($form, name);
      if (found.$feedback.length) {
        found.$field.addClass("is-invalid").attr("aria-invalid", "true");
        found.$feedback.text(String(fields[name]));
      } else {
        stray.push(String(fields[name]));
      }
    });
    if (stray.length) { forms.showAlert($form, stray.join("；")); }
  };

  forms.showAlert = function ($form, message, kind) {
    Blog.ui.showAlert($form.find(".form-alert"), message, kind);
  };

  // rules: {name: validatorFn}. Returns true when every field passes.
  forms.check = function ($form, values, rules) {
    var errors = {};
    Object.keys(rules).forEach(function (name) {
      var message = rules[name](values[name] || "");
      if (message) { errors[name] = message; }
    });
    forms.clearErrors($form);
    forms.showFieldErrors($form, errors);
    var names = Object.keys(errors);
    if (names.length) { $form.find("[name='" + names[0] + "']").trigger("focus"); }
    return names.length === 0;
  };

  // An API failure on a form: field errors by their fields, the message on top.
  forms.showApiError = function ($form, err) {
    if (err && err.redirected) { return; }
    var fields = (err && err.fields) || {};
    var message = (err && err.message) || "提交失败，请稍后重试";
    forms.showFieldErrors($form, fields);
    var onAField = Object.keys(fields).some(function (name) { return fields[name] === message; });
    if (!onAField) { forms.showAlert($form, message); }
  };

  // Live character counters: <span class="counter" data-for="name" data-max="50">.
  forms.bindCounters = function ($form) {
    $form.find(".counter").each(function () {
      var $counter = $(this);
      var $input = $form.find("[name='" + $counter.data("for") + "']");
      var max = Number($counter.data("max"));
      var update = function () {
        var n = length($input.val());
        $counter.text(n + " / " + max).toggleClass("over", n > max);
      };
      $input.on("input", update);
      update();
    });
  };

  // Typing into a field marked invalid clears its message.
  $(document).on("input change", ".form .is-invalid", function () {
    $(this).removeClass("is-invalid").removeAttr("aria-invalid").closest(".field").find(".field-error").text("");
  });

  Blog.forms = forms;

  /* ---------- shared views ---------- */

  var views = {};

  var CATEGORY_NAMES = { tec: "技术", "no-tec": "非技术" };
  views.categoryName = function (category) { return CATEGORY_NAMES[category] || category || ""; };

  views.topicUrl = function (author, id) {
    return "/" + encodeURIComponent(author) + "/topics/detail/" + encodeURIComponent(id);
  };
  views.blogUrl = function (author) { return "/" + encodeURIComponent(author) + "/topics"; };

  views.formatPrice = function (price) {
    var n = Number(price);
    return isFinite(n) ? "¥" + n.toFixed(2) : "";
  };

  views.isPaid = function (price) { return Number(price) > 0; };

  views.avatar = function (url, name, className) {
    var $wrap = Blog.ui.el("span", "avatar " + (className || ""));
    if (url) {
      $wrap.append($("<img>").attr({ src: url, alt: name ? name + " 的头像" : "头像", loading: "lazy" }));
    } else {
      $wrap.addClass("avatar-letter").text(Array.from(name || "?")[0].toUpperCase());
    }
    return $wrap;
  };

  views.badges = function (topic) {
    var $badges = Blog.ui.el("span", "badges");
    $badges.append(Blog.ui.el("span", "badge badge-cat", views.categoryName(topic.category)));
    if (topic.limit === "private") { $badges.append(Blog.ui.el("span", "badge badge-private", "私密")); }
    if (views.isPaid(topic.price)) {
      $badges.append(Blog.ui.el("span", "badge badge-paid", "付费 " + views.formatPrice(topic.price)));
    }
    return $badges;
  };

  // One article card. options.showAuthor, options.actions ($ element appended).
  views.topicCard = function (topic, options) {
    options = options || {};
    var url = views.topicUrl(topic.author, topic.id);
    var $card = Blog.ui.el("article", "topic-card").attr("data-topic-id", topic.id);
    $card.append(Blog.ui.el("h2", "topic-title").append(Blog.ui.link(url, topic.title)));
    var $meta = Blog.ui.el("div", "topic-meta");
    if (options.showAuthor) {
      $meta.append(Blog.ui.link(views.blogUrl(topic.author), topic.author, "topic-author"));
    }
    $meta.append(Blog.ui.el("time", null, topic.created_time), views.badges(topic));
    $card.append($meta);
    if (topic.introduce) { $card.append(Blog.ui.el("p", "topic-intro", topic.introduce)); }
    var $footer = Blog.ui.el("div", "topic-footer").append(Blog.ui.link(url, "阅读全文 →", "read-more"));
    if (options.actions) { $footer.append(options.actions); }
    return $card.append($footer);
  };

  // Page links 1…N (with gaps) calling onGo(page). Nothing when one page.
  views.pagination = function (page, perPage, total, onGo) {
    var pages = Math.max(1, Math.ceil(total / perPage));
    var $nav = Blog.ui.el("nav", "pagination").attr("aria-label", "分页");
    if (pages <= 1) { return $nav.prop("hidden", true); }
    function button(label, target, extra) {
      var $b = Blog.ui.el("button", "page-btn " + (extra || ""), label).attr("type", "button");
      if (target === null) { return $b.prop("disabled", true); }
      return $b.attr("data-page", target).on("click", function () { onGo(target); });
    }
    $nav.append(button("上一页", page > 1 ? page - 1 : null, "page-prev"));
    var last = 0;
    for (var p = 1; p <= pages; p++) {
      if (p === 1 || p === pages || Math.abs(p - page) <= 2) {
        if (p - last > 1) { $nav.append(Blog.ui.el("span", "page-gap", "…")); }
        var $b = button(String(p), p === page ? null : p, p === page ? "current" : "");
        if (p === page) { $b.attr("aria-current", "page"); }
        $nav.append($b);
        last = p;
      }
    }
    $nav.append(button("下一页", page < pages ? page + 1 : null, "page-next"));
    $nav.append(Blog.ui.el("span", "page-total", "共 " + total + " 篇"));
    return $nav;
  };

  // Swaps $button for "question [确定] [取消]"; onConfirm may return a promise.
  views.confirmInline = function ($button, question, onConfirm) {
    var ui = Blog.ui;
    var $yes = ui.el("button", "btn btn-small btn-danger confirm-yes", "确定").attr("type", "button");
    var $no = ui.el("button", "btn btn-small confirm-no", "取消").attr("type", "button");
    var $box = ui.el("span", "confirm-inline").append(ui.el("span", "confirm-question", question), $yes, $no);
    function restore() { $box.remove(); $button.show(); }
    $no.on("click", restore);
    $yes.on("click", function () {
      $yes.prop("disabled", true).text("处理中…");
      $no.prop("disabled", true);
      Promise.resolve(onConfirm()).then(restore, restore);
    });
    $button.hide().after($box);
    $yes.trigger("focus");
  };

  Blog.views = views;
})(window, window.jQuery);
