"""The demo projects: `seed.teams_seed`, called by `manage.py seed_demo`."""
