"""The answer deadline: 15 working days after receipt, weekends (and listed holidays) skipped."""

from datetime import date, timedelta

import pytest

from questions.deadlines import add_working_days, answer_due, working_days_between


@pytest.mark.parametrize(
    "received, due",
    [
        # Monday 2/11/2026: three whole weeks of working days → Monday 23/11.
        (date(2026, 11, 2), date(2026, 11, 23)),
        # Friday: the count starts on Monday; 15th working day is Friday three weeks on.
        (date(2026, 11, 6), date(2026, 11, 27)),
        # Saturday and Sunday count as received "before Monday": the same deadline as Friday's.
        (date(2026, 11, 7), date(2026, 11, 27)),
        (date(2026, 11, 8), date(2026, 11, 27)),
        # Wednesday: 15 working days later is Wednesday three weeks on.
        (date(2026, 11, 4), date(2026, 11, 25)),
    ],
)
def test_fifteen_working_days_skip_weekends(received, due):
    assert answer_due(received) == due
    assert due.weekday() < 5


def test_a_deadline_never_falls_on_a_weekend_and_is_always_three_weeks_away_for_weekdays():
    start = date(2026, 1, 1)
    for offset in range(60):
        received = start + timedelta(days=offset)
        due = answer_due(received)
        assert due.weekday() < 5
        assert working_days_between(received, due) == 15
        if received.weekday() < 5:
            assert (due - received).days == 21


def test_holidays_are_skipped_too():
    # Quốc khánh 2/9/2026 is a Wednesday: a question received on Monday 31/8 gets a day more.
    received = date(2026, 8, 31)
    assert answer_due(received) == date(2026, 9, 21)
    assert answer_due(received, holidays=[date(2026, 9, 2)]) == date(2026, 9, 22)


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(date(2026, 11, 7), 0) == date(2026, 11, 7)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 7), -1)


def test_question_stores_its_deadline_from_the_local_receipt_day(make_question):
    from django.utils import timezone

    # 23:30 on Friday in Hà Nội is still Friday locally (16:30 UTC).
    received = timezone.make_aware(timezone.datetime(2026, 11, 6, 23, 30))
    question = make_question(received_at=received)
    assert question.due_on == date(2026, 11, 27)


def test_holidays_come_from_the_environment_and_a_bad_one_is_refused_clearly(run_manage, production_env):
    production_env["QUESTION_HOLIDAYS"] = "2026-09-02, 2027-01-01"
    good = run_manage("shell", "-c", "from django.conf import settings; print(settings.QUESTION_HOLIDAYS)",
                      env=production_env)
    assert "datetime.date(2026, 9, 2), datetime.date(2027, 1, 1)" in good.stdout, good.stderr
    production_env["QUESTION_HOLIDAYS"] = "02/09/2026"
    bad = run_manage("check", env=production_env)
    assert bad.returncode != 0
    assert "QUESTION_HOLIDAYS: '02/09/2026' is not a date like 2026-09-02." in bad.stderr
