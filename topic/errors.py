"""Error codes of the topic app (10300-10399), listed in docs/errors.md."""
INVALID_INPUT = 10301
TOPIC_NOT_FOUND = 10302
NOT_OWNER = 10303
