"""Polarity: ``negation_mismatch`` and demands turned hedges (``softened``/``hardened``).

A dropped "не" or "we demand that it stop immediately" rendered as "we will do
our best to stop it" changes what the speaker said while the sentence vectors
stay close.  Negations are counted per side with idioms and negative concord
folded away, so a faithful rendering comes out with no reason.
"""

from __future__ import annotations

import re

from ..types import Reason
from .common import _base_lang, _became, _set

__all__ = ["compare_polarity"]

# --------------------------------------------------------------------------- tables


_NEGATIONS: dict[str, frozenset[str]] = {
    "en": _set("not no never none nobody nothing neither nor cannot unable nay"),
    "ru": _set(
        "не нет нету никогда никто ничего нельзя ни нечего некому негде некуда незачем некогда"
    ),
    "de": _set(
        "nicht kein keine keinen keinem keiner keines keinerlei nie niemals nichts niemand "
        "niemanden niemandem niemands "
        "keineswegs keinesfalls mitnichten weder nein nirgends nirgendwo"
    ),
    # "pas" is also "step": French counts on "ne"; "personne" is also "person"
    "fr": _set("ne n non aucun aucune rien jamais ni nulle pas guère"),
    "es": _set("no nunca nada nadie ningún ninguna ninguno jamás ni tampoco"),
    "pt": _set("não nunca nada ninguém nenhum nenhuma jamais nem"),
    "it": _set("non mai niente nulla nessuno nessuna nessun né"),
    "pl": _set("nie nigdy nic nikt żaden żadna żadne ani"),
    # no غير: "غير مقبول" is "unacceptable", negated only by an affix in English
    "ar": _set("لا لم لن ليس ليست ولا ولم ولن وليس فلا فلم فلن"),
    # Czech glues "ne-" to the verb: the frequent verbs are listed, other verbs are
    # told by their endings (_CS_NEG_VERB); "nebo", "nejlepší", "neděle", "nemoc" are no negations
    "cs": _set(
        "ne nejsem nejsi není nejsme nejste nejsou nebudu nebudeš nebude nebudeme nebudete "
        "nebudou nebyl nebyla nebylo nebyli nebyly nebýt nemám nemáš nemá nemáme nemáte nemají "
        "neměl neměla nemělo neměli neměly nemohu nemůžu nemůžeš nemůže nemůžeme nemůžete "
        "nemohou nemůžou nemohl nemohla nemohlo nemohli nemohly nechci nechceš nechce nechceme "
        "nechcete nechtějí nechtěl nechtěla nechtělo nechtěli nechtěly nemusím nemusíš nemusí "
        "nemusíme nemusíte nemusejí nesmím nesmíš nesmí nesmíme nesmíte nesmějí nevím nevíš neví "
        "nevíme nevíte nevědí neumím neumí nejde nejdou nejdu nešel nešla nešlo nešli nešly "
        "nelze nedá nedělá nezná neznám nevidí nevidím neplatí nestačí nechybí nedaří nezdá "
        "nelíbí nemluví neříká nejedná nejezdí nevadí nezáleží nehrozí nikdo nikoho nikomu "
        "nikom nikým nic ničeho ničemu ničem ničím nikdy nikde nikam nijak žádný žádná žádné "
        "žádného žádnému žádném žádným žádnou žádní žádných žádnými ani nikoli nikoliv"
    ),
    # "मत" (don't) is also "vote", "opinion": left out
    "hi": _set("नहीं न ना"),
}
# Russian negative concord: никто/ничего/никогда/ни reinforce a "не" nearby
# ("никто не пришёл" is one negation), so they only count when alone.
_CONCORD = {
    "ru": _set("никогда никто ничего ни"),
    "en": frozenset(["nor"]),
    "fr": _set("aucun aucune rien jamais ni nulle pas guère"),
    "de": _set("weder"),
    "es": _set("nunca nada nadie ningún ninguna ninguno jamás ni tampoco"),
    "pt": _set("nunca nada ninguém nenhum nenhuma jamais nem"),
    "it": _set("mai niente nulla nessuno nessuna nessun né"),
    "pl": _set("nigdy nic nikt żaden żadna żadne ani"),
    "cs": _set(
        "nikdo nikoho nikomu nikom nikým nic ničeho ničemu ničem ničím nikdy nikde nikam nijak "
        "žádný žádná žádné žádného žádnému žádném žádným žádnou žádní žádných žádnými ani "
        "nikoli nikoliv"
    ),
    # "न" is the negation of non-finite clauses, "न ... न" "neither ... nor"; "नहीं" rules
    "hi": _set("न ना"),
}
# A negated Czech verb other than the listed ones: "ne" + stem + a verbal ending (past
# -l/-la/-li, present -uje/-ají/-íme, infinitive -ovat/-at).  Adjectives and nouns
# ("nemožné", "nepřítel") are left to _AFFIXAL; so are capitalised words ("Neapol").
_CS_NEG_VERB = re.compile(
    r"ne(?!j)\w{2,}(?:l|la|lo|li|ly|uje|ují|uji|uju|uješ|ujeme|ujete|ije|ijí|ají|ejí|ějí"
    r"|áme|áte|íme|íte|eme|ete|ejte|ujte|ěte|ovat|at|át|it|ít|et|ět|ýt|nout|out)"
)
# verbs that only start with "ne": nést (carry: nesl), nechat (let: nechal),
# nenávidět (hate), nesnášet (can't stand); nouns: nepřítel (enemy), neděle (Sunday)
_CS_NOT_NEG = re.compile(
    r"nes(?:u|eš|e|eme|ete|ou|l|la|lo|li|ly|t)|nech(?:a|á)\w*|nenávid\w*|nesnáš\w*"
    r"|nepřítel\w*|nepřátel\w*|nesmysl\w*|neděl(?:e|i|í|ích|ím|emi|ní\w*)|nemálo|neboli"
    r"|neutr\w*|negovat"
)
# the end of a clause: "... or not?" asks only when nothing follows it
_CLAUSE_END = r"(?=\s*(?:[?.!,;:»)]|$))"

# "n'a (en règle générale) que faire de": "to have no use for", a negation
_AVOIR_QUE_FAIRE = (
    r"(?:en\s+|y\s+)?(?:a|ai|as|avons|avez|ont|avait|avais|avions|aviez|avaient|eut|aura"
    r"|aurait|auraient|avoir)\b(?:\s+[\w'’-]+){0,4}?\s+que\s+faire\b"
)

