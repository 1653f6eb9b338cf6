"""Benchmark data, made inside a Django process (`_common.run_django`): fictional people only.

Applications are bulk-created (not through the web form) so that 50,000 take seconds: a pool
of Faker sv_SE names combined by index, users, applications and their topics in batches.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker
from tests.factories import make_program

from revmentor.applications.demo import recount_nominated
from revmentor.applications.models import Application, Availability, Language, PreferredFormat
from revmentor.core.models import Role, User
from revmentor.core.permissions import SECOND_FACTOR_KEY
from revmentor.programs.models import Organisation, Program

BATCH = 2000
CITIES = ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Umeå", "Östersund", "Karlstad", "Luleå"]
UNITS = ["Analysavdelningen", "IT-avdelningen", "Kommunikation", "HR", "Juridik", "Ekonomi"]
LANGUAGES = [code for code in Language.values if code != "sv"]
SLOTS = list(Availability.values)
FORMATS = list(PreferredFormat.values)


def staff_session(user: User, *, second_factor: bool = True) -> str:
    """A signed-in session for the user (as the sign-in pages would leave it); its key."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "revmentor.core.auth.EmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if second_factor:
        store[SECOND_FACTOR_KEY] = timezone.now().isoformat()
    store.set_expiry(6 * 3600)
    store.create()
    return store.session_key or ""


def people(count: int, *, seed: int = 2026) -> list[User]:
    """`count` fictional applicants (bench<i>@bench.test), created once and reused."""
    faker = Faker("sv_SE")
    faker.seed_instance(seed)
    first = [faker.first_name() for _ in range(400)]
    last = [faker.last_name() for _ in range(400)]
    existing = set(
        User.objects.filter(email__endswith="@bench.test").values_list("email", flat=True)
    )
    password = make_password(None)
    new = [
        User(
            email=f"bench{i}@bench.test",
            full_name=f"{first[i % 400]} {last[(i * 7 + i // 400) % 400]}",
            password=password,
        )
        for i in range(count)
        if f"bench{i}@bench.test" not in existing
    ]
    User.objects.bulk_create(new, batch_size=BATCH)
    users = User.objects.filter(email__endswith="@bench.test").order_by("id")
    return list(users[:count])


def add_applications(
    program: Program,
    organisations: list[Organisation],
    applicants: list[User],
    *,
    nominated_share: float,
) -> int:
    """One submitted (or nominated) application per applicant, spread over the organisations."""
    topics = list(program.topics.all())
    now = timezone.now()
    start = program.period_start.year
    rows = []
    nominate_every = round(1 / nominated_share) if nominated_share else 0
    for i, user in enumerate(applicants):
        mentor = i % 2 == 0
        status = (
            Application.Status.NOMINATED
            if nominate_every and i % nominate_every == 0
            else Application.Status.SUBMITTED
        )
        rows.append(
            Application(
                program=program,
                applicant=user,
                organisation=organisations[i % len(organisations)],
                status=status,
                full_name=user.full_name,
                email=user.email,
                phone=f"070-{i % 1000:03d} {i % 100:02d} {(i * 7) % 100:02d}",
                unit=UNITS[i % len(UNITS)],
                job_title="Handläggare" if mentor else "Enhetschef",
                birth_year=start - (23 + i % 12 if mentor else 45 + i % 19),
                employment_type="permanent",
                profile_kind="mentor" if mentor else "adept",
                manager_name=f"Chef {i % 997}",
                manager_email=f"chef{i % 997}@bench.test",
                discussed_with_manager=True,
                topics_text="Jag vill lära mig av en kollega i en annan generation.",
                preferred_format=FORMATS[i % len(FORMATS)],
                city=CITIES[i % len(CITIES)],
                languages=["sv"] + LANGUAGES[i % 3 : i % 3 + i % 2],
                availability=sorted({SLOTS[i % len(SLOTS)], SLOTS[(i * 5 + 1) % len(SLOTS)]}),
                privacy_acknowledged=True,
                submitted_at=now - timedelta(seconds=i),
                nominated_at=now if status == Application.Status.NOMINATED else None,
                manager_answer=Application.ManagerAnswer.CONFIRMED,
            )
        )
    Application.objects.bulk_create(rows, batch_size=BATCH)
    through = Application.topics.through
    ids = Application.objects.filter(program=program).order_by("id").values_list("id", flat=True)
    links = [
        through(application_id=pk, topic_id=topics[(n + k) % len(topics)].pk)
        for n, pk in enumerate(ids.iterator())
        for k in range(2)
    ]
    through.objects.bulk_create(links, batch_size=BATCH * 2)
    recount_nominated(program)
    return len(rows)


