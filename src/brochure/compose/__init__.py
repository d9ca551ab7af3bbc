"""Compose: a career, its figures and a layout become a Plan (plain values, no PDF)."""
