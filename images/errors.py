"""Error codes of the images app (10600-10619), listed in docs/errors.md."""
IMAGE_INVALID = 10600
IMAGE_TOO_LARGE = 10601
IMAGE_TOO_MANY_PIXELS = 10602
IMAGE_THROTTLED = 10603
