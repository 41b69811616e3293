"""Property tests: no text, however odd, crashes extraction, and what it finds is on the Earth."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.extract.pipeline import extract_incidents
from geo.intake.articles import article_from_text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_no_text_crashes_extraction(gazetteer, text):
    if not text.strip():
        return
    found = extract_incidents(article_from_text(text, published=date(2023, 6, 2)), gazetteer)
    for incident in found:
        assert -90 <= incident.latitude <= 90 and -180 <= incident.longitude <= 180


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=200), st.sampled_from(
    ["Shebekino", "Kozinka", "Belgorod region", "Avdiivka", "Dnipro"]))
def test_text_around_a_real_report_does_not_crash(gazetteer, noise, place):
    text = f"{noise}\nRussian forces shelled {place} on Sunday, officials said. {noise}"
    extract_incidents(article_from_text(text, published=date(2023, 6, 2)), gazetteer)
