/*
 * Blog.article — how an article body is shown, on the article page and in the
 * editor's Markdown preview:
 *   sanitize(html)   the body again through DOMPurify (the server sanitized it
 *                    already); a task list's checkbox stays, disabled, and no
 *                    other form control does.
 *   enhance($root)   every code block highlighted by the vendored highlight.js,
 *                    with its language and a "复制" button above it.
 *   renderMarkdown() the editor's live preview: markdown-it (vendored) with
 *                    tables, strikethrough, task lists and the <!--more--> mark,
 *                    as the server renders it (topic/markdown.py).
 */
(function (window, $) {
  "use strict";

  var Blog = (window.Blog = window.Blog || {});
  var COPIED_MS = 2000;

  /* ---------- sanitizing ---------- */

  var purify = window.DOMPurify;
  if (purify && !purify.__jiuzhiTaskLists) {
    purify.__jiuzhiTaskLists = true;
    purify.addHook("afterSanitizeAttributes", function (node) {
      if (node.nodeName !== "INPUT") { return; }
      if ((node.getAttribute("type") || "").toLowerCase() !== "checkbox") {
        if (node.parentNode) { node.parentNode.removeChild(node); }
        return;
      }
      node.setAttribute("disabled", "");
    });
  }

  function sanitize(html) {
    return purify.sanitize(html || "", {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ["style", "form", "button", "textarea", "select", "option"],
      FORBID_ATTR: ["style", "name", "value"]
    });
  }

  /* ---------- code blocks ---------- */

  function languageOf(code) {
    var found = /(?:^|\s)language-([A-Za-z0-9_+-]+)/.exec(code.className || "");
    return found ? found[1] : "";
  }

  function copyText(text) {
    if (window.navigator.clipboard && window.isSecureContext) {
      return window.navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {  // http:// sites have no clipboard API
      var $area = $("<textarea>").val(text).attr("readonly", "").css({ position: "fixed", left: "-9999px" });
      $("body").append($area);
      $area[0].select();
      var done = false;
      try { done = window.document.execCommand("copy"); } catch (e) { done = false; }
      $area.remove();
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function codeBlock(pre) {
    var code = pre.querySelector("code") || pre;
    // A rich-editor block may hold <br>s: highlight.js reads text, so make them newlines.
    $(code).find("br").replaceWith("\n");
    var language = languageOf(code);
    if (window.hljs) {
      if (language && !window.hljs.getLanguage(language)) {
        code.classList.add("nohighlight");
      } else {
        window.hljs.highlightElement(code);
      }
    }
    var name = language || (code.result && code.result.language) || "";
    var ui = Blog.ui;
    var $copy = ui.el("button", "code-copy", "复制").attr({ type: "button", "aria-label": "复制代码" });
    var $head = ui.el("div", "code-head").append(ui.el("span", "code-lang", name || "代码"), $copy);
    var $block = ui.el("div", "code-block").attr("data-language", name);
    $(pre).before($block);
    $block.append($head, pre);
    $copy.on("click", function () {
      copyText(code.textContent).then(function () {
        $copy.text("已复制").addClass("copied");
      }, function () {
        $copy.text("复制失败");
      }).then(function () {
        window.setTimeout(function () { $copy.text("复制").removeClass("copied"); }, COPIED_MS);
      });
    });
  }

  function enhance($root) {
    if (window.hljs) { window.hljs.configure({ ignoreUnescapedHTML: true }); }
    $root.find("pre").each(function () {
      if (!$(this).parent().hasClass("code-block")) { codeBlock(this); }
    });
    $root.find("a[href]").attr({ target: "_blank", rel: "noopener noreferrer nofollow" });
    return $root;
  }

  /* ---------- Markdown preview ---------- */

  var parser = null;
  var TASK = /^\[([ xX])\]\s+/;

  // "- [x] done" → a disabled checkbox, as mdit-py-plugins' tasklists does on the server.
  function taskLists(md) {
    md.core.ruler.after("inline", "task_lists", function (state) {
      var tokens = state.tokens;
      for (var i = 2; i < tokens.length; i++) {
        var inline = tokens[i];
        if (inline.type !== "inline" || tokens[i - 1].type !== "paragraph_open" ||
            tokens[i - 2].type !== "list_item_open" || !TASK.test(inline.content)) { continue; }
        var first = inline.children[0];
        if (!first || first.type !== "text" || !TASK.test(first.content)) { continue; }
        var checked = first.content.charAt(1) !== " ";
        first.content = first.content.replace(TASK, "");
        var box = new state.Token("html_inline", "", 0);
        box.content = '<input type="checkbox" disabled' + (checked ? " checked" : "") + "> ";
        inline.children.unshift(box);
      }
    });
  }

  function renderMarkdown(source) {
    if (!parser) {
      parser = window.markdownit({ html: true, linkify: false, typographer: false });
      taskLists(parser);
    }
    var html = parser.render(source || "").replace(/<!--\s*more\s*-->/gi, '<hr class="paywall">');
    return sanitize(html);
  }

  Blog.article = { sanitize: sanitize, enhance: enhance, renderMarkdown: renderMarkdown, copyText: copyText };
})(window, window.jQuery);
