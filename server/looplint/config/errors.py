"""The one error type for bad configuration."""


class ConfigError(Exception):
    """A setting, or the file holding it, is invalid.

    ``str(error)`` is one line naming the file and the setting, ready to show to the user.
    """
