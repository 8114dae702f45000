"""The production stack's index is MariaDB's Mroonga engine (docs/search.md); the
corpus tests of this folder run against it in the stack pass."""
import pytest
from django.db import connection

from search.backends import get_backend
from search.backends.mroonga import MroongaBackend
from tests.search.conftest import titles

pytestmark = [pytest.mark.django_db, pytest.mark.stack]


@pytest.fixture(autouse=True)
def _mariadb_only():
    if connection.vendor != "mysql":
        pytest.skip("MariaDB only")


def test_the_stack_searches_with_mroonga():
    assert isinstance(get_backend(), MroongaBackend)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ENGINE FROM information_schema.TABLES "
                       "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'search_document'")
        assert cursor.fetchone()[0] == "Mroonga"


def test_mroonga_finds_two_character_words_innodb_fulltext_would_drop(api, alice, indexed):
    indexed(alice, "博客", "<p>缓存</p>")
    assert titles(api, "博客") == ["博客"] and titles(api, "缓存") == ["博客"]


def test_mroonga_ignores_boolean_operators_typed_into_the_query(api, alice, indexed):
    indexed(alice, "博客", "<p>Django 缓存</p>")
    assert titles(api, '+博客 -缓存 "django" (x) ~y <z >w @2 *') == []
    assert titles(api, "-博客 +django*") == ["博客"]
