"""What the social app's responses look like (docs/api.md §12)."""
from tools.http import fmt_time
from topic.presenters import list_item


def like_state(topic_id, liked, likes):
    return {"topic_id": topic_id, "liked": liked, "likes": likes}


def favorite_state(topic_id, favorited):
    return {"topic_id": topic_id, "favorited": favorited}


def follow_state(user, following, followers):
    return {"username": user.username, "following": following, "followers": followers}


def favorite_list(rows, *, total, page, per_page, origin):
    items = [{**list_item(row, origin), "favorited_time": fmt_time(row["favorited_time"])}
             for row in rows]
    return {"topics": items, "page": page, "per_page": per_page, "total": total}


def timeline(rows, *, total, page, per_page, origin):
    return {"topics": [list_item(row, origin) for row in rows], "page": page,
            "per_page": per_page, "total": total}
