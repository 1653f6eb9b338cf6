"""The retention job as a background task for `manage.py db_worker` (schedule it daily)."""

from django.tasks import task


@task()
def apply_retention() -> dict:
    """Anonymise whatever every program's retention periods make due."""
    from revmentor.privacy.services import run_retention

    return run_retention()
