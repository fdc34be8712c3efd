# ruff: noqa: E501  (the labelled sentences are kept one per line)
"""Writes the labelled claim set (evidence.json, claims.json, excerpts.json) next to this file.

The labels are written here by hand, per template and per hand-written sentence, from what a
careful reviewer would say — never by running the checks. Run it again after adding sentences:
    python tests/claims/data/generate.py
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

ACTORS = [
    {"id": 1, "name": "ISIS", "aliases": ["ISIL", "IS", "Daesh", "Islamic State"]},
    {"id": 2, "name": "ISIS-K", "aliases": ["ISKP", "Khorasan Province", "ISIS Khorasan"]},
    {"id": 3, "name": "Lashkar-e-Jhangvi Al-Alami", "aliases": ["LeJ-A", "LeJA"]},
    {"id": 4, "name": "Lashkar-e-Jhangvi", "aliases": ["LeJ"]},
    {"id": 5, "name": "Tehreek-e-Taliban Pakistan", "aliases": ["TTP", "Pakistani Taliban"]},
    {"id": 6, "name": "Jamaat-ul-Ahrar", "aliases": ["JuA", "Jamatul Ahrar"]},
    {"id": 7, "name": "Jundullah", "aliases": []},
    {"id": 8, "name": "Taliban", "aliases": ["the Taliban"]},
]

SCENARIOS = {
    # Sehwan: 88 vs "more than one hundred" → at least 88; 300+ wounded; ISIS claimed it.
    "sehwan": {
        "figures": {
            "killed": {"min": 88, "max": None, "wording": "at least 88"},
            "wounded": {"min": 300, "max": None, "wording": "more than 300"},
        },
        "claimed": ["ISIS"],
    },
    # Quetta hospital: claimed by Jamaat-ul-Ahrar and by ISIS-K: disputed.
    "hospital": {
        "figures": {"killed": {"min": 70, "max": 75, "wording": "at least 70"}},
        "claimed": ["Jamaat-ul-Ahrar", "ISIS-K"],
        "disputed": True,
    },
    # Safoora Goth: carried out by Jundullah.
    "safoora": {
        "figures": {"killed": {"min": 40, "max": 45, "wording": "at least 40"}},
        "attributed": ["Jundullah"],
    },
    # Pakistanis who joined: "more than 200" vs "about 100" → at least 100.
    "joined": {"figures": {"joined": {"min": 100, "max": None, "wording": "at least 100"}}},
    # Shah Noorani: claimed by ISIS-K, the claim denied by ISIS's spokesman.
    "denied": {
        "figures": {"killed": {"min": 53, "max": 53, "wording": "53"}},
        "claimed": ["ISIS-K"],
        "denied": ["ISIS"],
    },
    # Quetta church: 9 killed, nearly 50 wounded, claimed by ISIS.
    "church": {
        "figures": {
            "killed": {"min": 9, "max": 9, "wording": "9"},
            "wounded": {"min": 50, "max": 50, "wording": "about 50"},
        },
        "claimed": ["ISIS"],
    },
}

EXCEEDS, DISPUTED, DENIED = "figure_exceeds_evidence", "attribution_disputed", "attribution_denied"
UNREAD_NUMBER, UNREAD_ACTOR = "unread_number", "unread_actor"

claims: list[dict] = []
excerpts: list[dict] = []


def claim(lang: str, text: str, evidence: str, flags: list[str], note: str = "") -> None:
    claims.append(
        {
            "id": f"{lang}-{len(claims) + 1:03d}",
            "lang": lang,
            "text": text,
            "evidence": evidence,
            "flags": sorted(set(flags)),
            **({"note": note} if note else {}),
        }
    )


def excerpt(lang: str, text: str, figures: list[tuple]) -> None:
    excerpts.append(
        {
            "id": f"x{lang}-{len(excerpts) + 1:03d}",
            "lang": lang,
            "text": text,
            "figures": [
                {"kind": k, "value_min": lo, "value_max": hi, "qualifier": q}
                for k, lo, hi, q in figures
            ],
        }
    )


# --- English: killed, against "at least 88" (Sehwan, claimed by ISIS) -------------------------
# (number as written, does it exceed "at least 88"?)
SEHWAN_NUMBERS = [
    ("120", True),
    ("88", True),  # exact 88 states more than "at least 88" allows
    ("at least 88", False),
    ("more than 80", False),
    ("over 80", False),
    ("hundreds of", True),
    ("dozens of", False),
    ("one hundred and twenty", True),
]
KILL_VERBS = ["killed", "murdered", "slew", "slaughtered", "massacred", "martyred"]
for verb in KILL_VERBS:
    for number, exceeds in SEHWAN_NUMBERS:
        # The actor is made the doer, but the evidence records only its claim.
        claim(
            "en",
            f"Daesh {verb} {number} worshippers at Sehwan.",
            "sehwan",
            [DISPUTED, *([EXCEEDS] if exceeds else [])],
        )
PASSIVE_VERBS = [
    "were killed",
    "died",
    "were slain",
    "perished",
    "lost their lives",
    "were martyred",
    "were murdered",
    "were left dead",
]
for verb in PASSIVE_VERBS:
    for number, exceeds in [("120", True), ("at least 88", False), ("more than 100", True)]:
        claim(
            "en",
            f"{number[0].upper()}{number[1:]} devotees {verb} in the Sehwan shrine bombing.",
            "sehwan",
            [EXCEEDS] if exceeds else [],
        )
for phrase, exceeds in [
    ("The Sehwan bombing claimed 120 lives.", True),
    ("The Sehwan bombing claimed at least 88 lives.", False),
    ("The death toll rose to 120.", True),
    ("The death toll from the shrine bombing rose to at least 88.", False),
    ("The death toll stood at 95 by Friday evening.", True),
]:
    claim("en", phrase, "sehwan", [EXCEEDS] if exceeds else [])
# Wounded against "more than 300".
for verb in ["were wounded", "were injured", "were hurt", "sustained injuries"]:
    for number, exceeds in [("400", True), ("more than 300", False), ("over 300", False)]:
        claim(
            "en",
            f"{number[0].upper()}{number[1:]} people {verb} at the shrine.",
            "sehwan",
            [EXCEEDS] if exceeds else [],
        )
# Joined against "at least 100".
for verb in ["joined ISIS", "travelled to join ISIS", "have joined the group", "were recruited"]:
    for number, exceeds in [("200", True), ("at least 100", False), ("more than 200", True)]:
        claim(
            "en",
            f"{number[0].upper()}{number[1:]} Pakistanis {verb}.",
            "joined",
            [EXCEEDS] if exceeds else [],
        )

# --- English: responsibility ------------------------------------------------------------------
for actor in ["Daesh", "ISIS", "ISIL", "The Islamic State"]:
    claim("en", f"{actor} bombed the shrine at Sehwan.", "sehwan", [DISPUTED])
    claim("en", f"{actor} carried out the Sehwan attack.", "sehwan", [DISPUTED])
    claim(
        "en",
        f"The Sehwan attack was carried out by {actor.removeprefix('The ')}.",
        "sehwan",
        [DISPUTED],
    )
    claim("en", f"{actor} claimed the Sehwan attack.", "sehwan", [])
    claim("en", f"The Sehwan attack was claimed by {actor.removeprefix('The ')}.", "sehwan", [])
    claim("en", f"{actor} calls the gathering at the shrine a legitimate target.", "sehwan", [])
    claim("en", f"{actor} threatened to attack more shrines.", "sehwan", [])
    claim("en", f"{actor} urged its followers to attack shrines.", "sehwan", [])
claim("en", "Jundullah carried out the bus attack in Karachi.", "safoora", [])
claim("en", "The bus attack was conducted by Jundullah.", "safoora", [])
claim("en", "Daesh carried out the bus attack in Karachi.", "safoora", [DISPUTED])
claim("en", "Jamaat-ul-Ahrar bombed the hospital in Quetta.", "hospital", [DISPUTED])
claim("en", "ISIS-K carried out the Quetta hospital bombing.", "hospital", [DISPUTED])
claim("en", "Both Jamaat-ul-Ahrar and ISIS-K claimed the hospital bombing.", "hospital", [])
claim("en", "The Taliban condemned the hospital bombing.", "hospital", [])
# A short alias inside a longer name does not match; an unknown group's name is flagged.
claim("en", "IS-K bombed the shrine at Sehwan.", "sehwan", [UNREAD_ACTOR], "IS-K is not ISIS")
claim("en", "ISKP bombed the shrine at Sehwan.", "sehwan", [DISPUTED], "names ISIS-K, not ISIS")
claim("en", "Lashkar-e-Taiba attacked the shrine.", "sehwan", [UNREAD_ACTOR])
claim("en", "The BLA attacked the convoy.", "sehwan", [UNREAD_ACTOR])
claim("en", "The Punjabi Taliban attacked the shrine.", "sehwan", [UNREAD_ACTOR])
claim("en", "Jaish-e-Muhammad praised the attack.", "sehwan", [UNREAD_ACTOR])
# Denials (Shah Noorani: ISIS-K claimed, ISIS denied).
claim("en", "The Shah Noorani bombing was claimed by ISIS-K.", "denied", [DENIED])
claim("en", "ISIS-K claimed the Shah Noorani bombing.", "denied", [DENIED])
claim("en", "ISIS-K carried out the Shah Noorani bombing.", "denied", [DENIED])
claim("en", "Daesh bombed the Shah Noorani shrine.", "denied", [DENIED])
claim("en", "ISIS-K claimed the Shah Noorani bombing, although ISIS denied it.", "denied", [])
claim("en", "The Shah Noorani bombing was claimed by ISIS-K but disputed by ISIS.", "denied", [])
claim("en", "The bombing at Shah Noorani killed 53 pilgrims.", "denied", [])
claim("en", "The bombing at Shah Noorani killed 60 pilgrims.", "denied", [EXCEEDS])

# --- English: numbers that are no count, and numbers the checks cannot read ------------------
for text in [
    "In 2017, the Sehwan bombing killed at least 88 people.",
    "On 16 February 2017 the shrine was bombed.",
    "On February 16, the shrine was attacked.",
    "Seven years later, the survivors still mourn.",
    "A 12-year-old boy survived the blast at the shrine.",
    "The bomber, aged 19, was from Afghanistan.",
    "It was the 20th attack on a shrine in Sindh.",
    "The blast hit at 6:30 pm, during the dhamaal.",
    "Police found an AK-47 near the shrine.",
    "The attackers came along Route 55.",
    "One of the worshippers filmed the blast.",
    "The shrine has stood for 800 years.",
]:
    claim("en", text, "sehwan", [])
for text in [
    "88 families lost everything.",
    "90% of the victims were Sufi devotees.",
    "The attack cost 500 million rupees in damage.",
    "12 ambulances reached the shrine.",
    "Hundreds more than expected came to mourn.",
]:
    claim("en", text, "sehwan", [UNREAD_NUMBER])

# --- Urdu: killed against "at least 88" ---------------------------------------------------------
UR_NUMBERS = [
    ("۱۲۰", True),
    ("120", True),
    ("٨٨", True),
    ("کم از کم ۸۸", False),
    ("۸۰ سے زیادہ", False),
    ("ایک سو بیس", True),
    ("سینکڑوں", True),
    ("تقریباً ۹۰", True),
    ("کم سے کم ۸۸", False),
    ("۸۰ سے زائد", False),
]
UR_VERBS = ["جاں بحق ہوئے", "ہلاک ہوئے", "شہید ہوئے", "مارے گئے", "قتل ہوئے"]
for verb in UR_VERBS:
    for number, exceeds in UR_NUMBERS:
        claim(
            "ur",
            f"سہون کے مزار پر حملے میں {number} افراد {verb}۔",
            "sehwan",
            [EXCEEDS] if exceeds else [],
        )
for number, exceeds in [("۴۰۰", True), ("۳۰۰ سے زائد", False), ("تین سو سے زیادہ", False)]:
    for verb in ["زخمی ہوئے", "شدید زخمی ہوئے"]:
        claim("ur", f"دھماکے میں {number} افراد {verb}۔", "sehwan", [EXCEEDS] if exceeds else [])
for number, exceeds in [("۲۰۰", True), ("کم از کم ۱۰۰", False)]:
    for verb in ["داعش میں شامل ہوئے", "شام جا کر داعش میں شامل ہوئے"]:
        claim("ur", f"{number} پاکستانی {verb}۔", "joined", [EXCEEDS] if exceeds else [])
claim("ur", "ہلاکتوں کی تعداد ۱۲۰ تک پہنچ گئی۔", "sehwan", [EXCEEDS])
claim("ur", "ہلاکتوں کی تعداد کم از کم ۸۸ ہو گئی۔", "sehwan", [])
# Responsibility in Urdu.
for actor in ["داعش", "دولت اسلامیہ"]:
    claim("ur", f"{actor} نے سہون میں مزار پر حملہ کیا۔", "sehwan", [DISPUTED])
    claim("ur", f"{actor} نے حملے کی ذمہ داری قبول کی۔", "sehwan", [])
    claim("ur", f"{actor} نے زائرین کے اجتماع کو جائز ہدف قرار دیا۔", "sehwan", [])
    claim("ur", f"{actor} نے مزید حملوں کی دھمکی دی۔", "sehwan", [])
    claim("ur", f"یہ حملہ {actor} کی جانب سے کیا گیا۔", "sehwan", [DISPUTED])
claim("ur", "جنداللہ نے کراچی میں بس پر حملہ کیا۔", "safoora", [])
claim("ur", "داعش خراسان نے حملے کی ذمہ داری قبول کی۔", "denied", [DENIED])
claim("ur", "داعش خراسان نے حملے کی ذمہ داری قبول کی، تاہم داعش نے تردید کی۔", "denied", [])
claim("ur", "لشکر طیبہ نے مزار پر حملہ کیا۔", "sehwan", [UNREAD_ACTOR])
# Urdu numbers that are no count, and numbers nothing reads.
for text in [
    "۲۰۱۷ء میں سہون کے مزار پر کم از کم ۸۸ افراد جاں بحق ہوئے۔",
    "۱۶ فروری کو مزار پر حملہ ہوا۔",
    "حملہ آور کی عمر ۱۹ سال تھی۔",
    "ایک ۱۲ سالہ بچہ بھی زخمیوں میں شامل تھا۔",
    "یہ مزار ۸۰۰ سال پرانا ہے۔",
]:
    claim("ur", text, "sehwan", [])
for text in [
    "۸۸ خاندان متاثر ہوئے۔",
    "۹۰ فیصد متاثرین صوفی زائرین تھے۔",
    "۱۲ ایمبولینسیں مزار پر پہنچیں۔",
]:
    claim("ur", text, "sehwan", [UNREAD_NUMBER])

# --- Excerpts: figures a source admin should be offered ------------------------------------------
K, W, J, A = "killed", "wounded", "joined", "arrested"
for verb in ["killed", "murdered", "slew", "massacred", "martyred"]:
    excerpt("en", f"The bomber {verb} 88 people at the shrine.", [(K, 88, 88, "exact")])
    excerpt("en", f"Militants {verb} at least 61 cadets.", [(K, 61, None, "at_least")])
    excerpt(
        "en",
        f"The attackers {verb} more than one hundred worshippers.",
        [(K, 100, None, "more_than")],
    )
for verb in ["were killed", "died", "were slain", "perished", "lost their lives", "were dead"]:
    excerpt("en", f"About 70 people {verb} in the hospital bombing.", [(K, 70, 70, "about")])
    excerpt("en", f"In the 2016 hospital massacre, 75 people {verb}.", [(K, 75, 75, "exact")])
for verb in ["were wounded", "were injured", "were hurt"]:
    excerpt("en", f"More than 165 others {verb}.", [(W, 165, None, "more_than")])
    excerpt("en", f"Nearly fifty worshippers {verb} in the church attack.", [(W, 50, 50, "about")])
excerpt(
    "en",
    "killing 61 and injuring more than 165",
    [(K, 61, 61, "exact"), (W, 165, None, "more_than")],
)
excerpt(
    "en",
    "The blast claimed 53 lives and left 100 injured.",
    [(K, 53, 53, "exact"), (W, 100, 100, "exact")],
)
excerpt("en", "The death toll from the bombing at the shrine rose to 88.", [(K, 88, 88, "exact")])
excerpt("en", "The death toll climbed to 75 on Tuesday.", [(K, 75, 75, "exact")])
excerpt(
    "en",
    "88 people, most of them pilgrims who had come for the evening ritual at the shrine, were killed.",
    [(K, 88, 88, "exact")],
)
excerpt(
    "en",
    "Some 45 passengers, members of the Ismaili community on their way to work, were killed.",
    [(K, 45, 45, "about")],
)
excerpt(
    "en", "More than 200 Pakistanis travelled to Syria to join ISIS.", [(J, 200, None, "more_than")]
)
excerpt("en", "About 100 Pakistanis have joined the group.", [(J, 100, 100, "about")])
excerpt("en", "As many as 100 Pakistanis have joined the terror group.", [(J, 100, 100, "up_to")])
excerpt("en", "Police arrested 12 suspects after the blast.", [(A, 12, 12, "exact")])
excerpt("en", "Security forces detained more than 30 people.", [(A, 30, None, "more_than")])
excerpt("en", "Dozens of people were killed.", [(K, 24, None, "at_least")])
excerpt("en", "which killed 15 people, including eight soldiers.", [(K, 15, 15, "exact")])
for text in [
    "The shrine was attacked on August 8, 2016.",
    "In 2017 the group expanded its operations.",
    "The 20th anniversary of the attack passed quietly.",
    "An AK-47 was recovered from the scene.",
    "The group has existed for 10 years.",
    "The bomber was 19 years old.",
]:
    excerpt("en", text, [])
for verb in ["جاں بحق ہوئے", "ہلاک ہوئے", "شہید ہوئے", "مارے گئے"]:
    excerpt("ur", f"دھماکے میں ۸۸ افراد {verb}۔", [(K, 88, 88, "exact")])
    excerpt("ur", f"حملے میں کم از کم ۷۰ افراد {verb}۔", [(K, 70, None, "at_least")])
    excerpt("ur", f"حملے میں ۱۰۰ سے زائد افراد {verb}۔", [(K, 100, None, "more_than")])
    excerpt("ur", f"تقریباً ۴۵ مسافر {verb}۔", [(K, 45, 45, "about")])
    excerpt("ur", f"۲۰۱۶ء کے حملے میں ۷۵ افراد {verb}۔", [(K, 75, 75, "exact")])
    excerpt("ur", f"ایک سو بیس افراد {verb}۔", [(K, 120, 120, "exact")])
for verb in ["زخمی ہوئے", "زخمی ہو گئے"]:
    excerpt("ur", f"۳۰۰ سے زیادہ افراد {verb}۔", [(W, 300, None, "more_than")])
    excerpt("ur", f"تقریباً پچاس افراد {verb}۔", [(W, 50, 50, "about")])
excerpt(
    "ur",
    "دھماکے میں ۸۸ افراد جاں بحق اور ۳۰۰ سے زائد زخمی ہوئے۔",
    [(K, 88, 88, "exact"), (W, 300, None, "more_than")],
)
excerpt("ur", "ہلاکتوں کی تعداد ۷۵ تک پہنچ گئی۔", [(K, 75, 75, "exact")])
excerpt("ur", "دو سو سے زائد پاکستانی داعش میں شامل ہوئے۔", [(J, 200, None, "more_than")])
excerpt("ur", "پولیس نے ۱۲ مشتبہ افراد کو گرفتار کر لیا۔", [(A, 12, 12, "exact")])
excerpt("ur", "۸ اگست ۲۰۱۶ء کو ہسپتال پر حملہ ہوا۔", [])
excerpt("ps", "په چاودنه کې ۸۸ کسان ووژل شول.", [(K, 88, 88, "exact")])
excerpt("ps", "لږ تر لږه ۷۰ کسان ووژل شول.", [(K, 70, None, "at_least")])
excerpt("ps", "۵۰ کسان ټپيان شول.", [(W, 50, 50, "exact")])
excerpt("sd", "ڌماڪي ۾ ۸۸ ماڻهو مارجي ويا.", [(K, 88, 88, "exact")])
excerpt("sd", "گهٽ ۾ گهٽ ۷۰ ماڻهو مارجي ويا.", [(K, 70, None, "at_least")])
excerpt("sd", "۵۰ ماڻهو زخمي ٿيا.", [(W, 50, 50, "exact")])

# --- More: mixed sentences, more Urdu phrasings, more excerpt phrasings --------------------------
for text, flags in [
    ("Daesh killed 88 people and wounded 400 at Sehwan.", [DISPUTED, EXCEEDS]),
    ("At least 88 people were killed and more than 300 wounded.", []),
    ("The bombing killed at least 88 people, including 20 children.", [UNREAD_NUMBER]),
    ("Over 300 people were injured and 120 killed.", [EXCEEDS]),
    ("Islamic State militants killed 120 worshippers.", [DISPUTED, EXCEEDS]),
    ("The suicide bomber killed at least 88 worshippers at the shrine.", []),
    ("More than 80 devotees were killed in the attack on the shrine.", []),
    ("Thousands of devotees were killed.", [EXCEEDS]),
    ("Scores of devotees were killed at Sehwan.", []),
    ("The ISIS bombing of the shrine killed at least 88 people.", [DISPUTED]),
    ("ISIS's attack on the shrine killed at least 88 people.", [DISPUTED]),
    ("The ISIS-claimed bombing killed at least 88 people.", []),
    ("ISIS, which claimed the bombing, called Sufis apostates.", []),
    ("Daesh praised the bombing of the shrine.", []),
    ("Daesh wants to destroy every shrine in Sindh.", []),
    ("Daesh accused the devotees of heresy.", []),
    ("Sufi devotees were the target of the ISIS-claimed attack.", []),
    ("The Sehwan shrine remains a target for ISIS.", []),
    ("ISIS is responsible for the Sehwan bombing.", [DISPUTED]),
    ("ISIS was behind the Sehwan bombing.", [DISPUTED]),
]:
    claim("en", text, "sehwan", flags)
for verb in ["لقمہ اجل بن گئے", "جان سے ہاتھ دھو بیٹھے"]:
    for number, exceeds in [
        ("۱۲۰", True),
        ("کم از کم ۸۸", False),
        ("ایک سو بیس", True),
        ("۸۰ سے زیادہ", False),
    ]:
        claim(
            "ur",
            f"مزار پر دھماکے میں {number} زائرین {verb}۔",
            "sehwan",
            [EXCEEDS] if exceeds else [],
        )
for number, exceeds in [("۴۰۰", True), ("۳۰۰ سے زائد", False)]:
    claim("ur", f"دھماکے میں {number} افراد مجروح ہوئے۔", "sehwan", [EXCEEDS] if exceeds else [])
for text, flags in [
    ("درجنوں افراد ہلاک ہوئے۔", []),
    ("ہزاروں افراد ہلاک ہوئے۔", [EXCEEDS]),
    ("داعش نے حملے کی مذمت کی۔", []),
    ("داعش نے سہون میں ۱۲۰ زائرین کو قتل کیا۔", [DISPUTED, EXCEEDS]),
    ("داعش نے سہون میں کم از کم ۸۸ زائرین کو ہلاک کیا۔", [DISPUTED]),
    ("تحریک طالبان پاکستان نے مزار پر حملہ کیا۔", [DISPUTED]),
    ("داعش خراسان نے شاہ نورانی کے مزار پر حملہ کیا۔", [DENIED]),
    ("شاہ نورانی کے مزار پر حملے میں ۵۳ زائرین جاں بحق ہوئے۔", []),
    ("شاہ نورانی کے مزار پر حملے میں ۶۰ زائرین جاں بحق ہوئے۔", [EXCEEDS]),
    ("جیش محمد نے حملے کو سراہا۔", [UNREAD_ACTOR]),
]:
    claim("ur", text, "denied" if "شاہ نورانی" in text or "خراسان" in text else "sehwan", flags)
QUALIFIED = [
    ("at least", None, "at_least"),
    ("more than", None, "more_than"),
    ("about", "same", "about"),
    ("nearly", "same", "about"),
    ("up to", "same", "up_to"),
    ("as many as", "same", "up_to"),
    ("no fewer than", None, "at_least"),
    ("over", None, "more_than"),
]
for words, top, qualifier in QUALIFIED:
    excerpt(
        "en", f"The attack killed {words} 70 people.", [(K, 70, 70 if top else None, qualifier)]
    )
    excerpt(
        "en",
        f"{words.capitalize()} 165 people were wounded.",
        [(W, 165, 165 if top else None, qualifier)],
    )
    excerpt(
        "en",
        f"Officials said {words} 100 Pakistanis had joined the group.",
        [(J, 100, 100 if top else None, qualifier)],
    )
    excerpt(
        "en", f"Police arrested {words} 40 suspects.", [(A, 40, 40 if top else None, qualifier)]
    )
for words, top, qualifier in [
    ("کم از کم", None, "at_least"),
    ("تقریباً", "same", "about"),
    ("لگ بھگ", "same", "about"),
    ("زیادہ سے زیادہ", "same", "up_to"),
]:
    excerpt(
        "ur", f"حملے میں {words} ۶۰ افراد ہلاک ہوئے۔", [(K, 60, 60 if top else None, qualifier)]
    )
    excerpt("ur", f"{words} ۱۶۵ افراد زخمی ہوئے۔", [(W, 165, 165 if top else None, qualifier)])
for suffix, qualifier in [("سے زیادہ", "more_than"), ("سے زائد", "more_than"), ("تک", "up_to")]:
    excerpt(
        "ur",
        f"حملے میں ۶۰ {suffix} افراد ہلاک ہوئے۔",
        [(K, 60, None if qualifier == "more_than" else 60, qualifier)],
    )
    excerpt(
        "ur",
        f"۱۶۵ {suffix} افراد زخمی ہوئے۔",
        [(W, 165, None if qualifier == "more_than" else 165, qualifier)],
    )
for text, figures in [
    (
        "The attack on the police training college killed 61 cadets, and more than 165 were injured.",
        [(K, 61, 61, "exact"), (W, 165, None, "more_than")],
    ),
    ("In the 2017 attack on the Sehwan shrine, 88 devotees were killed.", [(K, 88, 88, "exact")]),
    ("The May 2015 attack on a bus in Karachi left 45 people dead.", [(K, 45, 45, "exact")]),
    (
        "Nine worshippers were killed and nearly fifty injured at the church.",
        [(K, 9, 9, "exact"), (W, 50, 50, "about")],
    ),
    ("The convoy bombing killed 26 seminary students.", [(K, 26, 26, "exact")]),
    ("Up to 30,000 fighters have joined the group worldwide.", [(J, 30000, 30000, "up_to")]),
    ("The blast killed 15 people, among them eight soldiers.", [(K, 15, 15, "exact")]),
    ("Twenty-six madressah students lost their lives.", [(K, 26, 26, "exact")]),
    ("Hundreds of worshippers were injured.", [(W, 200, None, "at_least")]),
    ("Dozens of suspects were arrested after the attack.", [(A, 24, None, "at_least")]),
]:
    excerpt("en", text, figures)  # type: ignore[arg-type]

# --- Pashto and Sindhi, where the same tables carry ------------------------------------------
for text, flags in [
    ("په سهون کې ۱۲۰ کسان ووژل شول.", [EXCEEDS]),
    ("په سهون کې لږ تر لږه ۸۸ کسان ووژل شول.", []),
    ("په چاودنه کې ۴۰۰ کسان ټپيان شول.", [EXCEEDS]),
    ("داعش پر زيارت برید وکړ.", [DISPUTED]),
]:
    claim("ps", text, "sehwan", flags)
for text, flags in [
    ("سيهوڻ ۾ ۱۲۰ ماڻهو مارجي ويا.", [EXCEEDS]),
    ("سيهوڻ ۾ گهٽ ۾ گهٽ ۸۸ ماڻهو مارجي ويا.", []),
    ("ڌماڪي ۾ ۴۰۰ ماڻهو زخمي ٿيا.", [EXCEEDS]),
    ("داعش درگاهه تي حملو ڪيو.", [DISPUTED]),
]:
    claim("sd", text, "sehwan", flags)
excerpt(
    "ps",
    "په حمله کې ۱۵ کسان ووژل شول او ۳۰ ټپيان شول.",
    [(K, 15, 15, "exact"), (W, 30, 30, "exact")],
)
excerpt(
    "sd", "حملي ۾ ۱۵ ماڻهو مارجي ويا ۽ ۳۰ زخمي ٿيا.", [(K, 15, 15, "exact"), (W, 30, 30, "exact")]
)
excerpt("ps", "پولیسو ۱۲ کسان ونيول.", [(A, 12, 12, "exact")])

if __name__ == "__main__":
    (HERE / "evidence.json").write_text(
        json.dumps({"actors": ACTORS, "scenarios": SCENARIOS}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    for name, rows in (("claims.json", claims), ("excerpts.json", excerpts)):
        (HERE / name).write_text(
            "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n",
            encoding="utf-8",
        )
    by_lang = {
        lang: sum(1 for c in claims if c["lang"] == lang) for lang in ("en", "ur", "ps", "sd")
    }
    print(f"{len(claims)} claims {by_lang}, {len(excerpts)} excerpts")
