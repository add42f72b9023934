"""The request and response plumbing every idea API viewset uses."""

from rest_framework.response import Response


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _context(request) -> dict:
    return {"show_customers": not request.user.is_guest}


def _paginated(view, queryset, serializer_class, *, each=None, **kwargs) -> Response:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    if each is not None:
        page = [each(row) for row in page]
    return paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)
