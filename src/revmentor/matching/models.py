"""Matching proposals (pairs, unmatched people, quality figures) and the coordinator's exclusions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """One matching run over a program's nominated applicants, adjusted by hand until published.

    ``rules`` and ``weights`` hold the engine's settings as given; ``quality`` and
    ``greedy_quality`` hold the engine's figures (pairs, total and lowest score, histogram)
    for this proposal and for the greedy fill over the same input.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("program"),
    )
    number = models.PositiveIntegerField(_("number"))
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locks kept from"),
    )
    rules = models.JSONField(_("rules"), default=dict)
    weights = models.JSONField(_("weights"), default=dict)
    quality = models.JSONField(_("quality"), default=dict)
    greedy_quality = models.JSONField(_("quality of the greedy fill"), default=dict)
    method = models.CharField(_("solver"), max_length=20, blank=True)
    mentors = models.PositiveIntegerField(_("mentors"), default=0)
    adepts = models.PositiveIntegerField(_("adepts"), default=0)
    edited_by_hand = models.BooleanField(_("changed by hand"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("run"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("matching proposal")
        verbose_name_plural = _("matching proposals")
        ordering = ["program", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="proposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program} #{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ProposedPair(models.Model):
    """A mentor and an adept in a proposal, with the score split into parts and explained."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("proposal")
    )
    mentor = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentor"),
    )
    adept = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("adept"),
    )
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2)
    parts = models.JSONField(_("score parts"), default=dict)
    explanation_sv = models.TextField(_("explanation in Swedish"))
    explanation_en = models.TextField(_("explanation in English"))
    # {"sv": {"for": [...], "against": [...]}, "en": {...}}: the same facts as the sentences,
    # kept apart so the page can list what speaks for and against the pair separately.
    points = models.JSONField(_("for and against"), default=dict, blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    by_hand = models.BooleanField(_("paired by hand"), default=False)
    broken_rules = models.JSONField(_("broken rules"), default=list, blank=True)

    class Meta:
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "adept"], name="proposed_pair_adept_once")
        ]

    def __str__(self) -> str:
        return f"{self.mentor.full_name} – {self.adept.full_name} ({self.score})"

    def explanation(self, language: str) -> str:
        return self.explanation_en if language == "en" else self.explanation_sv

    def points_in(self, language: str) -> tuple[list[str], list[str]]:
        """What speaks for and against the pair in ``language`` (Swedish for anything else)."""
        chosen = (self.points or {}).get("en" if language == "en" else "sv") or {}
        return list(chosen.get("for", [])), list(chosen.get("against", []))


class UnmatchedPerson(models.Model):
    """Someone a proposal leaves without a partner, and why (in both languages)."""

    class Side(models.TextChoices):
        MENTOR = "mentor", _("mentor")
        ADEPT = "adept", _("adept")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="unmatched", verbose_name=_("proposal")
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    reason_code = models.CharField(_("reason"), max_length=40)
    reason_sv = models.CharField(_("reason in Swedish"), max_length=500)
    reason_en = models.CharField(_("reason in English"), max_length=500)

    class Meta:
        verbose_name = _("unmatched person")
        verbose_name_plural = _("unmatched people")
        ordering = ["side", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "application"], name="unmatched_person_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.full_name}: {self.reason_en}"

    def reason(self, language: str) -> str:
        return self.reason_en if language == "en" else self.reason_sv


class Exclusion(models.Model):
    """A coordinator's "never pair these two": every later run treats the pair as forbidden."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="matching_exclusions",
        verbose_name=_("program"),
    )
    mentor = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentor"),
    )
    adept = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("adept"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "mentor", "adept"], name="exclusion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.mentor.full_name} ≠ {self.adept.full_name}"


class Readmission(models.Model):
    """A coordinator took someone whose pair ended back into the matching.

    Whoever's pair has ended is out of later runs (they may have left the organisation);
    a readmission later than their latest ended pair puts them back in.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="matching_readmissions",
        verbose_name=_("program"),
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added back by"),
    )
    added_at = models.DateTimeField(_("added back"), default=timezone.now)

    class Meta:
        verbose_name = _("readmission to the matching")
        verbose_name_plural = _("readmissions to the matching")
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "application"], name="readmission_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return self.application.full_name


class MatchingRun(models.Model):
    """A matching (or the first-come comparison of a proposal) a coordinator started: queued
    for the worker, running, done or failed.

    At most one run per program is queued or running (a partial unique constraint, so two
    coordinators pressing "Run" at once cannot both queue one). ``updated_at`` moves with
    every stage: a queued or running run that has not moved for ``STALE_AFTER`` was lost
    with its worker and no longer blocks a new run.
    """

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("matching")
        COMPARISON = "comparison", _("comparison with a first-come pairing")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("waiting for the background worker")
        LOADING = "loading", _("reading in the participants")
        SOLVING = "solving", _("solving")
        EXPLAINING = "explaining", _("explaining the pairs")
        SAVING = "saving", _("saving the proposal")
        FINISHED = "finished", _("finished")

    class Failure(models.TextChoices):
        PROBLEMS = "problems", _("the input cannot be matched")
        ERROR = "error", _("unexpected error")
        INTERRUPTED = "interrupted", _("interrupted")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="matching_runs",
        verbose_name=_("program"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROPOSAL)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.WAITING
    )
    rules = models.JSONField(_("rules"), default=dict)
    weights = models.JSONField(_("weights"), default=dict)
    keep_locks_from = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locks kept from"),
    )
    # The proposal the run made, or for a comparison the proposal it compares.
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("proposal"),
    )
    failure = models.CharField(
        _("why it failed"), max_length=12, choices=Failure.choices, blank=True
    )
    # The engine's objections in both languages; they may name people, so erasure and
    # retention blank them (matching.privacy).
    failure_sv = models.TextField(_("objections in Swedish"), blank=True)
    failure_en = models.TextField(_("objections in English"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last sign of life"), default=timezone.now)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["program", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(status__in=["queued", "running"]),
                name="matching_run_one_active_per_program",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.created_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def objections(self, language: str) -> list[str]:
        """The engine's objections to the input, one per line, in ``language`` (else Swedish)."""
        text = self.failure_en if language == "en" else self.failure_sv
        return [line for line in text.splitlines() if line]
