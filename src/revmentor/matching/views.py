"""The coordinator's matching workspace: proposals, the run form, hand edits, exclusions, publishing."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core import permissions
from revmentor.matching import queries, services
from revmentor.matching.charts import histogram_chart
from revmentor.matching.forms import ExclusionForm, PairForm, RunForm
from revmentor.matching.loading import (
    fit_percent,
    nominated,
    part_label,
    rule_sentences,
    rules_summary,
)
from revmentor.matching.models import MatchingRun, Proposal, ProposedPair, UnmatchedPerson
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
@permissions.program_role("coordinator")
def workspace(request, program):
    proposals = list(queries.proposals_visible_to(request.user, program).order_by("-number"))
    for proposal in proposals:
        best = proposal.quality.get("max_possible_score")
        proposal.fit_mean = fit_percent(proposal.quality.get("mean_score"), best)
        proposal.fit_lowest = fit_percent(proposal.quality.get("lowest_score"), best)
    sides = {"mentor": 0, "adept": 0}
    counts = nominated(program).order_by().values("profile_kind").annotate(n=Count("pk"))
    for row in counts:
        sides[row["profile_kind"]] = row["n"]
    # The latest run, while it is under way or when it failed: its outcome is news; a run
    # that is done is a proposal in the table.
    latest = queries.runs_visible_to(request.user, program).first()
    if latest is not None and latest.status == MatchingRun.Status.DONE:
        latest = None
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
            matching_run=_shown(latest),
        ),
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def readmission(request, program, application_id):
    """Take someone whose pair ended back into the matching, or leave them out again."""
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
@permissions.program_role("coordinator")
def run(request, program):
    """The run form: a valid POST queues the run for the worker and answers at once."""
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
            services.start_run(
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
                request,
                _(
                    "The matching is queued. This page shows how it goes and the proposal when it is ready."
                ),
            )
            return redirect(f"{reverse('matching:workspace', kwargs={'slug': program.slug})}#run")
    active = queries.runs_visible_to(request.user, program).filter(status__in=MatchingRun.ACTIVE)
    return render(
        request, "matching/run.html", _context(program, form=form, active_run=active.first())
    )


@login_required
@permissions.program_role("coordinator")
def run_status(request, program, public_id):
    """One run's progress; ``?fragment=1`` gives only the part the workspace's script refreshes."""
    matching_run = get_object_or_404(
        queries.runs_visible_to(request.user, program), public_id=public_id
    )
    template = "matching/run_status.html"
    if request.GET.get("fragment") == "1":
        template += "#progress"
    return render(request, template, _context(program, matching_run=_shown(matching_run)))


def _shown(matching_run):
    """The run with what its progress box shows: its stage's place among the steps, and why
    it failed in the page's language."""
    if matching_run is None:
        return None
    language = _language()
    skipped = {MatchingRun.Stage.WAITING, MatchingRun.Stage.FINISHED}
    if matching_run.kind == MatchingRun.Kind.COMPARISON:
        skipped.add(MatchingRun.Stage.EXPLAINING)
    matching_run.steps = [
        (label, STEPS.index(stage) < STEPS.index(matching_run.stage), stage == matching_run.stage)
        for stage, label in MatchingRun.Stage.choices
        if stage not in skipped
    ]
    matching_run.reasons = matching_run.objections(language)
    if matching_run.kind == MatchingRun.Kind.COMPARISON and matching_run.proposal is not None:
        greedy = matching_run.proposal.greedy_quality
        matching_run.greedy = greedy
        matching_run.greedy_fit = {
            "mean": fit_percent(greedy.get("mean_score"), greedy.get("max_possible_score")),
            "lowest": fit_percent(greedy.get("lowest_score"), greedy.get("max_possible_score")),
        }
    return matching_run


STEPS = [stage for stage, _label in MatchingRun.Stage.choices]


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@login_required
@require_POST
@permissions.program_role("coordinator")
def compare(request, program, public_id):
    """Queue the simple first-come pairing for comparison, only when the coordinator asks."""
    proposal = _proposal_or_404(request, program, public_id)
    try:
        services.start_comparison(proposal=proposal, requested_by=request.user)
    except services.MatchingError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        reverse("matching:proposal", kwargs={"slug": program.slug, "public_id": proposal.public_id})
        + "#comparison"
    )


PAGE_SIZE = 50
PAIR_ORDERS = {
    "fit": ("-score", "mentor__full_name", "id"),
    "fit_low": ("score", "mentor__full_name", "id"),
    "mentor": ("mentor__full_name", "id"),
    "adept": ("adept__full_name", "id"),
}
PAIR_FILTERS = {
    "all": Q(),
    "warnings": ~Q(broken_rules=[]),
    "locked": Q(locked=True),
    "by_hand": Q(by_hand=True),
}
SIDES = ("mentor", "adept")
# A stand-in for a pair's id: each row's form URLs are one string replacement, not a reverse().
PLACEHOLDER = UUID(int=0)


