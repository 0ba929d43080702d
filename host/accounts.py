"""Logging in and out of the site: Django's session for the browser, API tokens kept in the store."""

from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from api.client import ApiError
from api.login import login_end, login_start, login_tokens_obtain
from federation.events import emit
from federation.lockout import lockout_message


class ShopLoginView(LoginView):
    """Django's login; on success the site also obtains the visitor's API tokens through the shared client."""

    template_name = "host/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        account = form.get_user()
        try:
            tokens = login_tokens_obtain(self.request, username=account.get_username(),
                                         password=form.cleaned_data["password"])  # fmt: skip
        except ApiError as exc:
            # 429: the API counts logins per account too (api/throttles.py); its message says how long to wait.
            refused = exc.message if exc.status_code == 429 else None
            form.add_error(None, refused or "Logging in is not possible right now. Please try again in a moment.")
            return self.form_invalid(form)
        response = super().form_valid(form)  # the session key rotates; the browser's store id goes along
        login_start(self.request, account, tokens)
        messages.success(self.request, f"Welcome back, {account.get_full_name() or account.get_username()}.")
        return response


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: object = None) -> HttpResponse:
    """django-axes's answer when it refused a login (too many failures): the login page, with why, and 429."""
    context = {"form": AuthenticationForm(request), "locked": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, ShopLoginView.template_name, context, status=429)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Revoke the login's tokens, empty user data in the store (every subscriber re-renders), end the session."""
    login_end(request)
    messages.info(request, "You have been logged out.")
    emit(request, "user:logged-out")
    if request.htmx:
        return HttpResponse()  # the composition middleware adds the re-rendered subscribers and the toast
    return HttpResponseRedirect(reverse("home"), status=303)
