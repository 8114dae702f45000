"""Desktop editors (docs/api.md §16): `POST /xmlrpc` speaks the MetaWeblog API (with the Blogger
methods editors call alongside it) through the standard library's
SimpleXMLRPCDispatcher. Requests are parsed by xmlrpc.client with defusedxml's parser
(porting.apps: no entity expansion, no external references).

Every call authenticates with an application password, never the account password,
counted like a login (tools.ratelimit: per account and per client address, a success is
given back). Every error is an XML-RPC fault (codes below); nothing is ever a 500.
"""
import datetime as dt
import logging
import xmlrpc.client
from xml.parsers.expat import ExpatError
from xmlrpc.server import SimpleXMLRPCDispatcher

from defusedxml import DefusedXmlException
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpResponse

from porting import adapters, services
from tools import ratelimit
from tools.http import METHOD_NOT_ALLOWED, ApiError, error_response
from topic.models import Topic
from topic.sanitize import clean_html, plain_text
from topic.services import create_topic, delete_topic, update_topic
from user.selectors import get_user

logger = logging.getLogger("jiuzhi.xmlrpc")

# Fault codes (docs/porting.md), HTTP-like as WordPress's are.
BAD_REQUEST = 400
WRONG_CREDENTIALS = 403
NOT_FOUND = 404
TOO_LARGE = 413
THROTTLED = 429
INTERNAL = 500
PARSE_ERROR = -32700
NO_SUCH_METHOD = -32601
BAD_PARAMS = -32602

CATEGORIES = [(Topic.TEC, "技术"), (Topic.NO_TEC, "非技术")]
CATEGORY_OF = {**{key: key for key, _ in CATEGORIES}, **{title: key for key, title in CATEGORIES}}
RECENT_MAX = 100
STATUS_WORDS = {Topic.PUBLISHED: "publish", Topic.DRAFT: "draft", Topic.SCHEDULED: "future"}


def fault(code, message):
    return xmlrpc.client.Fault(code, message)


def _string(value, name):
    if not isinstance(value, str):
        raise fault(BAD_REQUEST, f"{name} must be a string")
    return value


def authenticate(ip, username, password):
    """The user whose application password this is, else a fault. Counted before the
    check, per account and per address, with the login limits."""
    username, password = _string(username, "username"), _string(password, "password")
    user = get_user(username)
    account_key = f"xmlrpc:user:{user.pk}" if user else f"xmlrpc:name:{username[:50]}"
    ip_key = f"xmlrpc:ip:{ip}"
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    if (ratelimit.hit(account_key, window) > settings.LOGIN_FAILURES_PER_USERNAME
            or ratelimit.hit(ip_key, window) > settings.LOGIN_FAILURES_PER_IP):
        raise fault(THROTTLED, "Too many failed logins; try again later")
    if user is None:
        make_password(password)  # as slow as a real check: no timing oracle
    if user is None or services.check_app_password(user, password) is None:
        raise fault(WRONG_CREDENTIALS, "Wrong username or application password (the account "
                                       "password is not accepted here: create an application "
                                       "password on your profile page)")
    ratelimit.reset(account_key)
    ratelimit.give_back(ip_key)
    return user


def _link(topic):
    return f"{settings.FRONTEND_URL}/{topic.author.username}/topics/detail/{topic.id}"


