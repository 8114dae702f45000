"""Articles made straight in the database, for tests that are not about creating them."""
from topic.models import Topic


def make_topic(author, title="An article", *, limit=Topic.PUBLIC, category=Topic.TEC, price=0,
               content="<p>The body.</p>"):
    return Topic.objects.create(author=author, title=title, limit=limit, category=category,
                                price=price, content=content, introduce=title[:30])
