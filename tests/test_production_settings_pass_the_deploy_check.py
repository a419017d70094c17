"""Production settings are safe by default: with only SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL set, Django's
deployment check finds nothing (no check silenced), the site insists on HTTPS, and /healthz still answers plain HTTP."""
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": "example.gov.cn",
        "DATABASE_URL": "postgres://gongkai:secret@127.0.0.1:5432/gongkai",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    env.update(extra)
    return env


def manage(*args, **extra_env):
    return subprocess.run([sys.executable, "manage.py", *args], check=False, cwd=ROOT, env=production_env(**extra_env),
                          capture_output=True, text=True, timeout=120)


def test_deploy_check_passes_with_only_the_three_required_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "silenced" in output and "(0 silenced)" in output


PROBE = """
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="example.gov.cn")
print("probe login", client.get("/admin/login/").status_code, client.get("/admin/login/").get("Location"))
print("probe hsts", client.get("/admin/login/", secure=True).get("Strict-Transport-Security"))
print("probe cookies", settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)
print("probe proxy", settings.SECURE_PROXY_SSL_HEADER)
print("probe forged", client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https").status_code)
print("probe axes", settings.AUTHENTICATION_BACKENDS[0], settings.MIDDLEWARE[-1])
print("probe django-admin", client.get("/django-admin/", secure=True).status_code)
print("probe healthz", client.get("/healthz").status_code)
"""


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """A deployment runs collectstatic first: the production storage refuses to render a page without its manifest."""
    root = tmp_path_factory.mktemp("static")
    result = manage("collectstatic", "--noinput", "-v", "0", STATIC_ROOT=str(root))
    assert result.returncode == 0, result.stderr
    return root


def probe(static_root, **extra_env):
    """Requests through the production settings, against this test run's (migrated) database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    result = manage("shell", "-c", PROBE, DATABASE_URL=url, STATIC_ROOT=str(static_root), **extra_env)
    assert result.returncode == 0, result.stderr
    return dict(line[len("probe "):].split(" ", 1) for line in result.stdout.splitlines() if line.startswith("probe "))


@pytest.mark.django_db
def test_production_sends_plain_http_to_https_and_ignores_a_forged_proxy_header(collected_static):
    seen = probe(collected_static)
    assert seen["login"] == "301 https://example.gov.cn/admin/login/"
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["cookies"] == "True True"
    assert seen["proxy"] == "None"  # opt-in only: a direct deployment cannot be fooled into thinking HTTP is HTTPS
    assert seen["forged"] == "301"
    assert seen["axes"] == "axes.backends.AxesStandaloneBackend axes.middleware.AxesMiddleware"
    assert seen["django-admin"] == "404"
    assert seen["healthz"] == "200"  # the local health check speaks plain HTTP and is not redirected


@pytest.mark.django_db
def test_behind_a_tls_proxy_the_forwarded_proto_header_is_trusted_when_configured(collected_static):
    seen = probe(collected_static, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert seen["proxy"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert seen["forged"] != "301"
