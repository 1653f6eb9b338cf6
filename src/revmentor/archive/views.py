"""The coordinator's archive page: what will be packaged and disposed of, then the package."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from revmentor.archive import queries, services
from revmentor.archive.forms import ArchiveForm
from revmentor.archive.models import ArchivePackage
from revmentor.core import permissions
from revmentor.privacy.models import privacy_for
from revmentor.programs.models import Program

PACKAGE_FILES = [
    "beslut-sista-ansokningsdag.csv",
    "beslut-programstatus.csv",
    "deltagare.csv",
    "par.csv",
    "narvaro-gemensamma-traffar.csv",
    "utvardering.csv",
    "utvardering-instrument.csv",
    "fakturaunderlag.csv",
]


@login_required
@permissions.program_role("coordinator")
def manage(request, program):
    """Show the package's contents and the disposal list; on confirmation, queue the package."""
    closed = program.status == Program.Status.CLOSED
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and closed and form.is_valid():
        try:
            services.request_package(program=program, requested_by=request.user)
        except services.ArchiveError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The package is being made. This page shows it when it is ready."),
            )
        return redirect("archive:manage", slug=program.slug)
    plan = queries.disposal_plan(program)
    return render(
        request,
        "archive/manage.html",
        {
            "program": program,
            "closed": closed,
            "form": form if closed else None,
            "plan": plan,
            "privacy": privacy_for(program),
            "package_files": PACKAGE_FILES,
            "organisations": program.participations.count(),
            "packages": queries.packages_visible_to(request.user, program),
            "general_rule": queries.GENERAL_RULE,
            "tab": "archive",
        },
    )


@login_required
@permissions.program_role("coordinator")
def download(request, program, public_id):
    package = get_object_or_404(
        queries.packages_visible_to(request.user, program).filter(
            status=ArchivePackage.Status.DONE
        ),
        public_id=public_id,
    )
    if not package.file:
        raise Http404
    services.record_download(package=package, downloaded_by=request.user)
    return FileResponse(
        package.file.open("rb"),
        as_attachment=True,
        filename=f"{package.package_name}.zip",
        content_type="application/zip",
    )
