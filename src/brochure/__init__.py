"""Print-ready career brochures from career records and official BLS figures."""

__version__ = "0.1.0"
