"""The account's part of the register extract and of erasure: the person, roles, sign-in data."""

import uuid

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from revmentor.core import audit, mail
from revmentor.core.models import Role, SignInCode, SignInFailure, TOTPDevice, User
from revmentor.privacy import registry
from revmentor.privacy.registry import Due, within

ERASED_DOMAIN = "erased.invalid"


def _when(value) -> str | None:
    return value.isoformat() if value else None


PROGRAM_SCOPED_KEYS = ("email", "name", "roles", "actions_in_audit_trail")


class AccountProvider:
    """Accounts span programs: they are anonymised on erasure, never by a program's retention."""

    label = "account"

    def extract(self, user, program=None) -> dict:
        device = TOTPDevice.objects.filter(user=user).first()
        extract = {
            "email": user.email,
            "name": user.full_name,
            "joined": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
            "active": user.is_active,
            "has_password": user.has_usable_password(),
            "authenticator_app_confirmed": _when(device.confirmed_at) if device else None,
            "roles": [
                {
                    "program": role.program.title,
                    "role": role.kind,
                    "organisation": role.organisation.name if role.organisation else "",
                }
                for role in Role.objects.filter(user=user, **within(program))
                .select_related("program", "organisation")
                .order_by("program__title", "kind")
            ],
            "sign_in_codes_sent": SignInCode.objects.filter(
                Q(user=user) | Q(email=user.email)
            ).count(),
            "actions_in_audit_trail": [
                {
                    "at": _when(entry.at),
                    "action": entry.action,
                    "program": entry.program.title if entry.program else "",
                }
                for entry in audit.actions_of(user, program)
            ],
        }
        if program is not None:
            # One program's extract: the person and what they did there, not the account's history.
            return {key: extract[key] for key in PROGRAM_SCOPED_KEYS}
        return extract

    def programs_of(self, user) -> set[int]:
        return set(Role.objects.filter(user=user).values_list("program_id", flat=True))

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        removed, _ = Role.objects.filter(user=user, program=program).delete()
        others = set().union(
            *(p.programs_of(user) for p in registry.providers() if p.label != self.label)
        )
        if (others | self.programs_of(user)) - {program.pk}:
            return removed  # the person takes part elsewhere: keep the account for that
        _anonymise_account(user)
        return removed + 1

    def due_for_retention(self, *, program, now) -> list[Due]:
        from revmentor.privacy.models import privacy_for

        if now < privacy_for(program).personal_data_due_at():
            return []
        # Fixed ids: after the applications are anonymised, the program no longer names them.
        ids = list(
            User.objects.filter(applications__program=program)
            .exclude(email__endswith=f"@{ERASED_DOMAIN}")
            .values_list("pk", flat=True)
            .distinct()
        )
        return [
            Due(
                self.label,
                "accounts",
                str(_("accounts of participants with nothing else kept")),
                User.objects.filter(pk__in=ids),
            )
        ]

    @transaction.atomic
    def anonymise(self, due) -> int:
        count = 0
        for user in due.rows:
            if user.is_staff or user.is_superuser or Role.objects.filter(user=user).exists():
                continue
            if any(p.programs_of(user) for p in registry.providers() if p.label != self.label):
                continue  # still part of a program within its retention period
            _anonymise_account(user)
            count += 1
        return count


def _anonymise_account(user) -> None:
    mail.forget(user_id=user.pk, email=user.email)
    audit.pseudonymise(identifiers=[user.email, user.full_name], pseudonym=audit.new_pseudonym())
    SignInFailure.objects.filter(email=user.email).delete()
    SignInCode.objects.filter(Q(user=user) | Q(email=user.email)).delete()
    TOTPDevice.objects.filter(user=user).delete()
    user.email = f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def anonymous_user() -> User:
    """A new inactive account with nothing personal, to hold a row whose owner is anonymised."""
    return User.objects.create_user(
        email=f"anonymised-{uuid.uuid4().hex}@{ERASED_DOMAIN}", is_active=False
    )
