/*
 * /<author>/topics/detail/<id> — one article: body (sanitized HTML, again
 * through DOMPurify), prev/next, paywall and pay result, like and favourite,
 * threaded comments (the article's author may delete any of them).
 *
 * TodoMVC style: `state` holds the article as the API sent it and which
 * comment is being replied to; render*() draw from it; bindEvents() sets the
 * delegated handlers once. A posted or deleted comment changes the state and
 * the comments are drawn again, without fetching the article anew.
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var author = routes.current.author;
  var topicId = routes.current.params.id;
  var me = Blog.auth.isLoggedIn() ? Blog.auth.username() : null;
  var topicPath = routes.api.topics(author);
  var PAY_POLL_TIMES = 5;
  var PAY_POLL_MS = 2000;

  var state = {
    topic: null,     // GET /v1/topics/<author>?t_id=N → data (messages included)
    replyTo: null,   // id of the top-level comment whose reply form is open
    myAvatar: null   // my avatar URL for comments I post (null: not known yet)
  };

  /* ---------- article ---------- */

  var sanitize = Blog.article.sanitize;

  var STATUS_TEXT = { draft: "草稿：只有你能看到", scheduled: "定时发布：" };

  function authorName() { return (state.topic && state.topic.nickname) || author; }

  function renderHeader() {
    var topic = state.topic;
    $("#back-to-blog").text("← 返回" + authorName() + "的博客");
    $("#topic-title").text(topic.title);
    ui.setTitle(topic.title);
    var $meta = $("#topic-meta").empty();
    $meta.append(
      Blog.views.person({ username: author, nickname: topic.nickname, avatar_url: topic.avatar_url }, "topic-author"),
      ui.el("time", "created-time", topic.created_time)
    );
    // The last edit, when later than publishing (a scheduled article is dated after its edits).
    if (topic.updated_time && topic.updated_time > topic.created_time) {
      $meta.append(ui.el("span", "updated-time", "更新于 " + topic.updated_time));
    }
    $meta.append(Blog.views.badges(topic), ui.el("span", "topic-stats").append(
      ui.el("span", "stat-views", "阅读 " + (topic.views || 0)),
      ui.el("span", "stat-comments", "评论 " + commentsTotal())
    ));
    $("#topic-tags").remove();
    if (topic.tags && topic.tags.length) {
      $meta.after(Blog.views.tagChips(topic.tags).addClass("article-tags").attr("id", "topic-tags"));
    }
    if (Blog.auth.isMe(author)) {
      $meta.append(ui.el("span", "owner-actions").append(
        ui.link(routes.release(author, topicId), "编辑", "btn-link").attr("id", "edit-topic"),
        ui.el("button", "btn-link danger", "删除").attr({ type: "button", id: "delete-topic" })
      ));
    }
  }

  function commentsTotal() {
    var topic = state.topic;
    if (topic.comments_total !== undefined) { return topic.comments_total; }
    return (topic.messages || []).reduce(function (n, m) { return n + 1 + (m.reply || []).length; }, 0);
  }

  /* ---------- like and favourite ---------- */

  function reactionButton(id, on, label, onLabel, count) {
    var $button = ui.el("button", "btn reaction" + (on ? " on" : "")).attr({ type: "button", id: id, "aria-pressed": String(on) });
    $button.append(ui.el("span", "reaction-label", on ? onLabel : label));
    if (count !== undefined) { $button.append(ui.el("span", "reaction-count", String(count))); }
    return $button;
  }

  function renderReactions() {
    var topic = state.topic;
    $("#topic-reactions").empty().append(
      reactionButton("like-topic", !!topic.liked, "♡ 点赞", "♥ 已赞", topic.likes || 0),
      reactionButton("favorite-topic", !!topic.favorited, "☆ 收藏", "★ 已收藏"),
      ui.el("span", "reaction-alert")
    );
  }

  function needLogin() {
    if (me) { return false; }
    Blog.flash.set("请先登录", "warning");
    window.location.assign(Blog.api.loginUrl());
    return true;
  }

  function toggleLike($button) {
    if (needLogin()) { return; }
    var done = ui.busy($button, "…");
    var call = state.topic.liked ? Blog.api.del : Blog.api.put;
    call(routes.api.like(topicId)).then(function (body) {
      done();
      state.topic.liked = body.data.liked;
      state.topic.likes = body.data.likes;
      renderReactions();
    }, function (err) { done(); ui.showError($("#topic-reactions .reaction-alert"), err); });
  }

  function toggleFavorite($button) {
    if (needLogin()) { return; }
    var done = ui.busy($button, "…");
    var call = state.topic.favorited ? Blog.api.del : Blog.api.put;
    call(routes.api.favorite(me, topicId)).then(function (body) {
      done();
      state.topic.favorited = body.data.favorited;
      renderReactions();
    }, function (err) { done(); ui.showError($("#topic-reactions .reaction-alert"), err); });
  }

  function renderStatus() {
    var topic = state.topic;
    var $status = $("#topic-status-note").empty().prop("hidden", true);
    if (topic.status === "draft" || topic.status === "scheduled") {
      var text = STATUS_TEXT[topic.status] + (topic.status === "scheduled" ? (topic.publish_at || "") + "，到时自动公开" : "");
      $status.append(ui.alert(text, "warning")).prop("hidden", false);
    }
  }

  function renderCover() {
    var cover = state.topic.cover;
    var $cover = $("#topic-cover").empty().prop("hidden", !cover);
    if (cover) {
      $cover.append($("<img>").attr({ src: Blog.views.mediaUrl(cover), alt: "封面", loading: "lazy" })
        .on("error", function () { $cover.prop("hidden", true).empty(); }));
    }
  }

  function renderBody() {
    var topic = state.topic;
    var $body = $("#topic-body").empty();
    if (topic.paid === false) {
      // The free part the API sends (never the rest), then the price and the buy button.
      var $preview = ui.el("div", "article-body article-preview").html(sanitize(topic.preview || ""));
      $body.append($preview, paywall(topic));
      Blog.article.enhance($preview);
      return;
    }
    var $article = ui.el("div", "article-body").html(sanitize(topic.content));
    $body.append($article);
    Blog.article.enhance($article);
  }

  function paywall(topic) {
    var $box = ui.el("div", "paywall");
    $box.append(ui.el("p", "paywall-title", "以下内容为付费内容"),
      ui.el("p", "paywall-price", Blog.views.formatPrice(topic.price)),
      ui.el("p", "paywall-text", "购买后即可阅读全文，支持支付宝付款。"));
    if (!me) {
      return $box.append(ui.link(Blog.api.loginUrl(), "登录后购买", "btn btn-primary"));
    }
    return $box.append(
      ui.el("button", "btn btn-primary", "购买阅读 " + Blog.views.formatPrice(topic.price)).attr({ type: "button", id: "buy-topic" }),
      ui.el("div", "paywall-alert")
    );
  }

  function renderNeighbours() {
    var topic = state.topic;
    function item(id, title, label, className) {
      var $item = ui.el("div", "neighbour " + className).append(ui.el("span", "neighbour-label", label));
      if (id) { return $item.append(ui.link(routes.topic(author, id), title)); }
      return $item.addClass("none").append(ui.el("span", null, "没有了"));
    }
    $("#topic-nav").empty().append(item(topic.last_id, topic.last_title, "上一篇", "prev"),
      item(topic.next_id, topic.next_title, "下一篇", "next"));
  }

  /* ---------- comments ---------- */

  function canDelete(publisher) { return !!me && (me === publisher || me === author); }

  // A comment without an account (imported, docs/api.md §16) shows its author's name, unlinked.
  // The name links to the profile (docs/api.md §12); an imported guest has no profile.
  function commentAuthor(item) {
    var who = commenter(item);
    return who.username
      ? ui.link(routes.info(who.username), null, "person comment-author").attr("title", "@" + who.username)
        .append(ui.el("span", "person-name", who.nickname))
      : ui.el("span", "comment-author comment-guest", who.nickname);
  }

  function commentBlock(item, className, id) {
    var $actions = ui.el("div", "comment-actions");
    if (canDelete(item.publisher)) {
      $actions.append(ui.el("button", "btn-link danger delete-comment", "删除").attr("type", "button"));
    }
    var $main = ui.el("div", "comment-main").append(
      ui.el("div", "comment-head").append(
        commentAuthor(item),
        ui.el("time", null, item.created_time)
      ),
      ui.el("div", "comment-content", item.content),
      $actions
    );
    var who = commenter(item);
    var $avatar = Blog.views.avatar(who.avatar_url, who.nickname || who.username || "访客", "avatar-sm");
    if (who.username) {
      $avatar = ui.link(routes.info(who.username), null, "comment-avatar").attr("tabindex", "-1").append($avatar);
    }
    return ui.el("div", className).attr("data-message-id", id).append($avatar, $main);
  }

  // The commenter as everywhere (docs/api.md §12), from the classic fields when the new ones are
  // absent; an imported comment without an account has only `author_name` (username null).
  function commenter(item) {
    return {
      username: item.username !== undefined ? item.username : item.publisher,
      nickname: item.nickname || item.publisher_nickname || item.publisher || item.author_name || "访客",
      avatar_url: item.avatar_url !== undefined ? item.avatar_url : item.publisher_avatar
    };
  }

  function renderComment(message) {
    var $comment = commentBlock(message, "comment", message.id);
    var $main = $comment.children(".comment-main");
    if (me && state.topic.comments_enabled !== false) {
      $main.children(".comment-actions").prepend(ui.el("button", "btn-link reply-btn", "回复").attr("type", "button"));
    }
    if (state.replyTo === message.id) {
      var name = commenter(message).nickname;
      $main.append(ui.el("div", "reply-form-wrap").append(commentForm("回复 " + name + "…", "回复", message.id)));
    }
    var $replies = ui.el("div", "replies");
    (message.reply || []).forEach(function (reply) {
      $replies.append(commentBlock(reply, "comment reply", reply.msg_id));
    });
    $main.append($replies);
    return $comment;
  }

  function renderComments() {
    var messages = state.topic.messages || [];
    $("#comments-count").text(commentsTotal());
    $("#topic-meta .stat-comments").text("评论 " + commentsTotal());
    var $list = $("#comment-list").empty();
    if (!messages.length) { ui.empty($list, "还没有评论，来说两句吧。"); }
    messages.forEach(function (message) { $list.append(renderComment(message)); });
  }

  // placeholder null: the comment limit's own hint (Blog.forms.applyLimits).
  function commentForm(placeholder, submitText, parentId) {
    var $form = ui.el("form", "form comment-form").attr({ novalidate: "novalidate", "data-parent-id": parentId || "" });
    var $text = ui.el("textarea").attr({ name: "content", rows: parentId ? 2 : 4, "data-limit": "comment" });
    $text.attr(placeholder ? { placeholder: placeholder } : { "data-hint": "" });
    var $field = ui.el("div", "field").append($text, ui.el("div", "field-error"));
    var $bar = ui.el("div", "form-bar").append(
      ui.el("span", "counter").attr("data-for", "content"),
      ui.el("button", "btn btn-primary btn-small", submitText).attr("type", "submit")
    );
    return Blog.forms.applyLimits($form.append(ui.el("div", "form-alert").prop("hidden", true), $field, $bar));
  }

  function renderCommentBox() {
    var $box = $("#comment-box").empty();
    if (state.topic && state.topic.comments_enabled === false) {
      $box.append(ui.el("p", "comments-closed", "作者已关闭这篇文章的评论。"));
      return;
    }
    if (!me) {
      $box.append(ui.el("p", "muted").append(ui.link(Blog.api.loginUrl(), "登录"), document.createTextNode("后参与评论")));
      return;
    }
    $box.append(commentForm(null, "发表评论", null).attr("id", "comment-form"));
  }

  function findMessage(id) {
    var found = null;
    (state.topic.messages || []).forEach(function (message) {
      if (message.id === id) { found = { message: message }; }
      (message.reply || []).forEach(function (reply, index) {
        if (reply.msg_id === id) { found = { parent: message, index: index }; }
      });
    });
    return found;
  }

  // The comment just posted, in the shape of the thread the API sends.
  function addComment(created, content, parentId) {
    var entry = {
      content: created.content !== undefined ? created.content : content,
      publisher: me,
      publisher_avatar: state.myAvatar || "",
      username: me,
      nickname: state.myNickname || me,
      avatar_url: state.myAvatar || "",
      created_time: created.created_time
    };
    if (state.topic.comments_total !== undefined) { state.topic.comments_total += 1; }
    if (parentId) {
      var parent = findMessage(parentId);
      if (parent && parent.message) {
        parent.message.reply = parent.message.reply || [];
        parent.message.reply.push($.extend({ msg_id: created.id, parent_id: parentId }, entry));
      }
      state.replyTo = null;
    } else {
      state.topic.messages = state.topic.messages || [];
      state.topic.messages.push($.extend({ id: created.id, reply: [] }, entry));
      state.topic.messages_count = (state.topic.messages_count || 0) + 1;
    }
  }

  function removeComment(id) {
    var found = findMessage(id);
    if (!found) { return; }
    if (state.topic.comments_total !== undefined) {
      var gone = found.message ? 1 + (found.message.reply || []).length : 1;
      state.topic.comments_total = Math.max(0, state.topic.comments_total - gone);
    }
    if (found.message) {
      state.topic.messages = state.topic.messages.filter(function (m) { return m.id !== id; });
      state.topic.messages_count = Math.max(0, (state.topic.messages_count || 1) - 1);
      if (state.replyTo === id) { state.replyTo = null; }
    } else {
      found.parent.reply.splice(found.index, 1);
    }
  }

  // My avatar for the comments I post: from the thread when I am in it, else my profile (once).
  function knowMyAvatar() {
    if (!me || state.myAvatar !== null) { return Promise.resolve(); }
    var mine = null;
    (state.topic.messages || []).forEach(function (m) {
      [m].concat(m.reply || []).forEach(function (c) { if (c.publisher === me) { mine = commenter(c); } });
    });
    if (mine !== null) {
      state.myAvatar = mine.avatar_url || "";
      state.myNickname = mine.nickname;
      return Promise.resolve();
    }
    return Blog.api.get(routes.api.user(me), null, { keep401: true }).then(function (body) {
      state.myAvatar = (body.data && body.data.avatar_url) || "";
      state.myNickname = (body.data && body.data.nickname) || me;
    }, function () {});
  }

  function postComment($form) {
    var parentId = Number($form.attr("data-parent-id")) || null;
    var content = $.trim($form.find("[name=content]").val());
    if (!Blog.forms.check($form, { content: content }, { content: Blog.validate.comment })) { return; }
    var payload = { content: content };
    if (parentId) { payload.parent_id = parentId; }
    var done = ui.busy($form.find("[type=submit]"), "发表中…");
    Blog.api.post(routes.api.messages(topicId), payload)
      .then(function (body) {
        return knowMyAvatar().then(function () {
          done();
          addComment(body.data || {}, content, parentId);
          $form.find("[name=content]").val("").trigger("input");
          renderComments();
        });
      })
      .catch(function (err) { done(); Blog.forms.showApiError($form, err); });
  }

  function deleteComment($button) {
    var id = Number($button.closest("[data-message-id]").attr("data-message-id"));
    Blog.views.confirmInline($button, "删除这条评论？", function () {
      return Blog.api.del(routes.api.messages(topicId), { m_id: id })
        .then(function () { removeComment(id); renderComments(); },
          function (err) { ui.showError($("#comments-alert"), err); });
    });
  }

  /* ---------- buying ---------- */

  // Bought in another tab meanwhile, or made free: nothing to pay, the article is readable.
  var NOTHING_TO_PAY = [10504, 10505];

  function buy($buy) {
    var done = ui.busy($buy, "正在创建订单…");
    Blog.api.post(routes.api.orders(), { topic_id: Number(topicId) })
      .then(function (body) { window.location.assign(body.data.pay_url); })
      .catch(function (err) {
        done();
        if (NOTHING_TO_PAY.indexOf(err.code) >= 0) {
          ui.showAlert($("#pay-result"), err.message + "，已为你显示全文。", "info");
          loadTopic();
          return;
        }
        ui.showError($("#topic-body .paywall-alert"), err);
      });
  }

  function deleteTopic($button) {
    Blog.views.confirmInline($button, "确定删除这篇文章？", function () {
      return Blog.api.del(topicPath, { t_id: topicId }).then(function () {
        Blog.flash.set("文章已删除", "success");
        window.location.assign(routes.blog(author));
      }, function (err) { ui.showError($("#topic-alert"), err); });
    });
  }

  /* ---------- pay result (back from Alipay) ---------- */

  var PAY_MESSAGES = {
    success: ["支付成功，已为你解锁全文。", "success"],
    pending: ["正在确认支付结果，请稍候…", "info"],
    fail: ["支付未完成或失败，你可以重新购买。", "error"],
    refunded: ["你已购买过这篇文章，这笔重复的付款将原路退回。", "info"]
  };

  function showPayResult() {
    var result = routes.current.param("pay");
    if (!PAY_MESSAGES[result]) { return; }
    var orderNo = routes.current.param("order_no");
    ui.showAlert($("#pay-result"), PAY_MESSAGES[result][0], PAY_MESSAGES[result][1]);
    $("#pay-result").attr("data-pay", result);
    if (window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
    if (result === "pending" && orderNo) { pollOrder(orderNo, PAY_POLL_TIMES); }
  }

  function pollOrder(orderNo, timesLeft) {
    Blog.api.get(routes.api.order(orderNo)).then(function (body) {
      var status = body.data && body.data.status;
      if (status === "paid") {
        ui.showAlert($("#pay-result"), PAY_MESSAGES.success[0], "success");
        loadTopic();
      } else if (status === "closed") {
        ui.showAlert($("#pay-result"), PAY_MESSAGES.fail[0], "error");
      } else if (status === "refunded") {
        ui.showAlert($("#pay-result"), PAY_MESSAGES.refunded[0], "info");
      } else if (timesLeft > 1) {
        window.setTimeout(function () { pollOrder(orderNo, timesLeft - 1); }, PAY_POLL_MS);
      } else {
        ui.showAlert($("#pay-result"), "尚未收到支付结果，稍后可在「我的订单」查看。", "warning");
      }
    }, function (err) { ui.showError($("#pay-result"), err); });
  }

  /* ---------- load ---------- */

  function render() {
    renderHeader();
    renderStatus();
    renderCover();
    renderBody();
    renderReactions();
    renderNeighbours();
    renderCommentBox();
    renderComments();
    $("#topic").prop("hidden", false);
    $("#comments").prop("hidden", false);
  }

  function loadTopic() {
    ui.loading($("#topic-status"), "正在加载文章…");
    return Blog.api.get(topicPath, { t_id: topicId })
      .then(function (body) { $("#topic-status").empty(); state.topic = body.data; render(); })
      .catch(function (err) {
        if (err.status === 404) { err.message = "文章不存在，或你没有权限查看。"; }
        ui.showError($("#topic-status"), err, loadTopic);
      });
  }

  function bindEvents() {
    $("#topic-meta").on("click", "#delete-topic", function () { deleteTopic($(this)); });
    $("#topic-body").on("click", "#buy-topic", function () { buy($(this)); });
    $("#topic-reactions")
      .on("click", "#like-topic", function () { toggleLike($(this)); })
      .on("click", "#favorite-topic", function () { toggleFavorite($(this)); });
    $("#comments")
      .on("submit", ".comment-form", function (event) { event.preventDefault(); postComment($(this)); })
      .on("click", ".delete-comment", function () { deleteComment($(this)); })
      .on("click", ".reply-btn", function () {
        var id = Number($(this).closest(".comment").attr("data-message-id"));
        state.replyTo = state.replyTo === id ? null : id;
        renderComments();
        $("#comment-list .reply-form-wrap textarea").trigger("focus");
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: "文章" })) { return; }
    $("#back-to-blog").attr("href", routes.blog(author)).text("← 返回" + author + "的博客");
    bindEvents();
    showPayResult();
    loadTopic();
  });
})(window, window.jQuery);
