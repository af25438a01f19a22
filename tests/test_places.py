"""Places, months, weekdays and relative dates across scripts (align.checks.places), and
their registration."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.checks import compare_places, run_checks


def _pairs(reasons: list) -> list[tuple[str, str]]:
    return [(r["type"], r["detail"]) for r in reasons]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "was", "became"),
    [
        (
            "Встреча прошла в Анкаре.",
            "ru",
            "The meeting took place in Izmir.",
            "en",
            "Анкаре",
            "Izmir",
        ),
        ("Мы были в Стамбуле.", "ru", "We were in Moscow.", "en", "Стамбуле", "Moscow"),
        ("Это случилось в марте.", "ru", "It happened in May.", "en", "марте", "May"),
        ("Это случилось в мае.", "ru", "It happened in March.", "en", "мае", "March"),
        (
            "He visited Berlin on Monday.",
            "en",
            "Er besuchte Berlin am Dienstag.",
            "de",
            "Monday",
            "Dienstag",
        ),
        ("زار الرئيس موسكو.", "ar", "The president visited Cairo.", "en", "موسكو", "Cairo"),
        # a country spelled like another is still another country
        ("Он живёт в Австрии.", "ru", "He lives in Australia.", "en", "Австрии", "Australia"),
        ("Il vit en Autriche.", "fr", "He lives in Australia.", "en", "Autriche", "Australia"),
        (
            "Он прилетел из Словакии.",
            "ru",
            "He flew in from Slovenia.",
            "en",
            "Словакии",
            "Slovenia",
        ),
        ("Он был в Ираке.", "ru", "He was in Iran.", "en", "Ираке", "Iran"),
        # a month spelled like another is still another month; the Levant's names too
        ("Das Treffen ist im Juni.", "de", "The meeting is in July.", "en", "Juni", "July"),
        ("سنجتمع في شهر مارس.", "ar", "We will meet in May.", "en", "مارس", "May"),
        ("سنجتمع في آذار المقبل.", "ar", "We will meet next May.", "en", "آذار", "May"),
        (
            "سنجتمع في تشرين الأول.",
            "ar",
            "We will meet in November.",
            "en",
            "تشرين الأول",
            "November",
        ),
        ("他三月去了上海。", "zh", "In May he went to Shanghai.", "en", "三月", "May"),
        # a name starting like a proclitic, after one: "بـ" + "باريس"
        ("التقيا بباريس.", "ar", "They met in London.", "en", "بباريس", "London"),
        (
            "Il est né en Allemagne.",
            "fr",
            "Er wurde in Frankreich geboren.",
            "de",
            "Allemagne",
            "Frankreich",
        ),
        # a place the tables know against one only its preposition makes a place, where
        # the tables give the known one another name there ("Riyadh")
        (
            "Встреча прошла в Эр-Рияде.",
            "ru",
            "The meeting took place in Doha.",
            "en",
            "Эр-Рияде",
            "Doha",
        ),
        (
            "Встреча прошла в Дохе.",
            "ru",
            "The meeting took place in Riyadh.",
            "en",
            "Дохе",
            "Riyadh",
        ),
        # relative dates pair across units
        (
            "سيزور الوزير واشنطن الأسبوع المقبل.",
            "ar",
            "The minister will visit Washington next month.",
            "en",
            "الأسبوع المقبل",
            "next month",
        ),
    ],
)
def test_a_replaced_place_month_or_weekday_is_flagged_with_both_spans(
    src: str, sl: str, tgt: str, tl: str, was: str, became: str
) -> None:
    reasons = compare_places(src, sl, tgt, tl)
    assert len(reasons) == 1, reasons
    r = reasons[0]
    assert r["type"] == "entity_mismatch"
    assert r["src"] is not None and r["tgt"] is not None
    assert src[slice(*r["src"])] == was
    assert tgt[slice(*r["tgt"])] == became
    # and the registry reports it with the other checks
    assert r in run_checks(src, sl, tgt, tl)


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Встреча прошла в Анкаре.", "ru", "The meeting took place in Ankara.", "en"),
        ("Мы были в Стамбуле.", "ru", "We were in Istanbul.", "en"),
        ("Это случилось в марте.", "ru", "It happened in March.", "en"),
        ("Это случилось в мае.", "ru", "It happened in May.", "en"),
        ("He visited Berlin on Monday.", "en", "Er besuchte Berlin am Montag.", "de"),
        ("Die Türkei und Deutschland.", "de", "La Turquie et l'Allemagne.", "fr"),
        ("زار الرئيس موسكو.", "ar", "The president visited Moscow.", "en"),
        ("سنجتمع في آذار المقبل.", "ar", "We will meet next March.", "en"),
        ("سنجتمع في تشرين الأول.", "ar", "We will meet in October.", "en"),
        ("Das Treffen ist im Juni.", "de", "The meeting is in June.", "en"),
        ("Он живёт в Австрии.", "ru", "He lives in Austria.", "en"),
        (
            "Российская делегация прибыла в Австралию.",
            "ru",
            "The Russian delegation arrived in Australia.",
            "en",
        ),
        ("他三月去了上海。", "zh", "In March he went to Shanghai.", "en"),
        # translated rather than transliterated, or turned into an adjective
        ("The librettist arrived in Venice.", "en", "Der Librettist kam in Venedig an.", "de"),
        ("В Орле передано в суд дело.", "ru", "In Oryol, a case has been brought to court.", "en"),
        ("Имам мечети в Уэльсе заявил.", "ru", "Imam of a mosque in Wales says.", "en"),
        (
            "Министр обороны РФ объявил о храме в московском парке.",
            "ru",
            "The Russian Defence Minister announced a church in a Moscow park.",
            "en",
        ),
        ("Иудеи верят в Бога.", "ru", "Jews believe in God.", "en"),
        ("Theresa May visited Paris in June.", "en", "Theresa May besuchte Paris im Juni.", "de"),
        # a date is the numbers check's: "7 марта" vs "May 7" is reported once, as a number
        ("Это случилось 7 марта.", "ru", "It happened on May 7.", "en"),
        # a place dropped is no place replaced
        ("Мы были в Стамбуле и в Анкаре.", "ru", "We were in Istanbul.", "en"),
        # a known place in a case the tables miss ("Китая"), an abbreviation ("Мск")
        (
            "Власти Синьцзян-Уйгурского района Китая ввели санкции.",
            "ru",
            "Authorities in China's Xinjiang Uighur region imposed sanctions.",
            "en",
        ),
        ("Он работает в Спб / Мск.", "ru", "He works in St. Petersburg / Moscow.", "en"),
        ("Встреча прошла в Эр-Рияде.", "ru", "The meeting took place in Riyadh.", "en"),
    ],
)
def test_faithful_places_are_not_flagged(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_places(src, sl, tgt, tl) == []


def test_a_date_with_another_month_is_one_number_mismatch() -> None:
    reasons = run_checks("Это случилось 7 марта.", "ru", "It happened on May 7.", "en")
    assert [r["type"] for r in reasons] == ["number_mismatch"]


def test_scripts_it_cannot_read_are_passed_over() -> None:
    # Devanagari vowel signs split words in the tokeniser: nothing is guessed there
    src = "कश्मीर में लोगों को भड़का कर बड़े पैमाने पर हालात खराब करने के मंसूबे नाकाम हुए।"
    assert compare_places(src, "hi", "In Kashmir the plans to incite people failed.", "en") == []


# Faithful DEMETR translations that were flagged, and a real change next to each.
_FR_SRC = (
    "La France est le septième pays de l’UE à subir l'impact du virus, faisant suite à "
    "l’Autriche, l’Allemagne, la Slovénie, la Bulgarie, la Grèce et l’Italie."
)
_FR_TGT = (
    "France is the seventh EU country to suffer the impact of the virus; following "
    "{}, Germany, Slovenia, Bulgaria, Greece and Italy."
)
_PL_JULY = (
    "Pod koniec lipca Kolonko zamieścił na swoim profilu w mediach społecznościowych "
    "informację sugerującą, że #R połączy siły z ruchem Kukiz'15."
)
_PL_JULY_EN = (
    "At the end of {}, Kolonko posted information on his social media profile suggesting "
    "that #R would join forces with the Kukiz'15 movement."
)
_ZH_PH = "当然，长期剥削菲律宾人民所获得的高额利润成为美帝国主义的基本收益。"
_ZH_PH_EN = (
    "Of course, the high profits obtained from the long-term exploitation of the {} people "
    "have become the basic gains of U.S. imperialism."
)


def test_typographic_elision_is_stripped() -> None:
    assert run_checks(_FR_SRC, "fr", _FR_TGT.format("Austria"), "en") == []
    assert run_checks(_FR_SRC.replace("’", "'"), "fr", _FR_TGT.format("Austria"), "en") == []
    flagged = run_checks(_FR_SRC, "fr", _FR_TGT.format("Hungary"), "en")
    assert any("'Hungary'" in r["detail"] for r in flagged)


def test_genitive_month_is_a_month() -> None:
    assert run_checks(_PL_JULY, "pl", _PL_JULY_EN.format("July"), "en") == []
    assert ("entity_mismatch", "month 'lipca' became 'May'") in _pairs(
        run_checks(_PL_JULY, "pl", _PL_JULY_EN.format("May"), "en")
    )
    # a short Cyrillic month in another case: "в июле" (июль)
    assert ("entity_mismatch", "month 'июле' became 'May'") in _pairs(
        compare_places("Это было в июле.", "ru", "It was in May.", "en")
    )
    assert compare_places("Это было в июле.", "ru", "It was in July.", "en") == []


def test_exonym_of_unknown_place_passes() -> None:
    src = "Sąd w Gandawie ogłosił też upadłość trzech belgijskich spółek córek."
    assert compare_places(src, "pl", "A court in Ghent also declared bankruptcy.", "en") == []
    assert ("entity_mismatch", "place 'Gandawie' became 'Bruges'") in _pairs(
        compare_places(src, "pl", "A court in Bruges also declared bankruptcy.", "en")
    )


def test_demonym_is_the_country() -> None:
    assert run_checks(_ZH_PH, "zh", _ZH_PH_EN.format("Filipino"), "en") == []
    assert compare_places("Er lebt in Frankreich.", "de", "He is French.", "en") == []
    flagged = compare_places(_ZH_PH, "zh", "The Vietnamese people suffered in Vietnam.", "en")
    assert ("entity_mismatch", "place '菲律宾' became 'Vietnam'") in _pairs(flagged)


def test_estonian_gradation_and_romanian_other_names() -> None:
    from align.checks.places import place_named

    et = "Läbirääkimised jätkuvad Iraagi pealinnas Bagdadis ja Saksamaal."
    assert place_named("Iraq", "en", et, "et") and place_named("Germany", "en", et, "et")
    assert not place_named("Syria", "en", et, "et")
    ro = "Materii prime au fost furnizate de Olanda și SUA."
    assert place_named("Holland", "en", ro, "ro") and place_named("USA", "en", ro, "ro")
    assert not place_named("Belgium", "en", ro, "ro")


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "was", "became"),
    [
        ("Вчера министр прибыл в Москву.", "ru", "The minister arrives in Moscow tomorrow.",
         "en", "Вчера", "tomorrow"),
        ("В прошлом году рост составил 3%.", "ru", "This year growth was 3%.", "en",
         "В прошлом году", "This year"),
        ("Loni jej přemohl na mítinku.", "cs", "This year he beat him at the meet.", "en",
         "loni", "This year"),
        ("Morgen fahren wir nach Bern.", "de", "Yesterday we went to Bern.", "en", "Morgen",
         "Yesterday"),
        ("Mañana llega el presidente.", "es", "The president arrived yesterday.", "en",
         "Mañana", "yesterday"),
        ("Aujourd’hui il pleut.", "fr", "It rained yesterday.", "en", "Aujourd’hui",
         "yesterday"),
        ("我们昨天举行了会议。", "zh", "We will hold a meeting tomorrow.", "en", "昨天",
         "tomorrow"),
        ("وصل الوزير أمس إلى القاهرة.", "ar", "The minister will arrive in Cairo tomorrow.",
         "en", "أمس", "tomorrow"),
        ("Моему отцу позавчера отрезали ногу.", "ru", "My father lost his leg yesterday.",
         "en", "позавчера", "yesterday"),
        # news Arabic's المقبل / الجاري, Russian "в будущем году", Chinese 下个星期
        ("تعقد القمة الأسبوع المقبل.", "ar", "The summit was held last week.", "en",
         "الأسبوع المقبل", "last week"),
        ("ارتفع النمو في العام الجاري.", "ar", "Growth rose next year.", "en",
         "العام الجاري", "next year"),
        ("Саммит пройдёт в будущем году.", "ru", "The summit was held last year.", "en",
         "в будущем году", "last year"),
        ("峰会下个星期举行。", "zh", "The summit was held last week.", "en", "下个星期",
         "last week"),
    ],
)  # fmt: skip
def test_a_relative_date_that_moved_is_flagged(
    src: str, sl: str, tgt: str, tl: str, was: str, became: str
) -> None:
    """A moved relative date ("yesterday" -> "tomorrow"): CLDR's relative date fields."""
    reasons = compare_places(src, sl, tgt, tl)
    assert len(reasons) == 1, reasons
    assert src[slice(*reasons[0]["src"])].lower() == was.lower()
    assert tgt[slice(*reasons[0]["tgt"])] == became
    assert reasons[0]["detail"].startswith("date ")


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Вчера министр прибыл в Москву.", "ru", "Yesterday the minister arrived in Moscow.", "en"),
        ("Loni jej přemohl na mítinku.", "cs", "Last year he beat him at the meet.", "en"),
        ("Моему отцу позавчера отрезали ногу.", "ru",
         "My father lost his leg the day before yesterday.", "en"),
        # the morning, not tomorrow
        ("Guten Morgen, heute sprechen wir über Wahlen.", "de",
         "Good morning, today we talk about elections.", "en"),
        ("Heute Morgen hat er angerufen, gestern nicht.", "de",
         "He called this morning, not yesterday.", "en"),
        ("Esta mañana llegó el presidente.", "es", "The president arrived yesterday.", "en"),
        # dropped or said another way: no date *replaced*
        ("Сегодня мы обсудим бюджет.", "ru", "Now we will discuss the budget.", "en"),
        ("日本周边局势紧张。", "zh", "Last week the situation around Japan was tense.", "en"),
        ("تعقد القمة الأسبوع المقبل.", "ar", "The summit will be held next week.", "en"),
        ("На минувшей неделе саммит прошёл.", "ru", "Last week the summit took place.", "en"),
    ],
)  # fmt: skip
def test_faithful_relative_dates_are_not_flagged(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_places(src, sl, tgt, tl) == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "added"),
    [
        # the founding scenario: an Arabic place the tables do not know, replaced
        ("وصلت الطائرات إلى مطار العريش.", "ar", "The planes arrived at Cairo airport.", "Cairo"),
        (
            "نطالب بإنهاء الاحتلال.",
            "ar",
            "We demand an end to the occupation of Lebanon.",
            "Lebanon",
        ),
        (
            "彗星可能是地球上的水的来源。",
            "zh",
            "Comets may be the source of Austria's water.",
            "Austria",
        ),
        # "the two countries" implies a country, never a city
        (
            "两国领导人在会谈中达成了共识。",
            "zh",
            "The leaders of the two countries reached a consensus in Shanghai.",
            "Shanghai",
        ),
    ],
)
def test_a_place_an_uncased_source_lacks_is_flagged(
    src: str, sl: str, tgt: str, added: str
) -> None:
    """Arabic and Chinese have no capitals to tell a name by: a country or city the
    translation adds is the one trace of a place replaced by an unknown one."""
    reasons = compare_places(src, sl, tgt, "en")
    assert [(r["type"], r["src"]) for r in reasons] == [("entity_missing", None)]
    assert tgt[slice(*reasons[0]["tgt"])].startswith(added)
    assert reasons[0] in run_checks(src, sl, tgt, "en")


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        # Arabic names after their proclitics: "لـ" to, "بـ" in, "و" and, "لل" to the
        (
            "عاد الوزير إلى القاهرة بعد زيارته لباريس.",
            "ar",
            "The minister returned to Cairo after visiting Paris.",
        ),
        (
            "نشكر المملكة العربية السعودية ومصر والأردن.",
            "ar",
            "We thank Saudi Arabia, Egypt and Jordan.",
        ),
        ("وصلت المساعدات للقاهرة.", "ar", "The aid reached Cairo."),
        (
            "القدس الشرقية هي عاصمة دولة فلسطين.",
            "ar",
            "East Jerusalem is the capital of the State of Palestine.",
        ),
        # an adjective of the place, a short form in a compound, one's own country
        ("وصل الوفد الأمريكي.", "ar", "The US delegation arrived."),
        (
            "此前美方要求关闭总领事馆。",
            "zh",
            "Previously, the US demanded the closure of the consulate.",
        ),
        ("俄总统出席了阅兵式。", "zh", "Russia's president attended the parade."),
        (
            "在国外生活了一段时间后回国。",
            "zh",
            "Returning to China after living abroad for a while.",
        ),
        ("米国防総省が追跡しています。", "ja", "The US Department of Defense is tracking it."),
        ("نحن نحب بلادنا.", "ar", "We love Palestine."),
        ("两国领导人举行了会谈。", "zh", "The leaders of China and Russia held talks."),
        # the capital implies a city
        ("وصل الوفد إلى العاصمة.", "ar", "The delegation arrived in Cairo."),
    ],
)
def test_places_an_uncased_source_implies_are_not_flagged(src: str, sl: str, tgt: str) -> None:
    assert compare_places(src, sl, tgt, "en") == []


