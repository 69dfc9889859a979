"""Demo content: experts and their comments on both drafts, for `flask consult demo`."""

# Each expert: name, email (use the example.org / example.net / example.com domains only), organisation,
# country (ISO 3166-1 alpha-2 code, upper case), group (one of: "member_state", "international_organisation",
# "civil_society", "industry", "academia", "other").
DEMO_EXPERTS = [
    {  # 0
        "name": "Adaeze Nwosu",
        "email": "adaeze.nwosu@example.org",
        "organisation": "National Firearms Control Commission (example)",
        "country": "NG",
        "group": "member_state",
    },
    {  # 1
        "name": "Tomás Echeverría",
        "email": "tomas.echeverria@example.org",
        "organisation": "Ministry of Security, National Arms Registry (example)",
        "country": "AR",
        "group": "member_state",
    },
    {  # 2
        "name": "Priya Raghunathan",
        "email": "priya.raghunathan@example.net",
        "organisation": "Ministry of Home Affairs, Arms Licensing Division (example)",
        "country": "IN",
        "group": "member_state",
    },
    {  # 3
        "name": "Henrik Sundqvist",
        "email": "henrik.sundqvist@example.net",
        "organisation": "National Police Board, Weapons Unit (example)",
        "country": "SE",
        "group": "member_state",
    },
    {  # 4
        "name": "Mele Taufa",
        "email": "mele.taufa@example.com",
        "organisation": "Ministry of Police and Border Security (example)",
        "country": "TO",
        "group": "member_state",
    },
    {  # 5
        "name": "Jean-Baptiste Mukendi",
        "email": "jb.mukendi@example.org",
        "organisation": "National Commission for the Control of Small Arms (example)",
        "country": "CD",
        "group": "member_state",
    },
    {  # 6
        "name": "Nadia Haddad",
        "email": "nadia.haddad@example.org",
        "organisation": "Regional Centre on Small Arms (example)",
        "country": "KE",
        "group": "international_organisation",
    },
    {  # 7
        "name": "Lukas Brenner",
        "email": "lukas.brenner@example.net",
        "organisation": "International Police Cooperation Office, Firearms Programme (example)",
        "country": "FR",
        "group": "international_organisation",
    },
    {  # 8
        "name": "Ana Lucía Quispe",
        "email": "analucia.quispe@example.com",
        "organisation": "Inter-American Committee on Firearms Control (example)",
        "country": "PE",
        "group": "international_organisation",
    },
    {  # 9
        "name": "Fatima Zahra Benali",
        "email": "fz.benali@example.org",
        "organisation": "Small Arms Research Network (example)",
        "country": "CH",
        "group": "civil_society",
    },
    {  # 10
        "name": "Kwame Asante",
        "email": "kwame.asante@example.net",
        "organisation": "West African Action Network on Small Arms (example)",
        "country": "GH",
        "group": "civil_society",
    },
    {  # 11
        "name": "Rafael Moreira",
        "email": "rafael.moreira@example.com",
        "organisation": "Association of Sporting and Defence Arms Manufacturers (example)",
        "country": "BR",
        "group": "industry",
    },
    {  # 12
        "name": "Giulia Ferrante",
        "email": "giulia.ferrante@example.com",
        "organisation": "Precision Marking Systems (example)",
        "country": "IT",
        "group": "industry",
    },
    {  # 13
        "name": "Yuki Tanabe",
        "email": "yuki.tanabe@example.org",
        "organisation": "Institute for Peace and Security Studies, University (example)",
        "country": "JP",
        "group": "academia",
    },
    {  # 14
        "name": "Imogen Fairweather",
        "email": "imogen.fairweather@example.net",
        "organisation": "Centre for Forensic Science, University (example)",
        "country": "GB",
        "group": "academia",
    },
    {  # 15
        "name": "Daniel Okafor-Lindqvist",
        "email": "daniel.okafor@example.com",
        "organisation": "Independent consultant, arms embargo monitoring",
        "country": "CA",
        "group": "other",
    },
]

