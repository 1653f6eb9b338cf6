"""A hand-built 3 + 3 program whose optimal pairs and scores are worked out in the tests.

Everyone meets digitally (city part 0), speaks Swedish (languages part 1) and is free on
Monday mornings (availability part 1), so with the default weights a pair scores
``3 * topics + diversity + age closeness + 2``. Units differ, so only the age gap rule bites.
"""

from dataclasses import dataclass

from django.utils import timezone

from revmentor.applications.models import Application
from tests.factories import make_user

# name, organisation ("a" or "b"), birth year, topic positions
MENTORS = [
    ("Mira Mentor", "a", 1995, [0, 1]),
    ("Max Mentor", "b", 1990, [1]),
    ("Moa Mentor", "a", 1998, [2]),
]
ADEPTS = [
    ("Alf Adept", "b", 1970, [0]),
    ("Agnes Adept", "a", 1965, [1, 2]),
    ("Arne Adept", "b", 1975, [2]),
]


@dataclass
class Trio:
    mentors: list[Application]
    adepts: list[Application]

    def __getitem__(self, name: str) -> Application:
        return next(a for a in [*self.mentors, *self.adepts] if a.full_name == name)


def nominate(cast, name, org, year, topics, kind, *, program=None, **fields) -> Application:
    """A nominated application with the answers matching reads; ``fields`` override them."""
    program = program or cast.program
    organisation = cast.org_a if org == "a" else cast.org_b
    address = f"{name.lower().replace(' ', '.')}@test.example"
    email = fields.pop("email", address)
    user = make_user(address, full_name=name)
    values = {
        "program": program,
        "applicant": user,
        "status": Application.Status.NOMINATED,
        "full_name": name,
        "email": email,
        "organisation": organisation,
        "unit": f"Enheten {name}",
        "birth_year": year,
        "employment_type": "permanent",
        "profile_kind": kind,
        "manager_name": "Maja Chef",
        "manager_email": "maja.chef@test.example",
        "discussed_with_manager": True,
        "preferred_format": "digital",
        "city": "Stockholm",
        "languages": ["sv"],
        "availability": ["mon_am"],
        "privacy_acknowledged": True,
        "submitted_at": timezone.now(),
    }
    values.update(fields)
    application = Application.objects.create(**values)
    all_topics = list(program.topics.order_by("position"))
    application.topics.set([all_topics[i] for i in topics])
    return application


def make_trio(cast) -> Trio:
    """The 3 + 3 program of the module docstring, nominated in the cast's program."""
    mentors = [nominate(cast, *row, "mentor") for row in MENTORS]
    adepts = [nominate(cast, *row, "adept") for row in ADEPTS]
    return Trio(mentors, adepts)
