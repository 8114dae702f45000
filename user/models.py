from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models

# ASCII only, and \Z, not $ (which also matches before a trailing newline).
USERNAME_RE = r"^[A-Za-z0-9_]{3,11}\Z"
PHONE_RE = r"^1[3-9][0-9]{9}\Z"


class UserProfile(AbstractUser):
    username = models.CharField(
        max_length=11, unique=True,
        validators=[RegexValidator(USERNAME_RE, "3-11 letters, digits or underscores")],
    )
    nickname = models.CharField(max_length=30, blank=True, default="")
    phone = models.CharField(max_length=11, unique=True)
    sign = models.CharField(max_length=50, blank=True, default="")
    info = models.CharField(max_length=150, blank=True, default="")
    avatar = models.ImageField(upload_to="avatar/", blank=True, default="")
    # Bumped on password change: every token carrying an older value is refused.
    token_version = models.PositiveIntegerField(default=0)
    created_time = models.DateTimeField(auto_now_add=True)
    updated_time = models.DateTimeField(auto_now=True)

    REQUIRED_FIELDS = ["email", "phone"]

    class Meta:
        db_table = "user_profile"

    @property
    def display_name(self):
        return self.nickname or self.username
