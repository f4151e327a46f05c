"""Partial dates: a date plus how much of it is known.

A source may say "April 2024" or nothing at all. We store the first day of the known period
and a precision, and a database constraint keeps the two consistent: a date is present
exactly when the precision is not "unknown".
"""

import datetime

from django.db import models
from django.db.models import Q


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


def precision_constraint(*, date_field: str, precision_field: str, name: str) -> models.CheckConstraint:
    """The date is null exactly when the precision is unknown."""
    return models.CheckConstraint(
        condition=(
            Q(**{f"{date_field}__isnull": True, precision_field: DatePrecision.UNKNOWN})
            | (Q(**{f"{date_field}__isnull": False}) & ~Q(**{precision_field: DatePrecision.UNKNOWN}))
        ),
        name=name,
        violation_error_message="A date must be given exactly when its precision is not 'unknown'.",
    )


def truncate(value: datetime.date | None, precision: str) -> datetime.date | None:
    """Normalise a partial date to the first day of its known period."""
    if value is None:
        return None
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    return value


def display(value: datetime.date | None, precision: str) -> str:
    """Human form of a partial date: '2024-04-05', '2024-04', '2024' or 'unknown'."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return "unknown"
    if precision == DatePrecision.MONTH:
        return value.strftime("%Y-%m")
    if precision == DatePrecision.YEAR:
        return value.strftime("%Y")
    return value.isoformat()
