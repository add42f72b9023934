from django.shortcuts import render

from .exceptions import ApplicationError


class ApplicationErrorMiddleware:
    """A domain rule broken during a page request becomes a 4xx page with the message, never a 500.
    (NotFound and Forbidden are Http404/PermissionDenied too and take Django's own path.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApplicationError) and exception.status_code < 500:
            return render(request, "error.html", {"message": exception.message}, status=exception.status_code)
        return None
