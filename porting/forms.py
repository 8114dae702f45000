from django import forms

from tools.forms import StrictForm
from topic.models import Topic


class ImportForm(forms.Form):
    category = forms.ChoiceField(required=False, choices=Topic.CATEGORIES)


class AppPasswordForm(StrictForm):
    name = forms.CharField(min_length=1, max_length=50, strip=True)
