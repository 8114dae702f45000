"""GET /v1/search (docs/api.md §10) over a small Chinese corpus: two-character words,
substrings, English in any case, mixed queries, AND semantics, title hits first."""
import pytest

from tests.search.conftest import search, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q,expected", [
    # two-character words; title hits (newest first) before body-only hits
    ("博客", ["我的博客搭建记录", "用 Redis 做博客缓存", "部署笔记"]),
    ("缓存", ["用 Redis 做博客缓存", "Django 入门"]),
    # substrings of longer words, with no spaces around them
    ("缓存失效", ["用 Redis 做博客缓存"]),
    ("支付", ["支付宝接入笔记"]),
    ("散步", ["生活随笔"]),
    ("反向代理", ["部署笔记"]),
    ("博", ["我的博客搭建记录", "用 Redis 做博客缓存", "部署笔记"]),
    # English, case-insensitively, in titles, bodies and tags
    ("django", ["Django 入门", "我的博客搭建记录"]),
    ("DJANGO", ["Django 入门", "我的博客搭建记录"]),
    ("nginx", ["部署笔记"]),
    ("python", ["Django 入门"]),
    # mixed Chinese and English: every term must match
    ("Django 缓存", ["Django 入门"]),
    ("博客 django", ["我的博客搭建记录"]),
    ("博客 公园", []),
    ("运维", ["部署笔记"]),
    ("量子计算", []),
])
def test_corpus_queries_find_the_expected_articles(api, corpus, q, expected):
    assert titles(api, q) == expected


def test_a_term_inside_a_longer_word_of_the_title_is_a_title_hit(api, alice, indexed):
    indexed(alice, "闲谈", "<p>聊聊缓存</p>")
    indexed(alice, "分布式缓存设计", "<p>正文</p>")
    indexed(alice, "杂记", "<p>缓存</p>")
    assert titles(api, "缓存") == ["分布式缓存设计", "杂记", "闲谈"]


def test_newer_articles_come_first_among_equal_hits(api, alice, indexed):
    for title in ("第一篇博客", "第二篇博客", "第三篇博客"):
        indexed(alice, title)
    assert titles(api, "博客") == ["第三篇博客", "第二篇博客", "第一篇博客"]


def test_a_result_has_the_documented_shape(api, alice, corpus):
    alice.nickname = "爱丽丝"
    alice.save()
    data = search(api, "Django 缓存")
    assert (data["q"], data["page"], data["per_page"], data["total"]) == ("Django 缓存", 1, 20, 1)
    result = data["results"][0]
    assert set(result) == {"id", "title", "author", "nickname", "category", "tags",
                           "created_time", "snippet", "matches"}
    assert result["id"] == corpus["Django 入门"].id and result["author"] == "alice"
    assert result["nickname"] == "爱丽丝" and result["category"] == "tec"
    assert result["tags"] == ["Django", "Python"]
    assert len(result["created_time"]) == len("2025-01-01 12:00:00")


def test_q_is_trimmed(api, corpus):
    assert search(api, "  散步  ")["q"] == "散步"


def test_snippet_is_plain_text_and_matches_point_at_the_hits(api, alice, indexed):
    indexed(alice, "标题", "<p>第一段。</p><p>这里讲 <b>Redis</b> 缓存的 <i>用法</i>。</p>")
    result = search(api, "redis 缓存")["results"][0]
    assert "<" not in result["snippet"]
    assert [result["snippet"][start:end] for start, end in result["matches"]] == ["Redis", "缓存"]


def test_snippet_is_at_most_120_characters_around_the_first_hit(api, alice, indexed):
    body = "前言" * 100 + "关键字在这里" + "后记" * 100
    indexed(alice, "长文", f"<p>{body}</p>")
    result = search(api, "关键字")["results"][0]
    assert len(result["snippet"]) <= 120
    start, end = result["matches"][0]
    assert result["snippet"][start:end] == "关键字"


def test_every_hit_in_the_snippet_is_a_match(api, alice, indexed):
    indexed(alice, "标题", "<p>博客，博客，还是博客。</p>")
    result = search(api, "博客")["results"][0]
    assert result["matches"] == [[0, 2], [3, 5], [8, 10]]


def test_a_title_only_hit_quotes_the_start_of_the_body(api, alice, indexed):
    indexed(alice, "博客心得", "<p>写作需要坚持。</p>")
    result = search(api, "博客")["results"][0]
    assert result["snippet"] == "写作需要坚持。" and result["matches"] == []


def test_results_are_paginated_with_the_total(api, alice, indexed):
    for number in range(5):
        indexed(alice, f"博客{number}")
    data = search(api, "博客", page=2, per_page=2)
    assert [r["title"] for r in data["results"]] == ["博客2", "博客1"]
    assert (data["page"], data["per_page"], data["total"]) == (2, 2, 5)


def test_a_page_past_the_end_is_empty_with_the_total(api, alice, indexed):
    indexed(alice, "博客")
    data = search(api, "博客", page=3)
    assert data["results"] == [] and data["total"] == 1


def test_author_narrows_the_search_to_one_blog(api, alice, bob, indexed):
    indexed(alice, "alice 的博客")
    indexed(bob, "bob 的博客")
    assert titles(api, "博客", author="bob") == ["bob 的博客"]
    assert titles(api, "博客", author="nobody") == []


def test_a_query_of_only_punctuation_finds_nothing(api, corpus):
    data = search(api, "？！…")
    assert data["results"] == [] and data["total"] == 0


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "长" * 51},
                                    {"q": "博客", "page": "0"}, {"q": "博客", "per_page": "101"},
                                    {"q": "博客", "page": "x"}])
def test_a_bad_query_is_400(api, params):
    response = api.get("/v1/search", params)
    assert response.status_code == 400 and response.json()["code"] == 10901


def test_a_query_of_50_characters_is_accepted(api, corpus):
    assert search(api, "博" * 50)["results"] == []


@pytest.mark.parametrize("q", ['"', "'", "*", "NEAR(a b)", "a OR b", "title:博客", "ǅ²Ⅻ〇", "ｱｲｳ",
                               "😀 博客", "a\u0301", "_", "AND", "(", "^博", "\\", "%", "博客 -Django"])
def test_odd_queries_answer_200(api, corpus, q):
    assert api.get("/v1/search", {"q": q}).status_code == 200


def test_search_syntax_typed_into_the_query_is_just_text(api, corpus):
    assert titles(api, "博客 OR 散步") == []
    assert titles(api, "散步 -天气") == ["生活随笔"]
