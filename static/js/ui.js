/*
 * Blog.ui       — small DOM helpers: alerts (with "重试" for a failed load),
 *                 loading states, busy buttons.
 * Blog.validate — the checks of Blog.limits (docs/api.md §9), run before anything is sent.
 * Blog.forms    — reading a form, writing the limits into it, showing errors
 *                 next to its fields.
 * Blog.views    — pieces several pages draw: article cards, pagination, avatars.
 *
 * Every string that came from the server is inserted with .text() / .attr();
 * nothing here concatenates server data into HTML.
 */
(function (window, $) {
  "use strict";

  var Blog = (window.Blog = window.Blog || {});

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

  /*
   * Shows an API failure in place; nothing when the user is already being sent
   * to /login. With `retry` (the page's load function) a failure worth trying
   * again (no network, time-out, server trouble) gets a "重试" button.
   */
  ui.showError = function ($box, err, retry) {
    if (err && err.redirected) { return; }
    var $alert = ui.alert((err && err.message) || "出错了，请稍后再试", "error");
    if (retry && err && err.transient) {
      $alert.addClass("alert-retry").append(
        ui.el("button", "btn btn-small retry-btn", "重试").attr("type", "button").data("retry", retry)
      );
    }
    $box.empty().append($alert).prop("hidden", false);
  };

  // One handler for every "重试": the button goes, the load runs again.
  $(document).on("click", ".retry-btn", function () {
    var retry = $(this).data("retry");
    $(this).closest(".alert").remove();
    if (retry) { retry(); }
  });

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

  /* ---------- validation (Blog.limits, docs/api.md §9) ---------- */

  var limits = Blog.limits;

  function length(value) { return Array.from(value || "").length; }

  // "6–64 个字符", "最多 50 个字符": how a limit reads next to its field.
  function limitText(limit) {
    if (limit.min > 1 && limit.min !== limit.max) { return limit.min + "–" + limit.max + " 个字符"; }
    return "最多 " + limit.max + " 个字符";
  }

  function between(label, limit) {
    return function (value) {
      var n = length(value);
      if (n < limit.min) { return limit.min === 1 ? label + "不能为空" : label + "至少 " + limit.min + " 个字符"; }
      if (n > limit.max) { return label + "最多 " + limit.max + " 个字符"; }
      return "";
    };
  }

  var USERNAME_RULE = limits.username.min + "–" + limits.username.max + " 位字母、数字或下划线";

  var validate = {
    username: function (value) {
      var n = length(value);
      var ok = n >= limits.username.min && n <= limits.username.max && limits.username.pattern.test(value);
      return ok ? "" : "用户名为 " + USERNAME_RULE;
    },
    password: between("密码", limits.password),
    email: function (value) {
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value || "") ? "" : "请输入有效的邮箱地址";
    },
    phone: function (value) {
      return limits.phone.pattern.test(value || "") ? "" : "请输入 " + limits.phone.max + " 位中国大陆手机号";
    },
    smsCode: function (value) {
      return limits.smsCode.pattern.test(value || "") ? "" : "请输入 " + limits.smsCode.max + " 位短信验证码";
    },
    nickname: between("昵称", limits.nickname),
    sign: between("个性签名", limits.sign),
    info: between("个人简介", limits.info),
    title: between("标题", limits.title),
    summary: between("摘要", limits.summary),
    // A cover: an http(s) address, or a /media/ path (an uploaded image).
    cover: function (value) {
      if (!value) { return ""; }
      return /^(https?:\/\/[^\s"'<>]+|\/media\/[^\s"'<>]+)$/i.test(value) && value.indexOf("..") < 0 ?
        "" : "封面须为 http(s):// 开头的图片地址";
    },
    comment: between("评论", limits.comment),
    price: function (value) {
      if (value === "" || value === undefined) { return ""; }
      return limits.price.pattern.test(value) ? "" : "价格为" + limits.price.rule;
    },
    // A chosen avatar file: type and size, before anything is uploaded.
    avatar: function (file) {
      if (!file) { return "请选择一张图片"; }
      if (limits.avatar.types.indexOf(file.type) < 0) {
        return "「" + file.name + "」不是图片：只支持 " + limits.avatar.typeNames + " 格式";
      }
      if (file.size > limits.avatar.maxBytes) { return "图片不能超过 " + limits.avatar.maxText; }
      return "";
    },
    appPasswordName: between("名称", limits.appPasswordName),
    // A chosen export file: by its name (browsers type XML and zips inconsistently) and size.
    importFile: function (file) {
      if (!file) { return "请选择要导入的文件"; }
      if (!/\.(xml|zip)$/i.test(file.name)) {
        return "「" + file.name + "」不是 XML 或 zip 文件：请上传" + limits.importFile.typeNames;
      }
      if (file.size > limits.importFile.maxBytes) { return "文件不能超过 " + limits.importFile.maxText; }
      return "";
    },
    required: function (label) {
      return function (value) { return value ? "" : label + "不能为空"; };
    }
  };
  Blog.validate = validate;

  // The hint a field shows for its limit (placeholder text).
  var HINTS = {
    username: function () { return USERNAME_RULE; },
    phone: function () { return limits.phone.max + " 位中国大陆手机号"; },
    smsCode: function () { return limits.smsCode.max + " 位数字"; },
    title: function () { return "请输入标题（最多 " + limits.title.max + " 字）"; },
    comment: function () { return "写下你的评论…（最多 " + limits.comment.max + " 字）"; },
    avatar: function () { return limits.avatar.typeNames + " 图片，不超过 " + limits.avatar.maxText; },
    importFile: function () { return limits.importFile.typeNames + "，不超过 " + limits.importFile.maxText; }
  };

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

  /*
   * Writes Blog.limits into a form: a field with data-limit="nickname" gets its
   * maxlength (with data-hint also its placeholder; a file input its accept),
   * an element with data-hint-for="avatar" the hint text, and the counters
   * (<span class="counter" data-for="nickname">) their first count.
   */
  forms.applyLimits = function ($form) {
    $form.find("[data-limit]").each(function () {
      var $field = $(this);
      var name = $field.data("limit");
      var limit = limits[name];
      if ($field.is("[type=file]")) {
        $field.attr("accept", limit.types.join(","));
      } else {
        $field.attr("maxlength", limit.max);
      }
      if ($field.is("[data-hint]")) {
        $field.attr("placeholder", HINTS[name] ? HINTS[name]() : limitText(limit));
      }
      if (!$field.is("[type=file]")) { updateCounter.call(this); }
    });
    $form.find("[data-hint-for]").each(function () {
      var name = $(this).data("hint-for");
      $(this).text(HINTS[name] ? HINTS[name]() : limitText(limits[name]));
    });
    return $form;
  };

  // "12 / 50" next to a field with a limit, red when over.
  function updateCounter() {
    var $field = $(this);
    var $counter = $field.closest("form").find(".counter[data-for='" + $field.attr("name") + "']");
    if (!$counter.length) { return; }
    var n = length($field.val());
    var max = limits[$field.data("limit")].max;
    $counter.text(n + " / " + max).toggleClass("over", n > max);
  }
  $(document).on("input", ".form [data-limit]", updateCounter);

  // Typing into a field marked invalid clears its message. Not for a file
  // input: its own change handler has just put the message there.
  $(document).on("input change", ".form .is-invalid:not([type=file])", function () {
    $(this).removeClass("is-invalid").removeAttr("aria-invalid").closest(".field").find(".field-error").text("");
  });

  /*
   * The "获取验证码" button of a form with a `phone` field: validates the phone,
   * POSTs it to `apiPath` (a registration, login or reset code: docs/api.md §13), then
   * counts down the resend wait. The API answers the same for any valid phone.
   */
  forms.smsCodeButton = function ($form, $button, apiPath, sentText) {
    function countdown() {
      var left = limits.smsCode.resendSeconds;
      $button.prop("disabled", true).text(left + " 秒后重发");
      var timer = window.setInterval(function () {
        left -= 1;
        if (left <= 0) {
          window.clearInterval(timer);
          $button.prop("disabled", false).text("重新获取");
        } else {
          $button.text(left + " 秒后重发");
        }
      }, 1000);
    }
    $button.on("click", function () {
      var phone = $.trim($form.find("[name=phone]").val());
      if (!forms.check($form, { phone: phone }, { phone: Blog.validate.phone })) { return; }
      $button.prop("disabled", true).text("发送中…");
      Blog.api.post(apiPath, { phone: phone })
        .then(function () {
          countdown();
          forms.showAlert($form, sentText || "验证码已发送，请查收短信（5 分钟内有效）。", "success");
          $form.find("[name=sms_num]").trigger("focus");
        })
        .catch(function (err) {
          $button.prop("disabled", false).text("获取验证码");
          var fields = $.extend({}, err.fields);
          if (!Object.keys(fields).length) { fields.phone = err.message; }
          forms.showFieldErrors($form, fields);
        });
    });
  };

  Blog.forms = forms;

  /* ---------- shared views ---------- */

  var views = {};

  var CATEGORY_NAMES = { tec: "技术", "no-tec": "非技术" };
  views.categoryName = function (category) { return CATEGORY_NAMES[category] || category || ""; };

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

  // An image address from the API: a /media/ path lives on the API's origin.
  views.mediaUrl = function (url) {
    return /^\/media\//.test(url || "") ? Blog.api.url(url) : url;
  };

  views.badges = function (topic) {
    var $badges = Blog.ui.el("span", "badges");
    if (topic.status === "draft") { $badges.append(Blog.ui.el("span", "badge badge-draft", "草稿")); }
    if (topic.status === "scheduled") {
      $badges.append(Blog.ui.el("span", "badge badge-scheduled", "定时 " + (topic.publish_at || "").slice(0, 16)));
    }
    $badges.append(Blog.ui.el("span", "badge badge-cat", views.categoryName(topic.category)));
    if (topic.limit === "private") { $badges.append(Blog.ui.el("span", "badge badge-private", "私密")); }
    if (views.isPaid(topic.price)) {
      $badges.append(Blog.ui.el("span", "badge badge-paid", "付费 " + views.formatPrice(topic.price)));
    }
    return $badges;
  };

  // The article's tags, each a link to its tag page (/tags/<name>); nothing when none.
  views.tagChips = function (tags) {
    var $chips = Blog.ui.el("span", "tag-chips");
    (tags || []).forEach(function (name) {
      $chips.append(Blog.ui.link(Blog.routes.tag(name), name, "tag-chip").attr("rel", "tag"));
    });
    return $chips;
  };

  /*
   * `text` with the [start, end) character ranges of `matches` in <mark>: built
   * from text nodes, never from HTML. Offsets count characters (code points), as
   * the API does; out-of-order or out-of-range pairs are skipped.
   */
  views.highlighted = function ($box, text, matches) {
    var chars = Array.from(String(text || ""));
    var at = 0;
    (matches || []).forEach(function (pair) {
      var start = Number(pair && pair[0]);
      var end = Math.min(Number(pair && pair[1]), chars.length);
      if (!(start >= at && end > start)) { return; }
      $box.append(document.createTextNode(chars.slice(at, start).join("")));
      $box.append(Blog.ui.el("mark", "hit", chars.slice(start, end).join("")));
      at = end;
    });
    $box.append(document.createTextNode(chars.slice(at).join("")));
    return $box;
  };

  /*
   * A person as everywhere (docs/api.md §12): avatar and nickname (the username when
   * there is none), linking to their profile. `who` has username, nickname,
   * avatar_url.
   */
  views.person = function (who, className, avatarSize) {
    var name = who.nickname || who.username;
    return Blog.ui.link(Blog.routes.info(who.username), null, "person " + (className || ""))
      .attr("title", "@" + who.username)
      .append(views.avatar(who.avatar_url, name, avatarSize || "avatar-xs"), Blog.ui.el("span", "person-name", name));
  };

  // One article card. options.showAuthor, options.actions ($ element appended).
  views.topicCard = function (topic, options) {
    options = options || {};
    var url = Blog.routes.topic(topic.author, topic.id);
    var $card = Blog.ui.el("article", "topic-card").attr("data-topic-id", topic.id);
    $card.append(Blog.ui.el("h2", "topic-title").append(Blog.ui.link(url, topic.title)));
    var $meta = Blog.ui.el("div", "topic-meta");
    if (options.showAuthor) {
      $meta.append(views.person({ username: topic.author, nickname: topic.nickname, avatar_url: topic.avatar_url },
        "topic-author"));
    }
    $meta.append(Blog.ui.el("time", null, topic.created_time), views.badges(topic));
    if (topic.tags && topic.tags.length) { $meta.append(views.tagChips(topic.tags)); }
    $card.append($meta);
    if (topic.cover) {
      var $cover = $("<img>").attr({ src: views.mediaUrl(topic.cover), alt: "", loading: "lazy" });
      $cover.on("error", function () { $card.removeClass("has-cover").find(".topic-cover").remove(); });
      $card.addClass("has-cover").prepend(Blog.ui.link(url, null, "topic-cover").append($cover));
    }
    if (topic.introduce) { $card.append(Blog.ui.el("p", "topic-intro", topic.introduce)); }
    var $footer = Blog.ui.el("div", "topic-footer").append(Blog.ui.link(url, "阅读全文 →", "read-more"));
    if (options.actions) { $footer.append(options.actions); }
    return $card.append($footer);
  };

  /*
   * Page links 1…N (with gaps), each a real link from hrefFor(page) (see
   * Blog.paging.href), and the total ("共 N 篇", or options.unit). Hidden when
   * there is one page.
   */
  views.pagination = function (page, perPage, total, hrefFor, options) {
    var ui = Blog.ui;
    var pages = Blog.paging.pages(total, perPage);
    var $nav = ui.el("nav", "pagination").attr("aria-label", "分页");
    if (pages <= 1) { return $nav.prop("hidden", true); }
    function item(label, target, extra) {
      if (target === null) {
        return ui.el("span", "page-btn disabled " + (extra || ""), label).attr("aria-disabled", "true");
      }
      return ui.link(hrefFor(target), label, "page-btn " + (extra || "")).attr("data-page", target);
    }
    $nav.append(item("上一页", page > 1 ? page - 1 : null, "page-prev"));
    var last = 0;
    for (var p = 1; p <= pages; p++) {
      if (p === 1 || p === pages || Math.abs(p - page) <= 2) {
        if (p - last > 1) { $nav.append(ui.el("span", "page-gap", "…")); }
        if (p === page) {
          $nav.append(ui.el("span", "page-btn current", String(p)).attr("aria-current", "page"));
        } else {
          $nav.append(item(String(p), p));
        }
        last = p;
      }
    }
    $nav.append(item("下一页", page < pages ? page + 1 : null, "page-next"));
    $nav.append(ui.el("span", "page-total", "共 " + total + " " + ((options && options.unit) || "篇")));
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
