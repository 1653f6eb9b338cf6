"""Validated instruments declared as data: items in Swedish and English, the response scale,
subscales, reverse-scored items and the source.

Written without access to the publications. Every item says how close it is to the
published text: ``PARAPHRASE`` is a close paraphrase of a published item as the program
recalls it; ``CONSTRUCT`` is written for the program to the published subscale's
definition, because the published wording could not be reproduced. ``unchecked`` lists
what must be checked against the publication before results are compared with published
figures. The Swedish texts are the program's own translation, and the pages say so.
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
        "Organizational Behavior, 38."
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
        Subscale("similarity", "Likhet mellan generationer", "Generational similarity"),
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
            "similarity-1",
            "similarity",
            "Kollegor från andra generationer delar många av mina värderingar om arbete.",
            "Colleagues from other generations share many of my values about work.",
            wording=CONSTRUCT,
        ),
        Item(
            "similarity-2",
            "similarity",
            "Kollegor från andra generationer vill till stor del samma saker av arbetet som jag.",
            "Colleagues from other generations largely want the same things from work as I do.",
            wording=CONSTRUCT,
        ),
        Item(
            "similarity-3",
            "similarity",
            "Min syn på arbete skiljer sig mycket från synen hos kollegor i andra generationer.",
            "My views on work differ greatly from those of colleagues from other generations.",
            reverse=True,
            wording=CONSTRUCT,
        ),
    ),
    note_sv=(
        "Fem delskalor om klimatet mellan generationer på arbetsplatsen, med tre påståenden "
        "var. Påståendena är skrivna för programmet efter delskalornas beskrivning, inte "
        "den publicerade formuleringen."
    ),
    note_en=(
        "Five subscales on the climate between generations at work, three statements each. "
        "The statements are written for the program to each subscale's description, not "
        "the published wording."
    ),
    unchecked=(
        "item wording",
        "number of items per subscale",
        "response scale",
        "subscale names",
    ),
)

MFQ9 = Instrument(
    key="mfq9",
    name_sv="Mentorskapets funktioner, nio påståenden (MFQ-9)",
    name_en="Mentoring Functions Questionnaire, nine items (MFQ-9)",
    citation=(
        "Castro, S. L., Scandura, T. A., & Williams, E. A. (2004). Validity of Scandura and "
        "Ragins' (1993) multidimensional mentoring measure: An evaluation and refinement. "
        "Management Faculty Articles and Papers, University of Miami."
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
    unchecked=("item wording",),
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
            "Äldre klagar mer än andra.",
            "Old people complain more than others do.",
        ),
        Item(
            "antilocution-4",
            "antilocution",
            "De flesta äldre kan vara irriterande eftersom de berättar samma historier om och om igen.",
            "Most old people can be irritating because they tell the same stories over and over again.",
        ),
        Item(
            "discrimination-1",
            "discrimination",
            "Självmord bland tonåringar är mer tragiskt än självmord bland äldre.",
            "Teenage suicide is more tragic than suicide among the old.",
        ),
        Item(
            "discrimination-2",
            "discrimination",
            "De flesta äldre borde inte få förnya sitt körkort.",
            "Most old people should not be allowed to renew their driving licences.",
        ),
        Item(
            "discrimination-3",
            "discrimination",
            "Äldre behöver egentligen inte använda kommunens idrottsanläggningar.",
            "Old people don't really need to use our community sports facilities.",
        ),
        Item(
            "discrimination-4",
            "discrimination",
            "De flesta äldre borde inte anförtros att ta hand om spädbarn.",
            "Most old people should not be trusted to take care of infants.",
        ),
        Item(
            "discrimination-5",
            "discrimination",
            "Äldre förtjänar samma rättigheter och friheter som alla andra i samhället.",
            "Old people deserve the same rights and freedoms as other members of our society.",
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
            "Personligen skulle jag inte vilja tillbringa mycket tid med en äldre person.",
            "Personally, I would not want to spend much time with an old person.",
        ),
        Item(
            "avoidance-4",
            "avoidance",
            "Sällskap med de flesta äldre är riktigt trevligt.",
            "The company of most old people is quite enjoyable.",
            reverse=True,
        ),
    ),
    note_sv=(
        "13 av skalans 29 påståenden, de som programmet kunnat återge; en högre poäng betyder "
        "mer ålderism. Summan är inte jämförbar med den publicerade skalans."
    ),
    note_en=(
        "13 of the scale's 29 statements, those the program could reproduce; a higher score "
        "means more ageism. The score is not comparable with the published scale's."
    ),
    unchecked=("item wording", "which subscale each item belongs to"),
)

INSTRUMENTS = {instrument.key: instrument for instrument in (WICS, MFQ9, FSA)}
