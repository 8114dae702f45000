"""Demo data for `make run`, and large data sets for the benchmarks.

    python manage.py seed_demo                          # the demo blog (a story, below)
    python manage.py seed_demo --articles 10000         # + 10,000 articles by demo_li
    python manage.py seed_demo --comments 1000 --author demo_wang

The demo is a small community a newcomer can read at first sight: five people with
nicknames and signatures; articles over the last six weeks, each with comments that
answer it, written by different readers hours or days later, and replies; tags; a
private note and a draft only their author sees; an article written in Markdown; a paid
article with a free preview.
Likes, favourites and follows come from `seed_reader_activity` once the social app is
installed.

Re-running is safe: demo authors that already exist keep what they have; --articles and
--comments add that many rows each time.
"""
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from message.models import Message
from message.selectors import thread_scope
from payment.models import Order
from search.services import rebuild_index
from tools.cache import invalidate
from topic import services
from topic.models import Tag, Topic, TopicTag
from topic.sanitize import clean_html
from user.models import UserProfile

DEMO_PASSWORD = "demo123456"
BATCH_SIZE = 1000
THREAD_TITLE = "Benchmark: a long comment thread"
PAYWALL = '<hr class="paywall">'

AUTHORS = [
    # username, phone, nickname, sign, info
    ("demo_li", "19900000001", "李老师", "写代码，也写生活",
     "后端工程师，十年 Python。喜欢 Django、Redis 和周末爬山。"),
    ("demo_wang", "19900000002", "王小明", "慢慢来，比较快",
     "前端出身，正在学后端；偶尔下厨，记录第一次做成的菜。"),
    ("demo_chen", "19900000004", "陈晓雨", "把光留在照片里",
     "UI 设计师，业余摄影。相信好看的界面和好吃的饭一样重要。"),
    ("demo_zhao", "19900000003", "赵读书", "一天一页",
     "大学图书馆员，读得多写得少，在这里留言比写文章多。"),
    ("demo_sun", "19900000005", "孙同学", "大三，在找实习",
     "计算机专业学生，跟着李老师的文章学 Django。"),
]

