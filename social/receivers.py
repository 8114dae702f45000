"""What the social app adds to other apps' answers: profile counts (tools.profiles)."""
from social.selectors import follower_count, following_count, is_following
from tools.profiles import provide


def follow_counts(user, viewer):
    """Follower and following counts, and whether the viewer follows this person."""
    return {"followers": follower_count(user.pk), "following": following_count(user.pk),
            "is_following": is_following(viewer, user)}


def connect():
    provide("social.follow_counts", follow_counts)
