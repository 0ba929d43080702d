"""Signals of the shared store, so other code can react to actions without being coupled to who sent them."""

from django.dispatch import Signal

# Sent after an action changed the store. Arguments: request, action, changed (frozenset of slice names),
# state (the new state).
action_dispatched = Signal()

# Sent when a handoff is written or read. Arguments: request, channel.
handoff_written = Signal()
handoff_consumed = Signal()
