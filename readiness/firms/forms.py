"""The wizard's forms: the company profile, one form per pillar, the review, the contact step.

They render through Django's form rendering (readiness.form_rendering): every field in
templates/forms/field.html, with the widgets below drawing their own choices."""

import re

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from readiness.content.questionnaire import TRADE_SCOPE, Pillar, Question, Questionnaire
from readiness.security.text import refuse_invisible_characters

ANSWER_REQUIRED = _("Please choose the statement that fits your firm best.")


class ChoiceRows:
    """Choice widgets whose template writes each option's few attributes itself (the same for
    every option but its id and whether it is chosen), instead of looping over them."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["invalid"] = widget["attrs"].get("aria-invalid") == "true"
        widget["required"] = bool(widget["attrs"].get("required"))
        widget["attrs"]["aria_describedby"] = widget["attrs"].get("aria-describedby", "")
        return context


class DropDown(ChoiceRows, forms.Select):
    template_name = "forms/widgets/select.html"


class ChoiceList(ChoiceRows, forms.RadioSelect):
    template_name = "forms/widgets/choices.html"


class TickList(ChoiceRows, forms.CheckboxSelectMultiple):
    template_name = "forms/widgets/choices.html"


class Statements(ChoiceRows, forms.RadioSelect):
    """A question's five behaviourally anchored statements, each shown with its level."""

    template_name = "forms/widgets/statements.html"

    def id_for_label(self, id_, index=None):
        # Each statement's id ends in its level (1 to 5), not in its position from 0.
        if index is None:
            return super().id_for_label(id_, index)
        return super().id_for_label(id_, str(int(index) + 1))


class QuietBoundField(BoundField):
    """A field whose errors show only when its form says so (see StepForm)."""

    @property
    def errors(self):
        if not self.form.show_errors:
            return self.form.error_class(renderer=self.form.renderer)
        return super().errors


class StepForm(forms.Form):
    """A wizard step. Its errors show only on the page that answers the firm's submit: a step
    saved half-answered (by Back or the language button) comes back without them."""

    bound_field_class = QuietBoundField
    show_errors = True


