"""Validated instruments declared as data: items in Swedish and English, the response scale,
subscales, reverse-scored items and the source.

Every item says how close it is to the published text: ``PARAPHRASE`` is the published
item or a close paraphrase of it, as far as the program could establish it (``checked``
says against what); ``CONSTRUCT`` is written for the program to
the published subscale, because the published wording could not be found. Each instrument's
``checked`` says what was compared with which source, and ``unchecked`` what was not; the
pages show both. The Swedish texts are the program's own translation, and the pages say so.
"""

from dataclasses import dataclass, field

PARAPHRASE = "paraphrase"
CONSTRUCT = "construct"


@dataclass(frozen=True)
class ResponseScale:
    """Points 1..n, with a label in each language for every point (first = 1)."""

    labels_sv: tuple[str, ...]
    labels_en: tuple[str, ...]

    @property
    def points(self) -> int:
        return len(self.labels_sv)


@dataclass(frozen=True)
class Subscale:
    key: str
    name_sv: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv


@dataclass(frozen=True)
class Item:
    key: str
    subscale: str
    sv: str
    en: str
    reverse: bool = False
    wording: str = PARAPHRASE


@dataclass(frozen=True)
class Instrument:
    key: str
    name_sv: str
    name_en: str
    citation: str
    scale: ResponseScale
    subscales: tuple[Subscale, ...]
    items: tuple[Item, ...]
    # What a reader should know: who answers, how many of the published items are here.
    note_sv: str
    note_en: str
    # In English, as the sources are: what was compared with which source, and what was not.
    checked: str = ""
    unchecked: tuple[str, ...] = field(default_factory=tuple)

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv

    def note(self, language: str) -> str:
        return self.note_en if language == "en" else self.note_sv

    def items_of(self, subscale: str) -> list[Item]:
        return [item for item in self.items if item.subscale == subscale]

    def question_key(self, item: Item) -> str:
        return f"{self.key}-{item.key}"

    def item_for(self, question_key: str) -> Item | None:
        for item in self.items:
            if self.question_key(item) == question_key:
                return item
        return None


AGREE_5 = ResponseScale(
    labels_sv=(
        "Instämmer inte alls",
        "Instämmer inte",
        "Varken eller",
        "Instämmer",
        "Instämmer helt",
    ),
    labels_en=(
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ),
)

AGREE_4 = ResponseScale(
    labels_sv=("Instämmer inte alls", "Instämmer inte", "Instämmer", "Instämmer helt"),
    labels_en=("Strongly disagree", "Disagree", "Agree", "Strongly agree"),
)

