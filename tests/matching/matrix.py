from django.urls import reverse

from revmentor.matching import engine, services
from revmentor.matching.models import Exclusion, MatchingRun
from tests.matching.support import make_trio
from tests.matrix import Case, only


def _proposal(c):
    found = c.program.proposals.filter(published_at__isnull=True).first()
    if found is None:
        if not c.program.applications.exists():
            make_trio(c)
        found = services.run_matching(
            program=c.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
        )
    return found


def workspace_url(name):
    return lambda c: reverse(f"matching:{name}", kwargs={"slug": c.program.slug})


def proposal_url(name):
    def build(c):
        return reverse(
            f"matching:{name}", kwargs={"slug": c.program.slug, "public_id": _proposal(c).public_id}
        )

    return build


def pair_url(name):
    def build(c):
        proposal = _proposal(c)
        pair = proposal.pairs.first()
        return reverse(
            f"matching:{name}",
            kwargs={
                "slug": c.program.slug,
                "public_id": proposal.public_id,
                "pair_id": pair.public_id,
            },
        )

    return build


def exclusion_delete(c):
    proposal = _proposal(c)
    pair = proposal.pairs.first()
    exclusion, _ = Exclusion.objects.get_or_create(
        program=c.program, mentor=pair.mentor, adept=pair.adept
    )
    return reverse(
        "matching:exclusion_delete",
        kwargs={"slug": c.program.slug, "public_id": exclusion.public_id},
    )


def readmission_url(c):
    from revmentor.mentorships.models import Mentorship

    proposal = _proposal(c)
    pair = proposal.pairs.first()
    mentorship, _ = Mentorship.objects.get_or_create(
        program=c.program, mentor=pair.mentor, adept=pair.adept, defaults={"status": "ended"}
    )
    return reverse(
        "matching:readmission",
        kwargs={"slug": c.program.slug, "application_id": mentorship.adept.public_id},
    )


def run_status_url(c):
    found = MatchingRun.objects.filter(program=c.program).first()
    if found is None:
        found = MatchingRun.objects.create(program=c.program)
    return reverse(
        "matching:run_status", kwargs={"slug": c.program.slug, "public_id": found.public_id}
    )


COORDINATOR_PAGE = only({"coordinator": 200})
COORDINATOR_POST = only({"coordinator": 302})

MATRIX = {
    "matching:workspace": Case(workspace_url("workspace"), COORDINATOR_PAGE),
    "matching:run": Case(workspace_url("run"), COORDINATOR_PAGE),
    "matching:run_status": Case(run_status_url, COORDINATOR_PAGE),
    "matching:compare": Case(proposal_url("compare"), COORDINATOR_POST, method="post"),
    "matching:exclusions": Case(workspace_url("exclusions"), COORDINATOR_PAGE),
    "matching:exclusion_delete": Case(exclusion_delete, COORDINATOR_POST, method="post"),
    "matching:proposal": Case(proposal_url("proposal"), COORDINATOR_PAGE),
    "matching:pair_by_hand": Case(proposal_url("pair_by_hand"), COORDINATOR_PAGE),
    "matching:publish": Case(proposal_url("publish"), COORDINATOR_PAGE),
    "matching:pair_lock": Case(
        pair_url("pair_lock"), COORDINATOR_POST, method="post", data=lambda c: {"locked": "1"}
    ),
    "matching:pair_break": Case(pair_url("pair_break"), COORDINATOR_POST, method="post"),
    "matching:readmission": Case(
        readmission_url, COORDINATOR_POST, method="post", data=lambda c: {"readmit": "1"}
    ),
}
