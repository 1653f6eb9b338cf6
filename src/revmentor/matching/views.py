"""The coordinator's matching workspace: proposals, the run form, hand edits, exclusions, publishing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core.permissions import coordinated_program_or_404
from revmentor.matching import queries, services
from revmentor.matching.charts import histogram_chart
from revmentor.matching.forms import ExclusionForm, PairForm, RunForm
from revmentor.matching.loading import (
    fit_percent,
    nominated,
    part_label,
    rule_sentence,
    rules_summary,
)
from revmentor.matching.models import Proposal, ProposedPair
from revmentor.mentorships.models import Mentorship
from revmentor.programs.models import Program


def _proposal_or_404(request, program, public_id) -> Proposal:
    return get_object_or_404(
        queries.proposals_visible_to(request.user, program), public_id=public_id
    )


def _pair_form(request, program, data=None, form_class=PairForm, prefix="pair"):
    return form_class(
        data,
        prefix=prefix,
        mentors=queries.candidates_visible_to(request.user, program, "mentor"),
        adepts=queries.candidates_visible_to(request.user, program, "adept"),
    )


def _context(program, **extra) -> dict:
    return {"program": program, "tab": "matching", **extra}


@login_required
def workspace(request, slug):
    program = coordinated_program_or_404(request, slug)
    proposals = list(queries.proposals_visible_to(request.user, program).order_by("-number"))
    for proposal in proposals:
        best = proposal.quality.get("max_possible_score")
        proposal.fit_mean = fit_percent(proposal.quality.get("mean_score"), best)
        proposal.fit_lowest = fit_percent(proposal.quality.get("lowest_score"), best)
    sides = {"mentor": 0, "adept": 0}
    for kind in nominated(program).values_list("profile_kind", flat=True):
        sides[kind] = sides.get(kind, 0) + 1
    return render(
        request,
        "matching/workspace.html",
        _context(
            program,
            proposals=proposals,
            mentors=sides["mentor"],
            adepts=sides["adept"],
            published=Mentorship.objects.filter(program=program).exists(),
            exclusions=queries.exclusions_visible_to(request.user, program).count(),
            ended=list(queries.ended_participants_visible_to(request.user, program)),
        ),
    )


@login_required
@require_POST
def readmission(request, slug, application_id):
    """Take someone whose pair ended back into the matching, or leave them out again."""
    program = coordinated_program_or_404(request, slug)
    application = get_object_or_404(
        queries.ended_participants_visible_to(request.user, program), public_id=application_id
    )
    if request.POST.get("readmit") == "1":
        services.readmit(program=program, application=application, added_by=request.user)
        messages.success(
            request,
            _("%(name)s is back in later matching runs.") % {"name": application.full_name},
        )
    else:
        services.leave_out(program=program, application=application, changed_by=request.user)
        messages.success(
            request,
            _("%(name)s is left out of later matching runs.") % {"name": application.full_name},
        )
    return redirect(f"{reverse('matching:workspace', kwargs={'slug': program.slug})}#ended")


@login_required
def run(request, slug):
    program = coordinated_program_or_404(request, slug)
    drafts = list(
        queries.proposals_visible_to(request.user, program)
        .filter(published_at__isnull=True)
        .order_by("-number")
    )
    initial = None
    base = request.GET.get("from")
    if base:
        chosen = next((p for p in drafts if str(p.public_id) == base), None)
        initial = RunForm.initial_from(chosen) if chosen else None
    form = RunForm(
        request.POST or None,
        proposals=drafts,
        initial=initial,
        organisations=program.participations.count(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.run_matching(
                program=program,
                rules=form.rules(),
                weights=form.weights(),
                created_by=request.user,
                keep_locks_from=form.base_proposal(),
            )
        except services.MatchingError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Proposal %(number)s is ready.") % {"number": proposal.number}
            )
            return redirect("matching:proposal", slug=program.slug, public_id=proposal.public_id)
    return render(request, "matching/run.html", _context(program, form=form))


@login_required
def proposal_detail(request, slug, public_id):
    program = coordinated_program_or_404(request, slug)
    proposal = get_object_or_404(queries.proposal_page(request.user, program), public_id=public_id)
    return render(request, "matching/proposal.html", _proposal_context(request, program, proposal))


def _proposal_context(request, program, proposal, **extra) -> dict:
    language = "en" if (get_language() or "sv").startswith("en") else "sv"
    pairs = list(proposal.pairs.all())
    unmatched = list(proposal.unmatched.all())
    best = proposal.quality.get("max_possible_score")
    for pair in pairs:
        pair.pros, pair.cons = pair.points_in(language)
        if not pair.pros and not pair.cons:
            pair.why = pair.explanation(language)
        pair.fit = fit_percent(pair.score, best)
        pair.warnings = [rule_sentence(rule, proposal.rules) for rule in pair.broken_rules]
    for person in unmatched:
        person.why = person.reason(language)
    quality = proposal.quality
    greedy = proposal.greedy_quality
    return _context(
        program,
        proposal=proposal,
        pairs=pairs,
        unmatched_mentors=[p for p in unmatched if p.side == "mentor"],
        unmatched_adepts=[p for p in unmatched if p.side == "adept"],
        chart=histogram_chart(quality),
        fit={
            "mean": fit_percent(quality.get("mean_score"), best),
            "lowest": fit_percent(quality.get("lowest_score"), best),
        },
        greedy=greedy,
        greedy_fit={
            "mean": fit_percent(greedy.get("mean_score"), greedy.get("max_possible_score")),
            "lowest": fit_percent(greedy.get("lowest_score"), greedy.get("max_possible_score")),
        },
        pair_form=extra.pop("pair_form", None) or _pair_form(request, program),
        weights=[(part_label(name), value) for name, value in proposal.weights.items()],
        rules=rules_summary(proposal.rules),
        **extra,
    )


@login_required
@require_POST
def pair_lock(request, slug, public_id, pair_id):
    program = coordinated_program_or_404(request, slug)
    proposal = _proposal_or_404(request, program, public_id)
    pair = get_object_or_404(
        ProposedPair.objects.select_related("proposal"), proposal=proposal, public_id=pair_id
    )
    try:
        services.set_lock(
            pair=pair, locked=request.POST.get("locked") == "1", changed_by=request.user
        )
    except services.MatchingError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_pairs_anchor(program, proposal))


@login_required
@require_POST
def pair_break(request, slug, public_id, pair_id):
    program = coordinated_program_or_404(request, slug)
    proposal = _proposal_or_404(request, program, public_id)
    pair = get_object_or_404(
        ProposedPair.objects.select_related("proposal__program", "mentor", "adept"),
        proposal=proposal,
        public_id=pair_id,
    )
    try:
        services.break_pair(pair=pair, changed_by=request.user)
    except services.MatchingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The pair was broken up."))
    return redirect(_pairs_anchor(program, proposal))


def _pairs_anchor(program, proposal) -> str:
    url = reverse(
        "matching:proposal", kwargs={"slug": program.slug, "public_id": proposal.public_id}
    )
    return f"{url}#pairs"


@login_required
def pair_by_hand(request, slug, public_id):
    """GET or "check" shows the live score and broken rules; "save" pairs the two."""
    program = coordinated_program_or_404(request, slug)
    proposal = _proposal_or_404(request, program, public_id)
    form = _pair_form(request, program, request.POST or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        mentor, adept = form.cleaned_data["mentor"], form.cleaned_data["adept"]
        try:
            if "save" in request.POST:
                services.pair_by_hand(
                    proposal=proposal, mentor=mentor, adept=adept, changed_by=request.user
                )
                messages.success(
                    request,
                    _("%(mentor)s and %(adept)s are now a pair.")
                    % {"mentor": mentor.full_name, "adept": adept.full_name},
                )
                return redirect(_pairs_anchor(program, proposal))
            plan = services.plan_manual_pair(proposal=proposal, mentor=mentor, adept=adept)
        except services.MatchingError as error:
            for message in error.messages:
                form.add_error(None, message)
    if plan is not None:
        language = "en" if (get_language() or "sv").startswith("en") else "sv"
        plan.why = plan.explanation_en if language == "en" else plan.explanation_sv
        chosen = plan.points.get(language, {})
        plan.pros, plan.cons = chosen.get("for", []), chosen.get("against", [])
        plan.fit = fit_percent(plan.score, plan.best)
        plan.part_rows = [
            (part_label(name), value, proposal.weights.get(name, 0))
            for name, value in plan.parts.items()
        ]
    return render(
        request,
        "matching/pair_form.html",
        _context(program, proposal=proposal, form=form, plan=plan),
    )


@login_required
def publish(request, slug, public_id):
    program = coordinated_program_or_404(request, slug)
    proposal = _proposal_or_404(request, program, public_id)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(proposal=proposal, published_by=request.user)
        except services.MatchingError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The pairs are published and the participants are being told by e-mail.")
            )
            return redirect("matching:proposal", slug=program.slug, public_id=proposal.public_id)
    pairs = proposal.pairs.count()
    broken = proposal.pairs.exclude(broken_rules=[]).count()
    return render(
        request,
        "matching/publish.html",
        _context(
            program,
            proposal=proposal,
            pair_count=pairs,
            broken_count=broken,
            form=form,
            already=Mentorship.objects.filter(program=program).exists(),
            running_label=Program.Status.RUNNING.label,
        ),
    )


@login_required
def exclusions(request, slug):
    program = coordinated_program_or_404(request, slug)
    form = _pair_form(request, program, request.POST or None, ExclusionForm, prefix="exclusion")
    if request.method == "POST" and form.is_valid():
        services.add_exclusion(
            program=program,
            mentor=form.cleaned_data["mentor"],
            adept=form.cleaned_data["adept"],
            reason=form.cleaned_data["reason"],
            created_by=request.user,
        )
        messages.success(request, _("The two will never be paired in later runs."))
        return redirect("matching:exclusions", slug=program.slug)
    return render(
        request,
        "matching/exclusions.html",
        _context(
            program,
            form=form,
            exclusions=list(queries.exclusions_visible_to(request.user, program)),
        ),
    )


@login_required
@require_POST
def exclusion_delete(request, slug, public_id):
    program = coordinated_program_or_404(request, slug)
    exclusion = get_object_or_404(
        queries.exclusions_visible_to(request.user, program), public_id=public_id
    )
    services.remove_exclusion(exclusion=exclusion, removed_by=request.user)
    messages.success(request, _("The exclusion was removed."))
    return redirect("matching:exclusions", slug=program.slug)
