"""The request and response plumbing every project teams API viewset uses."""

from rest_framework import serializers
from rest_framework.response import Response


def _flatten(errors, path: str, out: dict[str, list]) -> dict[str, list]:
    """DRF's nested errors as `{"roles[0].skills[1].skill_id": [...]}`, the paths the services use."""
    if isinstance(errors, dict):
        for key, value in errors.items():
            if key == "non_field_errors" and path:
                child = path
            elif isinstance(key, int) or str(key).isdigit():
                child = f"{path}[{key}]"
            else:
                child = f"{path}.{key}" if path else str(key)
            _flatten(value, child, out)
    elif isinstance(errors, list) and errors and not all(isinstance(e, str) for e in errors):
        for index, value in enumerate(errors):
            _flatten(value, f"{path}[{index}]", out)
    elif errors:
        out.setdefault(path or "non_field_errors", []).extend(errors if isinstance(errors, list) else [errors])
    return out


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    if not serializer.is_valid():
        raise serializers.ValidationError(_flatten(serializer.errors, "", {}))
    return serializer.validated_data


def _paginated(view, queryset, serializer_class, *, page_fn=None, **kwargs) -> Response:
    """One page of `queryset`; `page_fn` turns the page's rows into what is serialized (all at once,
    so what it reads costs the same for 2 rows or 50)."""
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    if page_fn is not None:
        page = page_fn(page)
    return paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)
