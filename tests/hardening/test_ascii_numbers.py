"""Issue 10.7: numbers in forms and query strings are ASCII. Python's int() and Decimal()
take "１２", "1_000", " 7 " and (Decimal) "1e3" or "NaN"; the shared fields of
tools/forms.py do not."""
import pytest
from django import forms

from tools.forms import AsciiDecimalField, AsciiIntegerField, StrictForm


class PriceForm(StrictForm):
    numeric_fields = ("price", "count")

    price = AsciiDecimalField(required=False, min_value=0, max_digits=8, decimal_places=2)
    count = AsciiIntegerField(required=False, min_value=0)
    name = forms.CharField(required=False)


def valid(**data):
    form = PriceForm(data=data)
    return form.cleaned_data if form.is_valid() else None


@pytest.mark.parametrize("price", ["1e3", "１.５０", "１", "NaN", "Infinity", " 1.50", "1.50 ",
                                   "1_000", "+1", ".5", "1.", "٣", "1.005", -1])
def test_a_price_that_is_not_plain_ascii_decimal_is_refused(price):
    assert valid(price=price) is None


@pytest.mark.parametrize("price,expected", [("1.50", "1.50"), ("0", "0"), (1.5, "1.5"), (3, "3"),
                                            ("123456.78", "123456.78")])
def test_a_price_as_ascii_text_or_json_number_is_taken(price, expected):
    assert str(valid(price=price)["price"]) == expected


@pytest.mark.parametrize("count", ["１２", "1_000", " 7", "7 ", "1e3", "٣", "0x10", 1.5])
def test_an_integer_that_is_not_ascii_digits_is_refused(count):
    assert valid(count=count) is None


@pytest.mark.parametrize("count,expected", [("12", 12), (12, 12), ("0", 0)])
def test_an_integer_as_ascii_digits_or_json_number_is_taken(count, expected):
    assert valid(count=count)["count"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["page=１", "per_page=２０", "page=1_0", "page=%201"])
def test_page_parameters_with_non_ascii_digits_are_400(api, query):
    assert api.get(f"/v1/topics?{query}").status_code == 400


def test_partial_forms_require_only_what_is_sent_and_report_it():
    class Partial(StrictForm):
        title = forms.CharField()
        body = forms.CharField()

    form = Partial(data={"title": "t"}, partial=True)
    assert form.is_valid() and form.changed_values() == {"title": "t"}
    assert not Partial(data={"title": "t"}).is_valid()
    assert not Partial(data={"title": ""}, partial=True).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize("price", ["1e3", "１.５０", "1_000"])
def test_an_article_price_in_look_alike_digits_is_400(alice, login_as, price):
    response = login_as(alice).post("/v1/topics/alice", {
        "title": "t", "content": "<p>x</p>", "limit": "public", "category": "tec", "price": price})
    assert response.status_code == 400 and "price" in response.json()["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize("t_id", ["１", " 1", "1_0", "٣"])
def test_an_article_id_in_look_alike_digits_is_400(api, alice, t_id):
    response = api.get("/v1/topics/alice", {"t_id": t_id})
    assert response.status_code == 400 and response.json()["fields"] == {"t_id": "not an integer"}
