"""targets (stub)."""
from ..registry import register


@register("targets", category="targets", requires=("dates",))
def extract_targets(doc) -> list:
    return []
