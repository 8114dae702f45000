from django.utils.decorators import method_decorator

from tools.auth import is_user, logging_check, make_token
from tools.http import ApiError, json_body, ok, origin_of, valid_form, validate
from tools.ratelimit import client_ip
from tools.views import ApiView
from user import errors, forms, presenters, services, sms_codes
from user.shortcuts import user_or_404


def _own_account(request, username):
    """The account at `username`, which must be the logged-in user's (403 otherwise)."""
    user = user_or_404(username)
    if not is_user(request.user, user):
        raise ApiError(403, errors.NOT_OWNER, "You can only change your own account")
    return user


def _profile(request, user, viewer):
    return ok(presenters.profile_data(user, viewer, origin_of(request)), username=user.username)


class SmsView(ApiView):
    """POST {phone} → 202: a code for `purpose`; the same answer for any valid phone."""

    purpose = sms_codes.REGISTER

    def post(self, request):
        data = validate(forms.SmsForm, json_body(request), errors.INVALID_INPUT)
        services.send_sms_code(phone=data["phone"], ip=client_ip(request), purpose=self.purpose)
        return ok({"phone": data["phone"]}, status=202)


class ResetPasswordView(ApiView):
    def post(self, request):
        data = validate(forms.ResetPasswordForm, json_body(request), errors.INVALID_INPUT)
        user = services.reset_password(phone=data["phone"], sms_num=data["sms_num"],
                                       password=data["password_1"], ip=client_ip(request))
        return ok({"token": make_token(user)}, username=user.username)


class UsersView(ApiView):
    def post(self, request):
        data = validate(forms.RegisterForm, json_body(request), errors.INVALID_INPUT)
        user = services.register_user(
            username=data["username"], email=data["email"], phone=data["phone"],
            password=data["password_1"], sms_num=data["sms_num"], ip=client_ip(request),
        )
        return ok({"token": make_token(user)}, status=201, username=user.username)


class TokensView(ApiView):
    """{username, password}, or {phone, sms_num} with a login code: the same answer."""

    def post(self, request):
        body = json_body(request)
        if "phone" in body or "sms_num" in body:
            data = validate(forms.SmsLoginForm, body, errors.INVALID_INPUT)
            user = services.login_with_code(phone=data["phone"], sms_num=data["sms_num"],
                                            ip=client_ip(request))
        else:
            data = validate(forms.LoginForm, body, errors.INVALID_INPUT)
            user = services.login(username=data["username"], password=data["password"],
                                  ip=client_ip(request))
        return ok({"token": make_token(user)}, username=user.username)


class UserDetailView(ApiView):
    def get(self, request, username):
        # Who asks comes first: a bad token is a 401 even for a user that does not exist.
        viewer = request.user if request.user.is_authenticated else None
        return _profile(request, user_or_404(username), viewer)

    @method_decorator(logging_check)
    def put(self, request, username):
        user = _own_account(request, username)
        form = valid_form(forms.ProfileForm, json_body(request), errors.INVALID_INPUT)
        user = services.update_profile(user=user, changes=form.changed_values())
        return _profile(request, user, user)

    patch = put


class AvatarView(ApiView):
    @method_decorator(logging_check)
    def post(self, request, username):
        user = _own_account(request, username)
        user = services.set_avatar(user=user, upload=request.FILES.get("avatar"))
        return _profile(request, user, user)


class PasswordView(ApiView):
    @method_decorator(logging_check)
    def put(self, request, username):
        user = _own_account(request, username)
        data = validate(forms.PasswordForm, json_body(request), errors.INVALID_INPUT)
        user = services.change_password(user=user, old_password=data["old_password"],
                                        new_password=data["password_1"])
        return ok({"token": make_token(user)}, username=user.username)
