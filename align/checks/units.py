"""Units of measure and currencies next to a number, for the number check (:mod:`.numbers`).

A translator converts units for the readers ("в 160 км" becomes "100 miles"), and
writers restate a figure in brackets ("3 yards (2,75 m)", "60 ft. = 18,29 m"). Read
as bare numbers these are changed or added figures; read with their units they are
one measure said twice. And the same figure with another unit is a changed measure
("100 км" rendered "100 miles"), which bare numbers would pass; so is the same sum in
another currency ("5 млрд долларов" rendered "€5 billion").

Only the unit written right after a number is read, from one table for every
language (unit words hardly collide across languages). Words that are also
something else after a number are left out: English "in", French "mille"
(thousand), Russian "г" (year) and "т", Arabic "م" (AD), Japanese "キロ" (km or kg).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import _table_lines

__all__ = [
    "Currency",
    "Unit",
    "agree",
    "bracketed",
    "currency_around",
    "duration_unit",
    "durations_in",
    "restates",
    "unit_after",
]


@dataclass(frozen=True)
class Unit:
    """A unit read after a number; ``factor`` converts it to its dimension's base unit
    (metre, kilogram, square metre, litre, metre per second; temperature: see
    :func:`_base`)."""

    dimension: str
    factor: float
    text: str  # as written


# One unit per entry: its dimension, the factor to the dimension's base unit (a
# fraction "a/b" allowed), then its spellings, regular expressions in lower case
# separated by "|"; an indented line continues the entry above. "points" are
# percentage points, which no percentage converts to.
_SPEC_TEXT = r"""
length 0.001 mm|millimet(?:er|re)s?|millimètres?|millimetr\w*|миллиметр\w*|мм|毫米
length 0.01 cm|centimet(?:er|re)s?|zentimeter[ns]?|centimètres?|centímetros?|centimetr\w*
    |сантиметр\w*|см|厘米|センチ(?:メートル)?|سم|سنتيمتر\w*
length 1 m|met(?:er|re)s?|mètres?|metros?|metri|метр\w*|м|米|メートル|مترا?|أمتار|متر\w*
length 1000 km|kilomet(?:er|re)s?|kilomètres?|kilómetros?|quilômetros?|chilometri
    |kílómetr\w*|километр\w*|км|公里|千米|キロメートル|كم|كيلومتر\w*
length 0.0254 inch(?:es)?|zoll|pouces?|pulgadas?|polegadas?|pollici|дюйм\w*|英寸|インチ
    |بوصة|بوصات
length 0.3048 ft|foot|feet|fu(?:ss|ß)|pieds?|pies|pés|piedi|фут\w*|英尺|フィート|قدما?|أقدام
length 0.9144 yards?|yds?|ярд\w*|码|ヤード
length 1609.344 miles?|meilen?|milles|millas?|milhas?|miglia|мил[яиьею]\w*|英里|マイル
    |ميلا?|أميال
length 1852 nautical miles?|seemeilen?|milles marins|морск\w* мил\w*|海里
mass 0.001 g|grams?|grammes?|gramm|gramos?|grammi|грамм\w*|克|グラム|غرام\w*
mass 1 kg|kilos?|kilograms?|kilogrammes?|kilogramm|kilogramos?|chili|килограмм\w*|кг
    |公斤|千克|キログラム|كغ|كيلوغرام\w*|كيلو
mass 1000 tonnes?|tons?|tonnen|toneladas?|tonnellate|тонн\w*|吨|トン|طنا?|أطنان
mass 0.45359237 lbs?|pounds?|pfund|livres?|libras?|libbre|фунт\w*|磅|ポンド|رطلا?|أرطال
mass 0.028349523 oz|ounces?|unzen|onces?|onzas?|унци\w*|盎司|オンス
area 1000000 km²|km2|sq\.? km|square kilomet(?:er|re)s?|quadratkilometer[ns]?
    |kilomètres carrés|kilómetros cuadrados|км²|кв\. км|квадратн\w* километр\w*|平方公里
area 1 m²|m2|sq\.? m|square met(?:er|re)s?|quadratmeter[ns]?|mètres carrés|м²|кв\. м
    |квадратн\w* метр\w*|平方米
area 10000 ha|hectares?|hektar\w*|hectáreas?|ettari|гектар\w*|公顷|ヘクタール
area 4046.8564224 acres?|акр\w*|英亩|エーカー
area 2589988.110336 sq\.? mi|square miles?|квадратн\w* мил\w*|平方英里
volume 1 l|lit(?:er|re)s?|litres?|litros?|litri|литр\w*|升|リットル|لترا?
volume 3.785411784 gallons?|gallonen|галлон\w*|加仑|ガロン
speed 1/3.6 km/h|kph|km per hour|kilomet(?:er|re)s per hour|km/ч|км/ч|километр\w* в час
    |公里/小时
