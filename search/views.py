from search import errors, presenters, selectors
from search.forms import SearchQueryForm
from search.text import query_runs
from tools.http import ok, validate
from tools.views import ApiView


class SearchView(ApiView):
    def get(self, request):
        params = validate(SearchQueryForm, request.GET, errors.INVALID_QUERY)
        runs = query_runs(params["q"])
        rows, total = selectors.search(request.user, runs, page=params["page"],
                                       per_page=params["per_page"], author=params["author"])
        return ok(presenters.search_page(rows, runs, q=params["q"], total=total,
                                         page=params["page"], per_page=params["per_page"]))
