"""Sentences in Swedish or English for pairs, unmatched people and input problems.

The engine stays free of Django, so these are plain string tables rather than gettext;
the Django side may wrap them or translate the structured fields itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from .types import Explanation, Language, Problem, UnmatchedReason

_AND = {"sv": "och", "en": "and"}

_RULE_TEXT: dict[str, dict[str, str]] = {
    "min_age_gap": {"sv": "för liten åldersskillnad", "en": "age gap too small"},
    "different_organisation": {"sv": "samma myndighet", "en": "same agency"},
    "own_manager": {"sv": "egen chef", "en": "own manager"},
    "same_unit": {"sv": "samma enhet", "en": "same unit"},
    "format": {"sv": "mötesformen passar inte", "en": "meeting format does not fit"},
    "exclusion": {"sv": "undantagen av samordnaren", "en": "excluded by the coordinator"},
    "capacity": {"sv": "mentorn har för många adepter", "en": "mentor has too many mentees"},
    "adept_in_several_pairs": {
        "sv": "adepten finns i flera par",
        "en": "mentee is in several pairs",
    },
    "lock": {"sv": "bryter en låsning", "en": "breaks a lock"},
}

_PROBLEM_TEXT: dict[str, dict[str, str]] = {
    "invalid_shape": {
        "sv": "Fel form på fältet {field} ({side})",
        "en": "Wrong shape of field {field} ({side})",
    },
    "invalid_value": {
        "sv": "Ogiltigt värde i fältet {field} ({side})",
        "en": "Invalid value in field {field} ({side})",
    },
    "dimension_mismatch": {
        "sv": "Fältet {field} har olika bredd för mentorer ({mentors}) och adepter ({adepts})",
        "en": "Field {field} differs in width for mentors ({mentors}) and mentees ({adepts})",
    },
    "duplicate_person": {
        "sv": "Samma person finns två gånger ({side}, rad {indices})",
        "en": "The same person appears twice ({side}, rows {indices})",
    },
    "invalid_weight": {
        "sv": "Vikten {name} måste vara ett tal från 0 till 1 000 000 (fick {value})",
        "en": "Weight {name} must be a number from 0 to 1,000,000 (got {value})",
    },
    "person_on_both_sides": {
        "sv": "Samma person är både mentor (rad {mentor}) och adept (rad {adept})",
        "en": "The same person is both a mentor (row {mentor}) and a mentee (row {adept})",
    },
    "invalid_rule": {
        "sv": "Ogiltig regel {name} ({value})",
        "en": "Invalid rule {name} ({value})",
    },
    "invalid_pair": {
        "sv": "Ogiltigt par i {kind}: {pair}",
        "en": "Invalid pair in {kind}: {pair}",
    },
    "index_out_of_range": {
        "sv": "Paret ({mentor}, {adept}) i {kind} finns inte",
        "en": "Pair ({mentor}, {adept}) in {kind} does not exist",
    },
    "lock_breaks_rule": {
        "sv": "Låst par ({mentor}, {adept}) bryter regeln: {rules}",
        "en": "Locked pair ({mentor}, {adept}) breaks the rule: {rules}",
    },
    "locked_beyond_capacity": {
        "sv": "{side} {index} är låst till fler än {capacity} ({partners})",
        "en": "{side} {index} is locked to more than {capacity} ({partners})",
    },
    "problem_too_large": {
        "sv": "Programmet är för stort att matcha ({pairs} möjliga par)",
        "en": "The program is too large to match ({pairs} admissible pairs)",
    },
}


def join_words(words: Sequence[str], language: Language) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_AND[language]} {words[-1]}"


def _names(indices: Sequence[int], names: Sequence[str] | None) -> list[str]:
    if names is None:
        return [str(index) for index in indices]
    return [names[index] if 0 <= index < len(names) else str(index) for index in indices]


def _age_words(gap: int, language: Language) -> str:
    if gap == 0:
        return "samma ålder" if language == "sv" else "same age"
    if gap < 0:
        years = -gap
        if language == "sv":
            return f"mentorn är {years} år äldre"
        return f"the mentor is {years} year{'s' if years != 1 else ''} older"
    if language == "sv":
        return f"{gap} års åldersskillnad"
    return f"{gap} years' age gap" if gap != 1 else "1 year's age gap"


#: The age part at or above which the age gap speaks for a pair (the gap is near the target).
AGE_GAP_FOR = 0.5


def describe_points(
    explanation: Explanation,
    topic_names: Sequence[str] | None = None,
    language: Language = "sv",
    language_names: Sequence[str] | None = None,
) -> tuple[list[str], list[str]]:
    """What speaks for a pair and what speaks against it, as two lists of short clauses.

    "Same organisation" is only ever against (and only when the program counts it); a
    shared city is only ever for, since digital meetings need none.
    """
    sv = language == "sv"
    pros: list[str] = []
    cons: list[str] = []
    topics = _names(explanation.shared_topics, topic_names)
    if topics:
        pros.append(
            ("delar intresse för " if sv else "shared interest in ") + join_words(topics, language)
        )
    else:
        cons.append("inga gemensamma intressen" if sv else "no shared interests")
    if explanation.organisation_counts:
        if explanation.different_organisation:
            pros.append("olika myndigheter" if sv else "different agencies")
        else:
            cons.append("samma myndighet" if sv else "same agency")
    age = _age_words(explanation.age_gap, language)
    (pros if explanation.age_closeness >= AGE_GAP_FOR else cons).append(age)
    if explanation.same_city:
        pros.append("samma ort" if sv else "same city")
    if explanation.shared_languages:
        if language_names is None:
            pros.append("gemensamt språk" if sv else "a shared language")
        else:
            spoken = join_words(_names(explanation.shared_languages, language_names), language)
            pros.append(("talar " if sv else "both speak ") + spoken)
    else:
        cons.append("inget gemensamt språk" if sv else "no shared language")
    if explanation.availability_overlap > 0:
        percent = round(explanation.availability_overlap * 100)
        pros.append(f"{percent} % gemensamma tider" if sv else f"{percent}% shared availability")
    else:
        cons.append("inga gemensamma tider" if sv else "no shared times")
    return pros, cons


def describe(
    explanation: Explanation,
    topic_names: Sequence[str] | None = None,
    language: Language = "sv",
    language_names: Sequence[str] | None = None,
) -> str:
    """Two sentences: what speaks for the pair, then what speaks against it (if anything)."""
    pros, cons = describe_points(explanation, topic_names, language, language_names)
    sv = language == "sv"
    sentences = []
    if pros:
        sentences.append(("Talar för: " if sv else "For: ") + join_words(pros, language) + ".")
    if cons:
        sentences.append(("Talar emot: " if sv else "Against: ") + join_words(cons, language) + ".")
    return " ".join(sentences)


def describe_rule(rule: str, language: Language = "sv") -> str:
    return _RULE_TEXT.get(rule, {}).get(language, rule)


def _ruled_out_words(rule: str, count: int, side: str, gap: int | None, language: Language) -> str:
    """``count`` candidates of a person on ``side`` that ``rule`` rules out, as a phrase."""
    sv = language == "sv"
    if rule == "min_age_gap":
        # An adept's candidates are mentors, who must be younger; a mentor's are adepts.
        younger = side == "adept"
        if sv:
            return f"{count} inte minst {gap} år {'yngre' if younger else 'äldre'}"
        return f"{count} not at least {gap} years {'younger' if younger else 'older'}"
    phrases = {
        "different_organisation": ("från samma myndighet", "from the same agency"),
        "own_manager": ("med chefsrelation till personen", "in a manager relation with them"),
        "same_unit": ("i samma enhet", "in the same unit"),
        "format": ("med en mötesform som inte passar", "with a meeting format that does not fit"),
        "exclusion": ("undantagna av samordnaren", "excluded by a coordinator"),
    }
    sv_phrase, en_phrase = phrases.get(rule, (rule, rule))
    return f"{count} {sv_phrase if sv else en_phrase}"


def _taken_words(
    reason: UnmatchedReason,
    candidate_names: Sequence[str] | None,
    partner_names: Sequence[str] | None,
    language: Language,
) -> str:
    sv = language == "sv"
    shown = []
    for candidate, partners in reason.taken:
        name = _names([candidate], candidate_names)[0]
        if partners:
            who = join_words(_names(list(partners), partner_names), language)
            shown.append(f"{name} ({'med' if sv else 'with'} {who})")
        else:
            shown.append(name)
    rest = reason.candidates - len(shown)
    if rest > 0:
        shown.append(f"{rest} {'till' if sv else 'more'}")
    return join_words(shown, language)


def describe_unmatched(
    reason: UnmatchedReason,
    language: Language = "sv",
    side: str = "adept",
    candidate_names: Sequence[str] | None = None,
    partner_names: Sequence[str] | None = None,
) -> str:
    """Why a person on ``side`` has no partner: each candidate once, under the rule that
    ruled it out or as taken (by whom, when names are given)."""
    sv = language == "sv"
    if reason.code == "no_counterpart":
        return (
            "Det finns inga deltagare på andra sidan"
            if sv
            else "There are no participants on the other side"
        )
    kind = (
        ("mentorer" if sv else "mentors") if side == "adept" else ("adepter" if sv else "mentees")
    )
    ruled = join_words(
        [
            _ruled_out_words(rule, count, side, reason.min_age_gap, language)
            for rule, count in reason.ruled_out.items()
        ],
        language,
    )
    if reason.code == "no_admissible_partner":
        if sv:
            return f"Ingen av {reason.total} {kind} var tillåten: {ruled}."
        return f"None of the {reason.total} {kind} was allowed: {ruled}."
    taken = _taken_words(reason, candidate_names, partner_names, language)
    if sv:
        sentence = (
            f"Den enda tillåtna av {reason.total} {kind} var redan upptagen: {taken}."
            if reason.candidates == 1
            else f"Alla {reason.candidates} tillåtna av {reason.total} {kind} var redan upptagna: {taken}."
        )
        return sentence + (f" Övriga: {ruled}." if ruled else "")
    sentence = (
        f"The only allowed one of the {reason.total} {kind} was already taken: {taken}."
        if reason.candidates == 1
        else f"All {reason.candidates} allowed of the {reason.total} {kind} were already taken: {taken}."
    )
    return sentence + (f" The others: {ruled}." if ruled else "")


def describe_problem(problem: Problem, language: Language = "sv") -> str:
    template = _PROBLEM_TEXT.get(problem.code, {}).get(language)
    if template is None:
        return f"{problem.code}: {problem.params}"
    params = {key: _format_param(value, language) for key, value in problem.params.items()}
    try:
        return template.format(**params)
    except KeyError:
        return f"{template} {problem.params}"


def _format_param(value: object, language: Language) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(
            describe_rule(item, language) if item in _RULE_TEXT else str(item) for item in value
        )
    return str(value)
