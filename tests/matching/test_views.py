"""The workspace pages: the run form and its errors, the proposal page, hand pairs, publishing."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from revmentor.matching import engine, loading, services
from revmentor.matching.models import (
    Exclusion,
    MatchingRun,
    Proposal,
    ProposedPair,
    UnmatchedPerson,
)
from revmentor.mentorships.models import Mentorship
from revmentor.programs.models import Participation
from tests.factories import make_organisation
from tests.matching.support import ADEPTS, MENTORS, make_trio, nominate
from tests.querycount import assert_constant_queries

VALID = {
    "use_min_age_gap": "on",
    "min_age_gap": "10",
    "different_organisation": "preferred",
    "forbid_own_manager": "on",
    "forbid_same_unit": "on",
    "format_compatibility": "on",
    "capacity": "1",
    "topics": "3",
    "languages": "1",
    "city": "1",
    "availability": "1",
    "diversity": "1",
    "age_gap": "1",
}


def url(cast, name, **kwargs):
    return reverse(f"matching:{name}", kwargs={"slug": cast.program.slug, **kwargs})


def first_proposal(cast):
    return services.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )


def test_the_run_form_queues_the_run_and_answers_before_it_runs(cast, client_for, run_tasks):
    make_trio(cast)
    client = client_for("coordinator")
    response = client.post(url(cast, "run"), VALID)
    assert response.status_code == 302
    assert response["Location"] == url(cast, "workspace") + "#run"
    matching_run = MatchingRun.objects.get(program=cast.program)
    assert (matching_run.status, matching_run.stage) == ("queued", "waiting")
    assert not Proposal.objects.exists()
    # The task carries the run's id and nothing else.
    task = DBTaskResult.objects.get(status="READY")
    assert (task.task_path, task.args_kwargs) == (
        "revmentor.matching.tasks.run_matching",
        {"args": [], "kwargs": {"run_id": matching_run.pk}},
    )
    page = client.get(url(cast, "workspace")).content.decode()
    assert "Matchningen är köad." in page
    assert "väntar på bakgrundsarbetet" in page
    assert 'data-refresh="' + url(cast, "run_status", public_id=matching_run.public_id) in page
    run_tasks()
    matching_run.refresh_from_db()
    proposal = Proposal.objects.get(program=cast.program)
    assert (matching_run.status, matching_run.stage, matching_run.proposal) == (
        "done",
        "finished",
        proposal,
    )
    assert matching_run.attempts == 1
    fragment = client.get(
        url(cast, "run_status", public_id=matching_run.public_id) + "?fragment=1"
    ).content.decode()
    assert '<div data-run-state="done">' in fragment
    assert "Förslag 1 är klart: 3 par." in fragment
    assert url(cast, "proposal", public_id=proposal.public_id) in fragment
    page = client.get(url(cast, "proposal", public_id=proposal.public_id)).content.decode()
    # Pairs score 6.75, 5.25 and 6.85 of at best 8: 84 %, 66 % and 86 %; on average 79 %.
    assert "<dt>Genomsnittlig passform</dt><dd>79 % av bästa möjliga</dd>" in page
    assert "<dt>Sämsta passform</dt><dd>66 % av bästa möjliga</dd>" in page
    assert '<td class="num">84 %</td>' in page
    # Three pairs: no chart, only the bands that hold pairs.
    assert "<svg" not in page
    assert '<td>60–70 %</td><td class="num">1</td>' in page
    assert '<td>80–90 %</td><td class="num">2</td>' in page
    assert "<td>0–10 %</td>" not in page
    assert "<li>delar intresse för Värderingar</li>" in page
    for jargon in ("Girig", "Total poäng", "Högsta möjliga", "poäng"):
        assert jargon not in page
    assert "<summary>Jämför med en enkel parning efter tur</summary>" in page
    assert "<dt>Optimalitet</dt><dd>bevisat optimal: ingen annan parning" in page
    assert proposal.quality["proven_optimal"] is True


def test_a_second_run_while_one_is_queued_is_refused(cast, client_for, run_tasks):
    make_trio(cast)
    client = client_for("coordinator")
    client.post(url(cast, "run"), VALID)
    response = client.post(url(cast, "run"), VALID)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "En matchning av programmet är redan köad eller pågår. Vänta tills den är klar "
        "och kör sedan igen."
    ]
    assert "En matchning av programmet är redan köad eller pågår." in response.content.decode()
    assert MatchingRun.objects.filter(program=cast.program).count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    # Another program's run is its own business.
    make_trio_in(cast, cast.other_program)
    services.start_run(
        program=cast.other_program,
        rules=engine.Rules(),
        weights=engine.Weights(),
        created_by=cast.other_coordinator,
    )
    run_tasks()
    assert client.post(url(cast, "run"), VALID).status_code == 302
    assert sorted(MatchingRun.objects.values_list("program__slug", "status")) == [
        ("annat-program", "done"),
        ("omvant-test", "done"),
        ("omvant-test", "queued"),
    ]


def make_trio_in(cast, program):
    for kind, rows in (("mentor", MENTORS), ("adept", ADEPTS)):
        for name, *rest in rows:
            nominate(cast, f"{name} Andra", *rest, kind, program=program)


def test_a_run_that_lost_its_worker_long_ago_no_longer_blocks_a_new_one(cast, client_for):
    make_trio(cast)
    client = client_for("coordinator")
    client.post(url(cast, "run"), VALID)
    lost = MatchingRun.objects.get()
    MatchingRun.objects.filter(pk=lost.pk).update(
        status="running", updated_at=timezone.now() - services.STALE_AFTER - timedelta(seconds=1)
    )
    assert client.post(url(cast, "run"), VALID).status_code == 302
    lost.refresh_from_db()
    assert (lost.status, lost.failure) == ("failed", "interrupted")
    assert MatchingRun.objects.filter(status="queued").count() == 1


def test_a_run_killed_mid_way_runs_again_when_its_worker_restarts(cast, client_for, run_tasks):
    make_trio(cast)
    client_for("coordinator").post(url(cast, "run"), VALID)
    task = DBTaskResult.objects.get(status="READY")
    task.claim("node1-1")
    # The worker died after it marked the run running and before it saved anything.
    MatchingRun.objects.update(status="running", stage="solving", attempts=1)
    call_command("requeue_interrupted", worker_id="node1-1", stdout=io.StringIO())
    run_tasks()
    matching_run = MatchingRun.objects.get()
    assert (matching_run.status, matching_run.attempts) == ("done", 2)
    assert Proposal.objects.count() == 1


def test_an_engine_problem_ends_the_run_as_failed_with_the_reason(cast, client_for, run_tasks):
    make_trio(cast)
    nominate(cast, "Mira Tvilling", "b", 1995, [0], "mentor", email="mira.mentor@test.example")
    client = client_for("coordinator")
    client.post(url(cast, "run"), VALID)
    run_tasks()
    matching_run = MatchingRun.objects.get()
    reason = "Samma person är anmäld två gånger (samma e-postadress): Mira Mentor, Mira Tvilling."
    assert (matching_run.status, matching_run.failure) == ("failed", "problems")
    assert matching_run.objections("sv") == [reason]
    assert matching_run.objections("en") == [
        "The same person is nominated twice (same e-mail address): Mira Mentor, Mira Tvilling."
    ]
    assert not Proposal.objects.exists()
    page = client.get(url(cast, "workspace")).content.decode()
    assert "Matchningen kunde inte göras." in page
    assert f"<li>{reason}</li>" in page
    assert f'href="{url(cast, "run")}"' in page
    # The coordinator may start again at once.
    assert client.post(url(cast, "run"), VALID).status_code == 302


def test_an_unexpected_error_ends_the_run_as_failed_in_plain_words(
    cast, client_for, run_tasks, monkeypatch
):
    make_trio(cast)
    client = client_for("coordinator")
    client.post(url(cast, "run"), VALID)

    def broken(*args, **kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(engine, "solve", broken)
    run_tasks()
    matching_run = MatchingRun.objects.get()
    assert (matching_run.status, matching_run.failure, matching_run.stage) == (
        "failed",
        "error",
        "finished",
    )
    assert DBTaskResult.objects.get().status == "FAILED"
    page = client.get(url(cast, "workspace")).content.decode()
    assert "Ett oväntat fel stoppade den. Inget sparades." in page
    assert "solver exploded" not in page


def test_the_greedy_comparison_is_worked_out_only_when_asked_and_on_the_worker(
    cast, client_for, run_tasks
):
    make_trio(cast)
    Exclusion.objects.create(
        program=cast.program,
        mentor=Application.objects.get(full_name="Moa Mentor"),
        adept=Application.objects.get(full_name="Arne Adept"),
    )
    proposal = first_proposal(cast)
    client = client_for("coordinator")
    page_url = url(cast, "proposal", public_id=proposal.public_id)
    compare_url = url(cast, "compare", public_id=proposal.public_id)
    page = client.get(page_url).content.decode()
    assert f'<form method="post" action="{compare_url}"' in page
    assert "Med samma personer ger den" not in page
    assert client.post(compare_url)["Location"] == page_url + "#comparison"
    comparison = MatchingRun.objects.get(kind="comparison")
    assert (comparison.status, comparison.proposal) == ("queued", proposal)
    proposal.refresh_from_db()
    assert proposal.greedy_quality == {}
    page = client.get(page_url).content.decode()
    assert '<details class="comparison" id="comparison" open>' in page
    assert "Jämförelsen räknas fram" in page
    assert f'action="{compare_url}"' not in page
    # A matching run waits until the comparison is done.
    assert client.post(url(cast, "run"), VALID).status_code == 200
    run_tasks()
    proposal.refresh_from_db()
    assert proposal.greedy_quality["pairs"] == 2
    comparison.refresh_from_db()
    assert (comparison.status, comparison.stage) == ("done", "finished")
    fragment = client.get(
        url(cast, "run_status", public_id=comparison.public_id) + "?fragment=1"
    ).content.decode()
    assert "Jämförelsen för förslag 1 är klar. Med samma personer ger den 2 par" in fragment
    page = client.get(page_url).content.decode()
    assert '<details class="comparison" id="comparison" open>' in page
    assert "Med samma personer ger den 2 par" in page
    assert f'action="{compare_url}"' not in page
    assert "Jämförelsen räknas fram" not in page


def test_ten_pairs_or_more_get_a_chart_that_counts_every_pair(cast, client_for):
    for index in range(10):
        nominate(cast, f"Mentor {index}", "a", 1995, [0], "mentor", unit=f"M{index}")
        nominate(cast, f"Adept {index}", "b", 1965, [0], "adept", unit=f"A{index}")
    proposal = first_proposal(cast)
    assert sum(proposal.quality["histogram"]) == proposal.quality["pairs"] == 10
    page = client_for("coordinator").get(url(cast, "proposal", public_id=proposal.public_id))
    html = page.content.decode()
    assert html.count("<rect ") == 10
    assert "<td>0–10 %</td>" in html


def test_a_program_with_several_organisations_requires_different_ones_by_default(
    cast, client_for, run_tasks
):
    org_c = make_organisation("Organisation C", short_name="C")
    Participation.objects.create(program=cast.program, organisation=org_c, places=2)
    # Each agency's mentor and adept share a topic nobody else has: a strong pull inwards.
    for topic, (org, name) in enumerate((("a", "A"), ("b", "B"), (None, "C"))):
        extra = {"organisation": org_c} if org is None else {}
        nominate(cast, f"Mentor {name}", org or "a", 1995, [topic], "mentor", **extra)
        nominate(cast, f"Adept {name}", org or "a", 1965, [topic], "adept", **extra)
    client = client_for("coordinator")
    form = client.get(url(cast, "run")).context["form"]
    assert form["different_organisation"].value() == "required"
    page = client.get(url(cast, "run")).content.decode()
    assert "Krav: aldrig två från samma organisation" in page
    assert "Önskemål: gemensamma ämnen (vikt)" in page
    client.post(url(cast, "run"), {**VALID, "different_organisation": "required"})
    run_tasks()
    proposal = Proposal.objects.get(program=cast.program)
    pairs = list(proposal.pairs.select_related("mentor", "adept"))
    assert len(pairs) == 3
    assert all(p.mentor.organisation_id != p.adept.organisation_id for p in pairs)
    # The same people with organisations only a wish do pair within an agency: the default bites.
    wish = services.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    assert any(p.mentor.organisation_id == p.adept.organisation_id for p in wish.pairs.all())


def test_a_program_with_one_organisation_only_wishes_for_different_ones(cast, client_for):
    cast.program.participations.filter(organisation=cast.org_b).delete()
    form = client_for("coordinator").get(url(cast, "run")).context["form"]
    assert form["different_organisation"].value() == "preferred"


def test_nan_and_negative_weights_are_shown_next_to_the_fields(cast, client_for):
    data = {**VALID, "topics": "nan", "city": "-1", "capacity": "0"}
    response = client_for("coordinator").post(url(cast, "run"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "topics": ["Fyll i ett tal."],
        "city": ["Kontrollera att detta värde är större än eller lika med 0."],
        "capacity": ["Kontrollera att detta värde är större än eller lika med 1."],
    }
    assert 'class="error-summary"' in response.content.decode()
    assert Proposal.objects.count() == 0


def test_all_weights_zero_is_refused(cast, client_for):
    data = {**VALID, **dict.fromkeys(engine.PART_NAMES, "0")}
    response = client_for("coordinator").post(url(cast, "run"), data)
    assert response.context["form"].errors == {
        "topics": ["Minst en vikt måste vara större än noll."]
    }


def test_run_again_prefills_the_settings_and_keeps_the_locks(cast, client_for, run_tasks):
    make_trio(cast)
    proposal = first_proposal(cast)
    client = client_for("coordinator")
    response = client.get(url(cast, "run") + f"?from={proposal.public_id}")
    assert response.context["form"].initial["keep_locks_from"] == str(proposal.public_id)
    pair = proposal.pairs.get(mentor__full_name="Max Mentor")
    client.post(
        url(cast, "pair_lock", public_id=proposal.public_id, pair_id=pair.public_id),
        {"locked": "1"},
    )
    client.post(url(cast, "run"), {**VALID, "keep_locks_from": str(proposal.public_id)})
    run_tasks()
    second = Proposal.objects.get(program=cast.program, number=2)
    assert list(
        second.pairs.filter(locked=True).values_list("mentor__full_name", "adept__full_name")
    ) == [("Max Mentor", "Agnes Adept")]


def test_checking_a_hand_pair_shows_score_and_warning_before_saving(cast, client_for):
    trio = make_trio(cast)
    proposal = first_proposal(cast)
    Exclusion.objects.create(
        program=cast.program, mentor=trio["Max Mentor"], adept=trio["Alf Adept"]
    )
    client = client_for("coordinator")
    data = {
        "pair-mentor": str(trio["Max Mentor"].public_id),
        "pair-adept": str(trio["Alf Adept"].public_id),
    }
    response = client.post(
        url(cast, "pair_by_hand", public_id=proposal.public_id), {**data, "check": "1"}
    )
    page = response.content.decode()
    assert (
        "<strong>Varning: en samordnare har angett att de här två aldrig ska bilda par.</strong>"
        in page
    )
    assert proposal.pairs.count() == 3
    response = client.post(
        url(cast, "pair_by_hand", public_id=proposal.public_id), {**data, "save": "1"}
    )
    assert response.status_code == 302
    assert set(proposal.pairs.values_list("mentor__full_name", "adept__full_name", "score")) == {
        ("Max Mentor", "Alf Adept", Decimal("3.00")),
        ("Moa Mentor", "Arne Adept", Decimal("6.85")),
    }


def test_exclusions_are_added_and_removed(cast, client_for):
    trio = make_trio(cast)
    client = client_for("coordinator")
    client.post(
        url(cast, "exclusions"),
        {
            "exclusion-mentor": str(trio["Moa Mentor"].public_id),
            "exclusion-adept": str(trio["Arne Adept"].public_id),
            "exclusion-reason": "Samma projekt",
        },
    )
    exclusion = Exclusion.objects.get()
    assert (exclusion.mentor, exclusion.adept, exclusion.reason) == (
        trio["Moa Mentor"],
        trio["Arne Adept"],
        "Samma projekt",
    )
    client.post(url(cast, "exclusion_delete", public_id=exclusion.public_id))
    assert Exclusion.objects.count() == 0


def test_publishing_from_the_page_creates_the_mentorships_once(cast, client_for):
    make_trio(cast)
    proposal = first_proposal(cast)
    client = client_for("coordinator")
    assert (
        "Förslag 1 har 3 par."
        in client.get(url(cast, "publish", public_id=proposal.public_id)).content.decode()
    )
    response = client.post(url(cast, "publish", public_id=proposal.public_id))
    assert response.status_code == 302
    assert Mentorship.objects.filter(program=cast.program).count() == 3
    other = first_proposal(cast)
    response = client.post(url(cast, "publish", public_id=other.public_id))
    assert response.status_code == 200
    assert (
        "Programmets par är redan publicerade från ett annat förslag" in response.content.decode()
    )


def test_another_programs_coordinator_cannot_reach_a_proposal(cast, client_for):
    make_trio(cast)
    proposal = first_proposal(cast)
    other = reverse(
        "matching:proposal",
        kwargs={"slug": cast.other_program.slug, "public_id": proposal.public_id},
    )
    assert client_for("other_coordinator").get(other).status_code == 404


# ---- the N+1 guards -----------------------------------------------------------------


def _add_pair(cast, proposal, i):
    mentor = nominate(cast, f"Mentor Nummer{i}", "a", 1995, [0], "mentor")
    adept = nominate(cast, f"Adept Nummer{i}", "b", 1965, [0], "adept")
    ProposedPair.objects.create(
        proposal=proposal,
        mentor=mentor,
        adept=adept,
        score=Decimal("5.00"),
        parts={},
        explanation_sv="Skäl",
        explanation_en="Reason",
        locked=i % 2 == 0,
        broken_rules=["exclusion"] if i % 3 == 0 else [],
    )
    UnmatchedPerson.objects.create(
        proposal=proposal,
        application=nominate(cast, f"Ensam Nummer{i}", "a", 1990, [], "mentor"),
        side="mentor",
        reason_code="outnumbered",
        reason_sv="Upptagna",
        reason_en="Taken",
    )


def test_the_proposal_page_costs_the_same_queries_for_1_and_30_pairs(cast, client_for):
    proposal = first_proposal(cast)
    assert_constant_queries(
        client_for("coordinator"),
        url(cast, "proposal", public_id=proposal.public_id),
        lambda i: _add_pair(cast, proposal, i),
    )


def test_the_proposal_page_shows_fifty_pairs_a_page_and_keeps_the_filters_in_the_pager(
    cast, client_for
):
    proposal = first_proposal(cast)
    for i in range(55):
        _add_pair(cast, proposal, i)
    ProposedPair.objects.filter(mentor__full_name="Mentor Nummer54").update(score=Decimal("1.00"))
    client = client_for("coordinator")
    base = url(cast, "proposal", public_id=proposal.public_id)
    first = client.get(base).content.decode()
    assert first.count('<td class="pair-actions">') == 50
    assert "55 par, visar 1–50." in first
    assert "Mentor Nummer54" not in first
    assert '<nav aria-label="Sidor med par">' in first
    assert '<a href="?page=1#pairs" aria-current="page">' in first
    assert '<a href="?page=2#pairs">Nästa sida</a>' in first
    last = client.get(base + "?page=2").content.decode()
    assert last.count('<td class="pair-actions">') == 5
    assert "Mentor Nummer54" in last
    assert "Nästa sida" not in last.split('aria-label="Sidor med par"')[1].split("</nav>")[0]
    # Lowest fit first: the 1.00 pair leads; the pager keeps the order and the side filter.
    sorted_page = client.get(base + "?sort=fit_low&side=mentor").content.decode()
    assert sorted_page.index("Mentor Nummer54") < sorted_page.index("Mentor Nummer0<")
    assert '<a href="?sort=fit_low&amp;side=mentor&amp;page=2#pairs">Nästa sida</a>' in (
        sorted_page
    )
    assert '<option value="fit_low" selected>' in sorted_page
    # Locked pairs only: every other pair of the 55 (and none of the first run's three).
    locked = client.get(base + "?show=locked").content.decode()
    assert "28 par." in locked
    # 55 people without a partner: two pages of their own.
    assert "Sidor med personer utan partner" in first
    second_unmatched = client.get(base + "?unmatched_page=2").content.decode()
    assert "Ensam Nummer" in second_unmatched
    # Junk in the address gives the defaults, never an error.
    junk = client.get(base + "?page=x&sort=evil&show=1&side=z&unmatched_page=-3")
    assert junk.status_code == 200
    assert junk.context["sort"] == "fit"
    assert junk.context["show"] == "all"


def test_the_proposal_list_costs_the_same_queries_for_1_and_30_proposals(cast, client_for):
    make_trio(cast)
    assert_constant_queries(
        client_for("coordinator"), url(cast, "workspace"), lambda i: first_proposal(cast)
    )


def test_the_exclusion_list_costs_the_same_queries_for_1_and_30_rows(cast, client_for):
    def add(i):
        Exclusion.objects.create(
            program=cast.program,
            mentor=nominate(cast, f"Mentor Nummer{i}", "a", 1995, [0], "mentor"),
            adept=nominate(cast, f"Adept Nummer{i}", "b", 1965, [0], "adept"),
        )

    assert_constant_queries(client_for("coordinator"), url(cast, "exclusions"), add)


# ---- junk never gives a 500 ------------------------------------------------------------

junk = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["nan", "inf", "-1", "1e999", "0", "", "10", "abc", "00000000-0000-0000-0000-000000000000"]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(st.sampled_from([*VALID, "fair", "keep_locks_from"]), junk, max_size=14)
)
def test_junk_posted_to_the_run_form_never_gives_a_server_error(cast, client_for, data):
    response = client_for("coordinator").post(url(cast, "run"), {**VALID, **data})
    assert response.status_code in (200, 302)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "pair-mentor",
                "pair-adept",
                "check",
                "save",
                "exclusion-mentor",
                "exclusion-adept",
                "exclusion-reason",
            ]
        ),
        junk,
        max_size=6,
    )
)
def test_junk_posted_to_the_pair_and_exclusion_forms_never_gives_a_server_error(
    cast, client_for, data
):
    proposal = Proposal.objects.filter(program=cast.program).first() or first_proposal(cast)
    client = client_for("coordinator")
    assert client.post(
        url(cast, "pair_by_hand", public_id=proposal.public_id), data
    ).status_code in (200, 302)
    assert client.post(url(cast, "exclusions"), data).status_code in (200, 302)


def test_the_person_who_left_is_left_out_until_taken_back_in_from_the_workspace(cast, client_for):
    from revmentor.mentorships.services import end_mentorship

    make_trio(cast)
    services.publish(proposal=first_proposal(cast), published_by=cast.coordinator)
    ended = Mentorship.objects.get(program=cast.program, adept__full_name="Alf Adept")
    end_mentorship(
        mentorship=ended,
        cause="left_organisation",
        leaver=ended.adept,
        reason="Adepten har slutat.",
        ended_by=cast.coordinator,
    )
    client = client_for("coordinator")
    page = client.get(url(cast, "workspace")).content.decode()
    assert "Personer vars par har avslutats" in page
    assert page.count("nej, utelämnad") == 1
    # The mentor did not leave: back in the pool at once; the adept is out.
    assert [a.full_name for a in loading.load(cast.program).mentors] == [ended.mentor.full_name]
    assert loading.load(cast.program).adepts == []
    response = client.post(
        url(cast, "readmission", application_id=ended.adept.public_id), {"readmit": "1"}
    )
    assert response.status_code == 302
    assert [a.full_name for a in loading.load(cast.program).adepts] == ["Alf Adept"]
    assert (
        AuditEntry.objects.filter(
            action="matching.readmitted", object_id=str(ended.adept.pk)
        ).count()
        == 1
    )
    page = client.get(url(cast, "workspace")).content.decode()
    assert page.count("nej, utelämnad") == 0 and "ja, återtagen" in page
    client.post(url(cast, "readmission", application_id=ended.adept.public_id), {"readmit": "0"})
    assert loading.load(cast.program).adepts == []
    assert AuditEntry.objects.filter(action="matching.left_out").count() == 1


def test_someone_in_an_active_pair_cannot_be_taken_back_in(cast, client_for):
    make_trio(cast)
    services.publish(proposal=first_proposal(cast), published_by=cast.coordinator)
    active = Mentorship.objects.filter(program=cast.program).first()
    response = client_for("coordinator").post(
        url(cast, "readmission", application_id=active.adept.public_id), {"readmit": "1"}
    )
    assert response.status_code == 404


def test_withdrawn_people_are_out_of_later_runs(cast):
    from revmentor.applications.services import withdraw

    trio = make_trio(cast)
    withdraw(application=trio["Alf Adept"], withdrawn_by=cast.participant)
    assert [a.full_name for a in loading.load(cast.program).adepts] == [
        "Agnes Adept",
        "Arne Adept",
    ]
