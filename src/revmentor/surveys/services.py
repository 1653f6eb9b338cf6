"""Survey actions: build from a template or an instrument, edit questions, send, remind, close,
answer."""

import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core import audit, mail
from revmentor.programs.models import Program
from revmentor.surveys import catalog, queries
from revmentor.surveys.instruments import INSTRUMENTS, Instrument
from revmentor.surveys.models import (
    SCALE_MIN,
    SMALLEST_GROUP,
    Answer,
    PendingResponse,
    Question,
    Respondent,
    Response,
    Survey,
)
from revmentor.surveys.pseudonyms import pseudonym


class SurveyError(Exception):
    """A survey action that is not possible; the message is shown to the user."""


def create_survey(*, program: Program, template: str, created_by: Any) -> Survey:
    """Create a draft survey, copying the questions of a ready template ("" for an empty one)."""
    with transaction.atomic():
        chosen = catalog.TEMPLATES.get(template)
        survey = Survey.objects.create(
            program=program,
            kind=chosen.kind if chosen else Survey.Kind.OTHER,
            title_sv=chosen.title_sv if chosen else "Enkät",
            title_en=chosen.title_en if chosen else "Survey",
            intro_sv=chosen.intro_sv if chosen else "",
            intro_en=chosen.intro_en if chosen else "",
        )
        for position, q in enumerate(chosen.questions if chosen else []):
            labels = catalog.AGREE if q.kind == Question.Kind.SCALE else {}
            Question.objects.create(
                survey=survey,
                key=q.key,
                position=position,
                kind=q.kind,
                text_sv=q.sv,
                text_en=q.en,
                options=list(q.options),
                required=q.required,
                low_label_sv=labels.get("low_sv", ""),
                low_label_en=labels.get("low_en", ""),
                high_label_sv=labels.get("high_sv", ""),
                high_label_en=labels.get("high_en", ""),
            )
        audit.record(
            actor=created_by,
            action=audit.Action.SURVEY_CREATED,
            program=program,
            target=survey,
            after={"template": template or "empty", "title": survey.title_sv},
        )
    return survey


def _instrument_intro(instrument: Instrument, kind: str) -> tuple[str, str]:
    when_sv = "i början av" if kind == Survey.Kind.START else "i slutet av"
    when_en = "at the start of" if kind == Survey.Kind.START else "at the end of"
    return (
        "Samma frågor ställs i början och i slutet av programmet, så att vi kan se "
        f"om något har förändrats; det här är enkäten {when_sv} programmet. Frågorna kommer "
        f"från {instrument.name_sv}. De svenska formuleringarna är programmets egen "
        "översättning. Dina svar är anonyma: vi ser bara att du har svarat, inte vad du svarade.",
        f"The same questions are asked at the start and at the end of the program, so that we "
        f"can see whether anything changed; this is the survey {when_en} the program. The "
        f"questions come from the {instrument.name_en}. Your answers are anonymous: we only see "
        "that you have answered, not what you answered.",
    )


def create_instrument_surveys(
    *, program: Program, instrument: str, created_by: Any
) -> tuple[Survey, Survey]:
    """Create a draft start survey and a draft end survey with a validated instrument's items."""
    chosen = INSTRUMENTS.get(instrument)
    if chosen is None:
        raise SurveyError(_("Choose one of the instruments."))
    scale = chosen.scale
    created: list[Survey] = []
    with transaction.atomic():
        for kind, title_sv, title_en in (
            (Survey.Kind.START, "start", "start"),
            (Survey.Kind.END, "slut", "end"),
        ):
            intro_sv, intro_en = _instrument_intro(chosen, kind)
            survey = Survey.objects.create(
                program=program,
                kind=kind,
                instrument=chosen.key,
                start_survey=created[0] if created else None,
                title_sv=f"{chosen.name_sv}, {title_sv}"[:200],
                title_en=f"{chosen.name_en}, {title_en}"[:200],
                intro_sv=intro_sv,
                intro_en=intro_en,
            )
            Question.objects.bulk_create(
                Question(
                    survey=survey,
                    key=chosen.question_key(item),
                    position=position,
                    kind=Question.Kind.SCALE,
                    text_sv=item.sv,
                    text_en=item.en,
                    scale_points=scale.points,
                    low_label_sv=scale.labels_sv[0],
                    low_label_en=scale.labels_en[0],
                    high_label_sv=scale.labels_sv[-1],
                    high_label_en=scale.labels_en[-1],
                )
                for position, item in enumerate(chosen.items)
            )
            audit.record(
                actor=created_by,
                action=audit.Action.SURVEY_CREATED,
                program=program,
                target=survey,
                after={"instrument": chosen.key, "kind": kind, "title": survey.title_sv},
            )
            created.append(survey)
    return created[0], created[1]


