"""The assessment wizard: a profile step, one step per pillar, then a review step."""

import secrets

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from formtools.wizard.views import NamedUrlSessionWizardView

from readiness.assessments import questionnaire as content
from readiness.assessments.forms import PillarForm, ProfileForm, ReviewForm
from readiness.assessments.models import Assessment

PREFIX = "assessment"
LAST_RESULT_KEY = "readiness_last_result"


def current_questionnaire() -> content.Questionnaire:
    return content.load(settings.QUESTIONNAIRE_VERSION)


def form_list(questionnaire: content.Questionnaire) -> list:
    return (
        [("profile", ProfileForm)]
        + [(pillar.key, PillarForm) for pillar in questionnaire.pillars]
        + [("review", ReviewForm)]
    )


def bad_request(request):
    return render(request, "400.html", status=400)


class AssessmentWizard(NamedUrlSessionWizardView):
    def get_prefix(self, request, *args, **kwargs):
        # Stable, so renaming the class never breaks sessions in progress.
        return PREFIX

    @property
    def questionnaire(self) -> content.Questionnaire:
        return current_questionnaire()

    def get_form_kwargs(self, step=None):
        if step == "profile":
            return {"questionnaire": self.questionnaire}
        if step in self.questionnaire.pillar_map:
            return {"pillar": self.questionnaire.pillar_map[step]}
        return {}

    def get_template_names(self):
        step = self.steps.current
        if step == "profile":
            return ["assessments/step_profile.html"]
        if step == "review":
            return ["assessments/step_review.html"]
        return ["assessments/step_pillar.html"]

    def first_incomplete_step(self, before: str) -> str | None:
        """The first step before `before` whose saved answers are missing or invalid."""
        for step in self.get_form_list():
            if step == before:
                return None
            data = self.storage.get_step_data(step)
            if data is None or not self.get_form(step=step, data=data).is_valid():
                return step
        return None

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
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
        posted_step = request.POST.get(f"{PREFIX}-current_step")
        if posted_step not in self.get_form_list() or posted_step != kwargs.get("step"):
            return bad_request(request)
        blocker = self.first_incomplete_step(before=posted_step)
        if blocker is not None:
            self.storage.current_step = blocker
            return redirect(self.get_step_url(blocker))
        self.storage.current_step = posted_step
        goto = request.POST.get("wizard_goto_step")
        if goto in self.get_form_list():
            # Going back keeps what was typed on this step, complete or not.
            form = self.get_form(step=posted_step, data=request.POST)
            self.storage.set_step_data(posted_step, self.process_step(form))
            return self.render_goto_step(goto)
        if goto:
            return bad_request(request)
        return super().post(request, *args, **kwargs)

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
        )
        self.request.session[LAST_RESULT_KEY] = assessment.token
        return redirect("assessments:result", token=assessment.token)

    def render(self, form=None, **kwargs):
        # Every run of the wizard gets its own key, so finishing twice stores one assessment.
        if not self.storage.extra_data.get("submission_key"):
            self.storage.extra_data = {"submission_key": secrets.token_urlsafe(24)}
        return super().render(form, **kwargs)
