"""Demo data for `make run`, and large data sets for the benchmarks.

    python manage.py seed_demo                          # demo authors, articles, comments
    python manage.py seed_demo --articles 10000         # + 10,000 articles by demo_li
    python manage.py seed_demo --comments 1000 --author demo_wang

Re-running is safe: demo authors that already exist keep what they have; --articles and
--comments add that many rows each time.
"""
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from message.models import Message
from topic import services
from topic.models import Topic
from topic.sanitize import clean_html
from user.models import UserProfile

DEMO_PASSWORD = "demo123456"
BATCH_SIZE = 1000
THREAD_TITLE = "Benchmark: a long comment thread"

AUTHORS = [
    # username, phone, nickname, sign, info
    ("demo_li", "19900000001", "李老师", "写代码，也写生活", "后端工程师，喜欢 Django 和 Redis。"),
    ("demo_wang", "19900000002", "王小明", "慢慢来，比较快", "前端出身，正在学后端。"),
    ("demo_zhao", "19900000003", "赵读书", "一天一页", "只读不写的读者，偶尔留言。"),
]

ARTICLES = {
    "demo_li": [
        # title, category, limit, price, html
        ("Django 查询优化：select_related 与 prefetch_related", Topic.TEC, Topic.PUBLIC, "0",
         "<h2>为什么会有 N+1</h2><p>每条评论查一次作者，就是 <code>N+1</code>。</p>"
         "<pre><code class=\"language-python\">Message.objects.select_related(\"publisher\")"
         "</code></pre>"),
        ("用版本号让列表缓存立即失效", Topic.TEC, Topic.PUBLIC, "0",
         "<p>每次写入把作者的版本号加一，旧的缓存键就再也不会被读到。</p>"
         "<ul><li>不用遍历删除键</li><li>对任意查询串都有效</li></ul>"),
        ("支付宝电脑网站支付接入实战", Topic.TEC, Topic.PUBLIC, "9.90",
         "<p>验签、金额核对、幂等处理：异步通知的三件事。</p><hr class=\"paywall\">"
         "<blockquote>永远不要相信客户端传来的金额。</blockquote>"),
        ("周末去香山看红叶", Topic.NO_TEC, Topic.PUBLIC, "0",
         "<p>早上七点出发，人还不多。</p>"
         "<img src=\"https://picsum.photos/seed/jiuzhi/640/360\" alt=\"红叶\">"),
        ("年度计划（草稿）", Topic.NO_TEC, Topic.PRIVATE, "0",
         "<p>只给自己看：读 12 本书，跑一次半马。</p>"),
    ],
    "demo_wang": [
        ("从 jQuery 到原生 JavaScript", Topic.TEC, Topic.PUBLIC, "0",
         "<p>把 <code>$.ajax</code> 换成 <code>fetch</code> 的一些坑。</p>"),
        ("CSS 网格布局速查", Topic.TEC, Topic.PUBLIC, "1.50",
         "<p>一张表看懂常用的网格属性。</p><hr class=\"paywall\"><table><thead><tr><th>属性</th><th>作用</th></tr></thead>"
         "<tbody><tr><td>grid-template-columns</td><td>列宽</td></tr></tbody></table>"),
        ("第一次做饭就成功的番茄炒蛋", Topic.NO_TEC, Topic.PUBLIC, "0",
         "<ol><li>先炒蛋</li><li>再炒番茄</li><li>合在一起</li></ol>"),
        ("面试复盘", Topic.NO_TEC, Topic.PRIVATE, "0", "<p>答得不好的几道题……</p>"),
    ],
}

# Written in Markdown (SPEC §11): a code block, a table, a task list, a free preview.
MARKDOWN_ARTICLES = {
    "demo_li": [
        ("用 Markdown 写技术博客", Topic.TEC, Topic.PUBLIC, "0",
         "## 代码块\n\n```python\ndef greet(name):\n    return f\"你好，{name}\"\n```\n\n"
         "## 表格\n\n| 语法 | 效果 |\n|---|---|\n| `**粗体**` | **粗体** |\n| `~~删除~~` | ~~删除~~ |\n\n"
         "## 任务列表\n\n- [x] 写完初稿\n- [ ] 配一张封面\n"),
        ("Celery 定时任务的三个坑（付费）", Topic.TEC, Topic.PUBLIC, "4.90",
         "定时任务看起来简单，上线后却常出问题。免费部分先讲现象。\n\n<!--more-->\n\n"
         "1. beat 只能跑一个\n2. 任务要能重复执行\n3. 时区要统一\n"),
    ],
}

COMMENTS = [
    # (commenter, text, [(replier, text), ...]) on each public article
    ("demo_zhao", "写得很清楚，收藏了！", [("author", "谢谢支持～")]),
    ("demo_wang", "请问有完整的示例代码吗？", [("author", "文末补上了链接。"),
                                              ("demo_zhao", "同问，已找到。")]),
    ("demo_zhao", "期待下一篇。", []),
]


