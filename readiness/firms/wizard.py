"""The assessment wizard: a profile step, one step per pillar, a review step, then an optional
request to be contacted by an HKPC advisor.

formtools' NamedUrlSessionWizardView as its docs mean it. What the product adds lives in named
places: a storage that writes the session only when the wizard changes something, Back and the
language button keeping what was typed, the contact step keeping nothing until it is
submitted, the first answer starting an assessment, and a refresh after finishing showing the
result already stored."""

import secrets

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from formtools.wizard.storage.session import SessionStorage
from formtools.wizard.views import NamedUrlSessionWizardView

from readiness.assessments.models import Assessment
from readiness.content.questionnaire import TRADE_SCOPE, Questionnaire, current_questionnaire
from readiness.firms.continuation import ContinueLater
from readiness.firms.forms import ContactForm, PillarForm, ProfileForm, ReviewForm
from readiness.firms.submission import store_assessment
from readiness.security import ratelimit
from readiness.security.clients import client_ip
from readiness.workspaces.views import (
    ASSESS_AGAIN_KEY,
    keep_in_workspace,
    profile_for_next_assessment,
)

PREFIX = "assessment"
LAST_RESULT_KEY = "readiness_last_result"
# extra_data: the run's idempotency key, set by its first answer.
SUBMISSION_KEY = "submission_key"


def form_list(questionnaire: Questionnaire) -> list:
    return (
        [("profile", ProfileForm)]
        + [(pillar.key, PillarForm) for pillar in questionnaire.pillars]
        + [("review", ReviewForm), ("contact", ContactForm)]
    )


def bad_request(request):
    return render(request, "400.html", status=400)


class WritesOnChangeStorage(SessionStorage):
    """formtools' session storage marks the session changed whenever the wizard reads it, so
    every page view would write the session row. This one marks it only when what the wizard
    stores changes."""

    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def _changed(self):
        self.request.session.modified = True

    def _set_current_step(self, step):
        if step != self._get_current_step():
            super()._set_current_step(step)
            self._changed()

    def _set_extra_data(self, extra_data):
        if extra_data != self._get_extra_data():
            super()._set_extra_data(extra_data)
            self._changed()

    def set_step_data(self, step, cleaned_data):
        before = self.data[self.step_data_key].get(step)
        super().set_step_data(step, cleaned_data)
        if self.data[self.step_data_key].get(step) != before:
            self._changed()

    def reset(self):
        super().reset()
        self._changed()


