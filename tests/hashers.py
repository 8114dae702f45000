from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """The production hasher with fewer rounds, so the suite stays fast."""

    iterations = 1000