class Command(BaseCommand):
    help = "Create demo authors, articles and comments; --articles/--comments add bulk data."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0,
                            help="add this many articles by --author (bulk)")
        parser.add_argument("--comments", type=int, default=0,
                            help="add this many comments (a third of them replies) to one "
                                 f"article of --author, titled {THREAD_TITLE!r} (bulk)")
        parser.add_argument("--author", default=AUTHORS[0][0],
                            help="username for --articles/--comments (default %(default)s)")

    def handle(self, *args, articles, comments, author, **options):
        if articles < 0 or comments < 0:
            raise CommandError("--articles and --comments must be 0 or more")
        demo_users = {user.username: user for user in self.seed_demo_authors()}
        target = UserProfile.objects.filter(username=author).first()
        if target is None:
            raise CommandError(f"No user {author!r}")
        if articles:
            bulk_articles(target, articles)
            self.stdout.write(f"Added {articles} articles by {author}.")
        if comments:
            topic = bulk_comments(target, comments, publishers=list(demo_users.values()))
            self.stdout.write(f"Added {comments} comments to article {topic.id} of {author}.")
        self.stdout.write(f"Demo authors {', '.join(demo_users)}, password: {DEMO_PASSWORD}")

    def seed_demo_authors(self):
        users = []
        for username, phone, nickname, sign, info in AUTHORS:
            user = UserProfile.objects.filter(username=username).first()
            if user is None:
                if UserProfile.objects.filter(phone=phone).exists():
                    raise CommandError(f"Phone {phone} is taken; cannot create {username}")
                user = UserProfile.objects.create_user(
                    username=username, password=DEMO_PASSWORD, phone=phone,
                    email=f"{username}@example.com", nickname=nickname, sign=sign, info=info,
                )
                self.stdout.write(f"Created demo author {username}.")
            users.append(user)
        by_name = {user.username: user for user in users}
        for user in users:
            if not user.topics.exists():
                seed_articles(user, by_name)
        return users


def seed_articles(author, users):
    """The hand-written demo articles of `author`, with comments and replies."""
    for title, category, limit, price, markdown in MARKDOWN_ARTICLES.get(author.username, []):
        services.create_topic(author=author, values={
            "title": title, "category": category, "limit": limit, "price": Decimal(price),
            "format": Topic.MARKDOWN, "markdown": markdown,
        })
    for title, category, limit, price, html in ARTICLES.get(author.username, []):
        topic = services.create_topic(author=author, values={
            "title": title, "category": category, "limit": limit, "price": Decimal(price),
            "content": html, "content_text": "",
        })
        if limit != Topic.PUBLIC:
            continue
        for commenter, text, replies in COMMENTS:
            parent = Message.objects.create(topic=topic, publisher=users[commenter], content=text)
            for replier, reply in replies:
                publisher = author if replier == "author" else users[replier]
                Message.objects.create(topic=topic, publisher=publisher, content=reply,
                                       parent=parent)


def bulk_articles(author, count):
    content = clean_html("<p>Benchmark article body with <strong>some</strong> markup.</p>")
    rows = (
        Topic(author=author, title=f"Benchmark article {number}",
              category=Topic.TEC if number % 2 else Topic.NO_TEC,
              limit=Topic.PRIVATE if number % 10 == 0 else Topic.PUBLIC,
              content=content, introduce=f"Benchmark article body {number}")
        for number in range(1, count + 1)
    )
    with transaction.atomic():
        Topic.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        services.invalidate_author_lists(author)


def bulk_comments(author, count, *, publishers):
    """`count` comments on the author's thread article: two thirds top-level, the rest
    replies spread over them. Returns the article."""
    topic = Topic.objects.filter(author=author, title=THREAD_TITLE).first()
    if topic is None:
        topic = services.create_topic(author=author, values={
            "title": THREAD_TITLE, "category": Topic.TEC, "limit": Topic.PUBLIC,
            "content": "<p>An article with many comments.</p>", "content_text": "",
        })
    reply_count = count // 3
    top_count = count - reply_count
    with transaction.atomic():
        Message.objects.bulk_create(
            (Message(topic=topic, publisher=publishers[n % len(publishers)],
                     content=f"Comment {n}") for n in range(top_count)),
            batch_size=BATCH_SIZE,
        )
        # MySQL's bulk_create returns no ids: read back the comments just made.
        parent_ids = list(Message.objects.filter(topic=topic, parent=None)
                          .order_by("-id").values_list("id", flat=True)[:top_count])
        Message.objects.bulk_create(
            (Message(topic=topic, publisher=publishers[n % len(publishers)],
                     content=f"Reply {n}", parent_id=parent_ids[n % len(parent_ids)])
             for n in range(reply_count)),
            batch_size=BATCH_SIZE,
        )
    return topic
