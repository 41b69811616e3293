"""The seed articles' core incidents, annotated by hand by reading them (not by running the extractor).

Each: article file, GeoNames place name, date, time precision, a group that must be among
the actors (None: not stated by the article), the ACLED event type.
"""

from __future__ import annotations

from datetime import date

CORE_INCIDENTS = [
    # Dec 2023: Freedom of Russia Legion raid near Terebreno, "on Sunday" before publication on Mon 18 Dec.
    ("000_40f2111fe8493bd1.txt", "Terebreno", date(2023, 12, 17), 1, "Freedom of Russia Legion", "Battles"),
    # The battle for Avdiivka, "the most intense battle taking place in Ukraine" at publication:
    # fighting the report says is going on is dated at the report, within a week (issue 12's
    # convention for current fighting; it was the month until then).
    ("000_40f2111fe8493bd1.txt", "Avdiyivka", date(2023, 12, 18), 2, "Military Forces of Russia", "Battles"),
    # 22 May 2023: Kozinka taken and Grayvoron entered, reported by two articles.
    ("003_9958bf51f3480b78.txt", "Kozinka", date(2023, 5, 22), 1, "Freedom of Russia Legion", "Battles"),
    ("003_9958bf51f3480b78.txt", "Grayvoron", date(2023, 5, 22), 1, "Russian Volunteer Corps", "Battles"),
    ("001_4a8d532ccd6c4d10.txt", "Kozinka", date(2023, 5, 22), 1, "Freedom of Russia Legion", "Battles"),
    ("001_4a8d532ccd6c4d10.txt", "Grayvoron", date(2023, 5, 22), 1, None, "Battles"),
    # 1 June 2023 (Thursday): Shebekino shelled, in two articles; drones strike Belgorod city.
    ("001_4a8d532ccd6c4d10.txt", "Shebekino", date(2023, 6, 1), 1, "Military Forces of Ukraine", "Explosions/Remote violence"),
    ("002_1943200aa988dab2.txt", "Shebekino", date(2023, 6, 1), 1, "Military Forces of Ukraine", "Explosions/Remote violence"),
    ("001_4a8d532ccd6c4d10.txt", "Belgorod", date(2023, 6, 1), 1, None, "Explosions/Remote violence"),
    # April 2023: a Russian jet drops ammunition on Belgorod by mistake (only the month).
    ("003_9958bf51f3480b78.txt", "Belgorod", date(2023, 4, 15), 3, "Military Forces of Russia", "Explosions/Remote violence"),
    # The night before 22 May 2023: Russian missiles and drones on Dnipro.
    ("003_9958bf51f3480b78.txt", "Dnipro", date(2023, 5, 22), 1, "Military Forces of Russia", "Explosions/Remote violence"),
]

# Places these articles name only as background (history, other wars, officials' titles):
# no incident of the article's time is there.
BACKGROUND_PLACES = [
    ("003_9958bf51f3480b78.txt", "Crimea"),
    ("001_4a8d532ccd6c4d10.txt", "Crimea"),
    ("003_9958bf51f3480b78.txt", "Chechnya"),
    ("000_40f2111fe8493bd1.txt", "Kyiv"),
    ("001_4a8d532ccd6c4d10.txt", "Kyiv"),
]
