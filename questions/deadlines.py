"""When a citizen's question must be answered: a number of working days after receipt.

A pure function of dates, so it is tested without a clock. Working days are Monday to
Friday; public holidays given in `holidays` (dates) are skipped as well. The day of receipt
is not counted: a question received on Friday (or on Saturday or Sunday) starts its first
working day on Monday.
"""

from datetime import date, timedelta

ANSWER_WITHIN_WORKING_DAYS = 15


def is_working_day(day, holidays=()):
    return day.weekday() < 5 and day not in holidays


def add_working_days(start, days, holidays=()):
    """The date `days` working days after `start` (a date), skipping weekends and holidays."""
    if days < 0:
        raise ValueError("days must not be negative")
    holidays = frozenset(holidays)
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start, end, holidays=()):
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, holidays)
    holidays = frozenset(holidays)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


def answer_due(received: date, holidays=()):
    """The last day to answer a question received on `received`."""
    return add_working_days(received, ANSWER_WITHIN_WORKING_DAYS, holidays)
