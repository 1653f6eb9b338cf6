"""Before a task worker starts: run again the task this worker id was running when it died.

A worker stopped with SIGTERM finishes its task; one killed (SIGKILL, out of memory, power)
leaves that task marked running forever. Each worker has a fixed id that no other live
process uses (revmentor-worker@.service: host name and instance), so a task still marked
running under this id when the worker starts again was interrupted, and is queued again.
The one case this can double: killed after the e-mail left but before the task was marked
done, a window of one database write.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Queue again the task a worker with this --worker-id held when it was killed."

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True)

    def handle(self, *args, worker_id: str, **options):
        requeued = 0
        with transaction.atomic():
            for task in DBTaskResult.objects.select_for_update().filter(status="RUNNING"):
                if task.worker_ids and task.worker_ids[-1] == worker_id:
                    task.status = "READY"
                    task.started_at = None
                    task.save(update_fields=["status", "started_at"])
                    requeued += 1
        self.stdout.write(f"{worker_id}: {requeued} interrupted task(s) queued again")
