"""Partners never learn each other's age; the end of a pair is told without its reason."""

from django.core import mail as outbox
from django.urls import reverse

from revmentor.matching import engine
from revmentor.matching import services as matching
from revmentor.mentorships.models import Mentorship, without_age
from tests.auth import sign_in
from tests.matching.support import make_trio
from tests.mentorships.support import make_running


def test_the_age_clause_becomes_the_rule_being_met_in_both_languages():
    assert (
        without_age("Delar intresse för AI; olika myndigheter; 36 års åldersskillnad", "sv")
        == "Delar intresse för AI; olika myndigheter; åldersregeln uppfylls"
    )
    assert without_age("No shared interests; same agency; mentorn är 3 år äldre", "sv") == (
        "No shared interests; same agency; åldersregeln uppfylls"
    )
    assert without_age("Shares interest in AI; 1 year's age gap; same city", "en") == (
        "Shares interest in AI; the age rule is met; same city"
    )
    assert (
        without_age(
            "Talar för: delar intresse för AI och 36 års åldersskillnad. Talar emot: samma myndighet.",
            "sv",
        )
        == "Talar för: delar intresse för AI och åldersregeln uppfylls. Talar emot: samma myndighet."
    )
    assert without_age("Shares interest in AI; same age", "en") == (
        "Shares interest in AI; the age rule is met"
    )


def test_the_match_e_mail_and_my_program_show_no_age_gap(cast, client, run_tasks):
    make_running(cast.program)
    make_trio(cast)
    proposal = matching.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    matching.publish(proposal=proposal, published_by=cast.coordinator)
    pair = Mentorship.objects.filter(program=cast.program).select_related("adept").first()
    assert "åldersskillnad" in pair.explanation_sv  # the coordinator's view keeps it
    sent = run_tasks()
    matched = [m for m in sent if "Därför matchades ni:" in m.body]
    assert len(matched) == 6
    assert [m.to for m in matched if "åldersskillnad" in m.body or "år äldre" in m.body] == []
    assert all("åldersregeln uppfylls" in m.body for m in matched)
    sign_in(client, pair.adept.applicant)
    page = client.get(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    assert ("åldersskillnad" in page.text, "åldersregeln uppfylls" in page.text) == (False, True)
    outbox.outbox.clear()
