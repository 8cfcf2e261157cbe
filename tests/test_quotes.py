"""Quotes stage: marks, attribution, filters, offsets, and the gold on samples 000-002.

Unit tests parse small hand-written strings with the real spaCy model (one session-scoped
fixture). The gold tests need the clean text of the samples, so they skip until
``dyad.clean`` exists; the expectations are embedded here and also read from
``../shared/samples/gold.json`` when it is present.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.model import Article, Entity, Quote, RawDocument
from dyad.nlp import load_nlp
from dyad.quotes import QuoteStage, extract_quotes
from dyad.quotes.cues import speaker_of
from dyad.quotes.marks import find_quotations
from dyad.quotes.names import slug, strip_titles

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD_FILE = ROOT.parent / "shared" / "samples" / "gold.json"

# The quote expectations of /work/shared/samples/gold.json, embedded so they run without it.
GOLD: dict[str, dict[str, Any]] = {
    "000_94e6e827dd53408d.txt": {
        "quotes": [
            (["Barack Obama"], "candid, thoughtful and thorough"),
            (["Vladimir Putin"], "meaningful and subject-oriented"),
            (
                ["Barack Obama", "Vladimir Putin"],
                "commitment to strengthening close and cooperative relations",
            ),
            (["Barack Obama"], "I look forward to hosting you in the United States"),
            (
                ["Garry Kasparov"],
                "Foreign laws that punish Putin's crooks and thugs are not anti-Russian",
            ),
            (["Yury Ushakov"], "unacceptable"),
            (["Vladimir Putin"], "many commonalities"),
            (["Barack Obama"], "a political process has to be created to prevent civil war"),
            (["Michael McFaul"], "Press read too much into"),
            (["Michael McFaul"], "They did same thing after Obama-Medvedev meeting in Deauville"),
            (["Barack Obama"], "more flexibility"),
            (["Nikolai Zlobin"], "Any overt advances"),
            (["Mitt Romney"], "No. 1 geopolitical foe"),
            (["Nikolai Zlobin"], "Obama is seen as someone who does not fear Moscow"),
            (["Nikolai Zlobin"], "They like being referred to as a global power"),
        ],
        "not_quotes": ["reset", "hot mic", "hope"],
    },
    "001_e98eb8699734e123.txt": {
        "quotes": [(["Winston Churchill"], "Difficulties mastered are opportunities won")],
        "not_quotes": ["reset"],
    },
    "002_a34849246ac6736f.txt": {
        "quotes": [
            (["Barack Obama"], "even though there are areas of disagreement"),
            (["Barack Obama", "Vladimir Putin"], "for an immediate cessation of all violence"),
            (["Barack Obama", "Vladimir Putin"], "are united in the belief that the Syrian people"),
            (["Hillary Clinton"], "dramatically"),
            (["Barack Obama"], "tensions"),
        ],
        "not_quotes": ["reset", "Nikolai Filchenkov", "Caesar Kunikov"],
    },
}


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


def run(nlp: Language, text: str, entities: list[Entity] | None = None) -> list[Quote]:
    article = Article(id="t", source="t", text=text, entities=entities or [])
    QuoteStage()(article, nlp(text))
    for quote in article.quotes:  # offsets are exact for every quote, in every test
        assert text[quote.span[0] : quote.span[1]] == quote.text
    return article.quotes


def marked(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind != "indirect"]


def speaker(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


# --- quotation marks, no parse ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win," and left.', ["we will win"]),
        ("“A ‘nested’ word,” he said. “Second part.”", ["A ‘nested’ word", "Second part."]),
        ("“”There are gestures,” he said.", ["There are gestures"]),
        ("She said “never closed\n\nNext paragraph.", ["never closed"]),
        ("“Part one.\n\n“Part two.”", ["Part one.\n\n“Part two."]),
        (
            "saying “hosting you\n\nin the United States.” Then",
            ["hosting you\n\nin the United States."],
        ),
        ('He is 5\'10" tall and "fine."', ["fine."]),
        ("No quotes at all.", []),
        ("said “A is B.”“C is D,” he added.", ["A is B.", "C is D"]),
        ("“", []),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert [text[m.start : m.end] for m in find_quotations(text)] == expected


def test_names_helpers() -> None:
    assert slug("Vladimir Putin") == "vladimir-putin"
    assert strip_titles(["U.S.", "Ambassador", "Michael", "McFaul"]) == ["Michael", "McFaul"]
    assert strip_titles(["veteran", "opposition", "activist", "Garry", "Kasparov"]) == [
        "Garry",
        "Kasparov",
    ]


# --- attribution over the real parse -----------------------------------------------------


def test_stage_protocol(nlp: Language) -> None:
    stage = QuoteStage()
    assert (stage.name, stage.requires, stage.assigns) == ("quotes", ("doc",), ("quotes",))
    article = Article(id="t", source="t", text="Nothing quoted here.")
    stage(article, nlp(article.text))
    assert article.quotes == []


def test_straight_quotes_inversion(nlp: Language) -> None:
    (quote,) = marked(run(nlp, '"We will win this race," said Senator John Smith.'))
    assert (quote.text, quote.kind, quote.cue) == ("We will win this race", "direct", "said")
    assert quote.speaker is not None and quote.speaker.name == "John Smith"
    assert quote.speaker.id == "john-smith"


def test_curly_nested_and_split_quote(nlp: Language) -> None:
    text = (
        "U.S. Ambassador Michael McFaul later tried to assuage negative impressions.\n\n"
        "“Press read too much into ‘body language’ of Obama and Putin in press spray,” "
        "McFaul wrote on Twitter. “They did same thing after the meeting in Deauville.”"
    )
    quotes = marked(run(nlp, text))
    assert [q.text[:10] for q in quotes] == ["Press read", "They did s"]
    assert [speaker(q) for q in quotes] == ["Michael McFaul", "Michael McFaul"]
    assert quotes[0].cue == "wrote" and quotes[0].kind == "direct"


def test_unbalanced_and_doubled_marks(nlp: Language) -> None:
    text = "“”There are gestures you can only read one way,” he said.\n\nPutin said “no way"
    quotes = marked(run(nlp, text))
    assert quotes[0].text.startswith("There are gestures")
    assert quotes[-1].text == "no way"


def test_pronoun_carry_over(nlp: Language) -> None:
    text = (
        "Nikolai Zlobin of the World Security Institute argued that while he had not "
        "expected Putin to be emotional, the meeting was cold.\n\n"
        "“Any overt advances would be immediately exploited by the Republicans,” he said.\n\n"
        "“Obama is seen as someone who does not fear Moscow,” Zlobin explained. He added "
        "that the Republicans were attractive. “They like being referred to as a global "
        "power,” he said."
    )
    quotes = marked(run(nlp, text))
    assert [speaker(q) for q in quotes] == ["Nikolai Zlobin"] * 3


def test_according_to_him(nlp: Language) -> None:
    text = (
        "Vladimir Putin spoke to reporters on Friday. According to him, all their previous "
        "meetings were “very meaningful.”"
    )
    (quote,) = marked(run(nlp, text))
    assert (quote.text, quote.cue, speaker(quote)) == (
        "very meaningful.",
        "according to",
        "Vladimir Putin",
    )


def test_indirect_speech(nlp: Language) -> None:
    text = "Barack Obama said the two leaders agreed on the need to build on their success."
    (quote,) = run(nlp, text)
    assert quote.kind == "indirect" and quote.cue == "said"
    assert quote.text == "the two leaders agreed on the need to build on their success"
    assert speaker(quote) == "Barack Obama"


def test_partial_quotes_with_cue(nlp: Language) -> None:
    text = (
        "Barack Obama called the talks “candid, thoughtful and thorough,” while Vladimir "
        "Putin characterized them as “meaningful.” A plan that Putin’s aide, Yury Ushakov, "
        "called “unacceptable.”"
    )
    quotes = marked(run(nlp, text))
    assert [(q.text, q.kind, speaker(q)) for q in quotes] == [
        ("candid, thoughtful and thorough", "partial", "Barack Obama"),
        ("meaningful.", "partial", "Vladimir Putin"),
        ("unacceptable.", "partial", "Yury Ushakov"),
    ]


def test_scare_quotes_dropped(nlp: Language) -> None:
    text = (
        "Both leaders had a hard time convincing the world that the “reset” in relations "
        "is still in full swing. The talks, in a hotel called Esperanza (Spanish for "
        "“hope”), followed the “hot mic” incident."
    )
    assert marked(run(nlp, text)) == []


def test_ship_and_channel_names_dropped(nlp: Language) -> None:
    text = (
        "Interfax quoted an unidentified Russian Navy official as saying that the two "
        "vessels, “Nikolai Filchenkov” and “Caesar Kunikov,” will be heading to Tartus. "
        "Putin gave an interview to the “First Channel” on Friday."
    )
    assert [q.text for q in marked(run(nlp, text))] == []


def test_multi_paragraph_quote(nlp: Language) -> None:
    text = (
        "Caddell continued:\n\n“The health issue is very much a partisan issue.\n\n"
        "“Rasmussen has a similar question: forty-three, yes; forty-six, no.”"
    )
    (quote,) = marked(run(nlp, text))
    assert quote.text.startswith("The health issue") and quote.text.endswith("no.")
    assert speaker(quote) == "Caddell"


def test_linked_entity_wins(nlp: Language) -> None:
    text = "“We will talk again,” the Russian president said."
    start = text.index("the Russian president")
    entity = Entity("vladimir-putin", "Vladimir Putin", "PERSON", mentions=[(start, start + 21)])
    (quote,) = marked(run(nlp, text, [entity]))
    assert quote.speaker is not None
    assert (quote.speaker.id, quote.speaker.name) == ("vladimir-putin", "Vladimir Putin")


def test_extract_quotes_function(nlp: Language) -> None:
    text = "“Difficulties mastered are opportunities won,” Winston Churchill once said."
    article = Article(id="t", source="t", text=text)
    quotes = extract_quotes(article, nlp(text), indirect=False)
    assert [speaker(q) for q in quotes] == ["Winston Churchill"]


def content_of(text: str, quote: Quote) -> str:
    content = getattr(quote, "content", None)
    assert content is not None
    assert content[0] <= quote.span[0] and quote.span[1] <= content[1]
    assert quote.to_dict()["content"] == list(content)
    return text[content[0] : content[1]]


def test_content_of_partial_quote(nlp: Language) -> None:
    text = "Ohio Gov. John Kasich dismissed the whole kerfuffle as “absurd.”"
    (quote,) = marked(run(nlp, text))
    assert (quote.text, quote.kind, speaker(quote)) == ("absurd.", "partial", "John Kasich")
    assert content_of(text, quote) == "the whole kerfuffle as “absurd.”"


def test_content_of_reported_clause(nlp: Language) -> None:
    text = "Bernie Sanders said his rival candidate is in “serious trouble.”"
    quotes = run(nlp, text)
    partial = next(q for q in quotes if q.kind == "partial")
    assert content_of(text, partial) == "his rival candidate is in “serious trouble.”"
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert content_of(text, indirect) == indirect.text  # indirect: the clause is the span


def test_content_of_direct_quote_is_its_span(nlp: Language) -> None:
    text = "“We will win this race,” said Senator John Smith."
    (quote,) = marked(run(nlp, text))
    assert content_of(text, quote) == "We will win this race"


def test_quoted_word_is_never_the_speaker(nlp: Language) -> None:
    text = (
        "“I find sometimes in conversation with other teachers, [Clinton] can be very "
        "polarizing,” Kilfoyle said. “But then I say, are you going to vote for Donald Trump?”"
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Kilfoyle", "Kilfoyle"]


def test_inverted_surname_tagged_as_adverb(nlp: Language) -> None:
    text = (
        "Bill Skelly, a longtime RNC data operative, vouched for both of them.\n\n"
        "“Having access to the RNC file and two people who understand it is valuable,” "
        "said Skelly."
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Bill Skelly"]


def test_dateline_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "He recalled Ali’s generosity in the city.\n\n___.\n\n1:50 p.m.\n\n"
        "Famed fight doctor Ferdie Pacheco once said: “Cassius Clay was born in Louisville. "
        "Muhammad Ali was born in Miami.”"
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Ferdie Pacheco"]


def test_comma_participle_speaks_for_the_subject(nlp: Language) -> None:
    text = (
        "Ben Carson rejected the notion that the episode should be water under the bridge, "
        "saying that if he “found something that was rotten, I would fix it.”"
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Ben Carson"]


def test_spokesman_for_someone(nlp: Language) -> None:
    text = "“This is false,” a spokesman for Senator Ted Cruz said on Tuesday."
    (quote,) = marked(run(nlp, text))
    assert quote.speaker is not None and quote.speaker.id is None
    assert quote.speaker.name == "a spokesman for Senator Ted Cruz"


def test_role_nominal_takes_the_titled_person(nlp: Language) -> None:
    text = (
        "President Barack Obama met Vladimir Putin on Monday. Hillary Clinton attended too. "
        "“We had a good talk,” the president said."
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Barack Obama"]


def test_continue_as_cue(nlp: Language) -> None:
    text = "Barack Obama spoke in Miami.\n\n“We will never surrender to anyone,” he continued."
    (quote,) = marked(run(nlp, text))
    assert (quote.cue, speaker(quote)) == ("continued", "Barack Obama")
    text = "Marco Rubio spoke. He said Cruz will continue to be “a champion for opportunity.”"
    assert [q.cue for q in marked(run(nlp, text))] == ["said"]


def test_uncued_quote_continues_a_speaker_named_sentences_before(nlp: Language) -> None:
    text = (
        "Rules Committee Chairman Bruce Ash criticized the chairman in an email.\n\n"
        "If anything, Ash argued in his email, the incident is an illustration of why the "
        "convention should adopt new rules. The rules would change the convention.\n\n"
        "“In light of this serious breach, is it prudent to give the extraordinary power of "
        "the House Rules to the presiding officer?”"
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Bruce Ash"]


def test_name_and_colon_label(nlp: Language) -> None:
    text = (
        "TURNOUT IN IOWA - Michael P. McDonald: “At long last the 2016 presidential "
        "nomination contests have finally started.”"
    )
    (quote,) = marked(run(nlp, text))
    assert (quote.cue, speaker(quote)) == (":", "Michael P. McDonald")


def test_capitalised_title_with_its_holder(nlp: Language) -> None:
    text = (
        "Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic images, they’ve got "
        "no place in a presidential campaign.” Later the Secretary of State said “no.”"
    )
    quotes = marked(run(nlp, text))
    assert speaker(quotes[0]) == "Paul Ryan"
    assert all(q.speaker is None or q.speaker.name != "Secretary" for q in quotes)


def test_one_member_of_a_group_is_an_unnamed_person(nlp: Language) -> None:
    text = "“She is too far behind,” said an Iowa Democrat, “and Iowa was not a decisive win.”"
    quotes = marked(run(nlp, text))
    assert [(q.speaker.id, q.speaker.name) for q in quotes if q.speaker] == [
        (None, "an Iowa Democrat"),
        (None, "an Iowa Democrat"),
    ]


def test_role_nominal_ignores_names_inside_the_quotation(nlp: Language) -> None:
    text = (
        "One of the authors of that 2013 report, Ari Fleischer, said Trump’s nomination will "
        "test their conclusions. “Certainly Donald Trump has gone in the opposite direction "
        "from what we recommended,” said the former top aide to President George W. Bush."
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Ari Fleischer"]


def test_role_nominal_ignores_the_object_of_a_preposition(nlp: Language) -> None:
    text = (
        "Vladimir Putin arrived in Los Cabos on Sunday. In a meeting with Barack Obama on "
        "Monday, the Russian president said the talks were “candid and thoughtful.”"
    )
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Vladimir Putin"]


def test_preposition_parsed_as_the_subject(nlp: Language) -> None:
    text = "Of Carson, Levine, who has given money to Marco Rubio, said, “He’s flat-out scary.”"
    assert [speaker(q) for q in marked(run(nlp, text))] == ["Levine"]


def _parsed(nlp: Language, rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A hand-made parse: (word, pos, lemma, dep, head index) per token."""
    words, pos, lemmas, deps, heads = (list(x) for x in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas, deps=deps, heads=heads)


