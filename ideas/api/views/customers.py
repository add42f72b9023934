"""Customer accounts, for the staff who capture customers' voice. Guests never reach them."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from collab.api.pagination import PageNumberPagination
from ideas import selectors

from ..serializers import CustomerSerializer
from ._common import _paginated
from ._schema import _errors


class CustomerViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Customer accounts (staff with customer voice)",
        description="The accounts ideas and votes can be captured for. 403 for everyone else.",
        responses={200: CustomerSerializer(many=True), **_errors(403)},
    )
    def list(self, request):
        return _paginated(self, selectors.customer_list_for_user(user=request.user), CustomerSerializer)