# Each thread: a top-level comment and its replies.
#   module: "isacs-05-30" or "isacs-05-31"
#   find: a substring that occurs in exactly ONE block of that module file (a paragraph, list item, note,
#         table or quote — not a heading line), copied exactly from the file, 20-60 characters long;
#         or None for a general comment on the module as a whole.
#   author: index into DEMO_EXPERTS
#   type: "general", "technical" or "editorial"
#   body: the comment, Markdown allowed (short paragraphs, maybe a bullet list or *emphasis*), 1-6 sentences
#   proposed_change: None, or the FULL replacement text for that block (the block's text with the expert's
#         edits applied — it will be shown as a word-level diff against the original, so keep most words
#         identical and change a few); only for comments with a `find`
#   edited_body: None, or a revised version of body (the author edited their comment later)
#   withdrawn: True/False (a few comments, e.g. 2, withdrawn by their author)
#   replies: list of {"author": int, "body": str, "replies": [...]} nested; at least one thread nested 3 deep
DEMO_THREADS = [
    # ------------------------------------------------------------------ ISACS 05.30
    {
        "module": "isacs-05-30",
        "find": None,
        "author": 5,
        "type": "general",
        "body": (
            "We support the draft, but much of it assumes laser equipment, trained armourers and an "
            "electronic registry in every province. For States emerging from conflict these are goals, "
            "not starting points.\n\n"
            "We ask that Clause 14 be strengthened so that a phased plan is clearly acceptable, and that "
            "the requirements most needed for tracing are identified as the *first* stage."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 6,
                "body": (
                    "Our experience in the region supports this. Marking machines have been donated to "
                    "several States, but many stand idle for lack of spare parts, consumables and trained "
                    "operators. The standard could say that assistance should include maintenance and "
                    "training, not only equipment."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": None,
        "author": 11,
        "type": "general",
        "body": (
            "Manufacturers welcome a single reference text for marking. Changes to marking lines, tooling "
            "and serial number systems take time and investment, however.\n\n"
            "We suggest the document recommend a transition period (for example 24 months) before new "
            "national requirements based on it apply to existing production lines."
        ),
        "proposed_change": None,
        "edited_body": (
            "Manufacturers welcome a single reference text for marking. Changes to marking lines, tooling "
            "and serial number systems take time and investment, however.\n\n"
            "We suggest the document recommend a transition period (for example 24 months) before new "
            "national requirements based on it apply to *existing* production lines. New designs could "
            "comply from the outset."
        ),
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "The ISACS series is planned to be launched in 2012",
        "author": 13,
        "type": "editorial",
        "body": (
            "A planned launch date will be out of date as soon as the standard is published. This belongs "
            "in the covering note for the consultation, not in the Foreword."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": 'In this document, "shall" indicates a requirement',
        "author": 15,
        "type": "editorial",
        "body": (
            "This explanation of verbal forms is helpful, but ISACS 05.31 has no equivalent paragraph. "
            "Both modules should carry the same wording, ideally in the Foreword, so that readers of "
            "either module apply the same conventions."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "any portable lethal weapon that expels or launches",
        "author": 14,
        "type": "editorial",
        "body": (
            "The definition of *small arms and light weapons* is worded differently here and in 3.1 of "
            "ISACS 05.31 (\"capable of causing death\", \"propels\"). The meaning seems the same, but two "
            "wordings invite argument about whether they differ. Please use one text in both modules."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "designed for use by one person",
        "author": 3,
        "type": "editorial",
        "body": (
            "The genus of this definition is plural (\"small arms and light weapons\") while the term is "
            "singular. It should read \"small arm or light weapon\", as ISACS 05.31 already does. The same "
            "applies to 3.3."
        ),
        "proposed_change": "small arm or light weapon (3.1) designed for use by one person",
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "assigned by the manufacturer, that is not assigned by",
        "author": 3,
        "type": "technical",
        "body": (
            "Under 5.7 the national authority assigns serial numbers from a reserved series. As drafted, "
            "such numbers do not meet this definition, because they are not assigned by a manufacturer."
        ),
        "proposed_change": (
            "sequence of letters, digits or both, assigned by the manufacturer or by the national "
            "authority, that is not assigned by the same manufacturer or authority to any other weapon "
            "of the same type or model"
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "NOTE A weapon manufactured without authorization",
        "author": 15,
        "type": "editorial",
        "body": (
            "Notes are supposed to contain no provisions, yet this NOTE in effect extends the definition: "
            "an embargo breach is nowhere mentioned in the definition itself. Either move the embargo "
            "case into the definition or drop it from the NOTE."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "Each State should apply this document through legislation",
        "author": 10,
        "type": "general",
        "body": (
            "Without legislation none of the requirements can be enforced against manufacturers or "
            "dealers. We propose \"shall\" here."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 2,
                "body": (
                    "We cannot support \"shall\". How a State gives effect to a voluntary standard, whether "
                    "by statute, regulation or licence conditions, is a matter for the State."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "Indication that the weapon has been deactivated",
        "author": 4,
        "type": "editorial",
        "body": (
            "Table 1 stops at deactivation, but 5.7 adds a further occasion for marking (weapons found "
            "without an adequate mark). The table should include it, otherwise readers will take the "
            "table as complete."
        ),
        "proposed_change": (
            "| Occasion | Minimum content of the mark | Provisions |\n"
            "|---|---|---|\n"
            "| Manufacture | Name of the manufacturer, country of manufacture and serial number, or an "
            "equivalent unique mark | 5.2, Clause 7 |\n"
            "| Import | Country of import and, where possible, year of import | 5.3, Clause 9 |\n"
            "| Transfer from government stocks to permanent civilian use | Identification of the "
            "transferring State | 5.4 |\n"
            "| Permanent confiscation, where the weapon is retained | Unique mark, if lacking; "
            "identification of the confiscating State is recommended | 5.5 |\n"
            "| Deactivation | Indication that the weapon has been deactivated | 5.6, 13.1 |\n"
            "| Weapon found without an adequate mark | Unique mark from a series reserved by the "
            "national authority | 5.7 |"
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "The mark should be applied as soon as the frame or receiver",
        "author": 10,
        "type": "technical",
        "body": (
            "Unmarked frames in storage or in transit between workshops are a known source of diversion. "
            "This should be a requirement, not a recommendation."
        ),
        "proposed_change": (
            "The mark shall be applied as soon as the frame or receiver exists as an identifiable part, "
            "so that unmarked frames or receivers are not stored, moved or assembled."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 11,
                "body": (
                    "In several processes the frame is heat-treated and finished *after* machining, and a "
                    "mark applied earlier would be degraded. \"Shall\" would be acceptable if it read "
                    "\"before the frame or receiver leaves the production area in which it was made\"."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "A confiscated weapon should not be marked until any tracing",
        "author": 2,
        "type": "technical",
        "body": (
            "This paragraph appears to conflict with the first paragraph of 5.5, which asks for marking "
            "\"as soon as possible\". Please clarify which prevails."
        ),
        "proposed_change": None,
        "edited_body": (
            "This paragraph appears to conflict with the first paragraph of 5.5, which asks for marking "
            "\"as soon as possible\". We read it as meaning that marking waits for tracing and court "
            "proceedings, but the first paragraph should then say \"as soon as possible after any tracing "
            "and proceedings are complete\"."
        ),
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "ammunition packaging should be marked legibly and durably",
        "author": 9,
        "type": "technical",
        "body": (
            "The list omits the importer. For tracing ammunition found in conflict areas, the State of "
            "import is often the most useful lead."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "simple geometric symbols combined with an alphanumeric code",
        "author": 7,
        "type": "technical",
        "body": (
            "Symbol-based marks are the hardest for investigators abroad to interpret. If this form is "
            "allowed, publication of the key should be an obligation, and it should be lodged where all "
            "States can find it."
        ),
        "proposed_change": (
            "Alternatively, the mark may consist of simple geometric symbols combined with an "
            "alphanumeric code, provided that it is unique and that any State can identify the country "
            "of manufacture from it. A State that permits this form shall make the meaning of its "
            "symbols and codes available to other States and to the United Nations."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "the name or code of the manufacturer;",
        "author": 2,
        "type": "editorial",
        "body": (
            "7.6 and Table A.1 speak of a *registered* code. Using the same term here avoids any doubt "
            "about whether an unregistered code is acceptable."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "Portable; legibility falls as dot spacing increases",
        "author": 14,
        "type": "technical",
        "body": (
            "Dot peen marks are usually shallow and, in our laboratory work, are among the hardest to "
            "recover once ground off. Table 2 should say so, since it is the consideration that matters "
            "most for 8.3."
        ),
        "proposed_change": (
            "| Method | Typical use | Considerations |\n"
            "|---|---|---|\n"
            "| Stamping | Metal parts during manufacture | Deforms metal below the surface, which assists "
            "recovery; can distort thin parts |\n"
            "| Engraving | Metal parts; marking after manufacture | Removes material, so recovery can be "
            "harder than for stamped marks |\n"
            "| Dot peen | Finished metal weapons | Portable; marks are often shallow and hard to recover; "
            "legibility falls as dot spacing increases |\n"
            "| Laser marking | Import marks; finished weapons; metal and polymer | Fast and precise; depth "
            "depends on settings and needs verification |\n"
            "| Moulding | Polymer parts | Easily removed on its own; see 8.5 |"
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "The national authority shall set a minimum depth for marks",
        "author": 3,
        "type": "technical",
        "body": (
            "The minimum depth should be a figure in the standard, not left to each State. If every "
            "State sets its own depth, a weapon lawfully marked in one State may be considered "
            "inadequately marked in another.\n\n"
            "We suggest a common floor for metal and a higher one for polymer, set out in a new annex, "
            "with States free to set deeper values."
        ),
        "proposed_change": (
            "The national authority shall set a minimum depth for marks on the frame or receiver, "
            "separately for metal surfaces and for polymer surfaces, not less than the values given in "
            "Annex C, and shall publish the depths it has set."
        ),
        "edited_body": (
            "The minimum depth should be a figure in the standard, not left to each State. If every "
            "State sets its own depth, a weapon lawfully marked in one State may be considered "
            "inadequately marked in another.\n\n"
            "We suggest a common floor for metal and a higher one for polymer, set out in a new annex, "
            "with States free to set deeper values. The exact figures could be settled at the comment-resolution meeting on the "
            "basis of forensic advice."
        ),
        "withdrawn": False,
        "replies": [
            {
                "author": 11,
                "body": (
                    "A single figure ignores wall thickness. Some slides and small frames cannot take a "
                    "deep stamp without weakening the part, which 8.4.1 itself forbids."
                ),
                "replies": [
                    {
                        "author": 14,
                        "body": (
                            "Recovery research suggests depth matters more than the marking method. A floor "
                            "figure with a documented exception for thin sections would respect both "
                            "concerns: the manufacturer notifies the part and the reduced depth to the "
                            "national authority."
                        ),
                        "replies": [
                            {
                                "author": 3,
                                "body": (
                                    "We could accept a floor with a notified exception for thin sections. "
                                    "Could the editors add the figures as an informative table first, so "
                                    "States can test them before they become normative?"
                                ),
                                "replies": [
                                    {
                                        "author": 6,
                                        "body": (
                                            "Please check any figures against those already agreed in "
                                            "regional instruments. Two different sets of numbers would "
                                            "put States in our region in an impossible position."
                                        ),
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "shall carry the mark applied at manufacture on a metal plate",
        "author": 11,
        "type": "technical",
        "body": (
            "The embedded plate requirement is hard for some manufacturers, particularly small producers "
            "whose moulding processes were not designed for inserts. Serialized metal chassis inside the "
            "polymer housing achieve the same result.\n\n"
            "We propose allowing equivalent solutions approved by the national authority."
        ),
        "proposed_change": (
            "A frame or receiver made wholly or mainly of polymer shall carry the mark applied at "
            "manufacture on a metal plate or other metal component embedded in the polymer during "
            "manufacture, or by another means that the national authority has approved as equally "
            "resistant to removal."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 14,
                "body": (
                    "\"Equally resistant\" needs a test behind it, otherwise each authority will judge "
                    "differently. A short informative annex describing a removal test would help."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "It should also show the year of import where possible.",
        "author": 10,
        "type": "technical",
        "body": (
            "The year of import should be mandatory. Without it, a weapon carrying two import marks "
            "cannot be placed in order, and the most recent importer cannot be identified."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": True,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "The import mark should be applied by laser marking.",
        "author": 5,
        "type": "technical",
        "body": (
            "Many customs posts have no laser equipment and no reliable power supply. Stamping or dot "
            "peen, correctly applied, should be named as acceptable alternatives so that States are not "
            "seen as non-compliant for lack of a laser."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 12,
                "body": (
                    "Battery-powered portable lasers now exist, but their cost is real. The second sentence "
                    "already allows any method that meets 8.2 to 8.4; perhaps the first sentence could "
                    "simply list laser as one suitable method among several."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "Each State should establish as an offence the unauthorized",
        "author": 15,
        "type": "technical",
        "body": (
            "States party to the Firearms Protocol are already obliged to criminalize the alteration of "
            "marks. A \"should\" here sits below that commitment."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 13,
                "body": (
                    "For clarity: in a voluntary standard a \"shall\" binds only a State that chooses to "
                    "adopt the module, so this change would not create a new obligation. The Foreword "
                    "already says that restated commitments derive from the original instrument."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "All other records, including records of import and export,",
        "author": 9,
        "type": "technical",
        "body": (
            "The 20-year retention period is too short for weapons that last decades. Rifles exported in "
            "the 1980s are still being recovered, and the import record is exactly what a trace needs.\n\n"
            "We propose at least 30 years for all records, and indefinite retention for government "
            "stocks."
        ),
        "proposed_change": (
            "All other records, including records of import and export, shall be kept for at least 30 "
            "years."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 4,
                "body": (
                    "For a small administration with paper files, every extra decade means more storage we "
                    "do not have. Longer periods make sense only together with support for digitization."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "Retention periods should run from the last entry",
        "author": 13,
        "type": "technical",
        "body": (
            "The starting point of the period determines whether the minimum means anything. It should "
            "be a requirement."
        ),
        "proposed_change": None,
        "edited_body": (
            "The starting point of the period determines whether the minimum means anything: counted from "
            "manufacture, a 20-year period can expire while the weapon is still in service. It should be "
            "a requirement."
        ),
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "The deactivation mark shall be placed on the frame",
        "author": 7,
        "type": "technical",
        "body": (
            "Parts from deactivated weapons are reused to rebuild working ones. The deactivation mark "
            "should also appear on the barrel and on any other pressure-bearing part that remains with "
            "the weapon."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "Where weapons are destroyed in large numbers",
        "author": 5,
        "type": "general",
        "body": (
            "Individual recording is the right aim, but after a disarmament programme we may destroy "
            "tens of thousands of weapons in a few weeks. A recorded sample with totals by type should "
            "be acceptable in such cases."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 10,
                "body": (
                    "We disagree. Weapons \"destroyed\" in bulk have reappeared on the market before; only "
                    "an item-by-item record shows it. Assistance for recording should be built into "
                    "destruction programmes instead."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-30",
        "find": "A State may request assistance with marking equipment",
        "author": 6,
        "type": "general",
        "body": (
            "This paragraph could encourage donors and recipients to agree on *compatible* equipment and "
            "record formats within a region, so that assistance does not produce a patchwork of systems "
            "that cannot exchange data."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-30",
        "find": "XA EXA 11 M11 A123456 9x19",
        "author": 2,
        "type": "editorial",
        "body": (
            "The example uses a two-digit year (\"11\"), while the model record in B.3 and Table B.1 use "
            "four digits. A four-digit year avoids ambiguity for older weapons."
        ),
        "proposed_change": "> XA EXA 2011 M11 A123456 9x19",
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    # ------------------------------------------------------------------ ISACS 05.31
    {
        "module": "isacs-05-31",
        "find": None,
        "author": 8,
        "type": "general",
        "body": (
            "A clear and well-ordered module. A simple flow diagram of the five steps in 4.2, showing "
            "where national and international tracing loop back, would help practitioners who are new "
            "to tracing."
        ),
        "proposed_change": None,
        "edited_body": (
            "A clear and well-ordered module. A simple flow diagram of the five steps in 4.2, showing "
            "where national and international tracing loop back, would help practitioners who are new "
            "to tracing. It could sit in a new informative annex so as not to interrupt the text."
        ),
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": None,
        "author": 9,
        "type": "general",
        "body": (
            "The module says little about transparency. Aggregated results of tracing (how many traces, "
            "how many reached a point of diversion, the main categories of diversion) should be reported "
            "publicly, not only to the United Nations."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 2,
                "body": (
                    "Aggregated figures are one thing, but even category-level results can reveal ongoing "
                    "investigations. Publication should remain a national decision, as 11.4 implies."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-31",
        "find": "Comments are collected in the ISACS comment template",
        "author": 13,
        "type": "editorial",
        "body": (
            "Useful during consultation, but this paragraph and the next describe the drafting process "
            "and will not belong in the published standard. Suggest moving them to the consultation "
            "notice."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "unlawful under the law of the State in whose jurisdiction",
        "author": 15,
        "type": "technical",
        "body": (
            "5.1 treats embargo breaches as a ground for tracing, and ISACS 05.30 mentions them under its "
            "definition, but this definition does not. The embargo case should appear here explicitly."
        ),
        "proposed_change": (
            "(of a weapon) unlawful under the law of the State in whose jurisdiction the weapon is found, "
            "transferred in breach of an arms embargo decided by the Security Council or otherwise "
            "contrary to the International Tracing Instrument, or lacking the marks that instrument "
            "requires"
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "sets minimum retention periods of 30 years for manufacturing",
        "author": 13,
        "type": "editorial",
        "body": (
            "Repeating the figures from ISACS 05.30 means two texts to keep aligned; the retention periods "
            "are already under discussion there. A plain cross-reference is safer."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "the weapon was manufactured before 1946.",
        "author": 10,
        "type": "technical",
        "body": (
            "A fixed cut-off of 1946 is arbitrary. Rifles of that age are still in use in several conflicts "
            "in our region, and excluding them by default removes them from analysis of supply routes."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 15,
                "body": (
                    "The exception is permissive (\"may decide not to\"), and the EXAMPLE shows a State "
                    "tracing an old rifle anyway. Perhaps the concern is better met by asking States to "
                    "record such weapons even when they are not traced, as the next paragraph already "
                    "does."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-31",
        "find": "weapons recovered in large numbers, or in circumstances",
        "author": 6,
        "type": "general",
        "body": (
            "Weapons recovered by peace operations or during disarmament programmes deserve explicit "
            "mention among the priorities; they often reveal cross-border supply."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "attempt to recover them using suitable forensic techniques",
        "author": 14,
        "type": "technical",
        "body": (
            "Cleaning, test-firing or casual handling can destroy the traces that recovery depends on. "
            "The text should say that recovery is attempted by trained personnel before these steps."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "should confirm the presence and integrity of the embedded",
        "author": 11,
        "type": "technical",
        "body": (
            "Polymer-framed models designed before any embedded plate requirement do not have one. "
            "Absence of a plate on such models should not be recorded as a sign of tampering; the "
            "identification should first check the model's original configuration."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "Each State shall designate one national point of contact",
        "author": 1,
        "type": "technical",
        "body": (
            "In a federal State, records are held by provincial as well as national authorities. "
            "Requiring exactly *one* point of contact is workable only if others can support it."
        ),
        "proposed_change": (
            "Each State shall designate one national point of contact for tracing. A State with a "
            "federal structure may designate additional points of contact, provided that the national "
            "point of contact coordinates them."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "which should be staffed by personnel trained in tracing",
        "author": 4,
        "type": "editorial",
        "body": (
            "As written, \"which should be staffed\" grammatically refers to the working languages. "
            "Splitting the sentence removes the ambiguity."
        ),
        "proposed_change": (
            "The contact details should include a means of secure electronic communication and the "
            "working languages of the point of contact. The point of contact should be staffed by "
            "personnel trained in tracing and weapon identification."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "A tracing request should be written in one of the working",
        "author": 4,
        "type": "general",
        "body": (
            "Small administrations cannot translate requests into many languages. It would help if the "
            "module encouraged States to accept requests in at least one widely used language, in "
            "addition to their own."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "the last lawful holder of the weapon known to the requested",
        "author": 3,
        "type": "technical",
        "body": (
            "Where the last lawful holder is a private individual, this item requires the disclosure of "
            "personal data. A cross-reference to 11.3 is needed, so that the requested State can supply "
            "the information in a form that protects it."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "A requested State may delay a response, or restrict its",
        "author": 9,
        "type": "technical",
        "body": (
            "\"Prejudice national security\" is broad enough to cover almost any refusal. The requested "
            "State should at least be obliged to give its reasons."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": True,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "including as evidence in judicial proceedings",
        "author": 2,
        "type": "general",
        "body": (
            "Seeking consent after the fact delays prosecutions by months. Requesting States should be "
            "encouraged to state evidential use in the request itself."
        ),
        "proposed_change": None,
        "edited_body": (
            "Seeking consent after the fact delays prosecutions by months. Requesting States should be "
            "encouraged to state evidential use in the request itself, as the model wording in A.3 "
            "already does; a cross-reference to 9.3.1 item c) would make the link clear."
        ),
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "This subclause is to be reviewed once the system is in",
        "author": 13,
        "type": "editorial",
        "body": (
            "An instruction to the drafters does not belong in a NOTE of the published text. Record it in "
            "the secretariat's work plan instead."
        ),
        "proposed_change": (
            "NOTE The operational details of iARMS were not settled at the time of drafting."
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "When the system becomes available, States should consider",
        "author": 8,
        "type": "general",
        "body": (
            "A standard should not depend on a system that is not yet in service. We suggest a neutral "
            "reference to \"international databases of illicit weapons\", with iARMS given as an example."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 7,
                "body": (
                    "The text already presents the system as planned and only asks States to *consider* "
                    "it. A neutral formulation is fine, but the example is worth keeping so that States "
                    "can prepare."
                ),
                "replies": [],
            },
        ],
    },
    {
        "module": "isacs-05-31",
        "find": "the next reports on the implementation of the International",
        "author": 0,
        "type": "editorial",
        "body": "This date will be past by the time the module is launched. Suggest deleting the NOTE.",
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "Reasons the weapon is considered illicit",
        "author": 15,
        "type": "technical",
        "body": (
            "The request template lacks a field for the embargo reference. Where a weapon is suspected of "
            "breaching a Security Council embargo, the requested State needs the resolution concerned to "
            "decide how to handle the request."
        ),
        "proposed_change": (
            "| Field | Content | Supplied by | Basis |\n"
            "|---|---|---|---|\n"
            "| Reference number | Unique number assigned to the request | Requesting State | 9.3.1 |\n"
            "| Requesting State and point of contact | Name of the State, national point of contact, "
            "contact details | Requesting State | 9.3.1 |\n"
            "| Date of request | Date on which the request is sent | Requesting State | 9.3.1 |\n"
            "| Circumstances of recovery | Date, place and context of finding or seizure | Requesting "
            "State | 9.3.1 |\n"
            "| Grounds for illicit status | Reasons the weapon is considered illicit | Requesting State | "
            "9.3.1 |\n"
            "| Embargo reference | Security Council resolution concerned, where an embargo breach is "
            "suspected | Requesting State | 5.1 |\n"
            "| Intended use of information | Purposes for which the information will be used | "
            "Requesting State | 9.3.1 |\n"
            "| Marks | All marks on the weapon as they appear | Requesting State | 9.3.1 and 6.3.2 |\n"
            "| Type and calibre | Type of weapon and its calibre | Requesting State | 9.3.1 |\n"
            "| Make and model | As identified by the requesting State | Requesting State | 9.3.2 |\n"
            "| Photographs and additional data | Images of the weapon and its marks, other features | "
            "Requesting State | 9.3.2 and 6.3.3 |\n"
            "| Results of national tracing | Summary of records consulted and findings | Requesting State "
            "| 9.3.2 |\n"
            "| Urgency and handling limits | Degree of urgency, reasons, conditions on handling | "
            "Requesting State | 9.3.2 |\n"
            "| Acknowledgement | Date of receipt and reference of the requested State | Requested State | "
            "10.1 |\n"
            "| Record findings | Manufacture, import, transfer, holder, loss or theft | Requested State | "
            "10.3 |\n"
            "| Onward State | State to which a further request can be addressed | Requested State | 10.3 "
            "and 10.5 |\n"
            "| Restrictions on use | Limits on the use and disclosure of the information | Requested State "
            "| 10.4 and 11.1 |"
        ),
        "edited_body": None,
        "withdrawn": False,
        "replies": [],
    },
    {
        "module": "isacs-05-31",
        "find": "Values suited to States with different levels of capacity",
        "author": 3,
        "type": "technical",
        "body": (
            "Since comments are invited: we suggest acknowledgement within 10 working days and a full "
            "response within 30 days, with an interim response every 30 days thereafter. Common default "
            "values are more useful than seven national ones."
        ),
        "proposed_change": None,
        "edited_body": None,
        "withdrawn": False,
        "replies": [
            {
                "author": 5,
                "body": (
                    "With paper registries spread across provinces, 30 days is not achievable for us. We "
                    "could commit to 90 days with interim responses, and acknowledgement within 15 days."
                ),
                "replies": [
                    {
                        "author": 8,
                        "body": (
                            "Perhaps the annex could give two reference values, one for States with "
                            "electronic records and one for States still relying on paper, rather than a "
                            "single figure."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
]
