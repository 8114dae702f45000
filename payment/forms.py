from django import forms

from tools.forms import StrictForm
from tools.http import MAX_ID


class OrderForm(StrictForm):
    numeric_fields = ("topic_id",)

    topic_id = forms.IntegerField(min_value=1, max_value=MAX_ID)


class OrderListQueryForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=2**31)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=100)
