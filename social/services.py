"""Writes of the social app. Each is idempotent: an insert that the unique constraint
refuses means "already so" (never read-then-write, which two concurrent requests
would both pass), and a delete of nothing is a no-op. Only a real change invalidates
the cached counts and announces itself (tools.events)."""
from django.db import IntegrityError, transaction

from social import errors
from social.models import Favorite, Follow, Like
from social.selectors import favorites_scope, follows_scope, likes_scope
from tools.cache import invalidate
from tools.events import announce, topic_liked, user_followed
from tools.http import ApiError


def _insert(model, **fields):
    """True when the row was created, False when it already existed."""
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        return False
    return True


def like_topic(*, user, topic):
    with transaction.atomic():
        if not _insert(Like, user=user, topic=topic):
            return False
        invalidate(likes_scope(topic.pk))
        announce(topic_liked, topic_id=topic.pk, topic_author_id=topic.author_id,
                 user_id=user.pk)
    return True


def unlike_topic(*, user, topic):
    with transaction.atomic():
        deleted, _ = Like.objects.filter(user=user, topic=topic).delete()
        if deleted:
            invalidate(likes_scope(topic.pk))
    return bool(deleted)


def favorite_topic(*, user, topic):
    with transaction.atomic():
        if not _insert(Favorite, user=user, topic=topic):
            return False
        invalidate(favorites_scope(user.pk))
    return True


def unfavorite_topic(*, user, topic_id):
    with transaction.atomic():
        deleted, _ = Favorite.objects.filter(user=user, topic_id=topic_id).delete()
        if deleted:
            invalidate(favorites_scope(user.pk))
    return bool(deleted)


def follow_user(*, follower, followee):
    if follower.pk == followee.pk:
        raise ApiError(400, errors.FOLLOW_SELF, "You cannot follow yourself")
    with transaction.atomic():
        if not _insert(Follow, follower=follower, followee=followee):
            return False
        invalidate(follows_scope(follower.pk), follows_scope(followee.pk))
        announce(user_followed, follower_id=follower.pk, followee_id=followee.pk)
    return True


def unfollow_user(*, follower, followee):
    with transaction.atomic():
        deleted, _ = Follow.objects.filter(follower=follower, followee=followee).delete()
        if deleted:
            invalidate(follows_scope(follower.pk), follows_scope(followee.pk))
    return bool(deleted)
