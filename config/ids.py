"""Database ids as every server of the shop stores them, and how many digits input may spend on one."""

# DEFAULT_AUTO_FIELD (config/base_settings.py) is a BigAutoField: a signed 64-bit integer.
MAX_ID = 2**63 - 1
# Input that names an id is read as at most this many ASCII digits, so that a number of thousands of digits is
# refused before int() spends time on it. 19 is what MAX_ID needs (9223372036854775807); some 19-digit numbers are
# larger than MAX_ID, so whoever reads one also checks its value.
ID_DIGITS = len(str(MAX_ID))
ID_PATTERN = f"[0-9]{{1,{ID_DIGITS}}}"
