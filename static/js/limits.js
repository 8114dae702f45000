/*
 * Blog.limits — the input limits of docs/api.md §9 (and the avatar and image rules), the
 * one place the SPA states them. Blog.validate builds its checks and messages
 * from here, and Blog.forms.applyLimits() writes maxlength, counters, hints and
 * `accept` into the pages' forms, so the templates hold no numbers of their own.
 * Lengths count characters (code points), as the API does.
 */
(function (root) {
  "use strict";

  var Blog = (root.Blog = root.Blog || {});

  var MB = 1024 * 1024;

  Blog.limits = {
    username: { min: 3, max: 11, pattern: /^[A-Za-z0-9_]*$/ },
    password: { min: 6, max: 64 },
    nickname: { min: 0, max: 30 },
    sign: { min: 0, max: 50 },
    info: { min: 0, max: 150 },
    title: { min: 1, max: 50 },
    // docs/api.md §11: an article's summary, cover address and Markdown source.
    summary: { min: 0, max: 200 },
    cover: { min: 0, max: 500 },
    markdown: { min: 1, max: 200000 },
    comment: { min: 1, max: 500 },
    tag: { min: 1, max: 20 },
    // the editor's comma-separated tag field: 5 tags of 20 characters and their separators
    tags: { min: 0, max: 120, count: 5 },
    search: { min: 1, max: 50 },
    phone: { min: 11, max: 11, pattern: /^1[3-9]\d{9}$/ },
    smsCode: { min: 6, max: 6, pattern: /^\d{6}$/, resendSeconds: 60 },
    price: { pattern: /^\d{1,8}(\.\d{1,2})?$/, rule: "不小于 0 的金额，最多两位小数" },
    appPasswordName: { min: 1, max: 50 },
    importFile: {
      types: [".xml", ".zip", "application/xml", "text/xml", "application/zip"],
      typeNames: "WordPress 导出的 XML 文件，或 Markdown 文件的 zip 压缩包",
      maxBytes: 50 * MB,
      maxText: "50 MB"
    },
    avatar: {
      types: ["image/png", "image/jpeg", "image/gif", "image/webp"],
      typeNames: "PNG、JPEG、GIF、WebP",
      maxBytes: 2 * MB,
      maxText: "2 MB"
    },
    // POST /v1/images (docs/api.md §11, docs/images.md): pictures pasted or dropped into an article.
    image: {
      types: ["image/png", "image/jpeg", "image/gif", "image/webp"],
      typeNames: "PNG、JPEG、GIF、WebP",
      maxBytes: 5 * MB,
      maxText: "5 MB",
      maxMegapixels: 40,
      maxMegapixelsText: "4000 万像素",
      perWindow: 30,
      windowText: "10 分钟"
    }
  };
})(typeof window !== "undefined" ? window : globalThis);
