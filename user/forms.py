"""Input validation for the user endpoints (limits of docs/api.md §9)."""
from django import forms
from django.core.validators import RegexValidator

from tools.forms import StrictForm
from user.models import PHONE_RE, USERNAME_RE

# Path segments of /v1/users/... and of the SPA's routes.
RESERVED_USERNAMES = {"sms", "index", "login", "register", "orders", "static", "media",
                      "password", "forgot", "sms_login", "timeline", "favorites", "notifications"}
SMS_CODE_RE = r"^[0-9]{6}\Z"


def username_field():
    # Not stripped: "alice " is not alice, at registration and at login alike.
    return forms.CharField(strip=False, validators=[
        RegexValidator(USERNAME_RE, "must be 3-11 letters, digits or underscores")])


def phone_field():
    return forms.CharField(validators=[
        RegexValidator(PHONE_RE, "must be an 11-digit mainland mobile number")])


def sms_code_field():
    return forms.CharField(validators=[RegexValidator(SMS_CODE_RE, "must be the 6-digit code")])


def password_field():
    return forms.CharField(min_length=6, max_length=64, strip=False)


class NewPasswordForm(StrictForm):
    """password_1 and password_2 must agree."""

    password_1 = password_field()
    password_2 = password_field()

    def clean(self):
        data = super().clean()
        if data.get("password_1") and data.get("password_1") != data.get("password_2"):
            self.add_error("password_2", "the two passwords differ")
        return data


class SmsForm(StrictForm):
    phone = phone_field()


class RegisterForm(NewPasswordForm):
    username = username_field()
    email = forms.EmailField(max_length=254)
    phone = phone_field()
    sms_num = sms_code_field()

    field_order = ["username", "email", "phone", "password_1", "password_2", "sms_num"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if username.lower() in RESERVED_USERNAMES:
            raise forms.ValidationError("this username is reserved")
        return username


class ResetPasswordForm(NewPasswordForm):
    phone = phone_field()
    sms_num = sms_code_field()

    field_order = ["phone", "sms_num", "password_1", "password_2"]


class SmsLoginForm(StrictForm):
    phone = phone_field()
    sms_num = sms_code_field()


class LoginForm(StrictForm):
    username = username_field()
    password = forms.CharField(max_length=64, strip=False)


class ProfileForm(StrictForm):
    """PUT and PATCH both update partially: only the fields sent change."""

    nickname = forms.CharField(max_length=30, required=False)
    sign = forms.CharField(max_length=50, required=False)
    info = forms.CharField(max_length=150, required=False)


class PasswordForm(NewPasswordForm):
    old_password = forms.CharField(max_length=64, strip=False)

    field_order = ["old_password", "password_1", "password_2"]
