"""The standalone shell (federation/standalone.py): a remote's own page, with its own messages and its lockout page."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from config.lockout import lockout_message
from federation.standalone import locked_out, render_standalone, show_message


@pytest.mark.django_db
def test_messages_queued_with_show_message_appear_on_the_standalone_page_at_their_level(rf: RequestFactory) -> None:
    request = rf.get("/bag/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    show_message(request, "Quantity updated.", "success")
    show_message(request, "Something odd.", "shout")  # an unknown level is shown as info
    html = render_standalone(request, "cart/Bag", mark_safe("<p>bag</p>"), title="Your bag").content.decode()
    assert '<li class="message-success">Quantity updated.</li>' in html
    assert '<li class="message-info">Something odd.</li>' in html
    assert html.index("Quantity updated.") < html.index("<p>bag</p>")


def test_a_login_locked_out_on_a_remotes_own_server_gets_the_message_in_its_shell(rf: RequestFactory) -> None:
    request = rf.post("/login/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = locked_out(request)
    assert response.status_code == 429
    assert f'<p role="alert">{lockout_message()}</p>' in response.content.decode()
