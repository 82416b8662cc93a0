from django import template

from readiness.firms.emails import ContinueLaterForm, SendResultForm

register = template.Library()


@register.simple_tag(takes_context=True)
def send_result_form(context):
    """The bound form after a failed send, else an empty one."""
    return context.get("send_result_form") or SendResultForm()


@register.simple_tag(takes_context=True)
def continue_later_form(context):
    return context.get("continue_form") or ContinueLaterForm()


@register.simple_tag(takes_context=True)
def mail_status(context, tag: str):
    """The one message about this form, if any (Django's messages framework, by extra tag)."""
    found = [m for m in context.get("messages", ()) if tag in m.tags]
    return found[-1] if found else None
