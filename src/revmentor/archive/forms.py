"""The coordinator's confirmation before the package is made and the disposal applied."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ArchiveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I have read the disposal list: these records are disposed of once the package is made."
        ),
        error_messages={"required": _("Confirm that you have read the disposal list.")},
    )
