"""Training scripts for newsum's shipped models (need the research data beside the checkout)."""
