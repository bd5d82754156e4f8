"""The bar chart: a PNG of the codes only, the same bytes every time."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from codebench.exports.chart import DPI, WIDTH_INCHES, theme_chart
from codebench.reports.model import ReportTable


def test_chart_is_a_deterministic_png_of_fixed_width(themes: ReportTable) -> None:
    image = theme_chart(themes, {"Succesfactoren": "#3d8c52"}, "nl")
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert image == theme_chart(themes, {"Succesfactoren": "#3d8c52"}, "nl")
    with Image.open(io.BytesIO(image)) as png:
        assert png.size[0] == round(WIDTH_INCHES * DPI)
        assert "Software" not in png.info  # no matplotlib version in the file


def test_chart_grows_with_the_number_of_codes(themes: ReportTable) -> None:
    fewer = ReportTable("themes", "T", themes.frame.iloc[:3], {})
    with (
        Image.open(io.BytesIO(theme_chart(themes))) as all_codes,
        Image.open(io.BytesIO(theme_chart(fewer))) as some_codes,
    ):
        assert all_codes.size[1] > some_codes.size[1]


def test_chart_needs_codes(themes: ReportTable) -> None:
    groups_only = ReportTable("themes", "T", themes.frame[themes.frame["level"] == "group"], {})
    with pytest.raises(ValueError):
        theme_chart(groups_only)