class ProfileForm(StepForm):
    company_name = forms.CharField(
        label=_("Company name (optional)"),
        max_length=200,
        required=False,
        validators=[refuse_invisible_characters],
        help_text=_("Shown on your result and report only. Leave it empty to stay anonymous."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "organization"}),
    )
    business_scope = forms.ChoiceField(
        label=_("Main business scope"),
        error_messages={"required": _("Please choose your main business scope.")},
        widget=DropDown,
    )
    trade_type = forms.ChoiceField(
        label=_("Import/export, wholesale or retail: which is it mainly?"),
        help_text=_(
            "Only if that is your business scope. Some schemes cover shops, not wholesalers."
        ),
        widget=ChoiceList,
        required=False,
    )
    hk_production_line = forms.TypedChoiceField(
        label=_("Manufacturing: do you run a production line in Hong Kong?"),
        help_text=_("Only if you manufacture. Some schemes pay only for production in Hong Kong."),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=ChoiceList,
        required=False,
    )
    employee_band = forms.ChoiceField(
        label=_("Full-time employees, all offices combined"),
        widget=ChoiceList,
        error_messages={"required": _("Please choose how many full-time employees you have.")},
    )
    listed = forms.TypedChoiceField(
        label=_("Is the company listed on a stock exchange?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=ChoiceList,
        error_messages={"required": _("Please say whether the company is listed.")},
    )
    ai_functions = forms.MultipleChoiceField(
        label=_("Where does the company already use AI?"),
        help_text=_("Tick all that apply."),
        widget=TickList,
        required=False,
    )
    difficulties = forms.MultipleChoiceField(
        label=_("What are your main difficulties with AI, now or expected?"),
        help_text=_("Tick all that apply; they shape your advice."),
        widget=TickList,
        required=False,
    )

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = q = questionnaire
        self.fields["business_scope"].choices = [("", _("Choose one…"))] + [
            (c.key, c.label) for c in q.business_scopes
        ]
        self.fields["trade_type"].choices = [(c.key, c.label) for c in q.trade_types]
        if not q.trade_types:
            del self.fields["trade_type"]  # questionnaires before 2026.2 did not ask
        self.fields["employee_band"].choices = [(c.key, c.label) for c in q.employee_bands]
        self.fields["ai_functions"].choices = [(c.key, c.label) for c in q.ai_functions]
        self.fields["difficulties"].choices = [(c.key, c.label) for c in q.difficulties]

    def clean(self):
        """The follow-up questions count only for the scope they follow up: a trader says
        whether it sells retail or wholesale, a manufacturer whether it produces in Hong Kong."""
        cleaned = super().clean()
        scope = self.questionnaire.scope(cleaned.get("business_scope") or "")
        if "trade_type" in self.fields:
            if scope is None or scope.key != TRADE_SCOPE:
                cleaned["trade_type"] = ""
            elif not cleaned.get("trade_type") and "trade_type" not in self.errors:
                self.add_error(
                    "trade_type", _("Please say whether you sell mainly retail or wholesale.")
                )
        if scope is None or not scope.manufacturing:
            cleaned["hk_production_line"] = None
        elif cleaned.get("hk_production_line") is None and "hk_production_line" not in self.errors:
            self.add_error(
                "hk_production_line",
                _("Please say whether you run a production line in Hong Kong."),
            )
        return cleaned

    def clean_ai_functions(self):
        functions = self.cleaned_data["ai_functions"]
        if "none" in functions and len(functions) > 1:
            raise forms.ValidationError(
                _("“No AI use yet” cannot be ticked together with a business function.")
            )
        return functions


class QuestionField(forms.TypedChoiceField):
    """One question: its five statements, scored 1 to 5."""

    def __init__(self, question: Question, dimension, number: int, version: str, first=False):
        super().__init__(
            label=question.text,
            help_text=question.help or "",
            choices=[(value, question.option(value)) for value in question.values],
            coerce=int,
            widget=Statements,
            template_name="forms/question.html",
            error_messages={"required": ANSWER_REQUIRED, "invalid_choice": ANSWER_REQUIRED},
        )
        self.question = question
        self.question_dimension = dimension
        self.number = number
        self.first_in_dimension = first  # the dimension's name heads its first question
        self.version = version  # of the questionnaire: its text is the fieldset's


class PillarForm(StepForm):
    """One wizard step: every question of one pillar."""

    def __init__(self, *args, pillar: Pillar, version: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.pillar = pillar
        number = 0
        for dimension in pillar.dimensions:
            for index, question in enumerate(dimension.questions):
                number += 1
                self.fields[question.key] = QuestionField(
                    question, dimension, number, version, first=index == 0
                )


class ReviewForm(StepForm):
    """The review step has nothing to fill in; submitting it confirms the answers."""


# Hong Kong numbers are eight digits, optionally after +852; others need + and 7 to 15 digits.
HK_PHONE = re.compile(r"(?:\+852)?([2-9]\d{7})")
INTERNATIONAL_PHONE = re.compile(r"\+\d{7,15}")


def normalise_phone(value: str) -> str:
    """'+852 9123 4567', '91234567' -> '+852 9123 4567'; '+44 20 7946 0958' -> '+442079460958'.

    Raises ValidationError for anything else."""
    compact = re.sub(r"[\s\-()]", "", value)
    if match := HK_PHONE.fullmatch(compact):
        digits = match.group(1)
        return f"+852 {digits[:4]} {digits[4:]}"
    if INTERNATIONAL_PHONE.fullmatch(compact) and not compact.startswith("+852"):
        return compact
    raise forms.ValidationError(
        _(
            "Enter a Hong Kong number of 8 digits (e.g. 9123 4567), or an international number "
            "starting with + and the country code."
        ),
        code="invalid_phone",
    )


class ContactDetailsForm(StepForm):
    """Contact details for an HKPC advisor, kept only with consent: a name, and an email
    address or a phone number."""

    name = forms.CharField(
        label=_("Contact name"),
        max_length=200,
        required=False,
        validators=[refuse_invisible_characters],
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter an email address like name@company.com.hk.")},
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("A Hong Kong number, or an international one starting with +."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "tel"}),
    )
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        validators=[refuse_invisible_characters],
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that HKPC advisors may use these details to contact me about this "
            "assessment, as set out in the Personal Information Collection Statement."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    DETAILS = ("name", "email", "phone", "company_name")
    PERSONAL = ("name", "email", "phone")

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("consent"):
            return cleaned
        if not cleaned.get("name", "").strip() and "name" not in self.errors:
            self.add_error("name", _("Please tell us whom the advisor should ask for."))
        reachable = cleaned.get("email") or cleaned.get("phone")
        if not reachable and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", _("Please give an email address or a phone number."))
        return cleaned

    def contact_details(self) -> dict | None:
        """The details to store, or None when the firm did not consent."""
        if not self.cleaned_data.get("consent"):
            return None
        return {field: self.cleaned_data[field].strip() for field in self.DETAILS}


class ContactForm(ContactDetailsForm):
    """The wizard's optional last step: skipping it, or leaving the consent box unticked with
    nothing typed, gives the same result."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("consent"):
            # The company name is prefilled from the profile, so only the personal fields
            # show an intent to be contacted.
            typed = (self.data.get(self.add_prefix(f), "").strip() for f in self.PERSONAL)
            if any(typed):
                raise forms.ValidationError(
                    _(
                        "To be contacted, tick the consent box. If you would rather not be "
                        "contacted, choose “Skip”: nothing you typed will be kept."
                    ),
                    code="consent_missing",
                )
        return cleaned


class FollowUpForm(ContactDetailsForm):
    """The result page's request to be contacted by an HKPC advisor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "To be contacted, tick the box to agree. Nothing is kept without it."
        )
