import pytest
from django.test import Client, TestCase


class AdminClient(Client):
    """A browser at the admin: form posts, a session cookie, and (like a real request)
    the on-commit work of each request run when it ends."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def staff(make_user):
    return make_user("operator", is_staff=True, is_superuser=True)


@pytest.fixture
def as_staff(staff):
    client = AdminClient()
    client.force_login(staff)
    return client
