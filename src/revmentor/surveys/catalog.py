"""Ready survey templates (start, mid-way pulse, end), copied into a program's survey.

Questions are written in Swedish and English; those that start and end surveys share
carry the same key, so results can show the change over the program.
"""

from dataclasses import dataclass, field

AGREE = {
    "low_sv": "Instämmer inte alls",
    "low_en": "Do not agree at all",
    "high_sv": "Instämmer helt",
    "high_en": "Agree completely",
}


@dataclass(frozen=True)
class QuestionTemplate:
    key: str
    kind: str
    sv: str
    en: str
    options: list[dict] = field(default_factory=list)
    required: bool = False


@dataclass(frozen=True)
class SurveyTemplate:
    kind: str
    title_sv: str
    title_en: str
    intro_sv: str
    intro_en: str
    questions: list[QuestionTemplate]


SHARED = [
    QuestionTemplate(
        "understand-other-generation",
        "scale",
        "Jag förstår hur den andra generationen ser på sitt arbetsliv.",
        "I understand how the other generation sees its working life.",
        required=True,
    ),
    QuestionTemplate(
        "values-discussed",
        "scale",
        "Jag vet vilka värderingar i arbetslivet som är viktiga för den andra generationen.",
        "I know which values in working life matter to the other generation.",
        required=True,
    ),
    QuestionTemplate(
        "prejudices",
        "scale",
        "Jag känner igen mina egna föreställningar om den andra generationen.",
        "I recognise my own assumptions about the other generation.",
    ),
    QuestionTemplate(
        "attract-young",
        "scale",
        "Jag vet vad som får yngre medarbetare att välja och stanna hos en myndighet.",
        "I know what makes younger employees choose and stay with an agency.",
    ),
]

TOPICS = [
    {"sv": "Digitala verktyg och vanor", "en": "Digital tools and habits"},
    {"sv": "Värderingar i arbetslivet", "en": "Values in working life"},
    {"sv": "Ledarskap och feedback", "en": "Leadership and feedback"},
    {"sv": "Karriär och lärande", "en": "Career and learning"},
    {"sv": "Balans mellan arbete och fritid", "en": "Work-life balance"},
]

START = SurveyTemplate(
    kind="start",
    title_sv="Startenkät",
    title_en="Start survey",
    intro_sv=(
        "Välkommen till programmet! Dina svar är anonyma: vi ser bara att du har svarat, "
        "inte vad du svarade. Resultat visas bara för grupper med minst fem svar."
    ),
    intro_en=(
        "Welcome to the program! Your answers are anonymous: we only see that you have "
        "answered, not what you answered. Results are shown only for groups of at least five."
    ),
    questions=[
        *SHARED,
        QuestionTemplate(
            "hopes-topics",
            "multiple",
            "Vilka ämnen hoppas du att ni tar upp?",
            "Which topics do you hope you will discuss?",
            options=TOPICS,
        ),
        QuestionTemplate(
            "expectations",
            "text",
            "Vad hoppas du lära dig av den andra generationen?",
            "What do you hope to learn from the other generation?",
        ),
    ],
)

MID = SurveyTemplate(
    kind="mid",
    title_sv="Halvtidspuls",
    title_en="Mid-way pulse",
    intro_sv="Några snabba frågor om hur det går hittills. Svaren är anonyma.",
    intro_en="A few quick questions on how it is going so far. Your answers are anonymous.",
    questions=[
        QuestionTemplate(
            "pulse-meetings",
            "single",
            "Hur ofta har ni träffats hittills?",
            "How often have you met so far?",
            options=[
                {"sv": "Inte alls", "en": "Not at all"},
                {"sv": "En eller två gånger", "en": "Once or twice"},
                {"sv": "Ungefär en gång i månaden", "en": "About once a month"},
                {"sv": "Oftare än en gång i månaden", "en": "More than once a month"},
            ],
            required=True,
        ),
        QuestionTemplate(
            "pulse-useful",
            "scale",
            "Våra möten är givande för mig.",
            "Our meetings are worthwhile for me.",
            required=True,
        ),
        QuestionTemplate(
            "pulse-better",
            "text",
            "Vad skulle göra resten av programmet bättre?",
            "What would make the rest of the program better?",
        ),
    ],
)

END = SurveyTemplate(
    kind="end",
    title_sv="Slutenkät",
    title_en="End survey",
    intro_sv=(
        "Programmet är slut – tack för ditt engagemang! Dina svar är anonyma och hjälper "
        "oss att utveckla nästa program."
    ),
    intro_en=(
        "The program is over – thank you for taking part! Your answers are anonymous and "
        "help us improve the next program."
    ),
    questions=[
        *SHARED,
        QuestionTemplate(
            "learnt-most",
            "multiple",
            "Inom vilka områden har du lärt dig mest?",
            "In which areas did you learn the most?",
            options=TOPICS,
        ),
        QuestionTemplate(
            "recommend",
            "single",
            "Skulle du rekommendera programmet till en kollega?",
            "Would you recommend the program to a colleague?",
            options=[
                {"sv": "Ja", "en": "Yes"},
                {"sv": "Kanske", "en": "Maybe"},
                {"sv": "Nej", "en": "No"},
            ],
            required=True,
        ),
        QuestionTemplate(
            "learnt-text",
            "text",
            "Vad har du lärt dig av den andra generationen?",
            "What have you learnt from the other generation?",
        ),
        QuestionTemplate(
            "take-home",
            "text",
            "Vad tar du med dig till din myndighet?",
            "What will you take back to your agency?",
        ),
    ],
)

TEMPLATES = {template.kind: template for template in (START, MID, END)}
