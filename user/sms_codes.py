"""SMS verification codes: issue, throttle, verify, use once — each for one purpose.

A code has a purpose (REGISTER, LOGIN, RESET, docs/api.md §13): it is stored, cooled down and
counted under that purpose, so a registration code never logs anyone in or resets a
password, and asking for one kind does not block the others. The daily caps per phone
and per address count every purpose together.

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

REGISTER, LOGIN, RESET = "register", "login", "reset"
PURPOSES = (REGISTER, LOGIN, RESET)


def _key(kind, purpose, phone):
    if purpose not in PURPOSES:
        raise ValueError(f"unknown SMS code purpose {purpose!r}")
    return f"sms:{kind}:{purpose}:{phone}"


def code_key(purpose, phone):
    return _key("code", purpose, phone)


def cooldown_key(purpose, phone):
    return _key("cooldown", purpose, phone)


def _tries_key(purpose, phone):
    return _key("tries", purpose, phone)


def issue_code(*, phone, ip, purpose):
    """Store a fresh 6-digit code for (phone, purpose), enforcing the purpose's cooldown
    and the daily caps; returns it. The caller decides whether it is sent: a code for a
    phone nobody has is stored all the same, so checking it answers like any other."""
    codes = ratelimit.store()
    first_in_cooldown = codes.add(cooldown_key(purpose, phone), 1, settings.SMS_COOLDOWN_SECONDS)
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
    codes.set(code_key(purpose, phone), code, settings.SMS_CODE_TTL_SECONDS)
    codes.delete(_tries_key(purpose, phone))
    return code


def wrong_code(*, phone, purpose):
    """Count one wrong try against the (phone, purpose) code and raise its 400: what a
    wrong code answers, also used where a right code must not reveal anything more."""
    tries = ratelimit.hit(_tries_key(purpose, phone), settings.SMS_CODE_TTL_SECONDS)
    if tries >= settings.SMS_MAX_WRONG_TRIES:
        ratelimit.store().delete(code_key(purpose, phone))
        raise ApiError(400, errors.SMS_CODE_TOO_MANY_TRIES,
                       "Too many wrong codes; request a new one",
                       fields={"sms_num": "too many tries"})
    raise ApiError(400, errors.SMS_CODE_WRONG, "The code is wrong",
                   fields={"sms_num": "wrong code"})


def verify_code(*, phone, code, purpose):
    """Raise ApiError(400) unless `code` is the phone's current code for `purpose`; every
    wrong try counts, and SMS_MAX_WRONG_TRIES of them burn the code. The code stays
    valid until use_code() (so a taken username can be fixed without a new SMS)."""
    stored = ratelimit.store().get(code_key(purpose, phone))
    if stored is None:
        raise ApiError(400, errors.SMS_CODE_MISSING,
                       "The code has expired or was never sent; request a new one",
                       fields={"sms_num": "expired"})
    # Bytes: compare_digest refuses str with non-ASCII characters ("１２３４５６").
    if not hmac.compare_digest(str(stored).encode(), str(code).encode()):
        wrong_code(phone=phone, purpose=purpose)


def use_code(*, phone, purpose):
    """The code did its job: it cannot be used again."""
    ratelimit.store().delete_many([code_key(purpose, phone), _tries_key(purpose, phone)])
