"""Exceptions raised by smartresearch.

Every error says what was being read (dataset, file, column) and what to do about it,
so that a user who meets one in a notebook can fix the input without reading our code.
"""

from __future__ import annotations


class SmartResearchError(Exception):
    """Base class for every error this package raises on purpose."""


class MirrorNotConfiguredError(SmartResearchError):
    """The local mirror of the publishers' files cannot be found."""


class RawFileError(SmartResearchError):
    """A raw file in the mirror is missing or differs from the registry."""


class ChecksumMismatchError(RawFileError):
    """A raw file's sha256 differs from the one recorded in the registry."""


class ValidationError(SmartResearchError):
    """A table breaks its contract (columns, types, keys, ranges or country codes)."""


class UnreadableFileError(ValidationError):
    """A raw file cannot be parsed at all (a damaged workbook); the build adds the dataset."""


class UnknownCountryError(ValidationError):
    """A country name or code could not be resolved through the reference list."""


class UnknownDatasetError(SmartResearchError, KeyError):
    """A dataset name that the catalogue does not know."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else ""
