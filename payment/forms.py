from django import forms

from tools.forms import StrictForm
from tools.http import MAX_ID


class OrderForm(StrictForm):
    numeric_fields = ("topic_id",)

    topic_id = forms.IntegerField(min_value=1, max_value=MAX_ID)
