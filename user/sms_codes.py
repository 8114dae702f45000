"""SMS verification codes kept in the cache: issue, throttle, check once."""
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache

from tools import ratelimit
from tools.http import SERVICE_UNAVAILABLE, ApiError
from user import errors

DAY = 86400


def _code_key(phone):
    return f"sms:code:{phone}"


def _tries_key(phone):
    return f"sms:tries:{phone}"


def issue_code(*, phone, ip):
    """Store a fresh 6-digit code for phone, enforcing cooldown and daily caps."""
    first_in_a_minute = cache.add(f"sms:cooldown:{phone}", 1, settings.SMS_COOLDOWN_SECONDS)
    if first_in_a_minute is None:  # the cache is down: a code could not be kept anyway
        raise ApiError(503, SERVICE_UNAVAILABLE, "Verification codes are unavailable; try again later")
    if not first_in_a_minute:
        raise ratelimit.too_many(
            errors.SMS_COOLDOWN,
            f"A code was just sent; try again in {settings.SMS_COOLDOWN_SECONDS} seconds",
            settings.SMS_COOLDOWN_SECONDS,
        )
    ratelimit.limit(f"sms:day:phone:{phone}", settings.SMS_DAILY_LIMIT_PER_PHONE, DAY,
                    errors.SMS_DAILY_LIMIT, "Too many codes for this phone today")
    ratelimit.limit(f"sms:day:ip:{ip}", settings.SMS_DAILY_LIMIT_PER_IP, DAY,
                    errors.SMS_DAILY_LIMIT, "Too many codes from this address today")
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_code_key(phone), code, settings.SMS_CODE_TTL_SECONDS)
    cache.delete(_tries_key(phone))
    return code


def check_code(*, phone, code):
    """Accept the code once; 5 wrong tries burn it. Raises ApiError(400)."""
    stored = cache.get(_code_key(phone))
    if stored is None:
        raise ApiError(400, errors.SMS_CODE_MISSING,
                       "The code has expired or was never sent; request a new one",
                       fields={"sms_num": "expired"})
    if not hmac.compare_digest(str(stored), str(code)):
        tries = ratelimit.hit(_tries_key(phone), settings.SMS_CODE_TTL_SECONDS)
        if tries >= settings.SMS_MAX_WRONG_TRIES:
            cache.delete(_code_key(phone))
            raise ApiError(400, errors.SMS_CODE_TOO_MANY_TRIES,
                           "Too many wrong codes; request a new one",
                           fields={"sms_num": "too many tries"})
        raise ApiError(400, errors.SMS_CODE_WRONG, "The code is wrong",
                       fields={"sms_num": "wrong code"})
    cache.delete_many([_code_key(phone), _tries_key(phone)])
