"""The demo company: static material (`data`), a seeded generator (`company`) and the loader (`seed`)."""