# Fixed phrases whose negative word negates nothing, and phrases that negate
# without a negative word; each is a regex on lower-cased text.
_NEUTRAL = {
    "ru": [
        # "whether ... or not" asks: "или (уже) нет?", "ел ли, не ел"
        r"\bили\s+(?:уже\s+|ещё\s+|еще\s+)?нет\b" + _CLAUSE_END,
        r"\b(\w+) ли,? не \1\b",
        r"\bтем не менее\b", r"\bне только\b", r"\bне раз\b", r"\bне менее\b",
        r"\bне более\b", r"\bне иначе\b", r"\bбез вести\b", r"\bне теря\w* надежд\w*",
        r"\bни разу\b",
        r"\bбез сомнени\w*", r"\bне так ли\b", r"\bчуть не\b", r"\bедва не\b",
        # "не вызывает сомнений", "нет сомнений" are "no doubt" / "undoubtedly", which
        # English says without a negation it counts
        r"\bне\s+вызыва\w*\s+(?:никаких\s+|ни\s+малейших\s+)?сомнени\w*",
        r"\bнет\s+(?:никаких\s+)?сомнени\w*",
        r"\bнельзя не\b", r"\bне просто\b",
        # "нельзя ли" asks politely: "нельзя ли и нам" is "whether we too could"
        r"\bнельзя ли\b",
        r"\bне смотря на\b",  # "несмотря на" ("despite") written apart
        # "пока не" is "until": "пока не были избраны" "until they were elected"
        r"\bпока не\b",
        # "что-то пошло не так" is "something went wrong"
        r"\b(?:пошл\w*|что-то|что|всё|все)\s+не\s+так\b(?!\s+ли\b)",
        # a rhetorical question: "а не вторжение ли это?" is "is this not an invasion?"
        r"\bне\s+[а-яё]+\s+ли\b",
        # concessive "ни": "что бы ни случилось" is "whatever happens"
        r"\b(?:кто|что|где|куда|когда|как|какой|какая|какие|каков\w*|сколько)\s+(?:бы\s+)?ни\b",
        # ... with words between: "как бы они ему ни противоречили", "чьё бы поле ни было"
        r"\b(?:кто|что|где|куда|когда|как|какой|какая|какие|чей|чьё|чье|чья|чьи|сколько)"
        r"\s+бы(?:\s+[а-яё]+){0,3}?\s+ни\b",
        r"\bбы\s+то\s+ни\s+было\b",  # "какой бы то ни было" is "any whatsoever"
    ],
    "en": [
        r"\bnot only\b", r"\bno doubt\b",
        # "not long after" is "soon after", 不久之后
        r"\bnot long (?:after|afterwards|before|ago|thereafter)\b",
        # "no less/more than", "no less so than", "... and no more" (Russian "не менее/более")
        # (after a verb, "see my face no more" is a negation)
        r"\bno (?:less|more)\b(?=\s+(?:so\b|than\b))",
        r"\band no more\b(?=\s*(?:[.,;:!?)]|$))",
        r"\bno matter\b",
        # "whether ... or not" asks, as Chinese 有 ... 没有 does
        r"\bor not\b(?!\s+to\b)",
        # and the King James Bible's "whether it be thy son's coat or no"
        r"\bwhether\b[^.;!?]{0,80}?\bor no\b" + _CLAUSE_END,
        # "go out free for nothing" is 白白地 "for free", not a negation
        r"\bfor nothing\b",
        # a tag question: "I am early, aren't I?"
        r",\s*(?:aren|isn|don|doesn|didn|wasn|weren|won|wouldn|can|couldn|haven|hasn|shouldn)"
        r"\s?['’]\s?t\s+(?:i|you|he|she|it|we|they|there)\s*\?",
        r"\bnone the less\b", r"\bnot least\b", r"\bnot (?:just|merely|solely)\b",
        # "No. 41", "No 69 Dean Street", "vol. 3, no. 2": a number sign
        # (but "no 4-year fall" is a negation)
        r"\bno\.?(?=\s*\d)(?!\s*\d+\s*-)", r"\bno\.(?=\s*$)",
    ],
    "de": [
        r"\boder nicht\b" + _CLAUSE_END,
        r"\bnicht nur\b", r"\bohne zweifel\b", r"\bnicht (?:weniger|mehr) als\b",
        r"\bnicht zuletzt\b", r"\bnicht anders\b",
        # "nichts als" is "nothing but": "only"
        r"\bnichts als\b",
        # a tag question: "unvorstellbar, nicht wahr, dass ..." is "isn't it"
        r",\s*nicht wahr\b",
    ],
    # "ne ... que" is "only"; not in "n'avoir que faire de", "to have no use for"
    "fr": [
        r"\bnon seulement\b", r"\bsans doute\b", r"\bn\s?°",
        # "pas moins de 20 %" is "no less than 20%" (as English "no less than", German
        # "nicht weniger als", Russian "не менее"): a bound, not a negation
        r"(?<!n['’])(?<!\bne )\bpas (?:moins|plus) (?:de\b|d['’]|que\b)",
        r"\bou (?:non|pas)\b" + _CLAUSE_END,
        r"\bn(?:e\s+|['’]\s*)(?!" + _AVOIR_QUE_FAIRE + r")"
        r"(?:(?!pas\b|jamais\b|rien\b|plus\b(?!(?:\s+[\w-]+){0,3}\s*qu))(?:[\w'’-]++|,)\s*){1,12}?"
        r"qu(?:e\b|'|’)",
        # expletive "ne": "avant qu'il n'ait disparu" is "before it has gone"
        r"\b(?:avant|moins) qu(?:e\b|['’])\s*(?:(?!pas\b)[\w'’-]++\s*){0,8}?n(?:e\b|['’])",
        r"\bsi ce n(?:'|’|\s)\s*est\b", r"\bn(?:'|’)\s*importe\b",
        # litotes: "does not cease to", "is not slow to"
        r"\bne (?:cess\w*|tarde|tardent|manque|manquent)\b(?:\s+pas\b)?",
        r"\bn['’]\s*(?:a|avait|ont|avaient|eut)\s+(?:jamais\s+|pas\s+)?cessé\s+d",
        r"\bje ne sais\b",
        # an indirect question's "ne ... pas": "voir s'il n'y aurait pas une voie" is "see
        # whether there might be a route" (Text+Berg); "s'il n'y a pas de pain" still negates
        r"\b(?:voir|savoir|demander|chercher|vérifier|regarder)\s+s['’]\s*il\s+n['’]\s*y\s+"
        r"(?:a|aurait|avait)\s+pas\b",
        # "Pas vrai !", "Pas vrai ?": an interjection ("really!", "isn't it?"), as "n'est-ce pas"
        r"(?<!n['’]est )(?<!c['’]est )\bpas vrai\s*[!?]",
        # "jamais" without "ne": "forever", "if ever", "than ever", and in a question
        # ("Qui l'eût jamais cru ?", "who would ever have thought it?")
        r"\b(?:à|si|que|qu['’]\s*)\s*jamais\b",
        r"(?:^|(?<=[.!?;:«»]))(?:(?!\bne\b|\bn['’])[^.!?;:«»])+?\bjamais\b(?=[^.!?;:«»]*\?)",
    ],
    "es": [
        r"\bo no\b" + _CLAUSE_END,
        r"\bno (?:sólo|solo)\b", r"\bsin embargo\b", r"\bno obstante\b", r"\bni siquiera\b",
        r"\bno (?:menos|más) (?:de|que)\b",  # "no menos de": "no less than"
    ],
    "pt": [r"\bou não\b" + _CLAUSE_END, r"\bnão (?:só|apenas)\b"],
    "it": [
        r"\bo no\b" + _CLAUSE_END,
        r"\bnon solo\b", r"\bnon appena\b", r"\bnon ché\b", r"\bnonché\b",
        r"\bnon (?:meno|più) di\b",  # "non meno di": "no less than"
    ],
    "pl": [r"\bczy nie\b" + _CLAUSE_END, r"\bnie tylko\b", r"\bniemniej\b"],
    "cs": [
        r"\bne(?:\s+|-)(?:jen|jenom|pouze|toliko)\b",
        # "dokud ... ne-" is "until": "dokud mě někdo nezablokuje" "until someone blocks me"
        r"\bdokud\b(?:\s+[^\W\d_]+){0,5}?\s+ne[^\W\d_]+",
    ],
    # Devanagari vowel signs are no word characters to \b: (?<!\S) and (?!\S) bound words.
    "hi": [
        r"(?<!\S)न (?:केवल|सिर्फ|सिर्फ़)(?!\S)",  # "not only"
        r"(?<!\S)ही नहीं(?=[^।]{0,80}बल्कि)",  # "X ही नहीं, बल्कि Y": "not only X but Y"
        r"(?<!\S)नहीं तो(?!\S)",  # "otherwise"
        r"(?<!\S)(?:न|नहीं) के बराबर(?!\S)",  # "next to nothing"
        # "कुछ न कुछ" something or other, "कभी न कभी" some day, "किसी न किसी" some
        r"(?<!\S)(कहीं|कभी|कुछ|कोई|किसी) न \1(?!\S)",
        # "जब तक ... नहीं" is "until": जब तक जांच पूरी नहीं होती "until the inquiry ends"
        r"(?<!\S)जब तक[^।,]{0,60}?(?<!\S)(?:नहीं|न)(?!\S)",
    ],
    "ar": [
        r"لا سيما", r"لا بد", r"ولا سيما",
        # "ولا يزال", "ما زال", "لا أزال", "لم يزل", "ما فتئ", "ما انفك": "still", literally
        # "does not cease"
        r"(?<!\w)(?:[وف]?(?:لا|ما|لم)\s+(?:[يتنأ]?زا?ل|[يتنأ]?فت[ئأ]|[يتنأا]?نفك)\w*)",
        # a negation before "إلا" in its clause is "only" (as "ne ... que"): "لن يتحقق الأمن
        # إلا بإنهاء الاحتلال" is "security will only come by ending the occupation"; not
        # "إلا أن", "however"
        r"(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست|ما)(?!\w)(?=[^.،,؛;:!?؟]{0,80}?(?<!\w)إلا(?!\w)(?!\s*[أا]ن))",
        # "not only": "ليس فقط", "ليس ... فحسب بل", and "لا يقتصر (الأمر) على ... بل" ("is
        # not limited to ... but"); "ليس هناك حل عسكري فقط" alone stays a negation
        r"(?<!\w)[وف]?(?:ليس|ليست|لا)\s+(?:فقط|فحسب)(?!\w)",
        r"(?<!\w)[وف]?(?:ليس|ليست)(?!\w)(?=[^.،,؛;:!?؟]{0,60}?(?<!\w)(?:فقط|فحسب)(?!\w)"
        r"[^.!?؟]{0,80}?(?<!\w)(?:بل|وإنما|إنما|ولكن)(?!\w))",
        r"(?<!\w)[وف]?(?:لا|لم)\s+[يت]قتصر\w*(?=[^.!?؟]{0,120}?(?<!\w)(?:بل|وإنما|إنما)(?!\w))",
    ],
}  # fmt: skip
_FR_NUMBERS = (
    r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|mille)\b"
)
_IMPLICIT = {
    "en": [
        r"\bfail(?:s|ed)? to\b",
        r"\bsince (?:we|i|they|you|he|she) last\b",
    ],
    "fr": [
        r"\bhors (?:de )?question\b",
        r"\b[àa] quoi bon\b",  # "what's the use": "das nützt nichts"
        # elliptic "(il n'y a) plus de doute, ...", "plus question de": "no more"; starting
        # a clause and verbless (punctuation soon after), unlike "plus de dix personnes"
        r"(?<![\w'’])(?<![\w'’]\s)(?<![\w'’]\s\s)plus\s+(?:question\b|d(?:e\b|['’])"
        r"(?!\s*(?:\d|la moitié\b|" + _FR_NUMBERS + r"))(?:\s*[\w'’-]+){1,3}?"
        r"(?=\s*(?:[,;:.!?…)»]|$)))",
    ],
}

