"""Swedish and English number, percent and date formats used by every renderer."""

from datetime import date

import numpy as np
import pytest

from samtrygg.publishing.formatting import (
    format_cell,
    format_date,
    format_number,
    format_percent,
    format_period,
    format_signed,
)
from samtrygg.publishing.words import source_note, value_with_unit

NB = "\u00a0"


@pytest.mark.parametrize(("value", "decimals", "sv", "en"), [
    (1234.5, 1, f"1{NB}234,5", "1,234.5"),
    (1234567, 0, f"1{NB}234{NB}567", "1,234,567"),
    (-3, 0, "−3", "−3"),
    (-1234.25, 1, f"−1{NB}234,3", "−1,234.3"),
    (2.675, 2, "2,68", "2.68"),
    (0.5, 0, "1", "1"),
    (-0.04, 1, "0,0", "0.0"),
    (999.96, 1, f"1{NB}000,0", "1,000.0"),
    (None, 0, "–", "–"),
    (float("nan"), 1, "–", "–"),
    (np.float64(3.14159), 2, "3,14", "3.14"),
    (np.int64(20145), 0, f"20{NB}145", "20,145"),
])
def test_numbers_are_grouped_and_rounded_half_away_from_zero(value, decimals, sv, en):
    assert format_number(value, decimals, "sv") == sv
    assert format_number(value, decimals, "en") == en


def test_percent_has_a_no_break_space_in_swedish_only():
    assert format_percent(12.5) == f"12,5{NB}%"
    assert format_percent(12.5, 1, "en") == "12.5%"
    assert format_percent(-0.25, 1) == f"−0,3{NB}%"
    assert value_with_unit(41.25, 1, "%", "sv") == f"41,3{NB}%"
    assert value_with_unit(4.2, 1, "per 1 000 inv.", "sv") == f"4,2{NB}per 1 000 inv."


def test_signed_changes_show_plus_but_never_plus_zero():
    assert format_signed(12) == "+12"
    assert format_signed(-3) == "−3"
    assert format_signed(0.2) == "0"
    assert format_signed(None) == "–"


def test_dates_spell_the_month():
    assert format_date(date(2026, 3, 12)) == "12 mars 2026"
    assert format_date(date(2026, 3, 2), "en") == "2 March 2026"
    assert format_period(date(2025, 1, 1), date(2025, 12, 31)) == "1 jan 2025 – 31 dec 2025"
    assert format_date(date(2025, 5, 31), "sv-SE") == "31 maj 2025"


def test_cells_keep_text_and_format_numbers():
    assert format_cell("Åby skola") == "Åby skola"
    assert format_cell(1234.5, 1) == f"1{NB}234,5"
    assert format_cell(None) == "–"
    assert format_cell(True) == "ja"
    assert format_cell(False, 0, "en") == "no"


def test_source_notes_are_prefixed_once():
    assert source_note("Kolada", "sv") == "Källa: Kolada"
    assert source_note("Källa: Brå", "sv") == "Källa: Brå"
    assert source_note("Brå", "en") == "Source: Brå"
    assert source_note("", "sv") == ""
