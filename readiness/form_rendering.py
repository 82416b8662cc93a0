"""How every form of the firm's pages is drawn: Django's own form rendering, with the project's
field template and a few widget templates in templates/forms/. One way for every field."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Finds templates in the project's templates/ (TemplatesSetting) and wraps each field in
    templates/forms/field.html: label or legend, help text and error tied to the field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
