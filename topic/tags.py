"""Tags (docs/api.md §10): 0–5 per article, each 1–20 characters after trimming and no `,`;
matched case-insensitively (`tag_key`), shown as first written."""
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

MAX_TAGS = 5
MAX_LENGTH = 20


def tag_key(name):
    """What makes two tags the same: `Django`, `django` and `ｄｊａｎｇｏ` are one tag."""
    return unicodedata.normalize("NFKC", name).casefold()


def clean_tag(value):
    """A tag as written (trimmed), or ValidationError."""
    if not isinstance(value, str):
        raise ValidationError("each tag must be a string")
    name = value.strip()
    if not 1 <= len(name) <= MAX_LENGTH:
        raise ValidationError(f"a tag is 1–{MAX_LENGTH} characters")
    if "," in name or "，" in name:
        raise ValidationError("a tag may not contain a comma")
    if not name.isprintable():
        raise ValidationError("a tag may not contain control characters")
    if len(tag_key(name)) > MAX_LENGTH:  # "ß" folds to "ss": the key must fit too
        raise ValidationError(f"a tag is 1–{MAX_LENGTH} characters")
    return name


class TagListField(forms.Field):
    """A JSON array of tag names; duplicates (case-insensitively) count once."""

    def to_python(self, value):
        if value in (None, ""):
            return []
        if not isinstance(value, list):
            raise ValidationError("tags must be an array of strings")
        names, seen = [], set()
        for item in value:
            name = clean_tag(item)
            if tag_key(name) not in seen:
                seen.add(tag_key(name))
                names.append(name)
        if len(names) > MAX_TAGS:
            raise ValidationError(f"at most {MAX_TAGS} tags")
        return names


class TagFilterField(forms.CharField):
    """?tag=NAME: one tag, the same rules as when written."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_tag(value) if value else ""