def _editable(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(_("A survey that has been sent can no longer be changed."))


def _questions_editable(survey: Survey) -> None:
    _editable(survey)
    if survey.instrument:
        raise SurveyError(_("The questions of a validated instrument cannot be changed."))


def save_texts(*, survey: Survey, saved_by: Any) -> Survey:
    """Save the title and introduction of a draft survey, in both languages."""
    with transaction.atomic():
        _editable(Survey.objects.select_for_update().get(pk=survey.pk))
        survey.save(update_fields=["title_sv", "title_en", "intro_sv", "intro_en"])
        audit.record(
            actor=saved_by,
            action=audit.Action.SURVEY_TEXTS_SAVED,
            program=survey.program,
            target=survey,
            after={"title_sv": survey.title_sv, "title_en": survey.title_en},
        )
    return survey


def save_question(*, question: Question, saved_by: Any) -> Question:
    """Add or change a question of a draft survey."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=question.survey_id)
        _questions_editable(survey)
        if question.pk is None:
            last = survey.questions.order_by("-position").values_list("position", flat=True).first()
            question.position = 0 if last is None else last + 1
        if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            question.options = []
        question.save()
        audit.record(
            actor=saved_by,
            action=audit.Action.SURVEY_QUESTION_SAVED,
            program=survey.program,
            target=survey,
            after={"question": question.text_sv, "kind": question.kind},
        )
    return question


def delete_question(*, question: Question, deleted_by: Any) -> None:
    """Remove a question from a draft survey."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=question.survey_id)
        _questions_editable(survey)
        audit.record(
            actor=deleted_by,
            action=audit.Action.SURVEY_QUESTION_DELETED,
            program=survey.program,
            target=survey,
            before={"question": question.text_sv},
        )
        question.delete()


def survey_link(survey: Survey) -> str:
    path = reverse(
        "surveys:answer", kwargs={"slug": survey.program.slug, "public_id": survey.public_id}
    )
    return f"{settings.SITE_URL}{path}"


def _mail(survey: Survey, applications, template: str) -> int:
    sent = 0
    for application in applications:
        mail.queue(
            "surveys.survey",
            survey_id=survey.pk,
            application_id=application.pk,
            template=template,
            concerns=[application.applicant_id],
        )
        sent += 1
    return sent


def send_survey(
    *, survey: Survey, closes_on: date | None, remind_after_days: int | None, sent_by: Any
) -> int:
    """Open the survey and e-mail every participant a link; queue one reminder for later."""
    from revmentor.surveys.tasks import remind_survey

    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("program").get(pk=survey.pk)
        _editable(survey)
        if not survey.questions.exists():
            raise SurveyError(_("Add at least one question before sending the survey."))
        if closes_on is not None and closes_on < timezone.localdate():
            raise SurveyError(_("The last day to answer cannot be in the past."))
        people = list(queries.recipients(survey.program).select_related("applicant"))
        if not people:
            raise SurveyError(_("The program has no participants to send the survey to yet."))
        survey.status = Survey.Status.OPEN
        survey.closes_on = closes_on
        survey.sent_at = timezone.now()
        survey.save(update_fields=["status", "closes_on", "sent_at"])
        sent = _mail(survey, people, "invitation")
        if remind_after_days:
            remind_survey.using(
                run_after=timezone.now() + timedelta(days=remind_after_days)
            ).enqueue(survey_id=survey.pk)
        audit.record(
            actor=sent_by,
            action=audit.Action.SURVEY_SENT,
            program=survey.program,
            target=survey,
            after={
                "recipients": sent,
                "closes_on": closes_on,
                "remind_after_days": remind_after_days,
            },
        )
    return sent


def send_reminders(*, survey: Survey, reminded_by: Any) -> int:
    """E-mail a reminder to the participants who have not answered an open survey."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("program").get(pk=survey.pk)
        if not survey.is_open:
            return 0
        sent = _mail(survey, queries.not_answered(survey).select_related("applicant"), "reminder")
        survey.reminded_at = timezone.now()
        survey.save(update_fields=["reminded_at"])
        audit.record(
            actor=reminded_by,
            action=audit.Action.SURVEY_REMINDED,
            program=survey.program,
            target=survey,
            after={"recipients": sent},
        )
    return sent


def close_survey(*, survey: Survey, closed_by: Any) -> Survey:
    """Close an open survey: no more answers are taken, the answers are stored in one random
    order and the results can be seen."""
    with transaction.atomic():
        changed = Survey.objects.filter(pk=survey.pk, status=Survey.Status.OPEN).update(
            status=Survey.Status.CLOSED
        )
        if not changed:
            raise SurveyError(_("Only an open survey can be closed."))
        survey.refresh_from_db()
        seal_answers(survey=survey)
        audit.record(
            actor=closed_by,
            action=audit.Action.SURVEY_CLOSED,
            program=survey.program,
            target=survey,
            before={"status": Survey.Status.OPEN},
            after={"status": survey.status},
        )
    return survey


def _checked(question: Question, value: Any) -> dict:
    """The stored fields of one answer, or SurveyError if the value is not a possible answer."""
    if question.kind == Question.Kind.SCALE:
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not SCALE_MIN <= value <= question.scale_points
        ):
            raise SurveyError(
                _("An answer must be between 1 and %(points)s.") % {"points": question.scale_points}
            )
        return {"scale_value": value}
    if question.kind == Question.Kind.SINGLE:
        if not isinstance(value, int) or not 0 <= value < len(question.options):
            raise SurveyError(_("That choice is not one of the question's choices."))
        return {"choices": [value]}
    if question.kind == Question.Kind.MULTIPLE:
        values = sorted(set(value or []))
        if any(not isinstance(v, int) or not 0 <= v < len(question.options) for v in values):
            raise SurveyError(_("That choice is not one of the question's choices."))
        return {"choices": values}
    return {"text": str(value)[:4000]}


def submit_answers(*, survey: Survey, application: Application, values: dict[int, Any]) -> None:
    """Record that the person answered and store their answers anonymously; nothing is sent.

    ``values`` maps question id to the answer; empty answers are left out. A second
    answer by the same person, even sent at the same moment, is refused by the unique
    constraint on the respondent row, and the whole transaction with it.
    """
    if not survey.is_open:
        raise SurveyError(_("This survey is closed and takes no more answers."))
    questions = {q.pk: q for q in survey.questions.all()}
    rows = []
    for question_id, value in values.items():
        question = questions.get(question_id)
        if question is None:
            raise SurveyError(_("That question is not part of this survey."))
        if value in (None, "", []):
            continue
        rows.append((question, _checked(question, value)))
    try:
        with transaction.atomic():
            if (
                not Survey.objects.select_for_update()
                .filter(pk=survey.pk, status=Survey.Status.OPEN)
                .exists()
            ):
                raise SurveyError(_("This survey is closed and takes no more answers."))
            Respondent.objects.create(survey=survey, application=application)
            PendingResponse.objects.create(
                survey=survey,
                profile_kind=application.profile_kind,
                organisation_id=application.organisation_id,
                pseudonym=(
                    pseudonym(program=survey.program, application=application)
                    if survey.instrument
                    else ""
                ),
                answers=[{"question": question.pk, **fields} for question, fields in rows],
            )
            _store_pending(survey, at_least=SMALLEST_GROUP)
    except IntegrityError:
        raise SurveyError(_("You have already answered this survey.")) from None


def _store_pending(survey: Survey, *, at_least: int) -> int:
    """Write the waiting answers as responses in random order once ``at_least`` wait."""
    pending = list(PendingResponse.objects.filter(survey=survey))
    if not pending or len(pending) < at_least:
        return 0
    _write_shuffled(
        survey, [(p.profile_kind, p.organisation_id, p.pseudonym, p.answers) for p in pending]
    )
    PendingResponse.objects.filter(pk__in=[p.pk for p in pending]).delete()
    return len(pending)


Stored = tuple[str, int | None, str, list[dict]]


def _write_shuffled(survey: Survey, items: list[Stored]) -> None:
    shuffle = secrets.SystemRandom().shuffle
    shuffle(items)
    responses = [
        Response(
            survey=survey,
            profile_kind=profile,
            organisation_id=organisation,
            pseudonym=pseudonym_value,
        )
        for profile, organisation, pseudonym_value, _answers in items
    ]
    Response.objects.bulk_create(responses)
    answers = [
        Answer(
            response=response,
            question_id=answer["question"],
            scale_value=answer.get("scale_value"),
            choices=answer.get("choices") or [],
            text=answer.get("text") or "",
        )
        for response, (_profile, _organisation, _pseudonym, answered) in zip(
            responses, items, strict=True
        )
        for answer in answered
    ]
    shuffle(answers)
    Answer.objects.bulk_create(answers)


def seal_answers(*, survey: Survey) -> int:
    """Write every waiting answer and rewrite all of the survey's answers in one random order.

    Called when the survey closes: afterwards neither row order nor ids relate to the
    order in which people answered. The number of responses.
    """
    with transaction.atomic():
        stored = list(Response.objects.filter(survey=survey).prefetch_related("answers"))
        items: list[Stored] = [
            (
                r.profile_kind,
                r.organisation_id,
                r.pseudonym,
                [
                    {
                        "question": a.question_id,
                        "scale_value": a.scale_value,
                        "choices": a.choices,
                        "text": a.text,
                    }
                    for a in r.answers.all()
                ],
            )
            for r in stored
        ]
        pending = list(PendingResponse.objects.filter(survey=survey))
        items += [(p.profile_kind, p.organisation_id, p.pseudonym, p.answers) for p in pending]
        Answer.objects.filter(response__survey=survey).delete()
        Response.objects.filter(survey=survey).delete()
        PendingResponse.objects.filter(survey=survey).delete()
        _write_shuffled(survey, items)
    return len(items)
