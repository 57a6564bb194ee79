"""One hierarchy of errors, each with a greppable code.

FrontwatchError
├── InputError (E1xx)      bad input: names the file (and line) and what is wrong
│   └── TooLargeError (E102)
├── FetchError (E2xx)      a URL could not be fetched
├── StoreError (E3xx)      the store could not be opened or written
└── ConfigError (E4xx)     a setting or model name is wrong
"""

from __future__ import annotations


class FrontwatchError(Exception):
    """Base of every error frontwatch raises on purpose."""

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(FrontwatchError):
    """A source could not be read: ``source`` names it, ``line`` where it applies."""

    code = "E101"

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.reason = reason
        self.line = line

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # pickled as its fields (Ray sends read results between machines); the default
        # would call __init__ with the formatted message alone
        return type(self), (self.source, self.reason, self.line)


class TooLargeError(InputError):
    code = "E102"


class FetchError(FrontwatchError):
    code = "E201"


class StoreError(FrontwatchError):
    code = "E301"


class ConfigError(FrontwatchError):
    code = "E401"
