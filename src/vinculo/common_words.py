"""Names that are also everyday words in English or Spanish.

Written as a word in lowercase prose ("la rosa", "I will"), these are not people, so the linker
never links them lowercase and ``vinculo doctor`` warns about aliases made of them alone.
Compared accent-folded and lowercase.
"""

from __future__ import annotations

COMMON_WORD_NAMES: frozenset[str] = frozenset(
    """
    will bill mark rose grace hope faith joy may june april august summer autumn dawn sky
    pat sue jack frank art bob rob gene guy ray sandy rusty victor robin iris ivy lily daisy
    holly heather ruby amber crystal pearl jade destiny charity patience honor bud chip
    rosa paz luz sol mar pilar angel dolores amparo consuelo rocio remedios soledad
    victoria esperanza milagros gloria socorro asuncion concepcion mercedes pastora
    blanca clara angeles cielo alba aurora estrella flor perla reina leon lobo santos
    cruz nieves luna violeta azucena margarita jazmin fe
    """.split()
)
