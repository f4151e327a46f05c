"""The test articles and their curated records (tests/intake/articles/gold.yaml)."""

from pathlib import Path

import yaml

from intake.proposals import GoldReaction, GoldStatement

ARTICLES = Path(__file__).resolve().parent / "articles"


def load_gold() -> dict:
    return yaml.safe_load((ARTICLES / "gold.yaml").read_text(encoding="utf-8"))


def article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def gold_records(entry: dict) -> tuple[list[GoldReaction], list[GoldStatement]]:
    reactions = [
        GoldReaction(
            actor=r["actor"],
            kind=r["kind"],
            stance=r["stance"],
            date=r.get("date"),
            date_precision=r.get("date_precision") or ("day" if r.get("date") else "unknown"),
        )
        for r in entry["reactions"]
    ]
    statements = [
        GoldStatement(
            speaker=s["speaker"],
            quote=s["quote"],
            on_behalf_of=s.get("on_behalf_of"),
            date=s.get("date"),
            date_precision="day" if s.get("date") else "unknown",
        )
        for s in entry["statements"]
    ]
    return reactions, statements
