"""The demo idea boards: static material (`data`), a seeded generator (`boards`) and the loader (`seed`)."""
