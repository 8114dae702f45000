"""Error codes of the social app (10720-10739), listed in docs/errors.md."""
INVALID_INPUT = 10721
FOLLOW_SELF = 10722
NOT_OWNER = 10723
