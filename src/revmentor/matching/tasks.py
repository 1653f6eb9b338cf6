"""The matching run as a background task for `manage.py db_worker`: the web request only queues it."""

from django.tasks import task


@task()
def run_matching(*, run_id: int) -> str:
    """Carry out the queued matching run ``run_id`` (an id only: names are read when it runs)."""
    from revmentor.matching.services import carry_out_run

    return carry_out_run(run_id=run_id)
