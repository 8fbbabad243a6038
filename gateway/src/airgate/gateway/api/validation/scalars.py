"""Lax coercion of scalar inputs exactly as pydantic 2.13 (lax mode) does it, with its error texts.

Every function takes the raw input and returns the Python value, or raises :class:`Invalid` carrying
pydantic's ``type``, ``msg`` and ``ctx`` (the caller adds ``loc`` and ``input``).
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any


class Invalid(Exception):
    """One pydantic error without its location."""

    def __init__(self, type_: str, msg: str, ctx: dict[str, Any] | None = None, input_: Any = ...) -> None:
        super().__init__(msg)
        self.type = type_
        self.msg = msg
        self.ctx = ctx
        self.input = input_


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})
_INT_FLOAT_STR = re.compile(r"^\s*[+-]?\d[\d_]*\.0*\s*$")


def fmt_num(value: float | int) -> str:
    """A number as pydantic prints it in messages (``0.0`` -> ``0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_int(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Invalid("finite_number", "Input should be a finite number")
        if not value.is_integer():
            raise Invalid("int_from_float", "Input should be a valid integer, got a number with a fractional part")
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            if _INT_FLOAT_STR.match(value):
                return int(value.strip().split(".")[0].replace("_", ""))
            raise Invalid("int_parsing", "Input should be a valid integer, unable to parse string as an integer") from None
    raise Invalid("int_type", "Input should be a valid integer")


def to_float(value: Any) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise Invalid("float_parsing", "Input should be a valid number, unable to parse string as a number") from None
    raise Invalid("float_type", "Input should be a valid number")


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise Invalid("bool_parsing", "Input should be a valid boolean, unable to interpret input")
    if isinstance(value, int):
        if value in (0, 1):
            return bool(value)
        raise Invalid("bool_parsing", "Input should be a valid boolean, unable to interpret input")
    if isinstance(value, float) and value in (0.0, 1.0):
        return bool(value)
    raise Invalid("bool_type", "Input should be a valid boolean")


def to_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise Invalid("string_type", "Input should be a valid string")


# -- dates and times (speedate's grammar and messages) -------------------------------------------

_DT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt_ ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?)?"
)
_TIMESTAMP = re.compile(r"-?\d+(?:\.\d+)?")
_MAX_TS = 253_402_300_800  # 10000-01-01


def _date_error(text: str) -> str:
    """speedate's message when ``text`` does not parse as a date."""
    if len(text) < 10:
        return "input is too short"
    checks = ((0, 4, "invalid character in year"), (5, 7, "invalid character in month"),
              (8, 10, "invalid character in day"))
    for start, end, message in checks[:1]:
        if not text[start:end].isascii() or not text[start:end].isdigit():
            return message
    if text[4] != "-":
        return "invalid date separator, expected `-`"
    if not (text[5:7].isascii() and text[5:7].isdigit()):
        return checks[1][2]
    if text[7] != "-":
        return "invalid date separator, expected `-`"
    if not (text[8:10].isascii() and text[8:10].isdigit()):
        return checks[2][2]
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    if not 1 <= month <= 12:
        return "month value is outside expected range of 1-12"
    try:
        date(year, month, day)
    except ValueError:
        return "day value is outside expected range"
    return "unexpected extra characters at the end of the input"


def _from_timestamp(ts: float, what: str) -> datetime:
    if abs(ts) > 2e10:
        ts = ts / 1000
    if ts >= _MAX_TS:
        error = "dates after 9999 are not supported as unix timestamps"
        raise Invalid(f"{what}_parsing", f"Input should be a valid {what}, {error}", {"error": error})
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=ts)


def to_datetime(value: Any) -> datetime:
    if isinstance(value, bool):
        raise Invalid("datetime_type", "Input should be a valid datetime")
    if isinstance(value, (int, float)):
        return _from_timestamp(float(value), "datetime")
    if not isinstance(value, str):
        raise Invalid("datetime_type", "Input should be a valid datetime")
    if _TIMESTAMP.fullmatch(value):
        return _from_timestamp(float(value), "datetime")
    m = _DT.fullmatch(value)
    if m is not None:
        try:
            return _build(m)
        except ValueError:
            pass
    error = _date_error(value)
    raise Invalid("datetime_from_date_parsing", f"Input should be a valid datetime or date, {error}", {"error": error})


def _build(m: re.Match[str]) -> datetime:
    y, mo, d, hh, mm, ss, frac, zulu, sign, tzh, tzm = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    tz: timezone | None = None
    if zulu:
        tz = UTC
    elif sign:
        offset = timedelta(hours=int(tzh), minutes=int(tzm or 0))
        if offset >= timedelta(hours=24):
            raise ValueError("timezone offset")
        tz = timezone(-offset if sign == "-" else offset)
    return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), micro, tzinfo=tz)


