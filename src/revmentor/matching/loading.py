"""From the database to the engine and back: nominated applications become ``People`` arrays.

The engine works on indices and integer codes; ``Loaded`` keeps the applications in index
order so that pairs, locks and exclusions translate both ways. Reading is three queries
(mentors and adepts with their topics, the program's topics) whatever the program's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

import numpy as np
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from revmentor.applications.models import Application, Availability, Language
from revmentor.matching import engine
from revmentor.programs.models import Program, Topic

FORMATS = {
    "digital": engine.FORMAT_DIGITAL,
    "physical": engine.FORMAT_PHYSICAL,
    "either": engine.FORMAT_EITHER,
}
LANGUAGE_CODES = [code for code, _label in Language.choices]
SLOT_CODES = [code for code, _label in Availability.choices]
UNKNOWN = -1
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def nominated(program: Program) -> QuerySet[Application]:
    """The program's nominated applications not in an active pair: the people a matching pairs.

    Withdrawn applications are out. So is whoever left a pair (left the organisation or
    stopped taking part; both partners of a pair ended before the cause was recorded) unless
    a coordinator took them back in after that pair ended. Their partner stays in.
    """
    from revmentor.matching.models import Readmission
    from revmentor.mentorships.models import Mentorship

    active = Mentorship.objects.filter(program=program, status=Mentorship.Status.ACTIVE)
    readmitted_at = Readmission.objects.filter(program=program, application=OuterRef("pk")).values(
        "added_at"
    )[:1]
    ended = _departures(program)
    return (
        Application.objects.filter(program=program, status=Application.Status.NOMINATED)
        .exclude(Exists(active.filter(mentor=OuterRef("pk"))))
        .exclude(Exists(active.filter(adept=OuterRef("pk"))))
        .annotate(readmitted_at=Subquery(readmitted_at))
        .exclude(
            Exists(
                ended.filter(
                    Q(ended_at__isnull=True)
                    | Q(ended_at__gt=Coalesce(OuterRef("readmitted_at"), Value(EPOCH)))
                )
            )
        )
        .select_related("organisation")
        .order_by("pk")
    )


def _departures(program: Program) -> QuerySet:
    """The program's ended pairs that keep the person ``OuterRef("pk")`` out of later runs:
    they are the one who left, or nobody recorded who left (then both are out)."""
    from revmentor.mentorships.models import Mentorship

    return Mentorship.objects.filter(program=program, status=Mentorship.Status.ENDED).filter(
        Q(leaver=OuterRef("pk"))
        | (Q(end_cause="") & (Q(mentor=OuterRef("pk")) | Q(adept=OuterRef("pk"))))
    )


def ended_participants(program: Program) -> QuerySet[Application]:
    """Nominated people of the program whose pair ended and who are in no active pair,
    with ``readmitted_at`` (or None), the time their latest pair ended, and ``left_at``:
    the time of the latest pair they left (None if their partner left or it ended otherwise)."""
    from revmentor.matching.models import Readmission
    from revmentor.mentorships.models import Mentorship

    mentorships = Mentorship.objects.filter(program=program)
    ended = mentorships.filter(status=Mentorship.Status.ENDED).filter(
        Q(mentor=OuterRef("pk")) | Q(adept=OuterRef("pk"))
    )
    active = mentorships.filter(status=Mentorship.Status.ACTIVE).filter(
        Q(mentor=OuterRef("pk")) | Q(adept=OuterRef("pk"))
    )
    readmitted_at = Readmission.objects.filter(program=program, application=OuterRef("pk")).values(
        "added_at"
    )[:1]
    return (
        Application.objects.filter(program=program, status=Application.Status.NOMINATED)
        .filter(Exists(ended))
        .exclude(Exists(active))
        .annotate(
            readmitted_at=Subquery(readmitted_at),
            ended_at=Subquery(ended.order_by("-ended_at").values("ended_at")[:1]),
            left_at=Subquery(_departures(program).order_by("-ended_at").values("ended_at")[:1]),
        )
        .select_related("organisation")
        .order_by("full_name", "pk")
    )


@dataclass
class Loaded:
    """A program's two sides, as applications (in index order) and as engine arrays."""

    program: Program
    mentors: list[Application]
    adepts: list[Application]
    mentor_people: engine.People
    adept_people: engine.People
    topic_names: list[str]
    mentor_index: dict[int, int] = field(default_factory=dict)
    adept_index: dict[int, int] = field(default_factory=dict)

    def pair_indices(self, pairs) -> list[tuple[int, int]]:
        """(mentor, adept) index pairs for (mentor application id, adept application id) pairs;
        pairs with someone no longer nominated are left out."""
        return [
            (self.mentor_index[mentor], self.adept_index[adept])
            for mentor, adept in pairs
            if mentor in self.mentor_index and adept in self.adept_index
        ]

    def describe(self, explanation: engine.Explanation) -> tuple[str, str]:
        """The pair's sentence in Swedish and in English."""
        return (
            engine.describe(explanation, self.topic_names, "sv", self.language_names["sv"]),
            engine.describe(explanation, self.topic_names, "en", self.language_names["en"]),
        )

    def points(self, explanation: engine.Explanation) -> dict[str, dict[str, list[str]]]:
        """What speaks for and against the pair, in Swedish and in English."""
        result = {}
        for language in ("sv", "en"):
            pros, cons = engine.describe_points(
                explanation, self.topic_names, language, self.language_names[language]
            )
            result[language] = {"for": pros, "against": cons}
        return result

    @cached_property
    def language_names(self) -> dict[str, list[str]]:
        """The languages' names in Swedish and English, built once per run, not once per pair."""
        return {language: _language_names(language) for language in ("sv", "en")}

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        return {
            "mentor": [a.full_name for a in self.mentors],
            "adept": [a.full_name for a in self.adepts],
        }

    def describe_unmatched(self, person: engine.Unmatched) -> tuple[str, str]:
        """Why ``person`` has no partner, in Swedish and in English, naming people."""
        mentor_names, adept_names = self._names["mentor"], self._names["adept"]
        if person.side == "adept":
            candidates, partners = mentor_names, adept_names
        else:
            candidates, partners = adept_names, mentor_names
        sv, en = (
            engine.describe_unmatched(person.reason, language, person.side, candidates, partners)
            for language in ("sv", "en")
        )
        return sv, en


