"""Signing out, deactivation and a password change end the live feed at once."""

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from accounts import services

from .helpers import closed_with, connected, session_cookie_for, subscribe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


async def test_sign_out_closes_every_tab_of_that_session(employee):
    client = Client()
    await database_sync_to_async(client.force_login)(employee)
    cookie = client.cookies["sessionid"].value
    tabs = [await connected(employee, cookie=cookie) for _ in range(2)]
    other_browser = await connected(employee)
    for tab in tabs:
        await subscribe(tab, f"user.{employee.pk}")

    response = await database_sync_to_async(client.post)("/accounts/logout/")
    assert response.status_code == 302

    for tab in tabs:
        assert (await tab.receive_json_from(timeout=5)) == {"type": "closed", "reason": "signed_out"}
        assert await closed_with(tab) == 4401
    # Another browser of the same person keeps its session and its feed.
    assert await other_browser.receive_nothing(timeout=0.3)
    await other_browser.disconnect()

    # The signed-out session cannot open a new socket.
    again = await connected_or_code(employee, cookie)
    assert again == 4401


async def connected_or_code(user, cookie):
    from .helpers import socket_for

    socket = await socket_for(user, cookie=cookie)
    ok, code = await socket.connect()
    if ok:
        await socket.disconnect()
        return "connected"
    return code


async def test_deactivation_closes_every_socket_of_the_person(employee, other_employee):
    mine = [await connected(employee), await connected(employee)]
    theirs = await connected(other_employee)
    await database_sync_to_async(services.user_deactivate)(user=employee)
    for socket in mine:
        assert (await socket.receive_json_from(timeout=5))["reason"] == "deactivated"
        assert await closed_with(socket) == 4401
    assert await theirs.receive_nothing(timeout=0.3)
    await theirs.disconnect()
    cookie = await database_sync_to_async(session_cookie_for)(employee)
    assert await connected_or_code(employee, cookie) == 4401


async def test_password_change_closes_sockets_and_old_sessions_stay_out(employee):
    from tests.accounts.factories import PASSWORD

    browser = Client()
    await database_sync_to_async(browser.force_login)(employee)
    old_cookie = await database_sync_to_async(session_cookie_for)(employee)  # another browser
    old_session_socket = await connected(employee, cookie=old_cookie)
    current = await connected(employee, cookie=browser.cookies["sessionid"].value)

    response = await database_sync_to_async(browser.post)(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a new long passphrase 7", "password2": "a new long passphrase 7"},
    )
    assert response.status_code == 302, response.content[:500]
    for socket in (old_session_socket, current):
        assert (await socket.receive_json_from(timeout=5))["reason"] == "password_changed"
        assert await closed_with(socket) == 4401
    # The tab that changed the password reconnects; the other session is signed out.
    assert await connected_or_code(employee, browser.cookies["sessionid"].value) == "connected"
    assert await connected_or_code(employee, old_cookie) == 4401


async def test_admin_unticking_active_closes_sockets(employee, admin_user):
    socket = await connected(employee)
    admin = Client()
    await database_sync_to_async(admin.force_login)(admin_user)

    def untick():
        from django.forms.models import model_to_dict

        data = {k: v for k, v in model_to_dict(employee).items() if v is not None and k not in {"groups", "skills"}}
        data.update(
            is_active="",
            date_joined_0=employee.date_joined.strftime("%Y-%m-%d"),
            date_joined_1=employee.date_joined.strftime("%H:%M:%S"),
            **{f"{p}-{f}": 0 for p in ("user_skills", "interests") for f in ("TOTAL_FORMS", "INITIAL_FORMS")},
        )
        data.pop("is_active")
        data.pop("last_login", None)
        return admin.post(f"/admin/accounts/user/{employee.pk}/change/", data)

    response = await database_sync_to_async(untick)()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (await socket.receive_json_from(timeout=5))["reason"] == "deactivated"
    assert await closed_with(socket) == 4401
