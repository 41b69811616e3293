"""The Import page: upload a CSV, GeoJSON or JSON file, see which column fills which field and a
preview of the first rows and of the rejected ones, then confirm to store them (as `incident-map import`)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import IncidentMapError
from geo.intake.importer import ImportOptions, ImportReport, import_file, preview_file, write_errors
from geo.intake.mapping import FIELDS
from pages.data import db_url, engine_for
from pages.text import plain

# What the uploader takes: the formats `incident-map import` reads (geo.intake.readers).
SUFFIXES = ["csv", "tsv", "txt", "geojson", "json", "gz", "zip", "gpkg"]
PREVIEW_ROWS = 20
SHOWN_ERRORS = 50
_ORDERS = {"From the file": None, "Day first (04/05 is 4 May)": "dayfirst", "Month first (04/05 is 5 April)": "monthfirst"}


def _saved(upload: Any) -> tuple[Path, str]:
    """The upload in a folder of its own under the system's temporary folder. Only the name's
    suffix is used (it says the format); the rest of the uploaded name is shown, never a path."""
    name = str(upload.name)
    suffixes = [s.lower().lstrip(".") for s in Path(name).suffixes[-2:]]
    kept = "".join(f".{s}" for s in suffixes if s in SUFFIXES) or ".csv"
    folder = Path(tempfile.mkdtemp(prefix="incident-map-import-"))
    path = folder / f"upload{kept}"
    path.write_bytes(upload.getvalue())
    dataset = re.sub(r"[^\w .()-]+", "_", Path(name).name.split(".")[0])[:80] or "upload"
    return path, dataset


def _forget() -> None:
    previous = st.session_state.pop("import_file", None)
    if previous is not None:
        shutil.rmtree(Path(previous).parent, ignore_errors=True)
    for key in ("import_report", "import_rows", "import_dataset", "import_mapping"):
        st.session_state.pop(key, None)


def _options(dataset: str, order_label: str, update: bool) -> ImportOptions:
    mapping = {f: c for f, c in st.session_state.get("import_mapping", {}).items() if c is not None}
    return ImportOptions(mapping=mapping, order=_ORDERS[order_label], update=update,  # type: ignore[arg-type]
                         dataset=dataset)


def _preview(path: Path, options: ImportOptions) -> None:
    try:
        with st.spinner("Reading the file…"):
            report, rows = preview_file(path, options, limit=PREVIEW_ROWS)
    except IncidentMapError as exc:
        st.session_state.pop("import_report", None)
        st.error(plain(f"Could not read this file: {exc}"))
        return
    st.session_state["import_report"] = report
    st.session_state["import_rows"] = rows


def _mapping_editor(report: ImportReport) -> None:
    """The guessed mapping, editable: a field's column can be changed or cleared."""
    st.caption("Which column fills which field (guessed from the column names; change a column and preview again).")
    current = {**report.fields, **{f: c for f, c in st.session_state.get("import_mapping", {}).items() if c}}
    frame = pd.DataFrame({"field": list(FIELDS), "column": [current.get(f) for f in FIELDS]})
    edited = st.data_editor(frame, hide_index=True, width="stretch", key="import_mapping_editor", disabled=["field"],
                            column_config={"column": st.column_config.SelectboxColumn(
                                "column", options=report.columns, required=False)})
    st.session_state["import_mapping"] = {
        r["field"]: r["column"] for r in edited.to_dict("records")
        if isinstance(r["column"], str) and r["column"] and r["column"] != report.fields.get(r["field"])}


def import_page() -> None:
    st.title("Import incidents")
    st.caption("An ACLED export, a GeoJSON FeatureCollection of points, a TimeMap JSON or any CSV with a date and "
               "coordinates. Nothing is stored until you confirm.")
    upload = st.file_uploader("File", type=SUFFIXES, accept_multiple_files=False, key="import_upload")
    c1, c2, c3 = st.columns(3)
    dataset_name = c1.text_input("Dataset (for attribution)", placeholder="the file's name, or ACLED for ACLED's")
    order_label = c2.selectbox("Numeric dates", list(_ORDERS))
    update = c3.checkbox("Replace rows the dataset re-issued", help="ACLED rows with a newer timestamp")
    if upload is None:
        _forget()
        return
    if st.session_state.get("import_upload_id") != upload.file_id:
        _forget()
        path, dataset = _saved(upload)
        st.session_state.update(import_file=str(path), import_dataset=dataset, import_upload_id=upload.file_id)
    path = Path(st.session_state["import_file"])
    options = _options(dataset_name.strip() or st.session_state["import_dataset"], order_label, update)
    if st.button("Preview"):
        _preview(path, options)
    report: ImportReport | None = st.session_state.get("import_report")
    if report is None:
        return
    st.subheader("Preview", anchor=False)
    st.markdown(plain(report.summary().replace(", stored:", ", would be stored:", 1)))
    if report.mapping:
        _mapping_editor(report)
    rows = st.session_state.get("import_rows", [])
    if rows:
        st.dataframe(pd.DataFrame([{
            "date": i.event_date, "place": i.place, "country": i.country, "type": i.event_type,
            "sub-event type": i.sub_event_type, "groups": "; ".join(i.actors), "fatalities": i.fatalities,
            "source id": i.source_id, "dataset": i.dataset or "incident-map"} for i in rows]), width="stretch")
    if report.errors:
        st.warning(plain(f"{len(report.errors)} rows would be rejected; the first {min(SHOWN_ERRORS, len(report.errors))}:"))
        st.dataframe(pd.DataFrame([{"where": e.where, "column": e.column, "problem": e.problem}
                                   for e in report.errors[:SHOWN_ERRORS]]), width="stretch")
    if st.button("Import these rows", type="primary", disabled=report.stored == 0):
        bar = st.progress(0.0, text="Importing…")

        def progress(line: str, *, share: float | None = None, log: bool = True) -> None:
            # Every 1,000 rows: the rows read, the rejected ones and the share of the file read.
            bar.progress(min(1.0, share or 0.0), text=plain(f"Importing: {line.strip()}"))

        try:
            done = import_file(engine_for(db_url()), path, options, progress=progress)
        except IncidentMapError as exc:
            st.error(plain(f"Could not import this file: {exc}"))
            return
        finally:
            bar.empty()
        st.success(plain(f"Imported: {done.summary()}"))
        if done.errors:
            errors = path.parent / "rejected.csv"
            write_errors(done, errors)
            st.download_button("Download the rejected rows (CSV: fix and import again)", errors.read_bytes(),
                               file_name="rejected.csv", mime="text/csv")
        st.session_state.pop("import_report", None)


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see pages.data.hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