def test_name_before_cue_skips_parentheses(nlp: Language) -> None:
    # a parse that gives the cue no subject: the name before it is Ryan, not "(R-WI)"
    doc = _parsed(
        nlp,
        [
            ("Rep.", "PROPN", "Rep.", "compound", 2),
            ("Paul", "PROPN", "Paul", "compound", 2),
            ("Ryan", "PROPN", "Ryan", "npadvmod", 8),
            ("(", "PUNCT", "(", "punct", 6),
            ("R", "NOUN", "R", "compound", 6),
            ("-", "PUNCT", "-", "punct", 6),
            ("WI", "PROPN", "WI", "appos", 2),
            (")", "PUNCT", ")", "punct", 6),
            ("said", "VERB", "say", "ROOT", 8),
            ("no", "INTJ", "no", "intj", 8),
        ],
    )
    found = speaker_of(doc[8])
    assert found is not None and found.text == "Ryan"


def test_name_before_cue_may_be_a_title_holder(nlp: Language) -> None:
    doc = _parsed(
        nlp,
        [
            ("Speaker", "PROPN", "Speaker", "npadvmod", 5),
            ("of", "ADP", "of", "prep", 0),
            ("the", "DET", "the", "det", 3),
            ("House", "PROPN", "House", "pobj", 1),
            ("Ryan", "PROPN", "Ryan", "pobj", 1),
            ("said", "VERB", "say", "ROOT", 5),
            ("no", "INTJ", "no", "intj", 5),
        ],
    )
    found = speaker_of(doc[5])
    assert found is not None and found.text == "Ryan"