def test_a_place_lost_from_an_uncased_translation_is_not_reported() -> None:
    """CJK table names hide inside words ("布法罗" Buffalo holds "法罗", the Faroes): only a
    place the translation adds is reported, never one it seems to lack."""
    src = "在布法罗-匹兹堡高速公路上，行车条件最具挑战性。"
    assert compare_places("On the highway, driving is hardest.", "en", src, "zh") == []
    assert compare_places(src, "zh", "On the highway, driving is hardest.", "en") == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "town"),
    [
        ("عقد الاجتماع في أنقرة.", "ar", "The meeting was held in Izmir.", "Izmir"),
        ("وصل الوفد إلى حلب.", "ar", "The delegation arrived in Homs.", "Homs"),
        ("会议在安卡拉举行。", "zh", "The meeting was held in Izmir.", "Izmir"),
        # spelled by ear, not as GeoNames writes them ("Janīn", "Khān Yūnis", "Qalqīlyah")
        ("داهمت القوات منازل في نابلس.", "ar", "Forces raided homes in Jenin.", "Jenin"),
        ("سقط شهداء في رفح.", "ar", "Martyrs fell in Khan Younis.", "Khan Younis"),
        ("اعتقل شاب في جنين.", "ar", "A young man was arrested in Qalqilya.", "Qalqilya"),
    ],
)
def test_a_town_an_uncased_source_does_not_name_is_missing(
    src: str, sl: str, tgt: str, town: str
) -> None:
    """Towns CLDR does not list (GeoNames's, align/data/cities.tsv): "في أنقرة" -> "in
    Izmir" passed, as nothing in the Arabic or Chinese told a place."""
    reasons = compare_places(src, sl, tgt, "en")
    assert [(r["type"], tgt[slice(*r["tgt"])]) for r in reasons] == [("entity_missing", town)]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("عقد الاجتماع في أنقرة.", "ar", "The meeting was held in Ankara."),
        ("وصل الوفد إلى الموصل.", "ar", "The delegation arrived in Mosul."),
        ("وصل الوفد بحمص.", "ar", "The delegation arrived in Homs."),  # a proclitic
        ("داهمت القوات منازل في جنين.", "ar", "Forces raided homes in Jenin."),
        ("سقط شهداء في خان يونس.", "ar", "Martyrs fell in Khan Younis."),
        ("اعتقل شاب في طولكرم.", "ar", "A young man was arrested in Tulkarem."),
        # CLDR writes Hebron "هيبرون (مدينة الخليل)": the gloss is its name too
        ("عقد الاجتماع في الخليل أمس.", "ar", "The meeting was held in Hebron yesterday."),
        ("代表团抵达武汉。", "zh", "The delegation arrived in Wuhan."),
        # GeoNames lists 福岡 only: the run sharing half its characters is the town
        ("福冈县新增90例。", "zh", "There were 90 new cases in Fukuoka."),
        # part of a longer name, or a common word: no town
        ("他们在独立广场集会。", "zh", "They rallied in Independence Square."),
        ("我们在春天见面。", "zh", "We met in Spring."),
    ],
)
def test_a_town_an_uncased_source_names_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_places(src, sl, tgt, "en") == []


