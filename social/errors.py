"""Error codes of the social app (10600-10699), listed in docs/errors.md."""
INVALID_INPUT = 10601
FOLLOW_SELF = 10602
NOT_OWNER = 10603
