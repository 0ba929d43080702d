"""Logging in and out of the site: Django's session for the browser, API tokens kept in the store."""

from contextlib import suppress

from django.contrib import auth, messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from api.client import ApiError, api_client
from federation.events import emit
from shared_store import dispatch, select
from shared_store.slices import user


class ShopLoginView(LoginView):
    """Django's login; on success the site also obtains the visitor's API tokens through the shared client."""

    template_name = "host/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        account = form.get_user()
        credentials = {"username": account.get_username(), "password": form.cleaned_data["password"]}
        try:
            pair = api_client(self.request).post("/api/token/", json=credentials, authenticated=False)
        except ApiError:
            form.add_error(None, "Logging in is not possible right now. Please try again in a moment.")
            return self.form_invalid(form)
        response = super().form_valid(form)  # the session key rotates; the visitor's store id goes along
        dispatch(
            self.request,
            user.SetUser(
                id=account.pk,
                username=account.get_username(),
                display_name=account.get_full_name() or account.get_username(),
                access_token=pair["access"],
                refresh_token=pair["refresh"],
            ),
        )
        messages.success(self.request, f"Welcome back, {account.get_full_name() or account.get_username()}.")
        return response


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Revoke the login's tokens, empty user data in the store (every subscriber re-renders), end the session."""
    tokens = select(request, user.select_tokens)
    if tokens is not None:
        # Already revoked or expired is fine: either way the token is dead, and the visitor is leaving.
        with suppress(ApiError):
            api_client(request).post("/api/token/blacklist/", json={"refresh": tokens["refresh"]}, authenticated=False)
    dispatch(request, user.ClearUser(reason="logout"))
    auth.logout(request)
    messages.info(request, "You have been logged out.")
    emit(request, "user:logged-out")
    if request.htmx:
        return HttpResponse()  # the composition middleware adds the re-rendered subscribers and the toast
    return HttpResponseRedirect(reverse("home"), status=303)
