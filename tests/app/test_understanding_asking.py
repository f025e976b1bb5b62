"""A catalogue name is a request only when the message asks for it (app.understanding.asking)."""

from __future__ import annotations

import pytest

from app.understanding.asking import asks_for
from app.understanding.slots import Named, request_intent
from tools.catalogue_data import ACCESS_GROUPS, SOFTWARE

CATALOGUE = [Named(t, t, tuple(a)) for t, _, _, _, a in SOFTWARE]
GROUPS = [Named(n, n, tuple(a)) for n, _, _, _, a in ACCESS_GROUPS]


def item(name: str) -> Named:
    return next(i for i in [*CATALOGUE, *GROUPS] if i.name == name)


@pytest.mark.parametrize(("text", "name", "want"), [
    # asked for: a request word governs the name, before or after it, typos included
    ("can I get Figma installed", "Figma", True),
    ("could you please install the latest version of Python", "Python", True),
    ("I need MATLAB and SPSS Statistics on my laptop", "MATLAB", True),
    ("add me to the all-hands list", "all-hands", True),
    ("I need to be aded to Marketing Assets", "Marketing Assets", True),
    ("I'd like to have Chatter innstalled", "Chatter", True),
    ("requesting a licence for firefox pleas", "Mozilla Firefox", True),
    ("could you set me up with Postman", "Postman", True),
    ("Engineering Docs - can I be added?", "Engineering Docs", True),
    ("my new manager said I'll need the roadmaps folder", "Product Roadmaps", True),
    ("please give me access to AWS Console (Dev)", "AWS Console (Dev)", True),
    ("can I get pwerpoint (card 4813 2603 1198 8108 was charged for the licence)",
     "Microsoft Office", True),
    ("I need zoom romos for a project", "Zoom Rooms Controller", True),
    ("can you add me to f drie", "Finance Shared Drive", True),
    ("visio", "Microsoft Visio", True),
    # only named: used, modified, possessive, a place, or a different word
    ("when I present in teams people only see a black window", "Microsoft Teams", False),
    ("a customer wants to join our teams channel, is that allowed", "Microsoft Teams", False),
    ("requesting a docking station for the new office", "Microsoft Office", False),
    ("I need a headset for calls, the office ones are all taken", "Microsoft Office", False),
    ("where do I order accessories for my home office", "Microsoft Office", False),
    ("I overwrote an excel file by mistake, can I get last week's copy back",
     "Microsoft Office", False),
    ("I can't find my project code when filling in my timesheet, please help",
     "Visual Studio Code", False),
    ("new to the team and need the team's network share, who do I ask", "Microsoft Teams",
     False),
    ("who pays for a software license for my team", "Microsoft Teams", False),
    ("who pays for a software license for my team", "Jira Software", False),
    ("chrome shows NET::ERR_CERT warning for an internal site, please help me",
     "Google Chrome", False),
    ("getting started guide for the crm please", "Salesforce CRM", False),
    ("office wireless asks me to trust a certificate, please help me for this",
     "Microsoft Office", False),
])
def test_asks_for(text: str, name: str, want: bool) -> None:
    assert asks_for(text, item(name)) is want


@pytest.mark.parametrize(("text", "want"), [
    ("I don't get any notifications when someone messages me in teams", None),
    ("after the update teams just shows a white window and closes, please help me", None),
    ("switched teams, do I keep my old permissions", None),
    ("requesting a monitor for the new office", None),
    ("I need Microsoft Teams for a project starting next week", "software_request"),
    ("pls add me to sales-emea", "access_request"),
    ("403 Forbidden - You don't have permission to access /sites/LegalContracts", "access_request"),
])
def test_request_intent_needs_the_ask(text: str, want: str | None) -> None:
    assert request_intent(text, CATALOGUE, GROUPS) == want
