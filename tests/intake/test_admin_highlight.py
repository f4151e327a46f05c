"""The review page's article markup: passages highlighted from offsets, the text escaped, overlaps kept."""

import re

from intake.views import Passage, highlighted


def marks(html):
    return re.findall(r'<mark class="([^"]+)" data-proposals="([^"]+)" title="[^"]*">(.*?)</mark>', html)


def test_a_passage_is_marked_and_the_rest_of_the_text_is_left_as_it_was():
    text = "Chile condemned the raid. Peru said nothing."
    html = highlighted(text, [Passage(7, 0, 25, "Chile — condemnation")])
    assert marks(html) == [("passage", "7", "Chile condemned the raid.")]
    assert html.endswith(" Peru said nothing.")
    assert '<span class="passage-anchor" id="passage-7"></span><mark' in html


def test_markup_in_the_article_and_in_summaries_is_escaped():
    text = 'Freedonia said <script>alert("x")</script> & more.'
    html = highlighted(text, [Passage(1, 15, 42, 'a "summary" <b>')])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp; more." in html
    assert 'title="a &quot;summary&quot; &lt;b&gt;"' in html


def test_overlapping_passages_share_one_mark_for_the_overlap_and_each_keeps_its_anchor():
    text = "Chile, Peru and Argentina condemned the boarding on Wednesday."
    sentence = Passage(1, 0, len(text), "Chile")
    same_sentence = Passage(2, 0, len(text), "Peru")
    inner = Passage(3, 26, 48, "a statement")  # "condemned the boarding"
    html = highlighted(text, [inner, sentence, same_sentence])
    assert marks(html) == [
        ("passage overlap", "1 2", "Chile, Peru and Argentina "),
        ("passage overlap", "1 2 3", "condemned the boarding"),
        ("passage overlap", "1 2", " on Wednesday."),
    ]
    for key in (1, 2, 3):
        assert html.count(f'id="passage-{key}"') == 1
    # Nothing of the text is lost or repeated.
    assert re.sub(r"<[^>]+>", "", html) == text


def test_offsets_outside_the_text_are_left_out_rather_than_guessed():
    html = highlighted("Short text.", [Passage(1, 5, 50, "too long"), Passage(2, 4, 4, "empty")])
    assert html == "Short text."
