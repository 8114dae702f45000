from django.utils.decorators import method_decorator

from social import errors, presenters, selectors, services
from tools.auth import is_user, logging_check
from tools.forms import PageQueryForm
from tools.http import ApiError, id_param, ok, origin_of, validate
from tools.views import ApiView
from topic.shortcuts import visible_topic_or_404
from user.shortcuts import user_or_404


def _me(request, username):
    """`username` must be the logged-in user (404 if nobody has it, else 403)."""
    user = user_or_404(username)
    if not is_user(request.user, user):
        raise ApiError(403, errors.NOT_OWNER, "Only the owner can see or change this")
    return request.user


def _topic(request, topic_id):
    return visible_topic_or_404(id_param(topic_id, "topic_id"), request.user)


def _paging(request):
    return validate(PageQueryForm, request.GET, errors.INVALID_INPUT)


@method_decorator(logging_check, name="dispatch")
class LikeView(ApiView):
    def put(self, request, topic_id):
        topic = _topic(request, topic_id)
        services.like_topic(user=request.user, topic=topic)
        return ok(presenters.like_state(topic.pk, True, selectors.like_count(topic.pk)))

    def delete(self, request, topic_id):
        topic = _topic(request, topic_id)
        services.unlike_topic(user=request.user, topic=topic)
        return ok(presenters.like_state(topic.pk, False, selectors.like_count(topic.pk)))


@method_decorator(logging_check, name="dispatch")
class FavoriteView(ApiView):
    def put(self, request, username, topic_id):
        user = _me(request, username)
        topic = _topic(request, topic_id)
        services.favorite_topic(user=user, topic=topic)
        return ok(presenters.favorite_state(topic.pk, True))

    def delete(self, request, username, topic_id):
        user = _me(request, username)
        topic_id = id_param(topic_id, "topic_id")  # a favourite of a now hidden article goes too
        services.unfavorite_topic(user=user, topic_id=topic_id)
        return ok(presenters.favorite_state(topic_id, False))


@method_decorator(logging_check, name="dispatch")
class FavoritesView(ApiView):
    def get(self, request, username):
        user = _me(request, username)
        params = _paging(request)
        rows, total = selectors.favorite_rows(user, **params)
        return ok(presenters.favorite_list(rows, total=total, origin=origin_of(request), **params))


@method_decorator(logging_check, name="dispatch")
class TimelineView(ApiView):
    def get(self, request, username):
        user = _me(request, username)
        params = _paging(request)
        rows, total = selectors.timeline_rows(user, **params)
        return ok(presenters.timeline(rows, total=total, origin=origin_of(request), **params))


@method_decorator(logging_check, name="dispatch")
class FollowView(ApiView):
    def put(self, request, username):
        followee = user_or_404(username)
        services.follow_user(follower=request.user, followee=followee)
        return ok(presenters.follow_state(followee, True, selectors.follower_count(followee.pk)))

    def delete(self, request, username):
        followee = user_or_404(username)
        services.unfollow_user(follower=request.user, followee=followee)
        return ok(presenters.follow_state(followee, False, selectors.follower_count(followee.pk)))
