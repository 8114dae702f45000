/*
 * /<username>/topics/detail/<id> — one article: body (sanitized HTML, again
 * through DOMPurify), prev/next, paywall and pay result, threaded comments.
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var author = Blog.route.username();
  var topicId = Blog.route.segments[3];
  var me = Blog.auth.username();
  var topicPath = "/v1/topics/" + encodeURIComponent(author);
  var PAY_POLL_TIMES = 5;
  var PAY_POLL_MS = 2000;

  /* ---------- article ---------- */

  function sanitize(html) {
    return window.DOMPurify.sanitize(html || "", {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
      FORBID_ATTR: ["style"]
    });
  }

  function renderHeader(topic) {
    $("#topic-title").text(topic.title);
    ui.setTitle(topic.title);
    var $meta = $("#topic-meta").empty();
    $meta.append(
      ui.link(Blog.views.blogUrl(author), topic.nickname || author, "topic-author"),
      ui.el("time", null, topic.created_time),
      Blog.views.badges(topic)
    );
    if (Blog.auth.isMe(author)) { $meta.append(ownerActions()); }
  }

  function ownerActions() {
    var editUrl = "/" + encodeURIComponent(author) + "/topic/release" + Blog.api.query({ t_id: topicId });
    var $delete = ui.el("button", "btn-link danger", "删除").attr({ type: "button", id: "delete-topic" });
    $delete.on("click", function () {
      Blog.views.confirmInline($delete, "确定删除这篇文章？", function () {
        return Blog.api.del(topicPath, { t_id: topicId }).then(function () {
          Blog.flash.set("文章已删除", "success");
          window.location.assign(Blog.views.blogUrl(author));
        }, function (err) { ui.showError($("#topic-alert"), err); });
      });
    });
    return ui.el("span", "owner-actions").append(ui.link(editUrl, "编辑", "btn-link").attr("id", "edit-topic"), $delete);
  }

  function renderBody(topic) {
    var $body = $("#topic-body").empty();
    if (topic.paid === false) {
      $body.append(ui.el("p", "topic-intro", topic.introduce ? topic.introduce + "……" : ""), paywall(topic));
      return;
    }
    $body.append(ui.el("div", "article-body").html(sanitize(topic.content)));
    $body.find("a[href]").attr({ target: "_blank", rel: "noopener noreferrer nofollow" });
  }

  function paywall(topic) {
    var $box = ui.el("div", "paywall");
    $box.append(ui.el("p", "paywall-title", "这是一篇付费文章"),
      ui.el("p", "paywall-text", "购买后即可阅读全文，支持支付宝付款。"));
    if (!Blog.auth.isLoggedIn()) {
      return $box.append(ui.link(Blog.api.loginUrl(), "登录后购买", "btn btn-primary"));
    }
    var $buy = ui.el("button", "btn btn-primary", "购买阅读 " + Blog.views.formatPrice(topic.price))
      .attr({ type: "button", id: "buy-topic" });
    $buy.on("click", function () { buy($buy, $box); });
    return $box.append($buy, ui.el("div", "paywall-alert"));
  }

  function buy($buy, $box) {
    var done = ui.busy($buy, "正在创建订单…");
    Blog.api.post("/v1/orders", { topic_id: Number(topicId) })
      .then(function (body) { window.location.assign(body.data.pay_url); })
      .catch(function (err) { done(); ui.showError($box.find(".paywall-alert"), err); });
  }

  function renderNeighbours(topic) {
    var $nav = $("#topic-nav").empty();
    function item(id, title, label, className) {
      var $item = ui.el("div", "neighbour " + className).append(ui.el("span", "neighbour-label", label));
      if (id) { return $item.append(ui.link(Blog.views.topicUrl(author, id), title)); }
      return $item.addClass("none").append(ui.el("span", null, "没有了"));
    }
    $nav.append(item(topic.last_id, topic.last_title, "上一篇", "prev"),
      item(topic.next_id, topic.next_title, "下一篇", "next"));
  }

  /* ---------- comments ---------- */

  function canDelete(publisher) { return !!me && (me === publisher || me === author); }

  function deleteButton(messageId, publisher) {
    if (!canDelete(publisher)) { return null; }
    var $btn = ui.el("button", "btn-link danger delete-comment", "删除").attr("type", "button");
    return $btn.on("click", function () {
      Blog.views.confirmInline($btn, "删除这条评论？", function () {
        return Blog.api.del("/v1/messages/" + encodeURIComponent(topicId), { m_id: messageId })
          .then(reloadComments, function (err) { ui.showError($("#comments-alert"), err); });
      });
    });
  }

  function commentBlock(item, className, id) {
    var $block = ui.el("div", className).attr("data-message-id", id);
    var $head = ui.el("div", "comment-head").append(
      ui.link(Blog.views.blogUrl(item.publisher), item.publisher, "comment-author"),
      ui.el("time", null, item.created_time)
    );
    var $content = ui.el("div", "comment-content", item.content);
    var $main = ui.el("div", "comment-main").append($head, $content, ui.el("div", "comment-actions"));
    return $block.append(Blog.views.avatar(item.publisher_avatar, item.publisher, "avatar-sm"), $main);
  }

  function renderComment(message) {
    var $comment = commentBlock(message, "comment", message.id);
    var $actions = $comment.find(".comment-actions");
    if (me) {
      var $reply = ui.el("button", "btn-link reply-btn", "回复").attr("type", "button");
      $reply.on("click", function () { toggleReplyForm($comment, message); });
      $actions.append($reply);
    }
    $actions.append(deleteButton(message.id, message.publisher));
    var $replies = ui.el("div", "replies");
    (message.reply || []).forEach(function (reply) {
      var $reply = commentBlock(reply, "comment reply", reply.msg_id);
      $reply.find(".comment-actions").append(deleteButton(reply.msg_id, reply.publisher));
      $replies.append($reply);
    });
    $comment.find(".comment-main").append($replies);
    return $comment;
  }

  function renderComments(topic) {
    var messages = topic.messages || [];
    var count = topic.messages_count !== undefined ? topic.messages_count : messages.length;
    $("#comments-count").text(count);
    var $list = $("#comment-list").empty();
    if (!messages.length) { ui.empty($list, "还没有评论，来说两句吧。"); }
    messages.forEach(function (message) { $list.append(renderComment(message)); });
  }

  function reloadComments() {
    return Blog.api.get(topicPath, { t_id: topicId }).then(function (body) {
      renderComments(body.data);
    }, function (err) { ui.showError($("#comments-alert"), err); });
  }

  function postComment($form, parentId) {
    var content = $.trim($form.find("[name=content]").val());
    if (!Blog.forms.check($form, { content: content }, { content: Blog.validate.comment })) {
      return;
    }
    var payload = { content: content };
    if (parentId) { payload.parent_id = parentId; }
    var done = ui.busy($form.find("[type=submit]"), "发表中…");
    Blog.api.post("/v1/messages/" + encodeURIComponent(topicId), payload)
      .then(function () {
        done();
        $form.find("[name=content]").val("").trigger("input");
        return reloadComments();
      })
      .catch(function (err) { done(); Blog.forms.showApiError($form, err); });
  }

  function commentForm(placeholder, submitText, parentId) {
    var $form = ui.el("form", "form comment-form").attr("novalidate", "novalidate");
    var $field = ui.el("div", "field").append(
      ui.el("textarea").attr({ name: "content", rows: parentId ? 2 : 4, maxlength: 500, placeholder: placeholder }),
      ui.el("div", "field-error")
    );
    var $bar = ui.el("div", "form-bar").append(
      ui.el("span", "counter").attr({ "data-for": "content", "data-max": 500 }),
      ui.el("button", "btn btn-primary btn-small", submitText).attr("type", "submit")
    );
    $form.append(ui.el("div", "form-alert").prop("hidden", true), $field, $bar);
    Blog.forms.bindCounters($form);
    return $form.on("submit", function (event) { event.preventDefault(); postComment($form, parentId); });
  }

  function toggleReplyForm($comment, message) {
    var $existing = $comment.children(".comment-main").children(".reply-form-wrap");
    if ($existing.length) { $existing.remove(); return; }
    var $wrap = ui.el("div", "reply-form-wrap").append(commentForm("回复 " + message.publisher + "…", "回复", message.id));
    $comment.find(".comment-actions").first().after($wrap);
    $wrap.find("textarea").trigger("focus");
  }

  function renderCommentBox() {
    var $box = $("#comment-box").empty();
    if (!me) {
      $box.append(ui.el("p", "muted").append(ui.link(Blog.api.loginUrl(), "登录"), document.createTextNode(" 后参与评论")));
      return;
    }
    $box.append(commentForm("写下你的评论…（最多 500 字）", "发表评论", null).attr("id", "comment-form"));
  }

  /* ---------- pay result (back from Alipay) ---------- */

  var PAY_MESSAGES = {
    success: ["支付成功，已为你解锁全文。", "success"],
    pending: ["正在确认支付结果，请稍候…", "info"],
    fail: ["支付未完成或失败，你可以重新购买。", "error"]
  };

  function showPayResult() {
    var result = Blog.route.param("pay");
    if (!PAY_MESSAGES[result]) { return; }
    var orderNo = Blog.route.param("order_no");
    ui.showAlert($("#pay-result"), PAY_MESSAGES[result][0], PAY_MESSAGES[result][1]);
    $("#pay-result").attr("data-pay", result);
    if (window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
    if (result === "pending" && orderNo) { pollOrder(orderNo, PAY_POLL_TIMES); }
  }

  function pollOrder(orderNo, timesLeft) {
    Blog.api.get("/v1/orders/" + encodeURIComponent(orderNo)).then(function (body) {
      var status = body.data && body.data.status;
      if (status === "paid") {
        ui.showAlert($("#pay-result"), PAY_MESSAGES.success[0], "success");
        loadTopic();
      } else if (status === "closed") {
        ui.showAlert($("#pay-result"), PAY_MESSAGES.fail[0], "error");
      } else if (timesLeft > 1) {
        window.setTimeout(function () { pollOrder(orderNo, timesLeft - 1); }, PAY_POLL_MS);
      } else {
        ui.showAlert($("#pay-result"), "尚未收到支付结果，稍后可在「我的订单」查看。", "warning");
      }
    }, function (err) { ui.showError($("#pay-result"), err); });
  }

  /* ---------- load ---------- */

  function render(topic) {
    renderHeader(topic);
    renderBody(topic);
    renderNeighbours(topic);
    renderComments(topic);
    $("#topic").prop("hidden", false);
    $("#comments").prop("hidden", false);
  }

  function loadTopic() {
    ui.loading($("#topic-status"), "正在加载文章…");
    return Blog.api.get(topicPath, { t_id: topicId })
      .then(function (body) { $("#topic-status").empty(); render(body.data); })
      .catch(function (err) {
        if (err.status === 404) { err.message = "文章不存在，或你没有权限查看。"; }
        ui.showError($("#topic-status"), err);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: "文章" })) { return; }
    $("#back-to-blog").attr("href", Blog.views.blogUrl(author)).text("← 返回 " + author + " 的博客");
    showPayResult();
    renderCommentBox();
    loadTopic();
  });
})(window, window.jQuery);