def test_the_town_table_is_built_from_geonames_records() -> None:
    """scripts/build_cities.py keeps towns big enough with an Arabic or CJK name, and only
    names wholly in the Arabic alphabet (no Persian letters) or in CJK characters."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_cities.py"
    spec = importlib.util.spec_from_file_location("build_cities", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = {
        "1": {"name": "İzmir", "population": 2_500_000,
              "alternatenames": ["Izmir", "إزمير", "ازمیر", "伊兹密尔", "Смирна"]},
        "2": {"name": "Smalltown", "population": 20_000, "alternatenames": ["سمولتاون"]},
        "3": {"name": "Latinonly", "population": 90_000, "alternatenames": ["Latino"]},
    }  # fmt: skip
    assert module.build(records, 30_000) == ["İzmir\tإزمير\t伊兹密尔"]


def _towns_ar_en() -> list[tuple[str, str]]:
    path = Path(__file__).parent / "fixtures" / "towns_ar_en.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r[0], r[1]) for r in rows if len(r) == 2 and not r[0].startswith("#")]


@pytest.mark.parametrize(("ar", "en"), _towns_ar_en())
def test_a_town_an_arabic_statement_names_is_found_however_english_spells_it(
    ar: str, en: str
) -> None:
    """57 towns, as English news spells them ("Jenin", "Deir al-Balah", "Sulaymaniyah"):
    Hebron was flagged, CLDR writing it "هيبرون (مدينة الخليل)"."""
    src = f"قال المتحدث إن الاجتماع عقد في {ar} أمس."
    tgt = f"The spokesman said the meeting was held in {en} yesterday."
    assert [r for r in run_checks(src, "ar", tgt, "en") if r["type"].startswith("entity")] == []


@pytest.mark.parametrize(
    ("ru", "en", "place"),
    [
        (
            "Обстрелы продолжились в Донецкой области.",
            "Shelling continued in the Luhansk region.",
            "Luhansk",
        ),
        (
            "Губернатор Белгородской области заявил об атаке.",
            "The governor of the Kursk region reported an attack.",
            "Kursk",
        ),
        (
            "Наводнение произошло в Хабаровском крае.",
            "The flood hit the Primorsky Krai.",
            "Primorsky",
        ),
    ],
)
def test_a_region_replaced_by_another_is_a_mismatch(ru: str, en: str, place: str) -> None:
    """A region is named before its noun ("Донецкой области", "the Luhansk region"): no
    table of countries and cities holds it, and "Donetsk" -> "Luhansk" passed."""
    reasons = compare_places(ru, "ru", en, "en")
    assert [(r["type"], en[slice(*r["tgt"])]) for r in reasons] == [("entity_mismatch", place)]


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("Обстрелы продолжились в Донецкой области.", "Shelling continued in the Donetsk region."),
        ("Губернатор Белгородской области заявил об атаке.", "The Belgorod governor reported it."),
        (
            "Пожар произошёл в Запорожской области.",
            "The fire broke out in the Zaporizhzhia Oblast.",
        ),
        ("Наводнение произошло в Забайкальском крае.", "The flood hit the Transbaikal Territory."),
        # MLQE-PE ru-en post-edits: a name inside a longer one, and a translated adjective
        (
            "В Приангарье власти будут убирать улицы.",
            "In the Angarya region, streets will be cleaned.",
        ),
        ("Из пресс-релиза по Иудейской области", "From the press release about the Jewish Region"),
    ],
)
def test_a_region_rendered_faithfully_passes(ru: str, en: str) -> None:
    assert compare_places(ru, "ru", en, "en") == []


def _regions_ru_en() -> list[object]:
    path = Path(__file__).parent / "fixtures" / "regions_ru_en.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    out: list[object] = []
    for ru, en, noun in (r for r in rows if len(r) == 3 and not r[0].startswith("#")):
        if noun == "область":
            pairs = [
                (
                    f"Губернатор {ru} области заявил об этом.",
                    f"The governor of the {en} region said so.",
                ),
                (f"Пожар произошёл в {ru} области.", f"The fire broke out in the {en} Oblast."),
            ]
        else:
            pairs = [
                (f"Наводнение произошло в {ru} крае.", f"The flood happened in the {en} Krai."),
                (
                    f"Наводнение произошло в {ru} крае.",
                    f"The flood happened in the {en} Territory.",
                ),
            ]
        out += [pytest.param(src, tgt) for src, tgt in pairs]
    return out


@pytest.mark.parametrize(("src", "tgt"), _regions_ru_en())
def test_a_region_a_faithful_translation_names_is_not_flagged(src: str, tgt: str) -> None:
    """53 oblasts and 9 krais, named as English news names them ("Zaporizhzhia",
    "Transbaikal"): the region rule must not flag a faithful sentence, nor the names rule
    ("Киевской" / "Kyiv" was flagged: an adjective of a place the other side names)."""
    assert [r for r in run_checks(src, "ru", tgt, "en") if r["type"].startswith("entity")] == []


@pytest.mark.parametrize(
    ("zh", "en", "place"),
    [
        ("会议在海南举行。", "The meeting was held in Yunnan.", "Yunnan"),
        ("他访问了广东省。", "He visited Fujian Province.", "Fujian"),
        ("会议在达沃斯举行。", "The meeting was held in Sochi.", "Sochi"),
    ],
)
def test_a_place_a_chinese_source_does_not_sound_is_missing(zh: str, en: str, place: str) -> None:
    """A place no table holds, in a Chinese source: its name is written by its sound (or
    in pinyin), so "海南" -> "Yunnan" passed unread."""
    reasons = compare_places(zh, "zh", en, "en")
    assert [(r["type"], en[slice(*r["tgt"])]) for r in reasons] == [("entity_missing", place)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("他访问了广东省。", "He visited Guangdong Province."),
        ("会议在巴厘岛举行。", "The meeting was held in Bali."),
        ("会议在达沃斯举行。", "The meeting was held in Davos."),
        ("代表团在西藏参观。", "The delegation toured in Tibet."),  # by meaning, not sound
        ("他在宁夏回族自治区工作。", "He works in the Ningxia Hui Autonomous Region."),
        # Japan's places are written in kanji (DEMETR zh-en references)
        ("此外，爱知县新增80例。", "There were also 80 new cases in Aichi Prefecture."),
    ],
)
def test_a_place_a_chinese_source_sounds_passes(zh: str, en: str) -> None:
    assert compare_places(zh, "zh", en, "en") == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "was", "became"),
    [
        ("两国领导人在北京举行了会谈。", "zh", "The two leaders held talks in Shanghai.", "en",
         "北京", "Shanghai"),
        ("جرت المحادثات في بكين.", "ar", "The talks were held in Shanghai.", "en", "بكين",
         "Shanghai"),
        ("Переговоры прошли в Пекине.", "ru", "The talks were held in Shanghai.", "en", "Пекине",
         "Shanghai"),
        ("The talks were held in New Delhi.", "en", "Переговоры прошли в Мумбаи.", "ru",
         "New Delhi", "Мумбаи"),
        ("The talks were held in Ankara.", "en", "会谈在伊斯坦布尔举行。", "zh", "Ankara",
         "伊斯坦布尔"),
        ("Встреча состоится в Вашингтоне.", "ru", "The meeting will take place in Geneva.", "en",
         "Вашингтоне", "Geneva"),
        # large towns: a Chinese source's town is named, not only the one the English adds
        ("代表团抵达深圳。", "zh", "The delegation arrived in Wuhan.", "en", "深圳", "Wuhan"),
        ("代表团抵达圣彼得堡。", "zh", "The delegation arrived in Kazan.", "en", "圣彼得堡",
         "Kazan"),
    ],
)  # fmt: skip
def test_capitals_and_large_towns_are_known_in_every_script(
    src: str, sl: str, tgt: str, tl: str, was: str, became: str
) -> None:
    """CLDR's time-zone cities have no Beijing, Ankara, New Delhi, Washington or Geneva:
    a Chinese or Arabic source naming one was only "a place the translation adds"."""
    reasons = compare_places(src, sl, tgt, tl)
    assert [r["type"] for r in reasons] == ["entity_mismatch"]
    assert src[slice(*reasons[0]["src"])] == was
    assert tgt[slice(*reasons[0]["tgt"])] == became


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("两国领导人在北京举行了会谈。", "zh", "The two leaders held talks in Beijing.", "en"),
        ("جرت المحادثات في بكين.", "ar", "The talks were held in Beijing.", "en"),
        ("Переговоры прошли в Пекине.", "ru", "The talks were held in Beijing.", "en"),
        ("The talks were held in New Delhi.", "en", "Переговоры прошли в Нью-Дели.", "ru"),
        ("The talks were held in Ankara.", "en", "会谈在安卡拉举行。", "zh"),
        ("Встреча состоится в Вашингтоне.", "ru", "The meeting will take place in Washington.",
         "en"),
        # written otherwise than GeoNames writes them: in katakana (名古屋, なごやし), in
        # simplified characters (米蘭, 福岡)
        ("阪神戦（ナゴヤドーム）に先発した。", "ja", "He started against Hanshin (Nagoya Dome).",
         "en"),
        ("国际米兰与热那亚的比赛。", "zh", "Inter Milan's match against Genoa.", "en"),
        ("大阪府新增141例，福冈县新增90例。", "zh", "141 new cases in Fukuoka.", "en"),
    ],
)  # fmt: skip
def test_capitals_named_alike_are_not_flagged(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_places(src, sl, tgt, tl) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وصلت جدة الرئيس إلى المدينة.", "ar"),  # grandmother (Jeddah), the city (Madinah)
        ("我们要实现长治久安。", "zh"),  # lasting peace (Changzhi)
        ("Вали отсюда, сказал он ослу.", "ru"),  # go away (Вали), a donkey
        ("The Queens of Europe met in the Pest control office.", "en"),
    ],
)
def test_a_large_towns_name_that_is_a_common_word_is_no_place(text: str, lang: str) -> None:
    from align.checks.places import _mentions

    assert [m for m in _mentions(text, lang) if m.kind == "place"] == []


@pytest.mark.parametrize(
    ("src", "tgt", "changed"),
    [
        ("Более 70 человек погибли за последнюю неделю.",
         "More than 70 people have died in the past month.", True),
        ("Цены выросли за последний месяц.", "Prices rose in the past year.", True),
        ("Более 70 человек погибли за последнюю неделю.",
         "More than 70 people have died in the past week.", False),
        ("За последний год товарооборот вырос.", "Trade grew over the last year.", False),
    ],
)  # fmt: skip
def test_the_span_up_to_now_is_a_relative_date(src: str, tgt: str, changed: bool) -> None:
    """ "за последнюю неделю" / "the past week": neither is CLDR's "на прошлой неделе" /
    "last week", so a week said as a month passed."""
    reasons = compare_places(src, "ru", tgt, "en")
    assert [r["type"] for r in reasons] == (["entity_mismatch"] if changed else [])


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("会谈在北京举行。", "zh", "The talks were held in Beijing, China.", "en"),
        ("عقدت المحادثات في القاهرة.", "ar", "The talks were held in Cairo, Egypt.", "en"),
        ("東京で会談が行われた。", "ja", "Talks were held in Tokyo, Japan.", "en"),
        ("Переговоры прошли в Каире.", "ru", "The talks were held in Cairo, Egypt.", "en"),
        # 中国地方 is the Chūgoku region of western Japan, not China
        ("中国地方で大雨が降った。", "ja", "Heavy rain fell in western Japan.", "en"),
    ],
)  # fmt: skip
def test_a_towns_country_said_beside_it_adds_no_place(src: str, sl: str, tgt: str, tl: str) -> None:
    """Translators name the country of a capital ("in Beijing, China"); that is no place
    the source lacks, nor a list member it dropped."""
    assert [r for r in run_checks(src, sl, tgt, tl) if r["type"].startswith("entity")] == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "detail"),
    [
        ("会谈在北京举行。", "zh", "The talks were held in Tokyo, Japan.", "en",
         "place '北京' became 'Tokyo'"),
        ("Переговоры прошли в Каире.", "ru", "The talks were held in Cairo, Morocco.", "en",
         "'Morocco' (listed with Cairo) has no counterpart in the source"),
    ],
)  # fmt: skip
def test_another_town_or_country_is_still_reported(
    src: str, sl: str, tgt: str, tl: str, detail: str
) -> None:
    """北京 and 东京 share a character: a town is spelled otherwise only where every
    character reads alike (福冈 / 福岡), not where half of them match."""
    assert detail in [r["detail"] for r in run_checks(src, sl, tgt, tl)]


@pytest.mark.parametrize(
    ("src", "tgt", "detail"),
    [
        ("中方愿与俄方加强合作。", "China is willing to strengthen cooperation with Russia.", None),
        ("美方对此表示关切。", "The US side expressed concern about this.", None),
        ("在立法方面取得进展。", "Progress was made in legislation.", None),  # 方面, not 法方
        ("西方国家表示关切。", "Western countries expressed concern.", None),  # the West
        ("中方愿与俄方加强合作。", "China will strengthen cooperation with the United States.",
         "place '俄方' became 'United States'"),
        ("日方表示，将与中方保持沟通。", "Japan said it would stay in touch with South Korea.",
         "place '中方' became 'South Korea'"),
    ],
)  # fmt: skip
def test_a_countrys_side_in_chinese_is_that_country(src: str, tgt: str, detail: str | None) -> None:
    """中方, 俄方, 美方 ("the Chinese, Russian, US side") name a country in every statement;
    one replaced was only "'United States' has no counterpart in the source"."""
    reasons = compare_places(src, "zh", tgt, "en")
    assert [r["detail"] for r in reasons] == ([detail] if detail else [])


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        (
            "Последний политический заключенный СССР Михаил Казачков",
            "ru",
            "The last political prisoner of the USSR, Mikhail Kazachkov",
            "en",
        ),
        ("Он родился в СССР.", "ru", "He was born in the Soviet Union.", "en"),
        ("他出生在苏联。", "zh", "He was born in the USSR.", "en"),
        ("Er wurde in der Sowjetunion geboren.", "de", "Il est né en URSS.", "fr"),
        ("Делегация ОАЭ прибыла в Москву.", "ru", "The UAE delegation arrived in Moscow.", "en"),
    ],
)
def test_the_soviet_union_and_short_country_names_are_countries(
    src: str, sl: str, tgt: str, tl: str
) -> None:
    assert run_checks(src, sl, tgt, tl) == []


def test_the_soviet_union_become_another_country_is_reported() -> None:
    reasons = run_checks("Он родился в СССР.", "ru", "He was born in the United States.", "en")
    assert _pairs(reasons) == [("entity_mismatch", "place 'СССР' became 'United States'")]
