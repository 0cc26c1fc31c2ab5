#!/usr/bin/env python3
"""Writes the Bussola example data (tools/bussola-data/*.json) into the zone recipes.

Appends, at the end of recipes/zona-<zone>.recipe.json, a contentTypes step (Servizio, Ente, Sede),
a searchIndexes step with Italian synonyms and content steps with every organization, location and
service; enables the search and bussola features. Running it again replaces what it wrote before,
so the data can be regenerated: python3 tools/bussola-recipes.py
"""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tools" / "bussola-data"
ZONES = {"livornese": "zona-livornese.recipe.json", "grossetana": "zona-grossetana.recipe.json"}
EXAMPLE_KEYWORD = "dati di esempio"

CONTENT_TYPES = {
    "name": "contentTypes",
    "types": [
        {
            "name": "Servizio",
            "displayName": "Servizio",
            "description": "Una scheda della Bussola dei servizi: a chi si rivolge, come si accede, cosa serve, contatti e sedi.",
            "parts": ["TitlePart", "AutoroutePart", "ServicePart"],
            "settings": {"creatable": True, "draftable": True, "versionable": True, "listable": True, "routePattern": "bussola/servizi/{slug}"},
        },
        {
            "name": "Ente",
            "displayName": "Ente",
            "description": "Un ente che offre servizi: Comune, Azienda sanitaria, Società della Salute o ente del Terzo settore.",
            "parts": ["TitlePart", "OrganizationPart"],
            "settings": {"creatable": True, "draftable": True, "versionable": True, "listable": True},
        },
        {
            "name": "Sede",
            "displayName": "Sede",
            "description": "Un luogo in cui si offrono servizi: indirizzo, comune, orari e accessibilità.",
            "parts": ["TitlePart", "LocationPart"],
            "settings": {"creatable": True, "draftable": True, "versionable": True, "listable": True},
        },
    ],
}

SYNONYMS = [
    ["disabili", "disabilità", "handicap", "disabile", "non autosufficienza"],
    ["anziani", "anziano", "terza età", "over 65"],
    ["minori", "bambini", "ragazzi"],
    ["violenza", "maltrattamento", "maltrattamenti"],
    ["immigrati", "stranieri", "migranti", "immigrato", "straniero", "migrante"],
    ["dipendenze", "dipendenza", "tossicodipendenza"],
    ["povertà", "indigenza"],
    ["salute mentale", "disagio psichico", "psichiatria"],
    ["casa", "alloggio", "abitazione"],
    ["badante", "assistente familiare"],
]


def compact(value):
    """Drops empty values, so the recipe holds what the canonical document holds."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def organization(o, note):
    return {
        "id": o["id"], "type": "Ente", "published": True,
        "parts": {
            "TitlePart": {"title": o["name"]},
            "OrganizationPart": compact({
                "type": o["type"],
                "description": o["description"] + " " + note,
                "contacts": {"phone": o.get("phone"), "email": o.get("email"), "website": o.get("website")},
            }),
        },
    }


def location(l):
    return {
        "id": l["id"], "type": "Sede", "published": True,
        "parts": {
            "TitlePart": {"title": l["name"]},
            "LocationPart": compact({k: l.get(k) for k in ("address", "comune", "latitude", "longitude", "openingHours", "accessibility")}),
        },
    }


def service(s):
    slug = re.sub(r"^srv-[a-z]+-", "", s["id"])
    part = {k: s.get(k) for k in (
        "area", "status", "statusReason", "shortDescription", "whoFor", "howTo", "whatYouNeed", "whatYouGet",
        "timesAndDeadlines", "accessChannel", "conditions", "contacts")}
    part["organizationId"] = s.get("organization")
    part["locationIds"] = s.get("locations", [])
    part["targets"] = s.get("targets", [])
    part["accessMode"] = s.get("accessMode")
    part["cost"] = s.get("cost")
    part["languages"] = s.get("languages", [])
    part["accessibility"] = s.get("accessibility")
    part["lastReviewed"] = s.get("lastReviewed")
    part["keywords"] = s.get("keywords", []) + [EXAMPLE_KEYWORD]
    return {
        "id": s["id"], "type": "Servizio", "published": True,
        "parts": {"TitlePart": {"title": s["title"]}, "AutoroutePart": {"slug": slug}, "ServicePart": compact(part)},
    }


def dump_step(step):
    """A step with one line per item (or type), in the recipes' two-space layout."""
    key = "types" if "types" in step else "items" if "items" in step else "synonyms"
    head = {k: v for k, v in step.items() if k != key}
    lines = ["    {"]
    for k, v in head.items():
        lines.append(f'      "{k}": {json.dumps(v, ensure_ascii=False)},')
    lines.append(f'      "{key}": [')
    rows = [("        " + json.dumps(v, ensure_ascii=False)) for v in step[key]]
    lines.append(",\n".join(rows))
    lines.append("      ]")
    lines.append("    }")
    return "\n".join(lines)


def main():
    for zone, file_name in ZONES.items():
        data = json.loads((DATA / f"{zone}.json").read_text(encoding="utf-8"))
        note = data["note"]
        steps = [
            CONTENT_TYPES,
            {"name": "searchIndexes", "synonyms": SYNONYMS},
            {"name": "content", "items": [organization(o, note) for o in data["organizations"]]},
            {"name": "content", "items": [location(l) for l in data["locations"]]},
            {"name": "content", "items": [service(s) for s in data["services"]]},
        ]
        path = ROOT / "recipes" / file_name
        text = path.read_text(encoding="utf-8")
        marker = text.find('"name": "Servizio"')
        if marker >= 0:
            text = text[: text.rfind("\n    {", 0, text.rfind('"name": "contentTypes"', 0, marker))].rstrip().rstrip(",")
        else:
            text = text.rstrip()
            assert text.endswith("]\n}") or text.endswith("]\r\n}"), file_name
            text = text[: text.rfind("]")].rstrip()
        text = text + ",\n" + ",\n".join(dump_step(s) for s in steps) + "\n  ]\n}\n"
        text = re.sub(r'"enable": \[ "contents", "opendata", "users" \]', '"enable": [ "contents", "opendata", "users", "search", "bussola" ]', text)
        json.loads(text)
        path.write_text(text, encoding="utf-8")
        print(f"{file_name}: {len(data['organizations'])} enti, {len(data['locations'])} sedi, {len(data['services'])} servizi")


if __name__ == "__main__":
    main()
