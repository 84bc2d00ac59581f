"""Customer relationships as the textbook lists them: stages, bonds, benefits, challenges.

Sources: textbook 1.2 (three relationship stages), 2.1 (components of loyalty), 7.3 (Lovelock &
Wirtz relationship-building elements); seed S0 l.11-21 (benefits, challenges), S2 l.136-200
(relationship evolution, bonds L1-L4) and S3 l.4-26 (challenges, defection management).
"""
from __future__ import annotations

import pandas as pd

__all__ = [
    "TEXTBOOK_STAGES", "EVOLUTION_STAGES", "RELATIONSHIP_BONDS", "CUSTOMER_BENEFITS",
    "FIRM_BENEFITS", "RELATIONSHIP_CHALLENGES", "DEFECTION_STEPS", "LOYALTY_ELEMENTS",
    "LOYALTY_COMPONENTS",
]

#: Textbook 1.2 (l.441-462): three stages and their marketing activities.
TEXTBOOK_STAGES: dict[str, tuple[str, ...]] = {
    "meeting and getting acquainted": (
        "find desirable target customers, including those likely to deliver a high CLV",
        "understand what these customers want",
        "build awareness and demand for what you offer",
        "capture new business",
    ),
    "providing a satisfying experience": (
        "measure and improve customer satisfaction",
        "track how customers' needs and wants evolve",
        "develop customer confidence, trust, and goodwill",
        "demonstrate and communicate competitive advantage",
        "monitor and counter competitive forces",
    ),
    "sustain a committed relationship": (
        "convert contacts into loyal repeat customers",
        "anticipate and respond to evolving needs",
        "deepen relationships, expand reach of and reliance on what you offer",
    ),
}

#: Seed S2 l.136-146: the evolution of customer relationships and the firm's goal at each stage.
EVOLUTION_STAGES: dict[str, str] = {
    "strangers": "acquire: initiate communication to attract them",
    "acquaintances": "satisfy the customer",
    "friends": "retain the customer",
    "partners": "organise and use individual customer information better than competitors",
}


#: Seed S2 l.168-200: relationship bonds, levels 1-4, with their examples.
RELATIONSHIP_BONDS = pd.DataFrame({
    "level": [1, 2, 3, 4],
    "bond": ["financial", "social", "customization", "structural"],
    "examples": [
        ("volume and frequency rewards", "stable pricing", "bundling and cross selling"),
        ("continuous relationships", "personal relationships", "social bonds among customers"),
        ("customer intimacy", "mass customization", "anticipation/innovation"),
        ("shared processes and equipment", "joint investments",
         "integrated information systems"),
    ],
})

#: Seed S0 l.17 and S2 l.146-166: benefits of relationships for customers.
CUSTOMER_BENEFITS: dict[str, tuple[str, ...]] = {
    "greater value": ("receipt of greater value",),
    "confidence": ("trust", "confidence in provider", "reduced anxiety"),
    "social": ("familiarity", "social support", "personal relationships"),
    "special treatment": ("special deals", "price breaks"),
}
#: Seed S0 l.19 and S2 l.146-166: benefits of relationships for firms.
FIRM_BENEFITS: dict[str, tuple[str, ...]] = {
    "economic": ("increased revenues", "reduced marketing and administrative costs",
                 "regular revenue stream"),
    "customer behaviour": ("strong word-of-mouth endorsements", "customer voluntary performance",
                           "social benefits to other customers", "mentors to other customers"),
    "human resource management": ("easier jobs for employees", "social benefits for employees",
                                  "employee retention"),
}
#: Seed S3 l.14-18 (and S0 l.19): not every customer is a good relationship customer.
RELATIONSHIP_CHALLENGES: tuple[str, ...] = (
    "the customer is not always right",
    "wrong segment",
    "not profitable in the long term",
    "difficult customers",
)
#: Seed S3 l.19-26: defection management, "zero defectors" rather than "zero defects".
DEFECTION_STEPS: tuple[str, ...] = (
    "develop a zero-defections culture",
    "communicate the goal to employees",
    "train employees in defection management",
    "tie incentives to defection rates",
    "develop switching barriers",
)
#: Textbook 7.3 (l.2960-2965), Lovelock & Wirtz (2007): six relationship-building elements.
LOYALTY_ELEMENTS: tuple[str, ...] = (
    "managing service encounters",
    "providing customer incentives",
    "providing special service options",
    "pricing to encourage long-term use",
    "maintaining a customer database",
    "communicating with customers directly",
)
#: Textbook 2.1 (l.906): the three components of customer loyalty.
LOYALTY_COMPONENTS: tuple[str, ...] = ("emotional commitment", "attitude", "behaviour")
