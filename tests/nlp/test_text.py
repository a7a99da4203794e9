from hypothesis import given
from hypothesis import strategies as st

from geoevents.nlp.text import looks_like_html, mask_markup, prepare

HTML = ("<html><head><style>p {color: red}</style><script>alert('x')</script></head><body>"
        "<p>North Korea fired two missiles.</p><p>“It is a threat,” he said.</p></body></html>")


def test_markup_is_blanked_in_place() -> None:
    masked = prepare(HTML)
    assert len(masked) == len(HTML)
    start = HTML.index("North Korea")
    assert masked[start:start + 11] == "North Korea"
    assert "alert" not in masked and "color" not in masked and "<" not in masked
    assert "\n\n" in masked


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    text = "If a < b and c > d, nothing changes."
    assert not looks_like_html(text)
    assert prepare(text) == text


@given(st.text(max_size=300))
def test_prepare_keeps_length_and_every_visible_character_of_plain_text(text: str) -> None:
    out = prepare(text)
    assert len(out) == len(text)
    if not looks_like_html(text):
        for a, b in zip(text, out, strict=True):
            assert a == b or b == " "


@given(st.lists(st.sampled_from(["<p>", "</p>", "<b>", "word ", "<br/>", "x", "<!-- c -->"]),
                max_size=30))
def test_mask_markup_never_moves_text(parts: list[str]) -> None:
    text = "".join(parts)
    masked = mask_markup(text)
    assert len(masked) == len(text)
    for i, char in enumerate(masked):
        assert char in (text[i], " ", "\n")
