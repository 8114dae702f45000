from django import forms


class StrictForm(forms.Form):
    """JSON clients send typed values: a number or list where a string belongs is a 400.

    Fields named in `numeric_fields` also take JSON numbers (never booleans).
    """

    numeric_fields = ()

    def full_clean(self):
        super().full_clean()
        for name, value in (self.data or {}).items():
            if name not in self.fields or value is None or isinstance(value, str):
                continue
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not (name in self.numeric_fields and is_number):
                self._add_type_error(name)

    def _add_type_error(self, name):
        self._errors = self._errors or {}
        if name not in self._errors:
            self._errors[name] = self.error_class(["must be a string"])
        self.cleaned_data.pop(name, None)


class PageQueryForm(forms.Form):
    """?page=&per_page= of every list (SPEC §9): out of range is a 400, never clamped;
    absent or empty means page 1 of 20."""

    page = forms.IntegerField(required=False, min_value=1, max_value=2**31)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=100)

    def clean(self):
        data = super().clean()
        data["page"] = data.get("page") or 1
        data["per_page"] = data.get("per_page") or 20
        return data