def _language_names(language: str) -> list[str]:
    with override(language):
        names = [str(label) for _code, label in Language.choices]
    return [name.lower() for name in names] if language == "sv" else names


def _codes(values: list[str], table: dict[str, int]) -> np.ndarray:
    codes = []
    for value in values:
        key = value.strip().lower()
        if not key:
            codes.append(UNKNOWN)
            continue
        codes.append(table.setdefault(key, len(table)))
    return np.asarray(codes, dtype=np.int64)


def _matrix(rows: list[list[str]], columns: list[str]) -> np.ndarray:
    position = {code: index for index, code in enumerate(columns)}
    matrix = np.zeros((len(rows), len(columns)), dtype=bool)
    for row, codes in enumerate(rows):
        for code in codes:
            if code in position:
                matrix[row, position[code]] = True
    return matrix


def _people(
    applications: list[Application],
    topics: list[int],
    emails: dict[str, int],
    units: dict[str, int],
    cities: dict[str, int],
) -> engine.People:
    topic_position = {pk: index for index, pk in enumerate(topics)}
    topic_matrix = np.zeros((len(applications), len(topics)), dtype=bool)
    for row, application in enumerate(applications):
        for topic in application.topics.all():
            if topic.pk in topic_position:
                topic_matrix[row, topic_position[topic.pk]] = True
    return engine.People(
        organisation=np.asarray(
            [a.organisation_id if a.organisation_id is not None else 0 for a in applications],
            dtype=np.int64,
        ),
        unit=_codes([a.unit for a in applications], units),
        # A form without a work address still names one person: the account's address.
        email=_codes([a.email or a.applicant.email for a in applications], emails),
        manager_email=_codes([a.manager_email for a in applications], emails),
        birth_year=np.asarray([a.birth_year or 0 for a in applications], dtype=np.int64),
        topics=topic_matrix,
        format=np.asarray(
            [FORMATS.get(a.preferred_format, engine.FORMAT_EITHER) for a in applications],
            dtype=np.int8,
        ),
        city=_codes([a.city for a in applications], cities),
        languages=_matrix([list(a.languages or []) for a in applications], LANGUAGE_CODES),
        availability=_matrix([list(a.availability or []) for a in applications], SLOT_CODES),
    )


