"""Validated instruments as data, added by the coordinator as a start and an end survey."""

import pytest
from django.urls import reverse
from django.utils import translation

from revmentor.core.models import AuditEntry
from revmentor.surveys import instruments, services
from revmentor.surveys.instruments import CONSTRUCT, INSTRUMENTS, PARAPHRASE
from revmentor.surveys.models import Question, Survey
from tests.surveys.support import nominated

pytestmark = pytest.mark.django_db


def test_every_instrument_is_complete_data_with_its_source():
    assert sorted(INSTRUMENTS) == ["aas", "fsa", "mfq9", "wics"]
    for instrument in INSTRUMENTS.values():
        subscales = [s.key for s in instrument.subscales]
        assert len(set(subscales)) == len(subscales)
        assert {item.subscale for item in instrument.items} == set(subscales)
        assert len({item.key for item in instrument.items}) == len(instrument.items)
        assert all(
            item.sv and item.en and item.wording in (PARAPHRASE, CONSTRUCT)
            for item in instrument.items
        )
        assert (
            len(instrument.scale.labels_sv)
            == len(instrument.scale.labels_en)
            == instrument.scale.points
        )
        assert instrument.citation and instrument.note_sv and instrument.note_en
        assert all(len(instrument.items_of(s)) >= 3 for s in subscales)


def test_the_published_subscales_and_reverse_items():
    assert [s.name_en for s in instruments.MFQ9.subscales] == [
        "Career support",
        "Psychosocial support",
        "Role modelling",
    ]
    assert len(instruments.MFQ9.items) == 9
    assert instruments.MFQ9.scale.points == 5
    assert "Castro, S. L., Scandura, T. A., & Williams, E. A. (2004)" in instruments.MFQ9.citation
    assert [s.key for s in instruments.WICS.subscales] == [
        "inclusiveness",
        "stereotypes",
        "affect",
        "contact",
        "retention",
    ]
    # The five subscales named in the article's summary.
    assert [s.name_en for s in instruments.WICS.subscales] == [
        "Workplace generational inclusiveness",
        "Lack of generational stereotypes",
        "Positive intergenerational affect",
        "Intergenerational contact",
        "Workplace intergenerational retention",
    ]
    assert "King, S. P., & Bryant, F. B. (2017)" in instruments.WICS.citation
    # Written to the subscales' definitions, and the data says so.
    assert {item.wording for item in instruments.WICS.items} == {CONSTRUCT}
    assert {item.wording for item in instruments.MFQ9.items} == {PARAPHRASE}
    assert instruments.FSA.scale.points == 4
    assert [i.key for i in instruments.FSA.items if i.reverse] == [
        "discrimination-4",
        "discrimination-5",
    ]


def test_one_action_creates_the_start_and_the_end_survey_with_the_items_in_both_languages(cast):
    start, end = services.create_instrument_surveys(
        program=cast.program, instrument="fsa", created_by=cast.coordinator
    )
    assert (start.kind, end.kind, start.instrument, end.instrument) == (
        "start",
        "end",
        "fsa",
        "fsa",
    )
    assert (start.status, end.status, end.start_survey_id, start.start_survey_id) == (
        "draft",
        "draft",
        start.pk,
        None,
    )
    for survey in (start, end):
        questions = list(survey.questions.order_by("position"))
        assert [q.key for q in questions] == [f"fsa-{i.key}" for i in instruments.FSA.items]
        assert [(q.text_sv, q.text_en) for q in questions] == [
            (i.sv, i.en) for i in instruments.FSA.items
        ]
        assert {(q.kind, q.scale_points, q.low_label_sv, q.high_label_en) for q in questions} == {
            ("scale", 4, "Instämmer inte alls", "Strongly agree")
        }
    assert "De svenska formuleringarna är programmets egen översättning." in start.intro_sv
    assert AuditEntry.objects.filter(action="survey.created", program=cast.program).count() == 2


def test_an_unknown_instrument_is_refused_and_nothing_is_created(cast):
    with pytest.raises(services.SurveyError):
        services.create_instrument_surveys(program=cast.program, instrument="x", created_by=None)
    assert Survey.objects.count() == 0


