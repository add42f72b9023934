"""WebSocket routes. The realtime engine adds its one `/ws/` consumer here."""

websocket_urlpatterns: list = []
