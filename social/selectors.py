"""Reads of the social app: counts (cached per version, like the lists), the viewer's
own state, and the favourites and timeline lists with visibility applied."""
from django.db.models import OuterRef, Subquery

from social.models import Favorite, Follow, Like
from tools.cache import cached_for_version, scope
from topic.models import Topic
from topic.selectors import LIST_FIELDS


def likes_scope(topic_id):
    return scope("likes", topic_id)


def favorites_scope(user_id):
    """A user's favourites: the ETag of every detail they read names it."""
    return scope("favorites", user_id)


def follows_scope(user_id):
    return scope("follows", user_id)


def like_count(topic_id):
    return cached_for_version((likes_scope(topic_id),), ("likes",),
                              Like.objects.filter(topic_id=topic_id).count)


def follower_count(user_id):
    return cached_for_version((follows_scope(user_id),), ("followers",),
                              Follow.objects.filter(followee_id=user_id).count)


def following_count(user_id):
    return cached_for_version((follows_scope(user_id),), ("following",),
                              Follow.objects.filter(follower_id=user_id).count)


def viewer_state(topic_id, viewer):
    """(liked, favorited) for a logged-in viewer; never cached, as it is theirs alone."""
    if viewer is None or not viewer.is_authenticated:
        return False, False
    return (Like.objects.filter(topic_id=topic_id, user=viewer).exists(),
            Favorite.objects.filter(topic_id=topic_id, user=viewer).exists())


def is_following(follower, followee):
    if follower is None or not follower.is_authenticated:
        return False
    return Follow.objects.filter(follower=follower, followee=followee).exists()


def _page(queryset, page, per_page):
    offset = (page - 1) * per_page
    return list(queryset[offset:offset + per_page]), queryset.count()


def favorite_rows(user, *, page, per_page):
    """(one page of the user's favourites they may still read, newest favourite first,
    the total): an article that became private, a draft or deleted drops out."""
    favorites = Favorite.objects.filter(user=user, topic=OuterRef("pk"))
    queryset = (Topic.objects.visible_to(user).filter(favorites__user=user)
                .annotate(favorited_time=Subquery(favorites.values("created_time")[:1]))
                .order_by("-favorited_time", "-id")
                .values(*LIST_FIELDS, "favorited_time"))
    return _page(queryset, page, per_page)


def timeline_rows(user, *, page, per_page):
    """(one page of the latest articles the user may read by the authors they follow,
    the total)."""
    followed = Follow.objects.filter(follower=user).values("followee_id")
    queryset = (Topic.objects.visible_to(user).filter(author_id__in=Subquery(followed))
                .newest_first().values(*LIST_FIELDS))
    return _page(queryset, page, per_page)
