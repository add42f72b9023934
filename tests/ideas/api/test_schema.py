import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/boards/",
    "/api/v1/boards/{board_id}/",
    "/api/v1/boards/{board_id}/ideas/",
    "/api/v1/boards/{board_id}/similar/",
    "/api/v1/boards/{board_id}/guests/",
    "/api/v1/boards/{board_id}/guests/{user_id}/",
    "/api/v1/ideas/",
    "/api/v1/ideas/{idea_id}/",
    "/api/v1/ideas/{idea_id}/vote/",
    "/api/v1/ideas/{idea_id}/vote/acknowledge/",
    "/api/v1/ideas/{idea_id}/status/",
    "/api/v1/ideas/{idea_id}/merge/",
    "/api/v1/ideas/{idea_id}/follow/",
    "/api/v1/ideas/{idea_id}/coauthors/",
    "/api/v1/ideas/{idea_id}/coauthors/accept/",
    "/api/v1/ideas/{idea_id}/coauthors/{user_id}/",
    "/api/v1/ideas/{idea_id}/customer-votes/",
    "/api/v1/ideas/{idea_id}/customer-votes/{customer_id}/",
    "/api/v1/ideas/{idea_id}/hide/",
    "/api/v1/ideas/{idea_id}/restore/",
    "/api/v1/customers/",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_documents_the_idea_board_endpoints(schema):
    assert set(PATHS) <= set(schema["paths"])
    for path in PATHS:
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                assert body.get("examples"), f"{method} {path} has no example"
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    assert response["content"]["application/json"]["schema"] == {
                        "$ref": "#/components/schemas/Error"
                    }, (method, path, code)


def test_schema_gives_the_409_conflicts_and_the_list_parameters(schema):
    paths = schema["paths"]
    vote = paths["/api/v1/ideas/{idea_id}/vote/"]
    assert set(vote["put"]["responses"]) == {"200", "400", "404", "409"}
    assert "vote_budget_exhausted" in vote["put"]["responses"]["409"]["description"]
    ranked = paths["/api/v1/boards/{board_id}/ideas/"]["get"]
    parameters = {p["name"]: p for p in ranked["parameters"]}
    assert {"sort", "status", "tag", "mine", "voted", "customer", "customer_voice", "q", "page"} <= set(parameters)
    assert parameters["sort"]["schema"]["enum"] == ["hot", "top", "new", "trending", "random"]
    page = ranked["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/PaginatedIdeaListItemList"}
    similar = paths["/api/v1/boards/{board_id}/similar/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert similar["schema"]["type"] == "array"  # not paginated
    detail = schema["components"]["schemas"]["IdeaDetail"]["properties"]
    assert {"my_vote", "following", "votes_left", "merged_into", "changed_since_my_vote", "coauthors"} <= set(detail)
    assert paths["/api/v1/ideas/{idea_id}/"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # Raises (SchemaGenerationError) on any warning, and on an invalid OpenAPI document.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    text = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/boards/{board_id}/ideas/:" in text
    assert "/api/v1/customers/:" in text
