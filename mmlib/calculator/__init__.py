"""The on-page calculators: what mmlib exports for them, and their JavaScript rules.

The calculators of the book (the 计算器 chapter and the forms embedded in the
pages) run in the reader's browser, from ``file://`` too, with no Python.  Their
logic is a small dependency-free JavaScript port of the rules in
:mod:`mmlib` (``mmlib/calculator/js/``); every number, cut-off, field range and
Chinese label they use is exported from :mod:`mmlib` at build time by
:func:`~mmlib.calculator.export.calculator_data`, so nothing is typed twice.
The test suite runs the JavaScript in Node and :mod:`mmlib` on the same cases
and requires identical results.

>>> from mmlib.calculator import calculator_data, JS_FILES
>>> data = calculator_data()
>>> data["thresholds"]["imwg2014.crab.calcium"]["op"]
'>'
>>> JS_FILES[0]
'mm-core.js'
"""

from .export import JS_DIR, JS_FILES, bundle, calculator_data, data_script

__all__ = ["calculator_data", "data_script", "bundle", "JS_DIR", "JS_FILES"]