def staff(program: Program, kind: str, organisation: Organisation | None, count: int) -> list[str]:
    """`count` staff people with the role in the program, each signed in; their session keys."""
    keys = []
    for n in range(count):
        user, _ = User.objects.get_or_create(
            email=f"{kind}{n}.{program.slug}@bench.test",
            defaults={"full_name": f"Bänk {kind.upper()} {n}"},
        )
        Role.objects.get_or_create(user=user, kind=kind, program=program, organisation=organisation)
        keys.append(staff_session(user))
    return keys


def seed_pages(*, sizes: list[int], match_size: int, staff_count: int = 4) -> dict:
    """The staff pages' programs (one per size, every application in one organisation) and the
    matching program (`match_size` nominated a side over 20 organisations)."""
    public = Program.objects.filter(status=Program.Status.OPEN).order_by("id").first()
    assert public is not None, "seed_demo first"
    applicants = people(max([*sizes, 2 * match_size, 1]))
    result: dict = {"public_slug": public.slug, "programs": {}}
    for size in sizes:
        with transaction.atomic():
            organisation, _ = Organisation.objects.get_or_create(
                name=f"Bänkverket {size}", defaults={"short_name": f"BV{size}"}
            )
            program = make_program(
                organisations=[organisation],
                places=size,
                status=Program.Status.NOMINATING,
                slug=f"bench-{size}",
                title=f"Bänkprogram {size}",
                application_deadline=timezone.now() - timedelta(days=1),
            )
            add_applications(program, [organisation], applicants[:size], nominated_share=0.1)
            result["programs"][str(size)] = {
                "slug": program.slug,
                "hr": staff(program, Role.Kind.HR, organisation, staff_count),
                "coordinator": staff(program, Role.Kind.COORDINATOR, None, staff_count),
            }
    if match_size:
        with transaction.atomic():
            organisations = [
                Organisation.objects.get_or_create(
                    name=f"Matchningsverket {n}", defaults={"short_name": f"MV{n}"}
                )[0]
                for n in range(20)
            ]
            program = make_program(
                organisations=organisations,
                places=match_size,
                status=Program.Status.MATCHING,
                slug="bench-matching",
                title="Bänkprogram matchning",
                application_deadline=timezone.now() - timedelta(days=1),
            )
            add_applications(
                program, organisations, applicants[: 2 * match_size], nominated_share=1.0
            )
            result["match"] = {
                "slug": program.slug,
                "coordinator": staff(program, Role.Kind.COORDINATOR, None, 1)[0],
            }
    return result


def count_queries(*, pages: list[list[str]]) -> list[int]:
    """Queries of one request to each (path, session key or ""), the second of two (warm)."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = []
    for path, session_key in pages:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
        if session_key:
            client.cookies["sessionid"] = session_key
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            if getattr(response, "streaming", False):
                for _ in response.streaming_content:
                    pass
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(queries.captured_queries))
    return counts


def count_send_queries(*, slug: str) -> dict:
    """The queries of one "Send" (a fresh applicant, the eligibility step and form done first),
    counted and grouped by statement and table, most frequent first."""
    import re
    from collections import Counter

    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from deadline_rush import Form, send_data

    user, _ = User.objects.get_or_create(
        email="query.count@rush.test", defaults={"full_name": "Räkna Frågor"}
    )
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["sessionid"] = staff_session(user, second_factor=False)
    client.get(f"/program/{slug}/apply/")
    page = client.post(
        f"/program/{slug}/apply/",
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1998"},
        follow=True,
    )
    data: dict[str, list[str]] = {}
    for name, value in send_data(Form.parse(page.content.decode()), 0, user.email):
        data.setdefault(name, []).append(value)
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(f"/program/{slug}/application/", data)
    assert answer.status_code == 302, answer.status_code

    def statement(sql: str) -> str:
        verb = sql.split(None, 1)[0].upper()
        table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.I)
        return f"{verb} {table.group(1)}" if table else verb

    counted = Counter(statement(q["sql"]) for q in queries.captured_queries)
    return {"queries": len(queries.captured_queries), "by_statement": counted.most_common()}
