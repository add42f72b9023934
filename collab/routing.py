"""WebSocket routes: one endpoint per browser tab, multiplexing topics."""

from django.urls import path

from collab.realtime.consumers import RealtimeConsumer

websocket_urlpatterns = [
    path("ws/", RealtimeConsumer.as_asgi()),
]
