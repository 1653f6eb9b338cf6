"""Render deploy/nginx/revmentor.conf for other addresses, and a main nginx.conf around it.

Used by the test that runs ``nginx -t`` and by benchmarks/cluster.py, which run nginx as an
ordinary process on 127.0.0.1. An agency's IT edits the site file by hand instead.

    python deploy/render_nginx.py --upstream 127.0.0.1:8001 --upstream 127.0.0.1:8002 \
        --listen 127.0.0.1:8080 --static-root /srv/revmentor/staticfiles/ --workdir /tmp/ngx
"""

import argparse
import re
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx" / "revmentor.conf"


def render_site(
    *, upstreams: list[str], listen: str, static_root: str, server_name: str = "127.0.0.1"
) -> str:
    """The site file with its ADAPT lines set: app servers, listen address, static root."""
    text = SITE.read_text()
    servers = "".join(
        f"    server {address} max_fails=3 fail_timeout=10s;\n" for address in upstreams
    )
    text, count = re.subn(r"(    server \S+ max_fails=3 fail_timeout=10s;\n)+", servers, text)
    assert count == 1, "the upstream block of revmentor.conf changed shape"
    text = text.replace("    listen 80;\n    listen [::]:80;\n", f"    listen {listen};\n")
    text = re.sub(r"server_name \S+;", f"server_name {server_name};", text)
    text = text.replace("alias /srv/revmentor/staticfiles/;", f"alias {static_root.rstrip('/')}/;")
    return text


def render_main(*, site_path: Path, workdir: Path, worker_processes: int = 1) -> str:
    """A main nginx.conf that runs without root: pid, logs and temporary files in ``workdir``."""
    temp = {
        name: workdir / name
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    }
    for path in temp.values():
        path.mkdir(parents=True, exist_ok=True)
    return f"""worker_processes {worker_processes};
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {site_path};
}}
"""


def render(
    *, upstreams: list[str], listen: str, static_root: str, workdir: Path, worker_processes: int = 1
) -> Path:
    """Write site and main config into ``workdir``; the main config's path."""
    workdir.mkdir(parents=True, exist_ok=True)
    site = workdir / "revmentor.conf"
    site.write_text(render_site(upstreams=upstreams, listen=listen, static_root=static_root))
    main = workdir / "nginx.conf"
    main.write_text(
        render_main(site_path=site, workdir=workdir, worker_processes=worker_processes)
    )
    return main


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--upstream", action="append", required=True)
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args()
    print(
        render(
            upstreams=args.upstream,
            listen=args.listen,
            static_root=args.static_root,
            workdir=args.workdir,
        )
    )
