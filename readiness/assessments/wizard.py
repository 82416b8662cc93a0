"""The assessment wizard: a profile step, one step per pillar, a review step, then an optional
request to be contacted by an HKPC advisor."""

import hashlib
import json
import secrets

from django.conf import settings
from django.shortcuts import redirect, render
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from formtools.wizard.views import NamedUrlSessionWizardView

from readiness.assessments import questionnaire as content
from readiness.assessments.forms import ContactForm, PillarForm, ProfileForm, ReviewForm
from readiness.assessments.models import Assessment
from readiness.security import ratelimit

PREFIX = "assessment"
LAST_RESULT_KEY = "readiness_last_result"
# extra_data key: for each step saved from a form that validated, a digest of what was saved.
VALID_STEPS_KEY = "valid_steps"


def current_questionnaire() -> content.Questionnaire:
    return content.load(settings.QUESTIONNAIRE_VERSION)


def form_list(questionnaire: content.Questionnaire) -> list:
    return (
        [("profile", ProfileForm)]
        + [(pillar.key, PillarForm) for pillar in questionnaire.pillars]
        + [("review", ReviewForm), ("contact", ContactForm)]
    )


def session_snapshot(session) -> str:
    """The session's content as one string: the session serializer is JSON, and json.dumps
    copies it several times faster than copy.deepcopy."""
    return json.dumps(dict(session.items()), sort_keys=True)


def bad_request(request):
    return render(request, "400.html", status=400)


