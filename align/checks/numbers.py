"""Numbers, dates and centuries in text, compared across languages and scripts.

A retranslation that turns "70" into "700" or "XX век" into "19th century" has
drifted in a way sentence embeddings barely notice, so the aligner checks
quantities explicitly.  Every quantity is reduced to a float (a date to
month*100+day, a century to its number) and the two sides are matched as
multisets, with a tolerance for rounding ("about 40 thousand" = "40,300").

Layout: word tables, then normalising and tokenising, then extraction (dates,
centuries, numbers), then comparison.  Only the stdlib is used.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest
from typing import TypeVar

from ..types import Reason
from .bounds import bound_around
from .common import _CJK_DIGITS, _set
from .fractions import shares_in
from .units import (
    Currency,
    Unit,
    agree,
    bracketed,
    currency_around,
    duration_unit,
    durations_in,
    restates,
    unit_after,
)

__all__ = ["Quantity", "compare_quantities", "extract_quantities"]


@dataclass(frozen=True)
class Quantity:
    """A number, date or century found in a text; ``value`` is comparable across languages."""

    value: float  # date: month*100+day; century: its number; time: minutes; else the number
    # "number" | "date" | "century" | "time" | "year" | "percent" | "ordinal" | "share" |
    # "duration" (said without a figure: "half an hour", in minutes)
    kind: str
    start: int
    end: int
    surface: str


# --------------------------------------------------------------------------- tables

# Entries "VALUE form form ..." separated by commas.  A VALUE prefixed "x" multiplies
# what precedes it (hundred), "^" marks a scale word (thousand, million).  A form
# "более тысячи" is "over a thousand", though "тысячи людей" alone is vague
_APPROX = frozenset(["более", "свыше", "около", "почти", "менее", "порядка", "примерно", "до"])
# ending in "+" only counts after a number: "тысяч" or "millions" alone are vague.
# "_" joins the words of a multi-word form.
_CARDINAL_SPECS: dict[str, str] = {
    "en": """
0 zero, 1 one, 2 two, 3 three, 4 four, 5 five, 6 six, 7 seven, 8 eight, 9 nine, 10 ten,
11 eleven, 12 twelve, 13 thirteen, 14 fourteen, 15 fifteen, 16 sixteen, 17 seventeen,
18 eighteen, 19 nineteen, 20 twenty, 30 thirty, 40 forty, 50 fifty, 60 sixty, 70 seventy,
80 eighty, 90 ninety, 60 threescore, 80 fourscore, x12 dozen, 6 half_a_dozen half_dozen
half_-_dozen, x100 hundred, ^1e3 thousand,
^1e6 million mn+, ^1e9 billion bn+, ^1e12 trillion tn+""",
    "ru": """
0 ноль нуль, 1 один одна одно одного одной одному одном одну одним,
1.5 полтора полторы полутора, 2 два две двух двум двумя, 3 три трех трем тремя,
4 четыре четырех четырем четырьмя,
5 пять пяти пятью, 6 шесть шести шестью, 7 семь семи, 8 восемь восьми восемью,
9 девять девяти девятью, 10 десять десяти десятью, 11 одиннадцать одиннадцати,
12 двенадцать двенадцати, 13 тринадцать тринадцати, 14 четырнадцать четырнадцати,
15 пятнадцать пятнадцати, 16 шестнадцать шестнадцати, 17 семнадцать семнадцати,
18 восемнадцать восемнадцати, 19 девятнадцать девятнадцати, 20 двадцать двадцати,
30 тридцать тридцати, 40 сорок сорока, 50 пятьдесят пятидесяти, 60 шестьдесят шестидесяти,
70 семьдесят семидесяти, 80 восемьдесят восьмидесяти, 90 девяносто девяноста, 100 сто ста,
200 двести двухсот двумстам двухстах, 300 триста трехсот тремстам трехстах,
400 четыреста четырехсот четыремстам четырехстах, 500 пятьсот пятисот пятистам пятистах,
600 шестьсот шестисот шестистам шестистах, 700 семьсот семисот семистам семистах,
800 восемьсот восьмисот восьмистам восьмистах, 900 девятьсот девятисот девятистам девятистах,
100 сотня сотню сотней, 50 полсотни, 500 полтысячи, 500000 полмиллиона,
x12 дюжина дюжину дюжины+ дюжин+, 6 полдюжины,
500000000 полмиллиарда, 500000000000 полтриллиона,
^1e3 тысяча тысячу тысячи+ тысяч+ тысячей+ тысячам+ тысячами+ тысячах+ тыс+ тыща тыщи+ тыщ+
тыщу,
^1e6 миллион миллиона миллионов+ миллионы+ миллионам+ миллионами+ миллионах+ млн+,
^1e9 миллиард миллиарда миллиардов+ миллиарды+ миллиардам+ миллиардах+ млрд+,
^1e12 триллион триллиона триллионов+ триллионы+ трлн+""",
    "de": """
0 null, 1 eins ein eine einen einem einer eines, 2 zwei zwo, 3 drei, 4 vier, 5 fünf, 6 sechs,
7 sieben, 8 acht, 9 neun, 10 zehn, 11 elf, 12 zwölf, 13 dreizehn, 14 vierzehn, 15 fünfzehn,
16 sechzehn, 17 siebzehn, 18 achtzehn, 19 neunzehn, 20 zwanzig, 30 dreißig dreissig,
40 vierzig, 50 fünfzig, 60 sechzig, 70 siebzig, 80 achtzig, 90 neunzig, x12 dutzend,
6 halbes_dutzend, x100 hundert,
^1e3 tausend, ^1e6 million millionen+ mio+, ^1e9 milliarde milliarden+ mrd+,
^1e12 billion billionen+""",
    "fr": """
0 zéro, 1 un une, 2 deux, 3 trois, 4 quatre, 5 cinq, 6 six, 7 sept, 8 huit, 9 neuf, 10 dix,
11 onze, 12 douze, 13 treize, 14 quatorze, 15 quinze, 16 seize, 20 vingt, 30 trente,
40 quarante, 50 cinquante, 60 soixante, 70 soixante_dix, 80 quatre_vingt quatre_vingts,
90 quatre_vingt_dix, x100 cent cents+, ^1e3 mille, ^1e6 million millions+,
^1e9 milliard milliards+, ^1e12 billion billions+, 10 dizaine, 12 douzaine, 20 vingtaine,
30 trentaine, 50 cinquantaine,
60 soixantaine, 100 centaine""",
    "ar": """
0 صفر, 1 واحد واحدة أحد إحدى, 2 اثنان اثنين اثنتان اثنتين اثنا اثنتا, 3 ثلاثة ثلاث,
4 أربعة أربع, 5 خمسة خمس, 6 ستة ست, 7 سبعة سبع, 8 ثمانية ثماني ثمان, 9 تسعة تسع,
10 عشرة عشر, 20 عشرون عشرين, 30 ثلاثون ثلاثين, 40 أربعون أربعين, 50 خمسون خمسين,
60 ستون ستين, 70 سبعون سبعين, 80 ثمانون ثمانين, 90 تسعون تسعين, x100 مائة مئة,
200 مائتان مئتان مائتين مئتين مائتا مئتا مائتي مئتي, 300 ثلاثمائة ثلاثمئة, 400 أربعمائة أربعمئة,
500 خمسمائة خمسمئة, 600 ستمائة ستمئة, 700 سبعمائة سبعمئة, 800 ثمانمائة ثمانمئة ثمانيمائة,
900 تسعمائة تسعمئة, 2000 ألفان ألفين ألفي, 2000000 مليونان مليونين مليوني,
2000000000 ملياران مليارين ملياري, ^1e3 ألف ألفا آلاف+ ألوف+, ^1e6 مليون مليونا ملايين+,
^1e9 مليار مليارا مليارات+ بليون, ^1e12 تريليون""",
    # with the nouns that name a figure (a die's face, a card, a bus): "ég þarf að fá
    # sexu" is "come on, 6"; "tvistur", "þristur", "fjarki", "fimma", "sexa", "sjöa", "nía"
    "is": """
0 núll, 1 einn ein eitt einum einni einnar, 2 tveir tvær tvö tveggja tveimur tvistur tvist
tvisti tvists, 3 þrír þrjár þrjú þriggja þremur þristur þrist þristi þrists, 4 fjórir fjórar
fjögur fjögurra fjórum fjarki fjarka, 5 fimm fimma fimmu, 6 sex sexa sexu, 7 sjö sjöa sjöu,
8 átta, 9 níu nía, 10 tíu tía, 11 ellefu, 12 tólf, 13 þrettán, 14 fjórtán, 15 fimmtán,
16 sextán, 17 sautján, 18 átján, 19 nítján, 20 tuttugu, 30 þrjátíu, 40 fjörutíu, 50 fimmtíu,
60 sextíu, 70 sjötíu, 80 áttatíu, 90 níutíu, x100 hundrað hundruð+,
^1e3 þúsund þúsundir+ þúsunda+ þúsundum+, ^1e6 milljón milljónir+ milljóna+ milljónum+,
^1e9 milljarður milljarðar+ milljarða+ milljörðum+""",
    # "un"/"una"/"uno" are 1 as the article is in "ein" or "один": unmatched, 1 is trivial.
    # "billón" is 10^12; "mil millones" is the billion.
    "es": """
0 cero, 1 uno una un, 2 dos, 3 tres, 4 cuatro, 5 cinco, 6 seis, 7 siete, 8 ocho, 9 nueve,
10 diez, 11 once, 12 doce, 13 trece, 14 catorce, 15 quince, 16 dieciséis dieciseis,
17 diecisiete, 18 dieciocho, 19 diecinueve, 20 veinte, 21 veintiuno veintiún veintiuna,
22 veintidós veintidos, 23 veintitrés veintitres, 24 veinticuatro, 25 veinticinco,
26 veintiséis veintiseis, 27 veintisiete, 28 veintiocho, 29 veintinueve, 30 treinta,
40 cuarenta, 50 cincuenta, 60 sesenta, 70 setenta, 80 ochenta, 90 noventa, x100 cien ciento,
200 doscientos doscientas, 300 trescientos trescientas, 400 cuatrocientos cuatrocientas,
500 quinientos quinientas, 600 seiscientos seiscientas, 700 setecientos setecientas,
800 ochocientos ochocientas, 900 novecientos novecientas, ^1e3 mil miles+,
^1e6 millón millon millones+, ^1e9 mil_millones millardo millardos+,
^1e12 billón billon billones+""",
    # Italian glues compounds (trentacinque, duemila): _it_number reads those.
    # "sei" is also "you are": unpartnered, a small number word is dropped as grammar.
    "it": """
0 zero, 1 uno una un, 2 due, 3 tre, 4 quattro, 5 cinque, 6 sei, 7 sette, 8 otto, 9 nove,
10 dieci, 11 undici, 12 dodici, 13 tredici, 14 quattordici, 15 quindici, 16 sedici,
17 diciassette, 18 diciotto, 19 diciannove, 20 venti, 30 trenta, 40 quaranta,
50 cinquanta, 60 sessanta, 70 settanta, 80 ottanta, 90 novanta, x100 cento,
^1e3 mille mila+, ^1e6 milione milioni+ mln+, ^1e9 miliardo miliardi+ mld+""",
    # Polish inflects numerals for case and gender: the forms news text uses.
    # "raz" (once, time) is no number.
    "pl": """
0 zero, 1 jeden jedna jedno jednego jednej jednemu jednym jedną,
1.5 półtora półtorej, 2 dwa dwie dwóch dwóm dwoma dwiema dwoje dwojga,
3 trzy trzech trzem trzema troje trojga, 4 cztery czterech czterem czterema czworo,
5 pięć pięciu pięcioma, 6 sześć sześciu sześcioma, 7 siedem siedmiu siedmioma,
8 osiem ośmiu ośmioma, 9 dziewięć dziewięciu dziewięcioma, 10 dziesięć dziesięciu dziesięcioma,
11 jedenaście jedenastu, 12 dwanaście dwunastu, 13 trzynaście trzynastu,
14 czternaście czternastu, 15 piętnaście piętnastu, 16 szesnaście szesnastu,
17 siedemnaście siedemnastu, 18 osiemnaście osiemnastu, 19 dziewiętnaście dziewiętnastu,
20 dwadzieścia dwudziestu, 30 trzydzieści trzydziestu, 40 czterdzieści czterdziestu,
50 pięćdziesiąt pięćdziesięciu, 60 sześćdziesiąt sześćdziesięciu,
70 siedemdziesiąt siedemdziesięciu, 80 osiemdziesiąt osiemdziesięciu,
90 dziewięćdziesiąt dziewięćdziesięciu, 100 sto stu, 200 dwieście dwustu,
300 trzysta trzystu, 400 czterysta czterystu, 500 pięćset pięciuset, 600 sześćset sześciuset,
700 siedemset siedmiuset, 800 osiemset ośmiuset, 900 dziewięćset dziewięciuset,
^1e3 tysiąc tysiąca tysiącu tysiącem tysiące+ tysięcy+ tysiącach+ tysiącami+ tys+,
^1e6 milion miliona milionów+ miliony+ milionach+ milionami+ mln+,
^1e9 miliard miliarda miliardów+ miliardy+ miliardach+ mld+""",
    # Czech in its cases ("o dva roky", "před třemi lety"); "dvě stě", "tři sta", "pět set"
    "cs": """
0 nula, 1 jeden jedna jedno jednoho jedné jednomu jedním jednou, 2 dva dvě dvou dvěma,
3 tři tří třem třemi, 4 čtyři čtyř čtyřem čtyřmi, 5 pět pěti, 6 šest šesti, 7 sedm sedmi,
8 osm osmi, 9 devět devíti, 10 deset deseti, 11 jedenáct jedenácti, 12 dvanáct dvanácti,
13 třináct třinácti, 14 čtrnáct čtrnácti, 15 patnáct patnácti, 16 šestnáct šestnácti,
17 sedmnáct sedmnácti, 18 osmnáct osmnácti, 19 devatenáct devatenácti, 20 dvacet dvaceti,
30 třicet třiceti, 40 čtyřicet čtyřiceti, 50 padesát padesáti, 60 šedesát šedesáti,
70 sedmdesát sedmdesáti, 80 osmdesát osmdesáti, 90 devadesát devadesáti,
x100 sto sta+ stě+ set+, ^1e3 tisíc tisíce+ tisíci+ tis+, ^1e6 milion milionu milionů+ miliony+,
^1e9 miliarda miliardy+ miliard+ mld+""",
    # Portuguese of Brazil and Portugal: "bilhão" is 10^9, "bilião" 10^12
    "pt": """
0 zero, 1 um uma, 2 dois duas, 3 três, 4 quatro, 5 cinco, 6 seis, 7 sete, 8 oito, 9 nove,
10 dez, 11 onze, 12 doze, 13 treze, 14 catorze quatorze, 15 quinze, 16 dezesseis dezasseis,
17 dezessete dezassete, 18 dezoito, 19 dezenove dezanove, 20 vinte, 30 trinta, 40 quarenta,
50 cinquenta, 60 sessenta, 70 setenta, 80 oitenta, 90 noventa, x100 cem cento,
200 duzentos duzentas, 300 trezentos trezentas, 400 quatrocentos quatrocentas,
500 quinhentos quinhentas, 600 seiscentos seiscentas, 700 setecentos setecentas,
800 oitocentos oitocentas, 900 novecentos novecentas, ^1e3 mil, ^1e6 milhão milhões+,
^1e9 bilhão bilhões+, ^1e12 bilião biliões+""",
    # Hindi has a word for every number below 100.  Nukta and candrabindu are folded
    # (_WORD_FOLD), so "हज़ार" is "हजार" and "पाँच" is "पांच".  "दो" is also "give!":
    # unpartnered, a small number word is dropped as grammar.  अरब is also "Arab".
    "hi": """
