"""Likes, favourites and follows (docs/api.md §12). Each is one row per pair, kept unique by
the database, so a repeated or concurrent request can never make a second one."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Like(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="likes")
    topic = models.ForeignKey("topic.Topic", on_delete=models.CASCADE, related_name="likes")
    created_time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "social_like"
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="like_once")]


class Favorite(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="favorites")
    topic = models.ForeignKey("topic.Topic", on_delete=models.CASCADE,
                              related_name="favorites")
    created_time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "social_favorite"
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="favorite_once")]
        indexes = [models.Index(fields=["user", "-created_time", "-id"], name="favorite_user_newest")]


class Follow(models.Model):
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="following_set")
    followee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="follower_set")
    created_time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "social_follow"
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="follow_once"),
            models.CheckConstraint(condition=~Q(follower=F("followee")), name="follow_not_self"),
        ]
        indexes = [models.Index(fields=["followee"], name="follow_followee")]
