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
