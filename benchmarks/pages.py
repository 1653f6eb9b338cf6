"""Pages under load beside a bare Django floor: one JSON line per page, export and matching run.

For each database (SQLite in a temporary folder, PostgreSQL 15 in a throwaway cluster under
/tmp) it migrates, loads the demo (`seed_demo`), bulk-creates programs of N applications in
one organisation (fictional people) and a matching program, then starts revmentor under
gunicorn as README.md says (2 workers × 4 threads) with one `db_worker`, and the bare Django
floor (benchmarks/floor_app.py: one indexed query, a template of the same size as the page)
the same way. Load comes from wrk, app and floor in turns (`--pairs` pairs, median ratio).

Lines ("kind"):
    page       the public program page, the program list and calendar.ics (anonymous,
               --clients clients), the HR list and the nominations page at each size
               (4 signed-in staff, second factor done): app and floor req/s, ratio,
               p50/p95/p99, queries per request (warm, Django's test client), bytes
               (gzip as a browser asks, and uncompressed)
    export     the HR list as CSV and XLSX at the largest size: time to first and last
               byte, rows, bytes, and the serving worker's peak memory (VmHWM, fresh server)
    matching   the public page's p99 idle, then while a --match-size-a-side matching runs
               (POST the run form as the coordinator; a synchronous run blocks the POST, a
               queued run is solved by the worker): POST time, run time, p99 per wrk slice (5 s)

    .venv/bin/python benchmarks/pages.py                       # full sizes, both databases
    .venv/bin/python benchmarks/pages.py --quick --databases sqlite   # about a minute

Bounded: wrk runs for fixed seconds, every request has a timeout, the matching window has a
limit (--match-seconds), only 127.0.0.1 is contacted, and every process is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _common import (
    ROOT,
    Browser,
    FormFields,
    MemorySampler,
    Postgres,
    children,
    ensure_wrk,
    environment,
    floor_template,
    free_port,
    interleaved,
    memory_kib,
    pooled_percentile,
    run_django,
    start_server,
    start_worker,
    stop,
    stop_all,
    wrk,
)


def fetch(base: str, path: str, session_key: str | None, *, gzip: bool) -> tuple[int, bytes, float]:
    """One GET: status, body as sent, seconds."""
    request = urllib.request.Request(base + path, headers={"Accept-Language": "en"})
    if gzip:
        request.add_header("Accept-Encoding", "gzip")
    if session_key:
        request.add_header("Cookie", f"sessionid={session_key}")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310  # nosec B310
        body = response.read()
        return response.status, body, time.perf_counter() - started


def xlsx_rows(path: Path) -> int:
    """Data rows of the first sheet (the header row not counted)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return rows - 1


