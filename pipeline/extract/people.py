"""people (stub)."""
from ..registry import register


@register("people", category="people", requires=("organizations",))
def extract_people(doc) -> list:
    return []
