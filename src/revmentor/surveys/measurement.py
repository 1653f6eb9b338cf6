"""Results of a validated instrument per subscale: start and end means with intervals, the
paired change of the people who answered both, its effect size and Cronbach's alpha.

Everything is shown only for groups of at least five and with the complementary-group rule
of ``results.protect``: a profile group is shown only if the rest also holds five or more.
A survey's part is computed only after it has closed. A person's subscale score is the mean
of their answers to its items (reverse-scored items turned round) when they answered at
least half of them. When one to four people answered only one of the two surveys, the start
and end means beside a shown change are over the pairs only, so that subtracting one figure
from another gives nobody's score away.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from revmentor.programs.models import Profile
from revmentor.surveys import charts, measures
from revmentor.surveys.instruments import INSTRUMENTS, Instrument
from revmentor.surveys.models import SMALLEST_GROUP, Answer, Survey
from revmentor.surveys.results import PROTECTED, SHOWN, TOO_FEW, Group, protect

NOT_CLOSED = "not_closed"


@dataclass
class SubscaleResult:
    key: str
    name: str
    start: measures.Estimate | None = None
    end: measures.Estimate | None = None
    change: measures.PairedChange | None = None
    alpha_start: float | None = None
    alpha_end: float | None = None
    # The start and end means are over the people who answered both (see _few_unpaired).
    pairs_only: bool = False


@dataclass
class GroupResult:
    label: str
    start_n: int
    end_n: int
    paired_n: int
    start_state: str = SHOWN
    end_state: str = SHOWN
    paired_state: str = SHOWN
    subscales: list[SubscaleResult] = field(default_factory=list)


@dataclass
class InstrumentResults:
    instrument: Instrument
    start: Survey
    end: Survey | None
    groups: list[GroupResult]
    chart: SafeString | None
    min_items: dict[str, int]

    @property
    def everyone(self) -> GroupResult:
        return self.groups[0]

    @property
    def pairs_only(self) -> bool:
        return any(s.pairs_only for g in self.groups for s in g.subscales)


@dataclass
class _Answers:
    """One survey's answers as people × items, with each row's profile and pseudonym."""

    values: np.ndarray
    profiles: list[str]
    pseudonyms: list[str]


def pair_of(survey: Survey) -> tuple[Survey, Survey | None]:
    """The instrument's start survey and its end survey (None if there is none yet)."""
    if survey.kind == Survey.Kind.END and survey.start_survey_id:
        return survey.start_survey, survey  # type: ignore[return-value]
    end = Survey.objects.filter(start_survey=survey, kind=Survey.Kind.END).first()
    return survey, end


def _answers(survey: Survey | None, instrument: Instrument) -> _Answers:
    if survey is None or survey.status != Survey.Status.CLOSED:
        return _Answers(np.empty((0, len(instrument.items))), [], [])
    column = {instrument.question_key(item): i for i, item in enumerate(instrument.items)}
    rows: dict = defaultdict(lambda: [np.nan] * len(instrument.items))
    meta: dict = {}
    for answer in Answer.objects.filter(question__survey=survey, scale_value__isnull=False).values(
        "response_id",
        "scale_value",
        "question__key",
        "response__profile_kind",
        "response__pseudonym",
    ):
        index = column.get(answer["question__key"])
        if index is None or answer["scale_value"] is None:
            continue
        rows[answer["response_id"]][index] = float(answer["scale_value"])
        meta[answer["response_id"]] = (
            answer["response__profile_kind"],
            answer["response__pseudonym"],
        )
    # Sorted by pseudonym, then values: the order says nothing about when anyone answered.
    keys = sorted(rows, key=lambda k: (meta[k][1], str(rows[k])))
    values = np.array([rows[k] for k in keys], dtype=float).reshape(-1, len(instrument.items))
    reverse = np.array([item.reverse for item in instrument.items])
    return _Answers(
        values=measures.reverse_scored(values, reverse, instrument.scale.points),
        profiles=[meta[k][0] for k in keys],
        pseudonyms=[meta[k][1] for k in keys],
    )


def _states(everyone_n: int, split: dict[str, int]) -> dict[str, str]:
    """The floor and the complementary-group rule for the whole and each profile group."""
    groups = [Group(label=key, n=n) for key, n in split.items()]
    for group in groups:
        if group.n < SMALLEST_GROUP:
            group.state = TOO_FEW
    protect(groups)
    states = {group.label: group.state for group in groups}
    states[""] = SHOWN if everyone_n >= SMALLEST_GROUP else TOO_FEW
    if states[""] != SHOWN:
        states = {key: (TOO_FEW if key == "" else PROTECTED) for key in states}
    return states


def _shown(estimate, state: str):
    if state != SHOWN or estimate is None or estimate.n < SMALLEST_GROUP:
        return None
    return estimate