def _keywords(value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ",".join(str(item) for item in value)
    return [name for name in _string(value, "mt_keywords").replace("，", ",").split(",")]


def _tags(value):
    names = _keywords(value)
    if names is None:
        return None
    report = services.Report()
    kept = services.clean_tags(names, "", report)
    if report.warnings:
        raise fault(BAD_REQUEST, f"At most {adapters.MAX_TAGS} tags (mt_keywords)")
    return kept


def _category(struct):
    for name in struct.get("categories") or []:
        if isinstance(name, str) and name in CATEGORY_OF:
            return CATEGORY_OF[name]
    return None


def _values(struct, partial):
    """The article fields of a MetaWeblog post struct (title, description, categories)."""
    if not isinstance(struct, dict):
        raise fault(BAD_REQUEST, "The post must be a struct")
    values = {}
    if "title" in struct or not partial:
        title = " ".join(plain_text(clean_html(_string(struct.get("title", ""), "title"))).split())
        if not 1 <= len(title) <= services.TITLE_MAX:
            raise fault(BAD_REQUEST, f"The title must be 1–{services.TITLE_MAX} characters")
        values["title"] = title
    if "description" in struct or not partial:
        body = _string(struct.get("description", ""), "description")
        more = struct.get("mt_text_more")
        if isinstance(more, str) and more.strip():
            body += "\n" + more
        if not plain_text(clean_html(body)).strip() and "<img" not in body:
            raise fault(BAD_REQUEST, "The post has no text (description)")
        if len(body) > 200_000:
            raise fault(BAD_REQUEST, "The post is longer than 200,000 characters")
        values["content"] = body
    category = _category(struct)
    if category or not partial:
        values["category"] = category or Topic.TEC
    if not partial:
        values["limit"] = Topic.PRIVATE if struct.get("post_status") == "private" else Topic.PUBLIC
    elif struct.get("post_status") in ("private", "publish"):
        values["limit"] = Topic.PRIVATE if struct["post_status"] == "private" else Topic.PUBLIC
    return values


def _post_struct(topic):
    tags = adapters.tag_names(topic)
    created = topic.created_time.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    status = STATUS_WORDS.get(topic.status, "publish")
    if topic.limit == Topic.PRIVATE and topic.status == Topic.PUBLISHED:
        status = "private"
    return {
        "postid": str(topic.id), "userid": str(topic.author_id), "title": topic.title,
        "description": topic.content, "dateCreated": xmlrpc.client.DateTime(created),
        "date_created_gmt": xmlrpc.client.DateTime(created),
        "link": _link(topic), "permaLink": _link(topic),
        "categories": [dict(CATEGORIES)[topic.category]] if topic.category in dict(CATEGORIES) else [],
        "mt_keywords": ",".join(tags), "post_status": status,
    }


class MetaWeblog:
    """The methods of one request (it knows the client address, for the rate limits)."""

    def __init__(self, ip):
        self.ip = ip

    def _owned(self, postid, user):
        try:
            topic_id = int(str(postid))
        except ValueError:
            raise fault(NOT_FOUND, "No such post")
        topic = Topic.objects.filter(pk=topic_id, author=user).select_related("author").first()
        if topic is None or topic_id <= 0:
            raise fault(NOT_FOUND, "No such post")
        return topic

    def get_users_blogs(self, appkey, username, password):
        user = authenticate(self.ip, username, password)
        return [{"isAdmin": False, "blogid": user.username,
                 "blogName": f"{user.display_name}的博客",
                 "url": f"{settings.FRONTEND_URL}/{user.username}/topics",
                 "xmlrpc": f"{settings.API_URL}/xmlrpc"}]

    def get_categories(self, blogid, username, password):
        user = authenticate(self.ip, username, password)
        url = f"{settings.FRONTEND_URL}/{user.username}/topics"
        return [{"categoryId": key, "categoryid": key, "title": title, "description": title,
                 "htmlUrl": f"{url}?category={key}", "rssUrl": ""} for key, title in CATEGORIES]

    def new_post(self, blogid, username, password, struct, publish=True):
        user = authenticate(self.ip, username, password)
        values = _values(struct, partial=False)
        tags = _tags(struct.get("mt_keywords"))
        status = Topic.PUBLISHED if publish else Topic.DRAFT
        with transaction.atomic():
            topic = create_topic(author=user, values={**values, "format": Topic.HTML, "status": status})
            if tags:
                adapters.set_tags(topic, tags)
        return str(topic.id)

    def edit_post(self, postid, username, password, struct, publish=True):
        user = authenticate(self.ip, username, password)
        topic = self._owned(postid, user)
        values = _values(struct, partial=True)
        tags = _tags(struct.get("mt_keywords")) if isinstance(struct, dict) else None
        if not publish:
            values["status"] = Topic.DRAFT
        elif topic.status == Topic.DRAFT:
            values["status"] = Topic.PUBLISHED
        if "content" in values:
            values["format"] = Topic.HTML
        with transaction.atomic():
            update_topic(topic=topic, values=values)
            if tags is not None:
                adapters.set_tags(topic, tags)
        return True

    def get_post(self, postid, username, password):
        user = authenticate(self.ip, username, password)
        return _post_struct(self._owned(postid, user))

    def get_recent_posts(self, blogid, username, password, number=10):
        user = authenticate(self.ip, username, password)
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise fault(BAD_REQUEST, "numberOfPosts must be a positive integer")
        topics = (Topic.objects.filter(author=user).select_related("author")
                  .newest_first()[:min(number, RECENT_MAX)])
        return [_post_struct(topic) for topic in topics]

    def new_media_object(self, blogid, username, password, struct):
        authenticate(self.ip, username, password)
        bits = struct.get("bits") if isinstance(struct, dict) else None
        if not isinstance(bits, xmlrpc.client.Binary):
            raise fault(BAD_REQUEST, "The media object needs its bytes (bits, base64)")
        if len(bits.data) > settings.XMLRPC_IMAGE_MAX_BYTES:
            raise fault(TOO_LARGE, f"An image must be at most "
                                   f"{settings.XMLRPC_IMAGE_MAX_BYTES // (1024 * 1024)} MB")
        stored = adapters.store_image(bits.data)
        if stored is None:
            raise fault(BAD_REQUEST, "Only PNG, JPEG, GIF and WebP images are accepted")
        url, content_type = stored
        return {"url": url, "file": url.rsplit("/", 1)[-1], "type": content_type}

    def delete_post(self, appkey, postid, username, password, publish=True):
        user = authenticate(self.ip, username, password)
        delete_topic(topic=self._owned(postid, user))
        return True


METHODS = {
    "blogger.getUsersBlogs": "get_users_blogs",
    "metaWeblog.getUsersBlogs": "get_users_blogs",
    "metaWeblog.getCategories": "get_categories",
    "metaWeblog.newPost": "new_post",
    "metaWeblog.editPost": "edit_post",
    "metaWeblog.getPost": "get_post",
    "metaWeblog.getRecentPosts": "get_recent_posts",
    "metaWeblog.newMediaObject": "new_media_object",
    "blogger.deletePost": "delete_post",
}


def _guarded(function):
    """Every failure becomes a fault: ours as they are, anything else logged and generic."""

    def call(*params):
        try:
            return function(*params)
        except xmlrpc.client.Fault:
            raise
        except TypeError as error:
            if "positional argument" in str(error):
                raise fault(BAD_PARAMS, "Wrong number of parameters")
            logger.exception("XML-RPC method failed")
            raise fault(INTERNAL, "Internal error")
        except ApiError as error:  # a write refused (e.g. the cache cannot record it)
            raise fault(error.status, error.message)
        except Exception:
            logger.exception("XML-RPC method failed")
            raise fault(INTERNAL, "Internal error")

    return call


def dispatcher(ip):
    methods = MetaWeblog(ip)
    found = SimpleXMLRPCDispatcher(allow_none=True, encoding="utf-8")
    for name, attribute in METHODS.items():
        found.register_function(_guarded(getattr(methods, attribute)), name)
    found.register_introspection_functions()
    return found


def _dumps(value):
    return xmlrpc.client.dumps(value, methodresponse=not isinstance(value, xmlrpc.client.Fault),
                               allow_none=True, encoding="utf-8")


def handle(body, ip):
    """The XML-RPC response (bytes) to a request body."""
    try:
        params, method = xmlrpc.client.loads(body, use_builtin_types=False)
    except (ExpatError, DefusedXmlException, ValueError, TypeError, IndexError,
            xmlrpc.client.ResponseError, AttributeError, KeyError, OverflowError) as error:
        return _dumps(fault(PARSE_ERROR, f"Not a valid XML-RPC request ({type(error).__name__})"))
    found = dispatcher(ip)
    if not isinstance(method, str) or method not in found.funcs:
        return _dumps(fault(NO_SUCH_METHOD, f"No method {str(method)[:100]!r}"))
    try:
        response = (found._dispatch(method, params),)
        return _dumps(response)
    except xmlrpc.client.Fault as failure:
        return _dumps(failure)
    except Exception:
        logger.exception("XML-RPC call failed")
        return _dumps(fault(INTERNAL, "Internal error"))


def xmlrpc_endpoint(request):
    if request.method != "POST":
        return error_response(405, METHOD_NOT_ALLOWED, "XML-RPC takes POST only",
                              headers={"Allow": "POST"})
    body = request.read(settings.XMLRPC_MAX_BYTES + 1)
    if len(body) > settings.XMLRPC_MAX_BYTES:
        response = _dumps(fault(TOO_LARGE, "The request is too large"))
    else:
        response = handle(body, ratelimit.client_ip(request))
    return HttpResponse(response.encode("utf-8", "xmlcharrefreplace"),
                        content_type="text/xml; charset=utf-8")