class AssessmentWizard(ContinueLater, NamedUrlSessionWizardView):
    storage_name = "readiness.firms.wizard.WritesOnChangeStorage"

    def get_prefix(self, request, *args, **kwargs):
        # Stable, so renaming the class never breaks sessions in progress.
        return PREFIX

    @property
    def questionnaire(self) -> Questionnaire:
        return current_questionnaire()

    def get_form_kwargs(self, step=None):
        if step == "profile":
            return {"questionnaire": self.questionnaire}
        if step in self.questionnaire.pillar_map:
            return {
                "pillar": self.questionnaire.pillar_map[step],
                "version": self.questionnaire.version,
            }
        return {}

    def get_form_initial(self, step):
        if step == "contact":
            profile = self.storage.get_step_data("profile") or {}
            return {"company_name": profile.get("profile-company_name", "")}
        if step == "profile":
            return profile_for_next_assessment(self.request) or {}
        return super().get_form_initial(step)

    def get_form(self, step=None, data=None, files=None):
        form = super().get_form(step, data, files)
        # A saved step comes back without its errors until the firm submits it again.
        form.show_errors = self.request.method == "POST"
        return form

    def get_template_names(self):
        step = self.steps.current
        if step in ("profile", "review", "contact"):
            return [f"firms/step_{step}.html"]
        return ["firms/step_pillar.html"]

    def first_step_to_fix(self, before: str) -> str | None:
        """The first step before `before` that still needs the firm: steps are answered in
        order. From the review on, which shows every answer, a step saved half-answered (by
        Back) needs it too; before, having saved it is enough (the done step validates all)."""
        validate = before in ("review", "contact")
        for step in self.get_form_list():
            if step == before:
                return None
            if self.storage.get_step_data(step) is None:
                return step
            if validate and self.get_cleaned_data_for_step(step) is None:
                return step
        return None

    # ---------------------------------------------------------------- requests

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if step is None and "reset" in request.GET:
            # Starting again forgets the last result too: the next person at this browser
            # must not be sent to it.
            request.session.pop(LAST_RESULT_KEY, None)
            if "again" not in request.GET:
                request.session.pop(ASSESS_AGAIN_KEY, None)
            request.session.cycle_key()
        if step == self.done_step_name and self.storage.get_step_data(self.steps.last) is None:
            return self.show_stored_result()
        if step in self.get_form_list():
            to_fix = self.first_step_to_fix(before=step)
            if to_fix is not None:
                return self.render_goto_step(to_fix)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        posted_step = request.POST.get(f"{PREFIX}-current_step")
        if request.FILES or posted_step != kwargs.get("step"):
            # No step takes a file; and the management form must name the page's own step.
            return bad_request(request)
        if posted_step not in self.get_form_list():
            return bad_request(request)
        to_fix = self.first_step_to_fix(before=posted_step)
        if to_fix is not None:
            return self.render_goto_step(to_fix)
        # The page the firm submitted is the step it works on, whatever another tab did.
        self.storage.current_step = posted_step
        if not self.storage.extra_data.get(SUBMISSION_KEY):
            self.start_assessment()
        if "switch_language" in request.POST:
            return self.switch_language(posted_step, request.POST["switch_language"])
        if "continue_later" in request.POST:
            return self.continue_later(posted_step)
        goto = request.POST.get("wizard_goto_step")
        if goto:
            if goto not in self.get_form_list():
                return bad_request(request)
            # Back keeps what was typed on this step (formtools' own Back drops it).
            self.keep_what_was_typed(posted_step)
            return self.render_goto_step(goto)
        if posted_step == "contact" and "skip" in request.POST:
            return self.skip_contact(**kwargs)
        return super().post(request, *args, **kwargs)

    def start_assessment(self):
        """The first answer of a run starts an assessment: it counts against the rate limit
        once (going back and forth never counts again), and gets its idempotency key."""
        ratelimit.enforce(self.request, "assessment-start", "RATE_LIMIT_ASSESSMENT_STARTS")
        # A new session key for a new assessment: a key planted in this browser before (a
        # shared workshop PC) no longer opens anything the firm does from here on.
        self.request.session.cycle_key()
        self.storage.extra_data = {SUBMISSION_KEY: secrets.token_urlsafe(24)}

    def keep_what_was_typed(self, step: str):
        """Back and the language button keep what the firm typed on this step, complete or
        not. Nothing is kept of the contact step until it is submitted, and the review step has
        nothing to keep."""
        if step in ("review", "contact"):
            return
        form = self.get_form(step=step, data=self.request.POST)
        self.storage.set_step_data(step, self.get_form_step_data(form))

    def skip_contact(self, **kwargs):
        """ "Skip — just show my result": one click, the same result, nothing typed kept."""
        self.storage.set_step_data("contact", {})
        return self.render_done(self.get_form(step="contact", data={}), **kwargs)

    def switch_language(self, step: str, language: str):
        """The header's language button, sent with this step's form by
        static/js/language-switch.js: keep what was typed here, then show the same step in the
        other language."""
        if language not in dict(settings.LANGUAGES):
            return bad_request(self.request)
        self.keep_what_was_typed(step)
        url = self.get_step_url(step) + ("?review=1" if self.request.POST.get("to_review") else "")
        response = redirect(url)
        # The same cookie as Django's set_language view.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    def process_step(self, form):
        if form.prefix == "contact" and not form.cleaned_data.get("consent"):
            # "See my result" without consent is a skip: nothing typed is kept.
            return {}
        return super().process_step(form)

    def render_next_step(self, form, **kwargs):
        # A change made from the review page goes straight back to it when nothing is missing.
        if self.request.POST.get("to_review") and self.first_step_to_fix("review") is None:
            return self.render_goto_step("review")
        return super().render_next_step(form, **kwargs)

    def show_stored_result(self):
        """The done page again after finishing (a refresh, a second click): the result
        already stored, or the start when there is none."""
        token = self.request.session.get(LAST_RESULT_KEY)
        if token and Assessment.objects.filter(token=token).exists():
            return redirect("firms:result", token=token)
        return redirect(self.get_step_url(self.steps.first))

    # ---------------------------------------------------------------- pages

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        steps = list(self.get_form_list())
        step = self.steps.current
        number = steps.index(step) + 1
        context.update(
            questionnaire=self.questionnaire,
            step_number=number,
            step_count=len(steps),
            step_title=self.step_title(step),
            progress_percent=round(100 * (number - 1) / len(steps)),
        )
        if step in self.questionnaire.pillar_map:
            context["pillar"] = self.questionnaire.pillar_map[step]
            context["first_pillar"] = step == self.questionnaire.pillars[0].key
        if step == "profile":
            context["trade_scope"] = TRADE_SCOPE
            context["manufacturing_scopes"] = [
                c.key for c in self.questionnaire.business_scopes if c.manufacturing
            ]
        if step == "review":
            context["review"] = self.review_rows()
        return context

    def step_title(self, step: str) -> str:
        if step in self.questionnaire.pillar_map:
            return str(self.questionnaire.pillar_map[step].name)
        return {
            "profile": _("Your company"),
            "review": _("Review"),
            "contact": _("Talk to an advisor"),
        }[step]

    def review_rows(self) -> dict:
        q = self.questionnaire
        profile = Assessment(**(self.get_cleaned_data_for_step("profile") or {}))
        profile.questionnaire_version = q.version
        pillars = []
        for pillar in q.pillars:
            answers = self.get_cleaned_data_for_step(pillar.key) or {}
            pillars.append(
                {
                    "pillar": pillar,
                    "rows": [
                        (question, question.option(answers[question.key]))
                        for question in pillar.questions
                        if question.key in answers
                    ],
                }
            )
        return {"profile": profile.profile_rows(), "pillars": pillars}

    def done(self, form_list, form_dict=None, **kwargs):
        answers = {}
        for pillar in self.questionnaire.pillars:
            answers.update(form_dict[pillar.key].cleaned_data)
        assessment = store_assessment(
            questionnaire=self.questionnaire,
            submission_key=self.storage.extra_data[SUBMISSION_KEY],
            language=get_language() or settings.LANGUAGE_CODE,
            profile=form_dict["profile"].cleaned_data,
            answers=answers,
            contact=form_dict["contact"].contact_details(),
            address=client_ip(self.request) or "unknown",
        )
        keep_in_workspace(self.request, assessment)
        # The session that carried the answers ends with them: whoever held its key before
        # cannot follow it to the result.
        self.request.session.cycle_key()
        self.request.session[LAST_RESULT_KEY] = assessment.token
        return redirect("firms:result", token=assessment.token)
