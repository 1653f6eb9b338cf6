"""The archive page in a real browser, scanned with axe-core (WCAG 2.1 AA), with its error."""

import pytest

from revmentor.programs.models import Program
from tests.applications.support import make_application
from tests.archive.support import made_package
from tests.privacy.test_browser import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_archive_page_is_accessible_with_its_list_and_its_error(
    page, axe_check, cast, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    make_application(cast.program, cast.org_a, applicant=cast.participant)
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.CLOSED)
    made_package(cast.program)
    _sign_in(page, live_server, cast.coordinator)
    page.goto(f"/manage/{cast.program.slug}/archive/")
    axe_check(page, "archive-manage")
    page.get_by_role("button", name="Skapa paketet och gallra uppgifterna").click()
    assert page.get_by_text("Bekräfta att du har läst gallringslistan.").first.is_visible()
    axe_check(page, "archive-manage-error")
