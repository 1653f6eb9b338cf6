"""Participants rank suggested partners and answer requests; the coordinator runs the round."""

from dataclasses import replace
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core import permissions
from revmentor.programs.models import MatchingMode, Program
from revmentor.wishes import queries, services
from revmentor.wishes.forms import AnswerForm, RankingForm, RoundForm, WishRunForm
from revmentor.wishes.models import Round


@login_required
def rank(request, slug):
    ranking = queries.own_ranking_or_404(request.user, slug)
    wish_round = ranking.round
    program = wish_round.program
    requests_mode = program.matching_mode == MatchingMode.REQUESTS
    is_mentor = ranking.application.profile_kind == "mentor"
    suggestions = [] if requests_mode and is_mentor else queries.suggestions(ranking)
    current = [wish.partner for wish in ranking.wishes.select_related("partner").order_by("rank")]
    form = RankingForm(
        request.POST if request.method == "POST" else None,
        suggestions=suggestions,
        initial_partners=current,
        anyone=ranking.anyone,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_ranking(
                ranking=ranking,
                partners=form.cleaned_data["partners"],
                anyone=form.cleaned_data["anyone"],
            )
        except services.WishesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your wishes are saved."))
            return redirect("wishes:rank", slug=program.slug)
    visible = queries.requests_visible_to(request.user, program)
    return render(
        request,
        "wishes/rank.html",
        {
            "program": program,
            "round": wish_round,
            "ranking": ranking,
            "suggestions": suggestions,
            "form": form,
            "requests_mode": requests_mode,
            "is_mentor": is_mentor,
            "open": wish_round.accepts_rankings(),
            "sent": visible.filter(requester=ranking.application).order_by("created_at", "pk"),
            "received": visible.filter(partner=ranking.application).order_by("created_at", "pk"),
        },
    )


@login_required
def answer(request, slug, public_id):
    pair_request = queries.received_request_or_404(request.user, slug, public_id)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and pair_request.is_pending and form.is_valid():
        try:
            services.answer_request(
                request=pair_request,
                accept=form.cleaned_data["decision"] == "accept",
                message=form.cleaned_data["message"],
                answered_by=request.user,
            )
        except services.WishesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your answer is sent."))
            return redirect("wishes:answer", slug=slug, public_id=pair_request.public_id)
    return render(
        request,
        "wishes/answer.html",
        {"program": pair_request.round.program, "pair_request": pair_request, "form": form},
    )


def _round_context(program: Program, wish_round: Round | None, **extra) -> dict:
    figures = queries.round_figures(wish_round) if wish_round is not None else None
    return {
        "program": program,
        "tab": "matching",
        "round": wish_round,
        "figures": figures,
        "mode": MatchingMode(program.matching_mode),
        **extra,
    }


@login_required
@permissions.program_role("coordinator")
def round_page(request, program):
    wish_round = queries.round_visible_to(request.user, program)
    initial = {"mode": MatchingMode.WISHES, "ranking_deadline": RoundForm.default_deadline()}
    if wish_round is not None:
        initial = {
            "mode": program.matching_mode
            if program.matching_mode != MatchingMode.COORDINATOR
            else MatchingMode.WISHES,
            "ranking_deadline": wish_round.ranking_deadline,
            "answer_days": wish_round.answer_days,
            "seats_per_mentor": wish_round.seats_per_mentor,
        }
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.open_round(
                program=program,
                mode=form.cleaned_data["mode"],
                ranking_deadline=form.cleaned_data["ranking_deadline"],
                answer_days=form.cleaned_data["answer_days"],
                seats_per_mentor=form.cleaned_data["seats_per_mentor"],
                opened_by=request.user,
            )
        except services.WishesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Suggestions are open; participants are e-mailed."))
            return redirect("wishes:round", slug=program.slug)
    return render(request, "wishes/round.html", _round_context(program, wish_round, form=form))


def _own_round_or_404(request, program) -> Round:
    wish_round = queries.round_visible_to(request.user, program)
    if wish_round is None:
        raise Http404
    return wish_round


@require_POST
@login_required
@permissions.program_role("coordinator")
def remind(request, program):
    wish_round = _own_round_or_404(request, program)
    try:
        count = services.remind(wish_round=wish_round, reminded_by=request.user)
    except services.WishesError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)s reminders are on their way.") % {"count": count})
    return redirect("wishes:round", slug=program.slug)


@require_POST
@login_required
@permissions.program_role("coordinator")
def close(request, program):
    wish_round = _own_round_or_404(request, program)
    try:
        services.close_round(wish_round=wish_round, closed_by=request.user)
    except services.WishesError as error:
        messages.error(request, error.message)
        return redirect("wishes:round", slug=program.slug)
    messages.success(request, _("The round is closed. Now let the engine pair whoever is left."))
    return redirect("wishes:run", slug=program.slug)


@require_POST
@login_required
@permissions.program_role("coordinator")
def coordinator_led(request, program):
    services.set_coordinator_led(program=program, changed_by=request.user)
    messages.success(request, _("Matching is coordinator-led again."))
    return redirect("wishes:round", slug=program.slug)


@login_required
@permissions.program_role("coordinator")
def run(request, program):
    rules, weights = queries.rules_and_weights(program)
    wish_round = queries.round_visible_to(request.user, program)
    form = WishRunForm(
        request.POST or None,
        best=weights.max_score,
        initial={
            "pairing": "optimal",
            "wish_weight": Decimal(str(weights.max_score)),
            "capacity": wish_round.seats_per_mentor if wish_round else rules.capacity,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.run_with_wishes(
                program=program,
                rules=replace(rules, capacity=form.cleaned_data["capacity"]),
                weights=weights,
                wish_weight=float(form.cleaned_data["wish_weight"]),
                pairing=form.cleaned_data["pairing"],
                created_by=request.user,
            )
        except services.WishesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Proposal %(number)s is ready.") % {"number": proposal.number}
            )
            return redirect("matching:proposal", slug=program.slug, public_id=proposal.public_id)
    return render(request, "wishes/run.html", _round_context(program, wish_round, form=form))
