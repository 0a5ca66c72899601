"""organizations (stub)."""
from ..registry import register


@register("organizations", category="organizations")
def extract_organizations(doc) -> list:
    return []
