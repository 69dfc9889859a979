import pytest


@pytest.fixture
def openapi(client):
    """The API's own OpenAPI document, as served."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()