class Run:
    """One database's run: its servers, its data, and the lines it prints."""

    def __init__(self, args, database: str):
        self.args, self.database = args, database
        self.workdir = Path(tempfile.mkdtemp(prefix=f"revmentor-pages-{database}-"))
        (self.workdir / "mail").mkdir()
        (self.workdir / "floor").mkdir()
        self.postgres: Postgres | None = None

    # ---- set-up ----

    def setup(self) -> None:
        url = ""
        if self.database == "postgresql":
            self.postgres = Postgres()
            url = self.postgres.start()
        self.env = environment(self.workdir, url)
        started = time.time()
        for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                env=self.env,
                cwd=ROOT,
                check=True,
                timeout=1800,
                capture_output=True,
            )
        self.seed = run_django(
            self.env,
            "_data:seed_pages",
            sizes=self.args.applications,
            match_size=self.args.match_size,
        )
        self.setup_seconds = round(time.time() - started, 1)
        self.port = free_port()
        self.server = start_server(self.env, self.port, self.workdir / "app.log")
        self.worker = start_worker(self.env, self.workdir / "worker.log")
        self.base = f"http://127.0.0.1:{self.port}"
        floor_env = dict(
            self.env,
            DJANGO_SETTINGS_MODULE="floor_app",
            FLOOR_TEMPLATES=str(self.workdir / "floor"),
            FLOOR_SLUG=self.seed["public_slug"],
        )
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "floor_app.py")],
            env=floor_env,
            cwd=ROOT,
            check=True,
            timeout=120,
        )
        self.floor_port = free_port()
        self.floor = start_server(
            floor_env, self.floor_port, self.workdir / "floor.log", app="floor_app:application"
        )

    def line(self, **fields) -> None:
        print(json.dumps({"kind": fields.pop("kind"), "database": self.database, **fields}))
        sys.stdout.flush()

    # ---- pages ----

    def pages(self) -> list[dict]:
        public = self.seed["public_slug"]
        anonymous = (self.args.clients, ())
        pages = [
            {"page": "program_page", "path": f"/program/{public}/", "load": anonymous},
            {"page": "program_list", "path": "/", "load": anonymous},
            {"page": "calendar_ics", "path": f"/program/{public}/calendar.ics", "load": anonymous},
        ]
        for size, program in self.seed["programs"].items():
            slug = program["slug"]
            pages += [
                {"page": "hr_list", "applications": int(size), "path": f"/hr/{slug}/",
                 "load": (len(program["hr"]), tuple(program["hr"]))},
                {"page": "nominations", "applications": int(size),
                 "path": f"/manage/{slug}/nominations/",
                 "load": (len(program["coordinator"]), tuple(program["coordinator"]))},
            ]  # fmt: skip
        return pages

    def measure_pages(self) -> None:
        pages = self.pages()
        measured = []
        for n, page in enumerate(pages):
            key = page["load"][1][0] if page["load"][1] else None
            try:
                status, plain, alone = fetch(self.base, page["path"], key, gzip=False)
                _, compressed, _ = fetch(self.base, page["path"], key, gzip=True)
            except OSError as error:  # e.g. past gunicorn's timeout: said, and the next page
                self.line(kind="page", page=page["page"], error=repr(error),
                          **({"applications": page["applications"]} if "applications" in page else {}))  # fmt: skip
                continue
            assert status == 200, (page["path"], status)
            page.update(bytes=len(compressed), bytes_uncompressed=len(plain), alone_s=alone)
            page["floor_name"] = f"page{n}" + (".ics" if page["path"].endswith(".ics") else "")
            (self.workdir / "floor" / page["floor_name"]).write_text(
                floor_template(plain), encoding="utf-8"
            )
            measured.append(page)
        pages = measured
        queries = run_django(
            self.env,
            "_data:count_queries",
            pages=[[p["path"], p["load"][1][0] if p["load"][1] else ""] for p in pages],
        )
        for page, count in zip(pages, queries, strict=True):
            connections, keys = page["load"]
            # Long pages get long enough runs to finish requests in each of them (bounded).
            seconds = min(max(self.args.seconds, 4 * page["alone_s"]), 60)
            figures = interleaved(
                self.base + page["path"],
                f"http://127.0.0.1:{self.floor_port}/page/{page['floor_name']}",
                pairs=self.args.pairs,
                seconds=seconds,
                connections=connections,
                session_keys=keys,
                workdir=self.workdir,
            )
            self.line(
                kind="page",
                page=page["page"],
                **({"applications": page["applications"]} if "applications" in page else {}),
                clients=connections,
                **figures,
                alone_s=round(page["alone_s"], 4),
                queries=count,
                bytes=page["bytes"],
                bytes_uncompressed=page["bytes_uncompressed"],
            )

    # ---- exports ----

    def restart_server(self) -> None:
        stop(self.server)
        self.server = start_server(self.env, self.port, self.workdir / "app.log")

    def measure_exports(self) -> None:
        size = max(self.args.applications)
        program = self.seed["programs"][str(size)]
        for file_format in ("csv", "xlsx"):
            self.restart_server()  # a fresh server: its workers' peak memory is this export's
            sampler = MemorySampler(children(self.server.pid))
            sampler.start()
            request = urllib.request.Request(
                f"{self.base}/hr/{program['slug']}/export.{file_format}",
                headers={"Cookie": f"sessionid={program['hr'][0]}"},
            )
            started = time.perf_counter()
            size_bytes, first_byte, lines = 0, None, 0
            saved = self.workdir / f"export.{file_format}"
            try:
                with (
                    urllib.request.urlopen(request, timeout=600) as response,  # noqa: S310  # nosec B310
                    saved.open("wb") as out,
                ):
                    status = response.status
                    while chunk := response.read(65536):
                        first_byte = first_byte or time.perf_counter() - started
                        size_bytes += len(chunk)
                        lines += chunk.count(b"\n")
                        out.write(chunk)
            except OSError as error:  # e.g. past gunicorn's timeout
                sampler.stop()
                self.line(kind="export", format=file_format, applications=size, error=repr(error),
                          time_s=round(time.perf_counter() - started, 3))  # fmt: skip
                continue
            total = time.perf_counter() - started
            sampler.stop()
            served, before, peak = sampler.busiest()
            rows = lines - 1 if file_format == "csv" else xlsx_rows(saved)
            self.line(
                kind="export",
                format=file_format,
                applications=size,
                status=status,
                rows=rows,
                bytes=size_bytes,
                first_byte_s=round(first_byte or total, 3),
                time_s=round(total, 3),
                peak_rss_mib=round(memory_kib(served, "VmHWM") / 1024, 1),
                rss_before_mib=round(before / 1024, 1),
                rss_growth_mib=round((peak - before) / 1024, 1),
            )

    # ---- matching ----

    def scalar(self, sql: str) -> int:
        if self.postgres:
            return int(self.postgres.psql(sql) or 0)
        with sqlite3.connect(self.env["REVMENTOR_SQLITE_PATH"], timeout=30) as db:
            return int(db.execute(sql).fetchone()[0])

    def matching_tasks(self, *statuses: str) -> int:
        """Queued matching runs in these states (none when the run is synchronous)."""
        listed = ", ".join(f"'{s}'" for s in statuses)
        return self.scalar(
            "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "  # noqa: S608  # nosec B608
            f"WHERE status IN ({listed}) AND task_path LIKE '%match%'"
        )

    def proposals(self) -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM matching_proposal p JOIN programs_program g ON "
            "g.id = p.program_id WHERE g.slug = 'bench-matching'"
        )

    def measure_matching(self) -> None:
        if "match" not in self.seed:
            return
        public = f"{self.base}/program/{self.seed['public_slug']}/"
        clients = self.args.clients

        def slice_p99() -> dict:
            return wrk(
                public, connections=clients, seconds=self.args.slice_seconds, workdir=self.workdir
            )

        idle = [slice_p99() for _ in range(3)]
        match = self.seed["match"]
        coordinator = Browser(self.base, match["coordinator"])
        run_path = f"/manage/{match['slug']}/matching/run/"
        status, _, html = coordinator.request(run_path)
        assert status == 200, status
        fields = FormFields(html).fields
        proposals_before = self.proposals()
        failed_before = self.matching_tasks("FAILED")
        answer: dict = {}

        def post() -> None:
            started = time.perf_counter()
            try:
                # A synchronous run answers when solved: wait as long as the window lasts.
                answer["status"], answer["location"], body = coordinator.request(
                    run_path, fields, follow=False, timeout=self.args.match_seconds
                )
                if answer["status"] == 200:  # the form again: why is in the page
                    (self.workdir / "run-refused.html").write_text(body)
            except OSError as error:  # a synchronous run past the window, or the server gave up
                answer["status"], answer["error"] = None, type(error).__name__
            answer["seconds"] = time.perf_counter() - started

        poster = threading.Thread(target=post, daemon=True)
        run_started = time.time()
        limit = run_started + self.args.match_seconds
        ended: dict[str, float] = {}

        def watch() -> None:
            """The run is over when the POST has answered and no queued run is left."""
            while time.time() < limit:
                if not poster.is_alive() and not self.matching_tasks("READY", "RUNNING"):
                    ended["at"] = time.time()
                    return
                time.sleep(0.5)

        poster.start()
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        during: list[dict] = []
        while time.time() < limit and "at" not in ended:
            during.append(slice_p99())
        poster.join(timeout=max(1, limit - time.time() + 60))
        watcher.join(timeout=5)
        finished = self.proposals() > proposals_before and "at" in ended
        run_seconds = ended.get("at", time.time()) - run_started
        # p99 of every request of the idle runs, and of every request during the run: the
        # runs' distributions pooled (each run's slices weigh by their requests).
        idle_p99 = pooled_percentile(idle, 99) or 0.0
        during_p99 = pooled_percentile(during, 99) or 0.0
        worst = max((r["p99_s"] or 0.0 for r in during), default=0.0)
        self.line(
            kind="matching",
            size_a_side=self.args.match_size,
            clients=clients,
            post_status=answer.get("status"),
            post_error=answer.get("error"),
            post_s=round(answer.get("seconds", 0.0), 3),
            run_finished=finished,
            run_failed=self.matching_tasks("FAILED") > failed_before,
            run_s=round(run_seconds, 1) if finished else None,
            window_s=round(run_seconds, 1),
            idle_p99_s=round(idle_p99, 4),
            idle_rps=round(statistics.median(r["rps"] for r in idle), 1),
            during_p99_s=round(during_p99, 4),
            during_p99_worst_slice_s=round(worst, 4),
            during_p99_median_slice_s=round(
                statistics.median(r["p99_s"] or 0.0 for r in during) if during else 0.0, 4
            ),
            during_rps=round(statistics.median(r["rps"] for r in during), 1) if during else None,
            during_errors=sum(r["errors"] for r in during),
            p99_ratio=round(during_p99 / idle_p99, 2) if idle_p99 else None,
            worst_slice_ratio=round(worst / idle_p99, 2) if idle_p99 else None,
        )

    def close(self) -> None:
        stop_all()
        if self.postgres:
            self.postgres.destroy()
        if not self.args.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )

    def numbers(text: str) -> list[int]:
        return [int(x) for x in text.split(",") if x]

    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--applications", type=numbers, default=[5000, 50000])
    parser.add_argument("--match-size", type=int, default=10000, help="a side; 0 skips it")
    parser.add_argument("--match-seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=50, help="for the anonymous pages")
    parser.add_argument("--seconds", type=float, default=10, help="of each wrk run")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument(
        "--slice-seconds", type=float, default=5, help="of each wrk run during the matching"
    )
    parser.add_argument(
        "--only", default="pages,exports,matching", help="which measurements, comma-separated"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, data)")
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes and short runs: a smoke run"
    )
    args = parser.parse_args()
    if args.quick:
        args.applications, args.match_size, args.match_seconds = [40], 10, 20
        args.clients, args.seconds, args.pairs, args.slice_seconds = 4, 1, 3, 1
    ensure_wrk()
    only = set(args.only.split(","))
    for database in args.databases.split(","):
        if database == "postgresql" and not Postgres.available():
            print(
                json.dumps({"kind": "skipped", "database": database, "reason": "no PostgreSQL 15"})
            )
            continue
        run = Run(args, database)
        try:
            run.setup()
            run.line(kind="setup", setup_s=run.setup_seconds, sizes=args.applications,
                     match_size=args.match_size)  # fmt: skip
            if "pages" in only:
                run.measure_pages()
            if "exports" in only:
                run.measure_exports()
            if "matching" in only:
                run.measure_matching()
        finally:
            run.close()


if __name__ == "__main__":
    main()
