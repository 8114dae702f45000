from django.utils.decorators import method_decorator

from porting import errors, exporter, presenters, selectors, services
from porting.forms import AppPasswordForm, ImportForm
from tools.auth import is_user, logging_check
from tools.http import ApiError, id_param, json_body, no_content, ok, validate
from tools.views import ApiView
from topic.models import Topic
from user import errors as user_errors
from user.shortcuts import user_or_404


def _own_account(request, username):
    user = user_or_404(username)
    if not is_user(request.user, user):
        raise ApiError(403, user_errors.NOT_OWNER, "You can only do this for your own account")
    return user


class ImportsView(ApiView):
    @method_decorator(logging_check)
    def post(self, request):
        data = validate(ImportForm, request.POST, errors.INVALID_INPUT)
        job = services.start_import(user=request.user, upload=request.FILES.get("file"),
                                    category=data["category"] or Topic.TEC)
        return ok({"id": job.id, "status": "queued"}, status=202)


class ImportDetailView(ApiView):
    @method_decorator(logging_check)
    def get(self, request, import_id):
        import_id = id_param(import_id, "import_id")
        services.fail_stalled_imports()  # where no beat runs, the status read does it
        job = selectors.own_import(request.user, import_id)
        if job is None:
            raise ApiError(404, errors.IMPORT_NOT_FOUND, "No such import")
        return ok(presenters.import_data(job, selectors.import_progress(job)))


class ExportView(ApiView):
    @method_decorator(logging_check)
    def get(self, request, username):
        user = _own_account(request, username)
        return exporter.export_response(user)


class AppPasswordsView(ApiView):
    @method_decorator(logging_check)
    def get(self, request, username):
        user = _own_account(request, username)
        return ok([presenters.app_password_data(p) for p in selectors.app_passwords(user)])

    @method_decorator(logging_check)
    def post(self, request, username):
        user = _own_account(request, username)
        data = validate(AppPasswordForm, json_body(request), errors.INVALID_INPUT)
        app_password, secret = services.create_app_password(user=user, name=data["name"])
        return ok(presenters.app_password_data(app_password, secret), status=201)


class AppPasswordDetailView(ApiView):
    @method_decorator(logging_check)
    def delete(self, request, username, password_id):
        user = _own_account(request, username)
        app_password = selectors.own_app_password(user, id_param(password_id, "password_id"))
        if app_password is None:
            raise ApiError(404, errors.APP_PASSWORD_NOT_FOUND, "No such application password")
        services.revoke_app_password(app_password=app_password)
        return no_content()
