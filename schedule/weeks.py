"""ISO weeks (Monday to Sunday) as the schedule names them: `2026-W49` in URLs."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

# Four-digit year, two-digit week; anything else a reader (or a bot) types is refused.
_WEEK = re.compile(r"([0-9]{4})-[Ww]([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @classmethod
    def of(cls, day):
        """The week a date falls in."""
        year, number, _weekday = day.isocalendar()
        return cls(year, number)

    @classmethod
    def current(cls):
        """This week in Vietnam (Asia/Ho_Chi_Minh), whatever the server's clock zone."""
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, value):
        """`2026-W49` → Week, or None for anything else (wrong form, week 53 of a 52-week
        year, a year outside 2000–2100)."""
        match = _WEEK.fullmatch(value or "")
        if not match:
            return None
        year, number = int(match[1]), int(match[2])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        return cls(year, number)

    def __str__(self):
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self):
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)

    @property
    def days(self):
        return [self.monday + timedelta(days=n) for n in range(7)]

    def shifted(self, weeks):
        return Week.of(self.monday + timedelta(weeks=weeks))

    @property
    def previous(self):
        earlier = self.shifted(-1)
        return earlier if earlier.year >= FIRST_YEAR else None

    @property
    def next(self):
        following = self.shifted(1)
        return following if following.year <= LAST_YEAR else None
