"""Forms of the wishes app: the coordinator's round and run, a participant's ranking and answer."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from revmentor.programs.models import MatchingMode
from revmentor.wishes.models import MAX_WISHES, WishRun

ORDINALS = [
    pgettext_lazy("wish", "1st wish"),
    pgettext_lazy("wish", "2nd wish"),
    pgettext_lazy("wish", "3rd wish"),
    pgettext_lazy("wish", "4th wish"),
    pgettext_lazy("wish", "5th wish"),
]


class RoundForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Matching mode"),
        choices=[
            (MatchingMode.WISHES, _("Wishes-informed: everyone ranks, the engine pairs")),
            (MatchingMode.REQUESTS, _("Request and accept: adepts ask, mentors answer")),
        ],
        widget=forms.RadioSelect,
    )
    ranking_deadline = forms.DateTimeField(
        label=_("Ranking deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    answer_days = forms.IntegerField(
        label=_("Days to answer a request"),
        min_value=1,
        max_value=30,
        initial=5,
        help_text=_("A request not answered in this many days passes to the adept's next wish."),
    )
    seats_per_mentor = forms.IntegerField(
        label=_("Adepts per mentor"), min_value=1, max_value=5, initial=1
    )

    def clean_ranking_deadline(self):
        deadline = self.cleaned_data["ranking_deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return deadline

    @staticmethod
    def default_deadline():
        return timezone.localtime(timezone.now() + timedelta(days=7)).replace(
            hour=17, minute=0, second=0, microsecond=0
        )


class RankingForm(forms.Form):
    """Up to five wishes as selects (no dragging needed), or "anyone suits me"."""

    anyone = forms.BooleanField(
        label=_("Anyone suits me"),
        required=False,
        help_text=_("Tick this instead of ranking if you have no wishes."),
    )

    def __init__(self, *args, suggestions=(), initial_partners=(), anyone=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(s.partner.public_id): s.partner for s in suggestions}
        choices = [("", _("(no wish)"))] + [
            (str(s.partner.public_id), s.partner.full_name) for s in suggestions
        ]
        ranked = [str(p.public_id) for p in initial_partners]
        for position in range(MAX_WISHES):
            self.fields[f"wish_{position + 1}"] = forms.ChoiceField(
                label=ORDINALS[position],
                choices=choices,
                required=False,
                initial=ranked[position] if position < len(ranked) else "",
            )
        self.fields["anyone"].initial = anyone
        self.order_fields([f"wish_{n}" for n in range(1, MAX_WISHES + 1)] + ["anyone"])

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"wish_{n}") for n in range(1, MAX_WISHES + 1)]
        chosen = [value for value in chosen if value]
        seen = set()
        for position in range(1, MAX_WISHES + 1):
            value = cleaned.get(f"wish_{position}")
            if value and value in seen:
                self.add_error(f"wish_{position}", _("You have already chosen this person."))
            seen.add(value)
        if any(f"wish_{n}" in self.errors for n in range(1, MAX_WISHES + 1)):
            return cleaned
        if cleaned.get("anyone") and chosen:
            self.add_error("anyone", _("Either rank people or tick this, not both."))
        if not cleaned.get("anyone") and not chosen:
            raise forms.ValidationError(
                _("Choose at least one person, or tick that anyone suits you.")
            )
        cleaned["partners"] = [self.partners[value] for value in chosen]
        return cleaned


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Yes, I accept")), ("decline", _("No, thank you"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WishRunForm(forms.Form):
    pairing = forms.ChoiceField(
        label=_("Pairing"), choices=WishRun.Pairing.choices, widget=forms.RadioSelect
    )
    wish_weight = forms.DecimalField(
        label=_("Weight of a first wish"),
        min_value=0,
        max_value=1000,
        decimal_places=2,
        help_text=_(
            "Points a pair earns when it is someone's first wish, in the same units as the fit "
            "(a perfect fit is %(best)s); a fifth wish earns a fifth of it. Zero ignores wishes."
        ),
    )
    capacity = forms.IntegerField(label=_("Adepts per mentor"), min_value=1, max_value=5)

    def __init__(self, *args, best: float = 8.0, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["wish_weight"]
        field.help_text = str(field.help_text) % {"best": f"{best:g}"}
