"""The relationship ladder: each contact's stage, and the order and pace of the suggestions."""
