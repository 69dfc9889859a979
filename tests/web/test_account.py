"""Registering, signing in, profiles and passwords through the pages."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from consult.db import get_session
from consult.models import User
from consult.services import accounts, demo
from tests.conftest import PASSWORD

NEW = {"name": "Nia New", "email": "Nia@Example.org", "password": "a long password", "organisation": "NGO",
       "country": "KE", "group": "civil_society"}


def test_register_then_sign_in(app, as_):
    visitor = as_(app, None)
    response = visitor.form("/register", NEW)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    signed = visitor.log_in("nia@example.org", "a long password")
    assert signed.status_code == 302
    page = visitor.get("/account").get_data(as_text=True)
    assert "nia@example.org" in page and "Nia New" in page
    with app.app_context():
        user = accounts.find_by_email(get_session(), "NIA@example.org")
        assert user.password_hash.startswith("$argon2id$")
        assert (user.country, user.stakeholder_group.value, user.role.value) == ("KE", "civil_society", "expert")


def test_registering_a_taken_email_answers_exactly_like_a_new_one(app, as_):
    fresh = as_(app, None).form("/register", NEW)
    taken = as_(app, None).form("/register", {**NEW, "email": "expert@example.org"})
    assert (fresh.status_code, fresh.headers["Location"].split("?")[0]) == (
        taken.status_code, taken.headers["Location"].split("?")[0])
    with app.app_context():
        assert accounts.authenticate(get_session(), "expert@example.org", PASSWORD) is not None


def test_invalid_registration_shows_errors_beside_fields_and_keeps_input(app, as_):
    response = as_(app, None).form("/register", {**NEW, "name": "", "country": "XX", "password": "short"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="name-error"' in html and 'id="country-error"' in html and 'id="password-error"' in html
    assert 'value="Nia@Example.org"' in html and 'value="NGO"' in html
    assert 'aria-invalid="true"' in html


def test_sign_in_errors_do_not_say_whether_the_email_exists(app, as_):
    unknown = as_(app, None).form("/login", {"email": "nobody@example.org", "password": "whatever pw"})
    wrong = as_(app, None).form("/login", {"email": "expert@example.org", "password": "whatever pw"})
    assert unknown.status_code == wrong.status_code == 401

    def message(response):
        return re.search(r'role="alert"><p>(.*?)</p>', response.get_data(as_text=True))[1]

    assert message(unknown) == message(wrong)


def test_sign_in_returns_to_a_local_page_only(app, as_):
    visitor = as_(app, None)
    local = visitor.form("/login", {"email": "expert@example.org", "password": PASSWORD, "next": "/me/comments"})
    assert local.headers["Location"] == "/me/comments"
    other = as_(app, None).form("/login", {"email": "expert@example.org", "password": PASSWORD,
                                           "next": "https://evil.example/"})
    assert other.headers["Location"] == "/"


def test_changing_the_password_signs_out_other_sessions(app, as_):
    laptop, phone = as_(app, None), as_(app, None)
    for device in (laptop, phone):
        assert device.log_in("expert@example.org", PASSWORD).status_code == 302
    changed = laptop.form("/account/password", {"current_password": PASSWORD, "new_password": "a brand new password"})
    assert changed.status_code == 302
    assert laptop.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302  # signed out
    assert as_(app, None).form("/login", {"email": "expert@example.org", "password": PASSWORD}).status_code == 401


def test_profile_edit_saves_and_validates(app, as_):
    expert = as_(app, "expert")
    bad = expert.form("/account", {"name": "", "organisation": "X", "country": "FR", "group": "academia"})
    assert bad.status_code == 422 and "Enter your name." in bad.get_data(as_text=True)
    good = expert.form("/account", {"name": "Ana Renamed", "organisation": "X", "country": "FR", "group": "academia"})
    assert good.status_code == 302
    assert "Ana Renamed" in expert.get("/account").get_data(as_text=True)


def test_admin_changes_a_role_and_it_is_audited(app, as_):
    from consult.models import AuditEvent

    admin = as_(app, "admin")
    other = as_(app, "other_expert")
    assert admin.form(f"/admin/users/{other.user.id}/role", {"role": "editor"}).status_code == 302
    assert admin.form(f"/admin/users/{other.user.id}/role", {"role": "emperor"}).status_code == 422
    with app.app_context():
        event = get_session().scalar(select(AuditEvent).where(AuditEvent.action == "user.role_change"))
        assert (event.target_id, event.details) == (other.user.id, {"old": "expert", "new": "editor"})
    assert "Olu Otherexpert" in admin.get("/admin/users?q=olu").get_data(as_text=True)


def test_the_accounts_page_comes_a_hundred_at_a_time(app, as_):
    admin = as_(app, "admin")
    with app.app_context():
        session = get_session()
        demo.seed_synthetic(session, 300)  # about 300 synthetic experts
        session.commit()
        total = session.scalar(select(func.count()).select_from(User))
    first = admin.get("/admin/users").get_data(as_text=True)
    pages = -(-total // 100)
    assert f"{total} accounts; page 1 of {pages}." in first and first.count('name="role"') == 100
    last = admin.get(f"/admin/users?page={pages}").get_data(as_text=True)
    assert last.count('name="role"') == total - 100 * (pages - 1) and 'rel="next"' not in last
    assert admin.get("/admin/users?page=99").get_data(as_text=True) == last  # past the end: the last page
    searched = admin.get("/admin/users?q=synthetic+expert+12").get_data(as_text=True)
    assert "accounts match “synthetic expert 12”." in searched and "page 1 of" not in searched