@login_required
@permissions.program_role("coordinator")
def proposal_detail(request, program, public_id):
    """A proposal's figures, and its pairs and unmatched people a page at a time."""
    proposal = _proposal_or_404(request, program, public_id)
    return render(request, "matching/proposal.html", _proposal_context(request, program, proposal))


def _choice(request, name: str, allowed, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


def _pager(request, page, parameter: str, anchor: str) -> dict:
    """The page links of one table, each keeping the other parameters of the address."""

    def link(number) -> str:
        query = request.GET.copy()
        query[parameter] = str(number)
        return f"?{query.urlencode()}#{anchor}"

    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return {
        "page": page,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "links": [
            (number, None if number == page.paginator.ELLIPSIS else link(number))
            for number in numbers
        ],
    }


def _proposal_context(request, program, proposal) -> dict:
    language = _language()
    order = _choice(request, "sort", PAIR_ORDERS, "fit")
    shown = _choice(request, "show", PAIR_FILTERS, "all")
    side = _choice(request, "side", SIDES, "")
    pairs_page = Paginator(
        queries.pairs_of(proposal).filter(PAIR_FILTERS[shown]).order_by(*PAIR_ORDERS[order]),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    unmatched = queries.unmatched_of(proposal)
    if side:
        unmatched = unmatched.filter(side=side)
    unmatched_page = Paginator(unmatched, PAGE_SIZE).get_page(request.GET.get("unmatched_page"))
    best = proposal.quality.get("max_possible_score")
    warnings = rule_sentences(proposal.rules)
    side_labels = dict(UnmatchedPerson.Side.choices)
    kwargs = {"slug": program.slug, "public_id": proposal.public_id, "pair_id": PLACEHOLDER}
    lock_url = reverse("matching:pair_lock", kwargs=kwargs)
    break_url = reverse("matching:pair_break", kwargs=kwargs)
    for pair in pairs_page.object_list:
        pair.pros, pair.cons = pair.points_in(language)
        if not pair.pros and not pair.cons:
            pair.why = pair.explanation(language)
        pair.fit = fit_percent(pair.score, best)
        pair.warnings = [warnings[rule] for rule in pair.broken_rules]
        pair.lock_url = lock_url.replace(str(PLACEHOLDER), str(pair.public_id))
        pair.break_url = break_url.replace(str(PLACEHOLDER), str(pair.public_id))
    for person in unmatched_page.object_list:
        person.why = person.reason(language)
        person.side_label = side_labels.get(person.side, person.side)
    quality = proposal.quality
    greedy = proposal.greedy_quality
    comparison_run = None
    if not greedy:
        comparison_run = (
            queries.runs_visible_to(request.user, program)
            .filter(kind=MatchingRun.Kind.COMPARISON, proposal=proposal)
            .first()
        )
    return _context(
        program,
        proposal=proposal,
        matching_run=_shown(comparison_run),
        pairs=pairs_page.object_list,
        pairs_pager=_pager(request, pairs_page, "page", "pairs"),
        unmatched=unmatched_page.object_list,
        unmatched_pager=_pager(request, unmatched_page, "unmatched_page", "unmatched"),
        sort=order,
        show=shown,
        side=side,
        sort_choices=[
            ("fit", _("best fit first")),
            ("fit_low", _("lowest fit first")),
            ("mentor", _("mentor's name")),
            ("adept", _("adept's name")),
        ],
        show_choices=[
            ("all", _("all pairs")),
            ("warnings", _("pairs that break a rule")),
            ("locked", _("locked pairs")),
            ("by_hand", _("pairs made by hand")),
        ],
        side_choices=[("", _("both sides")), *UnmatchedPerson.Side.choices],
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
        weights=[(part_label(name), value) for name, value in proposal.weights.items()],
        rules=rules_summary(proposal.rules),
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def pair_lock(request, program, public_id, pair_id):
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
@permissions.program_role("coordinator")
def pair_break(request, program, public_id, pair_id):
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
@permissions.program_role("coordinator")
def pair_by_hand(request, program, public_id):
    """GET or "check" shows the live score and broken rules; "save" pairs the two."""
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
@permissions.program_role("coordinator")
def publish(request, program, public_id):
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
@permissions.program_role("coordinator")
def exclusions(request, program):
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
@permissions.program_role("coordinator")
def exclusion_delete(request, program, public_id):
    exclusion = get_object_or_404(
        queries.exclusions_visible_to(request.user, program), public_id=public_id
    )
    services.remove_exclusion(exclusion=exclusion, removed_by=request.user)
    messages.success(request, _("The exclusion was removed."))
    return redirect("matching:exclusions", slug=program.slug)
