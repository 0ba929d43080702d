"""The standalone shell (federation/standalone.py): a remote's own page, with its own messages."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from federation.standalone import render_standalone, show_message


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
