"""The scrutiny officer's screens: import minutes, review what was extracted, chairs, merge, publish."""
