"""geo.extract.dates.find_dates, rule by rule: each row is a sentence, its publication date, and
every date mention the module finds in it (text, date, precision: 1 day, 2 week, 3 month, 4 year)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.dates import find_dates

MON = date(2023, 6, 5)  # a Monday
FRI = date(2023, 6, 9)
NEW_YEAR = date(2024, 1, 2)  # a Tuesday, just after a year boundary
LEAP = date(2024, 3, 1)

CASES = [
    # relative days: the latest such weekday on or before publication
    ("weekday", "Artillery hit the depot on Sunday, the mayor said.", MON, [("on Sunday", "2023-06-04", 1)]),
    ("weekday same day", "The convoy was ambushed on Monday.", MON, [("on Monday", "2023-06-05", 1)]),
    ("bare weekday", "Thursday saw two blasts near the port.", MON, [("Thursday", "2023-06-01", 1)]),
    ("last weekday on that day", "A ferry sank last Monday.", MON, [("last Monday", "2023-05-29", 1)]),
    ("last weekday", "A ferry sank last Wednesday.", FRI, [("last Wednesday", "2023-06-07", 1)]),
    ("next weekday", "Talks resume next Friday.", MON, [("next Friday", "2023-06-09", 1)]),
    ("habitual weekday", "The market opens on Saturdays.", MON, [("on Saturdays", "2023-06-03", 1)]),
    ("weekday across the year", "Rockets landed on Friday.", NEW_YEAR, [("on Friday", "2023-12-29", 1)]),
    ("yesterday", "A pipeline burned yesterday near the river.", MON, [("yesterday", "2023-06-04", 1)]),
    ("yesterday across the year", "Gunfire was heard yesterday.", date(2024, 1, 1), [("yesterday", "2023-12-31", 1)]),
    ("a day earlier", "The depot burned a day earlier.", MON, [("a day earlier", "2023-06-04", 1)]),
    ("the previous day", "The depot burned the previous day.", MON, [("the previous day", "2023-06-04", 1)]),
    ("the day before another event", "The depot burned the day before the vote.", MON, []),
    ("today", "Sirens sounded today across the city.", MON, [("today", "2023-06-05", 1)]),
    ("overnight", "A barracks was struck overnight.", MON, [("overnight", "2023-06-05", 1)]),
    ("last night", "Looters came last night.", MON, [("last night", "2023-06-05", 1)]),
    # the day named after "overnight into" or "the night of" decides
    ("overnight into a weekday", "Drones struck overnight into Sunday.", MON, [("Sunday", "2023-06-04", 1)]),
    ("the night of a date", "Drones struck on the night of June 2.", MON, [("June 2", "2023-06-02", 1)]),
    # days ago: the day; a few days ago: that week
    ("days ago", "A convoy was ambushed two days ago.", MON, [("two days ago", "2023-06-03", 1)]),
    ("a few days ago", "A convoy was ambushed a few days ago.", MON, [("a few days ago", "2023-06-02", 2)]),
    # weeks and weekends: dated mid-week, or on the Saturday of last weekend
    ("last week", "A bridge collapsed last week after shelling.", MON, [("last week", "2023-05-31", 2)]),
    ("past week", "Clashes grew during the past week.", FRI, [("past week", "2023-05-31", 2)]),
    ("last weekend", "Protesters gathered last weekend.", MON, [("last weekend", "2023-06-03", 2)]),
    ("earlier this week, Friday", "Earlier this week a tower fell.", FRI, [("Earlier this week", "2023-06-07", 2)]),
    ("this week, Monday", "This week a tower fell.", MON, [("This week", "2023-06-05", 2)]),
    # a season or year before this one: context, at a year's precision
    ("last summer", "Troops pushed into the region last summer.", MON, [("last summer", "2022-07-15", 4)]),
    ("last year", "The town fell last year.", MON, [("last year", "2022-07-15", 4)]),
    # a morning roundup of the past day: the day before, where most of its hours fall
    ("past day", "Russian attacks killed five people over the past day.", MON, [("over the past day", "2023-06-04", 1)]),
    ("past 24 hours", "Shelling hit 30 towns in the past 24 hours.", MON, [("in the past 24 hours", "2023-06-04", 1)]),
    # a page's timestamp tells no date, and no month either
    ("timestamp", "by Anna Petrova June 5, 2023 10:32 AM 1 min read", MON, []),
    ("a date and a time of day in a sentence", "The convoy was hit on June 3 at 10:32.", MON, [("June 3", "2023-06-03", 1)]),
    ("this year", "The province has seen fierce fighting this year.", MON, [("this year", "2023-06-01", 4)]),
    ("earlier this year", "The town fell earlier this year.", MON, [("earlier this year", "2023-06-01", 4)]),
    ("the previous winter", "Power failed the previous winter.", MON, [("the previous winter", "2022-01-15", 4)]),
    # the weekend just past: its Sunday; on a weekend day, that day
    ("over the weekend", "Drones circled over the weekend.", FRI, [("over the weekend", "2023-06-04", 2)]),
    ("at the weekend, Monday", "Two were killed at the weekend.", MON, [("at the weekend", "2023-06-04", 2)]),
    ("weekend attacks, Sunday", "Weekend attacks killed four.", date(2023, 6, 11), [("Weekend", "2023-06-11", 2)]),
    ("in recent days", "Fires spread in recent days.", FRI, [("in recent days", "2023-06-07", 2)]),
    # explicit days
    ("month day", "The dam was breached on May 22, engineers said.", MON, [("May 22", "2023-05-22", 1)]),
    ("day month year", "The dam was breached on 22 May 2023.", MON, [("22 May 2023", "2023-05-22", 1)]),
    ("month day year", "It was first shelled on March 3, 2022.", MON, [("March 3, 2022", "2022-03-03", 1)]),
    ("ordinal of", "Ceasefire talks failed on the 2nd of June.", MON, [("2nd of June", "2023-06-02", 1)]),
    ("abbreviated month", "A truce began on Apr. 9.", MON, [("Apr. 9", "2023-04-09", 1)]),
    ("day after publication", "Reports dated June 6 mention the raid.", MON, [("June 6", "2023-06-06", 1)]),
    ("later day is last year", "The raid of June 20 was never explained.", MON, [("June 20", "2022-06-20", 1)]),
    ("across the year", "Mortars fell on December 30.", NEW_YEAR, [("December 30", "2023-12-30", 1)]),
    ("future across the year", "The army will withdraw on January 3.", date(2023, 12, 30),
     [("January 3", "2024-01-03", 1)]),
    ("leap day", "A strike on February 29 hit the plant.", LEAP, [("February 29", "2024-02-29", 1)]),
    ("no such day: the month", "A strike on February 30 hit the plant.", MON, [("February", "2023-02-15", 3)]),
    ("iso date", "The log reads 2023-05-22 for the first blast.", MON, [("2023-05-22", "2023-05-22", 1)]),
    ("iso no such day", "The log reads 2023-02-30 for the first blast.", MON, []),
    # nights across two days: the morning's date
    ("night of d-d month", "Drones attacked on the night of 23-24 May, officials said.", MON, [("night of 23-24 May", "2023-05-24", 1)]),
    ("night of month d to d, year", "The night of May 23 to 24, 2022 was loud.", MON,
     [("night of May 23 to 24, 2022", "2022-05-24", 1)]),
    ("night with year", "On the night of 7-8 August 2021 a depot burned.", MON,
     [("night of 7-8 August 2021", "2021-08-08", 1)]),
    # months: dated mid-month
    ("in month", "Troops withdrew in April.", MON, [("in April", "2023-04-15", 3)]),
    ("in this month", "Troops withdrew in June.", MON, [("in June", "2023-06-15", 3)]),
    ("later month is last year", "Troops withdrew in October.", MON, [("in October", "2022-10-15", 3)]),
    ("future month", "Troops will withdraw in October.", MON, [("in October", "2023-10-15", 3)]),
    ("future month across the year", "Troops will withdraw in February.", MON, [("in February", "2024-02-15", 3)]),
    ("month year", "The siege began in April 2022.", MON, [("in April 2022", "2022-04-15", 3)]),
    ("may with a preposition", "The siege began in May.", MON, [("in May", "2023-05-15", 3)]),
    ("may is a verb", "Officials may say more soon.", MON, []),
    ("this month", "Earlier this month a school was hit.", MON, [("Earlier this month", "2023-06-15", 3)]),
    ("recent weeks", "Raids increased in recent weeks.", MON, [("in recent weeks", "2023-06-15", 3)]),
    ("last month", "A pylon fell last month.", MON, [("last month", "2023-05-15", 3)]),
    ("last month across the year", "A pylon fell last month.", date(2024, 1, 20), [("last month", "2023-12-15", 3)]),
    # years: background only
    ("year", "The town has been contested since 2014.", MON, [("since 2014", "2014-07-01", 4)]),
    ("span of years", "It was a garrison between 1999 and 2009.", MON,
     [("between 1999", "1999-07-01", 4), ("and 2009", "2009-07-01", 4)]),
    # several in one sentence, in text order; overlapping spans give one mention
    ("two in order", "Shelling on Saturday followed a raid yesterday.", MON,
     [("on Saturday", "2023-06-03", 1), ("yesterday", "2023-06-04", 1)]),
    ("no date", "The river is wide here.", MON, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_find_dates(text: str, published: date, expected: list[tuple[str, str, int]]):
    found = [(d.text, d.value.isoformat(), d.precision) for d in find_dates(text, published)]
    assert found == expected


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("We will meet on Friday.", None, "2023-06-09"),  # the clause's own tense
    ("We will meet on Friday.", False, "2023-06-02"),  # the caller's word wins
    ("They met on Friday.", True, "2023-06-09"),
    ("They vowed to return on Friday.", None, "2023-06-09"),
    ("We will say what happened last Friday.", None, "2023-06-02"),  # "last" is past in any tense
])
def test_tense_decides_which_weekday(text: str, future: bool | None, expected: str):
    [found] = find_dates(text, MON, future=future)
    assert found.value.isoformat() == expected


def test_spans_point_into_the_text():
    text = "After the raid on 22 May 2023, and again on Sunday, the port closed."
    found = find_dates(text, MON)
    assert [text[d.start:d.end].strip() for d in found] == [d.text for d in found] == ["22 May 2023", "on Sunday"]


def test_no_publication_date_no_dates():
    assert find_dates("Shelling on Sunday, 22 May 2023, and yesterday.", None) == []


@pytest.mark.parametrize("text", ["police said Wednesday.", "killed late Wednesday", "on Wednesday night"])
def test_a_span_holds_its_words_only(text: str):
    (found,) = find_dates(text, date(2025, 3, 12))
    assert text[found.start:found.end] == found.text


def test_the_day_of_saying_gives_way_to_the_day_the_next_sentence_gives_the_event(gazetteer):
    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    text = ("A drone strike near the town of Debre Markos killed at least 30 people, witnesses said Wednesday. "
            "The strike on Monday appeared to target militia fighters, one witness said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [(i.event_date, i.time_precision) for i in found] == [(date(2025, 3, 10), 1)]


@pytest.mark.parametrize(("text", "expected"), [
    # the night told with its date is that date, not the night before the report
    ("Drones struck the airfield overnight on June 8, hitting fuel tanks.", [("June 8", date(2025, 6, 8))]),
    ("Drones hit the city overnight into Sunday.", [("Sunday", date(2025, 6, 8))]),
    # ... and alone, it is the night before the report
    ("Drones hit the city overnight. On Sunday the mayor spoke.",
     [("overnight", date(2025, 6, 10)), ("On Sunday", date(2025, 6, 8))]),
])
def test_overnight_with_a_date(text: str, expected):
    assert [(d.text, d.value) for d in find_dates(text, date(2025, 6, 10))] == expected


def test_a_day_of_saying_is_inherited_unless_it_only_dates_a_claim(gazetteer):
    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    # the next sentence's undated report took the day the rebels spoke, as it did before
    text = ("Yemen's Houthi rebels said on Sunday they had fired missiles at a merchant vessel. A ship reported an "
            "explosion in the water about 70 nautical miles west of Hodeidah, a maritime agency said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [(i.event_date, i.time_precision) for i in found] == [(date(2025, 3, 9), 1)]


def test_the_day_before_counts_from_the_day_said(gazetteer):
    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    # published on a Wednesday; the governor spoke on Tuesday of "the previous day": Monday
    text = "Russian artillery shelled Kherson the previous day, killing one man, the governor said on Tuesday."
    found = extract_incidents(article_from_text(text, published=date(2024, 11, 20)), gazetteer)
    assert [(i.place_as_written, i.event_date) for i in found] == [("Kherson", date(2024, 11, 18))]
