"""Background work of the application flow, run by `manage.py db_worker`.

The draft reminder is a deferred task (``run_after`` three days before the deadline),
queued once per program and deadline. When it runs it re-reads the program: a moved
deadline has queued its own task, so a stale one does nothing, and each draft is
reminded once per deadline. `manage.py send_draft_reminders` does the same from cron.
"""

from datetime import datetime

from django.tasks import task

from revmentor.applications import services
from revmentor.programs.models import DeadlineChange, Program


@task()
def remind_drafts(*, program_id: int, deadline: str) -> int:
    """Remind applicants with unsent drafts of ``program_id`` if ``deadline`` is still current."""
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return 0
    return services.send_draft_reminders(program=program, deadline=datetime.fromisoformat(deadline))


@task()
def send_deadline_notices(*, change_id: int) -> int:
    """Tell everyone concerned about the moved deadline ``change_id`` (rendered now, by id)."""
    change = DeadlineChange.objects.select_related("program").filter(pk=change_id).first()
    if change is None:
        return 0
    return services.send_deadline_notices(change=change)
