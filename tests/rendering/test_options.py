from __future__ import annotations

import pytest

from pressreader.errors import OptionsError
from pressreader.rendering import RenderOptions


@pytest.mark.parametrize(
    ("size", "rem", "px"),
    [
        ("standard", 1.167, 18.67),
        ("large", 1.5, 24.0),
        ("largest", 2.0, 32.0),
        (1.0, 1.0, 16.0),
        (1, 1.0, 16.0),
        (2.5, 2.5, 40.0),
        (4.0, 4.0, 64.0),
    ],
)
def test_sizes(size: str | float, rem: float, px: float) -> None:
    options = RenderOptions(size=size)
    assert options.size_rem == rem
    assert options.size_px == px


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("size", "huge", "size must be 'standard', 'large', 'largest' or a number from 1.0 to 4.0"),
        ("size", 0.5, "not 0.5"),
        ("size", 4.01, "not 4.01"),
        ("size", True, "not True"),
        ("size", float("nan"), "not nan"),
        ("theme", "neon", "theme must be one of 'default', 'high-contrast', 'dark', 'cream', not 'neon'"),
        ("font", "comic", "font must be one of 'sans', 'serif', 'dyslexia-friendly'"),
        ("line_spacing", 1.2, "line_spacing must be a number from 1.5 to 3.0"),
        ("letter_spacing", -0.1, "letter_spacing must be a number from 0.0 to 0.5 (em)"),
        ("word_spacing", "wide", "word_spacing must be a number"),
        ("measure", 10, "measure must be a whole number from 20 to 120 (characters), not 10"),
        ("measure", 70.5, "measure must be a whole number"),
        ("width", 19, "width must be a whole number from 20 to 1000 (columns), not 19"),
        ("color", "yes", "color must be True or False, not 'yes'"),
    ],
)
def test_bad_values_are_clear_errors(field: str, value: object, message: str) -> None:
    with pytest.raises(OptionsError, match=None) as info:
        RenderOptions(**{field: value})  # type: ignore[arg-type]
    assert message in str(info.value)
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_frozen_and_replace() -> None:
    options = RenderOptions()
    with pytest.raises(AttributeError):
        options.size = "large"  # type: ignore[misc]
    assert options.replace(size="large").size == "large"
    with pytest.raises(OptionsError, match="unknown render option"):
        options.replace(colour=True)
    with pytest.raises(OptionsError, match="theme"):
        options.replace(theme="x")


def test_dyslexia_preset_follows_bda() -> None:
    preset = RenderOptions.dyslexia_friendly()
    assert preset.font == "dyslexia-friendly"
    assert preset.theme == "cream"
    assert preset.word_spacing == pytest.approx(3.5 * preset.letter_spacing)
    assert 60 <= preset.measure <= 70
