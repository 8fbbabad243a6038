"""Cron expressions: Airflow's presets, validation and the English description Airflow shows."""

from __future__ import annotations

CRON_PRESETS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@midnight": "0 0 * * *",
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
_FIELD_NAMES = ["minute", "hour", "day of month", "month", "day of week"]


class CronError(ValueError):
    """An invalid cron expression."""


def expand_preset(expr: str) -> str:
    """A preset (``@daily``) as its cron expression; other strings unchanged."""
    return CRON_PRESETS.get(expr, expr)


def _value(token: str, index: int) -> int:
    names = _MONTHS if index == 3 else _DAYS if index == 4 else None
    low = token.lower()
    if names and low in names:
        return names.index(low) + (1 if index == 3 else 0)
    if not token.isdigit():
        raise CronError(f"[{token}] is not acceptable")
    return int(token)


def validate(expr: str) -> None:
    """Raise ``CronError`` with a croniter-like message when ``expr`` is not a valid cron."""
    fields = expand_preset(expr).split()
    if len(fields) not in (5, 6, 7):
        raise CronError("Exactly 5, 6 or 7 columns has to be specified for iterator expression.")
    for index, field in enumerate(fields[:5]):
        low, high = _RANGES[index]
        for part in field.split(","):
            base, _, step = part.partition("/")
            if step and (not step.isdigit() or int(step) == 0):
                raise CronError(f"[{expr}] is not acceptable")
            if base in ("*", "?") or (index == 2 and base in ("L", "LW")):
                continue
            if index == 4 and ("#" in base or base.endswith("L")):
                base = base.split("#")[0].rstrip("L") or "0"
            if index == 2 and base.endswith("W"):
                base = base[:-1]
            bounds = base.split("-")
            if len(bounds) > 2 or not all(bounds):
                raise CronError(f"[{expr}] is not acceptable")
            for bound in bounds:
                try:
                    number = _value(bound, index)
                except CronError:
                    raise CronError(f"[{expr}] is not acceptable") from None
                if not low <= number <= high:
                    raise CronError(f"[{expr}] is not acceptable, out of range")


def _two(n: str) -> str:
    return f"{int(n):02d}"


def _list(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _names(token: str, index: int) -> str:
    names = _MONTH_NAMES if index == 3 else _DAY_NAMES
    offset = 1 if index == 3 else 0
    return names[_value(token, index) - offset]


def _time_part(minute: str, hour: str) -> str:
    simple_min = minute.isdigit()
    if simple_min and hour.isdigit():
        return f"At {_two(hour)}:{_two(minute)}"
    if simple_min and "," in hour and all(h.isdigit() for h in hour.split(",")):
        return "At " + _list([f"{_two(h)}:{_two(minute)}" for h in hour.split(",")])
    parts: list[str] = []
    if minute == "0" and hour != "*":
        pass
    elif minute == "*":
        parts.append("Every minute")
    elif minute.startswith("*/"):
        parts.append(f"Every {int(minute[2:])} minutes")
    elif minute.isdigit():
        parts.append(
            "Every hour" if int(minute) == 0 and hour == "*" else f"At {int(minute)} minutes past the hour"
        )
    elif "-" in minute and "/" not in minute:
        a, b = minute.split("-")
        parts.append(f"Minutes {_two(a)} through {_two(b)} past the hour")
    else:
        parts.append(f"At {_list([str(int(m)) for m in minute.split(',')])} minutes past the hour")
    if hour == "*":
        pass
    elif hour.startswith("*/"):
        parts.append(f"every {int(hour[2:])} hours")
    elif "/" in hour and "-" in hour.split("/")[0]:
        span, step = hour.split("/")
        a, b = span.split("-")
        parts.append(f"every {int(step)} hours, between {_two(a)}:00 and {_two(b)}:59")
    elif "-" in hour and "/" not in hour:
        a, b = hour.split("-")
        parts.append(f"between {_two(a)}:00 and {_two(b)}:59")
    elif hour.isdigit():
        parts.append(f"between {_two(hour)}:00 and {_two(hour)}:59")
    else:
        parts.append("at " + _list([f"{_two(h)}:00" for h in hour.split(",")]))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _dom_part(dom: str) -> str:
    if dom in ("*", "?"):
        return ""
    if dom == "L":
        return ", on the last day of the month"
    if dom.startswith("*/"):
        return f", every {int(dom[2:])} days"
    if "-" in dom:
        a, b = dom.split("-")
        return f", between day {int(a)} and {int(b)} of the month"
    return f", on day {_list([str(int(d)) for d in dom.split(',')])} of the month"


def _dow_part(dow: str) -> str:
    if dow in ("*", "?"):
        return ""
    if "-" in dow and "/" not in dow and "," not in dow:
        a, b = dow.split("-")
        return f", {_names(a, 4)} through {_names(b, 4)}"
    return ", only on " + _list([_names(d, 4) for d in dow.split(",")])


def _month_part(month: str) -> str:
    if month == "*":
        return ""
    if month.startswith("*/"):
        return f", every {int(month[2:])} months"
    if "-" in month and "," not in month:
        a, b = month.split("-")
        return f", {_names(a, 3)} through {_names(b, 3)}"
    return ", only in " + _list([_names(m, 3) for m in month.split(",")])


def _describe(fields: list[str]) -> str:
    minute, hour, dom, month, dow = fields[:5]
    return _time_part(minute, hour) + _dom_part(dom) + _dow_part(dow) + _month_part(month)


def describe(expr: str) -> str:
    """The description Airflow computes for a cron timetable ("" when it has none)."""
    fields = expand_preset(expr).split()
    if len(fields) != 5:
        return ""
    try:
        validate(expr)
        if fields[2] not in ("*", "?") and fields[4] not in ("*", "?"):
            by_dom = _describe([fields[0], fields[1], fields[2], fields[3], "*"])
            by_dow = _describe([fields[0], fields[1], "*", fields[3], fields[4]])
            return f"{by_dom} (or) {by_dow}"
        return _describe(fields)
    except (CronError, ValueError, IndexError):
        return ""
