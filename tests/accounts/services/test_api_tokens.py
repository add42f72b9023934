from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services
from accounts.models import ApiToken
from collab.exceptions import NotFound
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_api_token_create_stores_only_a_hash_and_authenticates():
    user = UserFactory()
    token, key = services.api_token_create(user=user, name="report script")
    assert key.startswith("clb_")
    assert key not in {token.key_hash, token.prefix}
    assert token.key_hash == ApiToken.hash_key(key)
    assert services.api_token_authenticate(key=key).user == user
    assert services.api_token_authenticate(key=key + "x") is None


def test_api_token_authenticate_records_last_use():
    _token, key = services.api_token_create(user=UserFactory(), name="t")
    token = services.api_token_authenticate(key=key)
    assert token.last_used_at is not None
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_revoked_or_expired_tokens_do_not_authenticate():
    user = UserFactory()
    token, key = services.api_token_create(user=user, name="t")
    services.api_token_revoke(user=user, token_id=token.pk)
    assert services.api_token_authenticate(key=key) is None

    expiring, key2 = services.api_token_create(user=user, name="t2", expires_at=timezone.now() + timedelta(hours=1))
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.api_token_authenticate(key=key2) is None


def test_api_token_create_rejects_blank_name_and_past_expiry():
    user = UserFactory()
    with pytest.raises(services.InvalidProfile):
        services.api_token_create(user=user, name="  ")
    with pytest.raises(services.InvalidProfile):
        services.api_token_create(user=user, name="t", expires_at=timezone.now() - timedelta(days=1))


def test_api_token_create_limits_active_tokens():
    user = UserFactory()
    for n in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_create(user=user, name=f"t{n}")
    with pytest.raises(services.TooManyTokens):
        services.api_token_create(user=user, name="one too many")


def test_api_token_revoke_only_own():
    owner, other = UserFactory(), UserFactory()
    token, _key = services.api_token_create(user=owner, name="t")
    with pytest.raises(NotFound):
        services.api_token_revoke(user=other, token_id=token.pk)
    assert services.api_token_revoke(user=owner, token_id=token.pk).revoked_at is not None