WICS = Instrument(
    key="wics",
    name_sv="Generationsklimatet på arbetsplatsen (WICS)",
    name_en="Workplace Intergenerational Climate Scale (WICS)",
    citation=(
        "King, S. P., & Bryant, F. B. (2017). The Workplace Intergenerational Climate Scale "
        "(WICS): A self-report instrument measuring ageism in the workplace. Journal of "
        "Organizational Behavior, 38. https://doi.org/10.1002/job.2118"
    ),
    scale=AGREE_5,
    subscales=(
        Subscale(
            "inclusiveness",
            "Generationsinkludering på arbetsplatsen",
            "Workplace generational inclusiveness",
        ),
        Subscale(
            "stereotypes", "Frånvaro av generationsstereotyper", "Lack of generational stereotypes"
        ),
        Subscale(
            "affect", "Positiva känslor mellan generationer", "Positive intergenerational affect"
        ),
        Subscale("contact", "Kontakt mellan generationer", "Intergenerational contact"),
        Subscale(
            "retention",
            "Att arbetsplatsen behåller medarbetare i alla åldrar",
            "Workplace intergenerational retention",
        ),
    ),
    items=(
        Item(
            "inclusiveness-1",
            "inclusiveness",
            "Min arbetsplats värdesätter det som medarbetare i alla generationer bidrar med.",
            "My workplace values the contributions of employees of all generations.",
            wording=CONSTRUCT,
        ),
        Item(
            "inclusiveness-2",
            "inclusiveness",
            "På min arbetsplats har medarbetare i alla generationer samma möjligheter.",
            "At my workplace, employees of every generation have the same opportunities.",
            wording=CONSTRUCT,
        ),
        Item(
            "inclusiveness-3",
            "inclusiveness",
            "Min arbetsplats får medarbetare i vissa generationer att känna sig mindre välkomna.",
            "My workplace makes employees of some generations feel less welcome.",
            reverse=True,
            wording=CONSTRUCT,
        ),
        Item(
            "stereotypes-1",
            "stereotypes",
            "På min arbetsplats bedöms ingen efter vilken generation hen tillhör.",
            "At my workplace, nobody is judged by the generation they belong to.",
            wording=CONSTRUCT,
        ),
        Item(
            "stereotypes-2",
            "stereotypes",
            "På min arbetsplats antar man att kollegor i en viss generation tänker likadant.",
            "At my workplace, people assume that colleagues of one generation all think alike.",
            reverse=True,
            wording=CONSTRUCT,
        ),
        Item(
            "stereotypes-3",
            "stereotypes",
            "På min arbetsplats ses äldre och yngre kollegor som individer, inte som en åldersgrupp.",
            "At my workplace, older and younger colleagues are seen as individuals, not as an age group.",
            wording=CONSTRUCT,
        ),
        Item(
            "affect-1",
            "affect",
            "Jag tycker om att arbeta med kollegor från andra generationer.",
            "I enjoy working with colleagues from other generations.",
            wording=CONSTRUCT,
        ),
        Item(
            "affect-2",
            "affect",
            "Jag känner mig bekväm med kollegor som är mycket äldre eller yngre än jag.",
            "I feel comfortable with colleagues who are much older or younger than I am.",
            wording=CONSTRUCT,
        ),
        Item(
            "affect-3",
            "affect",
            "Att arbeta med kollegor från andra generationer är ofta frustrerande.",
            "Working with colleagues from other generations is often frustrating.",
            reverse=True,
            wording=CONSTRUCT,
        ),
        Item(
            "contact-1",
            "contact",
            "Jag arbetar regelbundet tillsammans med kollegor från andra generationer.",
            "I regularly work together with colleagues from other generations.",
            wording=CONSTRUCT,
        ),
        Item(
            "contact-2",
            "contact",
            "Jag pratar med kollegor från andra generationer även om annat än arbetsuppgifter.",
            "I talk with colleagues from other generations about more than work tasks.",
            wording=CONSTRUCT,
        ),
        Item(
            "contact-3",
            "contact",
            "Jag har sällan något att göra med kollegor som är mycket äldre eller yngre än jag.",
            "I seldom deal with colleagues who are much older or younger than I am.",
            reverse=True,
            wording=CONSTRUCT,
        ),
        Item(
            "retention-1",
            "retention",
            "Min arbetsplats anstränger sig för att behålla medarbetare i alla åldrar.",
            "My workplace makes an effort to keep employees of all ages.",
            wording=CONSTRUCT,
        ),
        Item(
            "retention-2",
            "retention",
            "På min arbetsplats uppmuntras erfarna äldre medarbetare att stanna kvar.",
            "At my workplace, experienced older employees are encouraged to stay on.",
            wording=CONSTRUCT,
        ),
        Item(
            "retention-3",
            "retention",
            "På min arbetsplats får äldre medarbetare känna att det är dags för dem att sluta.",
            "At my workplace, older employees are made to feel it is time for them to leave.",
            reverse=True,
            wording=CONSTRUCT,
        ),
    ),
    note_sv=(
        "Skalans fem delskalor om klimatet mellan generationer på arbetsplatsen, med tre "
        "påståenden var. Påståendena är skrivna för programmet efter delskalornas namn, "
        "inte den publicerade formuleringen, som programmet inte har kunnat ta del av."
    ),
    note_en=(
        "The scale's five subscales on the climate between generations at work, three "
        "statements each. The statements are written for the program to the subscales' "
        "names, not the published wording, which the program could not obtain."
    ),
    checked=(
        "Subscale names against the article's summary (King & Bryant 2017): intergenerational "
        "contact, workplace intergenerational retention, positive intergenerational affect, "
        "workplace generational inclusiveness, lack of generational stereotypes."
    ),
    unchecked=(
        "item wording",
        "number of items per subscale (the Spanish validation, Rodríguez-Gómez et al. 2024, "
        "reports 20 items in the original)",
        "response scale",
    ),
)

