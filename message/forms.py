from django import forms

from tools.forms import StrictForm


class MessageForm(StrictForm):
    numeric_fields = ("parent_id",)

    content = forms.CharField(min_length=1, max_length=500)  # stripped by CharField
    parent_id = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
