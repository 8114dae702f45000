from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from tools.forms import AsciiDecimalField, JsonBooleanField, PageQueryForm, StrictForm
from tools.http import TIME_FORMAT
from topic.models import Topic
from topic.tags import TagFilterField, TagListField

BODY_MAX = 200_000
SUMMARY_MAX = 200
COVER_MAX = 500


class ApiTimeField(forms.DateTimeField):
    """"YYYY-MM-DD HH:MM:SS" in the server's time zone (docs/api.md §3); only a string."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=[TIME_FORMAT], **kwargs)

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError("must be a string \"YYYY-MM-DD HH:MM:SS\"")
        return super().to_python(value)


class TopicForm(StrictForm):
    """Create needs every field; `partial=True` (edit) takes any subset.

    The body is `content` (HTML, `format: "html"`, the default) or `markdown`
    (`format: "markdown"`, docs/api.md §11). A draft may be saved with an empty body; a
    scheduled article needs `publish_at` in the future.
    """

    numeric_fields = ("price",)
    list_fields = ("tags",)
    boolean_fields = ("comments_enabled",)

    title = forms.CharField(min_length=1, max_length=50)
    content = forms.CharField(required=False, max_length=BODY_MAX)
    content_text = forms.CharField(required=False, max_length=BODY_MAX)
    limit = forms.ChoiceField(choices=Topic.LIMITS)
    category = forms.ChoiceField(choices=Topic.CATEGORIES)
    price = AsciiDecimalField(required=False, min_value=0, max_digits=8, decimal_places=2)
    tags = TagListField(required=False)
    comments_enabled = JsonBooleanField(required=False)
    format = forms.ChoiceField(required=False, choices=Topic.FORMATS)
    markdown = forms.CharField(required=False, max_length=BODY_MAX, strip=False)
    status = forms.ChoiceField(required=False, choices=Topic.STATUSES)
    publish_at = ApiTimeField(required=False)
    summary = forms.CharField(required=False, max_length=SUMMARY_MAX)
    cover = forms.CharField(required=False, max_length=COVER_MAX)

    def __init__(self, data=None, *, partial=False, **kwargs):
        super().__init__(data=data, partial=partial, **kwargs)
        self.partial = partial  # an edit need not send a body

    def clean_cover(self):
        """An image URL: http(s), or a path under /media/ (an uploaded image)."""
        cover = self.cleaned_data.get("cover") or ""
        if not cover or cover.startswith("/media/") and "//" not in cover and ".." not in cover:
            return cover
        try:
            URLValidator(schemes=["http", "https"])(cover)
        except ValidationError:
            raise ValidationError("must be an http(s) URL or a /media/ path")
        return cover

    def clean(self):
        data = super().clean()
        sent = self.data or {}
        status = data.get("status") or ""
        draft = status == Topic.DRAFT
        if data.get("format") == Topic.MARKDOWN:
            if "markdown" not in sent:
                self.add_error("markdown", "required when format is markdown")
            elif not (data.get("markdown") or "").strip() and not draft:
                self.add_error("markdown", "This field is required.")
        elif not draft and ("content" in sent or not self.partial) and "content" not in self.errors:
            if not data.get("content"):
                self.add_error("content", "This field is required.")
        if status == Topic.SCHEDULED and not data.get("publish_at") and "publish_at" not in self.errors:
            self.add_error("publish_at", "required when status is scheduled")
        publish_at = data.get("publish_at")
        if publish_at and status in ("", Topic.SCHEDULED) and publish_at <= timezone.now():
            self.add_error("publish_at", "must be in the future")
        return data


class ListQueryForm(PageQueryForm):
    category = forms.ChoiceField(required=False, choices=[("", "all"), *Topic.CATEGORIES])
    tag = TagFilterField(required=False, max_length=100)
