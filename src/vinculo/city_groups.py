"""Cities worth a trip: several people to see in person there soon.

One trip, several coffees. The pacing rule, the dashboard, ``suggest`` and the digest all group
the same way, so the grouping lives here, below all of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from vinculo.config import Config
from vinculo.history import lookahead
from vinculo.ladder_settings import ladder_settings
from vinculo.model import Contact, Suggestion
from vinculo.text import fold


def city_groups(suggestions: list[Suggestion], contacts: dict[str, Contact], today: dt.date,
                config: Config) -> dict[str, list[Suggestion]]:
    """Cities with at least ``[ladder] city_group_min`` (2) people to see in person within
    ``lookahead_days`` (7): one trip, several coffees."""
    horizon = lookahead(config, today)
    minimum = ladder_settings(config).city_group_min
    kinds = ladder_settings(config).city_group_kinds
    groups: dict[str, list[Suggestion]] = defaultdict(list)
    names: dict[str, str] = {}
    for s in suggestions:
        city = contacts[s.contact].properties.get("city") if s.contact in contacts else None
        if s.kind in kinds and s.due <= horizon and isinstance(city, str) and city.strip():
            key = fold(city.strip())
            names.setdefault(key, city.strip())
            if s.contact not in {g.contact for g in groups[key]}:
                groups[key].append(s)
    return {names[k]: sorted(v, key=lambda s: s.contact) for k, v in sorted(groups.items())
            if len(v) >= minimum}
