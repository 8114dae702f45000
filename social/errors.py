"""Error codes of the social app (10620-10639), listed in docs/errors.md."""
INVALID_INPUT = 10621
FOLLOW_SELF = 10622
NOT_OWNER = 10623
