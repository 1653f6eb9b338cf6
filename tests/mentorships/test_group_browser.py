"""In the browser: a mentor and three adepts, one group; a meeting one of them logs is read
by all four, and the group page passes axe."""

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.mentorships.models import MeetingLog
from tests.browser.test_programs_browser import sign_in_as
from tests.mentorships.test_groups import mentor_and_three_adepts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_group_of_a_mentor_and_three_adepts_logs_a_meeting_that_all_see(
    page, live_server, axe_check, cast
):
    group, adepts = mentor_and_three_adepts(cast)
    slug = cast.program.slug
    group_url = reverse("mentorships:group", kwargs={"slug": slug, "group": group.public_id})
    sign_in_as(page, live_server, adepts[0])
    page.goto(reverse("mentorships:my_program", kwargs={"slug": slug}))
    # One card for the group, naming all four members.
    card = page.get_by_role("region", name="Din grupp: Grupp med Pia")
    assert card.get_by_role("listitem").count() == 4
    axe_check(page, "mentorships-my-program-group")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("region", name="Your group: Grupp med Pia").count() == 1
    axe_check(page, "mentorships-my-program-group-en")
    page.get_by_role("link", name="Svenska").click()
    card = page.get_by_role("region", name="Din grupp: Grupp med Pia")
    card.get_by_role("link", name="Gå till gruppen").click()
    assert page.locator("h1").inner_text() == "Grupp: Grupp med Pia"
    axe_check(page, "mentorships-group-member")
    page.get_by_role("link", name="Anteckna en gruppträff").click()
    day = timezone.localdate() - timezone.timedelta(days=1)
    page.get_by_label("Ja, vi har träffats").check()
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("14:00")
    page.locator("#id_hours").fill("1.5")
    page.locator("#id_topics").fill("Generationer på jobbet")
    page.get_by_label("Anteckningar för gruppen").fill("Vi pratade om hybridarbete")
    axe_check(page, "mentorships-group-log-form")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector(".message, .error-summary")
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    assert list(MeetingLog.objects.values_list("group_id", "created_by_id", "topics")) == [
        (group.pk, adepts[0].pk, "Generationer på jobbet")
    ]
    for user in [cast.participant, adepts[1], adepts[2]]:
        page.context.clear_cookies()
        sign_in_as(page, live_server, user)
        page.goto(group_url)
        table = page.get_by_role("table", name="Gruppens möten")
        assert "Generationer på jobbet" in table.inner_text(), user.full_name
        assert "Vi pratade om hybridarbete" in table.inner_text(), user.full_name
    axe_check(page, "mentorships-group-log")
