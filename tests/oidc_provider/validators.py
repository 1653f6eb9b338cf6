"""Adds the e-mail claims the relying party signs people in by."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class EmailClaimValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email"}

    def get_additional_claims(self, request):
        return {"email": request.user.email, "email_verified": True}
