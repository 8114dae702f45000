"""Markdown articles (docs/api.md §11): CommonMark + GFM tables, strikethrough and task lists,
rendered on the server, sanitized like any body; source and HTML both stored."""
import pytest

from topic.models import Topic

pytestmark = pytest.mark.django_db

ARTICLE = {"title": "Markdown", "limit": "public", "category": "tec", "format": "markdown"}


def publish(client, markdown, **changes):
    return client.post("/v1/topics/alice", {**ARTICLE, "markdown": markdown, **changes})


def publish_with(client, changes):
    return client.post("/v1/topics/alice", {**ARTICLE, "markdown": "x", **changes})


def content_of(client, markdown):
    response = publish(client, markdown)
    assert response.status_code == 201, response.content
    return response.json()["data"]["content"]


def test_markdown_is_rendered_and_both_source_and_html_are_stored(as_alice):
    data = publish(as_alice, "# 标题\n\n一段 **粗体** 和 *斜体*。").json()["data"]
    assert data["content"] == "<h1>标题</h1>\n<p>一段 <strong>粗体</strong> 和 <em>斜体</em>。</p>"
    topic = Topic.objects.get(id=data["id"])
    assert topic.format == "markdown" and topic.markdown == "# 标题\n\n一段 **粗体** 和 *斜体*。"
    assert topic.content == data["content"]


def test_gfm_table(as_alice):
    html = content_of(as_alice, "| 名称 | 值 |\n|:---|---:|\n| a | 1 |")
    assert "<table>" in html and "<th>名称</th>" in html and "<td>1</td>" in html
    assert "style" not in html  # alignment styles are not in the allow-list


def test_gfm_strikethrough(as_alice):
    assert content_of(as_alice, "~~删掉~~") == "<p><s>删掉</s></p>"


def test_gfm_task_list_shows_disabled_checkboxes(as_alice):
    html = content_of(as_alice, "- [x] 完成\n- [ ] 待办")
    assert '<li><input type="checkbox" disabled checked> 完成</li>' in html
    assert '<li><input type="checkbox" disabled> 待办</li>' in html


def test_fenced_code_keeps_its_language(as_alice):
    html = content_of(as_alice, "```python\nprint('<hi>')\n```")
    assert html == "<pre><code class=\"language-python\">print('&lt;hi&gt;')\n</code></pre>"


def test_links_images_lists_quotes_and_inline_code(as_alice):
    html = content_of(as_alice, "[站点](https://example.com) ![图](https://example.com/a.png)\n\n"
                                "> 引用\n\n1. 一\n2. 二\n\n`code`")
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">站点</a>' in html
    assert '<img src="https://example.com/a.png" alt="图">' in html
    assert "<blockquote>" in html and "<ol>" in html and "<code>code</code>" in html


def test_raw_html_in_markdown_is_sanitized(as_alice):
    html = content_of(as_alice, "<script>alert(1)</script>\n\n<b onclick=\"x()\">粗</b> "
                                "<img src=x onerror=alert(1)>\n\n<iframe src=\"https://evil\"></iframe>")
    assert "<script" not in html and "alert(1)" not in html and "onclick" not in html
    assert "onerror" not in html and "<iframe" not in html and "<b>粗</b>" in html


@pytest.mark.parametrize("link", ["[点我](javascript:alert(1))", "[点我](JAVASCRIPT:alert(1))",
                                  "<a href=\"javascript:alert(1)\">点我</a>",
                                  "[点我](data:text/html;base64,PHNjcmlwdD4=)"])
def test_javascript_links_in_markdown_are_sanitized(as_alice, link):
    html = content_of(as_alice, link).lower()
    assert "href=\"javascript:" not in html and "href=\"data:" not in html


def test_markdown_input_that_is_not_a_checkbox_is_dropped(as_alice):
    html = content_of(as_alice, '<input type="text" value="x"> <input type="checkbox" onclick="x()">')
    assert 'type="text"' not in html and "onclick" not in html


def test_owner_detail_carries_format_and_markdown(as_alice):
    topic_id = publish(as_alice, "*源码*").json()["data"]["id"]
    data = as_alice.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["format"] == "markdown" and data["markdown"] == "*源码*"
    assert data["content"] == "<p><em>源码</em></p>"


def test_a_visitors_detail_has_no_markdown_source(as_alice, api):
    topic_id = publish(as_alice, "*源码*").json()["data"]["id"]
    data = api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert "markdown" not in data and "format" not in data
    assert data["content"] == "<p><em>源码</em></p>"


def test_editing_the_markdown_renders_it_again(as_alice):
    topic_id = publish(as_alice, "旧的").json()["data"]["id"]
    response = as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"markdown": "**新的**"})
    assert response.status_code == 200
    topic = Topic.objects.get(id=topic_id)
    assert topic.markdown == "**新的**" and topic.content == "<p><strong>新的</strong></p>"


def test_sending_html_content_turns_a_markdown_article_into_html(as_alice):
    topic_id = publish(as_alice, "旧的").json()["data"]["id"]
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"content": "<p>富文本</p>"})
    topic = Topic.objects.get(id=topic_id)
    assert (topic.format, topic.markdown, topic.content) == ("html", "", "<p>富文本</p>")


def test_html_is_the_default_format(as_alice):
    data = as_alice.post("/v1/topics/alice", {**ARTICLE, "format": None, "content": "<p>x</p>"}).json()
    assert Topic.objects.get(id=data["data"]["id"]).format == "html"


@pytest.mark.parametrize("changes", [{"markdown": ""}, {"markdown": "   "}, {"markdown": None},
                                     {"markdown": ["x"]}, {"format": "rst"}])
def test_bad_markdown_is_400(as_alice, changes):
    response = publish_with(as_alice, changes)
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10301
    assert set(body["fields"]) & {"markdown", "format"}


def test_markdown_format_without_a_source_is_400(as_alice):
    response = as_alice.post("/v1/topics/alice", {**ARTICLE, "content": "<p>x</p>"})
    assert response.status_code == 400 and "markdown" in response.json()["fields"]
