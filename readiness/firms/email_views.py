from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from readiness.firms.emails import (
    SendResultForm,
    WorkspaceLinkForm,
    over_limit,
    queue_result_mail,
    queue_workspace_mail,
)
from readiness.firms.views import _assessment_or_404, result_page
from readiness.security.headers import secret_address_page
from readiness.workspaces.models import Workspace

MAIL_STATUS_TAG = "send-result"
WORKSPACE_STATUS_TAG = "workspace-link"


@require_POST
@secret_address_page
def send_result(request, token):
    """ "Send me this result": one address, no account, nothing kept of the address."""
    assessment = _assessment_or_404(token)
    form = SendResultForm(request.POST)
    if not form.is_valid():
        return result_page(request, assessment, extra_context={"send_result_form": form})
    address = form.cleaned_data["email"]
    if over_limit("result", assessment.token, address):
        messages.warning(
            request,
            _(
                "This result has been e-mailed several times already. Please use one of the "
                "e-mails you have, bookmark this page, or try again tomorrow."
            ),
            extra_tags=MAIL_STATUS_TAG,
        )
    else:
        queue_result_mail(assessment, address)
        messages.success(
            request,
            _("Your result is on its way to %(email)s.") % {"email": address},
            extra_tags=MAIL_STATUS_TAG,
        )
    return redirect(reverse("firms:result", kwargs={"token": token}) + "#send-result")


@require_POST
@secret_address_page
def send_workspace_link(request, token):
    """The workspace's private link e-mailed to its owner; the address is not kept."""
    workspace = Workspace.objects.with_token(token)
    if workspace is None:
        raise Http404
    form = WorkspaceLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["email"][0], extra_tags=WORKSPACE_STATUS_TAG)
    elif over_limit("workspace", workspace.token, form.cleaned_data["email"]):
        messages.warning(
            request,
            _("This link has been e-mailed several times already. Please try again tomorrow."),
            extra_tags=WORKSPACE_STATUS_TAG,
        )
    else:
        queue_workspace_mail(workspace, form.cleaned_data["email"])
        messages.success(
            request,
            _("The link is on its way to %(email)s.") % {"email": form.cleaned_data["email"]},
            extra_tags=WORKSPACE_STATUS_TAG,
        )
    return redirect(workspace.url() + "#email-link")
