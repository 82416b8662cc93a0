"""The synthetic data command and the demo superuser command."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from readiness.advisors.models import Contact, FollowUp
from readiness.advisors.roles import ADVISOR
from readiness.assessments import scoring
from readiness.assessments.models import Assessment, DifficultyMention, PillarScore
from readiness.content.questionnaire import current_questionnaire
from tests.factory import make_assessment

pytestmark = pytest.mark.django_db


def test_generate_assessments_stores_consistent_realistic_rows(settings):
    settings.DEBUG = True
    advisor = User.objects.create_user("mei", is_staff=True)
    advisor.groups.add(Group.objects.get(name=ADVISOR))
    out = io.StringIO()
    call_command("generate_assessments", "600", "--seed", "7", "--batch-size", "250", stdout=out)
    assert "Stored 600 synthetic assessments." in out.getvalue()
    assert Assessment.objects.count() == 600
    assert PillarScore.objects.count() == 600 * len(current_questionnaire().pillars)
    q = current_questionnaire()
    for a in Assessment.objects.all()[:50]:
        result = scoring.score(q, a.answers)
        assert a.overall_score == result.overall_displayed
        assert a.tier == result.tier
        mentions = set(a.difficulty_mentions.values_list("difficulty", flat=True))
        assert mentions == set(a.difficulties)
    # Spreads like Hong Kong's: trade is the biggest scope, micro firms the biggest band, and
    # more than one tier is present; about one firm in eight asks for follow-up.
    scopes = Assessment.objects.values_list("business_scope", flat=True)
    assert max(set(scopes), key=list(scopes).count) == "trade_wholesale_retail"
    bands = list(Assessment.objects.values_list("employee_band", flat=True))
    assert max(set(bands), key=bands.count) == "1-5"
    assert len(set(Assessment.objects.values_list("tier", flat=True))) >= 3
    assert 30 <= Contact.objects.count() <= 120
    assert FollowUp.objects.count() == Contact.objects.count()
    assert FollowUp.objects.filter(assigned_to=advisor).exists()
    assert DifficultyMention.objects.count() == sum(
        len(a.difficulties) for a in Assessment.objects.all()
    )
    assert not Contact.objects.exclude(email__endswith="@example.com").exists()


def test_generate_assessments_replace_removes_only_synthetic_rows(settings):
    settings.DEBUG = True
    real = make_assessment()
    call_command("generate_assessments", "20", stdout=io.StringIO())
    call_command("generate_assessments", "5", "--replace", stdout=io.StringIO())
    assert Assessment.objects.count() == 6
    assert Assessment.objects.filter(pk=real.pk).exists()


def test_generate_assessments_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("generate_assessments", "10")
    assert Assessment.objects.count() == 0


def test_demo_superuser_gets_a_random_password_printed_once(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_superuser", stdout=out)
    password = out.getvalue().split("with password: ")[1].split()[0]
    user = User.objects.get(username="demo")
    assert user.is_superuser
    assert len(password) >= 20
    assert user.check_password(password)
    again = io.StringIO()
    call_command("create_demo_superuser", stdout=again)
    assert password not in again.getvalue()
    assert "already exists" in again.getvalue()
    user.refresh_from_db()
    assert user.check_password(password)


def test_demo_superuser_is_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_superuser", stdout=io.StringIO())
    assert not User.objects.filter(username="demo").exists()
