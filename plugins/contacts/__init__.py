"""Who is a contact, and the names each contact goes by (registered as ``contacts`` and ``names``)."""
