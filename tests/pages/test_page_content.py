"""What a client without JavaScript reads in an article's page (docs/api.md §10): the title in
<title> and <h1>, the author's nickname, the readable text (the free part only of a
paid article), the description, Open Graph, the canonical link and JSON-LD BlogPosting;
all inside the SPA's own page, which removes the pre-rendered block when it starts."""
import pytest

from tests.pages.conftest import API, SPA, Head, page_file, text_of, wait_until
from topic.models import Topic

pytestmark = pytest.mark.django_db
PAID_MARKER = "付费部分的秘密暗号"


@pytest.fixture
def page_of(pages_root):
    def read(topic_id, username="alice"):
        path = page_file(pages_root, username, topic_id)
        wait_until(path.exists)
        return path.read_text()
    return read


@pytest.fixture
def article(publish, alice):
    alice.nickname = "爱丽丝"
    alice.save()
    return publish("Django 缓存指南", content="<p>缓存让列表更快。</p><p>第二段。</p>")


def test_title_h1_nickname_and_text(page_of, article):
    html = page_of(article)
    head = Head(html)
    assert head.title == "Django 缓存指南 - 爱丽丝 - 久至博客"
    # the first <h1>; the SPA's own (hidden, empty until it draws) follows it
    assert [h1 for h1 in head.h1 if h1] == ["Django 缓存指南"] and head.h1[0] == "Django 缓存指南"
    text = text_of(html)
    assert "爱丽丝" in text and "缓存让列表更快。" in text and "第二段。" in text


def test_description_open_graph_and_canonical(page_of, article):
    head = Head(page_of(article))
    url = f"{SPA}/alice/topics/detail/{article}"
    assert head.meta["description"] == "缓存让列表更快。 第二段。"
    assert head.meta["og:title"] == "Django 缓存指南"
    assert head.meta["og:description"] == head.meta["description"]
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert "og:image" not in head.meta
    assert head.link("canonical")["href"] == url


def test_json_ld_is_a_blog_posting(page_of, article):
    (posting,) = Head(page_of(article)).blog_posting()
    assert posting["@context"] == "https://schema.org"
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "Django 缓存指南"
    assert posting["author"] == {"@type": "Person", "name": "爱丽丝", "url": f"{SPA}/alice/topics"}
    assert posting["url"] == f"{SPA}/alice/topics/detail/{article}"
    assert posting["datePublished"].endswith("+08:00")
    assert posting["isAccessibleForFree"] is True


def test_a_cover_becomes_og_image(page_of, publish):
    topic_id = publish("有封面")
    topic = Topic.objects.get(id=topic_id)
    Topic.objects.filter(id=topic_id).update(cover="/media/images/cover.png")
    from pages.build import sync_article

    sync_article(topic.id, "alice")
    head = Head(page_of(topic_id))
    assert head.meta["og:image"] == f"{API}/media/images/cover.png"
    assert head.blog_posting()[0]["image"] == f"{API}/media/images/cover.png"


def test_the_page_links_both_feeds(page_of, article):
    head = Head(page_of(article))
    assert head.link("alternate", type="application/rss+xml", href="/rss.xml")
    assert head.link("alternate", type="application/rss+xml", href=f"{API}/v1/feeds/alice/rss")


def test_it_is_the_spa_page_with_the_article_in_a_prerendered_block(page_of, article, settings):
    html = page_of(article)
    assert '<div id="prerendered" class="prerendered" data-prerendered>' in html
    assert '<script src="/static/js/pages/detail.js"></script>' in html
    shell = (settings.SPA_TEMPLATES_DIR / "detail.html").read_text()
    assert html.count("<title>") == shell.count("<title>") == 1
    # the SPA's own containers and scripts follow, as in the SPA page
    assert html.endswith(shell[shell.index('<div id="pay-result"'):])


def test_a_paid_article_shows_its_preview_and_no_byte_of_the_rest(page_of, publish):
    topic_id = publish("付费文章", price="9.90",
                       content=f'<p>免费的开头</p><hr class="paywall"><p>{PAID_MARKER}</p>')
    Topic.objects.filter(id=topic_id).update(preview="<p>免费的开头</p>")
    from pages.build import sync_article

    sync_article(topic_id, "alice")
    html = page_of(topic_id)
    assert "免费的开头" in html and "这是一篇付费文章" in html
    assert PAID_MARKER not in html
    assert Head(html).blog_posting()[0]["isAccessibleForFree"] is False


def test_markup_in_a_title_is_text_everywhere(page_of, publish):
    topic_id = publish('</script><script>alert(1)</script>"\'<b>')
    html = page_of(topic_id)
    assert "<script>alert(1)" not in html
    head = Head(html)
    assert head.h1[0] == '</script><script>alert(1)</script>"\'<b>'
    assert head.blog_posting()[0]["headline"] == '</script><script>alert(1)</script>"\'<b>'


def test_every_spa_page_links_the_site_feed(settings):
    for template in sorted(settings.SPA_TEMPLATES_DIR.glob("*.html")):
        head = Head(template.read_text(encoding="utf-8"))
        assert head.link("alternate", type="application/rss+xml", href="/rss.xml"), template.name


def test_a_changed_spa_page_fails_loudly(settings, tmp_path):
    from pages.render import ShellChanged, into_shell

    settings.SPA_TEMPLATES_DIR = tmp_path
    (tmp_path / "detail.html").write_text("<html><body>no title, no main</body></html>")
    with pytest.raises(ShellChanged):
        into_shell("detail.html", "<title>x</title>", "<p>x</p>")


def test_a_paid_article_split_by_its_author_shows_only_the_free_part(page_of, publish, api):
    """End to end: the topic app derives `preview` from the paywall mark (docs/api.md §11)."""
    topic_id = publish("付费全流程", price="9.90",
                       content=f'<p>大家都能读的开头</p><hr class="paywall"><p>{PAID_MARKER}</p>')
    html = page_of(topic_id)
    assert "大家都能读的开头" in html and PAID_MARKER not in html
    for feed in ("/v1/feeds/rss", "/v1/feeds/alice/rss"):
        body = api.get(feed).content.decode()
        assert "大家都能读的开头" in body and PAID_MARKER not in body


def test_the_spa_pages_own_links_lead_somewhere_without_javascript(page_of, article, pages_root):
    assert '<a id="back-to-blog" class="muted-link back-link" href="/alice/topics">← 返回爱丽丝的博客</a>' in page_of(article)
    author_page = (pages_root / "alice" / "topics.html").read_text()
    assert '<h1 id="blog-title" class="page-title">爱丽丝的博客</h1>' in author_page
    assert 'id="profile-link" class="muted-link" href="/alice/info"' in author_page
