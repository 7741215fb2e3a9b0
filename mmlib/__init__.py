"""mmlib: calculators and teaching models for an executable textbook of multiple myeloma.

Teaching material, not clinical advice.
"""

__version__ = "0.1.0"