def load(program: Program) -> Loaded:
    """Read the program's nominated mentors and adepts into engine arrays."""
    topics = list(Topic.objects.filter(program=program).order_by("position", "id"))
    applications = list(
        nominated(program)
        .select_related("applicant")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.only("id", "program_id")))
    )
    mentors = [a for a in applications if a.profile_kind == "mentor"]
    adepts = [a for a in applications if a.profile_kind == "adept"]
    emails: dict[str, int] = {}
    units: dict[str, int] = {}
    cities: dict[str, int] = {}
    topic_ids = [t.pk for t in topics]
    mentor_people = _people(mentors, topic_ids, emails, units, cities)
    adept_people = _people(adepts, topic_ids, emails, units, cities)
    return Loaded(
        program=program,
        mentors=mentors,
        adepts=adepts,
        mentor_people=mentor_people,
        adept_people=adept_people,
        topic_names=[t.name for t in topics],
        mentor_index={a.pk: i for i, a in enumerate(mentors)},
        adept_index={a.pk: i for i, a in enumerate(adepts)},
    )


def problem_messages(loaded: Loaded, problems: list[engine.Problem]) -> list[str]:
    """The engine's problems as sentences in the current language, naming people, not indices."""
    messages: list[str] = []
    for problem in problems:
        params = problem.params
        side_people = loaded.mentors if params.get("side") == "mentor" else loaded.adepts
        if problem.code == "duplicate_person":
            names = [_name(side_people, index) for index in params.get("indices", [])]
            messages.append(
                _("The same person is nominated twice (same e-mail address): %(names)s.")
                % {"names": ", ".join(names)}
            )
        elif problem.code == "person_on_both_sides":
            messages.append(
                _("%(name)s is nominated both as a mentor and as an adept (same e-mail address).")
                % {"name": _name(loaded.mentors, params.get("mentor"))}
            )
        elif problem.code == "invalid_value" and params.get("field") == "birth_year":
            names = [_name(side_people, index) for index in params.get("indices", [])]
            messages.append(
                _("Birth year missing or impossible for: %(names)s.") % {"names": ", ".join(names)}
            )
        elif problem.code == "lock_breaks_rule":
            rules = ", ".join(rule_label(rule) for rule in params.get("rules", []))
            messages.append(
                _("The locked pair %(mentor)s and %(adept)s breaks a rule: %(rules)s.")
                % {
                    "mentor": _name(loaded.mentors, params.get("mentor")),
                    "adept": _name(loaded.adepts, params.get("adept")),
                    "rules": rules,
                }
            )
        elif problem.code == "locked_beyond_capacity":
            partners_side = loaded.adepts if params.get("side") == "mentor" else loaded.mentors
            partners = [_name(partners_side, index) for index in params.get("partners", [])]
            messages.append(
                _(
                    "%(person)s is locked to more partners than allowed (%(capacity)s): %(partners)s."
                )
                % {
                    "person": _name(side_people, params.get("index")),
                    "capacity": params.get("capacity"),
                    "partners": ", ".join(partners),
                }
            )
        elif problem.code == "invalid_weight":
            messages.append(
                _("Weight %(name)s must be a number from 0 to 1,000,000.")
                % {"name": part_label(str(params.get("name")))}
            )
        else:
            language = "en" if (get_language() or "sv").startswith("en") else "sv"
            messages.append(engine.describe_problem(problem, language))
    return messages


