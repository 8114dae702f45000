"""Every endpoint: /v1/<app routes> → <app>/urls.py → the view."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from payment.alipay import uses_fake_gateway
from porting import metaweblog
from tools.views import media

admin.site.site_header = admin.site.site_title = "久至博客 运营后台"
admin.site.index_title = "内容与账号"
admin.site.site_url = settings.FRONTEND_URL

urlpatterns = [
    # Django tries patterns in order: the article lists and details, most of all
    # traffic, come first (a cached list no longer tries some 25 patterns first).
    path("v1/", include("blog.urls")),
    path("v1/", include("user.urls")),
    path("v1/", include("social.urls")),  # topics/<id>/like, users/<name>/follow, ...
    path("v1/", include("notifications.urls")),
    path("v1/", include("message.urls")),
    path("v1/", include("payment.urls")),
    path("v1/", include("images.urls")),
    path("v1/", include("search.urls")),
    path("v1/", include("tools.urls")),
    path("v1/", include("pages.urls")),
    path("v1/", include("porting.urls")),
    # Desktop editors (MetaWeblog, docs/api.md §16) post XML-RPC here, outside /v1/.
    path("xmlrpc", metaweblog.xmlrpc_endpoint),
    # Operators (docs/api.md §13): Django's admin, staff only, with its own session login.
    path(settings.ADMIN_URL_PREFIX.strip("/") + "/", admin.site.urls),
    # The offline cashier (devtools/): mounted, even imported, only outside production.
    *([path("fake-alipay/", include("devtools.urls"))] if uses_fake_gateway() else []),
    # Uploaded files are served by the API itself on the embedded default (docs/api.md §2).
    re_path(r"^media/(?P<path>.*)$", media),
]

handler400 = "tools.views.bad_request"
handler403 = "tools.views.forbidden"
handler404 = "tools.views.not_found"
handler500 = "tools.views.server_error"
