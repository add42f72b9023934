"""Your notifications over the API: list, unread count, mark read, preferences.

Everything is about the signed-in person only; another person's notification ids are ignored.
The viewset carries no docstring: drf-spectacular would make it every operation's description.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from collab.api.pagination import CursorPagination

from .. import selectors, services
from ..models import Kind
from .serializers import (
    ErrorSerializer,
    NotificationListInputSerializer,
    NotificationReadInputSerializer,
    NotificationReadResultSerializer,
    NotificationSerializer,
    PreferenceSerializer,
    PreferencesSetInputSerializer,
    UnreadCountSerializer,
)

_BAD_INPUT = OpenApiResponse(ErrorSerializer, description="Invalid input (`fields` says which).")


def _preferences(user) -> list[dict]:
    labels = dict(Kind.choices)
    return [
        {"kind": kind, "label": str(labels[kind]), "channel": channel}
        for kind, channel in selectors.preferences_for_user(user=user).items()
    ]


class NotificationViewSet(viewsets.ViewSet):
    pagination_class = CursorPagination

    @extend_schema(
        summary="Your notifications, newest first",
        parameters=[NotificationListInputSerializer],
        responses=NotificationSerializer(many=True),
    )
    def list(self, request):
        params = NotificationListInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = selectors.notification_list_for_user(user=request.user, unread_only=params.validated_data["unread"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(NotificationSerializer(page, many=True).data)

    @extend_schema(summary="How many notifications are unread (the bell)", responses=UnreadCountSerializer)
    def unread_count(self, request):
        return Response({"unread": selectors.unread_count(user=request.user)})

    @extend_schema(
        summary="Mark some notifications read",
        request=NotificationReadInputSerializer,
        responses={200: NotificationReadResultSerializer, 400: _BAD_INPUT},
        examples=[OpenApiExample("Two", value={"ids": [41, 42]}, request_only=True)],
    )
    def read(self, request):
        data = NotificationReadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.notification_mark_read(user=request.user, ids=data.validated_data["ids"])
        return Response({"changed": changed, "unread": selectors.unread_count(user=request.user)})

    @extend_schema(
        summary="Mark every notification read",
        request=None,
        responses=NotificationReadResultSerializer,
    )
    def read_all(self, request):
        changed = services.notification_mark_all_read(user=request.user)
        return Response({"changed": changed, "unread": 0})

    @extend_schema(summary="How you hear about each kind of news", responses=PreferenceSerializer(many=True))
    def preferences(self, request):
        return Response(PreferenceSerializer(_preferences(request.user), many=True).data)

    @extend_schema(
        summary="Choose the channel of some kinds",
        request=PreferencesSetInputSerializer,
        responses={200: PreferenceSerializer(many=True), 400: _BAD_INPUT},
        examples=[OpenApiExample("Quieter", value={"reply": "weekly", "mention": "instant"}, request_only=True)],
    )
    def preferences_set(self, request):
        data = PreferencesSetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.preferences_set(user=request.user, channels=data.validated_data)
        return Response(PreferenceSerializer(_preferences(request.user), many=True).data)