# Negation carried by an affix ("unable", "unacceptable", "hoffnungslos", "inutile"):
# a side with one of these may well render the other side's "не", so a bare
# parity difference is not trusted then.  Stems that only look negative are listed.
_AFFIXAL = {
    # "неплохо" (not bad), "недолго", "неучастие"; not "несколько", "неделя", "немецкий"
    "ru": re.compile(
        r"\bне(?!сколько|дел|котор|фт|б[оаеу]\b|мец|мецк|мц|рв|обходим|жн|ктар|вест|йтрал)"
        r"[а-яё]{4,}"
    ),
    # 不服从 "disobey", 不容忍 "intolerant", 不负责任 "irresponsible", 管理不善 "mismanage",
    # 发育不全 "dysplasia", 不可知论 "agnosticism": Chinese negates what English affixes
    "en": re.compile(
        r"\b(?:un[a-z]{3,}|[a-z]{3,}less|non-[a-z]+|dys[a-z]{3,}"
        r"|dis(?:agree|like|approv|taste|inclin|respect|obe|dain|honest|trust|content|loyal"
        r"|satisf|regard|advantag|believ|belief|continu|courag)\w*"
        r"|in(?:subordinat|toleran|capab|competen|consisten|accura|adequa|correct|complete"
        r"|effective|sufficien|valid|definite|separab|describab|transigen|dependen)\w*"
        r"|im(?:possib|patien|moral|proper|perfect|balanc|matur|mobil)\w*"
        r"|ir(?:respons|regular|relevan|revers|rational)\w*|il(?:legal|literat|logical)\w*"
        r"|mis(?:manag|understand|conduct|carr|judg|lead|led|trust|fortun|behav)\w*"
        r"|a(?:gnostic|theis|typical|symmetr|moral)\w*)\b"
    ),
    "de": re.compile(r"\b(?:un[a-zäöüß]{4,}|[a-zäöüß]{3,}los|miss[a-zäöüß]{4,})\b"),
    "fr": re.compile(
        r"\b(?:in(?:utile|capable|connu|suffisant|acceptable|admissible|consistant|terdi)\w*"
        r"|im(?:possible|puissant|prévu|mobile)\w*|déteste\w*|manque\w*"
        # "nicht enden wollend" is "interminable", "nicht abzusehen" "invisible"
        r"|in(?:terminable|visible|attendu|aperçu|exact|égal|certain)\w*"
        # "nicht gerechtfertigt" is "malvenu"; not "malade" (ill), "mal" (badly, evil, pain:
        # "avoir mal"), "malgré", nor "malheureusement", a comment that negates nothing
        r"|mal(?:venu|honnête|adroit|aisé|sain|propre|habile|commode|avisé|chanceu|séant"
        r"|intentionn|veillan)\w*|malheureu(?:x|se|ses))\b"
    ),
    # "nemožné" (impossible), a verb not counted ("neřadí"); not "neboť", superlatives
    # (nej-), "nedávno" (recently), "neděle", "nemoc" (illness), "nebezpečí" (danger)
    "cs": re.compile(
        r"\bne(?!j|boť|boli|dávn|děl[eiín]|moc|bezpeč|zbytn|ustál|hod|přít|přát|rv|utr|tanj|apol)"
        r"\w{3,}"
    ),
    # गैर- "non-", असफल "unsuccessful", नाकाम / विफल "failed", इनकार "refusal", मना "forbidden"
    "hi": re.compile(
        r"गैर|ग़ैर|(?<!\S)(?:असफल|असमर्थ|असंभव|अस्वीकार|असहमत|अनुपस्थित|अनजान|नाकाम|विफल|इनकार"
        r"|इंकार|अभाव|बेकार)|(?<!\S)मना(?!\S)"
    ),
}
# "wenig Worte" renders "pas beaucoup de mots": "little", "few" (not "a little", "ein
# wenig", "un peu", nor "little" the adjective "small" after a determiner) and not
# the "soon" of "wenig später", "peu après", nor "à peu près", "peu à peu", "depuis peu"
_FEW = {
    "en": r"(?<!\ba )(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bmy )(?<!\byour )(?<!\bhis )"
    r"(?<!\bher )(?<!\bits )(?<!\bour )(?<!\btheir )(?<!\bby )\b(?:little|few)\b(?! by little\b)",
    "de": r"(?<!\bein )(?<!\bklein )\bwenig(?:e|en|em|es)?\b"
    r"(?!\s+(?:später|danach|zuvor|vorher|darauf)\b)",
    "fr": r"(?<!\bun )(?<!\bà )(?<!\bsous )(?<!\bdepuis )(?<!\bquelque )(?<!\bpetit )(?<!\bsoit )"
    r"(?<!\by a )(?<!\bpour )\bpeu\b(?!\s+(?:à peu|près|après|avant)\b)",
}
# Chinese words made with 不 that English renders with a negative affix or a positive
# word: 不朽 "immortal", 不足 "insufficient", 不协调 "incoordination", 不信任 "distrust",
# 为数不多 "few".  Not counted, but like _AFFIXAL they may render the other side's "not".
_ZH_AFFIXAL = re.compile(
    r"不朽|不足|不协调|不实|不信任|为数不多|不满|不幸|不安|不公|不法|不稳定|不规则|不平等"
    r"|不便|不利|不良|不当|不详"
    # 不快 "displeasure", 未成年 "minor", and four-character adjectives: 模糊不清 "obscure",
    # 顽固不化 "intransigent", 密不可分 "inseparable", 犹豫不决 "hesitant"
    r"|不快|未成年|模糊不清|顽固不化|密不可分|犹豫不决"
    # 不洁净 / 不洁 "unclean", "defiled", 不义 "unrighteous", "iniquity"
    r"|不洁|不义"
)
# English words that render a Chinese 不/没/未 but nothing else's "not": "less common" is
# 不那么常见, "less than two weeks" 不到两周, "lacking" 没有, "missed" 没有击中, "fell
# short" 没有奏效, "ceased" / "stop doing" 不再, "dissuade" 劝...不要, "reluctant" 不情愿,
# "poor sales" 销售不佳, "accidentally" 不小心, "protect from" 不受.  Against Russian or
# German they would excuse a dropped "не" / "nicht" far too often ("stop the fire").
_EN_PRIVATIVE_VS_ZH = re.compile(
    r"\bless\b|\black(?:s|ed|ing)?\b|\bmiss(?:es|ed)\b|\b(?:fall|falls|fell|fallen) short\b"
    r"|\b(?:ceas|desist|discontinu|dissuad)\w*|\bstop(?:s|ped|ping)? \w+ing\b"
    r"|\b(?:leave|leaves|left) off\b"
    r"|\breluctan\w*|\bpoor\b|\baccidental(?:ly)?\b"
    # "or else", "otherwise": 若不 "if not"; archaic "ere": 尚未 "not yet" (as "before")
    r"|\bor else\b|\botherwise\b|\bere\b"
    r"|\b(?:protect|shield|guard|save|saves|saved|saving)\b[^.;:]{0,40}?\bfrom\b"
)
# Privatives ("without", "без", "ohne", "sans", "بدون", 无): "without form" is "formless",
# "без вести" is "missing".  They neither count as a negation nor let the other side
# be called bare: a negation there may well render them.
_PRIVATIVE = {
    # "poorly maintained" renders "not properly maintained"
    "en": re.compile(r"\bwithout\b|\bunless\b|\b(?:hardly|barely|scarcely|rarely|seldom|poorly)\b"
                     r"|\bnon[a-z]{4,}"
                     r"|\brather than\b|\binstead of\b|\bin lieu of\b"
                     r"|\b(?:refrain|bar|prevent|keep|stop|restrain)(?:s|ed|red|ped|ing)?"
                     r"(?: (?:me|him|her|them|us|you|thee|it))? from\b|\bforb(?:ear|ore|orne)\w*"
                     # "не допустить" "to prevent", "чтобы не стать" "to avoid becoming",
                     # "советует не" "advises against"
                     r"|\bprevent(?:s|ed|ing)?\b|\bavoid(?:s|ed|ing)?\b"
                     r"|\b(?:advis|warn|caution)(?:e|es|ed|s|ing)? against\b"
                     # verbs that say "not": 不肯 "refused", 不能生育 "barren", 断不能 "God forbid"
                     r"|\brefus(?:e|es|ed|eth|ing)\b|\bbarren\b|\bforb(?:id|ade|idden)\b"
                     r"|\bdispleas\w*|\bdisappear\w*|\bvanish\w*"
                     # 还没有说完 "before I had done speaking", 若不是 "except", 不可 ... "lest",
                     # 叫你不生育 "withheld the fruit of the womb", 闭口不言 "held his peace"
                     r"|\bbefore (?:i|we|you|ye|thou|he|she|it|they)\b|\blest\b|\bexcept\b"
                     r"|\bwithh(?:old|olds|oldeth|olding|eld)\b"
                     r"|\b(?:hold|holds|holdeth|held) (?:his|her|its|their|your|thy|my|our)"
                     r" peace\b|" + _FEW["en"]),
    # "перестало приносить удовольствие" "is no longer fun", "за отсутствие" "for not having"
    "ru": re.compile(r"\bбез\b|\bбезо\b|\bвместо\b|\bбез\w{3,}"
                     r"|\bпереста(?:л|ть|н|ёт|ет|ют)\w*|\bотсутств\w*"
                     # indifference: "ему всё равно", "до фени", "плевать" "doesn't care"
                     r"|\bвс[её] равно\b|\bдо фени\b|\b(?:на)?плевать\b|\bпофиг\w*"),
    # verbs that say "not", as English "refuse", "forbid", "prevent", "withhold": "fehlt"
    # "n'est pas au rendez-vous", "vorenthalten" "que je ne la partage pas"
    "de": re.compile(r"\bohne\b|\bstatt\b|\banstatt\b|\bkaum\b"
                     r"|\bfehl(?:t|en|te|ten|end\w*)\b|\b(?:verweiger|verbiet|verhinder)\w*|\bverboten\b"
                     r"|\bvorenthalt\w*|\bverschw[iua]nd\w*|" + _FEW["de"]),
    "fr": re.compile(r"\bsans\b|\bau lieu\b"
                     r"|\b(?:refus|interdi|empêch|dispar)\w*|" + _FEW["fr"]),
    "es": re.compile(r"\bsin\b|\ben lugar de\b"),
    "pt": re.compile(r"\bsem\b"),
    "it": re.compile(r"\bsenza\b|\binvece di\b"),
    "pl": re.compile(r"\bbez\b|\bzamiast\b"),
    "ar": re.compile(r"(?<!\w)[وف]?(?:بدون|دون|بلا|غير)(?!\w)"),
    # 不然 "nay" / "if not" / "otherwise", 不如 "not as ... as", 免得 "lest"
    # 直到 ... 才 is "not ... until": 直到他在巴黎学习，他才会 "he would not ... until he studied"
    "zh": re.compile(r"无|非|不然|不如|免得|直到[^。！？]{1,30}?才|" + _ZH_AFFIXAL.pattern),
    "cs": re.compile(r"\bbeze?\b|\bnamísto\b"),
    "hi": re.compile(r"बिना|बगैर|बग़ैर|बजाय|बजाए|के स्थान पर"),
    # ず/ずに "without doing", なく "without", なし "none", 無/不/非/未 prefixes ("non-", "un-")
    "ja": re.compile(
        r"ずに|(?<=[かさたまらわがばせ])ず(?!つ|っ)|なく|なけれ|なし|無し|抜き|無(?!い|かっ)"
        r"|不|非(?!常)|未(?!来|満|だ)"
    ),
}  # fmt: skip
# French "pas" after a determiner is the noun "step".
_STEP = re.compile(
    r"\b(?:un|le|du|ce|mon|ton|son|notre|votre|leur|premier|dernier|au|les|des|ses|mes|quelques|chaque"
    r"|grands?|petits?|ces|nos|vos|leurs|plusieurs|deux|trois|quatre|cinq|six|sept|huit|neuf|dix"
    r"|cent|mille|\d+|empreintes?\s+de|traces?\s+de|bruits?\s+de)\s+(?:«\s*)?$"
)
_NOT_AFFIXAL = re.compile(
    r"\b(?:under\w*|until|unit\w*|union\w*|universe|universal\w*|universit\w*|unique\w*"
    r"|unanimous\w*|unless|unter\w*|unser\w*|ungefähr|unbedingt"
    # "uni-" is "one", Ungarn is Hungary, an Unfall an accident, an Unwetter a storm
    r"|uni(?:form|corn|son|lateral|kat)\w*|ungar\w*|unfall\w*|unfäll\w*|unwetter\w*"
    r"|mission\w*|uncles?|unif(?:y|ied|ies|ying|ication)\w*)\b"
)
# Litotes: a negation right before a word negated by its affix or a privative ("nicht
# ganz zu Unrecht", "not unlike", "pas inutile", "non sans") cancels out: neither
# counts.  Only degree words and articles may stand between, and the negation must be
# an adverb: "keine unsichtbaren Fallen" denies the traps.  Each such word also lets
# its side be called bare (_AFFIXAL, _PRIVATIVE), so cancelling never adds a flag.
# English takes "un-" only: "not interested" is negative.
_LITOTES = {
    "en": re.compile(r"\bun[a-z]{4,}|\bwithout\b|" + _FEW["en"]),
    "de": re.compile(_AFFIXAL["de"].pattern + r"|\bohne\b|" + _FEW["de"]),
    "fr": re.compile(_AFFIXAL["fr"].pattern + r"|\bsans\b|" + _FEW["fr"]),
}
_LITOTES_NEG = {
    "en": _set("not never t"),  # "t" of "isn't"
    "de": _set("nicht nie niemals"),
    "fr": _set("pas jamais point guère non"),
}
_LITOTES_FILLER = {
    "en": _set("a an so too quite all that at entirely altogether wholly completely totally"),
    "de": _set("ganz gar und so zu allzu völlig gänzlich ein eine einen einem einer eines"),
    "fr": _set("tout à fait si trop complètement entièrement totalement un une"),
}
# "un-" that undoes rather than negates: "did not unveil" is a plain negation
_REVERSIVE = re.compile(
    r"un(?:cover|veil|do|lock|pack|fold|tie|leash|load|wrap|plug|roll|screw|button|zip|earth"
    r"|ravel|wind|seal|mask|hook|learn|install|subscribe|block|freeze|bind|chain|dress|buckle"
    r"|fasten|hinge|settle|nerve)\w*"
)
# A negative question answered by an affirming particle on the other side: "Kam nicht
# gleich die Hütte?" is "La cabane venait pourtant bien juste après?"
_AFFIRMING = {
    "fr": re.compile(r"\b(?:pourtant|bien|sûrement|quand même)\b"),
    "de": re.compile(r"\b(?:doch|sicher|sicherlich)\b"),
    "en": re.compile(r"\b(?:surely|after all)\b"),
    # "же" after a question word or in "тот же" ("the same") is emphasis, no "surely"
    "ru": re.compile(
        r"(?<!\w)ведь(?!\w)|(?<!\w)(?<!что )(?<!кто )(?<!как )(?<!где )(?<!куда )(?<!когда )"
        r"(?<!зачем )(?<!почему )(?<!тот )(?<!та )(?<!то )(?<!те )(?<!так )(?<!тем )(?<!там )"
        r"(?<!тогда )(?<!тех )(?<!того )(?<!той )же(?!\w)"
    ),
}
# A negated "easy" ("nicht so leicht", "pas facile", "not easy") and, on the other side,
# its antonym ("difficulté", "schwierig", "hard"): the negation is rendered, not lost.
# Only as a pair: a bare "difficile" alone excuses nothing ("pas difficile" / "schwierig").
_NOT_EASY = {
    "de": re.compile(
        r"\bnicht\s+(?:(?:so|ganz|gerade|besonders|sehr|immer)\s+)*(?:leicht|einfach)"
    ),
    "fr": re.compile(r"\bpas\s+(?:(?:si|très|tout|toujours)\s+)*(?:facile|aisé|simple)"),
    "en": re.compile(r"\b(?:not|no)\s+(?:(?:so|that|very|always|quite)\s+)*(?:easy|simple)"),
    "ru": re.compile(
        r"\bне\s+(?:(?:так|очень|совсем|слишком|самая|самое|самый)\s+)*(?:прост|легк|лёгк)\w*"
    ),
}
_HARD = {
    "de": re.compile(r"\b(?:schwer|schwierig|mühsam|mühe)\w*"),
    "fr": re.compile(r"\b(?:difficile|difficult|malais|pénible|peine\b)\w*"),
    "en": re.compile(r"\b(?:hard|difficult|tough|struggl)\w*"),
    "ru": re.compile(r"\b(?:трудн|сложн|тяжел|тяжёл|непрост)\w*"),
}
# The same for "not right" / "wrong", "not well" / "badly", "not good" / "bad": "Не прав
# медведь" is "It is wrong for a bear", "Плохо готовлю" is "I don't cook well".
_NOT = r"(?:\bnot|n['’]t|\bnever)\s+(?:[\w'’]+\s+){0,2}?"
_NOT_RIGHT = {
    "en": re.compile(rf"{_NOT}(?:right|correct)\b"),
    "ru": re.compile(r"\bне\s+(?:(?:совсем|всегда|очень)\s+)*(?:прав|верн|правильн)\w*"),
}
_WRONG = {
    "en": re.compile(r"\b(?:wrong|incorrect|mistaken)\w*"),
    "ru": re.compile(r"\b(?:неправ|неверн|ошиб)\w*"),
}
_NOT_WELL = {
    "en": re.compile(rf"{_NOT}well\b"),
    "ru": re.compile(r"\bне\s+(?:(?:очень|так|слишком|совсем)\s+)*хорошо\b"),
}
_BADLY = {
    "en": re.compile(r"\b(?:badly|poorly)\b"),
    "ru": re.compile(r"\bплохо\b"),
}
_NOT_GOOD = {
    "en": re.compile(rf"{_NOT}good\b"),
    "ru": re.compile(r"\bне\s+(?:(?:очень|так|слишком|совсем)\s+)*хорош\w*"),
}
_BAD = {
    "en": re.compile(r"\b(?:bad|poor)\b"),
    "ru": re.compile(r"\bплох(?:ой|ая|ое|ие|ого|ую|их|им|ими|о|а|и)?\b"),
}
_RENDERED_BY_ANTONYM = [
    (_NOT_EASY, _HARD),
    (_NOT_RIGHT, _WRONG),
    (_NOT_WELL, _BADLY),
    (_NOT_GOOD, _BAD),
]
# "only" on one side, a negated limit on the other: "nur bis zu 7000 m geführt" is "n'ont
# pas dépassé 7000 m", "nur einer von vielen" is "il n'était pas le seul", "nicht nur ...
# sondern" is "ne se borna pas à ... mais" (Text+Berg). The negation renders the
# restriction. Without a limit word on the negated side ("I only eat fish" / "Je ne mange
# pas de poisson") the negation still counts.
# "That's all" says "only" too: "Da gibt es nichts anderes" is "Un point, c'est tout",
# "Näheres ist noch nicht bekannt" is "C'est tout ce que l'on sait".
_ONLY = {
    "en": re.compile(r"\b(?:only|merely|solely)\b|\bthat['’]s all\b|\bthat is all\b"),
    "de": re.compile(r"\b(?:nur|bloss|bloß|lediglich|erst)\b|\bdas ist alles\b"),
    "fr": re.compile(r"\b(?:seulement|uniquement)\b|\bc['’]\s*est tout\b"),
    "ru": re.compile(r"(?<!\w)(?:только|лишь|всего)(?!\w)|(?<!\w)(?:вот и|это) вс[её](?!\w)"),
    "es": re.compile(r"\b(?:solo|sólo|solamente|únicamente)\b"),
    "it": re.compile(r"\b(?:solo|soltanto|solamente|unicamente)\b"),
    "pt": re.compile(r"\b(?:só|somente|apenas|unicamente)\b"),
}
_LIMIT = {
    "en": re.compile(
        r"\b(?:more|exceed\w*|beyond|other|alone|until|till|before|except|single|sole|limit\w*)\b"
    ),
    "de": re.compile(
        r"\b(?:mehr|näher\w*|überschr\w*|übertr[aoi]\w*|hinaus|ander\w*|allein\w*|bevor|ausser|außer"
        r"|einzig\w*|beschränk\w*)\b"
    ),
    "fr": re.compile(
        r"\b(?:plus|dépass\w*|au-delà|autre\w*|seul\w*|avant|sauf|born\w*|limit\w*)\b"
    ),
    "ru": re.compile(
        r"(?<!\w)(?:больше|более|превыш\w*|кроме|друг\w*|один|одна|одно|единствен\w*|раньше"
        r"|прежде|ограничи\w*)(?!\w)"
    ),
    "es": re.compile(r"\b(?:más|super\w*|otr[oa]s?|sol[oa]s?|únic[oa]s?|antes|salvo|limit\w*)\b"),
    "it": re.compile(r"\b(?:più|super\w*|altr[oaie]|sol[oaie]|unic[oaie]|prima|tranne|limit\w*)\b"),
    "pt": re.compile(r"\b(?:mais|ultrapass\w*|outr[oa]s?|únic[oa]s?|antes|exceto|limit\w*)\b"),
}
# A question on one side only: a rhetorical question states the opposite of its words.
# "Es muss nicht immer Bilderbuchwetter sein" is "Pourquoi faudrait-il toujours un ciel
# bleu ?", "Schliesslich war man ja dazu ausgezogen" is "Et puis, n'était-on pas équipé
# pour ... ?", "Wieder aufsteigen ?" is "Remonter, pas question" (Text+Berg).
_ASKS = re.compile(r"[?？؟]")
_QUESTION = re.compile(r"\?[\s»«\"“”'’)\]]*$")
_CLAUSE_PUNCT = re.compile(r"[,;:.!?()«»\"“”—–]")
_ZH_CLAUSE_END = r"(?=\s*(?:[。？?！!，,]|$))"  # a Chinese clause ends here
_ZH_NEG = re.compile(r"没有|不|没|未")
# Words holding a negation character without negating: 未来 "future", 不少 "many",
# 特别 "especially", 无人机 "drone", ...
_ZH_NEUTRAL = re.compile(
    # 不过 "but", not a verb's potential complement: 胜不过 / 打不过 "cannot beat", 信不过
    # "distrust" negate (那人见自己胜不过他 "he prevailed not against him")
    r"不仅|不但|不断|无论|(?<![胜比说打斗跑拼赢争敌熬躲逃瞒骗信])不过|毫无疑问|无疑|不管|"
    r"差不多|不少|无数|不久|未来|无人机|"
    # 不拘 "whatever", "regardless of" (as 不管, 不论)
    r"不拘|"
    r"不同(?!意)|不相同|不论|不得不|不禁|不免|不如|不止|不外|要不|不然|了不起|"
    # 没 inside verbs (淹没 "flooded", 没收 "confiscate"); 了没有 asks a question
    r"淹没|埋没|沉没|吞没|出没|没收|隐没|覆没|浸没|了没有|"
    r"未曾不|未尝不|莫不|不料|"
    # 巴不得 "would that", 不错 "right", 想不到 "unexpected"
    r"巴不得|不错|想不到|"
    # formulas: 不客气 / 不用谢 "you're welcome", 对不起 / 不好意思 "sorry", 不敢当 "you flatter me"
    r"不客气|不用谢|对不起|對不起|不好意思|不敢当|"
    # 不知怎么 / 不知怎的 / 不知何故 "somehow"
    r"不知(?:怎么|怎的|怎地|何故)|"
    # 不顾 "despite", a range 从黄色到红色不等 "varies from yellow to red", 那不勒斯 "Naples"
    r"不顾|[到至][^，。！？；]{1,12}?不等|那不勒斯|"
    # 没药 "myrrh"; 未 in transliterated names: 利未 "Levi", 希未 "Hivite", 亚未得 "Avith"
    r"没药|利未|希未|亚未|"
    # names: 不列颠 "Britain", 不伦瑞克 "Brunswick", 雷克雅未克 "Reykjavik", 美索不达米亚
    # "Mesopotamia"
    r"不列颠|不伦瑞克|雅未克|美索不达米亚|"
    # idioms that negate nothing: 激动不已 "thrilled" (不已 "no end"), 直言不讳 "outspoken",
    # 紧追不舍 "pressed on", 迷惑不解 "puzzled"
    r"不已|直言不讳|紧追不舍|迷惑不解|"
    # double negation is "all", "must": 无一不死 "every one died", 不能不 "cannot but"
    r"无一不|无不|没有不|不能不|"
    # 无处不 "everywhere" (无处不有 "wheresoever"), 无时不 "always", 无人不 "everyone"
    r"无[处时人事]不|"
    # 未 / 没(有) ... 以先 / 之前 is "before": 在耶和华未灭所多玛，蛾摩拉以先 "before the
    # LORD destroyed Sodom and Gomorrah", 在未死之先 "before I die"
    r"(?:未|没有|没)[^。！？；]{1,12}?(?:以先|之先|以前|之前)|"
    # a question asked as "A or not A" (English "whether ... or not"): 家里有住宿的地方没有？
    # "is there room?", 你真是我的儿子以扫不是 "whether thou be my son or not", 是不是,
    # 应验不应验 "whether it comes to pass or not"
    r"有[^，。！？；]{1,20}?没有" + _ZH_CLAUSE_END + "|"
    r"是[^，。！？；]{1,20}?不是" + _ZH_CLAUSE_END + "|"
    r"([\u4e00-\u9fff]{1,2})[不没]\1"
)

