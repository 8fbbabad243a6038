"""Helpers without the two magic words: never parsed."""
VALUE = 1
