"""The production topology, real (docs/deployment.md): the host and each remote under gunicorn with the production
settings, sharing PostgreSQL (in CI's PostgreSQL phase) and Redis, behind nginx with the shipped configuration
(deploy/nginx/django-mfe.conf.template) over TLS. A whole purchase in Chromium goes through it with no failed
request, and each remote's files come straight from its own server."""

import datetime
import ipaddress
import re
import secrets
import string
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.test import override_settings
from playwright.sync_api import Browser, expect

from api.models import Order, Product
from api.services import DEMO_PASSWORD, catalog_seed, demo_user_ensure
from tests.browser.pages import add_to_bag, expect_badge, submit_login
from tests.browser.test_split_shop import style, warmed_up, watch
from tests.prerequisites import nginx_path
from tests.servers import ROOT, free_port, running, server_environment

pytestmark = [
    pytest.mark.nginx,
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.xdist_group("production-topology"),
]

REMOTES = ["products", "cart", "payment", "analytics"]


@dataclass(frozen=True)
class FrontDoor:
    """nginx in front of the shop: where it answers over HTTPS, and over plain HTTP."""

    https: str
    http: str


TEMPLATE = ROOT / "deploy" / "nginx" / "django-mfe.conf.template"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A TLS certificate for 127.0.0.1 and its key, as files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "shop.crt", directory / "shop.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def nginx_config(directory: Path, values: dict[str, str]) -> Path:
    """The shipped site configuration, rendered (as envsubst would), inside a main configuration of this test's."""
    (directory / "site.conf").write_text(string.Template(TEMPLATE.read_text()).safe_substitute(values))
    temp = directory / "temp"
    temp.mkdir()
    main = directory / "nginx.conf"
    main.write_text(
        f"""worker_processes 1;
user root;  # the test's files are its own (pytest's folders are private); a real server's worker is www-data
daemon off;
pid {directory}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {directory}/site.conf;
}}
"""
    )
    return main


@pytest.fixture
def production_shop(
    tmp_path: Path, redis_url: str, collected_static: Path, transactional_db: None
) -> Iterator[FrontDoor]:
    """The shop as docs/deployment.md runs it, and its front door (nginx)."""
    key = secrets.token_urlsafe(64)
    static_root = collected_static  # `collectstatic` with the production settings: hashed names
    ports = {name: free_port() for name in ["host", *REMOTES]}
    https_port, http_port = free_port(), free_port()
    shared = {"SECRET_KEY": key, "REDIS_URL": redis_url, "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "4"}
    servers = {
        name: (
            [GUNICORN, "host.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{ports[name]}"],
            server_environment(
                DJANGO_SETTINGS_MODULE="federation.served_settings", REMOTE_APP=f"apps.{name}", **shared
            ),
        )
        for name in REMOTES
    }
    servers["host"] = (
        [GUNICORN, "host.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{ports['host']}"],
        server_environment(
            DJANGO_SETTINGS_MODULE="host.production",
            BEHIND_TLS_PROXY="1",
            REMOTE_TIMEOUT="10",  # a busy test machine's first pages are slow: failures are counted, not latency
            STATIC_ROOT=str(static_root),
            **{f"REMOTE_{name.upper()}_URL": f"http://127.0.0.1:{ports[name]}" for name in REMOTES},
            **shared,
        ),
    )
    certificate, private_key = self_signed(tmp_path)
    values = {
        "SERVER_NAME": "127.0.0.1",
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "TLS_CERTIFICATE": str(certificate),
        "TLS_KEY": str(private_key),
        "STATIC_ROOT": str(static_root),
        **{f"{name.upper()}_UPSTREAM": f"127.0.0.1:{port}" for name, port in ports.items()},
    }
    nginx = [nginx_path(), "-c", str(nginx_config(tmp_path, values)), "-p", str(tmp_path)]
    # The demo account, with a password hash the servers can check (the tests' own hasher is not theirs).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        shopper = demo_user_ensure()
        shopper.set_password(DEMO_PASSWORD)
        shopper.save(update_fields=["password"])
    catalog_seed(count=24)
    with ExitStack() as stack:
        for name in REMOTES:
            command, env = servers[name]
            stack.enter_context(running(command, port=ports[name], env=env, ready_path="/_federation/manifest.json"))
        command, env = servers["host"]
        stack.enter_context(running(command, port=ports["host"], env=env, ready_path="/static/host/favicon.svg"))
        stack.enter_context(running(nginx, port=http_port, env=server_environment(), ready_path="/"))
        warmed_up(f"https://127.0.0.1:{https_port}")
        yield FrontDoor(https=f"https://127.0.0.1:{https_port}", http=f"http://127.0.0.1:{http_port}")


def test_a_whole_purchase_through_nginx_over_tls(browser: Browser, production_shop: FrontDoor) -> None:
    shop = production_shop.https
    # The remotes' files come from their own servers (nginx's routes), the host's from the disk.
    page_html = httpx.get(f"{shop}/", verify=False).text
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page_html):
        answer = httpx.get(f"{shop}{href}", verify=False)
        assert (answer.status_code, answer.headers["content-type"][:8]) == (200, "text/css"), href
    # Plain HTTP only says where the shop is.
    redirect = httpx.get(f"{production_shop.http}/bag/")
    assert (redirect.status_code, redirect.headers["location"]) == (301, f"{shop}/bag/")

    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        problems = watch(page)
        first, second = Product.objects.order_by("name")[:2]
        page.goto(f"{shop}/")
        assert style(page.locator(".product-grid"), "display") == "grid"
        add_to_bag(page, first.name, second.name)
        page.get_by_role("link", name="Bag, 2 items", exact=True).click()
        page.get_by_role("checkbox", name=f"Pay now for {second.name}").uncheck()
        page.get_by_role("button", name="Go to payment", exact=True).click()
        submit_login(page)
        expect(page).to_have_url(f"{shop}/checkout/payment/")
        page.get_by_label("Name on card").fill("Demo Shopper")
        page.get_by_label("Card number").fill("4242 4242 4242 4242")
        page.get_by_label("Expiry (MM/YY)").fill("12/39")
        page.get_by_label("CVC").fill("123")
        page.get_by_role("button", name=re.compile(r"^Pay €")).click()
        expect(page).to_have_url(re.compile(r"/checkout/thanks/\d+/$"))
        expect_badge(page, 1)
        assert [line.product_id for line in Order.objects.get().lines.all()] == [first.pk]
        page.goto("about:blank")
        assert problems == []
    finally:
        context.close()