MFQ9 = Instrument(
    key="mfq9",
    name_sv="Mentorskapets funktioner, nio påståenden (MFQ-9)",
    name_en="Mentoring Functions Questionnaire, nine items (MFQ-9)",
    citation=(
        "Castro, S. L., Scandura, T. A., & Williams, E. A. (2004). Validity of Scandura and "
        "Ragins' (1993) multidimensional mentoring measure: An evaluation and refinement. "
        "Management Faculty Articles and Papers, 7, University of Miami. "
        "http://scholarlyrepository.miami.edu/management_articles/7"
    ),
    scale=AGREE_5,
    subscales=(
        Subscale("career", "Karriärstöd", "Career support"),
        Subscale("psychosocial", "Psykosocialt stöd", "Psychosocial support"),
        Subscale("role", "Förebild", "Role modelling"),
    ),
    items=(
        Item(
            "career-1",
            "career",
            "Min mentor visar ett personligt intresse för min karriär.",
            "My mentor takes a personal interest in my career.",
        ),
        Item(
            "career-2",
            "career",
            "Min mentor hjälper mig att samordna mina yrkesmässiga mål.",
            "My mentor helps me coordinate my professional goals.",
        ),
        Item(
            "career-3",
            "career",
            "Min mentor har ägnat särskild tid och omtanke åt min karriär.",
            "My mentor has devoted special time and consideration to my career.",
        ),
        Item(
            "psychosocial-1",
            "psychosocial",
            "Jag delar personliga problem med min mentor.",
            "I share personal problems with my mentor.",
        ),
        Item(
            "psychosocial-2",
            "psychosocial",
            "Jag och min mentor anförtror varandra saker i förtroende.",
            "I exchange confidences with my mentor.",
        ),
        Item(
            "psychosocial-3",
            "psychosocial",
            "Jag ser min mentor som en vän.",
            "I consider my mentor to be a friend.",
        ),
        Item(
            "role-1",
            "role",
            "Jag försöker ta efter min mentors sätt att agera.",
            "I try to model my behaviour on my mentor's.",
        ),
        Item(
            "role-2",
            "role",
            "Jag beundrar min mentors förmåga att motivera andra.",
            "I admire my mentor's ability to motivate others.",
        ),
        Item(
            "role-3",
            "role",
            "Jag respekterar min mentors förmåga att lära andra.",
            "I respect my mentor's ability to teach others.",
        ),
    ),
    note_sv=(
        "Besvaras av den som får mentorskap: i omvänt mentorskap adepten, om sin juniora "
        "mentor. Tre delskalor med tre påståenden var."
    ),
    note_en=(
        "Answered by the person who is mentored: in reverse mentoring the mentee, about "
        "their junior mentor. Three subscales of three statements each."
    ),
    checked=(
        "Nine items in three subscales, against the paper's summary (Castro, Scandura & "
        "Williams 2004). The item list (MFQ-9.pdf in the University of Miami repository) could "
        "not be obtained; the English items are as the program recalls them."
    ),
    unchecked=("item wording", "response scale"),
)