# Japanese negates with the auxiliary ない (なかった, なくて), polite ません, literary ぬ and
# clause-final ず.  Precision first: what only looks negative is blanked, and ず/なく
# elsewhere ("without") only keep the other side from being called bare (_PRIVATIVE).
_JA_NEG = re.compile(
    r"ない|なかっ|なく(?=て|ても|ては)|無い|無かっ|ません|いいえ"
    r"|(?<=[かさたまらわがばせ])ぬ(?![ぁ-ん])|(?<=[かさたまらわがばせ])ず(?=[、。])"
)
_JA_NEUTRAL = re.compile(
    # adjectives ending in ない: 少ない few, 危ない dangerous, 切ない, つまらない boring ...
    r"少なくな(?:い|かっ)|少な|すくな|危な|あぶな|きたな|おさな|切な|せつな|情けな|なさけな"
    r"|(?:申し訳|もうしわけ)(?:な|ござい?ませ|ありませ)|信じられな"
    r"|仕方(?:が|の)?な|しかた(?:が|の)?な|しょうがな"
    r"|つまらな|くだらな|たまらな|もったいな|とんでもな|何気な|なにげな|さりげな|だらしな"
    r"|素っ気な|そっけな|あっけな|限りな|かぎりな|絶え間な|たえまな|間もな|まもな|程な|ほどな"
    r"|やむな|ないし"
    # affirmative in meaning: に違いない / 間違いない "certainly", かもしれない "may",
    # なければならない "must", ざるを得ない "cannot but", しかない "only", に過ぎない "merely"
    r"|(?:違い|ちがい|相違)(?:な|ありませ)|かも(?:しれ|知れ)(?:な|ませ)"
    r"|なければ(?:なら|いけ|だめ)な|なければ(?:なり|いけ)ませ"
    r"|なくて(?:は|も)?(?:なら|いけ|だめ)な|なくて(?:は|も)?(?:なり|いけ)ませ"
    r"|な(?:くちゃ|きゃ)(?:いけな|ならな|だめ)?|ないと(?:いけ|なら|だめ)な|ないと(?:なり|いけ)ませ"
    r"|(?:ざる|やむ|止む)を(?:得|え)(?:な|ませ)|に(?:過|す)ぎ(?:な|ませ)|に(?:他|ほか)な[らり]"
    r"|しか(?![しもたけるに])[^、。]{0,15}?(?:な(?:い|かっ|く)|ませ)"
    r"|(?:の|ん)(?:で|じゃ)(?:は)?な(?:い|かろう)(?:でしょう|だろう)?か"
    r"|かねな|かねませ|ずにはいられな|ずにはおかな|てならな|てたまらな|ないうちに"
    r"|ない(?:限り|かぎり)|までも(?:な|ありませ)|ないことはな|ないこともな|なくもな|なくはな"
    r"|すみませ|すいませ|済みませ|(?:だけ|のみ|ばかり)で(?:は)?な(?:く|い)|ねばならぬ"
    # ず in words: 相変わらず as usual, にもかかわらず despite, とりあえず for now, まず first
    r"|相変わらず|あいかわらず|かかわらず|関わらず|拘らず|とりあえず|取りあえず|取り敢えず"
    r"|まず|必ず|かならず|絶えず|たえず|思わず|おもわず|すかさず|少なからず|のみならず"
)

