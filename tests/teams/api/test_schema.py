import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/projects/",
    "/api/v1/projects/{project_id}/",
    "/api/v1/projects/{project_id}/publish/",
    "/api/v1/projects/{project_id}/close/",
    "/api/v1/projects/{project_id}/roles/",
    "/api/v1/projects/{project_id}/members/",
    "/api/v1/projects/{project_id}/proposals/",
    "/api/v1/roles/{role_id}/",
    "/api/v1/roles/{role_id}/volunteer/",
    "/api/v1/proposals/{proposal_id}/",
    "/api/v1/proposals/{proposal_id}/swap/",
    "/api/v1/proposals/{proposal_id}/confirm/",
    "/api/v1/memberships/",
    "/api/v1/memberships/{membership_id}/accept/",
    "/api/v1/memberships/{membership_id}/decline/",
    "/api/v1/memberships/{membership_id}/leave/",
    "/api/v1/rounds/",
    "/api/v1/rounds/{round_id}/",
    "/api/v1/rounds/{round_id}/confirm/",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_documents_the_teams_endpoints(schema):
    assert set(PATHS) <= set(schema["paths"])
    for path in PATHS:
        for method, operation in schema["paths"][path].items():
            assert operation.get("summary"), (method, path)
            assert not operation.get("description", "").startswith(("The project teams API", "Projects:")), (
                "a viewset docstring leaked into",
                method,
                path,
            )
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                assert body.get("examples"), f"{method} {path} has no example"
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    assert response["content"]["application/json"]["schema"] == {
                        "$ref": "#/components/schemas/Error"
                    }, (method, path, code)


def test_schema_gives_the_lists_their_pages_and_parameters(schema):
    paths = schema["paths"]
    projects = paths["/api/v1/projects/"]["get"]
    assert {"status", "owned", "q", "page", "page_size"} <= {p["name"] for p in projects["parameters"]}
    page = projects["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/PaginatedProjectList"}
    for path, component in [
        ("/api/v1/projects/{project_id}/members/", "PaginatedMembershipList"),
        ("/api/v1/memberships/", "PaginatedMembershipList"),
        ("/api/v1/rounds/", "PaginatedFormationRoundList"),
    ]:
        assert paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{component}"
        }, path
    roles = paths["/api/v1/projects/{project_id}/roles/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert roles["schema"]["type"] == "array"  # not paginated


def test_schema_explains_conflicts_and_proposals(schema):
    paths, components = schema["paths"], schema["components"]["schemas"]
    confirm = paths["/api/v1/proposals/{proposal_id}/confirm/"]["post"]["responses"]
    assert "seats_unavailable" in confirm["409"]["description"]
    assert confirm["409"]["content"]["application/json"]["examples"]
    assert (
        "invalid_assignment"
        in paths["/api/v1/proposals/{proposal_id}/swap/"]["post"]["responses"]["400"]["description"]
    )
    assert paths["/api/v1/rounds/"]["post"]["responses"].keys() >= {"202", "400", "403", "409"}
    role = components["ProjectRole"]["properties"]
    assert {"skills", "live_count", "accepted_count", "volunteer_count", "fit"} <= set(role)
    assert {"score", "reason", "enough_hours"} <= set(components["RoleFit"]["properties"])
    uncovered = components["UncoveredSkill"]["properties"]
    assert {"reason", "message"} <= set(uncovered)
    seat = components["ProposedSeat"]["properties"]
    assert {"member", "alternatives"} <= set(seat)
    hours = components["RoleCreateInputRequest"]["properties"]["hours_per_week"]
    assert "1 to 60" in hours["description"]


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # Raises (SchemaGenerationError) on any warning, and on an invalid OpenAPI document.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    text = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/projects/{project_id}/proposals/:" in text
    assert "/api/v1/rounds/{round_id}/confirm/:" in text
