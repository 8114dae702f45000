"""SMS verification codes: issue, throttle, verify, use once.

Codes, cooldowns and wrong-try counters live in the limits store
(tools.ratelimit.store()), which list-cache traffic cannot evict. A code cannot be
kept in one process when several answer, so while that store is down codes are
unavailable (503) rather than kept where another process would not find them.
"""
import hmac
import secrets

from django.conf import settings

from tools import ratelimit
from tools.http import SERVICE_UNAVAILABLE, ApiError
from user import errors


def _code_key(phone):
    return f"sms:code:{phone}"


def _tries_key(phone):
    return f"sms:tries:{phone}"


def _cooldown_key(phone):
    return f"sms:cooldown:{phone}"


def issue_code(*, phone, ip):
    """Store a fresh 6-digit code for phone, enforcing cooldown and daily caps."""
    codes = ratelimit.store()
    first_in_cooldown = codes.add(_cooldown_key(phone), 1, settings.SMS_COOLDOWN_SECONDS)
    if first_in_cooldown is None:  # the store is down: a code could not be kept anyway
        raise ApiError(503, SERVICE_UNAVAILABLE, "Verification codes are unavailable; try again later")
    if not first_in_cooldown:
        raise ratelimit.too_many(
            errors.SMS_COOLDOWN,
            f"A code was just sent; try again in {settings.SMS_COOLDOWN_SECONDS} seconds",
            settings.SMS_COOLDOWN_SECONDS,
        )
    ratelimit.limit(f"sms:day:phone:{phone}", settings.SMS_DAILY_LIMIT_PER_PHONE,
                    settings.SMS_DAILY_WINDOW_SECONDS, errors.SMS_DAILY_LIMIT,
                    "Too many codes for this phone today")
    ratelimit.limit(f"sms:day:ip:{ip}", settings.SMS_DAILY_LIMIT_PER_IP,
                    settings.SMS_DAILY_WINDOW_SECONDS, errors.SMS_DAILY_LIMIT,
                    "Too many codes from this address today")
    code = f"{secrets.randbelow(10**6):06d}"
    codes.set(_code_key(phone), code, settings.SMS_CODE_TTL_SECONDS)
    codes.delete(_tries_key(phone))
    return code


def verify_code(*, phone, code):
    """Raise ApiError(400) unless `code` is the phone's current code; every wrong try
    counts, and SMS_MAX_WRONG_TRIES of them burn the code. The code stays valid until
    use_code() (so a taken username can be fixed without a new SMS)."""
    codes = ratelimit.store()
    stored = codes.get(_code_key(phone))
    if stored is None:
        raise ApiError(400, errors.SMS_CODE_MISSING,
                       "The code has expired or was never sent; request a new one",
                       fields={"sms_num": "expired"})
    # Bytes: compare_digest refuses str with non-ASCII characters ("１２３４５６").
    if not hmac.compare_digest(str(stored).encode(), str(code).encode()):
        tries = ratelimit.hit(_tries_key(phone), settings.SMS_CODE_TTL_SECONDS)
        if tries >= settings.SMS_MAX_WRONG_TRIES:
            codes.delete(_code_key(phone))
            raise ApiError(400, errors.SMS_CODE_TOO_MANY_TRIES,
                           "Too many wrong codes; request a new one",
                           fields={"sms_num": "too many tries"})
        raise ApiError(400, errors.SMS_CODE_WRONG, "The code is wrong",
                       fields={"sms_num": "wrong code"})


def use_code(*, phone):
    """The code did its job: it cannot be used again."""
    ratelimit.store().delete_many([_code_key(phone), _tries_key(phone)])
