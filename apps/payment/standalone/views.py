"""The payment remote's own dev server needs a login of its own: its pages are a visitor's orders and checkout."""

from api.client.login import TokenLoginView


class StandaloneLoginView(TokenLoginView):
    """The shared token login (api/client/login.py), in the remote's standalone shell."""

    template_name = "payment/standalone_login.html"
    extra_context = {"remote": "payment", "title": "Log in"}
