"""Flag a post, an idea or a person over the API. The viewset carries no docstring: drf-spectacular
would make it every operation's description."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from collab.api.throttling import WriteRateThrottle

from .. import services
from .serializers import ErrorSerializer, FlagCreateInputSerializer, FlagSerializer
from .throttling import FlagIpThrottle, FlagUserThrottle


class FlagViewSet(viewsets.ViewSet):
    throttle_classes = [WriteRateThrottle, FlagUserThrottle, FlagIpThrottle]

    @extend_schema(
        summary="Flag a post, an idea or a person for moderators",
        request=FlagCreateInputSerializer,
        responses={
            201: FlagSerializer,
            400: OpenApiResponse(ErrorSerializer, description="`invalid`, `invalid_flag` or `own_content`."),
            404: OpenApiResponse(ErrorSerializer, description="No such item, or one you cannot see."),
            409: OpenApiResponse(ErrorSerializer, description="`already_flagged`: your flag on it is still open."),
            429: OpenApiResponse(ErrorSerializer, description="Too many flags: wait `Retry-After` seconds."),
        },
        examples=[
            OpenApiExample(
                "Spam reply",
                value={"target_kind": "post", "target_id": 42, "reason": "spam", "note": "Crypto link"},
                request_only=True,
            )
        ],
    )
    def create(self, request):
        data = FlagCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            flag = services.flag_create(reporter=request.user, **data.validated_data)
        except services.TooManyFlags as exc:
            raise exceptions.Throttled(wait=exc.extra.get("retry_after"), detail=exc.message) from exc
        return Response(FlagSerializer(flag).data, status=status.HTTP_201_CREATED)
