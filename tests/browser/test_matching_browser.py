"""The matching workspace in Chromium: run, lock, run again, publish; axe on every page, 320 px."""

import pytest
from django.urls import reverse

from revmentor.matching.models import Proposal
from revmentor.mentorships.models import Mentorship
from revmentor.programs.models import Program
from tests.browser.test_programs_browser import sign_in_as
from tests.matching.support import make_trio

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_locks_runs_again_and_publishes(
    page, live_server, axe_check, cast, run_tasks
):
    make_trio(cast)
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.MATCHING)
    sign_in_as(page, live_server, cast.coordinator)
    slug = cast.program.slug
    page.goto(reverse("matching:workspace", kwargs={"slug": slug}))
    axe_check(page, "matching-workspace-empty")
    page.get_by_role("link", name="Kör en matchning").first.click()
    axe_check(page, "matching-run")
    page.fill("#id_topics", "-1")
    page.get_by_role("button", name="Kör matchningen").click()
    page.wait_for_selector(".error-summary")
    assert "större än eller lika med 0" in page.locator(".error-summary").inner_text()
    axe_check(page, "matching-run-errors")
    page.fill("#id_topics", "3")
    page.get_by_role("button", name="Kör matchningen").click()
    # The POST answered before the run: the workspace shows it queued, and polls.
    page.wait_for_selector("text=Matchningen är köad.")
    progress = page.locator("#run [role=status]")
    assert "väntar på bakgrundsarbetet" in progress.inner_text()
    assert not Proposal.objects.exists()
    axe_check(page, "matching-run-queued")
    run_tasks()
    # Without reloading, the live region now says the proposal is ready.
    progress.get_by_text("Förslag 1 är klart: 3 par.").wait_for()
    assert page.locator("[data-run-manual-refresh]").is_hidden()
    axe_check(page, "matching-run-done")
    page.get_by_role("link", name="Öppna förslag 1").click()
    page.wait_for_selector("text=Genomsnittlig passform")
    axe_check(page, "matching-proposal")
    page.get_by_text("Jämför med en enkel parning efter tur").click()
    page.get_by_role("button", name="Räkna fram jämförelsen").click()
    # The comparison runs on the worker too; the proposal page shows it under way.
    page.wait_for_selector("text=Jämförelsen räknas fram")
    axe_check(page, "matching-comparison-queued")
    run_tasks()
    done = page.locator("#run [role=status]")
    done.get_by_text("Jämförelsen för förslag 1 är klar.").wait_for()
    assert "Med samma personer ger den 3 par" in done.inner_text()
    axe_check(page, "matching-comparison-done")
    page.get_by_role("button", name="Lås Max Mentor – Agnes Adept").click()
    page.wait_for_selector("text=låst")
    page.get_by_role("link", name="Kör igen och behåll låsningarna").click()
    assert page.locator("#id_keep_locks_from").input_value() == str(
        Proposal.objects.get().public_id
    )
    page.get_by_role("button", name="Kör matchningen").click()
    page.wait_for_selector("text=Matchningen är köad.")
    run_tasks()
    page.get_by_role("link", name="Öppna förslag 2").click()
    page.wait_for_selector("text=Genomsnittlig passform")
    second = Proposal.objects.get(number=2)
    assert list(second.pairs.filter(locked=True).values_list("mentor__full_name", flat=True)) == [
        "Max Mentor"
    ]
    page.get_by_role("link", name="Para ihop två personer för hand").click()
    page.select_option("#id_pair-mentor", label="Mira Mentor (A, 1995)")
    page.select_option("#id_pair-adept", label="Arne Adept (B, 1975)")
    page.get_by_role("button", name="Pröva paret").click()
    page.wait_for_selector("#plan-title")
    # The pair scores 4 of the best possible 8: half the best possible fit.
    card = page.locator(".card").inner_text().replace("\xa0", " ")
    assert "Passform\n50 % av bästa möjliga" in card
    axe_check(page, "matching-pair-by-hand")
    page.goto(reverse("matching:exclusions", kwargs={"slug": slug}))
    axe_check(page, "matching-exclusions")
    page.goto(reverse("matching:workspace", kwargs={"slug": slug}))
    axe_check(page, "matching-workspace")
    page.goto(reverse("matching:publish", kwargs={"slug": slug, "public_id": second.public_id}))
    axe_check(page, "matching-publish")
    page.get_by_role("button", name="Publicera och meddela deltagarna").click()
    page.wait_for_selector("text=Paren är publicerade")
    assert Mentorship.objects.filter(program=cast.program).count() == 3
    assert Program.objects.get(pk=cast.program.pk).status == "running"
    axe_check(page, "matching-published")


def test_the_proposal_pager_works_by_keyboard(page, live_server, axe_check, cast):
    from decimal import Decimal

    from revmentor.matching import engine, services
    from revmentor.matching.models import ProposedPair
    from tests.matching.support import nominate

    proposal = services.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    for i in range(52):
        ProposedPair.objects.create(
            proposal=proposal,
            mentor=nominate(cast, f"Mentor Nummer{i}", "a", 1995, [0], "mentor"),
            adept=nominate(cast, f"Adept Nummer{i}", "b", 1965, [0], "adept"),
            score=Decimal(50 + i) / 10,
            parts={},
            explanation_sv="Skäl",
            explanation_en="Reason",
        )
    sign_in_as(page, live_server, cast.coordinator)
    page.goto(
        reverse(
            "matching:proposal", kwargs={"slug": cast.program.slug, "public_id": proposal.public_id}
        )
    )
    axe_check(page, "matching-proposal-paged")
    # Order by lowest fit by keyboard: focus the select, choose, submit with Enter.
    page.focus("#pairs-sort")
    page.select_option("#pairs-sort", "fit_low")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=fit_low**")
    assert page.locator("tbody tr").first.inner_text().startswith("Mentor Nummer0")
    pager = page.get_by_role("navigation", name="Sidor med par")
    pager.get_by_role("link", name="Nästa sida").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2**")
    assert "sort=fit_low" in page.url
    assert pager.locator('[aria-current="page"]').inner_text().endswith("2")
    assert page.locator("tbody tr").first.inner_text().startswith("Mentor Nummer50")


def test_the_proposal_page_fits_320_pixels(page, live_server, cast):
    from revmentor.matching import engine, services

    make_trio(cast)
    proposal = services.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    sign_in_as(page, live_server, cast.coordinator)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(
        reverse(
            "matching:proposal", kwargs={"slug": cast.program.slug, "public_id": proposal.public_id}
        )
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
