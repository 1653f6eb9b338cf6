"""Surveys: coordinator-built questionnaires, who has answered, and the anonymous answers.

Anonymity by design: ``Respondent`` records *who* answered a survey (so nobody answers
twice and reminders skip them); ``Response`` and ``Answer`` hold *what* was answered,
with no person, no timestamp and random primary keys, so nothing orders or links them
back to a respondent. Only profile and organisation are kept, as grouping attributes.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from revmentor.programs.models import Organisation, Profile, Program

SCALE_MIN, SCALE_MAX = 1, 5
# The longest published response scale of an instrument (the Ambivalent Ageism Scale's seven
# points); a coordinator's own scale questions stay 1 to 5.
INSTRUMENT_SCALE_MAX = 7
SMALLEST_GROUP = 5


class Survey(models.Model):
    """One questionnaire of a program, from draft to sent (open) to closed."""

    class Kind(models.TextChoices):
        START = "start", _("start survey")
        MID = "mid", _("mid-way pulse")
        END = "end", _("end survey")
        OTHER = "other", _("other survey")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("survey status", "draft")
        OPEN = "open", pgettext_lazy("survey status", "open for answers")
        CLOSED = "closed", pgettext_lazy("survey status", "closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title_sv = models.CharField(_("title in Swedish"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    intro_sv = models.TextField(_("introduction in Swedish"), blank=True, max_length=2000)
    intro_en = models.TextField(_("introduction in English"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    closes_on = models.DateField(_("last day to answer"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # A validated instrument's key (surveys.instruments); its start and end surveys are paired.
    instrument = models.CharField(_("instrument"), max_length=40, blank=True)
    start_survey = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("start survey"),
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["program", "created_at", "id"]

    def __str__(self) -> str:
        return self.title_sv

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_sv

    def intro(self, language: str) -> str:
        return self.intro_en if language == "en" and self.intro_en else self.intro_sv

    @property
    def is_open(self) -> bool:
        if self.status != self.Status.OPEN:
            return False
        return self.closes_on is None or timezone.localdate() <= self.closes_on


class Question(models.Model):
    """One question of a survey; ``key`` pairs the same question across start and end surveys."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1 to 5")
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        TEXT = "text", _("free text")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        _("key"),
        max_length=60,
        blank=True,
        help_text=_("Questions with the same key in the start and end surveys are compared."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind of question"), max_length=10, choices=Kind.choices)
    text_sv = models.CharField(_("question in Swedish"), max_length=500)
    text_en = models.CharField(_("question in English"), max_length=500)
    # Choices as [{"sv": ..., "en": ...}]; an answer stores the index of the choice.
    options = models.JSONField(_("choices"), default=list, blank=True)
    low_label_sv = models.CharField(_("meaning of 1 in Swedish"), max_length=100, blank=True)
    low_label_en = models.CharField(_("meaning of 1 in English"), max_length=100, blank=True)
    high_label_sv = models.CharField(_("meaning of 5 in Swedish"), max_length=100, blank=True)
    high_label_en = models.CharField(_("meaning of 5 in English"), max_length=100, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    # An instrument's published scale may differ from 1 to 5 (four or seven points).
    scale_points = models.PositiveSmallIntegerField(
        _("points on the scale"),
        default=SCALE_MAX,
        validators=[MinValueValidator(2), MaxValueValidator(INSTRUMENT_SCALE_MAX)],
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text_sv

    def text(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text_sv

    def option_labels(self, language: str) -> list[str]:
        key = "en" if language == "en" else "sv"
        return [str(option.get(key) or option.get("sv", "")) for option in self.options]

    def scale_labels(self, language: str) -> tuple[str, str]:
        if language == "en":
            return self.low_label_en or self.low_label_sv, self.high_label_en or self.high_label_sv
        return self.low_label_sv, self.high_label_sv


class Respondent(models.Model):
    """That one person has answered one survey; kept apart from what they answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="survey_respondents"
    )

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "application"], name="survey_one_answer_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.application_id}"


class Response(models.Model):
    """One person's anonymous answers: no person, no time, a random key; only the groups."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    profile_kind = models.CharField(_("profile"), max_length=10, choices=Profile.Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Instrument surveys only: a keyed hash of the person (surveys.pseudonyms) that pairs
    # their start and end answers; without the key, kept outside the database, it names nobody.
    pseudonym = models.CharField(_("pseudonym"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """The answer to one question within one anonymous response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # At most the question's own scale_points (services check it); the column allows the
    # longest instrument scale.
    scale_value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(INSTRUMENT_SCALE_MAX)],
    )
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=models.Q(scale_value__isnull=True)
                | models.Q(scale_value__gte=SCALE_MIN, scale_value__lte=INSTRUMENT_SCALE_MAX),
                name="answer_scale_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)


class PendingResponse(models.Model):
    """Answers waiting to be written as a ``Response`` in a shuffled batch (see services).

    Rows written one at a time follow the respondents' order; answers wait here until at
    least ``SMALLEST_GROUP`` have come in and are then written together in random order,
    so no single respondent can be paired with their answers. Closing the survey writes
    the rest and rewrites all its answers in one random order.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    profile_kind = models.CharField(_("profile"), max_length=10, choices=Profile.Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=64, blank=True)
    # [{"question": id, "scale_value": int|None, "choices": [...], "text": str}]
    answers = models.JSONField(default=list)

    class Meta:
        verbose_name = _("answers waiting to be stored")
        verbose_name_plural = _("answers waiting to be stored")

    def __str__(self) -> str:
        return str(self.id)