# Each article: when it was written (days ago, hour of day), its tags, and the comments
# readers left (who, hours after the article, text, replies as (who, hours after the
# comment, text)); "author" is the article's author.
ARTICLES = {
    "demo_li": [
        {
            "title": "Django 查询优化：select_related 与 prefetch_related",
            "category": Topic.TEC, "days_ago": 41, "hour": 21,
            "tags": ["Django", "数据库", "性能"],
            "html": (
                "<p>上周排查一个接口：文章详情页打开要 2 秒。打开 SQL 日志一看，"
                "一页 50 条评论，查了 51 次数据库——典型的 <code>N+1</code>。</p>"
                "<h2>为什么会有 N+1</h2>"
                "<p>模板里每次写 <code>comment.publisher.nickname</code>，Django 都会为这条评论"
                "单独查一次用户表。</p>"
                "<h2>select_related：外键一次 JOIN 进来</h2>"
                "<pre><code class=\"language-python\">comments = (Message.objects\n"
                "    .filter(topic=topic)\n"
                "    .select_related(\"publisher\"))</code></pre>"
                "<h2>prefetch_related：反向关系和多对多</h2>"
                "<p>回复是评论的反向外键，用 <code>prefetch_related(\"replies\")</code>，"
                "总共两条 SQL。</p>"
                "<p>改完以后，详情页从 51 条 SQL 变成 3 条，响应时间 80 ms。</p>"
            ),
            "comments": [
                ("demo_sun", 3, "原来我的毕设接口慢是因为这个！加了 select_related 之后快了十倍。", [
                    ("author", 1, "哈哈，恭喜。可以装个 django-debug-toolbar，一眼就能看到 SQL 条数。"),
                ]),
                ("demo_wang", 26, "prefetch_related 能加过滤条件吗？比如只取最近 3 条回复。", [
                    ("author", 2, "可以，用 Prefetch(\"replies\", queryset=...)，不过切片要 Django 4.2 以上才支持。"),
                    ("demo_wang", 5, "试了一下可以，谢谢！"),
                ]),
                ("demo_zhao", 75, "看不太懂代码，但“51 条变 3 条”这个对比很直观。", []),
            ],
        },
        {
            "title": "用版本号让列表缓存立即失效",
            "category": Topic.TEC, "days_ago": 33, "hour": 22,
            "tags": ["Redis", "缓存", "Django"],
            "html": (
                "<p>文章列表放进 Redis 以后，最怕的是作者刚改完标题，读者看到的还是旧的。</p>"
                "<p>做法很简单：每个作者一个版本号，缓存键里带上它；每次写入把版本号加一，"
                "旧的键就再也不会被读到，等着过期就好。</p>"
                "<ul><li>不用遍历删除键，也不用 <code>KEYS *</code></li>"
                "<li>对任意分页、任意查询参数都有效</li>"
                "<li>写入和失效在同一个事务里提交，读者不会读到半新半旧</li></ul>"
                "<blockquote>缓存失效是计算机科学里最难的两件事之一。另一件是起名字。</blockquote>"
            ),
            "comments": [
                ("demo_sun", 5, "版本号存在哪里？如果 Redis 重启了，版本号没了会怎样？", [
                    ("author", 3, "版本号也在 Redis 里。丢了就从头开始计数，旧缓存也一起没了，不会读到脏数据。"),
                ]),
                ("demo_chen", 30, "最后那句引用笑死，起名字真的难。", [
                    ("demo_wang", 4, "设计师也被命名折磨吗哈哈"),
                    ("demo_chen", 1, "图层命名，懂的都懂。"),
                ]),
            ],
        },
        {
            "title": "支付宝电脑网站支付接入实战",
            "category": Topic.TEC, "days_ago": 19, "hour": 20, "price": "9.90",
            "tags": ["支付宝", "支付", "Django"],
            "free": (
                "<p>给博客加了付费文章，接支付宝电脑网站支付踩了不少坑。这篇把完整流程写下来："
                "下单、跳转收银台、异步通知、同步返回、对账和退款。</p>"
                "<h2>先说结论：异步通知的三件事</h2>"
                "<ol><li>验签（RSA2），不验签的通知一律当作伪造</li>"
                "<li>核对金额和订单号，金额只信服务端自己算的</li>"
                "<li>幂等：支付宝会重试，同一笔通知处理多少次结果都一样</li></ol>"
                "<p>下面是每一步的代码和我踩过的坑。</p>"
            ),
            "paid": (
                "<h2>1. 下单：订单号不能让客户端选</h2>"
                "<p>订单号用 <code>secrets</code> 生成，金额从文章价格读，"
                "同一个读者同一篇文章只保留一个待支付订单（数据库唯一约束，而不是先查后写）。</p>"
                "<h2>2. 异步通知：先验签，再比较金额，最后条件更新</h2>"
                "<pre><code class=\"language-python\">updated = Order.objects.filter(\n"
                "    order_no=out_trade_no, status=\"pending\",\n"
                ").update(status=\"paid\", trade_no=trade_no)</code></pre>"
                "<p><code>UPDATE … WHERE status = 'pending'</code> 保证并发的两次通知只有一次生效。</p>"
                "<h2>3. 两个标签页付了两次怎么办</h2>"
                "<p>第二笔钱 60 秒内自动原路退回，退款请求号固定，重试也只退一次。</p>"
                "<h2>4. 对账</h2>"
                "<p>每 5 分钟查一次还在等待的订单，通知丢了也不会漏单。</p>"
            ),
            "comments": [
                ("demo_sun", 2, "买了！第 3 节两个标签页付两次的情况，我之前完全没想到。", [
                    ("author", 1, "这是真实发生过的，读者截图来问我钱怎么扣了两次……"),
                ]),
                ("demo_wang", 50, "沙箱环境的应用公钥和支付宝公钥老是搞混，文中能加个对照表吗？", [
                    ("author", 6, "好主意，下周补上。"),
                ]),
            ],
        },
        {
            "title": "周末去香山看红叶",
            "category": Topic.NO_TEC, "days_ago": 12, "hour": 19,
            "tags": ["生活", "爬山"],
            "html": (
                "<p>早上七点从北宫门出发，人还不多，空气里有点凉。</p>"
                "<p>走到半山腰，黄栌已经红了一大半，阳光从侧面照过来，整面山坡像着了火。</p>"
                "<img src=\"https://picsum.photos/seed/jiuzhi/640/360\" alt=\"香山的红叶\">"
                "<p>下山的时候已经是人挤人。建议：<strong>一定要早去</strong>，带一个保温杯。</p>"
            ),
            "comments": [
                ("demo_chen", 2, "侧光拍红叶最好看！下次可以试试逆光，叶子会透亮。", [
                    ("author", 3, "学到了，下次试试。"),
                ]),
                ("demo_zhao", 20, "想起郁达夫写北平的秋，今年也想去看看。", []),
            ],
        },
        {
            "title": "年度计划",
            "category": Topic.NO_TEC, "days_ago": 40, "hour": 8, "limit": Topic.PRIVATE,
            "tags": ["生活"],
            "html": "<p>只给自己看：读 12 本书，跑一次半马，把博客的评论通知做完。</p>",
        },
        {
            "title": "用 Markdown 写技术博客",
            "category": Topic.TEC, "days_ago": 6, "hour": 21,
            "tags": ["Markdown", "写作"],
            "markdown": (
                "编辑器加了 Markdown 模式，这篇就是用它写的。\n\n"
                "## 代码块\n\n```python\ndef greet(name):\n    return f\"你好，{name}\"\n```\n\n"
                "## 表格\n\n| 语法 | 效果 |\n|---|---|\n| `**粗体**` | **粗体** |\n"
                "| `~~删除~~` | ~~删除~~ |\n\n"
                "## 任务列表\n\n- [x] 写完初稿\n- [ ] 配一张封面\n"
            ),
            "comments": [
                ("demo_wang", 2, "终于能用 Markdown 了！代码块的复制按钮很方便。", [
                    ("author", 1, "高亮是在浏览器里做的，支持常见的几十种语言。"),
                ]),
                ("demo_sun", 20, "任务列表能在文章里直接勾选吗？", [
                    ("author", 3, "只能看，不能勾，勾选状态以作者写的为准。"),
                ]),
            ],
        },
        {
            "title": "Celery 定时任务的三个坑（写作中）",
            "category": Topic.TEC, "days_ago": 1, "hour": 23, "status": Topic.DRAFT,
            "tags": ["Celery"],
            "markdown": (
                "定时任务看起来简单，上线后却常出问题。\n\n"
                "1. beat 只能跑一个\n2. 任务要能重复执行\n3. 时区要统一\n\n"
                "TODO：补上 `CELERY_TIMEZONE` 的例子。\n"
            ),
        },
    ],
    "demo_wang": [
        {
            "title": "从 jQuery 到原生 JavaScript",
            "category": Topic.TEC, "days_ago": 37, "hour": 22,
            "tags": ["JavaScript", "前端"],
            "html": (
                "<p>把老项目里的 <code>$.ajax</code> 换成 <code>fetch</code>，遇到的几个坑：</p>"
                "<ol><li><code>fetch</code> 遇到 4xx/5xx 不会 reject，要自己看 <code>response.ok</code></li>"
                "<li>默认不带 cookie，跨域时还要服务端配 CORS</li>"
                "<li>没有超时，要用 <code>AbortController</code> 自己做</li></ol>"
                "<pre><code class=\"language-javascript\">const controller = new AbortController();\n"
                "setTimeout(() =&gt; controller.abort(), 10000);\n"
                "const res = await fetch(url, { signal: controller.signal });</code></pre>"
            ),
            "comments": [
                ("demo_li", 4, "第 1 点坑过太多人了。可以封装一个 request()，统一把非 2xx 变成异常。", [
                    ("author", 2, "对，我后来就是这么做的，顺便把错误码翻译成中文提示。"),
                ]),
                ("demo_sun", 28, "AbortController 第一次见，收藏了。", []),
            ],
        },
        {
            "title": "CSS 网格布局速查",
            "category": Topic.TEC, "days_ago": 26, "hour": 21,
            "tags": ["CSS", "前端"],
            "html": (
                "<p>每次写网格都要查文档，干脆自己整理一张表。</p>"
                "<table><thead><tr><th>属性</th><th>作用</th><th>例子</th></tr></thead><tbody>"
                "<tr><td>grid-template-columns</td><td>列宽</td><td>repeat(3, 1fr)</td></tr>"
                "<tr><td>gap</td><td>格子间距</td><td>16px</td></tr>"
                "<tr><td>grid-column</td><td>跨几列</td><td>span 2</td></tr>"
                "<tr><td>place-items</td><td>对齐</td><td>center</td></tr></tbody></table>"
                "<p>手机上一列、桌面三列：<code>repeat(auto-fill, minmax(240px, 1fr))</code> 一行搞定。</p>"
            ),
            "comments": [
                ("demo_chen", 6, "auto-fill 和 auto-fit 的区别也可以加进表里，设计稿还原时经常用到。", [
                    ("author", 5, "已补充到文末，谢谢晓雨！"),
                ]),
            ],
        },
        {
            "title": "第一次做饭就成功的番茄炒蛋",
            "category": Topic.NO_TEC, "days_ago": 8, "hour": 12,
            "tags": ["生活", "做饭"],
            "html": (
                "<p>一个人在外地工作，终于决定自己做饭。第一道菜，番茄炒蛋。</p>"
                "<ol><li>三个鸡蛋加一点盐打散，油热了倒进去，凝固就盛出来</li>"
                "<li>番茄切块，小火炒出汁，加一小勺糖</li>"
                "<li>鸡蛋倒回去，翻两下，出锅</li></ol>"
                "<p>关键是<strong>先炒蛋、后炒番茄</strong>，蛋才嫩。配米饭吃了两碗。</p>"
            ),
            "comments": [
                ("demo_zhao", 1, "加糖是南方做法吧？我们家从来不放糖。", [
                    ("author", 1, "我妈是这么教的，放一点点提鲜，不会甜。"),
                    ("demo_chen", 3, "支持放糖！番茄酸的话更要放。"),
                ]),
                ("demo_li", 30, "番茄先用开水烫一下去皮，口感会更好。", [
                    ("author", 2, "下次试试，感谢李老师！"),
                ]),
                ("demo_sun", 52, "照着做成功了，室友说比食堂好吃。", []),
            ],
        },
        {
            "title": "面试复盘",
            "category": Topic.NO_TEC, "days_ago": 15, "hour": 23, "limit": Topic.PRIVATE,
            "tags": ["求职"],
            "html": "<p>答得不好的几道题：事务隔离级别、Redis 淘汰策略、HTTPS 握手。下周重看。</p>",
        },
    ],
    "demo_chen": [
        {
            "title": "给开发者的配色入门：从一个主色开始",
            "category": Topic.TEC, "days_ago": 22, "hour": 15,
            "tags": ["设计", "CSS", "前端"],
            "html": (
                "<p>很多开发者做个人项目时，颜色是最头疼的。其实只要一个主色就够了。</p>"
                "<h2>三步</h2>"
                "<ol><li>选一个主色，比如 <code>#2563eb</code></li>"
                "<li>用它的浅色做背景、深色做文字强调</li>"
                "<li>灰色只用三档：正文、次要文字、分隔线</li></ol>"
                "<p>对比度用工具检查一下，正文至少 4.5:1。</p>"
            ),
            "comments": [
                ("demo_wang", 3, "终于有设计师讲给我们听了！灰色三档这个太实用。", [
                    ("author", 2, "做多了你会发现，灰色比主色更重要。"),
                ]),
                ("demo_li", 40, "这个博客的蓝色就是 #2563eb 吧？", [
                    ("author", 1, "被你发现了 :)"),
                ]),
            ],
        },
        {
            "title": "用手机拍出好看的夜景",
            "category": Topic.NO_TEC, "days_ago": 4, "hour": 22,
            "tags": ["摄影", "生活"],
            "html": (
                "<p>不用三脚架，也能拍出干净的夜景：</p>"
                "<ul><li>手肘靠在栏杆上，屏住呼吸按快门</li>"
                "<li>对焦在最亮的地方，再把曝光往下拉一点</li>"
                "<li>找有水面的地方，灯光会多一倍</li></ul>"
                "<p>最重要的是：蓝调时刻（日落后二十分钟）出门，天空还有颜色。</p>"
            ),
            "comments": [
                ("demo_li", 12, "蓝调时刻这个概念第一次听说，下次爬山下来试试。", []),
                ("demo_zhao", 26, "“把光留在照片里”，签名和文章都很美。", [
                    ("author", 4, "谢谢赵老师～"),
                ]),
            ],
        },
    ],
    "demo_zhao": [
        {
            "title": "《人月神话》读书笔记",
            "category": Topic.NO_TEC, "days_ago": 17, "hour": 10,
            "tags": ["读书", "软件工程"],
            "html": (
                "<p>图书馆里借阅最多的一本计算机书，终于读完了。</p>"
                "<blockquote>向进度落后的项目中增加人手，只会使进度更加落后。</blockquote>"
                "<p>五十年前写的书，说的道理今天还成立：沟通的成本随人数平方增长。</p>"
                "<p>作为不写代码的人，我最喜欢的是“外科手术队伍”那一章。</p>"
            ),
            "comments": [
                ("demo_li", 5, "每个项目经理都该读一遍。“没有银弹”那篇也推荐。", [
                    ("author", 6, "已经借到了，下周读。"),
                ]),
                ("demo_sun", 28, "我们软件工程课的老师也推荐过这本，一直没读，这周借来看。", []),
            ],
        },
    ],
}

