"""Error codes of the notifications app (10700-10719), listed in docs/errors.md."""
INVALID_INPUT = 10701
