"""Forms of the matching workspace: run settings, a pair by hand, an exclusion."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from revmentor.applications.models import Application
from revmentor.matching import engine
from revmentor.matching.models import Proposal

ORGANISATION_CHOICES = [
    ("required", _("Requirement: never two from the same organisation")),
    ("preferred", _("Wish: different organisations count in the fit")),
    ("indifferent", _("Does not matter")),
]
WEIGHT_LABELS = {
    "topics": _("Wish: shared topics (weight)"),
    "languages": _("Wish: a shared language (weight)"),
    "city": _("Wish: the same city (weight)"),
    "availability": _("Wish: shared times (weight)"),
    "diversity": _("Wish: different organisations (weight)"),
    "age_gap": _("Wish: an age gap near 20 years (weight)"),
}
MAX_CAPACITY = 10


def _weight_field(name: str, default: float) -> forms.DecimalField:
    return forms.DecimalField(
        label=WEIGHT_LABELS[name],
        initial=Decimal(str(default)),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "100"}),
        help_text=_("A wish counts in the fit; a higher weight counts more, 0 not at all."),
    )


def default_organisation_mode(organisations: int) -> str:
    """ "Different organisations" is a requirement when the program has more than one."""
    return "required" if organisations > 1 else "preferred"


class RunForm(forms.Form):
    """Hard rules (each on or off), capacity, fair mode and the six weights of one run."""

    use_min_age_gap = forms.BooleanField(
        label=_("Requirement: the mentor is clearly younger"), required=False, initial=True
    )
    min_age_gap = forms.IntegerField(
        label=_("Smallest age gap (years)"),
        initial=10,
        min_value=0,
        max_value=60,
        help_text=_("Used when the requirement above is on."),
    )
    different_organisation = forms.ChoiceField(
        label=_("Different organisations"),
        choices=ORGANISATION_CHOICES,
        initial="required",
        widget=forms.RadioSelect,
        help_text=_(
            "A requirement is never broken; a wish only counts in the fit. A program with "
            "several organisations requires different organisations unless you choose otherwise."
        ),
    )
    forbid_own_manager = forms.BooleanField(
        label=_("Requirement: never with one's own manager"), required=False, initial=True
    )
    forbid_same_unit = forms.BooleanField(
        label=_("Requirement: never two from the same unit"), required=False, initial=True
    )
    format_compatibility = forms.BooleanField(
        label=_("Requirement: meeting formats fit (digital only never meets physical only)"),
        required=False,
        initial=True,
    )
    capacity = forms.IntegerField(
        label=_("Adepts per mentor"),
        initial=1,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("More than one gives group mentoring."),
    )
    fair = forms.BooleanField(
        label=_("Wish: raise the lowest fit first (fair mode)"),
        required=False,
        help_text=_("As many pairs as before, but the worst-fitting pair fits as well as it can."),
    )
    topics = _weight_field("topics", engine.Weights.topics)
    languages = _weight_field("languages", engine.Weights.languages)
    city = _weight_field("city", engine.Weights.city)
    availability = _weight_field("availability", engine.Weights.availability)
    diversity = _weight_field("diversity", engine.Weights.diversity)
    age_gap = _weight_field("age_gap", engine.Weights.age_gap)
    keep_locks_from = forms.ChoiceField(
        label=_("Keep the locked pairs of"), required=False, choices=[]
    )

    def __init__(self, *args, proposals=(), organisations: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        # One organisation cannot require different organisations: nobody could be paired.
        self.fields["different_organisation"].initial = default_organisation_mode(organisations)
        self.proposals = {str(p.public_id): p for p in proposals}
        choices = [("", _("no proposal (start afresh)"))]
        choices += [
            (key, _("proposal %(number)s") % {"number": p.number})
            for key, p in self.proposals.items()
        ]
        self.fields["keep_locks_from"].choices = choices

    @classmethod
    def initial_from(cls, proposal: Proposal) -> dict:
        """The settings of an earlier proposal, to run again with its locks kept."""
        rules, weights = proposal.rules, proposal.weights
        initial = {
            "use_min_age_gap": rules.get("min_age_gap") is not None,
            "min_age_gap": rules.get("min_age_gap") or 10,
            "keep_locks_from": str(proposal.public_id),
        }
        for name in (
            "different_organisation",
            "forbid_own_manager",
            "forbid_same_unit",
            "format_compatibility",
            "capacity",
            "fair",
        ):
            if name in rules:
                initial[name] = rules[name]
        for name in engine.PART_NAMES:
            if name in weights:
                initial[name] = Decimal(str(weights[name]))
        return initial

    def clean(self):
        data = super().clean()
        if all(data.get(name) == 0 for name in engine.PART_NAMES):
            self.add_error("topics", _("At least one weight must be above zero."))
        return data

    def rules(self) -> engine.Rules:
        data = self.cleaned_data
        return engine.Rules(
            min_age_gap=data["min_age_gap"] if data["use_min_age_gap"] else None,
            different_organisation=data["different_organisation"],
            forbid_own_manager=data["forbid_own_manager"],
            forbid_same_unit=data["forbid_same_unit"],
            format_compatibility=data["format_compatibility"],
            capacity=data["capacity"],
            fair=data["fair"],
        )

    def weights(self) -> engine.Weights:
        return engine.Weights(
            **{name: float(self.cleaned_data[name]) for name in engine.PART_NAMES}
        )

    def base_proposal(self) -> Proposal | None:
        return self.proposals.get(self.cleaned_data.get("keep_locks_from") or "")


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        organisation = (
            obj.organisation.short_name or obj.organisation.name if obj.organisation else ""
        )
        return f"{obj.full_name} ({organisation}, {obj.birth_year or '?'})"


class PairForm(forms.Form):
    """Two nominated people of the program: a mentor and an adept."""

    mentor = _PersonChoice(
        label=_("Mentor"), queryset=Application.objects.none(), to_field_name="public_id"
    )
    adept = _PersonChoice(
        label=_("Adept"), queryset=Application.objects.none(), to_field_name="public_id"
    )

    def __init__(self, *args, mentors, adepts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["adept"].queryset = adepts


class ExclusionForm(PairForm):
    reason = forms.CharField(
        label=_("Reason (for the coordinators only)"), required=False, max_length=300
    )
