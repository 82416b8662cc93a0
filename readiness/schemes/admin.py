from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from readiness.content import tiers
from readiness.content.questionnaire import current_questionnaire
from readiness.schemes.models import Scheme, SchemeCheck, stale_cutoff
from readiness.schemes.seed import SUB_SCOPES

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
        help_text=_(
            "A hard rule: firms in other scopes never see the scheme. None ticked: any. Retail "
            "and wholesale are the two halves of import/export, wholesale and retail."
        ),
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
        help_text=Scheme._meta.get_field("tiers").help_text,
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

    # What a firm reads of a scheme it may still apply to.
    UNLESS_CLOSED = ("pays_for_en", "pays_for_zh_hant", "conditions_en", "conditions_zh_hant")

    class Meta:
        model = Scheme
        fields = [
            f.name
            for f in Scheme._meta.fields
            if f.editable and not f.primary_key and f.name != "last_verified"
        ]
        field_classes = {"apply_url": HttpsURLField, "contact_url": HttpsURLField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        q = current_questionnaire()
        scopes = [(c.key, str(c.label)) for c in q.business_scopes]
        scopes += [(c.key, str(c.label)) for c in q.trade_types if c.key in SUB_SCOPES]
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
        if cleaned.get("status") != Scheme.Status.CLOSED:
            for name in self.UNLESS_CLOSED:
                if not (cleaned.get(name) or "").strip() and name not in self.errors:
                    self.add_error(name, _("A firm reads this unless the scheme has closed."))
        if cleaned.get("status") == Scheme.Status.UPCOMING and not cleaned.get("expected_en"):
            self.add_error("expected_en", _("Say when it is expected, as the sources say."))
        return cleaned


class SchemeCheckForm(forms.ModelForm):
    class Meta:
        model = SchemeCheck
        fields = ("checked_on", "source_url", "changes")
        field_classes = {"source_url": HttpsURLField}

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise ValidationError(_("A check cannot be dated in the future."))
        return checked_on


class SchemeAddForm(SchemeForm):
    """A new scheme comes with its first check: the facts were read somewhere, on some day."""

    first_checked_on = forms.DateField(
        label=_("checked on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    first_source_url = HttpsURLField(
        label=_("source consulted"), help_text=_("The official page the facts were read from.")
    )
    first_changes = forms.CharField(
        label=_("what changed"), initial=_("Added to the catalogue."), max_length=500
    )

    def clean_first_checked_on(self):
        checked_on = self.cleaned_data["first_checked_on"]
        if checked_on > timezone.localdate():
            raise ValidationError(_("A check cannot be dated in the future."))
        return checked_on


class SchemeCheckInline(admin.TabularInline):
    """Checks are a record: new ones are added, none is edited or removed."""

    model = SchemeCheck
    form = SchemeCheckForm
    fields = ("checked_on", "source_url", "changes", "checked_by", "recorded_at")
    readonly_fields = ("checked_by", "recorded_at")
    extra = 1
    can_delete = False
    verbose_name = _("check of the facts")
    verbose_name_plural = _("checks of the facts, newest first")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("checked_by")

    def has_change_permission(self, request, obj=None):
        return False


class VerificationFilter(admin.SimpleListFilter):
    title = _("checking")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("stale", _("Needs checking")), ("current", _("Checked recently"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "current":
            return queryset.filter(last_verified__gte=stale_cutoff())
        return queryset


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    form = SchemeForm
    change_list_template = "admin/schemes/scheme/change_list.html"
    inlines = (SchemeCheckInline,)
    list_display = ("name_en", "short_name", "kind", "status", "last_verified", "verification")
    list_display_links = ("name_en",)
    list_filter = (VerificationFilter, "status", "kind")
    search_fields = ("key", "name_en", "name_zh_hant", "short_name", "administrator_en")
    history_list_display = ("status", "last_verified")
    fieldsets = (
        (None, {"fields": ("key", "kind", "free", "position")}),
        (
            _("What a firm reads"),
            {
                "fields": (
                    ("name_en", "name_zh_hant"),
                    "short_name",
                    ("administrator_en", "administrator_zh_hant"),
                    ("summary_en", "summary_zh_hant"),
                    ("pays_for_en", "pays_for_zh_hant"),
                    ("funding_ratio_en", "funding_ratio_zh_hant"),
                    "cap_hkd",
                    ("cap_note_en", "cap_note_zh_hant"),
                    ("conditions_en", "conditions_zh_hant"),
                    ("apply_url", "contact_url"),
                )
            },
        ),
        (
            _("Status"),
            {
                "fields": (
                    "status",
                    ("opens_on", "closes_on"),
                    ("expected_en", "expected_zh_hant"),
                    ("closed_note_en", "closed_note_zh_hant"),
                    "mention_when_closed",
                )
            },
        ),
        (
            _("Eligibility (hard rules)"),
            {
                "description": _(
                    "A firm that fails one of these never sees the scheme. Incorporation and an "
                    "ITF project are not asked in the questionnaire: say them in “check before "
                    "applying”."
                ),
                "fields": (
                    "tiers",
                    "listed_allowed",
                    "max_employees",
                    "sme_only",
                    "business_scopes",
                    "hk_production_line_required",
                    "hk_incorporation_required",
                    "itf_project_required",
                    "individuals_only",
                ),
            },
        ),
        (
            _("Fit"),
            {
                "description": _("Used to rank the schemes a firm is eligible for."),
                "fields": ("dimensions", "difficulties", "suits_scopes"),
            },
        ),
        (
            _("For editors only"),
            {
                "description": _("Firms never see these."),
                "fields": ("editor_notes", "sources", "last_verified", "verification"),
            },
        ),
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SchemeAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return self.fieldsets
        first_check = (
            _("First check of the facts"),
            {"fields": ("first_checked_on", "first_source_url", "first_changes")},
        )
        return (*self.fieldsets, first_check)

    def get_inlines(self, request, obj):
        # A new scheme records its first check in the form itself.
        return self.inlines if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        obj.last_verified = form.cleaned_data["first_checked_on"]
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            SchemeCheck.objects.create(
                scheme=obj,
                checked_on=form.cleaned_data["first_checked_on"],
                source_url=form.cleaned_data["first_source_url"],
                changes=form.cleaned_data["first_changes"],
                checked_by=request.user,
            )

    def get_ordering(self, request):
        # The list of schemes needing a check shows the oldest first.
        if request.GET.get("verification") == "stale":
            return ("last_verified", "key")
        return ("position", "key")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["verification", "last_verified"]
        # Saved results and the seed refer to schemes by key.
        return [*readonly, "key"] if obj else readonly

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "needs_checking": Scheme.objects.stale().count()}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("checking"))
    def verification(self, obj):
        if obj is None or obj.last_verified is None:
            return "—"
        if obj.needs_checking():
            days = (timezone.localdate() - obj.last_verified).days
            return ngettext(
                "Needs checking: checked %(days)d day ago",
                "Needs checking: checked %(days)d days ago",
                days,
            ) % {"days": days}
        return gettext("Up to date")

    def save_formset(self, request, form, formset, change):
        for check in formset.save(commit=False):
            check.checked_by = request.user
            check.save()
        formset.save_m2m()
