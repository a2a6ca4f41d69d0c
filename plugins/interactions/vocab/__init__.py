"""The words of each language that name an interaction, a plan or a non-event."""
