"""Survey results per question, never for a group smaller than five answers.

A split (by profile, by organisation) hides each group under five answers. Since the
total minus the shown groups would give a hidden group away, further groups are hidden
(smallest first) until the hidden ones together hold none or at least five answers.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from revmentor.programs.models import Profile
from revmentor.reports import charts
from revmentor.surveys.models import SCALE_MAX, SCALE_MIN, SMALLEST_GROUP, Answer, Question, Survey

SHOWN, TOO_FEW, PROTECTED = "shown", "too_few", "protected"


@dataclass
class Group:
    label: str
    n: int
    state: str = SHOWN
    counts: list[int] = field(default_factory=list)
    mean: Decimal | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


@dataclass
class QuestionResult:
    question: Question
    text: str
    columns: list[str]
    overall: Group
    by_profile: list[Group]
    by_organisation: list[Group]
    texts: list[str]
    chart: SafeString | None

    @property
    def overall_rows(self) -> list[Group]:
        return [self.overall]

    @property
    def is_scale(self) -> bool:
        return self.question.kind == Question.Kind.SCALE

    @property
    def is_text(self) -> bool:
        return self.question.kind == Question.Kind.TEXT


@dataclass
class Change:
    text: str
    start: Group
    end: Group

    @property
    def difference(self) -> Decimal | None:
        if (
            self.start.shown
            and self.end.shown
            and self.start.mean is not None
            and self.end.mean is not None
        ):
            return self.end.mean - self.start.mean
        return None


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _summarise(question: Question, label: str, rows: list[dict]) -> Group:
    group = Group(label=label, n=len(rows))
    if question.kind == Question.Kind.SCALE:
        values = [r["scale_value"] for r in rows if r["scale_value"] is not None]
        group.counts = [values.count(v) for v in range(SCALE_MIN, question.scale_points + 1)]
        group.mean = _mean(values)
    elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        group.counts = [0] * len(question.options)
        for r in rows:
            for index in r["choices"] or []:
                if isinstance(index, int) and 0 <= index < len(group.counts):
                    group.counts[index] += 1
    if group.n < SMALLEST_GROUP:
        group.state = TOO_FEW
    return group


def protect(groups: list[Group]) -> list[Group]:
    """Hide groups under five, then more (smallest first) until the hidden ones hold 0 or 5+."""
    shown = [g for g in groups if g.shown]
    while shown:
        hidden_total = sum(g.n for g in groups if not g.shown)
        if hidden_total == 0 or hidden_total >= SMALLEST_GROUP:
            break
        smallest = min(shown, key=lambda g: (g.n, g.label))
        smallest.state = PROTECTED
        shown.remove(smallest)
    for g in groups:
        if not g.shown:
            g.counts, g.mean = [], None
    return groups


def _split(question: Question, rows: list[dict], key: str, labels: dict) -> list[Group]:
    buckets: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        buckets[r[key]].append(r)
    groups = [
        _summarise(question, str(labels.get(k, k or _("no organisation"))), v)
        for k, v in buckets.items()
    ]
    return protect(sorted(groups, key=lambda g: g.label))


def columns_for(question: Question, language: str) -> list[str]:
    if question.kind == Question.Kind.SCALE:
        low, high = question.scale_labels(language)
        names = [str(v) for v in range(SCALE_MIN, question.scale_points + 1)]
        if low:
            names[0] = f"1 – {low}"
        if high:
            names[-1] = f"{question.scale_points} – {high}"
        return names
    return question.option_labels(language)


def _answers_by_question(survey: Survey) -> dict[int, list[dict]]:
    rows = Answer.objects.filter(question__survey=survey).values(
        "question_id",
        "scale_value",
        "choices",
        "text",
        "response__profile_kind",
        "response__organisation__name",
    )
    by_question: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_question[row["question_id"]].append(row)
    return by_question


def survey_results(survey: Survey) -> list[QuestionResult]:
    """Per question: the whole, by profile and by organisation, with groups under five hidden."""
    language = translation.get_language() or "sv"
    profiles = dict(Profile.Kind.choices)
    by_question = _answers_by_question(survey)
    results = []
    for question in survey.questions.all():
        rows = by_question.get(question.pk, [])
        overall = _summarise(question, _("Everyone"), rows)
        columns = columns_for(question, language)
        texts: list[str] = []
        if question.kind == Question.Kind.TEXT:
            # Sorted, so the order says nothing about who answered when.
            texts = sorted(r["text"] for r in rows if r["text"]) if overall.shown else []
            by_profile, by_organisation, chart = [], [], None
        else:
            by_profile = _split(question, rows, "response__profile_kind", profiles)
            by_organisation = _split(question, rows, "response__organisation__name", {})
            chart = None
            if overall.shown:
                chart = charts.bar_chart(
                    chart_id=f"q-{question.public_id}",
                    title=question.text(language),
                    bars=list(zip(columns, overall.counts, strict=True)),
                    description=_("Number of answers per choice, %(n)s answers in all.")
                    % {"n": overall.n},
                )
        if not overall.shown:
            overall.counts, overall.mean = [], None
        results.append(
            QuestionResult(
                question=question,
                text=question.text(language),
                columns=columns,
                overall=overall,
                by_profile=by_profile,
                by_organisation=by_organisation,
                texts=texts,
                chart=chart,
            )
        )
    return results


def start_survey_for(survey: Survey) -> Survey | None:
    if survey.kind != Survey.Kind.END:
        return None
    return (
        Survey.objects.filter(
            program=survey.program,
            kind=Survey.Kind.START,
            status=Survey.Status.CLOSED,
            instrument=survey.instrument,
        )
        .order_by("-sent_at")
        .first()
    )


def start_end_change(survey: Survey) -> tuple[list[Change], SafeString | None]:
    """For an end survey: the mean of each scale question shared with the start survey, both times."""
    start = start_survey_for(survey)
    if start is None:
        return [], None
    language = translation.get_language() or "sv"
    start_questions = {
        q.key: q for q in start.questions.all() if q.key and q.kind == Question.Kind.SCALE
    }
    start_rows, end_rows = _answers_by_question(start), _answers_by_question(survey)
    changes = []
    for question in survey.questions.all():
        before = start_questions.get(question.key) if question.key else None
        if before is None or question.kind != Question.Kind.SCALE:
            continue
        changes.append(
            Change(
                text=question.text(language),
                start=_summarise(before, _("Start"), start_rows.get(before.pk, [])),
                end=_summarise(question, _("End"), end_rows.get(question.pk, [])),
            )
        )
    for change in changes:
        for group in (change.start, change.end):
            if not group.shown:
                group.mean = None
    shown = [c for c in changes if c.difference is not None]
    chart = None
    if shown:
        chart = charts.paired_bar_chart(
            chart_id=f"change-{survey.public_id}",
            title=_("Average at the start and at the end (1 to 5)"),
            rows=[(c.text, (c.start.mean, c.end.mean)) for c in shown],
            legend=(_("Start"), _("End")),
            max_value=SCALE_MAX,
        )
    return changes, chart
