import pytest
from django.db import connection
from django.utils import timezone

from search.models import SearchDocument
from search.services import index_topic
from tests.topic.factories import make_topic
from topic.models import Topic


def search(client, q, **params):
    response = client.get("/v1/search", {"q": q, **params})
    assert response.status_code == 200, response.content
    return response.json()["data"]


def titles(client, q, **params):
    return [result["title"] for result in search(client, q, **params)["results"]]


@pytest.fixture(autouse=True)
def _empty_index(db):
    """Mroonga tables are not transactional: documents written by an earlier test
    outlive its rollback, and totals come from the index alone, so start empty."""
    if connection.vendor == "mysql":
        SearchDocument.objects.all().delete()


@pytest.fixture
def indexed():
    """make_topic(...) that is also indexed, each one a minute newer than the last."""
    made = []

    def factory(author, title, content="<p>正文</p>", tags=(), **fields):
        topic = make_topic(author, title, content=content, **fields)
        minutes = len(made)
        Topic.objects.filter(pk=topic.pk).update(
            created_time=timezone.now() - timezone.timedelta(days=1) + timezone.timedelta(minutes=minutes))
        for position, name in enumerate(tags):
            topic.tags.create(name=name, key=name.casefold(), through_defaults={"position": position})
        made.append(topic)
        index_topic(topic.pk)
        return topic

    return factory


# A small Chinese corpus, oldest first: (title, body, tags).
CORPUS = [
    ("用 Redis 做博客缓存", "<p>缓存失效是博客系统最常见的问题。</p>", ["Redis"]),
    ("Django 入门", "<p>Django 是一个 Python Web 框架，自带缓存框架。</p>", ["Django", "Python"]),
    ("支付宝接入笔记", "<p>对接支付接口，处理异步通知。</p>", []),
    ("生活随笔", "<p>今天去公园散步，天气很好。</p>", ["生活"]),
    ("我的博客搭建记录", "<p>用 django 搭建了个人网站。</p>", []),
    ("部署笔记", "<p>把博客部署到服务器上，用 Nginx 反向代理。</p>", ["运维"]),
]


@pytest.fixture
def corpus(alice, indexed):
    return {title: indexed(alice, title, body, tags) for title, body, tags in CORPUS}
