"""Attribution: speakers, sources, channels and sides, from hand-written sentences."""

from __future__ import annotations

from typing import Any

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.attribution import document_speaker, transcript_speakers
from frontwatch.claims.lexicon import load_lexicon
from frontwatch.model import Claim, Document


def _claims(town_extractor: ClaimExtractor, text: str, **kw: Any) -> list[Claim]:
    return town_extractor.extract(Document(id="a1", text=text, published="2022-09-08", **kw)).claims


def _only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [
        (c.kind, c.side, c.place and c.place.name, c.claimant) for c in claims
    ]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "name", "side", "channel"),
    [
        (
            "Colonel Petro Marchenko said Ukrainian troops had recaptured Lyman.",
            "Petro Marchenko",
            None,
            None,
        ),
        (
            '"We have recaptured Lyman," Ukrainian colonel Petro Marchenko said on Tuesday.',
            "Petro Marchenko",
            "UA",
            None,
        ),
        (
            "Russian troops withdrew from Izium, according to the state news agency TASS.",
            "TASS",
            "other",
            "TASS",
        ),
        (
            "Russian troops withdrew from Izium, according to military analyst Maria Lindqvist.",
            "Maria Lindqvist",
            "other",
            None,
        ),
        (
            "Ukrainian troops retook Lyman, the regional governor told Reuters.",
            "regional governor",
            None,
            "Reuters",
        ),
        (
            "Ukraine's Defence Ministry said on Telegram that its troops had retaken Lyman.",
            "Ukraine's Defence Ministry",
            "UA",
            "Telegram",
        ),
        (  # the parser hangs the speaker on the place as an apposition
            "The Defence Forces repelled 22 attacks near Lyman, the General Staff of Ukraine said.",
            "General Staff of Ukraine",
            "UA",
            None,
        ),
        (
            "Footage posted by a pro-Russian channel showed Russian tanks near Kupiansk.",
            None,
            "RU",
            None,
        ),
    ],
)
def test_claimant_and_channel(
    town_extractor: ClaimExtractor,
    text: str,
    name: str | None,
    side: str | None,
    channel: str | None,
) -> None:
    claim = _claims(town_extractor, text)[0]
    assert claim.claimant is not None
    if name is not None:
        assert claim.claimant.name == name
    assert claim.claimant.side == side
    assert claim.channel == channel


def test_quote_split_across_sentences_takes_the_speaker_after_it(
    town_extractor: ClaimExtractor,
) -> None:
    text = (
        '"The enemy has fled. Our units hold Izium now," Ukrainian commander Olena Hrytsenko said.'
    )
    claims = _claims(town_extractor, text)
    control = [c for c in claims if c.kind == "control"]
    assert control and control[0].claimant is not None
    assert control[0].claimant.name == "Olena Hrytsenko"
    assert control[0].side == "UA"  # "our" is the speaker's side


def test_our_and_the_enemy_follow_the_speaker(town_extractor: ClaimExtractor) -> None:
    text = '"The enemy attacked Kupiansk at dawn," said Dmitry Volkov, a pro-Kremlin blogger.'
    claim = _only([c for c in _claims(town_extractor, text) if c.kind == "attack"])
    assert claim.claimant is not None and claim.claimant.side == "RU"
    assert claim.side == "UA"


def test_pronoun_speaker_is_the_last_named_one(town_extractor: ClaimExtractor) -> None:
    text = (
        "Oleh Marko, a Ukrainian battalion commander, said the night was quiet. "
        "He said Russian forces had withdrawn from Izium."
    )
    claim = _only([c for c in _claims(town_extractor, text) if c.kind == "withdrawal"])
    assert claim.claimant is not None and claim.claimant.name == "Oleh Marko"


def test_narrative_voice_has_no_claimant(town_extractor: ClaimExtractor) -> None:
    claim = _only(_claims(town_extractor, "Russian forces withdrew from Izium on Friday."))
    assert claim.claimant is None and claim.channel is None


@pytest.mark.parametrize(
    ("title", "outlet", "text", "expected"),
    [
        (
            "Address by President Olha Kovalenko",
            None,
            "We held talks. We thank everyone. Our army is strong.",
            "Olha Kovalenko",
        ),
        (
            "Daily update",
            "UK Parliament - Hansard (Defence Secretary statement)",
            "I can report that we have sent aid. Our support goes on. We stand firm.",
            "UK Defence Secretary",
        ),
        ("Address by President Olha Kovalenko", None, "The army said the town was held.", None),
    ],
)
def test_document_speaker_of_first_person_texts(
    title: str, outlet: str | None, text: str, expected: str | None
) -> None:
    speaker = document_speaker(
        Document(id="d", text=text, title=title, outlet=outlet), load_lexicon()
    )
    assert (speaker.name if speaker else None) == expected


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [
        (
            "Ministry of Defence of the Russian Federation (mil.ru)",
            ("Ministry of Defence of the Russian Federation", "RU"),
        ),
        (
            "General Staff of the Armed Forces of Ukraine",
            ("General Staff of the Armed Forces of Ukraine", "UA"),
        ),
        ("Reuters", None),  # no institution
        ("U.S. Department of Defense - DOD News", None),  # no party of the war
        ("Joint statement of the Ukrainian and Russian delegations' offices", None),  # both
    ],
)
def test_a_third_person_statement_speaks_for_its_institution(
    outlet: str, expected: tuple[str, str] | None
) -> None:
    text = "Units of the southern group liberated the settlement. The enemy lost 200 men."
    speaker = document_speaker(Document(id="d", text=text, outlet=outlet), load_lexicon())
    assert ((speaker.name, speaker.side) if speaker else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Minister of Defence Ivan Petrenko: We hold.\nPresident of Russia Pavel Orlov: Go on.",
            [("Ivan Petrenko", None), ("Pavel Orlov", "RU")],
        ),
        ("Minister Ivan Petrenko: We hold the line.", [("Ivan Petrenko", None)]),
        ("Front: over the past week we advanced.", []),  # a headline, not a turn
        ("KYIV: Shelling overnight.\nLater: more shelling.", []),  # capitals, English words
        ("Q: Where?\nA: There.", []),
        # a briefing's speaker named by role in capitals
        (
            "Q: Where?\nPENTAGON PRESS SECRETARY: Near the river.",
            [("Pentagon Press Secretary", "other")],
        ),
        ("BREAKING NEWS: Shelling.\nUPDATE: More shelling.", []),  # capitals, no role
    ],
)
def test_transcript_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = transcript_speakers(text, load_lexicon())
    assert [(c.name, c.side) for _, c in found] == expected


