"""Security headers and cookies of the host's answers: CSP nonces, Vary, htmx history, the CSRF cookie."""

import json
import re
from html import unescape

import pytest
from django.test import Client

from api.models import Product
from tests.helpers import htmx_headers

pytestmark = pytest.mark.django_db


def test_every_script_of_a_page_carries_the_nonce_its_policy_names(client: Client, catalog: int) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1)
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    executable = [tag for tag in scripts if 'type="application/json"' not in tag]
    assert len(executable) >= 3  # htmx, host.js, analytics.js (and django-htmx.js with DEBUG)
    assert all(f'nonce="{nonce}"' in tag for tag in executable), executable
    assert "style-src 'self';" in policy  # no 'unsafe-inline'
    assert " style=" not in html
    assert client.get("/")["Content-Security-Policy"] != policy  # a new nonce for every answer


def test_pages_and_fragments_of_one_url_vary_on_hx_request(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    assert "HX-Request" in client.get("/")["Vary"]
    fragment = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=htmx_headers("/"))
    assert "HX-Request" in fragment["Vary"]
    assert "HX-Request" in client.get("/remotes/cart/bag/")["Vary"]
    assert "HX-Request" not in client.get("/api/products/").get("Vary", "")  # JSON is never a fragment


def test_pages_behind_a_login_are_kept_out_of_htmx_history(client: Client, catalog: int, demo_user) -> None:
    client.force_login(demo_user)
    assert 'hx-history="false"' in client.get("/account/orders/").content.decode()
    assert 'hx-history="false"' not in client.get("/").content.decode()
    assert 'hx-history="false"' not in client.get("/bag/").content.decode()


def test_htmx_runs_without_eval_injected_styles_or_scripts_in_swaps(client: Client, catalog: int) -> None:
    html = client.get("/").content.decode()
    config = json.loads(unescape(re.search(r'<meta name="htmx-config" content="([^"]+)"', html).group(1)))
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False


def test_the_csrf_cookie_is_out_of_reach_of_scripts(client: Client, catalog: int) -> None:
    client.get("/login/")
    cookie = client.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
