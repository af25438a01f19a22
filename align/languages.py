"""Supported languages and the normalisation of language codes.

The set is the union of what the multilingual encoders were trained on
(XLM-R / multilingual-e5: ~100 languages; multilingual USE: 16), so a code
outside it is almost certainly a typo rather than a language we could embed.
"""

from __future__ import annotations

import re

LANGUAGES: dict[str, str] = {
    "af": "Afrikaans",
    "am": "Amharic",
    "ar": "Arabic",
    "as": "Assamese",
    "az": "Azerbaijani",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "br": "Breton",
    "bs": "Bosnian",
    "ca": "Catalan",
    "co": "Corsican",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "fy": "Western Frisian",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "gl": "Galician",
    "gu": "Gujarati",
    "ha": "Hausa",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "ht": "Haitian Creole",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "ig": "Igbo",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "jv": "Javanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "km": "Khmer",
    "kn": "Kannada",
    "ko": "Korean",
    "ku": "Kurdish",
    "ky": "Kyrgyz",
    "la": "Latin",
    "lb": "Luxembourgish",
    "lo": "Lao",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mg": "Malagasy",
    "mi": "Maori",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mn": "Mongolian",
    "mr": "Marathi",
    "ms": "Malay",
    "mt": "Maltese",
    "my": "Burmese",
    "ne": "Nepali",
    "nl": "Dutch",
    "no": "Norwegian",
    "nb": "Norwegian Bokmål",
    "nn": "Norwegian Nynorsk",
    "ny": "Chichewa",
    "om": "Oromo",
    "or": "Odia",
    "pa": "Punjabi",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "rw": "Kinyarwanda",
    "sa": "Sanskrit",
    "sd": "Sindhi",
    "si": "Sinhala",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sm": "Samoan",
    "sn": "Shona",
    "so": "Somali",
    "sq": "Albanian",
    "sr": "Serbian",
    "st": "Southern Sotho",
    "su": "Sundanese",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tg": "Tajik",
    "th": "Thai",
    "tk": "Turkmen",
    "tl": "Tagalog",
    "tr": "Turkish",
    "tt": "Tatar",
    "ug": "Uyghur",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "xh": "Xhosa",
    "yi": "Yiddish",
    "yo": "Yoruba",
    "zh": "Chinese",
    "zu": "Zulu",
}

# Deprecated ISO 639-1 codes and common ISO 639-2/3 codes people type instead.
ALIASES: dict[str, str] = {
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "fil": "tl",
    "eng": "en",
    "rus": "ru",
    "ara": "ar",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
    "isl": "is",
    "ice": "is",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "ukr": "uk",
    "jpn": "ja",
    "kor": "ko",
    "pol": "pl",
    "nld": "nl",
    "dut": "nl",
    "tur": "tr",
    "fas": "fa",
    "per": "fa",
    "heb": "he",
    "hin": "hi",
    "ces": "cs",
    "cze": "cs",
}

# Languages written right to left (for display: the aligner itself does not care).
RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi"})

_SUBTAG_SPLIT = re.compile(r"[-_.@]")

# The languages each named encoder was trained on (models/registry.toml names
# them). e5 is multilingual-e5-small, built on XLM-R and its 100 pretraining
# languages (Conneau et al. 2020, table 6; "no" covers nb and nn). USE
# multilingual v3 has 16 (Yang et al. 2020), simplified and traditional
# Chinese being two of them. An encoder still embeds other languages, badly:
# similar scripts share subwords, meaning does not.
TRAINED_ON: dict[str, frozenset[str]] = {
    "e5": frozenset(
        re.findall(
            r"[a-z]+",
            "af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd "
            "gl gu ha he hi hr hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml "
            "mn mr ms my nb ne nl nn no om or pa pl ps pt ro ru sa sd si sk sl so sq sr su sv "
            "sw ta te th tl tr ug uk ur uz vi xh yi zh",
        )
    ),
    "use-m3": frozenset(re.findall(r"[a-z]+", "ar de en es fr it ja ko nl pl pt ru th tr zh")),
}
TRAINED_ON_NOTE = {
    "e5": "the 100 languages of XLM-R, which multilingual-e5 is built on",
    "use-m3": "16 languages (Chinese counted as simplified and traditional)",
}


def encoders_for(code: str, registry: dict[str, dict[str, object]]) -> list[str]:
    """The named encoders trained on ``code``; an ensemble only where all its members are.

    ``registry`` is :func:`align.encoders.registry` (passed in, so this module
    stays free of the encoder machinery); an encoder whose languages are not
    known here is left out rather than guessed.
    """
    lang = normalize_lang(code)
    found = []
    for name, entry in registry.items():
        members = entry.get("members")
        parts = list(members) if isinstance(members, list) else [name]
        if all(lang in TRAINED_ON.get(str(m), ()) for m in parts):
            found.append(name)
    return found


def format_languages(registry: dict[str, dict[str, object]]) -> str:
    """The table ``align languages`` prints: code, name, and the encoders trained on it."""
    width = max(len(name) for name in LANGUAGES.values())
    lines = [f"{'code':<5} {'language':<{width}}  encoders trained on it"]
    for code, name in sorted(LANGUAGES.items()):
        names = encoders_for(code, registry)
        cover = ", ".join(names) if names else "none (accepted, but expect poor alignment)"
        lines.append(f"{code:<5} {name:<{width}}  {cover}")
    lines.append("")
    for enc in registry:
        if enc in TRAINED_ON:
            lines.append(f"{enc}: {len(TRAINED_ON[enc])} codes here, {TRAINED_ON_NOTE[enc]}")
        elif isinstance(registry[enc].get("members"), list):
            lines.append(f"{enc}: the languages all of its members were trained on")
    lines.append(
        "A local model (--model /path) covers what it was trained on; the codes above "
        "are all that --src-lang/--tgt-lang accept (ISO 639-1; en-US, zh_Hans, iw, rus... "
        "are normalised)."
    )
    return "\n".join(lines)


def normalize_lang(code: str) -> str:
    """Reduce a user-given code ("EN", "en-US", "zh_Hans", "iw") to a supported base code.

    Region and script subtags are dropped because every model we use is
    keyed on the base language only.
    """
    raw = code.strip()
    base = _SUBTAG_SPLIT.split(raw.lower(), maxsplit=1)[0]
    base = ALIASES.get(base, base)
    if base not in LANGUAGES:
        raise ValueError(
            f"unknown language code '{raw}'; use an ISO 639-1 code such as "
            "en, ru, ar, de, fr, zh (see `align languages`)"
        )
    return base


def language_name(code: str) -> str:
    """English name of a (normalisable) language code."""
    return LANGUAGES[normalize_lang(code)]


def is_rtl(lang: str) -> bool:
    """True for right-to-left scripts; unknown codes are treated as left-to-right."""
    try:
        return normalize_lang(lang) in RTL_LANGUAGES
    except ValueError:
        return False
