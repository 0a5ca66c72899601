"""quotes (stub)."""
from ..registry import register


@register("quotes", category="quotes", requires=("people",))
def extract_quotes(doc) -> list:
    return []
