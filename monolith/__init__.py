"""The shop before the split: one Django app that does everything (the tutorial's chapter 0)."""
