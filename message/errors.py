"""Error codes of the message app (10400-10499), listed in docs/errors.md."""
INVALID_INPUT = 10401
MESSAGE_NOT_FOUND = 10402
NOT_ALLOWED = 10403
DUPLICATE = 10404
TOO_MANY = 10405
