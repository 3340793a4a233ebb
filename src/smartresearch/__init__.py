"""smartresearch: compare how countries build digital government."""
__version__ = "0.1.0"