FSA = Instrument(
    key="fsa",
    name_sv="Frabonis skala för ålderism (FSA), urval",
    name_en="Fraboni Scale of Ageism (FSA), selection",
    citation=(
        "Fraboni, M., Saltstone, R., & Hughes, S. (1990). The Fraboni Scale of Ageism (FSA): "
        "An attempt at a more precise measure of ageism. Canadian Journal on Aging, 9(1), 56–66."
    ),
    scale=AGREE_4,
    subscales=(
        Subscale("antilocution", "Nedsättande omdömen", "Antilocution"),
        Subscale("discrimination", "Diskriminering", "Discrimination"),
        Subscale("avoidance", "Undvikande", "Avoidance"),
    ),
    items=(
        Item(
            "antilocution-1",
            "antilocution",
            "Många äldre är snåla och samlar på sina pengar och ägodelar.",
            "Many old people are stingy and hoard their money and possessions.",
        ),
        Item(
            "antilocution-2",
            "antilocution",
            "Många äldre lever bara i det förflutna.",
            "Many old people just live in the past.",
        ),
        Item(
            "antilocution-3",
            "antilocution",
            "Äldre klagar mer än andra människor.",
            "Old people complain more than other people do.",
        ),
        Item(
            "antilocution-4",
            "antilocution",
            "De flesta äldre kan vara irriterande eftersom de berättar samma historier om och om igen.",
            "Most old people can be irritating because they tell the same stories over and over again.",
        ),
        Item(
            "antilocution-5",
            "antilocution",
            "Självmord bland tonåringar är mer tragiskt än självmord bland äldre.",
            "Teenage suicide is more tragic than suicide among the old.",
        ),
        Item(
            "discrimination-1",
            "discrimination",
            "De flesta äldre borde inte få förnya sitt körkort.",
            "Most old people should not be allowed to renew their drivers licenses.",
        ),
        Item(
            "discrimination-2",
            "discrimination",
            "Äldre behöver egentligen inte använda kommunens idrottsanläggningar.",
            "Old people don't really need to use our community sports facilities.",
        ),
        Item(
            "discrimination-3",
            "discrimination",
            "De flesta äldre borde inte anförtros att ta hand om spädbarn.",
            "Most old people should not be trusted to take care of infants.",
        ),
        Item(
            "discrimination-4",
            "discrimination",
            "Äldre förtjänar samma rättigheter och friheter som andra i vårt samhälle.",
            "Old people deserve the same rights and freedoms as do other members of our society.",
            reverse=True,
        ),
        Item(
            "discrimination-5",
            "discrimination",
            "Sällskap med de flesta äldre är riktigt trevligt.",
            "The company of most old people is quite enjoyable.",
            reverse=True,
        ),
        Item(
            "avoidance-1",
            "avoidance",
            "Ibland undviker jag ögonkontakt med äldre när jag ser dem.",
            "I sometimes avoid eye contact with old people when I see them.",
        ),
        Item(
            "avoidance-2",
            "avoidance",
            "Jag tycker inte om när äldre försöker inleda ett samtal med mig.",
            "I don't like it when old people try to make conversation with me.",
        ),
        Item(
            "avoidance-3",
            "avoidance",
            "Själv skulle jag inte vilja tillbringa mycket tid med en äldre person.",
            "I personally would not want to spend much time with an old person.",
        ),
    ),
    note_sv=(
        "13 av skalans 29 påståenden; en högre poäng betyder mer ålderism. Summan är inte "
        "jämförbar med den publicerade skalans."
    ),
    note_en=(
        "13 of the scale's 29 statements; a higher score means more ageism. The score is not "
        "comparable with the published scale's."
    ),
    checked=(
        "English wording and subscale of each item against a reproduction of all 29 items "
        "with Fraboni's factor codes (scales.arabpsychology.com, Fraboni Scale of Ageism), "
        "not against the 1990 article; there the driving licence item's wording and code are "
        "cut off, and its wording is taken from the Chinese validation's English item list "
        "(BMC Medical Education 2020, doi:10.1186/s12909-020-02111-7, which says 'elderly')."
    ),
    unchecked=(
        "wording against the 1990 article",
        "subscale of the driving licence item",
        "response scale labels",
    ),
)

# The seven-point agreement scale; the published anchors of the end points are assumed, the
# middle labels are the program's.
AGREE_7 = ResponseScale(
    labels_sv=(
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer inte riktigt",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
    ),
    labels_en=(
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ),
)

