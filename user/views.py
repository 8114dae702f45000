from django.utils.decorators import method_decorator

from tools.auth import logging_check, make_token, optional_login
from tools.http import ApiError, json_body, ok, valid_form, validate
from tools.ratelimit import client_ip
from tools.views import ApiView
from user import errors, forms, selectors, services


def _owner(request, username):
    """The profile owner, who must be the logged-in user (403 otherwise)."""
    user = selectors.get_user(username)
    if request.myuser.pk != user.pk:
        raise ApiError(403, errors.NOT_OWNER, "You can only change your own account")
    return user


class SmsView(ApiView):
    def post(self, request):
        data = validate(forms.SmsForm, json_body(request), errors.INVALID_INPUT)
        services.send_sms_code(phone=data["phone"], ip=client_ip(request))
        return ok({"phone": data["phone"]}, status=202)


class UsersView(ApiView):
    def post(self, request):
        data = validate(forms.RegisterForm, json_body(request), errors.INVALID_INPUT)
        user = services.register_user(
            username=data["username"], email=data["email"], phone=data["phone"],
            password=data["password_1"], sms_num=data["sms_num"],
        )
        return ok({"token": make_token(user)}, status=201, username=user.username)


class TokensView(ApiView):
    def post(self, request):
        data = validate(forms.LoginForm, json_body(request), errors.INVALID_INPUT)
        user = services.login(username=data["username"], password=data["password"],
                              ip=client_ip(request))
        return ok({"token": make_token(user)}, username=user.username)


class UserDetailView(ApiView):
    @method_decorator(optional_login)
    def get(self, request, username):
        user = selectors.get_user(username)
        return ok(selectors.profile_data(request, user, request.myuser), username=user.username)

    @method_decorator(logging_check)
    def put(self, request, username):
        user = _owner(request, username)
        form = valid_form(forms.ProfileForm, json_body(request), errors.INVALID_INPUT)
        user = services.update_profile(user=user, changes=form.changed_values())
        return ok(selectors.profile_data(request, user, user), username=user.username)

    patch = put


class AvatarView(ApiView):
    @method_decorator(logging_check)
    def post(self, request, username):
        user = _owner(request, username)
        user = services.set_avatar(user=user, upload=request.FILES.get("avatar"))
        return ok(selectors.profile_data(request, user, user), username=user.username)


class PasswordView(ApiView):
    @method_decorator(logging_check)
    def put(self, request, username):
        user = _owner(request, username)
        data = validate(forms.PasswordForm, json_body(request), errors.INVALID_INPUT)
        user = services.change_password(user=user, old_password=data["old_password"],
                                        new_password=data["password_1"])
        return ok({"token": make_token(user)}, username=user.username)
