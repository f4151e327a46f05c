"""Regular expressions compiled once: the engine builds many patterns from the rules file at run time
("(?:{roles})[\\s,]*$"); Python's own cache of 512 patterns, shared with pysbd's, was too small for
them, and recompiling took a third of the time of a long article. Same signatures as `re`."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str, flags: int) -> re.Pattern:
    return re.compile(pattern, flags)


def _rx(pattern, flags: int) -> re.Pattern:
    return pattern if isinstance(pattern, re.Pattern) else _compiled(pattern, flags)


def search(pattern, string: str, flags: int = 0):
    return _rx(pattern, flags).search(string)


def match(pattern, string: str, flags: int = 0):
    return _rx(pattern, flags).match(string)


def fullmatch(pattern, string: str, flags: int = 0):
    return _rx(pattern, flags).fullmatch(string)


def finditer(pattern, string: str, flags: int = 0):
    return _rx(pattern, flags).finditer(string)


def findall(pattern, string: str, flags: int = 0):
    return _rx(pattern, flags).findall(string)


def sub(pattern, repl, string: str, count: int = 0, flags: int = 0):
    return _rx(pattern, flags).sub(repl, string, count)
