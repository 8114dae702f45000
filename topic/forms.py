from django import forms

from tools.forms import AsciiDecimalField, JsonBooleanField, PageQueryForm, StrictForm
from topic.models import Topic


class TopicForm(StrictForm):
    """Create needs every field; `partial=True` (edit) takes any subset."""

    numeric_fields = ("price",)
    boolean_fields = ("comments_enabled",)

    title = forms.CharField(min_length=1, max_length=50)
    content = forms.CharField(max_length=200_000)
    content_text = forms.CharField(required=False, max_length=200_000)
    limit = forms.ChoiceField(choices=Topic.LIMITS)
    category = forms.ChoiceField(choices=Topic.CATEGORIES)
    price = AsciiDecimalField(required=False, min_value=0, max_digits=8, decimal_places=2)
    comments_enabled = JsonBooleanField(required=False)


class ListQueryForm(PageQueryForm):
    category = forms.ChoiceField(required=False, choices=[("", "all"), *Topic.CATEGORIES])
