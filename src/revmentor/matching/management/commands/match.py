"""Run a matching from the command line: ``manage.py match <program-slug> [--json] [--capacity K]``.

It runs in this process (no background worker); ``--compare`` adds the simple first-come
pairing of the same people for comparison, as the proposal page's button does.
"""

import json
import math

from django.core.management.base import BaseCommand, CommandError

from revmentor.matching import engine, services
from revmentor.matching.forms import default_organisation_mode
from revmentor.matching.models import Proposal
from revmentor.programs.models import Program


def _weight(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    if name not in engine.PART_NAMES:
        raise CommandError(f"unknown weight {name!r}; choose from {', '.join(engine.PART_NAMES)}")
    try:
        number = float(value)
    except ValueError:
        raise CommandError(f"weight {name} needs a number, got {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise CommandError(f"weight {name} must be a number of zero or more, got {value!r}")
    return name, number


class Command(BaseCommand):
    help = "Match a program's nominated mentors and adepts into a new proposal and summarise it."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the program's address name")
        parser.add_argument("--json", action="store_true", help="print one JSON document")
        parser.add_argument("--capacity", type=int, default=1, help="adepts per mentor (1..10)")
        parser.add_argument("--fair", action="store_true", help="raise the lowest score first")
        parser.add_argument(
            "--compare",
            action="store_true",
            help="also work out the simple first-come (greedy) pairing for comparison",
        )
        parser.add_argument("--min-age-gap", type=int, default=10, help="years (default 10)")
        parser.add_argument("--no-age-gap", action="store_true", help="switch the age rule off")
        parser.add_argument(
            "--organisations",
            choices=["required", "preferred", "indifferent"],
            default=None,
            help="different organisations required, preferred or indifferent "
            "(default: required when the program has several organisations)",
        )
        parser.add_argument("--allow-own-manager", action="store_true")
        parser.add_argument("--allow-same-unit", action="store_true")
        parser.add_argument("--ignore-format", action="store_true")
        parser.add_argument(
            "--weight", action="append", default=[], metavar="NAME=VALUE", type=_weight
        )
        parser.add_argument(
            "--keep-locks-from",
            type=int,
            metavar="NUMBER",
            help="proposal number whose locks to keep",
        )

    def handle(self, *args, **options):
        program = Program.objects.filter(slug=options["slug"]).first()
        if program is None:
            raise CommandError(f"no program with the address name {options['slug']!r}")
        if not 1 <= options["capacity"] <= 10:
            raise CommandError("--capacity must be between 1 and 10")
        rules = engine.Rules(
            min_age_gap=None if options["no_age_gap"] else options["min_age_gap"],
            different_organisation=options["organisations"]
            or default_organisation_mode(program.participations.count()),
            forbid_own_manager=not options["allow_own_manager"],
            forbid_same_unit=not options["allow_same_unit"],
            format_compatibility=not options["ignore_format"],
            capacity=options["capacity"],
            fair=options["fair"],
        )
        weights = engine.Weights(**dict(options["weight"]))
        base = None
        if options["keep_locks_from"] is not None:
            base = Proposal.objects.filter(
                program=program, number=options["keep_locks_from"]
            ).first()
            if base is None:
                raise CommandError(f"no proposal number {options['keep_locks_from']}")
        try:
            proposal = services.run_matching(
                program=program, rules=rules, weights=weights, created_by=None, keep_locks_from=base
            )
            if options["compare"]:
                services.compare_with_greedy(proposal=proposal)
        except services.MatchingError as error:
            raise CommandError("; ".join(error.messages)) from None
        document = summary(proposal)
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(readable(document))


def summary(proposal: Proposal) -> dict:
    """Pairs, unmatched people and quality figures of a proposal as plain JSON values."""
    pairs = proposal.pairs.select_related("mentor", "adept").order_by("-score", "id")
    unmatched = proposal.unmatched.select_related("application").order_by("side", "id")
    return {
        "program": proposal.program.slug,
        "proposal": proposal.number,
        "id": str(proposal.public_id),
        "rules": proposal.rules,
        "weights": proposal.weights,
        "pairs": [
            {
                "mentor": pair.mentor.full_name,
                "mentor_email": pair.mentor.email,
                "adept": pair.adept.full_name,
                "adept_email": pair.adept.email,
                "score": float(pair.score),
                "parts": pair.parts,
                "locked": pair.locked,
                "explanation_sv": pair.explanation_sv,
                "explanation_en": pair.explanation_en,
            }
            for pair in pairs
        ],
        "unmatched": [
            {
                "name": person.application.full_name,
                "side": person.side,
                "reason": person.reason_code,
                "reason_sv": person.reason_sv,
                "reason_en": person.reason_en,
            }
            for person in unmatched
        ],
        "quality": proposal.quality,
        "greedy_quality": proposal.greedy_quality or None,
    }


def readable(document: dict) -> str:
    quality, greedy = document["quality"], document["greedy_quality"]
    lowest = quality["lowest_score"]
    comparison = (
        f" (greedy fill: {greedy['pairs']} pairs, total {greedy['total_score']:.2f})"
        if greedy
        else ""
    )
    lines = [
        f"Proposal {document['proposal']} for {document['program']}: "
        f"{quality['pairs']} pairs, total score {quality['total_score']:.2f}, "
        f"lowest {'-' if lowest is None else f'{lowest:.2f}'}{comparison}",
        "",
    ]
    for pair in document["pairs"]:
        lock = " [locked]" if pair["locked"] else ""
        lines.append(f"{pair['score']:6.2f}  {pair['mentor']} – {pair['adept']}{lock}")
        lines.append(f"        {pair['explanation_en']}")
    if document["unmatched"]:
        lines += ["", "Without a partner:"]
        lines += [f"  {p['name']} ({p['side']}): {p['reason_en']}" for p in document["unmatched"]]
    return "\n".join(lines) + "\n"
