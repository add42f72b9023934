"""Demo discussions: `discussions.py` generates them (pure Python), `seed.py` loads them."""
