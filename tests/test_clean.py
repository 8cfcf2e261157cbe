"""Tests of dyad.clean on real inputs: the sample scrapes, hand-written scrapes, an HTML page.

The gold answers in ../shared/samples/gold.json are checked when that folder is present; the
essential expectations for the same three samples are repeated as literals below so the
suite also runs from a bare clone of the repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from dyad.clean import clean
from dyad.clean.dates import parse_date, parse_date_line
from dyad.clean.metadata import clean_author, parse_byline, split_authors
from dyad.clean.rules import outlet_for_url
from dyad.errors import InputError
from dyad.model import Metadata, RawDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared")) / "samples" / "gold.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "clean"
GOLD_SAMPLES = ["000_94e6e827dd53408d.txt", "001_e98eb8699734e123.txt", "002_a34849246ac6736f.txt"]


def clean_text(text: str, **meta: Any) -> tuple[str, Metadata]:
    return clean(RawDocument("test.txt", "text", text, meta))


def clean_sample(name: str) -> tuple[str, Metadata]:
    path = SAMPLES / name
    return clean(RawDocument(str(path), "text", path.read_text("utf-8")))


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


# --- the samples against the gold answers -----------------------------------------------


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    if not GOLD.is_file():
        pytest.skip(f"gold answers not available at {GOLD}")
    data: dict[str, Any] = json.loads(GOLD.read_text("utf-8"))
    return data


@pytest.mark.parametrize("name", GOLD_SAMPLES)
def test_sample_matches_gold(name: str, gold: dict[str, Any]) -> None:
    expected = gold[name]
    body, meta = clean_sample(name)
    for key in ("title", "authors", "published", "url", "outlet"):
        assert getattr(meta, key) == expected[key], key
    for fragment in expected["body_contains"]:
        assert fragment in body
    for fragment in expected["body_excludes"]:
        assert fragment not in body


def test_sample_000_literal() -> None:
    body, meta = clean_sample("000_94e6e827dd53408d.txt")
    assert meta == Metadata(
        title="Putin, Obama Meet Ahead of G20",
        authors=["Nikolaus von Twickel"],
        published="2012-06-19",
        url="https://www.themoscowtimes.com/2012/06/19/putin-obama-meet-ahead-of-g20-a15572",
        outlet="The Moscow Times",
    )
    assert body.startswith("Presidents Vladimir Putin and Barack Obama finally had their first")
    assert "I look forward to hosting you in the United States.”" in body
    assert body.endswith("“They like being referred to as a global power,” he said.")
    assert "joint statement in which" in body and "Obama saying he looked" in body
    for absent in ("Carolyn Kaster", "Original url", "](#)", "**", "June 19, 2012"):
        assert absent not in body


def test_sample_001_literal() -> None:
    body, meta = clean_sample("001_e98eb8699734e123.txt")
    assert meta.title == "A Cold but Promising Obama-Putin Meeting"
    assert meta.authors == ["Andrei Kortunov"]
    assert meta.published == "2012-06-20"
    assert meta.url == (
        "https://www.themoscowtimes.com/2012/06/20/a-cold-but-promising-obama-putin-meeting-a15601"
    )
    assert meta.outlet == "The Moscow Times"
    assert "reconfirms the importance of the New START treaty" in body
    assert '"Difficulties mastered are opportunities won."' in body
    assert "Andrei Kortunov is president of the New Eurasia Foundation" in body
    for absent in ("Original url", "**", "Moscow Times", "views expressed"):
        assert absent not in body


def test_sample_002_literal() -> None:
    body, meta = clean_sample("002_a34849246ac6736f.txt")
    assert meta == Metadata(
        title="Obama, Putin Discuss Syria Crisis At G20",
        authors=["Heather Maher"],
        published=None,
        url=None,
        outlet="RFE/RL",
    )
    assert paragraphs(body)[0].startswith("U.S. President Barack Obama and Russian President")
    assert (
        "Washington has been seeking Russia's help in solving the urgent political and "
        "humanitarian crisis in Syria" in body
    )
    assert body.endswith("but has blocked harsher penalties.")
    for absent in (
        "Accessibility links",
        "Breaking News",
        "16x9 Image",
        "could face fines or imprisonment",
        "To find out more, click here",
        "Heather Maher",
        "undesirable organization",
        "U.S. President Barack Obama meets with his Russian counterpart",
    ):
        assert absent not in body


def test_samples_003_004_literal() -> None:
    body, meta = clean_sample("003_2991c885f5c99ec4.txt")
    assert meta.title == "Putin Won’t Admit Relations Between Russia and the U.S. Are Cooling"
    assert meta.published == "2013-09-06"
    assert body.startswith("Vladimir Putin would like Barack Obama")
    body, meta = clean_sample("004_6cc219655949d651.txt")
    assert meta.authors == ["Vladimir Frolov"] and meta.published == "2016-09-02"
    assert "with a sweeping proposal to modify the Anti-Ballistic Missile Treaty" in body
    assert "pushing Kiev to accept Russia's demands for a federal state" in body
    assert "J. Scott Applewhite" not in body and "Democratic Presidential nominee" not in body


# --- one rule at a time, on hand-written scrapes ------------------------------------------

ARTICLE = "The minister said the talks would continue next week in Geneva, officials confirmed."


def test_link_markup_keeps_words() -> None:
    text = (
        "# Title\n\nThe [joint statement](#) was signed, [Reuters](http://x.com/a_(b)) said, "
        "after ![a photo](http://img/x.jpg)the meeting [toward Putin] ended."
    )
    body, _ = clean_text(text)
    assert body == (
        "The joint statement was signed, Reuters said, after the meeting [toward Putin] ended."
    )


def test_emphasis_removed_words_kept() -> None:
    body, _ = clean_text("# T\n\nHe **strongly** denied *any* __role__ in it, snake_case_name.")
    assert body == "He strongly denied any role in it, snake_case_name."


def test_heading_is_title_not_body() -> None:
    body, meta = clean_text(f"World\n\n# Leaders Meet in Mexico\n\n{ARTICLE}")
    assert meta.title == "Leaders Meet in Mexico"
    assert body == ARTICLE


def test_masthead_dropped_and_names_outlet() -> None:
    body, meta = clean_text(f"# Title\n\n**The**  **Moscow Times**\n\n{ARTICLE}")
    assert body == ARTICLE
    assert meta.outlet == "The Moscow Times"


@pytest.mark.parametrize(
    "caption",
    [
        "Obama greets Putin at their meeting in Mexico. **Carolyn Kaster**",
        "Clinton hugs Obama on stage in Philadelphia, July 27, 2016. **J. Scott Applewhite / AP**",
        "Protesters gather outside the Kremlin on Sunday. (AP Photo/Alexander Zemlianichenko)",
    ],
)
def test_caption_with_credit_dropped(caption: str) -> None:
    body, _ = clean_text(f"# Title\n\n{caption}\n\n{ARTICLE}")
    assert body == ARTICLE


def test_bold_words_at_end_of_sentence_are_not_a_credit() -> None:
    text = f"# Title\n\n{ARTICLE}\n\nAsked whether he would resign, he said: **no**"
    body, _ = clean_text(text)
    assert body.endswith("Asked whether he would resign, he said: no")


def test_repeated_caption_under_title_dropped() -> None:
    caption = "U.S. President Barack Obama meets with Vladimir Putin in Los Cabos on June 18."
    body, meta = clean_text(f"Leaders Meet\n\n{caption}\n{caption}\n{ARTICLE}")
    assert meta.title == "Leaders Meet"
    assert body == ARTICLE


def test_repeated_line_in_body_kept_once() -> None:
    body, _ = clean_text(f"# T\n\n{ARTICLE}\n\nA second paragraph.\n\nA second paragraph.")
    assert paragraphs(body) == [ARTICLE, "A second paragraph."]


@pytest.mark.parametrize(
    "chrome",
    [
        "Accessibility links",
        "Breaking News",
        "  • 16x9 Image",
        "Skip to main content",
        "Share this article",
        "Advertisement",
        "Print",
        "Subscribe",
        "Read more:",
        "Image copyright Getty Images",
        "© 2019 Example Media Ltd. All rights reserved.",
    ],
)
def test_chrome_line_dropped(chrome: str) -> None:
    body, _ = clean_text(f"# Title\n\n{chrome}\n\n{ARTICLE}\n\n{chrome}")
    assert body == ARTICLE


def test_outlet_named_in_chrome_line() -> None:
    body, meta = clean_text(f"# T\n\n{ARTICLE}\n\n© 2012 The Moscow Times")
    assert body == ARTICLE
    assert meta.outlet == "The Moscow Times"
    _, meta = clean_text(f"# T\n\n{ARTICLE}\n\n© 2012 The Associated Press")
    assert meta.outlet is None


def test_chrome_words_inside_sentences_kept() -> None:
    text = f"# T\n\n{ARTICLE}\n\nBreaking news reached Moscow late on Monday, officials said."
    body, _ = clean_text(text)
    assert "Breaking news reached Moscow" in body


def test_legal_tail_dropped_and_names_outlet() -> None:
    tail = (
        "RFE/RL journalists report the news in 27 languages in 23 countries where a free press "
        "is banned.\n\n"
        'RFE/RL has been declared an "undesirable organization" by the Russian government.\n\n'
        "If you are in Russia or the Russia-controlled parts of Ukraine and hold a Russian "
        "passport, please note that you could face fines or imprisonment for sharing our "
        "content.\n\nTo find out more, click here."
    )
    body, meta = clean_text(f"# Title\n\n{ARTICLE}\n\n{tail}")
    assert body == ARTICLE
    assert meta.outlet == "RFE/RL"


def test_opinion_disclaimer_dropped() -> None:
    text = (
        f"# T\n\n{ARTICLE}\n\n*The views expressed in opinion pieces do not necessarily "
        "reflect the position of The Moscow Times.*"
    )
    body, meta = clean_text(text)
    assert body == ARTICLE
    assert meta.outlet == "The Moscow Times"


@pytest.mark.parametrize(
    "trailer",
    [
        "Original url: <https://www.themoscowtimes.com/2012/06/19/a15572>",
        "Original url:\n\n<https://www.themoscowtimes.com/2012/06/19/a15572>",
        "Original url:\n\n\nhttps://www.themoscowtimes.com/2012/06/19/a15572",
    ],
)
def test_original_url_taken_and_removed(trailer: str) -> None:
    body, meta = clean_text(f"# T\n\n{ARTICLE}\n\n{trailer}")
    assert body == ARTICLE
    assert meta.url == "https://www.themoscowtimes.com/2012/06/19/a15572"
    assert meta.outlet == "The Moscow Times"


def test_rejoin_paragraph_broken_before_lowercase() -> None:
    text = (
        '# T\n\nObama said he looked forward "to visiting Russia again, and I look forward '
        "to hosting you\n\nin the United States.”\n\nThe next paragraph starts here."
    )
    body, _ = clean_text(text)
    assert paragraphs(body) == [
        'Obama said he looked forward "to visiting Russia again, and I look forward to hosting '
        "you in the United States.”",
        "The next paragraph starts here.",
    ]


def test_rejoin_long_paragraph_cut_before_capital() -> None:
    text = (
        "# T\n\nBut it is significant that the joint statement reconfirms the importance of "
        "the New\n\nSTART treaty. Moreover, both sides agreed."
    )
    body, _ = clean_text(text)
    assert body == (
        "But it is significant that the joint statement reconfirms the importance of the New "
        "START treaty. Moreover, both sides agreed."
    )


def test_no_rejoin_after_sentence_end_or_into_title() -> None:
    text = (
        "Talks Resume in Geneva\n\nThe delegations met on Monday.\n\nthe talks, which began "
        "in 2009, were suspended last year.\n\nWhat Comes Next\n\nNegotiators will meet again."
    )
    body, meta = clean_text(text)
    assert meta.title == "Talks Resume in Geneva"
    assert paragraphs(body) == [
        "The delegations met on Monday.",
        "the talks, which began in 2009, were suspended last year.",
        "What Comes Next",
        "Negotiators will meet again.",
    ]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Nikolaus von Twickel", ["Nikolaus von Twickel"]),
        ("By [Nikolaus von Twickel](#)", ["Nikolaus von Twickel"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("by Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("By John Smith, Moscow Correspondent", ["John Smith"]),
        ("By Reuters", []),
    ],
)
def test_byline_forms(line: str, authors: list[str]) -> None:
    body, meta = clean_text(f"# Title\n\n{line}\n\n{ARTICLE}")
    assert meta.authors == authors
    assert body == ARTICLE


def test_written_by_with_additional_reporting() -> None:
    text = (
        f"# T\n\n{ARTICLE}\n\nWritten by Heather Maher in Washington, with additional "
        "reporting by AP"
    )
    body, meta = clean_text(text)
    assert meta.authors == ["Heather Maher"]
    assert body == ARTICLE
    byline = parse_byline("Written by Jane Doe in Kyiv, with additional reporting by John Roe")
    assert byline is not None and byline.authors == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize(
    "line", ["By Tuesday, talks had stalled.", "By the numbers", "By contrast, growth slowed"]
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None
    body, meta = clean_text(f"# T\n\n{line}\n\n{ARTICLE}")
    assert meta.authors == []
    assert line.rstrip(".") in body


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("June 19, 2012", "2012-06-19"),
        ("September 02, 2016", "2016-09-02"),
        ("Sept. 4, 2016", "2016-09-04"),
        ("19 June 2012", "2012-06-19"),
        ("2012-06-19", "2012-06-19"),
        ("Tuesday, June 19, 2012", "2012-06-19"),
        ("06/19/2012", "2012-06-19"),
        ("19.06.2012", "2012-06-19"),
        ("Published: June 19, 2012 10:30 AM EDT", "2012-06-19"),
    ],
)
def test_date_line_forms(line: str, iso: str) -> None:
    body, meta = clean_text(f"# Title\n\nBy Jane Doe\n\n{line}\n\n{ARTICLE}")
    assert meta.published == iso
    assert body == ARTICLE


def test_updated_line_is_not_the_publication_date() -> None:
    body, meta = clean_text(f"# Title\n\nUpdated: June 21, 2012\n\n{ARTICLE}")
    assert meta.published is None
    assert body == ARTICLE


def test_dates_in_sentences_are_not_taken() -> None:
    text = f"# T\n\n{ARTICLE}\n\nOn June 18, 2012, the presidents met in Los Cabos."
    body, meta = clean_text(text)
    assert meta.published is None
    assert "On June 18, 2012, the presidents met" in body
    assert parse_date_line("On June 18, 2012, the presidents met") == (False, None)


def test_quotes_preserved_exactly() -> None:
    quoted = "He called it \"candid,\" then added: “We’ll see,” and ‘maybe’ — 'perhaps' — «soon»."
    body, _ = clean_text(f"# T\n\n{quoted}")
    assert body == quoted


def test_whitespace_collapsed_and_paragraphs_separated() -> None:
    body, _ = clean_text("\n\n# T\n\n  First   para\u00a0here.  \n\n\n\nSecond\tpara.  \n\n")
    assert body == "First para here.\n\nSecond para."


def test_plain_text_headline_then_body() -> None:
    text = "Ad sales boost Time Warner profit\n\nQuarterly profits jumped 76%.\n\nIt also grew."
    body, meta = clean_text(text)
    assert meta.title == "Ad sales boost Time Warner profit"
    assert body == "Quarterly profits jumped 76%.\n\nIt also grew."
    assert meta.authors == [] and meta.published is None and meta.outlet is None


# --- HTML -----------------------------------------------------------------------------------


def test_html_article() -> None:
    page = (FIXTURES / "article.html").read_text("utf-8")
    body, meta = clean(RawDocument("article.html", "html", page))
    assert meta.title == "Leaders Agree to Resume Arms Talks"
    assert meta.authors == ["Jane Roe"]
    assert meta.published == "2012-06-19"  # the original date, not article:modified_time
    assert meta.url == "https://www.themoscowtimes.com/2012/06/19/leaders-agree-a1"
    assert meta.outlet == "The Moscow Times"
    parts = paragraphs(body)
    assert len(parts) == 4
    assert parts[0].startswith("The two presidents agreed on Monday to resume talks")
    assert '"We have found many points in common," the Russian president' in body
    for chrome in ("Arts and Life", "Related articles", "Ruble falls", "Privacy", "rights"):
        assert chrome not in body
    assert "Leaders Agree to Resume Arms Talks" not in body


def test_html_outlet_from_site_name_when_domain_unknown() -> None:
    page = (FIXTURES / "article.html").read_text("utf-8")
    page = page.replace("https://www.themoscowtimes.com", "https://gazette.example.org")
    page = page.replace('content="The Moscow Times"', 'content="Example Gazette"')
    _, meta = clean(RawDocument("a.html", "html", page, {"url": "https://gazette.example.org/x"}))
    assert meta.outlet == "Example Gazette"
    assert meta.url == "https://gazette.example.org/x"


def test_html_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text found"):
        clean(RawDocument("empty.html", "html", "<html><body><script>x()</script></body></html>"))


# --- container metadata, outlets, errors ---------------------------------------------------


def test_container_metadata_overrides_inferred() -> None:
    text = f"# Inferred Title\n\nBy Jane Doe\n\nJune 19, 2012\n\n{ARTICLE}"
    body, meta = clean_text(
        text,
        title="Supplied Title",
        url="https://www.rferl.org/a/123.html",
        published="2012-06-18T22:00:00Z",
        authors="Ann Lee; Bob Ray",
        outlet="",
    )
    assert body == ARTICLE
    assert meta.title == "Supplied Title"
    assert meta.published == "2012-06-18"
    assert meta.authors == ["Ann Lee", "Bob Ray"]
    assert meta.url == "https://www.rferl.org/a/123.html"
    assert meta.outlet == "RFE/RL"  # empty supplied value does not win; the URL names it


def test_container_values_kept_as_given() -> None:
    _, meta = clean_text(ARTICLE, authors=["Associated Press"], outlet="Moscow Daily")
    assert meta.authors == ["Associated Press"]
    assert meta.outlet == "Moscow Daily"


def test_unparseable_container_date_keeps_inferred() -> None:
    _, meta = clean_text(f"# T\n\nJune 19, 2012\n\n{ARTICLE}", published="yesterday")
    assert meta.published == "2012-06-19"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.themoscowtimes.com/2012/06/19/a", "The Moscow Times"),
        ("https://www.rferl.org/a/x.html", "RFE/RL"),
        ("http://news.bbc.co.uk/2/hi/europe/1.stm", "BBC News"),
        ("https://www.bbc.com/news/world-1", "BBC News"),
        ("https://edition.cnn.com/2012/06/19/x", "CNN"),
        ("https://www.nytimes.com/2012/06/19/world/x.html", "The New York Times"),
        ("https://example.org/story", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


def test_empty_body_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text found"):
        clean_text("   \n\n  ")
    with pytest.raises(InputError):
        clean_text("# Just a Title\n\nBy Jane Doe\n\nJune 19, 2012\n\nAdvertisement")


def test_unknown_kind_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown document kind"):
        clean(RawDocument("x.pdf", "pdf", "text"))  # type: ignore[arg-type]


# --- metadata helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2012-06-19T10:00:00Z", "2012-06-19"),
        ("2012-06-19", "2012-06-19"),
        ("Tue, 19 Jun 2012 10:00:00 GMT", "2012-06-19"),
        ("June 19, 2012", "2012-06-19"),
        ("2012-13-45", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_split_and_clean_page_authors() -> None:
    assert split_authors("Jane Doe; John Roe and Ann Lee, Reuters") == [
        "Jane Doe",
        "John Roe",
        "Ann Lee",
    ]
    assert clean_author("Analysis by Chris Cillizza") == "Chris Cillizza"
    assert clean_author("Phil Helsel is a reporter for NBC News") == "Phil Helsel"
    assert clean_author("JILL LAWLESS Associated Press") == "JILL LAWLESS"
    assert clean_author("admin") is None
    assert clean_author("Science X staff") is None


def test_subheading_in_body_is_not_the_title() -> None:
    text = f"Talks Resume\n\n{ARTICLE}\n\n## What Comes Next\n\nNegotiators will meet again."
    body, meta = clean_text(text)
    assert meta.title == "Talks Resume"
    assert paragraphs(body) == [ARTICLE, "What Comes Next", "Negotiators will meet again."]


def test_byline_first_is_not_a_title() -> None:
    body, meta = clean_text(f"By Jane Doe\n\n{ARTICLE}")
    assert meta.title is None
    assert meta.authors == ["Jane Doe"]
    assert body == ARTICLE


def test_title_case_headline_with_period() -> None:
    body, meta = clean_text(f"St. Paul Votes To Condemn Trump’s Muslim Ban.\n\n{ARTICLE}")
    assert meta.title == "St. Paul Votes To Condemn Trump’s Muslim Ban."
    assert body == ARTICLE
    body, meta = clean_text(f"The talks failed.\n\n{ARTICLE}")
    assert meta.title is None
    assert paragraphs(body) == ["The talks failed.", ARTICLE]


# --- readers' comment threads -------------------------------------------------------------

COMMENTS = (
    "At 2:10 pm on 02 Jun 2009, ghostofsichuan wrote: The events are well known.\n\n"
    "Blogs and internet pages have told the story.\n\n"
    "At 12:19 26th Jun 2009, barrie wrote: This comment was removed by the moderators.\n\n"
    "Subscribe to the blog via these feeds."
)


def test_comment_thread_under_the_article_dropped() -> None:
    body, _ = clean_text(f"# T\n\n{ARTICLE}\n\n{COMMENTS}")
    assert body == ARTICLE


@pytest.mark.parametrize(
    "header",
    [
        "June 2, 2009 at 2:10 pm, jenny wrote:",
        "02/06/2009 14:10, jenny wrote:",
        "At 18:40 23rd Mar 2010 , jenny wrote :",  # tokenised text, as in Timeline17
    ],
)
def test_comment_header_forms(header: str) -> None:
    thread = f"{header} First comment.\n\n{header} Second comment."
    body, _ = clean_text(f"# T\n\n{ARTICLE}\n\n{thread}")
    assert body == ARTICLE


def test_one_timestamped_post_is_not_a_thread() -> None:
    quoted = "At 2:10 pm on 02 Jun 2009, a reader wrote: the events are well known."
    body, _ = clean_text(f"# T\n\n{ARTICLE}\n\n{quoted}\n\nThe minister replied on Monday.")
    assert body == f"{ARTICLE}\n\n{quoted}\n\nThe minister replied on Monday."


def test_writing_without_a_clock_time_is_article_text() -> None:
    lines = [
        "On 2 June 2009, the minister wrote: the talks are over.",
        "Napier wrote: the spill is the worst in the nation's history.",
        "At the summit on 2 June 2009, Obama said: we will meet again.",
    ]
    text = "\n\n".join(lines)
    body, _ = clean_text(f"# T\n\n{ARTICLE}\n\n{text}")
    assert body == f"{ARTICLE}\n\n{text}"


def test_a_page_of_comments_alone_is_kept_whole() -> None:
    third = "At 9:40 am on 27 Jun 2009, kelby wrote: The third comment of the page."
    body, _ = clean_text(f"{COMMENTS}\n\n{third}")
    assert "ghostofsichuan" in body and "moderators" in body and "kelby" in body


@pytest.mark.parametrize(
    "line",
    [
        "At 10.15 on 3 March 2012, Smith said: I was not there that night.",  # court report
        "At 14:10 on 3 June 2011, our correspondent wrote: Crowds are gathering.",  # live blog
        "On 02/06/2009 14:10, Phil Jones wrote: We need to talk about the data.",  # e-mail
        "At 15:02 on 2 June 2009, Lampard says: We were the better side today.",
    ],
)
def test_timestamped_reporting_twice_is_not_a_thread(line: str) -> None:
    text = f"{ARTICLE}\n\n{line}\n\nThe hearing went on.\n\n{line}\n\nIt ended at noon."
    body, _ = clean_text(f"# T\n\n{text}")
    assert body == text


def test_numbered_comments_and_their_number_lines_dropped() -> None:
    thread = (
        "Comment number 1.\n\n1. At 2:10pm on 02 Jun 2009, jenny wrote: First comment.\n\n"
        "Comment number 2.\n\n2. At 2:12pm on 02 Jun 2009, bob wrote: Second comment."
    )
    body, _ = clean_text(f"# T\n\n{ARTICLE}\n\n{thread}")
    assert body == ARTICLE