AAS = Instrument(
    key="aas",
    name_sv="Skala för ambivalent ålderism (AAS)",
    name_en="Ambivalent Ageism Scale (AAS)",
    citation=(
        "Cary, L. A., Chasteen, A. L., & Remedios, J. (2017). The Ambivalent Ageism Scale: "
        "Developing and validating a scale to measure benevolent and hostile ageism. The "
        "Gerontologist, 57(2), e27–e36. https://doi.org/10.1093/geront/gnw118"
    ),
    scale=AGREE_7,
    subscales=(
        Subscale("benevolent", "Välvillig ålderism", "Benevolent ageism"),
        Subscale("hostile", "Fientlig ålderism", "Hostile ageism"),
    ),
    items=(
        # Benevolent: cognitive assistance and physical protection.
        Item(
            "benevolent-1",
            "benevolent",
            "Äldre behöver hjälp att förstå ny teknik.",
            "Older people need help to understand new technology.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-2",
            "benevolent",
            "Det är omtänksamt att tala långsamt och enkelt med äldre så att de hänger med.",
            "It is considerate to speak slowly and simply to older people so that they can follow.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-3",
            "benevolent",
            "Äldre bör skonas från oroande nyheter.",
            "Older people should be spared worrying news.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-4",
            "benevolent",
            "För sin egen skull bör äldre slippa fysiskt krävande uppgifter.",
            "For their own good, older people should be kept from physically demanding tasks.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-5",
            "benevolent",
            "Äldre behöver någon som hjälper dem att fatta viktiga beslut.",
            "Older people need someone to help them make important decisions.",
            wording=CONSTRUCT,
        ),
        # Benevolent: unwanted help.
        Item(
            "benevolent-6",
            "benevolent",
            "Jag erbjuder mig att hjälpa äldre även när de inte har bett om det.",
            "I offer to help older people even when they have not asked for it.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-7",
            "benevolent",
            "Jag bär en äldre persons kassar även om hen säger att hen klarar det själv.",
            "I carry an older person's bags even if they say they can manage.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-8",
            "benevolent",
            "När en äldre person har svårt med något tar jag över.",
            "When an older person struggles with something, I take over.",
            wording=CONSTRUCT,
        ),
        Item(
            "benevolent-9",
            "benevolent",
            "Jag lämnar min plats åt en äldre person även om hen säger att hen hellre står.",
            "I give up my seat to an older person even if they say they would rather stand.",
            wording=CONSTRUCT,
        ),
        Item(
            "hostile-1",
            "hostile",
            "Äldre är en belastning för sjukvården och ekonomin.",
            "Older people are a burden on health care and the economy.",
            wording=CONSTRUCT,
        ),
        Item(
            "hostile-2",
            "hostile",
            "Äldre tar för lätt illa upp.",
            "Older people take offence too easily.",
            wording=CONSTRUCT,
        ),
        Item(
            "hostile-3",
            "hostile",
            "Äldre håller tillbaka yngre kollegor på jobbet.",
            "Older people hold younger colleagues back at work.",
            wording=CONSTRUCT,
        ),
        Item(
            "hostile-4",
            "hostile",
            "Äldre borde kliva åt sidan och ge plats åt yngre.",
            "Older people should step aside and make room for younger people.",
            wording=CONSTRUCT,
        ),
    ),
    note_sv=(
        "13 påståenden: nio om välvillig ålderism (hjälp med att förstå och fysiskt skydd, "
        "ovälkommen hjälp) och fyra om fientlig ålderism, alla skrivna så att den som "
        "instämmer uttrycker ålderism; en högre poäng betyder mer ålderism. Påståendena är "
        "skrivna för programmet efter artikelns beskrivning av delskalorna, inte den "
        "publicerade formuleringen, som programmet inte har kunnat ta del av."
    ),
    note_en=(
        "13 statements: nine on benevolent ageism (cognitive assistance and physical "
        "protection, unwanted help) and four on hostile ageism, each worded so that agreeing "
        "expresses ageism; a higher score means more ageism. The statements are written for "
        "the program to the article's description of the subscales, not the published "
        "wording, which the program could not obtain."
    ),
    checked=(
        "Number of items, the two subscales (nine benevolent items on two factors, four "
        "hostile items) and that every item is an ageist statement, against the article's "
        "abstract (Cary, Chasteen & Remedios 2017)."
    ),
    unchecked=("item wording", "response scale (seven points, as the program was told)"),
)

INSTRUMENTS = {instrument.key: instrument for instrument in (WICS, MFQ9, FSA, AAS)}
