from django import forms
from django.core.exceptions import ValidationError

from tools.forms import JsonBooleanField, PageQueryForm
from tools.http import MAX_ID

MAX_IDS = 100


class NotificationQueryForm(PageQueryForm):
    unread = forms.ChoiceField(required=False, choices=[("", "all"), ("0", "all"), ("1", "unread")])


class IdListField(forms.Field):
    """A JSON list of 1–MAX_IDS positive integer ids."""

    def to_python(self, value):
        if value is None:
            return None
        if (not isinstance(value, list) or not 1 <= len(value) <= MAX_IDS
                or not all(isinstance(item, int) and not isinstance(item, bool)
                           and 1 <= item <= MAX_ID for item in value)):
            raise ValidationError(f"must be a list of 1 to {MAX_IDS} ids", code="invalid")
        return value


class MarkReadForm(forms.Form):
    """{"ids": [...]} or {"all": true}; each field checks its own JSON type."""

    ids = IdListField(required=False)
    all = JsonBooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("ids") and data.get("all") is not True and not self.errors:
            raise ValidationError('send "ids": [...] or "all": true')
        return data
