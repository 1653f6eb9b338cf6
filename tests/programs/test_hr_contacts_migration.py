"""The data migration copies each organisation's old shared HR addresses to every program's row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programs", "0007_merge_20261130_2023")]
AFTER = [("programs", "0008_participation_hr_emails")]


@pytest.mark.django_db(transaction=True)
def test_hr_addresses_move_from_the_organisation_to_each_participation():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("programs", "Organisation").objects.create(
        name="Gamla verket",
        short_name="GV",
        hr_emails="hr@gamla.test.example\nchef@gamla.test.example",
    )
    Program = old.get_model("programs", "Program")
    programs = [
        Program.objects.create(
            title=f"Program {n}",
            slug=f"migrerat-{n}",
            period_start="2027-04-01",
            period_end="2027-11-30",
            application_deadline="2027-03-01T12:00Z",
        )
        for n in (1, 2)
    ]
    Participation = old.get_model("programs", "Participation")
    for program in programs:
        Participation.objects.create(program=program, organisation=organisation, places=2)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = new.get_model("programs", "Participation").objects.filter(
        organisation__name="Gamla verket"
    )
    assert sorted(rows.values_list("program__slug", "hr_emails")) == [
        ("migrerat-1", "hr@gamla.test.example\nchef@gamla.test.example"),
        ("migrerat-2", "hr@gamla.test.example\nchef@gamla.test.example"),
    ]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
