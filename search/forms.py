from django import forms

from tools.forms import PageQueryForm

MAX_QUERY_LENGTH = 50


class SearchQueryForm(PageQueryForm):
    """?q=&page=&per_page=&author= (docs/api.md §10): q is 1–50 characters after trimming."""

    q = forms.CharField(min_length=1, max_length=MAX_QUERY_LENGTH)
    author = forms.CharField(required=False, max_length=150)
