"""What every app's input forms share: strict JSON types, partial updates, ASCII numbers.

Digits are ASCII 0-9 everywhere: Python's `int()`, `Decimal()`, `\\d` and
`str.isdigit()` all accept full-width and other Unicode digits ("１２", "١٢"), so
number fields here check the text before converting it, and patterns use `[0-9]`.
"""
import re

from django import forms
from django.core.exceptions import ValidationError

ASCII_INTEGER = re.compile(r"-?[0-9]+")
ASCII_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class StrictForm(forms.Form):
    """JSON clients send typed values: a number or list where a string belongs is a 400.

    Fields named in `numeric_fields` also take JSON numbers (never booleans), those in
    `list_fields` JSON arrays (the field checks their items), those in `boolean_fields`
    JSON true/false (see JsonBooleanField).
    `partial=True` (PUT/PATCH of part of a resource) makes a field required only when
    it is sent (a field that is sent must still be valid); `changed_values()` is then
    what the client sent.
    """

    numeric_fields = ()
    list_fields = ()
    boolean_fields = ()

    def __init__(self, data=None, *, partial=False, **kwargs):
        super().__init__(data=data, **kwargs)
        if partial:
            for name, field in self.fields.items():
                field.required = field.required and name in self.data

    def changed_values(self):
        """The cleaned value of every field the client sent."""
        return {name: self.cleaned_data[name] for name in self.fields if name in self.data}

    def full_clean(self):
        super().full_clean()
        for name, value in (self.data or {}).items():
            if name not in self.fields or value is None or isinstance(value, str):
                continue
            if name in self.list_fields and isinstance(value, list):
                continue
            if name in self.boolean_fields and isinstance(value, bool):
                continue
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not (name in self.numeric_fields and is_number):
                self._add_type_error(name)

    def _add_type_error(self, name):
        self._errors = self._errors or {}
        if name not in self._errors:
            self._errors[name] = self.error_class(["must be a string"])
        self.cleaned_data.pop(name, None)


def _refuse_non_ascii_number(field, value, pattern):
    if isinstance(value, str) and value not in field.empty_values and not pattern.fullmatch(value):
        raise ValidationError(field.error_messages["invalid"], code="invalid")


class AsciiIntegerField(forms.IntegerField):
    """An integer as a JSON number or as ASCII digits: "12", never "１２", " 12", "1_2"."""

    def to_python(self, value):
        _refuse_non_ascii_number(self, value, ASCII_INTEGER)
        return super().to_python(value)


class AsciiDecimalField(forms.DecimalField):
    """A decimal as a JSON number or as plain ASCII text ("1.50"): never "1e3",
    "１.５０", " 1.5", "1_000" or "NaN", which Decimal() would all take."""

    def to_python(self, value):
        _refuse_non_ascii_number(self, value, ASCII_DECIMAL)
        return super().to_python(value)


class PageQueryForm(forms.Form):
    """?page=&per_page= of every list (docs/api.md §9): out of range is a 400, never clamped;
    absent or empty means page 1 of 20."""

    page = AsciiIntegerField(required=False, min_value=1, max_value=2**31)
    per_page = AsciiIntegerField(required=False, min_value=1, max_value=100)

    def clean(self):
        data = super().clean()
        data["page"] = data.get("page") or 1
        data["per_page"] = data.get("per_page") or 20
        return data


class JsonBooleanField(forms.Field):
    """JSON true or false, nothing else ("false" is a string, not a boolean); absent is
    None. List the field in the form's `boolean_fields`."""

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return value
        raise ValidationError("must be true or false", code="invalid")
