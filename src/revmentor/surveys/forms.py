"""Forms for building surveys and for answering them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revmentor.surveys.instruments import INSTRUMENTS
from revmentor.surveys.models import SCALE_MIN, Question, Survey

MAX_OPTIONS = 12


class CreateSurveyForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            ("start", _("Start survey (ready questions)")),
            ("mid", _("Mid-way pulse (ready questions)")),
            ("end", _("End survey (ready questions)")),
            ("", _("An empty survey")),
        ],
        required=False,
        widget=forms.RadioSelect,
        initial="start",
    )


class InstrumentForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Instrument"),
        choices=[(i.key, i.name_sv) for i in INSTRUMENTS.values()],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, language: str = "sv", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [
            (i.key, i.name(language)) for i in INSTRUMENTS.values()
        ]


class SurveyTextsForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title_sv", "title_en", "intro_sv", "intro_en"]
        widgets = {
            "intro_sv": forms.Textarea(attrs={"rows": 4}),
            "intro_en": forms.Textarea(attrs={"rows": 4}),
        }


class QuestionForm(forms.ModelForm):
    options_sv = forms.CharField(
        label=_("Choices in Swedish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one choice per line."),
    )
    options_en = forms.CharField(
        label=_("Choices in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, in the same order. Leave empty to show the Swedish ones."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text_sv",
            "text_en",
            "options_sv",
            "options_en",
            "low_label_sv",
            "low_label_en",
            "high_label_sv",
            "high_label_en",
            "required",
            "key",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.options and not self.is_bound:
            self.initial["options_sv"] = "\n".join(o.get("sv", "") for o in self.instance.options)
            self.initial["options_en"] = "\n".join(o.get("en", "") for o in self.instance.options)

    @staticmethod
    def _lines(value: str) -> list[str]:
        return [line.strip() for line in value.splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        sv, en = self._lines(data.get("options_sv", "")), self._lines(data.get("options_en", ""))
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(sv) < 2:
                self.add_error("options_sv", _("Give at least two choices, one per line."))
            elif len(sv) > MAX_OPTIONS:
                self.add_error("options_sv", _("Give at most 12 choices."))
            elif en and len(en) != len(sv):
                self.add_error(
                    "options_en", _("Give as many English choices as Swedish ones, or none.")
                )
            else:
                self.instance.options = [
                    {"sv": text, "en": en[i] if en else text} for i, text in enumerate(sv)
                ]
        return data


class SendForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Last day to answer"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    remind_after_days = forms.IntegerField(
        label=_("Send a reminder after (days)"),
        required=False,
        min_value=1,
        max_value=60,
        initial=7,
        help_text=_("Only those who have not answered get the reminder. Leave empty for none."),
    )


class AnswerForm(forms.Form):
    """One field per question, in the participant's language."""

    def __init__(self, *args, survey: Survey, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            self.fields[f"q{question.pk}"] = self._field(question, language)

    @staticmethod
    def _field(question: Question, language: str) -> forms.Field:
        label, required = question.text(language), question.required
        if question.kind == Question.Kind.SCALE:
            low, high = question.scale_labels(language)
            top = question.scale_points
            choices = [(v, str(v)) for v in range(SCALE_MIN, top + 1)]
            if low:
                choices[0] = (SCALE_MIN, f"1 – {low}")
            if high:
                choices[-1] = (top, f"{top} – {high}")
            return forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=required,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        options = list(enumerate(question.option_labels(language)))
        if question.kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(
                label=label,
                choices=options,
                coerce=int,
                required=required,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        if question.kind == Question.Kind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                label=label,
                choices=options,
                coerce=int,
                required=required,
                widget=forms.CheckboxSelectMultiple,
            )
        return forms.CharField(
            label=label,
            required=required,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def values(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
