"""/sitemap.xml and /robots.txt on the SPA origin (docs/api.md §10): the sitemap protocol,
only public published pages, at most PAGES_SITEMAP_MAX_URLS URLs a file with an index
above that; robots.txt points at it."""
from xml.etree import ElementTree

import pytest

from tests.pages.conftest import SPA, wait_until
from topic.models import Topic
from topic.services import update_topic

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(path):
    wait_until(path.exists)
    return ElementTree.fromstring(path.read_bytes())


def locations(root):
    assert root.tag == f"{NS}urlset"
    urls = root.findall(f"{NS}url")
    for url in urls:
        assert set(child.tag for child in url) <= {f"{NS}loc", f"{NS}lastmod"}
        assert url.findtext(f"{NS}loc").startswith(SPA + "/")
    return [url.findtext(f"{NS}loc") for url in urls]


def test_sitemap_lists_public_published_articles_only(pages_root, publish,
                                                      django_capture_on_commit_callbacks):
    public = publish("公开")
    private = publish("私密", limit="private")
    draft = Topic.objects.get(id=publish("草稿"))
    draft.status = Topic.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        update_topic(topic=draft, values={})
    wait_until(lambda: f"/detail/{draft.id}<" not in (pages_root / "sitemap.xml").read_text())
    urls = locations(parse(pages_root / "sitemap.xml"))
    assert f"{SPA}/alice/topics/detail/{public}" in urls
    assert f"{SPA}/alice/topics/detail/{private}" not in urls
    assert f"{SPA}/alice/topics/detail/{draft.id}" not in urls
    assert urls[:2] == [f"{SPA}/", f"{SPA}/alice/topics"]


def test_entries_carry_a_w3c_lastmod(pages_root, publish):
    publish()
    root = parse(pages_root / "sitemap.xml")
    for url in root.findall(f"{NS}url"):
        lastmod = url.findtext(f"{NS}lastmod")
        assert lastmod and lastmod[4] == "-" and lastmod[10] == "T"


def test_a_deleted_article_leaves_the_sitemap(pages_root, publish, as_alice):
    topic_id = publish()
    sitemap = pages_root / "sitemap.xml"
    wait_until(lambda: sitemap.exists() and f"/detail/{topic_id}<" in sitemap.read_text())
    as_alice.delete(f"/v1/topics/alice?t_id={topic_id}")
    wait_until(lambda: f"/detail/{topic_id}<" not in sitemap.read_text())


def test_above_the_limit_the_sitemap_is_an_index_of_files(pages_root, settings, alice, bob):
    settings.PAGES_SITEMAP_MAX_URLS = 3
    ids = [Topic.objects.create(author=alice, title=f"t{n}", category="tec", limit="public",
                                introduce="x", content="<p>x</p>").id for n in range(5)]
    from pages.build import sync_sitemap

    sync_sitemap()  # the index page, alice's page and 5 articles: 7 URLs, more than 3
    root = parse(pages_root / "sitemap.xml")
    assert root.tag == f"{NS}sitemapindex"
    parts = [item.findtext(f"{NS}loc") for item in root.findall(f"{NS}sitemap")]
    assert parts[0] == f"{SPA}/sitemap-authors-1.xml"
    assert all(part.startswith(f"{SPA}/sitemap-") for part in parts)
    urls = []
    for part in parts:
        found = locations(parse(pages_root / part.rsplit("/", 1)[1]))
        assert 1 <= len(found) <= 3
        urls += found
    assert urls == [f"{SPA}/", f"{SPA}/alice/topics", *(f"{SPA}/alice/topics/detail/{i}" for i in ids)]


def test_an_article_change_rewrites_only_its_own_part(pages_root, settings, alice):
    settings.PAGES_SITEMAP_MAX_URLS = 3
    ids = [Topic.objects.create(author=alice, title=f"t{n}", category="tec", limit="public",
                                introduce="x", content="<p>x</p>").id for n in range(7)]
    from pages.build import sync_sitemap

    sync_sitemap()
    own = f"sitemap-{(ids[-1] - 1) // 3 + 1}.xml"
    other = f"sitemap-{(ids[0] - 1) // 3 + 1}.xml"
    assert own != other
    (pages_root / other).write_text("untouched")
    Topic.objects.filter(id=ids[-1]).update(limit="private")
    sync_sitemap(topic_id=ids[-1])
    assert (pages_root / other).read_text() == "untouched"
    if (pages_root / own).exists():
        assert f"/detail/{ids[-1]}<" not in (pages_root / own).read_text()


def test_back_under_the_limit_the_parts_are_gone(pages_root, settings, alice):
    settings.PAGES_SITEMAP_MAX_URLS = 3
    ids = [Topic.objects.create(author=alice, title=f"t{n}", category="tec", limit="public",
                                introduce="x", content="<p>x</p>").id for n in range(5)]
    from pages.build import sync_sitemap

    sync_sitemap()
    assert list(pages_root.glob("sitemap-*.xml"))
    Topic.objects.filter(id__in=ids[1:]).update(limit="private")
    sync_sitemap()
    assert locations(parse(pages_root / "sitemap.xml")) == [
        f"{SPA}/", f"{SPA}/alice/topics", f"{SPA}/alice/topics/detail/{ids[0]}"]
    assert not list(pages_root.glob("sitemap-*.xml"))


def test_robots_txt_allows_pages_and_points_at_the_sitemap(pages_root, publish):
    publish()
    robots = pages_root / "robots.txt"
    wait_until(robots.exists)
    lines = robots.read_text().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SPA}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_rss_xml_is_the_site_feed(pages_root, publish):
    publish("进入订阅")
    rss = pages_root / "rss.xml"
    wait_until(rss.exists)
    channel = ElementTree.fromstring(rss.read_bytes()).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["进入订阅"]
