"""The pillar steps' questions, rendered by the form's own lean question template."""

from django import template

register = template.Library()


@register.simple_tag
def question_fieldsets(form, show_errors=False):
    """Every question of a PillarForm as a fieldset; errors only when `show_errors`."""
    return form.render_questions(show_errors=bool(show_errors))
