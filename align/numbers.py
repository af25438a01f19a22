"""Kept so that ``from align.numbers import ...`` still works: the check lives in
:mod:`align.checks.numbers`, registered with the other checks."""

from .checks.numbers import Quantity, compare_quantities, extract_quantities

__all__ = ["Quantity", "compare_quantities", "extract_quantities"]
