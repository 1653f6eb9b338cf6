"""``manage.py match``: a proposal from the command line, as JSON or a readable summary."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from revmentor.matching.models import Proposal
from tests.matching.support import make_trio


def match(*args) -> str:
    out = StringIO()
    call_command("match", *args, stdout=out)
    return out.getvalue()


def test_json_output_holds_pairs_unmatched_and_quality(cast):
    make_trio(cast)
    document = json.loads(match(cast.program.slug, "--json", "--min-age-gap", "24"))
    assert document["proposal"] == 1
    assert [(p["mentor"], p["adept"], p["score"]) for p in document["pairs"]] == [
        ("Mira Mentor", "Alf Adept", 6.75),
        ("Max Mentor", "Agnes Adept", 5.25),
    ]
    assert [(u["name"], u["side"], u["reason"]) for u in document["unmatched"]] == [
        ("Arne Adept", "adept", "no_admissible_partner"),
        ("Moa Mentor", "mentor", "outnumbered"),
    ]
    assert document["quality"]["pairs"] == 2
    assert document["rules"]["min_age_gap"] == 24
    assert Proposal.objects.get().created_by is None


def test_the_readable_summary_lists_each_pair_with_its_reason(cast):
    make_trio(cast)
    # Without topics a pair scores diversity + age closeness + 2; with two adepts per mentor
    # each adept takes its best mentor: Alf and Arne Mira (3.75, 4.00), Agnes Max (3.75).
    text = match(cast.program.slug, "--capacity", "2", "--weight", "topics=0")
    assert text.splitlines()[0] == (
        f"Proposal 1 for {cast.program.slug}: 3 pairs, total score 11.50, lowest 3.75"
    )
    assert "  4.00  Mira Mentor – Arne Adept" in text
    assert Proposal.objects.get().rules["capacity"] == 2
    assert Proposal.objects.get().greedy_quality == {}


def test_the_greedy_comparison_is_worked_out_only_when_asked(cast):
    make_trio(cast)
    text = match(cast.program.slug, "--capacity", "2", "--weight", "topics=0", "--compare")
    assert text.splitlines()[0] == (
        f"Proposal 1 for {cast.program.slug}: 3 pairs, total score 11.50, lowest 3.75 "
        "(greedy fill: 3 pairs, total 11.50)"
    )
    assert Proposal.objects.get().greedy_quality["pairs"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-program"], "no program with the address name 'no-such-program'"),
        (["omvant-test", "--capacity", "0"], "--capacity must be between 1 and 10"),
        (
            ["omvant-test", "--weight", "topics=nan"],
            "weight topics must be a number of zero or more, got 'nan'",
        ),
        (["omvant-test", "--weight", "colour=1"], "unknown weight 'colour'"),
    ],
)
def test_bad_arguments_give_a_clear_error(cast, args, message):
    with pytest.raises(CommandError) as caught:
        match(*args)
    assert message in str(caught.value)
