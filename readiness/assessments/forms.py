import re

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms
from django.template.loader import get_template
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from readiness.assessments import fragments
from readiness.assessments.questionnaire import Pillar, Questionnaire, content_language
from readiness.security.text import refuse_invisible_characters

ANSWER_REQUIRED = _("Please choose the statement that fits your firm best.")


class Choices(BaseChoiceIterator):
    """Choices already in Django's canonical (value, label) form. Django re-normalises a plain
    list on every field construction, which was most of the cost of building a wizard step's
    forms (the wizard builds every earlier step's form to check it on each request)."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


class ProfileForm(forms.Form):
    company_name = forms.CharField(
        label=_("Company name (optional)"),
        max_length=200,
        required=False,
        validators=[refuse_invisible_characters],
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
        self.questionnaire = q = questionnaire
        self.fields["business_scope"].choices = Choices(
            [("", _("Choose one…"))] + [(c.key, c.label) for c in q.business_scopes]
        )
        self.fields["employee_band"].choices = Choices((c.key, c.label) for c in q.employee_bands)
        self.fields["ai_functions"].choices = Choices((c.key, c.label) for c in q.ai_functions)
        self.fields["difficulties"].choices = Choices((c.key, c.label) for c in q.difficulties)

    def render_crispy(self) -> SafeString:
        """The form laid out by crispy-forms. Untouched (a first visit), it is the same for
        every firm, so it is rendered once per language (fragments)."""
        if self.is_bound or self.initial:
            return as_crispy_form(self)
        language = content_language(get_language())
        key = ("profile-form", id(self.questionnaire), self.prefix, language)
        return fragments.kept(key, self.questionnaire, lambda: as_crispy_form(self))

    def clean_ai_functions(self):
        functions = self.cleaned_data["ai_functions"]
        if "none" in functions and len(functions) > 1:
            raise forms.ValidationError(
                _("“No AI use yet” cannot be ticked together with a business function.")
            )
        return functions


QUESTION_TEMPLATE = "assessments/_question.html"


class PillarForm(forms.Form):
    """One wizard step: every question of one pillar, each a choice of five statements."""

    template_name = "assessments/pillar_questions.html"

    def __init__(self, *args, pillar: Pillar, **kwargs):
        super().__init__(*args, **kwargs)
        self.pillar = pillar
        for question in pillar.questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.help or "",
                choices=Choices((value, question.option(value)) for value in question.values),
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

    def get_context(self):
        return {**super().get_context(), "show_errors": self.is_bound}

    def render_questions(self, show_errors: bool) -> SafeString:
        """Each question as a fieldset (QUESTION_TEMPLATE), with its error if `show_errors`.

        A fieldset with no error to show and a valid or empty answer is rendered once per
        process and reused; anything else (an error, a tampered value) is rendered afresh."""
        template = get_template(QUESTION_TEMPLATE)
        language = content_language(get_language())
        parts = []
        for number, (dimension, question, field) in enumerate(self.questions(), start=1):
            value = field.value()
            current = "" if value is None else str(value)
            context = {
                "dimension": dimension,
                "question": question,
                "number": str(number),
                "id": field.auto_id,
                "name": field.html_name,
                "current": current,
                "errors": field.errors if show_errors else (),
            }
            if context["errors"] or not (current == "" or current in map(str, question.values)):
                parts.append(template.render(context))
                continue
            key = (
                "question",
                id(question),
                number,
                field.html_name,
                field.auto_id,
                current,
                language,
            )
            parts.append(fragments.kept(key, question, lambda c=context: template.render(c)))
        # Safe: each part is the output of an autoescaping template.
        return mark_safe("\n".join(parts))


class ReviewForm(forms.Form):
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


class ContactForm(forms.Form):
    """The optional last step: contact details for an HKPC advisor, kept only with consent."""

    name = forms.CharField(
        label=_("Contact name"),
        max_length=200,
        required=False,
        validators=[refuse_invisible_characters],
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter an email address like name@company.com.hk.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("A Hong Kong number, or an international one starting with +."),
    )
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        validators=[refuse_invisible_characters],
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that HKPC advisors may use these details to contact me about this "
            "assessment, as set out in the Personal Information Collection Statement above."
        ),
        required=False,
    )

    DETAILS = ("name", "email", "phone", "company_name")
    PERSONAL = ("name", "email", "phone")

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

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