# Strong commitment vs hedge, by language.  Multi-word items are regexes.
_STRONG = {
    "ru": [
        r"\bнемедленн\w*", r"\bобязательно\b", r"\bтребу\w*",
        r"\bдолж(?:ны|на|но|ен)\b", r"\bнеобходимо\b", r"\bсрочн\w*",
        r"\bкатегорическ\w*", r"\bнастаива\w*", r"\bнужно\b", r"\bнадо\b",
    ],
    "en": [
        r"\bimmediate(?:ly)?\b", r"\bmust\b", r"\bdemand\w*", r"\bwill certainly\b",
        r"\bdefinitely\b", r"\burgent(?:ly)?\b",
        r"\binsist\w*", r"\bwithout delay\b", r"\bcategorically\b",
        # not demands, but commitments a faithful rendering of one may use
        r"\bhave to\b", r"\bhas to\b", r"\bneed to\b", r"\bshould\b", r"\burge\w*",
        r"\bcall(?:s|ed)? (?:on|for)\b", r"\bimperative\b", r"\brequire\w*",
    ],
    "de": [r"\bsofort\w*", r"\bunverzüglich\w*", r"\bmüssen\b", r"\bmuss\b", r"\bforder\w*"],
    "fr": [r"\bimmédiatement\b", r"\bexige\w*", r"\bdevons\b", r"\bdoit\b"],
    "ar": [r"فورا", r"فوراً", r"يجب", r"نطالب"],
    "zh": [r"立即", r"立刻", r"必须", r"要求", r"坚决"],
    "es": [r"\binmediatamente\b", r"\bde inmediato\b", r"\bexig\w*", r"\bdeb(?:e|en|emos)\b",
           r"\btien(?:e|en) que\b", r"\btenemos que\b"],
    "it": [r"\bimmediatamente\b", r"\bsubito\b", r"\besig\w*", r"\bdev(?:e|ono)\b",
           r"\bdobbiamo\b"],
    "pt": [r"\bimediatamente\b", r"\bexig\w*", r"\bdev(?:e|em|emos)\b", r"\btem que\b",
           r"\btemos que\b"],
    "pl": [r"\bnatychmiast\w*", r"\bżąda\w*", r"\bmusi\w*", r"\bmusimy\b", r"\bmuszą\b"],
}  # fmt: skip
_HEDGE = {
    "ru": [
        r"\bпостара\w*", r"\bпопыта\w*", r"\bпыта(?:емся|ются|ется|юсь|лись|лся|лась)\b",
        r"\bвозможно\b", r"\bможет быть\b",
        r"\bнаде(?:емся|юсь|ется|ются|ялись|ялся|ялась|ялось)\b",
        r"\bмож(?:ем|ет|ете|ут)\b", r"\bможно\b",
    ],
    "en": [
        r"\bdo (?:our|my|their|its|his|her) best\b", r"\btry to\b", r"\btrying to\b",
        r"\bhope(?:s|d|ful)?\b", r"\bmight\b", r"\bmay\b", r"\bcould\b", r"\bpossibly\b",
        r"\bconsider(?:s|ing)?\b", r"\bperhaps\b", r"\bmaybe\b",
        # a wish for a demand, "soon" or "at some point" for "immediately"
        r"\bwould (?:like|wish|prefer)\b", r"\bsoon\b", r"\bat some point\b",
        r"\bin due course\b", r"\beventually\b",
    ],
    "de": [r"\bversuchen\b", r"\bhoffen\b", r"\bvielleicht\b", r"\bmöglicherweise\b"],
    "fr": [r"\bessayer\w*", r"\bespér\w*", r"\bpeut-être\b", r"\bpourrai\w*"],
    "ar": [r"ربما", r"سنحاول", r"نحاول", r"نأمل"],
    "zh": [r"尽力", r"尽量", r"希望", r"可能", r"也许", r"试图"],
    "es": [r"\bintenta\w*", r"\btrata\w* de\b", r"\bquizás?\b", r"\btal vez\b",
           r"\bposiblemente\b", r"\besperamos\b", r"\blo posible\b"],
    "it": [r"\bcercher\w*", r"\bprover\w*", r"\bforse\b", r"\bmagari\b", r"\bsperiamo\b",
           r"\bil possibile\b"],
    "pt": [r"\btenta\w*", r"\btalvez\b", r"\besperamos\b", r"\bo possível\b"],
    # not a bare "może": it is also "can" ("On może przyjść", "he can come")
    "pl": [r"\bspróbuj\w*", r"\bpostaramy\b", r"\bbyć może\b", r"\bmamy nadzieję\b"],
}  # fmt: skip


