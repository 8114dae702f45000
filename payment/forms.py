from tools.forms import AsciiIntegerField, StrictForm
from tools.http import MAX_ID


class OrderForm(StrictForm):
    numeric_fields = ("topic_id",)

    topic_id = AsciiIntegerField(min_value=1, max_value=MAX_ID)
