"""One error base for everything a user can get wrong; the CLI translates it in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes (docs/errors.md)."""

    OK = 0
    FAILURE = 1  # invalid data, failed operation, no match
    USAGE = 2  # unknown id, bad option


class GapcliError(Exception):
    """An expected failure with a message a person can act on."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(GapcliError):
    """The user asked for something that does not exist (unknown id, bad option value)."""

    exit_code = ExitCode.USAGE


class DataError(GapcliError):
    """The dataset is invalid; carries every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        found = "1 problem found; fix it" if count == 1 else f"{count} problems found; fix them"
        super().__init__("\n".join(problems) + f"\n{found} and run again.")


class OutputError(GapcliError):
    """Writing the requested output failed; nothing was overwritten."""


class Interrupted(GapcliError):
    """A terminating signal arrived while a file was written; nothing was written."""

    def __init__(self, signum: int, target: str) -> None:
        import signal

        self.signum = signum
        name = signal.Signals(signum).name
        super().__init__(f"interrupted by {name}; {target} was left as it was")

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        """128 + the signal number, as a shell reports a process ended by a signal."""
        return 128 + self.signum
