"""Logging in and out of the site: Django's session for the browser, API tokens kept in the store."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from api.client.login import TokenLoginView, login_end
from config.lockout import lockout_message
from federation.events import emit
from federation.htmx import HtmxHttpRequest
from host.pages import page_at


class ShopLoginView(TokenLoginView):
    """The shop's login page: Django's login, the API tokens obtained through the shared client, and a welcome."""

    template_name = "host/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        # Sent here from a page behind a login ("Go to payment"): say why, rather than show a bare form.
        page = page_at(urlsplit(self.get_redirect_url()).path) if self.get_redirect_url() else None
        reason = page.login_reason if page else None
        return {**super().get_context_data(**kwargs), "reason": reason}

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        if self.request.user.is_authenticated:
            account = self.request.user
            messages.success(self.request, f"Welcome back, {account.get_full_name() or account.get_username()}.")
        return response


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: object = None) -> HttpResponse:
    """django-axes's answer when it refused a login (too many failures): the login page, with why, and 429."""
    context = {"form": AuthenticationForm(request), "locked": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, ShopLoginView.template_name, context, status=429)


@require_POST
def logout(request: HtmxHttpRequest) -> HttpResponse:
    """Revoke the login's tokens, empty user data in the store (every subscriber re-renders), end the session."""
    login_end(request)
    messages.info(request, "You have been logged out.")
    emit(request, "user:logged-out")
    if request.htmx:
        page = request.htmx.current_url_abs_path or ""
        shown = page_at(urlsplit(page).path)
        if shown is not None and shown.login_required:
            # What the page shows (a name, orders) is no longer the visitor's to see: leave it, for good.
            return HttpResponseClientRedirect(reverse("home"))
        return HttpResponse()  # the composition middleware adds the re-rendered subscribers and the toast
    return HttpResponseRedirect(reverse("home"), status=303)
