"""``reportedly serve``: a web app and a JSON API over the claim ledger (FastAPI).

``create_app(db_url)`` builds the application; see ``app.py``. Pages and their JSON
twins share one data function each (``views.py``, ``article.py``, ``chart.py``).
"""
from __future__ import annotations

from .app import MAX_BODY, create_app
from .guard import TOKEN_ENV, is_loopback

__all__ = ["MAX_BODY", "TOKEN_ENV", "create_app", "is_loopback"]