speed 0.44704 mph|miles per hour|миль в час
speed 0.514444 knots?|kn|knoten|nœuds|nudos|узл\w*|节
temperature 1 °\s?c|℃|degrees? (?:celsius|centigrade)|grad celsius
    |градус\w* (?:цельсия|по цельсию)|摄氏度|درجة مئوية
temperature 5/9 °\s?f|℉|degrees? fahrenheit|grad fahrenheit
    |градус\w* (?:фаренгейта|по фаренгейту)|华氏度|درجة فهرنهايت
duration 1 secs?|seconds?|secondes?|segundos?|secondi|sekunden?|секунд\w*|сек|秒钟?|ثانية|ثوان\w*
duration 60 min|mins?|minutes?|minuten?|minutos?|minuti|минут\w*|мин|分钟|分鐘|دقيقة|دقائق
duration 3600 hrs?|hours?|stunden?|heures?|horas?|ore|час\w*|小时|小時|个小时|個小時|ساعة|ساعات
duration 86400 days?|tage?n?|jours?|días?|giorni|дн[еяю]\w*|день|天|يوما?|أيام
duration 604800 weeks?|wochen?|semaines?|semanas?|settimane|недел\w*|周|星期|أسبوعا?|أسابيع
duration 2629800 months?|monate?n?|mois|mes(?:es)?|mesi|месяц\w*|个月|個月|شهرا?|أشهر|شهور
duration 315576000 decades?|десятилети\w*|jahrzehnte?n?|décennies?|décadas?|decenni|عقود|عقدين
duration 31557600 years?|jahre?n?|ans|années?|años?|anni|год\w*|лет|年|عاما?|أعوام|سنة|سنوات
points 1 percentage points?|pct\.? points?|процентн\w* пункт\w*|п\.\s?п\.|prozentpunkte?n?
    |points? de pourcentage|puntos? porcentuales?|punti percentuali|punkt\w* procentow\w*
    |procentních bodů|个百分点|百分点|نقطة مئوية|نقاط مئوية