0 शून्य, 1 एक, 1.5 डेढ़, 2 दो, 2.5 ढाई, 3 तीन, 4 चार, 5 पांच, 6 छह छः छे, 7 सात, 8 आठ,
9 नौ, 10 दस, 11 ग्यारह, 12 बारह, 13 तेरह, 14 चौदह, 15 पंद्रह पन्द्रह, 16 सोलह,
17 सत्रह, 18 अठारह, 19 उन्नीस, 20 बीस, 21 इक्कीस, 22 बाईस, 23 तेईस, 24 चौबीस,
25 पच्चीस, 26 छब्बीस, 27 सत्ताईस, 28 अट्ठाईस अठाईस, 29 उनतीस उन्तीस, 30 तीस,
31 इकतीस इकत्तीस, 32 बत्तीस, 33 तैंतीस तेंतीस, 34 चौंतीस चौतीस, 35 पैंतीस, 36 छत्तीस,
37 सैंतीस, 38 अड़तीस, 39 उनतालीस उंतालीस, 40 चालीस, 41 इकतालीस, 42 बयालीस बियालीस,
43 तैंतालीस, 44 चवालीस चौवालीस, 45 पैंतालीस, 46 छियालीस, 47 सैंतालीस, 48 अड़तालीस,
49 उनचास, 50 पचास, 51 इक्यावन, 52 बावन, 53 तिरपन तिरेपन, 54 चौवन, 55 पचपन, 56 छप्पन,
57 सत्तावन, 58 अट्ठावन अठावन, 59 उनसठ, 60 साठ, 61 इकसठ, 62 बासठ, 63 तिरसठ,
64 चौंसठ चौसठ, 65 पैंसठ, 66 छियासठ, 67 सड़सठ सरसठ, 68 अड़सठ, 69 उनहत्तर, 70 सत्तर,
71 इकहत्तर, 72 बहत्तर, 73 तिहत्तर, 74 चौहत्तर, 75 पचहत्तर, 76 छिहत्तर, 77 सतहत्तर,
78 अठहत्तर, 79 उन्यासी उनासी, 80 अस्सी, 81 इक्यासी, 82 बयासी, 83 तिरासी, 84 चौरासी,
85 पचासी, 86 छियासी, 87 सत्तासी, 88 अट्ठासी, 89 नवासी, 90 नब्बे, 91 इक्यानबे, 92 बानबे,
93 तिरानबे, 94 चौरानबे, 95 पंचानबे, 96 छियानबे, 97 सत्तानबे, 98 अट्ठानबे, 99 निन्यानबे,
x100 सौ, ^1e3 हज़ार हज़ारों+, ^1e5 लाख लाखों+, ^1e7 करोड़ करोड़ों+, ^1e9 अरब+""",
}

# those _MONTH_SPEC names; Sinhala's modern names (CLDR has the traditional ones: බක්)
_MONTH_LANGS = frozenset(["en", "ru", "de", "fr", "ar", "is", "si"])
_MONTH_SPEC = """
1 january janvier januar jänner janúar января يناير كانون_الثاني ජනවාරි,
2 february février februar febrúar февраля فبراير شباط පෙබරවාරි,
3 march mars märz марта مارس آذار මාර්තු,
4 april avril apríl апреля أبريل إبريل نيسان අප්‍රේල් අප්රේල්,
5 may mai maí мая مايو أيار මැයි,
6 june juin juni júní июня يونيو يونيه حزيران ජූනි,
7 july juillet juli júlí июля يوليو يوليه تموز ජූලි,
8 august août ágúst августа أغسطس آب අගෝස්තු,
9 september septembre сентября سبتمبر أيلول සැප්තැම්බර්,
10 october octobre oktober október октября أكتوبر تشرين_الأول ඔක්තෝබර්,
11 november novembre nóvember ноября نوفمبر تشرين_الثاني නොවැම්බර්,
12 december décembre dezember desember декабря ديسمبر كانون_الأول දෙසැම්බර්"""
# Month names CLDR lacks or spells otherwise: Nepali "मे" (too short for _cldr_months)
# and "जून" (CLDR: जुन)
_EXTRA_MONTHS = {"ne": "5 मे, 6 जून"}
# Case endings glued to a month name after a day: Estonian "24. mail" (in May), "maini",
# Nepali "१५ जूनको" (of June 15).  Long names take any ending (month()); short ones these.
_MONTH_ENDINGS = {
    "et": ("l", "ks", "ni", "st", "s", "sse", "le", "lt", "ga"),
    "ne": ("को", "मा", "देखि", "सम्म", "बाट", "लाई"),
}
# German short names, after a day only: "10. Nov 1947", "5. Aug. 1996"
_DE_MONTH_ABBR = {
    "jan": 1, "feb": 2, "mär": 3, "apr": 4, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip
# words that may follow a day: "July the fourth and fifth", "... the first in Paris"
_DAY_FOLLOWERS = _set("and or to till until through in at on of with by")
# Short English month names only in English ("sept" is seven in French).
_EN_MONTH_ABBR = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]

# Ordinal words, read only in front of a century word ("the twentieth century").
_EN_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
# English ordinal words read as ordinals anywhere: Chinese counts what English ranks
# ("the thirteenth year" / 十三年, "the seventeenth day of the second month" / 二月十七日).
# An unmatched ordinal is never reported (_trivial), so "a second" costs nothing.
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# decades: "in his thirties" is 30代 / "in den Dreissigern", "the sixties" les années soixante
_EN_DECADES = {w.removesuffix("y") + "ies": v for w, v in _EN_TENS.items()}
_EN_DECADE_LEADS = ("his", "her", "their", "my", "your", "our", "the", "early", "mid", "late")
# Russian and Arabic name a decade by the plural of its tens ("в девяностые годы",
# "в конце восьмидесятых", "التسعينيات"): "the nineties", read as the number of its tens
_RU_DECADE_STEMS = {
    20: "двадцат", 30: "тридцат", 40: "сороков", 50: "пятидесят",
    60: "шестидесят", 70: "семидесят", 80: "восьмидесят", 90: "девяност",
}  # fmt: skip
_AR_DECADE_STEMS = {
    20: "عشرين", 30: "ثلاثين", 40: "اربعين", 50: "خمسين",
    60: "ستين", 70: "سبعين", 80: "ثمانين", 90: "تسعين",
}  # fmt: skip
_DECADE_WORDS: dict[str, dict[str, int]] = {
    "ru": {s + e: v for v, s in _RU_DECADE_STEMS.items() for e in ("ые", "ых", "ым", "ыми")},
    "ar": {s + e: v for v, s in _AR_DECADE_STEMS.items() for e in ("يات", "ات")},
}
# Multiplying verbs and adverbs, as many times as they say: "doubled", "tripled",
# "вдвое", "утроить", "verdoppelt", "triplé" ("the trade turnover grew twofold" was read;
# "в два раза" -> "tripled" was not)
_MULTIPLIER_STEMS: dict[str, dict[int, str]] = {
    "en": {2: "doubled doubling twice", 3: "tripled tripling trebled thrice",
           4: "quadrupled quadrupling"},
    "ru": {2: "вдвое дважды удво удваива", 3: "втрое трижды утро утраива",
           4: "вчетверо учетвер", 5: "впятеро", 10: "вдесятеро"},
    "de": {2: "verdoppel verdoppl", 3: "verdreifach", 4: "vervierfach"},
    "fr": {2: "doublé doublée doublés doublées doubler doublera doublement", 3: "triplé triplée "
           "triplés triplées tripler triplera", 4: "quadruplé quadrupler"},
    "es": {2: "duplic", 3: "triplic", 4: "cuadruplic"},
}  # fmt: skip
# stems that take an ending (the rest are whole words); Russian "утро" is also "morning"
_MULTIPLIER_ENDINGS = {
    "ru": re.compile(
        r"(?:ить|ил|ила|ило|или|ился|илась|илось|ились|ится|ятся|ение|ения|ению|ением|ать|ает"
        r"|ают|ал|ала|ало|али|ался|алась|алось|ались|ивать|ивает|ивают)"
    ),
    "de": re.compile(r"(?:t|te|ten|tes|n|ung|e|en)"),
    "es": re.compile(r"(?:ar|ó|aron|ado|ada|ados|adas|a|an|ará|arán)"),
}


# Russian ordinal words in their cases: "второй визит" -> "third visit" passed, as no
# Russian ordinal word was read ("первый" is left out: first is too often idiom to
# compare, _ordinals, and "первого вице-премьера" is no quantity)
_RU_RANKS = {
    "втор": 2, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
    "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30, "сороков": 40,
    "пятидесят": 50, "шестидесят": 60, "семидесят": 70, "восьмидесят": 80, "девяност": 90,
}  # fmt: skip
_RU_ORDINAL_ENDINGS = re.compile(r"(?:ый|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми)")
_RU_THIRD = re.compile(r"трет(?:ий|ья|ье|ьи|ьего|ьему|ьим|ьем|ьей|ью|ьих|ьими)")


def _by_stem(
    word: str, stems: dict[str, int], endings: re.Pattern[str] | None, bare: bool
) -> int | None:
    """The value of the first stem ``word`` is (when ``bare``) or starts with, followed by
    one of ``endings``: "удвоился" is "удво" + "ился"."""
    for stem, value in stems.items():
        if bare and word == stem:
            return value
        if endings and word.startswith(stem) and endings.fullmatch(word[len(stem) :]):
            return value
    return None


def _ru_ordinal(word: str) -> int | None:
    """A Russian ordinal word's rank: "второй", "третьего", "пятую" (never a bare stem:
    "шест" is a pole)."""
    if _RU_THIRD.fullmatch(word):
        return 3
    return _by_stem(word, _RU_RANKS, _RU_ORDINAL_ENDINGS, bare=False)


# English verbs that are also adjectives: a multiple only after "to" or a modal
_EN_MULTIPLY = {"double": 2, "triple": 3, "treble": 3, "quadruple": 4}
_TO = ("to", "will", "would", "could", "can", "should", "must", "may", "might", "shall")
# Chinese verbs of growth before a multiple (增长了一倍)
_ZH_GROWTH = frozenset({"增长", "增加", "提高", "扩大", "上升", "上涨", "增至"})


_MULTIPLIERS = {
    lang: {stem: times for times, words in table.items() for stem in words.split()}
    for lang, table in _MULTIPLIER_STEMS.items()
}


def _multiplier(word: str, lang: str) -> int | None:
    """How many times a multiplying word says: "tripled" 3, "вдвое" 2, "удвоился" 2."""
    return _by_stem(word, _MULTIPLIERS.get(lang, {}), _MULTIPLIER_ENDINGS.get(lang), bare=True)


_EN_TENS_ORDINALS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_EN_ORDINAL_WORDS = (
    {w: n for n, w in enumerate(_EN_ORDINALS.split(), 1)}
    | _EN_TENS_ORDINALS
    | {
        f"{t} {w}": v + n
        for t, v in _EN_TENS.items()
        for n, w in enumerate(_EN_ORDINALS.split()[:9], 1)
    }
)
_RU_ORDINAL_STEMS = {
    15: "пятнадцат",
    16: "шестнадцат",
    17: "семнадцат",
    18: "восемнадцат",
    19: "девятнадцат",
    20: "двадцат",
    21: "двадцать перв",
}
_DE_ORDINAL_STEMS = {18: "achtzehnt", 19: "neunzehnt", 20: "zwanzigst", 21: "einundzwanzigst"}
# German ordinals anywhere (_de_ordinal): the cardinal + "t" below 20 (zweite, dreizehnten),
# + "st" from 20 (dreissigste, hundertsten), these four irregular, and an inflection.
_DE_ORDINAL_IRREGULAR = {"erst": 1, "dritt": 3, "siebt": 7, "acht": 8}
_DE_ORDINAL_ENDINGS = ("en", "em", "er", "es", "e")
# French ordinals anywhere: the cardinal + "ième", its final e dropped (quatrième,
# trentième), "cinq" and "neuf" respelled; "unième" only ends a compound (cent unième).
_FR_ORDINAL_RESPELLED = {"cinq": "cinqu", "neuf": "neuv"}
_OTHER_ORDINALS = {
    "fr": {"dix huitième": 18, "dix neuvième": 19, "vingtième": 20, "vingt et unième": 21},
    "is": {"nítjánda": 19, "nítjándu": 19, "tuttugasta": 20, "tuttugustu": 20},
    "ar": {
        "الخامس عشر": 15,
        "السادس عشر": 16,
        "السابع عشر": 17,
        "الثامن عشر": 18,
        "التاسع عشر": 19,
        "العشرين": 20,
        "الحادي والعشرين": 21,
        "الواحد والعشرين": 21,
    },
    # feminine, as सदी and शताब्दी are
    "hi": {
        "पंद्रहवीं": 15,
        "सोलहवीं": 16,
        "सत्रहवीं": 17,
        "अठारहवीं": 18,
        "उन्नीसवीं": 19,
        "बीसवीं": 20,
        "इक्कीसवीं": 21,
    },
}

_CENTURY_WORDS = {
    "век",
    "века",
    "веке",
    "веку",
    "веком",
    "веков",
    "столетие",
    "столетия",
    "столетии",
    "century",
    "centuries",
    "jahrhundert",
    "jahrhunderts",
    "jahrhunderte",
    "jahrhunderten",
    "jh",
    "siècle",
    "siècles",
    "öld",
    "aldar",
    "öldinni",
    "öldina",
    "siglo",
    "siglos",
    "secolo",
    "secoli",
    "wiek",
    "wieku",
    "wieki",
    "wieków",
    "सदी",
    "सदियों",
    "शताब्दी",
    # Estonian "12. sajandil", Finnish "1800-luvulla" aside, "vuosisadalla"
    "sajand",
    "sajandi",
    "sajandil",
    "sajandit",
    "sajandist",
    "sajandiks",
    "sajandisse",
    "sajandite",
    "sajandeid",
    "vuosisata",
    "vuosisadan",
    "vuosisadalla",
    "vuosisadalle",
    "vuosisadalta",
    # Sinhala "19වන සියවසේ", "15 වන සතවර්ෂයේ"
    "සියවස",
    "සියවසේ",
    "සියවසෙන්",
    "සියවසේදී",
    "සියවසට",
    "සතවර්ෂය",
    "සතවර්ෂයේ",
    "ශතවර්ෂය",
    "ශතවර්ෂයේ",
}
# Sinhala inflects its century words: "16වන සියවසෙහි", "සියවස්", "ශතවර්ෂයේදී"
_CENTURY_STEMS = ("සියවස", "සතවර්ෂ", "ශතවර්ෂ")
# plurals that, after bare digits, count centuries: "6 centuries" / "6 secole" is 6
_CENTURY_PLURALS = _set("centuries siècles siglos secoli jahrhunderte веков wieków")
_ROMAN_CENTURY_ABBR = {"в", "вв"}  # "XX в." -- "в" is also "in", so only after a Roman numeral
# Arabic, Spanish and Romanian put the century word first: القرن العشرين, el siglo XV,
# secolul XX, secolului 19
_AR_CENTURY = {"القرن", "قرن", "siglo", "siglos", "secolo"}
_AR_CENTURY |= _set("secol secolul secolului secolele secolelor")
# "il Novecento" is the 20th century, "il Quattrocento" the 15th: capitalised, an
# Italian hundred names its century
_IT_HUNDREDS = ["due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
_IT_CENTURY_NAMES = {name + "cento": n for n, name in enumerate(_IT_HUNDREDS, 13)}
_PERCENT_WORDS = [
    "percent",
    "per cent",
    "pct",
    "процент",
    "процента",
    "процентов",
    "процентам",
    "процентами",
    "процентах",
    "проц",
    "prozent",
    "pour cent",
    "pourcent",
    "prósent",
    "prósentum",
    "prósenta",
    "بالمئة",
    "بالمائة",
    "في المئة",
    "في المائة",
    "por ciento",
    "per cento",
    "percento",
    "procent",
    "procenta",
    "procentów",
    "procentach",
    "proc",
    "प्रतिशत",
    "फ़ीसदी",
    "फ़ीसद",
]
# "treinta y cinco", "mille e una"
_CONJUNCTIONS = {"and", "et", "und", "og", "و", "y", "e"}
_HYPHENS = {"-", "\u2010", "\u2011"}
_RANGE_MARKS = _HYPHENS | {
    "–",
    "—",
    "/",
    "и",
    "and",
    "et",
    "und",
    "og",
    "or",
    "или",
    "y",
    "e",
    "i",
    "ja",
    "și",
    "şi",
}
_ORD_SUFFIXES = {"st", "nd", "rd", "th", "e", "er", "re", "è", "ère", "ème", "eme", "ᵉ", "ᵉʳ"}
_ORD_SUFFIXES |= {"वां", "वीं", "वें"}  # Hindi 8वीं सदी (folded: वाँ is वां)
# Sinhala ordinal endings, glued or apart: "19වන", "15 වන", "16 වැනිදා" ("16th day")
_SI_ORD_SUFFIXES = {"වන", "වැනි", "වෙනි", "වැනිදා", "වෙනිදා"}
_RU_ORD_SUFFIXES = {
    "й",
    "го",
    "я",
    "е",
    "ый",
    "ий",
    "ой",
    "ая",
    "ое",
    "ого",
    "ому",
    "ом",
    "м",
    "х",
    "ых",
    "ым",
    "ми",
    "ю",
}  # 20-й, 1990-х
_ATTACHED_SCALES = {"bn": 1e9, "m": 1e6, "mn": 1e6, "tn": 1e12}  # English "$5bn"; "5 m" is metres
# anniversaries by their number of years: "the Bicentenary of her Birth" is "200. Geburtstag"
_EN_ANNIVERSARIES = {
    "centenary": 100, "centennial": 100, "bicentenary": 200, "bicentennial": 200,
    "tercentenary": 300, "tricentennial": 300, "quincentenary": 500,
}  # fmt: skip
# an ordinal scale ending a number: "the two hundredth anniversary" is 200, not 2
_EN_ORDINAL_SCALES = {"hundredth": 100.0, "thousandth": 1e3, "millionth": 1e6}
# vulgar fractions, alone ("½ Liter") or after a whole number ("1 ½ m", "2½")
_VULGAR = {ch: unicodedata.numeric(ch) for ch in "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"}
# nouns numbered in Roman numerals: "camp III" is "Lager 3", "tome II" "Band 2"
_ROMAN_LABELS = _set(
    "camp camps lager hochlager kapitel chapitre chapter chapters capitolo capítulo глава "
    "band bd tome volume vol teil partie part akt acte act étape etappe stage phase"
)
# prefixes hyphened to a year or a century: "mid-1970s", "mid-11th century", "pre-1914"
_TIME_PREFIXES = _set("mid early late pre post")
_ROMAN_CAPITALS = re.compile(r"[IVX]+")
# a Roman ordinal before its noun: "XX съезд", "XXe congrès", "Ve République"
_ROMAN_LEADING = re.compile(r"[IVX]{2,}|[IVX]+(?:e|er|re|ème|eme)")
# words after the hour of a time of day: 4.45 Uhr, 20 h 30, 4 heures et demie
_HOUR_WORDS = ("uhr", "h", "heure", "heures", "hrs", "ч", "час", "часа", "часов")
# Parts of the day after an hour, the way English says "am"/"pm": "в 10 утра" is 10:00,
# "в 10 вечера" 22:00 ("в 10 часов вечера" too). "ночи" is am up to 5 ("в 3 часа ночи")
# and pm from 9 ("в 11 ночи"); "дня" is pm ("в 2 часа дня"). Values: "am", "pm", "night".
_DAY_PARTS: dict[str, dict[str, str]] = {
    "ru": {"утра": "am", "дня": "pm", "вечера": "pm", "ночи": "night"},
    "en": {
        "in the morning": "am",
        "in the afternoon": "pm",
        "in the evening": "pm",
        "at night": "night",
    },
    "de": {"morgens": "am", "früh": "am", "nachmittags": "pm", "abends": "pm", "nachts": "night"},
    "fr": {"du matin": "am", "du soir": "pm"},
    "es": {"de la mañana": "am", "de la tarde": "pm", "de la noche": "night"},
}
_RU_AT = ("в", "к", "до", "с", "со", "около", "после")
# English clock words: a time with no digits, never reported alone (_trivial)
_EN_CLOCK_WORDS = {"midnight": 0, "noon": 12 * 60, "midday": 12 * 60}
# Chinese and Japanese: an hour before 点 / 时 / 時 (not 时间 / 時間, "hours"), a part of the
# day before it (下午 "afternoon" adds 12) and the minutes after it (半 :30, 一刻 :15)
_CJK_HOUR_MARKS = ("点", "點", "时", "時")
_CJK_AM = ("上午", "早上", "早晨", "凌晨", "清晨", "午前")
_CJK_PM = ("下午", "晚上", "傍晚", "夜里", "夜間", "夜间", "午後")
_CJK_QUARTERS = {"半": 30, "一刻": 15, "三刻": 45}
# what joins two days of a month (7月17和7月22日), the first one written without its 日
_CJK_DATE_LINKS = ("和", "、", "至", "到", "及", "与", "或", "-", "–", "—", "~", "～", "〜")
# "two and a half", "два с половиной": a half after a number
_HALVES: dict[str, dict[str, float]] = {
    "en": {"and a half": 0.5},
    "ru": {"с половиной": 0.5},
    "fr": {"et demi": 0.5, "et demie": 0.5},
    "es": {"y medio": 0.5, "y media": 0.5},
}
# Russian ordinal units after a spelled-out ten: "двадцать девятый" is 29th, not 20
_RU_ORDINAL_UNIT = re.compile(
    r"(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят)"
    r"(ый|ой|ий|ая|ое|ого|ому|ым|ом|ых|ые|ую|ыми|ьи|ья|ье|ьей|ьего|ьему|ьим|ьем|ьих|ью)"
)
_RU_UNIT_VALUES = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5}
_RU_UNIT_VALUES |= {"шест": 6, "седьм": 7, "восьм": 8, "девят": 9}

_CJK_UNITS = {"十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
# Words that contain numerals without meaning a number ("十分" = very, "百姓" = people),
# unless a numeral precedes them (两千万 is 20 million); units are never numbers (5千克 = 5 kg).
_CJK_IDIOMS = (
    "十分(?!之)",  # 十分之一 is "one tenth"
    "千万",
    "万一",
    "百姓",
    "百货",
    "一些",
    "一起",
    "一样",
    "一直",
    "一定",
    "一切",
    "统一",
    "唯一",
    "一般",
    "一旦",
    "一致",
    "万岁",
    # adverbs and set phrases: 十足 "utterly", 万物 "all things", 四面 "on all sides"
    "十足",
    "万物",
    "万事",
    "万分",
    "四面",
    "一同",
    "一向",
    "一再",
    "一律",
    "一边",
    "一面",
    "一点",
    "一下",
    "一番",
    "一贯",
    "一概",
    "专一",
    "不一",
    "十字",
    "千方百计",
    "三心二意",
    "百般",
    # "all the ...": 万国 "all nations", 万族 "all families", 万民 "all peoples",
    # 百兽 "every beast", 千万 "by all means"
    "万国",
    "万族",
    "万民",
    "万邦",
    "百兽",
    "千万",
    # 百姓 "the people", 万代 "all generations", 万军 "hosts", 千军 "the host"; the ranks
    # 十夫长 / 五十夫长 / 百夫长 / 千夫长 "captains of tens / fifties / hundreds / thousands"
    # (English says "hundreds" without a number); the name 利百加 "Rebekah"
    "百姓",
    "万代",
    "万军",
    "千军",
    "十夫长",
    "五十夫长",
    "百夫长",
    "千夫长",
    "利百加",
    # "all ...", "luckily": 万幸 "fortunately", 万神 "all gods", 百事 / 百物 "all things"
    "万幸",
    "万神",
    "百事",
    "百物",
    # words: 百叶窗 "shutters", 百科全书 "encyclopedia", 百慕大 "Bermuda", 百合 "lily"
    "百叶",
    "百科",
    "百慕大",
    "百合",
    # 十四行诗 "sonnet", 三角 "triangle" (三角洲 "delta"), 成千上万 "thousands", 成百上千
    # "hundreds": the English says no number
    "十四行诗",
    "三角",
    "成千上万",
    "成百上千",
)
# and words never numbers even after a numeral: 第二三角洲 is "the second delta"
_CJK_UNIT_WORDS = ("千克", "千米", "千瓦", "三角洲")

# Languages writing "3,5" for 3.5 and "1.500" for 1500.
_DECIMAL_COMMA = {
    "ru",
    "uk",
    "be",
    "bg",
    "sr",
    "hr",
    "bs",
    "sl",
    "mk",
    "cs",
    "sk",
    "pl",
    "de",
    "fr",
    "is",
    "es",
    "it",
    "pt",
    "ro",
    "nl",
    "sv",
    "da",
    "no",
    "nb",
    "nn",
    "fi",
    "et",
    "lv",
    "lt",
    "el",
    "tr",
    "hu",
    "ca",
    "gl",
    "az",
    "kk",
    "id",
    "vi",
}

_WORD_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ـ": None,
        "ё": "е",
        "\u0301": None,
        **{chr(c): None for c in (*range(0x064B, 0x0660), 0x0670)},
        # Devanagari: nukta dropped (हज़ार = हजार), candrabindu read as anusvara (पाँच = पांच)
        "\u093c": None,
        "\u0901": "\u0902",
        **{chr(0x0958 + k): base for k, base in enumerate("कखगजडढफय")},
    }
)


def _norm_word(word: str) -> str:
    """Fold case, ё and Arabic spelling variants so table look-ups see one form."""
    return word.lower().translate(_WORD_FOLD)


def _entries(spec: str) -> list[list[str]]:
    return [entry.split() for entry in spec.split(",") if entry.strip()]


def _cardinal_table(spec: str) -> dict[str, tuple[float, str, bool]]:
    table: dict[str, tuple[float, str, bool]] = {}
    for head, *forms in _entries(spec):
        role = {"x": "mult", "^": "scale"}.get(head[0], "add")
        for form in forms:
            key = _norm_word(form.rstrip("+").replace("_", " "))
            table[key] = (float(head.lstrip("x^")), role, form.endswith("+"))
    return table


def _word_table(spec: str) -> dict[str, int]:
    return {
        _norm_word(form.replace("_", " ")): int(head)
        for head, *forms in _entries(spec)
        for form in forms
    }


_CARDINALS = {lang: _cardinal_table(spec) for lang, spec in _CARDINAL_SPECS.items()}


def _fr_ordinal_table() -> dict[str, tuple[float, str, bool]]:
    """French ordinal words, valued as their cardinals: "deuxième", "centième",
    "quatre vingtième" (quatre-vingtième), "unième" (for "cent unième", "vingt et unième")."""
    table: dict[str, tuple[float, str, bool]] = {}
    for form, (value, role, plural) in _CARDINALS["fr"].items():
        if plural or form in ("une", "zéro") or form.endswith("aine"):
            continue
        *head, last = form.split()
        stem = _FR_ORDINAL_RESPELLED.get(last, last[:-1] if last.endswith("e") else last)
        for suffix in ("ième", "ieme"):
            table[" ".join([*head, stem + suffix])] = (value, role, False)
    return table


_ORDINAL_WORDS = {"fr": _fr_ordinal_table()}
_MONTHS = _word_table(_MONTH_SPEC)
_MONTH_NAMES = [name.capitalize() for name in _EN_MONTH_ABBR]
# Russian days of the month as ordinal words before the month: "первого мая" (May 1),
# "на девятое мая", "к двадцать третьему февраля"; "третий" is soft (третьего, третье).
_RU_DAY_STEMS = (
    "перв втор треть четвёрт пят шест седьм восьм девят десят одиннадцат двенадцат "
    "тринадцат четырнадцат пятнадцат шестнадцат семнадцат восемнадцат девятнадцат"
)


def _ru_day_ordinals() -> dict[str, int]:
    def forms(stem: str) -> list[str]:
        ends = (
            ("е", "его", "ему", "ем", "им") if stem == "треть" else ("ое", "ого", "ому", "ом", "ым")
        )
        return [stem + end for end in ends]

    words = dict(enumerate(_RU_DAY_STEMS.split(), 1))
    table = {
        f: n for n, stem in [*words.items(), (20, "двадцат"), (30, "тридцат")] for f in forms(stem)
    }
    table |= {f"двадцать {f}": 20 + n for n, stem in words.items() if n <= 9 for f in forms(stem)}
    table |= {f"тридцать {f}": 31 for f in forms("перв")}
    return {_norm_word(k): v for k, v in table.items()}


# The ordinals of the days of a month in Arabic (masculine, as اليوم "the day" is)
_AR_UNITS = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
             "التاسع"]  # fmt: skip
_AR_DAY_ORDINALS = (
    ["الأول", *_AR_UNITS[1:], "العاشر"]
    + [f"{u} عشر" for u in _AR_UNITS]
    + ["العشرين"]
    + [f"{u} والعشرين" for u in _AR_UNITS]
    + ["الثلاثين", "الحادي والثلاثين"]
)
# Arabic ordinals with the article, masculine and feminine: "الخامس" (5th), "الحادية عشرة"
# (11th), "الثاني والعشرين" (22nd), "الخامسة والسبعين" (75th). Read as cardinals, these were
# 10, 20 and 70 ("the 11th session" against "عشرة" said "10 has no counterpart"). An ordinal
# of the tens is the cardinal with the article ("العشرين", 20th and twenty) and reads as one;
# "الأول" (first) is left out, as in every language (_ordinals).
_AR_ORDINAL_UNITS = {
    _norm_word(w): n
    for n, pair in enumerate(
        [
            "حادي حادية",
            "ثاني ثانية",
            "ثالث ثالثة",
            "رابع رابعة",
            "خامس خامسة",
            "سادس سادسة",
            "سابع سابعة",
            "ثامن ثامنة",
            "تاسع تاسعة",
            "عاشر عاشرة",
        ],
        1,
    )
    for w in pair.split()
}
_AR_ORDINAL_TENS = {
    _norm_word(w): 10 * n
    for n, pair in enumerate(
        [
            "عشرين عشرون",
            "ثلاثين ثلاثون",
            "أربعين أربعون",
            "خمسين خمسون",
            "ستين ستون",
            "سبعين سبعون",
            "ثمانين ثمانون",
            "تسعين تسعون",
        ],
        2,
    )
    for w in pair.split()
}


def _is_year_word(word: str) -> bool:
    """Russian "год" in its cases ("году", "года", "годом"), after a year in words."""
    return word.lower() in ("год", "года", "году", "годом", "годе")


def _ar_definite(word: str, conj: bool = False) -> str | None:
    """The word after its article ("الثاني" -> "ثاني"), folded; with ``conj`` only after
    "and the" ("والعشرين" -> "عشرين"). None without the article."""
    w = _norm_word(word)
    if conj:
        if not w.startswith("و"):
            return None
        w = w[1:]
    elif w.startswith(("وال", "بال")):
        w = w[1:]
    return w[2:] if w.startswith("ال") and len(w) > 3 else None


# Ordinal words for a day: "the Fourth of July", "July the fourth" (en) and "первого мая" (ru,
# only before the month: after one, "в конце мая первого вице-премьера" is no date).
_DAY_ORDINALS: dict[str, dict[str, int]] = {
    "en": {w: n for n, w in enumerate(_EN_ORDINALS.split(), 1)}
    | {f"twenty {w}": 20 + n for n, w in enumerate(_EN_ORDINALS.split()[:9], 1)}
    | {"thirtieth": 30, "thirty first": 31},
    "ru": _ru_day_ordinals(),
    "fr": {"premier": 1},  # le premier mai; other days are cardinals (le deux mai)
    # "الخامس عشر من أيار" (the fifteenth of May): the masculine ordinals that name a day
    "ar": {_norm_word(w): n for n, w in enumerate(_AR_DAY_ORDINALS, 1)},
}
_CENTURY_ORDINALS: dict[str, dict[str, int]] = {
    "en": {w: n for n, w in enumerate(_EN_ORDINALS.split(), 1)} | {"twenty first": 21},
    "ru": {
        stem + end: n
        for n, stem in _RU_ORDINAL_STEMS.items()
        for end in ("ый", "ого", "ом", "ому", "ым")
    },
    "de": {
        stem + end: n for n, stem in _DE_ORDINAL_STEMS.items() for end in ("e", "en", "es", "er")
    },
    **{
        lang: {_norm_word(k): v for k, v in table.items()}
        for lang, table in _OTHER_ORDINALS.items()
    },
}
_PERCENT = {_norm_word(w): 1 for w in _PERCENT_WORDS}

# --------------------------------------------------------------------------- tokenising

_FOLD_CHARS = str.maketrans(
    {
        **{chr(base + d): str(d) for base in (0x0660, 0x06F0, 0xFF10) for d in range(10)},
        "٫": ".",
        "٬": "\u202f",
        "٪": "%",
        "％": "%",
    }
)
_IDIOM_RE = re.compile(
    r"(?<![\d〇零一二三四五六七八九十百千两])(?:"
    + "|".join(_CJK_IDIOMS)
    + ")|"
    + "|".join(_CJK_UNIT_WORDS)
)
# OCR reads a zero as the letter O: "1OOjährigen", "(1O )".  An O run after a digit is
# zeros when it is two or more long or no letter follows ("2Ost" stays a word).
_OCR_ZEROS = re.compile(r"(?<=\d)(?:OO+|O(?![^\W\d_]))+")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MARKS = (
    "\u0300-\u036f\u0640\u064b-\u065f\u0670"
    # Devanagari, Bengali and Sinhala vowel signs and viramas, and the zero-width joiner:
    # without them "अप्रैल" or "අප්‍රේල්" (April) falls apart into pieces
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7"
    "\u0d81-\u0d83\u0dca-\u0df3\u200d"
)
_TOKEN_RE = re.compile(
    r"(?P<numdate>\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d))"
    # "3, 000" and "100, 000" in tokenised text: no list item starts with a zero
    r"|(?P<num>\d{1,3}(?:[\x20\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?!\d)"
    r"|\d{1,3}(?:,\x20(?=0)\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*)"
    r"|(?P<cjknum>[〇零一二三四五六七八九十百千万萬亿億两兩]+)"
    rf"|(?P<cjk>[{_CJK}])"
    rf"|(?P<word>(?:[^\W\d_{_CJK}]|[{_MARKS}])+)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True)
class _Tok:
    text: str  # ASCII digits; words case- and spelling-folded
    kind: str  # numdate | num | cjknum | cjk | word | punct
    start: int
    end: int


@dataclass(frozen=True)
class _Found:
    q: Quantity
    precision: float  # "40 thousand" is good to the thousand, "40,000" to the unit
    vague: bool = False  # a magnitude, not a count: "several million", 数百万


def _base_lang(lang: str) -> str:
    return re.split(r"[-_]", lang.strip().lower())[0]


def _tokenise(text: str) -> list[_Tok]:
    """Tokens over a same-length folded copy of text, so spans index the original."""
    folded = _IDIOM_RE.sub(lambda m: "_" * len(m.group()), text.translate(_FOLD_CHARS))
    folded = _OCR_ZEROS.sub(lambda m: "0" * len(m.group()), folded)
    return [
        _Tok(
            _norm_word(m.group()) if m.lastgroup == "word" else m.group(),
            m.lastgroup or "punct",
            m.start(),
            m.end(),
        )
        for m in _TOKEN_RE.finditer(folded)
    ]


def _parse_digits(s: str, lang: str) -> tuple[float, float] | None:
    """'40 000', '1,500', '1.5' -> (value, precision); the language settles '1,500' vs '1.500'."""
    if ", " in s:  # tokenised thousands (_TOKEN_RE): "3, 000"
        s = s.replace(",", "")
    s = re.sub(r"[\x20\u00a0\u202f\u2009]", "", s)
    seps = [c for c in s if c in ".,"]
    if not seps:
        return float(s), 1.0
    if len(set(seps)) == 2:
        dec: str | None = s[max(s.rfind("."), s.rfind(","))]
    elif len(seps) > 1:
        dec = None
    else:
        tail = s.split(seps[0])[1]
        thousands = len(tail) == 3 and (seps[0] == ",") != (lang in _DECIMAL_COMMA)
        dec = None if thousands else seps[0]
    whole, frac = s.rsplit(dec, 1) if dec else (s, "")
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None  # "1,2,3" or a version number, not a quantity
    return float("".join(groups) + "." + (frac or "0")), 10.0 ** -len(frac)


def _roman(word: str) -> int | None:
    """'xx', 'xxi', 'xxe' (French), 'хх' (typed in Cyrillic) -> 20, 21, 20, 20."""
    m = re.fullmatch(
        r"(x{0,3}(?:ix|iv|v?i{0,3}))(?:e|er|re|è|ème|eme|ᵉ|ᵉʳ)?",
        word.translate(str.maketrans("хі", "xi")),
    )
    if not m or not m.group(1):
        return None
    total = prev = 0
    for ch in reversed(m.group(1)):
        v = {"i": 1, "v": 5, "x": 10}[ch]
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total


def _cjk_value(items: list[float | str], unit: float) -> tuple[float, float]:
    """Chinese numerals, possibly led by digits: 七十, 两, 4万, 1.5亿, 二〇二三."""
    spelled = all(isinstance(x, str) and x in _CJK_DIGITS for x in items)
    if spelled and (len(items) >= 4 or "〇" in items or "零" in items):
        return float("".join(str(_CJK_DIGITS[str(x)]) for x in items)), 1.0
    total = section = cur = 0.0
    for x in items:
        if isinstance(x, float) or x in _CJK_DIGITS:
            cur = x if isinstance(x, float) else float(_CJK_DIGITS[x])
        elif _CJK_UNITS[x] < 1e4:
            section += (cur or 1.0) * _CJK_UNITS[x]
            cur = 0.0
        elif x in "万萬":
            total += (section + cur or 1.0) * 1e4
            section = cur = 0.0
        else:
            total = (total + section + cur or 1.0) * 1e8
            section = cur = 0.0
    last = items[-1]
    big = isinstance(last, str) and _CJK_UNITS.get(last, 0) >= 1e3
    return total + section + cur, unit * _CJK_UNITS[str(last)] if big else 1.0


def _de_number(word: str) -> float | None:
    """German writes numbers as one word: fünfundsiebzig, zweihundertdreißig, dreitausend;
    also the decades (die dreissiger Jahre), multiples (hundertfach, zwanzigmal: French
    "vingt fois") and peaks (Achttausender)."""
    for suffix in (
        "erjahren",
        "erjahre",
        "ern",
        "ers",
        "er",
        "fachen",
        "facher",
        "faches",
        "fache",
        "fach",
        "mal",
    ):
        stem = word.removesuffix(suffix)
        if stem != word and stem:
            value = _de_number(stem)
            decade = suffix.startswith("er") and value is not None and 20 <= value < 100
            if decade and value is not None and value % 10 == 0:
                return value
            if suffix.startswith("fach") and value is not None and value >= 2:
                return value
            if suffix == "mal" and value is not None:  # "einmal" is 1: trivial unmatched
                return value
            # a peak of so many metres: "die Achttausender", "einen Viertausender", "des
            # letzten Achttausenders"
            thousands = suffix in ("er", "ern", "ers") and value is not None and value >= 1000
            if thousands and value is not None and value % 1000 == 0:
                return value
    entry = _CARDINALS["de"].get(word)
    if entry and entry[1] == "add":
        return entry[0]
    for sep, mul in (("tausend", 1e3), ("hundert", 100.0)):
        if word == sep:
            return mul
        left, hit, right = word.partition(sep)
        if hit:
            lv = _de_number(left) if left else 1.0
            rv = _de_number(right) if right else 0.0
            return None if lv is None or rv is None else lv * mul + rv
    left, hit, right = word.partition("und")
    if hit and left and right:
        lv, rv = _de_number(left), _de_number(right)
        if lv is not None and rv is not None and lv < 10 and rv % 10 == 0 and 20 <= rv < 100:
            return lv + rv
    return None


def _de_ordinal(word: str) -> float | None:
    """A German ordinal word: zweiten, dreizehnte, dreissigsten, hundertste, and the
    compounds einundzwanzigste, hundertunderste (101st).  The stem must be a whole
    cardinal, so "beste", "Gerste" or "Weste" are no ordinals."""
    for ending in _DE_ORDINAL_ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word and stem:
            value = _de_ordinal_stem(stem)
            if value is not None:
                return value
    return None


def _de_ordinal_stem(stem: str) -> float | None:
    """The value of an uninflected ordinal stem: "zweit" 2, "zwanzigst" 20, "hundertdritt" 103."""
    if stem in _DE_ORDINAL_IRREGULAR:
        return _DE_ORDINAL_IRREGULAR[stem]
    if stem.endswith("st") and (value := _de_number(stem[:-2])) is not None and value >= 20:
        return value
    if stem.endswith("t") and (value := _de_number(stem[:-1])) is not None and 2 <= value < 20:
        return value
    for sep, mul in (("tausend", 1e3), ("hundert", 100.0)):
        left, hit, right = stem.rpartition(sep)
        if hit and right:  # the last part is the ordinal: hundert|(und)erst
            lv = _de_number(left) if left else 1.0
            rv = _de_ordinal_stem(right.removeprefix("und"))
            if lv is not None and rv is not None and rv < mul:
                return lv * mul + rv
    return None


_IT_TENS = re.compile(
    r"(vent|trent|quarant|cinquant|sessant|settant|ottant|novant)[ai]?"
    r"(uno|due|tre|tré|quattro|cinque|sei|sette|otto|nove)"
)


def _it_number(word: str) -> float | None:
    """Italian writes numbers as one word: trentacinque, ventotto, duecentomila, milleduecento."""
    entry = _CARDINALS["it"].get(word)
    if entry and entry[1] == "add":
        return entry[0]
    if word in ("cento", "mille"):
        return 100.0 if word == "cento" else 1e3
    for sep, mul in (("mila", 1e3), ("mille", 1e3), ("cento", 100.0)):
        left, hit, right = word.partition(sep)
        # "mila" needs a multiplier before it (duemila); "mille" has none (milleduecento)
        if not hit or (sep == "mila" and not left) or (sep == "mille" and left):
            continue
        lv = _it_number(left) if left else 1.0
        rv = _it_number(right) if right else 0.0
        if lv is None or rv is None or lv >= 1000 or rv >= mul:
            return None
        return lv * mul + rv
    m = _IT_TENS.fullmatch(word)
    if m:
        tens = _CARDINALS["it"][m.group(1) + ("i" if m.group(1) == "vent" else "a")][0]
        return tens + _CARDINALS["it"][m.group(2).replace("tré", "tre")][0]
    return None


# Arabic weekday names are built on number stems: الاثنين "Monday" is not "the two"
_AR_WEEKDAYS = frozenset(
    _norm_word(w)
    for w in ["الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الأحد", "الاحد"]
)


def _ar_stems(word: str) -> list[tuple[str, bool]]:
    """Arabic glues 'and', 'the', 'with' onto numbers: وعشرون, العشرين, بخمسة."""
    if _norm_word(word.removeprefix("و").removeprefix("ب")) in _AR_WEEKDAYS:
        return []
    conj = word.startswith("و") and len(word) > 2
    stems = [(word[1:], True)] if conj else []
    bare = word[1:] if conj else word
    stems += [
        (bare[len(p) :], conj)
        for p in ("بال", "ال", "ب")
        if bare.startswith(p) and len(bare) > len(p) + 1
    ]
    return stems


def _joinable(cur: float, v: float, conj: bool, lang: str) -> bool:
    """Whether word value v continues the number read so far (seventy + five) or starts anew."""
    if cur == 0:
        return True
    if cur != int(cur):
        return False
    n, place = int(cur), 1
    while n % (place * 10) == 0:
        place *= 10
    low = n % 100
    return (
        v < place
        or (low in (60, 80) and 10 <= v < 20)  # soixante-douze, quatre-vingt-onze
        or (0 < low < 10 and conj and v % 10 == 0 and 20 <= v < 100)  # خمسة وعشرون
        or (0 < low < 10 and v == 10 and lang == "ar")
    )  # خمسة عشر


def _is_latin_like(ch: str) -> bool:
    """Latin, Greek or Cyrillic letter, full-width too: digits glued to these are
    identifiers (G20, Су-35, Japanese "Ｊ３" for the league J3)."""
    ch = unicodedata.normalize("NFKC", ch)[:1]
    return ch.isalpha() and ord(ch) < 0x0590


# --------------------------------------------------------------------------- extraction

_Hit = tuple[list[_Found], int]
_T = TypeVar("_T")


class _Reader:
    """Walks the tokens of one text, trying a date, a century, then a number at each token."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = _base_lang(lang)
        self.toks = _tokenise(text)
        self.cardinals = _CARDINALS.get(self.lang, {})
        self._phrases: dict[int, list[tuple[str, int]]] = {}

    def read_all(self) -> list[_Found]:
        found: list[_Found] = []
        i = 0
        while i < len(self.toks):
            hit = self.clock(i) or self.date(i) or self.century(i) or self.number(i)
            if hit:
                found.extend(hit[0])
                i = hit[1]
            else:
                i += 1
        return found

    # -- token helpers
    def is_(self, i: int, *texts: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].text in texts

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < len(self.toks) else ""

    def glued(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return 0 < i < len(self.toks) and self.toks[i].start == self.toks[i - 1].end

    def found(
        self, i: int, j: int, value: float, kind: str, precision: float = 1.0, vague: bool = False
    ) -> _Found:
        start, end = self.toks[i].start, self.toks[j - 1].end
        q = Quantity(float(value), kind, start, end, self.text[start:end])
        return _Found(q, precision, vague)

    def phrase(self, i: int, table: Mapping[str, _T], max_words: int = 3) -> tuple[_T, int] | None:
        """Longest entry of table spelled by up to max_words words at i (hyphens skipped)."""
        spans = self._phrases.get(i)
        if spans is None:  # each table is tried at each token: gather the words once
            spans = self._phrases[i] = self._spans(i)
        for key, end in reversed(spans[:max_words]):
            if key in table:
                return table[key], end
        return None

    def _spans(self, i: int) -> list[tuple[str, int]]:
        """The phrases of 1, 2 and 3 words at i and the index past each."""
        words: list[str] = []
        out: list[tuple[str, int]] = []
        j = i
        while self.kind(j) == "word" and len(words) < 3:
            words.append(self.toks[j].text)
            j += 1
            out.append((" ".join(words), j))
            if self.is_(j, *_HYPHENS) and self.glued(j) and self.glued(j + 1):
                j += 1
        return out

    def ru_ordinal_unit(self, j: int) -> int | None:
        """The unit of a Russian ordinal word at j ("девятый" 9), else None."""
        if self.lang != "ru" or self.kind(j) != "word":
            return None
        hit = _RU_ORDINAL_UNIT.fullmatch(self.toks[j].text)
        return _RU_UNIT_VALUES[hit.group(1)] if hit else None

    def ordinal_suffix(self, j: int, dot: bool = False) -> int:
        """Index past an ordinal ending after a figure: 20th, 1er, 20-й, 20го, (de/is) 7."""
        if self.glued(j) and self.kind(j) == "word" and self.toks[j].text in _ORD_SUFFIXES:
            return j + 1
        if self.lang == "ru" and self.glued(j) and self.is_(j, *_RU_ORD_SUFFIXES):
            return j + 1  # 20го, 5й: the ending without its hyphen
        if self.lang == "si" and self.is_(j, *_SI_ORD_SUFFIXES):
            return j + 1
        if (
            self.is_(j, *_HYPHENS)
            and self.glued(j)
            and self.glued(j + 1)
            and self.is_(j + 1, *_RU_ORD_SUFFIXES)
        ):
            return j + 2
        return j + 1 if dot and self.is_(j, ".") else j

    def identifier_digits(self, i: int) -> bool:
        """G20, COVID-19, Су-35: digits belonging to a name, not a quantity."""
        if not self.glued(i):
            return False
        if self.is_(i - 1, *_HYPHENS) and self.is_(i - 2, *_TIME_PREFIXES):
            return False  # mid-1970s, pre-1914
        prev = self.toks[i - 1]
        if prev.kind == "word":
            return _is_latin_like(prev.text[-1])
        return (
            prev.text in _HYPHENS
            and self.glued(i - 1)
            and self.kind(i - 2) == "word"
            and _is_latin_like(self.toks[i - 2].text[-1])
        )

    def small_int(self, i: int) -> int | None:
        t = self.toks[i] if 0 <= i < len(self.toks) else None
        if t and t.kind == "num" and t.text.isdigit() and not self.identifier_digits(i):
            return int(t.text)
        if t and t.kind == "cjknum":
            return int(_cjk_value(list(t.text), 1.0)[0])
        return None

    # -- times of day
    def clock(self, i: int) -> _Hit | None:
        """4.45 Uhr, 20 h 30, 20h30, 14:30 (Uhr), 11:35 pm, 3 p.m., halb fünf, 4 heures et
        demie, noon, 下午3点半: minutes of the day (24-hour)."""
        t = self.toks[i]
        if t.kind == "word" and t.text == "halb" and self.lang == "de":  # halb fünf = 4:30
            hour = self.small_int(i + 1) or self.hour_word(i + 1)
            if hour and 1 <= hour <= 24:
                return [self.found(i, i + 2, (hour - 1) * 60 + 30, "time")], i + 2
            return None
        if self.lang == "en" and t.kind == "word" and t.text in _EN_CLOCK_WORDS:
            return [self.found(i, i + 1, _EN_CLOCK_WORDS[t.text], "time")], i + 1
        cjk = self.cjk_clock(i) if self.lang in ("zh", "ja") else None
        if cjk:
            return cjk
        if t.kind != "num":
            return None
        hour, j = None, i + 1
        dotted = re.fullmatch(r"(\d{1,2})[.:](\d{2})", t.text)
        if dotted and self.is_(j, *_HOUR_WORDS):  # 4.45 Uhr
            hour, minutes, j = int(dotted[1]), int(dotted[2]), j + 1
        elif t.text.isdigit() and len(t.text) <= 2:
            # 14:30 (Uhr), or "14 : 00" and "11: 00" in tokenised text
            if self.is_(j, ":") and (self.glued(j) or not self.glued(j + 1)):
                two = self.toks[j + 1].text if self.kind(j + 1) == "num" else ""
                if len(two) == 2 and two.isdigit():
                    # two-digit minutes make a time in any language: "12:00" is no 12 and 0
                    hour, minutes, j = int(t.text), int(two), j + 2
                    seconds = self.toks[j + 1].text if self.kind(j + 1) == "num" else ""
                    if (
                        self.is_(j, ":")
                        and self.glued(j)
                        and self.glued(j + 1)
                        and len(seconds) == 2
                    ):
                        j += 2  # 12:00:00
                    j += self.is_(j, *_HOUR_WORDS)
            elif self.is_(j, *_HOUR_WORDS):
                nxt = self.toks[j + 1].text if self.kind(j + 1) == "num" else ""
                half = self.phrase(j + 1, _HALVES.get(self.lang, {}), 3)
                if len(nxt) == 2 and nxt.isdigit():  # 20 h 30, 4 Uhr 45
                    hour, minutes, j = int(t.text), int(nxt), j + 2
                elif half:  # 4 heures et demie
                    hour, minutes, j = int(t.text), 30, half[1]
            elif self.meridiem(j) or (t.text == "12" and self.is_(j, "noon", "midnight")):
                hour, minutes = int(t.text), 0  # 3 pm, 12 noon
            if hour is None and t.text.isdigit() and len(t.text) <= 2:
                k = j + self.is_(j, *_HOUR_WORDS)  # "в 10 утра", "в 10 часов вечера"
                # Russian "3 дня", "3 ночи", "3 вечера" are also three days, nights,
                # evenings: an hour there has its hour word or a preposition of time
                clock_like = k > j or self.lang != "ru" or self.is_(i - 1, *_RU_AT)
                if clock_like and self.day_part(k):
                    hour, minutes, j = int(t.text), 0, k
            if hour is not None and hour <= 12 and (part := self.day_part(j)):
                day, j = part
                pm = day == "pm" or (day == "night" and 5 < hour < 12)
                hour = hour % 12 + 12 * pm  # "12 дня" is noon, "12 ночи" midnight
            elif hour is not None and hour <= 12 and (meridiem := self.meridiem(j)):
                pm, j = meridiem  # 11:35 pm is 23:35, 12 am is 0:00
                hour = hour % 12 + 12 * pm
            elif hour == 12 and self.is_(j, "noon", "midnight"):
                hour, j = 0 if self.is_(j, "midnight") else 12, j + 1
        if hour is None or hour > 24 or minutes >= 60:
            return None
        return [self.found(i, j, hour * 60 + minutes, "time")], j

    def day_part(self, j: int) -> tuple[str, int] | None:
        """("am" | "pm" | "night", next index) for a part of the day at j: "утра", "abends",
        "du soir"."""
        table = _DAY_PARTS.get(self.lang)
        if not table:
            return None
        hit = self.phrase(j, table, 3)
        return (hit[0], hit[1]) if hit else None

    def meridiem(self, j: int) -> tuple[bool, int] | None:
        """(is pm, next index) for English "pm", "PM", "p.m." at j."""
        if self.lang != "en":
            return None
        if self.is_(j, "am", "pm"):
            return self.toks[j].text == "pm", j + 1
        if (
            self.is_(j, "a", "p")
            and self.is_(j + 1, ".")
            and self.is_(j + 2, "m")
            and self.glued(j + 1)
            and self.glued(j + 2)
        ):
            end = j + 3 + (self.is_(j + 3, ".") and self.glued(j + 3))
            return self.toks[j].text == "p", end
        return None

    def cjk_clock(self, i: int) -> _Hit | None:
        """下午3点半, 9点一刻, 午前0時, 24时30分: an hour with a part of the day before it or
        minutes after it ("三点" alone may be "three points", and is read as a number)."""
        start = self.toks[i].start
        part = self.text[start : start + 2]
        pm = part in _CJK_PM
        j = i + 2 if (pm or part in _CJK_AM) and self.kind(i + 1) == "cjk" else i
        hour = self.small_int(j) if self.kind(j) in ("num", "cjknum") else None
        if hour is None or hour > 24 or not self.is_(j + 1, *_CJK_HOUR_MARKS):
            return None
        k = j + 2
        if self.is_(k, "间", "間", "候"):  # 48時間 is 48 hours
            return None
        minutes = None
        quarter = (
            self.text[self.toks[k].start : self.toks[k].start + 2] if k < len(self.toks) else ""
        )
        if self.is_(k, "半", "整"):
            minutes, k = (30 if self.is_(k, "半") else 0), k + 1
        elif quarter in _CJK_QUARTERS:
            minutes, k = _CJK_QUARTERS[quarter], k + 2
        elif (m := self.small_int(k)) is not None and m < 60 and self.is_(k + 1, "分"):
            minutes, k = m, k + 2
        if j == i and minutes is None:
            return None
        if pm and hour < 12:
            hour += 12
        return [self.found(i, k, hour * 60 + (minutes or 0), "time")], k

    def hour_word(self, i: int) -> int | None:
        hit = self.phrase(i, self.cardinals, 1)
        return int(hit[0][0]) if hit and hit[0][1] == "add" else None

    # -- dates
    def date(self, i: int) -> _Hit | None:
        t = self.toks[i]
        if t.kind == "numdate":
            return self.numeric_date(t), i + 1
        if t.kind in ("num", "cjknum") and self.is_(i + 1, "月"):  # 10月7日
            month, day = self.small_int(i), self.small_int(i + 2)
            if month and month <= 12 and day and day <= 31 and self.is_(i + 3, "日", "号"):
                return [self.found(i, i + 4, month * 100 + day, "date")], i + 4
            if month and month <= 12 and day and day <= 31 and self.is_(i + 3, *_CJK_DATE_LINKS):
                # 7月17和7月22日, 7月17-19日: the first day of a pair drops its 日
                return [self.found(i, i + 3, month * 100 + day, "date")], i + 3
            return [], i + 2  # a month without a day is no quantity
        day = self.small_int(i) if t.kind == "num" else None
        if day and 1 <= day <= 31:  # 7 октября, 7. Oktober, 7th of October, 1er octobre
            j = self.ordinal_suffix(i + 1, dot=True)
            j += self.is_(j, "of", "de")  # 7th of October, 10 de octubre
            after = self.month(j, after_day=True)
            if not after and self.lang == "en" and self.is_(j, ","):
                # "on 23, July 1855": a comma between day and month, a year after it
                after = self.month(j + 1, after_day=True)
                if after and self.kind(after[1]) != "num":
                    after = None
            if after:
                return [self.found(i, after[1], after[0] * 100 + day, "date")], after[1]
        ordinal = self.phrase(i, _DAY_ORDINALS.get(self.lang, {}), 2) or self.de_day(i)
        if ordinal and ordinal[0] <= 31:  # the Fourth of July
            j = ordinal[1] + self.is_(ordinal[1], "of", "من")
            j += self.lang == "ar" and self.is_(j, "شهر")  # "من شهر أيار": of the month of May
            after = self.month(j)
            if after:
                return [self.found(i, after[1], after[0] * 100 + ordinal[0], "date")], after[1]
        before = self.month(i)
        if before:  # October 7, Oct. 7th
            j = before[1] + self.is_(before[1], ".")
            day = self.small_int(j) if self.kind(j) == "num" else None
            if day and 1 <= day <= 31:
                end = self.ordinal_suffix(j + 1)
                return [self.found(i, end, before[0] * 100 + day, "date")], end
            the = self.is_(before[1], "the")
            j = before[1] + the
            ordinal = self.phrase(j, _DAY_ORDINALS["en"], 2) if self.lang == "en" else None
            # "July the fourth", but not "In November the first personnel arrived": an
            # ordinal before a noun ranks the noun
            noun = ordinal is not None and the and self.kind(ordinal[1]) == "word"
            if noun and ordinal and not self.is_(ordinal[1], *_DAY_FOLLOWERS):
                ordinal = None
            if ordinal and ordinal[0] <= 31:  # July Fourth, July the fourth
                return [self.found(i, ordinal[1], before[0] * 100 + ordinal[0], "date")], ordinal[1]
        return None

    def de_day(self, i: int) -> tuple[int, int] | None:
        """A German ordinal word naming a day (am ersten November): (day, next index)."""
        if self.lang != "de" or self.kind(i) != "word":
            return None
        value = _de_ordinal(self.toks[i].text)
        return (int(value), i + 1) if value and value <= 31 else None

    def month(self, i: int, after_day: bool = False) -> tuple[int, int] | None:
        hit = self.phrase(i, _MONTHS, 2) or self.phrase(i, _cldr_months(self.lang), 1)
        if hit:
            return hit
        if self.kind(i) == "word" and (cldr := _cldr_months(self.lang)):
            word = self.toks[i].text  # an inflected name: Estonian "detsembril", "märtsist"
            for name, month in cldr.items():
                common = len(os.path.commonprefix([name, word]))
                if len(name) >= 4 and common >= max(4, len(name) - 2) and len(word) - common <= 4:
                    return month, i + 1
                # a short one only after a day: Estonian "mais" alone is also "maize"
                ending = word.removeprefix(name) if word.startswith(name) else ""
                if after_day and ending in _MONTH_ENDINGS.get(self.lang, ()):
                    return month, i + 1
        if after_day and self.lang == "de" and self.is_(i, *_DE_MONTH_ABBR):
            return _DE_MONTH_ABBR[self.toks[i].text], i + 1
        if self.lang == "en" and self.is_(i, *_EN_MONTH_ABBR, "sept"):
            return _EN_MONTH_ABBR.index(self.toks[i].text[:3]) + 1, i + 1
        return None

    def numeric_date(self, t: _Tok) -> list[_Found]:
        """2023-10-07, 7.10.2023, 10/7/2023 (month first in English) -> a date and a year."""
        parts = re.split(r"[-./]", t.text)
        if len(parts[0]) == 4:
            year, month, day = parts
        elif "/" in t.text and self.lang == "en":
            month, day, year = parts
        else:
            day, month, year = parts
        d, m = int(day), int(month)
        if m > 12:
            d, m = m, d
        ystart = t.start + (0 if len(parts[0]) == 4 else len(t.text) - 4)
        return [
            _Found(Quantity(m * 100.0 + d, "date", t.start, t.end, t.text), 1.0),
            _Found(
                Quantity(float(year), "year", ystart, ystart + 4, self.text[ystart : ystart + 4]),
                1.0,
            ),
        ]

    # -- centuries
    def century(self, i: int) -> _Hit | None:
        word = self.toks[i].text
        if (
            self.lang == "it"
            and word in _IT_CENTURY_NAMES
            and self.text[self.toks[i].start].isupper()
            and i > 0
            and not self.is_(i - 1, ".", "!", "?", "«", '"', "“", ":")
        ):
            return [self.found(i, i + 1, _IT_CENTURY_NAMES[word], "century")], i + 1
        if self.is_(i, *_AR_CENTURY):  # القرن العشرين, القرن الـ20, los siglos XIX y XX
            j = i + 1 + self.is_(i + 1, "ال")
            value = self.century_value(j)
            if not value:
                return None
            found = [self.found(i, value[1], value[0], "century")]
            j = value[1]
            second = self.century_value(j + 1) if self.is_(j, *_RANGE_MARKS) else None
            if second:
                found.append(self.found(j + 1, second[1], second[0], "century"))
                j = second[1]
            return found, j
        values = []
        first = self.century_value(i)
        if not first:
            return None
        values.append((i, *first))
        j = first[1]
        if self.is_(j, *_RANGE_MARKS):  # XIX-XX вв., 20th and 21st centuries
            second = self.century_value(j + 1)
            if second:
                values.append((j + 1, *second))
                j = second[1]
        roman = all(v[3] for v in values)
        counted = j == i + 1 and self.kind(i) == "num" and self.is_(j, *_CENTURY_PLURALS)
        if counted:
            return None
        if self.kind(j) == "word" and (
            self.toks[j].text in _CENTURY_WORDS
            or self.toks[j].text.startswith(_CENTURY_STEMS)
            or roman
            and self.toks[j].text in _ROMAN_CENTURY_ABBR
        ):
            end = j + 1
        elif (
            self.is_(j, *_HYPHENS)
            and self.is_(j + 1, "century")  # 20th-century art
            or self.is_(j, "世")
            and self.is_(j + 1, "纪", "紀")
        ):
            end = j + 2
        else:
            return None
        decade = self.small_int(end) if self.kind(end) == "num" else None
        if (
            len(values) == 1
            and decade is not None
            and decade % 10 == 0 < decade < 100
            and self.is_(end + 1, "年")
            and self.is_(end + 2, "代")
        ):  # 20世纪50年代: the 1950s
            year = (values[0][1] - 1) * 100 + decade
            return [self.found(i, end + 3, year, "year")], end + 3
        last = len(values) - 1
        return [
            self.found(s, end if n == last else e, v, "century")
            for n, (s, v, e, _) in enumerate(values)
        ], end

    def century_value(self, i: int) -> tuple[int, int, bool] | None:
        """(number, next index, written in Roman numerals) for XX, XXe, 20th, 20., двадцатого."""
        kind = self.kind(i)
        if kind == "word":
            roman = _roman(self.toks[i].text)
            if roman:
                return roman, self.ordinal_suffix(i + 1), True
            hit = self.phrase(i, _CENTURY_ORDINALS.get(self.lang, {}))
            if hit:
                return hit[0], hit[1], False
            ordinal = _de_ordinal(self.toks[i].text) if self.lang == "de" else None
            return (int(ordinal), i + 1, False) if ordinal and ordinal <= 30 else None
        value = self.small_int(i)
        if kind in ("num", "cjknum") and value and 1 <= value <= 30:
            return value, self.ordinal_suffix(i + 1, dot=True), False
        return None

    # -- numbers
    def zh_times(self, i: int) -> _Hit | None:
        """A Chinese multiple of growth: 增长了一倍 "doubled" (by one time over), 翻两番
        "quadrupled" (doubled twice); 增长了两倍 is read as tripled and as doubled alike,
        so it says nothing."""
        if not (self.is_(i + 1, "倍", "番") and (value := self.small_int(i))):
            return None
        k = i - 1 - self.is_(i - 1, "了")
        if self.is_(i + 1, "番"):
            return (
                ([self.found(i, i + 2, 2**value, "number")], i + 2) if self.is_(k, "翻") else None
            )
        verb = self.text[self.toks[k - 1].start : self.toks[k].end] if k >= 1 else ""
        if verb not in _ZH_GROWTH:
            return None
        return ([self.found(i, i + 2, 2, "number")] if value == 1 else []), i + 2

    def number(self, i: int) -> _Hit | None:
        t = self.toks[i]
        if self.lang == "zh" and t.kind == "cjknum":
            growth = self.zh_times(i)
            if growth:
                return growth
        if t.kind == "cjknum" or (
            t.kind == "num"
            and self.kind(i + 1) == "cjknum"
            and (self.glued(i + 1) or self._scale_after(i + 1))
            or t.kind == "num"
            and self._approx_scale(i + 1)
        ):
            return self.cjk_number(i)
        if t.kind == "num" and self.identifier_digits(i):
            return [], i + 1
        if t.kind == "num" and self.text.startswith("___", t.end):
            return [], i + 1  # a scanned page's number on its rule: "sein 42_______ mildes"
        if self.lang == "en" and t.kind == "word":
            english = self.english_word(i)
            if english:
                return english
        rank_at = self.ar_ordinal(i) if self.lang == "ar" and t.kind == "word" else None
        if rank_at:
            return [self.found(i, rank_at[1], rank_at[0], "ordinal")], rank_at[1]
        rank = _ru_ordinal(t.text) if self.lang == "ru" and t.kind == "word" else None
        if rank and rank > 10 and self.decade_word(i):
            rank = None  # "девяностые", "в тридцатых годах": a decade (below)
        if rank:
            return [self.found(i, i + 1, rank, "ordinal")], i + 1
        decade = self.decade_word(i)
        if decade:
            return [self.found(i, i + 1, decade, "number")], i + 1
        times = _multiplier(t.text, self.lang) if t.kind == "word" else None
        if not times and self.lang == "en" and t.text in _EN_MULTIPLY and self.is_(i - 1, *_TO):
            times = _EN_MULTIPLY[t.text]  # "to double", "will triple"; not "double standards"
        if times:
            return [self.found(i, i + 1, times, "number")], i + 1
        if t.text in _VULGAR:
            return [self.found(i, i + 1, _VULGAR[t.text], "number", 0.01)], i + 1
        roman = self.labelled_roman(i)
        if roman:
            return [self.found(i, i + 1, roman, "number")], i + 1
        roman = self.regnal_roman(i) or self.leading_roman(i)
        if roman:  # an ordinal: unmatched, "World War II" / "Seconde Guerre" says nothing
            return [self.found(i, i + 1, roman, "ordinal")], i + 1
        read = self.read_number(i) if t.kind in ("num", "word") else None
        if not read:
            return None
        value, precision, j, ordinal = read
        if ordinal:  # "dreissigsten", "cent unième"
            return [self.found(i, j, value, "ordinal", precision)], j
        if j == i + 1 and self.cardinals.get(t.text, (0, ""))[1] == "scale":
            # "several million", "миллиона": a magnitude; "a thousand" is a count
            vague = not self.is_(i - 1, "a", "an")
            # "half a million", "eine halbe Million", "medio millón": 500,000
            if not vague and self.lang == "en" and self.is_(i - 2, "half", "Half"):
                return [self.found(i - 2, j, value / 2, "number", precision)], j
            if i and self.toks[i - 1].text.lower() in _HALF_BEFORE_SCALE.get(self.lang, ()):
                return [self.found(i - 1, j, value / 2, "number", precision)], j
            if self.lang == "ar" and t.text in _AR_DUAL_SCALES:
                # "مليونا شخص" (two million people); after a number, "ثلاثون مليونا"
                # is the accusative, read with that number
                return [self.found(i, j, value * 2, "number", precision)], j
            return [self.found(i, j, value, "number", precision, vague)], j
        kind = "number"
        half = self.phrase(j, _HALVES.get(self.lang, {}), 3)
        if half:
            value, j = value + half[0], half[1]
            after = self.cardinals.get(self.toks[j].text) if self.kind(j) == "word" else None
            if after and after[1] == "scale":  # "one and a half million" is 1,500,000
                value, j = value * after[0], j + 1
        elif t.kind == "num" and value % 1 == 0 and self.is_(j, *_VULGAR):
            value, precision, j = value + _VULGAR[self.toks[j].text], 0.01, j + 1
        unit = self.ru_ordinal_unit(j) if t.kind == "word" and value % 10 == 0 else None
        if unit and value >= 20:
            # "девяносто первом" is 91st; before "году", a year: "тысяча девятьсот
            # девяносто первом году" is 1991, and "в девяносто первом году" '91
            year = self.kind(j + 1) == "word" and _is_year_word(self.toks[j + 1].text)
            return [self.found(i, j + 1, value + unit, "year" if year else "ordinal")], j + 1
        percent = self.phrase(j, _PERCENT, 2)
        if self.is_(j, "%"):
            kind, j = "percent", j + 1
        elif percent:
            kind, j = "percent", percent[1]
        elif t.kind == "num" and j == i + 1:
            line = self.text[self.text.rfind("\n", 0, t.start) + 1 : t.start]
            if value >= 1000 and t.text.isdigit():
                kind = "year" if len(t.text) == 4 and value <= 2100 else kind
                j = self.ordinal_suffix(j)  # 1990s, 1990-х: a decade is still its year
            elif self.ordinal_suffix(j) > j or (self.is_(i - 1, "第") and self.glued(i)):
                kind, j = "ordinal", self.ordinal_suffix(j)
            elif not line.strip() and self.is_(j, ".", ")") and value < 100:
                kind = "ordinal"  # a list marker: "1. Introduction"
        return [self.found(i, j, value, kind, precision)], j

    def english_word(self, i: int) -> _Hit | None:
        """An English ordinal ("thirteenth", "twenty-first", the Bible's "seven and
        twentieth") or "-fold" word ("sevenfold", "an hundredfold": 七倍, 百倍)."""
        word = self.toks[i].text
        if word in _EN_ANNIVERSARIES:  # an ordinal: "the bicentenary" is "der 200."
            return [self.found(i, i + 1, _EN_ANNIVERSARIES[word], "ordinal")], i + 1
        if word.endswith("fold") and word[:-4] in self.cardinals:
            return [self.found(i, i + 1, self.cardinals[word[:-4]][0], "number")], i + 1
        k = i - 1 - (self.is_(i - 1, *_HYPHENS) and self.glued(i))
        if word in _EN_DECADES and self.is_(k, *_EN_DECADE_LEADS):  # not "rulers of fifties"
            return [self.found(i, i + 1, _EN_DECADES[word], "number")], i + 1
        unit = self.cardinals.get(word)
        if unit and unit[0] in range(1, 10) and self.is_(i + 1, "and"):
            tens = self.phrase(i + 2, _EN_TENS_ORDINALS, 1)
            if tens:
                return [self.found(i, tens[1], tens[0] + unit[0], "ordinal")], tens[1]
        hit = self.phrase(i, _EN_ORDINAL_WORDS, 2)
        if hit:
            return [self.found(i, hit[1], hit[0], "ordinal")], hit[1]
        return None

    def ar_ordinal(self, i: int) -> tuple[int, int] | None:
        """An Arabic ordinal at i (:data:`_AR_ORDINAL_UNITS`): its rank and the index past it."""
        stem = _ar_definite(self.toks[i].text)
        unit = _AR_ORDINAL_UNITS.get(stem) if stem else None
        if not unit:
            return None
        after = self.toks[i + 1].text if self.kind(i + 1) == "word" else ""
        if unit < 10 and _norm_word(after) in ("عشر", "عشرة"):
            return unit + 10, i + 2
        tens = _AR_ORDINAL_TENS.get(_ar_definite(after, conj=True) or "")
        if unit < 10 and tens:
            return tens + unit, i + 2
        return (unit, i + 1) if unit > 1 else None

    def decade_word(self, i: int) -> int | None:
        """The tens of a Russian or Arabic decade word: "девяностых", "والتسعينيات" -> 90."""
        table = _DECADE_WORDS.get(self.lang)
        if not table or self.kind(i) != "word":
            return None
        word = self.toks[i].text
        stems = [word, *(s for s, _ in _ar_stems(word))] if self.lang == "ar" else [word]
        return next((table[w] for w in stems if w in table), None)

    def labelled_roman(self, i: int) -> int | None:
        """III in "camp III", "Bd. XI": a Roman numeral in capitals after a numbered noun."""
        t = self.toks[i]
        if t.kind != "word" or not _ROMAN_CAPITALS.fullmatch(self.text[t.start : t.end]):
            return None
        k = i - 2 if self.is_(i - 1, ".") else i - 1
        return _roman(t.text) if self.is_(k, *_ROMAN_LABELS) else None

    def regnal_roman(self, i: int) -> int | None:
        """XIV in "Louis XIV", "Pope Leo XIII": two or more Roman capitals after a name,
        which Chinese writes 路易十四."""
        t = self.toks[i]
        surface = self.text[t.start : t.end]
        if t.kind != "word" or len(surface) < 2 or not _ROMAN_CAPITALS.fullmatch(surface):
            return None
        before = self.toks[i - 1] if i > 0 else None
        if before is None or before.kind != "word" or before.end + 1 != t.start:
            return None
        name = self.text[before.start : before.end]
        if not name[:1].isupper() or _ROMAN_CAPITALS.fullmatch(name):
            return None
        return _roman(t.text)

    def leading_roman(self, i: int) -> int | None:
        """XX in "XX съезд", "XXII зимние Олимпийские игры", "XXe congrès", "Ve
        République": Roman capitals (two or more, or one with a French ordinal ending)
        before a lower-case word, the way Russian and French number congresses, games
        and republics ("the 20th Congress")."""
        t = self.toks[i]
        surface = self.text[t.start : t.end]
        if t.kind != "word" or not _ROMAN_LEADING.fullmatch(surface):
            return None
        after = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if after is None or after.kind != "word" or after.start != t.end + 1:
            return None
        # with its ending it is plainly an ordinal, whatever follows ("IIIe Reich")
        lower = self.text[after.start].islower() or not surface.isupper()
        return _roman(t.text) if lower else None

    def word_number(self, i: int) -> tuple[float, str, bool, bool, int, bool] | None:
        """(value, role, needs a number before it, joined by 'and', next index, is an
        ordinal) of a word."""
        if self.kind(i) != "word":
            return None
        hit = self.phrase(i, self.cardinals)
        ordinal = self.phrase(i, _ORDINAL_WORDS.get(self.lang, {}))
        if ordinal and (not hit or ordinal[1] > hit[1]):  # "quatre-vingtième", not "quatre"
            value, role, _ = ordinal[0]
            return value, role, False, False, ordinal[1], True
        if hit:
            value, role, plural = hit[0]
            return value, role, plural, False, hit[1], False
        word = self.toks[i].text
        if self.lang == "ar":
            for stem, conj in _ar_stems(word):
                if stem in self.cardinals:
                    value, role, plural = self.cardinals[stem]
                    return value, role, plural, conj, i + 1, False
        compound = {"de": _de_number, "it": _it_number}.get(self.lang)
        joined = compound(word) if compound else None
        if joined is not None:
            return joined, "add", False, False, i + 1, False
        de_ordinal = _de_ordinal(word) if self.lang == "de" else None
        if de_ordinal is not None:
            return de_ordinal, "add", False, False, i + 1, True
        return None

    def read_number(self, i: int) -> tuple[float, float, int, bool] | None:
        """Digits and/or number words at i -> (value, precision, next index, ends in an
        ordinal word).

        "40 тысяч", "1,5 млрд", "two hundred and fifty", "seventy-five", "quatre-vingt-dix",
        "trente-deuxième".
        """
        total = cur = 0.0
        unit, scale, precision = 1.0, math.inf, 0.0
        digits = self.toks[i].kind == "num"
        j = i
        if digits:
            parsed = _parse_digits(self.toks[i].text, self.lang)
            if parsed is None:
                return None
            cur, unit = parsed
            j = i + 1
            if self.lang == "en" and self.glued(j) and self.is_(j, *_ATTACHED_SCALES):
                mult = _ATTACHED_SCALES[self.toks[j].text]
                return cur * mult, unit * mult, j + 1, False
        have, ordinal = digits, False
        while j < len(self.toks) and not self.phrase(j, _PERCENT, 2):  # not "5 بالمئة" = 500
            k, conj = j, False
            if have and self.is_(j, *_CONJUNCTIONS):
                k, conj = j + 1, True
            elif have and self.is_(j, *_HYPHENS) and self.glued(j) and self.glued(j + 1):
                k = j + 1  # seventy-five, dix-sept
            word = self.word_number(k)
            if word is None:
                break
            value, role, plural, glued_conj, nxt, ends = word
            vague = plural and not (i > 0 and self.toks[i - 1].text.lower() in _APPROX)
            if role == "scale" and self.lang == "hi" and scale < value and not cur:
                # Indian scales stack: "5 हजार करोड़" is 5,000 crore, "1.5 लाख करोड़" 150,000 crore
                total, precision, scale, j = total * value, precision * value, value, nxt
                continue
            if (
                (vague and not have)
                or (role == "mult" and cur >= value)
                or (role == "scale" and value >= scale)
            ):
                break
            if role == "add" and self.lang == "ar" and value in _AR_DUAL_VALUES and not have:
                # "مليونان" is two millions, a scale's group: "مليونان وخمسمائة ألف" is
                # 2,500,000, not (2,000,000 + 500) thousand
                total, precision, scale, have, j = value, value / 2, value / 2, True, nxt
                continue
            if role == "add":
                if digits or (have and not _joinable(cur, value, conj or glued_conj, self.lang)):
                    break
                cur += value
            elif role == "mult":
                cur = (cur or 1.0) * value
            else:
                base = cur or 1.0
                total += base * value
                precision = (unit if digits else (0.1 if base % 1 else 1.0)) * value
                cur, scale = 0.0, value
            have, j = True, nxt
            if ends:  # an ordinal word ends the number: "vingtième", "cent unième"
                ordinal = True
                break
        if not have:
            return None
        if self.lang == "ar" and not cur and scale != math.inf and self.is_(j, "ونصف"):
            # "مليون ونصف (المليون)": a million and a half
            total, j = total + scale / 2, j + 1
            after = self.toks[j].text.removeprefix("ال") if self.kind(j) == "word" else ""
            if self.cardinals.get(after, (0.0, ""))[1] == "scale":
                j += 1
        if self.lang == "en" and cur and not digits and self.is_(j, *_EN_ORDINAL_SCALES):
            mult = _EN_ORDINAL_SCALES[self.toks[j].text]
            if mult < scale:
                cur, j = cur * mult, j + 1
        if cur or not precision:
            precision = unit if digits and scale == math.inf else 1.0
        return total + cur, precision, j, ordinal

    def _scale_after(self, j: int) -> bool:
        """A bare 万 / 亿 after digits, written apart as tokenised text does ("50 万")."""
        return (
            self.kind(j - 1) == "num"
            and self.kind(j) == "cjknum"
            and self.toks[j].text[:1] in "万萬亿億"
        )

    def _approx_scale(self, j: int) -> bool:
        """多 / 余 "odd" before a scale, after a number: 3000多万 is "over 30 million"."""
        return (
            self.is_(j, "多", "余", "餘")
            and self.kind(j + 1) == "cjknum"
            and self.glued(j + 1)
            and self.toks[j + 1].text[0] in "十百千万萬亿億"
        )

    def cjk_number(self, i: int) -> _Hit:
        """七十, 4万, 1.5亿, 两年, 百分之五, 第一, 二〇二三年."""
        if self.is_(i, "百") and self.is_(i + 1, "分") and self.is_(i + 2, "之"):
            inner = self.cjk_number(i + 3) if self.kind(i + 3) in ("num", "cjknum") else None
            if inner and inner[0]:
                q = inner[0][0]
                return [self.found(i, inner[1], q.q.value, "percent", q.precision)], inner[1]
            return [], i + 3
        items: list[float | str] = []
        unit, j = 1.0, i
        while self.kind(j) in ("num", "cjknum") and (
            j == i or self.glued(j) or self._scale_after(j)
        ):
            if self.kind(j) == "num":
                parsed = _parse_digits(self.toks[j].text, self.lang)
                if parsed is None:
                    break
                items.append(parsed[0])
                unit = parsed[1]
            else:
                items.extend(self.toks[j].text)
            j += 1
            j += self._approx_scale(j)
        if not items:
            return [], i + 1
        value, precision = _cjk_value(items, unit)
        if self.is_(i - 1, "数", "數", "几", "幾") and self.glued(i) and self.kind(i) == "cjknum":
            # 数百万 "millions", 几千 "thousands": a magnitude, not a count
            return [self.found(i, j, value, "number", precision, vague=True)], j
        bare = all(isinstance(c, str) and c in "百千万萬亿億" for c in items)
        if bare and not self.is_(i - 1, "第"):
            # a bare 百 / 千 / 万 (no numeral: a number writes 一万) is a name's syllable
            # (伊万 "Ivan", 百老汇 "Broadway") or a hyperbole (百万富翁 "millionaire")
            return [self.found(i, j, value, "number", precision, vague=True)], j
        kind = "number"
        if self.is_(i - 1, "第") and self.glued(i):
            kind = "ordinal"
        elif self.is_(j, "%"):
            kind, j = "percent", j + 1
        elif self.is_(j, "年") and 1000 <= value <= 2100:
            kind = "year"
        return [self.found(i, j, value, kind, precision)], j


@lru_cache(maxsize=64)
def _cldr_months(lang: str) -> dict[str, int]:
    """Month names of a language the tables above lack ("februarie", "kesäkuuta"), from CLDR.

    Without them "13 februarie" reads as a bare 13 against "February 13".
    """
    if lang in _MONTH_LANGS or lang in ("zh", "ja", "ko"):
        return {}
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - babel is a dependency
        return {}
    try:
        loc = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    out = _word_table(_EXTRA_MONTHS.get(lang, ""))
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in loc.months[context][width].items():
                word = _norm_word(name.strip(". "))
                if len(word) >= 3 and " " not in word and not any(c.isdigit() for c in word):
                    out.setdefault(word, month)
    return out


# languages that elide "l'" before a vowel, and what follows a "1" misread for it
_ELIDED = frozenset(["fr", "it", "ca"])
_OCR_ELISION = re.compile(r"['’] ?(?:«|[^\W\d_])")


@lru_cache(maxsize=4096)
def _read(text: str, lang: str) -> tuple[_Found, ...]:
    """What a text holds, read once: the numbers check and the places check (dates are
    no places) both ask, and a sentence is asked again for each bead it is tried in."""
    found = _Reader(text, lang).read_all()
    if _base_lang(lang) in _ELIDED:
        # OCR reads the elided article "l'" as "1'": "de 1' officier", "1'«Human Interest»"
        found = [f for f in found if not (f.q.surface == "1" and _OCR_ELISION.match(text, f.q.end))]
    for start, end, value in shares_in(text):
        # a share replaces the numbers read inside it ("Две" of "Две трети", 三 and 一 of
        # 三分之一), not a quantity that reaches beyond it ("نصف مليون", half a million)
        if any(
            f.q.start < end and start < f.q.end and not start <= f.q.start < f.q.end <= end
            for f in found
        ):
            continue
        found = [f for f in found if not start <= f.q.start < f.q.end <= end]
        found.append(_Found(Quantity(value, "share", start, end, text[start:end]), 2.0))
    if lang in ("zh", "ja"):
        found = _five_year_plans(text, found)
    for start, end, minutes in durations_in(text):
        # "полчаса", "une heure et demie" (its "une" read as 1), 四分之一 ... : minutes
        if any(f.q.start < end and start < f.q.end and f.q.end > end for f in found):
            continue
        found = [f for f in found if not (f.q.start < end and start < f.q.end)]
        found.append(_Found(Quantity(minutes, "duration", start, end, text[start:end]), 1.0))
    return tuple(sorted(found, key=lambda f: f.q.start))


# "十四五" (规划) is the 14th Five-Year Plan: its number and the plan's five years, not 145
_FIVE_YEAR_PLAN = re.compile(
    r"十([一二三四五六七八九])五(?=规划|計劃|计划|時期|时期|期间|期間|$|[^一-龥])"
)


def _five_year_plans(text: str, found: list[_Found]) -> list[_Found]:
    for m in _FIVE_YEAR_PLAN.finditer(text):
        start, end = m.span()
        found = [f for f in found if not (f.q.start < end and start < f.q.end)]
        plan = float(10 + _CJK_DIGITS[m.group(1)])
        found.append(
            _Found(Quantity(plan, "ordinal", start, start + 2, text[start : start + 2]), 1.0)
        )
        found.append(_Found(Quantity(5.0, "number", end - 1, end, text[end - 1 : end]), 1.0))
    return found


def extract_quantities(text: str, lang: str) -> list[Quantity]:
    """Numbers, dates, centuries and percentages in text, in order; spans index text."""
    return [f.q for f in _read(text, lang)]


# --------------------------------------------------------------------------- comparison


def _group(q: Quantity) -> str:
    """Dates, centuries and times only match their own kind; all other kinds compare on value."""
    return q.kind if q.kind in ("date", "century", "time") else "number"


def _same(a: _Found, b: _Found) -> bool:
    scale = max(1.0, abs(a.q.value), abs(b.q.value))
    return _group(a.q) == _group(b.q) and abs(a.q.value - b.q.value) <= 1e-9 * scale


def _copied(a: _Found, b: _Found) -> bool:
    """The same figure copied verbatim, read two ways: "3.749" is 3749 in German, but a
    German translation that keeps the English "3.749" keeps its value."""
    return (
        _group(a.q) == _group(b.q) == "number"
        and a.q.surface == b.q.surface
        and any(c in a.q.surface for c in ".,")
    )


def _dot_fraction(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """A batting average written with and without its zero: ".205" is read as its digits
    (a full stop before a number is mostly punctuation), "0.205" as a fraction."""
    if _group(a.q) != "number" or _group(b.q) != "number":
        return False
    return any(
        x.q.surface.isdigit()
        and x_text[x.q.start - 1 : x.q.start] == "."
        and y.q.surface == "0." + x.q.surface
        for x, x_text, y in ((a, a_text, b), (b, b_text, a))
    )


# what makes a year its decade or hundred: "1800s", "1920-х", "90-е"; after the year's
# digits in the text also "1920's", at the end of a quantity's surface only these
_DECADE = r"(?:s|[-‐‑](?:х|е|ых|ые|ми|м|их|ие))"
_DECADE_AFTER = re.compile(r"['’]?" + _DECADE + r"\b")
_DECADE_ENDING = re.compile(_DECADE + "$")


# a decade named by its tens: "the nineties" (a word of its own), "neunziger Jahre",
# 九十年代, "les années 90", "los años noventa", "девяностые", "التسعينيات"
_TENS_DECADE_WORD = re.compile(r"(?:ties|ziger|iger|ые|ых|ым|ыми|يات|ات)$")
_TENS_DECADE_AFTER = re.compile(r"\s*(?:年代|(?:er[- ]?)?Jahren?\b|год(?:ы|ов|ах|ам)\b)")
_TENS_DECADE_BEFORE = re.compile(r"(?:années|annees|años|anni|anos|jaren)\s+$", re.I)


def _tens_decade(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """A decade by its tens and by its year: "the nineties", "девяностые годы", 九十年代
    and "les années quatre-vingt-dix" are "the 1990s" / "1990-х" / "1990年代" (a year
    written as a decade: "in 1990" is no decade)."""
    for y, y_text, d, d_text in ((a.q, a_text, b.q, b_text), (b.q, b_text, a.q, a_text)):
        if not (
            y.kind == "year"
            and 1800 <= y.value < 2100
            and d.value == y.value % 100
            and d.value in range(20, 100, 10)
        ):
            continue
        year_decade = (
            _DECADE_AFTER.match(y_text, y.end)
            or _DECADE_ENDING.search(y.surface)
            or y.surface.endswith("年代")
            or y_text.startswith("年代", y.end)
            or _TENS_DECADE_BEFORE.search(y_text[max(0, y.start - 12) : y.start])
        )
        tens_decade = (
            _TENS_DECADE_WORD.search(d.surface)
            or _TENS_DECADE_AFTER.match(d_text, d.end)
            or _TENS_DECADE_BEFORE.search(d_text[max(0, d.start - 12) : d.start])
        )
        if year_decade and tens_decade:
            return True
    return False


def _century_decade(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """A century and a decade or hundred of it: 19世纪 is "the 1800s", "lata dwudzieste XX
    wieku" (the twenties of the 20th century) "the 1920s"."""
    for c, y, y_text in ((a.q, b.q, b_text), (b.q, a.q, a_text)):
        if (
            c.kind == "century"
            and y.kind == "year"
            and (c.value - 1) * 100 <= y.value < c.value * 100
            and (_DECADE_AFTER.match(y_text, y.end) or _DECADE_ENDING.search(y.surface))
        ):
            return True
    return False


# after four digits: a time of day in the military style ("1200 GMT", "0600 hours")
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|Z\b|hrs\b|hours\b)")


def _military_time(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """ "at 1200 GMT" is "à 12 h 00 GMT": four digits before a time zone or "hours"."""
    for t, n, n_text in ((a.q, b.q, b_text), (b.q, a.q, a_text)):
        digits = _digits(n)
        if (
            t.kind == "time"
            and len(digits) == 4
            and int(digits[:2]) < 24
            and int(digits[2:]) < 60
            and _CLOCK_AFTER.match(n_text, n.end)
            and int(digits[:2]) * 60 + int(digits[2:]) == t.value
        ):
            return True
    return False


# French and Italian count a week as eight days and two as fifteen: "quinze jours",
# "quindici giorni" are "two weeks", "huit jours" "a week"
_DAYS_AFTER = re.compile(r"\s*(?:jours|giorni)\b", re.I)
_WEEKS_AFTER = re.compile(
    r"\s*(?:weeks?|Wochen?|semaines?|settimane?|недел[иьею]|semanas?)\b", re.I
)


def _fortnight(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """ "seit zwei Wochen" is "depuis quinze jours"."""
    for d, d_text, w, w_text in ((a.q, a_text, b.q, b_text), (b.q, b_text, a.q, a_text)):
        if (
            (d.value, w.value) in ((15, 2), (8, 1))
            and _DAYS_AFTER.match(d_text, d.end)
            and _WEEKS_AFTER.match(w_text, w.end)
        ):
            return True
    return False


def _unit(f: _Found, text: str) -> Unit | None:
    """The unit after a plain number ("100 miles"); None for dates, years, percentages."""
    if f.q.kind == "duration":
        return duration_unit(f.q.surface)
    return unit_after(text, f.q.end) if f.q.kind == "number" else None


def _converted(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """One measure in two units: "в 160 км" is "100 miles", "30 cm" "12 pouces" (in one
    unit, "100 км" and "105 km", the values must agree as they are)."""
    ua, ub = _unit(a, a_text), _unit(b, b_text)
    return (
        ua is not None
        and ub is not None
        and ua.factor != ub.factor
        and agree(a.q.value, ua, b.q.value, ub)
    )


def _currency(f: _Found, text: str) -> Currency | None:
    """The currency written next to a plain number ("$5", "5 млрд долларов")."""
    return currency_around(text, f.q.start, f.q.end) if f.q.kind == "number" else None


def _unit_conflict(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """The same figure with units or currencies that disagree: "100 км" is not "100
    miles", "5 млрд долларов" not "€5 billion", "5 процентных пунктов" not "5%"."""
    ua, ub = _unit(a, a_text), _unit(b, b_text)
    if ua is not None and ub is not None and ua.dimension == ub.dimension:
        return not agree(a.q.value, ua, b.q.value, ub)
    points = [u is not None and u.dimension == "points" for u in (ua, ub)]
    if points[0] != points[1] and "percent" in (a.q.kind, b.q.kind):
        return True  # "5 percentage points" is not "5%"
    ca, cb = _currency(a, a_text), _currency(b, b_text)
    return ca is not None and cb is not None and not ca.names & cb.names


def _one_unit(a: _Found, a_text: str, b: _Found, b_text: str) -> bool:
    """Both figures in one unit ("20 Meter", "200 mètres"): their values say it all."""
    ua, ub = _unit(a, a_text), _unit(b, b_text)
    return ua is not None and ub is not None and ua.factor == ub.factor


def _written(f: _Found, text: str) -> str:
    """A figure with its currency or unit as written, for a reason's detail."""
    c = _currency(f, text)
    if c is not None:
        return f"{c.text}{_fmt(f.q)}" if c.before else f"{_fmt(f.q)} {c.text}"
    u = _unit(f, text)
    return f"{_fmt(f.q)} {u.text}" if u is not None else _fmt(f.q)


def _neighbours(f: _Found, everything: Sequence[_Found]) -> tuple[_Found | None, _Found | None]:
    """The quantities just before and just after ``f`` in its text (``everything``, in
    order, as :func:`_read` gives it)."""
    k = next(k for k, g in enumerate(everything) if g.q.start == f.q.start)
    return (everything[k - 1] if k else None), (
        everything[k + 1] if k + 1 < len(everything) else None
    )


def _restatements(
    left: list[_Found], everything: Sequence[_Found], text: str
) -> tuple[list[_Found], list[_Found]]:
    """Leave out a figure that restates its neighbour in another unit: the "(2,75 m)" of
    "3 yards (2,75 m)", or the "8" of "8 (203 mm)" when the other side answers 203 mm.
    Of two left unanswered, the first is kept, so a changed measure is reported once.
    Returns what is kept and what was left out."""
    kept: list[_Found] = []
    dropped: list[_Found] = []
    for f in left:
        before, after = _neighbours(f, everything)
        restating = before is not None and restates(
            text, (before.q.value, before.q.end), (f.q.value, f.q.start, f.q.end)
        )
        restated = (
            after is not None
            and not any(g.q.start == after.q.start for g in left)
            and restates(text, (f.q.value, f.q.end), (after.q.value, after.q.start, after.q.end))
        )
        (dropped if restating or restated else kept).append(f)
    return kept, dropped


def _misstated(
    restated: list[_Found],
    text: str,
    others: list[_Found],
    others_all: Sequence[_Found],
    others_text: str,
) -> list[_Found]:
    """The restatements of one side that answer a wrong one of the other: "60 ft. = 18,29
    m" against "60 pieds ( 19,29 m )" is reported as 18.29 vs 19.29, not as an extra
    19.29."""
    back = []
    for o in others:
        before, _ = _neighbours(o, others_all)
        unit = _unit(o, others_text)
        if before is None or unit is None or not bracketed(others_text, before.q.end, o.q.start):
            continue
        match = next(
            (
                f
                for f in restated
                if f not in back
                and (u := _unit(f, text)) is not None
                and u.dimension == unit.dimension
            ),
            None,
        )
        if match is not None:
            back.append(match)
    return back


def _answered_shares(left: list[_Found], others: list[_Found]) -> list[_Found]:
    """``left`` without its shares in words unless ``others`` has a share or percentage."""
    if any(o.q.kind in ("share", "percent") for o in others):
        return left
    return [f for f in left if f.q.kind != "share"]


def _turned_bounds(
    matched: Sequence[tuple[_Found, _Found]], src_text: str, tgt_text: str
) -> list[Reason]:
    """A figure both sides give, bounded from opposite sides: "более 70" is not "fewer
    than 70" (:mod:`.bounds`)."""
    out: list[Reason] = []
    for s, t in matched:
        if _group(s.q) != "number" or _group(t.q) != "number" or _trivial(s.q) or _trivial(t.q):
            continue  # a spelled "one" is mostly an article: "casi un" is no bound on 1
        bs = bound_around(src_text, s.q.start, s.q.end)
        bt = bound_around(tgt_text, t.q.start, t.q.end)
        if bs is not None and bt is not None and bs[0] != bt[0]:
            reason = _reason(s, t)
            reason["detail"] = f"{bs[1]} vs {bt[1]}"
            out.append(reason)
    return out


def _close(a: _Found, b: _Found) -> bool:
    """Equal up to the coarser precision: '1.5 million' matches 1,460,000.  A spelled
    one is mostly an article ("one of the"): it rounds nothing."""
    if _trivial(a.q) or _trivial(b.q):
        return False
    precision = max(a.precision, b.precision)
    return _group(a.q) == _group(b.q) and 2 * abs(a.q.value - b.q.value) < precision


def _near(a: float, b: float) -> bool:
    """Within a factor of two: a number a changed ordinal may stand for ("20 vs 22")."""
    return a > 0 and b > 0 and max(a, b) <= 2 * min(a, b)


def _trivial(q: Quantity) -> bool:
    """Unmatched, these say nothing: 'one'/'один'/'ein' is often an article, '1.' a list
    marker, "midnight" may be "Mitternacht" or "late at night"."""
    digits = any(c.isdigit() for c in q.surface)
    # a duration said in words ("half an hour") may be said in words no table holds
    # ("hálftíma", "tout à l'heure"): it matches a figure, never is one
    return q.kind in ("ordinal", "duration") or (not digits and (q.value == 1 or q.kind == "time"))


def _vague(found: list[_Found]) -> list[_Found]:
    return [f for f in found if f.vague]


def _fmt(q: Quantity) -> str:
    v = q.value
    if q.kind == "share":  # "a third", "треть": its words say it better than 33.333
        return q.surface
    if q.kind == "date":
        return f"{_MONTH_NAMES[int(v) // 100 - 1]} {int(v) % 100}"
    if q.kind == "century":
        return f"century {int(v)}"
    if q.kind == "time":
        return f"{int(v) // 60}:{int(v) % 60:02d}"
    if v != int(v):
        text = f"{v:,.6g}"
    elif abs(v) >= 10000:
        text = f"{v:,.0f}"
    else:
        text = f"{v:.0f}"
    return text + "%" if q.kind == "percent" else text


def _plain(v: float) -> float | int:
    return int(v) if v == int(v) else v


def _reason(s: _Found | None, t: _Found | None) -> Reason:
    either = s or t
    assert either is not None
    detail = f"{_fmt(s.q)} vs {_fmt(t.q)}" if s and t else f"{_fmt(either.q)} has no counterpart"
    return {
        "type": "number_mismatch",
        "src": [s.q.start, s.q.end] if s else None,
        "tgt": [t.q.start, t.q.end] if t else None,
        "src_value": _plain(s.q.value) if s else None,
        "tgt_value": _plain(t.q.value) if t else None,
        "detail": detail,
    }


def compare_quantities(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """Mismatch reasons between the quantities of two texts; [] when they match as multisets.

    Exact matches are taken first, then matches within rounding.  What is left is
    paired up in order within each group ("70 vs 700"); a leftover without a
    partner is reported alone ("700 has no counterpart").
    """
    src_left = list(_read(src_text, src_lang))
    tgt_left = list(_read(tgt_text, tgt_lang))

    def measured(match: Callable[[_Found, _Found], bool]) -> Callable[[_Found, _Found], bool]:
        return lambda s, t: match(s, t) and not _unit_conflict(s, src_text, t, tgt_text)

    matchers = [
        measured(_same),
        _copied,
        measured(_close),
        lambda s, t: _converted(s, src_text, t, tgt_text),
        _short_year,
        lambda s, t: _tens_decade(s, src_text, t, tgt_text),
        lambda s, t: _dot_fraction(s, src_text, t, tgt_text),
        lambda s, t: _century_decade(s, src_text, t, tgt_text),
        lambda s, t: _military_time(s, src_text, t, tgt_text),
        lambda s, t: _fortnight(s, src_text, t, tgt_text),
    ]
    if _base_lang(src_lang) not in _SPELLED or _base_lang(tgt_lang) not in _SPELLED:
        matchers.append(_scaled)
    matched: list[tuple[_Found, _Found]] = []
    for match in matchers:
        unmatched = []
        for s in src_left:
            k = next((k for k, t in enumerate(tgt_left) if match(s, t)), None)
            if k is None:
                unmatched.append(s)
            else:
                matched.append((s, tgt_left.pop(k)))
        src_left = unmatched
    src_left, tgt_left = _regrouped(src_left, tgt_left, tgt_text)
    tgt_left, src_left = _regrouped(tgt_left, src_left, src_text)
    src_left, tgt_left = _ungrouped(src_left, tgt_left)
    tgt_left, src_left = _ungrouped(tgt_left, src_left)
    src_left, tgt_left = _francs(src_left, tgt_left, tgt_text)
    tgt_left, src_left = _francs(tgt_left, src_left, src_text)
    src_all, tgt_all = _read(src_text, src_lang), _read(tgt_text, tgt_lang)
    src_left, tgt_left = _date_parts(src_left, tgt_left, tgt_all, tgt_text)
    tgt_left, src_left = _date_parts(tgt_left, src_left, src_all, src_text)
    src_left, tgt_left = (
        _repeated(src_left, tgt_left, tgt_all),
        _repeated(tgt_left, src_left, src_all),
    )
    # a share in words alone says little ("half an hour" / "30 minutes"), but against a
    # share or percentage left on the other side it disagrees ("треть" / "a quarter")
    src_left, tgt_left = _answered_shares(src_left, tgt_left), _answered_shares(tgt_left, src_left)
    # an ordinal alone says nothing, but one left on each side disagrees ("hundertste" / "101e")
    paired = len(_ordinals(src_left)), len(_ordinals(tgt_left))
    # an ordinal with no ordinal to answer it still names what a number left alone on
    # the other side became: "العشرين" (20th, read as 20) / "the 22nd" is "20 vs 22"
    spare = {"src": _ordinals(src_left)[min(paired) :], "tgt": _ordinals(tgt_left)[min(paired) :]}
    # and so does a vague magnitude ("several million" / "des milliers")
    vague = len(_vague(src_left)), len(_vague(tgt_left))
    src_left = [
        *(f for f in src_left if not _trivial(f.q) and not f.vague),
        *_ordinals(src_left)[: min(paired)],
        *_vague(src_left)[: min(vague)],
    ]
    tgt_left = [
        *(f for f in tgt_left if not _trivial(f.q) and not f.vague),
        *_ordinals(tgt_left)[: min(paired)],
        *_vague(tgt_left)[: min(vague)],
    ]
    src_left.sort(key=lambda f: f.q.start)
    tgt_left.sort(key=lambda f: f.q.start)
    # number words are only read in languages with a table: against any other, a
    # spelled-out number ("three" for Romanian "trei") would always look unmatched
    if _base_lang(tgt_lang) not in _SPELLED:
        src_left = [f for f in src_left if not _spelled(f.q)]
    if _base_lang(src_lang) not in _SPELLED:
        tgt_left = [f for f in tgt_left if not _spelled(f.q)]
    src_left = _unanswered(src_left, tgt_text, tgt_all, src_text)
    tgt_left = _unanswered(tgt_left, src_text, src_all, tgt_text)
    src_left, src_restated = _restatements(src_left, src_all, src_text)
    tgt_left, tgt_restated = _restatements(tgt_left, tgt_all, tgt_text)
    src_back = _misstated(src_restated, src_text, tgt_left, tgt_all, tgt_text)
    tgt_back = _misstated(tgt_restated, tgt_text, src_left, src_all, src_text)
    src_left = sorted(src_left + src_back, key=lambda f: f.q.start)
    tgt_left = sorted(tgt_left + tgt_back, key=lambda f: f.q.start)
    src_left, tgt_left = (
        _counted_one(src_left, src_text, tgt_left),
        _counted_one(tgt_left, tgt_text, src_left),
    )
    reasons: list[Reason] = _turned_bounds(matched, src_text, tgt_text)
    for group in ("number", "date", "century", "time"):
        src_g = [f for f in src_left if _group(f.q) == group]
        tgt_g = [f for f in tgt_left if _group(f.q) == group]
        src_g, tgt_g = _drop_grammatical(src_g, len(tgt_g)), _drop_grammatical(tgt_g, len(src_g))
        for s, t in zip_longest(src_g, tgt_g):
            if group == "number" and not (s and t):
                alone = s or t
                assert alone is not None
                side = "tgt" if s else "src"
                near = [o for o in spare[side] if _near(alone.q.value, o.q.value)]
                if near:  # not "8481 vs 5" for "(8481 m)" dropped beside "la cinquième"
                    spare[side].remove(near[0])
                    s, t = (s, near[0]) if s else (near[0], t)
            reason = _reason(s, t)
            if (
                s
                and t
                and _unit_conflict(s, src_text, t, tgt_text)
                and not _one_unit(s, src_text, t, tgt_text)
            ):
                # other units or currencies: "300 км vs 100 miles", "$5 vs 5 €"
                reason["detail"] = f"{_written(s, src_text)} vs {_written(t, tgt_text)}"
            reasons.append(reason)
    return reasons


# languages whose number words are read (CJK numerals are read in any text)
_SPELLED = frozenset([*_CARDINALS, "zh", "ja"])


def _spelled(q: Quantity) -> bool:
    return q.kind == "number" and not any(c.isdigit() for c in q.surface)


def _scaled(a: _Found, b: _Found) -> bool:
    """Equal up to a factor of 1000**k: "4 milioane" (a scale word no table reads) is
    "4 million", and "500.000" left in Romanian style in English text reads as 500."""
    if _group(a.q) != "number" or _group(b.q) != "number" or not a.q.value or not b.q.value:
        return False
    ratio = max(abs(a.q.value), abs(b.q.value)) / min(abs(a.q.value), abs(b.q.value))
    return any(abs(ratio - 1000.0**k) <= 1e-6 * 1000.0**k for k in (1, 2, 3, 4))


def _digits(q: Quantity) -> str:
    """The surface's digits in ASCII: "६४५" is "645"."""
    return "".join(str(unicodedata.digit(c, 0)) for c in q.surface if c.isdigit())


# "half" before a magnitude ("eine halbe Million"); English "half a million" is read apart
_HALF_BEFORE_SCALE: dict[str, frozenset[str]] = {
    "de": frozenset({"halbe", "halben", "halber"}),
    "es": frozenset({"medio", "media"}),
    "it": frozenset({"mezzo", "mezza"}),
    "pt": frozenset({"meio", "meia"}),
    "pl": frozenset({"pół"}),
    "cs": frozenset({"půl"}),
    "ar": frozenset({"نصف"}),
}
# Arabic scale words whose bare form, with no number before it, is the dual's construct
_AR_DUAL_VALUES = frozenset([2e3, 2e6, 2e9])  # "ألفان", "مليونان", "ملياران" and their cases
_AR_DUAL_SCALES = frozenset(_norm_word(w) for w in ("ألفا", "مليونا", "مليارا"))


def _short_year(a: _Found, b: _Found) -> bool:
    """A year and its last two digits: "la saison 77" for "der Saison 1977", "'68", and a
    decade: "в 90-х" for "in the 1990s"."""
    for year, short in ((a.q, b.q), (b.q, a.q)):
        if (
            1800 <= year.value < 2100
            and year.value == int(year.value)
            and len(_digits(short)) == 2
            and _digits(short) == _digits(year)[-2:]
            and _DECADE_ENDING.sub("", short.surface.lstrip("'’")).isdigit()
        ) or (
            1800 <= year.value < 2100 and short.kind == "year" and year.value % 100 == short.value
        ):
            return True  # (or in words: "в девяносто первом году", '91)
    return False


_THOUSANDS = re.compile(r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+")


def _regrouped(
    whole: list[_Found], parts: list[_Found], parts_text: str
) -> tuple[list[_Found], list[_Found]]:
    """Match a number written in one block with the same digits grouped by spaces on
    the other side ("031/433611" vs "031/43 36 11", a telephone number); the
    matched ones are left out of both lists."""
    ordered = sorted(parts, key=lambda f: f.q.start)

    def spaced(k: int) -> bool:  # only spaces between part k and part k + 1
        if k + 1 >= len(ordered):
            return False
        gap = parts_text[ordered[k].q.end : ordered[k + 1].q.start]
        # or a comma and a space before three digits: tokenised "645, 576"
        return not gap.strip() or (gap.strip() == "," and len(_digits(ordered[k + 1].q)) == 3)

    def run_spelling(digits: str, i: int) -> list[int] | None:
        """Parts i, i+1, ... (spaces apart) whose digits joined are ``digits``."""
        run, joined = [i], _digits(ordered[i].q)
        while len(joined) < len(digits) and spaced(run[-1]):
            run.append(run[-1] + 1)
            joined += _digits(ordered[run[-1]].q)
        return run if len(run) > 1 and joined == digits else None

    used: set[int] = set()
    kept: list[_Found] = []
    for w in whole:
        digits = _digits(w.q)
        hit = None
        grouped = _THOUSANDS.fullmatch(w.q.surface) and w.q.value == int(w.q.value)
        if len(digits) >= 4 and (w.q.surface.isdigit() or grouped):  # "031/433611", not "7 0"
            for i in range(len(ordered)):
                run = run_spelling(digits, i)
                if run and not used.intersection(run):
                    hit = run
                    break
        if hit is None:
            kept.append(w)
        else:
            used.update(hit)
    return kept, [f for k, f in enumerate(ordered) if k not in used]


def _ungrouped(spaced: list[_Found], others: list[_Found]) -> tuple[list[_Found], list[_Found]]:
    """Match a number read from digit groups apart ("10 500") with the groups as numbers
    the other side leaves: tokenised "投掷了 10 500 磅炸弹" is "dropped ten 500 lb bombs"."""
    kept: list[_Found] = []
    others = list(others)
    for f in spaced:
        groups = re.split(r"[\x20\u00a0\u202f\u2009]", f.q.surface)
        taken: list[int] = []
        for g in groups if len(groups) > 1 and all(g.isdigit() for g in groups) else []:
            k = next(
                (
                    k
                    for k, o in enumerate(others)
                    if k not in taken and _group(o.q) == "number" and o.q.value == int(g)
                ),
                None,
            )
            if k is None:
                break
            taken.append(k)
        if taken and len(taken) == len(groups):
            others = [o for k, o in enumerate(others) if k not in taken]
        else:
            kept.append(f)
    return kept, others


# between the francs and the centimes of a price written the old way: "2 fr. 70"
_FRANCS = re.compile(r"\s*(?:fr|frs|Fr|Frs)\s*\.?\s*$")


def _francs(
    decimals: list[_Found], parts: list[_Found], parts_text: str
) -> tuple[list[_Found], list[_Found]]:
    """Match a price with its francs and centimes written apart on the other side:
    "Fr. 2.70" is "2 fr. 70"."""
    kept: list[_Found] = []
    parts = sorted(parts, key=lambda f: f.q.start)
    for f in decimals:
        if _group(f.q) != "number" or not f.q.value % 1:
            kept.append(f)
            continue
        whole, cents = divmod(round(f.q.value * 100), 100)
        pair = next(
            (
                k
                for k in range(len(parts) - 1)
                if parts[k].q.value == whole
                and parts[k + 1].q.value == cents
                and _FRANCS.match(parts_text[parts[k].q.end : parts[k + 1].q.start])
            ),
            None,
        )
        if pair is None:
            kept.append(f)
        else:
            del parts[pair : pair + 2]
    return kept, parts


def _date_parts(
    dates: list[_Found], parts: list[_Found], parts_all: Sequence[_Found], parts_text: str = ""
) -> tuple[list[_Found], list[_Found]]:
    """Match a date or a time with its parts written as numbers on the other side:
    二月十七日 (Feb 17) is "the seventeenth day of the second month", "1 h 30" is
    "1 Std. 30 Min." (a duration, no time of day); the matched ones are left out of
    both lists.  A day alone answers a date whose month the other side names with a
    date of its own: "July 17 and 22" is "17 and 22 July" or "7月17日、22日"; or whose
    month it leaves to the sentences before, with the article of a day ("Am 3. Juli
    kamen ..." is "Le 3, ..." in a chronicle of July: ``parts_text``, :data:`_DAY_ARTICLE`)."""
    kept: list[_Found] = []
    parts = list(parts)
    months = {int(f.q.value) // 100 for f in parts_all if f.q.kind == "date"}
    for d in dates:
        values = _parts_of(d.q)
        numbers = [k for k, f in enumerate(parts) if _group(f.q) == "number"]
        if d.q.kind == "date" and values[0][0] in months:
            values = values[1:]  # the day alone, in digits ("second" is no day)
            numbers = [k for k in numbers if any(c.isdigit() for c in parts[k].q.surface)]
        elif d.q.kind == "date" and len(values) > 1:
            days = [k for k in numbers if _day_alone(parts[k], parts_text)]
            if days:
                values, numbers = values[1:], days
        if not values:
            kept.append(d)
            continue
        taken: list[int] = []
        for alternatives in values:
            k = next(
                (k for k in numbers if k not in taken and parts[k].q.value in alternatives), None
            )
            if k is None:
                break
            taken.append(k)
        if len(taken) < len(values):
            kept.append(d)
        else:
            parts = [f for k, f in enumerate(parts) if k not in taken]
    return kept, parts


# the article of a day of the month written without its month: French "le 3", German
# "am 3.", Spanish "el 3", Italian "il 3" (not German "den": "den 3 Kindern"); English
# "on the 3rd" is an ordinal
_DAY_ARTICLE = re.compile(r"(?<!\w)(?:le|am|el|il)\s+$", re.IGNORECASE)


def _day_alone(f: _Found, text: str) -> bool:
    """A day of the month in digits after the article of a day: "Le 3, Larch et ..."."""
    return (
        _group(f.q) == "number"
        and f.q.surface.isdigit()
        and 1 <= f.q.value <= 31
        and bool(_DAY_ARTICLE.search(text[max(0, f.q.start - 8) : f.q.start]))
    )


def _parts_of(q: Quantity) -> tuple[tuple[int, ...], ...]:
    """The numbers a date (month, day) or a time (hour, minutes if any) is made of, each
    with its alternatives: a bare hour may be said on the 12-hour clock ("3 pm" is 15:00
    and "下午3点" / "3 Uhr nachmittags" leave a bare 3; midnight is "0時" or "12")."""
    if q.kind == "date":
        return tuple((part,) for part in divmod(int(q.value), 100))
    if q.kind == "time":
        hour, minutes = divmod(int(q.value), 60)
        hours = (hour, hour % 12 or 12, hour % 24)
        return (hours, (minutes,)) if minutes else (hours,)
    return ()


def _ordinals(found: list[_Found]) -> list[_Found]:
    """Ordinals that may answer each other.  "first" is too often idiom ("zum ersten
    Mal"), and a list marker ("21.", bare digits) numbers the document, not its content."""
    return [
        f for f in found if f.q.kind == "ordinal" and f.q.value >= 2 and not f.q.surface.isdigit()
    ]


def _repeated(
    left: list[_Found], others_left: list[_Found], others: Sequence[_Found]
) -> list[_Found]:
    """Leave out a value one side repeats where the other says it once, when the other
    side has nothing left to pair it with: "forty days and forty nights" is 四十昼夜."""
    return [
        f
        for f in left
        if any(_group(o.q) == _group(f.q) for o in others_left)
        or not any(_same(f, o) for o in others)
    ]


# a letter or two glued to digits: a belay "R5", a pitch "L3", a "B747" -- digits the
# reader takes for a name (identifier_digits), which the other side may write apart
_LABEL_DIGITS = re.compile(r"(?<!\w)[^\W\d_]{1,2}(\d+)(?!\w)")
# digits hyphened into a compound, likewise read as a name: "Formel-1-Boss" is "Formula 1
# boss", "COVID-19" "COVID 19"
_COMPOUND_DIGITS = re.compile(r"[^\W\d_][-\u2010\u2011](\d+)(?![\d\w]|[.,]\d)")
# words for "countless": beside them "a thousand" or "a hundred" is hyperbole
# ("zahllose Male" / "mille fois"), and so are the plurals "thousands", "тысячи"
# where no number precedes them ("две тысячи" is read, and so not free)
_COUNTLESS = re.compile(
    r"(?<!\w)(?:unzählig|zahllos|unzählbar|innombrable|countless|innumerable|numberless"
    r"|myriad|бесчислен|несчётн|несчетн)\w*"
    r"|(?<!\w)(?:maints?|maintes?|tausende|tausenden|hunderte|hunderten|milliers|centaines"
    r"|thousands|hundreds|тысячи|тысяч|тысячами|тысячах|тысячам|тыщи|тыщ|сотни|сотен|сотнями|сотнях"
    r")(?!\w)",
    re.IGNORECASE,
)


_DAY_AND_NIGHT = re.compile(r"(?<!\w)сут(?:ки|ок|кам|ками|ках)(?!\w)|(?<!\w)круглосуточн", re.I)
# Russian nouns of "a million" people or more: "регионы-миллионники" are "regions with a
# population over one million", "город-миллионник" "a city of a million"
_MILLION_NOUNS = re.compile(r"(?<![^\W\d_])миллионник\w*", re.I)
_HOURS = re.compile(r"[\s-]*(?:hours?|hrs?|h|heures|Stunden|часа|часов)(?!\w)", re.I)
# ten, a hundred, a thousand years said as one word: "seit hundert Jahren", "depuis un siècle"
_YEARS = re.compile(
    r"[\s-]*(?:years?|Jahren?|Jahre|ans|années|лет|года?|años|anni|lat|let|roků|rok[yů]|年)"
    r"(?!\w)",
    re.I,
)
_SPANS_OF_YEARS = {
    10.0: re.compile(
        r"decade|jahrzehnt|décenni|десятилети|década|decenni|dekad|desetiletí|十年", re.I
    ),
    100.0: re.compile(
        r"centur|jahrhundert|siècle|столети|(?<!\w)век|siglo|secol|wiek|stolet|世纪|世紀", re.I
    ),
    1000.0: re.compile(
        r"millenni|jahrtausend|millénaire|тысячелети|milenio|tysiąclec|tisíciletí|千年", re.I
    ),
}


# Chinese and Japanese counters after a 1 written in digits: "1つ", "１人", "1个" say "a"
_ONE_COUNTED = re.compile(r"[つ人个個名台件本枚匹头頭位只隻家]")


def _counted_one(left: list[_Found], own_text: str, others: list[_Found]) -> list[_Found]:
    """Leave out a 1 before a counter ("１人の同僚" is "a colleague": "one" is often an
    article) when the other side has no number left to disagree with ("two people")."""
    if any(_group(o.q) == "number" for o in others):
        return left
    return [
        f
        for f in left
        if not (
            f.q.value == 1 and _group(f.q) == "number" and _ONE_COUNTED.match(own_text, f.q.end)
        )
    ]


# a Roman numeral standing alone, in capitals, of two letters or more ("IV", "XII"; not
# "I", a pronoun, nor "V" or "X"), which the reader takes for a number only after a label
# (_ROMAN_LABELS)
_FREE_ROMAN = re.compile(r"(?<![\w.'’-])(?=[IVX]{2,}(?![\w'’-]))X{0,3}(?:IX|IV|V?I{0,3})")


def _unanswered(
    left: list[_Found], others_text: str, others: Sequence[_Found], own_text: str = ""
) -> list[_Found]:
    """Leave out what the other side answers in words the reader does not take for numbers:

    * "24 hours" for Russian "сутки" (a day and a night);
    * "a million" for Russian "миллионник" (a city of a million);
    * a number word it copies verbatim, in a title left in its language: "die Cent
      plus belles courses" for "les Cent plus belles courses";
    * digits it glues to a letter or two: "Stand 5" is the belay "R5", "K 2" is "K2";
    * a Roman numeral standing alone: "( Camp 4 )" is "( IV )";
    * a spelled-out thousand or hundred where it says "countless": "zahllose Male"
      for "mille fois".
    """

    def free(m: re.Match[str]) -> bool:  # not inside a quantity the other side reads
        return not any(o.q.start < m.end() and m.start() < o.q.end for o in others)

    labels = {
        m.group(1)
        for pattern in (_LABEL_DIGITS, _COMPOUND_DIGITS)
        for m in pattern.finditer(others_text)
        if free(m)
    }
    # one the own side writes too is part of a name both copy ("Gasherbrum IV")
    romans = Counter(
        _roman(m.group(0).lower()) for m in _FREE_ROMAN.finditer(others_text) if free(m)
    ) - Counter(_roman(m.group(0).lower()) for m in _FREE_ROMAN.finditer(own_text))
    countless = any(free(m) for m in _COUNTLESS.finditer(others_text))
    day_and_night = bool(_DAY_AND_NIGHT.search(others_text))
    millions = bool(_MILLION_NOUNS.search(others_text))
    kept = []
    for f in left:
        surface = f.q.surface
        if day_and_night and f.q.value == 24 and _HOURS.match(own_text, f.q.end):
            continue
        if millions and f.q.value == 1e6:
            continue  # "over one million" for "миллионники"
        span = _SPANS_OF_YEARS.get(f.q.value)
        if (
            span
            and _YEARS.match(own_text, f.q.end)
            and any(
                not any(o.q.value != 1 and 0 <= m.start() - o.q.end <= 2 for o in others)
                for m in span.finditer(others_text)
            )
        ):
            continue  # "seit hundert Jahren" is "depuis un siècle", not "deux siècles"
        if _spelled(f.q):
            copy = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)", re.IGNORECASE)
            if any(free(m) for m in copy.finditer(others_text)):
                continue
            if countless and f.q.value in (100, 1000):
                continue
        elif _group(f.q) == "number" and surface.isdigit() and surface in labels:
            continue
        elif _group(f.q) == "number" and surface.isdigit() and f.q.value in romans:
            continue  # "( Camp 4 )" is "son camp principal ( IV )"
        kept.append(f)
    return kept


def _drop_grammatical(found: list[_Found], others: int) -> list[_Found]:
    """Leave out the surplus small spelled-out numbers a side has over the other.

    "the two main characters" -> "die beiden Hauptfiguren", "both" -> "二人",
    "sevenfold" -> "七倍": a small number word with nothing to pair it with is
    mostly grammar, while a changed number ("three" vs "four") still pairs up.
    """
    surplus = len(found) - others
    out = []
    for f in reversed(found):
        if surplus > 0 and _spelled(f.q) and abs(f.q.value) <= 12:
            surplus -= 1
            continue
        out.append(f)
    return out[::-1]
