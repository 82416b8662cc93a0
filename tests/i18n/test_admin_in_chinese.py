"""The advisors' admin in Traditional Chinese: Django's own screens, and every label of ours."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from readiness.schemes.models import Scheme
from readiness.schemes.seed import load_seed
from tests.factory import make_assessment, questionnaire, uniform_answers
from tests.i18n.leftovers import ALLOWED_WORDS, english_runs, visible_text

pytestmark = pytest.mark.django_db

OUR_APPS = ("assessments", "schemes", "advisors", "reports", "security")
COMPANY = "Harbour Print Ltd"


def untranslated(value) -> bool:
    """True when a label reads the same in Chinese as in English and is more than acronyms."""
    with translation.override("en"):
        english = str(value)
    with translation.override("zh-hant"):
        chinese = str(value)
    words = [w for w in english.replace("(", " ").replace(")", " ").split() if w.isalpha()]
    return chinese == english and any(w not in ALLOWED_WORDS for w in words)


def our_model_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
    ]


@pytest.fixture
def advisor_client(client):
    user = get_user_model().objects.create_superuser("advisor", "advisor@example.com", "x" * 16)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    return client


def test_every_label_an_advisor_meets_in_our_admin_is_translated(rf):
    request = rf.get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True)
    missing = []
    for model, model_admin in our_model_admins():
        opts = model._meta
        for value in (opts.app_config.verbose_name, opts.verbose_name, opts.verbose_name_plural):
            if untranslated(value):
                missing.append(f"{opts.label}: {value}")
        names = [*model_admin.get_fields(request), *model_admin.readonly_fields]
        names += [n for n in model_admin.list_display if isinstance(n, str) and n != "__str__"]
        names += [n for n in model_admin.list_filter if isinstance(n, str)]
        for name in dict.fromkeys(names):
            try:
                label = label_for_field(name.split("__")[0], model, model_admin)
            except AttributeError:  # a field of the add form only, such as the first check
                label = model_admin.get_form(request).base_fields[name].label
            if untranslated(label):
                missing.append(f"{opts.label} {name}: {label}")
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if getattr(field, "help_text", "") and untranslated(field.help_text):
                missing.append(f"{opts.label} {name} help: {field.help_text}")
            for _key, choice in getattr(field, "flatchoices", None) or []:
                if untranslated(choice):
                    missing.append(f"{opts.label} {name} choice: {choice}")
        for title, _options in model_admin.fieldsets or ():
            if title and untranslated(title):
                missing.append(f"{opts.label} section: {title}")
        for action in model_admin.actions or ():
            description = getattr(action, "short_description", None)
            if description and untranslated(description):
                missing.append(f"{opts.label} action: {description}")
    for value in (admin.site.site_header, admin.site.site_title, admin.site.index_title):
        if untranslated(value):
            missing.append(f"site: {value}")
    assert missing == []


def test_the_admin_screens_read_in_chinese(advisor_client):
    load_seed(questionnaire())
    assessment = make_assessment(uniform_answers(3), company_name=COMPANY)
    urls = ["/admin/"]
    for model, _model_admin in our_model_admins():
        urls.append(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    urls.append(f"/admin/assessments/assessment/{assessment.pk}/change/")
    urls.append("/admin/dashboard/")
    # The scheme list has a column of English names on purpose, beside the Chinese ones.
    data = [COMPANY]
    for scheme in Scheme.objects.all():
        data += [f"{scheme.name_en} ({scheme.short_name})", scheme.name_en, scheme.short_name]
    leftovers = {}
    for url in urls:
        response = advisor_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="zh-hant"' in html, url
        runs = english_runs(visible_text(html), also_allowed=data)
        if runs:
            leftovers[url] = runs
    assert not leftovers, "English left over:\n" + "\n".join(
        f"{url}: {run}" for url, runs in leftovers.items() for run in runs
    )
    html = advisor_client.get("/admin/").content.decode()
    assert "評估" in html and "資助計劃及培訓" in html
