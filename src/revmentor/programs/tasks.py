"""Background work of the program workspace, run by `manage.py db_worker`.

Tasks carry ids only; the e-mail is rendered when it is sent, from the rows as they are then.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from revmentor.core.models import Role, User
from revmentor.core.texts import in_language


@task()
def send_role_invitation(*, role_id: int, invited_by_id: int | None = None) -> int:
    """E-mail the holder of role ``role_id`` what the role is and a sign-in link (if it still exists)."""
    role = Role.objects.select_related("user", "program", "organisation").filter(pk=role_id).first()
    if role is None:
        return 0
    invited_by = User.objects.filter(pk=invited_by_id).first() if invited_by_id else None
    program = role.program
    # Staff choose no language: the invitation is in the site's, Swedish.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": role.user.full_name,
            "role": role.get_kind_display(),
            "organisation": str(role.organisation or ""),
            "program": in_language(program, "title", settings.LANGUAGE_CODE),
            "invited_by": invited_by.get_full_name() if invited_by else "",
            "sign_in_link": settings.SITE_URL + reverse("core:sign_in"),
            "email": role.user.email,
        }
        subject = " ".join(
            render_to_string("programs/email/role_invitation_subject.txt", context).split()
        )
        body = render_to_string("programs/email/role_invitation_body.txt", context)
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[role.user.email]
    ).send()
