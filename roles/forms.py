from collections.abc import Sequence

from django import forms

from .comparison import MAX_COMPARED
from .models import Role

PICKER_FIELDS = ("left", "right", "third")


class ComparePickerForm(forms.Form):
    """Two published roles to compare, chosen by slug, and a third when there are three."""

    left = forms.ChoiceField(label="First path")
    right = forms.ChoiceField(label="Second path")
    third = forms.ChoiceField(label="Third path (optional)", required=False)

    def __init__(self, *args, roles: Sequence[Role], **kwargs):
        super().__init__(*args, **kwargs)
        self.roles_by_slug = {role.slug: role for role in roles}
        choices = [(role.slug, role.name) for role in roles]
        self.fields["left"].choices = choices
        self.fields["right"].choices = choices
        if len(roles) < MAX_COMPARED:
            del self.fields["third"]
        else:
            self.fields["third"].choices = [("", "None"), *choices]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned[name] for name in PICKER_FIELDS if cleaned.get(name)]
        if len(set(chosen)) < len(chosen):
            message = "Choose two different paths to compare."
            if cleaned.get("third"):
                message = "Choose different paths to compare: each path once."
            raise forms.ValidationError(message, code="same")
        return cleaned

    def chosen_roles(self) -> list[Role]:
        """The chosen roles, two or three; only for a valid form."""
        slugs = [self.cleaned_data.get(name) for name in PICKER_FIELDS]
        return [self.roles_by_slug[slug] for slug in slugs if slug]
