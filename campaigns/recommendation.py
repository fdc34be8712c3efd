"""The policy recommendation Counterpoint follows (PRODUCT.md) and the theme catalogue drawn
from it and from the context the other seed articles give.

The data migration `0003_theme_catalogue` and `demo_campaign_load` both create the catalogue
from `THEME_CATALOGUE`, so a fresh database and a re-seeded one hold the same themes.
"""

from typing import TypedDict

__all__ = [
    "MAIN_IDEA_CLAUSE",
    "RECOMMENDATION_CLAUSES",
    "THEME_CATALOGUE",
    "ThemeDefinition",
    "clause_text",
]

# Article 002 ("ISIS failed to take root in Pakistan"), its closing recommendation, one clause
# per number; themes point at these numbers.
RECOMMENDATION_CLAUSES: dict[int, str] = {
    1: "Run informational campaigns on electronic and social media.",
    2: ("The main idea: expose the group's brutality towards both Muslims and non-Muslims."),
    3: (
        "Counter the group's ideology on social media with a counter-narrative (the Sawab "
        "Center's method: short, time-boxed, multilingual hashtag campaigns across several "
        "platforms)."
    ),
    4: (
        "Discourage extremist views against particular sects; show the sectarian rifts the "
        "group's hyper-sectarian ideology causes (it lost local allies over it)."
    ),
    5: "Promote pluralistic values as the long-term answer.",
}

# The clause whose themes need approved evidence of attacks on both Muslim and non-Muslim
# victims when a campaign says it follows the main idea.
MAIN_IDEA_CLAUSE = 2


class ThemeDefinition(TypedDict):
    slug: str
    name: str
    description: str
    recommendation_clause: int
    victim_focus: str


THEME_CATALOGUE: tuple[ThemeDefinition, ...] = (
    {
        "slug": "brutality-against-muslims",
        "name": "Brutality against Muslims",
        "description": (
            "The group kills Muslims: worshippers at Sufi shrines (Lal Shahbaz Qalandar, Shah "
            "Noorani), Ismailis on a bus in Karachi, seminary students in a politician's "
            "convoy. It claims to defend the faith while bombing its shrines and mosques."
        ),
        "recommendation_clause": 2,
        "victim_focus": "muslim",
    },
    {
        "slug": "brutality-against-non-muslims",
        "name": "Brutality against non-Muslims",
        "description": (
            "The group attacks religious minorities and their places of worship, such as the "
            "Christian worshippers killed at a Quetta church during Sunday prayers."
        ),
        "recommendation_clause": 2,
        "victim_focus": "non_muslim",
    },
    {
        "slug": "attacks-on-public-life",
        "name": "Attacks on hospitals, police and public life",
        "description": (
            "Hospitals, police training centres and convoys: the group's attacks fall on "
            "every community, Muslim and non-Muslim alike."
        ),
        "recommendation_clause": 2,
        "victim_focus": "both",
    },
    {
        "slug": "failure-to-take-root",
        "name": "The group's failure to take root",
        "description": (
            "Despite its propaganda the group has no operational base in Pakistan; few have "
            "joined it, its cells were broken up and its leaders arrested."
        ),
        "recommendation_clause": 3,
        "victim_focus": "none",
    },
    {
        "slug": "borrowed-claims",
        "name": "Claims to attacks it did not carry out",
        "description": (
            "The group claims attacks others carried out to look stronger than it is; the "
            "veracity of its claims has been questioned."
        ),
        "recommendation_clause": 3,
        "victim_focus": "none",
    },
    {
        "slug": "counter-recruitment",
        "name": "Countering the recruitment narrative",
        "description": (
            "The group recruits online and through its multilingual magazine, among university "
            "students and at women's seminaries, preying on poverty and unemployment: answer "
            "its promises for the youth it targets."
        ),
        "recommendation_clause": 3,
        "victim_focus": "none",
    },
    {
        "slug": "sectarian-rifts",
        "name": "Sectarian rifts: the cost of hyper-sectarian ideology",
        "description": (
            "The group's hyper-sectarian ideology cost it its local allies: LeJ-A parted ways "
            "with it, and groups that pledged allegiance were left divided."
        ),
        "recommendation_clause": 4,
        "victim_focus": "none",
    },
    {
        "slug": "pluralistic-values",
        "name": "Pluralistic values",
        "description": (
            "Promote the pluralistic values of a society where every sect and faith lives "
            "side by side: the long-term answer to the group's ideology."
        ),
        "recommendation_clause": 5,
        "victim_focus": "none",
    },
    {
        "slug": "informational-campaigns",
        "name": "Informing the public on electronic and social media",
        "description": (
            "Facts the public should know about the group's record, told on television, radio "
            "and social media."
        ),
        "recommendation_clause": 1,
        "victim_focus": "none",
    },
)


def clause_text(number: int) -> str:
    """The words of recommendation clause `number`, or "" for a number it does not have."""
    return RECOMMENDATION_CLAUSES.get(number, "")
