"""One module per statutory clock; each defines ``RULES``, registered in ``rules.RULEBOOK``."""

# rules.py imports the modules of this package once Rule is defined; importing it first keeps that
# order when a clock module is the first thing imported.
import haven.timescales.rules  # noqa: F401