# --------------------------------------------------------------------------- comparison


_LETTERS = re.compile(r"[^\W\d_]+")
# Devanagari vowel signs and viramas are no \w: "नहीं" would fall apart
_WORD = {"hi": re.compile(r"[\u0900-\u0963\u0971-\u097f]+")}


def _blank(text: str, patterns: list[str]) -> str:
    """Same-length copy of lower-cased text with the matches of patterns blanked."""
    low = text.lower()
    for p in patterns:
        low = re.sub(p, lambda m: " " * len(m.group()), low)
    return low


def _is_negation(word: str, surface: str, lang: str) -> bool:
    if word in _NEGATIONS.get(lang, ()):
        return True
    # a negated Czech verb outside the list; capitalised, it may be a name ("Neapol")
    return (
        lang == "cs"
        and surface[:1].islower()
        and bool(_CS_NEG_VERB.fullmatch(word))
        and not _CS_NOT_NEG.fullmatch(word)
    )


def _name_after(text: str, end: int) -> bool:
    """An elided "N'" right before a capital, as in "N'Djamena", starts a name."""
    after = text[end + 1 : end + 2]
    return text[end - 1 : end] == "N" and after.isalpha() and after.isupper()


def _litotes(
    low: str, words: list[tuple[str, int, int]], negated: list[bool], lang: str, nt: dict[int, int]
) -> set[int]:
    """Where the negations a litotes cancels ("nicht unwichtig") start; nt maps where
    each English "n't" ends to where it starts ("isn't unusual")."""
    cancel = _LITOTES.get(lang)
    if cancel is None:
        return set()
    filler = _LITOTES_FILLER[lang]
    at = {s: k for k, (_, s, _) in enumerate(words)}
    out: set[int] = set()
    for m in cancel.finditer(_NOT_AFFIXAL.sub(lambda x: " " * len(x.group()), low)):
        j = at.get(m.start())
        if j is None or _REVERSIVE.fullmatch(words[j][0]):
            continue
        k = j - 1  # back over degree words and articles, within the clause
        while k >= 0 and j - k <= 4 and words[k][0] in filler:
            k -= 1
        if (
            k < 0
            or j - k > 4
            or words[k][0] not in _LITOTES_NEG[lang]
            or _CLAUSE_PUNCT.search(low, words[k][2], words[j][1])
        ):
            continue
        if words[k][0] == "t" and words[k][2] in nt:  # "isn't unusual"
            out.add(nt[words[k][2]])
        elif negated[k]:
            out.add(words[k][1])
            if negated[j]:  # "not unable"
                out.add(words[j][1])
            # French "ne ... pas inutile": the "ne" goes with the "pas"
            for i in range(k - 1, max(-1, k - 7), -1) if lang == "fr" else ():
                if _CLAUSE_PUNCT.search(low, words[i][2], words[i + 1][1]):
                    break
                if words[i][0] in ("ne", "n") and negated[i]:
                    out.add(words[i][1])
                    break
    return out


