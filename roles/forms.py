from collections.abc import Sequence

from django import forms

from .models import Role


class ComparePickerForm(forms.Form):
    """Two published roles to compare, chosen by slug."""

    left = forms.ChoiceField(label="First path")
    right = forms.ChoiceField(label="Second path")

    def __init__(self, *args, roles: Sequence[Role], **kwargs):
        super().__init__(*args, **kwargs)
        self.roles_by_slug = {role.slug: role for role in roles}
        choices = [(role.slug, role.name) for role in roles]
        self.fields["left"].choices = choices
        self.fields["right"].choices = choices

    def clean(self):
        cleaned = super().clean()
        left, right = cleaned.get("left"), cleaned.get("right")
        if left and right and left == right:
            raise forms.ValidationError("Choose two different paths to compare.", code="same")
        return cleaned

    def chosen_roles(self) -> tuple[Role, Role]:
        return (
            self.roles_by_slug[self.cleaned_data["left"]],
            self.roles_by_slug[self.cleaned_data["right"]],
        )
