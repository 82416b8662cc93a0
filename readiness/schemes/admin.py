from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from readiness.content import tiers
from readiness.content.questionnaire import current_questionnaire
from readiness.schemes.models import Scheme, stale_cutoff

SOURCE_SEPARATOR = "|"


def sources_as_text(sources) -> str:
    lines = []
    for source in sources or []:
        parts = [source.get("url", ""), source.get("date", ""), source.get("note", "")]
        lines.append(f" {SOURCE_SEPARATOR} ".join(parts).rstrip(f" {SOURCE_SEPARATOR}"))
    return "\n".join(lines)


def sources_from_text(text: str) -> list[dict]:
    check_url = URLValidator(schemes=["http", "https"])
    sources = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(SOURCE_SEPARATOR, 2)] + ["", ""]
        url, date, note = parts[:3]
        if url:
            try:
                check_url(url)
            except ValidationError:
                raise ValidationError(
                    _("Line %(n)s: “%(url)s” is not a web address."),
                    params={"n": number, "url": url},
                ) from None
        elif not note:
            raise ValidationError(
                _("Line %(n)s: give an address, or a note saying where the fact comes from."),
                params={"n": number},
            )
        sources.append({"url": url, "date": date, "note": note})
    return sources


class HttpsURLField(forms.URLField):
    """An address typed without a scheme is taken as https (Django 6's default)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class SchemeForm(forms.ModelForm):
    """Lists of questionnaire keys as tick boxes, sources as plain lines."""

    business_scopes = forms.MultipleChoiceField(
        label=_("business scopes allowed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A hard rule: firms in other scopes never see the scheme. None ticked: any."),
    )
    suits_scopes = forms.MultipleChoiceField(
        label=_("business scopes it particularly suits"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Scheme._meta.get_field("suits_scopes").help_text,
    )
    tiers = forms.MultipleChoiceField(
        label=_("readiness tiers it suits"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only firms at these tiers are recommended the scheme."),
    )
    dimensions = forms.MultipleChoiceField(
        label=_("dimensions it helps raise"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    difficulties = forms.MultipleChoiceField(
        label=_("difficulties it addresses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.CharField(
        label=_("sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 100}),
        help_text=_("One source per line: address | date | note. The date may be “undated”."),
    )

    class Meta:
        model = Scheme
        fields = [f.name for f in Scheme._meta.fields if f.editable and not f.primary_key]
        field_classes = {"apply_url": HttpsURLField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        q = current_questionnaire()
        scopes = [(c.key, str(c.label)) for c in q.business_scopes]
        self.fields["business_scopes"].choices = scopes
        self.fields["suits_scopes"].choices = scopes
        self.fields["tiers"].choices = tiers.CHOICES
        self.fields["dimensions"].choices = [(k, str(d.name)) for k, d in q.dimensions.items()]
        self.fields["difficulties"].choices = [(c.key, str(c.label)) for c in q.difficulties]
        if self.instance.pk:
            self.initial["sources"] = sources_as_text(self.instance.sources)

    def clean_sources(self):
        return sources_from_text(self.cleaned_data["sources"])

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and opens_on > closes_on:
            self.add_error("closes_on", _("A scheme cannot close before it opens."))
        return cleaned


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("stale", _("Needs re-verification")), ("current", _("Recently verified"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "current":
            return queryset.filter(last_verified__gte=stale_cutoff())
        return queryset


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    form = SchemeForm
    list_display = (
        "name_en",
        "short_name",
        "kind",
        "status",
        "closes_on",
        "last_verified",
        "verification",
    )
    list_display_links = ("name_en",)
    list_filter = (VerificationFilter, "status", "kind")
    search_fields = ("key", "name_en", "name_zh_hant", "short_name", "administrator_en")
    ordering = ("position", "key")
    actions = ("mark_verified_today",)
    fieldsets = (
        (None, {"fields": ("key", "kind", "position")}),
        (
            _("Names"),
            {
                "fields": (
                    ("name_en", "name_zh_hant"),
                    ("name_note_en", "name_note_zh_hant"),
                    "short_name",
                    ("administrator_en", "administrator_zh_hant"),
                )
            },
        ),
        (
            _("What it pays for"),
            {
                "fields": (
                    ("summary_en", "summary_zh_hant"),
                    ("funding_ratio_en", "funding_ratio_zh_hant"),
                    "cap_hkd",
                    ("cap_note_en", "cap_note_zh_hant"),
                )
            },
        ),
        (
            _("Status"),
            {
                "fields": (
                    "status",
                    ("opens_on", "closes_on"),
                    ("status_note_en", "status_note_zh_hant"),
                    ("changes_en", "changes_zh_hant"),
                )
            },
        ),
        (
            _("Eligibility (hard rules)"),
            {
                "description": _(
                    "A firm that fails one of these never sees the scheme. The last four are "
                    "not asked in the questionnaire: they are shown to the firm as things to "
                    "check before applying."
                ),
                "fields": (
                    "listed_allowed",
                    "max_employees",
                    "sme_only",
                    "business_scopes",
                    "hk_incorporation_required",
                    "hk_production_line_required",
                    "itf_project_required",
                    "individuals_only",
                ),
            },
        ),
        (
            _("Who it fits"),
            {
                "description": _(
                    "Used to rank the schemes a firm is eligible for. The “who it fits” sentence "
                    "completes “it suits …” in the reason a firm is shown."
                ),
                "fields": (
                    "tiers",
                    "dimensions",
                    "difficulties",
                    "suits_scopes",
                    ("fit_en", "fit_zh_hant"),
                    ("check_en", "check_zh_hant"),
                ),
            },
        ),
        (
            _("Sources and verification"),
            {"fields": ("apply_url", "sources", "last_verified", "verification", "updated_at")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = ["verification", "updated_at"]
        # Saved results and the seed refer to schemes by key.
        return [*readonly, "key"] if obj else readonly

    @admin.display(description=_("verification"))
    def verification(self, obj):
        if obj is None or obj.last_verified is None:
            return "—"
        if obj.needs_reverification():
            days = (timezone.localdate() - obj.last_verified).days
            return ngettext(
                "Needs re-verification: checked %(days)d day ago",
                "Needs re-verification: checked %(days)d days ago",
                days,
            ) % {"days": days}
        return gettext("Up to date")

    @admin.action(description=_("Mark as verified today"), permissions=["change"])
    def mark_verified_today(self, request, queryset):
        count = queryset.update(last_verified=timezone.localdate(), updated_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d scheme marked as verified today.",
                "%(count)d schemes marked as verified today.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
