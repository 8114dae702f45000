"""The article detail page (docs/api.md §4, §12), composed from each app's reads and presenters.

The thread and the like count are cached for everyone; `liked` and `favorited` are
the viewer's own and are read fresh for each request, never cached."""
from message.presenters import cached_thread
from payment.selectors import has_bought
from social import selectors as social
from topic import hits, presenters, selectors


def can_read_content(topic, viewer):
    """Free articles, the author's own and bought ones (docs/api.md §9)."""
    if not topic.is_paid_article or selectors.viewer_is_author(viewer, topic.author_id):
        return True
    return viewer.is_authenticated and has_bought(viewer, topic)


def article_detail(topic, viewer, origin):
    messages = cached_thread(topic.id, origin)
    liked, favorited = social.viewer_state(topic.id, viewer)
    return {
        **presenters.topic_detail(topic, paid=can_read_content(topic, viewer),
                                  owner=selectors.viewer_is_author(viewer, topic.author_id),
                                  origin=origin),
        **presenters.neighbours(selectors.neighbour(topic, viewer, newer=False),
                                selectors.neighbour(topic, viewer, newer=True)),
        "messages": messages,
        "messages_count": len(messages),
        "comments_total": len(messages) + sum(len(message["reply"]) for message in messages),
        "likes": social.like_count(topic.id),
        "views": topic.views + hits.pending_views(topic.id),
        "liked": liked,
        "favorited": favorited,
    }