_FIRST_PERSON_TEXT = "We held the line. Our warriors are strong. We thank everyone."


@pytest.mark.parametrize(
    ("title", "outlet", "published", "text", "expected"),
    [
        # an office is the person who held it that day, as the profile says
        (
            "Address by the President of Ukraine",
            None,
            "2023-09-10",
            _FIRST_PERSON_TEXT,
            ("Volodymyr Zelensky", "UA"),
        ),
        (
            "Address by the President of Ukraine",
            None,
            "2016-01-10",
            _FIRST_PERSON_TEXT,
            ("Petro Poroshenko", "UA"),
        ),
        # a bare office takes the outlet's; spelled as the text spells the person
        (
            "Address by the President",
            "President of Ukraine (president.gov.ua)",
            "2024-05-15",
            _FIRST_PERSON_TEXT + " Volodymyr Zelenskyy.",
            ("Volodymyr Zelenskyy", "UA"),
        ),
        # an office the profile does not know stays as written
        (
            "Address by the Mayor of Lviv",
            None,
            "2023-09-10",
            _FIRST_PERSON_TEXT,
            ("the Mayor of Lviv", None),
        ),
    ],
)
def test_document_speaker_holds_the_office_of_the_day(
    title: str, outlet: str | None, published: str, text: str, expected: tuple[str, str | None]
) -> None:
    document = Document(id="d", text=text, title=title, outlet=outlet, published=published)
    speaker = document_speaker(document, load_lexicon())
    assert speaker is not None
    assert (speaker.name, speaker.side) == expected


def test_office_holder_needs_one_person() -> None:
    lex = load_lexicon()
    assert lex.office_holder("President of Ukraine", None) is not None  # the one in office now
    assert lex.office_holder("Emperor of Ukraine", None) is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Russian forces captured Lyman, the UK Ministry of Defence said.",
            "UK Ministry of Defence",
        ),
        (
            "Russian forces captured Lyman, according to the Institute for the Study of War.",
            "Institute for the Study of War",
        ),
        (
            "The head of the Kharkiv military administration said Russian forces captured Lyman.",
            "head of the Kharkiv military administration",
        ),
        # a complement that names nothing stays out: the role alone
        ("A spokesman for the ministry said Russian forces captured Lyman.", "spokesman"),
    ],
)
def test_a_claimant_keeps_the_complement_that_names_it(
    town_extractor: ClaimExtractor, text: str, claimant: str
) -> None:
    document = Document(id="d", text=text, published="2022-09-08")
    claims = town_extractor.extract(document).claims
    assert [c.claimant.name if c.claimant else None for c in claims] == [claimant]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Russian troops captured Lyman, the Defence Ministry said on Friday.", "Defence Ministry"),
        ("Russian troops captured Lyman, which the ministry said was a key town.", None),
    ],
)
def test_a_trailing_attribution_the_parser_hung_low(
    town_extractor: ClaimExtractor, text: str, claimant: str | None
) -> None:
    document = Document(id="d", text=text, published="2022-09-08")
    claims = town_extractor.extract(document).claims
    assert [c.claimant.name if c.claimant else None for c in claims] == [claimant]


def test_a_speaker_appointed_by_a_side_speaks_for_it(town_extractor: ClaimExtractor) -> None:
    text = (
        "An official appointed by Moscow denied that the front had moved. "
        '"Our units hold every position near Lyman," he told a state news agency.'
    )
    claims = town_extractor.extract(Document(id="d", text=text, published="2022-09-07")).claims
    assert [(c.kind, c.side, c.claimant and c.claimant.side) for c in claims] == [
        ("control", "RU", "RU")
    ]


def test_a_speaker_in_a_chain_of_appositions_after_the_place(
    town_extractor: ClaimExtractor,
) -> None:
    text = "Wagner fighters have seized the town of Lyman, its founder Yevgeny Prigozhin said."
    claims = town_extractor.extract(Document(id="a", text=text, published="2023-01-10")).claims
    assert [(c.kind, c.claimant.name if c.claimant else None) for c in claims] == [
        ("control", "Yevgeny Prigozhin")
    ]