def _name(people: list[Application], index) -> str:
    if isinstance(index, int) and 0 <= index < len(people):
        return people[index].full_name or people[index].email
    return str(index)


def rule_label(rule: str) -> str:
    labels = {
        "min_age_gap": _("age gap too small"),
        "different_organisation": _("same organisation"),
        "own_manager": _("own manager"),
        "same_unit": _("same unit"),
        "format": _("meeting format does not fit"),
        "exclusion": _("excluded by a coordinator"),
        "capacity": _("mentor has too many adepts"),
        "adept_in_several_pairs": _("adept is in several pairs"),
        "lock": _("breaks a lock"),
    }
    return str(labels.get(rule, rule))


def rule_sentence(rule: str, rules: dict) -> str:
    """A broken rule as a warning sentence that names the rule, in the current language."""
    return rule_sentences(rules)[rule]


class _Sentences(dict):
    def __init__(self, known: dict[str, str]):
        super().__init__(known)

    def __missing__(self, rule: str) -> str:
        self[rule] = _("Warning: this pair breaks the rule %(rule)s.") % {"rule": rule}
        return self[rule]


def rule_sentences(rules: dict) -> dict[str, str]:
    """Every rule's warning sentence under ``rules``, built once for a whole page of pairs."""
    sentences = {
        "min_age_gap": _(
            "Warning: the mentor is not at least %(years)s years younger than the adept, "
            "which the rules of this run require."
        ),
        "different_organisation": _(
            "Warning: the two work in the same organisation, which the rules of this run "
            "do not allow."
        ),
        "own_manager": _(
            "Warning: one of the two is the other's manager, which the rules of this run "
            "do not allow."
        ),
        "same_unit": _(
            "Warning: the two work in the same unit, which the rules of this run do not allow."
        ),
        "format": _(
            "Warning: their meeting formats do not fit: one meets only digitally and the "
            "other only in person, or they cannot meet in the same city."
        ),
        "exclusion": _("Warning: a coordinator has said that these two must never be paired."),
        "capacity": _(
            "Warning: the mentor would have more adepts than the %(capacity)s allowed per mentor."
        ),
        "adept_in_several_pairs": _("Warning: the adept would be in more than one pair."),
        "lock": _("Warning: this breaks a locked pair."),
    }
    values = {"years": rules.get("min_age_gap"), "capacity": rules.get("capacity", 1)}
    return _Sentences({rule: text % values for rule, text in sentences.items()})


def fit_percent(score: float | Decimal | None, best: float | None) -> int | None:
    """A score as a whole percentage of the best possible fit, rounded half up."""
    if score is None or not best:
        return None
    share = Decimal(str(score)) * 100 / Decimal(str(best))
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def part_label(part: str) -> str:
    labels = {
        "topics": _("topics"),
        "languages": _("languages"),
        "city": _("city"),
        "availability": _("availability"),
        "diversity": _("different organisations"),
        "age_gap": _("age gap"),
    }
    return str(labels.get(part, part))


def rules_summary(rules: dict) -> list[tuple[str, str]]:
    """A proposal's rules as (label, value) rows for the page; each says requirement or wish."""
    off = _("off")
    requirement = _("requirement")
    organisation = {
        "required": _("requirement: never two from the same organisation"),
        "preferred": _("wish: counts in the fit"),
        "indifferent": _("does not matter"),
    }
    gap = rules.get("min_age_gap")
    return [
        (
            _("Smallest age gap"),
            _("requirement: %(years)s years") % {"years": gap} if gap is not None else off,
        ),
        (
            _("Different organisations"),
            str(organisation.get(rules.get("different_organisation", ""), "")),
        ),
        (_("Not with own manager"), requirement if rules.get("forbid_own_manager") else off),
        (_("Not within the same unit"), requirement if rules.get("forbid_same_unit") else off),
        (_("Meeting formats must fit"), requirement if rules.get("format_compatibility") else off),
        (_("Adepts per mentor"), str(rules.get("capacity", 1))),
        (
            _("Fair mode (raise the lowest fit first)"),
            _("wish") if rules.get("fair") else off,
        ),
    ]