"""


# Durations said without a figure ("half an hour" is 30 minutes): read as minutes, with
# the unit "min", by the number check (:func:`durations_in`)
_DURATION_TEXT = r"""
15 (?:a |one )?quarter of an hour|quarter-hour|четверть часа|viertelstunde|quart d['’]\s?heure
    |(?:un )?cuarto de hora|(?:un )?quarto d['’]\s?ora|čtvrt hodiny|kwadrans|一刻钟|一刻鐘
    |ربع ساعة
30 half an hour|half-hour|a half hour|полчаса|получаса|пол часа|halbe[nr]? stunde
    |demi-heure|demi heure|media hora|meia hora|mezz['’]\s?ora|půl hodin[yěu]|pół godziny
    |半小时|半小時|半个小时|半個小時|نصف ساعة
45 three quarters of an hour|three-quarters of an hour|три четверти часа|dreiviertelstunde
    |trois quarts d['’]\s?heure|tres cuartos de hora|三刻钟|ثلاثة أرباع الساعة
90 an hour and a half|one and a half hours|anderthalb stunden|eineinhalb stunden
    |une heure et demie|(?:una )?hora y media|un['’]ora e mezza|一个半小时|一個半小時
    |ساعة ونصف الساعة|ساعة ونصف
"""
_DURATION_RE = re.compile(
    "|".join(
        f"(?P<d{minutes}>{spellings})"
        for minutes, spellings in (e.split(" ", 1) for e in _table_lines(_DURATION_TEXT))
    ),
    re.I,
)
_MINUTE = ("duration", 60.0, "min")


# every spelling above holds one of these: a text without them is not searched
_DURATION_HINT = re.compile(
    r"hour|час|stunde|heure|hora|ora\b|hodin|godzin|kwadrans|小时|小時|刻|ساعة", re.I
)


def durations_in(text: str) -> list[tuple[int, int, float]]:
    """(start, end, minutes) of the durations said without a figure: "полчаса", 一刻钟."""
    if not _DURATION_HINT.search(text):
        return []
    return [
        (m.start(), m.end(), float(str(m.lastgroup)[1:]))
        for m in _DURATION_RE.finditer(text)
        if m.lastgroup
        and not (m.start() and text[m.start() - 1].isalpha() and text[m.start()].isascii())
    ]


def duration_unit(surface: str) -> Unit | None:
    """The unit of a duration said without a figure (minutes), or None."""
    return Unit(*_MINUTE) if _DURATION_RE.fullmatch(surface) else None


def _factor(text: str) -> float:
    top, _, bottom = text.partition("/")
    return float(top) / float(bottom or 1)


def _spec(text: str) -> tuple[tuple[str, float, str], ...]:
    return tuple(
        (dimension, _factor(factor), spellings)
        for dimension, factor, spellings in (e.split(" ", 2) for e in _table_lines(text))
    )


_SPEC = _spec(_SPEC_TEXT)

# after a unit: no further letter, except that a CJK unit runs on into CJK text
_UNIT_END = r"(?![^\W\u3040-\u30ff\u4e00-\u9fff])"
# the spellings of every unit as one pattern, a named group per entry of _SPEC; the
# entries that begin like a shorter unit come first ("km/h", "km²" before "km")
_FIRST = ("speed", "area", "temperature", "points")
_ORDER = sorted(range(len(_SPEC)), key=lambda k: (_SPEC[k][0] not in _FIRST, _SPEC[k][1] != 1852.0))
_UNIT_RE = re.compile(
    r"[ \u00a0\u202f]*-?[ \u00a0\u202f]*(?:"
    + "|".join(f"(?P<u{k}>{_SPEC[k][2]})" for k in _ORDER)
    + ")"
    + _UNIT_END,
    re.IGNORECASE,
)


def unit_after(text: str, end: int) -> Unit | None:
    """The unit written right after a number ending at ``end`` ("100 miles", "10-mile",
    "160公里"), or None."""
    m = _UNIT_RE.match(text, end)
    if m is None or m.lastgroup is None:
        return None
    dimension, factor, _ = _SPEC[int(m.lastgroup[1:])]
    return Unit(dimension, factor, m.group(m.lastgroup))


def _base(value: float, unit: Unit) -> float:
    """The value in the dimension's base unit; a temperature in degrees Celsius."""
    if unit.dimension == "temperature" and unit.factor != 1.0:
        return (value - 32.0) * unit.factor
    return value * unit.factor


def _grain(value: float) -> float:
    """The rounding a figure shows: 3,000 is good to the thousand, 2.75 to the hundredth;
    one zero says nothing (60 feet may be exact)."""
    if value != int(value):
        return 10.0 ** -len(f"{value:.6f}".rstrip("0").split(".")[1])
    n, grain = int(abs(value)), 1.0
    while n and n % 10 == 0:
        n, grain = n // 10, grain * 10
    return grain if grain >= 100 else 1.0


def agree(a: float, a_unit: Unit, b: float, b_unit: Unit, restated: bool = False) -> bool:
    """Whether two measures of one dimension are the same up to the rounding shown.

    A conversion is rounded ("3 miles (5 km)" is 4.83 km, "10,000 feet (3,000 m)"), so
    a figure may be off by half its last shown digit, but never by more than a tenth
    (temperature: 2 degrees), and one written precisely must be right to 1%: "60 ft =
    18,29 m" agrees, "60 pieds (19,29 m)" does not. ``restated``: ``b`` restates ``a``
    on the same side, and only its own rounding counts.
    """
    if a_unit.dimension != b_unit.dimension:
        return False
    x, y = _base(a, a_unit), _base(b, b_unit)
    scale = max(abs(x), abs(y))
    tol = 0.5 * _grain(b) * b_unit.factor
    if not restated:
        tol = max(tol, 0.5 * _grain(a) * a_unit.factor)
    if a_unit.dimension == "temperature":
        return abs(x - y) <= min(max(tol, 0.5), 2.0)
    return abs(x - y) <= min(max(tol, 0.01 * scale), 0.10 * scale)


# what joins a figure to its restatement: "60 ft. = 18,29 m", "3 yards ( 2,75 m )",
# "100 miles/160 km", "8 (about 203 mm)"
_RESTATED = re.compile(
    r"[\s.]*(?:\(|\[|=|/|,? soit|,? d\.\s?h\.|,? i\.\s?e\.)\s*"
    r"(?:about|approx\.?|approximately|some|ca\.|env\.|environ|etwa|rund|около|примерно|约|約)?"
    r"\s*$",
    re.I,
)


def bracketed(text: str, end: int, start: int) -> bool:
    """Whether the figure at ``start`` stands in brackets (or after "=", "/") right after
    the figure ending at ``end`` and its unit: the place of a restatement."""
    m = _UNIT_RE.match(text, end)
    gap_start = m.end() if m else end
    return bool(_RESTATED.match(text[gap_start:start]))


def restates(text: str, first: tuple[float, int], second: tuple[float, int, int]) -> bool:
    """Whether the number ``second`` (value, start, end) restates the number ``first``
    (value, end) just before it in ``text`` in another unit: "3 yards (2,75 m)", or
    a bare "8 (203 mm)" that some unit of that dimension explains to 2% (8 inches is
    203.2 mm)."""
    value, end = first
    b, b_start, b_end = second
    b_unit = unit_after(text, b_end)
    if b_unit is None or not bracketed(text, end, b_start):
        return False
    a_unit = unit_after(text, end)
    if a_unit is not None:
        return a_unit.factor != b_unit.factor and agree(value, a_unit, b, b_unit, restated=True)
    target = _base(b, b_unit)
    return any(
        dimension == b_unit.dimension
        and abs(_base(value, Unit(dimension, factor, "")) - target) <= 0.02 * abs(target)
        for dimension, factor, _ in _SPEC
    )


# --------------------------------------------------------------------------- currencies

# One currency per line: its name (a family: "$" is any dollar), then its symbols and
# codes written before or after a figure ("$5", "5 €"), then after "|" the words written
# after it (lower case; regular expressions). "¥" is both yen and yuan; a pound sign is
# money, the word "pounds" is read as a weight (above) and not here.
_CURRENCY_TEXT = r"""
dollar $ US$ USD A$ C$ HK$ | dollars?|dollar|долл\.|доллар\w*|dólar(?:es)?|dollar[oi]|dollara
    |dolar\w*|美元|美金|ドル|دولار\w*
euro € EUR | euros?|eur|евро|eur[oa]|欧元|ユーロ|يورو
pound £ GBP | sterling|стерлинг\w*|英镑
yen ¥ ￥ JPY | yen|иен\w*|йен\w*|日元|円
yuan ¥ ￥ CNY RMB | yuan|renminbi|юан\w*|元|人民币|يوان
rouble ₽ RUB | руб\.|рубл\w*|roubles?|rubles?|rubel\w*|rublos?|rubli|卢布|ルーブル|روبل\w*
franc CHF | francs?|franken|франк\w*|法郎
rupee ₹ INR | rupees?|rupien|roupies?|рупи\w*|卢比
hryvnia ₴ UAH | hryvnias?|hryvnia|гривн\w*
shekel ₪ ILS NIS | shekels?|шекел\w*
won ₩ KRW | 원|韩元
lira ₺ TRY | lira|lire|лир\w*
"""


@dataclass(frozen=True)
class Currency:
    """The currency written next to a figure: its possible names and how it is written."""

    names: frozenset[str]
    text: str
    before: bool  # written before the figure ("$5"), not after ("5 dollars")


def _currency_table() -> tuple[dict[str, frozenset[str]], list[tuple[str, str]]]:
    marks: dict[str, set[str]] = {}
    words: list[tuple[str, str]] = []
    for entry in _table_lines(_CURRENCY_TEXT):
        head, _, spelled = entry.partition(" | ")
        name, *symbols = head.split()
        for s in symbols:
            marks.setdefault(s, set()).add(name)
        words += [(w, name) for w in spelled.split("|")]
    return {s: frozenset(n) for s, n in marks.items()}, words


_MARKS, _WORDS = _currency_table()
_MARK_ALT = "|".join(re.escape(s) for s in sorted(_MARKS, key=len, reverse=True))
_MARK_BEFORE = re.compile(r"(?:" + _MARK_ALT + r")[ \u00a0\u202f]?$")
_AFTER = re.compile(
    r"[ \u00a0\u202f]*(?:(?:d['’]|de |di |of )[ \u00a0]*)?(?:(?P<mark>(?-i:"
    + _MARK_ALT
    + r"))|"
    + "|".join(f"(?P<c{k}>{w})" for k, (w, _) in enumerate(_WORDS))
    + r")"
    + _UNIT_END,
    re.IGNORECASE,
)


def currency_around(text: str, start: int, end: int) -> Currency | None:
    """The currency written right before a figure at ``start`` ("$5", "US$ 3") or right
    after it at ``end`` ("5 dollars", "5 millions d'euros", "50亿美元"), or None."""
    m = _MARK_BEFORE.search(text[max(0, start - 4) : start])
    if m:
        mark = m.group(0).strip(" \u00a0\u202f")
        return Currency(_MARKS[mark], mark, True)
    m = _AFTER.match(text, end)
    if m is None or m.lastgroup is None:
        return None
    written = m.group(m.lastgroup)
    if m.lastgroup == "mark":
        return Currency(_MARKS[written], written, False)
    return Currency(frozenset([_WORDS[int(m.lastgroup[1:])][1]]), written, False)
