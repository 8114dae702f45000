"""The article detail page (docs/api.md §4, §12), composed from each app's reads and presenters.

Most of a detail is the same for every viewer with the same access to it (`access`:
the author, a buyer of a paid article, anyone else): the article, its neighbours, the
thread and the like count. That part is cached as encoded bytes (blog/views.py). The
rest is each viewer's own and is read for every request: `views`, and `liked` and
`favorited` of a logged-in viewer."""
from message.presenters import cached_thread
from payment.selectors import has_bought
from social import selectors as social
from topic import hits, presenters, selectors

OWNER, BUYER, READER = "owner", "buyer", "reader"


def detail_access(topic, viewer):
    """What the viewer's detail looks like: the author's (private neighbours, the
    Markdown source), a buyer's (the paid content) or everyone else's."""
    if selectors.viewer_is_author(viewer, topic.author_id):
        return OWNER
    if topic.is_paid_article and viewer.is_authenticated and has_bought(viewer, topic):
        return BUYER
    return READER


def shared_detail(topic, access, origin):
    """(the part of the detail every viewer with `access` sees alike, what
    viewer_fields() needs later): everything but the viewer's own fields."""
    viewer = topic.author if access == OWNER else None  # whose neighbours: the author's own or the public
    messages = cached_thread(topic.id, origin)
    data = {
        # the content: free articles, the author's own and bought ones (docs/api.md §9)
        **presenters.topic_detail(topic, paid=access != READER or not topic.is_paid_article,
                                  owner=access == OWNER, origin=origin),
        **presenters.neighbours(selectors.neighbour(topic, viewer, newer=False),
                                selectors.neighbour(topic, viewer, newer=True)),
        "messages": messages,
        "messages_count": len(messages),
        "comments_total": len(messages) + sum(len(message["reply"]) for message in messages),
        "likes": social.like_count(topic.id),
    }
    return data, (topic.id, *hits.views_now(topic))


def viewer_fields(meta, viewer):
    """The viewer's own part of the detail, from shared_detail()'s `meta`."""
    topic_id, views, mark = meta
    liked, favorited = social.viewer_state(topic_id, viewer)
    return {"views": hits.views_since(topic_id, views, mark), "liked": liked, "favorited": favorited}


def article_detail(topic, viewer, origin):
    """The whole detail, uncached (the answer to the author's own create and edit)."""
    data, meta = shared_detail(topic, detail_access(topic, viewer), origin)
    return {**data, **viewer_fields(meta, viewer)}
