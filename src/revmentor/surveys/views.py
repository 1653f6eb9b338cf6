"""Coordinator pages for building, sending and reading surveys; the participant's answer page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core import permissions
from revmentor.programs.queries import public_programs
from revmentor.reports import exports
from revmentor.reports.services import record_export
from revmentor.surveys import measurement, queries, results, services
from revmentor.surveys.forms import (
    AnswerForm,
    CreateSurveyForm,
    InstrumentForm,
    QuestionForm,
    SendForm,
    SurveyTextsForm,
)
from revmentor.surveys.instruments import CONSTRUCT, INSTRUMENTS
from revmentor.surveys.models import Question, Respondent, Survey


def _survey(request, program, public_id):
    survey = get_object_or_404(
        queries.with_questions(queries.surveys_visible_to(request.user, program)),
        public_id=public_id,
    )
    return program, survey


@login_required
@permissions.program_role("coordinator")
def manage_list(request, program):
    form = CreateSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.create_survey(
            program=program, template=form.cleaned_data["template"], created_by=request.user
        )
        messages.success(request, _("The survey was created as a draft."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    surveys = queries.for_list(queries.surveys_visible_to(request.user, program))
    return render(
        request,
        "surveys/manage/list.html",
        {
            "program": program,
            "surveys": surveys,
            "participants": queries.recipients(program).count(),
            "form": form,
            "tab": "surveys",
        },
    )


@login_required
@permissions.program_role("coordinator")
def instruments(request, program):
    language = translation.get_language() or "sv"
    form = InstrumentForm(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        start, _end = services.create_instrument_surveys(
            program=program, instrument=form.cleaned_data["instrument"], created_by=request.user
        )
        messages.success(request, _("A start survey and an end survey were created as drafts."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=start.public_id)
    return render(
        request,
        "surveys/manage/instruments.html",
        {
            "program": program,
            "form": form,
            "instruments": [
                {
                    "instrument": i,
                    "name": i.name(language),
                    "note": i.note(language),
                    "subscales": [s.name(language) for s in i.subscales],
                }
                for i in INSTRUMENTS.values()
            ],
            "tab": "surveys",
        },
    )


def _instrument_survey(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    if survey.instrument not in INSTRUMENTS:
        raise Http404
    return program, survey


@login_required
@permissions.program_role("coordinator")
def instrument_results(request, program, public_id):
    program, survey = _instrument_survey(request, program, public_id)
    language = translation.get_language() or "sv"
    found = measurement.instrument_results(survey)
    instrument = found.instrument
    subscale_names = {s.key: s.name(language) for s in instrument.subscales}
    return render(
        request,
        "surveys/manage/instrument_results.html",
        {
            "program": program,
            "survey": survey,
            "found": found,
            "name": instrument.name(language),
            "note": instrument.note(language),
            "items": [
                {
                    "item": item,
                    "subscale": subscale_names[item.subscale],
                    "constructed": item.wording == CONSTRUCT,
                }
                for item in instrument.items
            ],
            "smallest_group": results.SMALLEST_GROUP,
            "tab": "surveys",
        },
    )


def _round(value, digits: int = 2):
    return None if value is None else round(value, digits)


@login_required
@permissions.program_role("coordinator")
def instrument_export(request, program, public_id):
    program, survey = _instrument_survey(request, program, public_id)
    with translation.override("sv"):
        found = measurement.instrument_results(survey)
        rows = []
        for group in found.groups:
            for s in group.subscales:
                rows.append(
                    [
                        group.label,
                        s.name,
                        *(
                            [e.n, _round(e.mean), _round(e.low), _round(e.high)]
                            if (e := s.start)
                            else [None] * 4
                        ),
                        *(
                            [e.n, _round(e.mean), _round(e.low), _round(e.high)]
                            if (e := s.end)
                            else [None] * 4
                        ),
                        *(
                            [c.n, _round(c.mean), _round(c.low), _round(c.high), _round(c.d_z)]
                            if (c := s.change)
                            else [None] * 5
                        ),
                        _round(s.alpha_start),
                        _round(s.alpha_end),
                    ]
                )
        record_export(
            program=program,
            exported_by=request.user,
            what=f"instrument-{found.instrument.key}",
            file_format="xlsx",
            rows=len(rows),
        )
        content = exports.workbook(
            _("Instrument results"),
            [
                (_("Program"), program.title),
                (_("Instrument"), found.instrument.name_sv),
                (_("Source"), found.instrument.citation),
                (_("Swedish texts"), _("The program's own translation.")),
                (
                    _("Groups shown"),
                    _("At least %(n)s answers; empty cells are hidden or too few.")
                    % {"n": results.SMALLEST_GROUP},
                ),
                (
                    _("Intervals"),
                    _("%(level)s confidence interval, Student's t") % {"level": "95 %"},
                ),
            ],
            [
                _("Group"),
                _("Subscale"),
                _("Start: answers"),
                _("Start: mean"),
                _("Start: lower limit"),
                _("Start: upper limit"),
                _("End: answers"),
                _("End: mean"),
                _("End: lower limit"),
                _("End: upper limit"),
                _("Pairs"),
                _("Change"),
                _("Change: lower limit"),
                _("Change: upper limit"),
                _("Effect size (d_z)"),
                _("Alpha at the start"),
                _("Alpha at the end"),
            ],
            rows,
        )
    return exports.file_response(
        content, exports.XLSX, f"{found.instrument.key}-{program.slug}.xlsx"
    )


@login_required
@permissions.program_role("coordinator")
def manage_detail(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    return render(
        request,
        "surveys/manage/detail.html",
        {
            "program": program,
            "survey": survey,
            "send_form": SendForm(),
            "participants": queries.recipients(program).count(),
            "answered": Respondent.objects.filter(survey=survey).count(),
            "tab": "surveys",
        },
    )


@login_required
@permissions.program_role("coordinator")
def edit(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    if survey.status != Survey.Status.DRAFT:
        messages.error(request, _("A survey that has been sent can no longer be changed."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    form = SurveyTextsForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        services.save_texts(survey=form.save(commit=False), saved_by=request.user)
        messages.success(request, _("The survey was saved."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    return render(
        request,
        "surveys/manage/texts_form.html",
        {"program": program, "survey": survey, "form": form, "tab": "surveys"},
    )


@login_required
@permissions.program_role("coordinator")
def question_form(request, program, public_id, question_id=None):
    program, survey = _survey(request, program, public_id)
    question = Question(survey=survey)
    if question_id is not None:
        question = get_object_or_404(survey.questions.all(), public_id=question_id)
    if survey.status != Survey.Status.DRAFT:
        messages.error(request, _("A survey that has been sent can no longer be changed."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    if survey.instrument:
        messages.error(request, _("The questions of a validated instrument cannot be changed."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        services.save_question(question=form.save(commit=False), saved_by=request.user)
        messages.success(request, _("The question was saved."))
        return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    return render(
        request,
        "surveys/manage/question_form.html",
        {
            "program": program,
            "survey": survey,
            "form": form,
            "question": question,
            "tab": "surveys",
        },
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def question_delete(request, program, public_id, question_id):
    program, survey = _survey(request, program, public_id)
    question = get_object_or_404(survey.questions.all(), public_id=question_id)
    try:
        services.delete_question(question=question, deleted_by=request.user)
        messages.success(request, _("The question was removed."))
    except services.SurveyError as error:
        messages.error(request, str(error))
    return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)


@login_required
@require_POST
@permissions.program_role("coordinator")
def send(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            count = services.send_survey(
                survey=survey,
                closes_on=form.cleaned_data["closes_on"],
                remind_after_days=form.cleaned_data["remind_after_days"],
                sent_by=request.user,
            )
        except services.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The survey was sent to %(count)s participants.") % {"count": count}
            )
            return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)
    return render(
        request,
        "surveys/manage/detail.html",
        {
            "program": program,
            "survey": survey,
            "send_form": form,
            "participants": queries.recipients(program).count(),
            "answered": Respondent.objects.filter(survey=survey).count(),
            "tab": "surveys",
        },
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def remind(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    if survey.is_open:
        count = services.send_reminders(survey=survey, reminded_by=request.user)
        messages.success(
            request, _("A reminder was sent to %(count)s participants.") % {"count": count}
        )
    else:
        messages.error(request, _("Only an open survey can be reminded about."))
    return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)


@login_required
@require_POST
@permissions.program_role("coordinator")
def close(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    try:
        services.close_survey(survey=survey, closed_by=request.user)
        messages.success(request, _("The survey was closed."))
    except services.SurveyError as error:
        messages.error(request, str(error))
    return redirect("surveys:manage_detail", slug=program.slug, public_id=survey.public_id)


@login_required
@permissions.program_role("coordinator")
def results_page(request, program, public_id):
    program, survey = _survey(request, program, public_id)
    context = {
        "program": program,
        "survey": survey,
        "answered": Respondent.objects.filter(survey=survey).count(),
        "smallest_group": results.SMALLEST_GROUP,
        "tab": "surveys",
        "closed": survey.status == Survey.Status.CLOSED,
    }
    if context["closed"]:
        # An open survey's results could be compared before and after one more answer.
        changes, change_chart = results.start_end_change(survey)
        context.update(
            results=results.survey_results(survey), changes=changes, change_chart=change_chart
        )
    return render(request, "surveys/manage/results.html", context)


@login_required
def answer(request, slug, public_id):
    program = get_object_or_404(public_programs(), slug=slug)
    application = queries.recipient_application(request.user, program)
    if application is None:
        raise Http404
    survey = get_object_or_404(
        queries.with_questions(queries.surveys_visible_to(request.user, program)),
        public_id=public_id,
    )
    language = translation.get_language() or "sv"
    answered = Respondent.objects.filter(survey=survey, application=application).exists()
    form = None
    if not answered and survey.is_open:
        form = AnswerForm(request.POST or None, survey=survey, language=language)
        if request.method == "POST" and form.is_valid():
            try:
                services.submit_answers(
                    survey=survey, application=application, values=form.values()
                )
            except services.SurveyError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Thank you! Your answers were saved anonymously."))
            return redirect("surveys:answer", slug=program.slug, public_id=survey.public_id)
    return render(
        request,
        "surveys/answer.html",
        {
            "program": program,
            "survey": survey,
            "title": survey.title(language),
            "intro": survey.intro(language),
            "form": form,
            "answered": answered,
        },
    )
