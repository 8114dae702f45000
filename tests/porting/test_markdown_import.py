"""Zips of Markdown files with front matter, as Hexo, Hugo and Jekyll write them."""
import datetime as dt

import pytest

from tests.porting.conftest import make_zip, run_import
from topic.models import Topic

pytestmark = pytest.mark.django_db

HEXO = """---
title: Hello Hexo
date: 2019-03-04 05:06:07
tags:
  - Python
  - 博客
categories:
  - [Notes, Tools]
---
# A heading

Some **bold** text and a [link](https://example.com).

<script>alert(1)</script>
"""
HUGO = """---
title: "Hugo draft"
date: 2020-05-06T07:08:09+02:00
draft: true
tags: ["go"]
---
Draft body.
"""
JEKYLL = """---
title: Jekyll post
tags: ruby
---
Dated by its file name.
"""


@pytest.fixture
def report(as_alice):
    return run_import(as_alice, make_zip({
        "source/_posts/hello.md": HEXO, "content/posts/draft.md": HUGO,
        "_posts/2015-07-08-jekyll-post.markdown": JEKYLL, "README.txt": "not a post",
        "__MACOSX/._hello.md": "junk"}), "posts.zip")


def test_every_markdown_file_becomes_an_article(report):
    assert (report["status"], report["total"], report["imported"]) == ("done", 3, 3)


def test_markdown_is_kept_and_rendered_to_sanitized_html(report, alice):
    post = Topic.objects.get(author=alice, title="Hello Hexo")
    assert post.format == Topic.MARKDOWN
    assert post.markdown.startswith("# A heading")
    assert "<h1>A heading</h1>" in post.content and "<strong>bold</strong>" in post.content
    assert "<script" not in post.content


def test_front_matter_dates_are_kept(report, alice):
    hexo = Topic.objects.get(author=alice, title="Hello Hexo")
    assert hexo.created_time.astimezone().replace(tzinfo=None) == dt.datetime(2019, 3, 4, 5, 6, 7)
    hugo = Topic.objects.get(author=alice, title="Hugo draft")
    assert hugo.created_time == dt.datetime(2020, 5, 6, 5, 8, 9, tzinfo=dt.timezone.utc)


def test_a_jekyll_post_is_dated_by_its_file_name(report, alice):
    post = Topic.objects.get(author=alice, title="Jekyll post")
    assert post.created_time.astimezone().date() == dt.date(2015, 7, 8)


def test_tags_and_nested_categories_become_tags(report, alice):
    post = Topic.objects.get(author=alice, title="Hello Hexo")
    assert [t.tag.name for t in post.topictag_set.all()] == ["Python", "博客", "Notes", "Tools"]
    jekyll = Topic.objects.get(author=alice, title="Jekyll post")
    assert [t.tag.name for t in jekyll.topictag_set.all()] == ["ruby"]


def test_tags_written_as_one_string_are_split_on_commas_or_spaces(as_alice, alice):
    run_import(as_alice, make_zip({
        "hexo.md": "---\ntitle: Hexo string\ntags: 前端, Vue\n---\nBody",
        "jekyll.md": "---\ntitle: Jekyll string\ntags: ruby rails\n---\nBody"}), "posts.zip")
    hexo = Topic.objects.get(author=alice, title="Hexo string")
    assert [t.tag.name for t in hexo.topictag_set.all()] == ["前端", "Vue"]
    jekyll = Topic.objects.get(author=alice, title="Jekyll string")
    assert [t.tag.name for t in jekyll.topictag_set.all()] == ["ruby", "rails"]


def test_draft_true_is_a_draft(report, alice):
    assert Topic.objects.get(author=alice, title="Hugo draft").status == Topic.DRAFT
    assert Topic.objects.get(author=alice, title="Hello Hexo").status == Topic.PUBLISHED


def test_the_same_zip_again_creates_nothing(as_alice, report, alice):
    again = run_import(as_alice, make_zip({
        "source/_posts/hello.md": HEXO, "content/posts/draft.md": HUGO,
        "_posts/2015-07-08-jekyll-post.markdown": JEKYLL}), "posts.zip")
    assert (again["imported"], again["skipped_kinds"]) == (0, {"duplicate": 3})
    assert Topic.objects.filter(author=alice).count() == 3


def test_a_file_with_broken_front_matter_is_skipped_with_a_warning(as_alice):
    report = run_import(as_alice, make_zip({
        "good.md": "---\ntitle: Good\n---\nBody", "bad.md": "---\ntitle: [unclosed\n---\nBody"}),
        "posts.zip")
    assert (report["status"], report["imported"], report["skipped_kinds"]) == ("done", 1, {"unreadable": 1})
    assert report["warnings"][0]["code"] == "unreadable" and "bad.md" in report["warnings"][0]["detail"]


def test_a_file_without_front_matter_takes_its_title_from_the_text(as_alice, alice):
    run_import(as_alice, make_zip({"note.md": "Just a quick note about tea."}), "posts.zip")
    assert Topic.objects.get(author=alice).title == "Just a quick note about tea."
