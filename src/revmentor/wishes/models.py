"""Participants' voice in matching: a program's round of wishes, rankings and pair requests."""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revmentor.applications.models import Application
from revmentor.programs.models import Program

#: A participant ranks at most this many partners (the engine's ``MAX_WISHES``).
MAX_WISHES = 5


class Round(models.Model):
    """The time after nomination when participants rank suggested partners (one per program)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="wish_round")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    ranking_deadline = models.DateTimeField(_("ranking deadline"))
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer a request"),
        default=5,
        help_text=_("A request not answered in this many days passes to the next wish."),
    )
    seats_per_mentor = models.PositiveSmallIntegerField(_("adepts per mentor"), default=1)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("round of wishes")
        verbose_name_plural = _("rounds of wishes")
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_days__gte=1), name="wish_round_answer_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(seats_per_mentor__gte=1), name="wish_round_seats_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def accepts_rankings(self, now: datetime | None = None) -> bool:
        return self.is_open and (now or timezone.now()) < self.ranking_deadline


class Ranking(models.Model):
    """One participant's answer in a round: ranked wishes or "anyone suits me".

    ``seats_taken`` counts a mentor's accepted requests; only a conditional update changes
    it, so two acceptances of the last seat cannot both succeed.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rankings")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="wish_rankings"
    )
    anyone = models.BooleanField(_("anyone suits me"), default=False)
    submitted_at = models.DateTimeField(_("ranked"), null=True, blank=True)
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0, editable=False)

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application"], name="wish_ranking_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} ({self.round.program})"

    @property
    def has_answered(self) -> bool:
        return self.submitted_at is not None


class Wish(models.Model):
    """One ranked partner: ``rank`` 1 is the first wish."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="wishes")
    partner = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["ranking", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "rank"], name="wish_rank_once"),
            models.UniqueConstraint(fields=["ranking", "partner"], name="wish_partner_once"),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=MAX_WISHES), name="wish_rank_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}: {self.partner}"


class PairRequest(models.Model):
    """An adept's request to a mentor, answered within the round's days or passed on."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("not answered in time")
        FULL = "full", _("the mentor's places were taken")
        CLOSED = "closed", _("the round closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="sent_pair_requests"
    )
    partner = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="received_pair_requests"
    )
    rank = models.PositiveSmallIntegerField(_("wish"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    due_at = models.DateTimeField(_("answer by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("pair request")
        verbose_name_plural = _("pair requests")
        ordering = ["created_at", "id"]
        constraints = [
            # One open request per adept: the next wish is asked only once this one is over.
            models.UniqueConstraint(
                fields=["round", "requester"],
                condition=Q(status__in=["pending", "accepted"]),
                name="pair_request_one_open_per_requester",
            ),
            models.UniqueConstraint(
                fields=["round", "requester", "partner"], name="pair_request_once_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.partner} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class WishRun(models.Model):
    """How a proposal was made with wishes, and the other kind's figures beside it.

    ``optimal`` and ``stable`` hold pairs, total and mean fit, blocking pairs and first
    wishes of the optimal (wishes-informed) and the stable pairing of the same input, so
    the workspace can show what stability costs.
    """

    class Pairing(models.TextChoices):
        OPTIMAL = "optimal", _("optimal, honouring wishes")
        STABLE_ADEPT = "stable_adept", _("stable, adepts' wishes first")
        STABLE_MENTOR = "stable_mentor", _("stable, mentors' wishes first")

    proposal = models.OneToOneField(
        "matching.Proposal", on_delete=models.CASCADE, related_name="wish_run"
    )
    pairing = models.CharField(_("pairing"), max_length=20, choices=Pairing.choices)
    wish_weight = models.FloatField(_("weight of a first wish"))
    optimal = models.JSONField(_("optimal pairing"), default=dict)
    stable = models.JSONField(_("stable pairing"), default=dict)

    class Meta:
        verbose_name = _("run with wishes")
        verbose_name_plural = _("runs with wishes")

    def __str__(self) -> str:
        return f"{self.proposal} ({self.pairing})"
