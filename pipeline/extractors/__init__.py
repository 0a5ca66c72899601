"""Built-in extractors. Importing this package registers them (see pipeline.registry)."""

from . import dates, organizations, people, quotes, targets  # noqa: F401
