"""For views of any app: a user by username or the 404."""
from tools.http import ApiError
from user import errors, selectors


def user_or_404(username):
    user = selectors.get_user(username)
    if user is None:
        raise ApiError(404, errors.USER_NOT_FOUND, "No such user")
    return user
