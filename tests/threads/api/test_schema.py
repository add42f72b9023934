import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/spaces/",
    "/api/v1/spaces/{space_id}/",
    "/api/v1/spaces/{space_id}/threads/",
    "/api/v1/threads/{thread_id}/",
    "/api/v1/threads/{thread_id}/posts/",
    "/api/v1/threads/{thread_id}/replies/",
    "/api/v1/threads/{thread_id}/watch/",
    "/api/v1/threads/{thread_id}/read/",
    "/api/v1/threads/{thread_id}/pin/",
    "/api/v1/threads/{thread_id}/lock/",
    "/api/v1/threads/{thread_id}/accept/",
    "/api/v1/posts/{post_id}/",
    "/api/v1/posts/{post_id}/restore/",
    "/api/v1/posts/{post_id}/history/",
    "/api/v1/posts/{post_id}/reactions/",
    "/api/v1/search/",
]


def test_schema_documents_the_discussion_endpoints(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert set(PATHS) <= set(schema["paths"])
    for path in PATHS:
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                assert body.get("examples"), f"{method} {path} has no example"
    reply = schema["paths"]["/api/v1/threads/{thread_id}/replies/"]["post"]
    assert set(reply["responses"]) == {"201", "400", "404"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "message"]


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # Raises (SchemaGenerationError) on any warning, and on an invalid OpenAPI document.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/threads/{thread_id}/posts/" in (tmp_path / "schema.yml").read_text()
