from django import forms
from django.utils.translation import gettext_lazy as _

from readiness.assessments.questionnaire import Pillar, Questionnaire

ANSWER_REQUIRED = _("Please choose the statement that fits your firm best.")


class ProfileForm(forms.Form):
    company_name = forms.CharField(
        label=_("Company name (optional)"),
        max_length=200,
        required=False,
        help_text=_("Shown on your result and report only. Leave it empty to stay anonymous."),
    )
    business_scope = forms.ChoiceField(
        label=_("Main business scope"),
        error_messages={"required": _("Please choose your main business scope.")},
    )
    employee_band = forms.ChoiceField(
        label=_("Full-time employees, all offices combined"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose how many full-time employees you have.")},
    )
    listed = forms.TypedChoiceField(
        label=_("Is the company listed on a stock exchange?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether the company is listed.")},
    )
    ai_functions = forms.MultipleChoiceField(
        label=_("Where does the company already use AI?"),
        help_text=_("Tick all that apply."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    difficulties = forms.MultipleChoiceField(
        label=_("What are your main difficulties with AI, now or expected?"),
        help_text=_("Tick all that apply. They shape which schemes and advice you are shown."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        q = questionnaire
        self.fields["business_scope"].choices = [("", _("Choose one…"))] + [
            (c.key, c.label) for c in q.business_scopes
        ]
        self.fields["employee_band"].choices = [(c.key, c.label) for c in q.employee_bands]
        self.fields["ai_functions"].choices = [(c.key, c.label) for c in q.ai_functions]
        self.fields["difficulties"].choices = [(c.key, c.label) for c in q.difficulties]

    def clean_ai_functions(self):
        functions = self.cleaned_data["ai_functions"]
        if "none" in functions and len(functions) > 1:
            raise forms.ValidationError(
                _("“No AI use yet” cannot be ticked together with a business function.")
            )
        return functions


class PillarForm(forms.Form):
    """One wizard step: every question of one pillar, each a choice of five statements."""

    template_name = "assessments/pillar_form.html"

    def __init__(self, *args, pillar: Pillar, **kwargs):
        super().__init__(*args, **kwargs)
        self.pillar = pillar
        for question in pillar.questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.help or "",
                choices=[(value, question.option(value)) for value in question.values],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": ANSWER_REQUIRED,
                    "invalid_choice": ANSWER_REQUIRED,
                },
            )

    def questions(self):
        """Questions with their bound fields, for the lean step template."""
        for dimension in self.pillar.dimensions:
            for question in dimension.questions:
                yield dimension, question, self[question.key]


class ReviewForm(forms.Form):
    """The review step has nothing to fill in; submitting it confirms the answers."""
