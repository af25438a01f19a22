"""Trends: ``trend_reversed`` when a figure that rose is said to have fallen.

"Товарооборот увеличился на 10 процентов" -> "Trade turnover decreased by 10
percent" keeps every number and name, and its sentence vectors sit as close as a
faithful rendering's (drift 0.15 before this check): only the verb turned round.
Prices, trade, casualties and budgets are what official statements report, and
a reviewer filtering on flags must see this one.

Each side's words of rising ("увеличился", "рост", "increase", "rose", 增长,
"ارتفاع") and of falling ("снизился", "decline", "fell", 下降, "انخفاض") are
found by stem, per language, and compared as :mod:`.opposites` compares: a sentence
with both ("exports rose while imports fell") or a negated one ("did not decrease",
"не снизился") says nothing here. Read in English, Russian, Arabic, Chinese,
Japanese, German, French, Spanish, Italian, Polish and Czech.
"""

from __future__ import annotations

from ..types import Reason
from .opposites import DOWN, UP, Opposites

__all__ = ["compare_trends"]

# Stems of rising and falling, per language, as regexes on lower-cased text (a word's
# start; the rest of the word follows). Words with another common sense are left out:
# English "cut" (ties), "raise" (a question), "drop" (charges), "gain" (experience),
# "lower" (house), "fall" (autumn) only as a verb form; Russian "возраст" (age),
# "Ростов"; Arabic "زاد" inside "زياد" (a name), "قل" (say); German "gefallen"
# (pleased), "fiel" (auf: noticed), a bare "steigen" / "stieg" (ab: descended, "stiegen
# ... hinab"); French "monter" (montagne).
_TRENDS: dict[str, dict[int, str]] = {
    "en": {
        UP: r"increas\w*|rise|rises|rising|rose|risen|grow|grows|growing|grew|grown|growth"
        r"|climb\w*|surg\w*|soar\w*|expand\w*|expansion|boost\w*|upsurge|upturn|higher"
        r"|ascend(?:s|ed|ing)?",
        DOWN: r"decreas\w*|fell|fallen|falling|falls|declin\w*|dropp(?:ed|ing)|shrink\w*"
        r"|shrank|shrunk\w*|reduc\w*|plung\w*|slump\w*|diminish\w*|downturn|contraction"
        r"|lower|lowered|lowering|lowers|descend(?:s|ed|ing)?",
    },
    "ru": {
        UP: r"увелич\w*|рост|роста|росту|ростом|росте|прирост\w*|выро(?:с|сл)\w*|выраст\w*"
        r"|возрос\w*|возраста(?:ет|ют|ние|ния|нию|нием|ло|ли|л)\b|раст(?:ёт|ет|ут|ущ)\w*"
        r"|рос|росла|росло|росли|расти|повы(?:с|ш)\w*|подорожа\w*|расшир\w*|нараст\w*"
        r"|нара(?:щ|стил)\w*|выше",
        DOWN: r"уменьш\w*|сниж\w*|снизи\w*|снизя\w*|пониж\w*|понизи\w*|сокра(?:щ|т)\w*"
        r"|падени\w*|упа(?:л|ла|ли|ло|дёт|дут)\b|пада(?:ет|ют|ющ)\w*|спад\w*|подешев\w*|убыл\w*"
        r"|ниже",
    },
    "de": {
        UP: r"anstieg\w*|gestiegen|steigend\w*|steigerung\w*|erhöh\w*"
        r"|wachs(?:t|en|tum)\w*|wuchs|gewachsen|zunahme|zugenommen|verdoppel\w*|ausweit\w*"
        r"|ausgeweitet",
        DOWN: r"gesunken|sank(?:en)?|sink(?:t|en|ende)\w*|rückgang\w*|zurückgegangen"
        r"|verringer\w*|reduzier\w*|abnahme|abgenommen|senk(?:t|en|ung)\w*|schrumpf\w*",
    },
    "fr": {
        UP: r"augment\w*|hausse\w*|croissance|croît|croître|accroissement|accru\w*"
        r"|s'accro\w*|doublé\w*|essor",
        DOWN: r"baiss\w*|diminu\w*|recul\w*|chut(?:e|es|é|ée|és|ées|er|ent)\b|réduit\w*"
        r"|réduire|réduction\w*|déclin\w*",
    },
    "es": {
        UP: r"aument\w*|increment\w*|crec\w*|creci\w*|subi(?:ó|eron|do|da)\b|alza",
        DOWN: r"dismin\w*|reduj\w*|reduc\w*|cay(?:ó|eron)\b|caíd\w*|descen\w*|baj(?:ó|aron)\b",
    },
    "it": {
        UP: r"aument\w*|increment\w*|cresc\w*|crebb\w*|rialz\w*",
        DOWN: r"diminu\w*|ridu\w*|ridott\w*|ribass\w*|calo|calat\w*|flession\w*",
    },
    "pl": {
        UP: r"wzrost\w*|wzros\w*|wzrośnie|wzrosną|zwiększ\w*|podwyżk\w*|podwyższ\w*",
        DOWN: r"spadek|spadku|spadki|spadł\w*|spada\w*|spadnie|zmniejsz\w*|obniż\w*"
        r"|redukc\w*|zreduk\w*",
    },
    "cs": {
        UP: r"zvýš\w*|zvyš\w*|nárůst\w*|vzrost\w*|vzrůst\w*|vzrostl\w*|roste|rostou",
        DOWN: r"sníž\w*|snižov\w*|pokles\w*|klesl\w*|klesá\w*|klesne",
    },
    # Arabic: the conjunctions و/ف and the article may lead; no \b before Arabic letters
    "ar": {
        UP: r"(?:و|ف)?(?:ال)?(?:ارتفا?ع\w*|يرتفع\w*|ترتفع\w*|زياد[ةت]\w*|ازداد\w*|تزايد\w*"
        r"|زاد|زادت|يزيد|تزيد"
        r"|يزداد\w*|تزداد\w*|نمو|نما|ينمو|تنمو|تضاعف\w*)",
        DOWN: r"(?:و|ف)?(?:ال)?(?:انخفا?ض\w*|ينخفض\w*|تنخفض\w*|تراجع\w*|يتراجع\w*|هبوط\w*"
        r"|هبط\w*|تقلص\w*|تقليص\w*|انكماش\w*|تدني\w*|تدنى\w*)",
    },
    # Chinese and Japanese: words, no spaces
    "ja": {
        UP: r"増え|増加|上昇|増大|拡大|伸び",
        DOWN: r"減少|減っ|減る|減ら|低下|下落|縮小|下が",
    },
    "zh": {
        UP: r"增长|增加|上升|上涨|提高|增多|扩大|攀升|提升|翻番|翻一番|激增|猛增",
        DOWN: r"下降|减少|降低|下跌|减小|缩小|下滑|回落|萎缩|削减|锐减|骤降|衰退|衰落",
    },
}
TRENDS = Opposites("trend_reversed", _TRENDS)


def compare_trends(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``trend_reversed`` when one side's figure rises and the other's falls."""
    return TRENDS.compare(src_text, src_lang, tgt_text, tgt_lang)
