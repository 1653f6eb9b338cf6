"""Authentication backend: e-mail address and password, compared case-insensitively."""

from django.contrib.auth.backends import ModelBackend

from revmentor.core.models import User


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        address = User.objects.normalize_email(email or username)
        if not address or not password:
            return None
        try:
            user = User.objects.get(email=address)
        except User.DoesNotExist:
            # Spend the same time as a real check so timing does not tell who exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
