"""Precise checks that compare the two texts of a bead and say what changed, and where.

Sentence embeddings barely move when "70" becomes "700", when "не" is dropped
or when the International Criminal Court becomes the Court of Justice, yet each
of these changes what was said.  Each check looks for one such edit and favours
precision: a faithful translation must come out with no reason at all.

A check is a function ``(src_text, src_lang, tgt_text, tgt_lang) -> list[Reason]``
registered with the flag types it can raise and how far each raises a bead's
drift (noisy-or, see :mod:`align.drift`).  **A new check is one file and one
registration**: write ``align/checks/mycheck.py`` with its compare function,
then add one ``register(Check("mycheck", {"my_flag": 0.4}, compare_mine))``
line below.  Registration order is the order reasons are reported in.

Modules: :mod:`.numbers` (numbers, dates, centuries), :mod:`.occasions` (a first time
said as a second, "впервые" vs "for the second time"), :mod:`.entities`
(persons, institutions), :mod:`.polarity` (negation, softened/hardened),
:mod:`.trends` (a figure that rose said to have fallen, "увеличился" vs "decreased"),
:mod:`.stances` (support said as opposition, "поддерживаем" vs "oppose"; both read by
:mod:`.opposites`),
:mod:`.antonyms` (a word turned into its opposite: "продолжатся" vs "will end", "до" vs
"after", "законное" vs "illegal"),
:mod:`.quantifiers` ("all" said as "some": a claim softened, "Все" vs "Some"),
:mod:`.conditions` (a condition dropped: a promise hardened, "Если ..." vs none),
:mod:`.tenses` (what will happen said to have happened, "будет подписано" vs "was signed"),
:mod:`.attribution` ("I" vs "you"), :mod:`.places` (countries, cities, months,
weekdays, relative dates, from CLDR through babel), :mod:`.roles` (the destination or
origin moved to the other place, "в Турцию" vs "to Russia"), :mod:`.directions` (north said as
south, "на север" vs "to the south"), :mod:`.demonyms` (a people or its
adjective, "палестинский" vs "Israeli"), :mod:`.organisations` (the UN, NATO, the Arab
League ... in seven languages), :mod:`.titles` (offices: president,
prime minister, minister, king, ambassador ...), :mod:`.portfolios` (a minister's or
ministry's portfolio, "министр обороны" vs "Foreign Minister"), :mod:`.copies` (a
sentence left untranslated);
:mod:`.names` holds the tokeniser and the transliteration every name comparison
shares, :mod:`.units` the units of measure and currencies the number check reads next
to a figure, :mod:`.bounds` its bounds ("more than", "up to", 以上), :mod:`.fractions`
the shares said in words ("a third of", "треть", 三分之一).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..types import Reason
from .antonyms import compare_antonyms
from .attribution import compare_attribution
from .conditions import compare_conditions
from .copies import compare_copy, untranslated
from .demonyms import compare_demonyms
from .directions import compare_directions
from .entities import compare_entities
from .names import romanise, same_name
from .numbers import compare_quantities
from .occasions import compare_occasions
from .organisations import compare_organisations
from .places import compare_places
from .polarity import compare_polarity
from .portfolios import compare_portfolios
from .quantifiers import compare_quantifiers
from .roles import compare_roles
from .stances import compare_stances
from .tenses import compare_tenses
from .titles import compare_titles
from .trends import compare_trends

__all__ = [
    "CHECKS",
    "Check",
    "CheckFn",
    "compare_antonyms",
    "compare_attribution",
    "compare_conditions",
    "compare_copy",
    "compare_demonyms",
    "compare_directions",
    "compare_entities",
    "compare_occasions",
    "compare_organisations",
    "compare_places",
    "compare_polarity",
    "compare_portfolios",
    "compare_quantifiers",
    "compare_quantities",
    "compare_roles",
    "compare_stances",
    "compare_tenses",
    "compare_titles",
    "compare_trends",
    "flag_weights",
    "register",
    "romanise",
    "run_checks",
    "same_name",
]

CheckFn = Callable[[str, str, str, str], list[Reason]]  # (src_text, src_lang, tgt_text, tgt_lang)


@dataclass(frozen=True)
class Check:
    """A named check, the flag types it raises, and how far each raises drift."""

    name: str  # "numbers", "entities", "polarity", "attribution", ...
    weights: Mapping[str, float]  # flag type -> noisy-or weight in [0, 1]
    fn: CheckFn

    def __post_init__(self) -> None:
        if not self.weights:
            raise ValueError(f"check {self.name!r} declares no flag type")
        bad = {k: w for k, w in self.weights.items() if not 0.0 <= w <= 1.0}
        if bad:
            raise ValueError(f"check {self.name!r}: weights outside [0, 1]: {bad}")
        # frozen: a registered check's weights must not change behind the scorer's back
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))


CHECKS: dict[str, Check] = {}


def register(check: Check) -> Check:
    """Add a check (or replace one of the same name, keeping its place); returns it.

    Two checks may not claim one flag type with different weights: drift would
    then depend on which one fired.
    """
    for other in CHECKS.values():
        if other.name == check.name:
            continue
        for flag in check.weights.keys() & other.weights.keys():
            if check.weights[flag] != other.weights[flag]:
                raise ValueError(
                    f"flag {flag!r}: check {check.name!r} weighs it {check.weights[flag]}, "
                    f"{other.name!r} {other.weights[flag]}"
                )
    CHECKS[check.name] = check
    return check


def run_checks(
    src_text: str,
    src_lang: str,
    tgt_text: str,
    tgt_lang: str,
    names: Iterable[str] | None = None,
) -> list[Reason]:
    """Every reason of the registered checks (or only of ``names``), in registration order."""
    wanted = None if names is None else set(names)
    if wanted is not None and (unknown := wanted - CHECKS.keys()):
        raise KeyError(f"no such check: {', '.join(sorted(unknown))} (known: {', '.join(CHECKS)})")
    if src_lang != tgt_lang and untranslated(src_text, tgt_text):
        # a copy differs from its source in nothing the other checks compare (Russian
        # "не" copied into an English text is no missing negation): only in being one
        wanted = {"copies"} & (set(CHECKS) if wanted is None else wanted)
    reasons: list[Reason] = []
    for check in CHECKS.values():
        if wanted is None or check.name in wanted:
            reasons += check.fn(src_text, src_lang, tgt_text, tgt_lang)
    return _most_specific(reasons)


def _most_specific(reasons: list[Reason]) -> list[Reason]:
    """One reason for one name: a name one check calls missing and another replaced
    ("'Дамаске' (listed with Каире) has no counterpart" and "place 'Дамаске' became
    'Amman'") is the replacement, which names both sides."""
    replaced = {
        (side, tuple(span))
        for r in reasons
        if r["type"] == "entity_mismatch"
        for side in ("src", "tgt")
        if isinstance(span := r.get(side), list)
    }
    if not replaced:
        return reasons
    return [
        r
        for r in reasons
        if r["type"] != "entity_missing"
        or not any(
            (side, tuple(span)) in replaced
            for side in ("src", "tgt")
            if isinstance(span := r.get(side), list)
        )
    ]


def flag_weights() -> dict[str, float]:
    """Every flag type a registered check can raise, with its weight."""
    return {flag: w for check in CHECKS.values() for flag, w in check.weights.items()}


register(Check("numbers", {"number_mismatch": 0.6}, compare_quantities))
register(Check("occasions", {"number_mismatch": 0.6}, compare_occasions))
register(Check("entities", {"entity_mismatch": 0.6, "entity_missing": 0.4}, compare_entities))
register(
    Check(
        "polarity",
        {"negation_mismatch": 0.6, "softened": 0.4, "hardened": 0.4},
        compare_polarity,
    )
)
register(Check("trends", {"trend_reversed": 0.6}, compare_trends))
register(Check("stances", {"stance_reversed": 0.6}, compare_stances))
register(Check("antonyms", {"antonym": 0.6}, compare_antonyms))
register(Check("quantifiers", {"softened": 0.4, "hardened": 0.4}, compare_quantifiers))
register(Check("conditions", {"hardened": 0.4}, compare_conditions))
register(Check("tenses", {"tense_changed": 0.4}, compare_tenses))
register(Check("attribution", {"attribution_changed": 0.4}, compare_attribution))
register(Check("places", {"entity_mismatch": 0.6, "entity_missing": 0.4}, compare_places))
register(Check("roles", {"role_reversed": 0.6}, compare_roles))
register(Check("directions", {"entity_mismatch": 0.6}, compare_directions))
register(Check("demonyms", {"entity_mismatch": 0.6}, compare_demonyms))
register(Check("organisations", {"entity_mismatch": 0.6}, compare_organisations))
register(Check("titles", {"entity_mismatch": 0.6}, compare_titles))
register(Check("portfolios", {"entity_mismatch": 0.6}, compare_portfolios))
register(Check("copies", {"untranslated": 0.6}, compare_copy))
