"""The demo seed matches and publishes the closed program once, quickly enough for 120 people."""

import random
import time

from revmentor.matching import demo, engine, services
from revmentor.mentorships.models import Mentorship
from revmentor.programs.demo import DemoContext
from revmentor.programs.models import Program
from tests.matching.support import nominate

CITIES = ["Stockholm", "Göteborg", "Malmö", "Umeå", ""]


def populate(cast, per_side: int = 60) -> None:
    """A demo-sized program: ``per_side`` mentors and adepts with varied answers."""
    rng = random.Random(2022)
    slots = ["mon_am", "tue_pm", "wed_am", "thu_pm", "fri_am"]
    for side, years in (("mentor", (1990, 2000)), ("adept", (1958, 1978))):
        for i in range(per_side):
            nominate(
                cast,
                f"{side.title()} Demo{i}",
                rng.choice("ab"),
                rng.randint(*years),
                rng.sample(range(3), rng.randint(1, 2)),
                side,
                unit=f"Enhet {rng.randint(1, 8)}",
                city=rng.choice(CITIES),
                preferred_format=rng.choice(["digital", "either", "either", "physical"]),
                languages=rng.sample(["sv", "en", "fi", "ar"], rng.randint(1, 2)),
                availability=rng.sample(slots, rng.randint(1, 4)),
            )


def test_the_seed_publishes_the_closed_program_once_and_ends_its_pairs(cast):
    populate(cast, per_side=8)
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.CLOSED)
    cast.program.refresh_from_db()
    ctx = DemoContext(faker=None, closed=cast.program)
    demo.seed(ctx)
    pairs = Mentorship.objects.filter(program=cast.program)
    count = pairs.count()
    assert count == cast.program.proposals.get().pairs.count() > 0
    assert set(pairs.values_list("status", "end_reason")) == {("ended", "Programmet avslutades.")}
    demo.seed(ctx)
    assert (pairs.count(), cast.program.proposals.count()) == (count, 1)


def test_the_seed_skips_a_program_without_both_sides(cast):
    demo.seed(DemoContext(faker=None, closed=cast.program))
    assert cast.program.proposals.count() == 0


def test_matching_a_demo_sized_program_takes_well_under_a_second(cast):
    populate(cast)
    started = time.perf_counter()
    proposal = services.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    elapsed = time.perf_counter() - started
    assert (proposal.mentors, proposal.adepts) == (60, 60)
    assert proposal.quality["pairs"] + proposal.unmatched.filter(side="adept").count() == 60
    print(f"matching 60 + 60 took {elapsed:.3f} s")
    assert elapsed < 1.0, f"{elapsed:.3f} s"
