"""'E-mail me a link to continue' on every wizard step, and the link's page.

The link carries a copy of the wizard's session state for this run only (what was answered,
and the step reached). Opening it in another browser asks for one click, which puts that copy
into the new browser's own session as a run of its own; the link then is spent. A spent,
expired or finished link shows a friendly page and a fresh start."""

import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from readiness.assessments.models import Assessment
from readiness.firms.emails import ContinueLaterForm, over_limit, queue_continue_mail
from readiness.firms.models import ContinueLink

MAIL_STATUS_TAG = "continue-later"


class ContinueLater:
    """Mixed into the assessment wizard: the step form's "Send me the link" button."""

    def continue_later(self, step: str):
        from readiness.firms.wizard import SUBMISSION_KEY

        self.keep_what_was_typed(step)
        address_form = ContinueLaterForm(self.request.POST)
        if not address_form.is_valid():
            form = self.get_form(step=step, data=self.storage.get_step_data(step))
            form.show_errors = False
            return self.render(form, continue_form=address_form)
        submission_key = self.storage.extra_data[SUBMISSION_KEY]
        address = address_form.cleaned_data["email"]
        if over_limit("continue", submission_key, address):
            messages.warning(
                self.request,
                _(
                    "We have sent this link several times already. Please use one of the "
                    "e-mails you have, or try again tomorrow."
                ),
                extra_tags=MAIL_STATUS_TAG,
            )
        else:
            token = ContinueLink.objects.issue(submission_key, self.storage.data)
            queue_continue_mail(token, address, self.step_title(step))
            messages.success(
                self.request,
                _(
                    "The link is on its way to %(email)s. It works once, on any device, until "
                    "this unfinished assessment expires."
                )
                % {"email": address},
                extra_tags=MAIL_STATUS_TAG,
            )
        return redirect(self.get_step_url(step) + "#continue-later")


@require_http_methods(["GET", "POST"])
def continue_assessment(request, token):
    from readiness.firms.wizard import LAST_RESULT_KEY, PREFIX, SUBMISSION_KEY

    link = ContinueLink.objects.with_token(token)
    finished = (
        link is not None and Assessment.objects.filter(submission_key=link.submission_key).exists()
    )
    if link is None or not link.usable or finished:
        return render(request, "firms/continue_link.html", {"usable": False}, status=410)
    if request.method == "GET":
        # One click, not the GET itself: mail scanners open links before the firm does.
        return render(request, "firms/continue_link.html", {"usable": True})
    state = link.use()
    if state is None:
        return render(request, "firms/continue_link.html", {"usable": False}, status=410)
    # A run of its own in this browser: finishing here and there stores two assessments, and
    # nobody who had this browser's old session key can follow it.
    state["extra_data"] = {**state.get("extra_data", {}), SUBMISSION_KEY: secrets.token_urlsafe(24)}
    request.session.cycle_key()
    request.session.pop(LAST_RESULT_KEY, None)
    request.session[f"wizard_{PREFIX}"] = state
    return redirect("firms:step", step=state.get("step") or "profile")
