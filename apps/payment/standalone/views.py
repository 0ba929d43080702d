"""The payment remote's own dev server needs a login of its own: its pages are a visitor's orders and checkout."""

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpResponse

from api.client import ApiError
from api.login import login_start, login_tokens_obtain


class StandaloneLoginView(LoginView):
    """Django's login, obtaining the API tokens the orders page needs, as the host's login does."""

    template_name = "payment/standalone_login.html"
    extra_context = {"remote": "payment", "title": "Log in"}

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        account = form.get_user()
        try:
            tokens = login_tokens_obtain(self.request, username=account.get_username(),
                                         password=form.cleaned_data["password"])  # fmt: skip
        except ApiError:
            form.add_error(None, "Logging in is not possible right now. Please try again in a moment.")
            return self.form_invalid(form)
        response = super().form_valid(form)
        login_start(self.request, account, tokens)
        return response
