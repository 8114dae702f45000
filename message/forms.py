from django import forms

from message.models import Message
from tools.forms import AsciiIntegerField, StrictForm
from tools.http import MAX_ID


class MessageForm(StrictForm):
    numeric_fields = ("parent_id",)

    content = forms.CharField(min_length=1, max_length=Message.MAX_LENGTH)  # stripped by CharField
    parent_id = AsciiIntegerField(required=False, min_value=1, max_value=MAX_ID)
