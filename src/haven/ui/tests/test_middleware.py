from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from haven.ui.forms import KEPT_FORM_SESSION_KEY
from haven.ui.middleware import KEPT_MESSAGE, SIGNED_OUT_MESSAGE, TIMED_OUT_FIELD

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_urls")]

TYPED = {
    "child_name": "Ada Example",
    "seen_alone": "yes",
    "visit_date-day": "",
    "password": "not-to-be-kept",
    "csrfmiddlewaretoken": "token",
}


@pytest.fixture
def test_urls() -> Iterator[None]:
    with override_settings(ROOT_URLCONF="haven.ui.tests.urls", STORAGES=PLAIN_STORAGES):
        yield


@pytest.fixture
def user() -> Any:
    return get_user_model().objects.create_user(username="worker", password="x" * 16)


def test_a_signed_out_post_is_kept_and_the_user_sent_to_sign_in(client: Client) -> None:
    response = client.post("/note/?step=2", TYPED)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/note/%3Fstep%3D2"
    assert client.session[KEPT_FORM_SESSION_KEY] == {
        "path": "/note/",
        "data": {"child_name": ["Ada Example"], "seen_alone": ["yes"], "visit_date-day": [""]},
    }


def test_the_sign_in_page_says_why_without_repeating_the_form(client: Client) -> None:
    response = client.post("/note/", TYPED, follow=True)

    text = response.content.decode()
    assert SIGNED_OUT_MESSAGE in text
    assert "Ada" not in text


def test_after_sign_in_the_form_is_put_back_once(client: Client, user: Any) -> None:
    client.post("/note/", TYPED)
    client.force_login(user)

    restored = client.get("/note/").content.decode()
    again = client.get("/note/").content.decode()

    assert 'value="Ada Example"' in restored
    assert 'value="yes" id="id_seen_alone" checked' in restored
    assert "not-to-be-kept" not in restored
    assert 'value="Ada Example"' not in again
    assert KEPT_FORM_SESSION_KEY not in client.session


def test_kept_data_is_only_given_to_the_page_it_came_from(client: Client, user: Any) -> None:
    client.post("/note/", TYPED)
    session = client.session
    session[KEPT_FORM_SESSION_KEY] = {**session[KEPT_FORM_SESSION_KEY], "path": "/elsewhere/"}
    session.save()
    client.force_login(user)

    assert 'value="Ada Example"' not in client.get("/note/").content.decode()


def test_public_pages_and_gets_are_left_alone(client: Client) -> None:
    assert client.post("/accounts/sign-in/", {"username": "x"}).status_code == 200
    assert client.get("/note/")["Location"] == "/accounts/sign-in/?next=/note/"
    assert KEPT_FORM_SESSION_KEY not in client.session


def test_a_signed_in_post_goes_to_the_view(client: Client, user: Any) -> None:
    client.force_login(user)
    data = {**TYPED, "visit_date-day": "1", "visit_date-month": "1", "visit_date-year": "2020"}

    assert client.post("/note/", data).content == b"saved"


def test_a_form_left_open_at_time_out_is_kept_not_submitted(client: Client, user: Any) -> None:
    client.force_login(user)
    data = {**TYPED, "visit_date-day": "1", "visit_date-month": "1", "visit_date-year": "2020"}

    response = client.post("/note/", {**data, TIMED_OUT_FIELD: "1"}, follow=True)

    text = response.content.decode()
    assert response.redirect_chain == [("/note/", 302)]
    assert 'value="Ada Example"' in text
    assert KEPT_MESSAGE in text


def test_htmx_requests_are_redirected_with_a_header(client: Client) -> None:
    response = client.post("/note/", TYPED, headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/accounts/sign-in/?next=/note/"