# --- gold on the samples ------------------------------------------------------------------


def _same_name(found: str | None, accepted: list[str]) -> bool:
    """A right speaker name: one of the accepted names, or the same first and last word
    ("Hillary Rodham Clinton" for "Hillary Clinton": canonical names come from dyad.actors)."""
    if found is None:
        return False
    words = found.split()
    return found in accepted or any(
        words[:1] + words[-1:] == a.split()[:1] + a.split()[-1:] for a in accepted
    )


def _clean_text(name: str) -> str:
    clean_module = pytest.importorskip("dyad.clean", reason="dyad.clean is not written yet")
    path = SAMPLES / name
    text, _ = clean_module.clean(RawDocument(str(path), "text", path.read_text("utf-8")))
    return str(text)


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def check_gold(nlp: Language, name: str, quotes: list[Any], not_quotes: list[str]) -> None:
    found = run(nlp, _clean_text(name))
    for accepted, fragment in quotes:
        hits = [q for q in found if _norm(fragment) in _norm(q.text)]
        assert hits, f"{name}: no quote contains {fragment!r}"
        assert any(_same_name(speaker(q), accepted) for q in hits), (
            f"{name}: {fragment!r} attributed to {[speaker(q) for q in hits]}, want {accepted}"
        )
    texts = {_norm(q.text).rstrip(".,") for q in found}
    for word in not_quotes:
        assert _norm(word) not in texts, f"{name}: scare quote or name {word!r} output"


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_embedded(nlp: Language, name: str) -> None:
    check_gold(nlp, name, GOLD[name]["quotes"], GOLD[name]["not_quotes"])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_file(nlp: Language, name: str) -> None:
    if not GOLD_FILE.exists():
        pytest.skip(f"{GOLD_FILE} not present")
    gold = json.loads(GOLD_FILE.read_text("utf-8"))[name]
    quotes = [(q["speaker"], q["text"]) for q in gold["quotes"]]
    check_gold(nlp, name, quotes, gold["not_quotes"])
