"""A report and its translation are one origin; independent reports in two languages are not.

Texts are written for these tests; the claims are built by hand (what each text claims).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from frontwatch.fuse import Fuser, document_facts, fuse_place, group_by_place, lexicons, make_facts
from frontwatch.fuse._translations import MAX_NEIGHBOURS, Edition, candidates, outlet_families
from frontwatch.model import Claim, Document
from frontwatch.store import Store, open_store
from tests.fuse.fuse_helpers import claim

UK_TEXT = (
    "Сили оборони звільнили Ізюм і Балаклію, повідомили у штабі. Окупанти обстріляли Куп'янськ"
    " з артилерії, втрати ворога уточнюються. На Харківщині тривають бої за кілька сіл."
)
EN_TEXT = (
    "Ukrainian forces liberated Izium and Balakliia, the staff said. The occupiers shelled"
    " Kupiansk with artillery; enemy losses are being clarified. Fighting goes on in Kharkiv"
    " region for several villages."
)
OTHER_EN = (
    "Russian troops struck a school in Kupiansk overnight, regional officials said, while"
    " Ukrainian units held their positions north of the city and repaired a bridge."
)
OTHER_UK = (
    "Уночі окупанти вдарили по школі в Куп'янську, повідомила обласна адміністрація; наші"
    " підрозділи втримали позиції на північ від міста і відновили міст."
)
UKRINFORM_UK = ("Укрінформ", "https://www.ukrinform.ua/rubric-ato/3561.html")
UKRINFORM_EN = ("Ukrinform", "https://www.ukrinform.net/rubric-ato/3561.html")
UNIAN_EN = ("UNIAN", "https://www.unian.info/war/1201.html")


def doc(
    doc_id: str, text: str, outlet: tuple[str, str], published: str, language: str | None = None
) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    name, url = outlet
    return Document(
        id=doc_id,
        text=text,
        url=url,
        outlet=name,
        published=published,
        language=language,
        content_hash=digest,
    )


def report(doc_id: str, *gists: tuple[str, str, str]) -> list[Claim]:
    """Claims of one document: (kind, side, place) each, asserted and affirmed."""
    return [
        claim(f"{doc_id}-{n}", doc=doc_id, kind=kind, side=side, at=at)
        for n, (kind, side, at) in enumerate(gists)
    ]


LIBERATION = [
    ("control", "UA", "Izium"),
    ("control", "UA", "Balakliia"),
    ("attack", "RU", "Kupiansk"),
]


def origins(docs: Sequence[Document], claims: Sequence[Claim]) -> dict[str, str]:
    """Each document's origin, its claims given to the translation test."""
    lex = lexicons()
    facts = document_facts(docs, lex, lambda ids: [c for c in claims if c.doc in ids])
    return {doc_id: f.origin for doc_id, f in facts.items()}


def test_a_translated_report_counts_once() -> None:
    docs = [
        doc("uk", UK_TEXT, UKRINFORM_UK, "2022-09-11T08:00:00+03:00"),
        doc("en", EN_TEXT, UKRINFORM_EN, "2022-09-11T14:30:00+03:00"),
    ]
    claims = report("uk", *LIBERATION) + report("en", *LIBERATION)
    assert origins(docs, claims) == {"uk": "doc:uk", "en": "doc:uk"}
    lex = lexicons()
    facts = make_facts(claims, document_facts(docs, lex, lambda ids: claims), lex)
    (event,) = fuse_place(group_by_place(facts)["707292"], lex).events
    assert event.origins == 1


def test_the_claims_decide_not_the_text() -> None:
    # one extractor missed a claim: most claims still agree (min_overlap)
    docs = [
        doc("uk", UK_TEXT, UKRINFORM_UK, "2022-09-11T08:00:00+03:00"),
        doc("en", EN_TEXT, UKRINFORM_EN, "2022-09-11T09:00:00+03:00"),
    ]
    claims = report("uk", *LIBERATION) + report("en", *LIBERATION[:2])
    assert origins(docs, claims)["en"] == "doc:uk"


def test_independent_reports_that_share_one_claim_stay_two() -> None:
    docs = [
        doc("uk", UK_TEXT, UKRINFORM_UK, "2022-09-11T08:00:00+03:00"),
        doc("en", OTHER_EN, UKRINFORM_EN, "2022-09-11T10:00:00+03:00"),
    ]
    other = [
        ("attack", "RU", "Kupiansk"),
        ("control", "UA", "Kharkiv Oblast"),
        ("attack", "RU", "Izium"),
    ]
    claims = report("uk", *LIBERATION) + report("en", *other)
    assert origins(docs, claims) == {"uk": "doc:uk", "en": "doc:en"}