class AssessmentWizard(NamedUrlSessionWizardView):
    def get_prefix(self, request, *args, **kwargs):
        # Stable, so renaming the class never breaks sessions in progress.
        return PREFIX

    def dispatch(self, request, *args, **kwargs):
        before = session_snapshot(request.session)
        response = super().dispatch(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):
            response.render()  # the template reads the wizard's storage too
        if request.session.modified and session_snapshot(request.session) == before:
            # formtools marks the session modified whenever it reads it. Showing a step changes
            # nothing, and skipping the write saves an UPDATE and a commit on every page view.
            request.session.modified = False
        return response

    @property
    def questionnaire(self) -> content.Questionnaire:
        return current_questionnaire()

    def get_form_kwargs(self, step=None):
        if step == "profile":
            return {"questionnaire": self.questionnaire}
        if step in self.questionnaire.pillar_map:
            return {"pillar": self.questionnaire.pillar_map[step]}
        return {}

    def get_form_initial(self, step):
        if step == "contact":
            profile = self.storage.get_step_data("profile") or {}
            return {"company_name": profile.get("profile-company_name", "")}
        return super().get_form_initial(step)

    def get_template_names(self):
        step = self.steps.current
        if step == "profile":
            return ["assessments/step_profile.html"]
        if step == "review":
            return ["assessments/step_review.html"]
        if step == "contact":
            return ["assessments/step_contact.html"]
        return ["assessments/step_pillar.html"]

    def first_incomplete_step(self, before: str) -> str | None:
        """The first step before `before` whose saved answers are missing or invalid."""
        for step in self.get_form_list():
            if step == before:
                return None
            if not self.step_is_complete(step):
                return step
        return None

    def step_is_complete(self, step: str) -> bool:
        """Whether the step's saved answers are there and valid. Answers saved from a form
        that validated, and unchanged since, are not validated again: every page checks the
        steps before it, and building and validating their forms was a third of a step page.
        (The done step still validates every step before it stores anything.)"""
        data = self.storage.get_step_data(step)
        if data is None:
            return False
        if self.storage.extra_data.get(VALID_STEPS_KEY, {}).get(step) == self.step_digest(data):
            return True
        # get_cleaned_data_for_step keeps what it validated for the rest of the request
        # (the review page and the done step read it again).
        return self.get_cleaned_data_for_step(step) is not None

    def step_digest(self, data) -> str:
        """A digest of a step's saved data and the questionnaire version it answers."""
        payload = json.dumps([self.questionnaire.version, dict(data.lists())], sort_keys=True)
        return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()

    def process_step(self, form):
        data = super().process_step(form)
        if form.is_valid():
            # Data saved invalid later has another digest, so it is validated again.
            extra = self.storage.extra_data
            valid = {**extra.get(VALID_STEPS_KEY, {}), form.prefix: self.step_digest(data)}
            self.storage.extra_data = {**extra, VALID_STEPS_KEY: valid}
        return data

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if step is None and "reset" in request.GET:
            # Starting again forgets the last result too: the next person at this browser
            # must not be sent to it.
            request.session.pop(LAST_RESULT_KEY, None)
            request.session.cycle_key()
        if step == self.done_step_name and self.storage.get_step_data(self.steps.last) is None:
            # A refresh or a second click after finishing: show the result already saved.
            token = request.session.get(LAST_RESULT_KEY)
            if token and Assessment.objects.filter(token=token).exists():
                return redirect("assessments:result", token=token)
            return redirect(self.get_step_url(self.steps.first))
        if step in self.get_form_list():
            blocker = self.first_incomplete_step(before=step)
            if blocker is not None:
                self.storage.current_step = blocker
                return redirect(self.get_step_url(blocker))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.FILES:
            # No step takes a file, so nothing may be kept of one.
            return bad_request(request)
        posted_step = request.POST.get(f"{PREFIX}-current_step")
        if posted_step not in self.get_form_list() or posted_step != kwargs.get("step"):
            return bad_request(request)
        blocker = self.first_incomplete_step(before=posted_step)
        if blocker is not None:
            self.storage.current_step = blocker
            return redirect(self.get_step_url(blocker))
        extra = self.storage.extra_data
        if not extra.get("started"):
            # The first answer of a run starts an assessment; back and forth never counts again.
            ratelimit.enforce(request, "assessment-start", "RATE_LIMIT_ASSESSMENT_STARTS")
            # A new session key for a new assessment: a key planted in this browser before
            # (a shared workshop PC) no longer opens anything the firm does from here on.
            request.session.cycle_key()
            self.storage.extra_data = {
                **extra,
                "submission_key": extra.get("submission_key") or secrets.token_urlsafe(24),
                "started": True,
            }
        self.storage.current_step = posted_step
        if "switch_language" in request.POST:
            return self.switch_language(posted_step, request.POST["switch_language"])
        goto = request.POST.get("wizard_goto_step")
        if posted_step == "contact" and ("skip" in request.POST or goto):
            # Skipping is one click with the same result, and nothing typed on this step is
            # kept, not even in the session, until it is submitted.
            self.storage.set_step_data("contact", {})
            if goto in self.get_form_list():
                return self.render_goto_step(goto)
            if goto:
                return bad_request(request)
            return self.render_done(self.get_form(step="contact", data={}), **kwargs)
        if goto in self.get_form_list():
            # Going back keeps what was typed on this step, complete or not.
            form = self.get_form(step=posted_step, data=request.POST)
            self.storage.set_step_data(posted_step, self.process_step(form))
            return self.render_goto_step(goto)
        if goto:
            return bad_request(request)
        return super().post(request, *args, **kwargs)

    def switch_language(self, step: str, language: str):
        """The header's language button, sent with this step's form by
        static/js/language-switch.js: keep what was typed here, complete or not (as "Back"
        does), then show the same step in the other language."""
        if language not in dict(settings.LANGUAGES):
            return bad_request(self.request)
        # The review step has nothing to keep; the contact step keeps nothing until submitted.
        if step not in ("review", "contact"):
            form = self.get_form(step=step, data=self.request.POST)
            self.storage.set_step_data(step, self.process_step(form))
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

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        steps = list(self.get_form_list())
        step = self.steps.current
        number = steps.index(step) + 1
        context.update(
            questionnaire=self.questionnaire,
            step_number=number,
            step_count=len(steps),
            progress_percent=round(100 * (number - 1) / len(steps)),
            # A saved, half-answered step is shown without errors until it is submitted again.
            show_errors=self.request.method == "POST",
        )
        context["step_title"] = self.step_titles()[step]
        if step in self.questionnaire.pillar_map:
            context["pillar"] = self.questionnaire.pillar_map[step]
        if step == "review":
            context["review"] = self.review_rows()
        if step == "contact":
            context["retention_months"] = settings.CONTACT_RETENTION_MONTHS
        return context

    def render_next_step(self, form, **kwargs):
        # A change made from the review page goes straight back to it when nothing is missing.
        if self.request.POST.get("to_review") and self.first_incomplete_step("review") is None:
            self.storage.current_step = "review"
            return redirect(self.get_step_url("review"))
        return super().render_next_step(form, **kwargs)

    def step_titles(self) -> dict:
        titles = {"profile": _("Your company")}
        titles.update({p.key: str(p.name) for p in self.questionnaire.pillars})
        titles["review"] = _("Review")
        titles["contact"] = _("Talk to an advisor")
        return titles

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
        profile = form_dict["profile"].cleaned_data
        answers = {}
        for pillar in self.questionnaire.pillars:
            answers.update(form_dict[pillar.key].cleaned_data)
        submission_key = self.storage.extra_data.get("submission_key")
        if not submission_key:
            submission_key = secrets.token_urlsafe(24)
        assessment = Assessment.objects.record(
            questionnaire=self.questionnaire,
            submission_key=submission_key,
            language=get_language() or "en",
            profile=profile,
            answers=answers,
            contact=form_dict["contact"].contact_details(),
        )
        # The session that carried the answers ends with them: whoever held its key before
        # cannot follow it to the result.
        self.request.session.cycle_key()
        self.request.session[LAST_RESULT_KEY] = assessment.token
        return redirect("assessments:result", token=assessment.token)

    def render(self, form=None, **kwargs):
        # Every run of the wizard gets its own key, so finishing twice stores one assessment.
        if not self.storage.extra_data.get("submission_key"):
            self.storage.extra_data = {"submission_key": secrets.token_urlsafe(24)}
        return super().render(form, **kwargs)
