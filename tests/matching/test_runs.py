"""Matching runs on the worker: stages written as they go, one active run, retries, privacy."""

import pytest
from django.db import IntegrityError, transaction

from revmentor.matching import engine, services
from revmentor.matching.loading import Loaded
from revmentor.matching.models import MatchingRun, Proposal
from revmentor.privacy import registry
from tests.matching.support import make_trio, nominate

pytestmark = pytest.mark.django_db


def start(cast) -> MatchingRun:
    return services.start_run(
        program=cast.program,
        rules=engine.Rules(),
        weights=engine.Weights(),
        created_by=cast.coordinator,
    )


def test_the_run_writes_each_stage_before_it_starts_it(cast, monkeypatch, run_tasks):
    make_trio(cast)
    matching_run = start(cast)
    seen = []
    solve, describe = engine.solve, Loaded.describe

    def spy_solve(*args, **kwargs):
        seen.append(MatchingRun.objects.get(pk=matching_run.pk).stage)
        return solve(*args, **kwargs)

    def spy_describe(self, explanation):
        seen.append(MatchingRun.objects.get(pk=matching_run.pk).stage)
        return describe(self, explanation)

    monkeypatch.setattr(engine, "solve", spy_solve)
    monkeypatch.setattr(Loaded, "describe", spy_describe)
    run_tasks()
    assert seen == ["solving", "explaining", "explaining", "explaining"]
    matching_run.refresh_from_db()
    assert (matching_run.status, matching_run.stage) == ("done", "finished")
    assert matching_run.started_at <= matching_run.finished_at


def test_the_database_refuses_a_second_active_run_of_a_program(cast):
    MatchingRun.objects.create(program=cast.program, status="running")
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchingRun.objects.create(program=cast.program)
    # Finished runs do not count, nor do other programs' runs.
    MatchingRun.objects.create(program=cast.program, status="done")
    MatchingRun.objects.create(program=cast.program, status="failed")
    MatchingRun.objects.create(program=cast.other_program)


def test_a_task_queued_again_for_a_finished_run_does_nothing(cast):
    make_trio(cast)
    matching_run = start(cast)
    assert services.carry_out_run(run_id=matching_run.pk) == "done"
    assert services.carry_out_run(run_id=matching_run.pk) == "skipped"
    assert Proposal.objects.count() == 1


def test_a_run_given_up_as_stale_is_not_carried_out_later(cast):
    make_trio(cast)
    matching_run = start(cast)
    MatchingRun.objects.filter(pk=matching_run.pk).update(status="failed", failure="interrupted")
    assert services.carry_out_run(run_id=matching_run.pk) == "skipped"
    assert not Proposal.objects.exists()


def test_erasure_and_retention_blank_a_failed_runs_objections(cast, run_tasks):
    make_trio(cast)
    twin = nominate(
        cast, "Mira Tvilling", "b", 1995, [0], "mentor", email="mira.mentor@test.example"
    )
    start(cast)
    run_tasks()
    assert "Mira Tvilling" in MatchingRun.objects.get().failure_sv
    provider = registry.provider("matching")
    provider.erase(user=twin.applicant, program=cast.program)
    assert list(MatchingRun.objects.values_list("failure", "failure_sv", "failure_en")) == [
        ("problems", "", "")
    ]


def test_a_comparison_of_a_proposal_removed_meanwhile_fails_saying_so(cast, run_tasks):
    make_trio(cast)
    proposal = services.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    comparison = services.start_comparison(proposal=proposal, requested_by=cast.coordinator)
    proposal.delete()
    run_tasks()
    comparison.refresh_from_db()
    assert (comparison.status, comparison.failure) == ("failed", "problems")
    assert comparison.objections("sv") == ["Förslaget som skulle jämföras har tagits bort."]
    assert comparison.objections("en") == ["The proposal to compare has been removed."]