def to_date(value: Any) -> date:
    if isinstance(value, str):
        if len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        error = _date_error(value)
        raise Invalid("date_from_datetime_parsing" if len(value) > 10 else "date_parsing",
                      f"Input should be a valid date in the format YYYY-MM-DD, {error}", {"error": error})
    raise Invalid("date_type", "Input should be a valid date")


def to_uuid(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        raise Invalid("uuid_type", "UUID input should be a string, bytes or UUID object")
    try:
        return uuid.UUID(value)
    except ValueError:
        error = _uuid_error(value)
        raise Invalid("uuid_parsing", f"Input should be a valid UUID, {error}", {"error": error}) from None


def _uuid_error(text: str) -> str:
    body = text[9:] if text.lower().startswith("urn:uuid:") else text
    for i, ch in enumerate(body):
        if ch not in "0123456789abcdefABCDEF-":
            return (f"invalid character: expected an optional prefix of `urn:uuid:` followed by "
                    f"[0-9a-fA-F-], found `{ch}` at {i + 1}")
    if "-" not in body:
        return f"invalid length: expected length 32 for simple format, found {len(body)}"
    groups = body.split("-")
    expected = (8, 4, 4, 4, 12)
    if len(groups) != 5:
        return f"invalid group count: expected 5, found {len(groups)}"
    for i, (group, want) in enumerate(zip(groups, expected, strict=True)):
        if len(group) != want:
            return f"invalid group length in group {i}: expected {want}, found {len(group)}"
    return "invalid format"


_DURATION = re.compile(
    r"([+-])?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?"
)


def to_timedelta(value: Any) -> timedelta:
    if isinstance(value, bool):
        raise Invalid("time_delta_type", "Input should be a valid timedelta")
    if isinstance(value, (int, float)):
        return timedelta(seconds=value)
    if isinstance(value, str):
        m = _DURATION.fullmatch(value)
        if m is not None and value.rstrip("T") not in ("P", "+P", "-P"):
            sign, y, mo, w, d, h, mi, s = m.groups()
            f = [float(x or 0) for x in (y, mo, w, d, h, mi, s)]
            out = timedelta(days=f[0] * 365 + f[1] * 30 + f[2] * 7 + f[3], hours=f[4], minutes=f[5], seconds=f[6])
            return -out if sign == "-" else out
        error = "invalid digit in duration" if not value[:1].isdigit() else "invalid time separator"
        raise Invalid("time_delta_parsing", f"Input should be a valid timedelta, {error}", {"error": error})
    raise Invalid("time_delta_type", "Input should be a valid timedelta")


def expected_text(values: list[Any] | tuple[Any, ...]) -> str:
    """``'a', 'b' or 'c'`` -- how pydantic lists expected literal/enum values."""
    parts = [repr(v) for v in values]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def bound_error(value: float | int, *, ge: Any = None, gt: Any = None, le: Any = None, lt: Any = None) -> None:
    """Raise pydantic's numeric-constraint error if ``value`` breaks a bound."""
    if ge is not None and not value >= ge:
        raise Invalid("greater_than_equal", f"Input should be greater than or equal to {fmt_num(ge)}", {"ge": ge})
    if gt is not None and not value > gt:
        raise Invalid("greater_than", f"Input should be greater than {fmt_num(gt)}", {"gt": gt})
    if le is not None and not value <= le:
        raise Invalid("less_than_equal", f"Input should be less than or equal to {fmt_num(le)}", {"le": le})
    if lt is not None and not value < lt:
        raise Invalid("less_than", f"Input should be less than {fmt_num(lt)}", {"lt": lt})


def string_error(value: str, *, min_length: int | None = None, max_length: int | None = None,
                 pattern: tuple[re.Pattern[str], str] | None = None) -> None:
    """Raise pydantic's string-constraint error if ``value`` breaks one (length before pattern)."""
    if min_length is not None and len(value) < min_length:
        s = "" if min_length == 1 else "s"
        raise Invalid("string_too_short", f"String should have at least {min_length} character{s}",
                      {"min_length": min_length})
    if max_length is not None and len(value) > max_length:
        s = "" if max_length == 1 else "s"
        raise Invalid("string_too_long", f"String should have at most {max_length} character{s}",
                      {"max_length": max_length})
    if pattern is not None and pattern[0].search(value) is None:
        raise Invalid("string_pattern_mismatch", f"String should match pattern '{pattern[1]}'",
                      {"pattern": pattern[1]})


def compile_pattern(text: str) -> tuple[re.Pattern[str], str]:
    """The pattern compiled with Rust-regex anchoring (``$`` is the very end) and its text."""
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", text)), text
