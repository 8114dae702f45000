/*
 * Blog.errors — what the SPA tells a person when a call fails, in Chinese.
 * byCode covers every code of docs/errors.md (tests/spa/test_error_texts.py
 * fails when the docs gain one that is missing here); the second item, when
 * present, is the form field the message belongs next to. Loads after limits.js. byStatus is the
 * fallback for a response without a known code, and 0 is "no answer at all".
 */
(function (root) {
  "use strict";

  var Blog = (root.Blog = root.Blog || {});
  var limits = Blog.limits;

  var byStatus = {
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
    500: "服务器开小差了，请稍后再试",
    502: "服务暂时不可用，请稍后再试",
    503: "服务暂时不可用，请稍后再试",
    504: "服务器响应超时，请稍后再试"
  };

  var byCode = {
    // 10000–10099: any endpoint
    10001: ["提交的数据格式有误"],
    10002: ["不支持的操作"],
    10003: ["请求的地址不存在"],
    10004: ["提交的内容太大"],
    10005: ["服务器开小差了，请稍后再试"],
    10006: ["参数有误"],
    10007: ["服务暂时不可用，请稍后再试"],
    10008: ["没有权限进行此操作"],
    // 10100–10199: users
    10101: ["提交的内容有误，请检查标出的字段"],
    10102: ["用户名已被占用", "username"],
    10103: ["该手机号已注册", "phone"],
    10104: ["验证码错误", "sms_num"],
    10105: ["验证码已过期或未发送，请重新获取", "sms_num"],
    10106: ["验证码错误次数过多，请重新获取", "sms_num"],
    10107: ["发送太频繁，请 " + limits.smsCode.resendSeconds + " 秒后再试", "phone"],
    10108: ["今天的验证码发送次数已达上限", "phone"],
    10109: ["用户名或密码错误"],
    10110: ["登录失败次数过多，请稍后再试"],
    10111: ["用户不存在"],
    10112: ["只能修改自己的账号"],
    10113: ["原密码错误", "old_password"],
    10114: ["请上传 " + limits.avatar.typeNames + " 格式的图片", "avatar"],
    10115: ["图片不能超过 " + limits.avatar.maxText, "avatar"],
    10116: ["注册尝试太频繁，请稍后再试"],
    10117: ["重置密码尝试太频繁，请稍后再试"],
    // 10200–10299: tokens
    10200: ["登录已失效，请重新登录"],
    10201: ["登录已过期，请重新登录"],
    10202: ["登录已失效，请重新登录"],
    // 10300–10399: articles
    10301: ["提交的内容有误，请检查标出的字段"],
    10302: ["文章不存在，或你没有权限查看"],
    10303: ["只能管理自己的文章"],
    // 10400–10499: comments
    10401: ["评论内容有误"],
    10402: ["评论不存在或已被删除"],
    10403: ["没有权限删除这条评论"],
    10404: ["请勿重复发表相同的评论", "content"],
    10405: ["评论太频繁，请稍后再试", "content"],
    10406: ["作者已关闭这篇文章的评论"],
    10407: ["评论包含不允许的词语，请修改后再发表", "content"],
    // 10500–10599: payment
    10501: ["订单参数有误，请刷新页面后重试"],
    10502: ["订单不存在"],
    10503: ["不能购买自己的文章"],
    10504: ["这篇文章已改为免费，无需购买"],
    10505: ["你已经购买过这篇文章"],
    // 10600–10619: images
    10600: ["请上传 " + limits.image.typeNames + " 格式的真实图片"],
    10601: ["图片不能超过 " + limits.image.maxText],
    10602: ["图片尺寸过大，不能超过 " + limits.image.maxMegapixelsText],
    10603: ["上传图片太频繁，请 " + limits.image.windowText + "后再试"],
    // 10620–10699: import, export, application passwords
    10621: ["提交的内容有误，请检查标出的字段"],
    10622: ["文件不能超过 " + limits.importFile.maxText, "file"],
    10623: ["导入任务不存在"],
    10624: ["请上传 WordPress 导出的 XML 文件，或 Markdown 文件的 zip 压缩包", "file"],
    10625: ["应用密码不存在或已撤销"],
    10626: ["应用密码已达上限，请先撤销不用的"],
    // 10900–10999: search
    10901: ["搜索词为 1–50 个字", "q"],
    // 10720–10739: likes, favourites, follows
    10721: ["分页参数有误"],
    10722: ["不能关注自己"],
    10723: ["只能查看自己的收藏和关注动态"],
    // 10700–10719: notifications
    10701: ["通知参数有误，请刷新页面后重试"]
  };

  Blog.errors = {
    byStatus: byStatus,
    byCode: byCode,
    // [message, field or undefined] for an error response, in Chinese.
    describe: function (status, code, apiMessage) {
      var known = byCode[code];
      if (known) { return known; }
      // a code this table lacks: the UI speaks Chinese, so the status says it
      return [byStatus[status] || apiMessage || byStatus[500]];
    },
    // Worth trying again as it is: no answer, a time-out, or the server's own trouble.
    isTransient: function (status) { return status === 0 || status === 408 || status >= 500; }
  };
})(typeof window !== "undefined" ? window : globalThis);
