import pytest
from django.test import Client


@pytest.mark.django_db
def test_home_page_is_swedish(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_still_gets_swedish_until_the_user_switches(client: Client) -> None:
    response = client.get("/konto/logga-in/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/konto/logga-in/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="en">' in response.content.decode()
