"""The intake's one error type, shared by its services, extraction and fetching."""

from django.core.exceptions import ValidationError


class IntakeError(ValidationError):
    """Bad input or a refused decision, with a clear message; ``field`` names the input at fault."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message, code=code)
        self.field = field

    @property
    def text(self) -> str:
        return " ".join(self.messages)
