"""The production recipe in deploy/: nginx accepts the site file as shipped and as rendered."""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def render_module():
    spec = importlib.util.spec_from_file_location("render_nginx", ROOT / "deploy/render_nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_or_skip() -> str:
    if NGINX:
        return NGINX
    if os.environ.get("REQUIRE_NGINX"):
        pytest.fail("REQUIRE_NGINX is set but nginx is not installed (apt-get install nginx)")
    pytest.skip("nginx is not installed (CI installs it and sets REQUIRE_NGINX=1)")


def nginx_test(nginx: str, main: Path, workdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [nginx, "-t", "-c", str(main), "-e", str(workdir / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_nginx_accepts_the_config_rendered_for_three_loopback_app_servers(tmp_path):
    nginx = nginx_or_skip()
    main = render_module().render(
        upstreams=["127.0.0.1:18001", "127.0.0.1:18002", "127.0.0.1:18003"],
        listen="127.0.0.1:18080",
        static_root=str(tmp_path / "static"),
        workdir=tmp_path,
    )
    site = (tmp_path / "revmentor.conf").read_text()
    assert site.count("max_fails=3 fail_timeout=10s;") == 3
    assert "server 127.0.0.1:18002 max_fails=3" in site
    assert "listen 127.0.0.1:18080;" in site
    assert "client_max_body_size 11m;" in site
    assert "X-Forwarded-Proto $revmentor_forwarded_proto" in site
    result = nginx_test(nginx, main, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_nginx_accepts_the_site_file_as_shipped(tmp_path):
    nginx = nginx_or_skip()
    module = render_module()
    main = tmp_path / "nginx.conf"
    main.write_text(module.render_main(site_path=module.SITE, workdir=tmp_path))
    result = nginx_test(nginx, main, tmp_path)
    assert result.returncode == 0, result.stderr


def test_upload_limit_in_nginx_is_above_the_apps():
    from revmentor.core.uploads import MAX_UPLOAD_BYTES

    site = (ROOT / "deploy/nginx/revmentor.conf").read_text()
    assert "client_max_body_size 11m;" in site
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024
