from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from accounts import selectors, services
from accounts.filters import PersonFilter
from accounts.models import Skill
from collab.api.pagination import PageNumberPagination

from .serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateInputSerializer,
    ApiTokenSerializer,
    DepartmentSerializer,
    InterestAddInputSerializer,
    InterestSerializer,
    MeSerializer,
    PersonSerializer,
    ProfileUpdateInputSerializer,
    SkillSerializer,
    UserSkillSerializer,
    UserSkillSetInputSerializer,
)


class MeViewSet(viewsets.ViewSet):
    """The signed-in person: profile, skills, interests and personal API tokens."""

    @extend_schema(responses=MeSerializer, summary="Your profile")
    def retrieve(self, request):
        return Response(MeSerializer(selectors.me_get(user=request.user)).data)

    @extend_schema(
        request=ProfileUpdateInputSerializer,
        responses=MeSerializer,
        summary="Change your profile",
        examples=[OpenApiExample("Free hours", value={"job_title": "Data engineer", "weekly_availability": 6})],
    )
    def partial_update(self, request):
        data = ProfileUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.profile_update(user=request.user, **data.to_service_kwargs())
        return Response(MeSerializer(selectors.me_get(user=request.user)).data)

    @extend_schema(
        request=UserSkillSetInputSerializer, responses=UserSkillSerializer, summary="Add a skill or change its level"
    )
    def skill_set(self, request, skill_id: str):
        skill = get_object_or_404(Skill, pk=skill_id)
        data = UserSkillSetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user_skill = services.user_skill_set(user=request.user, skill=skill, level=data.validated_data["level"])
        return Response(UserSkillSerializer(user_skill).data)

    @extend_schema(request=None, responses={204: None}, summary="Remove a skill")
    def skill_remove(self, request, skill_id: str):
        skill = get_object_or_404(Skill, pk=skill_id)
        services.user_skill_remove(user=request.user, skill=skill)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=InterestAddInputSerializer,
        responses={201: InterestSerializer},
        summary="Add an interest (a skill or a free topic)",
        examples=[OpenApiExample("Topic", value={"topic": "data visualisation"})],
    )
    def interest_add(self, request):
        data = InterestAddInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interest = services.interest_add(
            user=request.user, skill=data.validated_data.get("skill"), topic=data.validated_data.get("topic", "")
        )
        return Response(InterestSerializer(interest).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None}, summary="Remove an interest")
    def interest_remove(self, request, interest_id: str):
        services.interest_remove(user=request.user, interest_id=int(interest_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=ApiTokenSerializer(many=True), summary="Your API tokens")
    def token_list(self, request):
        return Response(ApiTokenSerializer(selectors.api_token_list_for_user(user=request.user), many=True).data)

    @extend_schema(
        request=ApiTokenCreateInputSerializer,
        responses={201: ApiTokenCreatedSerializer},
        summary="Create an API token (the secret is returned once)",
        examples=[OpenApiExample("Script token", value={"name": "weekly report script"})],
    )
    def token_create(self, request):
        data = ApiTokenCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = services.api_token_create(user=request.user, **data.validated_data)
        token.token = key
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None}, summary="Revoke an API token")
    def token_revoke(self, request, token_id: str):
        services.api_token_revoke(user=request.user, token_id=int(token_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(summary="The company directory"), retrieve=extend_schema(summary="One person"))
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PersonSerializer
    pagination_class = PageNumberPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = PersonFilter

    def get_queryset(self):
        return selectors.person_list(viewer=self.request.user)

    def get_object(self):
        return selectors.person_get(viewer=self.request.user, user_id=int(self.kwargs["pk"]))


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DepartmentSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.department_list()


class SkillViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SkillSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.skill_list(search=self.request.query_params.get("q", ""))