# Who bought the paid article (the reader who says so in its comments).
PURCHASES = [("demo_sun", "demo_li", "支付宝电脑网站支付接入实战")]


class Command(BaseCommand):
    help = "Create the demo blog (authors, articles, comments); --articles/--comments add bulk data."

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
        now = timezone.now()
        new_topics = []
        for user in users:
            if not user.topics.exists():
                new_topics += seed_articles(user, by_name, now)
        if new_topics:
            seed_purchases(by_name, now)
            seed_reader_activity(by_name, new_topics)
        for user in users:  # dates and drafts were set after the services saved them
            services.invalidate_author_lists(user.username)
        return users


def _at(when, topic_or_message):
    """Back-date a row (created_time is auto_now_add)."""
    type(topic_or_message).objects.filter(pk=topic_or_message.pk).update(created_time=when)


def set_tags(topic, names):
    """The article's tags, as the author wrote them (docs/api.md §10: matched case-insensitively)."""
    for position, name in enumerate(names):
        tag, _ = Tag.objects.get_or_create(key=name.lower(), defaults={"name": name})
        TopicTag.objects.get_or_create(topic=topic, tag=tag, defaults={"position": position})


def seed_articles(author, users, now):
    """The hand-written articles of `author`, dated over the last weeks, with tags and the
    comments and replies their readers wrote. Returns the articles."""
    topics = []
    for spec in ARTICLES.get(author.username, []):
        written = timezone.localtime(now - timedelta(days=spec["days_ago"])).replace(
            hour=spec["hour"], minute=(len(spec["title"]) * 7) % 60, second=0, microsecond=0)
        values = {"title": spec["title"], "category": spec["category"],
                  "limit": spec.get("limit", Topic.PUBLIC), "price": Decimal(spec.get("price", "0")),
                  "status": spec.get("status", Topic.PUBLISHED)}
        if "markdown" in spec:
            values.update(format=Topic.MARKDOWN, markdown=spec["markdown"])
        else:  # a paid article's free part comes before the paywall mark (docs/api.md §11)
            values["content"] = spec.get("html") or spec["free"] + PAYWALL + spec["paid"]
        topic = services.create_topic(author=author, values=values)
        Topic.objects.filter(pk=topic.pk).update(created_time=written)
        set_tags(topic, spec.get("tags", []))
        for who, hours, text, replies in spec.get("comments", []):
            said = written + timedelta(hours=hours, minutes=len(text) % 50)
            parent = Message.objects.create(topic=topic, publisher=users[who], content=text)
            _at(min(said, now), parent)
            for replier, later, reply_text in replies:
                publisher = author if replier == "author" else users[replier]
                said = said + timedelta(hours=later, minutes=len(reply_text) % 50)
                reply = Message.objects.create(topic=topic, publisher=publisher,
                                               content=reply_text, parent=parent)
                _at(min(said, now), reply)
        invalidate(thread_scope(topic.pk))
        topics.append(topic)
    return topics