def _negations(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the negations in text, one per negated clause as far as words tell."""
    if lang == "zh":
        low = _ZH_NEUTRAL.sub(lambda m: "_" * len(m.group()), text)
        low = _ZH_AFFIXAL.sub(lambda m: "_" * len(m.group()), low)
        return [(m.start(), m.end()) for m in _ZH_NEG.finditer(low)]
    if lang == "ja":
        # tokenised text ("あ り ま せ ん") is read without its spaces; spans map back
        keep = [i for i, c in enumerate(text) if not c.isspace()] + [len(text)]
        low = _JA_NEUTRAL.sub(lambda m: "_" * len(m.group()), "".join(text[i] for i in keep[:-1]))
        return [(keep[m.start()], keep[m.end() - 1] + 1) for m in _JA_NEG.finditer(low)]
    low = _blank(text, _NEUTRAL.get(lang, []))
    words = [(m.group(), m.start(), m.end()) for m in _WORD.get(lang, _LETTERS).finditer(low)]
    concord = _CONCORD.get(lang, frozenset())
    negated = [_is_negation(w, text[s:e], lang) for w, s, e in words]
    nt = [(m.start(), m.end()) for m in re.finditer(r"n\s?['’]\s?t\b", low)] if lang == "en" else []
    cancelled = _litotes(low, words, negated, lang, {e: s for s, e in nt})
    negated = [n and s not in cancelled for n, (_, s, _) in zip(negated, words, strict=True)]
    # a text in capitals is shouted or a title: its "НЕ" is a word, no abbreviation
    capitals = [c.isupper() for c in text if c.isalpha()]
    shouted = len(capitals) >= 12 and sum(capitals) >= 0.8 * len(capitals)
    spans: list[tuple[int, int]] = []
    counted_concord: list[tuple[str, int]] = []
    for k, (w, s, e) in enumerate(words):
        if negated[k] and len(w) > 1 and text[s:e].isupper() and not shouted:
            continue  # "NE" (north-east), "NO": abbreviations, not words
        if lang == "fr" and w == "n" and (low[e : e + 1] not in ("'", "’") or _name_after(text, e)):
            continue  # "N. Hardie", "N'Djamena": a name; the negation is the elided "n'"
        if lang == "fr" and w == "pas" and _STEP.search(low[max(0, s - 20) : s]):
            continue  # "un pas", "emboîter le pas": a step
        if negated[k]:
            if w in concord:
                near = range(max(0, k - 4), min(len(words), k + 5))
                if any(negated[n] and words[n][0] not in concord for n in near):
                    continue
                # "ни A, ни B" is one negation, as "neither A nor B" is
                if any(t in concord and s - ps < 60 for t, ps in counted_concord):
                    continue
                counted_concord.append((w, s))
                if w == "nor" and any(x == "neither" for x, _, _ in words[:k]):
                    continue
            spans.append((s, e))
    # don't, can't, isn't
    spans += [(s, e) for s, e in nt if s not in cancelled]
    for p in _IMPLICIT.get(lang, []):
        spans += [(m.start(), m.end()) for m in re.finditer(p, low)]
    return sorted(spans)


def _find(text: str, patterns: list[str]) -> list[tuple[int, int]]:
    """Where the patterns match, one span per place ("فوراً" matches two patterns)."""
    low = text.lower()
    out: list[tuple[int, int]] = []
    found = sorted(
        ((m.start(), m.end()) for p in patterns for m in re.finditer(p, low)),
        key=lambda span: (span[0], -span[1]),
    )
    for start, end in found:  # the longest match at each place
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def _hedges(text: str, lang: str) -> list[tuple[int, int]]:
    spans = _find(text, _HEDGE.get(lang, []))
    if lang == "en":  # "May 12" is a date, not a hedge
        spans = [(s, e) for s, e in spans if text[s:e] != "May"]
    return spans


_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]|\s-\s")


def _odd_clauses(text: str, spans: list[tuple[int, int]]) -> int:
    """Clauses of ``text`` with an odd number of the negations at ``spans``: two in one
    clause cancel ("can't not go", "не могу не сказать"), two in two clauses do not
    ("wasn't completed in 2011, but did not open until 2017")."""
    per_clause: dict[int, int] = {}
    for start, _ in spans:
        clause = len(_CLAUSE_BREAK.findall(text, 0, start))
        per_clause[clause] = per_clause.get(clause, 0) + 1
    return sum(n % 2 for n in per_clause.values())


def _uncopied(
    spans: list[tuple[int, int]], text: str, other: str, other_spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The negations of ``text`` less the words the other side writes letter for letter
    and does not read as a negation there: foreign text copied as it is ("посмотрел boku
    no pico" -> "watched boku no pico" has no English "no" in it). Spanish "no" rendered
    as English "no" is read as a negation on both sides and stays."""
    out = []
    for s, e in spans:
        word = text[s:e]
        copies = [
            (m.start(), m.end())
            for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", other, re.IGNORECASE)
        ]
        if not word.isalpha() or not copies or any(c in other_spans for c in copies):
            out.append((s, e))
    return out


def compare_polarity(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``negation_mismatch`` when one side is negated and the other is not, and
    ``softened`` / ``hardened`` when a demand became a hedge or the reverse.

    Negations are counted per side (negative concord and idioms such as "тем не
    менее" folded away) and compared by parity within each clause.  Softening needs a strong marker
    in the source, a hedge in the translation and no strong marker there.
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    reasons: list[Reason] = []
    known = {*_NEGATIONS, "zh", "ja"}
    # a language with no negation table would always look affirmative
    ns = _negations(src_text, sl) if sl in known and tl in known else []
    nt = _negations(tgt_text, tl) if sl in known and tl in known else []
    ns, nt = _uncopied(ns, src_text, tgt_text, nt), _uncopied(nt, tgt_text, src_text, ns)
    # one side negated, the other not at all: when both have negations, a differing
    # count is mostly restructuring ("ne ... que", "nicht ... gar nicht"), not a flip
    bare = src_text if not ns else tgt_text if not nt else ""
    bare_lang = sl if not ns else tl
    affixal = _AFFIXAL.get(bare_lang)
    if bare_lang == "ja":  # まず "first" is no ず "without"
        bare = _JA_NEUTRAL.sub(lambda m: "_" * len(m.group()), re.sub(r"\s+", "", bare))
    hedged = bool(affixal and bare and affixal.search(_NOT_AFFIXAL.sub(" ", bare.lower())))
    privative = _PRIVATIVE.get(bare_lang)
    hedged = hedged or bool(privative and bare and privative.search(bare.lower()))
    if bare and bare_lang == "en" and "zh" in (sl, tl):
        hedged = hedged or bool(_EN_PRIVATIVE_VS_ZH.search(bare.lower()))
    # "Kam nicht gleich die Hütte?" asks for a yes: "La cabane venait pourtant bien après?"
    affirming = _AFFIRMING.get(bare_lang)
    hedged = hedged or bool(
        affirming
        and bare
        and _QUESTION.search(src_text)
        and _QUESTION.search(tgt_text)
        and affirming.search(bare.lower())
    )
    # "gar nicht so leicht" is "difficile": a negated "easy" rendered by its antonym
    negated_text, negated_lang = (tgt_text, tl) if bare is src_text else (src_text, sl)
    hedged = hedged or any(
        bare
        and (litotes := negated.get(negated_lang))
        and litotes.search(negated_text.lower())
        and (antonym := opposite.get(bare_lang))
        and antonym.search(bare.lower())
        for negated, opposite in _RENDERED_BY_ANTONYM
    )
    more_src = len(ns) > len(nt)
    negated_clauses = _odd_clauses(src_text, ns) if more_src else _odd_clauses(tgt_text, nt)
    # a question answered by a statement, or "only" by a negated limit: each accounts
    # for one negated clause ("sólo 46 centavos más" -> "doesn't place ..., will not cost
    # 46 cents more" is still flagged)
    asks = bool(bare) and bool(_ASKS.search(src_text)) != bool(_ASKS.search(tgt_text))
    only, limit = _ONLY.get(bare_lang), _LIMIT.get(negated_lang)
    restricts = (
        len(only.findall(bare.lower()))
        if bare and only and limit and limit.search(negated_text.lower())
        else 0
    )
    hedged = hedged or 0 < negated_clauses <= asks + restricts
    if negated_clauses and min(len(ns), len(nt)) == 0 and not hedged:
        spans = ns if more_src else nt
        first = [spans[0][0], spans[-1][1]] if spans else None
        negated = "source" if more_src else "translation"
        words = ", ".join(repr((src_text if more_src else tgt_text)[s:e]) for s, e in spans)
        reasons.append(
            {
                "type": "negation_mismatch",
                "src": first if more_src else None,
                "tgt": None if more_src else first,
                "src_spans": [list(s) for s in ns],
                "tgt_spans": [list(s) for s in nt],
                "detail": f"{len(ns)} negation(s) in the source, {len(nt)} in the translation; "
                f"the {negated} has {words}",
            }
        )
    strong_s, strong_t = _find(src_text, _STRONG.get(sl, [])), _find(tgt_text, _STRONG.get(tl, []))
    hedge_s, hedge_t = _hedges(src_text, sl), _hedges(tgt_text, tl)
    # the hedge must be new: "vielleicht ... müssen" -> "peut-être" kept the source's own
    # hedge; and a strong marker lost: "نطالب ... بوقف العدوان فوراً" -> "We call on ... to
    # do our best to stop" kept the demand and turned "immediately" into a hedge
    if len(strong_t) < len(strong_s) and len(hedge_t) > len(hedge_s):
        if strong_t:  # which of the source's markers went is not known: span them all
            lost = (strong_s[0][0], strong_s[-1][1])
            reasons.append(_became("softened", src_text, lost, tgt_text, hedge_t[0]))
            reasons[-1]["detail"] = (
                f"{len(strong_s)} strong markers "
                + ", ".join(repr(src_text[a:b]) for a, b in strong_s)
                + f" became {len(strong_t)} and a hedge {tgt_text[slice(*hedge_t[0])]!r}"
            )
        else:
            reasons.append(_became("softened", src_text, strong_s[0], tgt_text, hedge_t[0]))
    elif hedge_s and strong_t and not strong_s and not hedge_t:
        reasons.append(_became("hardened", src_text, hedge_s[0], tgt_text, strong_t[0]))
    return reasons
