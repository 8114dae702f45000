"""The article detail page (SPEC §4), composed from each app's reads and presenters."""
from message.presenters import cached_thread
from payment.selectors import has_bought
from topic import presenters, selectors


def can_read_content(topic, viewer):
    """Free articles, the author's own and bought ones (SPEC §9)."""
    if not topic.is_paid_article or selectors.viewer_is_author(viewer, topic.author_id):
        return True
    return viewer.is_authenticated and has_bought(viewer, topic)


def article_detail(topic, viewer, origin):
    messages = cached_thread(topic.id, origin)
    return {
        **presenters.topic_detail(topic, paid=can_read_content(topic, viewer),
                                  owner=selectors.viewer_is_author(viewer, topic.author_id)),
        **presenters.neighbours(selectors.neighbour(topic, viewer, newer=False),
                                selectors.neighbour(topic, viewer, newer=True)),
        "messages": messages,
        "messages_count": len(messages),
    }
