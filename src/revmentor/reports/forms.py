"""Forms of the cost pages."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from revmentor.programs.models import BillingRule, CostRounding


class BillingForm(forms.Form):
    """Who is charged the participant fee, what amounts are rounded to, and the cut-off date."""

    billing_rule = forms.ChoiceField(
        label=_("Who is charged"), choices=BillingRule.choices, widget=forms.RadioSelect
    )
    cost_rounding = forms.ChoiceField(
        label=_("Amounts rounded to"), choices=CostRounding.choices, widget=forms.RadioSelect
    )
    cutoff_date = forms.DateField(
        label=_("Cut-off date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Only for the first rule: nominated participants who withdraw before this date "
            "are not charged. Without a date, only those nominated now are charged."
        ),
    )


class TravelCostForm(forms.Form):
    """A travel cost for one of the people the user may charge (others are not a choice)."""

    application = forms.ChoiceField(label=_("Participant"))
    amount = forms.DecimalField(
        label=_("Amount (SEK)"),
        min_value=Decimal("0"),
        max_value=Decimal("99999999.99"),
        max_digits=10,
        decimal_places=2,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.public_id): p for p in people}
        self.fields["application"].choices = [("", "—")] + [
            (key, f"{p.full_name} ({p.organisation})") for key, p in self.people.items()
        ]

    def clean_application(self):
        return self.people[self.cleaned_data["application"]]
