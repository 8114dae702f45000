"""Bench data, written with bulk ORM inserts (seconds for 10,000 articles).

Authors:  `big`   10,000 articles (every 10th private), for the list-scaling figure;
          `small` 10 articles, three of which carry 10, 200 and 1,000 comments.
Readers:  100 commenters, every other one with an avatar; `bench_login` for /v1/tokens.
Comments: one in four is a reply to an earlier top-level comment of the same article.
"""
import random

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from message.models import Message
from topic.models import Topic
from user.models import UserProfile

BIG_ARTICLES = 10_000
SMALL_ARTICLES = 10
COMMENTERS = 100
DETAIL_COMMENTS = (10, 200, 1000)
# The article of issue 15's comparison: 200 comments, each with one reply.
THREAD_200_200 = "200+200"
LOGIN_USER, LOGIN_PASSWORD = "bench_login", "bench-password-1"

BODY = "<p>" + "久至博客的性能基准文章正文，包含一些中文和 some ASCII text. " * 40 + "</p>"
TEXT = "久至博客的性能基准文章正文，包含一些中文和 some ASCII text. " * 40


def _users(password_hash):
    users = [
        UserProfile(username="big", nickname="大作者", phone="15000000001", password=password_hash),
        UserProfile(username="small", nickname="小作者", phone="15000000002", password=password_hash),
        UserProfile(username=LOGIN_USER, nickname="登录", phone="15000000003",
                    password=make_password(LOGIN_PASSWORD)),  # the production hasher's cost
    ]
    for n in range(COMMENTERS):
        users.append(UserProfile(
            username=f"reader{n}", nickname=f"读者{n}", phone=f"1510000{n:04d}",
            password=password_hash, avatar=f"avatar/reader{n}.png" if n % 2 == 0 else "",
        ))
    UserProfile.objects.bulk_create(users, batch_size=500)
    return {user.username: user for user in UserProfile.objects.all()}


def _articles(author, count):
    Topic.objects.bulk_create([
        Topic(title=f"{author.username} 的第 {n} 篇文章", category=("tec", "no-tec")[n % 2],
              limit="private" if n % 10 == 9 else "public", introduce=TEXT[:30],
              content=BODY, price=0, author=author)
        for n in range(count)
    ], batch_size=1000)
    # bulk_create stamps one instant on every row; spread them 10 minutes apart, in id order.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE topic SET created_time = TIMESTAMPADD(MINUTE, -10 * (%s - id), created_time)"
            " WHERE author_id = %s",
            [Topic.objects.filter(author=author).order_by("-id").values_list("id", flat=True)[0],
             author.pk],
        )


def _comments(topic, count, readers, rng, reply_every=4):
    messages, top_level = [], []
    for n in range(count):
        message = Message(topic=topic, publisher=rng.choice(readers),
                          content=f"第 {n} 条评论：写得很好，学到了。" + "好" * rng.randrange(0, 40))
        if n % reply_every == reply_every - 1 and top_level:
            message.parent = rng.choice(top_level)
            messages.append(message)
        else:
            # Top-level comments are inserted at once so replies can point at them.
            message.save()
            top_level.append(message)
    Message.objects.bulk_create(messages, batch_size=1000)


@transaction.atomic
def seed():
    """Create the data; returns what the figures need (usernames, article ids)."""
    rng = random.Random(7)
    users = _users(make_password("bench-password-0"))
    _articles(users["big"], BIG_ARTICLES)
    _articles(users["small"], SMALL_ARTICLES)
    readers = [user for name, user in users.items() if name.startswith("reader")]
    small_public = list(Topic.objects.filter(author=users["small"], limit="public")
                        .order_by("id").values_list("id", flat=True))
    detail = {}
    for count, topic_id in zip(DETAIL_COMMENTS, small_public[2::2]):
        _comments(Topic.objects.get(pk=topic_id), count, readers, rng)
        detail[count] = topic_id
    topic_id = small_public[8]
    _comments(Topic.objects.get(pk=topic_id), 400, readers, rng, reply_every=2)
    detail[THREAD_200_200] = topic_id
    return {"detail": detail, "users": users}
