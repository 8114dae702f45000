"""What GET /v1/search answers (docs/api.md §10)."""
from search.text import snippet
from tools.http import fmt_time


def result(row, runs):
    document = row["document"]
    text, matches = snippet(document.title, document.body, runs)
    return {
        "id": row["id"],
        "title": row["title"],
        "author": row["author__username"],
        "nickname": row["author__nickname"],
        "category": row["category"],
        "tags": row["tags"],
        "created_time": fmt_time(row["created_time"]),
        "snippet": text,
        "matches": matches,
    }


def search_page(rows, runs, *, q, total, page, per_page):
    return {"q": q, "results": [result(row, runs) for row in rows], "page": page,
            "per_page": per_page, "total": total}