def seed_purchases(users, now):
    """The demo reader who bought the paid article (they say so in its comments)."""
    for buyer, author, title in PURCHASES:
        topic = Topic.objects.filter(author=users[author], title=title).first()
        if topic is None or Order.objects.filter(buyer=users[buyer], paid_topic=topic).exists():
            continue
        paid = topic.created_time + timedelta(hours=1)
        Order.objects.create(
            order_no=f"DEMO{topic.pk:06d}{users[buyer].pk:06d}", buyer=users[buyer], topic=topic,
            topic_title=topic.title, author_username=author, amount=topic.price,
            status=Order.PAID, paid_topic=topic, trade_no=f"DEMO{topic.pk:012d}",
            paid_time=min(paid, now))


def seed_reader_activity(users, topics):
    """Likes, favourites and follows of the demo readers (docs/api.md §12), so the counts and
    the "关注的人" timeline have something to show. `users` maps username → user,
    `topics` are the articles just created. Does nothing until the social app is
    installed; it is filled in when that app is merged."""
    if not apps.is_installed("social"):
        return
    from social import services as social

    readers = [user for name, user in sorted(users.items())]
    public = [topic for topic in topics if topic.limit == Topic.PUBLIC and topic.status == Topic.PUBLISHED]
    for number, reader in enumerate(readers):
        # Each reader follows the next two people and likes every other article they did
        # not write; the first few articles they like they also keep.
        for followee in (readers[(number + 1) % len(readers)], readers[(number + 2) % len(readers)]):
            if followee.pk != reader.pk:
                social.follow_user(follower=reader, followee=followee)
        liked = [topic for index, topic in enumerate(public)
                 if topic.author_id != reader.pk and (index + number) % 2 == 0]
        for topic in liked:
            social.like_topic(user=reader, topic=topic)
        for topic in liked[:2]:
            social.favorite_topic(user=reader, topic=topic)


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
    rebuild_index()  # bulk rows bypass the services, so nothing announced them


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