def test_the_questions_of_an_instrument_cannot_be_changed(cast, client_for):
    start, _end = services.create_instrument_surveys(
        program=cast.program, instrument="mfq9", created_by=None
    )
    question = start.questions.first()
    with pytest.raises(services.SurveyError):
        services.delete_question(question=question, deleted_by=cast.coordinator)
    with pytest.raises(services.SurveyError):
        services.save_question(
            question=Question(survey=start, kind="scale", text_sv="Ny", text_en="New"),
            saved_by=cast.coordinator,
        )
    client = client_for("coordinator")
    kwargs = {"slug": cast.program.slug, "public_id": start.public_id}
    page = client.get(reverse("surveys:question_create", kwargs=kwargs), follow=True)
    assert "Frågorna i ett validerat instrument kan inte ändras." in page.text
    assert start.questions.count() == 9


def test_a_four_point_item_refuses_five(cast):
    start, _end = services.create_instrument_surveys(
        program=cast.program, instrument="fsa", created_by=None
    )
    Survey.objects.filter(pk=start.pk).update(status="open")
    start.refresh_from_db()
    [person] = nominated(cast.program, cast.org_a)
    question = start.questions.first()
    with (
        translation.override("sv"),
        pytest.raises(services.SurveyError, match="Ett svar måste vara mellan 1 och 4."),
    ):
        services.submit_answers(survey=start, application=person, values={question.pk: 5})
    services.submit_answers(survey=start, application=person, values={question.pk: 4})


def test_coordinator_adds_an_instrument_by_one_click(cast, client_for):
    client = client_for("coordinator")
    url = reverse("surveys:instruments", kwargs={"slug": cast.program.slug})
    page = client.get(url)
    assert "De svenska texterna är programmets egen översättning." in page.text
    assert "King, S. P., &amp; Bryant, F. B. (2017)" in page.text
    assert "Kontakt mellan generationer" in page.text
    response = client.post(url, {"instrument": "wics"})
    start = Survey.objects.get(program=cast.program, kind="start", instrument="wics")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "surveys:manage_detail", kwargs={"slug": cast.program.slug, "public_id": start.public_id}
    )
    assert Survey.objects.filter(program=cast.program, start_survey=start, kind="end").count() == 1


def test_a_junk_instrument_is_refused_next_to_the_field(cast, client_for):
    client = client_for("coordinator")
    url = reverse("surveys:instruments", kwargs={"slug": cast.program.slug})
    page = client.post(url, {"instrument": "wics-x"})
    assert page.status_code == 200
    assert "Välj ett giltigt alternativ" in page.text
    assert Survey.objects.count() == 0


def test_the_instrument_pages_in_english(cast, client_for):
    client = client_for("coordinator")
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("surveys:instruments", kwargs={"slug": cast.program.slug}))
    assert "The Swedish texts are the program's own translation." in page.text
    assert "Intergenerational contact" in page.text


def test_the_answer_page_shows_the_instrument_scale_and_the_translation_note(cast, client_for):
    start, _end = services.create_instrument_surveys(
        program=cast.program, instrument="fsa", created_by=None
    )
    Survey.objects.filter(pk=start.pk).update(status="open")
    nominated(cast.program, cast.org_a, applicant=cast.participant)
    page = client_for("participant").get(
        reverse("surveys:answer", kwargs={"slug": cast.program.slug, "public_id": start.public_id})
    )
    assert "programmets egen översättning" in page.text
    assert "4 – Instämmer helt" in page.text
    assert "5 – " not in page.text


def test_the_survey_page_names_the_instrument_scale_and_offers_no_question_editing(
    cast, client_for
):
    start, _end = services.create_instrument_surveys(
        program=cast.program, instrument="fsa", created_by=None
    )
    page = client_for("coordinator").get(
        reverse(
            "surveys:manage_detail",
            kwargs={"slug": cast.program.slug, "public_id": start.public_id},
        )
    )
    assert page.text.count("skala 1 till 4") == 13
    assert "Lägg till en fråga" not in page.text
    assert "De svenska texterna är programmets egen översättning." in page.text


def test_the_fsa_selection_follows_the_reproduced_factor_codes():
    """Checked against a reproduction of the 29 items with Fraboni's codes (see ``checked``):
    the teenage-suicide item is antilocution, the company item discrimination (reversed)."""
    by_text = {item.en: item for item in instruments.FSA.items}
    suicide = by_text["Teenage suicide is more tragic than suicide among the old."]
    company = by_text["The company of most old people is quite enjoyable."]
    assert (suicide.subscale, suicide.reverse) == ("antilocution", False)
    assert (company.subscale, company.reverse) == ("discrimination", True)
    assert "Old people complain more than other people do." in by_text
    assert [len(instruments.FSA.items_of(s.key)) for s in instruments.FSA.subscales] == [5, 5, 3]
    assert "scales.arabpsychology.com" in instruments.FSA.checked
    assert "subscale of the driving licence item" in instruments.FSA.unchecked
