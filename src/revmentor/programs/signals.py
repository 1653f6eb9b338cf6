"""What programs announce to the apps built on them (programs imports none of those apps)."""

from django.dispatch import Signal

# Sent inside the deadline change's transaction with ``program`` and ``change``
# (a DeadlineChange); applications tells the people with drafts of a postponement.
deadline_changed = Signal()
