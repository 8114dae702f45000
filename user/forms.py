"""Input validation for the user endpoints (limits of SPEC §9)."""
from django import forms
from django.core.validators import RegexValidator

from tools.forms import StrictForm
from user.models import PHONE_RE, USERNAME_RE

# Path segments of /v1/users/... and of the SPA's routes.
RESERVED_USERNAMES = {"sms", "index", "login", "register", "orders", "static", "media"}



def phone_field():
    return forms.CharField(
        validators=[RegexValidator(PHONE_RE, "must be an 11-digit mainland mobile number")]
    )


def password_field():
    return forms.CharField(min_length=6, max_length=64, strip=False)



class SmsForm(StrictForm):
    phone = phone_field()


class RegisterForm(StrictForm):
    username = forms.CharField(
        validators=[RegexValidator(USERNAME_RE, "must be 3-11 letters, digits or underscores")]
    )
    email = forms.EmailField(max_length=254)
    phone = phone_field()
    password_1 = password_field()
    password_2 = password_field()
    sms_num = forms.CharField(validators=[RegexValidator(r"^\d{6}$", "must be the 6-digit code")])

    def clean_username(self):
        username = self.cleaned_data["username"]
        if username.lower() in RESERVED_USERNAMES:
            raise forms.ValidationError("this username is reserved")
        return username

    def clean(self):
        data = super().clean()
        if data.get("password_1") and data.get("password_1") != data.get("password_2"):
            self.add_error("password_2", "the two passwords differ")
        return data


class LoginForm(StrictForm):
    username = forms.CharField(max_length=150)
    password = forms.CharField(max_length=64, strip=False)


class ProfileForm(StrictForm):
    nickname = forms.CharField(max_length=30, required=False)
    sign = forms.CharField(max_length=50, required=False)
    info = forms.CharField(max_length=150, required=False)

    def changed_values(self):
        """Only the fields the client sent (PUT and PATCH both update partially)."""
        return {name: self.cleaned_data[name] for name in self.fields if name in self.data}


class PasswordForm(StrictForm):
    old_password = forms.CharField(max_length=64, strip=False)
    password_1 = password_field()
    password_2 = password_field()

    def clean(self):
        data = super().clean()
        if data.get("password_1") and data.get("password_1") != data.get("password_2"):
            self.add_error("password_2", "the two passwords differ")
        return data