@pytest.mark.parametrize(
    ("text", "outlet", "published"),
    [
        (EN_TEXT, UNIAN_EN, "2022-09-11T10:00:00+03:00"),
        (EN_TEXT, UKRINFORM_EN, "2022-09-13T10:00:00+03:00"),
        (OTHER_UK, UKRINFORM_EN, "2022-09-11T10:00:00+03:00"),
    ],
    ids=["other-outlet", "days-apart", "same-language"],
)
def test_the_same_claims_elsewhere_stay_two_origins(
    text: str, outlet: tuple[str, str], published: str
) -> None:
    docs = [
        doc("uk", UK_TEXT, UKRINFORM_UK, "2022-09-11T08:00:00+03:00"),
        doc("en", text, outlet, published),
    ]
    claims = report("uk", *LIBERATION) + report("en", *LIBERATION)
    assert origins(docs, claims) == {"uk": "doc:uk", "en": "doc:en"}


def test_documents_with_no_placed_claims_are_never_translations() -> None:
    docs = [
        doc("uk", UK_TEXT, UKRINFORM_UK, "2022-09-11T08:00:00+03:00"),
        doc("en", EN_TEXT, UKRINFORM_EN, "2022-09-11T09:00:00+03:00"),
    ]
    claims = [replace(c, place=None) for c in report("uk", *LIBERATION) + report("en", *LIBERATION)]
    assert origins(docs, claims) == {"uk": "doc:uk", "en": "doc:en"}


@pytest.mark.parametrize(
    ("outlet", "url", "families"),
    [
        ("Ukrinform", "https://www.ukrinform.net/rubric-ato/1.html", {"ukrinform"}),
        ("Укрінформ", "https://www.ukrinform.ua/rubric-ato/1.html", {"ukrinform"}),
        (None, "https://en.interfax.com.ua/news/general/1.html", {"interfax-ukraine"}),
        (None, "https://www.interfax.ru/russia/1", {"interfax"}),
        (None, "https://t.me/GeneralStaffZSU/123", {"ukrainian general staff"}),
        (None, "https://www.mil.gov.ua/news/1.html", {"ukrainian defence ministry"}),
        (None, "https://function.mil.ru/news_page.htm", {"russian defence ministry"}),
        (None, "https://www.example.com.ua/a", {"example"}),
        (None, "https://mil.ru/news", {"russian defence ministry"}),
        (
            "Kyiv Independent",
            "https://kyivindependent.com/x/",
            {"kyiv independent", "kyivindependent"},
        ),
        (None, "not a url at all", set()),
        (None, "https://[::1", set()),
        (None, None, set()),
    ],
)
def test_outlet_families(outlet: str | None, url: str | None, families: set[str]) -> None:
    document = Document(id="d", text="", url=url, outlet=outlet)
    assert outlet_families(document, lexicons()) == families


def test_a_flood_of_one_family_costs_a_bounded_number_of_pairs() -> None:
    start = datetime(2022, 9, 11, tzinfo=UTC)
    editions = [
        Edition(
            f"d{i}", "uk" if i % 2 else "en", frozenset({"ukrinform"}), start + timedelta(seconds=i)
        )
        for i in range(2000)
    ]
    pairs = candidates(editions, lexicons().translation)
    assert len(pairs) <= 2000 * MAX_NEIGHBOURS
    assert ("d0", "d1") in pairs and ("d0", "d2") not in pairs  # same language: no pair


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


def test_the_fuser_reads_whole_documents_for_the_test(store: Store) -> None:
    # at Izium both documents say one thing; the English one says much else elsewhere:
    # fusing Izium alone must not take them for a translation
    docs = [
        doc("uk", UK_TEXT, UKRINFORM_UK, "2022-09-11T08:00:00+03:00"),
        doc("en", OTHER_EN, UKRINFORM_EN, "2022-09-11T10:00:00+03:00"),
    ]
    other = [
        ("control", "UA", "Izium"),
        ("attack", "RU", "Kupiansk"),
        ("attack", "RU", "Balakliia"),
    ]
    claims = {"uk": report("uk", LIBERATION[0]), "en": report("en", *other)}
    for document in docs:
        store.add_document(document, "test:" + document.id)
        store.replace_claims(document.id, claims[document.id])
    Fuser(store).update(["uk", "en"])
    assert [e.origins for e in store.events("707292")] == [2]
    # and the translation, once stored, is one origin
    store.replace_claims("en", report("en", LIBERATION[0]))
    Fuser(store).update(["en"])
    assert [e.origins for e in store.events("707292")] == [1]
