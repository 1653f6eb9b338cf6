"""Users, roles and the audit trail: the pieces every other app leans on."""

import re
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def normalize_email(self, email: str | None) -> str:
        return (email or "").strip().lower()

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        user = self.model(email=self.normalize_email(email), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=self.normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their work e-mail address."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("operator"), default=False, help_text=_("May use the Django admin (operations only).")
    )
    can_create_programs = models.BooleanField(
        _("may create programs"),
        default=False,
        help_text=_("May create new programs and becomes their coordinator."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs) -> None:
        self.email = User.objects.normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.Model):
    """A staff role within one program: coordinator of it, or local HR of one organisation in it."""

    class Kind(models.TextChoices):
        # Translators: glossary (role): the same word on every page and e-mail.
        COORDINATOR = "coordinator", _("coordinator")
        # Translators: glossary (role): the same word on every page and e-mail.
        HR = "hr", _("local HR")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("program"),
    )
    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "program", "organisation"], name="role_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "program"],
                condition=models.Q(organisation__isnull=True),
                name="role_unique_without_organisation",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="coordinator", organisation__isnull=True)
                    | models.Q(kind="hr", organisation__isnull=False)
                ),
                name="role_hr_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        if self.organisation_id:
            return f"{self.get_kind_display()} {self.organisation} ({self.program})"
        return f"{self.get_kind_display()} ({self.program})"


class SignInCode(models.Model):
    """A one-time code e-mailed to a person who signs in without a password.

    The code itself is never stored: it is derived from ``nonce`` with the server's secret
    (``revmentor.core.signin.code_for``), so a copy of the database does not reveal it. The
    account is created only when the code is verified, so ``user`` is empty for a new address.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.CharField(max_length=254, db_index=True)
    nonce = models.CharField(max_length=64)
    language = models.CharField(max_length=10, default="sv")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["email", "expires_at"])]

    def __str__(self) -> str:
        return f"code {self.pk} until {self.expires_at:%Y-%m-%d %H:%M}"


class RateLimitHit(models.Model):
    """One counted request to an anonymous action that sends mail (a code, a report form).

    Kept in the database so every app server sees the same count. The address and the IP are
    stored only as keyed hashes: the table tells who asked only to someone holding the secret.
    """

    scope = models.CharField(max_length=40)
    address_key = models.CharField(max_length=64, blank=True)
    ip_key = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "address_key", "at"]),
            models.Index(fields=["scope", "ip_key", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.scope}"


class AuditEntryQuerySet(models.QuerySet):
    """The trail only grows: bulk updates and deletes through the ORM are refused."""

    def update(self, **kwargs):
        raise PermissionError("Audit entries are never changed once written.")

    def delete(self):
        raise PermissionError("Audit entries are never deleted.")


class AuditEntry(models.Model):
    """One business change that matters: who, when, what, and the values before and after."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("program"),
    )
    action = models.CharField(_("what"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["program", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs) -> None:
        _audit_save_guard(self, kwargs)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are never deleted.")


def _audit_save_guard(entry: "AuditEntry", kwargs: dict) -> None:
    if not entry._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
        raise PermissionError("Audit entries are never changed once written.")


class TOTPDevice(models.Model):
    """A staff member's authenticator app: the second factor after a password, code or IdP."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The newest 30-second time step accepted: a code of that step or older is refused,
    # so a code seen over someone's shoulder cannot be replayed within its window.
    last_used_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self) -> str:
        return f"{self.user} ({'confirmed' if self.confirmed_at else 'not confirmed'})"


class SignInFailure(models.Model):
    """One failed sign-in step, counted per account and per address for the lock-out.

    Kept in the database, not the cache: every gunicorn worker must see the same count.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    email = models.CharField(max_length=254, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    step = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [models.Index(fields=["email", "at"]), models.Index(fields=["ip", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.step} {self.email or self.ip}"


DOMAIN_PATTERN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class OIDCConfiguration(models.Model):
    """Sign-in through an organisation's own identity provider (OpenID Connect)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.OneToOneField(
        "programs.Organisation",
        on_delete=models.CASCADE,
        related_name="oidc_configuration",
        verbose_name=_("organisation"),
    )
    issuer = models.URLField(
        _("issuer"), help_text=_("The provider's issuer URL, as in its discovery document.")
    )
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=500)
    email_domains = models.TextField(
        _("e-mail domains"),
        blank=True,
        help_text=_(
            "One domain per line (for example skatteverket.se). The provider may sign in only "
            "addresses in these domains; with none, nobody can sign in through it."
        ),
    )
    enabled = models.BooleanField(_("enabled"), default=False)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.issuer})"

    def clean(self) -> None:
        wrong = [d for d in self.email_domain_list if not DOMAIN_PATTERN.fullmatch(d)]
        if wrong:
            raise ValidationError(
                {
                    "email_domains": _("Not a domain name: %(domains)s. Write one per line.")
                    % {"domains": ", ".join(wrong)}
                }
            )

    @property
    def email_domain_list(self) -> list[str]:
        return [
            line.strip().lower().lstrip("@")
            for line in self.email_domains.replace(",", "\n").splitlines()
            if line.strip()
        ]
