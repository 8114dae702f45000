"""Error codes of the search app (10900-10999), listed in docs/errors.md."""
INVALID_QUERY = 10901
