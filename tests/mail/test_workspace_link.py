"""The workspace's private link e-mailed to its owner, through a real SMTP server."""

import pytest

from readiness.mail.models import Delivery
from readiness.workspaces.models import Workspace
from tests.factory import make_assessment, uniform_answers
from tests.mail.conftest import body

pytestmark = pytest.mark.django_db


def send(client, workspace, address):
    return client.post(f"/workspace/{workspace.token}/email/", {"workspace-email": address})


def test_the_owner_gets_the_workspace_link(client, smtp_server, django_capture_on_commit_callbacks):
    workspace = Workspace.start_with(make_assessment(uniform_answers(2)))
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, workspace, "owner@example.hk")

    assert response.status_code == 302
    assert response["Location"] == f"/workspace/{workspace.token}/#email-link"
    [message] = smtp_server.messages
    assert message["To"] == "owner@example.hk"
    assert message["Subject"] == "Your AI readiness workspace"
    assert f"https://readiness.test/workspace/{workspace.token}/" in body(message)
    page = client.get(response["Location"]).content.decode()
    assert "The link is on its way to owner@example.hk." in page
    # Sent and forgotten: the delivery record keeps no address.
    [delivery] = Delivery.objects.all()
    assert (delivery.kind, delivery.to, delivery.body) == ("workspace", [], "")


def test_a_bad_address_is_told_at_the_form_and_nothing_is_sent(client, smtp_server):
    workspace = Workspace.start_with(make_assessment())
    response = send(client, workspace, "not an address")
    page = client.get(response["Location"]).content.decode()
    form = page.split('id="email-link"')[1].split("</section>")[0]
    assert "Enter an email address like name@company.com.hk." in form
    assert smtp_server.messages == []


def test_an_unknown_workspace_is_a_404(client):
    assert (
        client.post("/workspace/" + "x" * 43 + "/email/", {"workspace-email": "a@b.hk"}).status_code
        == 404
    )
