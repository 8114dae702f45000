"""Error codes of the notifications app (10700-10799), listed in docs/errors.md."""
INVALID_INPUT = 10701