def instrument_results(survey: Survey) -> InstrumentResults:
    """Per subscale and group (everyone, each profile): means, the paired change and alpha."""
    instrument = INSTRUMENTS[survey.instrument]
    language = translation.get_language() or "sv"
    start_survey, end_survey = pair_of(survey)
    start, end = _answers(start_survey, instrument), _answers(end_survey, instrument)
    end_index = {p: i for i, p in enumerate(end.pseudonyms) if p}
    pairs = [(i, end_index[p]) for i, p in enumerate(start.pseudonyms) if p in end_index]
    pair_profiles = [end.profiles[j] for _i, j in pairs]
    profiles = dict(Profile.Kind.choices)
    kinds = [k for k in profiles if k in set(start.profiles) | set(end.profiles)]

    def counts(profile_list: list[str]) -> dict[str, int]:
        return {kind: profile_list.count(kind) for kind in kinds}

    start_states = _states(len(start.profiles), counts(start.profiles))
    end_states = _states(len(end.profiles), counts(end.profiles))
    paired_states = _states(len(pairs), counts(pair_profiles))
    min_items = {
        s.key: math.ceil(len(instrument.items_of(s.key)) / 2) for s in instrument.subscales
    }
    columns = {
        s.key: [i for i, item in enumerate(instrument.items) if item.subscale == s.key]
        for s in instrument.subscales
    }
    groups = []
    for kind in ["", *kinds]:
        in_start = [i for i, p in enumerate(start.profiles) if not kind or p == kind]
        in_end = [i for i, p in enumerate(end.profiles) if not kind or p == kind]
        in_pairs = [
            pair for pair, p in zip(pairs, pair_profiles, strict=True) if not kind or p == kind
        ]
        group = GroupResult(
            label=str(profiles[kind]) if kind else _("Everyone"),
            start_n=len(in_start),
            end_n=len(in_end),
            paired_n=len(in_pairs),
            start_state=start_states[kind]
            if start_survey.status == Survey.Status.CLOSED
            else NOT_CLOSED,
            end_state=(
                end_states[kind]
                if end_survey is not None and end_survey.status == Survey.Status.CLOSED
                else NOT_CLOSED
            ),
            paired_state=paired_states[kind],
        )
        if NOT_CLOSED in (group.start_state, group.end_state):
            group.paired_state = NOT_CLOSED
        for subscale in instrument.subscales:
            cols = columns[subscale.key]
            start_scores = measures.scores(
                start.values[np.ix_(in_start, cols)], min_items[subscale.key]
            )
            end_scores = measures.scores(end.values[np.ix_(in_end, cols)], min_items[subscale.key])
            result = SubscaleResult(key=subscale.key, name=subscale.name(language))
            result.start = _shown(measures.mean_interval(start_scores), group.start_state)
            result.end = _shown(measures.mean_interval(end_scores), group.end_state)
            if in_pairs:
                before = measures.scores(
                    start.values[np.ix_([i for i, _j in in_pairs], cols)], min_items[subscale.key]
                )
                after = measures.scores(
                    end.values[np.ix_([j for _i, j in in_pairs], cols)], min_items[subscale.key]
                )
                result.change = _shown(measures.paired_change(before, after), group.paired_state)
                if result.change is not None and _few_unpaired(
                    start_scores, end_scores, result.change.n
                ):
                    # Means over everyone beside the change over the pairs would give away, by
                    # subtraction, the scores of the one to four who answered only once.
                    both = ~np.isnan(before) & ~np.isnan(after)
                    result.start = _shown(measures.mean_interval(before[both]), group.start_state)
                    result.end = _shown(measures.mean_interval(after[both]), group.end_state)
                    result.pairs_only = True
            if not kind:
                result.alpha_start = _alpha(start.values[:, cols], group.start_state)
                result.alpha_end = _alpha(end.values[:, cols], group.end_state)
            group.subscales.append(result)
        groups.append(group)
    return InstrumentResults(
        instrument=instrument,
        start=start_survey,
        end=end_survey,
        groups=groups,
        chart=_chart(instrument, groups[0], survey),
        min_items=min_items,
    )


def _few_unpaired(start_scores: np.ndarray, end_scores: np.ndarray, paired: int) -> bool:
    """Whether one to four of those with a start or an end score have no pair."""
    rest = (
        int(np.sum(~np.isnan(start_scores))) - paired,
        int(np.sum(~np.isnan(end_scores))) - paired,
    )
    return any(0 < n < SMALLEST_GROUP for n in rest)


def _alpha(values: np.ndarray, state: str) -> float | None:
    if state != SHOWN:
        return None
    alpha, n = measures.cronbach_alpha(values)
    return alpha if n >= SMALLEST_GROUP else None


def _chart(instrument: Instrument, everyone: GroupResult, survey: Survey) -> SafeString | None:
    rows = [(s.name, (s.start, s.end)) for s in everyone.subscales]
    if not any(estimate is not None for _name, pair in rows for estimate in pair):
        return None
    return charts.interval_chart(
        chart_id=f"instrument-{survey.public_id}",
        title=_(
            "Mean per subscale at the start and at the end, with %(level)s confidence intervals"
        )
        % {"level": "95 %"},
        rows=rows,
        legend=(_("Start"), _("End")),
        scale=(1, instrument.scale.points),
    )
