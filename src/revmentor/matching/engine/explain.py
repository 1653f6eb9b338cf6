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
        "sv": "Vikten {name} måste vara ett tal som är noll eller större (fick {value})",
        "en": "Weight {name} must be a number of zero or more (got {value})",
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


def _age_clause(gap: int, language: Language) -> str:
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


def describe(
    explanation: Explanation,
    topic_names: Sequence[str] | None = None,
    language: Language = "sv",
    language_names: Sequence[str] | None = None,
) -> str:
    """One sentence saying why a pair fits, clauses joined by semicolons.

    Topics, organisation and age gap are always stated; same city, shared languages and
    shared availability only when true.
    """
    sv = language == "sv"
    topics = _names(explanation.shared_topics, topic_names)
    if topics:
        clauses = [
            ("Delar intresse för " if sv else "Shares interest in ") + join_words(topics, language)
        ]
    else:
        clauses = ["Inga gemensamma intressen" if sv else "No shared interests"]
    if explanation.different_organisation:
        clauses.append("olika myndigheter" if sv else "different agencies")
    else:
        clauses.append("samma myndighet" if sv else "same agency")
    clauses.append(_age_clause(explanation.age_gap, language))
    if explanation.same_city:
        clauses.append("samma ort" if sv else "same city")
    if explanation.shared_languages:
        if language_names is None:
            clauses.append("gemensamt språk" if sv else "a shared language")
        else:
            spoken = join_words(_names(explanation.shared_languages, language_names), language)
            clauses.append(("talar " if sv else "both speak ") + spoken)
    if explanation.availability_overlap > 0:
        percent = round(explanation.availability_overlap * 100)
        clauses.append(f"{percent} % gemensamma tider" if sv else f"{percent}% shared availability")
    return "; ".join(clauses)


def describe_rule(rule: str, language: Language = "sv") -> str:
    return _RULE_TEXT.get(rule, {}).get(language, rule)


def describe_unmatched(reason: UnmatchedReason, language: Language = "sv") -> str:
    sv = language == "sv"
    if reason.code == "no_counterpart":
        return (
            "Det finns inga deltagare på andra sidan"
            if sv
            else "There are no participants on the other side"
        )
    if reason.code == "no_admissible_partner":
        rule = describe_rule(reason.rule or "", language)
        count = reason.excluded_by.get(reason.rule or "", 0)
        if sv:
            return (
                f"Ingen tillåten partner; vanligaste hindret: {rule} "
                f"({count} av {reason.total} kandidater)"
            )
        return (
            f"No admissible partner; most common obstacle: {rule} "
            f"({count} of {reason.total} candidates)"
        )
    if reason.candidates == 1:
        if sv:
            return "Den enda tillåtna partnern var redan upptagen"
        return "The only admissible partner was already taken"
    if sv:
        return f"Alla {reason.candidates} tillåtna partner var redan upptagna"
    return f"All {reason.candidates} admissible partners were already taken"


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
